"""NIST SP 800-171: the DoD Assessment Methodology score (the "SPRS score").

The DoD Assessment Methodology, Version 1.2.1 (24 June 2020), scores a system against the
110 requirements of NIST SP 800-171 Rev 2: start at 110 and, for every requirement not
implemented, subtract its value of 5, 3 or 1 points (Annex A). Two requirements allow a
smaller deduction (section 5(e)):

* 3.5.3 multi-factor authentication: 3 instead of 5 when MFA covers remote and privileged
  users but not general users;
* 3.13.11 FIPS-validated cryptography: 3 instead of 5 when encryption is used but the
  cryptographic module is not FIPS-validated.

Requirement 3.12.4, the system security plan, has no value: without a plan "an assessment
could not be completed" (section 5(g)(i)), so there is no score at all. With every other
requirement not met the score is 110 - 313 = -203, the lowest possible.

Point values are read from ``course_data/tables/nist_800_171_r2.csv`` (columns
``dod_points`` and ``dod_points_max``), never typed here.

The contract other modules rely on (the CMMC module reuses it):

* :func:`sprs_score` -> int
* :func:`deductions` -> DataFrame with columns ``id``, ``family``, ``points``
* :func:`requirements` -> DataFrame of the Rev 2 (or Rev 3) requirements
* :class:`AssessmentIncomplete` (a ValueError) when 3.12.4 is not met
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from ..data import table
from ..decision import Decision, require_choice, require_date
from ..errors import CourseError

__all__ = ["AssessmentIncomplete", "ALL_PARTIAL_VALUES", "FIPS_140_2_HISTORICAL", "assessment_clause", "max_score",
           "PARTIAL_VALUES", "RULING_POINTS", "RULING_VALUES", "SSP_ID", "SUMMARY_NOTE", "deductions",
           "fips_certificate_status", "minimum_score", "nist_reference", "requirements", "sprs_decision",
           "sprs_score"]

#: The citation every score carries.
CITATION = ("NIST SP 800-171 DoD Assessment Methodology, Version 1.2.1 (24 June 2020), "
            "section 5 and Annex A")
#: The publication learners are pointed to for the exact requirement text.
PUBLICATION = "NIST SP 800-171 Rev 2"
#: The course-written summaries (``course_data/tables/nist_800_171_r2_summaries.csv``).
SUMMARY_TABLE = "nist_800_171_r2_summaries"
#: How a summary is labelled wherever learners see one.
SUMMARY_NOTE = "summary; see NIST SP 800-171 Rev 2 for the exact text"
#: The requirement whose absence makes a system unscorable (the system security plan).
SSP_ID = "3.12.4"
#: Requirements that allow partial credit, and the one value that names the partial case.
PARTIAL_VALUES: dict[str, str] = {
    "3.5.3": "mfa_remote_and_privileged_only",
    "3.13.11": "encryption_not_fips_validated",
}
#: Section 5(i)(i): remote access (3.1.12), wireless (3.1.16) and mobile devices (3.1.18) cost
#: nothing when that access is not permitted, but "a point should be assessed" when no policy
#: prevents it being enabled inadvertently. The value names that case; it deducts RULING_POINTS.
RULING_VALUES: dict[str, str] = {
    "3.1.12": "not_permitted_no_policy",
    "3.1.16": "not_permitted_no_policy",
    "3.1.18": "not_permitted_no_policy",
}
RULING_POINTS = 1
#: Every reduced deduction the engine accepts in ``partial``.
ALL_PARTIAL_VALUES: dict[str, str] = {**PARTIAL_VALUES, **RULING_VALUES}


class AssessmentIncomplete(ValueError, CourseError):
    """3.12.4 (system security plan) is not met, so the methodology gives no score.

    DoD Assessment Methodology 5(g)(i): without a system security plan "an assessment could
    not be completed due to incomplete information and noncompliance with DFARS clause
    252.204-7012".
    """


def max_score() -> int:
    """The starting score: one point per Rev 2 requirement (110)."""
    return len(_rev2())


def _title_case(name: str) -> str:
    """Family names as NIST prints them ("Incident Response"); the CSV has one in lower case."""
    small = {"and", "of", "for"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in name.split())


@lru_cache(maxsize=1)
def _rev2() -> pd.DataFrame:
    """The Rev 2 table with integer full and partial deductions, in requirement order."""
    raw = table("nist_800_171_r2")
    frame = raw.sort_values("sort_as", kind="stable").reset_index(drop=True)
    points: list[int | None] = []
    partial_points: list[int | None] = []
    for value, maximum in zip(frame["dod_points"].astype(str), frame["dod_points_max"].astype(str)):
        if value == "NA":  # 3.12.4: no value, no score without it
            points.append(None)
            partial_points.append(None)
        elif " to " in value:  # "3 to 5": the lower number is the partial deduction
            low, high = (int(v) for v in value.split(" to "))
            if int(maximum) != high:
                raise ValueError(f"nist_800_171_r2.csv: dod_points {value!r} disagrees with "
                                 f"dod_points_max {maximum!r}")
            points.append(high)
            partial_points.append(low)
        else:
            points.append(int(value))
            partial_points.append(None)
    out = pd.DataFrame({
        "id": frame["id"],
        "family_id": frame["family_id"],
        "family": frame["family"].map(_title_case),
        "type": frame["type"],
        "points": pd.array(points, dtype="Int64"),
        "partial_points": pd.array(partial_points, dtype="Int64"),
        "points_note": frame["dod_points_comment"],
        "far_basic_safeguarding": frame["far_52_204_21_basic_safeguarding"].astype(int).astype(bool),
        "summary": _summaries(frame["id"]),
        "nist_text": frame["text"],
    })
    # The partial rule must match the table; a change in the CSV should fail loudly here.
    with_partial = set(out.loc[out["partial_points"].notna(), "id"])
    if with_partial != set(PARTIAL_VALUES):
        raise ValueError(f"nist_800_171_r2.csv: partial credit found for {sorted(with_partial)}, "
                         f"expected {sorted(PARTIAL_VALUES)}")
    return out


def _summaries(ids: pd.Series) -> list[str]:
    """The course's own one-line summary of each id, from ``nist_800_171_r2_summaries.csv``."""
    raw = table(SUMMARY_TABLE)
    if raw["id"].duplicated().any():
        raise ValueError(f"{SUMMARY_TABLE}.csv: duplicate id(s) "
                         f"{sorted(raw.loc[raw['id'].duplicated(), 'id'])}")
    summaries = dict(zip(raw["id"], raw["summary"].str.strip()))
    missing = [rid for rid in ids if not summaries.get(rid)]
    extra = sorted(set(summaries) - set(ids))
    if missing or extra:
        raise ValueError(f"{SUMMARY_TABLE}.csv must give one summary per Rev 2 id; "
                         f"missing {missing}, unknown {extra}")
    return [summaries[rid] for rid in ids]


def nist_reference(requirement_id: str) -> str:
    """Where the exact text of a Rev 2 requirement is: ``"NIST SP 800-171 Rev 2, 3.1.1"``."""
    return f"{PUBLICATION}, {requirement_id}"


def requirements(revision: int = 2) -> pd.DataFrame:
    """The NIST SP 800-171 requirements as a table, in requirement order.

    Revision 2: ``id``, ``family_id``, ``family``, ``type`` (Basic / Derived), ``points``
    (the full deduction; missing for 3.12.4), ``partial_points`` (3.5.3 and 3.13.11 only),
    ``points_note`` (the Annex A comment), ``far_basic_safeguarding`` (one of the 17 ids
    that carry the FAR 52.204-21 requirements), ``summary`` (the course's own short summary,
    to show learners) and ``nist_text`` (NIST's wording, kept for checking the summaries; show
    learners ``summary`` and point them to the publication for the exact text).

    Revision 3: ``id``, ``family_id``, ``family``, ``title`` of the 97 active requirements
    (withdrawn identifiers left out); Rev 3 has no DoD point values.
    """
    require_choice("revision", revision, [2, 3])
    if revision == 2:
        return _rev2().copy()
    rev3 = table("nist_800_171_r3")
    active = rev3[rev3["status"] == "active"]
    return active[["id", "family_id", "family", "title"]].reset_index(drop=True)


def _validate(not_met: Iterable[str], partial: Mapping[str, str] | None) -> tuple[set[str], dict[str, str]]:
    if isinstance(not_met, str):
        raise ValueError(f"not_met must be a collection of requirement ids such as ['3.1.1'], "
                         f"not the single string {not_met!r}")
    known = set(_rev2()["id"])
    missing = set(not_met)
    unknown = sorted(missing - known)
    if unknown:
        raise ValueError(f"not_met: unknown NIST SP 800-171 Rev 2 requirement id(s) {unknown}; "
                         f"ids look like '3.1.1' (families 3.1 to 3.14)")
    partial = dict(partial or {})
    for rid, value in partial.items():
        require_choice("partial requirement id", rid, list(ALL_PARTIAL_VALUES))
        require_choice(f"partial[{rid!r}]", value, [ALL_PARTIAL_VALUES[rid]])
    both = sorted(missing & set(partial))
    if both:
        raise ValueError(f"{both} is both in not_met and in partial; a requirement is either not met "
                         f"(full deduction) or partially met (reduced deduction), not both")
    if SSP_ID in missing:
        raise AssessmentIncomplete(
            "3.12.4 (system security plan) is not met: the DoD Assessment Methodology cannot score "
            "the system; an assessment could not be completed due to incomplete information and "
            "noncompliance with DFARS clause 252.204-7012 (Methodology 5(g)(i))")
    return missing, partial


def deductions(not_met: Iterable[str], partial: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per deduction (``id``, ``family``, ``points``), in requirement order.

    ``points`` is the positive number of points subtracted from 110: the full value for a
    requirement in ``not_met``, the reduced value for one in ``partial`` (3 for 3.5.3 and
    3.13.11, 1 for the 5(i)(i) ruling on 3.1.12, 3.1.16 and 3.1.18). The rules and errors are
    those of :func:`sprs_score`.
    """
    missing, partial = _validate(not_met, partial)
    reqs = _rev2()
    rows = []
    for rec in reqs.itertuples(index=False):
        if rec.id in missing:
            rows.append((rec.id, rec.family, int(rec.points)))
        elif rec.id in partial:
            reduced = RULING_POINTS if rec.id in RULING_VALUES else int(rec.partial_points)
            rows.append((rec.id, rec.family, reduced))
    return pd.DataFrame(rows, columns=["id", "family", "points"]).astype({"points": int})


def sprs_score(not_met: Iterable[str], partial: Mapping[str, str] | None = None) -> int:
    """The DoD Assessment Methodology score: 110 minus the value of every unmet requirement.

    ``not_met``: Rev 2 ids such as ``"3.1.1"``. ``partial``: ``{"3.5.3":
    "mfa_remote_and_privileged_only"}`` and/or ``{"3.13.11": "encryption_not_fips_validated"}``,
    each deducting 3 instead of 5, and ``{"3.1.12": "not_permitted_no_policy"}`` (also 3.1.16,
    3.1.18): the access is not permitted but no policy prevents enabling it, 1 point. Raises ValueError for an unknown id, an id in both, or any
    other partial value; raises :class:`AssessmentIncomplete` if ``"3.12.4"`` is not met.

    >>> sprs_score([])
    110
    >>> sprs_score(["3.1.1", "3.1.3"], partial={"3.5.3": "mfa_remote_and_privileged_only"})
    101
    """
    return max_score() - int(deductions(not_met, partial)["points"].sum())


def minimum_score() -> int:
    """The lowest score the methodology can give: every scorable requirement not met (-203)."""
    reqs = _rev2()
    return sprs_score(reqs.loc[reqs["id"] != SSP_ID, "id"])


def sprs_decision(not_met: Iterable[str] = (), partial: Mapping[str, str] | None = None,
                  has_ssp: bool = True) -> Decision:
    """The score as a :class:`Decision` (for scenarios): answer is the score, or "No score".

    ``has_ssp=False`` is the same as putting 3.12.4 in ``not_met``: the answer is then the
    string ``"No score"`` because the methodology cannot complete the assessment.
    """
    not_met = list(not_met)
    if not has_ssp and SSP_ID not in not_met:
        not_met.append(SSP_ID)
    try:
        table_ = deductions(not_met, partial)
    except AssessmentIncomplete as exc:
        return Decision(answer="No score", reason=str(exc),
                        citation="NIST SP 800-171 DoD Assessment Methodology v1.2.1, 5(g)(i)")
    score = max_score() - int(table_["points"].sum())
    if table_.empty:
        reason = f"Every requirement is implemented, so nothing is subtracted from the starting {max_score()}."
    else:
        parts = " + ".join(f"{r.points} ({r.id})" for r in table_.itertuples(index=False))
        reason = f"{max_score()} - ({parts}) = {max_score()} - {int(table_['points'].sum())} = {score}."
    return Decision(answer=score, reason=reason, citation=CITATION, score=score)


# --------------------------------------------------------------------------------------------
# FIPS 140 certificates for 3.13.11, by date
# --------------------------------------------------------------------------------------------
#: The course fact dating the end of FIPS 140-2 acceptance: ``value`` the last day CMVP accepts FIPS 140-2
#: modules (21 Sep 2026), ``effective`` the first day they count as Historical (22 Sep 2026).
FIPS_140_2_HISTORICAL = "nist171-fips-140-2-historical"
FIPS_STANDARDS = ("140-2", "140-3")


def fips_certificate_status(standard: str, on) -> Decision:
    """What an active FIPS 140 certificate of ``standard`` means for 3.13.11 on the date ``on``.

    FIPS 140-3 certificates are the current ones. NIST's CMVP accepts FIPS 140-2 modules through the
    date in course fact ``nist171-fips-140-2-historical`` (its ``value``, 21 Sep 2026) and places them
    on the Historical list after it (its ``effective`` date, 22 Sep 2026): from then agencies may use
    them for existing applications only, so a new system needs a FIPS 140-3 module. The DoD
    Assessment Methodology (2020) predates this and still speaks of FIPS 140-2 validation.
    """
    import datetime as dt

    from ..data import load_course

    require_choice("standard", standard, FIPS_STANDARDS)
    if isinstance(on, dt.datetime):
        on = on.date()
    if not isinstance(on, dt.date):
        raise ValueError(f"on must be a datetime.date; got {on!r}")
    fact = load_course().facts[FIPS_140_2_HISTORICAL]
    cutoff = fact.effective
    last_day = require_date(f"fact {FIPS_140_2_HISTORICAL}", fact.value)
    citation = f"{fact.source}; DoD Assessment Methodology v1.2.1, Annex A (3.13.11)"
    if standard == "140-3":
        return Decision("active", "FIPS 140-3 is the current standard: a module with an active FIPS 140-3 "
                        "certificate is FIPS-validated for 3.13.11 (check the certificate on the CMVP list).",
                        citation)
    if on < cutoff:
        return Decision("active", f"On {on.isoformat()} FIPS 140-2 modules were still accepted (CMVP accepts "
                        f"them through {last_day.isoformat()}): a module with an active certificate counts as "
                        "FIPS-validated for 3.13.11. Plan the move to FIPS 140-3 for new systems.", citation)
    return Decision("historical", f"On {on.isoformat()} every FIPS 140-2 module is on the CMVP Historical "
                    f"list (CMVP accepted them through {last_day.isoformat()}; Historical from "
                    f"{cutoff.isoformat()}): agencies may keep using them for existing applications only, so "
                    "a new system should use a FIPS 140-3 module; an existing deployment needs a documented "
                    "risk decision and a migration plan.", citation)


# --------------------------------------------------------------------------------------------
# Which assessment clause a solicitation carries, by date (RFO class deviations of 2026)
# --------------------------------------------------------------------------------------------
#: The course fact dating the DFARS "Revolutionary FAR Overhaul" class deviations.
RFO_FACT = "nist171-rfo-2026"
CLAUSE_7020 = "252.204-7020"
CLAUSE_7997 = "252.240-7997"


def assessment_clause(solicitation_issued, uses_rfo_deviation: bool | None = None) -> Decision:
    """The NIST SP 800-171 assessment clause of a DoD solicitation issued on ``solicitation_issued``.

    Before the RFO deviations took effect (course fact ``nist171-rfo-2026``, 1 Feb 2026) every
    solicitation used DFARS 252.204-7020. From that date a solicitation issued under class deviation
    2026-O0025 (new DFARS Part 240) carries 252.240-7997 instead; one that does not still carries
    7020. ``uses_rfo_deviation=None`` (not known) gives the answer "read the solicitation".
    """
    import datetime as dt

    from ..data import load_course

    if isinstance(solicitation_issued, dt.datetime):
        solicitation_issued = solicitation_issued.date()
    if not isinstance(solicitation_issued, dt.date):
        raise ValueError(f"solicitation_issued must be a datetime.date; got {solicitation_issued!r}")
    if uses_rfo_deviation not in (True, False, None):
        raise ValueError(f"uses_rfo_deviation must be one of True, False, None; got {uses_rfo_deviation!r}")
    fact = load_course().facts[RFO_FACT]
    start = fact.effective
    day = solicitation_issued.isoformat()
    citation = f"DFARS 252.204-7020; {fact.source}"
    if solicitation_issued < start:
        return Decision(CLAUSE_7020, f"Issued {day}, before the RFO class deviations took effect on "
                        f"{start.isoformat()}: the solicitation uses DFARS {CLAUSE_7020}, which defines the "
                        "Basic, Medium and High assessments.", citation)
    if uses_rfo_deviation is None:
        return Decision("read the solicitation", f"Issued {day}, on or after {start.isoformat()}: a solicitation "
                        f"under class deviation 2026-O0025 carries {CLAUSE_7997}, any other still carries "
                        f"{CLAUSE_7020}. Only the solicitation says which.", citation)
    if uses_rfo_deviation:
        return Decision(CLAUSE_7997, f"Issued {day} under class deviation 2026-O0025 (in effect from "
                        f"{start.isoformat()}): it carries {CLAUSE_7997} in place of {CLAUSE_7020}. By "
                        "secondary reports that clause no longer defines a Basic assessment; read its text.",
                        citation)
    return Decision(CLAUSE_7020, f"Issued {day} without the RFO deviation: it still carries DFARS {CLAUSE_7020}.",
                    citation)
