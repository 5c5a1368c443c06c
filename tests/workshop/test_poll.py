"""Does the poll folder keep every participant's latest answer exactly once, and report what it skips?"""
from __future__ import annotations

import json
import multiprocessing
import os
import stat

import pandas as pd
import pytest

from compliance_course.workshop.poll import (PollError, poll_folder, read_poll, sanitise_participant,
                                             submit_answer)

from workshop_fixtures import demo_course, workshop_data  # noqa: F401  (fixtures)


@pytest.mark.parametrize("raw, clean", [
    ("ann", "ann"),
    ("Ann Lee", "ann-lee"),
    ("Zoë O'Brien", "zoe-o-brien"),
    ("../../etc/passwd", "etc-passwd"),
    ("a__b", "a-b"),                       # the separator cannot appear inside a name
    ("j.smith@example.com", "j.smith-example.com"),
    ("  --x--  ", "x"),
    ("x" * 60, "x" * 40),
])
def test_participant_names_become_safe_file_names(raw, clean):
    assert sanitise_participant(raw) == clean


@pytest.mark.parametrize("raw", ["", "   ", "!!!", "../..", "日本"])
def test_a_name_with_nothing_usable_is_refused(raw):
    with pytest.raises(PollError, match="has no letters or digits; type your name"):
        sanitise_participant(raw)


def test_folder_comes_from_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_POLL_DIR", str(tmp_path / "env"))
    assert poll_folder() == tmp_path / "env"
    assert poll_folder(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.delenv("COURSE_POLL_DIR")
    with pytest.raises(PollError, match="no poll folder: set the environment variable COURSE_POLL_DIR"):
        poll_folder()


def test_an_answer_is_one_readable_file_named_by_question_and_participant(demo_course, tmp_path):
    path = submit_answer("demo-s-01", "Yes", "Ann Lee", folder=tmp_path)
    assert path == tmp_path / "demo-s-01__ann-lee.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the facilitator is another user on the hub
    record = json.loads(path.read_text())
    assert (record["question"], record["participant"], record["answer"]) == ("demo-s-01", "ann-lee", "Yes")


def test_an_answer_outside_the_options_is_refused(demo_course, tmp_path):
    with pytest.raises(PollError, match=r"'Maybe' is not an option of scenario 'demo-s-01'; choose one of: Yes, No"):
        submit_answer("demo-s-01", "Maybe", "ann", folder=tmp_path)
    with pytest.raises(PollError, match="unknown scenario 'nope'"):
        submit_answer("nope", "Yes", "ann", folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_participant_defaults_to_the_hub_user(demo_course, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "Bob")
    assert submit_answer("demo-s-01", "No", folder=tmp_path).name == "demo-s-01__bob.json"


def test_answering_again_replaces_the_earlier_answer(demo_course, tmp_path):
    submit_answer("demo-s-07", "Alpha", "ann", folder=tmp_path)
    submit_answer("demo-s-07", "Beta", "ANN", folder=tmp_path)
    results = read_poll(tmp_path, course=demo_course)
    assert results.answers[["participant", "answer"]].values.tolist() == [["ann", "Beta"]]
    assert results.counts(demo_course.scenarios["demo-s-07"]).to_dict() == {"Alpha": 0, "Beta": 1, "Gamma": 0}


def test_summary_counts_right_answers_per_scenario(demo_course, tmp_path):
    for who, answer in [("a", "Yes"), ("b", "Yes"), ("c", "No"), ("d", "Yes")]:
        submit_answer("demo-s-01", answer, who, folder=tmp_path)   # expected Yes
    submit_answer("demo-s-02", "Yes", "a", folder=tmp_path)          # expected No
    summary = read_poll(tmp_path, course=demo_course).summary(demo_course.scenarios_for("demo")[:3])
    rows = summary[["scenario", "responses", "right", "percent_right", "most_chosen"]].values.tolist()
    assert rows[:2] == [["demo-s-01", 4, 3, 75.0, "Yes"], ["demo-s-02", 1, 0, 0.0, "Yes"]]
    assert rows[2][:3] == ["demo-s-03", 0, 0] and pd.isna(rows[2][3]) and rows[2][4] == ""


def test_malformed_and_foreign_files_are_reported_and_skipped(demo_course, tmp_path):
    submit_answer("demo-s-01", "Yes", "ann", folder=tmp_path)
    good = json.loads((tmp_path / "demo-s-01__ann.json").read_text())
    (tmp_path / "notes.txt").write_text("shopping list")
    (tmp_path / "subfolder").mkdir()
    (tmp_path / "demo-s-01__eve.json").write_text("{not json")
    (tmp_path / "demo-s-01__list.json").write_text("[1, 2]")
    (tmp_path / "demo-s-01__empty.json").write_text("")
    (tmp_path / "demo-s-01__latin.json").write_bytes(b"\xff\xfe")
    (tmp_path / "demo-s-01__mallory.json").write_text(json.dumps({**good, "participant": "trudy"}))
    (tmp_path / "demo-s-01__extra.json").write_text(json.dumps({**good, "participant": "extra", "score": 1}))
    (tmp_path / "demo-s-01__maybe.json").write_text(json.dumps({**good, "participant": "maybe", "answer": "Maybe"}))
    (tmp_path / "zzz-s-01__ann.json").write_text(json.dumps({**good, "question": "zzz-s-01"}))
    (tmp_path / ".demo-s-01__bob.json.x1y2.tmp").write_text("{half a wri")  # a write in progress
    results = read_poll(tmp_path, course=demo_course)
    assert results.answers[["question", "participant"]].values.tolist() == [["demo-s-01", "ann"]]
    reasons = dict(results.problems)
    assert sorted(reasons) == ["demo-s-01__empty.json", "demo-s-01__eve.json", "demo-s-01__extra.json",
                               "demo-s-01__latin.json", "demo-s-01__list.json", "demo-s-01__mallory.json",
                               "demo-s-01__maybe.json", "notes.txt", "subfolder", "zzz-s-01__ann.json"]
    assert reasons["notes.txt"].startswith("not a poll answer file")
    assert reasons["demo-s-01__eve.json"].startswith("unreadable or malformed JSON")
    assert reasons["demo-s-01__mallory.json"] == "content is for demo-s-01__trudy, not this file name"
    assert reasons["demo-s-01__extra.json"].startswith("not a poll answer: score")
    assert reasons["demo-s-01__maybe.json"] == "answer 'Maybe' is not an option of 'demo-s-01'"
    assert reasons["zzz-s-01__ann.json"] == "unknown scenario 'zzz-s-01'"


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(PollError, match="does not exist; create it or check COURSE_POLL_DIR"):
        read_poll(tmp_path / "nope")


# -- thirty people in the same second ---------------------------------------------------------------
ROOM = 30


def _participant(args):
    """One participant process: wait for everyone, then answer three scenarios, changing one answer."""
    barrier, folder, index, scenarios = args
    name = f"Participant {index:02d}"
    barrier.wait(timeout=60)
    first, second, third = scenarios
    submit_answer(first, "Yes" if index % 3 else "No", name, folder=folder)
    submit_answer(second, "No", name, folder=folder)
    submit_answer(second, "Yes" if index % 2 else "No", name, folder=folder)  # changes their mind
    submit_answer(third, ("Alpha", "Beta", "Gamma")[index % 3], name, folder=folder)
    return index


def test_thirty_participants_answering_at_once_are_each_counted_exactly_once(demo_course, tmp_path):
    """30 processes released together by a barrier write 120 answers; is each of the 90 latest counted once?"""
    scenarios = [demo_course.scenarios[i] for i in ("demo-s-01", "demo-s-02", "demo-s-07")]
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(ROOM)
    processes = [ctx.Process(target=_participant, args=((barrier, tmp_path, i, scenarios),))
                 for i in range(ROOM)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * ROOM

    results = read_poll(tmp_path, course=demo_course)
    assert results.problems == []
    assert sorted(os.listdir(tmp_path)) == sorted(f.name for f in tmp_path.glob("*.json"))  # no temp files left
    assert len(results.answers) == 3 * ROOM
    assert results.answers.groupby("question")["participant"].nunique().to_dict() == {
        "demo-s-01": ROOM, "demo-s-02": ROOM, "demo-s-07": ROOM}
    # by hand: indexes 0..29; 10 of them divisible by 3 answer No to s-01; 15 odd answer Yes to s-02
    s01, s02, s07 = scenarios
    assert results.counts(s01).to_dict() == {"Yes": 20, "No": 10}
    assert results.counts(s02).to_dict() == {"Yes": 15, "No": 15}
    assert results.counts(s07).to_dict() == {"Alpha": 10, "Beta": 10, "Gamma": 10}
