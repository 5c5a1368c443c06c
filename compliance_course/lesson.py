"""Display helpers that turn course data into the parts of a lesson.

Notebook cells stay one line long: ``objectives("hipaa")``, ``fact_table("hipaa")``,
``key_points("hipaa")``, ``sources("hipaa")``.
"""
from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

from .data import Fact, load_course
from .data.tables import ReadableTable, install_display, readable_table
from .no_math import escape_dollars, no_math_markdown

# Every DataFrame a lesson cell shows is a readable table (whole cells, words for headers,
# formatted money and dates, no index, a search box when long). Lessons import this module.
install_display()

_URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]")


def _linked(text: str, url: str | None = None) -> str:
    """Markdown for a source: ``[text](url)`` when a URL is known, bare URLs in ``text`` as links."""
    if url:
        return f"[{_md_escape(text)}]({url})"
    return _URL.sub(lambda m: f"<{m.group(0)}>", _text(text))


def _md(text: str) -> Markdown:
    """Markdown output that JupyterLab does not typeset: MathJax took "$150,000 to $800,000" for
    a formula even with the dollars escaped, and skips elements with the ``mathjax_ignore`` class."""
    return Markdown(no_math_markdown(text))


def _md_escape(text: str) -> str:
    return _text(text).replace("[", "\\[").replace("]", "\\]")


def _text(text: str) -> str:
    """Course text for Markdown output: "$" escaped, or JupyterLab typesets "$500 to $1,500"
    as a formula."""
    return escape_dollars(text)


def _lesson(module: str):
    course = load_course()
    if module not in course.lessons:
        raise ValueError(f"no lesson in course_data/lessons for module {module!r}")
    return course.lessons[module]


def objectives(module: str) -> Markdown:
    """The module's objectives (and guiding questions), for the top of the notebook."""
    lesson = _lesson(module)
    course = load_course()
    meta = course.modules[module]
    lines = [f"**Time:** about {meta.minutes} minutes. **Who asks for it:** {meta.who_asks}", "",
             "**After this module you can:**"]
    lines += [f"- {_text(o)}" for o in lesson.objectives]
    if lesson.questions:
        lines += ["", "**Questions this module answers:**"] + [f"- {_text(q)}" for q in lesson.questions]
    return _md("\n".join(lines))


def key_points(module: str) -> Markdown:
    return _md("\n".join(f"- {_text(p)}" for p in _lesson(module).key_points))


def fact(fact_id: str) -> Fact:
    """One fact by id (raises KeyError naming the id if absent)."""
    facts = load_course().facts
    if fact_id not in facts:
        raise KeyError(f"no fact {fact_id!r} in course_data/facts")
    return facts[fact_id]


def show_fact(fact_id: str) -> Markdown:
    """A fact as a short quote block with its source, date and confidence label."""
    f = fact(fact_id)
    extra = f" (as of {_date(f.as_of)})" if f.as_of else ""
    unchecked = {"from-knowledge": " *Not yet checked against the primary source.*",
                 "secondary": " *Checked against a secondary source only.*"}.get(f.confidence, "")
    return _md(f"> {_text(f.statement)}{unchecked}\n>\n> <small>Source: {_linked(f.source, f.url)}{extra}</small>")


def _date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def fact_table(module: str, tag: str | None = None) -> ReadableTable:
    """The module's facts (optionally one tag) as a readable table with sources (``.frame``: the data)."""
    rows = [{"fact": f.statement,
             "value": "" if f.value is None else f"{_value(f.value)}{' ' + f.unit if f.unit else ''}",
             "source": f"{f.source} {f.url}" if f.url and f.url not in f.source else f.source,
             "as of": f.as_of if f.as_of else None,
             "checked": {"primary": "primary source", "secondary": "secondary source",
                         "from-knowledge": "not yet checked"}[f.confidence]}
            for f in load_course().facts_for(module, tag)]
    if not rows:
        raise ValueError(f"no facts for module {module!r}" + (f" with tag {tag!r}" if tag else ""))
    frame = pd.DataFrame(rows)
    # A column with nothing in it ("value" for facts without a number) is noise: leave it out.
    empty = [c for c in ("value", "as of") if frame[c].isna().all() or (frame[c] == "").all()]
    return readable_table(frame.drop(columns=empty))


def _value(value) -> str:
    """A fact's value in words: 104670 -> "104,670", a date -> "29 August 2026"."""
    from .data.tables import cell_text
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,}" if float(value).is_integer() else str(value)
    if isinstance(value, dict):
        return ""
    return cell_text(value)


def misconceptions(module: str) -> Markdown:
    items = _lesson(module).misconceptions
    return _md("\n".join(f"- **Claim:** {_text(m.claim)}  \n  **What the source says:** {_text(m.correction)} "
                              f"<small>({_linked(m.source, _url_of(m.source))})</small>" for m in items))


def _url_of(source: str) -> str | None:
    """The URL a fact gives for exactly this source text, if any."""
    for f in load_course().facts.values():
        if f.url and f.source == source:
            return f.url
    return None


def sources(module: str) -> Markdown:
    """The lesson's primary sources, then every distinct source behind its facts and questions."""
    course = load_course()
    listed = list(_lesson(module).sources)
    urls = {f.source: f.url for f in course.facts_for(module) if f.url}
    cited = [f.source for f in course.facts_for(module)] + [q.source for q in course.questions_for(module)]
    more = sorted(set(cited) - set(listed))
    lines = [f"- {_linked(s, urls.get(s) or _url_of(s))}" for s in listed]
    if more:
        lines += ["", "Also cited in this module's facts and questions:"]
        lines += [f"- {_linked(s, urls.get(s))}" for s in more]
    return _md("\n".join(lines))


def estimate_minutes(module: str, source=None) -> int:
    """A module's minutes, estimated from its text source ``course_data/lessons/<module>.md``.

    Reading words / 200 + 1 per question + 2 per tool, rounded up to a multiple of 5. Only what a
    learner goes through counts: parts under a collapsed heading (More practice, Reference, For
    facilitators) do not. Words are those of the Markdown cells (a link counts its text, not its
    address; a placeholder role one word), plus the course text a cell shows: the statements of
    ``show_fact`` and ``fact_table``, and the ``objectives``, ``key_points`` and ``misconceptions``
    of the lesson's YAML (charts, tables of data and sources are not counted). Questions are the ids of each ``practice_quiz`` call (all
    the module's practice questions when it names none), one per ``question(...)``, and one per
    scenario card (``scenario_cards`` with a list of ids, else all the module's scenarios). A tool is a
    code cell calling a function imported from ``compliance_course.tools``.
    """
    import math
    from fractions import Fraction
    from pathlib import Path

    from .lessons.structure import calls, is_tool, read_cells, sections, tool_names, words

    course = load_course()
    path = Path(source) if source else course.root / "lessons" / f"{module}.md"
    cells = read_cells(path)
    tools = tool_names(cells)
    n_words = n_questions = n_tools = 0
    for section in sections(cells):
        if section.collapsed:
            continue
        for cell in section.cells:
            if not cell.is_code:
                n_words += words(cell.source)
                continue
            for call in calls(cell.source):
                name = call.name.rsplit(".", 1)[-1]
                ids = call.kwargs.get("ids")
                if name == "practice_quiz":
                    n_questions += len(ids) if isinstance(ids, list) else len(
                        course.questions_for(call.args[0] if call.args else module, use="practice"))
                elif name == "question":
                    n_questions += 1
                elif name == "scenario_cards":
                    n_questions += len(ids) if isinstance(ids, list) else len(
                        course.scenarios_for(call.args[0] if call.args else module))
                elif is_tool(call, tools):
                    n_tools += 1
                else:
                    n_words += sum(words(text) for text in _shown_text(course, name, call))
    total = Fraction(n_words, 200) + n_questions + 2 * n_tools
    return 5 * math.ceil(total / 5)


def _shown_text(course, name: str, call) -> list[str]:
    """The course text a display call shows, for the reading estimate."""
    arg = call.args[0] if call.args else None
    if not isinstance(arg, str):
        return []
    if name == "show_fact" and arg in course.facts:
        return [course.facts[arg].statement]
    if name == "fact_table" and arg:
        return [f.statement for f in course.facts_for(arg, call.kwargs.get("tag"))]
    lesson = course.lessons.get(arg) if isinstance(arg, str) else None
    if lesson is None:
        return []
    if name == "objectives":
        return list(lesson.objectives) + list(lesson.questions or [])
    if name == "key_points":
        return list(lesson.key_points)
    if name == "misconceptions":
        return [f"{m.claim} {m.correction}" for m in lesson.misconceptions]
    return []


def module_table_markdown() -> str:
    """The module map as Markdown: number, framework linked to its notebook, title, estimated
    minutes, who asks. Written into the start page when it is built ({module-table}`course`)."""
    course = load_course()
    lines = ["| # | Module (click to open) | What it covers | Minutes | Who asks for it |",
             "|---|---|---|---|---|"]
    for m in sorted(course.modules.values(), key=lambda m: m.number):
        cells = [f"{m.number:02d}", f"[{m.framework}]({m.notebook})", m.title, str(estimate_minutes(m.id)),
                 m.who_asks]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def module_table() -> Markdown:
    """The module map as a Markdown table (see :func:`module_table_markdown`)."""
    return _md(module_table_markdown())


README_ROW = re.compile(r"^(\| \d+ \| `(?P<notebook>[^`]+\.ipynb)` \|.*\| )(?P<minutes>\d+)( \|)$", re.M)


def readme_with_minutes(text: str) -> str:
    """The README with the minutes column of its module map set to the estimates."""
    by_notebook = {m.notebook: m.id for m in load_course().modules.values()}
    return README_ROW.sub(lambda row: f"{row[1]}{estimate_minutes(by_notebook[row['notebook']])}{row[4]}"
                          if row["notebook"] in by_notebook else row[0], text)


def write_minutes(write: bool = False) -> list[tuple[str, int, int]]:
    """(module, estimated minutes, minutes in modules.yaml) for each module; ``write`` puts the
    estimates into ``course_data/modules.yaml`` (only the ``minutes:`` lines change) and into the
    README's module map."""
    course = load_course()
    rows = [(m.id, estimate_minutes(m.id), m.minutes)
            for m in sorted(course.modules.values(), key=lambda m: m.number)]
    if write:
        path = course.root / "modules.yaml"
        lines, current = path.read_text(encoding="utf-8").splitlines(keepends=True), None
        wanted = {module: minutes for module, minutes, _ in rows}
        for i, line in enumerate(lines):
            found = re.match(r"\s*- id:\s*(\S+)", line)
            if found:
                current = found.group(1)
            elif current in wanted and re.match(r"\s*minutes:\s*\d+\s*$", line):
                lines[i] = re.sub(r"\d+", str(wanted[current]), line)
        path.write_text("".join(lines), encoding="utf-8")
        readme = course.root.parent / "README.md"
        if readme.exists():
            readme.write_text(readme_with_minutes(readme.read_text(encoding="utf-8")), encoding="utf-8")
        load_course.cache_clear()
    return rows


def show_value(value, sentence: str = "{}") -> Markdown:
    """An engine's answer as words for a lesson cell, instead of its Python repr.

    ``show_value(cmmc.phase("2027-01-15"), "Phase {}")`` shows **Phase 2**; a date shows as
    "29 August 2026" (not ``'2026-08-29'``), a key such as ``"moderate"`` as "Moderate",
    True/False as Yes/No. ``sentence`` places the value (``{}``) in words.
    """
    import datetime as dt

    from .data.tables import cell_text
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            value = value.replace("_", " ")
            value = value[:1].upper() + value[1:]
    if isinstance(value, bool):
        text = "Yes" if value else "No"
    elif isinstance(value, str):
        text = value
    else:
        text = cell_text(value)
    return _md(f"**{sentence.format(text)}**")
