"""Tests of the FedRAMP tools, driven without a browser by setting widget values."""
import datetime as dt

import ipywidgets as w
import pytest

from compliance_course.tools.fedramp import (Fips199Categoriser, RemediationCalculator, fips199_categoriser,
                                             remediation_calculator)

D = dt.date


@pytest.mark.parametrize("c, i, a, saas, pii, baseline, controls", [
    ("low", "low", "low", False, True, "Low", 156),
    ("low", "low", "low", True, False, "LI-SaaS", 156),
    ("low", "moderate", "low", True, False, "Moderate", 323),
    ("moderate", "low", "high", False, True, "High", 410),
])
def test_categoriser_follows_dropdowns(c, i, a, saas, pii, baseline, controls):
    """Does changing the three dropdowns and two boxes update baseline and control count?"""
    tool = fips199_categoriser()
    tool.saas.value, tool.pii_beyond_login.value = saas, pii
    tool.confidentiality.value, tool.integrity.value, tool.availability.value = c, i, a
    assert tool.decision.answer == baseline
    assert tool.decision.controls == controls
    assert f"<b>Baseline:</b> {baseline}" in tool.result.value
    assert f"{controls}</p>" in tool.result.value


def test_categoriser_shows_impact_level():
    """Does the result name the impact level as well as the baseline?"""
    tool = Fips199Categoriser(confidentiality="high")
    assert "<b>Impact level:</b> High" in tool.result.value


def test_categoriser_input_error_is_one_line_where_the_answer_goes(monkeypatch):
    """Is a ValueError from the engine shown as the message, with no traceback and no stale answer?"""
    tool = fips199_categoriser()

    def broken(*_args, **_kwargs):
        raise ValueError("integrity must be one of 'low', 'moderate', 'high'; got 'x'")

    monkeypatch.setattr("compliance_course.decisions.fedramp.baseline", broken)
    tool.integrity.value = "high"   # must not raise
    assert "Could not categorise: integrity must be one of" in tool.result.value
    assert "Baseline" not in tool.result.value and tool.output.outputs == ()
    monkeypatch.undo()
    tool.integrity.value = "low"
    assert "Baseline:</b> Low" in tool.result.value


def test_categoriser_bug_goes_to_the_output_widget(monkeypatch):
    """Is an unexpected error (a bug, not an input) visible in the Output widget, not lost?"""
    tool = fips199_categoriser()
    monkeypatch.setattr("compliance_course.decisions.fedramp.baseline",
                        lambda *a, **k: (_ for _ in ()).throw(KeyError("Moderate")))
    tool.integrity.value = "high"
    assert [o["text"] for o in tool.output.outputs] == ["KeyError: 'Moderate'\n"]
    assert "Something went wrong" in tool.result.value


def _controls(widget: w.Widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _controls(child)


@pytest.mark.parametrize("make", [fips199_categoriser, remediation_calculator])
def test_every_control_has_an_accessible_name(make):
    """Does every input control carry a description or tooltip (its accessible name)?"""
    tool = make()
    inputs = [c for c in _controls(tool) if isinstance(c, (w.Dropdown, w.Checkbox, w.DatePicker))]
    assert inputs
    assert all(c.description or c.tooltip for c in inputs)


@pytest.mark.parametrize("risk, discovered, expected", [
    ("high", D(2026, 3, 10), D(2026, 4, 9)),
    ("moderate", D(2026, 3, 10), D(2026, 6, 8)),
    ("low", D(2026, 3, 10), D(2026, 9, 6)),
])
def test_calculator_deadline(risk, discovered, expected):
    """Does the calculator show 30, 90 or 180 days after discovery?"""
    tool = remediation_calculator()
    tool.discovered.value = discovered
    tool.risk.value = risk
    assert tool.decision.answer == expected
    assert expected.isoformat() in tool.result.value


def test_calculator_kev_date_wins_and_field_enables():
    """Does ticking KEV enable the due-date field, ask for it, and then use it as the deadline?"""
    tool = RemediationCalculator(risk="high", discovered=D(2026, 5, 4))
    assert tool.kev_due.disabled
    tool.in_kev.value = True
    assert not tool.kev_due.disabled
    assert tool.decision is None and "KEV due date" in tool.result.value
    tool.kev_due.value = D(2026, 5, 18)
    assert tool.decision.answer == D(2026, 5, 18)
    assert "14 days after discovery" in tool.result.value
    tool.in_kev.value = False
    assert tool.decision.answer == D(2026, 6, 3)


def test_calculator_without_discovery_date_asks_for_it():
    """With no discovery date, does the calculator ask for one instead of failing?"""
    tool = remediation_calculator()
    tool.discovered.value = None
    assert tool.decision is None and "discovery date" in tool.result.value


def test_calculator_asks_only_for_what_the_date_requires():
    """Before 7 Dec 2026 is only the risk rating shown; from then only the VDR inputs?"""
    tool = RemediationCalculator(discovered=D(2026, 11, 30))
    assert tool.legacy_box.layout.display != "none" and tool.vdr_box.layout.display == "none"
    assert "legacy RA-5(d)" in tool.rule.value
    tool.discovered.value = D(2026, 12, 15)
    assert tool.legacy_box.layout.display == "none" and tool.vdr_box.layout.display != "none"
    assert "Discovered 2026-12-15: the VDR rules apply since 2026-12-07." in tool.rule.value


def test_calculator_vdr_deadline():
    """Class C, PAIN-3, likely exploitable and internet-reachable, found 15 Dec 2026: 16 days, 31 Dec."""
    tool = RemediationCalculator(discovered=D(2026, 12, 15))
    tool.certification_class.value = "C"
    tool.pain.value = 3
    tool.likely_exploitable.value = True
    tool.internet_reachable.value = True
    assert tool.decision.answer == D(2026, 12, 31)
    assert "16 days after discovery" in tool.result.value


def test_calculator_hides_reachability_when_not_likely_exploitable():
    """Is internet reachability asked only when the vulnerability is likely exploitable?"""
    tool = RemediationCalculator(discovered=D(2026, 12, 15))
    tool.likely_exploitable.value = False
    assert tool.internet_reachable.layout.display == "none"
    tool.pain.value = 2
    tool.certification_class.value = "B"
    assert tool.decision.answer == D(2027, 6, 25)   # Class B PAIN-2 NLEV: 192 days
    tool.likely_exploitable.value = True
    assert tool.internet_reachable.layout.display != "none"


def test_calculator_pain_1_shows_no_timeframe():
    """Does PAIN-1 show that there is no VDR timeframe instead of a date?"""
    tool = RemediationCalculator(discovered=D(2026, 12, 15))
    tool.pain.value = 1
    assert tool.decision.answer == "no VDR timeframe"
    assert "no VDR timeframe" in tool.result.value
