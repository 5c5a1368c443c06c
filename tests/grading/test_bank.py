"""The exam bank: loaded only by instructor code, validated like course_data, split reproducibly."""
from __future__ import annotations

import re
import shutil
import stat
from pathlib import Path

import pytest

from compliance_course.data import load_course
from compliance_course.errors import CourseDataError
from compliance_course.grading import bank
from compliance_course.grading.cli import main as cli
from compliance_course.grading.models import resolve_exams

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the real course data (exam items still in it, or not, whichever the repo has now)."""
    copy = tmp_path / "course_data"
    shutil.copytree(REPO / "course_data", copy)
    if bank.REPO_BANK.is_dir():  # after the split: put the exam items back, to split them again here
        for kind in bank.KINDS:
            for path in (bank.REPO_BANK / kind).glob("*.yaml"):
                _append_items(copy / kind / path.name, path, kind)
    monkeypatch.setenv("COURSE_DATA", str(copy))
    monkeypatch.setenv(bank.ENV, "")  # recorded, so the value the cli's --bank sets is undone afterwards
    monkeypatch.delenv(bank.ENV)
    load_course.cache_clear()
    yield copy
    load_course.cache_clear()


def _append_items(target: Path, source: Path, kind: str) -> None:
    text = source.read_text()
    items = text[text.index(f"\n{kind}:\n") + len(kind) + 3:]
    base = target.read_text().replace(f"{kind}: []\n", f"{kind}:\n")
    target.write_text(base + items)


def exam_ids(course) -> set[str]:
    return {q.id for q in course.questions.values() if q.use == "exam"} | {
        s.id for s in course.scenarios.values() if s.use == "exam"}


def test_split_moves_every_exam_item_and_nothing_else(data, tmp_path):
    before = load_course(data)
    assert exam_ids(before), "the course has exam items to move"
    result = bank.split(data, tmp_path / "bank")
    assert result.written and not result.replaced
    load_course.cache_clear()
    learner = load_course(data)          # what notebooks, practice and workshops load
    assert exam_ids(learner) == set()
    assert set(learner.questions) == {q.id for q in before.questions.values() if q.use == "practice"}
    instructor = load_course(data, bank=tmp_path / "bank")
    assert instructor.questions == before.questions and instructor.scenarios == before.scenarios
    assert [e.questions for e in resolve_exams(instructor)] == [e.questions for e in resolve_exams(before)]
    assert instructor.version != learner.version  # the exam content is part of what a certificate names


def test_split_is_idempotent_and_a_rerun_picks_up_new_and_edited_items(data, tmp_path):
    target = tmp_path / "bank"
    bank.split(data, target)
    files = {p: p.read_bytes() for p in [*data.rglob("*.yaml"), *target.rglob("*.yaml")]}
    again = bank.split(data, target)
    assert again.written == [] and again.moved == []
    assert {p: p.read_bytes() for p in files} == files
    # after a merge, course_data may hold exam items again: an edited one and a new one
    moved = (target / "questions" / "hipaa.yaml").read_text()
    first = moved[moved.index("  - id: hipaa-exam-01"):moved.index("  - id: hipaa-exam-02")]
    edited = first.replace("prompt: \"In the hosted", "prompt: \"EDITED In the hosted")
    new = first.replace("hipaa-exam-01", "hipaa-exam-99")
    src = data / "questions" / "hipaa.yaml"
    src.write_text(src.read_text() + edited + new)
    result = bank.split(data, target)
    assert result.replaced == ["hipaa-exam-01"] and result.moved == ["questions/hipaa.yaml: 2 item(s)"]
    load_course.cache_clear()
    course = load_course(data, bank=target)
    assert course.questions["hipaa-exam-01"].prompt.startswith("EDITED")
    assert "hipaa-exam-99" in course.questions and not exam_ids(load_course(data))


def test_split_refuses_what_it_cannot_move_as_text_and_writes_nothing(data, tmp_path):
    src = data / "questions" / "hipaa.yaml"
    text = src.read_text()
    # an exam item using an anchor defined in a practice item cannot move on its own
    text = text.replace("  - id: hipaa-roles-01\n    type: single_choice\n",
                        "  - id: hipaa-roles-01\n    type: single_choice\n    difficulty_note: &note x\n", 1)
    text = text.replace("  - id: hipaa-exam-01\n", "  - id: hipaa-exam-01\n    difficulty_note: *note\n", 1)
    src.write_text(text)
    with pytest.raises(CourseDataError, match=r"hipaa\.yaml: found undefined alias .*; nothing written"):
        bank.split(data, tmp_path / "bank")
    assert not (tmp_path / "bank").exists() and src.read_text() == text


def test_the_bank_gets_the_same_validation_and_holds_exam_items_only(data, tmp_path):
    target = tmp_path / "bank"
    bank.split(data, target)
    path = target / "questions" / "hipaa.yaml"
    head, last = path.read_text().replace("    answer: A\n", "    answer: Q\n", 1).rsplit("use: exam", 1)
    item_start = head.rindex("  - id: ")  # the last item: practice, and so without a slot
    head = head[:item_start] + re.sub(r"\n    slot: [^\n]*", "", head[item_start:])
    last = re.sub(r"\n    slot: [^\n]*", "", last)
    path.write_text(head + "use: practice" + last)  # the first item gets a bad answer, the last item practice
    load_course.cache_clear()
    with pytest.raises(CourseDataError) as info:
        load_course(data, bank=target)
    lines = str(info.value).splitlines()
    assert any(line.startswith("bank/questions/hipaa.yaml: question 'hipaa-exam-") and "answer: 'Q'" in line
               for line in lines), lines
    assert any("use: the exam bank holds exam items only" in line for line in lines), lines
    # the same id in course_data and in the bank is a duplicate
    dup = data / "questions" / "hipaa.yaml"
    load_course.cache_clear()
    shutil.copy(path, dup.with_name("zz_dup.yaml"))
    with pytest.raises(CourseDataError, match="duplicate id, also in"):
        load_course(data, bank=target)


def test_learner_loaders_never_need_the_bank(data, tmp_path, monkeypatch):
    bank.split(data, tmp_path / "bank")
    monkeypatch.setenv(bank.ENV, str(tmp_path / "bank"))  # set for the instructor, ignored by learners
    load_course.cache_clear()
    from compliance_course.quiz import practice_quiz
    from compliance_course.quiz.question_widget import question
    assert exam_ids(load_course()) == set()
    assert practice_quiz("hipaa").questions  # practice still works
    with pytest.raises(ValueError, match="unknown question id 'hipaa-exam-01'"):
        question("hipaa-exam-01", mode="exam")


def test_bank_path_explicit_env_and_repository(tmp_path, monkeypatch):
    monkeypatch.delenv(bank.ENV, raising=False)
    monkeypatch.delenv("COURSE_DATA", raising=False)
    assert bank.bank_path() == (bank.REPO_BANK if bank.REPO_BANK.is_dir() else None)
    # the repository's bank goes with the repository's course data only
    monkeypatch.setenv("COURSE_DATA", str(tmp_path))
    assert bank.bank_path() is None and bank.bank_path(data=tmp_path) is None
    monkeypatch.setenv(bank.ENV, str(tmp_path))
    assert bank.bank_path() == tmp_path.resolve()
    assert bank.bank_path(tmp_path / ".") == tmp_path.resolve()
    with pytest.raises(CourseDataError, match=r"missing: exam bank folder not found \(--bank\)"):
        bank.bank_path(tmp_path / "missing")
    monkeypatch.setenv(bank.ENV, str(tmp_path / "gone"))
    with pytest.raises(CourseDataError, match=r"exam bank folder not found \(\$COURSE_EXAM_BANK\)"):
        bank.bank_path()


def test_init_starts_a_private_bank_that_the_commands_then_read(data, tmp_path, capsys):
    private = tmp_path / "private bank"
    repo_before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    assert cli(["bank", "init", str(private)]) == 0
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == repo_before  # init never edits course_data
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    files = list(private.rglob("*.yaml"))
    assert files and {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
    assert {stat.S_IMODE(p.stat().st_mode) for p in private.iterdir()} == {0o700}
    assert cli(["bank", "init", str(private)]) == 2  # not over an existing bank
    assert "already exists and is not an empty folder" in capsys.readouterr().err
    # the instructor's bank gets a new exam item: the commands see it with --bank only
    path = private / "questions" / "hipaa.yaml"
    text = path.read_text()
    first = text[text.index("  - id: hipaa-exam-01"):text.index("  - id: hipaa-exam-02")]
    path.write_text(text + first.replace("hipaa-exam-01", "hipaa-exam-private"))
    bank.split(data, tmp_path / "split")  # learners' course_data without exam items
    load_course.cache_clear()
    assert cli(["--bank", str(private), "bank", "show"]) == 0
    out = capsys.readouterr().out
    assert f"exam bank: {private.resolve()} (private bank)" in out
    course = bank.load_exam_course(private)
    assert "hipaa-exam-private" in course.questions
    assert "hipaa-exam-private" not in load_course().questions


def test_repository_bank_is_described_as_a_public_sample():
    assert "public sample bank: fine for practice exams, not for certification" in bank.describe(
        bank.REPO_BANK.resolve())
