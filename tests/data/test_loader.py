"""Does bad course data fail with a message that names the file, the item and the field?"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from compliance_course.data import load_course
from compliance_course.errors import CourseDataError


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1))


def _load_error(root: Path) -> str:
    load_course.cache_clear()
    with pytest.raises(CourseDataError) as info:
        load_course(root)
    return str(info.value)


def test_fixture_course_loads(mini_course):
    """Is the untouched fixture valid, so that each test below breaks exactly one thing?"""
    load_course.cache_clear()
    course = load_course(mini_course)
    assert set(course.questions) == {"demo-q-01", "demo-q-02", "demo-q-03", "demo-q-04"}
    assert course.questions["demo-q-02"].answer == ("A", "B")


def test_missing_source_is_named(mini_course):
    """Is a question without a source reported with file, id and field?"""
    _edit(mini_course / "questions/demo.yaml", "    source: Demo Act, section 1\n", "")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-01': source: Field required")


def test_empty_source_on_a_fact_is_named(mini_course):
    """Is a fact whose source is blank rejected?"""
    _edit(mini_course / "facts/demo.yaml", "source: Demo Act, section 1", "source: ''")
    message = _load_error(mini_course)
    assert message.startswith("course_data/facts/demo.yaml: fact 'demo-fact-01': source: ")
    assert "at least 1 character" in message


def test_duplicate_id_is_named(mini_course):
    """Is the second use of an id reported, with where the first one is?"""
    _edit(mini_course / "questions/demo.yaml", "id: demo-q-02", "id: demo-q-01")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-01': id: duplicate id, "
        "also in course_data/questions/demo.yaml")


def test_duplicate_id_across_kinds(mini_course):
    """Must ids be unique across facts, questions and scenarios too?"""
    _edit(mini_course / "questions/demo.yaml", "id: demo-q-04", "id: demo-fact-01")
    assert "question 'demo-fact-01': id: duplicate id, also in course_data/facts/demo.yaml" in _load_error(mini_course)


def test_answer_not_among_choices(mini_course):
    """Does an answer key that is not a choice give the message the issue quotes?"""
    _edit(mini_course / "questions/demo.yaml", "    answer: B\n", "    answer: E\n")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-01': answer: 'E' is not one of the choices "
        "['A', 'B', 'C']")


def test_multiple_select_answer_not_among_choices(mini_course):
    _edit(mini_course / "questions/demo.yaml", "answer: [A, B]", "answer: [A, Z]")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-02': answer: ['Z'] not among the choices "
        "['A', 'B', 'C']")


def test_unknown_module(mini_course):
    """Is a file that names a module not in modules.yaml rejected, listing the known ones?"""
    _edit(mini_course / "questions/demo.yaml", "module: demo", "module: demoo")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: module: unknown module 'demoo'; known: demo")


def test_malformed_yaml_shows_line(mini_course):
    """Does a YAML syntax error name the file and the line?"""
    _edit(mini_course / "facts/demo.yaml", "    confidence: primary", "    confidence: [primary")
    message = _load_error(mini_course)
    assert re.match(r"course_data/facts/demo\.yaml: line \d+, column \d+: malformed YAML: ", message), message
    line = int(re.search(r"line (\d+)", message).group(1))
    assert 6 <= line <= 8  # the broken line is line 7; the parser may point at the next token


def test_all_problems_reported_at_once(mini_course):
    """Are two independent mistakes both listed in one error?"""
    _edit(mini_course / "questions/demo.yaml", "    answer: B\n", "    answer: E\n")
    _edit(mini_course / "facts/demo.yaml", "confidence: primary", "confidence: sure")
    message = _load_error(mini_course)
    assert message.startswith("course data has 2 problems:")
    assert "fact 'demo-fact-01': confidence: Input should be 'primary', 'secondary' or 'from-knowledge'" in message
    assert "question 'demo-q-01': answer: 'E'" in message


def test_unknown_field_is_rejected(mini_course):
    """Is a misspelt field caught rather than silently ignored?"""
    _edit(mini_course / "questions/demo.yaml", "    difficulty: medium", "    dificulty: medium")
    message = _load_error(mini_course)
    assert "question 'demo-q-02': difficulty: Field required" in message
    assert "question 'demo-q-02': dificulty: Extra inputs are not permitted" in message


def test_true_false_answer_must_be_bool(mini_course):
    _edit(mini_course / "questions/demo.yaml", "answer: false", "answer: maybe")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-03': answer: a true_false answer is true or false")


def test_question_scenario_must_exist(mini_course):
    """Does a question that points to a missing scenario fail?"""
    _edit(mini_course / "questions/demo.yaml", "    use: exam\n", "    use: exam\n    scenario: no-such-scenario\n")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-03': scenario: unknown scenario 'no-such-scenario'")


def test_table_without_description(mini_course):
    """Is a reference CSV without a source entry in tables.yaml reported?"""
    (mini_course / "tables" / "orphan.csv").write_text("a,b\n1,2\n")
    assert _load_error(mini_course) == (
        "course_data/tables/orphan.csv: source: this table is not described in tables/tables.yaml")


def test_version_changes_with_content(mini_course):
    """Does the content version (on completion records) change when content changes?"""
    load_course.cache_clear()
    before = load_course(mini_course).version
    _edit(mini_course / "facts/demo.yaml", "has 3 parts", "has three parts")
    load_course.cache_clear()
    assert load_course(mini_course).version != before


def test_practice_question_cannot_use_an_exam_scenario(mini_course):
    """Is an exam-only scenario kept out of practice questions?"""
    (mini_course / "scenarios/demo.yaml").write_text(
        "module: demo\nscenarios:\n  - id: demo-scn-exam\n    title: T\n    situation: S\n    question: Q\n"
        "    engine: frameworks.frameworks_for\n    inputs: {}\n    expected: []\n    explanation: E\n"
        "    source: Demo Act\n    use: exam\n")
    _edit(mini_course / "questions/demo.yaml", "    use: practice\n", "    use: practice\n    scenario: demo-scn-exam\n")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-01': scenario: 'demo-scn-exam' is an exam scenario "
        "and cannot appear in practice")


def test_single_file_models_report_file_line_and_field(mini_course):
    """Do exams.yaml and workshop.yaml (single-file models) get the same located errors?"""
    from pydantic import BaseModel

    from compliance_course.data.loader import load_yaml_model

    class Settings(BaseModel):
        pass_threshold: float

    path = mini_course / "settings.yaml"
    with pytest.raises(CourseDataError, match=r"^course_data/settings\.yaml: missing: needed for the test$"):
        load_yaml_model(path, Settings, missing="needed for the test")
    path.write_text("pass_threshold: [0.8\n")
    with pytest.raises(CourseDataError, match=r"^course_data/settings\.yaml: line \d+, column \d+: malformed YAML"):
        load_yaml_model(path, Settings, missing="")
    path.write_text("pass_threshold: high\n")
    with pytest.raises(CourseDataError) as info:
        load_yaml_model(path, Settings, missing="")
    assert str(info.value) == ("course_data/settings.yaml: pass_threshold: "
                               "Input should be a valid number, unable to parse string as a number")


def test_rests_on_unknown_fact_is_named(mini_course):
    """Does a question that rests on a fact id that does not exist fail with file, item and field?"""
    _edit(mini_course / "questions/demo.yaml", "    use: exam\n", "    use: exam\n    rests_on: [demo-fact-99]\n")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-03': rests_on: unknown fact 'demo-fact-99'")


def test_scenario_rests_on_unknown_fact_is_named(mini_course):
    """Is the same located error given for a scenario?"""
    (mini_course / "scenarios/demo.yaml").write_text(
        "module: demo\nscenarios:\n  - id: demo-scn-1\n    title: T\n    situation: S\n    question: Q\n"
        "    engine: frameworks.frameworks_for\n    inputs: {}\n    expected: []\n    explanation: E\n"
        "    source: Demo Act\n    rests_on: [demo-fact-01, no-such-fact]\n")
    assert _load_error(mini_course) == (
        "course_data/scenarios/demo.yaml: scenario 'demo-scn-1': rests_on: unknown fact 'no-such-fact'")


def test_rests_on_known_fact_and_dated_fact_load(mini_course):
    """Do effective/until dates on a fact and rests_on pointing at it load as dates and ids?"""
    import datetime as dt

    _edit(mini_course / "facts/demo.yaml", "    confidence: primary\n",
          "    confidence: primary\n    effective: 2026-12-07\n    until: 2027-06-30\n")
    _edit(mini_course / "questions/demo.yaml", "    use: exam\n", "    use: exam\n    rests_on: [demo-fact-01]\n")
    load_course.cache_clear()
    course = load_course(mini_course)
    fact = course.facts["demo-fact-01"]
    assert (fact.effective, fact.until) == (dt.date(2026, 12, 7), dt.date(2027, 6, 30))
    assert course.questions["demo-q-03"].rests_on == ("demo-fact-01",)
    # in force from the effective date (inclusive) up to the day before `until`
    assert not fact.applies_on(dt.date(2026, 12, 6))
    assert fact.applies_on(dt.date(2026, 12, 7))
    assert fact.applies_on(dt.date(2027, 6, 29))
    assert not fact.applies_on(dt.date(2027, 6, 30))


def test_until_before_effective_is_named(mini_course):
    """Is a rule that stops before it starts rejected, naming the field?"""
    _edit(mini_course / "facts/demo.yaml", "    confidence: primary\n",
          "    confidence: primary\n    effective: 2026-12-07\n    until: 2026-01-01\n")
    assert _load_error(mini_course) == (
        "course_data/facts/demo.yaml: fact 'demo-fact-01': until: 2026-01-01 is not after effective "
        "2026-12-07")


def test_exam_item_with_a_slot_loads(mini_course):
    """Does an exam item take a slot (the pool of parallel items it belongs to)?"""
    _edit(mini_course / "questions/demo.yaml", "    use: exam\n", "    use: exam\n    slot: demo-slot-status\n")
    load_course.cache_clear()
    course = load_course(mini_course)
    assert course.questions["demo-q-03"].slot == "demo-slot-status"
    assert course.questions["demo-q-01"].slot is None


def test_practice_item_with_a_slot_is_named(mini_course):
    """Is a slot on a practice item a located error (only exam items are drawn into forms)?"""
    _edit(mini_course / "questions/demo.yaml", "    use: practice\n", "    use: practice\n    slot: demo-slot-count\n")
    assert _load_error(mini_course) == (
        "course_data/questions/demo.yaml: question 'demo-q-01': slot: 'demo-slot-count' on a practice item; "
        "only exam items have a slot (remove it, or make the item use: exam)")


def test_slot_with_capitals_or_spaces_is_named(mini_course):
    """Must a slot be a lower-case id like the item ids?"""
    _edit(mini_course / "questions/demo.yaml", "    use: exam\n", "    use: exam\n    slot: Demo Slot\n")
    message = _load_error(mini_course)
    assert message.startswith("course_data/questions/demo.yaml: question 'demo-q-03': slot: String should match pattern")
