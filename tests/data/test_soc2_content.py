"""Checks on the SOC 2 content in course_data: enough of each kind, well formed, and consistent."""
from __future__ import annotations

import pytest

from compliance_course.data import load_course
from compliance_course.grading.bank import load_exam_course
from compliance_course.data.models import format_answer
from compliance_course.scenarios import run

MODULE = "soc2"


@pytest.fixture(scope="module")
def course():
    return load_exam_course()  # with the exam bank: the exam items are checked too


def test_at_least_ten_scenarios_covering_the_four_kinds(course):
    """Are there at least 10 scenarios, covering which report, which categories, carve-out and exceptions?"""
    scenarios = course.scenarios_for(MODULE)
    assert len(scenarios) >= 10
    engines = {s.engine for s in scenarios}
    assert {"soc2.report_for", "soc2.categories_in_scope", "soc2.subservice_method",
            "soc2.opinion_for", "soc2.bridge_letter_needed"} <= engines


@pytest.mark.parametrize("scenario_id", [s.id for s in load_course().scenarios_for(MODULE)])
def test_engine_reproduces_each_scenario(course, scenario_id):
    """Does the engine give each scenario's expected answer, and is it among the options?"""
    scenario = course.scenarios[scenario_id]
    decision = run(scenario)
    assert format_answer(decision.answer) == scenario.expected_option
    assert scenario.expected_option in scenario.options


def test_question_counts(course):
    """Are there at least 20 practice and 10 exam questions?"""
    assert len(course.questions_for(MODULE, use="practice")) >= 20
    assert len(course.questions_for(MODULE, use="exam")) >= 10


def test_an_exam_question_is_tied_to_a_scenario(course):
    """Is at least one exam question a scenario question (tag and scenario id)?"""
    tied = [q for q in course.questions_for(MODULE, use="exam") if "scenario" in q.tags and q.scenario]
    assert tied
    for q in tied:
        assert course.scenarios[q.scenario].module == MODULE


def test_every_wrong_choice_has_its_own_feedback(course):
    """Does every wrong choice carry feedback, and no two wrong choices share the same text?"""
    for q in course.questions_for(MODULE):
        answers = set(q.answer) if isinstance(q.answer, tuple) else {q.answer}
        wrong = [c for c in q.choices if c.key not in answers]
        assert all(c.feedback for c in wrong), q.id
        texts = [c.feedback for c in wrong]
        assert len(set(texts)) == len(texts), q.id


def test_exam_prompts_are_not_reused_in_practice(course):
    """Is no exam prompt also a practice prompt?"""
    practice = {q.prompt.strip() for q in course.questions_for(MODULE, use="practice")}
    assert not [q.id for q in course.questions_for(MODULE, use="exam") if q.prompt.strip() in practice]


def test_criteria_totals_agree_with_the_series(course):
    """Do the total facts (33 common, 61 overall, 17 COSO) agree with the per-series counts?"""
    series = [f.value for f in course.facts_for(MODULE, tag="criteria-count")]
    common = sum(v["criteria"] for v in series if v["series"].startswith("CC"))
    assert common == course.facts["soc2-common-criteria-total"].value == 33
    assert sum(v["criteria"] for v in series) == course.facts["soc2-criteria-total"].value == 61
    coso = sum(v["criteria"] for v in series if v["series"] in {"CC1", "CC2", "CC3", "CC4", "CC5"})
    assert coso == course.facts["soc2-coso-principles"].value == 17


def test_market_estimates_are_labelled(course):
    """Does every timeline or cost fact say in its source that it is a market estimate or practice?"""
    for f in course.facts_for(MODULE, tag="market-estimate"):
        assert f.source.startswith(("Market estimate", "Market practice")), f.id
        assert f.confidence != "primary", f.id


def test_seed_claim_on_period_length_is_taught(course):
    """Does the lesson quote the glossary's "6-12 months" claim and correct it?"""
    claims = [m for m in course.lessons[MODULE].misconceptions if "6-12 months" in m.claim]
    assert claims and "no minimum" in claims[0].correction
