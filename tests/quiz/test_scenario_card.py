"""Do scenario cards give a fair second try and show options as words?"""
from __future__ import annotations

import pytest

from compliance_course.quiz.scenario import ScenarioCard, option_label


@pytest.mark.parametrize("raw, shown", [
    ("processing_integrity, security", "Processing integrity, Security"),
    ("moderate", "Moderate"), ("none", "None of them"), ("SOC 2 Type II", "SOC 2 Type II"),
    ("2026-08-29", "2026-08-29"), ("CMMC Level 2, NIST SP 800-171", "CMMC Level 2, NIST SP 800-171")])
def test_option_labels_are_words(raw, shown):
    assert option_label(raw) == shown


def _card(course):
    scenario = next(s for s in course.scenarios.values() if s.options and len(s.options) >= 3)
    wrong = [o for o in scenario.options if o != scenario.expected_option]
    return ScenarioCard(scenario), scenario, wrong


def test_first_wrong_try_gives_a_hint_not_the_answer(course):
    card, scenario, wrong = _card(course)
    card.options.value = wrong[0]
    assert card.check() is False
    assert "Hint" in card.feedback.value and "answer is" not in card.feedback.value
    assert card.show_button.layout.display != "none"
    card.options.value = wrong[1]
    card.check()
    assert f"The answer is <b>{option_label(scenario.expected_option)}" in card.feedback.value
    assert card.first_correct is False


def test_show_answer_and_empty_check(course):
    card, scenario, _ = _card(course)
    assert card.check() is None and "Choose an answer first" in card.feedback.value
    card.show_answer()
    assert f"Answer: {option_label(scenario.expected_option)}" in card.feedback.value
    assert card.first_correct is False


def test_every_real_option_reads_as_words(course):
    """No card shows a snake_case key or a lower-case level."""
    for s in course.scenarios.values():
        for label in ScenarioCard(s).options.labels:
            assert "_" not in label and label[:1] == label[:1].upper(), (s.id, label)


def test_the_engines_reason_is_not_repeated_by_the_explanation(course):
    """hipaa-scn-tier-misdirected-fax: its explanation repeats a sentence of the engine's reason."""
    import re
    from compliance_course.scenarios import run
    scenario = course.scenarios["hipaa-scn-tier-misdirected-fax"]
    card = ScenarioCard(scenario)
    card.show_answer()
    shown = re.sub(r"<[^>]+>", " ", card.feedback.value)
    for sentence in re.split(r"(?<=[.!?])\s+", run(scenario).reason):
        if len(sentence) > 20:
            assert shown.count(sentence.replace("'", "&#x27;").replace('"', "&quot;")) <= 1, sentence
