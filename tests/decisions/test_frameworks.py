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
    # Pure DoD FCI supplier: Level 1 (32 CFR 170.15)
    (dict(sells_to={"dod"}, handles={"fci"}, cloud_service=False), ["CMMC Level 1"]),
    # CUI for DoD: SP 800-171 before the CMMC Level 2 that assesses it; FCI does not add Level 1 on top
    (dict(sells_to={"dod"}, handles={"fci", "cui"}, cloud_service=False), ["NIST SP 800-171", "CMMC Level 2"]),
    # DFARS 7012(b)(2)(ii)(D): a cloud holding CDI needs FedRAMP Moderate or equivalent
    (dict(sells_to={"dod"}, handles={"cui"}, cloud_service=True), ["NIST SP 800-171", "CMMC Level 2", "FedRAMP"]),
    # Federal civilian SaaS: SOC 2 as the bridge, then FedRAMP (44 U.S.C. 3613)
    (dict(sells_to={"federal_civilian"}, handles={"customer_data"}, cloud_service=True), ["SOC 2", "FedRAMP"]),
    # State and local SaaS: SOC 2, GovRAMP
    (dict(sells_to={"state_local"}, handles=set(), cloud_service=True), ["SOC 2", "GovRAMP"]),
    # Civilian agency sharing CUI with an on-premises contractor: SP 800-171 through 32 CFR 2002.14(h)(2)
    (dict(sells_to={"federal_civilian"}, handles={"cui"}, cloud_service=False), ["NIST SP 800-171"]),
    # Selling to hospitals without touching PHI or hosting anything: nothing
    (dict(sells_to={"healthcare"}, handles=set(), cloud_service=False), []),
    # Commercial buyers' data on-premises (e.g. a managed service): SOC 2 still expected
    (dict(sells_to={"commercial"}, handles={"customer_data"}, cloud_service=False), ["SOC 2"]),
    # Everything at once: the full order
    (dict(sells_to={"commercial", "healthcare", "federal_civilian", "dod", "state_local"},
          handles={"phi", "cui", "customer_data"}, cloud_service=True),
     ["HIPAA", "SOC 2", "NIST SP 800-171", "CMMC Level 2", "FedRAMP", "GovRAMP"]),
])
def test_frameworks_and_order(profile, expected):
    assert names(**profile) == expected


def test_basis_law_or_market():
    """Is each framework labelled with the right basis?"""
    found = frameworks_for(sells_to={"commercial", "healthcare", "federal_civilian", "dod", "state_local"},
                           handles={"phi", "cui"}, cloud_service=True)
    basis = {d.answer: d.basis for d in found}
    assert basis == {"HIPAA": "law or contract", "SOC 2": "market expectation",
                     "NIST SP 800-171": "law or contract", "CMMC Level 2": "law or contract",
                     "FedRAMP": "law or contract", "GovRAMP": "market expectation"}


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
])
def test_bad_input_names_allowed_values(kwargs, message):
    with pytest.raises(ValueError) as info:
        frameworks_for(**kwargs)
    assert str(info.value).startswith(message)
