"""Facilitator data that the lesson model does not hold, validated once.

Read from ``course_data/workshop.yaml``: how a workshop is timed, what to do
when the room disagrees, and per module the audience and an opening question.
Everything a learner also sees (objectives, scenarios, key points,
misconceptions, prompts) stays in the lesson and scenario files, so the guide
cannot drift from the notebooks.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..data import load_course
from ..data.loader import default_root, load_yaml_model
from ..errors import CourseDataError

WORKSHOP_LENGTHS = (60, 90)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Timing(_Strict):
    """Minutes per part of a workshop; the agenda is computed from these."""

    opening: dict[int, int] = Field(description="minutes of opening, by workshop length")
    debrief: dict[int, int] = Field(description="minutes of debrief, by workshop length")
    break_minutes: dict[int, int] = Field(default_factory=dict,
                                          description="a comfort break, by workshop length (0 = none)")
    round_minutes: int = Field(gt=0, description="one scenario round: read, vote, reveal, discuss")
    teach_share: float = Field(gt=0, le=1, description="share of the module's self-paced minutes taught live")
    min_teach: int = Field(gt=0, description="the teach block never gets less than this")
    min_discussion: int = Field(gt=0, description="leftover time shorter than this goes to the debrief")

    @model_validator(mode="after")
    def _every_length_covered(self) -> "Timing":
        for name in ("opening", "debrief"):
            missing = [n for n in WORKSHOP_LENGTHS if n not in getattr(self, name)]
            if missing:
                raise ValueError(f"{name}: no minutes given for a {missing[0]}-minute workshop")
        return self


class ModuleWorkshop(_Strict):
    """Facilitator notes for one module."""

    audience: str = Field(min_length=1, description="who should be in the room")
    opening_question: str = Field(min_length=1, description="a question to open with, answered by show of hands")
    prepare: tuple[str, ...] = Field(default=(), description="module-specific preparation")
    rounds: tuple[str, ...] = Field(default=(), description="scenario ids to run first, in this order; "
                                    "the module's other scenarios follow as spares")
    room_disagrees: tuple[str, ...] = Field(default=(), description="module-specific advice, added to the general steps")


class WorkshopData(_Strict):
    group_size: tuple[int, int] = Field(description="smallest and largest group the kit is designed for")
    prepare: tuple[str, ...] = Field(min_length=1, description="preparation for every workshop")
    room_disagrees: tuple[str, ...] = Field(min_length=1, description="general steps when the room disagrees")
    timing: Timing
    modules: dict[str, ModuleWorkshop] = Field(default_factory=dict)


def workshop_path(root: str | Path | None = None) -> Path:
    return (Path(root) if root else default_root()) / "workshop.yaml"


def load_workshop(root: str | Path | None = None) -> WorkshopData:
    """Read and validate ``workshop.yaml``; raise CourseDataError naming the file and field.

    Module ids must be modules of the course in the same folder.
    """
    path = workshop_path(root)
    rel = f"{path.parent.name}/{path.name}"
    data = load_yaml_model(path, WorkshopData,
                           missing="the workshop kit needs timing and facilitator notes here")
    known = load_course(path.parent).modules
    unknown = [m for m in data.modules if m not in known]
    if unknown:
        raise CourseDataError(f"{rel}: modules: unknown module {unknown[0]!r}; known: {', '.join(known)}")
    scenarios = load_course(path.parent).scenarios
    for module, notes in data.modules.items():
        for sid in notes.rounds:
            if sid not in scenarios or scenarios[sid].module != module:
                raise CourseDataError(f"{rel}: modules.{module}.rounds: {sid!r} is not a scenario of module "
                                      f"{module!r}")
    return data
