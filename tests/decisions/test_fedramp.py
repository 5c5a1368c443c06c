"""Tests of compliance_course.decisions.fedramp.

Expected values are worked out by hand: impact levels from FIPS 200's high-water mark, control counts
from FACTBASE FR-06 (FedRAMP's OSCAL profiles, 156/156/323/410), deadlines from RA-5(d)
(30/90/180 days) counted on a calendar.
"""
import datetime as dt
import itertools

import pytest

from compliance_course.data import load_course
from compliance_course.decision import Decision
from compliance_course.decisions import fedramp

D = dt.date
#: FACTBASE FR-06: Rev 5 controls + enhancements, (total, base controls, enhancements).
FACTBASE_COUNTS = {"LI-SaaS": (156, 135, 21), "Low": (156, 135, 21),
                   "Moderate": (323, 181, 142), "High": (410, 191, 219)}


# --- impact_level ---------------------------------------------------------------------------------
@pytest.mark.parametrize("c, i, a, expected", [
    ("low", "low", "low", "low"),
    ("low", "moderate", "low", "moderate"),
    ("moderate", "moderate", "low", "moderate"),
    ("low", "low", "high", "high"),
    ("high", "moderate", "moderate", "high"),
    ("moderate", "high", "low", "high"),
])
def test_impact_level_is_the_high_water_mark(c, i, a, expected):
    """Is the overall level the highest of the three ratings, never an average?"""
    assert fedramp.impact_level(c, i, a) == expected


def test_impact_level_every_combination():
    """Over all 27 combinations, does the result equal the highest rating by rank?"""
    rank = {"low": 0, "moderate": 1, "high": 2}
    for combo in itertools.product(rank, repeat=3):
        assert fedramp.impact_level(*combo) == max(combo, key=rank.get)


@pytest.mark.parametrize("c, i, a", [("LOW", "Moderate", "low"), (" low ", "MODERATE", "Low")])
def test_impact_level_ignores_letter_case(c, i, a):
    """Are ratings accepted in any letter case, with the answer in lower case?"""
    assert fedramp.impact_level(c, i, a) == "moderate"


@pytest.mark.parametrize("bad", ["medium", "", None, 2, "critical"])
def test_impact_level_rejects_unknown_rating_listing_allowed(bad):
    """Does a wrong rating raise ValueError that names the field and the allowed values?"""
    with pytest.raises(ValueError) as info:
        fedramp.impact_level("low", bad, "low")
    assert str(info.value) == f"integrity must be one of 'low', 'moderate', 'high'; got {bad!r}"


# --- baseline ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("ratings, kwargs, expected", [
    (("low", "low", "low"), {}, "Low"),
    (("low", "low", "low"), {"saas": True, "pii_beyond_login": False}, "LI-SaaS"),
    (("low", "low", "low"), {"saas": True, "pii_beyond_login": True}, "Low"),
    (("low", "low", "low"), {"saas": True}, "Low"),                      # default assumes PII beyond login
    (("low", "low", "low"), {"saas": False, "pii_beyond_login": False}, "Low"),  # LI-SaaS is SaaS only
    (("low", "moderate", "low"), {"saas": True, "pii_beyond_login": False}, "Moderate"),
    (("moderate", "moderate", "low"), {}, "Moderate"),
    (("moderate", "moderate", "high"), {}, "High"),
    (("high", "high", "high"), {"saas": True, "pii_beyond_login": False}, "High"),
])
def test_baseline_choice(ratings, kwargs, expected):
    """Does the baseline follow the impact level, with LI-SaaS only for low-impact SaaS without extra PII?"""
    decision = fedramp.baseline(*ratings, **kwargs)
    assert isinstance(decision, Decision)
    assert decision.answer == expected


@pytest.mark.parametrize("name, counts", FACTBASE_COUNTS.items())
def test_table_counts_match_factbase(name, counts):
    """Do the counts computed from fedramp_rev5_baselines.csv equal FACTBASE FR-06?"""
    assert fedramp.control_counts()[name] == counts
    assert fedramp.control_count(name) == counts[0]


@pytest.mark.parametrize("ratings, kwargs, controls", [
    (("low", "low", "low"), {"saas": True, "pii_beyond_login": False}, 156),
    (("low", "low", "low"), {}, 156),
    (("low", "moderate", "low"), {}, 323),
    (("high", "low", "low"), {}, 410),
])
def test_baseline_reports_rev5_control_count(ratings, kwargs, controls):
    """Does Decision.controls carry the Rev 5 size of the chosen baseline (not the Rev 4 one)?"""
    decision = fedramp.baseline(*ratings, **kwargs)
    assert decision.controls == controls
    assert decision.controls not in (125, 126, 325, 421)
    assert str(controls) in decision.reason


@pytest.mark.parametrize("fact_id, name", [("fedramp-rev5-li-saas-count", "LI-SaaS"),
                                           ("fedramp-rev5-low-count", "Low"),
                                           ("fedramp-rev5-moderate-count", "Moderate"),
                                           ("fedramp-rev5-high-count", "High")])
def test_count_facts_agree_with_table(fact_id, name):
    """Do the count facts learners see agree with what the engine counts from the table?"""
    assert load_course().facts[fact_id].value == fedramp.control_count(name)


def test_baseline_reason_and_citation():
    """Does a decision explain the high-water mark and cite FIPS 200 and the FedRAMP profiles?"""
    decision = fedramp.baseline("low", "moderate", "low")
    assert "highest" in decision.reason and "moderate" in decision.reason
    assert "FIPS 200" in decision.citation and "FedRAMP Rev 5" in decision.citation


def test_baseline_explains_why_li_saas_is_ruled_out():
    """When low-impact SaaS keeps PII beyond login, does the reason say why LI-SaaS does not apply?"""
    reason = fedramp.baseline("low", "low", "low", saas=True, pii_beyond_login=True).reason
    assert "LI-SaaS is ruled out" in reason


@pytest.mark.parametrize("kwargs, message", [
    ({"saas": "yes"}, "saas must be one of True, False; got 'yes'"),
    ({"pii_beyond_login": 1}, "pii_beyond_login must be one of True, False; got 1"),
])
def test_baseline_rejects_non_boolean_flags(kwargs, message):
    """Are the SaaS and PII flags required to be real booleans?"""
    with pytest.raises(ValueError) as info:
        fedramp.baseline("low", "low", "low", **kwargs)
    assert str(info.value) == message


def test_control_count_rejects_unknown_baseline():
    """Does an unknown baseline name raise ValueError listing the four baselines?"""
    with pytest.raises(ValueError, match="baseline must be one of 'LI-SaaS', 'Low', 'Moderate', 'High'"):
        fedramp.control_count("Medium")


# --- remediation_due ----------------------------------------------------------------------------------
@pytest.mark.parametrize("risk, discovered, expected", [
    ("high", D(2026, 3, 10), D(2026, 4, 9)),        # 21 days left in March + 9
    ("moderate", D(2026, 3, 10), D(2026, 6, 8)),    # 21 + 30 + 31 + 8
    ("low", D(2026, 3, 10), D(2026, 9, 6)),         # 21 + 30 + 31 + 30 + 31 + 31 + 6
    ("high", D(2026, 2, 10), D(2026, 3, 12)),       # February 2026 has 28 days
    ("high", D(2028, 2, 10), D(2028, 3, 11)),       # ... and February 2028 has 29
    ("moderate", D(2026, 12, 15), D(2027, 3, 15)),  # across a year end: 16 + 31 + 28 + 15
    ("HIGH", D(2026, 5, 4), D(2026, 6, 3)),         # any letter case
])
def test_remediation_due_by_risk(risk, discovered, expected):
    """Is the deadline 30, 90 or 180 calendar days after discovery for high, moderate, low risk?"""
    assert fedramp.remediation_due(risk, discovered) == expected


@pytest.mark.parametrize("risk, discovered, kev_due", [
    ("high", D(2026, 5, 4), D(2026, 5, 18)),    # KEV earlier than the 30-day deadline
    ("low", D(2026, 5, 4), D(2026, 5, 25)),     # KEV earlier than 180 days
    ("high", D(2026, 9, 1), D(2026, 10, 15)),   # KEV later than the 30-day deadline: still the KEV date
    ("moderate", D(2026, 5, 4), D(2026, 4, 20)),  # KEV date already passed at discovery
])
def test_kev_due_date_takes_precedence(risk, discovered, kev_due):
    """When a KEV due date is given, is it the deadline whatever the risk-based date would be?"""
    assert fedramp.remediation_due(risk, discovered, kev_due=kev_due) == kev_due


def test_kev_reason_mentions_overdue_when_kev_date_has_passed():
    """Is a learner told that a finding whose KEV date already passed is overdue at once?"""
    decision = fedramp.remediation("moderate", D(2026, 5, 4), kev_due=D(2026, 4, 20))
    assert "overdue" in decision.reason


def test_remediation_days_come_from_facts():
    """Are the 30/90/180 days read from the course facts?"""
    facts = load_course().facts
    assert [fedramp.remediation_days(r) for r in ("high", "moderate", "low")] == [
        facts["fedramp-remediation-high-days"].value, facts["fedramp-remediation-moderate-days"].value,
        facts["fedramp-remediation-low-days"].value] == [30, 90, 180]


def test_remediation_due_accepts_datetime():
    """Is a datetime treated as its date?"""
    assert fedramp.remediation_due("high", dt.datetime(2026, 3, 10, 15, 30)) == D(2026, 4, 9)


@pytest.mark.parametrize("args, kwargs, message", [
    (("critical", D(2026, 1, 1)), {}, "risk must be one of 'high', 'moderate', 'low'; got 'critical'"),
    (("high", "2026-01-01"), {}, "discovered must be a datetime.date (for example date(2026, 3, 1)); got '2026-01-01'"),
    (("high", D(2026, 1, 1)), {"kev_due": "soon"}, "kev_due must be a datetime.date (for example date(2026, 3, 1)); got 'soon'"),
])
def test_remediation_rejects_bad_input(args, kwargs, message):
    """Do wrong values raise ValueError saying what is allowed?"""
    with pytest.raises(ValueError) as info:
        fedramp.remediation_due(*args, **kwargs)
    assert str(info.value) == message


# --- dod_impact_level ------------------------------------------------------------------------------------
@pytest.mark.parametrize("data, expected", [("public", "IL2"), ("cui", "IL4"), ("cui_nss", "IL5"),
                                            ("classified", "IL6")])
def test_dod_impact_level(data, expected):
    """Does each kind of data map to its SRG v1r4 impact level?"""
    assert fedramp.dod_impact_level(data).answer == expected


def test_dod_il4_reason_names_both_routes():
    """Does the IL4 reason say FedRAMP High is one route, not the only one (FACTBASE trap 7)?"""
    reason = fedramp.dod_impact_level("cui").reason
    assert "FedRAMP High" in reason and "IL2 plus" in reason


def test_dod_impact_level_rejects_unknown():
    """Does an unknown data kind raise ValueError listing the kinds?"""
    with pytest.raises(ValueError, match="data must be one of 'public', 'cui', 'cui_nss', 'classified'"):
        fedramp.dod_impact_level("secret")
