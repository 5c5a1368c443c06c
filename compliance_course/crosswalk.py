"""How much the frameworks overlap, measured from published control mappings.

Everything here is computed from the reference tables in ``course_data/tables``:

- NIST SP 800-171 Rev 3 names its source controls in SP 800-53 Rev 5;
- FedRAMP Rev 5 baselines and NIST SP 800-53B baselines are sets of SP 800-53 Rev 5 controls;
- NIST SP 800-171 Rev 2 maps to SP 800-53 **Rev 4** (Appendix D), from two unofficial
  extractions that sometimes disagree: pairs found in only one are flagged uncertain.

HIPAA and SOC 2 have published mappings (NIST SP 800-66r2; the AICPA's TSC to SP 800-53
mapping) that are not in the course data, so no overlap is computed for them.
"""
from __future__ import annotations

import pandas as pd

from .data import table

#: Frameworks with a mapping elsewhere that the course data does not hold (shown, never invented).
NOT_IN_DATA = {
    "HIPAA Security Rule": "NIST SP 800-66 Rev 2 (Feb 2024) maps the Security Rule to SP 800-53 Rev 5; "
                           "not in the course data",
    "SOC 2 (TSC 2017)": "AICPA maps the 2017 Trust Services Criteria to SP 800-53 Rev 5; not in the course data",
}


def _split_ids(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def control_sets() -> dict[str, frozenset[str]]:
    """Sets of SP 800-53 Rev 5 control ids (base controls and enhancements), by framework."""
    r3 = table("nist_800_171_r3")
    r3 = r3[r3["status"] == "active"]
    sets = {"SP 800-171 Rev 3": frozenset(c for cell in r3["sp800_53r5_source_controls"] for c in _split_ids(cell))}
    fedramp = table("fedramp_rev5_baselines")
    for column, name in (("low", "FedRAMP Low"), ("moderate", "FedRAMP Moderate"), ("high", "FedRAMP High")):
        sets[name] = frozenset(fedramp.loc[fedramp[column] == 1, "control_id"])
    nist = table("nist_800_53_r5_controls")
    sets["SP 800-53B Moderate"] = frozenset(nist.loc[nist["nist_moderate"] == 1, "id"])
    return sets


def overlap_matrix() -> pd.DataFrame:
    """Share (0–1) of each row framework's controls that the column framework also holds.

    Rows and columns without mapping data (HIPAA, SOC 2) are present and empty (NaN).
    """
    sets = control_sets()
    names = list(sets) + list(NOT_IN_DATA)
    matrix = pd.DataFrame(index=names, columns=names, dtype=float)
    for a, set_a in sets.items():
        for b, set_b in sets.items():
            matrix.loc[a, b] = len(set_a & set_b) / len(set_a)
    return matrix


def r2_family_flows() -> pd.DataFrame:
    """SP 800-171 Rev 2 family → SP 800-53 Rev 4 family, counting requirement–control pairs.

    Columns: source (800-171 family), target (800-53 family id), pairs, certainty
    ("both extractions" or "one extraction only").
    """
    pairs = table("nist_800_171_r2_to_800_53r4_mapping")
    families = table("nist_800_171_r2").set_index("id")["family"]
    frame = pd.DataFrame({
        "source": pairs["req_id"].map(families),
        "target": pairs["sp800_53r4_control"].str.extract(r"^([A-Z]{2})-", expand=False),
        "certainty": (pairs["in_tbusillo"] + pairs["in_aydlette"]).map(
            {2: "both extractions", 1: "one extraction only"}),
    })
    return (frame.groupby(["source", "target", "certainty"]).size().rename("pairs").reset_index()
            .sort_values(["source", "target", "certainty"], ignore_index=True))


def r2_mapping_summary() -> pd.DataFrame:
    """Per SP 800-171 Rev 2 requirement: mapped Rev 4 controls and whether the two extractions agree."""
    r2 = table("nist_800_171_r2")
    return r2[["id", "family", "sp800_53r4_mapping", "mapping_sources_agree"]].rename(
        columns={"sp800_53r4_mapping": "SP 800-53 Rev 4 controls", "mapping_sources_agree": "extractions"})


def comparison_table() -> pd.DataFrame:
    """The frameworks side by side, each row with its source and a label on its cost and time figures."""
    frame = table("framework_comparison").set_index("framework")
    return frame.rename(columns={
        "required_by": "who requires it", "assessor": "who assesses", "frequency": "how often",
        "time_to_first": "time to first result", "cost": "cost", "figures_are": "cost and time figures are"})
