"""Display helpers that turn course data into the parts of a lesson.

Notebook cells stay one line long: ``objectives("hipaa")``, ``fact_table("hipaa")``,
``key_points("hipaa")``, ``sources("hipaa")``.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .data import Fact, load_course


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
    lines += [f"- {o}" for o in lesson.objectives]
    if lesson.questions:
        lines += ["", "**Questions this module answers:**"] + [f"- {q}" for q in lesson.questions]
    return Markdown("\n".join(lines))


def key_points(module: str) -> Markdown:
    return Markdown("\n".join(f"- {p}" for p in _lesson(module).key_points))


def fact(fact_id: str) -> Fact:
    """One fact by id (raises KeyError naming the id if absent)."""
    facts = load_course().facts
    if fact_id not in facts:
        raise KeyError(f"no fact {fact_id!r} in course_data/facts")
    return facts[fact_id]


def show_fact(fact_id: str) -> Markdown:
    """A fact as a short quote block with its source, date and confidence label."""
    f = fact(fact_id)
    extra = f" (as of {f.as_of.isoformat()})" if f.as_of else ""
    unchecked = {"from-knowledge": " *Not yet checked against the primary source.*",
                 "secondary": " *Checked against a secondary source only.*"}.get(f.confidence, "")
    where = f" ([link]({f.url}))" if f.url else ""
    return Markdown(f"> {f.statement}{unchecked}\n>\n> <small>Source: {f.source}{where}{extra}</small>")


def fact_table(module: str, tag: str | None = None) -> pd.DataFrame:
    """The module's facts (optionally one tag) as a table with sources."""
    rows = [{"fact": f.statement,
             "value": "" if f.value is None else f"{f.value}{' ' + f.unit if f.unit else ''}",
             "source": f.source,
             "as of": f.as_of.isoformat() if f.as_of else "",
             "checked": {"primary": "primary source", "secondary": "secondary source",
                         "from-knowledge": "not yet checked"}[f.confidence]}
            for f in load_course().facts_for(module, tag)]
    if not rows:
        raise ValueError(f"no facts for module {module!r}" + (f" with tag {tag!r}" if tag else ""))
    return pd.DataFrame(rows).style.hide(axis="index").set_properties(**{"text-align": "left"})


def misconceptions(module: str) -> Markdown:
    items = _lesson(module).misconceptions
    return Markdown("\n".join(f"- **Claim:** {m.claim}  \n  **What the source says:** {m.correction} "
                              f"<small>({m.source})</small>" for m in items))


def sources(module: str) -> Markdown:
    """The lesson's primary sources, then every distinct source behind its facts and questions."""
    course = load_course()
    listed = list(_lesson(module).sources)
    cited = [f.source for f in course.facts_for(module)] + [q.source for q in course.questions_for(module)]
    more = sorted(set(cited) - set(listed))
    lines = [f"- {s}" for s in listed]
    if more:
        lines += ["", "Also cited in this module's facts and questions:"] + [f"- {s}" for s in more]
    return Markdown("\n".join(lines))


def module_table() -> pd.DataFrame:
    """The module map as a table: number, framework, title, minutes, notebook, who asks."""
    course = load_course()
    rows = [{"#": m.number, "framework": m.framework, "module": m.title, "minutes": m.minutes,
             "notebook": m.notebook, "who asks for it": m.who_asks}
            for m in sorted(course.modules.values(), key=lambda m: m.number)]
    return pd.DataFrame(rows).set_index("#")
