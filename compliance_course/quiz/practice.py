"""A practice set: questions with instant feedback, a running score and a summary."""
from __future__ import annotations

import html
import time

import ipywidgets as w

from .. import progress
from ..data import Question, load_course
from .question_widget import QuestionWidget
from .sections import Section, section_for, section_showing
from ._text import no_math


class PracticeQuiz(w.VBox):
    """Several practice questions with a running score.

    The score counts questions answered right at the first try; a question put right
    at a later try is shown as such, and neither it nor one whose answer was shown counts. When every
    question has been tried once, a summary appears, with a link to the section behind
    each question worth another look, and the result is added to the learner's
    progress record (once per set).
    """

    def __init__(self, questions: list[Question], *, module: str, record_progress: bool = True,
                 sections: dict[str, Section] | None = None, notebook: str | None = None):
        if not questions:
            raise ValueError(f"no practice questions found for module {module!r}")
        self.module = module
        self.record_progress = record_progress
        self.recorded: dict | None = None
        self._started = time.monotonic()
        self._minutes = 0.0
        sections = sections or {}
        self.questions = [QuestionWidget(q, mode="practice", number=i, section=sections.get(q.id),
                                         notebook=notebook)
                          for i, q in enumerate(questions, 1)]
        self.notebook = notebook
        self.score_label = w.HTML()
        self.summary = w.HTML()
        self.summary.add_class("cc-summary")  # announced to screen readers (see controls.py)
        for qw in self.questions:
            qw.on_check(self._on_question_check)
        self._update()
        super().__init__([*self.questions, self.score_label, self.summary])
        no_math(self)
        self.add_class("cc-practice")

    @property
    def score(self) -> int:
        """Questions right at the first try."""
        return sum(1 for qw in self.questions if qw.first_correct)

    @property
    def checked(self) -> int:
        """Questions tried at least once (or whose answer was shown)."""
        return sum(1 for qw in self.questions if qw.first_correct is not None)

    @property
    def corrected(self) -> list[QuestionWidget]:
        return [qw for qw in self.questions if qw.corrected]

    def _update(self) -> None:
        total = len(self.questions)
        corrected = len(self.corrected)
        later = f"; {corrected} right at a later try, not counted" if corrected else ""
        self.score_label.value = (f"<b>Score: {self.score} / {total}</b> right at the first try "
                                  f"({self.checked} of {total} tried{later})")

    def _on_question_check(self, _qw: QuestionWidget) -> None:
        self._update()
        if self.checked == len(self.questions) and self.recorded is None:
            self._finish()
        elif self.recorded is not None:
            self._write_summary()

    def _item_html(self, qw: QuestionWidget) -> str:
        number = self.questions.index(qw) + 1
        item = (f"<a href='#{html.escape(qw.anchor)}'>Question {number}</a> "
                f"({html.escape(qw.question.objective)})")
        if qw.first_correct is False:
            item += f": {qw.outcome}"
        if qw.section is not None:
            item += f". {qw.section.link_html(self.notebook)}"
        return f"<li>{item}</li>"

    def _write_summary(self) -> None:
        total = len(self.questions)
        took = "under a minute" if self._minutes < 1 else f"{self._minutes:.0f} min"
        lines = [f"<h4>Set complete: {self.score} of {total} right at the first try in {took}.</h4>"]
        missed = [qw for qw in self.questions if not qw.first_correct]
        if missed:
            lines.append("<p>Worth another look:</p><ul>" + "".join(self._item_html(qw) for qw in missed)
                         + "</ul>")
        else:
            lines.append("<p>Every answer right at the first try. Well done.</p>")
        self.summary.value = "".join(lines)

    def _finish(self) -> None:
        self._minutes = (time.monotonic() - self._started) / 60
        self._write_summary()
        total = len(self.questions)
        self.recorded = {"module": self.module, "score": self.score, "total": total}
        if self.record_progress:
            self.recorded = progress.record(self.module, self.score, total)


def practice_sections(questions: list[Question], module: str) -> tuple[dict[str, Section], str | None]:
    """Each question's section in the module's notebook, and that notebook's file name."""
    course = load_course()
    if module not in course.modules:
        return {}, None
    notebook = course.modules[module].notebook
    fact_tags = {f.id: f.tags for f in course.facts.values()}
    found = {}
    for q in questions:
        owner = course.modules.get(q.module)
        section = section_for(q, owner.notebook if owner else notebook, fact_tags=fact_tags)
        if section is None:  # taught in the module its facts come from
            for fact in filter(None, map(course.facts.get, q.rests_on)):
                home = course.modules.get(fact.module)
                section = section_showing(fact.id, home.notebook, tags=fact.tags) if home else None
                if section is not None:
                    break
        if section is not None:
            found[q.id] = section
    return found, notebook


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
    questions = questions[:limit] if limit else questions
    sections, notebook = practice_sections(questions, module)
    return PracticeQuiz(questions, module=module, record_progress=record_progress, sections=sections,
                        notebook=notebook)
