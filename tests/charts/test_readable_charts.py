"""Are chart titles, captions, legends and hover texts readable: whole, in words, not colour alone?"""
from __future__ import annotations

import re

import pytest

from compliance_course.charts import cmmc, cross_framework, fedramp, hipaa, module_map, nist171, soc2
from compliance_course.charts._style import CAPTION_CHARS, TITLE_CHARS, readable_hover, wrap

CHARTS = {
    "module_map": module_map,
    "cmmc.phase_timeline": cmmc.phase_timeline,
    "cmmc.levels_chart": cmmc.levels_chart,
    "cmmc.poam_eligibility_chart": cmmc.poam_eligibility_chart,
    "cross.overlap_heatmap": cross_framework.overlap_heatmap,
    "cross.r2_sankey": cross_framework.r2_sankey,
    "fedramp.controls_per_family": fedramp.controls_per_family,
    "fedramp.baseline_growth": fedramp.baseline_growth,
    "fedramp.roadmap_timeline": fedramp.roadmap_timeline,
    "hipaa.security_rule_chart": hipaa.security_rule_chart,
    "hipaa.penalty_history": lambda: hipaa.penalty_history("calendar-year cap"),
    "nist171.requirements_by_family": nist171.requirements_by_family,
    "nist171.points_by_family": nist171.points_by_family,
    "nist171.sprs_waterfall": lambda: nist171.sprs_waterfall(["3.1.1"]),
    "soc2.criteria_chart": soc2.criteria_chart,
    "soc2.timeline_chart": soc2.timeline_chart,
}


def _longest_line(text: str) -> int:
    return max(len(re.sub(r"<[^>]+>", "", line)) for line in text.split("<br>"))


@pytest.mark.parametrize("name", CHARTS)
def test_titles_and_captions_are_wrapped_to_fit(name):
    """No title line longer than fits a ~700 px plot, no caption line that runs off the right."""
    fig = CHARTS[name]()
    assert fig.layout.title.text and _longest_line(fig.layout.title.text) <= TITLE_CHARS
    for note in fig.layout.annotations:
        if note.yref == "paper" and note.y is not None and note.y < 0:
            assert _longest_line(note.text) <= CAPTION_CHARS, note.text


@pytest.mark.parametrize("name", CHARTS)
def test_hover_text_has_no_raw_key_value_pairs(name):
    """Plotly express's "name=%{x}" (and a nameless "=%{y}") become "Name: %{x}" or the value."""
    fig = CHARTS[name]()
    for trace in fig.data:
        template = getattr(trace, "hovertemplate", None) or ""
        assert not re.search(r"(^|<br>)[^=<>%{}]*=%\{", template), template


@pytest.mark.parametrize("name", CHARTS)
def test_learners_see_no_repository_paths(name):
    fig = CHARTS[name]()
    texts = [fig.layout.title.text or "", fig.layout.title.subtitle.text or ""] + [a.text or "" for a in fig.layout.annotations]
    assert not any(re.search(r"course_data/|\.ya?ml\b|\.md\b|\.csv\b", t) for t in texts), texts


def test_wrap_keeps_words_and_existing_breaks():
    assert wrap("one two three", 7) == "one two<br>three"
    assert wrap("a<br>b", 80) == "a<br>b"


def test_readable_hover_turns_keys_into_labels():
    assert readable_hover("criteria=%{y}<br>series=%{text}<extra></extra>") == \
        "Criteria: %{y}<br>Series: %{text}<extra></extra>"
    assert readable_hover("=%{y}<br>count=%{x}") == "%{y}<br>Count: %{x}"


def test_security_rule_chart_legend_names_required_and_addressable():
    """Review M6: does the legend say which colour is required and which addressable?"""
    fig = hipaa.security_rule_chart()
    names = [t.name for t in fig.data]
    assert "Required: implementation specification" in names
    assert "Addressable: implementation specification" in names
    assert all(t.marker.pattern.shape is not None for t in fig.data)
    assert len({(t.marker.color, t.marker.pattern.shape) for t in fig.data}) == len(fig.data)
    assert sum(sum(t.x) for t in fig.data) == 50          # every row of the table, once
    assert fig.layout.legend.orientation == "h"           # below the plot, not squeezing it


def test_sankey_says_uncertain_in_words_not_only_in_orange():
    fig = cross_framework.r2_sankey()
    labels = list(fig.data[0].node.label)
    assert any("uncertain" in label for label in labels)
    assert any("Orange links" in a.text for a in fig.layout.annotations)


def test_penalty_history_explains_lines_on_top_of_each_other():
    """Review m5: the four tiers' calendar-year caps are equal, so one line shows; is that said?"""
    fig = hipaa.penalty_history("calendar-year cap")
    assert any("lie on top of each other" in a.text for a in fig.layout.annotations)


@pytest.mark.parametrize("name", CHARTS)
def test_captions_below_the_plot_fit_in_the_bottom_margin(name):
    """A caption at a fraction of the plot's height below it must end above the figure's edge."""
    fig = CHARTS[name]()
    margin, height = fig.layout.margin, fig.layout.height
    plot_height = height - margin.t - margin.b
    for note in fig.layout.annotations:
        if note.yref == "paper" and note.y is not None and note.y < 0:
            lines = note.text.count("<br>") + 1
            size = (note.font.size or 12) + 4
            assert -note.y * plot_height + lines * size <= margin.b, (note.text, margin.b)
