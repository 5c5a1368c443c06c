"""SOC 2 tools: a scoping tool (checkboxes -> categories with reasons) and a report picker.

Both are thin layers over :mod:`compliance_course.decisions.soc2`: what the learner reads is
exactly the engine's answer, reason and citation. Callback errors go to an ``Output`` widget
so they are visible in JupyterLab instead of vanishing.
"""
from __future__ import annotations

import html

import ipywidgets as w

from ..decision import Decision
from ..decisions import soc2
from ..decisions.soc2 import AUDIENCES, CATEGORIES
from ..no_math import NO_MATH
from ._guard import run_guarded

#: (engine keyword, checkbox label, tooltip) for the scoping questions.
SCOPING_QUESTIONS = (
    ("uptime_commitments", "We promise uptime or recovery times (an SLA)",
     "Tick if contracts or your website commit to availability, uptime or recovery times."),
    ("confidential_data", "We hold data customers designate as confidential",
     "Tick if contracts name customer information as confidential (business plans, pricing, source code)."),
    ("processes_transactions", "Customers rely on our processing being complete and accurate",
     "Tick if you calculate, transform or move data customers act on (payroll, claims, payments, billing)."),
    ("personal_information", "We collect or use personal information under a privacy notice",
     "Tick if you handle personal information about individuals and make privacy commitments about it."),
)

#: Trust services categories in words (the engine's values are keys such as processing_integrity).
CATEGORY_WORDS = {"security": "Security", "availability": "Availability", "confidentiality": "Confidentiality",
                  "processing_integrity": "Processing integrity", "privacy": "Privacy"}

AUDIENCE_LABELS = {
    "customers_financial_reporting": "Customers' financial statement auditors (ICFR)",
    "customers_security_review": "Customers' security reviewers, under NDA",
    "public": "Anyone: the public website or marketing",
}


def _decision_html(decision: Decision, answer: str) -> str:
    return (f"<div class='cc-feedback {NO_MATH}'><b>{html.escape(answer)}</b><br>{html.escape(decision.reason)}"
            f"<br><small>Source: {html.escape(decision.citation)}</small></div>")


class ScopingTool(w.VBox):
    """Tick what your service promises; read which trust services categories belong in scope and why."""

    def __init__(self) -> None:
        self.checkboxes = {key: w.Checkbox(value=False, description=label, tooltip=tip, indent=False,
                                           layout=w.Layout(width="auto"))
                           for key, label, tip in SCOPING_QUESTIONS}
        self.result = w.HTML()
        self.errors = w.Output()
        for box in self.checkboxes.values():
            box.observe(self._on_checkbox_value, names="value")
        intro = w.HTML("<b>Scoping tool.</b> Tick each statement that is true of your service.")
        super().__init__([intro, *self.checkboxes.values(), self.result, self.errors],
                         layout=w.Layout(border="1px solid #ccd", padding="8px", margin="6px 0"))
        self.add_class("cc-tool")
        self.update()

    @property
    def decision(self) -> Decision:
        return soc2.categories_in_scope(**{k: box.value for k, box in self.checkboxes.items()})

    def update(self) -> Decision:
        decision = self.decision
        names = [c for c in CATEGORIES if c in decision.answer]
        counts = soc2.criteria_by_category()
        total = sum(counts[c] for c in names)
        answer = (f"In scope: {', '.join(CATEGORY_WORDS.get(n, n) for n in names)} "
                  f"({total} criteria to address)")
        self.result.value = _decision_html(decision, answer)
        return decision

    def _on_checkbox_value(self, _change: dict) -> None:
        run_guarded(self.update, message=self.result, errors=self.errors)


class ReportPicker(w.VBox):
    """Choose who will read the report and whether they need evidence over time; read which SOC report fits."""

    def __init__(self) -> None:
        self.audience = w.Dropdown(options=[(AUDIENCE_LABELS[a], a) for a in AUDIENCES],
                                   value="customers_security_review", description="Reader",
                                   tooltip="Who will read and rely on the report",
                                   layout=w.Layout(width="max-content"))
        self.over_time = w.Checkbox(value=True, indent=False, layout=w.Layout(width="auto"),
                                    description="They need proof the controls worked over a period",
                                    tooltip="Untick if design as of one date is enough for now")
        self.result = w.HTML()
        self.errors = w.Output()
        self.audience.observe(self._on_input_value, names="value")
        self.over_time.observe(self._on_input_value, names="value")
        super().__init__([w.HTML("<b>Which SOC report?</b>"), self.audience, self.over_time,
                          self.result, self.errors],
                         layout=w.Layout(border="1px solid #ccd", padding="8px", margin="6px 0"))
        self.add_class("cc-tool")
        self.update()

    @property
    def decision(self) -> Decision:
        return soc2.report_for(audience=self.audience.value,
                               needs_operating_effectiveness=self.over_time.value)

    def update(self) -> Decision:
        decision = self.decision
        self.result.value = _decision_html(decision, decision.answer)
        return decision

    def _on_input_value(self, _change: dict) -> None:
        run_guarded(self.update, message=self.result, errors=self.errors)


def scoping_tool() -> ScopingTool:
    """The scoping tool, ready to display."""
    return ScopingTool()


def report_picker() -> ReportPicker:
    """The report picker, ready to display."""
    return ReportPicker()
