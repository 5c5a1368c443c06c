"""Which frameworks a company needs, why, and in what order to pursue them.

The rules are simple on purpose: each framework is triggered by who the company
sells to, what information it handles, and whether it runs a cloud service.
The order follows dependencies: a legal precondition first (no PHI before a
business associate agreement), then the fastest broad assurance (SOC 2, a
bridge to FedRAMP), then NIST SP 800-171 before the CMMC assessment that
checks it, then FedRAMP, then GovRAMP, which can reuse a FedRAMP package.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..decision import Decision

BUYERS = ("commercial", "healthcare", "federal_civilian", "dod", "state_local")
INFORMATION = ("phi", "fci", "cui", "customer_data", "personal_information")
LAW = "law or contract"
MARKET = "market expectation"

#: The order in which frameworks are pursued when several apply.
ORDER = ("HIPAA", "SOC 2", "NIST SP 800-171", "CMMC Level 1", "CMMC Level 2", "FedRAMP", "GovRAMP")


def _members(name: str, values: Iterable[str], allowed: tuple[str, ...]) -> frozenset[str]:
    if isinstance(values, str):
        raise ValueError(f"{name} must be a set of values from {', '.join(map(repr, allowed))}; "
                         f"got the single string {values!r} (wrap it: {{{values!r}}})")
    members = frozenset(values)
    unknown = sorted(members - set(allowed))
    if unknown:
        raise ValueError(f"{name}: unknown value(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(map(repr, allowed))}")
    return members


def frameworks_for(*, sells_to: Iterable[str], handles: Iterable[str], cloud_service: bool) -> list[Decision]:
    """The frameworks that apply to a company profile, in the order to pursue them.

    ``sells_to`` is a set drawn from "commercial", "healthcare", "federal_civilian",
    "dod", "state_local"; ``handles`` from "phi", "fci", "cui", "customer_data",
    "personal_information"; ``cloud_service`` says whether the company runs a cloud
    service (SaaS, PaaS or IaaS) for its customers. Each Decision's ``answer`` is a
    framework name, ``basis`` is "law or contract" or "market expectation".
    """
    buyers = _members("sells_to", sells_to, BUYERS)
    info = _members("handles", handles, INFORMATION)
    if not isinstance(cloud_service, bool):
        raise ValueError(f"cloud_service must be True or False; got {cloud_service!r}")
    found: dict[str, Decision] = {}

    if "phi" in info:
        found["HIPAA"] = Decision(
            "HIPAA",
            "Handling protected health information for a covered entity (or for another business "
            "associate) makes the company a business associate: it must sign a business associate "
            "agreement before receiving PHI and comply with the Security Rule. Do this first, because "
            "no PHI may flow until the agreement is in place.",
            "45 CFR 160.103 (business associate); 45 CFR 164.502(e), 164.504(e); 45 CFR 164.302",
            basis=LAW)

    commercial_buyers = buyers & {"commercial", "healthcare"}
    if cloud_service and (commercial_buyers or "federal_civilian" in buyers or "state_local" in buyers) \
            or ("customer_data" in info and commercial_buyers):
        bridge = (" It is also the usual first step towards FedRAMP: many of its controls carry over, "
                  "and it is faster and cheaper to obtain." if "federal_civilian" in buyers and cloud_service
                  else "")
        found["SOC 2"] = Decision(
            "SOC 2",
            "No law requires SOC 2, but business customers routinely ask a vendor that holds their data "
            "for a SOC 2 Type II report before they sign; it is the usual procurement gate for B2B "
            "software." + bridge,
            "AICPA, 2017 Trust Services Criteria (TSP section 100); AICPA SOC 2 guide (AT-C 105 and 205)",
            basis=MARKET)

    if "cui" in info and "dod" in buyers:
        found["NIST SP 800-171"] = Decision(
            "NIST SP 800-171",
            "A DoD contract with DFARS 252.204-7012 requires the 110 requirements of NIST SP 800-171 "
            "(Rev 2, under the DoD class deviation of May 2024) on every contractor system that holds "
            "covered defense information, and a current self-assessment score in SPRS (252.204-7019). "
            "Implement it before the CMMC Level 2 assessment that checks it.",
            "DFARS 252.204-7012(b)(2); DFARS 252.204-7019; DoD class deviation 2024-O0013",
            basis=LAW)
    elif "cui" in info and buyers & {"federal_civilian", "state_local"}:
        found["NIST SP 800-171"] = Decision(
            "NIST SP 800-171",
            "Federal agencies that share CUI with a non-federal organisation must require NIST SP 800-171 "
            "for the systems that hold it, through the agreement or contract.",
            "32 CFR 2002.14(h)(2)",
            basis=LAW)

    if "dod" in buyers and "cui" in info:
        found["CMMC Level 2"] = Decision(
            "CMMC Level 2",
            "A DoD contract under which the company processes, stores or transmits CUI calls for CMMC "
            "Level 2: the 110 requirements of NIST SP 800-171 Rev 2, self-assessed or assessed by a "
            "C3PAO every three years as the solicitation says, with annual affirmations.",
            "32 CFR 170.16, 170.17 and 170.22; DFARS 252.204-7021",
            basis=LAW)
    elif "dod" in buyers and "fci" in info:
        found["CMMC Level 1"] = Decision(
            "CMMC Level 1",
            "A DoD contract under which the company handles federal contract information (but no CUI) "
            "calls for CMMC Level 1: the 15 basic safeguarding requirements of FAR 52.204-21, "
            "self-assessed and affirmed every year.",
            "32 CFR 170.15; FAR 52.204-21(b)(1)",
            basis=LAW)

    if cloud_service and "federal_civilian" in buyers:
        found["FedRAMP"] = Decision(
            "FedRAMP",
            "Federal agencies may use a cloud service only with a FedRAMP authorization (or an agency "
            "authorization that follows FedRAMP). Pursue it after SOC 2: the authorization takes the "
            "longest, and one authorization is reusable across agencies.",
            "44 U.S.C. 3613 (FedRAMP Authorization Act); OMB M-24-15",
            basis=LAW)
    elif cloud_service and "dod" in buyers and "cui" in info:
        found["FedRAMP"] = Decision(
            "FedRAMP",
            "A cloud service that stores, processes or transmits covered defense information for a DoD "
            "contractor must meet security requirements equivalent to the FedRAMP Moderate baseline.",
            "DFARS 252.204-7012(b)(2)(ii)(D); DoD CIO memorandum on FedRAMP Moderate equivalency (21 Dec 2023)",
            basis=LAW)

    if cloud_service and "state_local" in buyers:
        found["GovRAMP"] = Decision(
            "GovRAMP",
            "Many state and local governments ask cloud vendors for GovRAMP (formerly StateRAMP) status. "
            "It is built on NIST SP 800-53 Rev 5 and offers a fast track for FedRAMP-authorized services, "
            "so it comes last when FedRAMP is also on the road.",
            "GovRAMP programme documents (GovRAMP, formerly StateRAMP, renamed February 2025)",
            basis=MARKET)

    return [found[name] for name in ORDER if name in found]
