"""Scenario cards: a situation, a choice, and the decision engine's answer with its reason."""
from __future__ import annotations

import html
import re

import ipywidgets as w

from ..data import Scenario, load_course
from ..scenarios import run
from .controls import ChoiceGroup
from .question_widget import NOTE, RIGHT, WRONG
from ._text import no_math

_KEY = re.compile(r"^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$")
# Words an engine returns that read better spelled out.
_WORDS = {"none": "None of them"}


def option_label(option: str) -> str:
    """An option as words: ``processing_integrity, security`` → ``Processing integrity, Security``.

    Only lower-case keys are changed; names (``SOC 2 Type II``), numbers and dates stay.
    """
    def word(part: str) -> str:
        part = part.strip()
        if part in _WORDS:
            return _WORDS[part]
        if _KEY.match(part):
            text = part.replace("_", " ")
            return text[0].upper() + text[1:]
        return part

    return ", ".join(word(p) for p in option.split(","))


def _new_sentences(text: str, already: str) -> str:
    """The sentences of ``text`` that ``already`` does not say word for word."""
    sentences = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
    return " ".join(p for p in sentences if p not in already)


class ScenarioCard(w.VBox):
    """One scenario: read the situation, pick an option, press Check.

    A wrong first try says so with a hint, not the answer; a second try or **Show answer**
    gives the decision engine's own answer, reason and citation, so what the learner reads
    is exactly what the tested rule computes.
    """

    def __init__(self, scenario: Scenario, *, number: int | None = None, order: list[str] | None = None):
        self.scenario = scenario
        self.correct: bool | None = None
        self.first_correct: bool | None = None
        self.attempts = 0
        title = f"Scenario {number}: " if number is not None else ""
        self._text = w.HTML(
            f"<h4>{title}{html.escape(scenario.title)}</h4><p>{html.escape(scenario.situation)}</p>"
            f"<p><b>{html.escape(scenario.question)}</b></p>")
        shown = order if order is not None else list(scenario.options)
        self.options = ChoiceGroup([(option_label(o), o) for o in shown],
                                   accessible_name=f"{title}{scenario.title}: {scenario.question}")
        self.options.observe(self._on_choice, names="selected")
        label = "Check" if scenario.options else "Show the answer"
        self.check_button = w.Button(description=label, button_style="primary",
                                     tooltip=f"{label}: {scenario.title}")
        self.check_button.on_click(self._on_check_button_click)
        self.show_button = w.Button(description="Show answer", tooltip=f"Show the answer: {scenario.title}",
                                    layout=w.Layout(display="none"))
        self.show_button.on_click(lambda _b: self.show_answer())
        self.feedback = w.HTML()
        self.feedback.add_class("cc-feedback-region")  # announced (see controls.py)
        children = [self._text, w.HBox([self.check_button, self.show_button]), self.feedback]
        if scenario.options:
            children.insert(1, self.options)
        super().__init__(children, layout=w.Layout(border="1px solid #ccd", padding="8px", margin="6px 0"))
        no_math(self)
        self.add_class("cc-scenario")

    def _on_choice(self, _change: dict) -> None:
        self.feedback.value = ""

    def _answer_html(self, verdict: str) -> str:
        s = self.scenario
        decision = run(s)
        lines = [f"{verdict}{html.escape(decision.reason)}"]
        extra = _new_sentences(s.explanation, decision.reason)
        if extra:
            lines.append(html.escape(extra))
        lines.append(f"<small>Source: {html.escape(decision.citation)}</small>")
        return "<div class='cc-feedback'>" + "<br>".join(lines) + "</div>"

    def check(self) -> bool | None:
        s = self.scenario
        if not s.options:
            self.show_answer()
            return None
        if self.options.value is None:
            self.feedback.value = f"<span style='color:{NOTE}'>Choose an answer first.</span>"
            return None
        self.attempts += 1
        self.correct = self.options.value == s.expected_option
        if self.first_correct is None:
            self.first_correct = self.correct
        answer = f"<b>{html.escape(option_label(s.expected_option))}</b>"
        if self.correct:
            tries = "" if self.attempts == 1 else f" on try {self.attempts}"
            self.feedback.value = self._answer_html(f"<b style='color:{RIGHT}'>✔ Correct{tries}.</b> ")
        elif self.attempts == 1:
            self.feedback.value = (
                f"<div class='cc-feedback'><b style='color:{WRONG}'>✘ Not quite.</b> "
                f"<b>Hint:</b> reread the situation with the rule in mind: {html.escape(s.source)}.<br>"
                "Change your answer and press <b>Check</b> again, or press <b>Show answer</b>.</div>")
        else:
            self.feedback.value = self._answer_html(
                f"<b style='color:{WRONG}'>✘ Not quite.</b> The answer is {answer}. ")
        self.show_button.layout.display = None if (not self.correct and self.attempts == 1) else "none"
        return self.correct

    def show_answer(self) -> None:
        s = self.scenario
        if s.options and self.first_correct is None:
            self.first_correct = False
        self.show_button.layout.display = "none"
        self.feedback.value = self._answer_html(
            f"<b>Answer: {html.escape(option_label(s.expected_option))}.</b> ")

    def _on_check_button_click(self, _button: w.Button) -> None:
        self.check()


def scenario_cards(module: str, ids: list[str] | None = None) -> w.VBox:
    """Every scenario of a module (or the listed ones) as cards."""
    course = load_course()
    scenarios = [course.scenarios[i] for i in ids] if ids else course.scenarios_for(module)
    if not scenarios:
        raise ValueError(f"no scenarios found for module {module!r}")
    return w.VBox([ScenarioCard(s, number=i) for i, s in enumerate(scenarios, 1)])
