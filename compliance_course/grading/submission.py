"""A submission read as data: the answers, the written answer's text, what else differs from the release.

Nothing in a submission is executed or imported. Three things are read, each
with a size and nesting cap, and every failure is one problem line:

- ``<exam>.responses.json``: the answers (strict schema, :mod:`..quiz.responses`);
- ``<exam>.ipynb`` as JSON data, only to take the text of the written-answer cell,
  found by its nbgrader ``grade_id`` in the release;
- ``timestamp.txt`` (written by collect), checked against the collection time.

Every other difference from the release (a cell added, removed or edited, any
other file or folder) is ignored for marking and listed, one line per thing.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ResponseFileError
from ..quiz.responses import parse_json, read_capped, read_responses
from .forms import form_ids
from .models import Exam

NOTEBOOK_MAX_BYTES = 5 * 1024 * 1024   # a released exam notebook is ~30 KB; outputs add little
NOTEBOOK_MAX_DEPTH = 32
WRITTEN_MAX_CHARS = 20_000
TIMESTAMP_MAX_BYTES = 200
CLOCK_SLACK = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class ReleasedExam:
    """What grading needs from a released exam notebook (instructor data, read once per exam)."""

    exam: Exam
    notebook_text: str
    written_id: str            # grade id of the written-answer cell
    written_stub: str          # its released text ("YOUR ANSWER HERE")
    test_ids: dict[str, str]   # slot id -> grade id of its test cell
    cells: dict[str, dict]     # cell id -> released cell
    released_at: dt.datetime

    @classmethod
    def load(cls, exam: Exam, path: Path, test_ids: dict[str, str]) -> "ReleasedExam":
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        meta = nb.get("metadata", {}).get("compliance_course", {})
        slots = [[s.id, [q.id for q in s.items]] for s in exam.slots]
        if meta.get("questions") != [q.id for q in exam.questions] or meta.get("slots") != slots:
            raise ValueError(f"{path}: released for other questions or slots than the exam bank now lists; "
                             "run build and release again before grading")
        written = [c for c in nb["cells"] if _grade_id(c) == f"written_{exam.written.id}"]
        if len(written) != 1:
            raise ValueError(f"{path}: no written-answer cell 'written_{exam.written.id}'")
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        return cls(exam, text, _grade_id(written[0]), _source(written[0]) or "", test_ids,
                   {c["id"]: c for c in nb["cells"]}, mtime)


@dataclass
class Submission:
    exam: str
    student: str
    answers: dict[str, Any] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)     # slot id -> item drawn for the student
    written: str | None = None           # None: no written answer could be read
    submitted_at: dt.datetime | None = None
    problems: list[str] = field(default_factory=list)       # bear on marking
    differences: list[str] = field(default_factory=list)    # ignored for marking, listed

    @property
    def answered_written(self) -> bool:
        return self.written is not None


def _grade_id(cell: Any) -> str | None:
    if not isinstance(cell, dict):
        return None
    meta = cell.get("metadata")
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    gid = nbg.get("grade_id") if isinstance(nbg, dict) else None
    return gid if isinstance(gid, str) else None


def _source(cell: dict) -> str | None:
    src = cell.get("source", "")
    if isinstance(src, str):
        return src
    if isinstance(src, list) and all(isinstance(s, str) for s in src):
        return "".join(src)
    return None


def _nbgrader_meta(cell: dict) -> Any:
    meta = cell.get("metadata")
    return meta.get("nbgrader") if isinstance(meta, dict) else None


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def notebook_differences(cells: list, release: ReleasedExam) -> tuple[str | None, list[str], list[str]]:
    """(written text or None, problems, differences) of a submitted notebook's cells."""
    problems: list[str] = []
    diffs: list[str] = []
    written: list[str] = []
    seen: set[str] = set()
    for n, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            diffs.append(f"notebook cell {n} is not a cell object; ignored")
            continue
        cid = cell.get("id")
        cid = cid if isinstance(cid, str) else None
        ours = release.cells.get(cid) if cid else None
        gid = _grade_id(cell)
        if gid == release.written_id and cell.get("cell_type") == "markdown":
            text = _source(cell)
            if text is None:
                problems.append(f"notebook cell {n}: the written answer's text is not text; it was not read")
            else:
                written.append(text)
            if cid:
                seen.add(cid)
            continue
        if ours is None:
            kind = cell.get("cell_type") if isinstance(cell.get("cell_type"), str) else "unknown"
            diffs.append(f"notebook cell {n} ({_short(kind, 20)}) was added by the learner; ignored for marking"
                         + (f": '{_short(_source(cell) or '')}'" if _source(cell) else ""))
            continue
        if cid in seen:
            diffs.append(f"notebook cell {n} repeats cell '{cid}'; ignored for marking")
            continue
        seen.add(cid)
        if (_source(cell) != _source(ours) or cell.get("cell_type") != ours.get("cell_type")
                or _nbgrader_meta(cell) != _nbgrader_meta(ours)):
            diffs.append(f"notebook cell {n} ('{cid}') differs from the release; the released cell is used")
    for cid in release.cells:
        if cid not in seen and _grade_id(release.cells[cid]) != release.written_id:
            diffs.append(f"released cell '{cid}' is missing from the notebook; the released cell is used")
    if len(written) > 1:
        problems.append(f"the notebook has {len(written)} written-answer cells; the first one was read")
    if not written:
        problems.append("the notebook has no written-answer cell; the written answer counts as unanswered")
        return None, problems, diffs
    text = written[0]
    if len(text) > WRITTEN_MAX_CHARS:
        problems.append(f"the written answer is {len(text):,} characters; only the first "
                        f"{WRITTEN_MAX_CHARS:,} were kept")
        text = text[:WRITTEN_MAX_CHARS]
    return text, problems, diffs


def read_notebook(path: Path, release: ReleasedExam) -> tuple[str | None, list[str], list[str]]:
    """(written text or None, problems, differences) of the submitted notebook, read as data."""
    if not os.path.lexists(path):
        return None, [f"{path.name}: the notebook is missing from the submission; "
                      "the written answer counts as unanswered"], []
    try:
        nb = parse_json(read_capped(path, NOTEBOOK_MAX_BYTES), NOTEBOOK_MAX_DEPTH)
    except ResponseFileError as exc:
        return None, [f"{path.name}: the notebook {exc}; the written answer counts as unanswered"], []
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return None, [f"{path.name}: not a notebook (no list of cells); "
                      "the written answer counts as unanswered"], []
    return notebook_differences(cells, release)


def expected_files(exam: str) -> set[str]:
    return {f"{exam}.ipynb", f"{exam}.responses.json", f"{exam}.responses.json.bak", "timestamp.txt"}


def extra_entries(folder: Path, exam: str) -> list[str]:
    """One line per file or folder in the submission that is not the exam's own."""
    out = []
    wanted = expected_files(exam)
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name in wanted and entry.is_file(follow_symlinks=False):
            continue
        kind = ("link" if entry.is_symlink() else "folder" if entry.is_dir(follow_symlinks=False)
                else "file" if entry.is_file(follow_symlinks=False) else "special file")
        out.append(f"{kind} '{_short(entry.name, 80)}' is not part of the exam; ignored")
    return out


def collection_time(folder: Path, exam: str) -> dt.datetime:
    """When collect put the submission here: the latest inode change of its exam files (never learner data)."""
    times = []
    for name in (f"{exam}.responses.json", f"{exam}.ipynb"):
        try:
            times.append(os.lstat(folder / name).st_ctime)
        except OSError:
            pass
    if not times:
        times.append(os.lstat(folder).st_ctime)
    return dt.datetime.fromtimestamp(max(times), dt.timezone.utc)


def submitted_at(folder: Path, exam: str, released_at: dt.datetime) -> tuple[dt.datetime, list[str]]:
    """Collect's ``timestamp.txt`` when it lies between the release and the collection, else the collection time."""
    from nbgrader.utils import parse_utc

    collected = collection_time(folder, exam)
    path = folder / "timestamp.txt"
    if not os.path.lexists(path):
        return collected, []
    try:
        stamp = parse_utc(read_capped(path, TIMESTAMP_MAX_BYTES).strip()).replace(tzinfo=dt.timezone.utc)
    except (ResponseFileError, ValueError, OverflowError, TypeError) as exc:
        reason = str(exc) if isinstance(exc, ResponseFileError) else "is not a time"
        return collected, [f"timestamp.txt {reason}; the collection time is used as submitted-at"]
    if not released_at - CLOCK_SLACK <= stamp <= collected + CLOCK_SLACK:
        return collected, [f"timestamp.txt says {stamp.isoformat(timespec='seconds')}, outside release "
                           f"({released_at.isoformat(timespec='seconds')}) to collection "
                           f"({collected.isoformat(timespec='seconds')}); the collection time is used"]
    return stamp, []


def form_problems(read_learner: str, read_form: dict[str, str], student: str, form: dict[str, str],
                  answers: dict[str, Any], exam: Exam) -> list[str]:
    """At most two lines: the file was saved for another learner or form; answers outside the form were ignored."""
    lines = []
    if read_learner and read_learner != student:
        lines.append(f"{exam.responses_file}: saved for learner '{_short(read_learner)}', not '{student}'; "
                     f"marked against the exam form of '{student}'")
    elif read_form and read_form != form:
        lines.append(f"{exam.responses_file}: the recorded exam form differs from the form of '{student}'; "
                     f"marked against the form of '{student}'")
    drawn = set(form.values())
    outside = sorted(qid for qid in answers if qid not in drawn)
    if outside:
        listed = ", ".join(f"'{_short(q)}'" for q in outside[:5]) + (" …" if len(outside) > 5 else "")
        lines.append(f"{exam.responses_file}: {len(outside)} answer(s) to questions outside the exam form of "
                     f"'{student}' were ignored: {listed}")
    return lines


def read_submission(folder: Path, student: str, release: ReleasedExam) -> Submission:
    """Everything grading takes from one submission folder, as data.

    ``student`` is the authenticated student (the folder collect made); the answers are read
    against the form drawn for that student, never the learner or form the file records.
    """
    exam = release.exam
    sub = Submission(exam.id, student)
    read = read_responses(folder / exam.responses_file, exam.id)
    sub.order = read.order
    sub.form = form_ids(exam, student)
    sub.problems += [p if "unanswered" in p else f"{p}; counted as unanswered" for p in read.problems]
    known = {q.id for q in exam.questions}
    sub.problems += form_problems(read.learner, read.form, student, sub.form,
                                  {q: v for q, v in read.answers.items() if q in known}, exam)
    drawn = set(sub.form.values())
    sub.answers = {q: v for q, v in read.answers.items() if q in drawn or q not in known}
    unknown = sorted(set(read.answers) - known)
    for qid in unknown[:5]:
        sub.problems.append(f"{exam.responses_file}: answer to '{_short(qid)}', not a question of this exam, "
                            "was ignored")
        del sub.answers[qid]
    for qid in unknown[5:]:
        del sub.answers[qid]
    sub.written, problems, sub.differences = read_notebook(folder / exam.notebook, release)
    sub.problems += problems
    sub.differences += extra_entries(folder, exam.id)
    sub.submitted_at, problems = submitted_at(folder, exam.id, release.released_at)
    sub.problems += problems
    return sub


def is_regular_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False
