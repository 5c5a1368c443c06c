"""The SPRS score engine against hand-worked examples from the DoD Assessment Methodology.

Every expected number below was added up by hand from Annex A of the NIST SP 800-171 DoD
Assessment Methodology, Version 1.2.1 (24 June 2020), as transcribed in
FACTBASE section 3a, not taken from the code.
"""
import datetime as dt

import pandas as pd
import pytest

from compliance_course.data import table
from compliance_course.decision import Decision
from compliance_course.decisions import nist171
from compliance_course.decisions.nist171 import AssessmentIncomplete, deductions, requirements, sprs_score

MFA_PARTIAL = {"3.5.3": "mfa_remote_and_privileged_only"}
FIPS_PARTIAL = {"3.13.11": "encryption_not_fips_validated"}

# Annex A values, family by family (3.12.4 has no value).
AC_IDS = [f"3.1.{n}" for n in range(1, 23)]  # 5+5+1+1+3+1+1+1+1+1+1+5+5+1+1+5+5+5+3+1+1+1 = 54
IA_IDS = [f"3.5.{n}" for n in range(1, 12)]  # 5+5+5+1+1+1+1+1+1+5+1 = 27
SC_IDS = [f"3.13.{n}" for n in range(1, 17)]  # 5+5+1+1+5+5+1+3+1+1+5+1+1+1+5+1 = 42


def all_scorable_ids():
    """The 109 ids other than 3.12.4, written out family by family from Rev 2."""
    sizes = {1: 22, 2: 3, 3: 9, 4: 9, 5: 11, 6: 3, 7: 6, 8: 9, 9: 2, 10: 6, 11: 3, 12: 4, 13: 16, 14: 7}
    ids = [f"3.{fam}.{n}" for fam, size in sizes.items() for n in range(1, size + 1)]
    return [i for i in ids if i != "3.12.4"]


def test_all_met_scores_110():
    """Does a system with every requirement implemented score the full 110?"""
    assert sprs_score([]) == 110
    assert sprs_score(set(), partial={}) == 110


def test_everything_not_met_scores_minus_203():
    """Is the lowest possible score -203 (110 minus 313), with 3.12.4 left out because it is unscorable?"""
    ids = all_scorable_ids()
    assert len(ids) == 109
    assert sprs_score(ids) == -203
    assert nist171.minimum_score() == -203


@pytest.mark.parametrize("not_met, partial, expected", [
    (["3.1.1"], None, 105),                      # a 5-point Basic requirement
    (["3.1.5"], None, 107),                      # least privilege: 3 points
    (["3.1.3"], None, 109),                      # CUI flow: 1 point
    (["3.5.3"], None, 105),                      # no MFA at all: 5
    ([], MFA_PARTIAL, 107),                      # MFA for remote and privileged users only: 3
    (["3.13.11"], None, 105),                    # no encryption where required: 5
    ([], FIPS_PARTIAL, 107),                     # encryption, but not FIPS-validated: 3
    ([], {**MFA_PARTIAL, **FIPS_PARTIAL}, 104),  # both partial: 3 + 3
    (["3.12.2"], None, 107),                     # no plans of action for unmet requirements: 3
    (["3.1.1", "3.1.3", "3.1.5"], FIPS_PARTIAL, 98),  # 5 + 1 + 3 + 3 = 12
    (AC_IDS, None, 56),                          # whole AC family: 54
    (IA_IDS, None, 83),                          # whole IA family: 27
    ([i for i in IA_IDS if i != "3.5.3"], MFA_PARTIAL, 85),  # IA with MFA partial: 27 - 2 = 25
    (SC_IDS, None, 68),                          # whole SC family: 42
])
def test_hand_worked_scores(not_met, partial, expected):
    """Does the score equal 110 minus the Annex A values added up by hand?"""
    assert sprs_score(not_met, partial) == expected


def test_mfa_rolled_out_to_most_users_is_still_not_met():
    """Methodology 5(g)(ii): MFA for 75% of users is 'not implemented', so 3.5.3 costs the full 5."""
    assert sprs_score(["3.5.3"]) == 105


def test_ssp_missing_gives_no_score():
    """Does a missing system security plan (3.12.4) stop the scoring with AssessmentIncomplete?"""
    with pytest.raises(AssessmentIncomplete, match="3.12.4"):
        sprs_score(["3.12.4"])
    with pytest.raises(AssessmentIncomplete):
        deductions(["3.1.1", "3.12.4"])
    assert issubclass(AssessmentIncomplete, ValueError)


@pytest.mark.parametrize("not_met, partial, message", [
    (["3.1.23"], None, r"unknown NIST SP 800-171 Rev 2 requirement id\(s\) \['3.1.23'\]"),
    (["03.01.01"], None, "unknown"),              # a Rev 3 id is not a Rev 2 id
    (["3.5.3"], MFA_PARTIAL, "both in not_met and in partial"),
    ([], {"3.1.1": "mfa_remote_and_privileged_only"}, "partial requirement id must be one of"),
    ([], {"3.5.3": "encryption_not_fips_validated"}, "must be one of 'mfa_remote_and_privileged_only'"),
    ([], {"3.13.11": "partly"}, "must be one of 'encryption_not_fips_validated'"),
    ("3.1.1", None, "not the single string"),
])
def test_bad_input_raises_value_error(not_met, partial, message):
    """Is every malformed input refused with a ValueError that says what is allowed?"""
    with pytest.raises(ValueError, match=message):
        sprs_score(not_met, partial)


def test_duplicates_count_once():
    """Is a requirement listed twice deducted only once?"""
    assert sprs_score(["3.1.1", "3.1.1"]) == 105


def test_deductions_rows_in_requirement_order():
    """Does deductions() list id, family and points in requirement order (3.1.x before 3.13.x, 3.13.2 before 3.13.11)?"""
    frame = deductions(["3.13.11", "3.1.3", "3.13.2"], MFA_PARTIAL)
    assert list(frame.columns) == ["id", "family", "points"]
    assert frame.to_dict("records") == [
        {"id": "3.1.3", "family": "Access Control", "points": 1},
        {"id": "3.5.3", "family": "Identification and Authentication", "points": 3},
        {"id": "3.13.2", "family": "System and Communications Protection", "points": 5},
        {"id": "3.13.11", "family": "System and Communications Protection", "points": 5},
    ]


def test_deductions_empty_when_all_met():
    """Does an all-met system give an empty table with the same columns?"""
    frame = deductions([])
    assert frame.empty and list(frame.columns) == ["id", "family", "points"]


def test_requirements_rev2_counts():
    """Does Rev 2 have 110 requirements in 14 families, 42 worth 5, 14 worth 3, 51 worth 1, 2 variable, 1 NA?"""
    reqs = requirements()
    assert len(reqs) == 110
    assert reqs["family"].nunique() == 14
    fixed = reqs[reqs["partial_points"].isna()]["points"]
    assert (fixed == 5).sum() == 42
    assert (fixed == 3).sum() == 14
    assert (fixed == 1).sum() == 51
    assert set(reqs.loc[reqs["partial_points"].notna(), "id"]) == {"3.5.3", "3.13.11"}
    assert reqs.loc[reqs["id"] == "3.12.4", "points"].isna().all()
    assert int(reqs["points"].sum()) == 313
    assert (reqs["type"] == "Basic").sum() == 31


def test_requirements_rev2_family_sizes():
    """Are the Rev 2 family sizes those of the publication (AC 22 ... SI 7)?"""
    sizes = requirements().groupby("family_id", sort=False).size().to_dict()
    assert sizes == {"AC": 22, "AT": 3, "AU": 9, "CM": 9, "IA": 11, "IR": 3, "MA": 6, "MP": 9,
                     "PS": 2, "PE": 6, "RA": 3, "CA": 4, "SC": 16, "SI": 7}


def test_requirements_rev3_counts():
    """Does Rev 3 have 97 active requirements in 17 families, with no points?"""
    reqs = requirements(3)
    assert len(reqs) == 97
    assert reqs["family"].nunique() == 17
    assert "points" not in reqs.columns
    assert reqs.groupby("family_id").size()["03.06"] == 5


def test_requirements_rev2_has_our_summaries_in_requirement_order():
    """Does requirements(2) carry a non-empty summary per id, the one in the summaries table?"""
    reqs = nist171.requirements(2)
    assert "summary" in reqs.columns
    expected = table("nist_800_171_r2_summaries").set_index("id")["summary"]
    assert reqs["summary"].tolist() == [expected[rid] for rid in reqs["id"]]
    assert reqs["summary"].str.strip().str.len().gt(0).all()
    assert reqs.loc[reqs["id"] == "3.12.4", "summary"].item() == expected["3.12.4"]


@pytest.mark.parametrize("rid, reference", [
    ("3.1.1", "NIST SP 800-171 Rev 2, 3.1.1"),
    ("3.13.11", "NIST SP 800-171 Rev 2, 3.13.11"),
])
def test_nist_reference_names_the_section(rid, reference):
    """Does nist_reference point to the publication and requirement that hold the exact text?"""
    assert nist171.nist_reference(rid) == reference


def test_requirements_rejects_other_revisions():
    """Is a revision other than 2 or 3 refused?"""
    with pytest.raises(ValueError, match="revision must be one of 2, 3"):
        requirements(1)


@pytest.mark.parametrize("kwargs, answer", [
    ({}, 110),
    ({"not_met": ["3.1.1", "3.14.6"], "partial": FIPS_PARTIAL}, 97),  # 5 + 5 + 3
    ({"not_met": ["3.1.1"], "has_ssp": False}, "No score"),
])
def test_sprs_decision_wraps_the_score(kwargs, answer):
    """Does the Decision wrapper give the score (or 'No score') with a reason and the Methodology as citation?"""
    decision = nist171.sprs_decision(**kwargs)
    assert isinstance(decision, Decision)
    assert decision.answer == answer
    assert "Methodology" in decision.citation
    if isinstance(answer, int):
        assert decision.score == answer


# ------------------------------------------------ review NIST171-N3, N4, N6: hand-worked cases
def test_all_met_reason_shows_the_number_not_a_placeholder():
    """Does the all-met reason read 'starting 110' (review NIST171-N3), not a literal '{max_score()}'?"""
    reason = nist171.sprs_decision([]).reason
    assert "starting 110" in reason and "{" not in reason


@pytest.mark.parametrize("partial, expected", [
    ({"3.1.12": "not_permitted_no_policy"}, 109),                          # 110 - 1
    ({"3.1.12": "not_permitted_no_policy", "3.1.16": "not_permitted_no_policy",
      "3.1.18": "not_permitted_no_policy"}, 107),                          # 110 - 1 - 1 - 1
    ({"3.1.18": "not_permitted_no_policy", "3.13.11": "encryption_not_fips_validated"}, 106),  # 110 - 1 - 3
])
def test_not_permitted_without_a_policy_costs_one_point(partial, expected):
    """DoDAM 5(i)(i): the access is not permitted but no policy prevents enabling it: 'a point should be assessed'."""
    assert sprs_score([], partial) == expected


def test_not_permitted_ruling_is_only_for_the_three_ids_and_not_with_not_met():
    with pytest.raises(ValueError, match="partial requirement id must be one of"):
        sprs_score([], {"3.1.13": "not_permitted_no_policy"})
    with pytest.raises(ValueError, match="both in not_met and in partial"):
        sprs_score(["3.1.12"], {"3.1.12": "not_permitted_no_policy"})
    # not met at all (remote access allowed and not controlled) is still the full 5 points
    assert sprs_score(["3.1.12"]) == 105


# NIST CMVP page: FIPS 140-2 modules "will continue to be accepted ... through September 21, 2026.
# After that time CMVP will place the FIPS 140-2 validated modules on the Historical list".
# So 21 Sep 2026 is the last day they count as active, and 22 Sep 2026 the first Historical day.
@pytest.mark.parametrize("standard, on, answer", [
    ("140-2", dt.date(2026, 9, 20), "active"),
    ("140-2", dt.date(2026, 9, 21), "active"),      # the last day CMVP accepts FIPS 140-2 modules
    ("140-2", dt.date(2026, 9, 22), "historical"),  # "after that time": the Historical list
    ("140-2", dt.date(2026, 11, 30), "historical"),
    ("140-3", dt.date(2026, 11, 30), "active"),
])
def test_fips_certificate_status_turns_historical_after_21_september_2026(standard, on, answer):
    decision = nist171.fips_certificate_status(standard, on)
    assert decision.answer == answer
    if standard == "140-2":
        assert "through 2026-09-21" in decision.reason
    if answer == "historical":
        assert "Historical from 2026-09-22" in decision.reason
        assert "existing applications only" in decision.reason


def test_fips_certificate_status_rejects_bad_input():
    with pytest.raises(ValueError, match="standard must be one of"):
        nist171.fips_certificate_status("140-1", dt.date(2026, 1, 1))
    with pytest.raises(ValueError, match="on must be a datetime.date"):
        nist171.fips_certificate_status("140-2", "2026-01-01")


@pytest.mark.parametrize("issued, deviation, answer", [
    (dt.date(2026, 1, 31), True, "252.204-7020"),   # the day before the deviations took effect
    (dt.date(2026, 2, 1), True, "252.240-7997"),    # from 1 Feb 2026 under deviation 2026-O0025
    (dt.date(2026, 2, 1), False, "252.204-7020"),   # a solicitation that does not use the deviation
    (dt.date(2026, 11, 30), None, "read the solicitation"),
    (dt.date(2025, 6, 1), None, "252.204-7020"),    # before the date, the flag does not matter
])
def test_assessment_clause_by_solicitation_date(issued, deviation, answer):
    decision = nist171.assessment_clause(issued, deviation)
    assert decision.answer == answer
    assert "2026-02-01" in decision.reason


def test_assessment_clause_rejects_bad_input():
    with pytest.raises(ValueError, match="solicitation_issued must be a datetime.date"):
        nist171.assessment_clause("2026-03-01", True)
    with pytest.raises(ValueError, match="uses_rfo_deviation must be one of True, False, None"):
        nist171.assessment_clause(dt.date(2026, 3, 1), "yes")
