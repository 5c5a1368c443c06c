"""Does every learner see the choices in an order of their own, the same on every reopening?"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from compliance_course.data import load_course
from compliance_course.data.loader import PACKAGE_ROOT
from compliance_course.grading.marking import mark
from compliance_course.grading.models import resolve_exams
from compliance_course.grading.simulate import first_shown
from compliance_course.quiz import ExamQuiz, QuestionWidget
from compliance_course.quiz.choice_order import choice_order, learner_id

KEYS = ["A", "B", "C", "D"]


def test_the_order_is_a_pure_function_of_learner_scope_and_question():
    one = choice_order(KEYS, learner="ada", scope="hipaa_exam", question_id="q1")
    assert sorted(one) == KEYS
    assert choice_order(KEYS, learner="ada", scope="hipaa_exam", question_id="q1") == one
    assert choice_order(list(reversed(KEYS)), learner="ada", scope="hipaa_exam", question_id="q1") == one
    others = {tuple(choice_order(KEYS, learner=f"learner{i}", scope="hipaa_exam", question_id="q1"))
              for i in range(50)}
    assert len(others) > 12  # 24 orders exist; 50 learners see many of them


def test_each_choice_comes_first_about_equally_often():
    firsts = Counter(choice_order(KEYS, learner=f"learner{i}", scope="soc2_exam", question_id="q7")[0]
                     for i in range(800))
    assert set(firsts) == set(KEYS)
    assert all(150 <= n <= 250 for n in firsts.values()), firsts  # 200 expected each


def test_learner_is_the_hub_user_else_the_os_user():
    assert learner_id({"JUPYTERHUB_USER": "ada"}) == "ada"
    assert learner_id({}) not in ("", None)


def _chance(exam) -> float:
    """Expected share of points for someone who picks the first choice shown, from the key alone."""
    got = 0.0
    for q in exam.questions:
        if q.type in ("single_choice", "true_false"):
            got += q.points / len(q.option_pairs())
        elif q.type == "multiple_select" and len(q.answer) == 1:
            got += q.points / len(q.choices)
    return got / sum(q.points for q in exam.questions)


def test_clicking_the_first_choice_shown_scores_near_chance_on_every_real_exam():
    load_course.cache_clear()
    course = load_course(PACKAGE_ROOT / "course_data")
    for exam in resolve_exams(course):
        total = sum(q.points for q in exam.questions)
        shares = []
        for i in range(300):
            answers, _ = first_shown(exam, f"learner{i:03d}")
            shares.append(sum(m.points for m in mark(exam.questions, answers)) / total)
        mean = sum(shares) / len(shares)
        assert abs(mean - _chance(exam)) < 0.06, (exam.id, mean, _chance(exam))
        passing = sum(s >= exam.pass_threshold for s in shares)
        assert passing <= 3, (exam.id, passing)  # of 300
    load_course.cache_clear()


@pytest.fixture
def questions(mini_course):
    load_course.cache_clear()
    course = load_course(mini_course)
    return [course.questions[q] for q in ("demo-q-01", "demo-q-02", "demo-q-03", "demo-q-04")]


def _shown(qw: QuestionWidget) -> list[str]:
    """The choice labels as the learner's control lists them (the browser draws them in this order)."""
    return list(getattr(qw.children[1], "labels", ()))  # a number box has none


def test_the_exam_records_the_order_and_keeps_it_on_reopening(questions, tmp_path):
    exam = ExamQuiz("demo", questions, folder=tmp_path, learner="ada")
    shown = [_shown(qw) for qw in exam.questions]
    exam.questions[0].value = "B"
    saved = json.loads((tmp_path / "demo.responses.json").read_text())
    assert saved["learner"] == "ada" and saved["answers"]["demo-q-01"]["value"] == "B"
    q1 = questions[0]
    expected = choice_order([c.key for c in q1.choices], learner="ada", scope="demo", question_id=q1.id)
    assert saved["order"]["demo-q-01"] == expected
    assert shown[0] == [{c.key: c.text for c in q1.choices}[k] for k in expected]
    assert saved["order"]["demo-q-03"] in (["True", "False"], ["False", "True"])
    assert "demo-q-04" not in saved["order"]  # a number box has no choices
    again = ExamQuiz("demo", questions, folder=tmp_path)  # reopened, whoever the OS user is now
    assert [_shown(qw) for qw in again.questions] == shown
    assert again.questions[0].value == "B"


def test_different_learners_see_different_orders_and_answers_stay_keys(questions, tmp_path):
    orders = {tuple(_shown(ExamQuiz("demo", questions, folder=tmp_path / name, learner=name).questions[0]))
              for name in ("ada", "bob", "cy", "dee", "eve", "fay")}
    assert len(orders) > 1
    exam = ExamQuiz("demo", questions, folder=tmp_path / "x", learner="zed")
    exam.questions[1].value = ["C", "A"]
    assert exam.questions[1].value == ["A", "C"]  # keys, in the bank's order, whatever was shown


def test_practice_questions_are_shown_in_the_learner_s_own_order(questions, monkeypatch):
    seen = set()
    for name in ("ada", "bob", "cy", "dee", "eve", "fay"):
        monkeypatch.setenv("JUPYTERHUB_USER", name)
        qw = QuestionWidget(questions[0])
        seen.add(tuple(_shown(qw)))
        assert tuple(_shown(QuestionWidget(questions[0]))) in seen  # the same on reopening
        qw.value = "B"
        assert qw.check() is True
    assert len(seen) > 1
