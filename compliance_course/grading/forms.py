"""Exam forms: slots of parallel items, one item per slot drawn for each learner.

An exam is a list of slots. A slot is a pool of parallel exam items (``slot: <id>`` in the
bank, :class:`~compliance_course.data.models.Question`): same module, objective,
difficulty, type and points. Each learner's form takes one item per slot, drawn by
:func:`compliance_course.quiz.choice_order.draw_form` from a SHA-256 of the learner, the
exam and the slot, so the same learner gets the same form on every reopening and at
grading, and two learners' forms differ in most slots.

An exam item without a slot (a bank still being filled in) is a slot of its own, named
after the item, so every exam keeps working while authors add parallel items.

The pool rules are pure functions here, shared by the content test
(``tests/content/test_exam_forms.py``) and any report; each finding is one line naming the
file, the slot and the item:

- every exam item has a slot, and every slot has at least :data:`MIN_ITEMS` items;
- the items of a slot agree on module, objective, difficulty, type and points;
- a module exam has at least :data:`MIN_MODULE_SLOTS` slots, the final exam at least
  :data:`MIN_FINAL_SLOTS`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..data import Question
from ..quiz.choice_order import draw_form

if TYPE_CHECKING:
    from .models import Exam

MIN_ITEMS = 3
MIN_MODULE_SLOTS = 10
MIN_FINAL_SLOTS = 15
PARALLEL_FIELDS = ("module", "objective", "difficulty", "type", "points")


@dataclass(frozen=True)
class Slot:
    """One slot of an exam: its id and its pool of parallel items (bank order)."""

    id: str
    items: tuple[Question, ...]

    @property
    def module(self) -> str:
        return self.items[0].module

    @property
    def points(self) -> int:
        return self.items[0].points

    def item(self, item_id: str) -> Question:
        for q in self.items:
            if q.id == item_id:
                return q
        raise KeyError(item_id)


def slot_id(q: Question) -> str:
    """The slot an exam item belongs to; an item without one is a slot of its own."""
    return q.slot or q.id


def slots_of(questions: Iterable[Question]) -> list[Slot]:
    """The slots of these exam items, in the order each slot first appears."""
    pools: dict[str, list[Question]] = {}
    for q in questions:
        pools.setdefault(slot_id(q), []).append(q)
    return [Slot(sid, tuple(items)) for sid, items in pools.items()]


def pools(slots: Sequence[Slot]) -> dict[str, list[str]]:
    """slot id -> item ids, what the released notebook and the grader draw from."""
    return {s.id: [q.id for q in s.items] for s in slots}


def form_ids(exam: "Exam", learner: str) -> dict[str, str]:
    """The form of ``learner`` for ``exam``: slot id -> item id."""
    return draw_form(pools(exam.slots), learner=learner, exam=exam.id)


def form(exam: "Exam", learner: str) -> list[tuple[Slot, Question]]:
    """The form of ``learner`` for ``exam``: each slot with the item drawn from it, in exam order."""
    ids = form_ids(exam, learner)
    return [(s, s.item(ids[s.id])) for s in exam.slots]


# ------------------------------------------------------------------ rules over the bank

def check_pools(questions: Iterable[Question], path_of: Callable[[Question], str],
                min_items: int = MIN_ITEMS) -> list[str]:
    """Pool rules over exam items: every item has a slot, parallel items agree, pools are big enough."""
    lines: list[str] = []
    by_slot: dict[str, list[Question]] = {}
    for q in questions:
        if q.use != "exam":
            continue
        if q.slot is None:
            lines.append(f"{path_of(q)}: item {q.id!r}: has no slot; give it 'slot: <module>-slot-<topic>' "
                         "shared with its parallel items")
            continue
        by_slot.setdefault(q.slot, []).append(q)
    for sid, items in by_slot.items():
        first = items[0]
        for q in items[1:]:
            for name in PARALLEL_FIELDS:
                mine, theirs = getattr(q, name), getattr(first, name)
                if mine != theirs:
                    lines.append(f"{path_of(q)}: slot {sid!r}: item {q.id!r}: {name} {mine!r} differs from "
                                 f"{theirs!r} of item {first.id!r}; parallel items agree on {name}")
        if len(items) < min_items:
            lines.append(f"{path_of(first)}: slot {sid!r}: {len(items)} item(s) "
                         f"({', '.join(q.id for q in items)}); a slot needs at least {min_items} parallel items")
    return lines


def check_exam_sizes(exams: Iterable["Exam"], final: str = "final_exam", min_module: int = MIN_MODULE_SLOTS,
                     min_final: int = MIN_FINAL_SLOTS) -> list[str]:
    """Slot counts: each module exam at least ``min_module`` slots, the final exam at least ``min_final``."""
    lines = []
    for exam in exams:
        need = min_final if exam.id == final else min_module
        if len(exam.slots) < need:
            lines.append(f"course_data/exams.yaml: exam {exam.id!r}: {len(exam.slots)} slot(s); "
                         f"needs at least {need}")
    return lines
