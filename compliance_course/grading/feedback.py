"""Per-learner HTML feedback: each answer beside the right answer and the explanation.

Each learner sees their own form: the item drawn for them in each slot (the record's
items, read against the authenticated student's form), never another learner's items.

Written only for submissions that are fully graded (the written answer included),
so no right answer leaves the instructor's machine before marking is over. The
file is ``feedback/<student>/<exam>/<exam>.html``, where ``nbgrader
release_feedback`` expects it.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from ..data import Question
from .course import AutograderDir
from .models import Exam
from .records import Record

CSS = """body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.45;color:#222}
.q{border:1px solid #ccc;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.right{border-left:6px solid #2e7d32}.wrong{border-left:6px solid #c62828}
.tag{font-weight:bold}.right .tag{color:#2e7d32}.wrong .tag{color:#c62828}
dt{font-weight:bold;margin-top:.4rem}dd{margin-left:1rem}small{color:#555}"""


def answer_words(q: Question, value: Any) -> str:
    """A learner's saved answer in words."""
    if value is None:
        return "(no answer)"
    if q.type == "true_false":
        return "True" if value is True else "False" if value is False else str(value)
    if q.type == "numeric":
        return str(value)
    by_key = {c.key: c.text for c in q.choices}
    keys = value if isinstance(value, list) else [value]
    return "; ".join(f"{k}. {by_key.get(k, '?')}" for k in keys)


def feedback_html(record: Record, questions: dict[str, Question]) -> str:
    exam, e = record.exam, html.escape
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Feedback: {e(exam.title)}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>{e(exam.title)}</h1><p>Learner <b>{e(record.student)}</b>: {record.score:g} of "
             f"{record.max_score:g} points ({record.percent:.0f}%), <b>{record.result}</b> "
             f"(pass mark {exam.pass_percent}%).</p>"
             f"<p>These are the questions of your own exam form, drawn for {e(record.student)}; "
             "other learners answered parallel questions on the same topics.</p>"]
    for n, item in enumerate(record.items[:-1], 1):
        q = questions[item.id]
        ok = item.points == item.max_points
        choice_note = ""
        if not ok and q.type in ("single_choice",) and isinstance(item.answer, str):
            fb = next((c.feedback for c in q.choices if c.key == item.answer and c.feedback), "")
            choice_note = f"<dt>About your choice</dt><dd>{e(fb)}</dd>" if fb else ""
        parts.append(
            f"<section class='q {'right' if ok else 'wrong'}'><h2>Question {n} "
            f"<span class='tag'>{'✔ right' if ok else '✘ not right'}</span> "
            f"<small>{item.points or 0:g} / {item.max_points:g}</small></h2><p>{e(q.prompt)}</p><dl>"
            f"<dt>Your answer</dt><dd>{e(answer_words(q, item.answer))}</dd>"
            f"<dt>Right answer</dt><dd>{e(q.answer_text())}</dd>{choice_note}"
            f"<dt>Why</dt><dd>{e(q.explanation)}</dd><dt>Source</dt><dd>{e(q.source)}</dd></dl></section>")
    w, item = exam.written, record.items[-1]
    rubric = "".join(f"<li>({r.points} pt) {e(r.criterion)}</li>" for r in w.rubric)
    parts.append(f"<section class='q'><h2>Written answer <small>{item.points or 0:g} / {item.max_points:g}</small>"
                 f"</h2><p>{e(w.prompt)}</p><dl><dt>Your answer</dt><dd>{e(record.written_text)}</dd>"
                 f"<dt>Grader's comment</dt><dd>{e(item.comment or '(none)')}</dd>"
                 f"<dt>What graders looked for</dt><dd><ul>{rubric}</ul></dd></dl></section>")
    if record.problems:
        parts.append("<h2>Notes on your submission</h2><ul>"
                     + "".join(f"<li>{e(p)}</li>" for p in record.problems) + "</ul>")
    parts.append(f"<p><small>Content version {e(exam.content_version)}.</small></p></body></html>")
    return "".join(parts)


def write_feedback(ag: AutograderDir, records: list[Record], questions: dict[str, Question],
                   include_pending: bool = False) -> tuple[list[Path], list[str]]:
    """Write feedback for fully graded submissions; return (files, reasons for those skipped)."""
    written, skipped = [], []
    for r in records:
        if r.pending and not include_pending:
            skipped.append(f"{r.exam.id}/{r.student}: written answer not graded yet; no feedback released")
            continue
        path = ag.feedback / r.student / r.exam.id / f"{r.exam.id}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(feedback_html(r, questions), encoding="utf-8")
        written.append(path)
    return written, skipped


def release_feedback_exchange(ag: AutograderDir, exams: list[Exam]) -> None:
    from .release import _check, nbgrader_api
    api = nbgrader_api(ag)
    for exam in exams:
        _check(api.release_feedback(exam.id), f"release_feedback {exam.id}")
