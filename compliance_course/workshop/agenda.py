"""A timed workshop agenda, computed from the module's minutes and its scenarios.

The rules, in priority order (numbers come from ``workshop.yaml``'s ``timing``):

1. Opening, debrief and (for longer workshops) a break get their fixed minutes.
2. The teach block gets ``teach_share`` of the module's self-paced minutes,
   never less than ``min_teach`` and never more than what is left.
3. Scenario rounds (``round_minutes`` each) fill what remains, one per scenario;
   scenarios that do not fit are listed as spares.
4. Leftover time shorter than ``min_discussion`` lengthens the debrief; longer
   leftover becomes an open discussion when the lesson has discussion prompts,
   and otherwise lengthens the teach block (more time with the notebook's tool).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .models import WORKSHOP_LENGTHS, Timing


@dataclass(frozen=True)
class Segment:
    """One block of the agenda: what happens from ``start`` for ``minutes``."""

    kind: str          # opening | teach | round | break | discussion | debrief
    title: str
    start: int
    minutes: int
    scenario: str | None = None

    @property
    def end(self) -> int:
        return self.start + self.minutes

    def clock(self) -> str:
        """``0:05–0:20`` style times from the start of the workshop."""
        def hm(m: int) -> str:
            return f"{m // 60}:{m % 60:02d}"
        return f"{hm(self.start)}–{hm(self.end)}"


@dataclass(frozen=True)
class Agenda:
    length: int
    segments: tuple[Segment, ...]
    spare_scenarios: tuple[str, ...]

    def minutes_by_kind(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for s in self.segments:
            totals[s.kind] = totals.get(s.kind, 0) + s.minutes
        return totals


def plan_agenda(length: int, module_minutes: int, scenario_ids: list[str], *,
                timing: Timing, has_prompts: bool, scenario_titles: dict[str, str] | None = None) -> Agenda:
    """The agenda of a ``length``-minute workshop (60 or 90) for one module."""
    if length not in WORKSHOP_LENGTHS:
        raise ValueError(f"length must be one of {', '.join(map(str, WORKSHOP_LENGTHS))} minutes; got {length}")
    titles = scenario_titles or {}
    opening = timing.opening[length]
    debrief = timing.debrief[length]
    pause = timing.break_minutes.get(length, 0)
    available = length - opening - debrief - pause
    if available < timing.min_teach:
        raise ValueError(f"timing: a {length}-minute workshop leaves {available} minutes to teach, "
                         f"less than min_teach ({timing.min_teach}); shorten the opening or debrief")
    teach = min(max(math.floor(module_minutes * timing.teach_share + 0.5), timing.min_teach), available)
    rounds = min(len(scenario_ids), (available - teach) // timing.round_minutes)
    leftover = available - teach - rounds * timing.round_minutes
    discussion = 0
    if leftover < timing.min_discussion:
        debrief += leftover
    elif has_prompts:
        discussion = leftover
    else:
        teach += leftover

    plan: list[tuple[str, str, int, str | None]] = [
        ("opening", "Opening: why this matters to us", opening, None),
        ("teach", "Teach: walk through the notebook", teach, None)]
    chosen = scenario_ids[:rounds]
    half = (len(chosen) + 1) // 2
    for i, sid in enumerate(chosen, 1):
        if pause and i == half + 1:
            plan.append(("break", "Break", pause, None))
        plan.append(("round", f"Round {i}: {titles.get(sid, sid)}", timing.round_minutes, sid))
    if pause and len(chosen) <= 1:
        plan.append(("break", "Break", pause, None))
    if discussion:
        plan.append(("discussion", "Open discussion", discussion, None))
    plan.append(("debrief", "Debrief: key points and next steps", debrief, None))

    segments, clock = [], 0
    for kind, title, minutes, sid in plan:
        segments.append(Segment(kind, title, clock, minutes, sid))
        clock += minutes
    assert clock == length, (clock, length)  # the rules above always fill the time exactly
    return Agenda(length, tuple(segments), tuple(scenario_ids[rounds:]))
