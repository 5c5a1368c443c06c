"""Release exams (nbgrader exchange or one zip per exam) and collect them back."""
from __future__ import annotations

import zipfile
from pathlib import Path

from .collect import CollectReport
from .course import AutograderDir, NbgraderError, use_nbgrader_env

ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed, so the same release gives the same zip


def nbgrader_api(ag: AutograderDir):
    """nbgrader's Python API on this course directory, with its nbgrader_config.py."""
    use_nbgrader_env()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ag.root)).load_config()
    config.CourseDirectory.root = str(ag.root)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        tail = "\n".join((result.get("error") or result.get("log") or "").strip().splitlines()[-12:])
        raise NbgraderError(f"{what} failed:\n{tail}")


def generate(ag: AutograderDir, exams: list[str]) -> None:
    """``nbgrader generate_assignment`` for each exam: the student version under release/."""
    api = nbgrader_api(ag)
    for exam in exams:
        for stray in sorted((ag.source / exam).glob("*.responses.json*")):
            stray.unlink()  # would be released, and copied over every learner's answers when marking
        _check(api.generate_assignment(exam, force=True, create=True), f"generate_assignment {exam}")


def make_zip(ag: AutograderDir, exam: str) -> Path:
    """release/<exam>.zip holding the folder <exam>/ with the released notebook (for email or an LMS)."""
    folder = ag.release / exam
    if not folder.is_dir():
        raise NbgraderError(f"{folder}: not generated yet; run the release step first")
    target = ag.release / f"{exam}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{exam}/{path.relative_to(folder).as_posix()}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return target


def release(ag: AutograderDir, exams: list[str], *, exchange: bool = False, zips: bool = True) -> list[Path]:
    """Generate the student versions; then zip each and/or release it to the nbgrader exchange."""
    generate(ag, exams)
    made = [make_zip(ag, e) for e in exams] if zips else []
    if exchange:
        api = nbgrader_api(ag)
        for exam in exams:
            api.unrelease(exam)  # releasing again replaces the previous release
            _check(api.release_assignment(exam), f"release_assignment {exam}")
    return made


def collect_exchange(ag: AutograderDir, exams: list[str]) -> CollectReport:
    """Collect from the nbgrader exchange in the learners' own names only (see :mod:`.exchange`)."""
    from .exchange import collect_exchange_inbound

    return collect_exchange_inbound(ag, exams)


def collect_zip_report(ag: AutograderDir, exam: str, folder: str | Path, *, replace: bool = False) -> CollectReport:
    """Collect returned zips (``<student_id>.zip``) from ``folder`` (see :mod:`.zips`)."""
    from .zips import collect_zip_inbox

    folder = Path(folder)
    if not folder.is_dir():
        raise NbgraderError(f"{folder}: no such folder of returned zips")
    if not any(p.suffix.lower() == ".zip" for p in folder.iterdir()):
        raise NbgraderError(f"{folder}: no .zip files to collect")
    return collect_zip_inbox(ag, exam, folder, replace=replace)


def collect_zips(ag: AutograderDir, exam: str, folder: str | Path) -> list[str]:
    """The students collected from ``folder`` (problems: use :func:`collect_zip_report`)."""
    return collect_zip_report(ag, exam, folder).students
