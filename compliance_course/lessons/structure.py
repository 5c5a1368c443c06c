"""A lesson's text source as sections: what the structure test and the minutes estimate read.

A section starts at a Markdown cell whose first line is a level-2 heading (``## ...``) and runs to the
next one; the cells before the first are the section ``""`` (title, intro, objectives). A section whose
heading cell is collapsed (``jp-MarkdownHeadingCollapsed``) folds in JupyterLab up to the next level-2
heading: a learner opens it on demand.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("md", "code", "hidden", "collapsed")


@dataclass(frozen=True)
class Cell:
    index: int
    kind: str      # "md", "code", "hidden" or "collapsed" (the kinds of scripts/nbbuild.py)
    source: str

    @property
    def is_code(self) -> bool:
        return self.kind in ("code", "hidden")


@dataclass
class Section:
    title: str                       # the heading without "## "; "" for the cells before the first
    collapsed: bool = False
    cells: list[Cell] = field(default_factory=list)


def read_cells(path: Path) -> list[Cell]:
    """The cells of a text source, each with the kind it would have had in a build script."""
    from . import read_source

    out = []
    for i, cell in enumerate(read_source(Path(path)).cells):
        text = cell.source.strip("\n")
        if cell.cell_type == "markdown":
            kind = "collapsed" if cell.metadata.get("jp-MarkdownHeadingCollapsed") else "md"
        else:
            kind = "hidden" if cell.metadata.get("jupyter", {}).get("source_hidden") else "code"
        out.append(Cell(i, kind, text))
    return out


def sections(cells: list[Cell]) -> list[Section]:
    out = [Section("")]
    for cell in cells:
        if not cell.is_code and cell.source.startswith("## "):
            out.append(Section(cell.source.splitlines()[0][3:].strip(), cell.kind == "collapsed"))
        out[-1].cells.append(cell)
    return out


@dataclass(frozen=True)
class Call:
    """One call of a code cell: ``practice_quiz("soc2", ids=[...], record_progress=False)``."""
    name: str                 # dotted, as written: "practice_quiz", "tools.level_finder"
    args: tuple
    kwargs: dict


def calls(source: str) -> list[Call]:
    """The top-level calls of a code cell, with literal arguments (others as None)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    out = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            call = node.value
            out.append(Call(ast.unparse(call.func), tuple(_literal(a) for a in call.args),
                            {k.arg: _literal(k.value) for k in call.keywords if k.arg}))
    return out


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def tool_names(cells: list[Cell]) -> set[str]:
    """Names that call a tool: imported from ``compliance_course.tools``, or ``alias.x`` of its modules."""
    names: set[str] = set()
    for cell in cells:
        if not cell.is_code:
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("compliance_course.tools"):
                for alias in node.names:
                    name = alias.asname or alias.name
                    # `from compliance_course.tools import cmmc as tools`: a module, its functions are tools
                    names.add(name + "." if node.module == "compliance_course.tools" else name)
    return names


def is_tool(call: Call, tools: set[str]) -> bool:
    return call.name in tools or any(t.endswith(".") and call.name.startswith(t) for t in tools)


WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%$-]*")
_MARKUP = [re.compile(p) for p in (r"\]\([^)]*\)",          # link targets
                                   r"<[^>]+>",               # HTML tags
                                   r"\{[a-z][a-z0-9-]*\}`[^`]*`")]  # placeholder roles count as one word


def words(markdown: str) -> int:
    text = markdown
    text = _MARKUP[0].sub("]", text)
    text = _MARKUP[1].sub(" ", text)
    text = _MARKUP[2].sub(" X ", text)
    return len(WORD.findall(text))
