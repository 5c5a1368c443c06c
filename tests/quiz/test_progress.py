"""Is learner progress kept locally and drawn across modules?"""
from __future__ import annotations

import datetime as dt

import pytest

from compliance_course import progress
from compliance_course.charts import progress_chart


def test_progress_store_honours_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPLIANCE_COURSE_HOME", str(tmp_path / "elsewhere"))
    progress.record("hipaa", 3, 4, when=dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.timezone.utc))
    assert (tmp_path / "elsewhere" / "progress.json").exists()
    assert progress.history().to_dict("records") == [
        {"module": "hipaa", "score": 3, "total": 4, "percent": 75.0, "finished_at": "2026-11-26T09:00:00+00:00"}]


def test_best_by_module():
    progress.record("hipaa", 1, 4)
    progress.record("hipaa", 4, 4)
    progress.record("soc2", 2, 5)
    best = progress.best_by_module().set_index("module")
    assert best.loc["hipaa", "best_percent"] == 100.0 and best.loc["hipaa", "attempts"] == 2
    assert best.loc["soc2", "best_percent"] == 40.0


@pytest.mark.parametrize("score, total", [(5, 4), (-1, 4), (0, 0)])
def test_impossible_scores_are_refused(score, total):
    with pytest.raises(ValueError, match="score must be between 0 and total"):
        progress.record("hipaa", score, total)


def test_damaged_store_is_kept_aside_and_restarted():
    path = progress.progress_path()
    path.parent.mkdir(parents=True)
    path.write_text("{broken")
    assert progress.history().empty
    assert path.with_name("progress.json.damaged").read_text() == "{broken"


def _bars(chart):
    bars = chart.figure.data[0]
    return dict(zip(bars.x, bars.y)), dict(zip(bars.x, bars.text))


def test_progress_chart_shows_every_module(course):
    progress.record("start_here", 2, 3)
    values, labels = _bars(progress_chart())
    assert len(values) == len(course.modules)
    assert values["00 The course"] == pytest.approx(66.7)
    assert labels["00 The course"] == "67 %"


def test_not_tried_is_told_from_zero_percent(course):
    progress.record("soc2", 0, 5)
    values, labels = _bars(progress_chart())
    soc2 = next(k for k in labels if k.startswith("01 "))
    hipaa = next(k for k in labels if k.startswith("02 "))
    assert (values[soc2], labels[soc2]) == (0, "0 %")
    assert labels[hipaa] == "not tried yet"


def test_empty_record_says_so():
    texts = [a.text for a in progress_chart().figure.layout.annotations]
    assert any("No practice scores recorded yet" in t for t in texts)


def test_chart_shows_the_pass_mark_from_the_exam_rules(repo_root):
    import yaml
    threshold = yaml.safe_load((repo_root / "course_data" / "exams.yaml").read_text())["defaults"]["pass_threshold"]
    fig = progress_chart().figure
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [s.y0 for s in lines] == [pytest.approx(100 * threshold)]
    assert any(f"pass mark {100 * threshold:.0f} %" in a.text for a in fig.layout.annotations)


def test_chart_refreshes_when_a_practice_set_finishes(course):
    from compliance_course.quiz import practice_quiz
    chart = progress_chart()
    quiz = practice_quiz("start_here")
    for qw in quiz.questions:
        qw.value = (qw.question.answer if qw.question.type != "multiple_select" else list(qw.question.answer))
        qw.check()
    values, labels = _bars(chart)
    assert labels["00 The course"] == "100 %"
    assert not any("No practice scores" in a.text for a in chart.figure.layout.annotations)
    chart.close()
