"""Shared fixtures. Mirrors the package: tests/data, tests/quiz, tests/decisions, ..."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Fixture notebooks and course folders are inputs to tests, not tests themselves.
collect_ignore = ["fixtures"]

# Learner progress written while notebooks run under nbval must not touch the real home folder.
# Set before any kernel starts, so kernels inherit it.
_progress_home = tempfile.mkdtemp(prefix="cc-progress-")
os.environ["COMPLIANCE_COURSE_HOME"] = _progress_home


@pytest.fixture(autouse=True)
def _isolated_progress(tmp_path, monkeypatch):
    """Each test gets its own empty progress store."""
    monkeypatch.setenv("COMPLIANCE_COURSE_HOME", str(tmp_path / "progress-home"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def course():
    """The real course content with the exam bank the instructor commands use, validated."""
    from compliance_course.data import load_course
    from compliance_course.grading.bank import bank_path
    return load_course(ROOT / "course_data", bank=bank_path(data=ROOT / "course_data"))


@pytest.fixture
def mini_course(tmp_path) -> Path:
    """A copy of a tiny valid course_data folder that a test may break on purpose."""
    target = tmp_path / "course_data"
    shutil.copytree(FIXTURES / "course_data_min", target)
    return target


@pytest.fixture
def python_bin() -> str:
    return sys.executable


def notebook_of(cells: list[tuple[str, str]]):
    """A notebook of (kind, text) cells for lesson tests: "md", "code", "hidden" (code whose input
    starts collapsed) or "collapsed" (a heading whose section starts folded)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    for kind, text in cells:
        if kind in ("md", "collapsed"):
            cell = nbformat.v4.new_markdown_cell(text)
            if kind == "collapsed":
                cell.metadata["jp-MarkdownHeadingCollapsed"] = True
        else:
            cell = nbformat.v4.new_code_cell(text)
            if kind == "hidden":
                cell.metadata["jupyter"] = {"source_hidden": True}
        nb.cells.append(cell)
    return nb
