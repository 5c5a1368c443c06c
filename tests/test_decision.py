"""The shared input checks every decision engine uses."""
import datetime as dt

import pytest

from compliance_course.decision import Decision, require_choice, require_date


@pytest.mark.parametrize("value, expected", [
    (dt.date(2026, 11, 10), dt.date(2026, 11, 10)),
    (dt.datetime(2026, 11, 10, 15, 30), dt.date(2026, 11, 10)),
    ("2026-11-10", dt.date(2026, 11, 10)),
])
def test_require_date_accepts_dates_datetimes_and_iso_strings(value, expected):
    assert require_date("on", value) == expected


@pytest.mark.parametrize("value", ["10/11/2026", "", 20261110, None])
def test_require_date_names_the_input(value):
    with pytest.raises(ValueError) as info:
        require_date("on", value)
    assert str(info.value) == (f"on must be a date (datetime.date or an ISO string such as '2026-11-10'); "
                               f"got {value!r}")


def test_require_choice_lists_allowed_values():
    with pytest.raises(ValueError) as info:
        require_choice("role", "vendor", ["conduit", "workforce"])
    assert str(info.value) == "role must be one of 'conduit', 'workforce'; got 'vendor'"


def test_decision_markdown_shows_answer_reason_and_source():
    text = Decision(True, "Because.", "45 CFR 164.504(e)", document="business associate agreement")._repr_markdown_()
    assert "**Answer:** Yes" in text and "**Document needed:** business associate agreement" in text
    assert text.rstrip().removesuffix("</div>").rstrip().endswith("**Source:** 45 CFR 164.504(e)")
