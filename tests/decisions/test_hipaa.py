"""HIPAA decision engine: BAAs, breach deadlines, penalty tiers and ranges.

Expected values are worked out by hand from the sources named in each case (45 CFR 160.103,
164.404-164.410, 164.514; 42 U.S.C. 1320d-5; HHS notices updating 45 CFR 102.3), not copied
from the engine's output.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from compliance_course.data import load_course
from compliance_course.decisions import hipaa

BAA, SUB, DUA = ("business associate agreement", "subcontractor business associate agreement",
                 "data use agreement")


# ------------------------------------------------------------------------------------ needs_baa
@pytest.mark.parametrize("works_for, handles, role, answer, document", [
    # 160.103: service on behalf of a covered entity involving PHI
    ("covered_entity", "phi", "service_on_behalf", True, BAA),
    # HHS cloud guidance (2016): no-key storage is still maintaining ePHI
    ("covered_entity", "encrypted_phi_without_key", "service_on_behalf", True, BAA),
    # 160.103 subcontractor; 164.502(e)(1)(ii): the BA signs with its subcontractor
    ("business_associate", "phi", "service_on_behalf", True, SUB),
    ("business_associate", "encrypted_phi_without_key", "service_on_behalf", True, SUB),
    # conduit exception (65 FR 82476)
    ("covered_entity", "phi", "conduit", False, None),
    # treatment disclosures, 160.103 BA paragraph (4)(i)
    ("covered_entity", "phi", "treating_provider", False, None),
    # workforce is not a BA (160.103)
    ("covered_entity", "phi", "workforce", False, None),
    ("business_associate", "phi", "workforce", False, None),
    # incidental access, HHS FAQ 243
    ("covered_entity", "phi", "incidental_access", False, None),
    # patient-chosen app (OCR 2016)
    ("individual", "phi", "service_on_behalf", False, None),
    # de-identified data is not PHI (164.514(a))
    ("covered_entity", "deidentified", "service_on_behalf", False, None),
    # limited data set: data use agreement (164.514(e)(4))
    ("covered_entity", "limited_data_set", "service_on_behalf", False, DUA),
    ("business_associate", "limited_data_set", "service_on_behalf", False, DUA),
    # no PHI at all, or nobody covered
    ("covered_entity", "none", "service_on_behalf", False, None),
    ("none", "phi", "service_on_behalf", False, None),
])
def test_needs_baa(works_for, handles, role, answer, document):
    """Does the engine require the right agreement for each kind of vendor?"""
    decision = hipaa.needs_baa(works_for, handles, role)
    assert decision.answer is answer
    assert decision.document == document
    assert decision.reason and decision.citation


def test_every_combination_has_a_reason_and_citation():
    """Is every one of the 5 x 5 x 4 input combinations answered with a reason and a source?"""
    for works_for in hipaa.WORKS_FOR:
        for handles in hipaa.HANDLES:
            for role in hipaa.ROLES:
                d = hipaa.needs_baa(works_for, handles, role)
                assert isinstance(d.answer, bool)
                assert d.reason.strip() and d.citation.strip()
                assert (d.document is not None) == (d.answer or handles == "limited_data_set"
                                                    and d.document == DUA)


def test_a_baa_is_only_ever_required_for_service_on_behalf_with_phi():
    """Is True returned only for a service on behalf of a CE or BA with PHI (encrypted or not)?"""
    required = {(wf, h, r) for wf in hipaa.WORKS_FOR for h in hipaa.HANDLES for r in hipaa.ROLES
                if hipaa.needs_baa(wf, h, r).answer}
    assert required == {(wf, h, "service_on_behalf") for wf in ("covered_entity", "business_associate")
                        for h in ("phi", "encrypted_phi_without_key")}


@pytest.mark.parametrize("kwargs, name, allowed", [
    ({"works_for": "hospital", "handles": "phi", "role": "conduit"}, "works_for", hipaa.WORKS_FOR),
    ({"works_for": "covered_entity", "handles": "PHI", "role": "conduit"}, "handles", hipaa.HANDLES),
    ({"works_for": "covered_entity", "handles": "phi", "role": "vendor"}, "role", hipaa.ROLES),
])
def test_needs_baa_rejects_unknown_values_listing_the_allowed_ones(kwargs, name, allowed):
    """Does a wrong value raise ValueError that names the argument and every allowed value?"""
    with pytest.raises(ValueError) as err:
        hipaa.needs_baa(**kwargs)
    message = str(err.value)
    assert message.startswith(f"{name} must be one of")
    assert all(repr(a) in message for a in allowed)


# ------------------------------------------------------------------------------ breach_deadlines
D = dt.date


@pytest.mark.parametrize("discovered, affected, expected", [
    # 10 Mar + 60 days: 21 days to 31 Mar, 30 in April, 9 in May -> 9 May 2025.
    # 499 < 500: HHS in the log, 60 days after 31 Dec 2025 -> 1 Mar 2026 (2026 not a leap year).
    (D(2025, 3, 10), 499, {"individuals": D(2025, 5, 9), "hhs": D(2026, 3, 1), "media": None}),
    # exactly 500: HHS with the individuals (500 or more), no media (needs more than 500)
    (D(2025, 3, 10), 500, {"individuals": D(2025, 5, 9), "hhs": D(2025, 5, 9), "media": None}),
    # 501: all three within 60 days
    (D(2025, 3, 10), 501, {"individuals": D(2025, 5, 9), "hhs": D(2025, 5, 9), "media": D(2025, 5, 9)}),
    # log for a 2023 breach: 31 Dec 2023 + 60 days = 31 Jan (31) + 29 Feb (60) in leap 2024
    (D(2023, 12, 15), 100, {"individuals": D(2024, 2, 13), "hhs": D(2024, 2, 29), "media": None}),
    # discovered late in the year: individuals due the next year, the log is for the year of discovery
    # 20 Dec + 60: 11 days to 31 Dec, 31 in Jan, 18 in Feb -> 18 Feb 2026; log 1 Mar 2026
    (D(2025, 12, 20), 10, {"individuals": D(2026, 2, 18), "hhs": D(2026, 3, 1), "media": None}),
    # a single person: still a notice and a log entry
    (D(2025, 1, 1), 1, {"individuals": D(2025, 3, 2), "hhs": D(2026, 3, 1), "media": None}),
])
def test_covered_entity_deadlines(discovered, affected, expected):
    """Are the latest dates to individuals, HHS and the media right around the 500 thresholds?"""
    result = hipaa.breach_deadlines(discovered, affected)
    assert result == {**expected, "covered_entity": None}


@pytest.mark.parametrize("affected", [1, 499, 500, 501, 1_000_000])
def test_business_associate_owes_only_its_notice_to_the_covered_entity(affected):
    """Does a business associate get only the covered-entity deadline, 60 days (164.410(b))?"""
    result = hipaa.breach_deadlines(D(2025, 3, 10), affected, discovered_by="business_associate")
    assert result == {"individuals": None, "hhs": None, "media": None, "covered_entity": D(2025, 5, 9)}


def test_nobody_affected_means_no_notice():
    assert set(hipaa.breach_deadlines(D(2025, 3, 10), 0).values()) == {None}


def test_a_datetime_counts_as_its_calendar_day():
    assert hipaa.breach_deadlines(dt.datetime(2025, 3, 10, 23, 59), 1)["individuals"] == D(2025, 5, 9)


@pytest.mark.parametrize("discovered, affected, message", [
    (D(2025, 3, 10), -1, "affected must be zero or more people; got -1"),
    (D(2025, 3, 10), 2.5, "affected must be a whole number of people; got 2.5"),
    (D(2025, 3, 10), True, "affected must be a whole number of people; got True"),
    ("2025-03-10", 10, "discovered must be a datetime.date; got '2025-03-10'"),
])
def test_breach_deadlines_rejects_bad_input(discovered, affected, message):
    """Is a negative or non-whole count, or a date given as text, refused with a clear message?"""
    with pytest.raises(ValueError) as err:
        hipaa.breach_deadlines(discovered, affected)
    assert str(err.value) == message


def test_breach_deadlines_rejects_unknown_discoverer():
    with pytest.raises(ValueError, match="discovered_by must be one of 'covered_entity', 'business_associate'"):
        hipaa.breach_deadlines(D(2025, 3, 10), 10, discovered_by="vendor")


# ---------------------------------------------------------------------------------- penalty_tier
@pytest.mark.parametrize("culpability, tier", [
    ("did_not_know", 1), ("reasonable_cause", 2),
    ("willful_neglect_corrected", 3), ("willful_neglect_not_corrected", 4),
])
def test_penalty_tier(culpability, tier):
    """Does each culpability map to its tier in 42 U.S.C. 1320d-5(a)(1)?"""
    assert hipaa.penalty_tier(culpability) == tier


def test_penalty_tier_rejects_unknown_culpability():
    with pytest.raises(ValueError, match="culpability must be one of 'did_not_know'"):
        hipaa.penalty_tier("negligent")


# --------------------------------------------------------------------------------- penalty_range
@pytest.mark.parametrize("tier, minimum, maximum, cap", [
    (1, 100, 50_000, 25_000), (2, 1_000, 50_000, 100_000),
    (3, 10_000, 50_000, 250_000), (4, 50_000, 50_000, 1_500_000),
])
def test_statutory_amounts(tier, minimum, maximum, cap):
    """Are the on=None amounts the statute's, with HHS's 2019 tiered caps (84 FR 18151)?"""
    r = hipaa.penalty_range(tier)
    assert (r.minimum, r.maximum, r.annual_cap) == (minimum, maximum, cap)
    assert r.effective is None
    assert "1320d-5" in r.source


@pytest.mark.parametrize("tier, on, minimum, maximum, cap, effective", [
    # first day of the 2016 catch-up adjustment (81 FR 61537)
    (1, D(2016, 9, 6), 110, 55_010, 1_650_300, D(2016, 9, 6)),
    # 2022 schedule (effective 17 Mar 2022): the source of the "$1.9 million"
    (2, D(2022, 6, 1), 1_280, 63_973, 1_919_173, D(2022, 3, 17)),
    # the day before the 2024 adjustment still uses the 2023 schedule (88 FR 69531)
    (3, D(2024, 8, 7), 13_785, 68_928, 2_067_813, D(2023, 10, 6)),
    # tier 4 in the 102.3 table: the minimum is the old per-violation maximum, the top is the cap
    (4, D(2024, 8, 8), 71_162, 2_134_831, 2_134_831, D(2024, 8, 8)),
    # the 2025 adjustment took effect only on 28 Jan 2026
    (1, D(2026, 1, 27), 141, 71_162, 2_134_831, D(2024, 8, 8)),
    (1, D(2026, 11, 26), 145, 73_011, 2_190_294, D(2026, 1, 28)),
])
def test_adjusted_amounts_in_effect_on_a_date(tier, on, minimum, maximum, cap, effective):
    """Does on=<date> pick the latest adjustment in effect that day, with its amounts?"""
    r = hipaa.penalty_range(tier, on)
    assert (r.minimum, r.maximum, r.annual_cap, r.effective) == (minimum, maximum, cap, effective)
    assert "102.3" in r.source


def test_date_before_the_first_adjustment_is_refused():
    with pytest.raises(ValueError) as err:
        hipaa.penalty_range(1, D(2016, 9, 5))
    assert str(err.value) == ("no inflation adjustment in course data is in effect on 2016-09-05; the "
                              "earliest took effect on 2016-09-06. Use on=None for the statutory amounts.")


@pytest.mark.parametrize("tier", [0, 5, "1", True, 2.0])
def test_penalty_range_rejects_bad_tier(tier):
    with pytest.raises(ValueError, match="tier must be one of 1, 2, 3, 4"):
        hipaa.penalty_range(tier)


def test_the_seed_glossary_figures():
    """Where do "$100-$50,000 per violation, up to $1.9 million a year" come from?

    $100 and $50,000 are statutory (tier 1 minimum, maximum per violation); $1.9 million is the
    cap of the 2022 adjustment, not the statute's $1.5 million.
    """
    statutory = hipaa.penalty_range(1)
    assert (statutory.minimum, statutory.maximum) == (100, 50_000)
    assert hipaa.penalty_range(4).annual_cap == 1_500_000
    cap_2022 = hipaa.penalty_range(1, D(2022, 3, 17)).annual_cap
    assert round(cap_2022 / 1e6, 1) == 1.9
    assert hipaa.penalty_range(1, D(2022, 3, 16)).annual_cap < 1_850_000


def _round(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_each_adjustment_is_the_previous_amounts_times_its_multiplier():
    """Is every amount in course data the previous year's amount x the year's multiplier, rounded?

    An independent check of the transcribed tables: the 2016 catch-up multiplies the 2009
    regulation amounts (45 CFR 160.404(b)(2): minimums $100-$50,000, maximum $50,000, tier 4
    top $1,500,000, cap $1,500,000); each later year multiplies the year before.
    """
    facts = load_course().facts
    previous = {"min": [100, 1_000, 10_000, 50_000], "max": [50_000, 50_000, 50_000, 1_500_000],
                "cap": [1_500_000] * 4}
    for _, fact_id in hipaa.penalty_adjustments():
        value = facts[fact_id].value
        multiplier = Decimal(str(value["multiplier"]))
        for key in ("min", "max", "cap"):
            expected = [_round(Decimal(p) * multiplier) for p in previous[key]]
            assert list(value[key]) == expected, f"{fact_id} {key}"
        previous = {key: list(value[key]) for key in ("min", "max", "cap")}


def test_adjustments_are_dated_in_order_and_cover_each_year():
    days = [day for day, _ in hipaa.penalty_adjustments()]
    assert days == sorted(days) and len(set(days)) == len(days)
    assert days[0] == D(2016, 9, 6)
    assert len(days) == 10  # the 2016 catch-up and the 2017-2025 annual adjustments


def test_penalty_table_has_every_schedule_and_tier():
    frame = hipaa.penalty_table()
    assert len(frame) == 4 * (1 + len(hipaa.penalty_adjustments()))
    assert set(frame["tier"]) == {1, 2, 3, 4}
    assert (frame["minimum per violation"] <= frame["maximum per violation"]).all()
    adjusted = frame[frame["effective"].notna()]
    assert (adjusted["maximum per violation"] <= adjusted["calendar-year cap"]).all()


def test_statutory_tier_1_cap_is_below_its_per_violation_maximum():
    """Under the 2019 reading, can one tier 1 violation's maximum ($50,000) exceed the year's cap ($25,000)?

    Yes: the notice caps the calendar year at $25,000, so the cap is what binds.
    """
    r = hipaa.penalty_range(1)
    assert r.maximum > r.annual_cap


# ------------------------------------------------ review HIPAA-N5, N6, N10: hand-worked cases
def test_a_business_associate_that_is_the_agent_starts_the_covered_entitys_clock():
    """With the BA as the CE's agent (164.404(a)(2)), are the CE's notices due 60 days from the BA's discovery?

    Discovered 1 Mar 2026: 30 days to 31 Mar, 30 more to 30 Apr. 600 people in one state: individuals,
    HHS and media all by 30 Apr 2026, and the BA's own notice to the CE by the same day.
    """
    result = hipaa.breach_deadlines(D(2026, 3, 1), 600, discovered_by="business_associate", ba_is_agent=True)
    assert result == {"individuals": D(2026, 4, 30), "hhs": D(2026, 4, 30), "media": D(2026, 4, 30),
                      "covered_entity": D(2026, 4, 30)}


def test_an_agent_ba_under_500_puts_the_breach_in_the_covered_entitys_log():
    """100 people: the log for 2026 is due 60 days after 31 Dec 2026, 1 Mar 2027 (31 Jan + 28 Feb + 1)."""
    result = hipaa.breach_deadlines(D(2026, 3, 1), 100, discovered_by="business_associate", ba_is_agent=True)
    assert result == {"individuals": D(2026, 4, 30), "hhs": D(2027, 3, 1), "media": None,
                      "covered_entity": D(2026, 4, 30)}


def test_breach_note_names_the_agent_rule():
    assert "agent" in hipaa.breach_note("business_associate")
    assert "164.404(a)(2)" in hipaa.breach_note("covered_entity")
    with pytest.raises(ValueError, match="ba_is_agent must be one of True, False"):
        hipaa.breach_deadlines(D(2026, 3, 1), 1, discovered_by="business_associate", ba_is_agent="yes")


@pytest.mark.parametrize("works_for, handles, answer, document", [
    ("none", "limited_data_set", False, DUA),      # a university's own study: not a BA, but a DUA
    ("none", "phi", False, None),                  # own research with PHI: a Privacy Rule question, no BAA
    ("covered_entity", "limited_data_set", False, DUA),
])
def test_a_recipient_using_data_for_its_own_purposes_is_not_a_business_associate(works_for, handles,
                                                                                  answer, document):
    d = hipaa.needs_baa(works_for, handles, "own_purposes")
    assert (d.answer, d.document) == (answer, document)


@pytest.mark.parametrize("works_for, stores, answer, document", [
    ("covered_entity", False, False, None),   # a courier: the conduit exception holds
    ("covered_entity", True, True, BAA),      # keeps copies: not a conduit, a business associate
    ("business_associate", True, True, SUB),  # the same for a BA's vendor: a subcontractor BAA
])
def test_a_conduit_that_stores_data_is_not_a_conduit(works_for, stores, answer, document):
    d = hipaa.needs_baa(works_for, "phi", "conduit", stores_phi=stores)
    assert (d.answer, d.document) == (answer, document)
    if stores:
        assert "conduit exception does not apply" in d.reason


def test_stores_phi_must_be_a_bool():
    with pytest.raises(ValueError, match="stores_phi must be one of True, False"):
        hipaa.needs_baa("covered_entity", "phi", "conduit", stores_phi="yes")


@pytest.mark.parametrize("tier, discretion", [(1, 25_000), (2, 100_000), (3, 250_000), (4, None)])
def test_adjusted_schedule_shows_hhs_discretionary_cap_for_tiers_1_to_3(tier, discretion):
    """On 1 Mar 2026 (2025 adjustment, from 28 Jan 2026) the regulation cap is $2,190,294 for every tier;
    HHS's 2019 caps (unadjusted) are $25,000 / $100,000 / $250,000 for tiers 1-3, and tier 4 is not lowered."""
    r = hipaa.penalty_range(tier, D(2026, 3, 1))
    assert r.annual_cap == 2_190_294
    assert r.discretion_cap == discretion
    if discretion:
        assert f"\\${discretion:,}" in r._repr_markdown_()  # escaped: JupyterLab shows it as a dollar


def test_tier_4_maximum_is_flagged_and_only_tiers_1_2_get_the_30_day_defence():
    """The 102.3 table's tier 4 'maximum' ($2,190,294) is the cap; the statute's is $50,000. The 160.410(c)
    defence needs 'not due to willful neglect', so tiers 3 and 4 do not get it."""
    t4 = hipaa.penalty_range(4, D(2026, 3, 1))
    assert t4.maximum == 2_190_294 and "$50,000" in t4.note
    assert "160.410(c)" in hipaa.penalty_range(2, D(2026, 3, 1)).note
    assert "160.410(c)" not in hipaa.penalty_range(3, D(2026, 3, 1)).note
    assert "13412" in t4.note


@pytest.mark.parametrize("on, answer", [
    (D(2005, 4, 19), "none yet"),      # the day before the compliance date of 20 Apr 2005
    (D(2005, 4, 20), "2003 rule"),
    (D(2026, 11, 30), "2003 rule"),    # the January 2025 proposal is not a final rule
])
def test_security_rule_for_a_date(on, answer):
    d = hipaa.security_rule_for(on)
    assert d.answer == answer
    if answer == "2003 rule":
        assert "90 FR 898" in d.reason and "addressable" in d.reason
