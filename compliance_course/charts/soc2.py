"""SOC 2 figures and the tables behind them, all built from ``course_data/facts/soc2.yaml``.

- :func:`criteria_frame` / :func:`criteria_chart`: criteria per series and category (tag
  ``criteria-count``);
- :func:`timeline_frame` / :func:`timeline_chart` / :func:`phase_table`: the road to a first SOC 2 (tag ``timeline``),
  durations and fees being market estimates, each with its source;
- :func:`report_outline`: the annotated outline of a SOC 2 report (tag ``report-section``).
"""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..data import Fact, load_course
from ..decisions.soc2 import CATEGORIES
from ._style import finish

MODULE = "soc2"
_LABELS = {c: c.replace("_", " ").capitalize() for c in CATEGORIES}


def _facts(tag: str, keys: set[str]) -> list[Fact]:
    facts = load_course().facts_for(MODULE, tag=tag)
    if not facts:
        raise ValueError(f"no {MODULE} facts tagged {tag!r} in course_data/facts/{MODULE}.yaml")
    for f in facts:
        missing = keys - set(f.value or {})
        if missing:
            raise ValueError(f"course_data/facts/{MODULE}.yaml: fact {f.id!r}: value: "
                             f"missing {sorted(missing)}")
    return facts


def criteria_frame() -> pd.DataFrame:
    """One row per series (CC1 ... P8): category, title, number of criteria, identifiers, source."""
    rows = []
    for f in _facts("criteria-count", {"series", "title", "category", "criteria", "first", "last"}):
        v = f.value
        ids = v["first"] if v["first"] == v["last"] else f"{v['first']} to {v['last']}"
        covers = f.statement.split(": ", 1)[-1]  # the statement reads "<series ...>: <what it covers>"
        rows.append({"category": _LABELS[v["category"]], "series": v["series"], "title": v["title"],
                     "criteria": int(v["criteria"]), "identifiers": ids, "covers": covers,
                     "source": f.source})
    return pd.DataFrame(rows)


def criteria_by_category_frame() -> pd.DataFrame:
    """Criteria each category adds (security = the common criteria), in the AICPA's order."""
    frame = criteria_frame().groupby("category", sort=False, as_index=False)["criteria"].sum()
    order = [_LABELS[c] for c in CATEGORIES]
    return frame.set_index("category").loc[order].reset_index()


def criteria_chart() -> go.Figure:
    """Stacked bars: criteria per trust services category, one segment per series."""
    frame = criteria_frame()
    fig = px.bar(frame, x="category", y="criteria", color="category", text="series",
                 category_orders={"category": [_LABELS[c] for c in CATEGORIES]},
                 hover_data={"title": True, "identifiers": True, "category": False, "series": True},
                 title="Criteria per trust services category (each segment is one series)")
    fig.update_traces(marker_line_color="white", marker_line_width=1, textposition="inside")
    totals = criteria_by_category_frame()
    fig.add_trace(go.Scatter(x=totals["category"], y=totals["criteria"], text=totals["criteria"],
                             mode="text", textposition="top center", showlegend=False,
                             hoverinfo="skip"))
    fig.update_layout(showlegend=False, height=430, margin=dict(l=10, r=10, t=60, b=60),
                      yaxis_title="criteria", xaxis_title=None)
    _caption(fig, "Source: AICPA TSP section 100 (2017 TSC, revised points of focus 2022), criterion identifiers.")
    return finish(fig)


def timeline_frame() -> pd.DataFrame:
    """Each phase twice, on a fast path (low estimates) and a slow path (high estimates).

    ``start`` and ``end`` are months from the project start; a phase starts when the phase
    named by ``starts_after`` ends on the same path.
    """
    facts = sorted(_facts("timeline", {"order", "starts_after", "phase", "low_months", "high_months"}),
                   key=lambda f: f.value["order"])
    rows = []
    for path, key in (("fast path (low estimates)", "low_months"), ("slow path (high estimates)", "high_months")):
        ends: dict[int, float] = {0: 0.0}
        for f in facts:
            v = f.value
            if v["starts_after"] not in ends:
                raise ValueError(f"course_data/facts/{MODULE}.yaml: fact {f.id!r}: value: starts_after "
                                 f"{v['starts_after']} names no earlier phase")
            start = ends[v["starts_after"]]
            months = float(v[key])
            ends[v["order"]] = start + months
            cost = (f"USD {v['cost_low_usd']:,}–{v['cost_high_usd']:,} (market estimate)"
                    if "cost_low_usd" in v else "")
            rows.append({"path": path, "order": v["order"], "phase": v["phase"], "start": start,
                         "months": months, "end": start + months,
                         "range": f"{v['low_months']}–{v['high_months']} months",
                         "fee": cost, "label": cost if key == "high_months" else "",
                         "source": f.source})
    return pd.DataFrame(rows)


def phase_table() -> pd.DataFrame:
    """One row per phase of a first SOC 2: the estimated range, any fee estimate, and the source."""
    frame = timeline_frame()
    slow = frame[frame["path"].str.startswith("slow")]
    return slow[["phase", "range", "fee", "source"]].rename(
        columns={"range": "duration (estimate)", "fee": "audit fee (estimate)"}).reset_index(drop=True)


def timeline_chart() -> go.Figure:
    """Gantt-style bars of a first SOC 2, fast and slow paths side by side."""
    frame = timeline_frame()
    fig = px.bar(frame, x="months", y="phase", base="start", color="path", orientation="h",
                 barmode="group", text="label",
                 hover_data={"range": True, "fee": True, "source": True, "start": True,
                             "months": False, "path": False, "phase": False, "label": False},
                 category_orders={"phase": list(dict.fromkeys(frame.sort_values("order")["phase"]))},
                 title="A first SOC 2, readiness to renewal: months from the start (market estimates)")
    fig.update_yaxes(title=None, autorange="reversed")
    fig.update_xaxes(title="months from the start of the project", dtick=3)
    fig.update_traces(textposition="inside", insidetextanchor="start", textfont_size=10)
    # Fee labels that do not fit a short bar are hidden (hover shows them), not shrunk to dots.
    fig.update_layout(height=500, legend_title=None, legend=dict(orientation="h", y=-0.22),
                      uniformtext=dict(minsize=9, mode="hide"),
                      margin=dict(l=10, r=10, t=60, b=150))
    _caption(fig, "Durations and fees are vendor and practitioner estimates, not AICPA figures; "
                  "hover a bar for its source.", y=-0.42)
    return finish(fig)


def report_outline() -> pd.DataFrame:
    """The sections of a SOC 2 report with what each holds and what a reader should look for."""
    rows = []
    for f in sorted(_facts("report-section", {"section", "title", "look_for", "in_type1", "in_type2"}),
                    key=lambda f: f.value["section"]):
        v = f.value
        rows.append({"section": v["section"], "title": v["title"], "what it holds": f.statement,
                     "look for": v["look_for"], "source": f.source})
    return pd.DataFrame(rows)


def _caption(fig: go.Figure, text: str, y: float = -0.18) -> None:
    fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=y, showarrow=False,
                       xanchor="left", font=dict(size=11, color="#555"))
