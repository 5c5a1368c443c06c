"""Write a notebook from a list of ("md" | "code" | "hidden" | "collapsed", source) pairs, without outputs.

Interim: the course notebooks are built from their text sources, course_data/lessons/<module>.md
(``python -m compliance_course.lessons build``). The module build scripts still write their notebooks
with this until ``python -m compliance_course.lessons convert scripts/build_*.py`` has turned them into
text sources for good; then scripts/ goes. Used by the scripts that generate the course notebooks, so that every notebook
is produced the same way: nbformat 4, Python 3 kernel, no outputs, stable ids.
A "hidden" cell is a code cell whose input is collapsed (``jupyter.source_hidden``): a
learner sees its output, not its code (imports, setup), and can click to show it.
A "collapsed" cell is a Markdown heading whose section starts folded
(``jp-MarkdownHeadingCollapsed``): reference material and facilitator notes a learner opens on demand.

``language_info`` holds the language's name only: JupyterLab completes it from the kernel
(Python's version is the learner's), and `make lab` opens notebooks with it already complete
(``compliance_course.labserver``), so opening a notebook does not mark it changed.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat


def build(path: str | Path, cells: list[tuple[str, str]]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, (kind, source) in enumerate(cells):
        source = source.strip("\n")
        if kind not in ("md", "code", "hidden", "collapsed"):
            raise ValueError(f"{Path(path).name}: cell {i}: kind must be 'md', 'code', 'hidden' or 'collapsed'; "
                             f"got {kind!r}")
        if kind in ("md", "collapsed"):
            cell = nbformat.v4.new_markdown_cell(source)
        else:
            cell = nbformat.v4.new_code_cell(source)
        if kind == "hidden":
            cell.metadata["jupyter"] = {"source_hidden": True}
        if kind == "collapsed":
            if not source.startswith("#"):
                raise ValueError(f"{Path(path).name}: cell {i}: a 'collapsed' cell starts with a heading")
            cell.metadata["jp-MarkdownHeadingCollapsed"] = True
        # Stable cell ids keep rebuilds byte-identical.
        cell.id = hashlib.sha1(f"{Path(path).stem}:{i}".encode()).hexdigest()[:8]
        nb.cells.append(cell)
    nbformat.validate(nb)
    path = Path(path)
    nbformat.write(nb, path)
    return path


def fact_day(fact_id: str) -> str:
    """A course fact's date as prose, e.g. "7 December 2026" (the {fact-day} role of the text sources).

    Build scripts put dates into markdown with this; ``python -m compliance_course.lessons convert``
    turns each call into the placeholder {fact-day}`<id>`, expanded again when the notebook is built.
    """
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from compliance_course.lessons.roles import fact_day as day

    return day(fact_id)
