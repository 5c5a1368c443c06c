"""Are dollar amounts in quiz text kept out of JupyterLab's MathJax (which would set "$100 to $50,000" as a formula)?"""
from __future__ import annotations

import pytest

from compliance_course.data import load_course
from compliance_course.quiz import practice_quiz, scenario_cards
from compliance_course.quiz._text import NO_MATH_CLASSES


def _dollar_question_module() -> str:
    course = load_course()
    for q in course.questions.values():
        if q.use == "practice" and "$" in q.prompt + "".join(c.text for c in q.choices):
            return q.module
    pytest.skip("no practice question mentions a dollar amount")


def test_practice_sets_and_their_questions_skip_mathjax():
    quiz = practice_quiz(_dollar_question_module())
    for widget in [quiz, *quiz.questions]:
        assert set(NO_MATH_CLASSES) <= set(widget._dom_classes), widget


def test_scenario_cards_skip_mathjax():
    cards = [c for c in scenario_cards("hipaa").children if type(c).__name__ == "ScenarioCard"]
    assert cards
    for card in cards:
        assert set(NO_MATH_CLASSES) <= set(card._dom_classes), card
