"""CMMC charts: the phase-in timeline, the three levels, and which requirements a POA&M may hold."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..data import load_course, table
from ..decisions import cmmc, nist171
from ._style import finish

_PHASE_LABELS = {
    1: "Phase 1: Level 1 and Level 2 (Self); Level 2 (C3PAO) at DoD's discretion",
    2: "Phase 2: Level 2 (C3PAO) intended; Level 3 (DIBCAC) at DoD's discretion",
    3: "Phase 3: Level 2 (C3PAO) intended, also for options on newer contracts; Level 3 intended",
    4: "Phase 4: full implementation, including option periods on older contracts",
}


def phase_frame() -> pd.DataFrame:
    """One row per phase: number, start, end (the next start; Phase 4 shown for one year), label, status, source.

    The dates are the regulation's schedule (32 CFR 170.3(e)); ``status`` says whether the phase began or
    was suspended before it could start (DoD's suspension of 13 July 2026).
    """
    starts = cmmc.phase_starts()
    facts = load_course().facts
    suspended_from = facts[cmmc.SUSPENSION].effective
    rows = []
    for number, start in sorted(starts.items()):
        end = starts.get(number + 1, start.replace(year=start.year + 1))
        if suspended_from is not None and start >= suspended_from:
            status = f"suspended since {suspended_from.isoformat()} (DoD announcement)"
        else:
            status = "started"
        rows.append({"phase": f"Phase {number}", "number": number, "start": start, "end": end,
                     "what a solicitation can require": _PHASE_LABELS[number], "status": status,
                     "source": facts[f"cmmc-phase-{number}"].source})
    return pd.DataFrame(rows)


def phase_timeline(today: dt.date | None = None) -> go.Figure:
    """The four phases as the regulation schedules them, the suspension and ``today`` (default: now) marked.

    Phases suspended before they started are drawn faint, Phase 1 going on under the suspension hatched;
    the dotted line is the suspension's date.
    """
    today = today or dt.date.today()
    frame = phase_frame()
    suspended = set(frame.loc[frame["status"] != "started", "phase"])
    suspension = load_course().facts[cmmc.SUSPENSION].effective
    frame["drawn"] = "as scheduled"
    if suspended:
        # Phase 1 requirements go on while the later phases are suspended: draw that stretch hatched.
        first = frame[frame["phase"] == "Phase 1"].iloc[0].to_dict()
        first.update(start=first["end"], end=frame["end"].max(), drawn="continues under the suspension",
                     status=f"continues: later phases suspended since {suspension.isoformat()}")
        frame = pd.concat([frame, pd.DataFrame([first])], ignore_index=True)
    fig = px.timeline(frame, x_start="start", x_end="end", y="phase", color="phase",
                      pattern_shape="drawn", pattern_shape_map={"as scheduled": "",
                                                                "continues under the suspension": "/"},
                      hover_data={"what a solicitation can require": True, "status": True, "source": True,
                                  "phase": False, "drawn": False},
                      title="CMMC phase-in as scheduled in 32 CFR 170.3(e): faint phases suspended, hatched Phase 1 goes on")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.for_each_trace(lambda t: t.update(opacity=0.3) if t.name.split(",")[0] in suspended else None)
    # add_vline's annotation does not work on date axes in plotly 5, so draw line and label apart.
    if suspension is not None:
        fig.add_shape(type="line", x0=suspension, x1=suspension, y0=0, y1=1, yref="paper",
                      line=dict(color="#c62828", dash="dot"))
        fig.add_annotation(x=suspension, y=1.10, yref="paper", showarrow=False, xanchor="left",
                           text=f"{suspension.isoformat()}: DoD suspends Phase 2 and later milestones",
                           font=dict(size=12, color="#c62828"))
    fig.add_shape(type="line", x0=today, x1=today, y0=0, y1=1, yref="paper",
                  line=dict(color="black", dash="dash"))
    current = cmmc.phase(today)
    scheduled = cmmc.scheduled_phase(today)
    label = f"today ({today.isoformat()}): " + (f"Phase {current} requirements apply" if current
                                                 else "before Phase 1")
    if scheduled != current:
        label += f" (Phase {scheduled} in the schedule, suspended)"
    fig.add_annotation(x=today, y=1.02, yref="paper", text=label, showarrow=False,
                       xanchor="left", font=dict(size=12))
    fig.update_layout(height=350, showlegend=False, margin=dict(l=10, r=10, t=95, b=10))
    return finish(fig)


def levels_frame() -> pd.DataFrame:
    """The levels as a table: requirements, basis, assessor, how often, source."""
    frame = pd.DataFrame(cmmc.levels())
    frame["level"] = "Level " + frame["level"].astype(str)
    frame["how often"] = frame["every_years"].map(lambda n: "every year" if n == 1 else f"every {n} years")
    return frame[["level", "requirements", "basis", "assessor", "how often", "source"]]


def levels_chart() -> go.Figure:
    """Requirements per level, coloured by who assesses, with the assessment frequency as text.

    Level 3 is drawn on top of a hatched Level 2 segment: it needs a Final Level 2 (C3PAO)
    status first, so its 24 requirements come on top of Level 2's 110, not instead of them."""
    frame = levels_frame()
    frame["label"] = frame["requirements"].astype(str) + " requirements, " + frame["how often"]
    fig = go.Figure()
    level2 = int(frame.loc[frame["level"] == "Level 2", "requirements"].iloc[0])
    prerequisite = frame["basis"].str.contains("after a Final Level 2", regex=False)
    if prerequisite.any():
        fig.add_trace(go.Bar(
            x=frame.loc[prerequisite, "level"], y=[level2] * int(prerequisite.sum()),
            name=f"first: a Final Level 2 (C3PAO) status ({level2} requirements)",
            marker=dict(color="#e0e0e0", pattern=dict(shape="/", fgcolor="#757575")),
            hovertemplate="%{x} needs a Final Level 2 (C3PAO) status first: %{y} requirements<extra></extra>"))
    colours = ["#1f77b4", "#2ca02c", "#9467bd", "#d62728"]
    for n, (assessor, rows) in enumerate(frame.groupby("assessor", sort=False)):
        fig.add_trace(go.Bar(
            x=rows["level"], y=rows["requirements"], name=f"assessed by {assessor}", text=rows["label"],
            textposition="outside", cliponaxis=False, marker_color=colours[n % len(colours)],
            customdata=rows[["basis", "source"]].values,
            hovertemplate="%{x}: %{y} requirements (%{customdata[0]}), assessed by "
                          f"{assessor}<br>Source: %{{customdata[1]}}<extra></extra>"))
    fig.update_layout(barmode="stack", height=440, title="CMMC levels: how many requirements, who assesses, how often",
                      yaxis_title="requirements", xaxis_title=None,
                      legend=dict(orientation="h", x=0, y=-0.12, yanchor="top"),
                      margin=dict(l=10, r=10, t=60, b=110))
    fig.update_xaxes(categoryorder="array", categoryarray=list(frame["level"]))
    return finish(fig)


def level1_frame() -> pd.DataFrame:
    """The 17 SP 800-171 Rev 2 requirements behind Level 1: family, our summary, where the exact text is."""
    reqs = nist171.requirements(2).set_index("id")
    ids = cmmc.level1_requirements()
    return pd.DataFrame({"requirement": ids, "family": [reqs.at[i, "family"] for i in ids],
                         "summary (our words)": [reqs.at[i, "summary"] for i in ids],
                         "exact text in": [nist171.nist_reference(i) for i in ids]})


def poam_eligibility_frame() -> pd.DataFrame:
    """The 110 Rev 2 requirements grouped by point value and whether a Level 2 POA&M may hold them."""
    reqs = table("nist_800_171_r2")
    excluded = set(cmmc.excluded_requirements())
    fips = str(load_course().facts["cmmc-poam-fips-exception"].value)

    def status(row) -> str:
        if row["id"] in excluded:
            return "never on a POA&M (excluded)"
        if row["id"] == fips:
            return "only when encryption is not FIPS-validated"
        if str(row["dod_points"]) == "1":
            return "may be on a POA&M"
        return "must be met at assessment"

    reqs["POA&M"] = reqs.apply(status, axis=1)
    reqs["points"] = reqs["dod_points"].astype(str)
    return (reqs.groupby(["points", "POA&M"]).size().rename("requirements").reset_index())


def poam_eligibility_chart() -> go.Figure:
    """How many of the 110 requirements a POA&M may hold, by DoD point value."""
    frame = poam_eligibility_frame()
    order = ["1", "3", "5", "3 to 5", "NA"]
    fig = px.bar(frame, x="points", y="requirements", color="POA&M", text="requirements",
                 category_orders={"points": order},
                 title="Which requirements a Level 2 POA&M may hold, by point value (32 CFR 170.21)")
    fig.update_layout(height=380, xaxis_title="points deducted when not met (DoD Assessment Methodology)",
                      margin=dict(l=10, r=10, t=60, b=10))
    return finish(fig)
