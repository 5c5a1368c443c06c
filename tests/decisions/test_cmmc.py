"""The CMMC engine against the text of 32 CFR Part 170, worked by hand.

Expected values come from the rule (and the DoD Assessment Methodology point values in
FACTBASE section 3a), counted by hand, not from the code's output.
"""
import datetime as dt

import pytest

from compliance_course.data import load_course
from compliance_course.decision import Decision
from compliance_course.decisions import cmmc

FIPS_PARTIAL = {"3.13.11": "encryption_not_fips_validated"}
MFA_PARTIAL = {"3.5.3": "mfa_remote_and_privileged_only"}
# 1-point requirements that are not excluded (DoDAM Annex A), used to build scores by hand.
ONE_POINTERS = ["3.1.3", "3.1.4", "3.1.6", "3.1.7", "3.1.8", "3.1.9", "3.1.10", "3.1.11", "3.1.14",
                "3.1.15", "3.1.21", "3.2.3", "3.3.3", "3.3.4", "3.3.6", "3.3.7", "3.3.8", "3.3.9",
                "3.4.3", "3.4.4", "3.4.9", "3.5.4", "3.5.5", "3.5.6"]


# --- required_level -----------------------------------------------------------------------
@pytest.mark.parametrize("information, high_priority, level", [
    ("none", False, 0), ("none", True, 0),
    ("fci", False, 1), ("fci", True, 1),
    ("cui", False, 2), ("cui", True, 3),
])
def test_required_level(information, high_priority, level):
    """Does FCI call for Level 1, CUI for Level 2, and CUI in a high-priority program for Level 3?"""
    decision = cmmc.required_level(information, high_priority_program=high_priority)
    assert isinstance(decision, Decision)
    assert decision.answer == level
    assert decision.assessment and decision.citation.startswith("32 CFR 170")


@pytest.mark.parametrize("information, words", [
    ("fci", ["Self-assessment", "every year", "affirmation"]),
    ("cui", ["Level 2 (Self) or Level 2 (C3PAO)", "every 3 years", "affirmation"]),
])
def test_required_level_assessment_says_who_and_how_often(information, words):
    """Does .assessment say who assesses and how often (170.15: yearly; 170.16/17: every 3 years)?"""
    assessment = cmmc.required_level(information).assessment
    for word in words:
        assert word in assessment


def test_level_3_assessment_names_dibcac_and_level_2_prerequisite():
    """Does Level 3 name DIBCAC and the Final Level 2 (C3PAO) prerequisite (170.18)?"""
    assessment = cmmc.required_level("cui", high_priority_program=True).assessment
    assert "DIBCAC" in assessment and "Final Level 2 (C3PAO)" in assessment


@pytest.mark.parametrize("bad", ["FCI", "secret", "", None])
def test_required_level_rejects_unknown_information(bad):
    """Is an unknown kind of information refused with the allowed values listed?"""
    with pytest.raises(ValueError, match="information must be one of 'none', 'fci', 'cui'"):
        cmmc.required_level(bad)


def test_required_level_rejects_non_bool_priority():
    """Is high_priority_program checked too?"""
    with pytest.raises(ValueError, match="high_priority_program must be one of"):
        cmmc.required_level("cui", high_priority_program="yes")


# --- phase ---------------------------------------------------------------------------------
# Hand-worked from 32 CFR 170.3(e) (Phase 1 on 10 Nov 2025, then one phase a year) and DoD's
# suspension of Phase 2 and every later milestone from 13 July 2026 (no end date known).
@pytest.mark.parametrize("day, scheduled, in_force", [
    (dt.date(2024, 12, 16), 0, 0),   # program rule in effect, but no phase yet
    (dt.date(2025, 11, 9), 0, 0),    # the day before the DFARS rule took effect
    (dt.date(2025, 11, 10), 1, 1),   # Phase 1 starts on the DFARS effective date
    (dt.date(2026, 7, 12), 1, 1),    # the day before the suspension
    (dt.date(2026, 7, 13), 1, 1),    # suspension in force; Phase 1 was already the phase
    (dt.date(2026, 11, 9), 1, 1),
    (dt.date(2026, 11, 10), 2, 1),   # the regulation's Phase 2 start, suspended
    (dt.date(2026, 11, 26), 2, 1),
    (dt.date(2027, 11, 9), 2, 1),
    (dt.date(2027, 11, 10), 3, 1),   # the regulation's Phase 3 start, suspended too
    (dt.date(2028, 11, 9), 3, 1),
    (dt.date(2028, 11, 10), 4, 1),
    (dt.date(2035, 1, 1), 4, 1),
])
def test_phase_scheduled_and_in_force(day, scheduled, in_force):
    """Does each date get the regulation's phase, and Phase 1 while the suspension is in force?"""
    assert cmmc.scheduled_phase(day) == scheduled
    assert cmmc.phase(day) == in_force


@pytest.mark.parametrize("day, expected", [
    (dt.date(2026, 7, 12), False), (dt.date(2026, 7, 13), True), (dt.date(2027, 11, 10), True)])
def test_suspension_starts_on_13_july_2026(day, expected):
    """Does the suspension apply from its effective date (13 July 2026) and not before?"""
    assert cmmc.suspension_in_force(day) is expected


def test_phase_accepts_iso_strings_and_datetimes():
    """Does phase() take an ISO date string or a datetime as well as a date?"""
    assert cmmc.phase("2027-01-15") == 1
    assert cmmc.scheduled_phase("2027-01-15") == 2
    assert cmmc.scheduled_phase(dt.datetime(2027, 11, 10, 8, 30)) == 3


@pytest.mark.parametrize("bad", ["10/11/2025", "soon", 2026, None])
def test_phase_rejects_non_dates(bad):
    """Is a value that is not a date refused with a message saying what is allowed?"""
    with pytest.raises(ValueError, match="on must be a date"):
        cmmc.phase(bad)
    with pytest.raises(ValueError, match="on must be a date"):
        cmmc.phase_status(bad)


def test_phase_starts_are_one_year_apart():
    """Do the four phases start on 10 November 2025, 2026, 2027 and 2028 in the regulation?"""
    assert cmmc.phase_starts() == {n: dt.date(2024 + n, 11, 10) for n in range(1, 5)}


def test_phase_status_says_which_rule_applied():
    """Does the reason name the suspension, its date, and the phase the regulation would give?"""
    after = cmmc.phase_status("2026-12-01")
    assert after.answer == 1
    assert after.reason == ("Solicitation dated 2026-12-01: CMMC Phase 2 and all later milestones have been "
                            "suspended since 2026-07-13 (DoD memorandum); Phase 1 requirements apply; "
                            "32 CFR 170.3(e) would otherwise place this date in Phase 2.")
    assert "Implementing Suspension of CMMC Phase II" in after.citation and "170.3(e)(1) and (2)" in after.citation
    before = cmmc.phase_status("2026-03-01")
    assert before.answer == 1
    assert "places it in Phase 1" in before.reason and "only from 2026-07-13" in before.reason
    assert before.citation == "32 CFR 170.3(e)(1)"
    assert "would otherwise place this date in Phase 3" in cmmc.phase_status("2027-11-10").reason


# --- solicitation_can_require -----------------------------------------------------------------
@pytest.mark.parametrize("status, day, expected", [
    ("Level 1 (Self)", dt.date(2025, 11, 1), False),   # before Phase 1
    ("Level 1 (Self)", dt.date(2025, 11, 10), True),
    ("Level 2 (Self)", dt.date(2026, 1, 5), True),
    ("Level 2 (C3PAO)", dt.date(2026, 1, 5), True),    # discretionary in Phase 1
    ("Level 2 (C3PAO)", dt.date(2026, 7, 12), True),   # still discretionary the day before the suspension
    ("Level 2 (C3PAO)", dt.date(2026, 7, 13), False),  # suspension: only Self statuses (as reported)
    ("Level 2 (C3PAO)", dt.date(2026, 11, 10), False), # would be intended in Phase 2; suspended
    ("Level 2 (C3PAO)", dt.date(2027, 11, 10), False),
    ("Level 2 (Self)", dt.date(2026, 7, 13), True),    # Phase 1 requirements stay in force
    ("Level 2 (Self)", dt.date(2026, 12, 1), True),
    ("Level 1 (Self)", dt.date(2027, 11, 10), True),
    ("Level 3 (DIBCAC)", dt.date(2026, 1, 5), False),  # not before Phase 2
    ("Level 3 (DIBCAC)", dt.date(2026, 11, 10), False),# Phase 2 is suspended
    ("Level 3 (DIBCAC)", dt.date(2028, 1, 1), False),  # Phase 3 would make it intended; suspended
])
def test_solicitation_can_require(status, day, expected):
    """Does the rule in force on the date allow the status: 170.3(e) before 13 July 2026, the suspension after?"""
    assert cmmc.solicitation_can_require(status, day).answer is expected


def test_discretion_versus_suspension_is_explained():
    """Does the reason tell Phase 1 discretion (before the suspension) from the suspension's limit?"""
    before = cmmc.solicitation_can_require("Level 2 (C3PAO)", "2026-03-01")
    assert "discretion" in before.reason and "only from 2026-07-13" in before.reason
    after = cmmc.solicitation_can_require("Level 2 (C3PAO)", "2026-12-01")
    assert after.reason.startswith("Solicitation dated 2026-12-01: CMMC Phase 2 and all later milestones have "
                                   "been suspended since 2026-07-13 (DoD memorandum); Phase 1 requirements "
                                   "apply; 32 CFR 170.3(e) would otherwise place this date in Phase 2.")
    assert "only Level 1 (Self) or Level 2 (Self)" in after.reason and "secondary" in after.reason
    assert after.citation.startswith("Department of War announcement of 13 Jul 2026") and "32 CFR 170.3(e)" in after.citation


def test_suspension_statuses_come_from_their_own_fact():
    """The suspension (read in DoD's announcement) and the statuses it allows (secondary reports of the
    memorandum) are two facts; both start on 13 July 2026, and only the statuses fact is secondary."""
    facts = load_course().facts
    suspension, statuses = facts[cmmc.SUSPENSION], facts[cmmc.SUSPENSION_STATUSES]
    assert suspension.effective == statuses.effective == dt.date(2026, 7, 13)
    assert (suspension.confidence, statuses.confidence) == ("primary", "secondary")
    assert list(statuses.value) == ["Level 1 (Self)", "Level 2 (Self)"]


def test_solicitation_can_require_rejects_unknown_status():
    """Is a status that does not exist refused with the four statuses listed?"""
    with pytest.raises(ValueError, match=r"status must be one of 'Level 1 \(Self\)'"):
        cmmc.solicitation_can_require("Level 2", "2026-03-01")


# --- closeout_deadline ------------------------------------------------------------------------
@pytest.mark.parametrize("start, deadline", [
    (dt.date(2026, 1, 10), dt.date(2026, 7, 9)),    # 21 + 28 + 31 + 30 + 31 + 30 + 9 = 180
    (dt.date(2026, 3, 2), dt.date(2026, 8, 29)),    # 29 + 30 + 31 + 30 + 31 + 29 = 180
    (dt.date(2027, 12, 1), dt.date(2028, 5, 29)),   # crosses 29 Feb 2028: 30+31+29+31+30+29 = 180
])
def test_closeout_deadline_is_180_days(start, deadline):
    """Is the closeout deadline 180 calendar days after the Conditional status date (170.21(b))?"""
    assert cmmc.closeout_deadline(start) == deadline


def test_closeout_deadline_rejects_non_dates():
    """Is a non-date refused naming the parameter?"""
    with pytest.raises(ValueError, match="conditional_status_date must be a date"):
        cmmc.closeout_deadline("next week")


# --- level1_requirements ------------------------------------------------------------------------
def test_level1_requirements_are_the_17_far_ids():
    """Are the Level 1 ids the 17 marked FAR 52.204-21 in DoDAM Annex A, in requirement order?"""
    assert cmmc.level1_requirements() == [
        "3.1.1", "3.1.2", "3.1.20", "3.1.22", "3.5.1", "3.5.2", "3.8.3", "3.10.1", "3.10.3",
        "3.10.4", "3.10.5", "3.13.1", "3.13.5", "3.14.1", "3.14.2", "3.14.4", "3.14.5"]


def test_excluded_requirements():
    """Are the six POA&M exclusions those of 32 CFR 170.21(a)(2)(iii)?"""
    assert sorted(cmmc.excluded_requirements()) == sorted(
        ["3.1.20", "3.1.22", "3.12.4", "3.10.3", "3.10.4", "3.10.5"])


# --- level2_conditional --------------------------------------------------------------------------
def test_conditional_with_only_one_pointers():
    """Are three 1-point items (score 107) allowed on a POA&M?"""
    decision = cmmc.level2_conditional(["3.1.8", "3.3.7", "3.5.8"])
    assert decision.answer is True
    assert decision.score == 107


def test_conditional_fips_exception():
    """Is 3.13.11 allowed when encryption is used but not FIPS-validated (3 points), 110-3=107?"""
    decision = cmmc.level2_conditional([], FIPS_PARTIAL)
    assert decision.answer is True and decision.score == 107


def test_conditional_no_encryption_at_all_fails():
    """Is 3.13.11 refused when no encryption is used at all (5 points, no exception)?"""
    decision = cmmc.level2_conditional(["3.13.11"])
    assert decision.answer is False and decision.score == 105
    assert "3.13.11 (5 points)" in decision.reason


def test_conditional_partial_mfa_fails():
    """Is partial MFA (3.5.3, 3 points) refused although the score is 107?"""
    decision = cmmc.level2_conditional([], MFA_PARTIAL)
    assert decision.answer is False and decision.score == 107
    assert "more than 1 point" in decision.reason and "3.5.3 (3 points)" in decision.reason


@pytest.mark.parametrize("excluded", ["3.1.20", "3.1.22", "3.10.3", "3.10.4", "3.10.5"])
def test_conditional_excluded_one_pointers_fail(excluded):
    """Is each excluded 1-point requirement refused even alone, with a score of 109?"""
    decision = cmmc.level2_conditional([excluded])
    assert decision.answer is False and decision.score == 109
    assert "excluded" in decision.reason and excluded in decision.reason
    assert "more than 1 point" not in decision.reason


@pytest.mark.parametrize("count, score, allowed", [(22, 88, True), (23, 87, False), (24, 86, False)])
def test_conditional_threshold_is_88(count, score, allowed):
    """Is 88 (0.8 x 110) the lowest score that passes, with 1-point items only?"""
    decision = cmmc.level2_conditional(ONE_POINTERS[:count])
    assert decision.score == score
    assert decision.answer is allowed
    assert ("below" in decision.reason) is (not allowed)


def test_conditional_names_every_failed_rule():
    """Does the reason name all three failures at once: score, heavy item and exclusion?"""
    # 3.1.1 (5) + 3.1.12 (5) + 3.1.13 (5) + 3.1.16 (5) + 3.10.4 (1) = 21 -> 110 - 21 = 89, then
    # add 3.13.11 (5): 84, below 88.
    decision = cmmc.level2_conditional(["3.1.1", "3.1.12", "3.1.13", "3.1.16", "3.10.4", "3.13.11"])
    assert decision.score == 84
    assert decision.answer is False
    assert "(1) the score 84 is below" in decision.reason
    assert "(2) POA&M item(s) worth more than 1 point" in decision.reason
    assert "(3) excluded requirement(s) on the POA&M: 3.10.4" in decision.reason


def test_conditional_without_ssp_has_no_score():
    """With 3.12.4 not met, is the answer False with no score, naming the SSP and the exclusion?"""
    decision = cmmc.level2_conditional(["3.12.4", "3.1.8"])
    assert decision.answer is False and decision.score is None
    assert "system security plan" in decision.reason and "3.12.4" in decision.reason


def test_conditional_everything_met_is_final():
    """With nothing open, does the checker say yes and explain that the status is Final?"""
    decision = cmmc.level2_conditional([])
    assert decision.answer is True and decision.score == 110
    assert "Final" in decision.reason


@pytest.mark.parametrize("not_met, partial, message", [
    (["3.1.99"], None, "unknown NIST SP 800-171 Rev 2 requirement"),
    ("3.1.1", None, "collection of requirement ids"),
    ([], {"3.1.1": "encryption_not_fips_validated"}, "partial requirement id must be one of"),
])
def test_conditional_rejects_bad_inputs_like_sprs_score(not_met, partial, message):
    """Are bad inputs refused exactly as nist171.sprs_score refuses them?"""
    with pytest.raises(ValueError, match=message):
        cmmc.level2_conditional(not_met, partial)


# --- asset_category --------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, category", [
    ({"handles_cui": "processes_cui"}, "CUI Asset"),
    ({"handles_cui": "processes_cui", "security_function": True}, "CUI Asset"),
    ({"handles_cui": "cannot", "security_function": True}, "Security Protection Asset"),
    ({"handles_cui": "can_but_not_intended", "security_function": True}, "Security Protection Asset"),
    ({"handles_cui": "can_but_not_intended"}, "Contractor Risk Managed Asset"),
    ({"handles_cui": "processes_cui", "specialized": True}, "Specialized Asset"),
    ({"handles_cui": "can_but_not_intended", "specialized": True}, "Specialized Asset"),
    ({"handles_cui": "cannot", "specialized": True}, "Out-of-Scope Asset"),
    ({"handles_cui": "cannot"}, "Out-of-Scope Asset"),
])
def test_asset_category(kwargs, category):
    """Is each asset put in the 32 CFR 170.19(c) category its description calls for?"""
    decision = cmmc.asset_category(**kwargs)
    assert decision.answer == category
    assert decision.assessment and "170.19" in decision.citation


def test_asset_category_rejects_unknown_handling():
    """Is an unknown handling value refused with the three allowed values?"""
    with pytest.raises(ValueError, match="handles_cui must be one of 'processes_cui'"):
        cmmc.asset_category("sometimes")
