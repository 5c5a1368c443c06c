"""FedRAMP tools: a FIPS 199 categoriser and a continuous-monitoring remediation calculator that follows the rule in force on the discovery date.

Both are thin: every answer comes from :mod:`compliance_course.decisions.fedramp`, and any error a
callback raises is shown in the tool's ``Output`` area instead of vanishing in JupyterLab.
"""
from __future__ import annotations

import datetime as dt
import html

import ipywidgets as w

from ..decision import Decision
from ..decisions import fedramp as engine
from ..no_math import NO_MATH
from ._guard import run_guarded

_LEVEL_OPTIONS = [("Low: limited adverse effect", "low"), ("Moderate: serious adverse effect", "moderate"),
                  ("High: severe or catastrophic effect", "high")]
_STYLE = {"description_width": "150px"}
#: Impact levels in words (the engine's values are the keys).
LEVEL_WORDS = {"low": "Low", "moderate": "Moderate", "high": "High"}


def _decision_html(decision: Decision, extra: str = "") -> str:
    return (f"<div class='cc-feedback {NO_MATH}'>{extra}<p>{html.escape(decision.reason)}</p>"
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


_PAIN_OPTIONS = [("N5: debilitating effect on more than one agency", 5),
                 ("N4: debilitating on one agency, or disruptive on several", 4),
                 ("N3: disruptive effect on one agency", 3),
                 ("N2: narrow effects", 2),
                 ("N1: minimal effects", 1)]
_HIDDEN = "none"


class RemediationCalculator(w.VBox):
    """Discovery date first; then only the inputs the rule in force on that date needs.

    Before the VDR rules apply to Rev 5 it asks for the risk rating (legacy RA-5(d)); from their
    date it asks for the PAIN rating, exploitability, internet reachability (only when likely
    exploitable), certification class and evaluation date. A KEV due date can be given under both.
    The rule applied, and why, is shown above the deadline.
    """

    def __init__(self, risk: str = "high", discovered: dt.date | None = None):
        self.discovered = w.DatePicker(value=discovered or dt.date(2026, 3, 10), description="Discovered on",
                                       style=_STYLE, tooltip="The date the vulnerability was detected")
        self.rule = w.HTML()
        self.risk = w.Dropdown(options=[("Critical (counts as high)", "critical"), ("High", "high"),
                                        ("Moderate", "moderate"), ("Low", "low")],
                               value=risk, description="Risk rating", style=_STYLE,
                               tooltip="The risk rating of the vulnerability finding (legacy RA-5(d) rule)")
        self.pain = w.Dropdown(options=_PAIN_OPTIONS, value=3, description="PAIN rating", style=_STYLE,
                               layout=w.Layout(width="480px"),
                               tooltip="Potential Agency Impact N-rating from the provider's evaluation")
        self.likely_exploitable = w.Checkbox(value=True, description="Likely exploitable", indent=False,
                                             layout=w.Layout(width="auto"),
                                             tooltip="Tick if the evaluation found it likely exploitable")
        self.internet_reachable = w.Checkbox(value=True, description="Internet-reachable", indent=False,
                                             layout=w.Layout(width="auto"),
                                             tooltip="Tick if a payload from the internet could reach it")
        self.certification_class = w.Dropdown(options=[("Class B", "B"), ("Class C", "C"), ("Class D", "D")],
                                              value="C", description="Certification class", style=_STYLE,
                                              tooltip="The provider's FedRAMP certification class")
        self.evaluated = w.DatePicker(value=None, description="Evaluated on", style=_STYLE,
                                      tooltip="VDR timeframes run from the evaluation; empty means the discovery date")
        self.legacy_box = w.VBox([self.risk])
        self.vdr_box = w.VBox([self.pain, w.HBox([self.likely_exploitable, self.internet_reachable]),
                               self.certification_class, self.evaluated])
        self.in_kev = w.Checkbox(value=False, description="Listed in CISA's KEV catalog", indent=False,
                                 layout=w.Layout(width="auto"),
                                 tooltip="Tick if the vulnerability is in the Known Exploited Vulnerabilities catalog")
        self.kev_due = w.DatePicker(value=None, description="KEV due date", style=_STYLE, disabled=True,
                                    tooltip="The due date CISA gives for this vulnerability in the KEV catalog")
        self.result = w.HTML()
        self.output = w.Output()
        self.decision: Decision | None = None
        for control in (self.discovered, self.risk, self.pain, self.likely_exploitable, self.internet_reachable,
                        self.certification_class, self.evaluated, self.in_kev, self.kev_due):
            control.observe(self._on_control_value, names="value")
        super().__init__([w.HTML("<b>ConMon remediation calculator</b>: when must this finding be dealt with?"),
                          self.discovered, self.rule, self.legacy_box, self.vdr_box, self.in_kev, self.kev_due,
                          self.result, self.output],
                         layout=w.Layout(border="1px solid #ccd", padding="8px"))
        self.add_class("cc-tool")
        self.update()

    def update(self) -> Decision | None:
        """Show the inputs the discovery date's rule needs, then recompute the deadline."""
        self.kev_due.disabled = not self.in_kev.value
        self.internet_reachable.layout.display = None if self.likely_exploitable.value else _HIDDEN
        if self.discovered.value is None:
            self.decision = None
            self.rule.value = ""
            self.legacy_box.layout.display = self.vdr_box.layout.display = _HIDDEN
            self.result.value = "<span style='color:#8a6d3b'>Pick the discovery date.</span>"
            return None
        rule = engine.remediation_rule(self.discovered.value)
        vdr = rule.answer == "VDR"
        self.legacy_box.layout.display = _HIDDEN if vdr else None
        self.vdr_box.layout.display = None if vdr else _HIDDEN
        self.rule.value = f"<p><b>Rule applied:</b> {html.escape(rule.reason)}</p>"
        if self.in_kev.value and self.kev_due.value is None:
            self.decision = None
            self.result.value = "<span style='color:#8a6d3b'>Enter the KEV due date from CISA's catalog.</span>"
            return None
        kev_due = self.kev_due.value if self.in_kev.value else None
        if vdr:
            self.decision = engine.remediation(
                discovered=self.discovered.value, kev_due=kev_due, pain=self.pain.value,
                likely_exploitable=self.likely_exploitable.value,
                internet_reachable=self.internet_reachable.value if self.likely_exploitable.value else None,
                certification_class=self.certification_class.value, evaluated=self.evaluated.value)
        else:
            self.decision = engine.remediation(self.risk.value, self.discovered.value, kev_due=kev_due)
        if isinstance(self.decision.answer, dt.date):
            days = (self.decision.answer - self.discovered.value).days
            head = (f"<p><b>Deal with it by:</b> {self.decision.answer.isoformat()} "
                    f"({days} days after discovery)</p>")
        else:
            head = f"<p><b>Deadline:</b> {html.escape(str(self.decision.answer))}</p>"
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
