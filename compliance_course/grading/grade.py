"""Autograde every submission in parallel, carry on past broken ones, list every problem.

nbgrader's gradebook is one SQLite file, and concurrent writers contend for it.
So each submission is autograded by nbgrader itself (``NbGraderAPI.autograde``,
the same preprocessors as ``nbgrader autograde``) in a worker process, inside a
private copy of the course directory with its own copy of the gradebook. The
main process then copies the autograded notebook back and writes the scores
into the real gradebook, one submission at a time. Re-grading replaces the
earlier automatic scores and keeps any manual score already given.

Problems reported per student (each one line; no other grade is affected):
unreadable notebook JSON, edited or deleted locked cells (restored by
nbgrader's checksummed copy before marking), missing/empty/damaged response
file (graded as unanswered), a cell stopped by the per-cell timeout, a
submission for an exam that does not exist, and anything nbgrader itself
reports as an error.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Iterable

from ..quiz.responses import read_responses
from .course import AutograderDir, use_nbgrader_env

IGNORED_LOG_NOISE = "Attribute 'checksum' for cell"  # nbgrader issue #1961: every hidden-test cell, every student


@dataclass
class Result:
    exam: str
    student: str
    graded: bool = False
    score: float = 0.0
    max_score: float = 0.0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


# --- checks that need no kernel -----------------------------------------------------------
def notebook_problems(submitted: Path, released: Path) -> tuple[bool, list[str]]:
    """(readable, problems) of a submitted notebook compared with the released one."""
    if not submitted.exists():
        return False, [f"{submitted.name}: the notebook is missing from the submission"]
    try:
        nb = json.loads(submitted.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
        reason = f"{exc.msg} at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else "not a notebook"
        return False, [f"{submitted.name}: the notebook file is not valid notebook JSON ({reason}); "
                       "it could not be marked"]
    problems = []
    try:
        ref = json.loads(released.read_text(encoding="utf-8"))["cells"]
    except (OSError, json.JSONDecodeError, KeyError):
        return True, problems
    def locked(cs: Iterable[dict]) -> dict[str, str]:
        out = {}
        for c in cs:
            meta = (c.get("metadata") or {}).get("nbgrader") or {}
            if meta.get("locked") and meta.get("grade_id"):
                src = c.get("source", "")
                out[meta["grade_id"]] = "".join(src) if isinstance(src, list) else str(src)
        return out
    theirs, ours = locked(cells), locked(ref)
    for gid, src in ours.items():
        if gid not in theirs:
            problems.append(f"locked cell '{gid}' was deleted (nbgrader restores graded cells from the gradebook)")
        elif theirs[gid] != src:
            problems.append(f"locked cell '{gid}' was edited (nbgrader restored the original before marking)")
    return True, problems


def timeout_problems(autograded: Path) -> list[str]:
    try:
        nb = json.loads(autograded.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    out = []
    for i, c in enumerate(nb.get("cells", []), 1):
        for o in c.get("outputs", []) or []:
            if o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError":
                out.append(f"cell {i} ran past the per-cell time limit and was stopped")
    return out


# --- the worker -----------------------------------------------------------------------------
def _grades(db_url: str, exam: str, student: str) -> dict[str, Any]:
    from nbgrader.api import Gradebook
    with Gradebook(db_url) as gb:
        sub = gb.find_submission(exam, student)
        grades = [{"notebook": nb.name, "name": g.name, "auto_score": g.auto_score,
                   "needs_manual_grade": g.needs_manual_grade}
                  for nb in sub.notebooks for g in nb.grades]
        comments = [{"notebook": nb.name, "name": c.name, "auto_comment": c.auto_comment}
                    for nb in sub.notebooks for c in nb.comments]
        return {"grades": grades, "comments": comments,
                "timestamp": sub.timestamp.isoformat() if sub.timestamp else None}


def _autograde_private(root: str, exam: str, student: str, work: str) -> dict[str, Any]:
    """Run nbgrader's autograde for one submission in a private copy of the course directory.

    Workers are spawned, not forked: a forked child inherits the parent's ZeroMQ sockets
    (from any earlier in-process nbgrader call) and fails with 'Socket operation on non-socket'.
    """
    use_nbgrader_env()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    main = Path(root)
    private = Path(tempfile.mkdtemp(prefix=f"{student}-", dir=work))
    shutil.copy2(main / "nbgrader_config.py", private / "nbgrader_config.py")
    shutil.copy2(main / "gradebook.db", private / "gradebook.db")
    shutil.copytree(main / "source" / exam, private / "source" / exam)
    shutil.copytree(main / "submitted" / student / exam, private / "submitted" / student / exam)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(private)).load_config()
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    started = time.perf_counter()
    res = api.autograde(exam, student, force=True, create=True)
    out = {"success": bool(res.get("success")), "error": res.get("error") or "", "log": res.get("log") or "",
           "private": str(private), "seconds": time.perf_counter() - started}
    if out["success"]:
        out.update(_grades(f"sqlite:///{private / 'gradebook.db'}", exam, student))
    return out


# --- the main process -----------------------------------------------------------------------
def _merge(ag: AutograderDir, exam: str, student: str, data: dict[str, Any]) -> None:
    """Write a worker's automatic scores into the real gradebook, keeping manual scores."""
    from nbgrader.api import Gradebook
    with Gradebook(ag.db_url) as gb:
        gb.update_or_create_student(student)
        if data.get("timestamp"):
            gb.update_or_create_submission(exam, student, timestamp=data["timestamp"])
        else:
            gb.update_or_create_submission(exam, student)
        for g in data["grades"]:
            grade = gb.find_grade(g["name"], g["notebook"], exam, student)
            grade.auto_score = g["auto_score"]
            grade.needs_manual_grade = g["needs_manual_grade"] and grade.manual_score is None
        for c in data["comments"]:
            gb.find_comment(c["name"], c["notebook"], exam, student).auto_comment = c["auto_comment"]
        gb.db.commit()


def submission_score(ag: AutograderDir, exam: str, student: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook
    with Gradebook(ag.db_url) as gb:
        sub = gb.find_submission(exam, student)
        return float(sub.score), float(sub.max_score)


def _log_errors(log: str) -> list[str]:
    lines = []
    for line in log.splitlines():
        if "ERROR" in line and IGNORED_LOG_NOISE not in line:
            lines.append("nbgrader: " + line.split("]", 1)[-1].strip())
    return lines


def find_submissions(ag: AutograderDir, exams: list[str] | None = None,
                     students: list[str] | None = None) -> list[tuple[str, str]]:
    """(exam, student) pairs under submitted/, sorted."""
    pairs = []
    if not ag.submitted.exists():
        return pairs
    for sdir in sorted(p for p in ag.submitted.iterdir() if p.is_dir()):
        if students and sdir.name not in students:
            continue
        for edir in sorted(p for p in sdir.iterdir() if p.is_dir()):
            if exams and edir.name not in exams:
                continue
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
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        rate = self.done / max(time.perf_counter() - self.started, 1e-9)
        self.stream.write(f"\rgrading [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{rate:.2f}/s {label[:40]:<40}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def grade_all(ag: AutograderDir, *, exams: list[str] | None = None, students: list[str] | None = None,
              jobs: int | None = None, progress: bool = True) -> list[Result]:
    """Autograde every submission (in parallel), merge scores, write reports/grading-problems.csv."""
    use_nbgrader_env()
    known = {p.name for p in ag.source.iterdir() if p.is_dir()} if ag.source.exists() else set()
    pairs = find_submissions(ag, exams, students)
    results: dict[tuple[str, str], Result] = {}
    todo = []
    for exam, student in pairs:
        r = results[(exam, student)] = Result(exam, student)
        if exam not in known:
            r.problems.append(f"submission for unknown exam '{exam}' (known: {', '.join(sorted(known))}); "
                              "not marked")
            continue
        folder = ag.submitted / student / exam
        readable, problems = notebook_problems(folder / f"{exam}.ipynb", ag.release / exam / f"{exam}.ipynb")
        read = read_responses(folder / f"{exam}.responses.json", exam)
        r.problems += problems
        if read.problems:
            r.problems += [p + ("" if "unanswered" in p else "; counted as unanswered")
                           for p in read.problems]
        if readable:
            todo.append((exam, student))
    jobs = max(1, jobs or os.cpu_count() or 1)
    bar = Progress(len(todo), progress)
    work = tempfile.mkdtemp(prefix="cc-grade-")
    try:
        if jobs == 1 or len(todo) <= 1:
            outputs = ((pair, _autograde_private(str(ag.root), *pair, work)) for pair in todo)
            _collect(ag, outputs, results, bar)
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=get_context("spawn")) as pool:
                futures = {pool.submit(_autograde_private, str(ag.root), *pair, work): pair for pair in todo}
                _collect(ag, ((futures[f], _outcome(f)) for f in as_completed(futures)), results, bar)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ordered = [results[p] for p in pairs]
    write_problems(ag, ordered)
    return ordered


def _outcome(future) -> dict[str, Any]:
    try:
        return future.result()
    except Exception as exc:  # a crashed worker must not lose the other grades
        return {"success": False, "error": f"{type(exc).__name__}: {exc}", "log": ""}


def _collect(ag: AutograderDir, outputs, results: dict[tuple[str, str], Result], bar: Progress) -> None:
    for (exam, student), out in outputs:
        r = results[(exam, student)]
        r.seconds = out.get("seconds", 0.0)
        if not out["success"]:
            reason = (out["error"].strip().splitlines() or ["unknown error"])[-1]
            r.problems.append(f"nbgrader could not mark this submission: {reason}")
            r.problems += _log_errors(out["log"])
        else:
            dest = ag.autograded / student / exam
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(Path(out["private"]) / "autograded" / student / exam, dest)
            _merge(ag, exam, student, out)
            r.graded = True
            r.score, r.max_score = submission_score(ag, exam, student)
            r.problems += timeout_problems(dest / f"{exam}.ipynb")
        shutil.rmtree(out.get("private", ""), ignore_errors=True) if out.get("private") else None
        bar.step(f"{exam}/{student}")


def write_problems(ag: AutograderDir, results: list[Result]) -> Path:
    ag.reports.mkdir(parents=True, exist_ok=True)
    path = ag.reports / "grading-problems.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["exam", "student", "problem"])
        for r in results:
            for p in r.problems:
                w.writerow([r.exam, r.student, p])
    return path


def set_written_score(ag: AutograderDir, exam, student: str, points: float, comment: str = "") -> None:
    """Record a grader's score (and comment) for a learner's written answer (like formgrader does)."""
    from nbgrader.api import Gradebook
    from .build import cell_ids

    if not 0 <= points <= exam.written.points:
        raise ValueError(f"points must be between 0 and {exam.written.points}; got {points}")
    gid = cell_ids(exam)[exam.written.id]
    with Gradebook(ag.db_url) as gb:
        grade = gb.find_grade(gid, exam.id, exam.id, student)
        grade.manual_score = points
        grade.needs_manual_grade = False
        if comment:
            gb.find_comment(gid, exam.id, exam.id, student).manual_comment = comment
        gb.db.commit()
