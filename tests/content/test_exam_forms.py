"""Exam forms over the real exam bank (issue 17, "Exam forms drawn per learner" and "Done when").

Two kinds of check:

- the pool rules over ``autograder/exam_bank`` (every exam item in a slot of at least three parallel
  items that agree on module, objective, difficulty, type and points; at least 10 slots per module
  exam and 15 in the final exam), each breach one line naming file, slot and item;
- simulated cohorts on every exam: 200 learners who click the first choice shown and 200 who click
  the longest score under 40% of the points they clicked, 200 who answer by the key score 100%, two
  learners' forms differ in most slots, and the item analysis runs on a simulated cohort.

The same checks also run on ``tests/fixtures/exam_forms_course`` (three items per slot), a small
bank whose forms can be checked by hand.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from compliance_course.data import load_course
from compliance_course.grading import forms, simulate
from compliance_course.grading.bank import REPO_BANK, load_exam_course
from compliance_course.grading.models import resolve_exams
from compliance_course.grading.report import item_analysis, slot_analysis

REPO = Path(__file__).resolve().parents[2]
FORMS_FIXTURE = REPO / "tests" / "fixtures" / "exam_forms_course"
COHORT = 200


def _bank_path(q) -> str:
    return f"autograder/exam_bank/questions/{q.module}.yaml"


def _real():
    course = load_exam_course()
    return course, resolve_exams(course)


def _fixture():
    load_course.cache_clear()
    course = load_course(FORMS_FIXTURE)
    return course, resolve_exams(course)


BANKS = {"real": _real, "fixture": _fixture}


# ---------------------------------------------------------------- the pool rules

def test_parallel_items_agree_and_each_slot_is_one_modules():
    """Do items of one slot agree on module, objective, difficulty, type and points (checked now)?"""
    course, _ = _real()
    lines = [line for line in forms.check_pools(course.questions.values(), _bank_path, min_items=1)
             if "has no slot" not in line]
    assert lines == [], "\n" + "\n".join(lines)


def test_every_exam_item_is_in_a_slot_of_three():
    """Does every exam item have a slot, and every slot at least three parallel items?"""
    course, _ = _real()
    lines = forms.check_pools(course.questions.values(), _bank_path)
    assert lines == [], "\n" + "\n".join(lines)


@pytest.mark.parametrize("bank", BANKS)
def test_exams_have_enough_slots(bank):
    """At least 10 slots in each module exam, 15 in the final exam drawn from all modules."""
    course, exams = BANKS[bank]()
    if bank == "fixture":  # a small fixture: its counts are what the file says
        assert {e.id: len(e.slots) for e in exams} == {"hipaa_exam": 4, "final_exam": 4, "soc2_exam": 3}
        return
    lines = forms.check_exam_sizes(exams)
    assert lines == [], "\n" + "\n".join(lines)
    final = next(e for e in exams if e.id == "final_exam")
    assert {s.module for s in final.slots} == {m for m in course.modules if course.questions_for(m, use="exam")}


def test_the_pool_rules_name_file_slot_and_item():
    """Do the rule functions catch each breach (so the bank test cannot pass by checking nothing)?"""
    course, _ = _fixture()
    items = list(course.questions.values())
    path = lambda q: f"bank/{q.module}.yaml"  # noqa: E731
    assert forms.check_pools(items, path) == []
    rule = [q for q in items if q.slot == "hipaa-slot-rule"]
    odd = rule[2].model_copy(update={"difficulty": "hard", "points": 2})
    lonely = rule[0].model_copy(update={"id": "hipaa-lonely-1", "slot": "hipaa-slot-lonely"})
    bare = rule[1].model_copy(update={"id": "hipaa-bare-1", "slot": None})
    changed = [q for q in items if q is not rule[2]] + [odd, lonely, bare]
    assert sorted(forms.check_pools(changed, path)) == [
        "bank/hipaa.yaml: item 'hipaa-bare-1': has no slot; give it 'slot: <module>-slot-<topic>' shared with "
        "its parallel items",
        "bank/hipaa.yaml: slot 'hipaa-slot-lonely': 1 item(s) (hipaa-lonely-1); a slot needs at least 3 "
        "parallel items",
        "bank/hipaa.yaml: slot 'hipaa-slot-rule': item 'hipaa-rule-3': difficulty 'hard' differs from 'easy' of "
        "item 'hipaa-rule-1'; parallel items agree on difficulty",
        "bank/hipaa.yaml: slot 'hipaa-slot-rule': item 'hipaa-rule-3': points 2 differs from 1 of item "
        "'hipaa-rule-1'; parallel items agree on points",
    ]
    _, exams = _fixture()
    assert forms.check_exam_sizes(exams, min_module=4, min_final=5) == [
        "course_data/exams.yaml: exam 'final_exam': 4 slot(s); needs at least 5",
        "course_data/exams.yaml: exam 'soc2_exam': 3 slot(s); needs at least 4"]


# ---------------------------------------------------------------- simulated cohorts

def _clicked_share(exam, strategy) -> float:
    """Mean over 200 learners of points scored / points of the questions they clicked."""
    shares = []
    for i in range(COHORT):
        learner = f"{strategy.__name__}-{i:03d}"
        answers, _ = strategy(exam, learner)
        drawn = dict(forms.form_ids(exam, learner))
        clicked = sum(s.points for s in exam.slots if drawn[s.id] in answers)
        scored, _ = simulate.form_score(exam, learner, answers)
        shares.append(scored / clicked if clicked else 0.0)
    return sum(shares) / len(shares)


@pytest.mark.parametrize("bank", BANKS)
@pytest.mark.parametrize("strategy", [simulate.first_shown, simulate.longest_shown], ids=["first", "longest"])
def test_test_wise_clicking_scores_under_40_percent_on_every_exam(bank, strategy):
    _, exams = BANKS[bank]()
    shares = {e.id: round(_clicked_share(e, strategy), 3) for e in exams}
    assert all(0 <= v < 0.4 for v in shares.values()), shares


@pytest.mark.parametrize("bank", BANKS)
def test_answering_by_the_key_scores_100_percent_on_every_exam(bank):
    _, exams = BANKS[bank]()
    for exam in exams:
        for i in range(COHORT):
            learner = f"key-{i:03d}"
            scored, possible = simulate.form_score(exam, learner, simulate.by_key(exam, learner))
            assert scored == possible == sum(s.points for s in exam.slots), (exam.id, learner)


@pytest.mark.parametrize("bank", BANKS)
def test_two_learners_forms_differ_in_most_slots(bank):
    """Over 200 pairs of learners, do forms differ in more than half the slots on average?"""
    course, exams = BANKS[bank]()
    for exam in exams:
        pairs = [(forms.form_ids(exam, f"x{i}"), forms.form_ids(exam, f"y{i}")) for i in range(COHORT)]
        mean = sum(sum(p[s] != q[s] for s in p) / len(p) for p, q in pairs) / len(pairs)
        assert mean > 0.5, (exam.id, mean)


@pytest.mark.parametrize("bank", BANKS)
def test_item_analysis_runs_on_a_simulated_cohort(bank):
    """Learners of spread ability: the analysis counts draws, finds who knows more, and compares pool items."""
    _, exams = BANKS[bank]()
    rng = random.Random(17)
    for exam in exams:
        cohort = {}
        for i in range(COHORT):
            learner, ability = f"sim-{i:03d}", i / (COHORT - 1)
            guess, _ = simulate.first_shown(exam, learner)
            key = simulate.by_key(exam, learner)
            cohort[learner] = {q: key[q] if rng.random() < ability else guess.get(q) for q in key
                               if q in guess or rng.random() < ability}
        records = simulate.cohort_records(exam, cohort)
        items = item_analysis(records)
        slots = slot_analysis(items, records)
        drawn = items.groupby("slot")["drawn"].sum()
        assert (drawn == COHORT).all() and len(drawn) == len(exam.slots)
        assert set(items["question"]) <= {q.id for q in exam.questions}
        assert items["discrimination"].dropna().median() > 0.2  # stronger learners score higher
        assert list(slots["slot"]) == [s.id for s in exam.slots]
        assert (slots["items"] == [len(s.items) for s in exam.slots]).all()
        if all(len(s.items) == 1 for s in exam.slots):
            assert not slots["flagged"].any()
