"""Rules every piece of the real course content must satisfy."""
from __future__ import annotations

import pytest

from compliance_course.data import table


def test_course_data_loads(course):
    assert course.modules and course.questions and course.facts


def test_every_fact_and_question_carries_a_source(course):
    """Does every fact and every question name a primary source?"""
    missing = [f.id for f in course.facts.values() if not f.source.strip()]
    missing += [q.id for q in course.questions.values() if not q.source.strip()]
    assert missing == []


def test_every_wrong_choice_is_explained_or_the_explanation_covers_it(course):
    """Does each question explain itself (an explanation is always present)?"""
    assert all(q.explanation.strip() for q in course.questions.values())


def test_exam_questions_are_never_practice_questions(course):
    """Is no exam prompt reused as a practice prompt (one source of truth, no leaks)?"""
    practice = {q.prompt.strip().lower() for q in course.questions_for(use="practice")}
    leaked = [q.id for q in course.questions_for(use="exam") if q.prompt.strip().lower() in practice]
    assert leaked == []


def test_every_module_has_a_lesson(course):
    """Can every module with content show objectives and key points?"""
    with_content = {q.module for q in course.questions.values()} | {f.module for f in course.facts.values()}
    assert sorted(with_content - set(course.lessons)) == []


@pytest.mark.parametrize("name", ["nist_800_171_r2", "nist_800_171_r3", "fedramp_rev5_baselines",
                                  "hipaa_security_rule", "nist_800_53_r5_controls"])
def test_reference_tables_load_with_a_source(course, name):
    frame = table(name)
    assert len(frame) > 0
    assert course.tables[name].source


def test_reference_table_counts_match_sources_md():
    """Do the shipped tables have the row counts SOURCES.md documents?"""
    assert len(table("nist_800_171_r2")) == 110
    r3 = table("nist_800_171_r3")
    assert (r3["status"] == "active").sum() == 97
    assert len(table("nist_800_53_r5_controls")) == 1189


def test_identifiers_stay_text():
    """Are ids such as "03.01" kept as text, not turned into numbers?"""
    assert table("nist_800_171_r3")["family_id"].iloc[0] == "03.01"
