"""Lessons written as text: MyST Markdown notebooks in ``course_data/lessons/<module>.md``.

Each lesson's source is a text notebook (jupytext's MyST Markdown format) that a specialist edits in
any editor, or in JupyterLab (jupytext opens a ``.md`` as a notebook). The ``.ipynb`` a learner runs
is built from it, never edited by hand::

    python -m compliance_course.lessons build            # every notebook of course_data/modules.yaml
    python -m compliance_course.lessons build --check    # fail naming the file and first differing cell

A built notebook has no outputs, stable cell ids (``sha1("<notebook stem>:<cell index>")[:8]``) and
only the metadata JupyterLab needs: the kernelspec and the language's name; a code cell may carry
``jupyter: {source_hidden: true}`` (hidden input, the learner sees the output), a Markdown cell
``jp-MarkdownHeadingCollapsed: true`` (its heading's section starts folded) and ``teaches: [topic, ...]``
(question tags its heading's section teaches: the end-of-quiz summary links a question with such a
tag there, see :mod:`compliance_course.quiz.sections`). Placeholders in the prose
(``{fact-day}`id```, ...) are expanded from course data: see :mod:`compliance_course.lessons.roles`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from ..errors import CourseDataError
from .roles import expand

FORMAT = "md:myst"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# Cell metadata a lesson may carry; everything else jupytext or an editor adds is dropped.
CODE_METADATA = ("jupyter", "tags")
MARKDOWN_METADATA = ("jp-MarkdownHeadingCollapsed", "teaches", "tags")
# The text file's header: no jupytext version, so upgrading jupytext does not rewrite every lesson.
HEADER_FILTER = "-jupytext.text_representation.jupytext_version,-jupytext.text_representation.format_version"


def _root(root: Path | None) -> Path:
    return Path(root) if root else Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Lesson:
    module: str
    source: Path      # course_data/lessons/<module>.md
    notebook: Path    # notebooks/<notebook of modules.yaml>


def lessons(root: Path | None = None) -> list[Lesson]:
    """Every module of ``course_data/modules.yaml`` with its text source and its notebook."""
    from ..data import load_course

    root = _root(root)
    course = load_course(root / "course_data")
    return [Lesson(m.id, root / "course_data" / "lessons" / f"{m.id}.md", root / "notebooks" / m.notebook)
            for m in sorted(course.modules.values(), key=lambda m: m.number)]


def read_source(path: Path):
    """The text notebook as jupytext reads it (cells with their metadata)."""
    return jupytext.read(path, fmt=FORMAT)


def build_notebook(source: Path, notebook_name: str):
    """The learner's notebook for one text source: placeholders expanded, no outputs, stable ids."""
    text_nb = read_source(source)
    where = f"course_data/lessons/{source.name}"
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    stem = Path(notebook_name).stem
    for i, cell in enumerate(text_nb.cells):
        text = cell.source.strip("\n")
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(expand(text, f"{where}: cell {i}"))
            keep = MARKDOWN_METADATA
        elif cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(text)
            keep = CODE_METADATA
        else:
            raise CourseDataError(f"{where}: cell {i}: a lesson has Markdown and code cells only, "
                                  f"not {cell.cell_type!r}")
        for key in keep:
            if key in cell.metadata:
                new.metadata[key] = cell.metadata[key]
        if new.metadata.get("jp-MarkdownHeadingCollapsed") and not text.startswith("#"):
            raise CourseDataError(f"{where}: cell {i}: a collapsed cell starts with a heading")
        new.id = hashlib.sha1(f"{stem}:{i}".encode()).hexdigest()[:8]
        nb.cells.append(new)
    nbformat.validate(nb)
    return nb


def notebook_text(nb) -> str:
    return nbformat.writes(nb) + "\n"


def first_difference(expected: str, actual: str) -> str:
    """Where two notebook texts first differ, in words: a cell number and what differs."""
    try:
        want, have = nbformat.reads(expected, as_version=4), nbformat.reads(actual, as_version=4)
    except Exception as exc:  # noqa: BLE001 - an unreadable notebook is itself the difference
        return f"the notebook cannot be read ({exc})"
    if want.metadata != have.metadata:
        return "the notebook metadata differs"
    for i, (a, b) in enumerate(zip(want.cells, have.cells)):
        for field in ("cell_type", "source", "metadata", "id", "outputs", "execution_count"):
            if a.get(field) != b.get(field):
                first = (a.get("source") or "").splitlines()[:1]
                return f"cell {i} ({field}) differs; the source's cell {i} starts {first[0][:60]!r}" if first \
                    else f"cell {i} ({field}) differs"
    if len(want.cells) != len(have.cells):
        return f"the source has {len(want.cells)} cells, the notebook {len(have.cells)}"
    return "the file's formatting differs"


def build(root: Path | None = None, check: bool = False, modules: list[str] | None = None) -> list[str]:
    """Write (or with ``check`` compare) every notebook from its text source.

    Returns the problems found in check mode (one line each, naming the file and the first differing
    cell), or the paths written.
    """
    root = _root(root)
    out = []
    for lesson in lessons(root):
        if modules and lesson.module not in modules:
            continue
        if not lesson.source.exists():
            raise CourseDataError(f"course_data/lessons/{lesson.source.name}: no text source for module "
                                  f"{lesson.module!r} (notebooks/{lesson.notebook.name})")
        text = notebook_text(build_notebook(lesson.source, lesson.notebook.name))
        rel_nb, rel_src = lesson.notebook.relative_to(root), lesson.source.relative_to(root)
        if check:
            have = lesson.notebook.read_text(encoding="utf-8") if lesson.notebook.exists() else None
            if have is None:
                out.append(f"{rel_nb}: missing; build it from {rel_src}")
            elif have != text:
                out.append(f"{rel_nb} is out of step with {rel_src}: {first_difference(text, have)}; "
                           f"run `python -m compliance_course.lessons build`")
        else:
            if not lesson.notebook.exists() or lesson.notebook.read_text(encoding="utf-8") != text:
                lesson.notebook.write_text(text, encoding="utf-8")
            out.append(str(rel_nb))
    return out


def write_source(nb, path: Path) -> Path:
    """Write a notebook's cells (with their metadata) as a MyST Markdown text notebook.

    The header keeps the kernelspec and jupytext's format name, not its version, so that a newer
    jupytext does not rewrite every lesson."""
    text_nb = nbformat.v4.new_notebook()
    text_nb.metadata = {"kernelspec": dict(KERNELSPEC), "jupytext": {"notebook_metadata_filter": HEADER_FILTER}}
    for cell in nb.cells:
        new = (nbformat.v4.new_markdown_cell(cell.source) if cell.cell_type == "markdown"
               else nbformat.v4.new_code_cell(cell.source))
        new.metadata = dict(cell.metadata)
        text_nb.cells.append(new)
    Path(path).write_text(jupytext.writes(text_nb, fmt=FORMAT), encoding="utf-8")
    return Path(path)
