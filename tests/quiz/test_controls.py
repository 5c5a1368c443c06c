"""Does a learner's input reach the kernel in the order the learner gave it?

ipywidgets holds back a model's state update while an earlier one waits for the kernel, but
sends a button click at once, so a click can overtake the input it should judge. The
messages below are what JupyterLab sends for a learner who picks one choice, then another,
then presses Check before the kernel has answered the first update.
"""
from __future__ import annotations

import pytest

from compliance_course.data import load_course
from compliance_course.quiz import QuestionWidget
from compliance_course.quiz.controls import ChoiceGroup


@pytest.fixture
def demo(mini_course):
    load_course.cache_clear()
    return load_course(mini_course)


def from_browser(widget, data: dict) -> None:
    """One comm message from the browser, as ipywidgets' kernel side receives it."""
    widget._handle_msg({"content": {"data": data}, "buffers": []})


def state_update(widget, **state) -> None:
    from_browser(widget, {"method": "update", "state": state, "buffer_paths": []})


def custom(widget, content) -> None:
    from_browser(widget, {"method": "custom", "content": content})


def position(qw: QuestionWidget, key: str) -> int:
    return qw._input.choice_keys.index(key)


def test_check_pressed_before_a_held_back_update_judges_the_choice_on_screen(demo):
    qw = QuestionWidget(demo.questions["demo-q-01"])  # key B
    wrong, right = position(qw, "C"), position(qw, "B")
    state_update(qw._input, selected=[wrong])   # first change: sent at once
    custom(qw._input, {"selected": [wrong]})
    custom(qw._input, {"selected": [right]})    # second change: its state update is held back
    qw.check_button.click()                     # the click is not held back
    assert qw.correct is True and "Correct" in qw._feedback.value
    state_update(qw._input, selected=[right])   # the held-back update arrives last
    assert "Correct" in qw._feedback.value, "the late update of the same choice wiped the feedback"


def test_a_typed_number_counts_before_the_check_that_follows_it(demo):
    qw = QuestionWidget(demo.questions["demo-q-04"])  # the answer is 3.5
    state_update(qw._input, text="3.6")
    custom(qw._input, {"text": "3.6"})
    custom(qw._input, {"text": "3.5"})  # retyped and Enter; its state update is held back
    qw.check_button.click()
    assert qw.correct is True
    state_update(qw._input, text="3.5")
    assert "Correct" in qw._feedback.value


def test_input_from_the_browser_is_not_echoed_back(monkeypatch):
    """An echo would put an older choice back on screen while a newer one waits to be sent."""
    group = ChoiceGroup([("first", 1), ("second", 2)])
    sent = []
    monkeypatch.setattr(group.comm, "send", lambda *args, **kwargs: sent.append(kwargs.get("data")))
    state_update(group, selected=[0])
    custom(group, {"selected": [1]})
    assert group.value == 2
    assert sent == [], f"sent back to the browser: {sent}"


@pytest.mark.parametrize("content", [
    {"selected": ["not a position"]},   # refused by the trait, as a state update would be
    {"labels": ["rewritten"]},          # not an input of this control
    {"kind": "anywidget-command"},      # anywidget's own messages
    {},
    ["selected", [1]],
])
def test_other_custom_messages_change_nothing(content):
    group = ChoiceGroup([("first", 1), ("second", 2)])
    group.value = 1
    custom(group, content)
    assert (group.value, group.labels) == (1, ["first", "second"])
