"""Learner progress: a small local record of finished practice sets.

Stored as JSON under ``~/.compliance_course/progress.json``; set the
environment variable ``COMPLIANCE_COURSE_HOME`` to keep it elsewhere.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported on first use: a kernel that never shows progress skips it
    import pandas as pd

from .storage import atomic_write_json

COLUMNS = ["module", "score", "total", "percent", "finished_at"]

# Called with each new row after it is saved (the progress chart redraws itself).
_listeners: list[Callable[[dict], None]] = []


def on_record(listener: Callable[[dict], None]) -> None:
    """Call ``listener(row)`` after every ``record``, in this kernel."""
    _listeners.append(listener)


def off_record(listener: Callable[[dict], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def progress_path() -> Path:
    home = os.environ.get("COMPLIANCE_COURSE_HOME")
    base = Path(home) if home else Path.home() / ".compliance_course"
    return base / "progress.json"


def _read() -> list[dict]:
    path = progress_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        # Keep the damaged file for inspection and start a fresh record.
        path.replace(path.with_name(path.name + ".damaged"))
        return []
    return [r for r in data.get("records", []) if isinstance(r, dict)] if isinstance(data, dict) else []


def record(module: str, score: int, total: int, when: dt.datetime | None = None) -> dict:
    """Add one finished practice set to the local record and return the row."""
    if total <= 0 or not 0 <= score <= total:
        raise ValueError(f"score must be between 0 and total (> 0); got {score} of {total}")
    when = when or dt.datetime.now(dt.timezone.utc)
    row = {"module": module, "score": score, "total": total,
           "percent": round(100 * score / total, 1), "finished_at": when.isoformat(timespec="seconds")}
    atomic_write_json(progress_path(), {"records": _read() + [row]})
    for listener in list(_listeners):
        listener(row)
    return row


def history() -> pd.DataFrame:
    """Every recorded practice set, oldest first."""
    import pandas as pd
    return pd.DataFrame(_read(), columns=COLUMNS)


def best_by_module() -> pd.DataFrame:
    """Best percentage and number of attempts per module."""
    import pandas as pd
    frame = history()
    if frame.empty:
        return pd.DataFrame(columns=["module", "best_percent", "attempts"])
    grouped = frame.groupby("module", sort=False)["percent"]
    return pd.DataFrame({"best_percent": grouped.max(), "attempts": grouped.size()}).reset_index()
