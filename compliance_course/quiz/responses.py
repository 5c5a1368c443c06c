"""The exam response file: one JSON file beside the exam notebook.

nbgrader re-runs a notebook from scratch, so widget state never reaches the
grader. The exam widget therefore saves each answer here the moment it is
chosen, and the exam's graded cells read this file back.

Format (``format`` 1)::

    {"format": 1, "exam": "hipaa", "content_version": "…",
     "answers": {"hipaa-baa-03": {"value": "B", "saved_at": "2026-11-26T09:00:00+00:00"}}}

Reading never raises on a damaged file: it returns every answer that can still
be read plus a list of plain-language problems. A file that does not parse is
recovered from the backup kept beside it (``.bak``), and is kept under a new
name before anything overwrites it.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..storage import atomic_write_json

FORMAT = 1


def response_path(exam_id: str, folder: str | Path = ".") -> Path:
    """Where the answers of exam ``exam_id`` live: ``<folder>/<exam_id>.responses.json``."""
    return Path(folder) / f"{exam_id}.responses.json"


@dataclass
class ResponseRead:
    """What could be read from a response file."""

    answers: dict[str, Any] = field(default_factory=dict)
    saved_at: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    recovered_from_backup: bool = False


def _valid_value(value: Any) -> bool:
    if isinstance(value, (str, bool, int, float)):
        return True
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _parse(text: str, name: str, exam_id: str | None) -> ResponseRead:
    result = ResponseRead()
    data = json.loads(text)  # JSONDecodeError is handled by the caller
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise json.JSONDecodeError("no 'answers' object", text, 0)
    if exam_id is not None and data.get("exam") not in (None, exam_id):
        result.problems.append(
            f"{name}: belongs to exam {data.get('exam')!r}, not {exam_id!r}; its answers were ignored")
        return result
    for qid, entry in data["answers"].items():
        value = entry.get("value") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not _valid_value(value):
            result.problems.append(f"{name}: answer to {qid!r} is unreadable and counts as unanswered")
            continue
        result.answers[qid] = value
        result.saved_at[qid] = str(entry.get("saved_at", ""))
    return result


def read_responses(path: str | Path, exam_id: str | None = None) -> ResponseRead:
    """Read a response file; never raises for a missing, empty or damaged file."""
    path = Path(path)
    if not path.exists():
        return ResponseRead(problems=[f"{path.name}: no response file yet: no question has been answered"])
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.strip():
        return ResponseRead(problems=[f"{path.name}: the response file is empty: every question counts as unanswered"])
    try:
        return _parse(text, path.name, exam_id)
    except json.JSONDecodeError as exc:
        message = f"{path.name}: the response file is damaged ({exc.msg}, line {exc.lineno})"
    backup = backup_path(path)
    if backup.exists():
        try:
            result = _parse(backup.read_text(encoding="utf-8"), backup.name, exam_id)
        except json.JSONDecodeError:
            pass
        else:
            result.recovered_from_backup = True
            result.problems.insert(0, f"{message}; {len(result.answers)} answer(s) recovered from {backup.name}")
            return result
    return ResponseRead(problems=[f"{message}; no answer could be recovered, every question counts as unanswered"])


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_responses(path: str | Path, exam_id: str, answers: dict[str, Any],
                    saved_at: dict[str, str], content_version: str = "") -> Path:
    """Save all answers atomically, keeping the previous good file as ``.bak``.

    A file that does not parse is never overwritten: it is first kept as
    ``<name>.damaged-<timestamp>`` so nothing a learner wrote is lost.
    """
    path = Path(path)
    if path.exists():
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            shutil.copy2(path, path.with_name(f"{path.name}.damaged-{stamp}"))
        else:
            shutil.copy2(path, backup_path(path))
    data = {
        "format": FORMAT,
        "exam": exam_id,
        "content_version": content_version,
        "answers": {qid: {"value": answers[qid], "saved_at": saved_at.get(qid, "")}
                    for qid in sorted(answers)},
    }
    return atomic_write_json(path, data)


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
