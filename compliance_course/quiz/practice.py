"""A practice set: questions with instant feedback, a running score and a summary."""
from __future__ import annotations

import time

import ipywidgets as w

from .. import progress
from ..data import Question, load_course
from .question_widget import QuestionWidget


class PracticeQuiz(w.VBox):
    """Several practice questions with a running score.

    The score counts questions whose latest checked answer is right. When every
    question has been checked once, a summary appears and the result is added to
    the learner's progress record (once per set).
    """

    def __init__(self, questions: list[Question], *, module: str, record_progress: bool = True):
        if not questions:
            raise ValueError(f"no practice questions found for module {module!r}")
        self.module = module
        self.record_progress = record_progress
        self.recorded: dict | None = None
        self._started = time.monotonic()
        self.questions = [QuestionWidget(q, mode="practice", number=i) for i, q in enumerate(questions, 1)]
        self.score_label = w.HTML()
        self.summary = w.HTML()
        for qw in self.questions:
            qw.on_check(self._on_question_check)
        self._update()
        super().__init__([*self.questions, self.score_label, self.summary])
        self.add_class("cc-practice")

    @property
    def score(self) -> int:
        return sum(1 for qw in self.questions if qw.correct)

    @property
    def checked(self) -> int:
        return sum(1 for qw in self.questions if qw.correct is not None)

    def _update(self) -> None:
        total = len(self.questions)
        self.score_label.value = (f"<b>Score: {self.score} / {total}</b> right "
                                  f"({self.checked} of {total} checked)")

    def _on_question_check(self, _qw: QuestionWidget) -> None:
        self._update()
        if self.checked == len(self.questions) and self.recorded is None:
            self._finish()

    def _finish(self) -> None:
        total = len(self.questions)
        minutes = (time.monotonic() - self._started) / 60
        missed = [qw for qw in self.questions if not qw.correct]
        lines = [f"<h4>Set complete: {self.score} of {total} right in {minutes:.0f} min.</h4>"]
        if missed:
            lines.append("Worth another look: " + ", ".join(
                f"question {self.questions.index(qw) + 1} ({qw.question.objective})" for qw in missed))
        else:
            lines.append("Every answer right. Well done.")
        self.summary.value = "<br>".join(lines)
        self.recorded = {"module": self.module, "score": self.score, "total": total}
        if self.record_progress:
            self.recorded = progress.record(self.module, self.score, total)


def practice_quiz(module: str, *, tag: str | None = None, ids: list[str] | None = None,
                  limit: int | None = None, record_progress: bool = True) -> PracticeQuiz:
    """A practice set from the question bank.

    ``module`` picks the module's practice questions; ``tag`` narrows them;
    ``ids`` picks exact questions (in that order) instead; ``limit`` keeps the first N.
    """
    course = load_course()
    if ids is not None:
        unknown = [i for i in ids if i not in course.questions]
        if unknown:
            raise ValueError(f"unknown question id(s): {', '.join(unknown)}")
        questions = [course.questions[i] for i in ids]
        exam_items = [q.id for q in questions if q.use == "exam"]
        if exam_items:
            raise ValueError(f"exam questions are never used in practice: {', '.join(exam_items)}")
    else:
        questions = course.questions_for(module, use="practice", tag=tag)
    return PracticeQuiz(questions[:limit] if limit else questions, module=module,
                        record_progress=record_progress)
