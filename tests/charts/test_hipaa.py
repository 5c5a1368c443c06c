"""HIPAA charts: are the figures built from the engine's deadlines and the course tables?"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from compliance_course.charts import hipaa as charts
from compliance_course.data import load_course

D = dt.date


def test_breach_frame_lists_every_notice_with_its_source():
    """For 750 people found by the covered entity on 1 Feb 2026, is each notice due 2 Apr 2026?

    1 Feb + 60 days: 27 days to 28 Feb, 31 in March, 2 in April -> 2 April 2026.
    """
    frame = charts.breach_frame(D(2026, 2, 1), 750)
    by_notice = frame.set_index("notice")
    assert by_notice.loc["Notice to individuals", "latest date"] == D(2026, 4, 2)
    assert by_notice.loc["Notice to HHS", "latest date"] == D(2026, 4, 2)
    assert by_notice.loc["Notice to the media", "latest date"] == D(2026, 4, 2)
    assert not by_notice.loc["Business associate to covered entity", "owed"]
    assert by_notice["source"].str.startswith("45 CFR 164.4").all()


@pytest.mark.parametrize("affected, discovered_by, bars", [
    (750, "covered_entity", 3),     # individuals, HHS, media
    (500, "covered_entity", 2),     # no media at exactly 500
    (20, "covered_entity", 2),      # individuals and the HHS log
    (20, "business_associate", 1),  # only the notice to the covered entity
    (0, "covered_entity", 0),       # nobody affected: an empty chart with a message
])
def test_breach_timeline_draws_one_bar_per_notice_owed(affected, discovered_by, bars):
    fig = charts.breach_timeline(D(2026, 2, 1), affected, discovered_by=discovered_by)
    assert len(fig.data) == bars
    assert "Breach clock" in fig.layout.title.text


def test_breach_timeline_log_bar_ends_60_days_after_year_end():
    """Does the HHS bar for a 20-person breach end on 1 March of the next year?"""
    fig = charts.breach_timeline(D(2026, 2, 1), 20)
    hhs = next(t for t in fig.data if t.name == "Notice to HHS")
    assert list(hhs.text) == ["2027-03-01"]


@pytest.mark.parametrize("measure", charts.PENALTY_MEASURES)
def test_penalty_history_has_four_tiers_ending_on_the_review_date(measure):
    fig = charts.penalty_history(measure)
    assert sorted(t.name for t in fig.data) == ["Tier 1", "Tier 2", "Tier 3", "Tier 4"]
    as_of = load_course().facts["hipaa-as-of"].value
    assert pd.Timestamp(max(fig.data[0].x)) == pd.Timestamp(as_of)


def test_penalty_history_tier_1_minimum_starts_at_110_and_ends_at_145():
    """Does the tier 1 line run from the 2016 catch-up ($110) to the 2025 adjustment ($145)?"""
    fig = charts.penalty_history("minimum per violation")
    tier1 = next(t for t in fig.data if t.name == "Tier 1")
    assert list(tier1.y)[0] == 110 and list(tier1.y)[-1] == 145


def test_penalty_history_rejects_unknown_measure():
    with pytest.raises(ValueError, match="measure must be one of"):
        charts.penalty_history("fine")


def test_security_rule_chart_counts_every_row_of_the_table():
    """Do the bars add up to the 50 rows of hipaa_security_rule.csv (SOURCES.md section 6)?"""
    fig = charts.security_rule_chart()
    assert sum(sum(t.x) for t in fig.data) == 50
    assert "164.308" in " ".join(str(y) for t in fig.data for y in t.y)


@pytest.mark.parametrize("section, flag, text, rows", [
    (None, None, None, 50),
    # HIP-22 to HIP-25: 36 specifications in 308/310/312, 22 addressable
    (None, "Addressable", None, 22),
    # 164.312: automatic logoff, encryption and decryption, ePHI authentication,
    # integrity controls, transmission encryption
    ("164.312", "Addressable", None, 5),
    # 164.308: 10 required specifications plus the two standards with none, (a)(2) and (a)(8)
    ("164.308", "Required", None, 12),
    # the two encryption specifications
    (None, None, "encryption", 2),
    # 164.314: (a)(2)(i)-(iii) and (b)(2), all headed "Implementation specifications (Required)"
    ("164.314", "Required", None, 4),
])
def test_security_rule_table_filters(section, flag, text, rows):
    frame = charts.security_rule_table(section, flag, text)
    assert len(frame) == rows
    if flag:
        assert set(frame["R/A"]) == {flag}


def test_security_rule_table_rejects_unknown_section():
    with pytest.raises(ValueError, match="section must be one of '164.308'"):
        charts.security_rule_table(section="164.999")
