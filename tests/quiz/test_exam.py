"""Does exam mode save every answer at once, survive restarts and damaged files?"""
from __future__ import annotations

import json

import pytest

from compliance_course.data import load_course
from compliance_course.quiz import ExamQuiz, read_responses
from compliance_course.quiz.responses import write_responses


@pytest.fixture
def questions(mini_course):
    load_course.cache_clear()
    course = load_course(mini_course)
    return [course.questions[q] for q in ("demo-q-01", "demo-q-02", "demo-q-03", "demo-q-04")]


def _saved(path):
    return {q: e["value"] for q, e in json.loads(path.read_text())["answers"].items()}


def test_each_click_is_saved_immediately(questions, tmp_path):
    exam = ExamQuiz("demo", questions, folder=tmp_path)
    path = tmp_path / "demo.responses.json"
    assert not path.exists()
    exam.questions[0].value = "C"
    assert _saved(path) == {"demo-q-01": "C"}
    assert "Saved" in exam.questions[0].status.value
    assert "1 of 4 answered" in exam.progress_label.value
    exam.questions[1].value = ["B", "C"]
    exam.questions[2].value = True
    exam.questions[3].value = 3.5
    assert _saved(path) == {"demo-q-01": "C", "demo-q-02": ["B", "C"], "demo-q-03": True, "demo-q-04": 3.5}
    assert exam.unanswered == []


def test_answers_come_back_after_a_restart(questions, tmp_path):
    first = ExamQuiz("demo", questions, folder=tmp_path)
    first.questions[0].value = "A"
    first.questions[1].value = ["C"]
    again = ExamQuiz("demo", questions, folder=tmp_path)  # a new kernel builds the widget anew
    assert again.questions[0].value == "A" and again.questions[1].value == ["C"]
    assert again.unanswered == ["demo-q-03", "demo-q-04"]
    assert "Saved" in again.questions[0].status.value and "Not answered" in again.questions[2].status.value


def test_restoring_does_not_rewrite_the_file(questions, tmp_path):
    ExamQuiz("demo", questions, folder=tmp_path).questions[0].value = "A"
    path = tmp_path / "demo.responses.json"
    before = path.stat().st_mtime_ns
    ExamQuiz("demo", questions, folder=tmp_path)
    assert path.stat().st_mtime_ns == before


def test_corrupt_file_reports_and_recovers_from_backup(questions, tmp_path):
    """Is a damaged file reported, the last good answers restored, and the damaged copy kept?"""
    exam = ExamQuiz("demo", questions, folder=tmp_path)
    exam.questions[0].value = "A"
    exam.questions[2].value = False   # the backup now holds the first answer
    path = tmp_path / "demo.responses.json"
    path.write_text('{"answers": {"demo-q-01": ')  # truncated by some other program
    again = ExamQuiz("demo", questions, folder=tmp_path)
    assert "damaged" in again.message.value and "recovered" in again.message.value
    assert again.questions[0].value == "A"
    again.questions[3].value = 3.5
    kept = list(tmp_path.glob("demo.responses.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text() == '{"answers": {"demo-q-01": '
    assert _saved(path) == {"demo-q-01": "A", "demo-q-04": 3.5}


def test_corrupt_file_without_backup_is_unanswered_with_a_message(tmp_path):
    path = tmp_path / "demo.responses.json"
    path.write_text("not json at all")
    read = read_responses(path, "demo")
    assert read.answers == {}
    assert read.problems == ["demo.responses.json: the response file is damaged: it is not valid JSON (Expecting value, line 1); "
                             "no answer could be recovered, every question counts as unanswered"]


def test_unreadable_entries_are_dropped_one_by_one(tmp_path):
    """Does one bad entry cost only that answer, never the readable ones?"""
    path = tmp_path / "demo.responses.json"
    path.write_text(json.dumps({"exam": "demo", "answers": {
        "demo-q-01": {"value": "B"}, "demo-q-02": {"value": {"x": 1}}, "demo-q-03": "junk"}}))
    read = read_responses(path, "demo")
    assert read.answers == {"demo-q-01": "B"}
    assert read.problems == ["demo.responses.json: answer to 'demo-q-02' is unreadable and counts as unanswered",
                             "demo.responses.json: answer to 'demo-q-03' is unreadable and counts as unanswered"]


@pytest.mark.parametrize("content, message", [
    (None, "demo.responses.json: no response file yet: no question has been answered"),
    ("", "demo.responses.json: the response file is empty: every question counts as unanswered"),
])
def test_missing_or_empty_file(tmp_path, content, message):
    path = tmp_path / "demo.responses.json"
    if content is not None:
        path.write_text(content)
    assert read_responses(path, "demo").problems == [message]


def test_file_of_another_exam_is_ignored(tmp_path):
    path = tmp_path / "demo.responses.json"
    write_responses(path, "other", {"demo-q-01": "A"}, {})
    read = read_responses(path, "demo")
    assert read.answers == {} and "belongs to exam 'other'" in read.problems[0]


def test_a_crash_mid_save_keeps_the_previous_file(tmp_path, monkeypatch):
    """If writing fails half-way, are the earlier answers still intact on disk?"""
    path = tmp_path / "demo.responses.json"
    write_responses(path, "demo", {"demo-q-01": "A"}, {})
    import compliance_course.storage as storage

    def broken_dump(data, fh, **kwargs):
        fh.write('{"answers": {"demo-q-01": {"val')
        raise OSError("disk full")

    monkeypatch.setattr(storage.json, "dump", broken_dump)
    with pytest.raises(OSError):
        write_responses(path, "demo", {"demo-q-01": "B"}, {})
    monkeypatch.undo()
    assert read_responses(path, "demo").answers == {"demo-q-01": "A"}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_save_failure_is_shown_not_hidden(questions, tmp_path, monkeypatch):
    exam = ExamQuiz("demo", questions, folder=tmp_path)
    import compliance_course.quiz.exam as exam_module

    def fail(*args, **kwargs):
        raise OSError("read-only file system")

    monkeypatch.setattr(exam_module, "write_responses", fail)
    exam.questions[0].value = "A"
    assert "Could not save: read-only file system" in exam.questions[0].status.value


def test_saved_times_are_shown_in_local_time_and_words(questions, tmp_path, monkeypatch):
    import time
    from compliance_course.quiz.exam import readable_time
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert readable_time("2026-11-30T15:05:00+00:00") == "30 Nov 2026, 10:05"
        assert readable_time("not a time") == ""
        write_responses(tmp_path / "demo.responses.json", "demo", {"demo-q-01": "A"},
                        {"demo-q-01": "2026-11-30T15:05:00+00:00"})
        exam = ExamQuiz("demo", questions, folder=tmp_path)
        assert "✔ Saved 30 Nov 2026, 10:05" in exam.questions[0].status.value
    finally:
        monkeypatch.undo()
        time.tzset()
