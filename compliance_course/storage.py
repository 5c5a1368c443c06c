"""Small JSON files written atomically.

A write goes to a temporary file in the same folder, is flushed to disk, and
then replaces the target in one step (``os.replace``), so a crash mid-save
leaves the previous file intact.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def atomic_write_json(path: str | Path, data: Any, *, mode: int | None = None) -> Path:
    """Write ``data`` as JSON to ``path`` atomically and return the path.

    ``mode`` (e.g. ``0o644``) sets the file's permissions before it is renamed into
    place; by default the file keeps the private mode of a temporary file (0600).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True, default=str)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
