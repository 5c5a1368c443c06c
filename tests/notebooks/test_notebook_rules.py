"""Are the notebooks committed clean, listed in the module map, and data-driven?"""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _cells(path):
    return json.loads(path.read_text())["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    dirty = [i for i, c in enumerate(_cells(path)) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert dirty == [], f"{path.name}: cells {dirty} have outputs; clear them before committing"


def test_every_notebook_is_a_module(course):
    listed = {m.notebook for m in course.modules.values()}
    assert sorted(p.name for p in NOTEBOOKS if p.name not in listed) == []


def _module_text(course, module: str) -> str:
    """All content of a module's course_data files, as text to search numbers in."""
    parts = []
    for folder in ("facts", "questions", "scenarios", "lessons"):
        path = course.root / folder / f"{module}.yaml"
        if path.exists():
            parts.append(path.read_text())
    parts.append((course.root / "modules.yaml").read_text())
    return "\n".join(parts)


NUMBER = re.compile(r"(?<![\w.])\$?\d[\d,]*(?:\.\d+)*")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_numbers_in_prose_come_from_course_data(course, path):
    """Does every number of two or more digits in the lesson text appear in the module's course data?"""
    by_notebook = {m.notebook: m.id for m in course.modules.values()}
    text = _module_text(course, by_notebook[path.name]).replace(",", "")
    unexplained = []
    for cell in _cells(path):
        if cell["cell_type"] != "markdown":
            continue
        for token in NUMBER.findall("".join(cell["source"])):
            digits = token.lstrip("$").replace(",", "").rstrip(".")
            if len(digits.replace(".", "")) >= 2 and digits not in text:
                unexplained.append(token)
    assert unexplained == [], (f"{path.name}: numbers in markdown not found in this module's course_data: "
                               f"{sorted(set(unexplained))}; put the fact in course_data with its source")


def test_every_module_has_its_notebook(course):
    """Is each module of the map backed by a notebook learners can open?"""
    present = {p.name for p in NOTEBOOKS}
    assert sorted(m.notebook for m in course.modules.values() if m.notebook not in present) == []


@pytest.mark.parametrize("module", ["soc2", "hipaa", "nist171", "cmmc", "fedramp"])
def test_framework_modules_have_enough_content(course, module):
    """Each framework module: >= 20 practice and >= 10 exam questions, >= 8 scenarios, a scenario exam item."""
    practice = course.questions_for(module, use="practice")
    exam = course.questions_for(module, use="exam")
    assert len(practice) >= 20 and len(exam) >= 10
    assert len(course.scenarios_for(module)) >= 8
    assert any(q.scenario for q in exam)
