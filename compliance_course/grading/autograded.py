"""The autograded notebook formgrader shows: rebuilt from the release, never copied from the learner.

It is the released notebook (which holds every slot's pool) with, under each question cell,
the item drawn for this learner and their saved answer as plain text; the locked cells as the instructor wrote them
(hidden tests included, from the gradebook's source cells, as nbgrader's own
autograde restores them), each test cell's outcome as its output, and the
learner's written answer as TEXT: HTML-escaped inside a ``<pre>`` block, so
formgrader's markdown rendering shows tags and scripts as characters and can
never run them (``autograder/nbgrader_config.py`` also turns on nbconvert's HTML
sanitizer for formgrader).
"""
from __future__ import annotations

import html
import json
from typing import Any

from .marking import Mark, answer_problem
from .submission import ReleasedExam

WRITTEN_CLASS = "cc-written-answer"


def written_as_text(text: str) -> str:
    """Markdown that shows ``text`` verbatim: escaped, in a ``<pre>`` block the learner cannot close."""
    return (f"<pre class=\"{WRITTEN_CLASS}\" style=\"white-space:pre-wrap\">{html.escape(text, quote=True)}"
            "</pre>\n")


def _outcome(number: int, mark: Mark) -> list[dict[str, Any]]:
    if mark.points == mark.max_points:
        return []
    reason = "no saved answer" if not mark.answered else "the saved answer is not the right one"
    message = f"Question {number} ({mark.question}): {reason}"
    return [{"output_type": "error", "ename": "AssertionError", "evalue": message,
             "traceback": [f"AssertionError: {message}"]}]


def _answer_output(q, value: Any) -> list[dict[str, Any]]:
    """The learner's saved answer in words, as plain text under the question (for the grader)."""
    from .feedback import answer_words
    words = answer_words(q, value) if value is not None and answer_problem(q, value) is None else "(no answer)"
    return [{"output_type": "stream", "name": "stdout",
             "text": f"Question drawn for this learner: {q.id}\n{q.prompt}\nSaved answer: {words}\n"}]


def autograded_notebook(release: ReleasedExam, source_cells: dict[str, str], marks: list[Mark],
                        written: str | None, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """The notebook formgrader shows for one submission (a plain dict, ready for ``json.dump``)."""
    nb = json.loads(release.notebook_text)  # a fresh copy (faster than deepcopy)
    by_test = {release.test_ids[m.slot]: (n, m) for n, m in enumerate(marks, 1)}
    by_question = {f"question_{n:02d}": release.exam.question(m.question) for n, m in enumerate(marks, 1)}
    answers = answers or {}
    count = 0
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if gid == release.written_id:
            answered = written is not None and written != release.written_stub
            cell["source"] = written_as_text(written) if answered else release.written_stub
            continue
        if meta.get("locked") and gid in source_cells:
            cell["source"] = source_cells[gid]
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            if gid in by_test:
                count += 1
                cell["execution_count"] = count
                cell["outputs"] = _outcome(*by_test[gid])
            elif gid in by_question:
                q = by_question[gid]
                cell["outputs"] = _answer_output(q, answers.get(q.id))
    return nb
