"""Which frameworks a company needs, why, and in what order to pursue them.

The rules are simple on purpose: each framework is triggered by who the company
sells to, what information it handles, and whether it runs a cloud service.
The order follows dependencies: a legal precondition first (no PHI before a
business associate agreement), then the contract obligations that apply from
award (FAR 52.204-21, NIST SP 800-171 before the CMMC assessment that checks it),
then the fastest broad assurance that buyers ask for (SOC 2, a bridge to FedRAMP),
then FedRAMP and the DoD authorization built on it, then GovRAMP, which can reuse
a FedRAMP package.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..decision import Decision

BUYERS = ("commercial", "healthcare", "federal_civilian", "dod", "state_local")
INFORMATION = ("phi", "fci", "cui", "customer_data", "personal_information")
LAW = "law or contract"
MARKET = "market expectation"
RECOMMENDED = "recommended, not required"
POLICY = "DoD policy"
STATE_PROCUREMENT = "procurement rule in some states; otherwise market expectation"

#: The order in which frameworks are pursued when several apply.
ORDER = ("HIPAA", "FAR 52.204-21", "NIST SP 800-171", "CMMC Level 1", "CMMC Level 2", "SOC 2", "FedRAMP",
         "FedRAMP Moderate (or equivalent)", "DoD provisional authorization", "GovRAMP")

_CITE_FEDRAMP = ("44 U.S.C. 3607(a), 3613 (FedRAMP Authorization Act); OMB M-24-15 (July 25, 2024), "
                 "section III (scope)")


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


def frameworks_for(*, sells_to: Iterable[str], handles: Iterable[str], cloud_service: bool,
                   covered_entity: bool = False) -> list[Decision]:
    """The frameworks that apply to a company profile, in the order to pursue them.

    ``sells_to`` is a set drawn from "commercial", "healthcare", "federal_civilian",
    "dod" (the Department of Defense or its prime contractors), "state_local"; ``handles``
    from "phi", "fci", "cui", "customer_data", "personal_information"; ``cloud_service``
    says whether the company runs a cloud service (SaaS, PaaS or IaaS) for its customers;
    ``covered_entity`` says whether the company is itself a HIPAA covered entity (a health
    care provider, health plan or clearinghouse) rather than a business associate. Each
    Decision's ``answer`` is a framework name and ``basis`` says why it applies: "law or
    contract", "DoD policy", "market expectation", "recommended, not required", or, for
    GovRAMP, "procurement rule in some states; otherwise market expectation".
    """
    buyers = _members("sells_to", sells_to, BUYERS)
    info = _members("handles", handles, INFORMATION)
    if not isinstance(cloud_service, bool):
        raise ValueError(f"cloud_service must be True or False; got {cloud_service!r}")
    if not isinstance(covered_entity, bool):
        raise ValueError(f"covered_entity must be True or False; got {covered_entity!r}")
    found: dict[str, Decision] = {}
    dod_cui_cloud = cloud_service and "dod" in buyers and "cui" in info

    if "phi" in info:
        if covered_entity:
            found["HIPAA"] = Decision(
                "HIPAA",
                "As a covered entity (a health care provider, health plan or clearinghouse) the company must "
                "meet the Privacy, Security and Breach Notification Rules itself, and sign a business associate "
                "agreement with every vendor that handles PHI for it before any PHI flows.",
                "45 CFR 160.103 (covered entity); 45 CFR 164.302, 164.502(e), 164.504(e); 45 CFR 164.400-414",
                basis=LAW)
        else:
            found["HIPAA"] = Decision(
                "HIPAA",
                "Handling protected health information for a covered entity (or for another business "
                "associate) makes the company a business associate: it must sign a business associate "
                "agreement before receiving PHI and comply with the Security Rule. Do this first, because "
                "no PHI may flow until the agreement is in place.",
                "45 CFR 160.103 (business associate); 45 CFR 164.502(e), 164.504(e); 45 CFR 164.302",
                basis=LAW)

    if "cui" in info and "dod" in buyers:
        found["NIST SP 800-171"] = Decision(
            "NIST SP 800-171",
            "A DoD contract with DFARS 252.204-7012 requires the 110 requirements of NIST SP 800-171 "
            "(Rev 2, under the DoD class deviation of May 2024) on every contractor system that holds "
            "covered defense information, and a current self-assessment score in SPRS (252.204-7019) "
            "before award. It applies from the start of the contract, so it comes before anything buyers "
            "merely ask for, and before the CMMC Level 2 assessment that checks it.",
            "DFARS 252.204-7012(b)(2); DFARS 252.204-7019; DoD class deviation 2024-O0013",
            basis=LAW)
    elif "cui" in info and (("federal_civilian" in buyers and not cloud_service) or "state_local" in buyers):
        found["NIST SP 800-171"] = Decision(
            "NIST SP 800-171",
            "Federal agencies that share CUI with a non-federal organisation must require NIST SP 800-171 "
            "for the non-federal systems that hold it, through the agreement or contract.",
            "32 CFR 2002.14(h)(2)",
            basis=LAW)

    if "dod" in buyers and "cui" in info:
        reason = ("A DoD contract under which the company processes, stores or transmits CUI calls for CMMC "
                  "Level 2 when the solicitation includes the CMMC requirement: the 110 requirements of NIST "
                  "SP 800-171 Rev 2, self-assessed or assessed by a C3PAO every three years as the "
                  "solicitation says, with annual affirmations.")
        if cloud_service:
            reason += (" A cloud provider that only hosts a contractor's CUI needs FedRAMP Moderate or its "
                       "equivalent, not a CMMC status of its own; CMMC Level 2 applies to it when a prime flows "
                       "the requirement down to it as a subcontractor, and to its own systems that hold CUI.")
        found["CMMC Level 2"] = Decision(
            "CMMC Level 2", reason,
            "32 CFR 170.16, 170.17 (including 170.16(c)(2) and 170.17(c)(5) on cloud providers) and 170.22; "
            "DFARS 252.204-7021",
            basis=LAW)
    elif "dod" in buyers and "fci" in info:
        found["CMMC Level 1"] = Decision(
            "CMMC Level 1",
            "A DoD contract under which the company handles federal contract information (but no CUI) "
            "calls for CMMC Level 1: the 15 basic safeguarding requirements of FAR 52.204-21, "
            "self-assessed and affirmed every year.",
            "32 CFR 170.15; FAR 52.204-21(b)(1)",
            basis=LAW)

    if "fci" in info and "federal_civilian" in buyers and not ({"CMMC Level 1", "CMMC Level 2"} & set(found)):
        found["FAR 52.204-21"] = Decision(
            "FAR 52.204-21",
            "Any federal contract under which the company's own systems hold federal contract information "
            "carries FAR 52.204-21: 15 basic safeguarding requirements (access control, identification, "
            "media sanitisation, physical access, boundary protection, flaw remediation and malware "
            "protection). Outside DoD no assessment scheme checks them; CMMC Level 1 is DoD's check of "
            "the same 15.",
            "FAR 52.204-21(b)(1)(i)-(xv); FAR 4.1903",
            basis=LAW)

    commercial_buyers = buyers & {"commercial", "healthcare"}
    fedramp_in_view = cloud_service and ("federal_civilian" in buyers or ("dod" in buyers and "cui" not in info))
    if commercial_buyers and (cloud_service or "customer_data" in info):
        bridge = (" It is also the usual first step towards FedRAMP: many of its controls carry over, "
                  "FedRAMP's 2026 Class A is aimed at products that already hold a SOC 2 Type II, and it "
                  "is faster and cheaper to obtain." if fedramp_in_view else "")
        found["SOC 2"] = Decision(
            "SOC 2",
            "No law requires SOC 2, but business customers routinely ask a vendor that holds their data "
            "for a SOC 2 Type II report before they sign; it is the usual procurement gate for B2B "
            "software." + bridge,
            "AICPA, 2017 Trust Services Criteria (TSP section 100); AICPA SOC 2 guide (AT-C 105 and 205)",
            basis=MARKET)
    elif fedramp_in_view or (cloud_service and "state_local" in buyers):
        found["SOC 2"] = Decision(
            "SOC 2",
            "None of this company's buyers requires SOC 2, and no law does. It is still a common first "
            "step for a cloud vendor heading for FedRAMP or GovRAMP: many of its controls carry over, "
            "FedRAMP's 2026 Class A is aimed at products that already hold a SOC 2 Type II, and it is "
            "faster and cheaper to obtain.",
            "AICPA, 2017 Trust Services Criteria (TSP section 100); FedRAMP Consolidated Rules for 2026, "
            "certification classes",
            basis=RECOMMENDED)

    if fedramp_in_view:
        reason = ("A federal agency, DoD included, that has a cloud service create, collect, process, store "
                  "or maintain federal information on its behalf needs the service FedRAMP authorized, apart "
                  "from the categories OMB M-24-15 leaves out (such as social media, search engines and "
                  "services that only provide commercially available information). One authorization is "
                  "reusable across agencies. Pursue it after SOC 2: it takes the longest.")
        if "cui" in info and "federal_civilian" in buyers:
            reason += (" CUI an agency puts in the service is protected by the FedRAMP baseline (NIST SP "
                       "800-53), not by SP 800-171, because the service runs on the agency's behalf.")
        if dod_cui_cloud:
            reason += (" A FedRAMP Moderate (or higher) authorization also meets DFARS 252.204-7012's "
                       "requirement for a cloud that holds a DoD contractor's covered defense information.")
        found["FedRAMP"] = Decision("FedRAMP", reason, _CITE_FEDRAMP, basis=LAW)
    elif dod_cui_cloud:
        found["FedRAMP Moderate (or equivalent)"] = Decision(
            "FedRAMP Moderate (or equivalent)",
            "A cloud service that stores, processes or transmits covered defense information for a DoD "
            "contractor must meet security requirements equivalent to the FedRAMP Moderate baseline: a "
            "FedRAMP Moderate authorization, or equivalency as the DoD CIO memo of 21 December 2023 defines "
            "it (every Moderate control met, assessed by a FedRAMP-recognised 3PAO). It must also report "
            "incidents and support DoD's forensics under 252.204-7012(c)-(g). If DoD itself uses the service "
            "for CUI, it needs a FedRAMP authorization and a DoD provisional authorization at Impact Level 4 "
            "or 5.",
            "DFARS 252.204-7012(b)(2)(ii)(D) and (c)-(g); DoD CIO memorandum on FedRAMP Moderate equivalency "
            "(21 Dec 2023)",
            basis=LAW)

    if cloud_service and "dod" in buyers and not dod_cui_cloud:
        found["DoD provisional authorization"] = Decision(
            "DoD provisional authorization",
            "DoD components use a commercial cloud service only with a DoD provisional authorization from "
            "DISA under its Cloud Service Provider Security Requirements Guide, at the impact level of the "
            "data: Impact Level 2 (publicly releasable data, or non-public data that is neither CUI nor "
            "mission data) builds on FedRAMP Moderate, and CUI needs Impact Level 4 or 5. It starts from the "
            "FedRAMP authorization, so it comes after it.",
            "DISA Cloud Service Provider Security Requirements Guide (SRG), Version 1 Release 6 (10 Dec 2025), "
            "sections 3.6-3.7 and Table 3-1",
            basis=POLICY)

    if cloud_service and "state_local" in buyers:
        found["GovRAMP"] = Decision(
            "GovRAMP",
            "Some states make GovRAMP (formerly StateRAMP) status a procurement requirement for cloud vendors, "
            "and many other state and local buyers ask for it. It is built on NIST SP 800-53 Rev 5 and "
            "offers a fast track for FedRAMP-authorized services, so it comes last when FedRAMP is also on "
            "the road.",
            "GovRAMP programme documents (GovRAMP, formerly StateRAMP, renamed February 2025); state "
            "procurement policies",
            basis=STATE_PROCUREMENT)

    return [found[name] for name in ORDER if name in found]
