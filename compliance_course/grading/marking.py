"""Marking: a pure function of the answer key and the learner's saved answers.

Nothing here reads a file or runs anything a learner wrote. Each question type
allows one kind of value; any other value is a problem and the question counts as
unanswered (0 points), exactly as a missing answer does.

=================  =================================================
question type      value allowed in the response file
=================  =================================================
single_choice      one choice key (a string)
multiple_select    a list of distinct choice keys (at least one)
true_false         ``true`` or ``false``
numeric            a finite number (not a string, not a boolean)
=================  =================================================
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable

from ..data import Question


def answer_problem(q: Question, value: Any) -> str | None:
    """Why ``value`` is not an answer ``q`` accepts, or None when it is one."""
    keys = [c.key for c in q.choices]
    if q.type == "single_choice":
        if not isinstance(value, str) or value not in keys:
            return f"is not one of the choices {keys}"
    elif q.type == "multiple_select":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            return "is not a list of choice keys"
        if any(v not in keys for v in value) or len(set(value)) != len(value):
            return f"holds keys that are not distinct choices among {keys}"
    elif q.type == "true_false":
        if not isinstance(value, bool):
            return "is not true or false"
    elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return "is not a finite number"
    return None


def is_right(q: Question, value: Any) -> bool:
    """Whether ``value`` is an accepted answer to ``q`` and the right one."""
    return answer_problem(q, value) is None and q.is_correct(value)


@dataclass(frozen=True)
class Mark:
    question: str
    points: float          # 0 or the question's points
    max_points: float
    answered: bool         # a value of the right type was saved
    problem: str = ""      # why a saved value was not accepted
    slot: str = ""         # the exam slot the question was drawn for ("" outside an exam form)


def mark_form(drawn: Iterable[tuple[Any, Question]], answers: dict[str, Any]) -> list[Mark]:
    """One mark per slot of a learner's form (``(slot, item drawn)`` pairs), each against the item drawn."""
    drawn = list(drawn)
    marks = mark([q for _, q in drawn], answers)
    return [Mark(m.question, m.points, m.max_points, m.answered, m.problem, s.id) for (s, _), m in zip(drawn, marks)]


def mark(questions: Iterable[Question], answers: dict[str, Any]) -> list[Mark]:
    """One mark per question, in order: full points for the right answer, else 0."""
    marks = []
    for q in questions:
        if q.id not in answers:
            marks.append(Mark(q.id, 0.0, float(q.points), False))
            continue
        problem = answer_problem(q, answers[q.id])
        if problem:
            marks.append(Mark(q.id, 0.0, float(q.points), False,
                              f"the saved answer to {q.id!r} {problem}; it counts as unanswered"))
            continue
        marks.append(Mark(q.id, float(q.points) if q.is_correct(answers[q.id]) else 0.0, float(q.points), True))
    return marks
