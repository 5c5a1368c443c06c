"""Is every notebook what its text source builds (course_data/lessons/<module>.md), and does the
converter from the old build scripts reproduce today's notebooks?"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from compliance_course.lessons import build, build_notebook, lessons, notebook_text, read_source, write_source
from compliance_course.lessons.convert import cells_to_notebook, convert, script_cells
from conftest import ROOT

SCRIPTS = sorted(p for p in (ROOT / "scripts").glob("build_*.py")) if (ROOT / "scripts").exists() else []


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
    """The four kinds of nbbuild become MyST cells and come back with the same metadata."""
    cells = [("md", "# Title\n\nIntro."), ("hidden", "from x import y"), ("code", "y()"),
             ("collapsed", "## Reference\n\nOn {fact-day}`cmmc-phase-2-suspended` DoD suspended Phase 2."),
             ("md", "Text +++ with plus signs\n\n\nand two blank lines.")]
    source = write_source(cells_to_notebook(cells, "demo"), tmp_path / "demo.md")
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


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_converting_a_build_script_reproduces_its_notebook(script, tmp_path):
    """convert(script) then build gives the committed notebook byte for byte (while scripts/ exists)."""
    source = convert(script, ROOT, out=tmp_path / "lesson.md")
    notebook = ROOT / "notebooks" / script_cells(script)[0].name
    assert notebook_text(build_notebook(source, notebook.name)) == notebook.read_text(), (
        f"{script.name}: the converted text source does not rebuild notebooks/{notebook.name}")


def test_the_converter_keeps_dates_as_placeholders(tmp_path):
    script = ROOT / "scripts" / "build_04_cmmc.py"
    if not script.exists():
        pytest.skip("scripts/ has been converted and removed")
    text = convert(script, ROOT, out=tmp_path / "cmmc.md").read_text()
    assert "{fact-day}`cmmc-phase-2-suspended`" in text and "13 July 2026" not in text


SCRIPT = '''
from pathlib import Path
from nbbuild import build, fact_day as day
import nbbuild

M = "cmmc"
P2 = day("cmmc-phase-2")
CELLS = [
    ("md", f"# Title\\n\\nPhase 2 from {P2}, suspended on {day('cmmc-phase-2-suspended')} ({M})."),
    ("hidden", "from compliance_course.quiz import practice_quiz"),
    ("collapsed", "## Reference\\n\\nSince " + nbbuild.fact_day("cmmc-phase-1") + "."),
    ("code", f'practice_quiz("{M}", ids=["a", "b"], record_progress=False)'),
]
if __name__ == "__main__":
    print(f"wrote {build(Path(__file__).parent / 'notebooks' / '04_cmmc.ipynb', CELLS)}")
'''


def test_the_converter_handles_aliases_names_and_kinds(tmp_path):
    script = tmp_path / "build_demo.py"
    script.write_text(SCRIPT)
    text = convert(script, ROOT, out=tmp_path / "demo.md").read_text()
    assert ("Phase 2 from {fact-day}`cmmc-phase-2`, suspended on {fact-day}`cmmc-phase-2-suspended` (cmmc)."
            in text)
    assert "Since {fact-day}`cmmc-phase-1`." in text
    nb = build_notebook(tmp_path / "demo.md", "04_cmmc.ipynb")
    assert [c.metadata for c in nb.cells] == [{}, {"jupyter": {"source_hidden": True}},
                                              {"jp-MarkdownHeadingCollapsed": True}, {}]
    assert nb.cells[3].source == 'practice_quiz("cmmc", ids=["a", "b"], record_progress=False)'


def test_the_converter_refuses_text_it_would_freeze(tmp_path):
    script = tmp_path / "build_demo.py"
    script.write_text(SCRIPT.replace("({M})", "({len(M)} letters)"))
    with pytest.raises(ValueError, match=r"build_demo.py: f-string expressions with no placeholder: line 9: \{len\(M\)\}"):
        convert(script, ROOT, out=tmp_path / "demo.md")
