"""Tests of compliance_course.charts.fedramp: the figures show the reference data, not typed-in numbers."""
import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from compliance_course.charts import fedramp as charts
from compliance_course.data import table


def test_family_counts_sum_to_baseline_sizes():
    """Do the per-family counts add up to 156, 323 and 410 (FACTBASE FR-06)?"""
    totals = charts.family_counts().groupby("baseline")["controls"].sum().to_dict()
    assert totals == {"Low": 156, "Moderate": 323, "High": 410}


@pytest.mark.parametrize("family, low, moderate, high", [
    # counted by hand with: csv rows where family_id == X and the baseline column == 1
    ("AC", 11, 43, 50),
    ("AT", 5, 6, 6),
    ("SR", 11, 12, 14),
])
def test_family_counts_examples(family, low, moderate, high):
    """Are a few families' counts what the CSV holds?"""
    frame = charts.family_counts().set_index(["family_id", "baseline"])["controls"]
    assert (frame[(family, "Low")], frame[(family, "Moderate")], frame[(family, "High")]) == (low, moderate, high)


def test_family_counts_agree_with_csv_for_every_family():
    """Does every family count equal a direct count of the CSV?"""
    raw = table("fedramp_rev5_baselines")
    frame = charts.family_counts()
    for row in frame.itertuples():
        column = {"Low": "low", "Moderate": "moderate", "High": "high"}[row.baseline]
        assert row.controls == int(((raw.family_id == row.family_id) & (raw[column] == 1)).sum())


def test_controls_per_family_figure():
    """Is the family chart a grouped bar chart with one trace per baseline and a source note?"""
    fig = charts.controls_per_family()
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == ["Low", "Moderate", "High"]
    assert fig.layout.barmode == "group"
    assert any("fedramp-automation" in a.text for a in fig.layout.annotations)


def test_growth_layers_nest():
    """Does Moderate contain all of Low, and High all of Moderate, with the right additions?"""
    frame = charts.growth_frame()
    per = frame.groupby(["baseline", "layer"])["controls"].sum().to_dict()
    assert per[("Low", "in Low")] == 156
    assert per[("Moderate", "in Low")] == 156 and per[("Moderate", "added by Moderate")] == 323 - 156
    assert per[("High", "in Low")] + per[("High", "added by Moderate")] == 323
    assert per[("High", "added by High")] == 410 - 323
    assert ("Low", "added by Moderate") not in per


def test_growth_splits_controls_and_enhancements():
    """Are High's additions split into base controls (191-181) and enhancements (219-142)?"""
    frame = charts.growth_frame().set_index(["baseline", "layer", "kind"])["controls"]
    assert frame[("High", "added by High", "control")] == 191 - 181
    assert frame[("High", "added by High", "enhancement")] == 219 - 142


def test_baseline_growth_figure_labels_totals():
    """Does the growth chart print each baseline's total above its bar?"""
    fig = charts.baseline_growth()
    texts = {a.text for a in fig.layout.annotations}
    assert {"<b>156</b>", "<b>323</b>", "<b>410</b>"} <= texts
    assert fig.layout.barmode in (None, "relative", "stack")


def test_roadmap_frame_is_dated_and_ordered():
    """Is every roadmap row a dated fact, in date order, from the Act to its sunset?"""
    frame = charts.roadmap_frame()
    assert frame["date"].is_monotonic_increasing
    dates = dict(zip(frame["fact"], frame["date"]))
    assert dates["fedramp-act-enacted"] == pd.Timestamp(2022, 12, 23)
    assert dates["fedramp-act-sunset"] == pd.Timestamp(2027, 12, 23)
    assert dates["fedramp-cr26-mandatory"] == pd.Timestamp(2027, 1, 1)
    assert dates["fedramp-20x-launch"] == pd.Timestamp(2025, 3, 1)   # "2025-03": month precision
    whens = dict(zip(frame["fact"], frame["when"]))
    assert whens["fedramp-20x-launch"] == "Mar 2025"                  # no invented day
    assert whens["fedramp-cr26-mandatory"] == "01 Jan 2027"
    assert set(frame["track"]) <= set(charts.TRACKS.values())
    assert frame["source"].str.len().min() > 0


def test_roadmap_timeline_figure():
    """Does the roadmap show the Act's in-force band and one marker per dated fact?"""
    fig = charts.roadmap_timeline()
    assert sum(len(t.x) for t in fig.data) == len(charts.roadmap_frame())
    assert any(shape.type == "rect" for shape in fig.layout.shapes)


def test_rev4_vs_rev5_table():
    """Does the comparison table hold the Rev 4 numbers and matching Rev 5 fact and table counts?"""
    frame = charts.rev4_vs_rev5().set_index("baseline")
    assert frame["Rev 4 (retired)"].to_dict() == {"LI-SaaS": 126, "Low": 125, "Moderate": 325, "High": 421}
    assert (frame["Rev 5 (fact base)"] == frame["Rev 5 counted from table"]).all()


def test_path_table_has_four_steps_in_order():
    """Are the four steps of the path listed in order with sources?"""
    frame = charts.path_table()
    assert list(frame["step"]) == ["1. Readiness", "2. Assessment", "3. Authorization", "4. Continuous monitoring"]
    assert frame["source"].str.len().min() > 0
