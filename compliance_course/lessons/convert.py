"""Turn a ``scripts/build_*.py`` (a CELLS list written by ``scripts/nbbuild.py``) into a text source.

    python -m compliance_course.lessons convert scripts/build_soc2.py [more scripts...]

The script runs as its own ``__main__`` with a stand-in ``nbbuild`` whose ``build`` records the
notebook path and the cells instead of writing, and whose ``fact_day(id)`` returns the placeholder
``{fact-day}`id``` instead of the date, so a date in prose stays read from course data. Expressions
other than ``fact_day`` inside an f-string of the script (``{pass_mark():g}``, ...) become the
placeholder listed in :data:`KNOWN_EXPRESSIONS`, and names bound at the top of the script to text
(``M = "hipaa"``, ``P2 = day("cmmc-phase-2")``) are allowed; any other expression stops the conversion
with the script's line, since baking its value into the text would freeze it. (Text computed outside
f-strings, ``"..." + some_call()``, is not inspected: today's module scripts have none.)

Kinds map to cells: "md" a Markdown cell, "code" a code cell, "hidden" a code cell with
``jupyter: {source_hidden: true}``, "collapsed" a Markdown cell with ``jp-MarkdownHeadingCollapsed``.
The module comes from the notebook path the script builds (``course_data/modules.yaml``).
"""
from __future__ import annotations

import ast
import runpy
import sys
import types
from pathlib import Path

import nbformat

from ..errors import CourseDataError
from . import _root, lessons, write_source

# f-string expressions of today's scripts that are build-time text, and the placeholder for each.
KNOWN_EXPRESSIONS = {
    "fastest_growing_families()": "{fedramp-growing-families}`5`",
    "pass_mark():g": "{pass-mark}`exam`",
    "pass_mark()": "{pass-mark}`exam`",
}
FACT_DAY_NAMES = {"fact_day", "day", "nbbuild.fact_day"}


def _role(fact_id: str) -> str:
    return f"{{fact-day}}`{fact_id}`"  # what the stand-in nbbuild.fact_day returns


class _Placeholders(ast.NodeTransformer):
    """Replace each ``{expr}`` of an f-string by a constant placeholder (or record it as unknown)."""

    def __init__(self, source: str, names: set[str]):
        self.source = source
        self.names = names  # top-level names bound to text: M = "hipaa", P2 = day("cmmc-phase-2")
        self.unknown: list[str] = []

    def visit_If(self, node: ast.If):
        # `if __name__ == "__main__": print(f"wrote {build(...)}")` is not lesson text
        if "__name__" in ast.unparse(node.test):
            return node
        return self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr):
        parts = []
        for value in node.values:
            if not isinstance(value, ast.FormattedValue):
                parts.append(value)
                continue
            expr = ast.get_source_segment(self.source, value.value) or ast.unparse(value.value)
            spec = ""
            if value.format_spec is not None:
                spec = ":" + "".join(v.value for v in value.format_spec.values if isinstance(v, ast.Constant))
            call = value.value
            if isinstance(call, ast.Call) and ast.unparse(call.func) in FACT_DAY_NAMES and not spec:
                parts.append(value)  # the stand-in fact_day returns the placeholder when the script runs
            elif isinstance(call, ast.Name) and call.id in self.names and not spec:
                parts.append(value)  # NAME = "text", = fact_day(...) or = f"..." (checked itself)
            elif expr + spec in KNOWN_EXPRESSIONS:
                parts.append(ast.Constant(KNOWN_EXPRESSIONS[expr + spec]))
            else:
                self.unknown.append(f"line {value.lineno}: {{{expr}{spec}}}")
                parts.append(value)
        node.values = parts
        return node


def script_cells(script: Path, freeze: bool = False) -> tuple[Path, list[tuple[str, str]]]:
    """Run a build script with the stand-in nbbuild; the notebook path it builds and its cells.

    ``freeze``: let other f-string expressions (section numbers, question-id lists a script builds
    from its own constants) be written into the text as their values, and print each one, instead of
    stopping. Dates must still come through ``fact_day``.
    """
    script = Path(script).resolve()
    source = script.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(script))
    def is_text(value) -> bool:
        return ((isinstance(value, ast.Constant) and isinstance(value.value, str)) or isinstance(value, ast.JoinedStr)
                or (isinstance(value, ast.Call) and ast.unparse(value.func) in FACT_DAY_NAMES))
    names = {t.id for node in tree.body if isinstance(node, ast.Assign) and is_text(node.value)
             for t in node.targets if isinstance(t, ast.Name)}
    fixer = _Placeholders(source, names)
    tree = ast.fix_missing_locations(fixer.visit(tree))
    if fixer.unknown and freeze:
        print(f"{script.name}: written as text: {'; '.join(fixer.unknown)}", file=sys.stderr)
    elif fixer.unknown:
        raise CourseDataError(f"{script.name}: f-string expressions with no placeholder: "
                              f"{'; '.join(fixer.unknown)}. Use fact_day(...) for a date, or add a role to "
                              f"compliance_course/lessons/roles.py and the expression to KNOWN_EXPRESSIONS")
    built: list[tuple[Path, list]] = []
    stand_in = types.ModuleType("nbbuild")
    stand_in.build = lambda path, cells: built.append((Path(path), list(cells))) or Path(path)
    stand_in.fact_day = _role
    saved = sys.modules.get("nbbuild")
    sys.modules["nbbuild"] = stand_in
    sys.path.insert(0, str(script.parent))
    try:
        code = compile(tree, str(script), "exec")
        namespace = {"__name__": "__main__", "__file__": str(script)}
        exec(code, namespace)  # noqa: S102 - our own build scripts
    finally:
        sys.path.remove(str(script.parent))
        if saved is None:
            sys.modules.pop("nbbuild", None)
        else:
            sys.modules["nbbuild"] = saved
    if len(built) != 1:
        raise CourseDataError(f"{script.name}: expected one build(path, CELLS) call when run as __main__, "
                              f"got {len(built)}")
    return built[0]


def cells_to_notebook(cells: list[tuple[str, str]], where: str):
    nb = nbformat.v4.new_notebook()
    for i, (kind, text) in enumerate(cells):
        text = text.strip("\n")
        if kind in ("md", "collapsed"):
            cell = nbformat.v4.new_markdown_cell(text)
            if kind == "collapsed":
                if not text.startswith("#"):
                    raise CourseDataError(f"{where}: cell {i}: a 'collapsed' cell starts with a heading")
                cell.metadata["jp-MarkdownHeadingCollapsed"] = True
        elif kind in ("code", "hidden"):
            cell = nbformat.v4.new_code_cell(text)
            if kind == "hidden":
                cell.metadata["jupyter"] = {"source_hidden": True}
        else:
            raise CourseDataError(f"{where}: cell {i}: kind must be 'md', 'code', 'hidden' or 'collapsed'; "
                                  f"got {kind!r}")
        nb.cells.append(cell)
    return nb


def convert(script: Path, root: Path | None = None, out: Path | None = None, freeze: bool = False) -> Path:
    """Write the text source of the module a build script builds; returns its path."""
    root = _root(root)
    path, cells = script_cells(script, freeze=freeze)
    by_notebook = {lesson.notebook.name: lesson for lesson in lessons(root)}
    if path.name not in by_notebook:
        raise CourseDataError(f"{Path(script).name} builds notebooks/{path.name}, which no module of "
                              f"course_data/modules.yaml lists")
    target = out or by_notebook[path.name].source
    return write_source(cells_to_notebook(cells, Path(script).name), target)
