"""Course-wide charts: the module map and the learner's progress."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import ipywidgets as w
from IPython.display import display

from .. import progress
from ..data import load_course
from ._style import finish


def module_map() -> go.Figure:
    """Each module, what it is for and how long it takes, as a horizontal bar chart."""
    course = load_course()
    frame = pd.DataFrame([{"module": f"{m.number:02d} {m.framework}", "minutes": m.minutes,
                           "purpose": m.purpose, "who asks": m.who_asks, "notebook": m.notebook}
                          for m in sorted(course.modules.values(), key=lambda m: m.number)])
    fig = px.bar(frame, x="minutes", y="module", orientation="h", text="minutes",
                 hover_data={"purpose": True, "who asks": True, "notebook": True},
                 title="The course at a glance: minutes per module")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(height=360, margin=dict(l=10, r=10, t=50, b=10))
    return finish(fig)


def progress_figure() -> go.Figure:
    """Best practice score per module so far, against the pass mark.

    A module not tried yet has no bar and reads "not tried yet"; a module tried with no
    right answer has a bar label "0 %". With no record at all the chart says so.
    """
    from ..grading.models import pass_percent, pass_threshold

    course = load_course()
    best = progress.best_by_module().set_index("module")
    threshold = pass_threshold(course)  # the certification exams' default pass mark, from exams.yaml
    mark = 100 * threshold
    rows = []
    for m in sorted(course.modules.values(), key=lambda m: m.number):
        tried = m.id in best.index
        percent = float(best.loc[m.id, "best_percent"]) if tried else 0.0
        attempts = int(best.loc[m.id, "attempts"]) if tried else 0
        status = ("not tried yet" if not tried else
                  "at or above the pass mark" if percent >= mark else "below the pass mark")
        rows.append({"module": f"{m.number:02d} {m.framework}", "best": percent,
                     "label": f"{percent:.0f} %" if tried else "not tried yet",
                     "hover": (f"{m.title}: best {percent:.0f} % in {attempts} "
                               f"set{'s' if attempts != 1 else ''} ({status})" if tried
                               else f"{m.title}: not tried yet")})
    frame = pd.DataFrame(rows)
    fig = go.Figure(go.Bar(
        x=frame["module"], y=frame["best"], text=frame["label"], textposition="outside",
        cliponaxis=False, marker_color="#1f5fa8", hovertext=frame["hover"], hoverinfo="text",
        name="best practice score"))
    fig.add_hline(y=mark, line_dash="dash", line_color="#444",
                  annotation_text=f"pass mark {pass_percent(threshold)} %", annotation_position="top left")
    fig.update_yaxes(range=[0, 112], title="best score (%)", ticksuffix=" %", tickvals=[0, 20, 40, 60, 80, 100])
    fig.update_xaxes(title=None)
    fig.update_layout(title="Your best practice score per module", height=380,
                      margin=dict(l=10, r=10, t=60, b=10), showlegend=False)
    if best.empty:
        fig.add_annotation(text="No practice scores recorded yet. Finish a practice set "
                                "and your score appears here.",
                           xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                           font=dict(size=15), bgcolor="white")
    return fig


class ProgressChart(w.VBox):
    """The progress chart, redrawn in place whenever a practice set records a score."""

    def __init__(self):
        self.output = w.Output()
        super().__init__([self.output])
        self.add_class("cc-progress-chart")
        self.figure = go.Figure()
        self.refresh()
        progress.on_record(self._on_record)

    def _on_record(self, _row: dict) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.figure = progress_figure()
        self.output.clear_output(wait=True)
        with self.output:
            display(self.figure)

    def close(self) -> None:
        progress.off_record(self._on_record)
        super().close()


def progress_chart() -> ProgressChart:
    """The learner's progress chart; it refreshes itself when a practice set finishes."""
    return ProgressChart()
