"""FedRAMP tools: a FIPS 199 categoriser and a continuous-monitoring remediation calculator.

Both are thin: every answer comes from :mod:`compliance_course.decisions.fedramp`, and any error a
callback raises is shown in the tool's ``Output`` area instead of vanishing in JupyterLab.
"""
from __future__ import annotations

import datetime as dt
import html

import ipywidgets as w

from ..decision import Decision
from ..decisions import fedramp as engine
from ._guard import run_guarded

_LEVEL_OPTIONS = [("Low: limited adverse effect", "low"), ("Moderate: serious adverse effect", "moderate"),
                  ("High: severe or catastrophic effect", "high")]
_STYLE = {"description_width": "150px"}
#: Impact levels in words (the engine's values are the keys).
LEVEL_WORDS = {"low": "Low", "moderate": "Moderate", "high": "High"}


def _decision_html(decision: Decision, extra: str = "") -> str:
    return (f"<div class='cc-feedback mathjax_ignore tex2jax_ignore'>{extra}<p>{html.escape(decision.reason)}</p>"
            f"<small>Source: {html.escape(decision.citation)}</small></div>")


class Fips199Categoriser(w.VBox):
    """Three FIPS 199 ratings in, impact level, FedRAMP baseline and Rev 5 control count out.

    Two checkboxes cover the LI-SaaS conditions (software as a service; personal data beyond login).
    The result updates whenever a control changes.
    """

    def __init__(self, confidentiality: str = "low", integrity: str = "low", availability: str = "low"):
        self.confidentiality = self._dropdown("Confidentiality", confidentiality,
                                              "Impact if information is disclosed without authorization")
        self.integrity = self._dropdown("Integrity", integrity,
                                        "Impact if information is modified or destroyed without authorization")
        self.availability = self._dropdown("Availability", availability,
                                           "Impact if access to the information or system is disrupted")
        self.saas = w.Checkbox(value=False, description="Software as a service (SaaS)", indent=False,
                               layout=w.Layout(width="auto"),
                               tooltip="Tick if the offering is software as a service")
        self.pii_beyond_login = w.Checkbox(value=True, description="Keeps personal data beyond login",
                                           indent=False, layout=w.Layout(width="auto"),
                                           tooltip="Tick if it stores personal data beyond username, password and email")
        self.result = w.HTML()
        self.output = w.Output()
        self.decision: Decision | None = None
        for control in (self.confidentiality, self.integrity, self.availability, self.saas,
                        self.pii_beyond_login):
            control.observe(self._on_control_value, names="value")
        super().__init__([w.HTML("<b>FIPS 199 categoriser</b>: rate each objective, read the baseline."),
                          self.confidentiality, self.integrity, self.availability,
                          w.HBox([self.saas, self.pii_beyond_login]), self.result, self.output],
                         layout=w.Layout(border="1px solid #ccd", padding="8px"))
        self.add_class("cc-tool")
        self.update()

    @staticmethod
    def _dropdown(name: str, value: str, tooltip: str) -> w.Dropdown:
        return w.Dropdown(options=_LEVEL_OPTIONS, value=value, description=name, tooltip=tooltip,
                          style=_STYLE, layout=w.Layout(width="430px"))

    def update(self) -> Decision:
        """Recompute the result from the current controls and show it."""
        c, i, a = self.confidentiality.value, self.integrity.value, self.availability.value
        level = engine.impact_level(c, i, a)
        self.decision = engine.baseline(c, i, a, saas=self.saas.value,
                                        pii_beyond_login=self.pii_beyond_login.value)
        head = (f"<p><b>Impact level:</b> {LEVEL_WORDS.get(level, level)} &nbsp; "
                f"<b>Baseline:</b> {html.escape(str(self.decision.answer))} "
                f"&nbsp; <b>Rev 5 controls and enhancements:</b> {self.decision.controls}</p>")
        self.result.value = _decision_html(self.decision, head)
        return self.decision

    def _on_control_value(self, _change: dict) -> None:
        run_guarded(self.update, message=self.result, errors=self.output, prefix="Could not categorise:")


class RemediationCalculator(w.VBox):
    """Risk rating and discovery date in, remediation deadline out; an optional KEV due date wins."""

    def __init__(self, risk: str = "high", discovered: dt.date | None = None):
        self.risk = w.Dropdown(options=[("High", "high"), ("Moderate", "moderate"), ("Low", "low")],
                               value=risk, description="Risk rating", style=_STYLE,
                               tooltip="The risk rating of the vulnerability finding")
        self.discovered = w.DatePicker(value=discovered or dt.date(2026, 3, 10), description="Discovered on",
                                       style=_STYLE, tooltip="The date the scan found the vulnerability")
        self.in_kev = w.Checkbox(value=False, description="Listed in CISA's KEV catalog", indent=False,
                                 layout=w.Layout(width="auto"),
                                 tooltip="Tick if the vulnerability is in the Known Exploited Vulnerabilities catalog")
        self.kev_due = w.DatePicker(value=None, description="KEV due date", style=_STYLE, disabled=True,
                                    tooltip="The due date CISA gives for this vulnerability in the KEV catalog")
        self.result = w.HTML()
        self.output = w.Output()
        self.decision: Decision | None = None
        for control in (self.risk, self.discovered, self.in_kev, self.kev_due):
            control.observe(self._on_control_value, names="value")
        super().__init__([w.HTML("<b>ConMon remediation calculator</b>: when must this finding be fixed?"),
                          self.risk, self.discovered, self.in_kev, self.kev_due, self.result, self.output],
                         layout=w.Layout(border="1px solid #ccd", padding="8px"))
        self.add_class("cc-tool")
        self.update()

    def update(self) -> Decision | None:
        """Recompute the deadline from the current controls and show it."""
        self.kev_due.disabled = not self.in_kev.value
        if self.discovered.value is None:
            self.decision = None
            self.result.value = "<span style='color:#8a6d3b'>Pick the discovery date.</span>"
            return None
        if self.in_kev.value and self.kev_due.value is None:
            self.decision = None
            self.result.value = "<span style='color:#8a6d3b'>Enter the KEV due date from CISA's catalog.</span>"
            return None
        kev_due = self.kev_due.value if self.in_kev.value else None
        self.decision = engine.remediation(self.risk.value, self.discovered.value, kev_due=kev_due)
        days = (self.decision.answer - self.discovered.value).days
        head = (f"<p><b>Remediate by:</b> {self.decision.answer.isoformat()} "
                f"({days} days after discovery)</p>")
        self.result.value = _decision_html(self.decision, head)
        return self.decision

    def _on_control_value(self, _change: dict) -> None:
        self.output.outputs = ()
        try:
            self.update()
        except Exception as exc:  # noqa: BLE001 - shown to the learner, never swallowed silently
            self.output.append_stderr(f"Could not calculate: {type(exc).__name__}: {exc}\n")


def fips199_categoriser(**ratings: str) -> Fips199Categoriser:
    """The FIPS 199 categoriser, optionally starting from given ratings."""
    return Fips199Categoriser(**ratings)


def remediation_calculator(**start) -> RemediationCalculator:
    """The continuous-monitoring remediation calculator."""
    return RemediationCalculator(**start)
