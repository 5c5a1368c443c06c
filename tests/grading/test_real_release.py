"""Do the real course's exams build and release without leaking any key or explanation?"""
from __future__ import annotations

import shutil

import pytest

from compliance_course.data import load_course
from compliance_course.grading.bank import load_exam_course
from compliance_course.grading.build import build_exams
from compliance_course.grading.course import AutograderDir
from compliance_course.grading.release import release

from .conftest import REPO, released_texts

pytestmark = pytest.mark.slow


def test_every_real_exam_releases_without_answers(tmp_path):
    load_course.cache_clear()
    root = tmp_path / "autograder"
    root.mkdir()
    shutil.copy2(REPO / "autograder" / "nbgrader_config.py", root / "nbgrader_config.py")
    ag = AutograderDir.at(root)
    course = load_exam_course()
    exams = {e.id: e for e in build_exams(ag, course)}
    # one exam per module with exam questions, plus the final exam
    modules_with_exams = {q.module for q in course.questions_for(use="exam")}
    assert {f"{m}_exam" for m in modules_with_exams} | {"final_exam"} <= set(exams)
    release(ag, sorted(exams))
    needles = {"BEGIN HIDDEN TESTS", "Rubric for graders"}
    for exam in exams.values():
        for q in exam.questions:
            needles |= {q.explanation, f"paper.check({q.id!r}"}
            needles |= {c.feedback for c in q.choices if c.feedback}
        needles |= {r.criterion for r in exam.written.rubric}
    texts = released_texts(ag.release)
    assert texts, "nothing was released"
    hits = sorted({(where, needle[:60]) for where, text in texts.items() for needle in needles if needle in text})
    assert hits == []
