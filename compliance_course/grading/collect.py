"""Collecting submissions into ``submitted/<student>/<exam>/``, shared by the exchange and zip collectors.

Rules every collector follows (security review 2026-11, findings 4, 5, 11, 16, 20):

- a submission is accepted only for an identity the collector can vouch for (the owner
  of the exchange folder; the name of the zip the instructor saved) and a usable student id;
- only regular files are read, opened without following links; links, devices and
  anything else are refused and named;
- sizes are capped (per file, per submission, number of files);
- the time recorded in ``timestamp.txt`` (nbgrader's format, which autograde stores in the
  gradebook) comes from the instructor's side, never from a date the learner wrote;
- everything written is instructor-only (folders 0700, files 0600), and a submission
  appears in one step (staged beside it, then renamed);
- every refusal is one line naming the file and the student; the batch goes on.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..storage import FileTooLarge, NotARegularFile, read_regular_file
from .course import AutograderDir
from .private import DIR_MODE, FILE_MODE, private_dir

#: nbgrader's ``Exchange.timestamp_format``; autograde parses timestamp.txt with it.
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"
#: A student id: ASCII letters, digits, ``.``, ``_``, ``-`` (no spaces, no ``+``, nothing a
#: spreadsheet or a web page would interpret), starting with a letter or digit.
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size caps for one submission (defaults fit an exam notebook with outputs many times over)."""

    archive_bytes: int = 20 * MB   # a zip as stored
    file_bytes: int = 10 * MB      # one file, uncompressed
    total_bytes: int = 20 * MB     # all files of one submission, uncompressed
    files: int = 50                # entries in a zip, or files in an exchange folder


@dataclass
class CollectReport:
    """What a collect did: submissions collected, and one line per problem or note."""

    collected: list[str] = field(default_factory=list)   # "student" per submission written
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (file, student, reason)
    notes: list[tuple[str, str, str]] = field(default_factory=list)     # (file, student, what)

    def problem(self, file: str, student: str, reason: str) -> None:
        self.problems.append((file, student or "?", reason))

    def note(self, file: str, student: str, what: str) -> None:
        self.notes.append((file, student or "?", what))

    @property
    def students(self) -> list[str]:
        return sorted(set(self.collected))

    def lines(self) -> list[str]:
        return ([f"PROBLEM {f} ({s}): {r}" for f, s, r in self.problems]
                + [f"NOTE {f} ({s}): {w}" for f, s, w in self.notes])


def check_student_id(student: str) -> str | None:
    """None if ``student`` is a usable id, else why not."""
    if STUDENT_ID.fullmatch(student):
        return None
    return (f"{student!r} is not a usable student id (ASCII letters, digits, '.', '_', '-'; "
            "at most 64; starting with a letter or digit)")


def nbgrader_timestamp(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime(TIMESTAMP_FORMAT)


def read_timestamp(folder: Path) -> dt.datetime | None:
    """The collection time recorded in ``folder/timestamp.txt``, or None."""
    try:
        text = (folder / "timestamp.txt").read_text(encoding="utf-8").strip()
        return dt.datetime.strptime(text, TIMESTAMP_FORMAT).replace(tzinfo=dt.timezone.utc)
    except (OSError, ValueError):
        return None


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file, never through a link; OSError/ValueError say why not
    (:func:`compliance_course.storage.read_regular_file`, with the collector's wording)."""
    try:
        return read_regular_file(path, limit)
    except NotARegularFile:
        raise ValueError("not a regular file") from None
    except FileTooLarge as exc:
        if exc.size is None:
            raise ValueError(f"more than {limit / MB:g} MB; the limit per file") from None
        raise ValueError(f"{exc.size / MB:.1f} MB; the limit is {limit / MB:g} MB per file") from None


def place_submission(ag: AutograderDir, student: str, exam: str, files: dict[str, bytes],
                     received: dt.datetime) -> Path:
    """Write ``files`` (relative name -> bytes) as ``submitted/<student>/<exam>/`` in one step.

    Adds ``timestamp.txt`` with ``received`` (nbgrader's format). A submission already there
    is replaced; callers decide whether that is allowed.
    """
    parent = private_dir(ag.submitted / student)
    private_dir(ag.submitted)
    stage = Path(tempfile.mkdtemp(prefix=f".{exam}.", suffix=".collecting", dir=parent))  # 0700
    try:
        for name, data in {**files, "timestamp.txt": (nbgrader_timestamp(received) + "\n").encode()}.items():
            target = stage / name
            if target.parent != stage:
                target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        dest = parent / exam
        if dest.exists() or dest.is_symlink():
            old = parent / f".{exam}.replaced"
            shutil.rmtree(old, ignore_errors=True)
            os.replace(dest, old)
            os.replace(stage, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(stage, dest)
        return dest
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_problems_csv(ag: AutograderDir, report: CollectReport, how: str) -> Path:
    """reports/collect-problems.csv: this collect's problems and notes, one row each (0600)."""
    path = private_dir(ag.reports) / "collect-problems.csv"
    fd, tmp = tempfile.mkstemp(prefix=".collect-problems.", dir=path.parent)
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["collect", "kind", "file", "student", "what"])
        for kind, rows in (("problem", report.problems), ("note", report.notes)):
            for file, student, what in rows:
                out.writerow([how, kind, _cell(file), _cell(student), _cell(what)])
    os.replace(tmp, path)
    return path
