"""Grades, completion records an auditor accepts, and a plotly item analysis.

- ``reports/grades.csv``: one row per learner and exam, points per question.
- ``reports/completion-records.csv``: learner, exam, content version, submitted
  at, graded at, score, maximum, percent, pass mark, result (pass / fail /
  pending while a written answer awaits a grader).
- ``reports/item-analysis.csv`` and ``.html``: per question the share answering
  right (difficulty, p), the discrimination (correlation of the item with the rest
  of the exam, corrected item-total point-biserial) and a flag with the reason.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import plotly.express as px

from .course import AutograderDir
from .csvsafe import write_csv, write_text_atomic
from .records import Record

COMPLETION_FIELDS = ["learner", "exam", "exam_title", "content_version", "submitted_at", "graded_at",
                     "score", "max_score", "percent", "pass_threshold_percent", "result"]
#: flag an item answered right by fewer than this share, or more than the upper share, or
#: whose discrimination is below the minimum (common rules of thumb in classical test theory)
P_LOW, P_HIGH, MIN_DISCRIMINATION = 0.2, 0.95, 0.2


def _fmt(x: float) -> str:
    return f"{x:g}"


def completion_rows(records: list[Record], threshold: float | None = None) -> list[dict]:
    rows = []
    for r in records:
        t = threshold if threshold is not None else r.exam.pass_threshold
        result = r.result
        if result != "pending":
            result = "pass" if r.score >= t * r.max_score - 1e-9 else "fail"
        rows.append({"learner": r.student, "exam": r.exam.id, "exam_title": r.exam.title,
                     "content_version": r.exam.content_version, "submitted_at": r.submitted_at,
                     "graded_at": r.graded_at, "score": _fmt(r.score), "max_score": _fmt(r.max_score),
                     "percent": f"{r.percent:.1f}", "pass_threshold_percent": f"{100 * t:g}",
                     "result": result})
    return rows


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if sx == 0 or sy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (sx * sy)


def item_analysis(records: list[Record]) -> pd.DataFrame:
    """Per exam question: learners, share right, discrimination, flag."""
    rows = []
    by_exam: dict[str, list[Record]] = {}
    for r in records:
        by_exam.setdefault(r.exam.id, []).append(r)
    for exam_id, recs in by_exam.items():
        exam = recs[0].exam
        for n, q in enumerate(exam.questions):
            item = [(r.items[n].points or 0) / r.items[n].max_points for r in recs]
            rest = [sum((i.points or 0) for j, i in enumerate(r.items) if j != n and i.points is not None)
                    for r in recs]
            p = sum(item) / len(item)
            d = _pearson(item, rest)
            reasons = []
            if p < P_LOW:
                reasons.append(f"hard: under {P_LOW:.0%} right")
            if p > P_HIGH:
                reasons.append(f"easy: over {P_HIGH:.0%} right")
            if d is not None and d < MIN_DISCRIMINATION:
                reasons.append(f"discrimination below {MIN_DISCRIMINATION}")
            if d is None:
                reasons.append("discrimination undefined (too few learners or no spread)")
            rows.append({"exam": exam_id, "number": n + 1, "question": q.id, "learners": len(recs),
                         "share_right": round(p, 3), "discrimination": None if d is None else round(d, 3),
                         "flagged": bool(reasons), "reason": "; ".join(reasons)})
    return pd.DataFrame(rows, columns=["exam", "number", "question", "learners", "share_right",
                                       "discrimination", "flagged", "reason"])


def item_analysis_html(table: pd.DataFrame) -> str:
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Item analysis</title>"
             "</head><body style='font-family:system-ui,sans-serif;margin:2rem'><h1>Item analysis</h1>"
             "<p>Share right: the proportion of learners who answered the question right. Discrimination: "
             "how well the question separates stronger from weaker learners (correlation of the item with "
             f"the rest of the exam). Flagged: under {P_LOW:.0%} or over {P_HIGH:.0%} right, or "
             f"discrimination under {MIN_DISCRIMINATION}.</p>"]
    first = True
    for exam_id, df in table.groupby("exam", sort=False):
        df = df.assign(status=df["flagged"].map({True: "flagged", False: "ok"}))
        fig = px.bar(df, x="question", y="share_right", color="status",
                     color_discrete_map={"ok": "#2e7d32", "flagged": "#c62828"},
                     hover_data=["discrimination", "reason"], range_y=[0, 1],
                     title=f"{exam_id}: share of learners answering each question right",
                     labels={"share_right": "share right", "question": "question"})
        scatter = px.scatter(df.fillna({"discrimination": 0}), x="share_right", y="discrimination",
                             text="question", color="status",
                             color_discrete_map={"ok": "#2e7d32", "flagged": "#c62828"},
                             title=f"{exam_id}: difficulty against discrimination",
                             labels={"share_right": "share right", "discrimination": "discrimination"})
        parts.append(f"<h2>{exam_id}</h2>")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=first))
        parts.append(scatter.to_html(full_html=False, include_plotlyjs=False))
        parts.append(df.drop(columns="status").to_html(index=False, na_rep="—"))
        first = False
    if table.empty:
        parts.append("<p>No graded submissions yet.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def check_threshold(value: float | None) -> float | None:
    """A pass mark as a share of the maximum (0 < t <= 1); ValueError otherwise (e.g. 80 for 80 %)."""
    if value is None:
        return None
    if not (0 < value <= 1):  # also refuses NaN
        raise ValueError(f"the pass mark is a share between 0 and 1, e.g. 0.8 for 80 %; got {value:g}")
    return value


def write_reports(ag: AutograderDir, records: list[Record], threshold: float | None = None) -> list[Path]:
    threshold = check_threshold(threshold)
    ag.reports.mkdir(parents=True, exist_ok=True)
    out = []
    rows = []
    for r in records:
        for i in r.items:
            rows.append([r.exam.id, r.student, i.id, "" if i.points is None else _fmt(i.points),
                         _fmt(i.max_points), "" if i.answer is None else i.answer])
        rows.append([r.exam.id, r.student, "TOTAL", _fmt(r.score), _fmt(r.max_score), ""])
    out.append(write_csv(ag.reports / "grades.csv", ["exam", "student", "item", "points", "max_points", "answer"],
                         rows))
    completion = [[row[f] for f in COMPLETION_FIELDS] for row in completion_rows(records, threshold)]
    out.append(write_csv(ag.reports / "completion-records.csv", COMPLETION_FIELDS, completion))
    table = item_analysis(records)
    out.append(write_csv(ag.reports / "item-analysis.csv", list(table.columns),
                         table.astype(object).where(table.notna(), "").values.tolist()))
    out.append(write_text_atomic(ag.reports / "item-analysis.html", item_analysis_html(table)))
    return out
