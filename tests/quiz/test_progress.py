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


def test_progress_chart_shows_every_module(course):
    progress.record("start_here", 2, 3)
    fig = progress_chart()
    bars = fig.data[0]
    assert len(bars.x) == len(course.modules)
    by_module = dict(zip(bars.x, bars.y))
    assert by_module["00 The course"] == pytest.approx(66.7)
