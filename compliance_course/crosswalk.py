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

from .data import load_course, table
from .data.models import Fact

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


def _usd(low: int, high: int) -> str:
    return f"{low:,} to {high:,} US dollars"


def _figure_kind(fact: Fact) -> str:
    """What kind of figure a fact holds, in the words the table uses."""
    if "regulatory-estimate" in fact.tags:
        return "DoD regulatory estimate"
    if {"estimate", "market-estimate"} & set(fact.tags):
        return "market estimate"
    return "official figure" if fact.confidence == "primary" else "estimate"


def _time_text(fact: Fact) -> str:
    """A duration read from a fact: a SOC 2 timeline phase (its end on the fast and slow paths,
    as the SOC 2 module charts it) or a fact with low_months/high_months."""
    value = fact.value
    if fact.module == "soc2" and "timeline" in fact.tags:
        from .charts.soc2 import timeline_frame  # the SOC 2 module's own timeline, so both agree
        ends = timeline_frame().query("order == @value['order']")["end"]
        return f"{ends.min():g} to {ends.max():g} months to the first {value['phase']}"
    text = f"{value['low_months']} to {value['high_months']} months"
    if "claim_low_months" in value:
        text += (f" (a claim repeated on many web pages: {value['claim_low_months']} to "
                 f"{value['claim_high_months']})")
    return text


def _cost_text(fact: Fact) -> str:
    """A cost read from a fact: a low/high range in US dollars, or a single figure."""
    value = fact.value
    if isinstance(value, dict):
        text = _usd(value["cost_low_usd"], value["cost_high_usd"])
        if "claim_cost_low_usd" in value:
            text += f" (a claim repeated on many web pages: {_usd(value['claim_cost_low_usd'], value['claim_cost_high_usd'])})"
        if fact.module == "soc2":
            text += f" for the {value['phase']} audit fee of a small organisation"
        return text
    return f"{value:,} {fact.unit or ''}".strip()


def comparison_table() -> pd.DataFrame:
    """The frameworks side by side, each row with its source and a label on its cost and time figures.

    Cost and time are read from the facts each row names (``time_fact``, ``cost_fact``), so a
    figure lives in one place: the module that teaches it.
    """
    facts = load_course().facts
    frame = table("framework_comparison").set_index("framework")
    times, costs, kinds, sources = [], [], [], []
    for name, row in frame.iterrows():
        used = [facts[f] for f in dict.fromkeys((row["time_fact"], row["cost_fact"])) if f]
        times.append(_time_text(facts[row["time_fact"]]) if row["time_fact"] else "No official figure")
        costs.append(_cost_text(facts[row["cost_fact"]]) if row["cost_fact"] else "No official figure")
        kinds.append(", ".join(dict.fromkeys(_figure_kind(f) for f in used)) or "not applicable")
        sources.append("; ".join([row["source"], *(f"{f.source} (as of {f.as_of})" if f.as_of else f.source
                                                   for f in used)]))
    frame = frame.drop(columns=["time_fact", "cost_fact"]).assign(
        time_to_first=times, cost=costs, figures_are=kinds, source=sources)
    return frame.rename(columns={
        "required_by": "who requires it", "assessor": "who assesses", "frequency": "how often",
        "time_to_first": "time to first result", "cost": "cost", "figures_are": "cost and time figures are"})
