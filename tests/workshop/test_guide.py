"""Do the facilitator guide, the cards and the answer sheet carry the course data, and only where they should?"""
from __future__ import annotations

import html
import re

import pytest

from compliance_course.workshop.document import to_html, to_markdown
from compliance_course.workshop.guide import (answers_document, cards_document, guide_document, module_agenda,
                                              write_kit)

from workshop_fixtures import ROOT, demo_course, workshop_data  # noqa: F401  (fixtures)


@pytest.fixture
def guide_md(demo_course):
    return to_markdown(guide_document("demo", 60))


def test_guide_carries_every_part_of_the_lesson(demo_course, guide_md):
    """Does the guide quote objectives, key points, prompts, misconceptions and sources from the lesson file?"""
    lesson = demo_course.lessons["demo"]
    for text in [*lesson.objectives, *lesson.key_points, *lesson.discussion_prompts, *lesson.sources]:
        assert text in guide_md
    m = lesson.misconceptions[0]
    assert f"| {m.claim} | {m.correction} | {m.source} |" in guide_md


def test_guide_has_the_audience_and_the_opening_question_from_workshop_yaml(guide_md):
    assert "The demo team." in guide_md
    assert "Who has met the demo rule?" in guide_md


def test_room_disagrees_lists_general_then_module_steps(guide_md):
    section = guide_md.split("## When the room disagrees")[1].split("##")[0]
    assert re.findall(r"^\d\. (.*)$", section, re.M) == [
        "Show the vote before the answer.", "Read the source aloud.", "Check which demo edition applies."]


def test_agenda_table_matches_the_computed_agenda(guide_md):
    """60 minutes for the demo module: opening 5, teach 18, four 7-minute rounds, debrief 9."""
    rows = re.findall(r"^\| (\d:\d\d–\d:\d\d) \| ([^|]+) \| (\d+) \|", guide_md, re.M)
    assert [(t, int(m)) for t, _title, m in rows] == [
        ("0:00–0:05", 5), ("0:05–0:23", 18), ("0:23–0:30", 7), ("0:30–0:37", 7), ("0:37–0:44", 7),
        ("0:44–0:51", 7), ("0:51–1:00", 9)]
    assert rows[2][1].strip() == "Round 1: Demo case 1"


def test_each_round_shows_the_scenario_and_its_answer(demo_course, guide_md):
    s = demo_course.scenarios["demo-s-02"]
    block = guide_md.split("### Round 2: Demo case 2")[1].split("###")[0]
    assert s.situation in block and "A. Yes" in block and "B. No" in block
    assert "Answer: No" in block and s.explanation in block and s.source in block


def test_scenarios_that_do_not_fit_are_listed_as_spares(guide_md):
    spares = guide_md.split("## Spare scenarios")[1]
    assert [t for t in re.findall(r"^### (.*)$", spares, re.M)] == ["Demo case 5", "Demo case 6", "Demo pick"]


def test_90_minute_guide_has_a_break_and_more_rounds(demo_course):
    md = to_markdown(guide_document("demo", 90))
    assert "| Break | 5 |" in md
    assert len(re.findall(r"^### Round \d", md, re.M)) == 6


def test_a_module_without_workshop_notes_falls_back_to_who_asks(demo_course, workshop_data):
    lesson = (workshop_data / "lessons" / "demo.yaml").read_text().replace("module: demo", "module: other")
    (workshop_data / "lessons" / "other.yaml").write_text(lesson)
    from compliance_course.data import load_course
    load_course.cache_clear()
    md = to_markdown(guide_document("other", 60))
    assert "| Audience | Other people. |" in md
    assert "Where has Other come up in your work so far?" in md


def test_a_module_without_a_lesson_is_refused_with_the_file_to_write(demo_course):
    with pytest.raises(ValueError, match=r"module 'other' has no lesson in course_data/lessons/other.yaml"):
        guide_document("other", 60)


def test_html_escapes_content(demo_course):
    page = to_html(guide_document("demo", 60))
    assert "<b>markup</b>" not in page
    assert html.escape("Situation number 1 with <b>markup</b> & ampersand.") in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page


def test_cards_hold_no_answers_and_one_card_per_scenario(demo_course):
    page = to_html(cards_document("demo"))
    assert page.count('<section class="card">') == len(demo_course.scenarios_for("demo")) == 7
    for s in demo_course.scenarios_for("demo"):
        assert html.escape(s.explanation) not in page
    assert "Answer:" not in page and "Source" not in page
    assert "break-before: page" in page  # one card per printed page


def test_answer_sheet_has_every_answer_with_reason_and_source(demo_course):
    md = to_markdown(answers_document("demo"))
    for i, s in enumerate(demo_course.scenarios_for("demo"), 1):
        assert f"| {i} | {s.title} | {s.expected_option} | {s.explanation} | {s.source} |" in md
    assert "facilitator only" in md


def test_the_guide_names_the_content_version(demo_course, guide_md):
    assert f"version {demo_course.version}" in guide_md


def test_write_kit_writes_guides_cards_and_answers(demo_course, tmp_path):
    names = sorted(p.name for p in write_kit("demo", tmp_path / "kit"))
    assert names == ["demo-answers.html", "demo-cards.html", "demo-guide-60min.html", "demo-guide-60min.md",
                     "demo-guide-90min.html", "demo-guide-90min.md"]


def test_module_agenda_counts_the_modules_scenarios(demo_course):
    assert len(module_agenda("demo", 60).spare_scenarios) == 3


def test_real_course_guides_build_for_every_module_with_a_lesson():
    """Does every module that has a lesson today get a 60- and 90-minute guide without error?"""
    from compliance_course.data import load_course
    course = load_course(ROOT / "course_data")
    for module in course.lessons:
        for length in (60, 90):
            assert guide_document(module, length, course=course).sections


def test_rounds_chosen_in_workshop_yaml_come_first_in_that_order(demo_course, workshop_data):
    path = workshop_data / "workshop.yaml"
    path.write_text(path.read_text().replace("    audience: The demo team.",
                                             "    audience: The demo team.\n    rounds: [demo-s-07, demo-s-03]"))
    agenda = module_agenda("demo", 60)
    assert [s.scenario for s in agenda.segments if s.kind == "round"] == [
        "demo-s-07", "demo-s-03", "demo-s-01", "demo-s-02"]
    assert agenda.spare_scenarios == ("demo-s-04", "demo-s-05", "demo-s-06")
