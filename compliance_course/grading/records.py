"""What the gradebook says about each submission, joined with the exam and the learner's answers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..quiz.responses import read_responses
from .build import cell_ids
from .course import AutograderDir, use_nbgrader_env
from .forms import form
from .gradebook import graded_rows
from .marking import answer_problem
from .models import Exam


@dataclass
class Item:
    id: str                 # id of the question drawn for the learner, or the written answer's id
    grade_id: str
    points: float | None    # None while a manual grade is pending
    max_points: float
    answer: Any = None      # the learner's saved answer (None: unanswered)
    comment: str = ""
    slot: str = ""          # the exam slot the question was drawn for ("" for the written answer)


@dataclass
class Record:
    exam: Exam
    student: str
    items: list[Item]
    submitted_at: str
    graded_at: str
    written_text: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return any(i.points is None for i in self.items)

    @property
    def score(self) -> float:
        return float(sum(i.points or 0 for i in self.items))

    @property
    def max_score(self) -> float:
        return float(sum(i.max_points for i in self.items))

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0

    @property
    def result(self) -> str:
        if self.pending:
            return "pending"
        return "pass" if self.exam.passes(self.score, self.max_score) else "fail"


def _iso(ts: dt.datetime | None) -> str:
    if ts is None:
        return ""
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=dt.timezone.utc)
    return ts.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def load_records(ag: AutograderDir, exams: list[Exam]) -> list[Record]:
    """One record per graded submission of a known exam, sorted by exam then student.

    Everything comes from the gradebook, written by one grading transaction: the scores,
    the submission time (collection time, never the learner's file), and from the project's
    ``cc_graded`` table the written text as graded and when it was graded. So a record never
    pairs one run's score with another run's text or time.
    """
    use_nbgrader_env()
    from nbgrader.api import Gradebook, MissingEntry

    records = []
    with Gradebook(ag.db_url) as gb:
        graded = graded_rows(gb.db)
        for exam in exams:
            try:
                assignment = gb.find_assignment(exam.id)
            except MissingEntry:
                continue
            ids = cell_ids(exam)
            for sub in sorted(assignment.submissions, key=lambda s: s.student.id):
                student = sub.student.id
                row = graded.get((exam.id, student))
                if row is None:
                    continue
                read = read_responses(ag.submitted / student / exam.id / exam.responses_file, exam.id)
                nb = gb.find_submission_notebook(exam.id, exam.id, student)
                grades = {g.name: g for g in nb.grades}
                comments = {c.name: c for c in nb.comments}
                items = []
                drawn = [(s.id, q) for s, q in form(exam, student)]  # the authenticated student's form
                for sid, q in [*drawn, (exam.written.id, exam.written)]:
                    g = grades.get(ids[sid])
                    c = comments.get(ids[sid])
                    points = None if g is None or g.score is None or (g.needs_manual_grade and g.manual_score is None) \
                        else float(g.score)
                    comment = (c.manual_comment or c.auto_comment or "") if c else ""
                    answer = read.answers.get(q.id) if q is not exam.written else None
                    if answer is not None and answer_problem(q, answer):
                        answer = None  # marked as unanswered, shown as unanswered
                    items.append(Item(q.id, ids[sid], points, float(q.points), answer, comment,
                                      "" if q is exam.written else sid))
                records.append(Record(exam, student, items, _iso(sub.timestamp), row["graded_at"],
                                      row["written"] or "", read.problems))
    return records
