"""CMMC charts: built from course data, with the numbers the sources give."""
import datetime as dt

import plotly.graph_objects as go
import pytest

from compliance_course.charts import cmmc as charts


def test_phase_frame_has_the_four_phases_with_sources():
    """Does the timeline data hold four phases starting 10 Nov 2025-2028, each with a 170.3(e) source?"""
    frame = charts.phase_frame()
    assert list(frame["phase"]) == ["Phase 1", "Phase 2", "Phase 3", "Phase 4"]
    assert list(frame["start"]) == [dt.date(y, 11, 10) for y in (2025, 2026, 2027, 2028)]
    assert all(src.startswith("32 CFR 170.3(e)") for src in frame["source"])
    assert list(frame["end"][:3]) == list(frame["start"][1:])


@pytest.mark.parametrize("today, label", [
    (dt.date(2026, 11, 26), "Phase 1 requirements apply (Phase 2 in the schedule, suspended)"),
    (dt.date(2026, 3, 1), "Phase 1 requirements apply"),
    (dt.date(2025, 1, 1), "before Phase 1"),
])
def test_phase_timeline_marks_today(today, label):
    """Is today drawn as a line at the given date, labelled with the phase whose requirements apply?"""
    fig = charts.phase_timeline(today)
    assert isinstance(fig, go.Figure)
    line = fig.layout.shapes[-1]
    assert str(line.x0).startswith(today.isoformat())
    assert fig.layout.annotations[-1].text.endswith(label)


def test_phase_timeline_marks_the_suspension():
    """Is the suspension drawn at 13 July 2026 with its label, and are Phases 2-4 faint, Phase 1 not?"""
    fig = charts.phase_timeline(dt.date(2026, 11, 30))
    assert str(fig.layout.shapes[0].x0).startswith("2026-07-13")
    assert fig.layout.annotations[0].text.startswith("2026-07-13: DoD suspends Phase 2")
    opacity = {t.name: t.opacity for t in fig.data}
    assert opacity["Phase 1, as scheduled"] is None and opacity["Phase 1, continues under the suspension"] is None
    assert {opacity[f"Phase {n}, as scheduled"] for n in (2, 3, 4)} == {0.3}
    hatched = next(t for t in fig.data if t.name == "Phase 1, continues under the suspension")
    assert hatched.marker.pattern.shape == "/"
    frame = charts.phase_frame()
    assert list(frame["status"])[0] == "started"
    assert all(s.startswith("suspended since 2026-07-13") for s in list(frame["status"])[1:])


def test_levels_frame_counts_assessors_and_frequency():
    """Does the levels table give 15/110/24 requirements, the assessors and every 1/3/3 years?"""
    frame = charts.levels_frame()
    assert list(frame["requirements"]) == [15, 110, 24]
    assert list(frame["how often"]) == ["every year", "every 3 years", "every 3 years"]
    assert "C3PAO" in frame["assessor"][1] and frame["assessor"][2] == "DCMA DIBCAC"
    assert frame["source"].str.contains("32 CFR 170.14").all()


def test_levels_chart_is_a_bar_per_level():
    """Is the levels chart a bar figure with the three levels?"""
    fig = charts.levels_chart()
    assessed = [t for t in fig.data if t.name.startswith("assessed by")]
    assert sorted(x for t in assessed for x in t.x) == ["Level 1", "Level 2", "Level 3"]


def test_levels_chart_puts_level_3_on_top_of_level_2():
    """Review m6: is Level 3 drawn on a Level 2 base (110), not as 24 next to Level 2's 110?"""
    fig = charts.levels_chart()
    base = next(t for t in fig.data if t.name.startswith("first: a Final Level 2"))
    assert list(base.x) == ["Level 3"] and list(base.y) == [110]
    assert fig.layout.barmode == "stack"
    assert list(fig.layout.xaxis.categoryarray) == ["Level 1", "Level 2", "Level 3"]


def test_poam_eligibility_counts():
    """Of the 51 one-point requirements, are 46 POA&M-eligible and 5 excluded (plus 3.12.4 and 3.13.11)?"""
    frame = charts.poam_eligibility_frame().set_index(["points", "POA&M"])["requirements"]
    assert frame[("1", "may be on a POA&M")] == 46
    assert frame[("1", "never on a POA&M (excluded)")] == 5
    assert frame[("NA", "never on a POA&M (excluded)")] == 1
    assert frame[("3 to 5", "only when encryption is not FIPS-validated")] == 1
    assert frame.sum() == 110


def test_level1_frame_lists_the_17_ids_with_summaries_not_nist_text():
    """Does the Level 1 table show the 17 FAR-marked ids, each with our summary and where NIST's text is?"""
    frame = charts.level1_frame()
    assert len(frame) == 17 and frame["requirement"].iloc[0] == "3.1.1"
    assert frame["summary (our words)"].str.len().min() > 10
    assert frame["exact text in"].iloc[0] == "NIST SP 800-171 Rev 2, 3.1.1"
    assert not any(c for c in frame.columns if "text" in c and c != "exact text in")
