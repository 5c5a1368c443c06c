"""Files and folders only the instructor can read: created 0600/0700 from the first byte.

Everything the grading side writes about learners (the certificate key and registry,
collected submissions) goes through these helpers, whatever the umask.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: str | Path) -> Path:
    """``path`` and its missing parents, created 0700; an existing folder is set to 0700."""
    path = Path(path)
    for parent in reversed([path, *path.parents]):
        if not parent.exists():
            try:
                parent.mkdir(mode=DIR_MODE)
            except FileExistsError:
                pass
    path.chmod(DIR_MODE)
    return path


def create_exclusive(path: str | Path, data: bytes) -> None:
    """Write a NEW file, 0600 from the moment it exists; FileExistsError if it is already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a 0600 temporary file beside it, then rename.

    A reader sees the old content or the new, never half of it; a killed run leaves the
    old file (and at most a ``.tmp`` file, also 0600).
    """
    path = Path(path)
    if not path.parent.exists():
        private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
