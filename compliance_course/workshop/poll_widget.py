"""The participant's side of the live poll: answer a scenario from a module notebook.

In a module notebook: ``team_poll("hipaa")``. No right or wrong is shown here; the
facilitator reveals the answer on the dashboard once the room has voted.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from ..data import Scenario, load_course
from .poll import PollError, default_participant, poll_folder, submit_answer


class PollCard(w.VBox):
    """One scenario with options and a **Send my answer** button."""

    def __init__(self, scenario: Scenario, *, folder: str | Path | None = None, number: int | None = None):
        if not scenario.options:
            raise ValueError(f"scenario {scenario.id!r} has no options to vote on")
        self.scenario = scenario
        self._folder = folder
        title = f"Round {number}: " if number is not None else ""
        self._text = w.HTML(f"<h4>{title}{html.escape(scenario.title)}</h4>"
                            f"<p>{html.escape(scenario.situation)}</p>"
                            f"<p><b>{html.escape(scenario.question)}</b></p>")
        self.options = w.RadioButtons(options=list(scenario.options), value=None,
                                      description="", tooltip=f"Your answer to {scenario.title}",
                                      layout=w.Layout(width="auto"))
        self.send_button = w.Button(description="Send my answer", button_style="primary",
                                    tooltip=f"Send your answer to {scenario.title} to the facilitator")
        self.status = w.HTML()
        self.errors = w.Output()
        self.send_button.on_click(self._on_send_button_click)
        super().__init__([self._text, self.options, self.send_button, self.status, self.errors],
                         layout=w.Layout(border="1px solid #ccd", padding="8px", margin="6px 0"))
        self.add_class("cc-poll")

    def send(self) -> Path | None:
        """Write the chosen option to the poll folder; report in ``status``."""
        if self.options.value is None:
            self.status.value = "<span style='color:#8a6d3b'>Choose an answer first.</span>"
            return None
        try:
            path = submit_answer(self.scenario, self.options.value, folder=self._folder)
        except (PollError, OSError) as exc:
            self.status.value = f"<span style='color:#c62828'>Not sent: {html.escape(str(exc))}</span>"
            return None
        self.status.value = (f"<span style='color:#2e7d32'>Sent: <b>{html.escape(self.options.value)}</b>. "
                             "You can change it and send again until the facilitator reveals the answer."
                             "</span>")
        return path

    def _on_send_button_click(self, _button: w.Button) -> None:
        with self.errors:
            self.send()


class TeamPoll(w.VBox):
    """Who is answering (this account: on the hub, the participant's login) and one PollCard per scenario."""

    def __init__(self, module: str, *, folder: str | Path | None = None):
        course = load_course()
        scenarios = [s for s in course.scenarios_for(module) if s.options]
        if not scenarios:
            raise ValueError(f"module {module!r} has no scenarios with options to poll")
        self.participant = w.HTML(f"Answering as <b>{html.escape(default_participant())}</b> "
                                  "(your login: the facilitator sees this name).")
        try:
            where = f"Answers go to the room's poll folder <code>{html.escape(str(poll_folder(folder)))}</code>."
        except PollError as exc:
            where = f"<span style='color:#c62828'>{html.escape(str(exc))}</span>"
        self.cards = [PollCard(s, folder=folder, number=i)
                      for i, s in enumerate(scenarios, 1)]
        super().__init__([w.HTML(f"<b>Team poll.</b> {where}"), self.participant, *self.cards])


def team_poll(module: str, *, folder: str | Path | None = None) -> TeamPoll:
    """The live poll for a module's scenarios, for use in a workshop."""
    return TeamPoll(module, folder=folder)


def workshop_poll(module: str, *, folder: str | Path | None = None):
    """The team poll when this notebook runs in a workshop (a poll folder is set), else a short note.

    Module notebooks call this in their workshop section, so self-paced learners see one
    sentence instead of an error about a missing poll folder.
    """
    from IPython.display import Markdown

    try:
        poll_folder(folder)
    except PollError:
        return Markdown("*No team poll is running: this section is for facilitated workshops. "
                        "Your facilitator will tell you when to use it; on your own, skip ahead.*")
    return TeamPoll(module, folder=folder)
