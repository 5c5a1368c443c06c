"""HIPAA content: does the module hold what issue 3 asks for?"""
from __future__ import annotations

import json
import re

import pytest

from compliance_course.grading.bank import load_exam_course
from compliance_course.scenarios import run

COURSE = load_exam_course()  # with the exam bank: the exam items are checked too
ROOT = COURSE.root.parent

VENDORS = {  # issue 3's list of vendor scenarios -> scenario id
    "cloud host": "hipaa-scn-cloud-host", "shredding company": "hipaa-scn-shredding",
    "email provider": "hipaa-scn-email-provider", "courier": "hipaa-scn-courier",
    "IT contractor": "hipaa-scn-it-contractor", "billing company": "hipaa-scn-billing",
    "cleaning service": "hipaa-scn-cleaning", "law firm": "hipaa-scn-law-firm",
    "analytics firm with de-identified data": "hipaa-scn-analytics-deidentified",
    "subcontractor of a BA": "hipaa-scn-subcontractor", "patient's fitness app": "hipaa-scn-fitness-app",
    "referral to a specialist": "hipaa-scn-referral",
}


def test_at_least_twelve_vendor_scenarios_including_the_listed_ones():
    baa = [s for s in COURSE.scenarios_for("hipaa") if s.engine == "hipaa.needs_baa"]
    assert len(baa) >= 12
    assert set(VENDORS.values()) <= {s.id for s in baa}


@pytest.mark.parametrize("name, scenario_id", VENDORS.items())
def test_listed_vendor_scenario_is_reproduced_by_the_engine(name, scenario_id):
    scenario = COURSE.scenarios[scenario_id]
    assert run(scenario).answer == scenario.expected


def test_question_counts():
    assert len(COURSE.questions_for("hipaa", use="practice")) >= 20
    exam = COURSE.questions_for("hipaa", use="exam")
    assert len(exam) >= 10
    assert any(q.scenario and "scenario" in q.tags for q in exam)


def test_every_wrong_choice_has_its_own_feedback():
    missing = [(q.id, c.key) for q in COURSE.questions_for("hipaa") for c in q.choices
               if not (c.feedback or "").strip()]
    assert missing == []


def test_exam_scenario_questions_ask_something_the_card_does_not_answer():
    """An exam item tied to a scenario must not repeat the scenario card's own question."""
    for q in COURSE.questions_for("hipaa", use="exam"):
        if q.scenario:
            assert COURSE.scenarios[q.scenario].question.strip().lower() not in q.prompt.lower()


def test_facts_shown_in_the_notebook_exist_and_carry_a_source():
    cells = json.loads((ROOT / "notebooks" / "02_hipaa.ipynb").read_text())["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    shown = re.findall(r'show_fact\("([^"]+)"\)', code)
    tags = re.findall(r'fact_table\("hipaa", tag="([^"]+)"\)', code)
    assert shown and tags
    facts = [COURSE.facts[i] for i in shown] + [f for t in tags for f in COURSE.facts_for("hipaa", t)]
    assert all(f.source.strip() for f in facts)


def test_status_facts_carry_an_as_of_date():
    """Do the facts that can change (status tag) say when they were true?"""
    assert all(f.as_of for f in COURSE.facts_for("hipaa", tag="status"))


def test_penalty_adjustments_are_dated_as_rules_in_force():
    """Does each adjustment fact's effective/until window match its own effective date and the next one's?

    The freshness report reads effective/until; the penalty engine reads value['effective']. They must agree.
    """
    import datetime as dt

    facts = sorted(COURSE.facts_for("hipaa", tag="penalty-adjustment"), key=lambda f: f.effective)
    for fact, following in zip(facts, facts[1:] + [None]):
        assert fact.effective == dt.date.fromisoformat(str(fact.value["effective"])), fact.id
        assert fact.until == (following.effective if following else None), fact.id
