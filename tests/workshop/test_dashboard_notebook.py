"""Is the committed dashboard notebook the generated one, clean, and outside the module notebooks?"""
from __future__ import annotations

import json

import nbformat

from compliance_course.workshop.notebook import PATH, dashboard_notebook


def test_committed_notebook_is_the_generated_one():
    """Would `python -m compliance_course.workshop.notebook` leave the committed file unchanged?"""
    assert nbformat.read(PATH, as_version=4) == dashboard_notebook()


def test_committed_without_outputs():
    cells = json.loads(PATH.read_text())["cells"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells if c["cell_type"] == "code")


def test_it_lives_in_a_subfolder_so_it_is_not_taken_for_a_module():
    assert PATH.parent.name == "workshop" and PATH.parent.parent.name == "notebooks"
