"""Fixtures for the exam pipeline: a temporary copy of the fixture course and of autograder/."""
from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def course_in_use(tmp: Path, fixture: Path = FIXTURE, **env: str | None) -> Iterator[tuple[Path, AutograderDir]]:
    """A copy of ``fixture`` (:func:`make_course_copy`) that ``load_course()`` reads while the block runs.

    ``COURSE_DATA`` points at the copy, and each keyword sets (a string) or removes (None) one more
    environment variable; on leaving, the environment is as it was and the course cache is empty again.
    A context manager rather than a fixture, so that module-scoped fixtures (which cannot use
    ``monkeypatch``) share it with function-scoped tests."""
    data, ag = make_course_copy(tmp, fixture)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_DATA", str(data))
        for name, value in env.items():
            if value is None:
                mp.delenv(name, raising=False)
            else:
                mp.setenv(name, value)
        load_course.cache_clear()
        try:
            yield data, ag
        finally:
            load_course.cache_clear()


@pytest.fixture
def course_copy(tmp_path, request):
    """:func:`course_in_use` for one test: the fixture course, or the one given by
    ``@pytest.mark.parametrize("course_copy", [...], indirect=True)``."""
    with course_in_use(tmp_path, getattr(request, "param", FIXTURE)) as copy:
        yield copy
