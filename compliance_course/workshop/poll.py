"""Live team poll: participants' scenario answers in a shared folder, tallied for the room.

Who answered is never read from a file: it is the operating-system account that owns the
participant's folder and answer files. Layout of the poll folder (``$COURSE_POLL_DIR`` or an argument)::

    <folder>/                         the facilitator's: participants can read it but not write to it
    <folder>/.reset                   written by ``poll-reset``: answers saved before it no longer count
    <folder>/<uid>/                   one per participant, owned by that uid (the hub creates it at spawn)
    <folder>/<uid>/<scenario id>.json that participant's answer to one scenario

A participant can write only in their own ``<uid>/`` folder, so nobody can overwrite, block or
delete another person's answer, and nobody counts twice: one file per scenario, which answering
again replaces. Each file is written to a temporary name and renamed into place
(``storage.atomic_write_json``), so a reader never sees half a file. Files are 0644 so that the
facilitator, another user on the hub, can read them.

The reader skips hidden files (writes in progress) and reports every other entry it cannot use, by
name, and goes on: folders not named by their owner's uid, files owned by someone else, links,
files over ``MAX_BYTES``, bad UTF-8, malformed or deeply nested JSON, unknown scenarios, answers that
are not among a scenario's options.
"""
from __future__ import annotations

import datetime as dt
import errno
import json
import os
import pwd
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..data import Course, Scenario, load_course
from ..errors import CourseError
from ..storage import atomic_write_json

ENV_VAR = "COURSE_POLL_DIR"
KIND = "compliance-course-poll"
RESET_MARK = ".reset"
MAX_BYTES = 16 * 1024  # an answer is a few hundred bytes; anything bigger is not one
MAX_FILES = 500  # per participant folder: a module has a dozen scenarios; more is someone filling the disk
_FILE = re.compile(r"^(?P<question>[a-z0-9][a-z0-9-]*)\.json$")


class PollError(ValueError, CourseError):
    """The poll cannot be used as asked (no folder, unknown scenario, answer not an option)."""


class PollAnswer(BaseModel):
    """One participant's answer to one scenario, as stored in their poll folder (no name: the owner is who)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(pattern=f"^{KIND}$")
    version: int = Field(ge=2, le=2)
    question: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)
    answer: str = Field(min_length=1, max_length=500)
    answered_at: dt.datetime


def poll_folder(folder: str | Path | None = None) -> Path:
    """The poll folder: the argument, else ``$COURSE_POLL_DIR``; PollError if neither is set."""
    value = folder if folder not in (None, "") else os.environ.get(ENV_VAR, "")
    if not value:
        raise PollError(f"no poll folder: set the environment variable {ENV_VAR} to the room's poll folder "
                        "(your facilitator gives you its path), or pass folder=...")
    return Path(value).expanduser()


def account_name(uid: int) -> str:
    """The login name of ``uid``, or ``uid-<n>`` for a uid without an account entry."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid-{uid}"


def default_participant() -> str:
    """Who is answering: the account this process runs as (on the hub, the participant's own)."""
    return account_name(os.getuid())


def participant_folder(folder: str | Path, uid: int | None = None) -> Path:
    return Path(folder) / str(os.getuid() if uid is None else uid)


def prepare_participant(folder: str | Path, uid: int, gid: int) -> Path:
    """Create ``<folder>/<uid>/`` for a participant, owned by them (the hub calls this as root at spawn).

    Only a folder created here is given to ``uid``; an existing one is left as it is, and PollError
    says so if it is a link or belongs to someone else.
    """
    own = participant_folder(folder, uid)
    try:
        os.mkdir(own, 0o755)
    except FileExistsError:
        info = os.lstat(own)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid:
            raise PollError(f"{own} exists but is not a folder owned by uid {uid}; "
                            "remove it (facilitator) before this participant answers") from None
        return own
    os.chown(own, uid, gid, follow_symlinks=False)
    os.chmod(own, 0o755)  # whatever the umask
    return own


def _scenario(scenario: Scenario | str, course: Course | None) -> Scenario:
    if isinstance(scenario, Scenario):
        return scenario
    scenarios = (course or load_course()).scenarios
    if scenario not in scenarios:
        raise PollError(f"unknown scenario {scenario!r}")
    return scenarios[scenario]


def submit_answer(scenario: Scenario | str, answer: str, *, folder: str | Path | None = None,
                  course: Course | None = None, when: dt.datetime | None = None) -> Path:
    """Record this account's ``answer`` to a scenario in its own poll folder and return the file.

    ``answer`` must be one of the scenario's options. Answering again replaces the earlier answer.
    """
    scenario = _scenario(scenario, course)
    if scenario.options and answer not in scenario.options:
        raise PollError(f"{answer!r} is not an option of scenario {scenario.id!r}; "
                        f"choose one of: {', '.join(scenario.options)}")
    target = poll_folder(folder)
    if not target.is_dir():
        raise PollError(f"poll folder {target} does not exist; ask your facilitator")
    own = participant_folder(target)
    try:
        os.mkdir(own, 0o755)  # on the hub it exists already: the hub made it when your server started
    except FileExistsError:
        pass
    except PermissionError:
        raise PollError(f"your poll folder {own} does not exist and you cannot create it; ask your facilitator "
                        "(the hub creates it when your server starts)") from None
    info = os.lstat(own)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise PollError(f"{own} is not your folder (owned by uid {info.st_uid}); ask your facilitator to remove it")
    record = PollAnswer(kind=KIND, version=2, question=scenario.id, answer=answer,
                        answered_at=when or dt.datetime.now(dt.timezone.utc))
    return atomic_write_json(own / f"{scenario.id}.json", record.model_dump(mode="json"), mode=0o644)


def reset_poll(folder: str | Path | None = None) -> Path:
    """Start a fresh poll: answers saved before now no longer count. Returns the reset mark.

    Needs write access to the poll folder itself (the facilitator's), not to participants'
    folders: nothing is deleted, so the sticky bit or other owners cannot get in the way. Returns
    only once the file system's clock has moved past the mark, so an answer sent afterwards is
    always newer than it.
    """
    target = poll_folder(folder)
    if not target.is_dir():
        raise PollError(f"poll folder {target} does not exist; check {ENV_VAR} or --folder")
    try:
        mark = atomic_write_json(target / RESET_MARK,
                                 {"kind": f"{KIND}-reset", "reset_at": dt.datetime.now(dt.timezone.utc)},
                                 mode=0o644)
        probe = target / f"{RESET_MARK}.probe"
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            probe.write_bytes(b"")
            newer = probe.stat().st_ctime_ns > mark.stat().st_ctime_ns
            probe.unlink()
            if newer:
                break
            time.sleep(0.001)
    except PermissionError as exc:
        raise PollError(f"cannot reset the poll in {target}: {exc.strerror}; run poll-reset as the "
                        "facilitator account that owns the folder (or root)") from None
    return mark


@dataclass
class PollResults:
    """What the poll folder holds: usable answers (one per participant and question) and skipped entries."""

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


COLUMNS = ["question", "participant", "uid", "answer", "answered_at", "file"]


def _read_owned(path: Path, uid: int) -> bytes:
    """The bytes of a regular file owned by ``uid`` and at most MAX_BYTES, never following a link."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError("a link, not a file") from None
        raise
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_uid != uid:
            raise ValueError(f"owned by {account_name(info.st_uid)} (uid {info.st_uid}), not by this folder's "
                             f"participant (uid {uid})")
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES} bytes")
    return data


def _reset_ns(target: Path) -> int:
    try:
        return os.stat(target / RESET_MARK).st_ctime_ns
    except FileNotFoundError:
        return -1


def read_poll(folder: str | Path | None = None, *, course: Course | None = None) -> PollResults:
    """Tally the poll folder. Each participant (account) counts once per question.

    Every entry that cannot be used is listed in ``problems`` as (path relative to the folder, reason)
    and skipped; with ``course`` given, answers to unknown scenarios or outside a scenario's options
    are too. Answers saved before the last ``poll-reset`` are left out without a problem.
    """
    target = poll_folder(folder)
    if not target.is_dir():
        raise PollError(f"poll folder {target} does not exist; create it or check {ENV_VAR}")
    problems: list[tuple[str, str]] = []
    rows: list[dict] = []
    since = _reset_ns(target)
    for entry in sorted(target.iterdir()):
        if entry.name.startswith("."):
            continue  # the reset mark, or a hidden file
        try:
            info = os.lstat(entry)
        except OSError as exc:
            problems.append((entry.name, f"cannot read: {exc.strerror}"))
            continue
        if not entry.name.isdigit() or not stat.S_ISDIR(info.st_mode):
            problems.append((entry.name, "not a participant folder (expected a folder named by its owner's uid)"))
            continue
        uid = int(entry.name)
        if info.st_uid != uid:
            problems.append((entry.name, f"folder owned by {account_name(info.st_uid)} (uid {info.st_uid}), "
                                         f"not by uid {uid}"))
            continue
        who = account_name(uid)
        try:
            with os.scandir(entry) as listing:
                names = [e.name for _, e in zip(range(MAX_FILES + 1), listing)]
        except OSError as exc:
            problems.append((entry.name, f"cannot list the folder: {exc.strerror}"))
            continue
        if len(names) > MAX_FILES:
            problems.append((entry.name, f"{who}'s folder holds more than {MAX_FILES} files: not read"))
            continue
        files = [entry / n for n in sorted(names)]
        for path in files:
            name = f"{entry.name}/{path.name}"
            if path.name.startswith("."):
                continue  # a write in progress (atomic_write_json's temporary file)
            match = _FILE.match(path.name)
            if not match:
                problems.append((name, f"not a poll answer file (expected <scenario>.json), in {who}'s folder"))
                continue
            try:
                if os.lstat(path).st_ctime_ns < since:
                    continue  # answered before the last reset
                record = PollAnswer.model_validate(json.loads(_read_owned(path, uid).decode("utf-8")))
            except ValidationError as exc:
                first = exc.errors()[0]
                problems.append((name, f"{who}: not a poll answer: {'.'.join(map(str, first['loc']))}: "
                                       f"{first['msg']}"))
                continue
            except UnicodeDecodeError:
                problems.append((name, f"{who}: not UTF-8 text"))
                continue
            except RecursionError:
                problems.append((name, f"{who}: JSON nested too deeply"))
                continue
            except (OSError, ValueError) as exc:  # JSONDecodeError is a ValueError
                problems.append((name, f"{who}: unreadable or malformed: {getattr(exc, 'strerror', None) or exc}"))
                continue
            if record.question != match["question"]:
                problems.append((name, f"{who}: content is for {record.question}, not this file name"))
                continue
            if course is not None:
                scenario = course.scenarios.get(record.question)
                if scenario is None:
                    problems.append((name, f"{who}: unknown scenario {record.question!r}"))
                    continue
                if scenario.options and record.answer not in scenario.options:
                    problems.append((name, f"{who}: answer {record.answer!r} is not an option of "
                                           f"{record.question!r}"))
                    continue
            rows.append({"question": record.question, "participant": who, "uid": uid, "answer": record.answer,
                         "answered_at": record.answered_at, "file": name})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return PollResults(target, frame.sort_values(["question", "participant"], ignore_index=True), problems)
