"""Are notebooks 03, 04, 05 and 06 exactly what their build scripts produce (prose dates read from course data)?"""
import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILDS = {"03_nist_800_171.ipynb": "build_nist171.py", "04_cmmc.ipynb": "build_04_cmmc.py", "05_fedramp.ipynb": "build_fedramp.py",
          "06_cross_framework.ipynb": "build_cross_framework.py"}


def _cells(script: str):
    sys.path.insert(0, str(ROOT / "scripts"))  # the scripts import their sibling nbbuild
    try:
        spec = importlib.util.spec_from_file_location(Path(script).stem, ROOT / "scripts" / script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return [(kind, source.strip("\n")) for kind, source in module.CELLS]


def _kind(cell) -> str:
    """The nbbuild kind a notebook cell was written as: its type, and whether it starts hidden or folded."""
    if cell.cell_type == "markdown":
        return "collapsed" if cell.metadata.get("jp-MarkdownHeadingCollapsed") else "md"
    return "hidden" if cell.metadata.get("jupyter", {}).get("source_hidden") else "code"


@pytest.mark.parametrize("notebook, script", BUILDS.items())
def test_notebook_matches_its_build_script(notebook, script):
    """Is the committed notebook what the script builds from today's course data (no hand edits, no stale dates)?"""
    nb = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    assert [(_kind(c), c.source) for c in nb.cells] == _cells(script), (
        f"notebooks/{notebook} differs from scripts/{script}: run the script to rebuild it")
