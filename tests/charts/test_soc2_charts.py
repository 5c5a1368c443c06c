"""Tests for compliance_course.charts.soc2: are the figures drawn from course data, with the right numbers?"""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from compliance_course.charts import soc2 as charts

# Hand count from the criterion identifiers of TSP section 100 (FACTBASE SOC-06 and SOC-07).
SERIES = {"CC1": 5, "CC2": 3, "CC3": 4, "CC4": 2, "CC5": 3, "CC6": 8, "CC7": 5, "CC8": 1, "CC9": 2,
          "A1": 3, "C1": 2, "PI1": 5,
          "P1": 1, "P2": 1, "P3": 2, "P4": 3, "P5": 2, "P6": 7, "P7": 1, "P8": 1}


def test_criteria_frame_has_every_series_with_its_count():
    """Does the criteria table list all 20 series with the TSC's count each?"""
    frame = charts.criteria_frame()
    assert dict(zip(frame["series"], frame["criteria"])) == SERIES
    assert frame["source"].str.contains("TSP section 100").all()


@pytest.mark.parametrize("series, identifiers", [
    ("CC6", "CC6.1 to CC6.8"), ("CC8", "CC8.1"), ("PI1", "PI1.1 to PI1.5"), ("P6", "P6.1 to P6.7"),
])
def test_criteria_frame_identifier_ranges(series, identifiers):
    """Are identifier ranges written from first to last criterion (a single one alone)?"""
    frame = charts.criteria_frame().set_index("series")
    assert frame.loc[series, "identifiers"] == identifiers


def test_criteria_by_category_in_aicpa_order():
    """Are category totals 33, 3, 5, 2, 18 in the order security, availability, PI, confidentiality, privacy?"""
    frame = charts.criteria_by_category_frame()
    assert list(frame["category"]) == ["Security", "Availability", "Processing integrity",
                                       "Confidentiality", "Privacy"]
    assert list(frame["criteria"]) == [33, 3, 5, 2, 18]


def test_criteria_chart_plots_the_counts():
    """Does the criteria chart's bar data sum to 61 and carry a source caption?"""
    fig = charts.criteria_chart()
    assert isinstance(fig, go.Figure)
    bars = [t for t in fig.data if t.type == "bar"]
    assert sum(sum(t.y) for t in bars) == 61
    assert any("TSP section 100" in a.text for a in fig.layout.annotations)


def test_timeline_fast_path_by_hand():
    """On the fast path (1, 2, 1, 3, 1 months), does the window open at the Type I as-of date (end of remediation)
    and the renewal start when the window ends?"""
    frame = charts.timeline_frame()
    fast = frame[frame["path"].str.startswith("fast")].set_index("phase")
    assert fast.loc["Readiness assessment", ["start", "end"]].tolist() == [0, 1]
    assert fast.loc["Gap remediation", ["start", "end"]].tolist() == [1, 3]
    assert fast.loc["Type I examination", ["start", "end"]].tolist() == [3, 4]
    assert fast.loc["Observation window", ["start", "end"]].tolist() == [3, 6]
    assert fast.loc["Type II fieldwork and report", ["start", "end"]].tolist() == [6, 7]
    assert fast.loc["Annual renewal (next Type II period)", ["start", "end"]].tolist() == [6, 18]


def test_timeline_slow_path_by_hand():
    """On the slow path (2, 3, 2, 12, 2 months), does the window open at month 5 and the first Type II land at month 19?"""
    frame = charts.timeline_frame()
    slow = frame[frame["path"].str.startswith("slow")].set_index("phase")
    assert slow.loc["Observation window", ["start", "end"]].tolist() == [5, 17]
    assert slow.loc["Type II fieldwork and report", "end"] == 19
    assert slow.loc["Annual renewal (next Type II period)", "start"] == 17


def test_timeline_marks_every_figure_as_an_estimate_with_a_source():
    """Does every phase carry a source, and every fee say it is a market estimate?"""
    frame = charts.timeline_frame()
    assert frame["source"].str.len().gt(0).all()
    fees = frame.loc[frame["fee"] != "", "fee"]
    assert len(fees) == 6
    assert fees.str.endswith("(market estimate)").all()
    assert "USD 10,000–25,000 (market estimate)" in set(fees)


def test_timeline_chart_draws_both_paths_and_says_estimates():
    """Does the timeline chart draw both paths and caption the figures as estimates?"""
    fig = charts.timeline_chart()
    assert {t.name for t in fig.data} == {"fast path (low estimates)", "slow path (high estimates)"}
    assert "market estimates" in fig.layout.title.text
    assert any("not AICPA figures" in a.text for a in fig.layout.annotations)


def test_report_outline_has_five_sections_in_order():
    """Does the annotated outline list five sections, opinion first and tests fourth?"""
    outline = charts.report_outline()
    assert list(outline["section"]) == [1, 2, 3, 4, 5]
    assert outline.loc[0, "title"] == "Independent service auditor's report"
    assert "tests" in outline.loc[3, "title"]
    assert outline["look for"].str.len().gt(0).all() and outline["source"].str.len().gt(0).all()


def test_phase_table_one_row_per_phase_with_sources():
    """Does the phase table list the six phases once, in order, each with a source?"""
    table = charts.phase_table()
    assert list(table["phase"]) == ["Readiness assessment", "Gap remediation", "Type I examination",
                                    "Observation window", "Type II fieldwork and report",
                                    "Annual renewal (next Type II period)"]
    assert table.loc[3, "duration (estimate)"] == "3–12 months"
    assert table["source"].str.len().gt(0).all()


def test_criteria_frame_describes_each_series_in_our_words():
    """Does each series carry a short description (the part of the fact after the colon)?"""
    frame = charts.criteria_frame().set_index("series")
    assert frame.loc["CC8", "covers"].startswith("Authorising, designing, testing")
    assert frame["covers"].str.len().gt(20).all()
