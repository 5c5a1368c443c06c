"""HIPAA tools: do the widgets show the engine's answers, without a browser?"""
from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

from compliance_course.decisions import hipaa
from compliance_course.tools import hipaa as tools

D = dt.date


def _controls(box):
    """Every input control inside a box, depth first."""
    for child in box.children:
        if isinstance(child, (w.Box,)):
            yield from _controls(child)
        elif isinstance(child, (w.Dropdown, w.DatePicker, w.IntText, w.BoundedIntText, w.Text,
                                w.ToggleButtons, w.RadioButtons, w.Button)):
            yield child


@pytest.mark.parametrize("make", [tools.baa_checker, lambda: tools.breach_clock(discovered=D(2026, 2, 1)),
                                  tools.penalty_explorer, tools.security_rule_explorer])
def test_every_control_has_an_accessible_name(make):
    """Does each control carry a description or tooltip a screen reader can announce?"""
    box = make()
    controls = list(_controls(box))
    assert controls
    assert all(c.description or c.tooltip for c in controls)


def test_baa_dropdowns_offer_exactly_the_engine_values():
    checker = tools.baa_checker()
    assert [v for _, v in checker.works_for.options] == list(hipaa.WORKS_FOR)
    assert [v for _, v in checker.handles.options] == list(hipaa.HANDLES)
    assert [v for _, v in checker.role.options] == list(hipaa.ROLES)


@pytest.mark.parametrize("works_for, handles, role, answer, shown", [
    ("covered_entity", "phi", "service_on_behalf", True, "business associate agreement"),
    ("business_associate", "phi", "service_on_behalf", True, "subcontractor business associate agreement"),
    ("covered_entity", "phi", "conduit", False, "No BAA is required"),
    ("covered_entity", "limited_data_set", "service_on_behalf", False, "data use agreement"),
    ("individual", "phi", "service_on_behalf", False, "No BAA is required"),
])
def test_baa_checker_updates_when_a_dropdown_changes(works_for, handles, role, answer, shown):
    """Does changing the dropdowns show the engine's answer, reason and citation?"""
    checker = tools.baa_checker()
    checker.works_for.value = works_for
    checker.handles.value = handles
    checker.role.value = role
    assert checker.decision == hipaa.needs_baa(works_for, handles, role)
    assert checker.decision.answer is answer
    assert shown in checker.result.value
    assert "Source:" in checker.result.value


def test_breach_clock_recomputes_on_click():
    clock = tools.breach_clock(discovered=D(2025, 3, 10), affected=501)
    assert clock.deadlines["media"] == D(2025, 5, 9)
    clock.affected.value = 10
    clock.button.click()
    assert clock.deadlines == {"individuals": D(2025, 5, 9), "hhs": D(2026, 3, 1), "media": None,
                               "covered_entity": None}
    assert "not owed" in clock.result.value
    assert len(clock.figure.data) == 2


def test_breach_clock_business_associate():
    clock = tools.breach_clock(discovered=D(2025, 3, 10), affected=900, discovered_by="business_associate")
    assert clock.deadlines["covered_entity"] == D(2025, 5, 9)
    assert clock.deadlines["individuals"] is None


def test_breach_clock_shows_an_error_instead_of_failing_silently():
    """With no date chosen, does the learner see what to do?"""
    clock = tools.breach_clock(discovered=D(2025, 3, 10))
    clock.discovered.value = None
    clock.button.click()
    assert "Choose the date the breach was discovered" in clock.result.value
    assert clock.figure is None and clock.deadlines is None   # nothing stale is kept
    assert clock.errors.outputs == ()      # and no traceback anywhere


def test_breach_clock_with_nobody_affected_says_so_and_draws_nothing():
    clock = tools.breach_clock(discovered=D(2025, 3, 10))
    clock.affected.value = 0
    clock.button.click()
    assert "nobody affected" in clock.result.value and clock.figure is None


def test_breach_clock_dates_read_as_words():
    clock = tools.breach_clock(discovered=D(2026, 2, 1), affected=750)
    assert "2 April 2026 (60 days after discovery)" in clock.result.value


def test_penalty_explorer_statutory_and_adjusted():
    explorer = tools.penalty_explorer(culpability="willful_neglect_corrected")
    assert (explorer.range.tier, explorer.range.minimum, explorer.range.annual_cap) == (3, 10_000, 250_000)
    explorer.schedule.value = D(2022, 3, 17)
    assert (explorer.range.minimum, explorer.range.annual_cap) == (12_794, 1_919_173)
    assert "$1,919,173" in explorer.result.value
    explorer.culpability.value = "did_not_know"
    assert explorer.range.minimum == 127


def test_penalty_explorer_lists_every_schedule():
    explorer = tools.penalty_explorer()
    values = [v for _, v in explorer.schedule.options]
    assert values[0] == tools.STATUTORY and explorer.schedule.label.startswith("Statutory")
    assert values[1:] == [day for day, _ in hipaa.penalty_adjustments()]


def test_security_rule_explorer_filters():
    explorer = tools.security_rule_explorer()
    assert len(explorer.frame) == 50
    explorer.section.value = "164.312"
    explorer.flag.value = "Addressable"
    assert len(explorer.frame) == 5
    explorer.text.value = "encryption"
    assert len(explorer.frame) == 2
    assert explorer.count.value == "2 rows"


def test_security_rule_explorer_starts_with_words_in_its_dropdowns():
    """A Dropdown whose value is None shows blank; do both filters show their "all" label?"""
    explorer = tools.security_rule_explorer()
    assert explorer.section.label == "All sections"
    assert explorer.flag.label == "Required and addressable"


def test_security_rule_explorer_no_match_says_what_to_do():
    explorer = tools.security_rule_explorer()
    explorer.text.value = "no such words anywhere"
    assert "0 rows: no row matches" in explorer.count.value


def test_penalty_dollars_are_not_typeset_as_mathematics():
    """"$127 to $63,973" in a widget's HTML is typeset by JupyterLab unless marked to be skipped."""
    explorer = tools.penalty_explorer()
    assert "$" in explorer.result.value and "mathjax_ignore" in explorer.result.value
