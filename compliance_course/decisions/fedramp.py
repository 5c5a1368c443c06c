"""FedRAMP decisions: impact level, baseline and remediation deadlines.

Contract (other modules and tests rely on it):

- :func:`impact_level` ``(confidentiality, integrity, availability) -> str``: the FIPS 200
  high-water mark of three FIPS 199 ratings, in lower case.
- :func:`baseline` ``(c, i, a, *, saas=False, pii_beyond_login=True) -> Decision``: ``answer`` is
  "LI-SaaS", "Low", "Moderate" or "High"; ``controls`` is the number of Rev 5 controls and
  enhancements in that baseline, counted from ``course_data/tables/fedramp_rev5_baselines.csv``.
- :func:`remediation_due` ``(risk, discovered, *, kev_due=None, **vdr) -> date``: the deadline under
  the rule in force on the discovery date (:func:`remediation_rule`). Before the VDR rules are
  required for Rev 5 (2026-12-07, read from the course facts) it is the legacy RA-5(d) deadline
  by risk rating (30/90/180 days), which a CISA KEV due date supersedes; from then it is the VDR
  timeframe (VDR-TFR-PVR) by PAIN rating, exploitability, internet reachability and certification
  class, counted from evaluation, with the KEV due date as a second clock.

Also here: :func:`remediation` (the same deadline as a Decision whose reason starts with the rule
applied and why), :func:`remediation_rule`, :func:`vdr_dates` and :func:`dod_impact_level` (DoD
impact level for a kind of data, from DISA's Cloud Service Provider SRG).
Every wrong value raises ValueError naming the allowed values.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..data import load_course, table
from ..decision import Decision, require_choice

#: FIPS 199 ratings, lowest first: the order defines the high-water mark.
LEVELS = ("low", "moderate", "high")
#: Vulnerability risk ratings with an RA-5(d) deadline in the FedRAMP Rev 5 baselines (legacy rule).
RISKS = ("high", "moderate", "low")
#: Potential Agency Impact N-ratings of the VDR rules (VER-EVA-EPA), lowest first.
PAIN = (1, 2, 3, 4, 5)
#: Certification classes that the VDR timeframes apply to for Rev 5.
VDR_CLASSES = ("B", "C", "D")
VDR_TABLE = "fedramp_vdr_timeframes"
#: Baselines, smallest first, with the column of the reference table that marks membership.
BASELINE_COLUMNS = {"LI-SaaS": "li_saas", "Low": "low", "Moderate": "moderate", "High": "high"}
#: Kinds of data a DoD mission owner can put in a commercial cloud (DISA Cloud Service Provider SRG V1R6).
DOD_DATA = ("public", "cui", "cui_nss", "classified")

TABLE = "fedramp_rev5_baselines"
_CITE_FIPS = "FIPS 199 (Feb 2004), section 3; FIPS 200 (Mar 2006), section 3 (high-water mark)"
_CITE_BASELINE = ("FedRAMP Rev 5 baseline profiles (GSA fedramp-automation, OSCAL, 2024-12-09); "
                  "FedRAMP blog 'Understanding Baselines and Impact Levels' (2017-11-16) for LI-SaaS")
_CITE_RA5 = ("FedRAMP Rev 5 baselines (legacy, before the VDR rules), RA-5(d) parameter and FedRAMP "
             "requirement on CISA KEV due dates")
_CITE_VDR_DATES = ("FedRAMP Consolidated Rules for 2026, Vulnerability Detection and Response, effective dates "
                   "for Rev 5 (optional adoption, obtain and maintain, grace ends)")
_CITE_VDR = ("FedRAMP Consolidated Rules for 2026, Vulnerability Detection and Response: VDR-TFR-PVR, "
             "VDR-TFR-KEV, VDR-TFR-RMN; Vulnerability Evaluation and Reporting: VER-EVA-EPA (PAIN)")
_CITE_SRG = ("DISA Cloud Service Provider Security Requirements Guide, V1R6 (10 Dec 2025), sections 3.7 "
             "(impact levels), 3.7.5 (FedRAMP baselines) and 5.2.2 (separation)")


def _level(name: str, value: Any) -> str:
    normal = value.strip().lower() if isinstance(value, str) else value
    return require_choice(name, normal, LEVELS)


def impact_level(confidentiality: str, integrity: str, availability: str) -> str:
    """The system's overall FIPS 199 impact level: the highest of the three ratings (FIPS 200).

    >>> impact_level("Low", "moderate", "LOW")
    'moderate'
    """
    ratings = [_level("confidentiality", confidentiality), _level("integrity", integrity),
               _level("availability", availability)]
    return max(ratings, key=LEVELS.index)


def _counts() -> dict[str, tuple[int, int, int]]:
    """(total, base controls, enhancements) per baseline, counted from the reference table."""
    frame = table(TABLE)
    counts = {}
    for name, column in BASELINE_COLUMNS.items():
        rows = frame[frame[column] == 1]
        enhancements = int(rows["is_enhancement"].sum())
        counts[name] = (len(rows), len(rows) - enhancements, enhancements)
    return counts


def control_count(baseline_name: str) -> int:
    """Number of Rev 5 controls and enhancements in a baseline, counted from course data."""
    require_choice("baseline", baseline_name, BASELINE_COLUMNS)
    return _counts()[baseline_name][0]


def control_counts() -> dict[str, tuple[int, int, int]]:
    """Every baseline's (total, base controls, enhancements), counted from course data."""
    return dict(_counts())


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be one of True, False; got {value!r}")
    return value


def baseline(confidentiality: str, integrity: str, availability: str, *,
             saas: bool = False, pii_beyond_login: bool = True) -> Decision:
    """The FedRAMP baseline for a system, with the number of Rev 5 controls in it.

    The FIPS 199 ratings give the impact level (high-water mark). A Low-impact
    software-as-a-service offering that keeps no personal data beyond what login needs
    may use the LI-SaaS ("FedRAMP Tailored") baseline; everything else uses the baseline
    named after its impact level.
    """
    level = impact_level(confidentiality, integrity, availability)
    saas = _flag("saas", saas)
    pii_beyond_login = _flag("pii_beyond_login", pii_beyond_login)
    c, i, a = (_level(n, v) for n, v in (("confidentiality", confidentiality), ("integrity", integrity),
                                          ("availability", availability)))
    ratings = f"confidentiality {c}, integrity {i}, availability {a}"
    why_level = f"The highest of the three ratings ({ratings}) is {level}, so the system is {level} impact."
    if level == "low" and saas and not pii_beyond_login:
        name = "LI-SaaS"
        why = (f"{why_level} It is software as a service and keeps no personal data beyond what login "
               "needs, so it fits LI-SaaS (FedRAMP Tailored): the same controls as Low, but many are "
               "attested by the provider rather than tested by the assessor.")
    else:
        name = level.capitalize()
        why = f"{why_level} The {name} baseline applies."
        if level == "low" and saas:
            why += (" LI-SaaS is ruled out because the service keeps personal data beyond what "
                    "login needs (username, password, email).")
    total, base, enhancements = _counts()[name]
    why += f" It holds {total} Rev 5 controls and enhancements ({base} controls, {enhancements} enhancements)."
    return Decision(answer=name, reason=why, citation=f"{_CITE_FIPS}; {_CITE_BASELINE}", controls=total)


def remediation_days(risk: str) -> int:
    """Days allowed from discovery to mitigation for a risk rating (legacy RA-5(d)), from course facts."""
    risk = _risk(risk)
    return int(load_course().facts[f"fedramp-remediation-{risk}-days"].value)


def _risk(value: Any) -> str:
    normal = value.strip().lower() if isinstance(value, str) else value
    if normal == "critical":  # POA&M templates carry "Critical"; FedRAMP has no separate tier for it.
        return "high"
    return require_choice("risk", normal, RISKS + ("critical",))


def _date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"{name} must be a datetime.date (for example date(2026, 3, 1)); got {value!r}")


def _fact_date(fact_id: str) -> dt.date:
    return _date(fact_id, load_course().facts[fact_id].value)


def vdr_dates() -> dict[str, dt.date]:
    """The dates of the VDR rules for Rev 5 and of the CISA directives, read from the course facts.

    ``optional`` (VDR adoption may begin), ``required`` (VDR is needed to obtain or keep a Rev 5
    certification), ``grace_ends`` (a Rev 5 provider not following VDR loses its certification),
    ``bod_26_04`` (CISA BOD 26-04 issued; it revoked BOD 22-01).
    """
    return {"optional": _fact_date("fedramp-vdr-rev5-optional"),
            "required": _fact_date("fedramp-vdr-rev5-required"),
            "grace_ends": _fact_date("fedramp-vdr-rev5-grace-ends"),
            "bod_26_04": _fact_date("fedramp-bod-26-04")}


def remediation_rule(discovered: dt.date) -> Decision:
    """Which remediation rule a Rev 5 provider follows for a vulnerability found on ``discovered``.

    ``answer`` is "RA-5(d)" (the legacy 30/90/180-day parameter) before the VDR rules are required,
    and "VDR" from that date on. ``reason`` says why, with the dates, for example
    "Discovered 2026-12-15: the VDR rules apply since 2026-12-07."
    """
    discovered = _date("discovered", discovered)
    dates = vdr_dates()
    day = discovered.isoformat()
    if discovered < dates["optional"]:
        return Decision(answer="RA-5(d)", citation=_CITE_RA5,
                        reason=(f"Discovered {day}: the legacy RA-5(d) deadlines apply (the VDR rules "
                                f"could be adopted only from {dates['optional'].isoformat()})."))
    if discovered < dates["required"]:
        return Decision(answer="RA-5(d)", citation=f"{_CITE_RA5}; {_CITE_VDR_DATES}",
                        reason=(f"Discovered {day}: the legacy RA-5(d) deadlines still apply; the VDR rules "
                                f"are required only from {dates['required'].isoformat()} (a provider may "
                                f"have adopted them early, from {dates['optional'].isoformat()})."))
    reason = f"Discovered {day}: the VDR rules apply since {dates['required'].isoformat()}."
    if discovered < dates["grace_ends"]:
        reason += (f" Until {dates['grace_ends'].isoformat()} is the grace period: FedRAMP asks a provider "
                   "not yet following them for corrective action; after it, the certification is lost.")
    else:
        reason += (f" The grace period ended on {dates['grace_ends'].isoformat()}: a provider not following "
                   "them loses its certification.")
    return Decision(answer="VDR", reason=reason, citation=_CITE_VDR_DATES)


def _kev_directive(on: dt.date) -> str:
    """The CISA directive under which the KEV catalog's due dates are set on a given day."""
    if on < vdr_dates()["bod_26_04"]:
        return "CISA BOD 22-01"
    return "CISA BOD 26-04 (which revoked BOD 22-01 on " + vdr_dates()["bod_26_04"].isoformat() + ")"


def remediation_due(risk: str | None = None, discovered: dt.date | None = None, *,
                    kev_due: dt.date | None = None, **vdr: Any) -> dt.date:
    """The date a vulnerability must be dealt with by under FedRAMP continuous monitoring.

    The rule depends on the discovery date (:func:`remediation_rule`). Under the legacy Rev 5
    RA-5(d) parameter, high, moderate and low risks have 30, 90 and 180 days from discovery
    (read from the course facts), and a CISA KEV due date supersedes that deadline. Under the
    VDR rules the timeframe depends on the PAIN rating, exploitability, internet reachability
    and certification class (see :func:`remediation`).
    """
    return remediation(risk, discovered, kev_due=kev_due, **vdr).answer


def remediation(risk: str | None = None, discovered: dt.date | None = None, *,
                kev_due: dt.date | None = None, pain: int | None = None,
                likely_exploitable: bool | None = None, internet_reachable: bool | None = None,
                certification_class: str | None = None, evaluated: dt.date | None = None) -> Decision:
    """:func:`remediation_due` as a Decision, with the rule applied and the reason in words.

    Before the VDR rules are required (see :func:`remediation_rule`) give ``risk`` ("high",
    "moderate", "low"; "critical" counts as high). From that date give instead ``pain`` (the
    Potential Agency Impact N-rating, 1 to 5), ``likely_exploitable``, ``internet_reachable``
    (needed only when likely exploitable), ``certification_class`` ("B", "C" or "D") and
    optionally ``evaluated`` (VDR timeframes run from evaluation; the discovery date if not given).
    In the optional-adoption window the VDR inputs may be given instead of ``risk``.
    """
    if discovered is None:
        raise ValueError("discovered must be a datetime.date (for example date(2026, 3, 1)); got None")
    discovered = _date("discovered", discovered)
    rule = remediation_rule(discovered)
    vdr_given = [name for name, value in (("pain", pain), ("likely_exploitable", likely_exploitable),
                                          ("internet_reachable", internet_reachable),
                                          ("certification_class", certification_class),
                                          ("evaluated", evaluated)) if value is not None]
    early = rule.answer == "RA-5(d)" and discovered >= vdr_dates()["optional"] and vdr_given and risk is None
    if rule.answer == "VDR" or early:
        if risk is not None:
            raise ValueError(f"{rule.reason} Risk ratings belong to the legacy RA-5(d) rule: give pain, "
                             "likely_exploitable, internet_reachable and certification_class instead of risk")
        return _vdr(discovered, rule, early, kev_due=kev_due, pain=pain, likely_exploitable=likely_exploitable,
                    internet_reachable=internet_reachable, certification_class=certification_class,
                    evaluated=evaluated)
    if vdr_given:
        raise ValueError(f"{rule.reason} The legacy rule takes only risk and kev_due; "
                         f"{', '.join(vdr_given)} belong to the VDR rules")
    if risk is None:
        raise ValueError(f"{rule.reason} Give risk: one of 'high', 'moderate', 'low'")
    return _legacy(risk, discovered, rule, kev_due)


def _legacy(risk: Any, discovered: dt.date, rule: Decision, kev_due: dt.date | None) -> Decision:
    critical = isinstance(risk, str) and risk.strip().lower() == "critical"
    risk = _risk(risk)
    days = remediation_days(risk)
    standard = discovered + dt.timedelta(days=days)
    head = f"Rule applied: {rule.reason} "
    if critical:
        head += "FedRAMP has no separate critical tier: a critical finding counts as high risk. "
    if kev_due is None:
        return Decision(answer=standard, citation=_CITE_RA5,
                        reason=(f"{head}A {risk}-risk finding must be mitigated within {days} days of discovery "
                                f"({discovered.isoformat()} + {days} days = {standard.isoformat()})."))
    kev_due = _date("kev_due", kev_due)
    directive = _kev_directive(discovered)
    compare = ("earlier than" if kev_due < standard else "later than" if kev_due > standard
               else "the same as")
    reason = (f"{head}The vulnerability is in CISA's Known Exploited Vulnerabilities catalog, whose due dates "
              f"are set under {directive}. Read literally, the Rev 5 requirement says the KEV due date "
              f"{kev_due.isoformat()} supersedes the {days}-day {risk}-risk deadline ({standard.isoformat()}); "
              f"here it is {compare} that deadline.")
    if kev_due > standard:
        reason += " Many authorizing officials and assessors hold providers to the earlier of the two dates."
    if kev_due < discovered:
        reason += " The KEV date had already passed when the finding was discovered: it is overdue at once."
    return Decision(answer=kev_due, reason=reason, citation=f"{_CITE_RA5}; {directive}")


def _vdr_timeframe(certification_class: str, pain: int, exposure: str) -> tuple[int, str]:
    frame = table(VDR_TABLE)
    row = frame[(frame["certification_class"] == certification_class) & (frame["pain"] == pain)
                & (frame["exposure"] == exposure)]
    return int(row["timeframe"].iloc[0]), str(row["unit"].iloc[0])


def _vdr(discovered: dt.date, rule: Decision, early: bool, *, kev_due, pain, likely_exploitable,
         internet_reachable, certification_class, evaluated) -> Decision:
    if isinstance(pain, bool) or pain not in PAIN:
        raise ValueError(f"{rule.reason} pain must be one of 1, 2, 3, 4, 5 (the Potential Agency Impact "
                         f"N-rating); got {pain!r}")
    if isinstance(certification_class, str):
        certification_class = certification_class.strip().upper()
    require_choice("certification_class", certification_class, VDR_CLASSES)
    _flag("likely_exploitable", likely_exploitable)
    if likely_exploitable:
        _flag("internet_reachable", internet_reachable)
    evaluated = discovered if evaluated is None else _date("evaluated", evaluated)
    if evaluated < discovered:
        raise ValueError(f"evaluated ({evaluated.isoformat()}) cannot be before discovered "
                         f"({discovered.isoformat()})")
    head = "Rule applied: "
    head += (f"Discovered {discovered.isoformat()}: the provider adopted the VDR rules early (optional from "
             f"{vdr_dates()['optional'].isoformat()}, required from {vdr_dates()['required'].isoformat()}). "
             if early else f"{rule.reason} ")
    citation = _CITE_VDR
    if pain == 1:
        answer, reason = None, (f"{head}PAIN-1 (minimal effects) has no VDR timeframe: the provider deals with it "
                                "during routine operations (VDR-TFR-RMN).")
    else:
        if not likely_exploitable:
            exposure, words = "not_likely_exploitable", "not likely exploitable"
        elif internet_reachable:
            exposure, words = "likely_exploitable_internet_reachable", "likely exploitable and internet-reachable"
        else:
            exposure, words = ("likely_exploitable_not_internet_reachable",
                               "likely exploitable but not internet-reachable")
        amount, unit = _vdr_timeframe(certification_class, pain, exposure)
        if unit == "hours":
            answer = (dt.datetime.combine(evaluated, dt.time(23, 59)) + dt.timedelta(hours=amount)).date()
            span = f"{amount} hours of evaluation (so {answer.isoformat()} at the latest)"
        else:
            answer = evaluated + dt.timedelta(days=amount)
            span = f"{amount} days of evaluation ({evaluated.isoformat()} + {amount} days = {answer.isoformat()})"
        reason = (f"{head}A PAIN-{pain} vulnerability that is {words}, at Class {certification_class}, should be "
                  f"mitigated (partly or fully) or remediated to a lower PAIN rating within {span} "
                  "(VDR-TFR-PVR, a SHOULD rule).")
    if kev_due is not None:
        kev_due = _date("kev_due", kev_due)
        directive = _kev_directive(discovered)
        reason += (f" It is also in CISA's KEV catalog: remediate it by the catalog's due date "
                   f"{kev_due.isoformat()}, even if mitigated, as {directive} requires (VDR-TFR-KEV).")
        citation += f"; {directive}"
        if answer is None or kev_due < answer:
            answer = kev_due
            reason += " That is the first date due."
        if kev_due < discovered:
            reason += " The KEV date had already passed when the finding was discovered: it is overdue at once."
    if answer is None:
        answer = "no VDR timeframe"
    return Decision(answer=answer, reason=reason, citation=citation)


def dod_impact_level(data: str) -> Decision:
    """The DoD impact level for a kind of data, and the FedRAMP starting point (SRG V1R6, Dec 2025).

    ``data`` is "public" (publicly releasable, or non-public unclassified data that is not CUI or
    mission data), "cui" (controlled unclassified information and other non-public mission data),
    "cui_nss" (unclassified national security systems and information, including CUI needing more
    protection than IL4) or "classified" (up to SECRET).
    """
    data = require_choice("data", data, DOD_DATA)
    if data == "public":
        return Decision(answer="IL2", citation=_CITE_SRG,
                        reason="Publicly releasable data, or non-public unclassified data that is neither "
                               "CUI nor mission data, is Impact Level 2. Its baseline is FedRAMP Moderate; "
                               "DoD accepts FedRAMP Moderate and High authorizations there in full.")
    if data == "cui":
        return Decision(answer="IL4", citation=_CITE_SRG,
                        reason="Controlled unclassified information is Impact Level 4. DISA assesses it from "
                               "the FedRAMP Moderate or the FedRAMP High baseline, plus DoD's FedRAMP+ "
                               "controls and CNSSI 1253 overlays: FedRAMP High is one way in, not the only one.")
    if data == "cui_nss":
        return Decision(answer="IL5", citation=_CITE_SRG,
                        reason="Unclassified national security systems and information, including CUI that "
                               "needs more protection than IL4, are Impact Level 5. It starts from FedRAMP "
                               "High plus FedRAMP+ controls, CNSSI 1253 overlays and NSS controls, and needs "
                               "physical separation from non-federal tenants or cryptographic separation "
                               "validated or approved by the NSA.")
    return Decision(answer="IL6", citation=_CITE_SRG,
                    reason="Classified information up to SECRET is Impact Level 6: dedicated infrastructure "
                           "in facilities approved for classified processing. FedRAMP baselines do not address "
                           "classified information.")
