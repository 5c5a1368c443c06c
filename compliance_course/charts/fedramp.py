"""FedRAMP figures and tables, all drawn from course data.

- :func:`controls_per_family`: Rev 5 controls per SP 800-53 family in each baseline.
- :func:`baseline_growth`: how Low sits inside Moderate and Moderate inside High.
- :func:`roadmap_timeline`: the dated milestones of FedRAMP's law, policy, 20x and the 2026 rules.
- :func:`rev4_vs_rev5`, :func:`path_table`: small tables for the notebook.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..data import load_course, table, table_source
from ..decisions.fedramp import BASELINE_COLUMNS, TABLE, control_counts
from ._style import finish

#: The three nested baselines, smallest first (LI-SaaS lists the same controls as Low).
NESTED = ("Low", "Moderate", "High")
#: Roadmap rows, in display order, chosen by a fact's tags.
TRACKS = {"law": "Law", "policy": "OMB policy", "20x": "FedRAMP 20x", "cr26": "Consolidated Rules 2026"}
#: Short marker labels for the roadmap; the hover text shows each fact's full statement and source.
LABELS = {
    "fedramp-act-enacted": "Authorization Act enacted",
    "fedramp-act-sunset": "Act sunset (unless extended)",
    "fedramp-m-24-15": "M-24-15",
    "fedramp-20x-launch": "20x starts",
    "fedramp-20x-phase-two": "20x Phase Two pilot ends",
    "fedramp-cr26-launch": "CR26 launch",
    "fedramp-cr26-optional-adoption": "CR26 optional adoption",
    "fedramp-cr26-ready-legacy": "FedRAMP Ready legacy",
    "fedramp-cr26-class-a-opens": "20x Class A opens",
    "fedramp-cr26-class-bc-opens": "20x Classes B and C open",
    "fedramp-cr26-mandatory": "CR26 mandatory for all",
    "fedramp-cr26-rev5-new-end": "new Rev 5 applications end",
    "fedramp-cr26-trust-centers": "packages in trust centers",
    "fedramp-vdr-rev5-optional": "VDR optional for Rev 5",
    "fedramp-vdr-rev5-required": "VDR required for Rev 5",
    "fedramp-vdr-rev5-grace-ends": "VDR grace period ends",
    "fedramp-ccm-rev5-maintain": "quarterly reports (CCM) for Rev 5",
    "fedramp-cr26-grace-all-end": "all CR26 grace periods end",
}


def _source_note(fig: go.Figure, text: str) -> go.Figure:
    fig.add_annotation(text=f"Source: {text}", xref="paper", yref="paper", x=0, y=-0.22,
                       showarrow=False, xanchor="left", font=dict(size=10))
    fig.update_layout(margin=dict(l=10, r=10, t=60, b=90))
    return fig


def family_counts() -> pd.DataFrame:
    """Rows of (family_id, family, baseline, controls): Rev 5 controls and enhancements per family."""
    frame = table(TABLE)
    rows = []
    for (family_id, family), group in frame.groupby(["family_id", "family"], sort=True):
        for name in NESTED:
            rows.append({"family_id": family_id, "family": family, "baseline": name,
                         "controls": int(group[BASELINE_COLUMNS[name]].sum())})
    return pd.DataFrame(rows)


def controls_per_family() -> go.Figure:
    """Grouped bars: controls and enhancements per SP 800-53 family, for Low, Moderate and High."""
    frame = family_counts()
    fig = px.bar(frame, x="family_id", y="controls", color="baseline", barmode="group",
                 category_orders={"baseline": list(NESTED)}, hover_data={"family": True},
                 labels={"family_id": "SP 800-53 family", "controls": "controls and enhancements"},
                 title="FedRAMP Rev 5: controls per family in each baseline (LI-SaaS lists the same as Low)")
    fig.update_layout(height=440, legend_title_text="baseline")
    return finish(_source_note(fig, table_source(TABLE)))


def growth_frame() -> pd.DataFrame:
    """Rows of (baseline, layer, kind, controls): what each larger baseline adds to the smaller one.

    ``layer`` is where a control first appears ("in Low", "added by Moderate", "added by High");
    ``kind`` is "control" or "enhancement".
    """
    frame = table(TABLE)
    first = pd.Series("added by High", index=frame.index)
    first[frame["moderate"] == 1] = "added by Moderate"
    first[frame["low"] == 1] = "in Low"
    frame = frame.assign(layer=first, kind=frame["is_enhancement"].map({0: "control", 1: "enhancement"}))
    rows = []
    for name in NESTED:
        members = frame[frame[BASELINE_COLUMNS[name]] == 1]
        for (layer, kind), group in members.groupby(["layer", "kind"]):
            rows.append({"baseline": name, "layer": layer, "kind": kind, "controls": len(group)})
    return pd.DataFrame(rows)


def baseline_growth() -> go.Figure:
    """Stacked bars showing Low inside Moderate inside High, split into controls and enhancements."""
    frame = growth_frame()
    fig = px.bar(frame, x="baseline", y="controls", color="layer", pattern_shape="kind",
                 category_orders={"baseline": list(NESTED),
                                  "layer": ["in Low", "added by Moderate", "added by High"],
                                  "kind": ["control", "enhancement"]},
                 labels={"controls": "controls and enhancements"},
                 title="How the baselines nest: Low ⊂ Moderate ⊂ High (Rev 5)")
    totals = {name: counts[0] for name, counts in control_counts().items()}
    for name in NESTED:
        fig.add_annotation(x=name, y=totals[name], text=f"<b>{totals[name]}</b>", showarrow=False, yshift=10)
    fig.update_layout(height=460)
    return finish(_source_note(fig, table_source(TABLE)))


def _when(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(f"{value}-01") if len(str(value)) == 7 else dt.date.fromisoformat(str(value))


def roadmap_frame() -> pd.DataFrame:
    """Facts tagged "timeline": date, its display text, track, label, statement and source, in date order."""
    rows = []
    for fact in load_course().facts_for("fedramp", tag="timeline"):
        track = next((TRACKS[t] for t in TRACKS if t in fact.tags), "Other")
        when = _when(fact.value)
        month_only = isinstance(fact.value, str) and len(fact.value) == 7   # "YYYY-MM"
        rows.append({"date": pd.Timestamp(when), "track": track,
                     "when": when.strftime("%b %Y" if month_only else "%d %b %Y"),
                     "label": LABELS.get(fact.id, fact.id), "fact": fact.id,
                     "statement": fact.statement, "source": fact.source,
                     "confidence": fact.confidence})
    return pd.DataFrame(rows).sort_values("date", ignore_index=True)


def roadmap_timeline() -> go.Figure:
    """The FedRAMP roadmap: one row per dated milestone (law, policy, 20x, the 2026 rules), in date order."""
    frame = roadmap_frame()
    fig = px.scatter(frame, x="date", y="label", color="track", text="when",
                     category_orders={"track": list(TRACKS.values()), "label": list(frame["label"])},
                     hover_data={"statement": True, "source": True, "confidence": True,
                                 "label": False, "when": False},
                     labels={"track": "", "label": "", "date": ""},
                     title="FedRAMP roadmap: from the Authorization Act to the 2026 rules")
    fig.update_traces(marker=dict(size=12), textposition="middle right")
    enacted, sunset = (frame.loc[frame["fact"] == f, "date"] for f in ("fedramp-act-enacted", "fedramp-act-sunset"))
    if len(enacted) and len(sunset):
        fig.add_vrect(x0=enacted.iloc[0], x1=sunset.iloc[0], fillcolor="#cfe3f7", opacity=0.35, line_width=0,
                      annotation_text="Authorization Act in force", annotation_position="top left")
    fig.update_xaxes(range=[frame["date"].min() - pd.Timedelta(days=120),
                            frame["date"].max() + pd.Timedelta(days=300)])
    fig.update_layout(height=120 + 28 * len(frame), legend=dict(orientation="h", y=1.02, x=0, yanchor="bottom"))
    facts = load_course().facts
    checked = max((facts[f].as_of for f in frame["fact"] if facts[f].as_of), default=None)
    as_of = f"; dates checked {checked.day} {checked:%B %Y}" if checked else ""
    return finish(_source_note(fig, "the FedRAMP Authorization Act (P.L. 117-263, 44 U.S.C. 3607-3616), "
                                    "OMB M-24-15, and FedRAMP's 20x and Consolidated Rules 2026 pages on "
                                    f"fedramp.gov{as_of}. Hover a point for its own source."))


def rev4_vs_rev5() -> pd.DataFrame:
    """Per baseline: the retired Rev 4 count, the Rev 5 count from the fact base, and the Rev 5 count
    computed from the reference table (the last two must agree)."""
    facts = load_course().facts
    computed = control_counts()
    rows = []
    for name in BASELINE_COLUMNS:
        key = name.lower()
        rows.append({"baseline": name,
                     "Rev 4 (retired)": facts[f"fedramp-rev4-{key}-count"].value,
                     "Rev 5 (fact base)": facts[f"fedramp-rev5-{key}-count"].value,
                     "Rev 5 counted from table": computed[name][0],
                     "Rev 5 controls": computed[name][1],
                     "Rev 5 enhancements": computed[name][2]})
    return pd.DataFrame(rows)


def path_table() -> pd.DataFrame:
    """The four steps of the Rev 5 path (facts tagged "path"), with their sources."""
    rows = [{"step": f.statement.split(":", 1)[0],
             "what happens": f.statement.split(":", 1)[1].strip(), "source": f.source}
            for f in load_course().facts_for("fedramp", tag="path")]
    return pd.DataFrame(rows)
