"""Does the FedRAMP module's content meet issue 7's acceptance points?"""
import re
from pathlib import Path

import nbformat
import pytest

from compliance_course.grading.bank import load_exam_course
from compliance_course.scenarios import run

MODULE = "fedramp"
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "05_fedramp.ipynb"


@pytest.fixture(scope="module")
def course():
    return load_exam_course()  # with the exam bank: the exam items are checked too


def test_enough_scenarios_and_questions(course):
    """Are there at least 8 scenarios, 20 practice and 10 exam questions?"""
    assert len(course.scenarios_for(MODULE)) >= 8
    assert len(course.questions_for(MODULE, use="practice")) >= 20
    assert len(course.questions_for(MODULE, use="exam")) >= 10


def test_an_exam_question_is_tied_to_a_scenario(course):
    """Is at least one exam question a scenario question (tag and scenario id)?"""
    tied = [q for q in course.questions_for(MODULE, use="exam") if q.scenario and "scenario" in q.tags]
    assert tied
    for q in tied:
        assert course.scenarios[q.scenario].module == MODULE


def test_scenario_exam_answers_match_the_engine(course):
    """Does each scenario-tied exam question's right choice equal the engine's answer for that scenario?"""
    for q in course.questions_for(MODULE, use="exam"):
        if q.scenario:
            scenario = course.scenarios[q.scenario]
            right = {c.key: c.text for c in q.choices}[q.answer]
            assert right == scenario.expected_option == str(run(scenario).answer)


def test_every_wrong_choice_has_feedback(course):
    """Does every wrong choice explain its own mistake?"""
    for q in course.questions_for(MODULE):
        right = set(q.answer) if isinstance(q.answer, tuple) else {q.answer}
        for choice in q.choices:
            if choice.key not in right:
                assert choice.feedback, f"{q.id} choice {choice.key} has no feedback"


def test_exam_prompts_are_not_reused_in_practice(course):
    """Is no exam prompt also a practice prompt?"""
    practice = {q.prompt for q in course.questions_for(MODULE, use="practice")}
    assert not [q.id for q in course.questions_for(MODULE, use="exam") if q.prompt in practice]


def test_estimates_are_labelled(course):
    """Are cost and duration figures tagged and worded as estimates, never as primary facts?"""
    estimates = course.facts_for(MODULE, tag="estimate")
    assert estimates
    for fact in estimates:
        assert fact.confidence != "primary"
        assert "estimate" in fact.statement.lower()


def test_rev4_numbers_are_marked_retired(course):
    """Do the Rev 4 count facts say the counts are retired?"""
    for fact in course.facts_for(MODULE, tag="rev4"):
        assert "retired" in fact.statement.lower() and "Rev 4" in (fact.unit or "")


def _markdown_numbers(nb) -> set[str]:
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return set(re.findall(r"\d{2,}", text))


def test_notebook_markdown_numbers_come_from_course_data():
    """Does every number of two or more digits in the notebook's markdown appear in the module's data?"""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    data = "\n".join(p.read_text(encoding="utf-8")
                     for p in (ROOT / "course_data").glob(f"*/{MODULE}.yaml"))
    missing = sorted(n for n in _markdown_numbers(nb) if n not in data)
    assert not missing, f"numbers in markdown not found in course_data/*/{MODULE}.yaml: {missing}"


def test_notebook_is_committed_without_outputs():
    """Is the notebook stored with no outputs or execution counts?"""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
