"""Do the participant poll widget and the facilitator dashboard work without a browser?"""
from __future__ import annotations

import pytest

from compliance_course.workshop.dashboard import NEUTRAL, RIGHT, WRONG, FacilitatorDashboard, answer_chart
from compliance_course.workshop.poll import read_poll, submit_answer
from compliance_course.workshop.poll_widget import team_poll

from workshop_fixtures import demo_course, workshop_data  # noqa: F401  (fixtures)


@pytest.fixture
def room(demo_course, tmp_path, monkeypatch):
    folder = tmp_path / "poll"
    folder.mkdir()
    monkeypatch.setenv("COURSE_POLL_DIR", str(folder))
    return folder


def test_team_poll_sends_the_chosen_option(room, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "carol")
    poll = team_poll("demo")
    assert poll.participant.value == "carol"
    card = poll.cards[6]
    card.options.value = "Gamma"
    card.send_button.click()
    assert "Sent: <b>Gamma</b>" in card.status.value
    assert read_poll(room).answers[["question", "participant", "answer"]].values.tolist() == [
        ["demo-s-07", "carol", "Gamma"]]


def test_sending_without_a_choice_asks_for_one(room):
    card = team_poll("demo").cards[0]
    card.send_button.click()
    assert "Choose an answer first" in card.status.value
    assert list(room.iterdir()) == []


def test_without_a_poll_folder_the_participant_is_told_what_to_do(demo_course, monkeypatch):
    monkeypatch.delenv("COURSE_POLL_DIR", raising=False)
    poll = team_poll("demo")
    assert "set the environment variable COURSE_POLL_DIR" in poll.children[0].value
    card = poll.cards[0]
    card.options.value = "Yes"
    card.send_button.click()
    assert "Not sent: no poll folder" in card.status.value


def test_team_poll_controls_have_accessible_names(room):
    poll = team_poll("demo")
    assert poll.participant.description and poll.cards[0].send_button.tooltip and poll.cards[0].options.tooltip


def test_answer_chart_counts_and_colours_only_when_revealed(demo_course):
    s = demo_course.scenarios["demo-s-07"]
    import pandas as pd
    counts = pd.Series([3, 5, 0], index=["Alpha", "Beta", "Gamma"])
    hidden = answer_chart(s, counts)
    assert list(hidden.data[0].y) == [3, 5, 0]
    assert list(hidden.data[0].marker.color) == [NEUTRAL] * 3 and "Beta" not in hidden.layout.title.text
    shown = answer_chart(s, counts, reveal=True)
    assert list(shown.data[0].marker.color) == [WRONG, RIGHT, WRONG]
    assert shown.layout.title.text == "Demo pick: 8 answers (answer: Beta)"


def test_dashboard_shows_answers_arriving_on_refresh(room):
    dash = FacilitatorDashboard("demo")
    assert list(dash.figure.data[0].y) == [0, 0]
    submit_answer("demo-s-01", "Yes", "ann", folder=room)
    submit_answer("demo-s-01", "No", "bo", folder=room)
    submit_answer("demo-s-01", "No", "cy", folder=room)
    dash.refresh_button.click()
    assert list(dash.figure.data[0].x) == ["Yes", "No"] and list(dash.figure.data[0].y) == [1, 2]
    assert "3 participants answered so far" in dash.status.value


def test_auto_refresh_ticks_read_the_folder_again(room):
    dash = FacilitatorDashboard("demo")
    submit_answer("demo-s-01", "Yes", "ann", folder=room)
    dash.auto.value = 1  # what the Play widget does every few seconds in the browser
    assert list(dash.figure.data[0].y) == [1, 0]


def test_reveal_is_per_round_and_the_summary_never_spoils_later_rounds(room):
    submit_answer("demo-s-01", "Yes", "ann", folder=room)
    submit_answer("demo-s-02", "Yes", "ann", folder=room)
    dash = FacilitatorDashboard("demo")
    assert dash.summary["percent_right"].isna().all() and dash.summary_figure is None
    dash.reveal.value = True
    assert list(dash.figure.data[0].marker.color) == [RIGHT, WRONG]
    assert dash.summary.set_index("scenario").loc["demo-s-01", "percent_right"] == 100.0
    assert dash.summary.set_index("scenario")["percent_right"].drop("demo-s-01").isna().all()
    assert list(dash.summary_figure.data[0].x) == ["Demo case 1"]
    dash.round.value = "demo-s-02"
    assert dash.reveal.value is False and list(dash.figure.data[0].marker.color) == [NEUTRAL, NEUTRAL]
    dash.round.value = "demo-s-01"
    assert dash.reveal.value is True


def test_dashboard_reports_skipped_files(room):
    (room / "notes.txt").write_text("x")
    dash = FacilitatorDashboard("demo")
    assert "1 file(s) skipped" in dash.status.value and "notes.txt" in dash.status.value


def test_dashboard_switches_module(room):
    submit_answer("other-s-01", "B", "ann", folder=room)
    dash = FacilitatorDashboard()
    assert dash.module.value == "demo"
    dash.module.value = "other"
    assert dash.round.value == "other-s-01" and list(dash.figure.data[0].y) == [0, 1]


def test_dashboard_without_a_folder_says_so(demo_course, monkeypatch):
    monkeypatch.delenv("COURSE_POLL_DIR", raising=False)
    dash = FacilitatorDashboard("demo")
    assert "no poll folder" in dash.status.value
    assert list(dash.figure.data[0].y) == [0, 0]


def test_a_module_without_scenarios_is_refused(demo_course):
    with pytest.raises(ValueError, match="module 'nosuch' has no scenarios to poll; modules with scenarios: demo, other"):
        FacilitatorDashboard("nosuch")


def test_workshop_poll_is_a_note_without_a_poll_folder(monkeypatch):
    """Self-paced learners (no COURSE_POLL_DIR) see a one-line note, not an error."""
    from IPython.display import Markdown

    from compliance_course.workshop import workshop_poll
    monkeypatch.delenv("COURSE_POLL_DIR", raising=False)
    shown = workshop_poll("cross_framework")
    assert isinstance(shown, Markdown) and "No team poll is running" in shown.data


def test_workshop_poll_is_the_team_poll_in_a_workshop(monkeypatch, tmp_path):
    from compliance_course.workshop import TeamPoll, workshop_poll
    monkeypatch.setenv("COURSE_POLL_DIR", str(tmp_path))
    poll = workshop_poll("cross_framework")
    assert isinstance(poll, TeamPoll) and len(poll.cards) >= 3
