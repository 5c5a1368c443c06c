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
    ("high", D(2024, 2, 10), D(2024, 3, 11)),       # ... and February 2024 has 29
    ("moderate", D(2026, 11, 20), D(2027, 2, 18)),  # across a year end: 10 + 31 + 31 + 18
    ("high", D(2026, 12, 6), D(2027, 1, 5)),        # the last day before VDR: 25 + 5
    ("critical", D(2026, 3, 10), D(2026, 4, 9)),    # no separate critical tier: counts as high
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
    (("urgent", D(2026, 1, 1)), {}, "risk must be one of 'high', 'moderate', 'low', 'critical'; got 'urgent'"),
    (("high", "2026-01-01"), {}, "discovered must be a datetime.date (for example date(2026, 3, 1)); got '2026-01-01'"),
    (("high", D(2026, 1, 1)), {"kev_due": "soon"}, "kev_due must be a datetime.date (for example date(2026, 3, 1)); got 'soon'"),
])
def test_remediation_rejects_bad_input(args, kwargs, message):
    """Do wrong values raise ValueError saying what is allowed?"""
    with pytest.raises(ValueError) as info:
        fedramp.remediation_due(*args, **kwargs)
    assert str(info.value) == message


def test_critical_reason_says_it_counts_as_high():
    """Is a learner told that FedRAMP has no critical tier when they enter one?"""
    assert "counts as high risk" in fedramp.remediation("Critical", D(2026, 3, 10)).reason


# --- which rule applies on the discovery date ---------------------------------------------------------
@pytest.mark.parametrize("discovered, rule", [
    (D(2026, 7, 3), "RA-5(d)"),    # before VDR optional adoption (2026-07-04)
    (D(2026, 7, 4), "RA-5(d)"),    # optional adoption only: the legacy rule is still the rule
    (D(2026, 12, 6), "RA-5(d)"),   # the day before VDR is required
    (D(2026, 12, 7), "VDR"),       # VDR required for Rev 5 (obtain and maintain)
    (D(2027, 3, 6), "VDR"),        # last day of the grace period
    (D(2027, 3, 7), "VDR"),        # grace ended
])
def test_remediation_rule_by_discovery_date(discovered, rule):
    """Does the rule switch from RA-5(d) to VDR exactly on 7 December 2026?"""
    assert fedramp.remediation_rule(discovered).answer == rule


def test_rule_reason_names_the_dates():
    """Does the learner see why the rule applies, with both dates?"""
    assert fedramp.remediation_rule(D(2026, 12, 15)).reason.startswith(
        "Discovered 2026-12-15: the VDR rules apply since 2026-12-07.")
    assert "grace period" in fedramp.remediation_rule(D(2026, 12, 15)).reason
    assert "ended on 2027-03-07" in fedramp.remediation_rule(D(2027, 3, 7)).reason
    assert "required only from 2026-12-07" in fedramp.remediation_rule(D(2026, 11, 30)).reason


def test_rule_dates_come_from_facts():
    """Are the VDR and directive dates read from the course facts, which carry effective/until?"""
    facts = load_course().facts
    dates = fedramp.vdr_dates()
    assert dates["required"] == facts["fedramp-vdr-rev5-required"].effective == D(2026, 12, 7)
    assert dates["grace_ends"] == facts["fedramp-vdr-rev5-grace-ends"].value == D(2027, 3, 7)
    assert facts["fedramp-remediation-high-days"].until == dates["required"]
    # BOD 26-04 is dated 10 June 2026 and BOD 22-01 stops applying on the day BOD 26-04 revokes it.
    assert dates["bod_26_04"] == facts["fedramp-bod-26-04"].value == D(2026, 6, 10)
    assert facts["fedramp-bod-26-04-revokes"].effective == facts["fedramp-bod-26-04"].effective == D(2026, 6, 10)
    assert facts["fedramp-bod-22-01"].effective == D(2021, 11, 3) < dates["bod_26_04"]


# --- VDR timeframes (VDR-TFR-PVR), worked by hand from the rules' tables ----------------------------------
@pytest.mark.parametrize("kwargs, expected", [
    # Class C, PAIN-5, LEV + IRV: 2 days. 15 Dec + 2 = 17 Dec.
    ({"pain": 5, "likely_exploitable": True, "internet_reachable": True, "certification_class": "C"}, D(2026, 12, 17)),
    # Class C, PAIN-3, LEV + IRV: 16 days. 15 Dec + 16 = 31 Dec.
    ({"pain": 3, "likely_exploitable": True, "internet_reachable": True, "certification_class": "C"}, D(2026, 12, 31)),
    # Class C, PAIN-2, NLEV: 192 days. 16 (Dec) + 31 + 28 + 31 + 30 + 31 + 25 = 192 -> 25 Jun 2027.
    ({"pain": 2, "likely_exploitable": False, "certification_class": "C"}, D(2027, 6, 25)),
    # Class B, PAIN-4, LEV + NIRV: 32 days. 16 (Dec) + 16 = 16 Jan 2027.
    ({"pain": 4, "likely_exploitable": True, "internet_reachable": False, "certification_class": "B"}, D(2027, 1, 16)),
    # Class D, PAIN-3, NLEV: 64 days. 16 (Dec) + 31 + 17 = 17 Feb 2027.
    ({"pain": 3, "likely_exploitable": False, "certification_class": "d"}, D(2027, 2, 17)),
    # Class D, PAIN-5, LEV + IRV: 12 hours, so the next calendar day at the latest.
    ({"pain": 5, "likely_exploitable": True, "internet_reachable": True, "certification_class": "D"}, D(2026, 12, 16)),
    # Timeframes run from evaluation: evaluated 20 Dec, Class B PAIN-5 LEV + IRV 4 days -> 24 Dec.
    ({"pain": 5, "likely_exploitable": True, "internet_reachable": True, "certification_class": "B",
      "evaluated": D(2026, 12, 20)}, D(2026, 12, 24)),
])
def test_vdr_timeframes(kwargs, expected):
    """From 7 December 2026, is the deadline the VDR-TFR-PVR timeframe from evaluation?"""
    assert fedramp.remediation_due(discovered=D(2026, 12, 15), **kwargs) == expected


def test_vdr_pain_1_has_no_timeframe():
    """Is PAIN-1 answered with 'no VDR timeframe' and the routine-operations rule?"""
    decision = fedramp.remediation(discovered=D(2026, 12, 15), pain=1, likely_exploitable=False,
                                   certification_class="C")
    assert decision.answer == "no VDR timeframe" and "VDR-TFR-RMN" in decision.reason


def test_vdr_kev_due_earlier_is_the_first_date_due_and_cites_bod_26_04():
    """Under VDR, does an earlier KEV due date come first, citing BOD 26-04 (VDR-TFR-KEV)?"""
    # Class C PAIN-3 NLEV: 128 days from 15 Dec 2026 = 22 Apr 2027; KEV due 5 Jan 2027 is earlier.
    decision = fedramp.remediation(discovered=D(2026, 12, 15), pain=3, likely_exploitable=False,
                                   certification_class="C", kev_due=D(2027, 1, 5))
    assert decision.answer == D(2027, 1, 5)
    assert "BOD 26-04" in decision.citation and "BOD 22-01" not in decision.citation.replace(
        "revoked BOD 22-01", "")
    assert "2027-04-22" in decision.reason


def test_vdr_kev_due_later_keeps_the_vdr_date():
    """Under VDR, does a KEV date later than the VDR timeframe leave the VDR date as the first due?"""
    # Class C PAIN-5 LEV + IRV: 2 days -> 17 Dec; KEV due 30 Dec is later.
    decision = fedramp.remediation(discovered=D(2026, 12, 15), pain=5, likely_exploitable=True,
                                   internet_reachable=True, certification_class="C", kev_due=D(2026, 12, 30))
    assert decision.answer == D(2026, 12, 17) and "2026-12-30" in decision.reason


@pytest.mark.parametrize("discovered, directive", [
    (D(2026, 6, 9), "CISA BOD 22-01"),     # the last day of BOD 22-01
    (D(2026, 6, 10), "CISA BOD 26-04"),    # BOD 26-04 issued, BOD 22-01 revoked
])
def test_kev_citation_follows_the_directive_in_force(discovered, directive):
    """Does the KEV precedence cite BOD 22-01 before 10 June 2026 and BOD 26-04 from that day?"""
    decision = fedramp.remediation("high", discovered, kev_due=discovered + dt.timedelta(days=14))
    assert decision.citation.endswith(directive) or directive + " (" in decision.citation


def test_legacy_kev_later_mentions_the_earlier_date_practice():
    """When the KEV date is later than RA-5(d), is the 'earlier of the two' practice mentioned?"""
    reason = fedramp.remediation("high", D(2026, 9, 1), kev_due=D(2026, 10, 15)).reason
    assert "earlier of the two" in reason and "Read literally" in reason


def test_early_adopter_may_use_vdr_in_the_optional_window():
    """Between 4 July and 6 December 2026, do VDR inputs give the VDR deadline (early adoption)?"""
    decision = fedramp.remediation(discovered=D(2026, 9, 1), pain=4, likely_exploitable=True,
                                   internet_reachable=True, certification_class="C")
    assert decision.answer == D(2026, 9, 5)   # Class C PAIN-4 LEV + IRV: 4 days
    assert "adopted the VDR rules early" in decision.reason


@pytest.mark.parametrize("args, kwargs, message", [
    (("high", D(2026, 12, 15)), {},
     "Discovered 2026-12-15: the VDR rules apply since 2026-12-07."),
    ((None, D(2026, 12, 15)), {"pain": 6, "likely_exploitable": True, "internet_reachable": True,
                               "certification_class": "C"}, "pain must be one of 1, 2, 3, 4, 5"),
    ((None, D(2026, 12, 15)), {"pain": 3, "likely_exploitable": True, "internet_reachable": True,
                               "certification_class": "A"}, "certification_class must be one of 'B', 'C', 'D'; got 'A'"),
    ((None, D(2026, 12, 15)), {"pain": 3, "likely_exploitable": True, "certification_class": "C"},
     "internet_reachable must be one of True, False; got None"),
    ((None, D(2026, 3, 10)), {"pain": 3, "likely_exploitable": True, "certification_class": "C"},
     "pain, likely_exploitable, certification_class belong to the VDR rules"),
    ((None, D(2026, 3, 10)), {}, "Give risk: one of 'high', 'moderate', 'low'"),
    ((None, D(2026, 12, 15)), {"pain": 3, "likely_exploitable": False, "certification_class": "C",
                               "evaluated": D(2026, 12, 1)}, "evaluated (2026-12-01) cannot be before discovered"),
])
def test_remediation_rejects_inputs_the_date_does_not_take(args, kwargs, message):
    """Is each wrong combination refused with a message naming the rule in force and the input?"""
    with pytest.raises(ValueError) as info:
        fedramp.remediation(*args, **kwargs)
    assert message in str(info.value)


# --- dod_impact_level ------------------------------------------------------------------------------------
@pytest.mark.parametrize("data, expected", [("public", "IL2"), ("cui", "IL4"), ("cui_nss", "IL5"),
                                            ("classified", "IL6")])
def test_dod_impact_level(data, expected):
    """Does each kind of data map to its impact level in DISA's SRG V1R6 (sections 3.7.1-3.7.4)?"""
    assert fedramp.dod_impact_level(data).answer == expected


def test_dod_il4_reason_names_both_routes():
    """Does the IL4 reason say FedRAMP High is one route, not the only one (FACTBASE trap 7)?"""
    # SRG V1R6 section 3.7.5: "The FedRAMP Moderate or High baseline, supplemented with DOD FedRAMP+
    # security controls, CNSSI 1253 overlays ..." is used toward an IL4 provisional authorization.
    reason = fedramp.dod_impact_level("cui").reason
    assert "FedRAMP Moderate or the FedRAMP High baseline" in reason and "not the only one" in reason


def test_dod_il5_reason_allows_physical_or_nsa_cryptographic_separation():
    """Does IL5 name both separations SRG V1R6 5.2.2.3 accepts, not physical separation alone (v1r4)?"""
    # SRG V1R6 section 5.2.2.3: "either physical separation from all nonfederal tenant systems and
    # infrastructure, or cryptographic (virtual) separation validated or approved by the NSA".
    decision = fedramp.dod_impact_level("cui_nss")
    assert decision.answer == "IL5"
    assert "physical separation from non-federal tenants or cryptographic separation" in decision.reason
    assert "validated or approved by the NSA" in decision.reason and "FedRAMP High" in decision.reason
    assert "V1R6" in decision.citation and "5.2.2" in decision.citation


def test_dod_impact_level_rejects_unknown():
    """Does an unknown data kind raise ValueError listing the kinds?"""
    with pytest.raises(ValueError, match="data must be one of 'public', 'cui', 'cui_nss', 'classified'"):
        fedramp.dod_impact_level("secret")
