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


class ExamPaper:
    """One exam's questions and the widget that saves the learner's answers."""

    def __init__(self, exam_id: str, content_version: str, questions: list[dict[str, Any]],
                 folder: str | Path = "."):
        self.exam_id = exam_id
        self.items = {q["id"]: q for q in questions}
        self.order = [q["id"] for q in questions]
        self.folder = Path(folder)
        self.quiz = ExamQuiz(exam_id, [paper_question(q) for q in questions], folder=folder,
                             content_version=content_version)
        display(self.quiz.message, self.quiz.progress_label)  # "n of N answered", kept up to date

    # --- for the learner ---------------------------------------------------
    def show(self, number: int):
        """The widget of question ``number`` (1-based), for display in its own cell."""
        return self.quiz.questions[number - 1]

    def check_complete(self) -> list[int]:
        """Say, in words, which questions have no saved answer yet (never a traceback); return their numbers."""
        read = read_responses(response_path(self.exam_id, self.folder), self.exam_id)
        missing = [i for i, qid in enumerate(self.order, 1) if qid not in read.answers]
        problems = "".join(f"<li>{html.escape(p)}</li>" for p in read.problems if "no response file yet" not in p)
        note = f"<p>About your saved answers:</p><ul>{problems}</ul>" if problems else ""
        total = len(self.order)
        if missing:
            listed = ", ".join(map(str, missing))
            display(HTML(f"<div style='color:#8a3b12'><b>✘ Not answered yet: question(s) {listed}.</b> "
                         f"{total - len(missing)} of {total} answered. Click an answer for each question "
                         f"above, then run this cell again.</div>{note}"))
        else:
            display(HTML(f"<b>✔ All {total} questions have a saved answer</b> in "
                         f"<code>{html.escape(self.exam_id)}.responses.json</code>. Submit that file with this "
                         f"notebook.{note}"))
        return missing

    # --- for the grader (hidden tests) ---------------------------------------
    def check(self, qid: str, answer: Any, tolerance: float = 0) -> None:
        """Pass when the saved answer to ``qid`` is right; fail with a short reason otherwise."""
        read = read_responses(response_path(self.exam_id, self.folder), self.exam_id)
        number = self.order.index(qid) + 1
        if qid not in read.answers:
            raise AssertionError(f"Question {number} ({qid}): no saved answer")
        question = paper_question(self.items[qid], answer, tolerance)
        if not is_right(question, read.answers[qid]):
            raise AssertionError(f"Question {number} ({qid}): the saved answer is not the right one")
