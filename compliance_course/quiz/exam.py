"""Exam mode: answers are saved to the response file the moment they are chosen."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from ..data import Question
from .choice_order import choice_order, is_order_of, key_text, learner_id
from .question_widget import QuestionWidget
from .responses import now_iso, read_responses, response_path, write_responses
from ._text import no_math


class ExamQuiz(w.VBox):
    """Exam questions without feedback; every answer is saved at once.

    Saved answers come back when the notebook is reopened or the kernel restarts.
    A damaged response file is reported above the questions, and every answer
    that can still be read is restored.

    Each learner sees every question's choices in an order of their own (seeded by
    ``learner`` and the exam, see :mod:`.choice_order`); the order is recorded in the
    response file and reused from there on every reopening.
    """

    def __init__(self, exam_id: str, questions: list[Question], *, folder: str | Path = ".",
                 content_version: str = "", learner: str | None = None):
        if not questions:
            raise ValueError(f"exam {exam_id!r} has no questions")
        self.exam_id = exam_id
        self.path = response_path(exam_id, folder)
        self.content_version = content_version
        read = read_responses(self.path, exam_id)
        self.learner = learner or read.learner or learner_id()
        self.order = {q.id: self._order(q, read.order.get(q.id)) for q in questions if q.choices
                      or q.type == "true_false"}
        self.questions = [QuestionWidget(q, mode="exam", number=i, order=self.order.get(q.id))
                          for i, q in enumerate(questions, 1)]
        known = {qw.question.id for qw in self.questions}
        self.answers = {qid: v for qid, v in read.answers.items() if qid in known}
        self.saved_at = {qid: read.saved_at.get(qid, "") for qid in self.answers}
        self.message = w.HTML(self._problems_html(read.problems if self.path.exists() else []))
        self.progress_label = w.HTML()
        for qw in self.questions:
            qid = qw.question.id
            if qid in self.answers:
                try:
                    qw.restore(self.answers[qid])
                except Exception:  # a value that no longer fits the question
                    del self.answers[qid]
            qw.on_change(self._on_question_change)
            self._show_status(qw)
        self._update_progress()
        super().__init__([self.message, *self.questions, self.progress_label])
        no_math(self)
        self.add_class("cc-exam")

    def _order(self, q: Question, recorded: list[str] | None) -> list[str]:
        """The recorded order of ``q``'s choices if it still fits the question, else this learner's own."""
        keys = [key for _, key in q.option_pairs()]
        if recorded is not None and is_order_of(recorded, keys):
            return list(recorded)
        return [key_text(k) for k in choice_order(keys, learner=self.learner, scope=self.exam_id,
                                                  question_id=q.id)]

    @staticmethod
    def _problems_html(problems: list[str]) -> str:
        if not problems:
            return ""
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        return f"<div style='color:#8a6d3b'><b>About your saved answers:</b><ul>{items}</ul></div>"

    def _show_status(self, qw: QuestionWidget) -> None:
        qid = qw.question.id
        if qid in self.answers:
            when = html.escape(readable_time(self.saved_at.get(qid, "")))
            qw.status.value = f"<span style='color:#2e7d32'>✔ Saved{' ' + when if when else ''}</span>"
        else:
            qw.status.value = "<span style='color:#777'>Not answered yet</span>"

    def _update_progress(self) -> None:
        done, total = len(self.answers), len(self.questions)
        self.progress_label.value = (f"<b>{done} of {total} answered.</b> Answers are saved to "
                                     f"<code>{html.escape(self.path.name)}</code> as you click.")
        self.progress_label.add_class("cc-exam-progress")

    def _on_question_change(self, qw: QuestionWidget) -> None:
        qid = qw.question.id
        value = qw.value
        if value is None:
            self.answers.pop(qid, None)
        else:
            self.answers[qid] = value
            self.saved_at[qid] = now_iso()
        try:
            write_responses(self.path, self.exam_id, self.answers, self.saved_at, self.content_version,
                            order=self.order, learner=self.learner)
        except OSError as exc:
            qw.status.value = f"<span style='color:#c62828'>✘ Could not save: {html.escape(str(exc))}</span>"
            return
        self.message.value = ""
        self._show_status(qw)
        self._update_progress()

    @property
    def unanswered(self) -> list[str]:
        return [qw.question.id for qw in self.questions if qw.question.id not in self.answers]


def readable_time(iso: str) -> str:
    """A saved-at time in the learner's local time zone, e.g. '30 Nov 2026, 10:05'; '' if unreadable."""
    try:
        when = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    local = when.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def exam_quiz(exam_id: str, question_ids: list[str], *, folder: str | Path = ".") -> ExamQuiz:
    """The exam widget for the listed exam questions, saving beside the notebook.

    Exam questions live in the instructor's exam bank (``$COURSE_EXAM_BANK``, else the repository's
    sample bank), not in the course data learners use.
    """
    from ..grading.bank import load_exam_course

    course = load_exam_course()
    unknown = [q for q in question_ids if q not in course.questions]
    if unknown:
        raise ValueError(f"unknown question id(s): {', '.join(unknown)}")
    return ExamQuiz(exam_id, [course.questions[q] for q in question_ids], folder=folder,
                    content_version=course.version)
