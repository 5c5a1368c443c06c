"""Small JSON files written atomically, and capped reads of files a learner supplies.

A write goes to a temporary file in the same folder, is flushed to disk, and
then replaces the target in one step (``os.replace``), so a crash mid-save
leaves the previous file intact.
"""
from __future__ import annotations

import json
import os
import stat
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


class NotARegularFile(ValueError):
    """The path is a directory, a FIFO, a device...: not read."""


class FileTooLarge(ValueError):
    """Over the cap. ``size`` is the size on disk, or None when the file grew past the cap while read."""

    def __init__(self, size: int | None):
        super().__init__(size)
        self.size = size


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, never through a link.

    Opened with O_NOFOLLOW (a link fails with OSError) and O_NONBLOCK (a FIFO cannot hang the
    reader), then checked on the open descriptor, so the file cannot be swapped between the check
    and the read. Raises OSError (cannot be opened), NotARegularFile or FileTooLarge.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(str(path))
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(None)
    return data
