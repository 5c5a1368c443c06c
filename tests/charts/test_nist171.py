"""NIST SP 800-171 charts and the Rev 2 / Rev 3 table, checked against the publications."""
import plotly.graph_objects as go
import pytest

from compliance_course.charts import nist171 as charts
from compliance_course.data import table
from compliance_course.decisions.nist171 import AssessmentIncomplete


def test_requirements_by_family_counts_110_in_14_families():
    """Do the bars add up to 110 requirements, with one bar group per Rev 2 family?"""
    fig = charts.requirements_by_family()
    assert isinstance(fig, go.Figure)
    total = sum(sum(trace.x) for trace in fig.data)
    families = {y for trace in fig.data for y in trace.y}
    assert total == 110
    assert len(families) == 14
    assert "3.1 Access Control" in families


def test_requirements_by_family_colours_by_value():
    """Are there 42 five-point, 14 three-point, 51 one-point, 2 variable and 1 no-value requirements?"""
    by_value = {trace.name: sum(trace.x) for trace in charts.requirements_by_family().data}
    assert by_value == {"5 points": 42, "3 or 5 points": 2, "3 points": 14, "1 point": 51,
                        "no value (no plan, no score)": 1}


def test_points_by_family_adds_up_to_313():
    """Do the family maxima add up to 313 (Access Control 54), giving the -203 floor in the title?"""
    fig = charts.points_by_family()
    points = dict(zip(fig.data[0].y, fig.data[0].x))
    assert sum(points.values()) == 313
    assert points["3.1 Access Control"] == 54
    assert "-203" in fig.layout.title.text


@pytest.mark.parametrize("not_met, partial, steps, score", [
    ([], None, [], 110),
    (["3.1.1", "3.1.3"], {"3.5.3": "mfa_remote_and_privileged_only"}, [-5, -1, -3], 101),
])
def test_waterfall_steps_down_from_110(not_met, partial, steps, score):
    """Does the waterfall start at 110, step down by each deduction and end on the score?"""
    trace = charts.sprs_waterfall(not_met, partial).data[0]
    assert list(trace.measure) == ["absolute"] + ["relative"] * len(steps) + ["total"]
    assert list(trace.y[:-1]) == [110] + steps
    assert trace.text[-1] == str(score)


def test_waterfall_groups_by_family_when_long():
    """With every requirement unmet, are the steps grouped into 14 families ending at -203?"""
    from compliance_course.decisions.nist171 import requirements
    ids = [i for i in requirements()["id"] if i != "3.12.4"]
    trace = charts.sprs_waterfall(ids).data[0]
    assert len(trace.x) == 14 + 2
    assert trace.text[-1] == "-203"


def test_waterfall_hover_shows_our_summary_not_nist_text():
    """Does hovering a deduction show the course's summary, labelled as one, and not NIST's wording?"""
    summaries = table("nist_800_171_r2_summaries").set_index("id")["summary"]
    nist = table("nist_800_171_r2").set_index("id")["text"]
    hover = charts.sprs_waterfall(["3.1.1"], {"3.5.3": "mfa_remote_and_privileged_only"}).data[0].hovertext
    assert summaries["3.1.1"] in hover[1] and summaries["3.5.3"] in hover[2]
    assert all("(summary; see NIST SP 800-171 Rev 2 for the exact text)" in h for h in hover[1:3])
    assert not any(nist[r] in h for r in ("3.1.1", "3.5.3") for h in hover)


def test_waterfall_refuses_missing_plan():
    """Is there no waterfall when 3.12.4 is not met?"""
    with pytest.raises(AssessmentIncomplete):
        charts.sprs_waterfall(["3.12.4"])


def test_revision_comparison_matches_the_publications():
    """Does the table show 110 vs 97 requirements, 14 vs 17 families, and the Rev 3 family sizes?"""
    table = charts.revision_comparison().set_index("family")
    assert table.loc["All", "Rev 2 requirements"] == 110
    assert table.loc["All", "Rev 3 requirements"] == 97
    assert table.loc["All", "Rev 3 family"] == "17 families"
    assert table.loc["3.1 / 03.01", "Rev 3 requirements"] == 16
    assert table.loc["3.6 / 03.06", "Rev 3 requirements"] == 5   # IR is 5, not 4 (FACTBASE trap 4)
    assert table.loc["03.17", "Rev 3 requirements"] == 3         # SR is 3, not 4
    assert table.loc["03.15", "Rev 2 requirements"] == 0
    assert table.loc["3.12 / 03.12", "Rev 3 family"] == "Security Assessment and Monitoring"
