"""Manual scores belong to the text they scored; outputs are private; bad input is one line."""
from __future__ import annotations

import csv
import stat

import pytest

from compliance_course.data import load_course
from compliance_course.grading import simulate
from compliance_course.grading.cli import main as cli
from compliance_course.grading.models import resolve_exams

from .conftest import course_in_use

pytestmark = pytest.mark.slow
EXAM = "hipaa_exam"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    with course_in_use(tmp) as (_, ag):
        root = ["--root", str(ag.root)]
        assert cli([*root, "build"]) == 0
        assert cli([*root, "release", "--exam", EXAM, "--no-zips"]) == 0
        exam = {e.id: e for e in resolve_exams(load_course())}[EXAM]
        yield ag, exam, root


def _submit(ag, exam, written: str):
    simulate.submit(ag.submitted / "ada" / EXAM, exam, ag.release / EXAM / exam.notebook,
                    simulate.planted(exam, [True] * len(exam.slots), "ada"), written=written)


def _completion(ag) -> dict:
    return {r["learner"]: r for r in csv.DictReader((ag.reports / "completion-records.csv").open())}


def test_a_changed_written_answer_loses_its_old_manual_score(course, capsys):
    ag, exam, root = course
    _submit(ag, exam, "The host maintains ePHI, so a BAA is required.")
    assert cli([*root, "grade", "--no-progress"]) == 0
    assert cli([*root, "score-written", EXAM, "ada", "3", "--comment", "complete answer"]) == 0
    assert cli([*root, "report"]) == 0
    assert _completion(ag)["ada"]["score"] == "7" and _completion(ag)["ada"]["result"] == "pass"

    _submit(ag, exam, "The host maintains ePHI, so a BAA is required.")  # resubmitted, same text
    assert cli([*root, "grade", "--no-progress"]) == 0
    assert cli([*root, "report"]) == 0
    assert _completion(ag)["ada"]["score"] == "7"

    capsys.readouterr()
    _submit(ag, exam, "lol")
    assert cli([*root, "grade", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "the written answer changed since it was scored (3 points); that score and its comment were removed" in out
    assert cli([*root, "report"]) == 0
    row = _completion(ag)["ada"]
    assert (row["score"], row["result"]) == ("4", "pending")
    assert cli([*root, "feedback", "--include-pending"]) == 0
    page = (ag.feedback / "ada" / EXAM / f"{EXAM}.html").read_text()
    assert "<dd>lol</dd>" in page and "complete answer" not in page


def test_grading_outputs_are_readable_by_the_instructor_only(course):
    ag, exam, root = course
    _submit(ag, exam, "text")
    assert cli([*root, "grade", "--no-progress"]) == 0
    assert cli([*root, "report"]) == 0
    paths = [ag.db, *ag.reports.glob("*.csv"), ag.autograded / "ada", ag.autograded / "ada" / EXAM / exam.notebook]
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, (path, oct(path.stat().st_mode))


@pytest.mark.parametrize("args, message", [
    (["report", "--threshold", "80"], "error: the pass mark is a share between 0 and 1, e.g. 0.8 for 80 %; got 80"),
    (["certificates", "--threshold", "0.8"], "error: unrecognized arguments: --threshold 0.8 (see --help)"),
    (["score-written", EXAM, "ada", "lots"], "error: argument points: invalid float value: 'lots' (see --help)"),
    (["score-written", EXAM, "ada", "nan"], "error: points must be between 0 and 3; got nan"),
    (["score-written", EXAM, "nobody", "1"], "error: no graded submission of hipaa_exam by 'nobody'; run grade first"),
    (["grade", "--jobs", "2"], "error: unrecognized arguments: --jobs 2 (see --help)"),
])
def test_bad_command_line_input_is_one_line(course, capsys, args, message):
    ag, exam, root = course
    try:
        code = cli([*root, *args])
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == message


def test_grade_removes_copies_an_old_killed_grade_left_in_the_temp_folder(course, tmp_path, monkeypatch):
    import tempfile
    ag, exam, root = course
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / "cc-grade-abc123" / "worker-1"
    stale.mkdir(parents=True)
    (stale / "certificate.key").write_text("secret")
    other = tmp_path / "unrelated"
    other.mkdir()
    assert cli([*root, "grade", "--no-progress"]) == 0
    assert not (tmp_path / "cc-grade-abc123").exists() and other.exists()


def test_the_released_written_answer_cell_says_how_to_type_into_it(course):
    import json
    ag, exam, _ = course
    cells = json.loads((ag.release / EXAM / exam.notebook).read_text())["cells"]
    (written,) = [c for c in cells if c["metadata"]["nbgrader"].get("solution")]
    assert "".join(written["source"]).startswith("YOUR ANSWER HERE. Double-click this cell, replace")


def test_a_report_threshold_other_than_the_exams_says_certificates_do_not_follow_it(course, capsys):
    ag, exam, root = course
    capsys.readouterr()
    assert cli([*root, "report", "--threshold", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "certificates follow each exam's own pass mark in exams.yaml" in out and f"{EXAM} 80 %" in out
    assert cli([*root, "report", "--threshold", str(exam.pass_threshold)]) == 0
    assert "NOTE" not in capsys.readouterr().out
