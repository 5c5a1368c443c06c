"""Simulated learners, for the round-trip test, the benchmark and instructor dry runs.

A simulated submission is what a real one is: the released notebook (optionally
with a written answer or a tampered cell) plus the response file the exam widget
would have saved.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ..data import Question
from ..quiz.responses import write_responses
from .models import Exam


def right_answer(q: Question) -> Any:
    return list(q.answer) if isinstance(q.answer, tuple) else q.answer


def wrong_answer(q: Question) -> Any:
    if q.type == "true_false":
        return not q.answer
    if q.type == "numeric":
        return float(q.answer) + q.tolerance + 1
    keys = [c.key for c in q.choices]
    if q.type == "single_choice":
        return next(k for k in keys if k != q.answer)
    others = [k for k in keys if k not in q.answer]
    return others[:1] if others else keys[:1] if len(q.answer) > 1 else keys


def planted(exam: Exam, right: list[bool]) -> dict[str, Any]:
    """Answers to every question: right where ``right[i]`` is true, wrong elsewhere."""
    return {q.id: right_answer(q) if ok else wrong_answer(q) for q, ok in zip(exam.questions, right)}


def expected_score(exam: Exam, right: list[bool]) -> float:
    return float(sum(q.points for q, ok in zip(exam.questions, right) if ok))


def submit(folder: Path, exam: Exam, released_notebook: Path, answers: dict[str, Any] | None, *,
           response: str = "ok", written: str = "", edit_cell: str | None = None,
           delete_cell: str | None = None, extra_code: str | None = None,
           saved_at: str = "2026-01-15T10:00:00+00:00", learner: str = "",
           order: dict[str, list[str]] | None = None) -> Path:
    """Write a learner's submission into ``folder`` (e.g. submitted/<student>/<exam>/).

    ``response``: ``ok`` (a good response file), ``missing``, ``empty`` or ``corrupt``.
    ``edit_cell``/``delete_cell``: grade id of a locked cell to alter (tampering).
    ``extra_code``: a code cell the learner added (e.g. an endless loop).
    ``learner``/``order``: recorded in the response file as the exam widget records them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    nb = json.loads(released_notebook.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if gid and gid == delete_cell:
            continue
        if gid and gid == edit_cell:
            cell["source"] = "# I changed this cell\n" + "".join(cell["source"]) + "\nprint('edited')"
        if meta.get("solution") and written:
            cell["source"] = written
        cells.append(cell)
    if extra_code:
        cells.insert(2, {"cell_type": "code", "execution_count": None, "id": "learner-added",
                         "metadata": {}, "outputs": [], "source": extra_code})
    nb["cells"] = cells
    (folder / exam.notebook).write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    path = folder / exam.responses_file
    if response == "ok" and answers is not None:
        write_responses(path, exam.id, answers, {q: saved_at for q in answers}, exam.content_version,
                        learner=learner, order=order)
    elif response == "empty":
        path.write_text("", encoding="utf-8")
    elif response == "corrupt":
        path.write_text('{"format": 1, "exam": "' + exam.id + '", "answers": {"x": ', encoding="utf-8")
    return folder


def first_shown(exam: Exam, learner: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(answers, order) of a learner who clicks the first choice shown on every question with choices."""
    from ..quiz.choice_order import choice_order, key_text

    answers, order = {}, {}
    for q in exam.questions:
        keys = [key for _, key in q.option_pairs()]
        if not keys:
            continue
        shown = choice_order(keys, learner=learner, scope=exam.id, question_id=q.id)
        order[q.id] = [key_text(k) for k in shown]
        answers[q.id] = [shown[0]] if q.type == "multiple_select" else shown[0]
    return answers, order


def honest_rebuild(dest: Path, exam: Exam, released_notebook: Path, response_file: Path, written: str) -> Path:
    """What plain ``nbgrader autograde`` is compared against: the released notebook with only the written
    answer filled in, in a folder that holds nothing but it and a copy of the submitted response file."""
    submit(dest, exam, released_notebook, None, response="missing", written=written)
    if response_file.is_file() and not response_file.is_symlink():
        shutil.copyfile(response_file, dest / exam.responses_file)
    return dest


def gradebook_scores(db_url: str, exam: str) -> dict[tuple[str, str], tuple]:
    """Per student and graded cell: (automatic score, needs manual grade, automatic comment)."""
    from nbgrader.api import Gradebook, MissingEntry
    with Gradebook(db_url) as gb:
        try:
            subs = gb.find_assignment(exam).submissions
        except MissingEntry:
            return {}
        out = {}
        for s in subs:
            for nb in s.notebooks:
                comments = {c.name: c.auto_comment for c in nb.comments}
                for g in nb.grades:
                    out[(s.student.id, g.name)] = (g.auto_score, g.needs_manual_grade, comments.get(g.name))
        return out
