"""Tests for compliance_course.decisions.soc2.

Expected values are worked out by hand from the sources named in each docstring
(TSP section 100 criterion identifiers; AICPA SOC 2 management guide; AT-C 205 opinion
types; practitioner guidance on bridge letters), not copied from the code's output.
"""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from compliance_course.decision import Decision
from compliance_course.decisions import soc2

D = dt.date
FLAGS = ("uptime_commitments", "confidential_data", "processes_transactions", "personal_information")
ADDS = {"uptime_commitments": "availability", "confidential_data": "confidentiality",
        "processes_transactions": "processing_integrity", "personal_information": "privacy"}


# --- categories_in_scope -------------------------------------------------------------------

@pytest.mark.parametrize("values", list(itertools.product([True, False], repeat=4)))
def test_every_combination_gives_security_plus_one_category_per_commitment(values):
    """For each of the 16 combinations, is security always in, plus exactly the triggered categories?"""
    kwargs = dict(zip(FLAGS, values))
    expected = {"security"} | {ADDS[k] for k, v in kwargs.items() if v}
    decision = soc2.categories_in_scope(**kwargs)
    assert isinstance(decision, Decision)
    assert decision.answer == frozenset(expected)
    assert isinstance(decision.answer, frozenset)


def test_security_only_service_reason_names_the_33_common_criteria():
    """Does the reason for a security-only scope say security is always in, with its 33 criteria?"""
    decision = soc2.categories_in_scope(uptime_commitments=False, confidential_data=False,
                                        processes_transactions=False, personal_information=False)
    assert decision.answer == frozenset({"security"})
    assert "always" in decision.reason
    assert "33" in decision.reason and "CC1.1 to CC9.2" in decision.reason
    assert "TSP section 100" in decision.citation


@pytest.mark.parametrize("flag, category, count, span", [
    ("uptime_commitments", "Availability", "3", "A1.1 to A1.3"),
    ("confidential_data", "Confidentiality", "2", "C1.1 to C1.2"),
    ("processes_transactions", "Processing integrity", "5", "PI1.1 to PI1.5"),
    ("personal_information", "Privacy", "18", "P1.1 to P8.1"),
])
def test_reason_explains_each_added_category_with_its_criteria(flag, category, count, span):
    """Does the reason explain each added category and cite its criteria count and identifiers?"""
    kwargs = dict.fromkeys(FLAGS, False) | {flag: True}
    reason = soc2.categories_in_scope(**kwargs).reason
    assert f"{category} is added because" in reason
    assert f"({count} more criteria, {span})" in reason


@pytest.mark.parametrize("bad", [1, 0, "yes", None])
def test_non_boolean_flag_is_refused_with_allowed_values(bad):
    """Is a flag that is not exactly True or False refused, naming the allowed values?"""
    kwargs = dict.fromkeys(FLAGS, False) | {"confidential_data": bad}
    with pytest.raises(ValueError, match=r"^confidential_data must be one of True, False; got "):
        soc2.categories_in_scope(**kwargs)


def test_flags_are_keyword_only():
    """Are the scoping flags keyword-only, so a positional call cannot swap them silently?"""
    with pytest.raises(TypeError):
        soc2.categories_in_scope(True, False, False, False)  # type: ignore[misc]


def test_criteria_by_category_matches_the_tsc_counts():
    """Do the counts per category add up to the TSC's 33 + 3 + 5 + 2 + 18 = 61?"""
    counts = soc2.criteria_by_category()
    assert counts == {"security": 33, "availability": 3, "processing_integrity": 5,
                      "confidentiality": 2, "privacy": 18}
    assert sum(counts.values()) == 61


# --- report_for ----------------------------------------------------------------------------

@pytest.mark.parametrize("audience, over_time, expected", [
    ("customers_financial_reporting", True, "SOC 1 Type II"),
    ("customers_financial_reporting", False, "SOC 1 Type I"),
    ("customers_security_review", True, "SOC 2 Type II"),
    ("customers_security_review", False, "SOC 2 Type I"),
    ("public", True, "SOC 3"),
    ("public", False, "SOC 3"),
])
def test_report_for_each_audience(audience, over_time, expected):
    """Which report does each reader get: SOC 1 for ICFR, SOC 2 for security review, SOC 3 for the public?"""
    decision = soc2.report_for(audience=audience, needs_operating_effectiveness=over_time)
    assert decision.answer == expected
    assert decision.answer in soc2.REPORTS
    assert decision.reason and decision.citation


def test_public_design_only_request_explains_there_is_no_type_i_soc3():
    """When the public audience wants design only, does the reason say a SOC 3 has no Type I?"""
    reason = soc2.report_for(audience="public", needs_operating_effectiveness=False).reason
    assert "no Type I SOC 3" in reason


def test_soc1_reason_cites_at_c_320():
    """Does the SOC 1 answer cite AT-C section 320?"""
    decision = soc2.report_for(audience="customers_financial_reporting", needs_operating_effectiveness=True)
    assert "AT-C section 320" in decision.reason and "AT-C section 320" in decision.citation


def test_unknown_audience_lists_allowed_values():
    """Is an unknown audience refused with every allowed value listed?"""
    with pytest.raises(ValueError) as err:
        soc2.report_for(audience="investors", needs_operating_effectiveness=True)
    assert str(err.value) == ("audience must be one of 'customers_financial_reporting', "
                              "'customers_security_review', 'public'; got 'investors'")


def test_needs_operating_effectiveness_must_be_boolean():
    """Is a non-boolean needs_operating_effectiveness refused?"""
    with pytest.raises(ValueError, match="needs_operating_effectiveness must be one of True, False"):
        soc2.report_for(audience="public", needs_operating_effectiveness="yes")


# --- bridge_letter_needed ------------------------------------------------------------------

@pytest.mark.parametrize("end, on, needed, days", [
    (D(2025, 12, 31), D(2026, 3, 10), True, 69),     # 31 Jan + 28 Feb + 10 Mar
    (D(2025, 12, 31), D(2026, 1, 1), True, 1),       # the first day after the period
    (D(2025, 6, 30), D(2026, 1, 15), True, 199),     # 31+31+30+31+30+31 + 15
    (D(2023, 12, 31), D(2024, 3, 1), True, 61),      # leap year: 31 + 29 + 1
    (D(2025, 12, 31), D(2025, 12, 31), False, None), # the last day is still covered
    (D(2026, 6, 30), D(2026, 6, 15), False, None),   # inside the period
])
def test_bridge_letter_needed_after_period_end(end, on, needed, days):
    """Is a bridge letter needed exactly when the date is after the period end, with the gap in days?"""
    decision = soc2.bridge_letter_needed(end, on)
    assert decision.answer is needed
    if days is not None:
        unit = "day" if days == 1 else "days"
        assert f"is {days} {unit} later" in decision.reason
    else:
        assert "no bridge letter is needed" in decision.reason


@pytest.mark.parametrize("end, on, warns", [
    (D(2025, 12, 31), D(2026, 3, 31), False),  # exactly three months: within usual reach
    (D(2025, 12, 31), D(2026, 4, 1), True),    # one day beyond three months
    (D(2025, 11, 30), D(2026, 2, 28), False),  # three months ends on the short month's last day
    (D(2025, 11, 30), D(2026, 3, 1), True),
])
def test_bridge_letter_warns_beyond_about_three_months(end, on, warns):
    """Does the reason warn when the gap is longer than the roughly three months a bridge letter covers?"""
    reason = soc2.bridge_letter_needed(end, on).reason
    assert ("longer than the roughly 3 months" in reason) is warns


def test_bridge_letter_accepts_iso_strings_and_datetimes():
    """Are ISO date strings and datetimes accepted as dates?"""
    assert soc2.bridge_letter_needed("2025-12-31", "2026-01-31").answer is True
    assert soc2.bridge_letter_needed(dt.datetime(2025, 12, 31, 23, 0), D(2025, 12, 31)).answer is False


@pytest.mark.parametrize("bad", ["31/12/2025", 20251231, None])
def test_bridge_letter_refuses_what_is_not_a_date(bad):
    """Is a value that is not a date refused with a message saying what is allowed?"""
    with pytest.raises(ValueError, match=r"^report_period_end must be a date \(datetime.date or an ISO string"):
        soc2.bridge_letter_needed(bad, D(2026, 1, 1))


def test_bridge_letter_says_management_issues_it():
    """Does the citation say management, not the auditor, issues the letter?"""
    citation = soc2.bridge_letter_needed(D(2025, 12, 31), D(2026, 2, 1)).citation
    assert "management, not the auditor" in citation


@pytest.mark.parametrize("day, months, expected", [
    (D(2025, 11, 30), 3, D(2026, 2, 28)),
    (D(2024, 11, 30), 3, D(2025, 2, 28)),
    (D(2023, 11, 30), 3, D(2024, 2, 29)),
    (D(2025, 10, 31), 2, D(2025, 12, 31)),
    (D(2025, 9, 15), 3, D(2025, 12, 15)),
    (D(2025, 12, 31), 12, D(2026, 12, 31)),
])
def test_add_months_clamps_to_month_end(day, months, expected):
    """Does adding calendar months land on the same day, or on the last day of a shorter month?"""
    assert soc2.add_months(day, months) == expected


# --- subservice_method and opinion_for -----------------------------------------------------

@pytest.mark.parametrize("cooperates, single, expected", [
    (True, True, "inclusive"),
    (True, False, "carve-out"),
    (False, True, "carve-out"),
    (False, False, "carve-out"),
])
def test_subservice_method(cooperates, single, expected):
    """Is inclusive chosen only when the subservice organisation cooperates and readers want one report?"""
    decision = soc2.subservice_method(subservice_cooperates=cooperates, users_need_single_report=single)
    assert decision.answer == expected
    if expected == "carve-out":
        assert "CSOCs" in decision.reason


@pytest.mark.parametrize("exceptions, met, enough, pervasive, expected", [
    (False, True, True, False, "unqualified"),
    (True, True, True, False, "unqualified"),   # exception listed, criterion still met
    (True, False, True, False, "qualified"),    # criterion not met, confined
    (True, False, True, True, "adverse"),       # criterion not met, pervasive
    (False, True, False, False, "qualified"),   # scope limitation, confined
    (False, True, False, True, "disclaimer"),   # scope limitation, pervasive
    (True, False, False, True, "disclaimer"),   # no evidence overrides what was seen
    # A design gap (say, no control at all for vendor risk) leaves nothing to sample, so no exceptions,
    # yet the criterion is not met: qualified when confined, adverse when pervasive (review SOC2-N1).
    (False, False, True, False, "qualified"),
    (False, False, True, True, "adverse"),
])
def test_opinion_for(exceptions, met, enough, pervasive, expected):
    """Which opinion follows from exceptions, criteria met, evidence and pervasiveness (AT-C 205 pattern)?"""
    decision = soc2.opinion_for(exceptions_found=exceptions, criteria_still_met=met,
                                evidence_sufficient=enough, pervasive=pervasive)
    assert decision.answer == expected
    assert decision.answer in soc2.OPINIONS


def test_design_gap_without_exceptions_says_so():
    """Does the reason for a criterion not met without exceptions name the design gap, not exceptions?"""
    reason = soc2.opinion_for(exceptions_found=False, criteria_still_met=False,
                              evidence_sufficient=True, pervasive=False).reason
    assert "No test exceptions were found" in reason
    assert "The exceptions mean" not in reason


def test_unqualified_with_exceptions_says_they_are_listed():
    """When exceptions leave the opinion clean, does the reason say they are still reported?"""
    reason = soc2.opinion_for(exceptions_found=True, criteria_still_met=True,
                              evidence_sufficient=True, pervasive=False).reason
    assert "listed with the test results" in reason


@pytest.mark.parametrize("engine, kwargs", [
    (soc2.subservice_method, {"subservice_cooperates": "no", "users_need_single_report": False}),
    (soc2.opinion_for, {"exceptions_found": True, "criteria_still_met": 1,
                        "evidence_sufficient": True, "pervasive": False}),
])
def test_other_engines_refuse_non_booleans(engine, kwargs):
    """Do the extra engines also refuse values that are not True or False?"""
    with pytest.raises(ValueError, match="must be one of True, False"):
        engine(**kwargs)
