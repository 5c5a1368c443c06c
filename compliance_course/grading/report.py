"""Grades, completion records an auditor accepts, and a plotly item analysis.

- ``reports/grades.csv``: one row per learner, exam and slot: the item drawn, its points, the answer.
- ``reports/completion-records.csv``: learner, exam, content version, submitted
  at, graded at, score, maximum, percent, pass mark, result (pass / fail /
  pending while a written answer awaits a grader).
- ``reports/item-analysis.csv`` and ``.html``: per exam item (each learner answers the
  item of each slot drawn for them) how often it was drawn, the share answering right
  (difficulty, p), the discrimination (correlation of the item with the rest of the
  exam among those who drew it, corrected item-total point-biserial) and a flag with
  the reason.
- ``reports/slot-analysis.csv`` (and a table in the HTML): per slot, whether its pool's
  items are of equal difficulty (share right no more than 0.2 apart once each item
  was drawn 20 times).
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import plotly.express as px

from .course import AutograderDir
from .csvsafe import write_csv, write_text_atomic
from .models import pass_percent, passes
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
            result = "pass" if passes(r.score, r.max_score, t) else "fail"
        rows.append({"learner": r.student, "exam": r.exam.id, "exam_title": r.exam.title,
                     "content_version": r.exam.content_version, "submitted_at": r.submitted_at,
                     "graded_at": r.graded_at, "score": _fmt(r.score), "max_score": _fmt(r.max_score),
                     "percent": f"{r.percent:.1f}", "pass_threshold_percent": pass_percent(t),
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


ITEM_COLUMNS = ["exam", "slot", "question", "drawn", "share_right", "discrimination", "flagged", "reason"]
SLOT_COLUMNS = ["exam", "slot", "items", "drawn", "fewest_draws", "share_right_min", "share_right_max",
                "spread", "flagged", "reason"]


def _item_scores(records: list[Record]) -> dict[str, dict[tuple[str, str], list[tuple[float, float]]]]:
    """Per exam, per (slot, item drawn): (the item's share of its points, the rest of the learner's score)."""
    out: dict[str, dict[tuple[str, str], list[tuple[float, float]]]] = {}
    for r in records:
        scored = [i for i in r.items if i.slot and i.max_points]
        total = sum(i.points or 0 for i in scored)
        per_item = out.setdefault(r.exam.id, {})
        for i in scored:
            per_item.setdefault((i.slot, i.id), []).append(((i.points or 0) / i.max_points, total - (i.points or 0)))
    return out


def item_analysis(records: list[Record]) -> pd.DataFrame:
    """Per exam item: how often drawn, share right (difficulty, p), discrimination, flag and reason.

    Discrimination is the corrected item-total correlation among the learners who drew the item
    (the item against the rest of their exam score).
    """
    rows = []
    for exam_id, items in _item_scores(records).items():
        for (slot, qid), pairs in items.items():
            item, rest = [a for a, _ in pairs], [b for _, b in pairs]
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
            rows.append({"exam": exam_id, "slot": slot, "question": qid, "drawn": len(item),
                         "share_right": round(p, 3), "discrimination": None if d is None else round(d, 3),
                         "flagged": bool(reasons), "reason": "; ".join(reasons)})
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


#: a slot's items are of unequal difficulty when their shares right differ by more than this,
#: judged only once every item of the pool was drawn at least MIN_DRAWS times
MAX_SLOT_SPREAD, MIN_DRAWS = 0.2, 20


def slot_analysis(items: pd.DataFrame, records: list[Record] | None = None) -> pd.DataFrame:
    """Per exam slot: are its items of equal difficulty? Flags a spread of share right over MAX_SLOT_SPREAD.

    ``items``: the table of :func:`item_analysis`. With ``records``, a pool item nobody drew yet
    counts too (its exam is read from the records), so an undrawn item is reported.
    """
    pools: dict[tuple[str, str], list[str]] = {}
    for r in records or []:
        for slot in r.exam.slots:
            pools.setdefault((r.exam.id, slot.id), [q.id for q in slot.items])
    rows = []
    for (exam_id, slot), df in items.groupby(["exam", "slot"], sort=False):
        pool = pools.get((exam_id, slot), list(df["question"]))
        drawn = dict(zip(df["question"], df["drawn"]))
        fewest = min(drawn.get(q, 0) for q in pool)
        lo, hi = float(df["share_right"].min()), float(df["share_right"].max())
        reasons = []
        unequal = len(pool) > 1 and fewest >= MIN_DRAWS and hi - lo > MAX_SLOT_SPREAD
        if unequal:
            reasons.append(f"items differ in difficulty: share right {lo:.2f} to {hi:.2f} "
                           f"(more than {MAX_SLOT_SPREAD:g} apart); review the hardest and easiest")
        if fewest < MIN_DRAWS and len(pool) > 1:
            reasons.append(f"too few draws to compare the items (an item drawn {fewest} times, "
                           f"under {MIN_DRAWS})")
        if len(pool) < 2:
            reasons.append("one item only: every learner gets the same question")
        rows.append({"exam": exam_id, "slot": slot, "items": len(pool), "drawn": int(df["drawn"].sum()),
                     "fewest_draws": fewest, "share_right_min": round(lo, 3), "share_right_max": round(hi, 3),
                     "spread": round(hi - lo, 3), "flagged": unequal,
                     "reason": "; ".join(reasons)})
    return pd.DataFrame(rows, columns=SLOT_COLUMNS)


def item_analysis_html(table: pd.DataFrame, slots: pd.DataFrame | None = None) -> str:
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Item analysis</title>"
             "</head><body style='font-family:system-ui,sans-serif;margin:2rem'><h1>Item analysis</h1>"
             "<p>Share right: the proportion of learners who answered the question right. Discrimination: "
             "how well the question separates stronger from weaker learners (correlation of the item with "
             f"the rest of the exam). Flagged: under {P_LOW:.0%} or over {P_HIGH:.0%} right, or "
             f"discrimination under {MIN_DISCRIMINATION}. Each learner answers one item per slot, drawn "
             "for them; a slot is flagged when its items' shares right differ by more than "
             f"{MAX_SLOT_SPREAD:g} once each was drawn {MIN_DRAWS} times.</p>"]
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
        if slots is not None and not slots.empty:
            parts.append(f"<h3>{exam_id}: slots</h3>")
            parts.append(slots[slots["exam"] == exam_id].to_html(index=False, na_rep="—"))
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
            rows.append([r.exam.id, r.student, i.slot, i.id, "" if i.points is None else _fmt(i.points),
                         _fmt(i.max_points), "" if i.answer is None else i.answer])
        rows.append([r.exam.id, r.student, "", "TOTAL", _fmt(r.score), _fmt(r.max_score), ""])
    out.append(write_csv(ag.reports / "grades.csv",
                         ["exam", "student", "slot", "item", "points", "max_points", "answer"], rows))
    completion = [[row[f] for f in COMPLETION_FIELDS] for row in completion_rows(records, threshold)]
    out.append(write_csv(ag.reports / "completion-records.csv", COMPLETION_FIELDS, completion))
    table = item_analysis(records)
    slots = slot_analysis(table, records)
    for name, df in (("item-analysis.csv", table), ("slot-analysis.csv", slots)):
        out.append(write_csv(ag.reports / name, list(df.columns),
                             df.astype(object).where(df.notna(), "").values.tolist()))
    out.append(write_text_atomic(ag.reports / "item-analysis.html", item_analysis_html(table, slots)))
    return out
