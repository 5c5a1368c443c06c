"""Do the participant poll widget and the facilitator dashboard work without a browser?"""
from __future__ import annotations

import os

import pytest

from compliance_course.workshop.dashboard import NEUTRAL, RIGHT, WRONG, FacilitatorDashboard, answer_chart
from compliance_course.workshop.poll import account_name, read_poll
from compliance_course.workshop.poll_widget import team_poll

from poll_room import room as poll_room  # noqa: F401  (fixture)
from workshop_fixtures import demo_course, workshop_data  # noqa: F401  (fixtures)


@pytest.fixture
def own_room(demo_course, tmp_path, monkeypatch):
    """A poll folder this test's own account answers into (one participant)."""
    folder = tmp_path / "poll"
    folder.mkdir()
    monkeypatch.setenv("COURSE_POLL_DIR", str(folder))
    return folder


@pytest.fixture
def room(demo_course, poll_room, monkeypatch):
    """A poll folder with participants who are distinct accounts (needs root; see poll_room.py)."""
    monkeypatch.setenv("COURSE_POLL_DIR", str(poll_room.folder))
    return poll_room


def vote(room, demo_course, who: int, scenario: str, answer: str) -> None:
    room.answer(who, demo_course.scenarios[scenario], answer)


def test_team_poll_sends_the_chosen_option_as_this_account(own_room, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "carol")  # a name in the environment changes nothing
    me = account_name(os.getuid())
    poll = team_poll("demo")
    assert f"Answering as <b>{me}</b>" in poll.participant.value
    card = poll.cards[6]
    card.options.value = "Gamma"
    card.send_button.click()
    assert "Sent: <b>Gamma</b>" in card.status.value
    assert read_poll(own_room).answers[["question", "participant", "answer"]].values.tolist() == [
        ["demo-s-07", me, "Gamma"]]


def test_sending_without_a_choice_asks_for_one(own_room):
    card = team_poll("demo").cards[0]
    card.send_button.click()
    assert "Choose an answer first" in card.status.value
    assert list(own_room.iterdir()) == []


def test_without_a_poll_folder_the_participant_is_told_what_to_do(demo_course, monkeypatch):
    monkeypatch.delenv("COURSE_POLL_DIR", raising=False)
    poll = team_poll("demo")
    assert "set the environment variable COURSE_POLL_DIR" in poll.children[0].value
    card = poll.cards[0]
    card.options.value = "Yes"
    card.send_button.click()
    assert "Not sent: no poll folder" in card.status.value


def test_team_poll_controls_have_accessible_names(own_room):
    poll = team_poll("demo")
    assert poll.cards[0].send_button.tooltip and poll.cards[0].options.tooltip


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


def test_dashboard_shows_answers_arriving_on_refresh(room, demo_course):
    dash = FacilitatorDashboard("demo")
    assert list(dash.figure.data[0].y) == [0, 0]
    vote(room, demo_course, 1, "demo-s-01", "Yes")
    vote(room, demo_course, 2, "demo-s-01", "No")
    vote(room, demo_course, 3, "demo-s-01", "No")
    dash.refresh_button.click()
    assert list(dash.figure.data[0].x) == ["Yes", "No"] and list(dash.figure.data[0].y) == [1, 2]
    assert "3 participants answered so far" in dash.status.value


def test_auto_refresh_ticks_read_the_folder_again(own_room, demo_course):
    from compliance_course.workshop.poll import submit_answer
    dash = FacilitatorDashboard("demo")
    submit_answer("demo-s-01", "Yes", folder=own_room)
    dash.auto.value = 1  # what the Play widget does every few seconds in the browser
    assert list(dash.figure.data[0].y) == [1, 0]


def test_reveal_is_per_round_and_the_summary_never_spoils_later_rounds(own_room, demo_course):
    from compliance_course.workshop.poll import submit_answer
    submit_answer("demo-s-01", "Yes", folder=own_room)
    submit_answer("demo-s-02", "Yes", folder=own_room)
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


def test_dashboard_reports_skipped_files(own_room):
    (own_room / "notes.txt").write_text("x")
    dash = FacilitatorDashboard("demo")
    assert "1 file(s) skipped" in dash.status.value and "notes.txt" in dash.status.value


def test_dashboard_switches_module(own_room, demo_course):
    from compliance_course.workshop.poll import submit_answer
    submit_answer("other-s-01", "B", folder=own_room)
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
