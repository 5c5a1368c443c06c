"""HIPAA tools: the BAA checker, the breach clock, the penalty explorer and the Security Rule explorer.

Each tool is a thin ipywidgets box over :mod:`compliance_course.decisions.hipaa` or course data.
What the learner reads is the engine's own answer, reason and citation. Errors raised in a
callback are shown in an ``Output`` widget, never lost.
"""
from __future__ import annotations

import datetime as dt
import html

import ipywidgets as w
from IPython.display import display

from ..charts import hipaa as charts
from ..data import load_course, table
from ..data.tables import readable_table
from ..decision import Decision
from ..decisions import hipaa
from ..no_math import NO_MATH
from ._guard import CHOICE_ROW_CSS, message_html, run_guarded

__all__ = ["BaaChecker", "BreachClock", "PenaltyExplorer", "SecurityRuleExplorer", "baa_checker",
           "breach_clock", "penalty_explorer", "security_rule_explorer"]

_WIDE = {"description_width": "initial"}
#: One label width for a column of dropdowns, so that they line up (review m3).
_ALIGNED = {"description_width": "100px"}
#: Dropdown values meaning "no filter" / "the statutory amounts" ("" because ipywidgets shows a
#: Dropdown whose value is None as blank).
ALL = STATUTORY = ""

WORKS_FOR_LABELS = [
    ("A covered entity (health plan, provider, clearinghouse)", "covered_entity"),
    ("A business associate (it is a subcontractor)", "business_associate"),
    ("The patient, who chose the product for themself", "individual"),
    ("Nobody covered by HIPAA", "none"),
]
HANDLES_LABELS = [
    ("Protected health information (PHI)", "phi"),
    ("Encrypted PHI, without the key", "encrypted_phi_without_key"),
    ("De-identified data only", "deidentified"),
    ("A limited data set", "limited_data_set"),
    ("No health information", "none"),
]
ROLE_LABELS = [
    ("Performs a service using the data", "service_on_behalf"),
    ("Only transports it (mail, courier, carrier)", "conduit"),
    ("Treats the patient (a health care provider)", "treating_provider"),
    ("Works under our direct control (workforce)", "workforce"),
    ("Only incidental contact (e.g. cleaning)", "incidental_access"),
    ("Uses the data for its own work (e.g. its own study)", "own_purposes"),
]
CULPABILITY_LABELS = [
    ("Did not know, and could not reasonably have known", "did_not_know"),
    ("Reasonable cause, not willful neglect", "reasonable_cause"),
    ("Willful neglect, corrected within 30 days", "willful_neglect_corrected"),
    ("Willful neglect, not corrected within 30 days", "willful_neglect_not_corrected"),
]


def decision_html(decision: Decision) -> str:
    """A BAA decision as HTML: answer, reason, document needed, source."""
    answer = "Yes, a business associate agreement is required" if decision.answer else "No BAA is required"
    parts = [f"<b>{answer}.</b>", html.escape(decision.reason)]
    if decision.document:
        parts.append(f"<b>Document needed:</b> {html.escape(decision.document)}")
    parts.append(f"<small>Source: {html.escape(decision.citation)}</small>")
    return f"<div class='cc-feedback {NO_MATH}'>" + "<br>".join(parts) + "</div>"


def _rerun(tool, message: w.HTML, clear: tuple[w.Output, ...] = ()) -> None:
    """Run a tool again after a change: an input mistake becomes one line in ``message`` (and
    ``clear`` is emptied, so no stale chart stays), a bug goes to the tool's Output widget."""
    run_guarded(tool.run, message=message, errors=tool.errors, clear=clear)


def _day(day: dt.date) -> str:
    """"2 April 2026": a date as a learner reads it."""
    return f"{day.day} {day:%B %Y}"


class BaaChecker(w.VBox):
    """Does this vendor need a BAA? Three dropdowns; the answer updates as they change."""

    def __init__(self, *, works_for: str = "covered_entity", handles: str = "phi",
                 role: str = "service_on_behalf"):
        self.works_for = w.Dropdown(options=WORKS_FOR_LABELS, value=works_for,
                                    description="Works for", style=_ALIGNED, layout=w.Layout(width="560px"),
                                    tooltip="On whose behalf does the vendor act?")
        self.handles = w.Dropdown(options=HANDLES_LABELS, value=handles, description="Data it gets",
                                  style=_ALIGNED, layout=w.Layout(width="560px"),
                                  tooltip="What health information does the vendor receive or keep?")
        self.role = w.Dropdown(options=ROLE_LABELS, value=role, description="Its role", style=_ALIGNED,
                               layout=w.Layout(width="560px"),
                               tooltip="What does the vendor do with the data?")
        self.result = w.HTML()
        self.errors = w.Output()
        self.decision: Decision | None = None
        for control in (self.works_for, self.handles, self.role):
            control.observe(self._on_control_value, names="value")
        super().__init__([w.HTML("<b>Does this vendor need a BAA?</b>"), self.works_for, self.handles,
                          self.role, self.result, self.errors])
        self.add_class("cc-tool")
        self.run()

    def run(self) -> Decision:
        """Decide for the current choices and show the result."""
        self.decision = hipaa.needs_baa(self.works_for.value, self.handles.value, self.role.value)
        self.result.value = decision_html(self.decision)
        return self.decision

    def _on_control_value(self, _change: dict) -> None:
        _rerun(self, self.result)


class BreachClock(w.VBox):
    """The breach clock: a discovery date and a count in, the deadlines and a timeline out."""

    def __init__(self, *, discovered: dt.date | None = None, affected: int = 750,
                 discovered_by: str = "covered_entity"):
        self.discovered = w.DatePicker(value=discovered or dt.date.today(), description="Discovered on",
                                       style=_WIDE, tooltip="The day the breach was discovered")
        self.affected = w.BoundedIntText(value=affected, min=0, max=100_000_000,
                                         description="People affected (one state)", style=_WIDE,
                                         tooltip="How many individuals' PHI was breached")
        # Radio buttons: the chosen one shows a dot and is announced as checked (toggle
        # buttons showed it by a shade of grey only).
        self.discovered_by = w.RadioButtons(options=[("We are the covered entity", "covered_entity"),
                                                     ("We are a business associate", "business_associate")],
                                            value=discovered_by, description="Discovered by",
                                            style=_WIDE, layout=w.Layout(width="auto"),
                                            tooltip="Who discovered the breach")
        self.discovered_by.add_class("cc-choice-row")
        self.button = w.Button(description="Start the clock", button_style="primary",
                               tooltip="Work out each notice's latest date and draw the timeline")
        self.button.on_click(self._on_button_click)
        self.result = w.HTML()
        self.chart = w.Output()
        self.errors = w.Output()
        self.deadlines: dict[str, dt.date | None] | None = None
        self.figure = None
        super().__init__([w.HTML(CHOICE_ROW_CSS + "<b>Breach clock</b>"), self.discovered, self.affected,
                          self.discovered_by, self.button, self.result, self.chart, self.errors])
        self.add_class("cc-tool")

    def run(self) -> dict[str, dt.date | None]:
        """Compute the deadlines for the current inputs and redraw the timeline."""
        if self.discovered.value is None:
            self.deadlines = self.figure = None
            raise ValueError("Choose the date the breach was discovered (click the date box), "
                             "then press Start the clock.")
        day, count, who = self.discovered.value, int(self.affected.value), self.discovered_by.value
        self.deadlines = hipaa.breach_deadlines(day, count, discovered_by=who)
        if count == 0:
            self.figure = None
            self.chart.clear_output()
            self.result.value = message_html("With nobody affected there is no breach to notify: "
                                             "enter how many people's PHI was breached.", kind="hint")
            return self.deadlines
        rows = []
        for key, label in charts.NOTICE_LABELS.items():
            due = self.deadlines[key]
            when = f"{_day(due)} ({(due - day).days} days after discovery)" if due else "not owed"
            rows.append(f"<tr><td>{label}</td><td>{when}</td></tr>")
        self.result.value = ("<table class='cc-table'><tr><th>Notice</th><th>Latest date</th></tr>"
                             + "".join(rows)
                             + "</table><small>These are outer limits: every notice is due without "
                               "unreasonable delay. Sources: 45 CFR 164.404-164.410.<br>"
                             + html.escape(hipaa.breach_note(who)) + "</small>")
        self.figure = charts.breach_timeline(day, count, discovered_by=who)
        self.chart.clear_output(wait=True)
        with self.chart:
            display(self.figure)
        return self.deadlines

    def _on_button_click(self, _button: w.Button) -> None:
        _rerun(self, self.result, clear=(self.chart,))


class PenaltyExplorer(w.VBox):
    """Penalty explorer: culpability and a schedule (statutory or a year's adjustment) in, range out."""

    def __init__(self, *, culpability: str = "reasonable_cause", on: dt.date | None = None):
        # "" and not None: ipywidgets shows a Dropdown whose value is None as blank.
        schedules = [("Statutory amounts (HHS 2019 reading)", STATUTORY)]
        schedules += [(f"Adjusted, in effect from {_day(day)}", day)
                      for day, _ in hipaa.penalty_adjustments()]
        self.culpability = w.Dropdown(options=CULPABILITY_LABELS, value=culpability,
                                      description="Culpability", style=_WIDE,
                                      layout=w.Layout(width="560px"),
                                      tooltip="How culpable was the covered entity or business associate?")
        self.schedule = w.Dropdown(options=schedules, value=on if on in dict(schedules).values() else STATUTORY,
                                   description="Amounts", style=_WIDE, layout=w.Layout(width="560px"),
                                   tooltip="Statutory amounts, or the inflation adjustment in effect")
        self.result = w.HTML()
        self.errors = w.Output()
        self.range: hipaa.PenaltyRange | None = None
        for control in (self.culpability, self.schedule):
            control.observe(self._on_control_value, names="value")
        super().__init__([w.HTML("<b>Penalty explorer</b>"), self.culpability, self.schedule,
                          self.result, self.errors])
        self.add_class("cc-tool")
        self.run()

    def run(self) -> hipaa.PenaltyRange:
        tier = hipaa.penalty_tier(self.culpability.value)
        self.range = r = hipaa.penalty_range(tier, self.schedule.value or None)
        self.result.value = (f"<div class='cc-feedback {NO_MATH}'><b>Tier {tier}.</b> ${r.minimum:,} to ${r.maximum:,} "
                             f"per violation; at most ${r.annual_cap:,} per calendar year for identical "
                             f"violations"
                             + (f" (HHS applies ${r.discretion_cap:,} under its 2019 enforcement discretion)"
                                if r.discretion_cap else "")
                             + f".<br>{html.escape(r.note)}<br>"
                             f"<small>Source: {html.escape(r.source)}</small></div>")
        return r

    def _on_control_value(self, _change: dict) -> None:
        _rerun(self, self.result)


class SecurityRuleExplorer(w.VBox):
    """The Security Rule table with filters: section, required/addressable, and a word search."""

    def __init__(self):
        frame = charts.security_rule_table()
        full = load_course().tables["hipaa_security_rule"]
        sections = [("All sections", ALL)] + [
            (f"{s} {t}", s) for s, t in
            table("hipaa_security_rule")[["section", "section_title"]].drop_duplicates().itertuples(index=False)]
        self.section = w.Dropdown(options=sections, value=ALL, description="Section", style=_WIDE,
                                  layout=w.Layout(width="max-content"),
                                  tooltip="Show one section of the Security Rule")
        self.flag = w.Dropdown(options=[("Required and addressable", ALL)] +
                               [(v.capitalize(), v) for v in sorted(frame["R/A"].unique())],
                               value=ALL, description="Required/addressable", style=_WIDE,
                               layout=w.Layout(width="max-content"),
                               tooltip="Show only required or only addressable rows")
        self.text = w.Text(value="", placeholder="e.g. encryption, password, backup",
                           description="Find words", style=_WIDE, layout=w.Layout(width="420px"),
                           tooltip="Search the standard, specification and regulation text")
        self.count = w.HTML()
        self.table_out = w.Output()
        self.errors = w.Output()
        self.frame = frame
        for control in (self.section, self.flag, self.text):
            control.observe(self._on_control_value, names="value")
        super().__init__([w.HTML(f"<b>Security Rule explorer</b><br><small>{html.escape(full.source)}"
                                 "</small>"), w.HBox([self.section, self.flag]), self.text, self.count,
                          self.table_out, self.errors])
        self.add_class("cc-tool")
        self.run()

    def run(self):
        self.frame = charts.security_rule_table(self.section.value or None, self.flag.value or None,
                                                self.text.value or None)
        self.table_out.clear_output(wait=True)
        if self.frame.empty:
            self.table_out.clear_output()
            self.count.value = message_html("0 rows: no row matches. Clear the word search or choose "
                                            "another section.", kind="hint")
        else:
            self.count.value = f"{len(self.frame)} rows"
            with self.table_out:
                display(readable_table(self.frame, search=False, max_height=520))
        return self.frame

    def _on_control_value(self, _change: dict) -> None:
        _rerun(self, self.count, clear=(self.table_out,))


def baa_checker(**kwargs) -> BaaChecker:
    """The "Does this vendor need a BAA?" tool."""
    return BaaChecker(**kwargs)


def breach_clock(**kwargs) -> BreachClock:
    """The breach clock; press the button to draw the timeline."""
    clock = BreachClock(**kwargs)
    _rerun(clock, clock.result, clear=(clock.chart,))
    return clock


def penalty_explorer(**kwargs) -> PenaltyExplorer:
    """The penalty explorer."""
    return PenaltyExplorer(**kwargs)


def security_rule_explorer() -> SecurityRuleExplorer:
    """The Security Rule table with filters."""
    return SecurityRuleExplorer()
