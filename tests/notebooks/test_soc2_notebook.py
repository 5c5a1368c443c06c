"""Checks on notebooks/01_soc2.ipynb that nbval does not make: shape, sync with its text source, data-only numbers."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "01_soc2.ipynb"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_matches_its_text_source(nb):
    """Is the committed notebook exactly what course_data/lessons/soc2.md builds (no hand edits)?"""
    from compliance_course.lessons import build_notebook

    built = build_notebook(ROOT / "course_data" / "lessons" / "soc2.md", NOTEBOOK.name)
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c.cell_type, c.source) for c in built.cells]


def test_no_outputs_are_committed(nb):
    """Is the notebook committed without outputs or execution counts?"""
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_code_cells_are_short(nb):
    """Is every code cell a learner sees at most three lines, as a learner who never wrote Python can follow?

    The import cell is hidden (its input starts collapsed), so it may be longer.
    """
    long = [c.source for c in nb.cells if c.cell_type == "code" and len(c.source.splitlines()) > 3
            and not c.metadata.get("jupyter", {}).get("source_hidden")]
    assert not long


def test_required_parts_in_order(nb):
    """Does the notebook open with objectives, then key points, misconceptions and sources after the quiz?"""
    calls = [c.source for c in nb.cells if c.cell_type == "code"]
    joined = "\n".join(calls)
    for part in ('objectives("soc2")', "charts.criteria_chart()", "charts.timeline_chart()",
                 "scoping_tool()", "charts.report_outline()", 'scenario_cards("soc2"',
                 'practice_quiz("soc2"', 'key_points("soc2")', 'misconceptions("soc2")', 'sources("soc2")'):
        assert part in joined, part
    assert calls[0].startswith("from compliance_course")
    assert calls[1] == 'objectives("soc2")'
    assert calls.index('key_points("soc2")') < calls.index('misconceptions("soc2")') < calls.index('sources("soc2")')


def test_markdown_numbers_come_from_course_data(nb):
    """Does every number of two or more digits in the markdown appear in the module's course data?"""
    data = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "course_data").glob("*/soc2.yaml"))
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    missing = sorted({n for n in re.findall(r"\d{2,}", markdown) if n not in data})
    assert not missing
