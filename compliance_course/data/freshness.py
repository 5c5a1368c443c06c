"""How current is the course content? A report for instructors.

Three lists, all computed from ``course_data/`` and a date (today unless given):

* every fact by the age of its ``as_of`` check, oldest first (facts never dated come first);
* every fact whose ``confidence`` is not ``primary``;
* rule changes: facts whose ``effective`` or ``until`` date falls in the coming window (180 days
  by default), with the questions and scenarios that rest on each (``rests_on``), so that an
  instructor knows which keyed answers to review before the date. Changes of the past window are
  listed too, as a reminder of what recently changed.

Pure functions return plain data; :func:`report` turns it into text and :func:`main` prints it.
Nothing here fails because the calendar moved: dates only sort and select.
"""
from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .loader import Course, load_course
from .models import Fact

__all__ = ["Change", "DEFAULT_DAYS", "FactAge", "by_age", "main", "not_primary", "report", "rule_changes"]

#: How far ahead (and back) the report looks for rule changes.
DEFAULT_DAYS = 180


@dataclass(frozen=True)
class FactAge:
    """A fact and how many days ago its source was checked (None when it was never dated)."""

    fact: Fact
    days: int | None


@dataclass(frozen=True)
class Change:
    """A dated rule change: the fact, the day, and whether the rule starts or stops applying then."""

    day: dt.date
    fact: Fact
    kind: str  # "takes effect" or "stops applying"
    questions: tuple[str, ...] = field(default=())
    scenarios: tuple[str, ...] = field(default=())

    @property
    def changes_an_answer(self) -> bool:
        """Whether any question or scenario rests on the fact, so a keyed answer may change."""
        return bool(self.questions or self.scenarios)


def by_age(course: Course, today: dt.date) -> list[FactAge]:
    """Every fact with the age in days of its ``as_of`` date, oldest check first; undated facts first."""
    ages = [FactAge(f, None if f.as_of is None else (today - f.as_of).days) for f in course.facts.values()]
    return sorted(ages, key=lambda a: (a.days is not None, -(a.days or 0), a.fact.module, a.fact.id))


def not_primary(course: Course) -> list[Fact]:
    """Facts not checked against their primary source (secondary, then from-knowledge), by module and id."""
    order = {"from-knowledge": 0, "secondary": 1}
    return sorted((f for f in course.facts.values() if f.confidence != "primary"),
                  key=lambda f: (order[f.confidence], f.module, f.id))


def _resting_on(course: Course, fact_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    questions = tuple(q.id for q in course.questions.values() if fact_id in q.rests_on)
    scenarios = tuple(s.id for s in course.scenarios.values() if fact_id in s.rests_on)
    return questions, scenarios


def rule_changes(course: Course, start: dt.date, end: dt.date) -> list[Change]:
    """Rule changes dated from ``start`` to ``end`` (both included), in date order.

    A fact's ``effective`` date is a rule taking effect; its ``until`` date is the rule ceasing
    to apply. Each change lists the questions and scenarios whose ``rests_on`` names the fact.
    """
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    changes = []
    for fact in course.facts.values():
        for day, kind in ((fact.effective, "takes effect"), (fact.until, "stops applying")):
            if day is not None and start <= day <= end:
                questions, scenarios = _resting_on(course, fact.id)
                changes.append(Change(day, fact, kind, questions, scenarios))
    return sorted(changes, key=lambda c: (c.day, c.fact.module, c.fact.id, c.kind))


def _one_line(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _change_lines(changes: Sequence[Change], today: dt.date) -> list[str]:
    lines = []
    for c in changes:
        when = (c.day - today).days
        rel = f"in {when} days" if when > 0 else "today" if when == 0 else f"{-when} days ago"
        lines.append(f"  {c.day.isoformat()} ({rel})  {c.fact.module}/{c.fact.id} {c.kind}")
        lines.append(f"      {_one_line(c.fact.statement)}")
        if c.changes_an_answer:
            if c.questions:
                lines.append(f"      questions resting on it: {', '.join(c.questions)}")
            if c.scenarios:
                lines.append(f"      scenarios resting on it: {', '.join(c.scenarios)}")
        else:
            lines.append("      no question or scenario rests on it (check lesson text and engines)")
    return lines or ["  none"]


def report(course: Course, today: dt.date, days: int = DEFAULT_DAYS, *, oldest: int | None = 25) -> str:
    """The freshness report as text. ``oldest`` limits the age list (None lists every fact)."""
    if days < 0:
        raise ValueError(f"days must be zero or more; got {days}")
    window = dt.timedelta(days=days)
    ages = by_age(course, today)
    undated = [a for a in ages if a.days is None]
    out = [f"Course content freshness on {today.isoformat()} ({len(course.facts)} facts, "
           f"{len(course.questions)} questions, {len(course.scenarios)} scenarios)", ""]

    upcoming = rule_changes(course, today + dt.timedelta(days=1), today + window)
    affecting = [c for c in upcoming if c.changes_an_answer]
    out.append(f"Rule changes in the next {days} days: {len(upcoming)} "
               f"({len(affecting)} with questions or scenarios resting on them)")
    out += _change_lines(upcoming, today)
    out.append("")
    recent = rule_changes(course, today - window, today)
    out.append(f"Rule changes in the last {days} days (up to today): {len(recent)}")
    out += _change_lines(recent, today)
    out.append("")

    shown = ages if oldest is None else ages[:oldest]
    out.append(f"Facts by the date their source was checked, oldest first "
               f"({len(undated)} never dated; showing {len(shown)} of {len(ages)}):")
    for a in shown:
        age = "never dated" if a.days is None else f"{a.fact.as_of.isoformat()} ({a.days} days)"
        out.append(f"  {age:24} {a.fact.module}/{a.fact.id}")
    out.append("")

    weaker = not_primary(course)
    share = 100 * (len(course.facts) - len(weaker)) / max(len(course.facts), 1)
    out.append(f"Facts not checked against their primary source: {len(weaker)} "
               f"({share:.0f}% of facts are primary)")
    for f in weaker:
        out.append(f"  {f.confidence:15} {f.module}/{f.id}")
    return "\n".join(out) + "\n"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``freshness`` (shared with the ``python -m compliance_course.data`` CLI)."""
    parser.add_argument("--today", type=_date, default=None,
                        help="the date to report for (default: today), e.g. 2026-11-30")
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS,
                        help=f"how many days ahead (and back) to look for rule changes (default {DEFAULT_DAYS})")
    parser.add_argument("--all", action="store_true", help="list every fact by age, not only the 25 oldest")
    parser.add_argument("--root", type=Path, default=None, help="a course_data folder (default: the course's)")


def run(args: argparse.Namespace) -> int:
    """Print the report for parsed arguments; return the exit status."""
    today = args.today or dt.date.today()
    print(report(load_course(args.root), today, args.days, oldest=None if args.all else 25), end="")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m compliance_course.data.freshness [--today YYYY-MM-DD] [--days N] [--all]``."""
    parser = argparse.ArgumentParser(prog="python -m compliance_course.data freshness",
                                     description="How current is the course content? Prints a report.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
