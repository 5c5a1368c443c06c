"""The exam response file: one JSON file beside the exam notebook, read as data under a strict schema.

The exam widget saves each answer here the moment it is chosen. The grader marks
this file and nothing else a learner supplies, so reading it must never fail in a
way that stops a batch: every damaged, oversized, over-nested or ill-typed part is
one plain-language problem and that answer counts as unanswered.

Format (``format`` 1)::

    {"format": 1, "exam": "hipaa_exam", "content_version": "…", "learner": "ada",
     "form": {"hipaa-slot-baa": "hipaa-baa-03"},
     "order": {"hipaa-baa-03": ["C", "A", "D", "B"]},
     "answers": {"hipaa-baa-03": {"value": "B", "saved_at": "2026-11-26T09:00:00+00:00"}}}

``learner`` is the id the form was drawn for, ``form`` the item drawn for each slot (slot id ->
item id) and ``order`` the order in which the learner saw each question's choices
(:mod:`.choice_order`); answers are keyed by item id and hold choice keys whatever that order
was. The grader never trusts ``learner`` or ``form``: it draws the form again for the
authenticated student and reports any difference.

Limits: :data:`MAX_BYTES` per file, :data:`MAX_DEPTH` levels of nesting, integers of
at most :data:`MAX_INT_DIGITS` digits, no ``NaN``/``Infinity``, UTF-8 only, a regular
file (never a link). A file that does not parse is recovered from the backup kept
beside it (``.bak``), and is kept under a new name before anything overwrites it.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ResponseFileError
from ..storage import FileTooLarge, NotARegularFile, atomic_write_json, read_regular_file

FORMAT = 1
MAX_BYTES = 256 * 1024       # eleven answers take about 2 KB
MAX_DEPTH = 8                # the format needs 4 levels
MAX_INT_DIGITS = 40
MAX_ANSWERS = 500
MAX_LIST = 50                # keys in one multiple-select answer or one recorded order
MAX_TEXT = 1000              # characters in one key, id or timestamp
TOP_LEVEL = {"format", "exam", "content_version", "learner", "form", "order", "answers"}


# --- reading JSON as data, safely ------------------------------------------------------------
class Rejected:
    """A JSON value the parser would not turn into a Python number (too many digits, NaN, Infinity)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"<rejected {self.text[:20]}{'…' if len(self.text) > 20 else ''}>"


def _parse_int(text: str) -> int | Rejected:
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else Rejected(text)


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON ``text`` (brackets inside strings do not count)."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if m.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def read_capped(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of a regular file of at most ``max_bytes``; ResponseFileError says what is wrong.

    Links are refused (never followed), so is anything that is not a regular file (a FIFO would block).
    """
    try:
        data = read_regular_file(path, max_bytes)
    except NotARegularFile:
        raise ResponseFileError("is not a regular file; it was not read") from None
    except FileTooLarge as exc:
        if exc.size is None:
            raise ResponseFileError(f"is over the limit of {max_bytes:,} bytes; it was not read") from None
        raise ResponseFileError(f"is {exc.size:,} bytes, over the limit of {max_bytes:,}; it was not read") from None
    except OSError as exc:
        if path.is_symlink():
            raise ResponseFileError("is a symbolic link, not a file; it was not read") from None
        raise ResponseFileError(f"could not be opened ({exc.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResponseFileError(f"is not UTF-8 text (byte {exc.start}); it was not read") from None


def parse_json(text: str, max_depth: int) -> Any:
    """JSON ``text`` as data, or ResponseFileError: no nesting deeper than ``max_depth``, no huge numbers."""
    depth = nesting_depth(text)
    if depth > max_depth:
        raise ResponseFileError(f"nests {depth} levels deep, over the limit of {max_depth}; it was not read")
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=Rejected)
    except json.JSONDecodeError as exc:
        raise ResponseFileError(f"is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except (ValueError, RecursionError) as exc:  # belt and braces: nothing here may stop a batch
        raise ResponseFileError(f"could not be read as JSON ({type(exc).__name__})") from None


# --- the response file -------------------------------------------------------------------------
def response_path(exam_id: str, folder: str | Path = ".") -> Path:
    """Where the answers of exam ``exam_id`` live: ``<folder>/<exam_id>.responses.json``."""
    return Path(folder) / f"{exam_id}.responses.json"


@dataclass
class ResponseRead:
    """What could be read from a response file."""

    answers: dict[str, Any] = field(default_factory=dict)
    saved_at: dict[str, str] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)
    learner: str = ""
    problems: list[str] = field(default_factory=list)
    recovered_from_backup: bool = False


def valid_value(value: Any) -> bool:
    """A value the format allows for an answer: a key, a bool, a finite number or a short list of keys."""
    if isinstance(value, bool):
        return True
    if isinstance(value, str):
        return len(value) <= MAX_TEXT
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    return (isinstance(value, list) and len(value) <= MAX_LIST
            and all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse(text: str, name: str, exam_id: str | None) -> ResponseRead:
    """The answers in ``text``; ResponseFileError if the file as a whole is unusable."""
    result = ResponseRead()
    data = parse_json(text, MAX_DEPTH)
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ResponseFileError("has no 'answers' object")
    exam = data.get("exam")
    if exam_id is not None and exam not in (None, exam_id):
        result.problems.append(f"{name}: belongs to exam {_short(exam)}, not {exam_id!r}; its answers were ignored")
        return result
    for key in sorted(set(data) - TOP_LEVEL, key=str)[:5]:
        result.problems.append(f"{name}: unexpected field {_short(key)} was ignored")
    if data.get("format", FORMAT) != FORMAT:
        result.problems.append(f"{name}: format {_short(data.get('format'))} is not {FORMAT}; read as format {FORMAT}")
    learner = data.get("learner", "")
    result.learner = learner if isinstance(learner, str) and len(learner) <= MAX_TEXT else ""
    form = data.get("form", {})
    if isinstance(form, dict) and len(form) <= MAX_ANSWERS:
        result.form = {s: i for s, i in form.items()
                       if len(s) <= MAX_TEXT and isinstance(i, str) and len(i) <= MAX_TEXT}
    order = data.get("order", {})
    if isinstance(order, dict):
        result.order = {q: o for q, o in order.items()
                        if isinstance(o, list) and len(o) <= MAX_LIST and all(isinstance(k, str) for k in o)}
    answers = data["answers"]
    if len(answers) > MAX_ANSWERS:
        raise ResponseFileError(f"holds {len(answers)} answers, over the limit of {MAX_ANSWERS}")
    for qid, entry in answers.items():
        value = entry.get("value") if isinstance(entry, dict) else None
        if len(qid) > MAX_TEXT or not isinstance(entry, dict) or not valid_value(value):
            result.problems.append(f"{name}: answer to {_short(qid)} is unreadable and counts as unanswered")
            continue
        result.answers[qid] = value
        saved = entry.get("saved_at", "")
        result.saved_at[qid] = saved if isinstance(saved, str) and len(saved) <= MAX_TEXT else ""
    return result


def _read_one(path: Path, exam_id: str | None) -> ResponseRead:
    text = read_capped(path, MAX_BYTES)
    if not text.strip():
        return ResponseRead(problems=[f"{path.name}: the response file is empty: every question counts as unanswered"])
    return _parse(text, path.name, exam_id)


def read_responses(path: str | Path, exam_id: str | None = None) -> ResponseRead:
    """Read a response file; never raises for a missing, empty, damaged or hostile file."""
    path = Path(path)
    if not os.path.lexists(path):
        return ResponseRead(problems=[f"{path.name}: no response file yet: no question has been answered"])
    try:
        return _read_one(path, exam_id)
    except ResponseFileError as exc:
        message = f"{path.name}: the response file is damaged: it {exc}"
    backup = backup_path(path)
    if os.path.lexists(backup):
        try:
            result = _read_one(backup, exam_id)
        except ResponseFileError as exc:
            message += f"; its backup {backup.name} {exc}"
        else:
            if not result.answers and result.problems:  # an empty backup: nothing to recover
                result.problems = []
            result.recovered_from_backup = True
            result.problems.insert(0, f"{message}; {len(result.answers)} answer(s) recovered from {backup.name}")
            return result
    return ResponseRead(problems=[f"{message}; no answer could be recovered, every question counts as unanswered"])


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_responses(path: str | Path, exam_id: str, answers: dict[str, Any],
                    saved_at: dict[str, str], content_version: str = "", *,
                    order: dict[str, list[str]] | None = None, learner: str = "",
                    form: dict[str, str] | None = None) -> Path:
    """Save all answers atomically, keeping the previous good file as ``.bak``.

    A file that does not parse is never overwritten: it is first kept as
    ``<name>.damaged-<timestamp>`` so nothing a learner wrote is lost.
    """
    path = Path(path)
    if path.exists():
        try:
            parse_json(read_capped(path, MAX_BYTES), MAX_DEPTH)
        except ResponseFileError:
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            shutil.copy2(path, path.with_name(f"{path.name}.damaged-{stamp}"))
        else:
            shutil.copy2(path, backup_path(path))
    data: dict[str, Any] = {
        "format": FORMAT,
        "exam": exam_id,
        "content_version": content_version,
        "answers": {qid: {"value": answers[qid], "saved_at": saved_at.get(qid, "")}
                    for qid in sorted(answers)},
    }
    if learner:
        data["learner"] = learner
    if form:
        data["form"] = dict(form)
    if order:
        data["order"] = {qid: list(order[qid]) for qid in sorted(order)}
    return atomic_write_json(path, data)


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
