"""Marks into nbgrader's gradebook, all of a run in one transaction, with the autograded notebooks.

nbgrader stays the system of record: scores per graded cell, manual scores of the
written answer (formgrader or ``score-written``), comments, the submission time.
Rows are made with nbgrader's own ORM classes, as ``Gradebook.add_submission``
makes them, but without its per-call commits: a run commits once, so a killed
``grade`` leaves the gradebook exactly as it was (SQLite rolls the transaction back).

The project keeps one table of its own in the same file, ``cc_graded``: per
submission the written answer's text as graded, its SHA-256 and when it was
graded. It is written in the same transaction. A manual score belongs to the text
it scored: when a resubmitted written answer differs from the graded text, the
old manual score and comment are removed and the answer waits for a grader again.

Autograded notebooks are written beside their final place first and renamed into
place only after the commit, so ``autograded/`` never holds a notebook whose scores
were not recorded.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .course import AutograderDir, use_nbgrader_env
from .marking import Mark

TABLE = "cc_graded"
STAGING_SUFFIX = ".cc-staging"


@dataclass
class Outcome:
    """One submission marked, ready to be recorded."""

    exam: str
    student: str
    submitted_at: dt.datetime
    marks: list[Mark]
    test_ids: dict[str, str]           # slot id -> test cell grade id
    written_id: str
    written: str | None                # the text as read (None: none could be read)
    written_answered: bool             # differs from the released stub
    notebook: dict[str, Any]           # the autograded notebook
    problems: list[str] = field(default_factory=list)   # added while recording
    score: float = 0.0
    max_score: float = 0.0


def text_hash(text: str | None) -> str:
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


def _create_table(db) -> None:
    from sqlalchemy import text
    db.execute(text(f"CREATE TABLE IF NOT EXISTS {TABLE} (assignment TEXT NOT NULL, student TEXT NOT NULL, "
                    "written TEXT, written_sha256 TEXT NOT NULL, graded_at TEXT NOT NULL, "
                    "PRIMARY KEY (assignment, student))"))


def graded_rows(db) -> dict[tuple[str, str], dict[str, Any]]:
    """The project's record of each graded submission: written text, its hash, graded-at."""
    from sqlalchemy import text
    exists = db.execute(text("SELECT name FROM sqlite_master WHERE type='table' AND name=:t"), {"t": TABLE}).first()
    if not exists:
        return {}
    rows = db.execute(text(f"SELECT assignment, student, written, written_sha256, graded_at FROM {TABLE}"))
    return {(a, s): {"written": w, "sha": h, "graded_at": g} for a, s, w, h, g in rows}


def clean_staging(ag: AutograderDir) -> None:
    """Remove notebooks a killed run left unrenamed (their scores were never committed)."""
    if ag.autograded.is_dir():
        for path in ag.autograded.glob(f"*/*/*{STAGING_SUFFIX}"):
            path.unlink(missing_ok=True)


class _Exams:
    """Per exam: the assignment, its notebook's cells by database id, its existing submissions."""

    def __init__(self, gb, exam_ids: set[str]):
        from nbgrader.api import Student
        self.gb = gb
        self.students = {s.id: s for s in gb.db.query(Student)}
        self.assignments, self.names, self.max_scores, self.subs = {}, {}, {}, {}
        for exam in exam_ids:
            assignment = gb.find_assignment(exam)
            self.assignments[exam] = assignment
            for notebook in assignment.notebooks:
                for cell in [*notebook.grade_cells, *notebook.solution_cells]:
                    self.names[cell.id] = cell.name
                for cell in notebook.grade_cells:
                    self.max_scores[(exam, cell.name)] = float(cell.max_score)
            for sub in assignment.submissions:
                self.subs[(exam, sub.student_id)] = sub

    def rows(self, exam: str, student_id: str, timestamp: dt.datetime) -> tuple[dict, dict]:
        """(grades by cell name, comments by cell name) of the submission, made if new (nothing flushed)."""
        from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook
        db = self.gb.db
        student = self.students.get(student_id)
        if student is None:
            student = self.students[student_id] = Student(id=student_id)
            db.add(student)
        sub = self.subs.get((exam, student_id))
        if sub is None:
            sub = self.subs[(exam, student_id)] = SubmittedAssignment(assignment=self.assignments[exam],
                                                                      student=student)
            db.add(sub)
            grades, comments = {}, {}
            for notebook in self.assignments[exam].notebooks:
                nb = SubmittedNotebook(notebook=notebook, assignment=sub)
                db.add(nb)
                for cell in notebook.grade_cells:
                    grades[cell.name] = Grade(cell_id=cell.id, notebook=nb)
                for cell in notebook.solution_cells:
                    comments[cell.name] = Comment(cell_id=cell.id, notebook=nb)
                db.add_all([*grades.values(), *comments.values()])
        else:
            grades = {self.names[g.cell_id]: g for nb in sub.notebooks for g in nb.grades}
            comments = {self.names[c.cell_id]: c for nb in sub.notebooks for c in nb.comments}
        sub.timestamp = timestamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return grades, comments


def _record(exams: _Exams, o: Outcome, before: dict[str, Any] | None) -> dict[str, Any]:
    """Set one submission's grades and comments; return its row of the project's table."""
    grades, comments = exams.rows(o.exam, o.student, o.submitted_at)
    for m in o.marks:
        g = grades[o.test_ids[m.slot]]
        g.auto_score = m.points
        g.needs_manual_grade = g.manual_score is not None  # as nbgrader's autograde: review an override
    g, c = grades[o.written_id], comments[o.written_id]
    sha = text_hash(o.written if o.written_answered else None)
    if before is not None and before["sha"] != sha and g.manual_score is not None:
        o.problems.append(f"the written answer changed since it was scored ({g.manual_score:g} points); "
                          "that score and its comment were removed and it awaits a grader again")
        g.manual_score = None
        c.manual_comment = None
    g.auto_score = None if o.written_answered else 0.0
    g.needs_manual_grade = o.written_answered and g.manual_score is None
    c.auto_comment = None if o.written_answered else "No response."
    o.score = float(sum((x.manual_score if x.manual_score is not None else x.auto_score) or 0
                        for x in grades.values()))
    o.max_score = float(sum(exams.max_scores[(o.exam, name)] for name in grades))
    return {"a": o.exam, "s": o.student, "w": o.written if o.written_answered else None, "h": sha}


def record(ag: AutograderDir, outcomes: list[Outcome]) -> None:
    """Write every outcome's scores and autograded notebook: all or nothing for the gradebook."""
    if not outcomes:
        return
    use_nbgrader_env()
    from nbgrader.api import Gradebook
    from sqlalchemy import text

    clean_staging(ag)
    graded_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    token = secrets.token_hex(4)
    staged: list[tuple[Path, Path]] = []
    try:
        for o in outcomes:
            final = ag.autograded / o.student / o.exam / f"{o.exam}.ipynb"
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(f".{final.name}.{token}{STAGING_SUFFIX}")
            tmp.write_text(json.dumps(o.notebook, ensure_ascii=False) + "\n", encoding="utf-8")
            staged.append((tmp, final))
        with Gradebook(ag.db_url) as gb:
            before = graded_rows(gb.db)
            _create_table(gb.db)
            with gb.db.no_autoflush:
                exams = _Exams(gb, {o.exam for o in outcomes})
                rows = [_record(exams, o, before.get((o.exam, o.student))) for o in outcomes]
            gb.db.flush()
            gb.db.execute(text(f"INSERT OR REPLACE INTO {TABLE} VALUES (:a, :s, :w, :h, '{graded_at}')"), rows)
            gb.db.commit()
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.replace(tmp, final)


def set_written_score(ag: AutograderDir, exam, student: str, points: float, comment: str = "") -> None:
    """Record a grader's score (and comment) for a learner's written answer (like formgrader does)."""
    import math

    use_nbgrader_env()
    from nbgrader.api import Gradebook, MissingEntry

    from .build import cell_ids

    if not math.isfinite(points) or not 0 <= points <= exam.written.points:
        raise ValueError(f"points must be between 0 and {exam.written.points}; got {points}")
    gid = cell_ids(exam)[exam.written.id]
    with Gradebook(ag.db_url) as gb:
        try:
            grade = gb.find_grade(gid, exam.id, exam.id, student)
        except MissingEntry:
            raise ValueError(f"no graded submission of {exam.id} by {student!r}; run grade first") from None
        grade.manual_score = points
        grade.needs_manual_grade = False
        if comment:
            gb.find_comment(gid, exam.id, exam.id, student).manual_comment = comment
        gb.db.commit()
