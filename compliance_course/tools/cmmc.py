"""CMMC tools: which level and what assessment, the conditional-status checker, the scoping exercise.

Each tool is a thin ipywidgets box over :mod:`compliance_course.decisions.cmmc`; what the
learner reads is the engine's own answer, reason and citation. Input errors are shown where
the answer would be; any other callback error lands in an ``Output`` widget, never lost.
"""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from ..data import load_course
from ..decision import Decision
from ..decisions import cmmc
from ..no_math import NO_MATH
from . import nist171 as nist171_tools
from ._guard import message_html, run_guarded

__all__ = ["ConditionalChecker", "LevelFinder", "ScopingExercise",
           "conditional_checker", "level_finder", "scoping_exercise", "story_scenarios"]

_INFORMATION_LABELS = [
    ("Only public or payment information", "none"),
    ("Federal contract information (FCI), no CUI", "fci"),
    ("Controlled unclassified information (CUI)", "cui"),
]
_STATUS_FOR_LEVEL = {1: ["Level 1 (Self)"], 2: ["Level 2 (Self)", "Level 2 (C3PAO)"],
                     3: ["Level 3 (DIBCAC)"]}


def _decision_html(decision: Decision, *, answer: str | None = None) -> str:
    """A decision as a small HTML block: answer, reason, extra fields, source."""
    shown = answer if answer is not None else decision.answer
    if isinstance(shown, bool):
        shown = "Yes" if shown else "No"
    parts = [f"<b>Answer: {html.escape(str(shown))}</b>", html.escape(decision.reason)]
    if decision.assessment:
        parts.append(f"<b>Assessment:</b> {html.escape(decision.assessment)}")
    if decision.score is not None:
        parts.append(f"<b>SPRS score:</b> {decision.score}")
    parts.append(f"<small>Source: {html.escape(decision.citation)}</small>")
    return f"<div class='cc-feedback {NO_MATH}'>" + "<br>".join(parts) + "</div>"


class LevelFinder(w.VBox):
    """Which level and what assessment: information handled, program priority, solicitation date."""

    def __init__(self, *, on: dt.date | None = None):
        self.information = w.RadioButtons(options=_INFORMATION_LABELS, value="fci",
                                          description="Information",
                                          tooltip="What the contract lets you handle",
                                          layout=w.Layout(width="auto"))
        self.high_priority = w.Checkbox(value=False, description="High-priority DoD program",
                                        tooltip="The solicitation names one of DoD's highest-priority programs",
                                        indent=False)
        self.date = w.DatePicker(value=on or dt.date.today(), description="Solicitation date",
                                 tooltip="The date the solicitation is issued",
                                 style={"description_width": "initial"})
        self.button = w.Button(description="Which level?", button_style="primary",
                               tooltip="Show the level, the assessment and what the phase allows")
        self.result = w.HTML()
        self.errors = w.Output()
        self.decision: Decision | None = None
        self.button.on_click(self._on_button_click)
        super().__init__([self.information, self.high_priority, self.date, self.button,
                          self.result, self.errors])
        self.add_class("cc-tool")

    def run(self) -> Decision:
        """Compute and show the answer for the current inputs (also what the button does)."""
        self.decision = cmmc.required_level(self.information.value,
                                            high_priority_program=self.high_priority.value)
        blocks = [_decision_html(self.decision, answer=f"Level {self.decision.answer}"
                                 if self.decision.answer else "No CMMC level")]
        if self.decision.answer and self.date.value is None:
            blocks.append(message_html("Choose the solicitation date to see what that phase allows.",
                                       kind="hint"))
        elif self.decision.answer:
            day = self.date.value
            rule = cmmc.phase_status(day)  # which rule decides the date: 170.3(e) or the suspension
            when = f"Phase {rule.answer} requirements apply" if rule.answer else "before Phase 1"
            lines = [f"<b>On {day.day} {day:%B %Y} ({when}):</b> "
                     f"{html.escape(rule.reason)} <small>({html.escape(rule.citation)})</small>"]
            for status in _STATUS_FOR_LEVEL[self.decision.answer]:
                allowed = cmmc.solicitation_can_require(status, day)
                mark = "✔" if allowed.answer else "✘"
                # the rule sentence is shown once above; each status keeps what is its own
                own = allowed.reason.removeprefix(rule.reason).strip()
                lines.append(f"{mark} {html.escape(status)}" + (f": {html.escape(own)}" if own else ""))
            blocks.append("<br>".join(lines))
        self.result.value = "<br>".join(blocks)
        return self.decision

    def _on_button_click(self, _button: w.Button) -> None:
        run_guarded(self.run, message=self.result, errors=self.errors, prefix="Could not decide:")


class ConditionalChecker(w.VBox):
    """Takes a self-assessment and says whether a Conditional Level 2 status is possible, and why.

    ``assessment`` is any widget with ``not_met`` and ``partial`` attributes; by default the
    NIST SP 800-171 self-assessment of the 800-171 module
    (:class:`compliance_course.tools.nist171.SelfAssessment`), whose changes re-run the check
    at once. The verdict is :func:`cmmc.level2_conditional` on the same selection.
    """

    def __init__(self, assessment: Any | None = None, *, status_date: dt.date | None = None):
        if assessment is None:
            assessment = nist171_tools.SelfAssessment(show_chart=False)
        self.assessment = assessment
        self.status_date = w.DatePicker(value=status_date or dt.date.today(),
                                        description="Conditional status date",
                                        tooltip="The date the Conditional status would be recorded",
                                        style={"description_width": "initial"})
        self.button = w.Button(description="Conditional status?", button_style="primary",
                               tooltip="Check the three POA&M rules of 32 CFR 170.21(a)(2)")
        self.result = w.HTML()
        self.errors = w.Output()
        self.decision: Decision | None = None
        self.button.on_click(self._on_button_click)
        self.status_date.observe(self._on_status_date_value, names="value")
        if callable(getattr(assessment, "on_change", None)):
            assessment.on_change(self._on_assessment_change)
        super().__init__([w.HTML("<b>Conditional Level 2 status checker</b> (32 CFR 170.21): mark "
                                 "the self-assessment below; the verdict updates as you go."),
                          self.status_date, self.button, self.result, self.errors, self.assessment])
        self.add_class("cc-tool")
        self._run_safely()

    def check(self, not_met: list[str] | None = None, partial: Mapping[str, str] | None = None) -> Decision:
        """Run the engine on the self-assessment (or on the given values) and show the verdict."""
        not_met = list(self.assessment.not_met) if not_met is None else list(not_met)
        partial = dict(self.assessment.partial) if partial is None else dict(partial)
        self.decision = None
        self.decision = cmmc.level2_conditional(not_met, partial)
        text = _decision_html(self.decision)
        open_items = sorted(set(not_met) | set(partial))
        if self.decision.answer and open_items and self.status_date.value is None:
            text += message_html("Choose the Conditional status date to see when the POA&M must be closed.",
                                 kind="hint")
        elif self.decision.answer and open_items:
            deadline = cmmc.closeout_deadline(self.status_date.value)
            text += (f"<div>Close the POA&amp;M by <b>{deadline.day} {deadline:%B %Y}</b> "
                     f"(<small>32 CFR 170.21(b)</small>).</div>")
        self.result.value = text
        return self.decision

    def _run_safely(self) -> None:
        self.decision = None
        run_guarded(self.check, message=self.result, errors=self.errors, prefix="Could not check:")

    def _on_button_click(self, _button: w.Button) -> None:
        self._run_safely()

    def _on_assessment_change(self, _assessment: Any) -> None:
        self._run_safely()

    def _on_status_date_value(self, _change: dict) -> None:
        self._run_safely()


class ScopingExercise(w.VBox):
    """Sort the assets of the example network into the five categories, then check.

    The assets are the scenarios tagged ``example-network``; the right category of each is
    what :func:`cmmc.asset_category` returns for the scenario's inputs.
    """

    def __init__(self, tag: str = "example-network"):
        course = load_course()
        self.scenarios = [s for s in course.scenarios_for("cmmc") if tag in s.tags]
        if not self.scenarios:
            raise ValueError(f"no cmmc scenarios tagged {tag!r}")
        self.choices: list[w.Dropdown] = []
        self.feedback: list[w.HTML] = []
        rows: list[w.Widget] = []
        for s in self.scenarios:
            name = s.title.split(": ", 1)[-1]
            # "" and not None: ipywidgets shows a Dropdown whose value is None as blank.
            drop = w.Dropdown(options=[("choose a category", "")] + [(o, o) for o in s.options],
                              value="", description=name, tooltip=f"Category of {name}",
                              style={"description_width": "initial"}, layout=w.Layout(width="auto"))
            self.choices.append(drop)
            self.feedback.append(w.HTML())
            rows.append(w.VBox([w.HTML(f"<small>{html.escape(s.situation)}</small>"), drop,
                                self.feedback[-1]]))
        self.button = w.Button(description="Check my scoping", button_style="primary",
                               tooltip="Compare each category with 32 CFR 170.19")
        self.score = w.HTML()
        self.errors = w.Output()
        self.button.on_click(self._on_button_click)
        super().__init__([*rows, self.button, self.score, self.errors])
        self.add_class("cc-tool")

    def check(self) -> int:
        """Mark every asset; return how many categories are right."""
        right = 0
        for s, drop, out in zip(self.scenarios, self.choices, self.feedback):
            decision = cmmc.asset_category(**s.inputs)
            if not drop.value:
                out.value = message_html("Choose a category first.", kind="hint")
                continue
            ok = drop.value == decision.answer
            right += ok
            verdict = ("<b style='color:#2e7d32'>✔</b> " if ok else
                       f"<b style='color:#c62828'>✘</b> It is a <b>{html.escape(decision.answer)}</b>. ")
            out.value = (f"{verdict}{html.escape(decision.reason)} {html.escape(decision.assessment or '')} "
                         f"<small>({html.escape(decision.citation)})</small>")
        self.score.value = f"<b>{right} of {len(self.scenarios)} right.</b>"
        return right

    def _on_button_click(self, _button: w.Button) -> None:
        run_guarded(self.check, message=self.score, errors=self.errors)


def level_finder(on: dt.date | None = None) -> LevelFinder:
    """The "which level and what assessment" tool."""
    return LevelFinder(on=on)


def conditional_checker(assessment: Any | None = None) -> ConditionalChecker:
    """The conditional-status checker over a self-assessment."""
    return ConditionalChecker(assessment)


def scoping_exercise() -> ScopingExercise:
    """The scoping exercise on the example network."""
    return ScopingExercise()


def story_scenarios() -> list[str]:
    """Ids of the module's scenarios that are not part of the scoping exercise, in bank order."""
    return [s.id for s in load_course().scenarios_for("cmmc") if "example-network" not in s.tags]
