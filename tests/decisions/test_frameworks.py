"""Does frameworks_for pick the right frameworks, in the right order, for a company profile?"""
from __future__ import annotations

import pytest

from compliance_course.decisions import frameworks_for


def names(**profile):
    return [d.answer for d in frameworks_for(**profile)]


@pytest.mark.parametrize("profile, expected", [
    # HIPAA business associate selling SaaS to hospitals: BAA first, then SOC 2 (45 CFR 164.504(e))
    (dict(sells_to={"healthcare"}, handles={"phi"}, cloud_service=True), ["HIPAA", "SOC 2"]),
    # PHI handled on premises for a covered entity (e.g. a billing company with no SaaS): HIPAA only
    (dict(sells_to={"healthcare"}, handles={"phi"}, cloud_service=False), ["HIPAA"]),
    # Pure DoD FCI supplier: Level 1 (32 CFR 170.15); no separate FAR entry, Level 1 is the same 15
    (dict(sells_to={"dod"}, handles={"fci"}, cloud_service=False), ["CMMC Level 1"]),
    # CUI for DoD: SP 800-171 before the CMMC Level 2 that assesses it; FCI does not add Level 1 on top
    (dict(sells_to={"dod"}, handles={"fci", "cui"}, cloud_service=False), ["NIST SP 800-171", "CMMC Level 2"]),
    # DFARS 7012(b)(2)(ii)(D): a cloud holding a contractor's CDI needs FedRAMP Moderate or equivalent (CROSS-N5)
    (dict(sells_to={"dod"}, handles={"cui"}, cloud_service=True),
     ["NIST SP 800-171", "CMMC Level 2", "FedRAMP Moderate (or equivalent)"]),
    # CROSS-M1: a SaaS sold to DoD that holds no CUI: DoD is an agency (44 U.S.C. 3607(a) -> 3502), so FedRAMP,
    # plus DISA's provisional authorization (IL2 builds on Moderate); SOC 2 only as a recommended first step
    (dict(sells_to={"dod"}, handles={"customer_data"}, cloud_service=True),
     ["SOC 2", "FedRAMP", "DoD provisional authorization"]),
    # CROSS-M1: FCI and a cloud sold to DoD: Level 1 for the contract, FedRAMP and the DoD PA for the service
    (dict(sells_to={"dod"}, handles={"fci"}, cloud_service=True),
     ["CMMC Level 1", "SOC 2", "FedRAMP", "DoD provisional authorization"]),
    # Federal civilian SaaS: SOC 2 as the bridge, then FedRAMP (44 U.S.C. 3613)
    (dict(sells_to={"federal_civilian"}, handles={"customer_data"}, cloud_service=True), ["SOC 2", "FedRAMP"]),
    # CROSS-N3: CUI in a cloud run for a civilian agency is under FedRAMP (SP 800-53), not SP 800-171
    (dict(sells_to={"federal_civilian"}, handles={"cui"}, cloud_service=True), ["SOC 2", "FedRAMP"]),
    # CROSS-N7: FCI on a civilian contract, no cloud: FAR 52.204-21
    (dict(sells_to={"federal_civilian"}, handles={"fci"}, cloud_service=False), ["FAR 52.204-21"]),
    # State and local SaaS: SOC 2 (recommended), GovRAMP
    (dict(sells_to={"state_local"}, handles=set(), cloud_service=True), ["SOC 2", "GovRAMP"]),
    # Civilian agency sharing CUI with an on-premises contractor: SP 800-171 through 32 CFR 2002.14(h)(2)
    (dict(sells_to={"federal_civilian"}, handles={"cui"}, cloud_service=False), ["NIST SP 800-171"]),
    # Selling to hospitals without touching PHI or hosting anything: nothing
    (dict(sells_to={"healthcare"}, handles=set(), cloud_service=False), []),
    # Commercial buyers' data on-premises (e.g. a managed service): SOC 2 still expected
    (dict(sells_to={"commercial"}, handles={"customer_data"}, cloud_service=False), ["SOC 2"]),
    # CROSS-N4: a DoD CUI holder with commercial buyers: the contract obligations before the market-driven SOC 2
    (dict(sells_to={"dod", "commercial"}, handles={"cui", "customer_data"}, cloud_service=True),
     ["NIST SP 800-171", "CMMC Level 2", "SOC 2", "FedRAMP Moderate (or equivalent)"]),
    # Everything at once: the full order (the civilian FedRAMP authorization also covers the 7012 cloud case)
    (dict(sells_to={"commercial", "healthcare", "federal_civilian", "dod", "state_local"},
          handles={"phi", "cui", "customer_data"}, cloud_service=True),
     ["HIPAA", "NIST SP 800-171", "CMMC Level 2", "SOC 2", "FedRAMP", "GovRAMP"]),
])
def test_frameworks_and_order(profile, expected):
    assert names(**profile) == expected


def test_basis_labels():
    """Is each framework labelled with the right basis?"""
    found = frameworks_for(sells_to={"commercial", "healthcare", "federal_civilian", "dod", "state_local"},
                           handles={"phi", "cui"}, cloud_service=True)
    basis = {d.answer: d.basis for d in found}
    assert basis == {"HIPAA": "law or contract", "SOC 2": "market expectation",
                     "NIST SP 800-171": "law or contract", "CMMC Level 2": "law or contract",
                     "FedRAMP": "law or contract",
                     "GovRAMP": "procurement rule in some states; otherwise market expectation"}


def test_soc2_without_business_buyers_is_recommended_not_demanded():
    """CROSS-N2: with no commercial or healthcare buyer, is SOC 2 a recommendation, not 'customers ask'?"""
    soc2 = frameworks_for(sells_to={"federal_civilian"}, handles=set(), cloud_service=True)[0]
    assert soc2.answer == "SOC 2" and soc2.basis == "recommended, not required"
    assert "business customers" not in soc2.reason


def test_dod_cloud_gets_the_srg_authorization_reason():
    """CROSS-M1: does the DoD provisional authorization cite the SRG and say IL2 builds on FedRAMP Moderate?"""
    pa = frameworks_for(sells_to={"dod"}, handles=set(), cloud_service=True)[-1]
    assert pa.answer == "DoD provisional authorization" and pa.basis == "DoD policy"
    assert "Impact Level 2" in pa.reason and "Security Requirements Guide" in pa.citation


def test_cloud_provider_cmmc_reason_says_fedramp_not_cmmc_status():
    """CROSS-N6: does the CMMC reason for a cloud provider say a CSP needs FedRAMP Moderate, not its own status?"""
    found = {d.answer: d for d in frameworks_for(sells_to={"dod"}, handles={"cui"}, cloud_service=True)}
    assert "not a CMMC status of its own" in found["CMMC Level 2"].reason


@pytest.mark.parametrize("covered_entity, phrase", [(False, "business associate agreement before receiving"),
                                                    (True, "As a covered entity")])
def test_hipaa_reason_depends_on_the_role(covered_entity, phrase):
    """CROSS-N10: is a covered entity told its own duties, and a business associate the BAA rule?"""
    hipaa = frameworks_for(sells_to={"healthcare"}, handles={"phi"}, cloud_service=True,
                           covered_entity=covered_entity)[0]
    assert hipaa.answer == "HIPAA" and phrase in hipaa.reason


def test_every_decision_has_reason_and_citation():
    for d in frameworks_for(sells_to={"dod", "federal_civilian"}, handles={"cui", "phi"}, cloud_service=True):
        assert d.reason and d.citation


def test_soc2_reason_mentions_bridge_only_when_fedramp_is_in_view():
    civil = frameworks_for(sells_to={"federal_civilian"}, handles=set(), cloud_service=True)[0]
    commercial = frameworks_for(sells_to={"commercial"}, handles=set(), cloud_service=True)[0]
    assert "FedRAMP" in civil.reason and "FedRAMP" not in commercial.reason


@pytest.mark.parametrize("kwargs, message", [
    (dict(sells_to={"army"}, handles=set(), cloud_service=True),
     "sells_to: unknown value(s) 'army'; allowed: 'commercial', 'healthcare', 'federal_civilian', 'dod', 'state_local'"),
    (dict(sells_to=set(), handles={"phi", "pci"}, cloud_service=True),
     "handles: unknown value(s) 'pci'; allowed: 'phi', 'fci', 'cui', 'customer_data', 'personal_information'"),
    (dict(sells_to="dod", handles=set(), cloud_service=True),
     "sells_to must be a set of values from"),
    (dict(sells_to=set(), handles=set(), cloud_service="yes"),
     "cloud_service must be True or False; got 'yes'"),
    (dict(sells_to=set(), handles=set(), cloud_service=True, covered_entity="no"),
     "covered_entity must be True or False; got 'no'"),
])
def test_bad_input_names_allowed_values(kwargs, message):
    with pytest.raises(ValueError) as info:
        frameworks_for(**kwargs)
    assert str(info.value).startswith(message)
