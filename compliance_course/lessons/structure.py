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
    kind: str      # "md", "code", "hidden" (code whose input starts collapsed) or "collapsed" (a folded heading)
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


NUMBERED = re.compile(r"^(\d+)\. \S")
TAIL = ["Quiz", "More practice", "Key points", "Sources", "Reference", "For facilitators"]
#: The module's last section: the Next / Back to start links (not collapsed, so always visible).
WHERE_NEXT = "Where next"
COLLAPSED = {"More practice", "Reference", "For facilitators"}
#: Only when questions are left over once the sections and the Quiz have theirs (issue 20: every bank
#: question appears in a section, the Quiz, or a clearly marked "More practice" part).
OPTIONAL = {"More practice"}
NEXT = re.compile(r"\*\*Next:\*\* (\[[^\]]+\]\((?P<next>[^)]+\.ipynb)\)|\{module-link\}`(?P<module>[a-z0-9_]+)`)")
BACK = "[Back to start](00_start_here.ipynb)"


def _code_lines(source: str) -> list[str]:
    """A code cell's lines that are code (comments and blank lines left out)."""
    return [line for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _quizzes(section: Section) -> list[tuple[Cell, Call]]:
    return [(cell, call) for cell in section.cells if cell.is_code for call in calls(cell.source)
            if call.name == "practice_quiz"]


def check(cells: list[Cell], module: str, practice_ids: list[str], next_notebook: str,
          where: str, next_module: str | None = None) -> list[str]:
    """What a module's text source lacks against the section pattern (LESSONS_BRIEF), one line each,
    naming the file (``where``), the section and what is missing. Empty when it follows the pattern."""
    problems: list[str] = []

    def say(section: str, text: str) -> None:
        problems.append(f"{where}: {section}: {text}")

    parts = sections(cells)
    head = parts[0]
    if not head.cells or head.cells[0].kind != "md" or not head.cells[0].source.startswith("# "):
        say("opening", "the first cell is not a Markdown title ('# ...')")
    if not any(c.kind == "hidden" and _code_lines(c.source)[:1] and _code_lines(c.source)[0].startswith(("from ", "import "))
               for c in head.cells):
        say("opening", "no hidden import cell before the first section")
    if not any(call.name == "objectives" and call.args[:1] == (module,)
               for c in head.cells if c.is_code for call in calls(c.source)):
        say("opening", f'no objectives("{module}") cell before the first section')

    numbered = [s for s in parts[1:] if NUMBERED.match(s.title)]
    titles = [s.title for s in parts[1:]]
    if not numbered:
        say("sections", "no numbered section ('## 1. ...')")
    for n, s in enumerate(numbered, start=1):
        name = f"'## {s.title}'"
        if int(NUMBERED.match(s.title).group(1)) != n:
            say(name, f"numbered out of order (expected {n})")
        quizzes = _quizzes(s)
        last_code = [c for c in s.cells if c.is_code][-1:]
        if len(quizzes) != 1 or not last_code or quizzes[0][0] is not last_code[0]:
            say(name, "does not end with one practice_quiz check cell "
                      f'(practice_quiz("{module}", ids=[2 to 4 ids], record_progress=False))')
        else:
            cell, call = quizzes[0]
            ids = call.kwargs.get("ids")
            if not isinstance(ids, list) or not 2 <= len(ids) <= 4:
                say(name, f"its check has {len(ids) if isinstance(ids, list) else 'no list of'} ids; 2 to 4 wanted")
            if call.kwargs.get("record_progress") is not False:
                say(name, "its check records progress; add record_progress=False (only the Quiz records)")
            before = s.cells[:s.cells.index(cell)]
            if not any(c.kind == "md" and "Check yourself" in c.source for c in before[-2:]):
                say(name, "no 'Check yourself' line just before its check")
    # the fixed tail, in order
    positions = []
    for title in TAIL:
        found = [s for s in parts[1:] if s.title == title]
        if not found and title in OPTIONAL:
            continue
        if not found:
            say(f"'## {title}'", "missing" + (" (a collapsed heading)" if title in COLLAPSED else ""))
            continue
        s = found[0]
        positions.append(titles.index(title))
        if title in COLLAPSED and not s.collapsed:
            say(f"'## {title}'", "is not collapsed (kind 'collapsed': jp-MarkdownHeadingCollapsed)")
        if title == "Quiz":
            quizzes = _quizzes(s)
            ids = quizzes[0][1].kwargs.get("ids") if len(quizzes) == 1 else None
            if not isinstance(ids, list) or not 8 <= len(ids) <= 10:
                say("'## Quiz'", "wants one practice_quiz with 8 to 10 ids")
            elif quizzes[0][1].kwargs.get("record_progress") is False:
                say("'## Quiz'", "must record progress (no record_progress=False)")
        if title == "More practice":
            quizzes = _quizzes(s)
            if len(quizzes) != 1 or quizzes[0][1].kwargs.get("record_progress") is not False:
                say("'## More practice'", "wants one practice_quiz(..., record_progress=False) with the rest")
        if title == "Key points":
            names = {call.name for c in s.cells if c.is_code for call in calls(c.source)}
            for need in ("key_points", "misconceptions"):
                if need not in names:
                    say("'## Key points'", f'no {need}("{module}") cell')
        if title == "Sources" and not any(call.name == "sources" for c in s.cells if c.is_code
                                          for call in calls(c.source)):
            say("'## Sources'", f'no sources("{module}") cell')
    if positions != sorted(positions):
        say("sections", "the closing sections are not in the order " + ", ".join(TAIL))
    if numbered and positions and titles.index(numbered[-1].title) > positions[0]:
        say("sections", "a numbered section comes after '## Quiz'")

    # every practice question exactly once
    seen: dict[str, int] = {}
    for s in parts:
        for _, call in _quizzes(s):
            ids = call.kwargs.get("ids")
            if not isinstance(ids, list):
                say(f"'## {s.title}'" if s.title else "opening",
                    f'practice_quiz("{module}") without ids= shows every question; name the ids')
                continue
            for qid in ids:
                seen[qid] = seen.get(qid, 0) + 1
    missing = [q for q in practice_ids if q not in seen]
    twice = sorted(q for q, n in seen.items() if n > 1)
    unknown = sorted(q for q in seen if q not in practice_ids)
    if missing:
        say("practice questions", f"not in any section check, the Quiz or More practice: {', '.join(missing)}")
    if twice:
        say("practice questions", f"appear more than once: {', '.join(twice)}")
    if unknown:
        say("practice questions", f"not practice questions of {module}: {', '.join(unknown)}")

    # the last cell (optionally under its own '## Where next' heading, so that it is not folded into the
    # collapsed part above it): a Next link to the following module and the way back to the start
    last = cells[-1] if cells else None
    text = last.source if last and last.kind == "md" else ""
    found = NEXT.search(text)
    if not found or BACK not in text:
        say("last cell", f"is not '**Next:** [<title>](<notebook>) · {BACK}' (or {{module-link}}`<module>`)")
    else:
        target = found["next"] or found["module"]
        wanted = next_notebook if found["next"] else next_module
        if target != wanted:
            say("last cell", f"Next links {target}; the next module is {wanted}")
    return problems
