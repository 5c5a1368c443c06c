"""A poll room for the workshop tests: a poll folder other accounts can reach, and answering as one of them.

Each participant is a distinct uid (no account entry needed): a forked process drops to that uid
before it answers, as a participant's kernel on the hub runs as that participant. Needs root.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

import pytest

FIRST_UID = 47_000  # far from real accounts; shown as uid-47000 … by the poll


def needs_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("answering as several participants needs distinct uids: run as root (as CI does)")


def _as(uid: int, fn, args, kwargs, queue) -> None:
    try:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        queue.put(("ok", fn(*args, **kwargs)))
    except BaseException as exc:  # sent back to the test, which raises it
        queue.put(("error", exc))


def as_uid(uid: int, fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` in a child process running as ``uid``; its result, or its exception raised here."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    process = ctx.Process(target=_as, args=(uid, fn, args, kwargs, queue))
    process.start()
    status, value = queue.get(timeout=60)
    process.join(timeout=60)
    if status == "error":
        raise value
    return value


class Room:
    """A poll folder as the hub sets it up: the facilitator's (root's here), one folder per participant."""

    def __init__(self, base: Path):
        self.base = base
        self.folder = base / "poll"
        self.folder.mkdir(mode=0o755)

    def uid(self, index: int) -> int:
        return FIRST_UID + index

    def join(self, index: int) -> int:
        """The hub's part at spawn: the participant's own folder. Returns their uid."""
        from compliance_course.workshop.poll import prepare_participant
        uid = self.uid(index)
        prepare_participant(self.folder, uid, uid)
        return uid

    def answer(self, index: int, scenario, answer: str, **kwargs):
        """Participant ``index`` answers from their own account (joining first, as on the hub)."""
        from compliance_course.workshop.poll import submit_answer
        uid = self.join(index)
        return as_uid(uid, submit_answer, scenario, answer, folder=self.folder, **kwargs)


@pytest.fixture
def room():
    """A Room in a folder under /tmp that other uids can reach (pytest's tmp_path is root-only)."""
    needs_root()
    base = Path(tempfile.mkdtemp(prefix="cc-poll-"))
    base.chmod(0o755)
    try:
        yield Room(base)
    finally:
        shutil.rmtree(base)
