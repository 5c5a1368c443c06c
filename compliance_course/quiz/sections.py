"""Which notebook section teaches a question: found in the module's notebook, not in code.

Only the teaching part of a notebook counts: its ``##`` sections and their ``###`` sub-headings,
not the opening, nor the closing parts (Quiz, More practice, Key points, Sources, Reference, For
facilitators, Where next), which gather questions and facts from everywhere. In that part, in
this order:

1. the section whose check asks the question (``practice_quiz(..., ids=[...])`` at its end),
   or the heading above ``question("<id>")``;
2. the heading above the first fact the question ``rests_on``, shown by ``show_fact("<id>")`` or
   in a ``fact_table(..., tag=...)`` of one of the fact's tags;
3. the same for the question's tags: a heading cell whose ``teaches`` metadata lists the tag (the
   lesson's own statement of what its section teaches), a ``fact_table`` of the tag, or a shown
   fact carrying it;
4. a heading that names one of the tags.

A question its own notebook does not teach (the start-here map, a comparison across frameworks)
may be taught where the facts it rests on are: ``practice_sections`` then looks in their modules'
notebooks (``section_showing``), and the link leads there.

JupyterLab gives each Markdown heading the id "heading text with spaces as hyphens", so the
section can be linked as ``#<id>``.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ..data.loader import PACKAGE_ROOT
from ..data.models import Question
from ..lessons.structure import TAIL, WHERE_NEXT, calls

NOTEBOOKS = PACKAGE_ROOT / "notebooks"
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_GATHERING = set(TAIL) | {WHERE_NEXT}  # closing parts: they gather questions and facts from everywhere


@dataclass(frozen=True)
class Section:
    heading: str
    notebook: str

    @property
    def anchor(self) -> str:
        """The id JupyterLab gives the heading (spaces become hyphens), quoted for a link."""
        return quote(self.heading.replace(" ", "-"), safe="-_.~()'")

    def href(self, from_notebook: str | None = None) -> str:
        """A link to the heading; within the same notebook only the fragment."""
        prefix = "" if from_notebook in (None, self.notebook) else quote(self.notebook)
        return f"{prefix}#{self.anchor}"

    def link_html(self, from_notebook: str | None = None) -> str:
        """``Reread <a>heading</a>``: a heading of another notebook opens in a new browser tab, so
        the learner's page (and the answers on it) stays as it is."""
        other = from_notebook not in (None, self.notebook)
        where = f" (in {html.escape(_module_title(self.notebook))}, opens in a new tab)" if other else ""
        target = " target='_blank' rel='noopener'" if other else ""
        return (f"Reread <a href='{html.escape(self.href(from_notebook))}'{target}>"
                f"{html.escape(self.heading)}</a>{where}")


def _module_title(notebook: str) -> str:
    """'module 1 (SOC 2)' for 01_soc2.ipynb, from the course's module list."""
    from ..data import load_course
    found = [m for m in load_course().modules.values() if m.notebook == notebook]
    return f"module {found[0].number} ({found[0].framework})" if found else notebook


def _plain(heading: str) -> str:
    """Heading text as JupyterLab renders it: Markdown emphasis and code marks dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    return re.sub(r"[*_`]", "", text).strip()


@dataclass
class _Index:
    asked: dict[str, str] = field(default_factory=dict)       # question id -> heading
    by_fact: dict[str, str] = field(default_factory=dict)     # fact id -> heading
    by_tag: dict[str, str] = field(default_factory=dict)      # tag of a fact_table -> heading
    headings: list[str] = field(default_factory=list)         # teaching headings, in order


@lru_cache(maxsize=32)
def _index(notebook_path: Path, mtime: float) -> _Index:
    """What the teaching part of one notebook asks and shows, under which heading."""
    del mtime  # part of the cache key only: an edited notebook is read again
    cells = json.loads(notebook_path.read_text(encoding="utf-8")).get("cells", [])
    index = _Index()
    section = heading = ""  # the current ## section and the current ## or ### heading
    for cell in cells:
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "markdown":
            first = None  # the cell's first heading: the one its ``teaches`` metadata speaks for
            for match in _HEADING.finditer(source):
                text = _plain(match.group(2))
                if len(match.group(1)) == 2:
                    section = "" if text in _GATHERING else text
                    heading = section
                elif section:
                    heading = text
                if heading:
                    index.headings.append(heading)
                    first = first or heading
            for topic in cell.get("metadata", {}).get("teaches", []) if first else ():
                index.by_tag.setdefault(topic, first)  # the lesson says what this section teaches
            continue
        if cell.get("cell_type") != "code" or not section:
            continue
        for call in calls(source):
            arg = call.args[0] if call.args else None
            if call.name == "practice_quiz" and isinstance(call.kwargs.get("ids"), list):
                for qid in call.kwargs["ids"]:
                    index.asked.setdefault(qid, section)  # a section's check: the whole section
            elif call.name == "question" and isinstance(arg, str):
                index.asked.setdefault(arg, heading)
            elif call.name == "show_fact" and isinstance(arg, str):
                index.by_fact.setdefault(arg, heading)
            if isinstance(call.kwargs.get("tag"), str):
                index.by_tag.setdefault(call.kwargs["tag"], heading)
    return index


def _where_shown(tags: tuple[str, ...], index: _Index, fact_tags: dict[str, tuple[str, ...]]) -> str | None:
    for tag in tags:
        if tag in index.by_tag:
            return index.by_tag[tag]
        for fact_id, heading in index.by_fact.items():
            if tag in fact_tags.get(fact_id, ()):
                return heading
    return None


def _fact_heading(fact_id: str, tags: tuple[str, ...], index: _Index) -> str | None:
    return index.by_fact.get(fact_id) or _where_shown(tags, index, {})


def _notebook_index(notebook: str, folder: Path) -> _Index | None:
    path = folder / notebook
    return _index(path, path.stat().st_mtime) if path.exists() else None


def section_showing(fact_id: str, notebook: str, *, tags: tuple[str, ...] = (),
                    folder: Path = NOTEBOOKS) -> Section | None:
    """The section of ``notebook`` that shows the fact (``tags``: the fact's own tags)."""
    index = _notebook_index(notebook, folder)
    heading = index and _fact_heading(fact_id, tags, index)
    return Section(heading, notebook) if heading else None


def section_for(question: Question, notebook: str, *, fact_tags: dict[str, tuple[str, ...]] | None = None,
                folder: Path = NOTEBOOKS) -> Section | None:
    """The section of ``notebook`` that teaches ``question``, or None when none is found.

    ``fact_tags`` maps fact ids to their tags (from the course data).
    """
    index = _notebook_index(notebook, folder)
    if index is None:
        return None
    fact_tags = fact_tags or {}
    heading = index.asked.get(question.id)
    for fact_id in question.rests_on:
        heading = heading or _fact_heading(fact_id, fact_tags.get(fact_id, ()), index)
    heading = heading or _where_shown(question.tags, index, fact_tags)
    if heading is None:
        for tag in question.tags:
            words = tag.replace("-", " ").lower()
            heading = next((h for h in index.headings if re.search(rf"\b{re.escape(words)}", h.lower())), None)
            if heading:
                break
    return Section(heading, notebook) if heading else None
