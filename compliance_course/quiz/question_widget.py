"""One question as an ipywidgets box, in practice or exam mode."""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from ..data.models import Question
from .controls import ChoiceGroup, NumberBox
from .sections import Section
from .choice_order import choice_order, key_text, learner_id
from ._text import no_math

Listener = Callable[["QuestionWidget"], None]

RIGHT = "#1b5e20"  # dark green, 7.9:1 on white
WRONG = "#b71c1c"  # dark red, 6.6:1 on white
NOTE = "#6d4c00"  # dark amber, 7.2:1 on white


def _choice_input(question: Question, options: list[tuple[str, Any]], name: str) -> w.Widget:
    """The input a learner uses: one group of radio buttons or checkboxes, or an empty number box."""
    if question.type in ("single_choice", "true_false"):
        return ChoiceGroup(options, accessible_name=name)
    if question.type == "multiple_select":
        return ChoiceGroup(options, multiple=True, accessible_name=name)
    return NumberBox(accessible_name=f"Answer to {name}")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def hint_html(question: Question, response: Any, section: Section | None = None,
              from_notebook: str | None = None) -> str:
    """A hint for a wrong answer that does not give the answer away."""
    hints = []
    if question.type == "multiple_select" and response:
        right = set(question.answer)
        extra = len(set(response) - right)
        missing = len(right - set(response))
        parts = []
        if extra:
            parts.append(f"{_plural(extra, 'of your ticks does', 'of your ticks do')} not belong")
        if missing:
            parts.append(f"{_plural(missing, 'right choice is', 'right choices are')} not ticked yet")
        hints.append("; ".join(parts) + ".")
    elif question.type == "numeric" and response is not None:
        hints.append(f"The answer is {'lower' if float(response) > float(question.answer) else 'higher'} "
                     f"than {response:g}.")
    if question.objective:
        hints.append(f"This question checks that you can: {html.escape(question.objective.rstrip('.'))}.")
    text = "<b>Hint:</b> " + " ".join(hints)
    if section is not None:
        text += f" {section.link_html(from_notebook)}."
    return text


def _own_feedback(question: Question, response: Any) -> list[str]:
    """The feedback of each wrong choice the learner picked."""
    chosen = response if isinstance(response, list) else [response]
    keys = question.answer if isinstance(question.answer, tuple) else (question.answer,)
    return [f"<i>{html.escape(c.text)}</i>: {html.escape(c.feedback)}"
            for c in question.choices if c.key in chosen and c.feedback and c.key not in keys]


def feedback_html(question: Question, response: Any, correct: bool, *, reveal: bool = True,
                  hint: str = "", attempt: int = 1) -> str:
    """What a learner reads after Check.

    Right: a tick and the words, the explanation and the source. Wrong with ``reveal=False``
    (a first try): the chosen options' own feedback and ``hint``, never the answer. Wrong
    with ``reveal=True`` (a later try, or "Show answer"): the answer, the chosen options'
    feedback, the explanation and the source.
    """
    parts = []
    if correct:
        if attempt > 1:
            parts.append(f"<b style='color:{RIGHT}'>✔ Correct on try {attempt}.</b> "
                         "The score counts first tries, so this question is listed as right at a later try.")
        else:
            parts.append(f"<b style='color:{RIGHT}'>✔ Correct.</b>")
    elif response is None:  # "Show answer" before any try
        parts.append(f"<b>The answer is:</b> {html.escape(question.answer_text())}.")
    elif reveal:
        parts.append(f"<b style='color:{WRONG}'>✘ Not quite.</b> "
                     f"<b>The answer is:</b> {html.escape(question.answer_text())}.")
    else:
        parts.append(f"<b style='color:{WRONG}'>✘ Not quite.</b>")
    if not correct and response is not None:
        parts += _own_feedback(question, response)
    if not correct and not reveal:
        if hint:
            parts.append(hint)
        parts.append("Change your answer and press <b>Check</b> again, or press <b>Show answer</b>.")
    else:
        if question.explanation:
            parts.append(html.escape(question.explanation))
        if question.source:
            parts.append(f"<small>Source: {html.escape(question.source)}</small>")
    return "<div class='cc-feedback'>" + "<br>".join(parts) + "</div>"


def ordered_pairs(question: Question, order: Sequence[Any] | None = None) -> list[tuple[str, Any]]:
    """The question's (label, key) pairs in the order shown: ``order`` (keys, or their text), else
    the learner's own order for this question (see :mod:`.choice_order`)."""
    pairs = question.option_pairs()
    if order is None:
        order = choice_order([key for _, key in pairs], learner=learner_id(),
                             scope=f"practice:{question.module}", question_id=question.id)
    rank = {key_text(k): i for i, k in enumerate(order)}
    return sorted(pairs, key=lambda pair: rank.get(key_text(pair[1]), len(rank)))


class QuestionWidget(w.VBox):
    """Shows one question; practice mode checks it, exam mode only reports the choice.

    Practice: pick, press **Check**. A wrong first try shows what is wrong with the chosen
    option and a hint, not the answer; a second try, or **Show answer**, shows the answer
    with its explanation and source. ``first_correct`` keeps the first try's result (the
    score); ``correct`` is the latest one.
    Exam: no correctness is shown; every change is passed to ``on_change`` listeners
    (the exam saves it at once).

    ``options`` are the (label, key) pairs in the order to show them; by default the choices
    are shown in ``order`` (choice keys), else in the learner's own order (:mod:`.choice_order`).
    Answers are always choice keys, whatever the order.
    """

    def __init__(self, question: Question, *, mode: str = "practice", number: int | None = None,
                 options: list[tuple[str, Any]] | None = None, order: Sequence[Any] | None = None,
                 section: Section | None = None, notebook: str | None = None):
        if mode not in ("practice", "exam"):
            raise ValueError(f"mode must be one of 'practice', 'exam'; got {mode!r}")
        self.question = question
        self.mode = mode
        self.number = number
        self.section = section
        self.notebook = notebook
        self.attempts = 0
        self.correct: bool | None = None
        self.first_correct: bool | None = None
        self.revealed = False
        self._listeners: list[Listener] = []
        self._check_listeners: list[Listener] = []
        self._silent = False
        title = f"Question {number}" if number is not None else "Question"
        multi = (" (select all that apply)" if question.type == "multiple_select"
                 and "select all" not in question.prompt.lower() else "")
        self._prompt = w.HTML(f"<b id='{html.escape(self.anchor)}'>{title}.</b> "
                              f"{html.escape(question.prompt)}{multi}")
        # (label, key) in the order this learner sees them
        self.pairs = options if options is not None else ordered_pairs(question, order)
        self._input = _choice_input(question, self.pairs,
                                    f"{title}: {question.prompt}")
        # Both are announced to screen readers: the question's control marks them (controls.py).
        self._feedback = w.HTML("")
        self._feedback.add_class("cc-feedback-region")
        self.status = w.HTML("")
        self.status.add_class("cc-feedback-region")
        self._input.observe(self._on_input_value, names="selected" if isinstance(self._input, ChoiceGroup)
                            else "text")
        children: list[w.Widget] = [self._prompt, self._input]
        if mode == "practice":
            self.check_button = w.Button(description="Check", button_style="primary",
                                         tooltip=f"Check your answer to {title.lower()}")
            self.check_button.on_click(self._on_check_button_click)
            self.show_button = w.Button(description="Show answer", tooltip=f"Show the answer to {title.lower()}",
                                        layout=w.Layout(display="none"))
            self.show_button.on_click(self._on_show_button_click)
            children += [w.HBox([self.check_button, self.show_button]), self._feedback]
        else:
            children.append(self.status)
        super().__init__(children, layout=w.Layout(border="1px solid #ddd", padding="8px", margin="6px 0"))
        no_math(self)
        self.add_class("cc-question")

    @property
    def anchor(self) -> str:
        """The id of the question's title, for links to the question itself."""
        return f"cc-q-{self.question.id}"

    # --- value -----------------------------------------------------------
    @property
    def value(self) -> Any:
        """The learner's current answer: a key, a list of keys, a bool, a number or None."""
        if self.question.type == "multiple_select":
            chosen = set(self._input.value or [])
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
    @property
    def corrected(self) -> bool:
        """Wrong at the first try, right at a later one."""
        return self.first_correct is False and bool(self.correct)

    @property
    def outcome(self) -> str:
        """How the question went, in words: for the summary."""
        if self.first_correct is None:
            return "not tried yet"
        if self.first_correct:
            return "right at the first try"
        return "right at a later try" if self.correct else "answer shown"

    def check(self) -> bool | None:
        """Judge the current answer and show feedback; returns None when there is nothing to judge."""
        q = self.question
        response = self.value
        if response is None:
            message = "Type a number first." if q.type == "numeric" else "Choose an answer first."
            self._feedback.value = f"<span style='color:{NOTE}'>{message}</span>"
            return None
        self.attempts += 1
        self.correct = q.is_correct(response)
        if self.first_correct is None:
            self.first_correct = self.correct
        reveal = self.correct or self.attempts > 1 or self.revealed
        hint = "" if reveal else hint_html(q, response, self.section, self.notebook)
        self._feedback.value = feedback_html(q, response, self.correct, reveal=reveal, hint=hint,
                                             attempt=self.attempts)
        if reveal:
            self.revealed = True
        if self.mode == "practice":
            self.show_button.layout.display = "none" if reveal else None
        self._notify_check()
        return self.correct

    def show_answer(self) -> None:
        """Show the answer, its explanation and source; a question not yet tried counts as missed."""
        if self.first_correct is None:
            self.first_correct = False
        self.revealed = True
        self._feedback.value = feedback_html(self.question, None, False, reveal=True)
        self.show_button.layout.display = "none"
        self._notify_check()

    def _notify_check(self) -> None:
        for listener in self._check_listeners:
            listener(self)

    def on_check(self, listener: Listener) -> None:
        """Call ``listener(self)`` after each Check (and after Show answer)."""
        self._check_listeners.append(listener)

    def _on_check_button_click(self, _button: w.Button) -> None:
        self.check()

    def _on_show_button_click(self, _button: w.Button) -> None:
        self.show_answer()


def question(question_id: str, *, mode: str = "practice") -> QuestionWidget:
    """One question from the bank by id, e.g. ``question("start-171-count")``."""
    from ..data import load_course

    questions = load_course().questions
    if question_id not in questions:
        raise ValueError(f"unknown question id {question_id!r}")
    if mode == "practice" and questions[question_id].use == "exam":
        raise ValueError(f"{question_id!r} is an exam question and is never shown in practice")
    from .practice import practice_sections

    sections, notebook = practice_sections([questions[question_id]], questions[question_id].module)
    return QuestionWidget(questions[question_id], mode=mode, section=sections.get(question_id),
                          notebook=notebook)
