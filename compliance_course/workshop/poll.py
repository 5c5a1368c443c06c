"""Live team poll: participants' scenario answers in a shared folder, tallied for the room.

Layout of the poll folder (named by ``$COURSE_POLL_DIR`` or an argument)::

    <folder>/<scenario id>__<participant>.json

one file per participant and question. A participant who answers again
replaces their own file, so the latest answer wins and nobody is counted
twice. Each file is written to a temporary name first and then renamed into
place (``storage.atomic_write_json``), so a reader never sees half a file and
thirty people answering in the same second cannot lose an answer: they write
thirty different files. Files are made readable by others (mode 0644) before
the rename, so the facilitator, a different user on a shared hub, can read them.

The reader skips hidden files (the temporary files of writes in progress) and
reports every other file it cannot use: foreign names, malformed JSON, records
whose content does not match their file name, unknown scenarios, answers
that are not among a scenario's options.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..data import Course, Scenario, load_course
from ..errors import CourseError
from ..storage import atomic_write_json

ENV_VAR = "COURSE_POLL_DIR"
KIND = "compliance-course-poll"
SEPARATOR = "__"
_FILE = re.compile(r"^(?P<question>[a-z0-9][a-z0-9-]*)__(?P<participant>[a-z0-9][a-z0-9.-]*)\.json$")


class PollError(ValueError, CourseError):
    """The poll cannot be used as asked (no folder, unknown scenario, answer not an option)."""


class PollAnswer(BaseModel):
    """One participant's answer to one scenario, as stored in the poll folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(pattern=f"^{KIND}$")
    version: int = Field(ge=1, le=1)
    question: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    participant: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$", max_length=40)
    answer: str = Field(min_length=1)
    answered_at: dt.datetime


def poll_folder(folder: str | Path | None = None) -> Path:
    """The poll folder: the argument, else ``$COURSE_POLL_DIR``; PollError if neither is set."""
    value = folder if folder not in (None, "") else os.environ.get(ENV_VAR, "")
    if not value:
        raise PollError(f"no poll folder: set the environment variable {ENV_VAR} to a folder every "
                        "participant can write to (your facilitator gives you its path), "
                        "or pass folder=...")
    return Path(value).expanduser()


def sanitise_participant(name: str) -> str:
    """A participant name made safe for a file name: lower case a-z, 0-9, '.', '-', at most 40 characters.

    ``"Zoë O'Brien"`` becomes ``"zoe-o-brien"``. PollError if nothing usable is left.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9.]+", "-", text)
    text = re.sub(r"\.{2,}", ".", text).strip(".-")[:40].rstrip(".-")
    if not text:
        raise PollError(f"participant name {name!r} has no letters or digits; type your name")
    return text


def default_participant() -> str:
    """Who is answering: the hub user name if running on JupyterHub, else the login name."""
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


def answer_path(folder: str | Path, question: str, participant: str) -> Path:
    return Path(folder) / f"{question}{SEPARATOR}{sanitise_participant(participant)}.json"


def submit_answer(scenario: Scenario | str, answer: str, participant: str | None = None, *,
                  folder: str | Path | None = None, course: Course | None = None,
                  when: dt.datetime | None = None) -> Path:
    """Record ``participant``'s ``answer`` to a scenario in the poll folder and return the file.

    ``answer`` must be one of the scenario's options. Answering again replaces the earlier answer.
    """
    if isinstance(scenario, str):
        scenarios = (course or load_course()).scenarios
        if scenario not in scenarios:
            raise PollError(f"unknown scenario {scenario!r}")
        scenario = scenarios[scenario]
    if scenario.options and answer not in scenario.options:
        raise PollError(f"{answer!r} is not an option of scenario {scenario.id!r}; "
                        f"choose one of: {', '.join(scenario.options)}")
    who = sanitise_participant(participant or default_participant())
    record = PollAnswer(kind=KIND, version=1, question=scenario.id, participant=who, answer=answer,
                        answered_at=when or dt.datetime.now(dt.timezone.utc))
    target = poll_folder(folder)
    target.mkdir(parents=True, exist_ok=True)
    return atomic_write_json(answer_path(target, scenario.id, who), record.model_dump(mode="json"), mode=0o644)


@dataclass
class PollResults:
    """What the poll folder holds: usable answers (one per participant and question) and skipped files."""

    folder: Path
    answers: pd.DataFrame
    problems: list[tuple[str, str]] = field(default_factory=list)

    def for_question(self, question: str) -> pd.DataFrame:
        return self.answers[self.answers["question"] == question]

    def counts(self, scenario: Scenario) -> pd.Series:
        """Votes per option, in the scenario's option order (zeros included)."""
        chosen = self.for_question(scenario.id)["answer"].value_counts()
        options = list(scenario.options) or sorted(chosen.index)
        return pd.Series([int(chosen.get(o, 0)) for o in options], index=options, name=scenario.id, dtype=int)

    def summary(self, scenarios: list[Scenario]) -> pd.DataFrame:
        """One row per scenario: responses, how many chose the right option, and the share right."""
        rows = []
        for s in scenarios:
            votes = self.counts(s)
            total = int(votes.sum())
            right = int(votes.get(s.expected_option, 0))
            rows.append({"scenario": s.id, "title": s.title, "responses": total, "right": right,
                         "percent_right": round(100 * right / total, 1) if total else None,
                         "most_chosen": votes.idxmax() if total else ""})
        return pd.DataFrame(rows, columns=["scenario", "title", "responses", "right", "percent_right",
                                           "most_chosen"])


COLUMNS = ["question", "participant", "answer", "answered_at", "file"]


def read_poll(folder: str | Path | None = None, *, course: Course | None = None) -> PollResults:
    """Tally the poll folder. Each participant counts once per question (latest answer wins).

    Every file that cannot be used is listed in ``problems`` as (file name, reason) and skipped;
    with ``course`` given, answers to unknown scenarios or outside a scenario's options are too.
    """
    target = poll_folder(folder)
    problems: list[tuple[str, str]] = []
    latest: dict[tuple[str, str], dict] = {}
    if not target.is_dir():
        raise PollError(f"poll folder {target} does not exist; create it or check {ENV_VAR}")
    for path in sorted(target.iterdir()):
        name = path.name
        if name.startswith("."):
            continue  # a write in progress (atomic_write_json's temporary file) or a hidden file
        match = _FILE.match(name)
        if not match or not path.is_file():
            problems.append((name, "not a poll answer file (expected <scenario>__<participant>.json)"))
            continue
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            record = PollAnswer.model_validate(raw)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append((name, f"unreadable or malformed JSON: {exc}"))
            continue
        except ValidationError as exc:
            first = exc.errors()[0]
            problems.append((name, f"not a poll answer: {'.'.join(map(str, first['loc']))}: {first['msg']}"))
            continue
        if (record.question, record.participant) != (match["question"], match["participant"]):
            problems.append((name, f"content is for {record.question}{SEPARATOR}{record.participant}, "
                                   "not this file name"))
            continue
        if course is not None:
            scenario = course.scenarios.get(record.question)
            if scenario is None:
                problems.append((name, f"unknown scenario {record.question!r}"))
                continue
            if scenario.options and record.answer not in scenario.options:
                problems.append((name, f"answer {record.answer!r} is not an option of {record.question!r}"))
                continue
        key = (record.question, record.participant)
        row = {"question": record.question, "participant": record.participant, "answer": record.answer,
               "answered_at": record.answered_at, "file": name}
        if key not in latest or row["answered_at"] >= latest[key]["answered_at"]:
            latest[key] = row
    frame = pd.DataFrame(list(latest.values()), columns=COLUMNS)
    return PollResults(target, frame.sort_values(["question", "participant"], ignore_index=True), problems)
