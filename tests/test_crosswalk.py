"""Are the overlap figures computed correctly from the reference tables?"""
from __future__ import annotations

import math

import pandas as pd

from compliance_course.crosswalk import control_sets, overlap_matrix, r2_family_flows
from compliance_course.charts.cross_framework import overlap_heatmap, r2_sankey


def test_fedramp_set_sizes_match_published_counts():
    """FedRAMP Rev 5 baselines hold 156 / 323 / 410 controls and enhancements (FACTBASE FR-06)."""
    sets = control_sets()
    assert (len(sets["FedRAMP Low"]), len(sets["FedRAMP Moderate"]), len(sets["FedRAMP High"])) == (156, 323, 410)
    assert len(sets["SP 800-53B Moderate"]) == 287  # SOURCES.md: SP 800-53B moderate selection


def test_baselines_nest():
    sets = control_sets()
    assert sets["FedRAMP Low"] <= sets["FedRAMP Moderate"] <= sets["FedRAMP High"]


def test_overlap_is_share_of_row_set():
    """A row set inside the column set scores 1; the diagonal is 1; HIPAA and SOC 2 stay empty."""
    matrix = overlap_matrix()
    assert matrix.loc["FedRAMP Low", "FedRAMP High"] == 1.0
    assert matrix.loc["FedRAMP High", "FedRAMP Low"] == 156 / 410
    assert all(matrix.loc[n, n] == 1.0 for n in control_sets())
    assert matrix.loc["HIPAA Security Rule"].isna().all() and matrix["SOC 2 (TSC 2017)"].isna().all()


def test_small_hand_checked_overlap():
    """03.01.01 draws on AC-2, AC-2(3), AC-2(5), AC-2(13); FedRAMP Moderate holds each of them."""
    sets = control_sets()
    for control in ("AC-2", "AC-2(3)", "AC-2(5)", "AC-2(13)"):
        assert control in sets["SP 800-171 Rev 3"] and control in sets["FedRAMP Moderate"]


def test_r2_flows_count_every_pair_once_with_certainty():
    flows = r2_family_flows()
    assert flows["pairs"].sum() == 196  # rows in the long-form mapping table
    assert set(flows["certainty"]) == {"both extractions", "one extraction only"}
    ac = flows[(flows["source"] == "Access Control") & (flows["target"] == "AC")]
    assert not ac.empty


def test_charts_build_with_the_right_shapes():
    heat = overlap_heatmap()
    assert heat.data[0].z.shape == (7, 7)
    texts = pd.DataFrame(heat.data[0].text)
    assert (texts.iloc[5] == "no data").all()
    sankey = r2_sankey()
    assert sum(sankey.data[0].link.value) == 196
    assert not math.isnan(heat.data[0].z[0][0])
