"""Tests for compliance_course.tools.soc2, driven without a browser by setting widget values."""
from __future__ import annotations

import ipywidgets as w

from compliance_course.tools.soc2 import ReportPicker, ScopingTool, report_picker, scoping_tool


def test_scoping_tool_starts_with_security_only():
    """With nothing ticked, does the tool show security only and its 33 criteria?"""
    tool = scoping_tool()
    assert isinstance(tool, ScopingTool)
    assert tool.decision.answer == frozenset({"security"})
    assert "In scope: Security (33 criteria to address)" in tool.result.value


def test_ticking_boxes_adds_categories_with_reasons():
    """Does ticking uptime and personal information add availability and privacy, with reasons and a total?"""
    tool = scoping_tool()
    tool.checkboxes["uptime_commitments"].value = True
    tool.checkboxes["personal_information"].value = True
    assert tool.decision.answer == frozenset({"security", "availability", "privacy"})
    # 33 + 3 + 18 = 54
    assert "In scope: Security, Availability, Privacy (54 criteria to address)" in tool.result.value
    assert "Availability is added because" in tool.result.value
    assert "Privacy is added because" in tool.result.value
    assert "Source:" in tool.result.value


def test_unticking_removes_the_category():
    """Does unticking a box take its category out again?"""
    tool = scoping_tool()
    box = tool.checkboxes["confidential_data"]
    box.value = True
    assert "confidentiality" in tool.decision.answer
    box.value = False
    assert tool.decision.answer == frozenset({"security"})


def test_every_control_has_an_accessible_name():
    """Does every checkbox and the dropdown carry a description and a tooltip?"""
    for box in scoping_tool().checkboxes.values():
        assert box.description and box.tooltip
    picker = report_picker()
    for control in (picker.audience, picker.over_time):
        assert control.description and control.tooltip


def test_callbacks_write_errors_to_an_output_widget():
    """Are callback errors routed to an Output widget rather than lost?"""
    assert isinstance(scoping_tool().errors, w.Output)
    assert isinstance(report_picker().errors, w.Output)


def test_report_picker_follows_the_engine():
    """Does the picker show SOC 2 Type II by default, SOC 1 Type I and SOC 3 when changed?"""
    picker = report_picker()
    assert isinstance(picker, ReportPicker)
    assert "<b>SOC 2 Type II</b>" in picker.result.value
    picker.audience.value = "customers_financial_reporting"
    picker.over_time.value = False
    assert "<b>SOC 1 Type I</b>" in picker.result.value
    picker.audience.value = "public"
    assert "<b>SOC 3</b>" in picker.result.value
