"""Exam mode: answers are saved to the response file the moment they are chosen."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from ..data import Question
from .choice_order import choice_order, draw_form, is_order_of, key_text, learner_id
from .question_widget import QuestionWidget
from .responses import now_iso, read_responses, response_path, write_responses
from ._text import no_math


class ExamQuiz(w.VBox):
    """Exam questions without feedback; every answer is saved at once.

    Saved answers come back when the notebook is reopened or the kernel restarts.
    A damaged response file is reported above the questions, and every answer
    that can still be read is restored.

    An exam is a list of slots, each a pool of parallel items (``pools``: slot id -> items);
    a plain list of questions is one slot per question. Each learner answers the item drawn
    for them from each pool (their form, :func:`.choice_order.draw_form`) and sees its choices
    in an order of their own (:mod:`.choice_order`). The learner id, the form and the orders
    are recorded in the response file.

    The learner id is the JupyterHub user, else the operating-system user. Where that is not
    the id the instructor grades under (exams handed out as zips), the learner sets it in
    :attr:`identity`; the id is kept in the response file and the questions are drawn again.
    """

    def __init__(self, exam_id: str, questions: list[Question] | None = None, *, folder: str | Path = ".",
                 content_version: str = "", learner: str | None = None,
                 pools: dict[str, list[Question]] | None = None):
        pools = dict(pools) if pools else {q.id: [q] for q in questions or []}
        if not pools or not all(pools.values()):
            raise ValueError(f"exam {exam_id!r} has no questions")
        self.exam_id = exam_id
        self.pools = pools
        self.path = response_path(exam_id, folder)
        self.content_version = content_version
        read = read_responses(self.path, exam_id)
        self._recorded_order = read.order
        self.learner = learner or read.learner or learner_id()
        self.slot_boxes = [w.VBox() for _ in pools]  # one per slot, each shown in its own cell
        self.answers = dict(read.answers)
        self.saved_at = dict(read.saved_at)
        self.message = w.HTML(self._problems_html(read.problems if self.path.exists() else []))
        self.progress_label = w.HTML()
        self.identity = self._identity_bar()
        self._draw()
        super().__init__([self.message, *self.slot_boxes, self.progress_label])
        no_math(self)
        no_math(self.identity)
        self.add_class("cc-exam")

    # --- the form ---------------------------------------------------------------------------
    def _draw(self) -> None:
        """Draw this learner's form and build the widgets of its items (answers kept for those items)."""
        ids = draw_form({s: [q.id for q in items] for s, items in self.pools.items()},
                        learner=self.learner, exam=self.exam_id)
        self.form = ids
        chosen = [next(q for q in self.pools[s] if q.id == ids[s]) for s in self.pools]
        self.order = {q.id: self._order(q, self._recorded_order.get(q.id)) for q in chosen
                      if q.choices or q.type == "true_false"}
        self.questions = [QuestionWidget(q, mode="exam", number=i, order=self.order.get(q.id))
                          for i, q in enumerate(chosen, 1)]
        known = {q.id for q in chosen}
        self.answers = {qid: v for qid, v in self.answers.items() if qid in known}
        self.saved_at = {qid: self.saved_at.get(qid, "") for qid in self.answers}
        for box, qw in zip(self.slot_boxes, self.questions):
            qid = qw.question.id
            if qid in self.answers:
                try:
                    qw.restore(self.answers[qid])
                except Exception:  # a value that no longer fits the question
                    del self.answers[qid]
            qw.on_change(self._on_question_change)
            self._show_status(qw)
            box.children = (qw,)
        self._identity_label.value = (f"This exam form is for <b>{html.escape(self.learner)}</b>.")
        self._update_progress()

    def _identity_bar(self) -> w.VBox:
        self._identity_label = w.HTML()
        self._id_text = w.Text(placeholder="the id your instructor gave you",
                               layout=w.Layout(width="18rem"), description="Your id:")
        button = w.Button(description="Use this id", tooltip="Draw the exam form for this id")
        button.on_click(self._on_set_id)
        self._identity_note = w.HTML()
        help_text = w.HTML(
            "Your questions are drawn for this id, and your exam is marked under it. If your instructor "
            "gave you a student id (for example the name of the zip file you submit), and it is not the "
            "one above, type it here and click <i>Use this id</i> <b>before</b> you answer: the id must "
            "match the name your submission is marked under, or your answers are marked against another "
            "form. Setting a new id draws your questions again and drops answers to questions you no "
            "longer have.")
        return w.VBox([self._identity_label, help_text, w.HBox([self._id_text, button]), self._identity_note])

    def set_learner(self, new_id: str) -> None:
        """Draw the form for ``new_id`` (the id the instructor grades under) and save it at once."""
        new_id = new_id.strip()
        if not new_id or len(new_id) > 100 or any(c in new_id for c in "/\\") or not new_id.isprintable():
            self._identity_note.value = ("<span style='color:#c62828'>✘ An id is one short line of text "
                                         "without slashes.</span>")
            return
        if new_id == self.learner:
            self._identity_note.value = "This is already your id."
            return
        before = len(self.answers)
        self.learner = new_id
        self._recorded_order = {}
        self._draw()
        dropped = before - len(self.answers)
        self._save()
        note = f" {dropped} answer(s) to questions you no longer have were dropped." if dropped else ""
        self._identity_note.value = f"✔ Your questions were drawn for {html.escape(new_id)}.{note}"

    def _on_set_id(self, _button) -> None:
        self.set_learner(self._id_text.value)

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
            qw.status.value = "<span style='color:#595959'>Not answered yet</span>"

    def _update_progress(self) -> None:
        done, total = len(self.answers), len(self.questions)
        self.progress_label.value = (f"<b>{done} of {total} answered.</b> Answers are saved to "
                                     f"<code>{html.escape(self.path.name)}</code> as you click.")
        self.progress_label.add_class("cc-exam-progress")

    def _save(self) -> None:
        write_responses(self.path, self.exam_id, self.answers, self.saved_at, self.content_version,
                        order=self.order, learner=self.learner, form=self.form)

    def _on_question_change(self, qw: QuestionWidget) -> None:
        qid = qw.question.id
        value = qw.value
        if value is None:
            self.answers.pop(qid, None)
        else:
            self.answers[qid] = value
            self.saved_at[qid] = now_iso()
        try:
            self._save()
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
