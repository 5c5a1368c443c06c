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
from .forms import form
from .marking import mark_form
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


def planted(exam: Exam, right: list[bool], learner: str) -> dict[str, Any]:
    """Answers to every question of ``learner``'s form: right where ``right[i]`` (slot i) is true, else wrong."""
    return {q.id: right_answer(q) if ok else wrong_answer(q) for (_, q), ok in zip(form(exam, learner), right)}


def expected_score(exam: Exam, right: list[bool]) -> float:
    return float(sum(s.points for s, ok in zip(exam.slots, right) if ok))


def shown_order(exam: Exam, learner: str, q: Question) -> list[Any]:
    """The choices (keys) of ``q`` in the order ``learner`` sees them in ``exam``."""
    from ..quiz.choice_order import choice_order
    return choice_order([key for _, key in q.option_pairs()], learner=learner, scope=exam.id, question_id=q.id)


def _clicking(exam: Exam, learner: str, pick) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(answers, order) of a learner who clicks ``pick(question, keys shown)`` on every question with choices."""
    from ..quiz.choice_order import key_text

    answers, order = {}, {}
    for _, q in form(exam, learner):
        shown = shown_order(exam, learner, q)
        if not shown:
            continue
        order[q.id] = [key_text(k) for k in shown]
        choice = pick(q, shown)
        answers[q.id] = [choice] if q.type == "multiple_select" else choice
    return answers, order


def longest_shown(exam: Exam, learner: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(answers, order) of a learner who clicks the longest choice shown (the first of equals) everywhere."""
    def longest(q: Question, shown: list[Any]) -> Any:
        label = dict((key, text) for text, key in q.option_pairs())
        return max(shown, key=lambda k: len(label[k]))  # max keeps the first of equal lengths
    return _clicking(exam, learner, longest)


def by_key(exam: Exam, learner: str) -> dict[str, Any]:
    """Answers of a learner who knows every answer of their form."""
    return {q.id: right_answer(q) for _, q in form(exam, learner)}


def form_score(exam: Exam, learner: str, answers: dict[str, Any]) -> tuple[float, float]:
    """(points, points of the slots) of ``answers`` marked against ``learner``'s form, as grading marks them."""
    marks = mark_form(form(exam, learner), answers)
    return sum(m.points for m in marks), sum(m.max_points for m in marks)


def cohort_records(exam: Exam, answers_by_learner: dict[str, dict[str, Any]]) -> list:
    """Records of a simulated cohort (written answer not counted), for item analysis without a gradebook."""
    from .records import Item, Record

    records = []
    for learner, answers in answers_by_learner.items():
        drawn = form(exam, learner)
        marks = mark_form(drawn, answers)
        items = [Item(q.id, "", m.points, m.max_points, answers.get(q.id), "", s.id)
                 for (s, q), m in zip(drawn, marks)]
        items.append(Item(exam.written.id, "", 0.0, 0.0))
        records.append(Record(exam, learner, items, "", ""))
    return records


def submit(folder: Path, exam: Exam, released_notebook: Path, answers: dict[str, Any] | None, *,
           response: str = "ok", written: str = "", edit_cell: str | None = None,
           delete_cell: str | None = None, extra_code: str | None = None,
           saved_at: str = "2026-01-15T10:00:00+00:00", learner: str = "",
           order: dict[str, list[str]] | None = None, form: dict[str, str] | None = None) -> Path:
    """Write a learner's submission into ``folder`` (e.g. submitted/<student>/<exam>/).

    ``response``: ``ok`` (a good response file), ``missing``, ``empty`` or ``corrupt``.
    ``edit_cell``/``delete_cell``: grade id of a locked cell to alter (tampering).
    ``extra_code``: a code cell the learner added (e.g. an endless loop).
    ``learner``/``order``/``form``: recorded in the response file as the exam widget records them.
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
                        learner=learner, order=order, form=form)
    elif response == "empty":
        path.write_text("", encoding="utf-8")
    elif response == "corrupt":
        path.write_text('{"format": 1, "exam": "' + exam.id + '", "answers": {"x": ', encoding="utf-8")
    return folder


def first_shown(exam: Exam, learner: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(answers, order) of a learner who clicks the first choice shown on every question of their form."""
    return _clicking(exam, learner, lambda q, shown: shown[0])


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
