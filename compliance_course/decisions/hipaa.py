"""HIPAA decisions: does a vendor need a BAA, when are breach notices due, which penalty tier and range.

Pure functions. Wrong input raises ValueError naming the allowed values. Penalty amounts are
not typed here: they are read from ``course_data/facts/hipaa.yaml`` (facts tagged
``penalty-statutory`` and ``penalty-adjustment``), so a new year's inflation adjustment is a
content change, not a code change.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..data import load_course
from ..decision import Decision, require_choice
from ..no_math import escape_dollars, no_math_markdown

__all__ = ["CULPABILITY", "HANDLES", "ROLES", "WORKS_FOR", "PenaltyRange", "breach_deadlines",
           "breach_note", "needs_baa", "penalty_adjustments", "penalty_range", "penalty_table",
           "penalty_tier", "security_rule_for"]

WORKS_FOR = ("covered_entity", "business_associate", "individual", "none")
HANDLES = ("phi", "encrypted_phi_without_key", "deidentified", "limited_data_set", "none")
ROLES = ("service_on_behalf", "conduit", "treating_provider", "workforce", "incidental_access",
         "own_purposes")
CULPABILITY = ("did_not_know", "reasonable_cause", "willful_neglect_corrected",
               "willful_neglect_not_corrected")
DISCOVERED_BY = ("covered_entity", "business_associate")

BAA = "business associate agreement"
SUBCONTRACTOR_BAA = "subcontractor business associate agreement"
DUA = "data use agreement"


# --------------------------------------------------------------------------------------------
# Business associate agreements
# --------------------------------------------------------------------------------------------
def needs_baa(works_for: str, handles: str, role: str, *, stores_phi: bool = False) -> Decision:
    """Does a vendor need a business associate agreement?

    ``works_for``: on whose behalf the vendor acts ("covered_entity", "business_associate",
    "individual" when the patient chose the product for themself, or "none").
    ``handles``: what it gets ("phi", "encrypted_phi_without_key", "deidentified",
    "limited_data_set", "none"). ``role``: "service_on_behalf", "conduit", "treating_provider",
    "workforce", "incidental_access" or "own_purposes" (a recipient using the data for its own work,
    such as a researcher's own study, not on anyone's behalf). ``stores_phi``: the vendor keeps the
    data beyond transient copies; a "conduit" that stores data is not a conduit.

    ``answer`` is True when a BAA is required; ``document`` names the paper needed (a BAA, a
    subcontractor BAA, a data use agreement for a limited data set) or None.
    """
    require_choice("works_for", works_for, WORKS_FOR)
    require_choice("handles", handles, HANDLES)
    require_choice("role", role, ROLES)
    if not isinstance(stores_phi, bool):
        raise ValueError(f"stores_phi must be one of True, False; got {stores_phi!r}")

    # The order matters: each rule below only applies if none of those above settled the case.
    if handles == "none":
        return Decision(False, "The vendor receives no protected health information, so it is not a "
                        "business associate and no agreement is needed.",
                        "45 CFR 160.103 (definition of business associate)")
    if handles == "deidentified":
        return Decision(False, "De-identified data is not PHI, so a vendor that receives only "
                        "de-identified data is not a business associate. (A vendor paid to de-identify "
                        "PHI would be one.)", "45 CFR 164.514(a)-(b); 45 CFR 160.103")
    if role == "own_purposes":
        if handles == "limited_data_set":
            return Decision(False, "The recipient uses the data for its own work, not on behalf of the "
                            "covered entity, so it is not a business associate. A limited data set may be "
                            "disclosed for research, public health or health care operations under a data "
                            "use agreement, which is mandatory.", "45 CFR 160.103; 45 CFR 164.514(e)(3)-(4)",
                            document=DUA)
        return Decision(False, "The recipient uses the data for its own work, not on behalf of the covered "
                        "entity, so it is not a business associate. Whether the disclosure itself is "
                        "permitted is a Privacy Rule question (for research: an authorization, a waiver, "
                        "or a limited data set under a data use agreement).",
                        "45 CFR 160.103 (definition of business associate); 45 CFR 164.512(i); 164.514(e)")
    if works_for == "individual":
        return Decision(False, "The patient chose the product for themself; it does not act on behalf "
                        "of a covered entity or business associate, so it is not a business associate "
                        "and HIPAA does not apply to it.",
                        "HHS OCR, Health App Use Scenarios & HIPAA (Feb 2016); 45 CFR 160.103")
    if works_for == "none":
        return Decision(False, "The vendor does not act on behalf of a covered entity or business "
                        "associate, so it cannot be a business associate.",
                        "45 CFR 160.103 (definition of business associate)")
    if role == "workforce":
        return Decision(False, "People whose work is under the organisation's direct control are its "
                        "workforce, not business associates; they are covered by its own policies and "
                        "training instead of a BAA.", "45 CFR 160.103 (definitions of workforce and "
                        "business associate); HHS FAQ 243")
    if role == "treating_provider":
        return Decision(False, "A health care provider receiving PHI to treat the patient is not a "
                        "business associate of the disclosing covered entity; treatment disclosures need "
                        "no BAA.", "45 CFR 160.103 (business associate, paragraph (4)(i)); 45 CFR 164.506(c)")
    if role == "conduit" and stores_phi:
        role = "service_on_behalf"  # storage beyond transient copies takes it out of the exception
        not_conduit = (" It was described as a conduit, but it keeps the data beyond transient copies, "
                       "so the conduit exception does not apply.")
    else:
        not_conduit = ""
    if role == "conduit":
        return Decision(False, "A conduit only transports PHI and sees it at most randomly or rarely, as "
                        "transport requires, so it is not a business associate. Anyone who stores the PHI "
                        "beyond transient copies is not a conduit.",
                        "65 FR 82476 (2000 Privacy Rule preamble); HHS conduit guidance; 78 FR 5571-5572")
    if role == "incidental_access":
        return Decision(False, "The work does not involve PHI and any contact with it is incidental, so "
                        "no BAA is needed; reasonable safeguards limit what such staff can see.",
                        "HHS FAQ 243; 45 CFR 164.502(a)(1)(iii)")
    if handles == "limited_data_set":
        return Decision(False, "A limited data set is disclosed under a data use agreement, not a "
                        "business associate agreement.", "45 CFR 164.514(e)(4)", document=DUA)
    # service_on_behalf with PHI, encrypted or not
    encrypted = (" Holding only encrypted ePHI without the key does not change this: the vendor still "
                 "maintains ePHI." if handles == "encrypted_phi_without_key" else "")
    encrypted += not_conduit
    if works_for == "business_associate":
        return Decision(True, "The vendor handles PHI on behalf of a business associate, so it is a "
                        "subcontractor and needs a BAA with that business associate (not with the "
                        f"covered entity).{encrypted}",
                        "45 CFR 160.103 (subcontractor); 164.502(e)(1)(ii); 164.504(e)(5)"
                        + ("; HHS cloud computing guidance (2016)" if encrypted else ""),
                        document=SUBCONTRACTOR_BAA)
    return Decision(True, "The vendor creates, receives, maintains or transmits PHI on behalf of a covered "
                    f"entity, so it is a business associate and needs a BAA.{encrypted}",
                    "45 CFR 160.103; 164.502(e); 164.504(e)"
                    + ("; HHS cloud computing guidance (2016)" if encrypted else ""),
                    document=BAA)


# --------------------------------------------------------------------------------------------
# Which Security Rule applies on a date
# --------------------------------------------------------------------------------------------
def security_rule_for(on: dt.date) -> Decision:
    """Which version of the Security Rule binds a (non-small) covered entity on ``on``.

    Read from course data: the compliance date of the 2003 rule (``hipaa-security-compliance-date``)
    and the status of the January 2025 proposal (``hipaa-security-nprm-status``). The proposal
    changes nothing until a final rule takes effect; when one does, its fact gets an ``effective``
    date and this function answers with it from that day.
    """
    if isinstance(on, dt.datetime):
        on = on.date()
    if not isinstance(on, dt.date):
        raise ValueError(f"on must be a datetime.date; got {on!r}")
    facts = load_course().facts
    start = facts["hipaa-security-compliance-date"]
    nprm = facts["hipaa-security-nprm-status"]
    compliance = _as_date(start.value)
    if on < compliance:
        return Decision("none yet", f"On {on.isoformat()} the Security Rule (68 FR 8334, Feb 2003) was "
                        f"published but not yet enforceable: most covered entities had to comply from "
                        f"{compliance.isoformat()} (small health plans a year later).", start.source)
    if nprm.effective is not None and nprm.effective <= on:
        return Decision("amended rule", f"On {on.isoformat()} the amended Security Rule applies: the final "
                        f"rule took effect on {nprm.effective.isoformat()}.", nprm.source)
    checked = f" (status checked {nprm.as_of.isoformat()})" if nprm.as_of else ""
    return Decision("2003 rule", f"On {on.isoformat()} the Security Rule in force since "
                    f"{compliance.isoformat()} applies, with its required and addressable "
                    "specifications. The January 2025 proposal (90 FR 898) is not law: no final rule "
                    f"had taken effect{checked}.", f"{start.source}; {nprm.source}")


# --------------------------------------------------------------------------------------------
# Breach notification deadlines
# --------------------------------------------------------------------------------------------
def _fact_value(fact_id: str):
    return load_course().facts[fact_id].value


def breach_deadlines(discovered: dt.date, affected: int, *,
                     discovered_by: str = "covered_entity",
                     ba_is_agent: bool = False) -> dict[str, dt.date | None]:
    """Latest permitted date of each breach notice, or None where that notice is not owed.

    Keys: "individuals", "hhs", "media", "covered_entity". ``affected`` people are assumed to
    live in one state. A covered entity owes notice to individuals (60 days), to HHS (with the
    individual notices when 500 or more are affected, else in the annual log due 60 days after
    the end of the calendar year of discovery) and to the media (more than 500 residents of a
    state). A business associate owes only its notice to the covered entity (60 days).

    ``ba_is_agent``: the business associate acts as the covered entity's agent (federal common law
    of agency). Its discovery is then imputed to the covered entity (45 CFR 164.404(a)(2)), so the
    covered entity's own notices are due 60 days from the same day, not from the BA's notice.
    """
    if isinstance(discovered, dt.datetime):
        discovered = discovered.date()
    if not isinstance(discovered, dt.date):
        raise ValueError(f"discovered must be a datetime.date; got {discovered!r}")
    if isinstance(affected, bool) or not isinstance(affected, int):
        raise ValueError(f"affected must be a whole number of people; got {affected!r}")
    if affected < 0:
        raise ValueError(f"affected must be zero or more people; got {affected}")
    require_choice("discovered_by", discovered_by, DISCOVERED_BY)
    if not isinstance(ba_is_agent, bool):
        raise ValueError(f"ba_is_agent must be one of True, False; got {ba_is_agent!r}")

    limit = dt.timedelta(days=int(_fact_value("hipaa-breach-60-days")))
    result: dict[str, dt.date | None] = {"individuals": None, "hhs": None, "media": None,
                                         "covered_entity": None}
    if affected == 0:
        return result
    if discovered_by == "business_associate":
        result["covered_entity"] = discovered + dt.timedelta(days=int(_fact_value("hipaa-breach-ba-notice")))
        if not ba_is_agent:
            return result
    result["individuals"] = discovered + limit
    if affected >= int(_fact_value("hipaa-breach-hhs-500")):
        result["hhs"] = discovered + limit
    else:
        year_end = dt.date(discovered.year, 12, 31)
        result["hhs"] = year_end + dt.timedelta(days=int(_fact_value("hipaa-breach-hhs-log")))
    if affected > int(_fact_value("hipaa-breach-media")):
        result["media"] = discovered + limit
    return result


def breach_note(discovered_by: str = "covered_entity") -> str:
    """What the dates of :func:`breach_deadlines` assume about who discovered the breach."""
    require_choice("discovered_by", discovered_by, DISCOVERED_BY)
    if discovered_by == "business_associate":
        return ("If the business associate acts as the covered entity's agent, its discovery counts as "
                "the covered entity's: the covered entity's own 60-day clock for individuals, HHS and the "
                "media starts the day the business associate discovers the breach, not when its notice "
                "arrives. Otherwise the covered entity's clock starts when it learns of the breach. "
                "Source: 45 CFR 164.404(a)(2); 164.410.")
    return ("A breach counts as discovered on the first day any workforce member or agent (other than "
            "the person who committed it) knew of it or would have with reasonable diligence. "
            "Source: 45 CFR 164.404(a)(2).")


# --------------------------------------------------------------------------------------------
# Civil money penalties
# --------------------------------------------------------------------------------------------
def penalty_tier(culpability: str) -> int:
    """The civil penalty tier (1-4) for a level of culpability (42 U.S.C. 1320d-5(a)(1))."""
    require_choice("culpability", culpability, CULPABILITY)
    return CULPABILITY.index(culpability) + 1


@dataclass(frozen=True)
class PenaltyRange:
    """Per-violation minimum and maximum and calendar-year cap for one tier, with their source.

    ``effective`` is the date the amounts took effect (None for the statutory amounts).
    """

    tier: int
    minimum: int
    maximum: int
    annual_cap: int
    source: str
    effective: dt.date | None = None
    note: str = ""
    #: The calendar-year cap HHS applies under its 2019 enforcement discretion (unadjusted), shown
    #: beside an adjusted schedule's regulation cap; None where it is the same as ``annual_cap``.
    discretion_cap: int | None = None

    def as_dict(self) -> dict:
        """The range as a plain dict (for tables and JSON)."""
        return {"tier": self.tier, "minimum": self.minimum, "maximum": self.maximum,
                "annual_cap": self.annual_cap, "discretion_cap": self.discretion_cap,
                "source": self.source, "effective": self.effective}

    def _repr_markdown_(self) -> str:
        when = f"in effect from {self.effective.isoformat()}" if self.effective else "statutory amounts"
        discretion = (f" (HHS applies ${self.discretion_cap:,} under its 2019 enforcement discretion)"
                      if self.discretion_cap else "")
        # Dollars escaped and in an element JupyterLab's MathJax skips (see compliance_course.no_math),
        # or "$1,461 to $73,011" is typeset as a formula and "<small>" between two dollars shows as text.
        return no_math_markdown(escape_dollars(
            f"**Tier {self.tier}** ({when}): ${self.minimum:,} to ${self.maximum:,} per violation; "
            f"at most ${self.annual_cap:,} per calendar year for identical violations{discretion}.  \n"
            f"{self.note}  \n<small>Source: {self.source}</small>"))


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def penalty_adjustments() -> list[tuple[dt.date, str]]:
    """(effective date, fact id) of every inflation adjustment in course data, oldest first."""
    facts = load_course().facts_for("hipaa", tag="penalty-adjustment")
    return sorted((_as_date(f.value["effective"]), f.id) for f in facts)


def _check_tier(tier: int) -> int:
    if type(tier) is not int or tier not in (1, 2, 3, 4):
        raise ValueError(f"tier must be one of 1, 2, 3, 4; got {tier!r}")
    return tier


def penalty_range(tier: int, on: dt.date | None = None) -> PenaltyRange:
    """Penalty amounts for ``tier``: statutory (``on=None``) or as adjusted in 45 CFR 102.3 on a date.

    ``on=None`` gives the statutory amounts as HHS applies them since its 2019 notice of
    enforcement discretion (tiered annual caps). ``on=<date>`` gives the inflation-adjusted
    amounts in effect that day (the latest adjustment whose effective date is on or before it);
    a date before the earliest adjustment in course data raises ValueError.
    """
    _check_tier(tier)
    facts = load_course().facts
    i = tier - 1
    if on is None:
        fact = facts["hipaa-penalty-statutory"]
        v = fact.value
        return PenaltyRange(tier, int(v["min"][i]), int(v["max"][i]), int(v["cap"][i]), fact.source,
                            note="Statutory amounts; the calendar-year cap is the tiered cap HHS applies "
                                 "under its 2019 notice of enforcement discretion.")
    if isinstance(on, dt.datetime):
        on = on.date()
    if not isinstance(on, dt.date):
        raise ValueError(f"on must be a datetime.date or None; got {on!r}")
    adjustments = penalty_adjustments()
    in_effect = [(day, fid) for day, fid in adjustments if day <= on]
    if not in_effect:
        raise ValueError(f"no inflation adjustment in course data is in effect on {on.isoformat()}; "
                         f"the earliest took effect on {adjustments[0][0].isoformat()}. "
                         "Use on=None for the statutory amounts.")
    day, fid = in_effect[-1]
    fact = facts[fid]
    v = fact.value
    statutory = facts["hipaa-penalty-statutory"].value
    discretion = int(statutory["cap"][i])
    cap = int(v["cap"][i])
    later = [d for d, _ in adjustments if d > day]
    until = f" until {later[0].isoformat()}" if later else ""
    note = (f"Inflation-adjusted amounts of 45 CFR 102.3 in force from {day.isoformat()}{until}, for "
            "penalties assessed in that time for violations after November 2, 2015. The cap is the "
            "regulation's single cap for all tiers.")
    lower = tier < 4 and discretion < cap  # the 2019 notice lowers the caps of tiers 1-3 only
    if lower:
        note += (f" Under its 2019 notice HHS applies a lower tier {tier} cap of ${discretion:,} "
                 "(no adjusted figure published), so real exposure is at most that.")
    if tier == 4 and int(v["max"][i]) == cap:
        note += (" In the 45 CFR 102.3 table the tier 4 'maximum per violation' equals the calendar-year "
                 f"cap; the statute and HHS's 2019 notice give ${int(statutory['max'][i]):,} (unadjusted).")
    note += (" No penalty at all if the violation was not due to willful neglect and was corrected within "
             "30 days (45 CFR 160.410(c)); HHS must also weigh recognized security practices kept for "
             "the previous 12 months (HITECH section 13412).") if tier < 3 else (
             " HHS must weigh recognized security practices kept for the previous 12 months (HITECH "
             "section 13412).")
    return PenaltyRange(tier, int(v["min"][i]), int(v["max"][i]), cap, fact.source,
                        effective=day, note=note,
                        discretion_cap=discretion if lower else None)


def penalty_table() -> pd.DataFrame:
    """Every schedule in course data, one row per schedule and tier, statutory first."""
    rows = []
    schedules: list[tuple[str, dt.date | None]] = [("statutory (HHS 2019 reading)", None)]
    schedules += [(f"adjusted, from {day.isoformat()}", day) for day, _ in penalty_adjustments()]
    for label, day in schedules:
        for tier in (1, 2, 3, 4):
            r = penalty_range(tier, day)
            rows.append({"schedule": label, "effective": day, "tier": tier,
                         "minimum per violation": r.minimum, "maximum per violation": r.maximum,
                         "calendar-year cap": r.annual_cap, "source": r.source})
    return pd.DataFrame(rows)
