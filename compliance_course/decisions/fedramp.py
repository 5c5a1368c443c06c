"""FedRAMP decisions: impact level, baseline and remediation deadlines.

Contract (other modules and tests rely on it):

- :func:`impact_level` ``(confidentiality, integrity, availability) -> str``: the FIPS 200
  high-water mark of three FIPS 199 ratings, in lower case.
- :func:`baseline` ``(c, i, a, *, saas=False, pii_beyond_login=True) -> Decision``: ``answer`` is
  "LI-SaaS", "Low", "Moderate" or "High"; ``controls`` is the number of Rev 5 controls and
  enhancements in that baseline, counted from ``course_data/tables/fedramp_rev5_baselines.csv``.
- :func:`remediation_due` ``(risk, discovered, *, kev_due=None) -> date``: the RA-5(d) deadline
  (days read from the course facts); a CISA KEV due date, when given, takes precedence.

Also here: :func:`remediation` (the same deadline as a Decision with its reason, for tools and
scenarios) and :func:`dod_impact_level` (DoD Cloud Computing SRG impact level for a kind of data).
Every wrong value raises ValueError naming the allowed values.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..data import load_course, table
from ..decision import Decision, require_choice

#: FIPS 199 ratings, lowest first: the order defines the high-water mark.
LEVELS = ("low", "moderate", "high")
#: Vulnerability risk ratings with an RA-5(d) deadline in the FedRAMP Rev 5 baselines.
RISKS = ("high", "moderate", "low")
#: Baselines, smallest first, with the column of the reference table that marks membership.
BASELINE_COLUMNS = {"LI-SaaS": "li_saas", "Low": "low", "Moderate": "moderate", "High": "high"}
#: Kinds of data a DoD mission owner can put in a commercial cloud (DoD CC SRG v1r4).
DOD_DATA = ("public", "cui", "cui_nss", "classified")

TABLE = "fedramp_rev5_baselines"
_CITE_FIPS = "FIPS 199 (Feb 2004), section 3; FIPS 200 (Mar 2006), section 3 (high-water mark)"
_CITE_BASELINE = ("FedRAMP Rev 5 baseline profiles (GSA fedramp-automation, OSCAL, 2024-12-09); "
                  "FedRAMP blog 'Understanding Baselines and Impact Levels' (2017-11-16) for LI-SaaS")
_CITE_RA5 = ("FedRAMP Rev 5 baselines, RA-5(d) parameter and FedRAMP requirement on CISA KEV due dates; "
             "CISA Binding Operational Directive 22-01")
_CITE_SRG = "DoD Cloud Computing Security Requirements Guide v1r4, section 3.2 (impact levels)"


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
    """Days allowed from discovery to remediation for a risk rating (RA-5(d)), from course facts."""
    risk = _risk(risk)
    return int(load_course().facts[f"fedramp-remediation-{risk}-days"].value)


def _risk(value: Any) -> str:
    normal = value.strip().lower() if isinstance(value, str) else value
    return require_choice("risk", normal, RISKS)


def _date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"{name} must be a datetime.date (for example date(2026, 3, 1)); got {value!r}")


def remediation_due(risk: str, discovered: dt.date, *, kev_due: dt.date | None = None) -> dt.date:
    """The date a vulnerability must be remediated by under FedRAMP continuous monitoring.

    High, moderate and low risks have 30, 90 and 180 days from discovery (read from the
    course facts). If the vulnerability is in CISA's Known Exploited Vulnerabilities
    catalog, its KEV due date takes precedence, whether earlier or later.
    """
    return remediation(risk, discovered, kev_due=kev_due).answer


def remediation(risk: str, discovered: dt.date, *, kev_due: dt.date | None = None) -> Decision:
    """:func:`remediation_due` as a Decision, with the reason in words."""
    risk = _risk(risk)
    discovered = _date("discovered", discovered)
    days = remediation_days(risk)
    standard = discovered + dt.timedelta(days=days)
    if kev_due is None:
        return Decision(answer=standard, citation=_CITE_RA5,
                        reason=(f"A {risk}-risk finding must be remediated within {days} days of discovery "
                                f"({discovered.isoformat()} + {days} days = {standard.isoformat()})."))
    kev_due = _date("kev_due", kev_due)
    compare = ("earlier than" if kev_due < standard else "later than" if kev_due > standard
               else "the same as")
    reason = (f"The vulnerability is in CISA's Known Exploited Vulnerabilities catalog, so its KEV due date "
              f"{kev_due.isoformat()} takes precedence over the {days}-day {risk}-risk deadline "
              f"({standard.isoformat()}); here it is {compare} that deadline.")
    if kev_due < discovered:
        reason += " The KEV date had already passed when the finding was discovered: it is overdue at once."
    return Decision(answer=kev_due, reason=reason, citation=_CITE_RA5)


def dod_impact_level(data: str) -> Decision:
    """The DoD Cloud Computing SRG impact level for a kind of data, and the FedRAMP starting point.

    ``data`` is "public" (public or non-critical mission information), "cui" (controlled
    unclassified information), "cui_nss" (CUI needing more protection, including unclassified
    national security systems) or "classified" (up to SECRET).
    """
    data = require_choice("data", data, DOD_DATA)
    if data == "public":
        return Decision(answer="IL2", citation=_CITE_SRG,
                        reason="Public or non-critical mission information is Impact Level 2, which "
                               "builds on the FedRAMP Moderate baseline.")
    if data == "cui":
        return Decision(answer="IL4", citation=_CITE_SRG,
                        reason="Controlled unclassified information is Impact Level 4: IL2 plus a "
                               "CUI-specific set of controls, or FedRAMP High. FedRAMP High is one "
                               "way in, not the only one.")
    if data == "cui_nss":
        return Decision(answer="IL5", citation=_CITE_SRG,
                        reason="CUI that needs more protection, including unclassified national "
                               "security systems, is Impact Level 5: IL4 plus NSS-specific controls, "
                               "on infrastructure physically separate from non-federal tenants.")
    return Decision(answer="IL6", citation=_CITE_SRG,
                    reason="Classified information up to SECRET is Impact Level 6, outside FedRAMP.")
