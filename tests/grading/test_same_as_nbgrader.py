"""Does the grade command give exactly the scores plain `nbgrader autograde` gives?

The same submissions are graded twice: by the grade command, which never runs them, and
by nbgrader's own `autograde` of honest notebooks rebuilt from the release (the written
answer filled in, in a folder holding only that notebook and the submitted response file).
Every graded cell's automatic score, needs-manual-grade flag and automatic comment must match.
"""
from __future__ import annotations

import os
import random
import shutil

import pytest

from compliance_course.grading import forms, simulate
from compliance_course.grading.build import build_exams
from compliance_course.grading.course import AutograderDir
from compliance_course.grading.grade import grade_all
from compliance_course.grading.release import generate
from compliance_course.quiz.responses import write_responses

from .conftest import FIXTURE, FORMS_FIXTURE

pytestmark = pytest.mark.slow


def _odd_answers(exam, rng: random.Random) -> dict:
    """Answers of the wrong type or out of range, which both sides must count as unanswered."""
    odd = {}
    for q in exam.questions:
        odd[q.id] = {"single_choice": "Z", "multiple_select": ["A", "A"], "true_false": "true",
                     "numeric": str(q.answer)}[q.type]
    return odd


@pytest.mark.parametrize("course_copy", [FIXTURE, FORMS_FIXTURE], ids=["one-item-slots", "three-item-slots"],
                         indirect=True)
def test_grade_gives_the_scores_nbgrader_autograde_gives(tmp_path, course_copy):
    """With forms, nbgrader's hidden test draws the item for the student of the folder it runs in."""
    _, ag = course_copy
    exams = build_exams(ag)
    generate(ag, [e.id for e in exams])
    ref = AutograderDir.at(tmp_path / "reference")
    shutil.copytree(ag.root, ref.root)
    rng = random.Random(7)
    for exam in exams:
        released = ag.release / exam.id / exam.notebook
        n = len(exam.slots)
        cases = {
            "right": dict(answers=simulate.planted(exam, [True] * n, "right"), written="A full answer."),
            "wrong": dict(answers=simulate.planted(exam, [False] * n, "wrong")),
            "mixed": dict(answers=simulate.planted(exam, [rng.random() < 0.5 for _ in range(n)], "mixed"),
                          written="<b>bold</b> claim", extra_code="print('hi')"),
            "first": dict(answers=simulate.first_shown(exam, "first")[0], edit_cell="test_01"),
            "odd": dict(answers=None),
            "nofile": dict(answers=None, response="missing", written="only words"),
            "damaged": dict(answers=None, response="corrupt"),
            # a colleague's file: answers to the colleague's form, recorded for the colleague
            "copier": dict(answers=simulate.by_key(exam, "colleague"), learner="colleague",
                           form=forms.form_ids(exam, "colleague")),
        }
        for student, opts in cases.items():
            folder = ag.submitted / student / exam.id
            simulate.submit(folder, exam, released, opts.pop("answers"), **opts)
            if student == "odd":
                write_responses(folder / exam.responses_file, exam.id, _odd_answers(exam, rng), {})
            simulate.honest_rebuild(ref.submitted / student / exam.id, exam, released,
                                    folder / exam.responses_file, opts.get("written", ""))
    results = grade_all(ag, progress=False)
    assert all(r.graded for r in results) and len(results) == len(cases) * len(exams)
    for exam in exams:
        ref.run("autograde", exam.id, "--force", timeout=900)
        ours = simulate.gradebook_scores(ag.db_url, exam.id)
        theirs = simulate.gradebook_scores(ref.db_url, exam.id)
        assert len(ours) == len(cases) * (len(exam.slots) + 1)
        assert ours == theirs, exam.id
