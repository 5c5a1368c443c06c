"""The facilitator's dashboard: the room's answers per scenario, the answer revealed on demand.

In ``notebooks/workshop/facilitator_dashboard.ipynb``: ``FacilitatorDashboard()``.
Nothing here writes to the poll folder; it only reads and tallies it.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from ..data import Course, Scenario, load_course
from .poll import ENV_VAR, PollError, PollResults, poll_folder, read_poll

NEUTRAL, RIGHT, WRONG = "#5c6bc0", "#2e7d32", "#bdbdbd"
AUTO_REFRESH_MS = 5000


def answer_chart(scenario: Scenario, counts: pd.Series, *, reveal: bool = False) -> go.Figure:
    """A bar per option with the number of participants who chose it; green = right once revealed."""
    colours = [(RIGHT if o == scenario.expected_option else WRONG) if reveal else NEUTRAL
               for o in counts.index]
    total = int(counts.sum())
    title = f"{scenario.title}: {total} answer{'s' if total != 1 else ''}"
    if reveal:
        title += f" (answer: {scenario.expected_option})"
    fig = go.Figure(go.Bar(x=list(counts.index), y=[int(v) for v in counts.values], marker_color=colours,
                           text=[int(v) for v in counts.values], textposition="outside",
                           hovertemplate="%{x}: %{y} participant(s)<extra></extra>"))
    fig.update_layout(title=title, xaxis_title="Option", yaxis_title="Participants",
                      yaxis=dict(rangemode="tozero", dtick=1 if total <= 10 else None),
                      height=360, margin=dict(t=60, l=50, r=20, b=60), template="plotly_white")
    return fig


def summary_chart(summary: pd.DataFrame) -> go.Figure:
    """Share of the room right per scenario, across all rounds so far."""
    answered = summary[summary["responses"] > 0]
    fig = go.Figure(go.Bar(x=answered["title"], y=answered["percent_right"], marker_color=RIGHT,
                           text=[f"{p:g}% of {n}" for p, n in zip(answered["percent_right"], answered["responses"])],
                           textposition="outside",
                           hovertemplate="%{x}: %{y}% right<extra></extra>"))
    fig.update_layout(title="Right answers across rounds", yaxis=dict(range=[0, 110], title="% of the room right"),
                      xaxis_title="Scenario", height=360, margin=dict(t=60, l=50, r=20, b=80),
                      template="plotly_white")
    return fig


def _pollable(course: Course) -> dict[str, list[Scenario]]:
    by_module: dict[str, list[Scenario]] = {}
    for m in sorted(course.modules.values(), key=lambda m: m.number):
        scenarios = [s for s in course.scenarios_for(m.id) if s.options]
        if scenarios:
            by_module[m.id] = scenarios
    return by_module


class FacilitatorDashboard(w.VBox):
    """Pick a module and a round, press Refresh (or start auto-refresh), reveal the answer when ready.

    Revealing is per round: the summary across rounds shows how many were right only for
    rounds already revealed, so it never gives away a round still to come.
    """

    def __init__(self, module: str | None = None, *, folder: str | Path | None = None):
        self.course = load_course()
        self.by_module = _pollable(self.course)
        self.results: PollResults | None = None
        self.figure: go.Figure | None = None
        self.summary_figure: go.Figure | None = None
        self.summary: pd.DataFrame | None = None
        self.revealed: set[str] = set()
        self._silent = False
        if module is not None and module not in self.by_module:
            raise ValueError(f"module {module!r} has no scenarios to poll; "
                             f"modules with scenarios: {', '.join(self.by_module) or 'none yet'}")
        try:
            default_folder = str(poll_folder(folder))
        except PollError:
            default_folder = ""
        titles = {m: self.course.modules[m].title for m in self.by_module}
        self.module = w.Dropdown(options=[(titles[m], m) for m in self.by_module],
                                 value=module or next(iter(self.by_module), None), description="Module",
                                 tooltip="The module this workshop runs")
        self.folder = w.Text(value=default_folder, description="Poll folder",
                             placeholder=f"path, or set {ENV_VAR}", tooltip="The shared folder participants write to",
                             layout=w.Layout(width="60%"))
        self.round = w.Dropdown(description="Round", tooltip="The scenario the room is answering now")
        self.reveal = w.ToggleButton(value=False, description="Reveal answer", icon="eye",
                                     tooltip="Colour the right option green and show it in the title")
        self.refresh_button = w.Button(description="Refresh", icon="refresh", button_style="primary",
                                       tooltip="Read the poll folder again")
        self.auto = w.Play(interval=AUTO_REFRESH_MS, max=10**6, description="Auto-refresh",
                           tooltip=f"Press play to refresh every {AUTO_REFRESH_MS // 1000} seconds",
                           show_repeat=False)
        self.status = w.HTML()
        self.chart = w.Output()
        self.summary_out = w.Output()
        self.errors = w.Output()
        self._update_rounds()
        self.module.observe(self._on_module_value, names="value")
        self.round.observe(self._on_round_value, names="value")
        self.reveal.observe(self._on_reveal_value, names="value")
        self.auto.observe(self._on_auto_value, names="value")
        self.refresh_button.on_click(self._on_refresh_button_click)
        controls = w.HBox([self.refresh_button, self.auto, self.reveal])
        super().__init__([w.HTML("<h3>Team poll: the room's answers</h3>"), self.module, self.folder, controls,
                          self.status, self.round, self.chart,
                          w.HTML("<h4>Summary across rounds</h4>"), self.summary_out, self.errors])
        if not self.by_module:
            self.status.value = ("<span style='color:#8a6d3b'>No module has scenarios with options yet; "
                                 "nothing to poll.</span>")
        else:
            self.refresh()

    # -- reading and drawing -------------------------------------------------------------------
    def scenarios(self) -> list[Scenario]:
        return self.by_module.get(self.module.value, [])

    def figure_for(self, scenario_id: str) -> go.Figure:
        """The bar chart of one scenario from the last refresh, its answer shown if revealed."""
        scenario = self.course.scenarios[scenario_id]
        counts = self.results.counts(scenario) if self.results else pd.Series(0, index=list(scenario.options))
        return answer_chart(scenario, counts, reveal=scenario_id in self.revealed)

    def refresh(self) -> PollResults | None:
        """Read the poll folder and redraw the current round and the summary."""
        if not self.scenarios():
            return None
        try:
            self.results = read_poll(self.folder.value.strip() or None, course=self.course)
        except PollError as exc:
            self.results = None
            self.status.value = f"<span style='color:#c62828'>{html.escape(str(exc))}</span>"
        else:
            people = self.results.answers["uid"].nunique()
            note = f"{people} participant{'s' if people != 1 else ''} answered so far."
            if self.results.problems:
                items = "".join(f"<li><code>{html.escape(n)}</code>: {html.escape(r)}</li>"
                                for n, r in self.results.problems)
                note += (f" <details><summary>{len(self.results.problems)} file(s) skipped</summary>"
                         f"<ul>{items}</ul></details>")
            self.status.value = note
        self._draw()
        return self.results

    def _draw(self) -> None:
        self.figure = self.figure_for(self.round.value) if self.round.value else None
        with self.chart:
            self.chart.clear_output(wait=True)
            if self.figure is not None:
                display(self.figure)
        empty = pd.DataFrame(columns=["scenario", "title", "responses", "right", "percent_right", "most_chosen"])
        summary = self.results.summary(self.scenarios()) if self.results else empty
        hidden = ~summary["scenario"].isin(self.revealed)
        summary["right"] = summary["right"].astype(object)
        summary["percent_right"] = summary["percent_right"].astype(object)
        summary.loc[hidden, ["right", "percent_right"]] = None  # not revealed yet: no spoilers
        self.summary = summary
        shown = summary[~hidden & (summary["responses"] > 0)]
        self.summary_figure = summary_chart(shown) if len(shown) else None
        with self.summary_out:
            self.summary_out.clear_output(wait=True)
            display(summary.set_index("scenario").fillna("hidden until revealed"))
            if self.summary_figure is not None:
                display(self.summary_figure)

    def _update_rounds(self) -> None:
        self.round.options = [(f"{i}. {s.title}", s.id) for i, s in enumerate(self.scenarios(), 1)]
        self.round.value = self.round.options[0][1] if self.round.options else None
        self._silent = True
        self.reveal.value = self.round.value in self.revealed
        self._silent = False

    # -- events --------------------------------------------------------------------------------
    def _on_module_value(self, _change) -> None:
        with self.errors:
            self._update_rounds()
            self.refresh()

    def _on_round_value(self, _change) -> None:
        with self.errors:
            self._silent = True  # the toggle follows the round; do not treat that as a reveal
            self.reveal.value = self.round.value in self.revealed
            self._silent = False
            self._draw()

    def _on_reveal_value(self, change) -> None:
        if self._silent:
            return
        with self.errors:
            if self.round.value:
                (self.revealed.add if change["new"] else self.revealed.discard)(self.round.value)
            self._draw()

    def _on_auto_value(self, _change) -> None:
        with self.errors:
            self.refresh()

    def _on_refresh_button_click(self, _button) -> None:
        with self.errors:
            self.refresh()
