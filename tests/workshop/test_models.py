"""Is workshop.yaml validated with errors that name the file and the field?"""
from __future__ import annotations

import pytest
import yaml

from compliance_course.errors import CourseDataError
from compliance_course.workshop.models import load_workshop

from workshop_fixtures import ROOT, demo_course, workshop_data  # noqa: F401  (fixtures)


def test_the_real_workshop_file_is_valid():
    data = load_workshop(ROOT / "course_data")
    assert data.group_size == (5, 30)
    assert data.room_disagrees


def test_fixture_workshop_file_loads(workshop_data):
    assert load_workshop().modules["demo"].audience == "The demo team."


def _edit(root, change):
    path = root / "workshop.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))


def test_a_module_not_in_the_course_is_named(workshop_data):
    _edit(workshop_data, lambda d: d["modules"].update(nosuch={"audience": "x", "opening_question": "y"}))
    with pytest.raises(CourseDataError, match="workshop.yaml: modules: unknown module 'nosuch'; known: demo, other"):
        load_workshop()


def test_a_missing_length_in_timing_is_named(workshop_data):
    _edit(workshop_data, lambda d: d["timing"]["opening"].pop(90))
    with pytest.raises(CourseDataError, match="workshop.yaml: timing: opening: no minutes given for a 90-minute"):
        load_workshop()


def test_an_unknown_field_is_named(workshop_data):
    _edit(workshop_data, lambda d: d["modules"]["demo"].update(audiance="typo"))
    with pytest.raises(CourseDataError, match=r"workshop.yaml: modules.demo.audiance: Extra inputs"):
        load_workshop()


def test_a_missing_file_says_what_it_is_for(workshop_data):
    (workshop_data / "workshop.yaml").unlink()
    with pytest.raises(CourseDataError, match="workshop.yaml: missing: the workshop kit needs"):
        load_workshop()


def test_a_round_that_is_not_a_scenario_of_the_module_is_named(workshop_data):
    _edit(workshop_data, lambda d: d["modules"]["demo"].update(rounds=["other-s-01"]))
    with pytest.raises(CourseDataError, match="modules.demo.rounds: 'other-s-01' is not a scenario of module 'demo'"):
        load_workshop()
