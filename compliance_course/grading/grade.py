"""Grade every submission without running anything a learner supplied.

For each ``submitted/<student>/<exam>/``:

1. read it as data (:mod:`.submission`): the answers from ``<exam>.responses.json``
   under a strict schema, against the exam form drawn for the student of the folder
   (:mod:`.forms`; never the learner or form the file records), the written answer's text from the notebook, the
   submission time from collect;
2. mark each slot against the item drawn for that student, in this process, with a
   pure function of the key and the answers (:mod:`.marking`);
3. rebuild the notebook formgrader shows from the release (:mod:`.autograded`).

Then every mark is written through nbgrader's gradebook in one transaction
(:mod:`.gradebook`) and ``reports/grading-problems.csv`` lists, one line per
student and per thing, every problem (it bears on marking) and every difference
from the release (ignored for marking). No worker, kernel or temporary copy of
the course is needed; a killed run changes nothing.
"""
from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Course
from .bank import load_exam_course
from .autograded import autograded_notebook
from .build import cell_ids
from .course import AutograderDir, use_nbgrader_env
from .csvsafe import write_csv
from .gradebook import Outcome, clean_staging, record
from .marking import mark_form
from .models import Exam, resolve_exams
from .submission import ReleasedExam, is_regular_dir, read_submission


@dataclass
class Result:
    exam: str
    student: str
    graded: bool = False
    score: float = 0.0
    max_score: float = 0.0
    problems: list[str] = field(default_factory=list)      # bear on marking
    differences: list[str] = field(default_factory=list)   # ignored for marking


def find_submissions(ag: AutograderDir, exams: list[str] | None = None,
                     students: list[str] | None = None) -> list[tuple[str, str]]:
    """(exam, student) pairs under submitted/ (real folders only, never links), sorted."""
    pairs = []
    if not is_regular_dir(ag.submitted):
        return pairs
    for sdir in sorted(ag.submitted.iterdir()):
        if not is_regular_dir(sdir) or (students and sdir.name not in students):
            continue
        for edir in sorted(sdir.iterdir()):
            if is_regular_dir(edir) and not (exams and edir.name not in exams):
                pairs.append((edir.name, sdir.name))
    return pairs


class Progress:
    """A one-line text progress bar on stderr (no extra dependency)."""

    def __init__(self, total: int, enabled: bool = True, stream=None):
        self.total, self.done, self.enabled = total, 0, enabled and total > 0
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()

    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled or (self.done % 25 and self.done != self.total):
            return
        width = 30
        filled = int(width * self.done / self.total)
        rate = self.done / max(time.perf_counter() - self.started, 1e-9)
        self.stream.write(f"\rgrading [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{rate:.0f}/s {label[:40]:<40}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def source_cells(ag: AutograderDir, exam_id: str) -> dict[str, str]:
    """The instructor's locked and graded cells as nbgrader recorded them at release (hidden tests included)."""
    from nbgrader.api import Gradebook, MissingEntry
    with Gradebook(ag.db_url) as gb:
        try:
            notebook = gb.find_notebook(exam_id, exam_id)
        except MissingEntry:
            raise ValueError(f"exam {exam_id!r} is not in the gradebook; release it first") from None
        return {c.name: c.source for c in notebook.source_cells}


def _released(ag: AutograderDir, exam: Exam) -> tuple[ReleasedExam, dict[str, str]]:
    ids = cell_ids(exam)
    release = ReleasedExam.load(exam, ag.release / exam.id / exam.notebook, {s.id: ids[s.id] for s in exam.slots})
    return release, source_cells(ag, exam.id)


def grade_one(folder: Path, student: str, release: ReleasedExam, sources: dict[str, str]) -> tuple[Outcome, list[str]]:
    """Mark one submission folder: (outcome to record, differences from the release)."""
    sub = read_submission(folder, student, release)
    exam = release.exam
    marks = mark_form([(s, s.item(sub.form[s.id])) for s in exam.slots], sub.answers)
    answered = sub.written is not None and sub.written != release.written_stub
    outcome = Outcome(release.exam.id, student, sub.submitted_at, marks, release.test_ids, release.written_id,
                      sub.written, answered, autograded_notebook(release, sources, marks, sub.written, sub.answers),
                      problems=sub.problems + [m.problem for m in marks if m.problem])
    return outcome, sub.differences


def remove_old_worker_copies() -> list[Path]:
    """Delete ``cc-grade-*`` folders the earlier, worker-based grade command left in the temp folder
    when it was killed (they hold copies of the gradebook and the course key). Only this user's."""
    removed = []
    for path in Path(tempfile.gettempdir()).glob("cc-grade-*"):
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def grade_all(ag: AutograderDir, *, exams: list[str] | None = None, students: list[str] | None = None,
              progress: bool = True, course: Course | None = None) -> list[Result]:
    """Mark every submission, record all marks at once, write reports/grading-problems.csv.

    ``course``: the course with its exam bank (default: :func:`.bank.load_exam_course`).
    """
    use_nbgrader_env()
    clean_staging(ag)
    remove_old_worker_copies()
    known = {e.id: e for e in resolve_exams(course or load_exam_course())}
    pairs = find_submissions(ag, exams, students)
    releases: dict[str, tuple[ReleasedExam, dict[str, str]] | str] = {}
    results: dict[tuple[str, str], Result] = {}
    outcomes: list[Outcome] = []
    bar = Progress(len(pairs), progress)
    for exam_id, student in pairs:
        r = results[(exam_id, student)] = Result(exam_id, student)
        bar.step(f"{exam_id}/{student}")
        if exam_id not in known:
            r.problems.append(f"submission for unknown exam '{exam_id}' (known: {', '.join(sorted(known))}); "
                              "not marked")
            continue
        if exam_id not in releases:
            try:
                releases[exam_id] = _released(ag, known[exam_id])
            except (OSError, ValueError, KeyError) as exc:
                releases[exam_id] = f"exam {exam_id} cannot be marked: {exc}"
        if isinstance(releases[exam_id], str):
            r.problems.append(releases[exam_id])
            continue
        release, sources = releases[exam_id]
        try:
            outcome, r.differences = grade_one(ag.submitted / student / exam_id, student, release, sources)
        except Exception as exc:  # a bug must cost one line and this submission, never the batch
            r.problems.append(f"could not be read ({type(exc).__name__}: {exc}); not marked")
            continue
        outcomes.append(outcome)
    record(ag, outcomes)
    for o in outcomes:
        r = results[(o.exam, o.student)]
        r.graded, r.score, r.max_score, r.problems = True, o.score, o.max_score, r.problems + o.problems
    ordered = [results[p] for p in pairs]
    write_problems(ag, ordered)
    return ordered


PROBLEM_FIELDS = ["exam", "student", "kind", "problem"]


def write_problems(ag: AutograderDir, results: list[Result]) -> Path:
    """reports/grading-problems.csv: one line per student and per problem or difference."""
    rows = [[r.exam, r.student, "problem", p] for r in results for p in r.problems]
    rows += [[r.exam, r.student, "difference", d] for r in results for d in r.differences]
    rows.sort(key=lambda row: (row[0], row[1]))
    return write_csv(ag.reports / "grading-problems.csv", PROBLEM_FIELDS, rows)
