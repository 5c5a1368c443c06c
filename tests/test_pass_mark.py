"""One pass mark: change it in exams.yaml and the lesson, the progress chart, the exam's own text,
feedback, the completion record and the grading verdict all follow."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from compliance_course.data import load_course
from compliance_course.errors import CourseDataError

REPO_DATA = Path(__file__).resolve().parents[1] / "course_data"
DEFAULT_LINE = re.compile(r"^(defaults:\n  pass_threshold:) [0-9.]+$", re.M)


@pytest.fixture
def course_data(tmp_path, monkeypatch):
    """A copy of the real course data that ``load_course()`` reads, whose exams.yaml a test may edit."""
    copy = tmp_path / "course_data"
    shutil.copytree(REPO_DATA, copy)
    monkeypatch.setenv("COURSE_DATA", str(copy))
    load_course.cache_clear()
    yield copy
    load_course.cache_clear()


def _set_default_pass_mark(data, value: str) -> None:
    path = data / "exams.yaml"
    text, n = DEFAULT_LINE.subn(rf"\1 {value}", path.read_text())
    assert n == 1, "exams.yaml: expected one 'defaults: pass_threshold:' line"
    path.write_text(text)
    load_course.cache_clear()


def _lesson_text() -> str:
    from compliance_course.lessons import build_notebook

    nb = build_notebook(REPO_DATA / "lessons" / "start_here.md", "00_start_here.ipynb")
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _final_exam():
    from compliance_course.grading.bank import REPO_BANK, load_exam_course
    from compliance_course.grading.models import resolve_exams

    exams = resolve_exams(load_exam_course(REPO_BANK if REPO_BANK.is_dir() else None, load_course().root))
    return {e.id: e for e in exams}["final_exam"]


def _record(exam, score: float):
    from compliance_course.grading.records import Item, Record

    return Record(exam=exam, student="ada", items=[Item("written", "written", score, 100.0)],
                  submitted_at="2026-11-30T10:00:00+00:00", graded_at="2026-11-30T11:00:00+00:00")


def test_lesson_chart_exam_text_and_verdict_follow_the_pass_mark_in_exams_yaml(course_data):
    from compliance_course.charts.course import progress_figure
    from compliance_course.grading.build import exam_notebook
    from compliance_course.grading.feedback import feedback_html
    from compliance_course.grading.report import completion_rows

    _set_default_pass_mark(course_data, "0.875")  # 7 of 8: not a whole percent, so no text may round it

    assert "at least **87.5 %** of its points" in _lesson_text()
    fig = progress_figure()
    assert [s.y0 for s in fig.layout.shapes if s.type == "line"] == [pytest.approx(87.5)]
    assert any(a.text == "pass mark 87.5 %" for a in fig.layout.annotations)

    exam = _final_exam()
    assert "you pass with 87.5% of the points" in exam_notebook(exam).cells[0].source
    assert [_record(exam, s).result for s in (87.5, 87.4, 100)] == ["pass", "fail", "pass"]
    assert "<b>fail</b> (pass mark 87.5%)" in feedback_html(_record(exam, 87), {})
    row, = completion_rows([_record(exam, 87.5)])
    assert (row["pass_threshold_percent"], row["result"]) == ("87.5", "pass")


def test_the_lesson_says_what_exams_yaml_says_today(course_data):
    """The committed notebook was built from the same figure: the role reads the file, not a copy of it."""
    import yaml

    share = yaml.safe_load((course_data / "exams.yaml").read_text())["defaults"]["pass_threshold"]
    assert f"at least **{100 * share:g} %** of its points" in _lesson_text()


def test_an_exam_with_a_pass_mark_of_its_own_is_named_in_the_role(course_data):
    from compliance_course.lessons.roles import expand

    path = course_data / "exams.yaml"
    path.write_text(path.read_text().replace("  - id: hipaa_exam\n", "  - id: hipaa_exam\n    pass_threshold: 0.9\n"))
    load_course.cache_clear()
    _set_default_pass_mark(course_data, "0.7")
    assert expand("{pass-mark}`exam` / {pass-mark}`hipaa_exam` / {pass-mark}`soc2_exam`") == "70 / 90 / 70"
    with pytest.raises(CourseDataError, match=r"start_here.md: placeholder \{pass-mark\}`hippa_exam`: "
                                              r".*no exam 'hippa_exam' in exams.yaml"):
        expand("{pass-mark}`hippa_exam`", "start_here.md")


def test_exams_yaml_without_a_pass_mark_is_refused_not_guessed(course_data):
    from compliance_course.grading.models import load_exams_file

    path = course_data / "exams.yaml"
    text, n = DEFAULT_LINE.subn("defaults:", path.read_text())
    assert n == 1
    path.write_text(text)
    load_course.cache_clear()
    with pytest.raises(CourseDataError, match=r"exams.yaml.*pass_threshold"):
        load_exams_file(load_course())
