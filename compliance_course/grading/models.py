"""What each certification exam contains: ``course_data/exams.yaml``, validated.

The file names exams, not questions: questions stay in ``course_data/questions/``
(their one source of truth) and an exam selects them by module::

    defaults:
      pass_threshold: 0.8          # share of the maximum needed to pass
      written:                     # used by a module exam that has no written prompt of its own
        id: written
        prompt: "... {framework} ..."   # {framework} and {title} are filled in from modules.yaml
        points: 2
        rubric: [{points: 1, criterion: "..."}]
    exams:
      - id: hipaa_exam             # nbgrader assignment name; answers go to hipaa_exam.responses.json
        title: "HIPAA certification exam"
        modules: [hipaa]           # or: all
        per_module: 0              # 0 = every slot of each module; N = the module's first N slots
        pass_threshold: 0.8        # optional, overrides the default
        written: {id, prompt, points, rubric}

An exam is a list of slots (:mod:`.forms`): pools of parallel exam items, in the order
each slot first appears in the module's bank file. A module exam asks every slot of its
module; an exam with ``per_module: N`` (the final exam) asks the first N slots of each
module. Each learner answers one item per slot, drawn for them.

Every module that has exam questions and no exam of its own gets one
automatically (``<module>_exam``, titled from modules.yaml, with the default
written prompt), so exams follow the question bank as modules grow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..data import Course, Question
from ..data.loader import load_yaml_model
from ..errors import CourseDataError
from .forms import Slot, slots_of

EXAMS_FILE = "exams.yaml"
ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RubricItem(_Strict):
    """One thing a grader looks for in the written answer, and what it is worth."""

    points: int = Field(gt=0)
    criterion: str = Field(min_length=1)


class Written(_Strict):
    """The short, manually graded written answer of an exam."""

    id: str = Field(pattern=ID_PATTERN)
    prompt: str = Field(min_length=1)
    points: int = Field(gt=0)
    rubric: tuple[RubricItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rubric_adds_up(self) -> "Written":
        total = sum(r.points for r in self.rubric)
        if total != self.points:
            raise ValueError(f"rubric: the criteria add up to {total} points, the answer is worth {self.points}")
        return self

    def filled(self, **values: str) -> "Written":
        """The prompt and rubric with ``{framework}``/``{title}`` placeholders filled in."""
        def fill(text: str) -> str:
            return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)
        return Written(id=self.id, prompt=fill(self.prompt), points=self.points,
                       rubric=tuple(RubricItem(points=r.points, criterion=fill(r.criterion))
                                    for r in self.rubric))


class ExamSpec(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    modules: Literal["all"] | tuple[str, ...]
    per_module: int = Field(default=0, ge=0)
    pass_threshold: float | None = Field(default=None, gt=0, le=1)
    written: Written | None = None


class Defaults(_Strict):
    pass_threshold: float = Field(gt=0, le=1)  # no default here: exams.yaml is the one place the pass mark is set
    written: Written


class ExamsFile(_Strict):
    defaults: Defaults
    exams: tuple[ExamSpec, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> "ExamsFile":
        ids = [e.id for e in self.exams]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"exams: duplicate exam id(s) {dupes}")
        return self


@dataclass(frozen=True)
class Exam:
    """An exam resolved against the question bank: its slots (every pool, so every item the notebook holds)."""

    id: str
    title: str
    modules: tuple[str, ...]
    slots: tuple[Slot, ...]
    written: Written
    pass_threshold: float
    content_version: str

    @property
    def pass_percent(self) -> str:
        """The pass mark as learners read it, in percent: "80"."""
        return pass_percent(self.pass_threshold)

    def passes(self, score: float, max_score: float) -> bool:
        return passes(score, max_score, self.pass_threshold)

    @property
    def notebook(self) -> str:
        return f"{self.id}.ipynb"

    @property
    def responses_file(self) -> str:
        return f"{self.id}.responses.json"

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every item of every slot, slot by slot (what the released notebook holds)."""
        return tuple(q for s in self.slots for q in s.items)

    @property
    def max_score(self) -> float:
        return float(sum(s.points for s in self.slots) + self.written.points)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def slot(self, sid: str) -> Slot:
        for s in self.slots:
            if s.id == sid:
                return s
        raise KeyError(sid)


def load_exams_file(course: Course) -> ExamsFile:
    """Read and validate ``exams.yaml`` beside the rest of the course data."""
    return load_yaml_model(Path(course.root) / EXAMS_FILE, ExamsFile,
                           missing="it describes the certification exams")


def pass_percent(threshold: float) -> str:
    """A pass mark (a share of the maximum) in percent, as every text shows it: 0.8 -> "80", 0.875 -> "87.5"."""
    return f"{100 * threshold:g}"


def passes(score: float, max_score: float, threshold: float) -> bool:
    """The grading verdict: at least ``threshold`` of the maximum (a rounding error short still passes)."""
    return score >= threshold * max_score - 1e-9


def pass_threshold(course: Course, exam: str = "exam") -> float:
    """The pass mark of ``exam`` from ``exams.yaml`` as a share: the exam's own, else the default.

    ``"exam"`` names the default (what a lesson says of every certification exam); an exam that
    exams.yaml does not list (a module's automatic ``<module>_exam``) has the default too.
    KeyError for any other name."""
    spec = load_exams_file(course)
    if exam == "exam":
        return spec.defaults.pass_threshold
    listed = {e.id: e for e in spec.exams}
    if exam in listed:
        return _threshold(spec, listed[exam])
    if exam.endswith("_exam") and exam[:-len("_exam")] in course.modules:
        return spec.defaults.pass_threshold
    raise KeyError(f"no exam {exam!r} in {EXAMS_FILE}; 'exam' names the default pass mark, "
                   f"listed exams: {', '.join(listed) or 'none'}")


def _threshold(spec: ExamsFile, exam: ExamSpec) -> float:
    return exam.pass_threshold if exam.pass_threshold is not None else spec.defaults.pass_threshold


def _select(questions: list[Question], per_module: int) -> list[Slot]:
    """The module's slots (order of first appearance in the bank file), or its first ``per_module`` of them."""
    slots = slots_of(questions)
    return slots if per_module == 0 else slots[:per_module]


def resolve_exams(course: Course, spec: ExamsFile | None = None) -> list[Exam]:
    """Every exam, its questions drawn from the bank; raise CourseDataError listing all problems.

    Problems: an unknown module, an exam without a scenario question. An exam whose modules
    have no exam questions yet is left out (modules are written in parallel).
    """
    spec = spec or load_exams_file(course)
    where = f"{Path(course.root).name}/{EXAMS_FILE}"
    problems: list[str] = []
    exams: list[Exam] = []
    own = {e.modules[0] for e in spec.exams if e.modules != "all" and len(e.modules) == 1}
    auto = [ExamSpec(id=f"{m}_exam", title=f"{course.modules[m].title}: certification exam", modules=(m,))
            for m in course.modules
            if m not in own and course.questions_for(m, use="exam")]
    taken = {e.id for e in spec.exams}
    for e in auto:
        if e.id in taken:
            problems.append(f"{where}: exam {e.id!r}: id is reserved for the automatic exam of module "
                            f"{e.modules[0]!r}; list that module under the exam or rename it")
    for e in [*spec.exams, *auto]:
        modules = tuple(course.modules) if e.modules == "all" else e.modules
        unknown = [m for m in modules if m not in course.modules]
        if unknown:
            problems.append(f"{where}: exam {e.id!r}: unknown module(s) {unknown}; known: {', '.join(course.modules)}")
            continue
        slots = [s for m in modules for s in _select(course.questions_for(m, use="exam"), e.per_module)]
        if not slots:  # a module still being written: no exam until it has exam questions
            continue
        ids = [s.id for s in slots]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            problems.append(f"{where}: exam {e.id!r}: slot(s) {twice} hold items of more than one module; "
                            "a slot belongs to one module")
        if not any(q.scenario for s in slots for q in s.items):
            problems.append(f"{where}: exam {e.id!r}: needs at least one scenario question "
                            f"(a question with 'scenario: <id>')")
        first = course.modules[modules[0]]
        framework = first.framework if len(modules) == 1 else "these frameworks"
        written = (e.written or spec.defaults.written).filled(framework=framework, title=e.title)
        exams.append(Exam(id=e.id, title=e.title, modules=modules, slots=tuple(slots),
                          written=written, pass_threshold=_threshold(spec, e), content_version=course.version))
    if problems:
        raise CourseDataError("\n".join(problems))
    return exams
