"""Scenario cards: a situation, a choice, and the decision engine's answer with its reason."""
from __future__ import annotations

import html

import ipywidgets as w

from ..data import Scenario, load_course
from ..scenarios import run


class ScenarioCard(w.VBox):
    """One scenario: read the situation, pick an option, press Check.

    The feedback is the decision engine's own answer, reason and citation, so
    what the learner reads is exactly what the tested rule computes.
    """

    def __init__(self, scenario: Scenario, *, number: int | None = None):
        self.scenario = scenario
        self.correct: bool | None = None
        title = f"Scenario {number}: " if number is not None else ""
        self._text = w.HTML(
            f"<h4>{title}{html.escape(scenario.title)}</h4><p>{html.escape(scenario.situation)}</p>"
            f"<p><b>{html.escape(scenario.question)}</b></p>")
        self.options = w.RadioButtons(options=list(scenario.options), value=None,
                                      tooltip=f"Your answer to {scenario.title}",
                                      layout=w.Layout(width="auto"))
        label = "Check" if scenario.options else "Show the answer"
        self.check_button = w.Button(description=label, button_style="primary",
                                     tooltip=f"{label}: {scenario.title}")
        self.check_button.on_click(self._on_check_button_click)
        self.feedback = w.HTML()
        children = [self._text, self.check_button, self.feedback]
        if scenario.options:
            children.insert(1, self.options)
        super().__init__(children, layout=w.Layout(border="1px solid #ccd", padding="8px", margin="6px 0"))
        self.add_class("cc-scenario")

    def check(self) -> bool | None:
        s = self.scenario
        if s.options and self.options.value is None:
            self.feedback.value = "<span style='color:#8a6d3b'>Choose an answer first.</span>"
            return None
        decision = run(s)
        verdict = ""
        if s.options:
            self.correct = self.options.value == s.expected_option
            verdict = ("<b style='color:#2e7d32'>✔ Correct.</b> " if self.correct else
                       f"<b style='color:#c62828'>✘ Not quite.</b> The answer is "
                       f"<b>{html.escape(s.expected_option)}</b>. ")
        else:
            verdict = f"<b>Answer: {html.escape(s.expected_option)}.</b> "
        self.feedback.value = (f"<div class='cc-feedback'>{verdict}{html.escape(decision.reason)}<br>"
                               f"{html.escape(s.explanation)}<br>"
                               f"<small>Source: {html.escape(decision.citation)}</small></div>")
        return self.correct

    def _on_check_button_click(self, _button: w.Button) -> None:
        self.check()


def scenario_cards(module: str, ids: list[str] | None = None) -> w.VBox:
    """Every scenario of a module (or the listed ones) as cards."""
    course = load_course()
    scenarios = [course.scenarios[i] for i in ids] if ids else course.scenarios_for(module)
    if not scenarios:
        raise ValueError(f"no scenarios found for module {module!r}")
    return w.VBox([ScenarioCard(s, number=i) for i, s in enumerate(scenarios, 1)])
