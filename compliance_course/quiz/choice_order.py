"""The order in which a learner sees a question's choices: their own, the same on every reopening.

A learner who always clicks the first choice shown must not be able to pass, so
every learner sees each question's choices in an order of their own, seeded by
who they are and which exam (or practice set) and question it is. The order is a
pure function of those names (no clock, no random state): reopening the notebook,
restarting the kernel or grading it again gives the same order. Answers are
always stored as choice keys, so the order never changes marking or feedback.

The permutation sorts the keys by a SHA-256 of ``learner``, ``scope``,
``question id`` and the key: every order is equally likely, and it does not
depend on the Python version's random number generator.
"""
from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Iterable, Mapping
from typing import Any

FALLBACK_LEARNER = "learner"


def learner_id(environ: Mapping[str, str] | None = None) -> str:
    """Who is answering: the JupyterHub user name if there is one, else the operating-system user."""
    env = os.environ if environ is None else environ
    hub = env.get("JUPYTERHUB_USER", "").strip()
    if hub:
        return hub
    try:
        return getpass.getuser() or FALLBACK_LEARNER
    except (KeyError, OSError):  # no user name for this uid (some containers)
        return FALLBACK_LEARNER


def key_text(key: Any) -> str:
    """A choice key as text (True/False of a true-or-false question become 'True'/'False')."""
    return str(key)


def choice_order(keys: Iterable[Any], *, learner: str, scope: str, question_id: str) -> list[Any]:
    """``keys`` in the order ``learner`` sees them for ``question_id`` in ``scope`` (an exam or set id)."""
    def rank(key: Any) -> str:
        seed = "\x1f".join((learner, scope, question_id, key_text(key)))
        return hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return sorted(keys, key=rank)


def is_order_of(order: Any, keys: Iterable[Any]) -> bool:
    """Whether ``order`` (e.g. read back from a response file) is a permutation of ``keys``."""
    wanted = [key_text(k) for k in keys]
    return (isinstance(order, list) and all(isinstance(k, str) for k in order)
            and sorted(order) == sorted(wanted))


def draw_item(item_ids: Iterable[str], *, learner: str, exam: str, slot: str) -> str:
    """The item of ``slot`` that ``learner`` gets in ``exam``: one of ``item_ids``, the same every time.

    Seeded by SHA-256 of (learner, exam, slot, item id) like :func:`choice_order`: every item of the
    pool is equally likely, and adding an item to a pool moves only the learners who now draw it.
    """
    def rank(item: str) -> str:
        return hashlib.sha256("\x1f".join((learner, exam, slot, item)).encode("utf-8")).hexdigest()
    ids = list(item_ids)
    if not ids:
        raise ValueError(f"slot {slot!r} has no items")
    return min(ids, key=rank)


def draw_form(pools: Mapping[str, Iterable[str]], *, learner: str, exam: str) -> dict[str, str]:
    """A learner's exam form: slot id -> the item id drawn from that slot's pool (slot order kept)."""
    return {slot: draw_item(items, learner=learner, exam=exam, slot=slot) for slot, items in pools.items()}
