"""The freshness report (issue 18): pure functions on a small course, and the command as a smoke test."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from compliance_course.data import load_course
from compliance_course.data import freshness

D = dt.date


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def dated_course(mini_course):
    """The fixture course with one dated rule (in force 2026-12-07 to 2027-03-01) and two more facts.

    demo-q-01 rests on the dated rule; demo-fact-02 is checked 2026-01-01 and secondary;
    demo-fact-03 is checked 2026-06-30 and from-knowledge; demo-fact-01 is checked 2026-11-01.
    """
    _edit(mini_course / "facts/demo.yaml", "    confidence: primary\n",
          "    as_of: 2026-11-01\n    confidence: primary\n    effective: 2026-12-07\n    until: 2027-03-01\n"
          "  - id: demo-fact-02\n    statement: An older secondary fact.\n    source: A summary\n"
          "    as_of: 2026-01-01\n    confidence: secondary\n"
          "  - id: demo-fact-03\n    statement: A fact from knowledge.\n    source: Memory\n"
          "    as_of: 2026-06-30\n    confidence: from-knowledge\n")
    _edit(mini_course / "questions/demo.yaml", "    use: practice\n", "    use: practice\n    rests_on: [demo-fact-01]\n")
    load_course.cache_clear()
    yield load_course(mini_course)
    load_course.cache_clear()


def test_facts_by_age_oldest_first(dated_course):
    """On 2026-11-30: fact-02 checked 333 days ago, fact-03 153 days ago, fact-01 29 days ago (by hand)."""
    ages = freshness.by_age(dated_course, D(2026, 11, 30))
    assert [(a.fact.id, a.days) for a in ages] == [("demo-fact-02", 333), ("demo-fact-03", 153),
                                                   ("demo-fact-01", 29)]


def test_undated_facts_come_first(dated_course, mini_course):
    _edit(mini_course / "facts/demo.yaml", "    as_of: 2026-06-30\n", "")
    load_course.cache_clear()
    ages = freshness.by_age(load_course(mini_course), D(2026, 11, 30))
    assert (ages[0].fact.id, ages[0].days) == ("demo-fact-03", None)


def test_not_primary_lists_from_knowledge_then_secondary(dated_course):
    assert [f.id for f in freshness.not_primary(dated_course)] == ["demo-fact-03", "demo-fact-02"]


def test_rule_change_in_window_names_the_items_resting_on_it(dated_course):
    """From 2026-11-30, 180 days reach 2027-05-29: both the start (12-07) and the end (03-01) fall inside."""
    changes = freshness.rule_changes(dated_course, D(2026, 12, 1), D(2027, 5, 29))
    assert [(c.day, c.fact.id, c.kind) for c in changes] == [
        (D(2026, 12, 7), "demo-fact-01", "takes effect"), (D(2027, 3, 1), "demo-fact-01", "stops applying")]
    assert changes[0].questions == ("demo-q-01",) and changes[0].scenarios == ()
    assert changes[0].changes_an_answer


def test_window_edges_are_included_and_outside_dates_are_not(dated_course):
    assert [c.day for c in freshness.rule_changes(dated_course, D(2026, 12, 7), D(2026, 12, 7))] == [D(2026, 12, 7)]
    assert freshness.rule_changes(dated_course, D(2026, 12, 8), D(2027, 2, 28)) == []
    with pytest.raises(ValueError, match="before start"):
        freshness.rule_changes(dated_course, D(2027, 1, 1), D(2026, 1, 1))


def test_report_text_for_a_date_before_and_after_the_change(dated_course):
    before = freshness.report(dated_course, D(2026, 11, 30))
    assert "Rule changes in the next 180 days: 2 (2 with questions or scenarios resting on them)" in before
    assert "2026-12-07 (in 7 days)  demo/demo-fact-01 takes effect" in before
    assert "questions resting on it: demo-q-01" in before
    assert "Facts not checked against their primary source: 2 (33% of facts are primary)" in before
    # a year later the same data reports no upcoming change and lists the past one; nothing fails
    after = freshness.report(dated_course, D(2027, 6, 1))
    assert "Rule changes in the next 180 days: 0" in after
    assert "2027-03-01 (92 days ago)  demo/demo-fact-01 stops applying" in after


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "compliance_course.data", "freshness", *args],
                          capture_output=True, text=True, timeout=120)


def test_command_runs_on_the_course_today():
    """Smoke test: the report prints for the real course on the real date and exits 0."""
    result = _cli()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Course content freshness on ")
    assert "Facts not checked against their primary source" in result.stdout


def test_command_with_a_date_lists_the_fips_change():
    """On 2026-06-01 the move of FIPS 140-2 certificates to the Historical list (2026-09-22) is 113 days ahead."""
    result = _cli("--today", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert "2026-09-22 (in 113 days)  nist171/nist171-fips-140-2-historical takes effect" in result.stdout


def test_command_refuses_a_bad_date_in_one_line():
    result = _cli("--today", "30/11/2026")
    assert result.returncode == 2
    assert "not a date in the form YYYY-MM-DD: '30/11/2026'" in result.stderr
