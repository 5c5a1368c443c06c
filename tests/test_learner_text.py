"""Does a learner only ever see public sources, never the course's own files or the documents
the course was made from (review M9)?

Everything a learner sees is scanned: every text of course_data/ (facts, lessons, questions,
scenarios, modules, tables' source lines, workshop), the Markdown of every notebook, and the
titles and captions of the course's charts. It fails on:

- the client the course was written for: "our customer('s)", "customer glossary", "customer seed",
  "the glossary this course started from", or that glossary in disguise ("a widely copied
  glossary", "the same glossary"): a common claim is introduced as one "many web pages" repeat;
- the seed documents ("seed", "../shared/");
- repository paths used as sources: "course_data/", or a file name ending .yaml/.yml/.md/.py/.csv.

"customer" alone is allowed: SOC 2 is about a service organisation's customers.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

INTERNAL = re.compile(
    r"\bour customer(?:'s|s')?\b|\bcustomer(?:'s)? (?:glossary|seed)\b|\bglossary this course\b"
    r"|\b(?:widely copied|same|the) glossary\b"
    r"|\bseed\b|\.\./shared|\bshared/seed"
    r"|course_data/|\b[\w./-]+\.(?:ya?ml|md|py|csv)\b",
    re.IGNORECASE)
#: Keys whose values a learner never sees (identifiers, engine inputs, file names).
NOT_SHOWN = {"id", "tags", "module", "key", "engine", "file", "url", "type", "confidence", "difficulty",
             "answer", "expected", "inputs", "as_of", "notebook", "partial", "not_met", "status",
             "category", "series", "first", "last", "starts_after", "order", "framework"}


def _texts(node, where: str):
    """(where, text) for every learner-visible string in a YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key) not in NOT_SHOWN:
                yield from _texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id", i) if isinstance(value, dict) else i
            yield from _texts(value, f"{where}[{label}]")
    elif isinstance(node, str):
        yield where, node


def _found(pairs) -> list[str]:
    return [f"{where}: …{m.string[max(0, m.start() - 40):m.end() + 40]}…"
            for where, text in pairs for m in [INTERNAL.search(text)] if m]


DATA_FILES = sorted((ROOT / "course_data").rglob("*.yaml"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", DATA_FILES, ids=[str(p.relative_to(ROOT / "course_data")) for p in DATA_FILES])
def test_course_data_cites_only_public_documents(path: Path):
    found = _found(_texts(yaml.safe_load(path.read_text(encoding="utf-8")), path.name))
    assert found == [], f"{len(found)} internal reference(s) a learner would see:\n" + "\n".join(found)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_markdown_cites_only_public_documents(path: Path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    pairs = [(f"{path.name} cell {i}", "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
             for i, c in enumerate(cells) if c["cell_type"] == "markdown"]
    found = _found(pairs)
    assert found == [], f"{len(found)} internal reference(s) a learner would see:\n" + "\n".join(found)


def test_chart_titles_and_captions_cite_only_public_documents():
    from compliance_course.charts import cmmc, cross_framework, fedramp, hipaa, module_map, nist171, soc2
    figures = {"module_map": module_map(), "cmmc.phase_timeline": cmmc.phase_timeline(),
               "cmmc.levels_chart": cmmc.levels_chart(), "cmmc.poam": cmmc.poam_eligibility_chart(),
               "cross.heatmap": cross_framework.overlap_heatmap(), "cross.sankey": cross_framework.r2_sankey(),
               "fedramp.per_family": fedramp.controls_per_family(), "fedramp.growth": fedramp.baseline_growth(),
               "fedramp.roadmap": fedramp.roadmap_timeline(), "hipaa.security_rule": hipaa.security_rule_chart(),
               "hipaa.penalties": hipaa.penalty_history(), "nist171.by_family": nist171.requirements_by_family(),
               "nist171.points": nist171.points_by_family(), "nist171.waterfall": nist171.sprs_waterfall(),
               "soc2.criteria": soc2.criteria_chart(), "soc2.timeline": soc2.timeline_chart()}
    pairs = [(f"{name} {part}", text) for name, fig in figures.items()
             for part, text in [("title", fig.layout.title.text or ""), ("subtitle", fig.layout.title.subtitle.text or "")]
             + [("annotation", a.text or "") for a in fig.layout.annotations]]
    found = _found(pairs)
    assert found == [], "\n".join(found)


def test_the_pattern_catches_what_the_review_found():
    """The review's own examples (M9) must fail; ordinary uses of "customer" must not."""
    for text in ["Our customer's glossary says", "Course glossary (customer seed)",
                 "Course policy: course_data/exams.yaml", "Course content review of course_data/facts/hipaa.yaml",
                 "FedRAMP CR26 class.md", "The customer glossary this course started from",
                 "Source: course_data/facts/fedramp.yaml", "A widely copied glossary says",
                 "The same glossary calls SOC 2"]:
        assert INTERNAL.search(text), text
    for text in ["Customers' security reviewers, under NDA", "the CUECs customers must run",
                 "Many web pages say", "axveil.com SOC 2 glossary", "45 CFR 164.308(a)(5)(i)", "NIST SP 800-171 Rev 2, 3.1.1"]:
        assert not INTERNAL.search(text), text


TABLE_FILES = sorted((ROOT / "course_data" / "tables").glob("*.csv"))


@pytest.mark.parametrize("path", TABLE_FILES, ids=[p.name for p in TABLE_FILES])
def test_reference_tables_cite_only_public_documents(path: Path):
    import csv
    with path.open(encoding="utf-8", newline="") as handle:
        pairs = [(f"{path.name} row {i} {column}", value) for i, row in enumerate(csv.DictReader(handle), 2)
                 for column, value in row.items() if value]
    found = _found(pairs)
    assert found == [], "\n".join(found[:20])
