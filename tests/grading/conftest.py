"""Fixtures for the exam pipeline: a temporary copy of the fixture course and of autograder/."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from compliance_course.data import load_course
from compliance_course.grading.course import AutograderDir

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "exam_course"
#: the same course with three parallel items in every slot, for the exam-form tests
FORMS_FIXTURE = REPO / "tests" / "fixtures" / "exam_forms_course"


def released_texts(release_dir: Path) -> dict[str, str]:
    """Every released file's text, including each file inside the per-exam zips, by where it was found."""
    texts = {}
    for path in release_dir.rglob("*"):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                texts.update({f"{path.name}:{n}": zf.read(n).decode() for n in zf.namelist()})
        elif path.is_file():
            texts[str(path)] = path.read_text()
    return texts


def make_course_copy(tmp: Path, fixture: Path = FIXTURE) -> tuple[Path, AutograderDir]:
    data = tmp / "course_data"
    shutil.copytree(fixture, data)
    root = tmp / "autograder"
    root.mkdir()
    shutil.copy2(REPO / "autograder" / "nbgrader_config.py", root / "nbgrader_config.py")
    return data, AutograderDir.at(root)


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    data, ag = make_course_copy(tmp_path)
    monkeypatch.setenv("COURSE_DATA", str(data))
    load_course.cache_clear()
    yield data, ag
    load_course.cache_clear()
