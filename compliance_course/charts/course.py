"""Course-wide charts: the module map and the learner's progress."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

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


def progress_chart() -> go.Figure:
    """Best practice score per module so far, with modules not yet tried shown at zero."""
    course = load_course()
    best = progress.best_by_module().set_index("module") if not progress.history().empty else None
    rows = []
    for m in sorted(course.modules.values(), key=lambda m: m.number):
        percent = float(best.loc[m.id, "best_percent"]) if best is not None and m.id in best.index else 0.0
        attempts = int(best.loc[m.id, "attempts"]) if best is not None and m.id in best.index else 0
        rows.append({"module": f"{m.number:02d} {m.framework}", "best %": percent, "attempts": attempts})
    fig = px.bar(pd.DataFrame(rows), x="module", y="best %", hover_data=["attempts"],
                 range_y=[0, 100], title="Your best practice score per module")
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=50, b=10))
    return fig
