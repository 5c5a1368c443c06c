"""Placeholders in a lesson's text, expanded from course data when the notebook is built.

A placeholder is a MyST role, ``{name}`argument```, so it reads as markup in any Markdown editor
and the built notebook shows plain prose. The roles:

``{fact-day}`cmmc-phase-2-suspended```
    a fact's date in words (its ``effective`` date, else its value): "10 November 2026".
``{pass-mark}`exam```
    the certification pass mark from ``course_data/exams.yaml`` in percent, e.g. "80"; ``exam`` is the
    default of every exam, an exam id (``{pass-mark}`hipaa_exam```) that exam's own.
``{objectives}`start_here```
    the module's objectives and guiding questions from ``course_data/lessons/<module>.yaml``, as a list.
``{module-table}`course```
    the module map as a linked Markdown table with the estimated minutes of each module.
``{minutes}`soc2```
    a module's estimated minutes (:func:`compliance_course.lesson.estimate_minutes`).
``{module-link}`soc2```
    a Markdown link to a module's notebook with its title: "[SOC 2: trust services, ...](01_soc2.ipynb)".
``{fedramp-growing-families}`5```
    the N SP 800-53 families that add the most controls from the Low to the High baseline.

A role with an unknown name, or an argument its data lacks, is an error naming the lesson file.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import CourseDataError

ROLE = re.compile(r"\{(?P<name>[a-z][a-z0-9-]*)\}`(?P<arg>[^`]*)`")


def fact_day(fact_id: str) -> str:
    """A course fact's date (its ``effective`` date, else its value) as prose, e.g. "7 December 2026"."""
    from ..data import load_course

    facts = load_course().facts
    if fact_id not in facts:
        raise KeyError(f"no fact {fact_id!r} in course_data/facts")
    fact = facts[fact_id]
    when = fact.effective or fact.value
    return f"{when.day} {when:%B %Y}"


def _pass_mark(exam: str) -> str:
    from ..data import load_course
    from ..grading.models import pass_percent, pass_threshold

    return pass_percent(pass_threshold(load_course(), exam or "exam"))


def _objectives(module: str) -> str:
    from ..data import load_course

    lesson = load_course().lessons[module]
    lines = [f"- {o}" for o in lesson.objectives]
    if lesson.questions:
        lines += ["", "**Questions this course answers:**", ""] + [f"- {q}" for q in lesson.questions]
    return "\n".join(lines)


def _module_table(_: str) -> str:
    from ..lesson import module_table_markdown

    return module_table_markdown()


def _minutes(module: str) -> str:
    from ..lesson import estimate_minutes

    return str(estimate_minutes(module))


def _module_link(module: str) -> str:
    from ..data import load_course

    m = load_course().modules[module]
    return f"[{m.title}]({m.notebook})"


def fedramp_growing_families(count: int = 5) -> str:
    """The SP 800-53 families that add the most controls from Low to High, from the baseline table."""
    from ..data import table

    frame = table("fedramp_rev5_baselines")
    growth = frame.groupby("family")[["low", "high"]].sum()
    growth = (growth["high"] - growth["low"]).sort_values(ascending=False, kind="stable")
    names = list(growth.index[:count])
    return ", ".join(names[:-1]) + " and " + names[-1]


ROLES: dict[str, Callable[[str], str]] = {
    "fact-day": fact_day,
    "pass-mark": _pass_mark,
    "objectives": _objectives,
    "module-table": _module_table,
    "minutes": _minutes,
    "module-link": _module_link,
    "fedramp-growing-families": lambda arg: fedramp_growing_families(int(arg or 5)),
}


def expand(text: str, where: str = "lesson") -> str:
    """``text`` with every placeholder role replaced by its value; ``where`` names the file in errors."""
    def one(match: re.Match) -> str:
        name, arg = match["name"], match["arg"]
        if name not in ROLES:
            raise CourseDataError(f"{where}: unknown placeholder {{{name}}}`{arg}`; "
                                  f"known: {', '.join(sorted(ROLES))} (compliance_course/lessons/roles.py)")
        try:
            return ROLES[name](arg)
        except (KeyError, ValueError) as exc:
            raise CourseDataError(f"{where}: placeholder {{{name}}}`{arg}`: {exc}") from exc
    return ROLE.sub(one, text)
