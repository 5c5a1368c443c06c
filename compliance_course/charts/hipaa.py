"""HIPAA charts: the breach clock, the penalty schedules over time, and the Security Rule table.

Every figure is built from course data (the decision engine's deadlines, the penalty facts, the
``hipaa_security_rule`` table) and carries its source in the title or hover text.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..data import load_course, table, table_source
from ..decisions import hipaa
from ._style import finish

__all__ = ["NOTICE_LABELS", "breach_frame", "breach_timeline", "penalty_history", "security_rule_chart",
           "security_rule_table"]

NOTICE_LABELS = {
    "individuals": "Notice to individuals",
    "hhs": "Notice to HHS",
    "media": "Notice to the media",
    "covered_entity": "Business associate to covered entity",
}
_NOTICE_SOURCES = {"individuals": "45 CFR 164.404(b)", "hhs": "45 CFR 164.408",
                   "media": "45 CFR 164.406", "covered_entity": "45 CFR 164.410(b)"}


# ------------------------------------------------------------------------------ breach clock
def breach_frame(discovered: dt.date, affected: int, *,
                 discovered_by: str = "covered_entity") -> pd.DataFrame:
    """One row per notice: who, whether it is owed, the latest date, days after discovery, source."""
    deadlines = hipaa.breach_deadlines(discovered, affected, discovered_by=discovered_by)
    rows = []
    for key, label in NOTICE_LABELS.items():
        due = deadlines[key]
        rows.append({"notice": label, "owed": due is not None, "latest date": due,
                     "days after discovery": (due - discovered).days if due else None,
                     "source": _NOTICE_SOURCES[key]})
    return pd.DataFrame(rows)


def breach_timeline(discovered: dt.date, affected: int, *,
                    discovered_by: str = "covered_entity") -> go.Figure:
    """The breach clock: a bar from discovery to the latest permitted date of each notice owed."""
    frame = breach_frame(discovered, affected, discovered_by=discovered_by)
    owed = frame[frame["owed"]].copy()
    who = "covered entity" if discovered_by == "covered_entity" else "business associate"
    title = (f"Breach clock: discovered {discovered.isoformat()} by the {who}, "
             f"{affected:,} people affected")
    if owed.empty:
        fig = go.Figure()
        fig.add_annotation(text="No notice is owed when nobody is affected.", showarrow=False)
        fig.update_layout(title=title, height=220)
        return finish(fig)
    owed["discovered"] = pd.Timestamp(discovered)
    owed["latest"] = pd.to_datetime(owed["latest date"])
    owed["deadline"] = owed["latest"].dt.strftime("%Y-%m-%d")
    fig = px.timeline(owed, x_start="discovered", x_end="latest", y="notice", color="notice",
                      text="deadline",
                      hover_data={"deadline": True, "days after discovery": True, "source": True,
                                  "notice": False, "discovered": False, "latest": False},
                      title=title)
    fig.add_vline(x=pd.Timestamp(discovered).timestamp() * 1000, line_dash="dot", line_color="grey")
    not_owed = frame.loc[~frame["owed"], "notice"].tolist()
    if not_owed:
        fig.add_annotation(text="Not owed here: " + "; ".join(not_owed), xref="paper", yref="paper",
                           x=0, y=-0.28, showarrow=False, align="left", font=dict(size=11))
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(showlegend=False, height=300, margin=dict(l=10, r=10, t=50, b=70))
    return finish(fig)


# ------------------------------------------------------------------------------ penalties
PENALTY_MEASURES = ("minimum per violation", "maximum per violation", "calendar-year cap")


def penalty_history(measure: str = "minimum per violation", *, until: dt.date | None = None) -> go.Figure:
    """One line per tier: the inflation-adjusted amount of ``measure`` at each effective date.

    The statutory amount is the first point of each line (shown at the 2009 HITECH amounts' date
    for reference). Steps are drawn flat until the next adjustment; the last step runs to
    ``until`` (default: the module's review date).
    """
    from ..decision import require_choice
    require_choice("measure", measure, PENALTY_MEASURES)
    frame = hipaa.penalty_table()
    adjusted = frame[frame["effective"].notna()].copy()
    adjusted["effective"] = pd.to_datetime(adjusted["effective"])
    end = until or load_course().facts["hipaa-as-of"].value
    last = adjusted[adjusted["effective"] == adjusted["effective"].max()].copy()
    last["effective"] = pd.Timestamp(end)
    adjusted = pd.concat([adjusted, last])
    adjusted["tier"] = "Tier " + adjusted["tier"].astype(str)
    fig = px.line(adjusted, x="effective", y=measure, color="tier", line_shape="hv", markers=True,
                  log_y=measure == "minimum per violation",
                  hover_data={"schedule": True, "source": True},
                  title=f"HIPAA civil penalties, {measure}, as adjusted for inflation (45 CFR 102.3)")
    statutory = frame[frame["effective"].isna()]
    if measure == "calendar-year cap":
        fig.add_hline(y=int(statutory[measure].max()), line_dash="dash", line_color="grey",
                      annotation_text="statutory cap before inflation", annotation_position="bottom right")
    last_values = adjusted[adjusted["effective"] == adjusted["effective"].max()].groupby("tier")[measure].first()
    if last_values.nunique() < len(last_values):
        same = [t for t in last_values.index if (last_values == last_values[t]).sum() > 1]
        names = ", ".join(same[:-1]) + " and " + same[-1]
        fig.add_annotation(text=f"{names} have the same {measure}, so their lines lie on "
                                "top of each other: fewer lines show than the legend lists.",
                           xref="paper", yref="paper", x=0, y=-0.3, showarrow=False, xanchor="left",
                           font=dict(size=11))
        fig.update_layout(margin=dict(b=90))
    fig.update_yaxes(tickprefix="$", tickformat=",d", title=measure)
    fig.update_xaxes(title="effective date of the schedule")
    fig.update_layout(height=380, legend_title_text=None,
                      margin=dict(l=10, r=10, t=50, b=fig.layout.margin.b or 10))
    return finish(fig)


# ------------------------------------------------------------------------------ Security Rule
_SECURITY_COLUMNS = ["section_title", "standard_citation", "standard", "implementation_spec_citation",
                     "implementation_spec", "required_or_addressable", "cfr_text"]


def security_rule_table(section: str | None = None, flag: str | None = None,
                        text: str | None = None) -> pd.DataFrame:
    """The Security Rule's standards and specifications, filtered.

    ``section``: e.g. "164.308" (None for all); ``flag``: "Required", "Addressable" or
    "UNVERIFIED" (None for all); ``text``: words to find in the standard, specification or CFR
    text (case-insensitive).
    """
    frame = table("hipaa_security_rule")
    if section is not None:
        from ..decision import require_choice
        require_choice("section", section, sorted(frame["section"].unique()))
        frame = frame[frame["section"] == section]
    if flag is not None:
        from ..decision import require_choice
        require_choice("flag", flag, sorted(table("hipaa_security_rule")["required_or_addressable"].unique()))
        frame = frame[frame["required_or_addressable"] == flag]
    if text:
        needle = text.strip().lower()
        haystack = (frame["standard"] + " " + frame["implementation_spec"] + " " + frame["cfr_text"]).str.lower()
        frame = frame[haystack.str.contains(needle, regex=False)]
    return frame[_SECURITY_COLUMNS].rename(columns={
        "section_title": "safeguard", "standard_citation": "standard cite",
        "implementation_spec_citation": "specification cite", "implementation_spec": "specification",
        "required_or_addressable": "R/A", "cfr_text": "regulation text"}).reset_index(drop=True)


#: One legend entry per kind of row: what it is, in words, with colour AND pattern (not colour alone).
SECURITY_RULE_KINDS = [
    # (required_or_addressable, row_type, legend name, colour, pattern)
    ("Required", "implementation_specification", "Required: implementation specification", "#1f5f99", ""),
    ("Required", "standard_without_implementation_specifications",
     "Required: standard with no separate specification", "#1f5f99", "/"),
    ("Addressable", "implementation_specification", "Addressable: implementation specification",
     "#e0a030", "x"),
    ("UNVERIFIED", "implementation_specifications_not_retrieved",
     "Not verified: specifications not yet checked", "#9e9e9e", "."),
]


def security_rule_chart() -> go.Figure:
    """Rows of the Security Rule per section: required or addressable, specification or bare standard.

    Each kind has its own legend entry, colour and fill pattern; hovering a bar reads as a
    sentence ("164.310 Physical safeguards: 6 addressable implementation specifications")."""
    frame = table("hipaa_security_rule")
    frame["label"] = frame["section"] + " " + frame["section_title"]
    order = list(dict.fromkeys(frame.sort_values("section")["label"]))
    known = {(flag, kind) for flag, kind, *_ in SECURITY_RULE_KINDS}
    unknown = set(zip(frame["required_or_addressable"], frame["row_type"])) - known
    if unknown:
        raise ValueError(f"hipaa_security_rule: no legend entry for {sorted(unknown)}")
    fig = go.Figure()
    for flag, kind, name, colour, pattern in SECURITY_RULE_KINDS:
        rows = frame[(frame["required_or_addressable"] == flag) & (frame["row_type"] == kind)]
        counts = rows.groupby("label").size().reindex(order).dropna().astype(int)
        if counts.empty:
            continue
        fig.add_trace(go.Bar(
            x=counts.values, y=counts.index, orientation="h", name=name, text=counts.values,
            textposition="inside", insidetextanchor="middle",
            marker=dict(color=colour, pattern=dict(shape=pattern, fgcolor="white", solidity=0.35)),
            hovertemplate=f"%{{y}}: %{{x}} × {name.lower()}<extra></extra>"))
    fig.update_layout(barmode="stack", height=470,
                      title=dict(text="HIPAA Security Rule: required and addressable rows in each section",
                                 subtitle_text=f"Source: {table_source('hipaa_security_rule')}"),
                      legend=dict(orientation="h", x=0, y=-0.2, yanchor="top", title_text="",
                                  traceorder="normal"),
                      xaxis_title="rows in the regulation (standards and implementation specifications)",
                      margin=dict(l=10, r=10, t=80, b=130))
    fig.update_yaxes(autorange="reversed", title=None, categoryorder="array", categoryarray=order)
    return finish(fig)
