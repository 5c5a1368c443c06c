"""Does every scenario's expected answer match what its decision engine computes?"""
from __future__ import annotations

import datetime as dt

import pytest

from compliance_course.data import load_course
from compliance_course.decision import Decision
from compliance_course.scenarios import run

SCENARIOS = list(load_course().scenarios.values())


def _normal(value):
    """Sets and lists compare by members; YAML dates and datetimes by calendar day."""
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(map(str, value))))
    if isinstance(value, (list, tuple)):
        return tuple(_normal(v) for v in value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_engine_reproduces_expected_answer(scenario):
    decision = run(scenario)
    assert isinstance(decision, Decision)
    expected = scenario.expected
    if isinstance(decision.answer, (set, frozenset)) and isinstance(expected, list):
        expected = set(expected)
    assert _normal(decision.answer) == _normal(expected)
    assert decision.reason and decision.citation


def test_there_are_scenarios_or_only_start_here_exists():
    """Once framework modules exist, each has scenarios (the shared test above then checks them)."""
    course = load_course()
    framework_modules = {q.module for q in course.questions.values()} - {"start_here"}
    assert framework_modules <= {s.module for s in SCENARIOS}
