"""Is the workshop agenda timed by the documented rules, and does it always fill the time exactly?"""
from __future__ import annotations

import pytest

from compliance_course.workshop.agenda import plan_agenda
from compliance_course.workshop.models import Timing

TIMING = Timing(opening={60: 5, 90: 10}, debrief={60: 8, 90: 12}, break_minutes={60: 0, 90: 5},
                round_minutes=7, teach_share=0.3, min_teach=15, min_discussion=5)


def _ids(n):
    return [f"s-{i}" for i in range(1, n + 1)]


# Worked by hand from the rules in agenda.py's docstring:
# 60 min, module 75, 3 scenarios: 60-5-8 = 47 left; teach 0.3*75 = 22.5 -> 23; rounds (47-23)//7 = 3;
#   leftover 3 < 5 -> debrief 8+3 = 11.
# 60 min, module 60, 7 scenarios: 47 left; teach 18; rounds 29//7 = 4; leftover 1 -> debrief 9; 3 spares.
# 90 min, module 60, 7 scenarios: 90-10-12-5 = 63 left; teach 18; rounds 45//7 = 6; leftover 3 -> debrief 15.
# 90 min, module 75, 2 scenarios, prompts: 63 left; teach 23; 2 rounds = 14; leftover 26 -> discussion 26.
# 90 min, module 75, 2 scenarios, no prompts: leftover 26 -> teach 23+26 = 49.
# 60 min, module 15, 0 scenarios, prompts: teach max(5, 15) = 15; leftover 32 -> discussion 32.
@pytest.mark.parametrize("length, module_minutes, n, prompts, expected, spares", [
    (60, 75, 3, True, {"opening": 5, "teach": 23, "round": 21, "debrief": 11}, 0),
    (60, 60, 7, True, {"opening": 5, "teach": 18, "round": 28, "debrief": 9}, 3),
    (90, 60, 7, True, {"opening": 10, "teach": 18, "round": 42, "break": 5, "debrief": 15}, 1),
    (90, 75, 2, True, {"opening": 10, "teach": 23, "round": 14, "break": 5, "discussion": 26, "debrief": 12}, 0),
    (90, 75, 2, False, {"opening": 10, "teach": 49, "round": 14, "break": 5, "debrief": 12}, 0),
    (60, 15, 0, True, {"opening": 5, "teach": 15, "discussion": 32, "debrief": 8}, 0),
])
def test_minutes_per_part_follow_the_rules(length, module_minutes, n, prompts, expected, spares):
    agenda = plan_agenda(length, module_minutes, _ids(n), timing=TIMING, has_prompts=prompts)
    assert agenda.minutes_by_kind() == expected
    assert len(agenda.spare_scenarios) == spares


@pytest.mark.parametrize("length", [60, 90])
@pytest.mark.parametrize("n", [0, 1, 2, 5, 12])
def test_segments_are_back_to_back_and_fill_the_workshop(length, n):
    agenda = plan_agenda(length, 75, _ids(n), timing=TIMING, has_prompts=True)
    starts = [s.start for s in agenda.segments]
    assert starts[0] == 0
    assert all(a.end == b.start for a, b in zip(agenda.segments, agenda.segments[1:]))
    assert agenda.segments[-1].end == length
    assert agenda.segments[0].kind == "opening" and agenda.segments[-1].kind == "debrief"


def test_rounds_keep_scenario_order_and_spares_are_the_rest():
    agenda = plan_agenda(60, 60, _ids(7), timing=TIMING, has_prompts=True)
    assert [s.scenario for s in agenda.segments if s.kind == "round"] == ["s-1", "s-2", "s-3", "s-4"]
    assert agenda.spare_scenarios == ("s-5", "s-6", "s-7")


def test_the_break_falls_in_the_middle_of_the_rounds():
    kinds = [s.kind for s in plan_agenda(90, 60, _ids(6), timing=TIMING, has_prompts=True).segments]
    assert kinds == ["opening", "teach", "round", "round", "round", "break", "round", "round", "round", "debrief"]


def test_clock_times_read_as_hours_and_minutes():
    agenda = plan_agenda(90, 75, _ids(2), timing=TIMING, has_prompts=True)
    assert agenda.segments[1].clock() == "0:10–0:33"
    assert agenda.segments[-1].clock() == "1:18–1:30"


def test_only_60_and_90_minute_workshops_are_planned():
    with pytest.raises(ValueError, match="length must be one of 60, 90 minutes; got 45"):
        plan_agenda(45, 60, [], timing=TIMING, has_prompts=False)


def test_timing_that_leaves_no_time_to_teach_is_refused():
    tight = TIMING.model_copy(update={"opening": {60: 30, 90: 10}, "debrief": {60: 20, 90: 12}})
    with pytest.raises(ValueError, match="leaves 10 minutes to teach, less than min_teach"):
        plan_agenda(60, 60, [], timing=tight, has_prompts=False)
