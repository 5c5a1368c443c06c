"""NIST SP 800-171 charts and tables, drawn from ``course_data/tables``.

* :func:`requirements_by_family`: how many Rev 2 requirements each family has, split by
  the points the DoD Assessment Methodology gives them.
* :func:`points_by_family`: how many points each family can cost at most.
* :func:`sprs_waterfall`: the score as a waterfall from 110 down, one bar per deduction
  (hovering a bar shows the course's summary of the requirement, never NIST's wording).
* :func:`revision_comparison`: Rev 2 and Rev 3 side by side, family by family.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..data import table_source
from ..decisions import nist171
from ._style import finish

#: Colours by point value: heavier deductions are darker.
VALUE_COLOURS = {"5 points": "#b71c1c", "3 or 5 points": "#e65100", "3 points": "#f9a825",
                 "1 point": "#90a4ae", "no value (no plan, no score)": "#37474f"}
SOURCE_R2 = "nist_800_171_r2"


def _value_label(row) -> str:
    if pd.isna(row["points"]):
        return "no value (no plan, no score)"
    if not pd.isna(row["partial_points"]):
        return "3 or 5 points"
    return "1 point" if int(row["points"]) == 1 else f"{int(row['points'])} points"


def _family_label(frame: pd.DataFrame) -> pd.Series:
    """"3.1 Access Control" from the id "3.1.1" and the family name."""
    return frame["id"].str.rsplit(".", n=1).str[0] + " " + frame["family"]


def _caption(fig: go.Figure, text: str) -> go.Figure:
    fig.add_annotation(text=f"Source: {text}", xref="paper", yref="paper", x=0, y=-0.22,
                       showarrow=False, font=dict(size=10), xanchor="left", align="left")
    return fig


def requirements_by_family() -> go.Figure:
    """A bar per Rev 2 family: the number of requirements, coloured by their point value."""
    reqs = nist171.requirements(2)
    reqs["family label"] = _family_label(reqs)
    reqs["value"] = reqs.apply(_value_label, axis=1)
    counts = (reqs.groupby(["family label", "value"], sort=False).size()
              .rename("requirements").reset_index())
    order = list(dict.fromkeys(reqs["family label"]))
    fig = px.bar(counts, x="requirements", y="family label", color="value", orientation="h",
                 category_orders={"family label": order, "value": list(VALUE_COLOURS)},
                 color_discrete_map=VALUE_COLOURS,
                 title=f"NIST SP 800-171 Rev 2: {len(reqs)} requirements in {reqs['family'].nunique()} "
                       "families, by the points each costs if not met")
    fig.update_yaxes(title=None, autorange="reversed")
    fig.update_layout(height=520, legend_title_text="Deduction if not met",
                      margin=dict(l=10, r=10, t=60, b=90))
    return finish(_caption(fig, table_source(SOURCE_R2)))


def points_by_family() -> go.Figure:
    """A bar per Rev 2 family: the most points it can take off the score (3.5.3 and 3.13.11 at 5)."""
    reqs = nist171.requirements(2)
    reqs["family label"] = _family_label(reqs)
    totals = (reqs.groupby("family label", sort=False)
              .agg(points=("points", "sum"), requirements=("id", "size")).reset_index())
    totals["points"] = totals["points"].astype(int)
    fig = px.bar(totals, x="points", y="family label", orientation="h", text="points",
                 hover_data={"requirements": True},
                 title=f"Most points each family can cost: {int(totals['points'].sum())} in all, "
                       f"so the lowest score is {nist171.minimum_score()}")
    fig.update_yaxes(title=None, autorange="reversed")
    fig.update_layout(height=480, margin=dict(l=10, r=10, t=60, b=90))
    return finish(_caption(fig, table_source(SOURCE_R2)))


def sprs_waterfall(not_met: Iterable[str] = (), partial: Mapping[str, str] | None = None, *,
                   by_family: bool | None = None) -> go.Figure:
    """The score as a waterfall: 110 on the left, one step down per deduction, the score on the right.

    ``by_family`` groups the steps by family (the default when there are more than 20
    deductions, so the chart stays readable). Raises :class:`~compliance_course.decisions.
    nist171.AssessmentIncomplete` when 3.12.4 is not met, like the engine.
    """
    rows = nist171.deductions(not_met, partial)
    start = nist171.max_score()
    if by_family is None:
        by_family = len(rows) > 20
    if by_family and not rows.empty:
        steps = rows.groupby("family", sort=False)["points"].sum()
        labels, values = list(steps.index), [-int(v) for v in steps]
        hover = [f"{fam}: -{-v}" for fam, v in zip(labels, values)]
    else:
        labels = list(rows["id"])
        values = [-int(v) for v in rows["points"]]
        summary = nist171.requirements(2).set_index("id")["summary"]
        hover = [f"{r.id} ({r.family}): -{r.points}<br>{summary[r.id]}<br>({nist171.SUMMARY_NOTE})"
                 for r in rows.itertuples(index=False)]
    score = start + sum(values)
    fig = go.Figure(go.Waterfall(
        x=["Start"] + labels + ["Score"],
        y=[start] + values + [0],
        measure=["absolute"] + ["relative"] * len(values) + ["total"],
        text=[str(start)] + [str(v) for v in values] + [str(score)],
        textposition="outside",
        hovertext=[f"Start: {start}"] + hover + [f"Score: {score}"],
        hoverinfo="text",
        decreasing=dict(marker=dict(color="#c62828")),
        totals=dict(marker=dict(color="#1565c0" if score >= 0 else "#6a1b9a")),
        connector=dict(line=dict(color="#9e9e9e")),
    ))
    fig.update_layout(title=f"SPRS score {score}: {start} minus {len(rows)} deduction(s)",
                      yaxis_title="points", showlegend=False, height=420,
                      margin=dict(l=10, r=10, t=60, b=90))
    fig.update_yaxes(range=[min(score, 0) - 15, start + 15])
    return finish(_caption(fig, "DoD Assessment Methodology v1.2.1, Annex A"))


def revision_comparison() -> pd.DataFrame:
    """Rev 2 and Rev 3 family by family: names and requirement counts, with the change."""
    r2 = nist171.requirements(2)
    r3 = nist171.requirements(3)
    r2 = r2.assign(number=r2["id"].str.rsplit(".", n=1).str[0].str.split(".").str[1].astype(int))
    r3 = r3.assign(number=r3["family_id"].str.split(".").str[1].astype(int))
    left = r2.groupby("number").agg(**{"Rev 2 family": ("family", "first"),
                                      "Rev 2 requirements": ("id", "size")})
    right = r3.groupby("number").agg(**{"Rev 3 family": ("family", "first"),
                                       "Rev 3 requirements": ("id", "size")})
    both = left.join(right, how="outer")
    both.insert(0, "family", [f"3.{n} / 03.{n:02d}" if n in left.index else f"03.{n:02d}"
                              for n in both.index])
    both["Rev 2 family"] = both["Rev 2 family"].fillna("(none: new in Rev 3)")
    both["Rev 2 requirements"] = both["Rev 2 requirements"].fillna(0).astype(int)
    both["Rev 3 requirements"] = both["Rev 3 requirements"].fillna(0).astype(int)
    both["change"] = both["Rev 3 requirements"] - both["Rev 2 requirements"]
    total = pd.DataFrame([{"family": "All", "Rev 2 family": f"{both['Rev 2 family'].ne('(none: new in Rev 3)').sum()} families",
                           "Rev 2 requirements": int(both["Rev 2 requirements"].sum()),
                           "Rev 3 family": f"{len(right)} families",
                           "Rev 3 requirements": int(both["Rev 3 requirements"].sum()),
                           "change": int(both["change"].sum())}])
    return pd.concat([both.reset_index(drop=True), total], ignore_index=True)
