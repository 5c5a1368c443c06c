"""Does the poll count each account once, keep people out of each other's answers, and report what it skips?

Participants are distinct uids (see poll_room.py): identity comes from who owns the files, so these
tests answer from real child processes running as those uids, and skip unless run as root.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import stat

import pytest

from compliance_course.workshop.poll import (MAX_BYTES, PollError, poll_folder, read_poll, reset_poll,
                                             submit_answer)

from poll_room import FIRST_UID, as_uid, room  # noqa: F401  (fixture)
from workshop_fixtures import demo_course, workshop_data  # noqa: F401  (fixtures)


def test_folder_comes_from_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_POLL_DIR", str(tmp_path / "env"))
    assert poll_folder() == tmp_path / "env"
    assert poll_folder(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.delenv("COURSE_POLL_DIR")
    with pytest.raises(PollError, match="no poll folder: set the environment variable COURSE_POLL_DIR"):
        poll_folder()


def test_an_answer_is_a_readable_file_in_the_participants_own_folder(demo_course, room):
    s01 = demo_course.scenarios["demo-s-01"]
    path = room.answer(1, s01, "Yes")
    uid = FIRST_UID + 1
    assert path == room.folder / str(uid) / "demo-s-01.json"
    info = path.stat()
    assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (uid, 0o644)  # the facilitator is another user
    record = json.loads(path.read_text())
    assert (record["question"], record["answer"]) == ("demo-s-01", "Yes") and "participant" not in record
    results = read_poll(room.folder, course=demo_course)
    assert results.answers[["participant", "uid", "answer"]].values.tolist() == [[f"uid-{uid}", uid, "Yes"]]


def test_an_answer_outside_the_options_is_refused(demo_course, tmp_path):
    with pytest.raises(PollError, match=r"'Maybe' is not an option of scenario 'demo-s-01'; choose one of: Yes, No"):
        submit_answer("demo-s-01", "Maybe", folder=tmp_path)
    with pytest.raises(PollError, match="unknown scenario 'nope'"):
        submit_answer("nope", "Yes", folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_answering_again_replaces_the_earlier_answer(demo_course, room):
    s07 = demo_course.scenarios["demo-s-07"]
    room.answer(1, s07, "Alpha")
    room.answer(1, s07, "Beta")
    results = read_poll(room.folder, course=demo_course)
    assert results.answers["answer"].tolist() == ["Beta"]
    assert results.counts(s07).to_dict() == {"Alpha": 0, "Beta": 1, "Gamma": 0}


def test_summary_counts_right_answers_per_scenario(demo_course, room):
    s01, s02 = demo_course.scenarios["demo-s-01"], demo_course.scenarios["demo-s-02"]
    for who, answer in [(1, "Yes"), (2, "Yes"), (3, "No"), (4, "Yes")]:
        room.answer(who, s01, answer)   # expected Yes
    room.answer(1, s02, "Yes")          # expected No
    summary = read_poll(room.folder, course=demo_course).summary(demo_course.scenarios_for("demo")[:3])
    rows = summary[["scenario", "responses", "right", "percent_right", "most_chosen"]].values.tolist()
    assert rows[:2] == [["demo-s-01", 4, 3, 75.0, "Yes"], ["demo-s-02", 1, 0, 0.0, "Yes"]]
    assert rows[2][:3] == ["demo-s-03", 0, 0] and rows[2][4] == ""


# -- nobody can answer for, overwrite, block or delete someone else ---------------------------------------
def _try(action, path):
    """Run one file-system action as the current (participant) uid; the errno name it fails with, or 'done'."""
    import errno
    try:
        action(path)
    except OSError as exc:
        return errno.errorcode[exc.errno]
    return "done"


def _overwrite(path):
    path.write_text("{}")


def _delete(path):
    path.unlink()


def _squat(path):
    path.mkdir()


def _replace_by_rename(path):
    tmp = path.parent / ".x"
    tmp.write_text("{}")
    os.replace(tmp, path)


def test_a_participant_cannot_touch_another_participants_answer(demo_course, room):
    s01 = demo_course.scenarios["demo-s-01"]
    alice = room.answer(1, s01, "Yes")
    mallory = room.join(2)
    for action in (_overwrite, _delete, _replace_by_rename):
        assert as_uid(mallory, _try, action, alice) == "EACCES", action.__name__
    # nor create the folder of someone who has not answered yet, nor put a file in the facilitator's folder
    assert as_uid(mallory, _try, _squat, room.folder / str(FIRST_UID + 3)) == "EACCES"
    assert as_uid(mallory, _try, _overwrite, room.folder / "demo-s-01.json") == "EACCES"
    results = read_poll(room.folder, course=demo_course)
    assert results.answers[["uid", "answer"]].values.tolist() == [[FIRST_UID + 1, "Yes"]]
    assert results.problems == []


def test_a_file_or_folder_owned_by_someone_else_is_skipped_and_named(demo_course, room):
    s01 = demo_course.scenarios["demo-s-01"]
    alice = room.answer(1, s01, "Yes")
    # files put where they would count, but owned by the wrong uid (as root could leave them)
    bob_folder = room.folder / str(room.join(2))
    planted = bob_folder / "demo-s-01.json"
    planted.write_text(alice.read_text())  # owned by root, not bob
    os.symlink(alice, bob_folder / "demo-s-02.json")
    impostor = room.folder / str(FIRST_UID + 9)
    impostor.mkdir()  # named for uid +9, owned by root
    (room.folder / "notes.txt").write_text("shopping list")
    results = read_poll(room.folder, course=demo_course)
    assert results.answers["uid"].tolist() == [FIRST_UID + 1]
    reasons = dict(results.problems)
    assert sorted(reasons) == [f"{FIRST_UID + 2}/demo-s-01.json", f"{FIRST_UID + 2}/demo-s-02.json",
                               str(FIRST_UID + 9), "notes.txt"]
    assert reasons[f"{FIRST_UID + 2}/demo-s-01.json"] == (
        f"uid-{FIRST_UID + 2}: unreadable or malformed: owned by root (uid 0), not by this folder's "
        f"participant (uid {FIRST_UID + 2})")
    assert reasons[f"{FIRST_UID + 2}/demo-s-02.json"].endswith("a link, not a file")
    assert reasons[str(FIRST_UID + 9)] == f"folder owned by root (uid 0), not by uid {FIRST_UID + 9}"
    assert reasons["notes.txt"].startswith("not a participant folder")


def _write(path, data: bytes):
    path.write_bytes(data)


def test_malformed_files_are_skipped_and_named_and_the_rest_still_count(demo_course, room):
    s01 = demo_course.scenarios["demo-s-01"]
    good = json.loads(room.answer(1, s01, "Yes").read_text())
    eve = room.join(2)
    folder = room.folder / str(eve)
    bad = {
        "demo-s-01.json": b"[" * 8_000 + b"]" * 8_000,                         # deep nesting
        "demo-s-02.json": json.dumps({**good, "question": "demo-s-02", "answer": "Yes" + " " * MAX_BYTES}).encode(),
        "demo-s-03.json": b"\xff\xfe{}",                                      # not UTF-8
        "demo-s-04.json": b"{not json",
        "demo-s-05.json": json.dumps({**good, "question": "demo-s-05", "participant": "alice"}).encode(),
        "demo-s-06.json": json.dumps({**good, "answer": "Yes"}).encode(),     # says demo-s-01 inside
        "demo-s-07.json": json.dumps({**good, "question": "demo-s-07", "answer": "Maybe"}).encode(),
        "zzz-s-01.json": json.dumps({**good, "question": "zzz-s-01"}).encode(),
        "notes.txt": b"x",
    }
    for name, data in bad.items():
        as_uid(eve, _write, folder / name, data)
    as_uid(eve, _write, folder / ".demo-s-08.json.x1y2.tmp", b"{half a wri")  # a write in progress: ignored
    results = read_poll(room.folder, course=demo_course)
    assert results.answers["uid"].tolist() == [FIRST_UID + 1]
    reasons = {name.split("/", 1)[1]: reason for name, reason in results.problems}
    assert sorted(reasons) == sorted(bad)
    who = f"uid-{eve}: "
    assert reasons["demo-s-01.json"] == who + "JSON nested too deeply"
    assert reasons["demo-s-02.json"] == who + f"unreadable or malformed: larger than {MAX_BYTES} bytes"
    assert reasons["demo-s-03.json"] == who + "not UTF-8 text"
    assert reasons["demo-s-04.json"].startswith(who + "unreadable or malformed: Expecting property name")
    assert reasons["demo-s-05.json"].startswith(who + "not a poll answer: participant: Extra inputs")
    assert reasons["demo-s-06.json"] == who + "content is for demo-s-01, not this file name"
    assert reasons["demo-s-07.json"] == who + "answer 'Maybe' is not an option of 'demo-s-07'"
    assert reasons["zzz-s-01.json"] == who + "unknown scenario 'zzz-s-01'"
    assert reasons["notes.txt"].startswith("not a poll answer file")


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(PollError, match="does not exist; create it or check COURSE_POLL_DIR"):
        read_poll(tmp_path / "nope")


def test_without_its_own_folder_a_participant_is_told_to_ask_the_facilitator(demo_course, room):
    with pytest.raises(PollError, match="you cannot create it; ask your facilitator"):
        as_uid(FIRST_UID + 5, submit_answer, demo_course.scenarios["demo-s-01"], "Yes", folder=room.folder)


# -- reset ------------------------------------------------------------------------------------------
def test_reset_drops_earlier_answers_and_later_ones_count(demo_course, room):
    s01 = demo_course.scenarios["demo-s-01"]
    room.answer(1, s01, "Yes")
    room.answer(2, s01, "No")
    reset_poll(room.folder)
    assert read_poll(room.folder, course=demo_course).answers.empty
    room.answer(2, s01, "Yes")
    results = read_poll(room.folder, course=demo_course)
    assert results.answers[["uid", "answer"]].values.tolist() == [[FIRST_UID + 2, "Yes"]]
    assert results.problems == []


def _main_exit_code(argv):
    from compliance_course.workshop.__main__ import main
    return main(argv)


def test_poll_reset_command_works_for_the_folder_owner_despite_participants_files(demo_course, room):
    """The facilitator (here uid +100, owning the poll folder) resets without deleting anyone's files."""
    s01 = demo_course.scenarios["demo-s-01"]
    alice = room.answer(1, s01, "Yes")
    facilitator = FIRST_UID + 100
    os.chown(room.folder, facilitator, facilitator)
    assert as_uid(facilitator, _main_exit_code, ["poll-reset", "--folder", str(room.folder)]) == 0
    assert read_poll(room.folder, course=demo_course).answers.empty
    assert alice.exists()  # nothing deleted: the facilitator could not, and need not
    # a participant (not the owner) cannot reset
    with pytest.raises(PollError, match=f"cannot reset the poll in {room.folder}: Permission denied; run "
                                        "poll-reset as the facilitator account"):
        as_uid(FIRST_UID + 1, reset_poll, room.folder)
    assert as_uid(FIRST_UID + 1, _main_exit_code, ["poll-reset", "--folder", str(room.folder)]) == 2


# -- thirty people in the same second ---------------------------------------------------------------
ROOM = 30


def _participant(args):
    """One participant process, as its own uid: wait for everyone, answer three scenarios, change one answer."""
    barrier, folder, index, scenarios = args
    os.setgroups([])
    os.setgid(FIRST_UID + index)
    os.setuid(FIRST_UID + index)
    barrier.wait(timeout=60)
    first, second, third = scenarios
    submit_answer(first, "Yes" if index % 3 else "No", folder=folder)
    submit_answer(second, "No", folder=folder)
    submit_answer(second, "Yes" if index % 2 else "No", folder=folder)  # changes their mind
    submit_answer(third, ("Alpha", "Beta", "Gamma")[index % 3], folder=folder)


def test_thirty_participants_answering_at_once_are_each_counted_exactly_once(demo_course, room):
    """30 processes, each its own uid, released together by a barrier write 120 answers: 90 latest, once each."""
    scenarios = [demo_course.scenarios[i] for i in ("demo-s-01", "demo-s-02", "demo-s-07")]
    for i in range(ROOM):
        room.join(i)
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(ROOM)
    processes = [ctx.Process(target=_participant, args=((barrier, room.folder, i, scenarios),))
                 for i in range(ROOM)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * ROOM

    results = read_poll(room.folder, course=demo_course)
    assert results.problems == []
    leftovers = [p for p in room.folder.rglob(".*")]
    assert leftovers == []  # no temporary files left
    assert len(results.answers) == 3 * ROOM
    assert results.answers.groupby("question")["uid"].nunique().to_dict() == {
        "demo-s-01": ROOM, "demo-s-02": ROOM, "demo-s-07": ROOM}
    # by hand: indexes 0..29; 10 of them divisible by 3 answer No to s-01; 15 odd answer Yes to s-02
    s01, s02, s07 = scenarios
    assert results.counts(s01).to_dict() == {"Yes": 20, "No": 10}
    assert results.counts(s02).to_dict() == {"Yes": 15, "No": 15}
    assert results.counts(s07).to_dict() == {"Alpha": 10, "Beta": 10, "Gamma": 10}


def _fill(folder, count):
    for i in range(count):
        (folder / f"demo-s-{i:04d}.json").write_text("{}")


def test_a_folder_stuffed_with_files_is_skipped_without_reading_them(demo_course, room):
    from compliance_course.workshop.poll import MAX_FILES
    room.answer(1, demo_course.scenarios["demo-s-01"], "Yes")
    eve = room.join(2)
    as_uid(eve, _fill, room.folder / str(eve), MAX_FILES + 1)
    results = read_poll(room.folder, course=demo_course)
    assert results.answers["uid"].tolist() == [FIRST_UID + 1]
    assert results.problems == [(str(eve), f"uid-{eve}'s folder holds more than {MAX_FILES} files: not read")]
