"""Which notebook section teaches a question: found in the module's notebook, not in code.

A question's tags name what it is about (``breach``, ``baa``). The module's notebook
shows that material under some heading, through ``fact_table(..., tag="breach")``,
through ``show_fact("<id>")`` of a fact with that tag, through ``question("<id>")``
of the question itself, or in a heading that names the tag. The first heading found
this way is the question's section. JupyterLab gives each Markdown heading the id
"heading text with spaces as hyphens", so the section can be linked as ``#<id>``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ..data.loader import PACKAGE_ROOT
from ..data.models import Question

NOTEBOOKS = PACKAGE_ROOT / "notebooks"
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_TAG_ARG = re.compile(r"""\btag\s*=\s*["']([^"']+)["']""")
_FACT_CALL = re.compile(r"""\bshow_fact\(\s*["']([^"']+)["']""")
_QUESTION_CALL = re.compile(r"""\bquestion\(\s*["']([^"']+)["']""")


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


def _plain(heading: str) -> str:
    """Heading text as JupyterLab renders it: Markdown emphasis and code marks dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    return re.sub(r"[*_`]", "", text).strip()


@lru_cache(maxsize=32)
def _index(notebook_path: Path, mtime: float) -> tuple[dict[str, str], dict[str, str], dict[str, str], list[str]]:
    """(tag → heading, fact id → heading, question id → heading, headings) for one notebook."""
    del mtime  # part of the cache key only: an edited notebook is read again
    cells = json.loads(notebook_path.read_text(encoding="utf-8")).get("cells", [])
    by_tag: dict[str, str] = {}
    by_fact: dict[str, str] = {}
    by_question: dict[str, str] = {}
    headings: list[str] = []
    current = ""
    for cell in cells:
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "markdown":
            for match in _HEADING.finditer(source):
                current = _plain(match.group(2))
                headings.append(current)
        elif cell.get("cell_type") == "code" and current:
            for tag in _TAG_ARG.findall(source):
                by_tag.setdefault(tag, current)
            for fact in _FACT_CALL.findall(source):
                by_fact.setdefault(fact, current)
            for qid in _QUESTION_CALL.findall(source):
                by_question.setdefault(qid, current)
    return by_tag, by_fact, by_question, headings


def section_for(question: Question, notebook: str, *, fact_tags: dict[str, tuple[str, ...]] | None = None,
                folder: Path = NOTEBOOKS) -> Section | None:
    """The section of ``notebook`` that teaches ``question``, or None when none is found.

    ``fact_tags`` maps fact ids to their tags (from the course data).
    """
    path = folder / notebook
    if not path.exists():
        return None
    by_tag, by_fact, by_question, headings = _index(path, path.stat().st_mtime)
    if question.id in by_question:
        return Section(by_question[question.id], notebook)
    fact_tags = fact_tags or {}
    for tag in question.tags:
        if tag in by_tag:
            return Section(by_tag[tag], notebook)
        for fact_id, heading in by_fact.items():
            if tag in fact_tags.get(fact_id, ()):
                return Section(heading, notebook)
    for tag in question.tags:
        words = tag.replace("-", " ").lower()
        for heading in headings:
            if re.search(rf"\b{re.escape(words)}", heading.lower()):
                return Section(heading, notebook)
    return None
