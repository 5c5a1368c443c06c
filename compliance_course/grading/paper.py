"""The exam paper a learner's notebook runs: questions only, no key.

An exam notebook made by :mod:`compliance_course.grading.build` holds its
questions (prompt and choices, never the answer or explanation) in a locked
cell, so a certification learner needs only the released notebook and this
package, not ``course_data/``. Answers are saved by the shared exam widget
(:class:`compliance_course.quiz.ExamQuiz`) to ``<exam>.responses.json`` beside
the notebook. The grade command marks that file in the instructor's process and never
runs this notebook; :meth:`ExamPaper.check` (the hidden tests) applies the same rule
(:func:`..marking.is_right`) when nbgrader's own autograde runs an honest rebuilt copy.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from IPython.display import HTML, display

from ..data.models import Choice, Question
from ..quiz.choice_order import draw_item
from ..quiz.exam import ExamQuiz
from ..quiz.responses import read_responses, response_path
from .marking import is_right


def paper_question(item: dict[str, Any], answer: Any = None, tolerance: float = 0) -> Question:
    """A Question built from the notebook's question data (no validation: the key is absent)."""
    return Question.model_construct(
        module=item.get("module", ""), id=item["id"], type=item["type"], prompt=item["prompt"],
        choices=tuple(Choice(key=c[0], text=c[1]) for c in item.get("choices", ())),
        answer=tuple(answer) if isinstance(answer, list) else answer, tolerance=tolerance,
        explanation="", source="", objective="", difficulty="medium", use="exam",
        points=item.get("points", 1), scenario=None, tags=())


def graded_student(folder: str | Path = ".") -> str:
    """The student a hidden test marks: nbgrader runs each submission in ``<submitted>/<student>/<exam>/``.

    nbgrader puts no student id in the kernel's environment, so the folder the notebook runs in
    (made by collect, never named by the learner's files) says who it is.
    """
    return Path(folder).resolve().parent.name


class ExamPaper:
    """One exam's slots (every pool's items, no key) and the widget that saves the learner's answers.

    ``slots``: ``[{"slot": id, "points": n, "items": [question data, ...]}, ...]``; a plain list of
    question data (an older notebook) is one slot per question.
    """

    def __init__(self, exam_id: str, content_version: str, slots: list[dict[str, Any]],
                 folder: str | Path = "."):
        if slots and "items" not in slots[0]:
            slots = [{"slot": q["id"], "points": q.get("points", 1), "items": [q]} for q in slots]
        self.exam_id = exam_id
        self.pools = {s["slot"]: [q["id"] for q in s["items"]] for s in slots}
        self.items = {q["id"]: q for s in slots for q in s["items"]}
        self.order = [s["slot"] for s in slots]
        self.folder = Path(folder)
        self.quiz = ExamQuiz(exam_id, folder=folder, content_version=content_version,
                             pools={s["slot"]: [paper_question(q) for q in s["items"]] for s in slots})
        # the id the form is drawn for, problems with the saved file, "n of N answered"
        display(self.quiz.identity, self.quiz.message, self.quiz.progress_label)

    # --- for the learner ---------------------------------------------------
    def show(self, number: int):
        """The widget of question ``number`` (1-based): the item of that slot drawn for this learner."""
        return self.quiz.slot_boxes[number - 1]

    def check_complete(self) -> list[int]:
        """Say, in words, which questions have no saved answer yet (never a traceback); return their numbers."""
        read = read_responses(response_path(self.exam_id, self.folder), self.exam_id)
        form = self.quiz.form
        missing = [i for i, sid in enumerate(self.order, 1) if form[sid] not in read.answers]
        problems = "".join(f"<li>{html.escape(p)}</li>" for p in read.problems if "no response file yet" not in p)
        note = f"<p>About your saved answers:</p><ul>{problems}</ul>" if problems else ""
        total = len(self.order)
        who = (f" Your exam form is for <b>{html.escape(self.quiz.learner)}</b>: that must be the id your "
               "submission is marked under.")
        if missing:
            listed = ", ".join(map(str, missing))
            display(HTML(f"<div style='color:#8a3b12'><b>✘ Not answered yet: question(s) {listed}.</b> "
                         f"{total - len(missing)} of {total} answered. Click an answer for each question "
                         f"above, then run this cell again.{who}</div>{note}"))
        else:
            display(HTML(f"<b>✔ All {total} questions have a saved answer</b> in "
                         f"<code>{html.escape(self.exam_id)}.responses.json</code>. Submit that file with this "
                         f"notebook.{who}{note}"))
        return missing

    # --- for the grader (hidden tests) ---------------------------------------
    def check(self, slot: str, keys: dict[str, Any], tolerances: dict[str, float] | None = None) -> None:
        """Pass when the saved answer to the item of ``slot`` drawn for the graded student is right.

        ``keys``: item id -> key, for every item of the slot's pool. The student is the one nbgrader
        grades (:func:`graded_student`), never the id written in the response file.
        """
        read = read_responses(response_path(self.exam_id, self.folder), self.exam_id)
        number = self.order.index(slot) + 1
        qid = draw_item(self.pools[slot], learner=graded_student(self.folder), exam=self.exam_id, slot=slot)
        if qid not in read.answers:
            raise AssertionError(f"Question {number} ({qid}): no saved answer")
        question = paper_question(self.items[qid], keys[qid], (tolerances or {}).get(qid, 0))
        if not is_right(question, read.answers[qid]):
            raise AssertionError(f"Question {number} ({qid}): the saved answer is not the right one")
