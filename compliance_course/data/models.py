"""Typed models of the course content.

YAML in ``course_data/`` is read once, validated here, and the rest of the
package only ever sees these objects, never raw dictionaries.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

NonEmpty = Field(min_length=1)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Module(_Strict):
    """One lesson of the course, as listed in ``course_data/modules.yaml``."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    number: int = Field(ge=0)
    title: str = NonEmpty
    framework: str = NonEmpty
    notebook: str = Field(pattern=r"^\d\d_[a-z0-9_]+\.ipynb$")
    minutes: int = Field(gt=0)
    purpose: str = NonEmpty
    who_asks: str = NonEmpty


class Fact(_Strict):
    """A checked fact with its primary source.

    ``effective`` is the date the rule the fact states takes (or took) effect and
    ``until`` the date it stops applying; both are absent for facts that do not
    turn on a date.

    ``confidence`` says how sure we are: ``primary`` (checked against the
    regulation, statute or issuer's document), ``secondary`` (checked against a
    source that quotes the primary), ``from-knowledge`` (not yet checked; shown
    to learners with that label).
    """

    module: str
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    statement: str = NonEmpty
    value: Any = None
    unit: str | None = None
    source: str = NonEmpty
    url: str | None = None
    as_of: dt.date | None = None
    confidence: Literal["primary", "secondary", "from-knowledge"]
    effective: dt.date | None = None
    until: dt.date | None = None
    tags: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _until_after_effective(self) -> "Fact":
        if self.effective and self.until and self.until <= self.effective:
            raise ValueError(f"until: {self.until.isoformat()} is not after effective "
                             f"{self.effective.isoformat()}")
        return self

    def applies_on(self, day: dt.date) -> bool:
        """Whether the rule this fact states is in force on ``day`` (no dates: always)."""
        return ((self.effective is None or self.effective <= day)
                and (self.until is None or day < self.until))


class Choice(_Strict):
    key: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    text: str = NonEmpty
    feedback: str | None = None


QUESTION_TYPES = ("single_choice", "multiple_select", "true_false", "numeric")


class Question(_Strict):
    """One question of the bank; practice sets and exams are both drawn from it.

    ``rests_on`` lists the ids of facts the keyed answer depends on, so that a
    change in one of those facts (a rule taking effect) shows which items to review.

    ``slot`` (exam items only, e.g. ``hipaa-slot-baa``) puts the item in a pool of parallel
    items: every learner's exam form takes one item of each slot (see
    :mod:`compliance_course.grading.forms`). Items of one slot are parallel: same module,
    ``objective`` text, ``difficulty``, ``type`` and ``points``. A module exam asks every slot
    of its module, in the order each slot first appears in the bank file; the final exam asks
    the first ``per_module`` slots of each module (``course_data/exams.yaml``). Those rules, and
    "at least three items per slot", are checked by a test over the bank
    (``tests/content/test_exam_forms.py``), not at load, so a bank can be filled in gradually.
    A practice item has no slot.
    """

    module: str
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    type: Literal["single_choice", "multiple_select", "true_false", "numeric"]
    prompt: str = NonEmpty
    choices: tuple[Choice, ...] = ()
    answer: bool | float | int | str | tuple[str, ...]
    tolerance: float = Field(default=0, ge=0)
    explanation: str = NonEmpty
    source: str = NonEmpty
    objective: str = NonEmpty
    difficulty: Literal["easy", "medium", "hard"]
    use: Literal["practice", "exam"]
    points: int = Field(default=1, gt=0)
    scenario: str | None = None
    slot: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    rests_on: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @field_validator("answer", mode="before")
    @classmethod
    def _lists_become_tuples(cls, value: Any) -> Any:
        return tuple(value) if isinstance(value, list) else value

    @model_validator(mode="after")
    def _answer_fits_type(self) -> "Question":
        if self.slot is not None and self.use != "exam":
            raise ValueError(f"slot: {self.slot!r} on a practice item; only exam items have a slot "
                             "(remove it, or make the item use: exam)")
        keys = [c.key for c in self.choices]
        if len(set(keys)) != len(keys):
            raise ValueError(f"choices: duplicate key among {keys}")
        if self.type in ("single_choice", "multiple_select") and len(keys) < 2:
            raise ValueError(f"choices: a {self.type} question needs at least two choices")
        if self.type == "single_choice":
            if not isinstance(self.answer, str):
                raise ValueError("answer: a single_choice answer is one choice key")
            if self.answer not in keys:
                raise ValueError(f"answer: {self.answer!r} is not one of the choices {keys}")
        elif self.type == "multiple_select":
            if not isinstance(self.answer, tuple) or not self.answer:
                raise ValueError("answer: a multiple_select answer is a non-empty list of choice keys")
            missing = [a for a in self.answer if a not in keys]
            if missing:
                raise ValueError(f"answer: {missing} not among the choices {keys}")
        elif self.type == "true_false":
            if not isinstance(self.answer, bool):
                raise ValueError("answer: a true_false answer is true or false")
            if keys:
                raise ValueError("choices: a true_false question has no choices (True/False are implied)")
        else:  # numeric
            if isinstance(self.answer, (bool, str, tuple)):
                raise ValueError("answer: a numeric answer is a number")
            if keys:
                raise ValueError("choices: a numeric question has no choices")
        return self

    def option_pairs(self) -> list[tuple[str, Any]]:
        """(label, value) pairs for a widget: choice text with its key, or True/False."""
        if self.type == "true_false":
            return [("True", True), ("False", False)]
        return [(c.text, c.key) for c in self.choices]

    def is_correct(self, response: Any) -> bool:
        """Whether ``response`` (a key, a collection of keys, a bool or a number) is right."""
        if response is None:
            return False
        if self.type == "single_choice":
            return response == self.answer
        if self.type == "multiple_select":
            if isinstance(response, str):
                return False
            return set(response) == set(self.answer)
        if self.type == "true_false":
            return isinstance(response, bool) and response is self.answer
        try:
            number = float(response)
        except (TypeError, ValueError):
            return False
        return abs(number - float(self.answer)) <= self.tolerance

    def answer_text(self) -> str:
        """The right answer in words, for feedback after grading."""
        if self.type == "true_false":
            return "True" if self.answer else "False"
        if self.type == "numeric":
            tol = f" (± {self.tolerance:g})" if self.tolerance else ""
            return f"{self.answer:g}{tol}"
        by_key = {c.key: c.text for c in self.choices}
        keys = self.answer if isinstance(self.answer, tuple) else (self.answer,)
        return "; ".join(f"{k}. {by_key[k]}" for k in keys)


class Scenario(_Strict):
    """A situation the learner decides, with the answer a decision engine reproduces.

    ``use: exam`` keeps a scenario out of notebooks and workshops, for exam questions
    that must not have been seen in practice.

    ``rests_on`` lists the ids of facts the scenario depends on (see Question).

    ``engine`` names a function in ``compliance_course.decisions`` as
    ``"<module>.<function>"``; calling it with ``inputs`` as keyword arguments
    must give a Decision whose ``answer`` equals ``expected`` (a test checks).
    """

    module: str
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = NonEmpty
    situation: str = NonEmpty
    question: str = NonEmpty
    engine: str = Field(pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$")
    inputs: dict[str, Any]
    expected: Any
    options: tuple[str, ...] = ()
    explanation: str = NonEmpty
    source: str = NonEmpty
    use: Literal["practice", "exam"] = "practice"
    rests_on: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _expected_among_options(self) -> "Scenario":
        if self.options and format_answer(self.expected) not in self.options:
            raise ValueError(f"options: the expected answer {format_answer(self.expected)!r} "
                             f"is not one of the options {list(self.options)}")
        return self

    @property
    def expected_option(self) -> str:
        return format_answer(self.expected)


def format_answer(value: Any) -> str:
    """How an engine's answer is shown as a scenario option: Yes/No, sorted sets, ISO dates."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (set, frozenset, list, tuple)):
        return ", ".join(sorted(str(v) for v in value)) or "none"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class Misconception(_Strict):
    claim: str = NonEmpty
    correction: str = NonEmpty
    source: str = NonEmpty


class Lesson(_Strict):
    """What a module teaches, for the notebook header and the facilitator guide."""

    objectives: tuple[str, ...] = Field(min_length=1)
    questions: tuple[str, ...] = ()
    key_points: tuple[str, ...] = Field(min_length=1)
    misconceptions: tuple[Misconception, ...] = ()
    discussion_prompts: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)


class Table(_Strict):
    """A reference table in ``course_data/tables/`` and where it came from."""

    file: str = Field(pattern=r"^[a-z0-9_]+\.csv$")
    title: str = NonEmpty
    source: str = NonEmpty
    caveats: str | None = None
