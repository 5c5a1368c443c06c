"""Charts for the cross-framework module: overlap heatmap and the Rev 2 family Sankey."""
from __future__ import annotations

import numpy as np
import plotly.express as px
import plotly.graph_objects as go

from ..crosswalk import NOT_IN_DATA, overlap_matrix, r2_family_flows
from ._style import finish


def overlap_heatmap() -> go.Figure:
    """Share of each row framework's SP 800-53 Rev 5 controls that each column framework also holds."""
    matrix = overlap_matrix()
    percent = (matrix * 100).round(0)
    text = percent.map(lambda v: "no data" if np.isnan(v) else f"{v:.0f}%")
    fig = px.imshow(percent, color_continuous_scale="Blues", zmin=0, zmax=100, aspect="auto",
                    labels=dict(x="…also in this framework", y="Controls of this framework…", color="%"),
                    title="Share of one framework's control ids that another also lists (SP 800-53 Rev 5 ids only)")
    fig.update_traces(text=text.values, texttemplate="%{text}", textfont_size=13,
                      hovertemplate="%{y} → %{x}: %{text}<extra></extra>")
    fig.update_xaxes(tickangle=-30)
    notes = "<br>".join(f"<b>{k}</b>: {v}." for k, v in NOT_IN_DATA.items())
    fig.update_layout(height=640, margin=dict(l=10, r=10, t=60, b=190))
    fig.add_annotation(text=f"“no data”: {notes}", showarrow=False, xref="paper", yref="paper",
                       x=0, y=-0.36, xanchor="left", yanchor="top", font=dict(size=11), align="left")
    return finish(fig)


def r2_sankey() -> go.Figure:
    """SP 800-171 Rev 2 families flowing to SP 800-53 Rev 4 families.

    Pairs found in only one of the two unofficial extractions are drawn in orange AND counted
    in words on each family's label ("3 uncertain"), so the signal does not rest on colour."""
    flows = r2_family_flows()
    sources = sorted(flows["source"].unique())
    targets = sorted(flows["target"].unique())
    uncertain = flows[flows["certainty"] == "one extraction only"]
    by_source = uncertain.groupby("source")["pairs"].sum()
    by_target = uncertain.groupby("target")["pairs"].sum()

    def label(name: str, count) -> str:
        return f"{name} ({int(count)} uncertain)" if count else name

    labels = ([label(s, by_source.get(s, 0)) for s in sources]
              + [label(f"800-53 {t}", by_target.get(t, 0)) for t in targets])
    index = {name: i for i, name in enumerate(sources)} | {t: len(sources) + i for i, t in enumerate(targets)}
    colour = {"both extractions": "rgba(31,119,180,0.45)", "one extraction only": "rgba(230,97,0,0.75)"}
    words = {"both extractions": "found in both unofficial extractions",
             "one extraction only": "uncertain: found in only one of the two unofficial extractions"}
    fig = go.Figure(go.Sankey(
        node=dict(label=labels, pad=8, thickness=12),
        link=dict(source=[index[s] for s in flows["source"]], target=[index[t] for t in flows["target"]],
                  value=flows["pairs"].tolist(), color=[colour[c] for c in flows["certainty"]],
                  customdata=[words[c] for c in flows["certainty"]],
                  hovertemplate="%{source.label} → %{target.label}: %{value} requirement–control "
                                "pairs, %{customdata}<extra></extra>")))
    fig.update_layout(title="SP 800-171 Rev 2 families mapped to SP 800-53 Rev 4 families",
                      height=660, margin=dict(l=10, r=10, t=60, b=70))
    fig.add_annotation(text=f"Blue links: pairs found in both unofficial extractions. Orange links: "
                            f"pairs found in only one ({int(uncertain['pairs'].sum())} of "
                            f"{int(flows['pairs'].sum())}); each family's label says how many "
                            "of its pairs are uncertain (“n uncertain”).",
                       xref="paper", yref="paper", x=0, y=-0.04, showarrow=False, xanchor="left",
                       font=dict(size=11))
    return finish(fig)
