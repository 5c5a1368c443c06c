"""Collect returned zips (``<student id>.zip``) from an inbox folder, in project code.

Each zip fills only its own learner's folder, ``submitted/<student>/<exam>/``, and only
with the two files of a submission: ``<exam>.ipynb`` and ``<exam>.responses.json``, found
at the top of the zip or inside one folder (a browser's `` (1)`` before the extension is
accepted, with a note). Nothing is extracted by name: each of the two files is read from
the archive with a size cap and written under a name this module chooses.

Refused, with one line naming the zip and the student, and the rest of the inbox collected:
a zip name that is not a usable student id (spaces, non-ASCII letters, ...), a zip that
cannot be read, too big, too many entries, an entry with an absolute path, ``..``, a
symbolic link, an archive inside the archive, an encrypted entry, two copies of a
submission file, two zips for one learner, and a learner who already has a different
submission (unless ``replace``). Other entries (another folder's files, ``__MACOSX/``,
checkpoints) are ignored and noted.

The time recorded for the submission is the zip's modification time in the inbox (when the
instructor saved it), never a date inside the zip.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .collect import MB, CollectReport, Limits, check_student_id, place_submission, read_timestamp
from .course import AutograderDir

NESTED = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".tbz", ".xz", ".txz", ".7z", ".rar", ".jar", ".zst",
          ".lz", ".lzma", ".z", ".cab", ".whl", ".egg", ".war", ".iso")
MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c",
         b"Rar!\x1a\x07", b"\x28\xb5\x2f\xfd")
NOISE_DIRS = {"__MACOSX", ".ipynb_checkpoints"}
NOISE_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}
COPY_SUFFIX = re.compile(r"(?P<stem>.*?) ?\((?P<n>\d{1,3})\)")


def student_of(zip_name: str) -> tuple[str, str | None, str | None]:
    """(student, note, problem) for an inbox file name ending in .zip in any case."""
    stem = zip_name[:-4]
    note = None
    m = COPY_SUFFIX.fullmatch(stem)
    if m and m["stem"]:
        note = f"the copy number '({m['n']})' in the name was dropped: collected as {m['stem']!r}"
        stem = m["stem"]
    why = check_student_id(stem)
    if why:
        return stem, None, f"{why}: rename the zip to <student id>.zip and collect again"
    return stem, note, None


@dataclass
class _Plan:
    files: dict[str, zipfile.ZipInfo]   # target name in the submission -> entry
    refusals: list[str]
    ignored: list[str]
    notes: list[str]


def _submission_name(base: str, exam: str) -> tuple[str, bool] | None:
    """(target name, exact) if ``base`` is one of the exam's two submission files."""
    for suffix in (".ipynb", ".responses.json"):
        if base == exam + suffix:
            return base, True
        m = re.fullmatch(re.escape(exam) + r" \(\d{1,3}\)" + re.escape(suffix), base)
        if m:
            return exam + suffix, False
    return None


def _plan(zf: zipfile.ZipFile, exam: str, limits: Limits) -> _Plan:
    plan = _Plan({}, [], [], [])
    infos = zf.infolist()
    if len(infos) > limits.files:
        plan.refusals.append(f"{len(infos)} entries; the limit is {limits.files}")
        return plan
    declared = sum(i.file_size for i in infos)
    if declared > limits.total_bytes:
        plan.refusals.append(f"{declared / MB:.1f} MB uncompressed; the limit is {limits.total_bytes / MB:g} MB")
        return plan
    candidates: dict[str, list[tuple[bool, int, zipfile.ZipInfo]]] = {}
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").rstrip("/").split("/")
        if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
            plan.refusals.append(f"entry {name!r} has an absolute path")
            continue
        if ".." in parts:
            plan.refusals.append(f"entry {name!r} points outside the zip ('..')")
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            plan.refusals.append(f"entry {name!r} is a symbolic link")
            continue
        if info.is_dir():
            continue
        base = parts[-1]
        if NOISE_DIRS & set(parts[:-1]) or base in NOISE_FILES or base.startswith("._"):
            plan.ignored.append(name)
            continue
        if base.lower().endswith(NESTED):
            plan.refusals.append(f"entry {name!r} is an archive inside the archive; nested archives are not unpacked")
            continue
        if info.flag_bits & 0x1:
            plan.refusals.append(f"entry {name!r} is encrypted")
            continue
        if info.file_size > limits.file_bytes:
            plan.refusals.append(f"entry {name!r} is {info.file_size / MB:.1f} MB uncompressed; "
                                 f"the limit is {limits.file_bytes / MB:g} MB per file")
            continue
        target = _submission_name(base, exam)
        if target is None or len(parts) > 2:
            plan.ignored.append(name)
            continue
        candidates.setdefault(target[0], []).append((target[1], len(parts), info))
    for target, found in sorted(candidates.items()):
        exact = [f for f in found if f[0]] or found
        if len(exact) > 1:
            plan.refusals.append(f"{len(exact)} copies of {target}: "
                                 + ", ".join(repr(f[2].filename) for f in exact) + "; keep one")
            continue
        info = exact[0][2]
        if not exact[0][0]:
            plan.notes.append(f"{info.filename!r} taken as {target}")
        for extra in found:
            if extra[2] is not info:
                plan.ignored.append(extra[2].filename)
        plan.files[target] = info
    if not plan.files and not plan.refusals:
        plan.refusals.append(f"no {exam}.ipynb or {exam}.responses.json in it (at the top or in one folder)")
    return plan


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with zf.open(info) as fh:
        data = fh.read(limit + 1)  # zipfile stops at the declared size and checks the CRC
    if len(data) > limit:
        raise ValueError(f"entry {info.filename!r} is over {limit / MB:g} MB uncompressed")
    if data.startswith(MAGIC):
        raise ValueError(f"entry {info.filename!r} holds an archive; nested archives are not unpacked")
    return data


def _existing(folder: Path) -> dict[str, bytes] | None:
    """The files of a submission already collected (without timestamp.txt), or None."""
    if not folder.is_dir():
        return None
    out = {}
    for path in folder.iterdir():
        if path.name != "timestamp.txt" and path.is_file() and not path.is_symlink():
            out[path.name] = path.read_bytes()
    return out


def _inbox_entries(folder: Path, report: CollectReport) -> dict[str, list[tuple[str, os.DirEntry]]]:
    """Zips of the inbox grouped by student; everything else reported."""
    by_student: dict[str, list[tuple[str, os.DirEntry]]] = {}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = entry.name
        if entry.is_symlink():
            report.problem(name, "?", "a symbolic link, not a zip: not followed, not collected")
        elif entry.is_dir(follow_symlinks=False):
            report.note(name, "?", "a folder: skipped (collect reads only zips)")
        elif not name.lower().endswith(".zip"):
            if name.startswith(".") or name in NOISE_FILES:
                report.note(name, "?", "not a zip: skipped")
            else:
                report.problem(name, "?", "not a .zip file: not collected")
        else:
            student, note, problem = student_of(name)
            if problem:
                report.problem(name, student, problem)
                continue
            if note:
                report.note(name, student, note)
            by_student.setdefault(student, []).append((name, entry))
    return by_student


def collect_zip_inbox(ag: AutograderDir, exam: str, folder: str | Path, *, replace: bool = False,
                      limits: Limits = Limits()) -> CollectReport:
    """Collect every ``<student>.zip`` in ``folder`` for ``exam``; see the module docstring."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of returned zips")
    report = CollectReport()
    for student, zips in sorted(_inbox_entries(folder, report).items()):
        if len(zips) > 1:
            names = ", ".join(n for n, _ in zips)
            for name, _ in zips:
                report.problem(name, student, f"one of {len(zips)} zips for {student} ({names}): none of them "
                                              "collected; keep the right one in the inbox and collect again")
            continue
        name, entry = zips[0]
        try:
            _collect_one(ag, exam, student, folder / name, entry.stat(follow_symlinks=False), report,
                         replace=replace, limits=limits)
        except (OSError, ValueError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError,
                RuntimeError, EOFError, zlib.error) as exc:
            report.problem(name, student, f"cannot be read as a zip: {exc}")
    return report


def _collect_one(ag: AutograderDir, exam: str, student: str, path: Path, st: os.stat_result,
                 report: CollectReport, *, replace: bool, limits: Limits) -> None:
    name = path.name
    if st.st_size > limits.archive_bytes:
        report.problem(name, student, f"the zip is {st.st_size / MB:.1f} MB; the limit is "
                                      f"{limits.archive_bytes / MB:g} MB")
        return
    with zipfile.ZipFile(path) as zf:
        plan = _plan(zf, exam, limits)
        if plan.refusals:
            report.problem(name, student, "refused: " + "; ".join(plan.refusals))
            return
        files = {target: _read(zf, info, limits.file_bytes) for target, info in plan.files.items()}
    for what in plan.notes:
        report.note(name, student, what)
    if plan.ignored:
        shown = ", ".join(repr(n) for n in plan.ignored[:5]) + (" ..." if len(plan.ignored) > 5 else "")
        report.note(name, student, f"not part of the submission, ignored: {shown}")
    dest = ag.submitted / student / exam
    existing = _existing(dest)
    if existing is not None and existing == files:
        report.note(name, student, "already collected, unchanged")
        return
    received = dt.datetime.fromtimestamp(st.st_mtime, dt.timezone.utc)
    if existing is not None:
        when = read_timestamp(dest)
        since = f" (collected, timestamp {when:%Y-%m-%d %H:%M} UTC)" if when else ""
        if not replace:
            report.problem(name, student, f"{student} already has a different submission for {exam}{since}; "
                                          "not replaced: collect with --replace to take this zip instead")
            return
        report.note(name, student, f"replaced the earlier submission{since}")
    place_submission(ag, student, exam, files, received)
    report.collected.append(student)
