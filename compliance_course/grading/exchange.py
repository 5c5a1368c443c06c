"""Collect submissions from the nbgrader exchange, in project code.

The exchange's inbound folder is writable by every learner, and nbgrader takes the student
id and the time from the *name* of each submission folder
(``<student>+<exam>+<timestamp>[+<random>]``); its own collect only logs a warning
("cheating attempt?") when the folder belongs to someone else, and copies links as the
files they point to. Here:

- a folder is accepted only if its owner (the login that wrote it) is the student it
  names; otherwise it is refused and reported with both names, and the other learners'
  submissions are still collected;
- links and anything that is not a regular file or folder are refused and named, never
  followed; files owned by anyone but the student are refused too;
- the newest submission is the one the server saw change last (the folders' and files'
  ``ctime``, which no learner can set), and that time goes into ``timestamp.txt``;
  the learner's own ``timestamp.txt`` and the date in the folder name are ignored;
- a newer submission by the same learner replaces the one collected before, as nbgrader's
  ``collect --update`` does; an older or identical one is left alone.
"""
from __future__ import annotations

import datetime as dt
import os
import pwd
import stat
from pathlib import Path

from .collect import CollectReport, Limits, check_student_id, place_submission, read_regular, read_timestamp
from .course import AutograderDir, NbgraderError

LEARNER_TIMESTAMP = "timestamp.txt"


def exchange_inbound(ag: AutograderDir) -> Path:
    """``<Exchange.root>/<course id>/inbound`` from the course's nbgrader_config.py."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ag.root)).load_config()
    root = config.Exchange.root if "root" in config.Exchange else "/srv/nbgrader/exchange"
    course = config.CourseDirectory.course_id if "course_id" in config.CourseDirectory else ""
    if not course:
        raise NbgraderError(f"{ag.root / 'nbgrader_config.py'}: no CourseDirectory.course_id set")
    return Path(root) / course / "inbound"


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _parse(name: str) -> tuple[str, str] | None:
    """(student, exam) from nbgrader's folder name, or None if it is not one."""
    parts = name.rsplit("+", 3)
    if len(parts) == 4 and "+" not in parts[0]:
        return parts[0], parts[1]
    parts = name.rsplit("+", 2)
    return (parts[0], parts[1]) if len(parts) == 3 else None


def _read_folder(folder: Path, uid: int, label: str, student: str, report: CollectReport,
                 limits: Limits) -> tuple[dict[str, bytes], float] | None:
    """The regular files under ``folder`` (relative name -> bytes) and the newest ctime seen.

    Links, special files and files owned by another uid are refused and reported; a
    submission over the size caps is refused as a whole (None).
    """
    files: dict[str, bytes] = {}
    newest = os.lstat(folder).st_ctime
    total = 0
    stack = [Path()]
    while stack:
        rel = stack.pop()
        with os.scandir(folder / rel) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            name = (rel / entry.name).as_posix()
            st = entry.stat(follow_symlinks=False)
            newest = max(newest, st.st_ctime)
            if stat.S_ISLNK(st.st_mode):
                report.problem(f"{label}/{name}", student, "a symbolic link: refused, not followed")
            elif st.st_uid != uid:
                report.problem(f"{label}/{name}", student, f"owned by {_owner(st.st_uid)}, not by {student}: refused")
            elif stat.S_ISDIR(st.st_mode):
                stack.append(rel / entry.name)
            elif not stat.S_ISREG(st.st_mode):
                report.problem(f"{label}/{name}", student, "not a regular file: refused")
            elif rel == Path() and entry.name == LEARNER_TIMESTAMP:
                continue  # the learner's clock; collection records its own
            else:
                if len(files) >= limits.files:
                    report.problem(label, student, f"more than {limits.files} files: refused")
                    return None
                try:
                    data = read_regular(folder / name, limits.file_bytes)
                except (OSError, ValueError) as exc:
                    report.problem(f"{label}/{name}", student, f"not collected: {exc}")
                    continue
                total += len(data)
                if total > limits.total_bytes:
                    report.problem(label, student, f"more than {limits.total_bytes // (1024 * 1024)} MB in all: refused")
                    return None
                files[name] = data
    return files, newest


def collect_exchange_inbound(ag: AutograderDir, exams: list[str], inbound: str | Path | None = None, *,
                             limits: Limits = Limits()) -> CollectReport:
    """Collect the newest genuine submission of each learner for each of ``exams``."""
    inbound = Path(inbound) if inbound else exchange_inbound(ag)
    if not inbound.is_dir():
        raise NbgraderError(f"{inbound}: no exchange inbound folder (has anything been released?)")
    report = CollectReport()
    wanted = set(exams)
    newest: dict[tuple[str, str], tuple[float, str, dict[str, bytes]]] = {}
    for entry in sorted(os.scandir(inbound), key=lambda e: e.name):
        parsed = _parse(entry.name)
        if parsed is None or parsed[1] not in wanted:
            continue
        student, exam = parsed
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(st.st_mode):
            report.problem(entry.name, student, "a symbolic link: refused, not followed")
            continue
        if not stat.S_ISDIR(st.st_mode):
            report.problem(entry.name, student, "not a folder: refused")
            continue
        owner = _owner(st.st_uid)
        if owner != student:
            report.problem(entry.name, student, f"claims to be submitted by {student} but is owned by {owner}: "
                                                "refused (another login's folder)")
            continue
        why = check_student_id(student)
        if why:
            report.problem(entry.name, student, f"{why}: refused")
            continue
        read = _read_folder(Path(entry.path), st.st_uid, entry.name, student, report, limits)
        if read is None:
            continue
        files, changed = read
        if (student, exam) not in newest or changed > newest[(student, exam)][0]:
            newest[(student, exam)] = (changed, entry.name, files)
    for (student, exam), (changed, name, files) in sorted(newest.items()):
        received = dt.datetime.fromtimestamp(changed, dt.timezone.utc)
        dest = ag.submitted / student / exam
        before = read_timestamp(dest)
        if before is not None and received <= before:
            continue  # no newer submission
        place_submission(ag, student, exam, files, received)
        report.collected.append(student)
        if before is not None:
            report.note(name, student, f"newer submission: replaced the one received {before:%Y-%m-%d %H:%M:%S} UTC")
    return report
