"""One question as an ipywidgets box, in practice or exam mode."""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from ..data.models import Question
from .choice_order import choice_order, key_text, learner_id

Listener = Callable[["QuestionWidget"], None]


def ordered_pairs(question: Question, order: Sequence[Any] | None = None) -> list[tuple[str, Any]]:
    """The question's (label, key) pairs in the order shown: ``order`` (keys, or their text), else
    the learner's own order for this question (see :mod:`.choice_order`)."""
    pairs = question.option_pairs()
    if order is None:
        order = choice_order([key for _, key in pairs], learner=learner_id(),
                             scope=f"practice:{question.module}", question_id=question.id)
    rank = {key_text(k): i for i, k in enumerate(order)}
    return sorted(pairs, key=lambda pair: rank.get(key_text(pair[1]), len(rank)))


def _choice_input(question: Question, pairs: list[tuple[str, Any]]) -> w.Widget:
    """The input a learner clicks: radio buttons, checkboxes or a number box."""
    label = f"Answer to question {question.id}"
    if question.type in ("single_choice", "true_false"):
        return w.RadioButtons(options=pairs, value=None, description="",
                              layout=w.Layout(width="auto"), description_allow_html=False,
                              tooltip=label)
    if question.type == "multiple_select":
        boxes = [w.Checkbox(value=False, description=text, indent=False, tooltip=text)
                 for text, _key in pairs]
        return w.VBox(boxes)
    return w.FloatText(value=None, description="Answer", tooltip=label)


class QuestionWidget(w.VBox):
    """Shows one question; practice mode checks it, exam mode only reports the choice.

    Practice: pick, press **Check**, read right/wrong, the explanation and the source;
    change the answer and check again as often as you like.
    Exam: no correctness is shown; every change is passed to ``on_change`` listeners
    (the exam saves it at once).

    Choices are shown in ``order`` (choice keys), by default in the learner's own order
    (:mod:`.choice_order`); answers are always choice keys, whatever the order.
    """

    def __init__(self, question: Question, *, mode: str = "practice", number: int | None = None,
                 order: Sequence[Any] | None = None):
        if mode not in ("practice", "exam"):
            raise ValueError(f"mode must be one of 'practice', 'exam'; got {mode!r}")
        self.question = question
        self.mode = mode
        self.attempts = 0
        self.correct: bool | None = None
        self._listeners: list[Listener] = []
        self._check_listeners: list[Listener] = []
        self._silent = False
        title = f"Question {number}" if number is not None else "Question"
        multi = " (select all that apply)" if question.type == "multiple_select" else ""
        self._prompt = w.HTML(f"<b>{title}.</b> {html.escape(question.prompt)}{multi}")
        self.pairs = ordered_pairs(question, order)  # (label, key) in the order this learner sees them
        self._input = _choice_input(question, self.pairs)
        self._feedback = w.HTML("")
        self.status = w.HTML("")
        for child in self._value_widgets():
            child.observe(self._on_input_value, names="value")
        children: list[w.Widget] = [self._prompt, self._input]
        if mode == "practice":
            self.check_button = w.Button(description="Check", button_style="primary",
                                         tooltip=f"Check your answer to {title.lower()}")
            self.check_button.on_click(self._on_check_button_click)
            children += [self.check_button, self._feedback]
        else:
            children.append(self.status)
        super().__init__(children, layout=w.Layout(border="1px solid #ddd", padding="8px", margin="6px 0"))
        self.add_class("cc-question")

    # --- value -----------------------------------------------------------
    def _value_widgets(self) -> list[w.Widget]:
        return list(self._input.children) if isinstance(self._input, w.VBox) else [self._input]

    @property
    def value(self) -> Any:
        """The learner's current answer: a key, a list of keys, a bool, a number or None."""
        if self.question.type == "multiple_select":
            chosen = {key for (_, key), box in zip(self.pairs, self._input.children) if box.value}
            keys = [key for _, key in self.question.option_pairs() if key in chosen]  # bank order
            return keys or None
        return self._input.value

    @value.setter
    def value(self, response: Any) -> None:
        self._set_value(response, notify=True)

    def restore(self, response: Any) -> None:
        """Show a saved answer without treating it as a new choice (no listeners fire)."""
        self._set_value(response, notify=False)

    def _set_value(self, response: Any, *, notify: bool) -> None:
        self._silent = not notify
        try:
            if self.question.type == "multiple_select":
                chosen = set(response or [])
                for (_, key), box in zip(self.pairs, self._input.children):
                    box.value = key in chosen
            else:
                self._input.value = response
        finally:
            self._silent = False

    def on_change(self, listener: Listener) -> None:
        """Call ``listener(self)`` whenever the learner changes the answer."""
        self._listeners.append(listener)

    def _on_input_value(self, _change: dict) -> None:
        if self._silent:
            return
        if self.mode == "practice":
            self._feedback.value = ""
        for listener in self._listeners:
            listener(self)

    # --- practice --------------------------------------------------------
    def check(self) -> bool | None:
        """Judge the current answer and show feedback; returns None when nothing is chosen."""
        q = self.question
        response = self.value
        if response is None:
            self._feedback.value = "<span style='color:#8a6d3b'>Choose an answer first.</span>"
            return None
        self.attempts += 1
        self.correct = q.is_correct(response)
        self._feedback.value = feedback_html(q, response, self.correct)
        for listener in self._check_listeners:
            listener(self)
        return self.correct

    def on_check(self, listener: Listener) -> None:
        """Call ``listener(self)`` after each Check."""
        self._check_listeners.append(listener)

    def _on_check_button_click(self, _button: w.Button) -> None:
        self.check()


def feedback_html(question: Question, response: Any, correct: bool) -> str:
    """Right or wrong, the feedback for the chosen distractor, the explanation and the source."""
    parts = []
    if correct:
        parts.append("<b style='color:#2e7d32'>✔ Correct.</b>")
    else:
        parts.append(f"<b style='color:#c62828'>✘ Not quite.</b> The answer is: {html.escape(question.answer_text())}.")
        chosen = response if isinstance(response, list) else [response]
        for choice in question.choices:
            if choice.key in chosen and choice.feedback and choice.key not in (
                    question.answer if isinstance(question.answer, tuple) else (question.answer,)):
                parts.append(f"<i>{html.escape(choice.text)}</i>: {html.escape(choice.feedback)}")
    parts.append(html.escape(question.explanation))
    parts.append(f"<small>Source: {html.escape(question.source)}</small>")
    return "<div class='cc-feedback'>" + "<br>".join(parts) + "</div>"


def question(question_id: str, *, mode: str = "practice") -> QuestionWidget:
    """One question from the bank by id, e.g. ``question("start-171-count")``."""
    from ..data import load_course

    questions = load_course().questions
    if question_id not in questions:
        raise ValueError(f"unknown question id {question_id!r}")
    if mode == "practice" and questions[question_id].use == "exam":
        raise ValueError(f"{question_id!r} is an exam question and is never shown in practice")
    return QuestionWidget(questions[question_id], mode=mode)
