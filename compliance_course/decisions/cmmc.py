"""CMMC: which level a contract calls for, the phase-in, scoping and the conditional Level 2 status.

The rules come from the CMMC Program rule, 32 CFR Part 170:

* 170.14: Level 1 is the 15 requirements of FAR 52.204-21 (17 NIST SP 800-171 Rev 2 ids),
  Level 2 the 110 requirements of SP 800-171 Rev 2, Level 3 a selection from SP 800-172;
* 170.15-170.18: who assesses each level and how often;
* 170.3(e): the four phases of the rollout, and DoD's suspension of Phase 2 and every later
  milestone from 13 July 2026 (the Department of War's announcement and the DoD CIO CMMC page; the
  statuses a solicitation may name meanwhile only as secondary reports of the memorandum say; the
  regulation text is unchanged), so that an engine given a date applies the rule in force on it;
* 170.19: scoping, the five asset categories;
* 170.21: when a plan of action and milestones (POA&M) may leave requirements open.

Dates, counts, thresholds and the excluded requirements are read from
``course_data/facts/cmmc.yaml`` and the Level 1 ids from the FAR column of
``course_data/tables/nist_800_171_r2.csv``; the SPRS score comes from
:mod:`compliance_course.decisions.nist171`, never from a second copy of the point values.

The contract other work relies on:

* :func:`required_level` -> Decision (answer 0-3, ``assessment`` who assesses and how often)
* :func:`level2_conditional` -> Decision (answer bool, ``score``, reason naming every failed rule)
* :func:`phase` -> int (0 before the first phase, then 1-4; the phase whose requirements apply,
  the suspension included), :func:`scheduled_phase` -> int (the regulation's schedule alone),
  :func:`phase_status` -> Decision (the phase with the rule that decided it)
* :func:`closeout_deadline` -> date (the Conditional status date + 180 days)
* :func:`level1_requirements` -> list of the 17 SP 800-171 Rev 2 ids
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..data import load_course, table
from ..decision import Decision, require_choice, require_date

__all__ = ["ASSET_HANDLING", "INFORMATION", "STATUSES", "SUSPENSION", "SUSPENSION_STATUSES", "asset_category",
           "closeout_deadline", "excluded_requirements", "level1_requirements", "level2_conditional", "levels",
           "phase", "phase_starts", "phase_status", "required_level", "scheduled_phase",
           "solicitation_can_require", "suspension_in_force"]

#: What a contract lets the contractor handle: nothing sensitive, FCI, or CUI.
INFORMATION = ("none", "fci", "cui")
#: The CMMC statuses a solicitation can name (32 CFR 170.4 and 170.3(e)).
STATUSES = ("Level 1 (Self)", "Level 2 (Self)", "Level 2 (C3PAO)", "Level 3 (DIBCAC)")
#: How an asset relates to CUI, for scoping (32 CFR 170.19(c)).
ASSET_HANDLING = ("processes_cui", "can_but_not_intended", "cannot")

#: For each status: the first phase in which DoD *may* require it at its discretion, and the first
#: phase in which DoD *intends* to require it in applicable solicitations (32 CFR 170.3(e)(1)-(4)).
_PHASE_RULES: dict[str, tuple[int, int]] = {
    "Level 1 (Self)": (1, 1),
    "Level 2 (Self)": (1, 1),
    "Level 2 (C3PAO)": (1, 2),
    "Level 3 (DIBCAC)": (2, 3),
}

_PROGRAM = "32 CFR Part 170"


def _fact(fact_id: str) -> Any:
    """The value of a CMMC fact in course_data (KeyError naming the id if it is missing)."""
    facts = load_course().facts
    if fact_id not in facts:
        raise KeyError(f"course_data/facts/cmmc.yaml has no fact {fact_id!r}")
    return facts[fact_id].value


def _source(fact_id: str) -> str:
    return load_course().facts[fact_id].source


# --- phases ---------------------------------------------------------------------------------
#: The fact that records DoD's suspension of Phase 2 and every later milestone (13 July 2026).
SUSPENSION = "cmmc-phase-2-suspended"
#: The fact listing the statuses a solicitation may name while the suspension lasts (as reported).
SUSPENSION_STATUSES = "cmmc-suspension-statuses"
_SUSPENSION_CITATION = ('Department of War announcement of 13 Jul 2026 and memorandum "Implementing Suspension of '
                        'CMMC Phase II" (statuses as reported)')


def phase_starts() -> dict[int, dt.date]:
    """The start date the regulation gives each phase, 1-4, from course_data (32 CFR 170.3(e))."""
    return {n: require_date(f"fact cmmc-phase-{n}", _fact(f"cmmc-phase-{n}")) for n in range(1, 5)}


def scheduled_phase(on: dt.date | str) -> int:
    """The phase 32 CFR 170.3(e) places a date in: 0 before Phase 1 starts, then 1 to 4.

    This is the regulation's schedule alone; :func:`phase` applies the suspension on top of it.

    >>> scheduled_phase(dt.date(2026, 11, 26))
    2
    """
    day = require_date("on", on)
    current = 0
    for number, start in sorted(phase_starts().items()):
        if day >= start:
            current = number
    return current


def suspension_in_force(on: dt.date | str) -> bool:
    """Whether DoD's suspension of Phase 2 and later milestones applies on a date (from 2026-07-13)."""
    day = require_date("on", on)
    return load_course().facts[SUSPENSION].applies_on(day)


def _suspension_start() -> dt.date:
    start = load_course().facts[SUSPENSION].effective
    if start is None:
        raise KeyError(f"course_data/facts/cmmc.yaml: fact {SUSPENSION!r}: effective: missing")
    return start


def phase(on: dt.date | str) -> int:
    """The phase whose requirements apply on a date: 0 before Phase 1 starts, then 1 to 4.

    Before DoD's suspension (13 July 2026) this is the regulation's phase (:func:`scheduled_phase`).
    While the suspension is in force, no later milestone starts: the phase stays the one in force
    when the suspension began (Phase 1), whatever 32 CFR 170.3(e) schedules for the date.

    >>> phase(dt.date(2026, 11, 26))
    1
    """
    day = require_date("on", on)
    scheduled = scheduled_phase(day)
    if suspension_in_force(day):
        return min(scheduled, scheduled_phase(_suspension_start()))
    return scheduled


def _rule_applied(day: dt.date) -> str:
    """One sentence: which rule decides the phase on ``day``, and why."""
    scheduled = scheduled_phase(day)
    if not suspension_in_force(day):
        if scheduled == 0:
            return (f"Solicitation dated {day.isoformat()}: no phase has started; CMMC enters DoD "
                    f"solicitations only from Phase 1, which starts on {phase_starts()[1].isoformat()} "
                    "(the DFARS rule's effective date).")
        text = f"Solicitation dated {day.isoformat()}: 32 CFR 170.3(e) places it in Phase {scheduled}"
        if day < _suspension_start():
            return text + (f"; DoD's suspension of Phase 2 and later milestones applies only from "
                           f"{_suspension_start().isoformat()}.")
        return text + "."
    start = _suspension_start().isoformat()
    current = phase(day)
    text = (f"Solicitation dated {day.isoformat()}: CMMC Phase 2 and all later milestones have been "
            f"suspended since {start} (DoD memorandum); Phase {current} requirements apply")
    if scheduled > current:
        return text + f"; 32 CFR 170.3(e) would otherwise place this date in Phase {scheduled}."
    return text + f", as 32 CFR 170.3(e) schedules for this date."


def _citation(day: dt.date) -> str:
    scheduled = scheduled_phase(day)
    regulation = f"32 CFR 170.3(e)({scheduled})" if scheduled else "32 CFR 170.3(e)"
    if suspension_in_force(day):
        current = phase(day)
        if current != scheduled:
            regulation = f"32 CFR 170.3(e)({current}) and ({scheduled})"
        return f"{_SUSPENSION_CITATION}; {regulation}"
    return regulation


def phase_status(on: dt.date | str) -> Decision:
    """The phase whose requirements apply on a date, with the rule that decided it.

    ``.answer`` is :func:`phase`; ``.reason`` says whether the regulation's schedule or DoD's
    suspension applied and, under the suspension, which phase the regulation would otherwise give;
    ``.citation`` names both sources when the suspension applies.
    """
    day = require_date("on", on)
    return Decision(answer=phase(day), reason=_rule_applied(day), citation=_citation(day))


def solicitation_can_require(status: str, on: dt.date | str) -> Decision:
    """Whether a DoD solicitation issued on ``on`` can require a CMMC ``status``.

    ``status`` is one of :data:`STATUSES`. Before DoD's suspension (13 July 2026) the answer
    follows 32 CFR 170.3(e): True when the phase in force allows the status, either as what DoD
    intends to require or at DoD's discretion. While the suspension is in force, Phase 1
    requirements apply and, as reported, a solicitation may name only the statuses course fact
    ``cmmc-suspension-statuses`` lists (Level 1 (Self), Level 2 (Self)). The reason says which rule
    applied and why.
    """
    require_choice("status", status, STATUSES)
    day = require_date("on", on)
    current = phase(day)
    starts = phase_starts()
    may_from, intended_from = _PHASE_RULES[status]
    citation = _citation(day)
    if current == 0:
        return Decision(answer=False, reason=_rule_applied(day), citation=citation)
    if suspension_in_force(day):
        allowed = [str(s) for s in _fact(SUSPENSION_STATUSES)]
        lead = _rule_applied(day)
        if status in allowed:
            return Decision(answer=True, citation=citation, reason=(
                f"{lead} DoD intends to require {status} in applicable solicitations in Phase "
                f"{intended_from}, and the suspension keeps it."))
        if current >= may_from:
            return Decision(answer=False, citation=citation, reason=(
                f"{lead} The regulation lets DoD ask for {status} at its discretion in Phase {current}, "
                f"but, as reported, while the suspension lasts a solicitation may name only "
                f"{' or '.join(allowed)}. These reports are secondary: read the solicitation."))
        return Decision(answer=False, citation=citation, reason=(
            f"{lead} {status} can be required only from Phase {may_from}, which is suspended."))
    lead = _rule_applied(day)
    if current >= intended_from:
        reason = (f"{lead} From Phase {intended_from} (starting {starts[intended_from].isoformat()}) "
                  f"DoD intends to require {status} in applicable solicitations.")
        return Decision(answer=True, reason=reason, citation=citation)
    if current >= may_from:
        reason = (f"{lead} DoD may require {status} at its discretion now, and intends to require it "
                  f"from Phase {intended_from} (scheduled for {starts[intended_from].isoformat()}).")
        return Decision(answer=True, reason=reason, citation=citation)
    reason = (f"{lead} {status} can be required only from Phase {may_from} (scheduled for "
              f"{starts[may_from].isoformat()}).")
    return Decision(answer=False, reason=reason, citation=citation)


# --- levels -----------------------------------------------------------------------------------
def levels() -> list[dict[str, Any]]:
    """One row per level: requirements, what they are, who assesses, how often, and sources."""
    return [
        {"level": 1, "requirements": int(_fact("cmmc-l1-requirements")),
         "basis": f"FAR 52.204-21 ({_fact('cmmc-l1-sp171-ids')} SP 800-171 Rev 2 ids)",
         "assessor": str(_fact("cmmc-l1-assessor")), "every_years": int(_fact("cmmc-l1-frequency")),
         "source": f"{_source('cmmc-l1-requirements')}; {_source('cmmc-l1-frequency')}"},
        {"level": 2, "requirements": int(_fact("cmmc-l2-requirements")),
         "basis": "NIST SP 800-171 Rev 2",
         "assessor": str(_fact("cmmc-l2-assessor")), "every_years": int(_fact("cmmc-l2-frequency")),
         "source": f"{_source('cmmc-l2-requirements')}; {_source('cmmc-l2-frequency')}"},
        {"level": 3, "requirements": int(_fact("cmmc-l3-requirements")),
         "basis": "selected from NIST SP 800-172, after a Final Level 2 (C3PAO) status",
         "assessor": str(_fact("cmmc-l3-assessor")), "every_years": int(_fact("cmmc-l3-frequency")),
         "source": f"{_source('cmmc-l3-requirements')}; {_source('cmmc-l3-frequency')}"},
    ]


def _years(n: int) -> str:
    return "every year" if n == 1 else f"every {n} years"


def required_level(information: str, *, high_priority_program: bool = False) -> Decision:
    """The CMMC level a DoD contract calls for, from the information the contractor will handle.

    ``information``: "none" (only public or simple transactional information), "fci" (federal
    contract information) or "cui" (controlled unclassified information).
    ``high_priority_program``: the CUI belongs to one of DoD's highest-priority programs, for
    which the solicitation may name Level 3. It changes nothing without CUI.

    ``.answer`` is 0 (no CMMC level), 1, 2 or 3; ``.assessment`` says who assesses and how often.
    """
    require_choice("information", information, INFORMATION)
    require_choice("high_priority_program", high_priority_program, [False, True])
    rows = {row["level"]: row for row in levels()}
    affirm = "plus an annual affirmation in SPRS by a senior official"
    if information == "none":
        return Decision(
            answer=0,
            reason=("Without FCI or CUI there is nothing for CMMC to protect: the requirement applies "
                    "to contractors whose systems process, store or transmit FCI or CUI."),
            citation="32 CFR 170.3(a); 32 CFR 170.19(b)",
            assessment="No CMMC assessment.")
    if information == "fci":
        note = (" A high-priority program does not raise the level while only FCI is handled."
                if high_priority_program else "")
        l1 = rows[1]
        return Decision(
            answer=1,
            reason=(f"FCI alone calls for Level 1: the {l1['requirements']} basic safeguarding "
                    f"requirements of FAR 52.204-21. No POA&M is allowed at Level 1.{note}"),
            citation="32 CFR 170.14(c)(2); 32 CFR 170.15; 32 CFR 170.21(a)(1)",
            assessment=f"Self-assessment by the contractor {_years(l1['every_years'])}, {affirm}.")
    l2 = rows[2]
    if not high_priority_program:
        return Decision(
            answer=2,
            reason=(f"CUI calls for Level 2: the {l2['requirements']} requirements of NIST SP 800-171 "
                    "Rev 2. The solicitation says whether a self-assessment is enough or a C3PAO "
                    "certification assessment is needed."),
            citation="32 CFR 170.14(c)(3); 32 CFR 170.16; 32 CFR 170.17",
            assessment=(f"Level 2 (Self) or Level 2 (C3PAO) as the solicitation says, "
                        f"{_years(l2['every_years'])}, {affirm}."))
    l3 = rows[3]
    return Decision(
        answer=3,
        reason=(f"CUI in a high-priority program can call for Level 3: {l3['requirements']} "
                "requirements selected from NIST SP 800-172, on top of a Final Level 2 (C3PAO) "
                "status whose scope includes the Level 3 scope."),
        citation="32 CFR 170.14(c)(4); 32 CFR 170.18",
        assessment=(f"Final Level 2 (C3PAO) first, then a DCMA DIBCAC assessment "
                    f"{_years(l3['every_years'])}, {affirm}."))


def level1_requirements() -> list[str]:
    """The 17 NIST SP 800-171 Rev 2 ids that carry the 15 FAR 52.204-21 requirements, in order.

    Read from the FAR flag column of ``nist_800_171_r2.csv`` (DoD Assessment Methodology Annex A).
    """
    frame = table("nist_800_171_r2").sort_values("sort_as", kind="stable")
    return frame.loc[frame["far_52_204_21_basic_safeguarding"] == 1, "id"].tolist()


# --- POA&M and conditional status -----------------------------------------------------------------
def excluded_requirements() -> list[str]:
    """The six requirements that may never be on a Level 2 POA&M (32 CFR 170.21(a)(2)(iii))."""
    return [part.strip() for part in str(_fact("cmmc-poam-excluded")).split(",")]


def closeout_deadline(conditional_status_date: dt.date | str) -> dt.date:
    """The last day to close the POA&M: the Conditional status date plus 180 days (170.21(b))."""
    start = require_date("conditional_status_date", conditional_status_date)
    return start + dt.timedelta(days=int(_fact("cmmc-closeout-days")))


def level2_conditional(not_met: Iterable[str], partial: Mapping[str, str] | None = None) -> Decision:
    """Whether a Conditional Level 2 status is possible with these requirements left on a POA&M.

    Takes the same inputs as :func:`compliance_course.decisions.nist171.sprs_score`:
    ``not_met`` (Rev 2 ids) and ``partial`` (``{"3.5.3": "mfa_remote_and_privileged_only"}``
    and/or ``{"3.13.11": "encryption_not_fips_validated"}``). Every requirement not met or only
    partly met is on the POA&M. 32 CFR 170.21(a)(2) allows the status only if

    1. the score divided by the 110 Level 2 requirements is at least 0.8 (a score of 88);
    2. no POA&M item is worth more than 1 point, except 3.13.11 when encryption is used but not
       FIPS-validated (3 points);
    3. none of the six excluded requirements is on the POA&M.

    ``.answer`` is True when all three hold (with nothing open the result is a Final status);
    ``.score`` is the SPRS score; ``.reason`` names every rule that fails. If 3.12.4 (the system
    security plan) is not met there is no score at all: the answer is False and ``.score`` None.
    Unknown ids or partial values raise ValueError, as in ``sprs_score``.
    """
    from . import nist171  # the scoring lives in the 800-171 module; import late to keep it optional

    if isinstance(not_met, str):
        nist171.deductions(not_met, partial)  # raises the 800-171 module's own message
    not_met = list(not_met)
    partial = dict(partial or {})
    total = int(_fact("cmmc-l2-requirements"))
    ratio = float(_fact("cmmc-conditional-min-ratio"))
    max_points = int(_fact("cmmc-poam-max-points"))
    fips_id = str(_fact("cmmc-poam-fips-exception"))
    excluded = excluded_requirements()
    citation = "32 CFR 170.21(a)(2); scoring per 32 CFR 170.24 (DoD Assessment Methodology values)"

    failures: list[str] = []
    excluded_open = [rid for rid in excluded if rid in set(not_met) | set(partial)]
    try:
        table_ = nist171.deductions(not_met, partial)
    except nist171.AssessmentIncomplete:
        failures.append(f"{nist171.SSP_ID} (system security plan) is not met, so there is no score "
                        "to compare with the threshold")
        if excluded_open:
            failures.append(f"excluded requirement(s) on the POA&M: {', '.join(excluded_open)}")
        return Decision(answer=False, reason=_conditional_reason(failures, None, total, ratio),
                        citation=citation, score=None)
    score = total - int(table_["points"].sum())
    if score / total < ratio:
        failures.append(f"the score {score} is below {ratio:g} x {total} = {ratio * total:g}")
    too_heavy = [f"{r.id} ({r.points} points)" for r in table_.itertuples(index=False)
                 if r.points > max_points
                 and not (r.id == fips_id and partial.get(fips_id) == nist171.PARTIAL_VALUES[fips_id])]
    if too_heavy:
        failures.append(f"POA&M item(s) worth more than {max_points} point: {', '.join(too_heavy)}")
    if excluded_open:
        failures.append(f"excluded requirement(s) on the POA&M: {', '.join(excluded_open)}")
    return Decision(answer=not failures,
                    reason=_conditional_reason(failures, score, total, ratio, open_items=list(table_["id"])),
                    citation=citation, score=score)


def _conditional_reason(failures: list[str], score: int | None, total: int, ratio: float,
                        open_items: list[str] | None = None) -> str:
    if failures:
        rules = "; ".join(f"({i}) {text}" for i, text in enumerate(failures, 1))
        return f"No Conditional Level 2 status: {rules}."
    if not open_items:
        return (f"Every requirement is met (score {score} of {total}): the assessment gives a Final "
                "Level 2 status, no POA&M is needed.")
    return (f"All three rules hold: the score {score} is at least {ratio:g} x {total} = {ratio * total:g}, every POA&M "
            f"item ({', '.join(open_items)}) is allowed and none is excluded. The POA&M must be closed "
            f"out within {_fact('cmmc-closeout-days')} days of the Conditional status date.")


# --- scoping -----------------------------------------------------------------------------------------
def asset_category(handles_cui: str, *, security_function: bool = False,
                   specialized: bool = False) -> Decision:
    """The Level 2 asset category of one asset (32 CFR 170.19(c)), with how it is assessed.

    ``handles_cui``: "processes_cui" (processes, stores or transmits CUI),
    "can_but_not_intended" (could, but policy and practice keep CUI off it) or "cannot".
    ``security_function``: it provides security for the assessment scope (firewall, identity
    provider, log server, endpoint protection console...).
    ``specialized``: IoT or industrial IoT, operational technology, Government-furnished
    equipment, a restricted information system or test equipment.

    ``.answer`` is one of "CUI Asset", "Security Protection Asset", "Contractor Risk Managed
    Asset", "Specialized Asset" or "Out-of-Scope Asset"; ``.assessment`` says what happens to it.
    """
    require_choice("handles_cui", handles_cui, ASSET_HANDLING)
    require_choice("security_function", security_function, [False, True])
    require_choice("specialized", specialized, [False, True])
    facts = load_course().facts

    def result(fact_id: str, reason: str, assessment: str) -> Decision:
        return Decision(answer=facts[fact_id].value, reason=reason, citation=facts[fact_id].source,
                        assessment=assessment)

    if specialized and handles_cui != "cannot":
        return result("cmmc-scope-specialized",
                      "It can handle CUI but is a kind of device that cannot be fully secured "
                      "(IoT, OT, Government-furnished, restricted or test equipment).",
                      "Listed in the asset inventory, SSP and network diagram; managed by the "
                      "contractor's risk-based policies; not assessed against the other requirements.")
    if handles_cui == "processes_cui":
        return result("cmmc-scope-cui-asset", "It processes, stores or transmits CUI.",
                      "Assessed against every Level 2 requirement.")
    if security_function:
        return result("cmmc-scope-spa",
                      "It does not handle CUI itself but provides security functions to the scope.",
                      "Assessed against the Level 2 requirements relevant to the function it provides.")
    if handles_cui == "can_but_not_intended":
        return result("cmmc-scope-crma",
                      "It could handle CUI, but policies, procedures and practices keep CUI off it.",
                      "Documented in the SSP; the assessor reviews that and may do a limited check.")
    return result("cmmc-scope-out",
                  "It cannot handle CUI and gives no security protection to CUI Assets.",
                  "Not assessed; it must be physically or logically separated from CUI Assets.")
