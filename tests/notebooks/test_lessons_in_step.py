"""Is every notebook what its text source builds (course_data/lessons/<module>.md)?"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from compliance_course.lessons import build, build_notebook, lessons, notebook_text, read_source, write_source
from conftest import ROOT, notebook_of as _notebook


def test_every_notebook_is_in_step_with_its_text_source():
    problems = build(ROOT, check=True)
    assert problems == [], "\n".join(problems)


def test_every_module_has_a_text_source():
    missing = [str(lesson.source.relative_to(ROOT)) for lesson in lessons(ROOT) if not lesson.source.exists()]
    assert missing == []


def test_check_names_the_notebook_and_the_first_differing_cell(tmp_path):
    """A hand edit in a notebook's cell 5 is reported as that file and cell 5."""
    shutil.copytree(ROOT / "course_data", tmp_path / "course_data")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    path = tmp_path / "notebooks" / "01_soc2.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][5]["source"] = ["A sentence edited in the notebook instead of the text source."]
    path.write_text(json.dumps(nb, indent=1))
    problems = build(tmp_path, check=True)
    assert len(problems) == 1
    assert problems[0].startswith("notebooks/01_soc2.ipynb is out of step with course_data/lessons/soc2.md")
    assert "cell 5 (source)" in problems[0]
    assert build(tmp_path) and build(tmp_path, check=True) == []  # rebuilding repairs it


def test_hidden_and_collapsed_cells_survive_the_text_source(tmp_path):
    """Markdown, code, hidden code and collapsed headings become MyST cells and come back with the same metadata."""
    cells = [("md", "# Title\n\nIntro."), ("hidden", "from x import y"), ("code", "y()"),
             ("collapsed", "## Reference\n\nOn {fact-day}`cmmc-phase-2-suspended` DoD suspended Phase 2."),
             ("md", "Text +++ with plus signs\n\n\nand two blank lines.")]
    source = write_source(_notebook(cells), tmp_path / "demo.md")
    text = source.read_text()
    assert "```{code-cell}\n---\njupyter:\n  source_hidden: true\n---\nfrom x import y\n```" in text
    assert '+++ {"jp-MarkdownHeadingCollapsed": true}' in text
    assert [c.cell_type for c in read_source(source).cells] == ["markdown", "code", "code", "markdown", "markdown"]
    nb = build_notebook(source, "99_demo.ipynb")
    assert [c.metadata for c in nb.cells] == [{}, {"jupyter": {"source_hidden": True}}, {},
                                              {"jp-MarkdownHeadingCollapsed": True}, {}]
    assert "{fact-day}" not in nb.cells[3].source and "Phase 2." in nb.cells[3].source
    assert nb.cells[4].source == "Text +++ with plus signs\n\n\nand two blank lines."
    assert all(c.get("outputs", []) == [] for c in nb.cells)
    assert nb.metadata == {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                          "name": "python3"}, "language_info": {"name": "python"}}
