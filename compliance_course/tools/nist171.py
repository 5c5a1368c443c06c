"""The NIST SP 800-171 self-assessment: mark each requirement, watch the SPRS score move.

:class:`SelfAssessment` is a composite widget: one accordion pane per Rev 2 family, one
toggle per requirement (Met / Not met, and Partial for 3.5.3 and 3.13.11), a live score
and a waterfall from 110 down, and a button that saves the unmet requirements as a POA&M
starter CSV. It is reusable (the CMMC module builds on it):

* ``tool.not_met`` and ``tool.partial`` are the current selections, in the form
  :func:`compliance_course.decisions.nist171.sprs_score` takes;
* ``tool.score`` is the score, or None when 3.12.4 is not met (no score);
* ``tool.on_change(callback)`` calls ``callback(tool)`` after every change;
* ``tool.set_selection(not_met, partial)`` sets the toggles from code without firing
  a callback per toggle;
* ``SelfAssessment(ids=[...])`` shows only some requirements (the others count as met).

Beside each id the tool shows the course's own short summary of the requirement (from
``course_data/tables/nist_800_171_r2_summaries.csv``), labelled as a summary and pointing to
NIST SP 800-171 Rev 2 for the exact text; NIST's wording itself is not shown.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import ipywidgets as w
import pandas as pd
from IPython.display import HTML, display

from ..charts.nist171 import sprs_waterfall
from ..decisions import nist171
from ..lesson import fact
from ._guard import CHOICE_ROW_CSS, message_html, run_guarded

MET, NOT_MET, PARTIAL = "met", "not_met", "partial"
#: What "Partial" means for each requirement that allows it, in words for the tooltip.
PARTIAL_MEANING = {
    "3.5.3": "Partial: MFA for remote and privileged users, not for general users (3 points)",
    "3.13.11": "Partial: CUI is encrypted, but the module is not FIPS-validated (3 points)",
    "3.1.12": "Partial: remote access is not permitted, but no policy stops it being enabled (1 point)",
    "3.1.16": "Partial: wireless access is not permitted, but no policy stops it being enabled (1 point)",
    "3.1.18": "Partial: mobile devices are not permitted, but no policy stops them being connected (1 point)",
}
POAM_COLUMNS = ["requirement", "family", "points_if_not_met", "status", "summary", "exact_text_in",
                "weakness_found", "planned_action", "owner", "milestone_date", "completion_date"]
#: The columns the company fills in (left empty by :func:`poam_starter`).
POAM_TO_FILL = POAM_COLUMNS[POAM_COLUMNS.index("weakness_found"):]
#: The fact whose URL is the NIST publication (for the link in the tool's header).
PUBLICATION_FACT = "nist171-purpose"


def poam_starter(not_met: Iterable[str], partial: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A plan of action and milestones to start from: one row per unmet or partial requirement.

    The requirement, family, points, the course's short ``summary`` of the requirement and
    ``exact_text_in`` (where NIST gives the exact text, e.g. "NIST SP 800-171 Rev 2, 3.1.1")
    are filled in; the columns the company must fill (weakness found, planned action, owner,
    dates) are left empty. Assess against NIST's exact text, not the summary.
    Raises like :func:`~compliance_course.decisions.nist171.deductions` (3.12.4 not met
    means there is no plan to score against: write the system security plan first).
    """
    partial = dict(partial or {})
    rows = nist171.deductions(not_met, partial)
    summary = nist171.requirements(2).set_index("id")["summary"]
    frame = pd.DataFrame({
        "requirement": rows["id"],
        "family": rows["family"],
        "points_if_not_met": rows["points"],
        "status": ["partially met" if rid in partial else "not met" for rid in rows["id"]],
        "summary": [summary[rid] for rid in rows["id"]],
        "exact_text_in": [nist171.nist_reference(rid) for rid in rows["id"]],
    })
    for column in POAM_TO_FILL:
        frame[column] = ""
    return frame[POAM_COLUMNS]


def poam_file_name(company: str = "", on: dt.date | None = None) -> str:
    """A clear file name: ``poam_starter_nist_800_171_r2_<company>_<date>.csv``."""
    slug = re.sub(r"[^a-z0-9]+", "_", company.lower()).strip("_")
    date = (on or dt.date.today()).isoformat()
    return "_".join(p for p in ("poam_starter_nist_800_171_r2", slug, date) if p) + ".csv"


def export_poam(not_met: Iterable[str], partial: Mapping[str, str] | None = None, *,
                folder: str | Path = ".", company: str = "", on: dt.date | None = None) -> Path:
    """Write :func:`poam_starter` to ``folder`` as CSV and return the file's path."""
    path = Path(folder) / poam_file_name(company, on)
    poam_starter(not_met, partial).to_csv(path, index=False)
    return path


class SelfAssessment(w.VBox):
    """Mark each requirement met, not met or partially met; see the score and the waterfall."""

    def __init__(self, ids: Iterable[str] | None = None, *, folder: str | Path = ".",
                 show_chart: bool = True) -> None:
        reqs = nist171.requirements(2)
        if ids is not None:
            wanted = list(ids)
            unknown = sorted(set(wanted) - set(reqs["id"]))
            if unknown:
                raise ValueError(f"ids: unknown NIST SP 800-171 Rev 2 requirement id(s) {unknown}")
            reqs = reqs[reqs["id"].isin(wanted)]
        self._reqs = reqs.reset_index(drop=True)
        self._folder = Path(folder)
        self._show_chart = show_chart
        self._callbacks: list[Callable[[SelfAssessment], None]] = []
        self._paused = False
        self.last_export: Path | None = None
        #: The waterfall on screen, or None (no score, or no chart).
        self.figure = None

        self._toggles: dict[str, w.RadioButtons] = {}
        panes, self._family_order = [], []
        for family, group in self._reqs.groupby("family", sort=False):
            rows = [self._toggle_for(rec) for rec in group.itertuples(index=False)]
            panes.append(w.VBox(rows))
            self._family_order.append(family)
        self._accordion = w.Accordion(children=panes)
        self._score = w.HTML()
        self._chart = w.Output(layout=w.Layout(min_height="120px"))
        self._errors = w.Output()
        self._company = w.Text(description="Company", placeholder="optional, for the file name",
                               tooltip="Company name used in the POA&M file name")
        self._export = w.Button(description="Save POA&M starter (CSV)", icon="download",
                                tooltip="Write the unmet requirements to a CSV file to start a POA&M",
                                layout=w.Layout(width="auto"))
        self._reset = w.Button(description="Mark all met", icon="undo",
                               tooltip="Set every requirement back to Met")
        self._export.on_click(self._on_export_click)
        self._reset.on_click(self._on_reset_click)
        self._export_status = w.HTML()
        super().__init__([
            w.HTML(CHOICE_ROW_CSS + "<b>Self-assessment (NIST SP 800-171 Rev 2, DoD Assessment Methodology)</b>: "
                   "open a family and mark each requirement. The words beside each id are this "
                   "course's short summary, not the requirement: assess against the exact text in "
                   f"<a href='{_publication_url()}' target='_blank'>NIST SP 800-171 Rev 2</a>, chapter 3."),
            self._score, self._accordion,
            w.HBox([self._reset, self._company, self._export]), self._export_status,
            self._chart, self._errors,
        ])
        self._refresh()

    # ----- public surface ---------------------------------------------------------------
    @property
    def not_met(self) -> list[str]:
        """Requirement ids marked Not met, in requirement order."""
        return [rid for rid, t in self._toggles.items() if t.value == NOT_MET]

    @property
    def partial(self) -> dict[str, str]:
        """Requirements marked Partial, as ``{id: partial value}`` for the engine."""
        return {rid: nist171.ALL_PARTIAL_VALUES[rid] for rid, t in self._toggles.items() if t.value == PARTIAL}

    @property
    def score(self) -> int | None:
        """The SPRS score of the current selection, or None when 3.12.4 is not met."""
        try:
            return nist171.sprs_score(self.not_met, self.partial)
        except nist171.AssessmentIncomplete:
            return None

    @property
    def deductions(self) -> pd.DataFrame:
        """The engine's deduction table for the current selection (empty if 3.12.4 is not met)."""
        try:
            return nist171.deductions(self.not_met, self.partial)
        except nist171.AssessmentIncomplete:
            return pd.DataFrame(columns=["id", "family", "points"])

    def on_change(self, callback: Callable[[SelfAssessment], None]) -> None:
        """Call ``callback(self)`` after every change of a requirement's status."""
        self._callbacks.append(callback)

    def set_selection(self, not_met: Iterable[str] = (), partial: Mapping[str, str] | None = None) -> None:
        """Set every shown requirement from code (others become Met); callbacks run once."""
        not_met, partial = set(not_met), dict(partial or {})
        for rid in not_met | set(partial):
            if rid not in self._toggles:
                raise ValueError(f"{rid!r} is not shown in this self-assessment")
        for rid, value in partial.items():
            if nist171.ALL_PARTIAL_VALUES.get(rid) != value:
                raise ValueError(f"partial[{rid!r}] must be {nist171.ALL_PARTIAL_VALUES.get(rid)!r}; got {value!r}")
        self._paused = True
        try:
            for rid, toggle in self._toggles.items():
                toggle.value = NOT_MET if rid in not_met else PARTIAL if rid in partial else MET
        finally:
            self._paused = False
        self._refresh()

    def toggle(self, requirement_id: str) -> w.RadioButtons:
        """The toggle of one requirement (tests and notebooks set ``.value`` on it)."""
        return self._toggles[requirement_id]

    # ----- building -----------------------------------------------------------------------
    def _toggle_for(self, rec) -> w.HBox:
        """One requirement: Met / Not met (/ Partial) as radio buttons, then the summary.

        Radio buttons, not toggle buttons: the chosen one shows a filled dot and is announced
        as checked; toggle buttons differed only by a shade of grey and exposed no state."""
        options = [("Met", MET), ("Not met", NOT_MET)]
        points = "no value: without it there is no score" if pd.isna(rec.points) else f"-{int(rec.points)} if not met"
        if rec.id in nist171.ALL_PARTIAL_VALUES:
            options.append(("Partial", PARTIAL))
        toggle = w.RadioButtons(options=options, value=MET, description=rec.id,
                                tooltip=f"{rec.id}: {rec.summary} ({nist171.SUMMARY_NOTE})",
                                style={"description_width": "60px"},
                                layout=w.Layout(width="auto", flex="0 0 auto"))
        toggle.add_class("cc-choice-row")
        toggle.observe(self._on_toggle_value, names="value")
        self._toggles[rec.id] = toggle
        partial = f"; {PARTIAL_MEANING[rec.id]}" if rec.id in PARTIAL_MEANING else ""
        label = w.HTML(f"<small>{_escape(rec.summary)} <i>({nist171.SUMMARY_NOTE}; {points}{partial})</i></small>",
                       layout=w.Layout(flex="1 1 auto", width="auto"))
        return w.HBox([toggle, label], layout=w.Layout(align_items="center", width="100%"))

    # ----- events -------------------------------------------------------------------------
    def _on_toggle_value(self, _change) -> None:
        if not self._paused:
            self._refresh()

    def _on_reset_click(self, _button) -> None:
        self.set_selection()

    def _on_export_click(self, _button) -> None:
        run_guarded(self._save_poam, message=self._export_status, errors=self._errors,
                    prefix="Could not save the POA&M starter:")

    def _save_poam(self) -> None:
        if self.score is None:
            self._export_status.value = message_html(
                "No POA&M: without a system security plan (3.12.4) there is nothing to score "
                "against. Write the plan first, then mark 3.12.4 Met.")
            return
        self.last_export = export_poam(self.not_met, self.partial, folder=self._folder,
                                      company=self._company.value)
        self._export_status.value = (f"Saved {len(self.deductions)} row(s) to "
                                     f"<code>{_escape(str(self.last_export))}</code>")

    def _refresh(self) -> None:
        run_guarded(self._redraw, message=self._export_status, errors=self._errors, clear=(self._chart,))

    def _redraw(self) -> None:
        self._update_titles()
        score = self.score
        if score is None:
            self._score.value = ("<h3 style='margin:4px 0'>No score</h3>3.12.4 (system security plan) is "
                                 "not met, so the DoD Assessment Methodology cannot complete the "
                                 "assessment (section 5(g)(i)).")
        else:
            lost = nist171.max_score() - score
            self._score.value = (f"<h3 style='margin:4px 0'>SPRS score: {score}</h3>"
                                 f"{nist171.max_score()} minus {lost} point(s) for "
                                 f"{len(self.deductions)} requirement(s) not fully met.")
        if self._show_chart:
            # Without wait=True: with it, the old chart stays until new output arrives,
            # and "No score" draws none, so "SPRS score 102" stayed on screen.
            self._chart.clear_output()
            with self._chart:
                if score is None:
                    self.figure = None
                    display(HTML(message_html("No waterfall without a score: mark 3.12.4 "
                                              "(system security plan) Met to see it.", kind="hint")))
                else:
                    self.figure = sprs_waterfall(self.not_met, self.partial)
                    display(self.figure)
        for callback in self._callbacks:
            callback(self)

    def _update_titles(self) -> None:
        lost = self.deductions.groupby("family")["points"].sum() if self.score is not None else {}
        for i, family in enumerate(self._family_order):
            ids = self._reqs.loc[self._reqs["family"] == family, "id"]
            marked = sum(self._toggles[r].value != MET for r in ids)
            prefix = ids.iloc[0].rsplit(".", 1)[0]
            minus = f", -{int(lost[family])}" if family in lost else ""
            self._accordion.set_title(i, f"{prefix} {family}: {len(ids)} requirements"
                                         + (f", {marked} not fully met{minus}" if marked else ""))


def _publication_url() -> str:
    """The NIST page of SP 800-171 Rev 2, from the module's facts (not typed here)."""
    return fact(PUBLICATION_FACT).url or ""


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&quot;"))


def self_assessment(ids: Iterable[str] | None = None, *, folder: str | Path = ".") -> SelfAssessment:
    """The self-assessment widget, for a one-line notebook cell."""
    return SelfAssessment(ids, folder=folder)
