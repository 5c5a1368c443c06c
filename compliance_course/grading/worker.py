"""What a grading worker process runs (see :mod:`compliance_course.grading.grade`).

Importing nbgrader costs seconds of CPU (nbformat's JSON-schema validator builds
a grammar at import), so this module imports it at the top: the grade command
preloads it once in a fork server and every worker is forked from there
already warm. Each worker keeps ONE private copy of the course directory (its
own gradebook, the exam sources) for all the submissions it marks, so the
per-submission cost is what ``nbgrader autograde`` itself does and no more.
The real gradebook is written once, at the end, by :func:`merge`.
"""
from __future__ import annotations

import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

from .course import use_nbgrader_env

_COURSES: dict[tuple[str, str], tuple[Path, NbGraderAPI]] = {}


def private_course(root: str, work: str) -> tuple[Path, NbGraderAPI]:
    """This process's private copy of the course at ``root`` (made on first use, under ``work``)."""
    key = (root, work)
    if key not in _COURSES:
        use_nbgrader_env()
        main = Path(root)
        private = Path(tempfile.mkdtemp(prefix=f"worker-{os.getpid()}-", dir=work))
        shutil.copy2(main / "nbgrader_config.py", private / "nbgrader_config.py")
        shutil.copy2(main / "gradebook.db", private / "gradebook.db")
        shutil.copytree(main / "source", private / "source")
        config = PyFileConfigLoader("nbgrader_config.py", path=str(private)).load_config()
        _COURSES[key] = (private, NbGraderAPI(coursedir=CourseDirectory(config=config), config=config))
    return _COURSES[key]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the kernels nbgrader started and reaped)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def grades(db_url: str, exam: str, student: str) -> dict[str, Any]:
    """A submission's automatic grades and comments as nbgrader recorded them."""
    with Gradebook(db_url) as gb:
        sub = gb.find_submission(exam, student)
        grade_rows = [{"notebook": nb.name, "name": g.name, "auto_score": g.auto_score,
                       "needs_manual_grade": g.needs_manual_grade}
                      for nb in sub.notebooks for g in nb.grades]
        comments = [{"notebook": nb.name, "name": c.name, "auto_comment": c.auto_comment}
                    for nb in sub.notebooks for c in nb.comments]
        return {"grades": grade_rows, "comments": comments,
                "timestamp": sub.timestamp.isoformat() if sub.timestamp else None}


def autograde(root: str, exam: str, student: str, work: str) -> dict[str, Any]:
    """nbgrader's own autograde (``NbGraderAPI.autograde``) of one submission, in the private course."""
    private, api = private_course(root, work)
    folder = private / "submitted" / student / exam
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(Path(root) / "submitted" / student / exam, folder)
    started, cpu = time.perf_counter(), cpu_seconds()
    res = api.autograde(exam, student, force=True, create=True)
    out = {"success": bool(res.get("success")), "error": res.get("error") or "", "log": res.get("log") or "",
           "autograded": str(private / "autograded" / student / exam),
           "seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu}
    if out["success"]:
        out.update(grades(f"sqlite:///{private / 'gradebook.db'}", exam, student))
    return out


def merge(db_url: str, items: list[tuple[str, str, dict[str, Any]]]) -> dict[tuple[str, str], tuple[float, float]]:
    """Write workers' automatic scores into the real gradebook (one session), keeping manual scores.

    Returns (score, max score) per (exam, student) as the real gradebook now totals them.
    """
    scores = {}
    with Gradebook(db_url) as gb:
        for exam, student, data in items:
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
        for exam, student, _ in items:
            sub = gb.find_submission(exam, student)
            scores[(exam, student)] = (float(sub.score), float(sub.max_score))
    return scores
