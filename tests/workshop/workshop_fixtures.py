"""Fixtures for the workshop tests: a small course with scenarios, lessons and workshop.yaml.

Imported by each test module (not a conftest.py, so the top-level tests/conftest.py stays the only
module named ``conftest``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def workshop_data(tmp_path_factory, monkeypatch):
    """A copy of tests/fixtures/course_data_workshop, made the course the package loads."""
    from compliance_course.data import load_course
    target = tmp_path_factory.mktemp("workshop") / "course_data"  # keeps the test's tmp_path empty
    shutil.copytree(FIXTURES / "course_data_workshop", target)
    monkeypatch.setenv("COURSE_DATA", str(target))
    load_course.cache_clear()
    yield target
    load_course.cache_clear()


@pytest.fixture
def demo_course(workshop_data):
    from compliance_course.data import load_course
    return load_course()
