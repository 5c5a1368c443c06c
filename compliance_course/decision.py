"""The result every decision engine returns.

A decision engine is a pure function: values in, a :class:`Decision` out.
The learner sees the answer, the reason in plain words, and the primary
source that supports it, so a right answer can be checked and a wrong one
explained.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .no_math import escape_dollars, no_math_markdown


@dataclass(frozen=True)
class Decision:
    """An answer with its reason and its citation.

    The optional fields are used by particular engines: ``document`` (HIPAA:
    which agreement is needed), ``assessment`` (CMMC: who assesses, how often),
    ``score`` (CMMC: SPRS score behind a conditional status), ``controls``
    (FedRAMP: size of the baseline), ``basis`` (cross-framework: "law or
    contract" or "market expectation").
    """

    answer: Any
    reason: str
    citation: str
    document: str | None = None
    assessment: str | None = None
    score: int | None = None
    controls: int | None = None
    basis: str | None = None

    def _repr_markdown_(self) -> str:
        """The decision as Markdown, its amounts kept dollars (see :mod:`compliance_course.no_math`)."""
        answer = self.answer
        if isinstance(answer, bool):
            answer = "Yes" if answer else "No"
        elif isinstance(answer, (set, frozenset)):
            answer = ", ".join(sorted(answer)) or "none"
        e = escape_dollars
        lines = [f"**Answer:** {e(answer)}", "", f"**Why:** {e(self.reason)}", ""]
        for label, value in (
            ("Document needed", self.document),
            ("Assessment", self.assessment),
            ("Score", self.score),
            ("Controls in baseline", self.controls),
            ("Basis", self.basis),
        ):
            if value is not None:
                lines += [f"**{label}:** {e(value)}", ""]
        lines.append(f"**Source:** {e(self.citation)}")
        return no_math_markdown("\n".join(lines))


def require_choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise ValueError listing them.

    >>> require_choice("role", "conduit", ["conduit", "workforce"])
    'conduit'
    """
    allowed = list(allowed)
    if value not in allowed:
        listed = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def require_date(name: str, value: Any) -> dt.date:
    """``value`` as a date (a date, a datetime, or an ISO string such as '2026-11-10'),
    else ValueError naming the input.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name} must be a date (datetime.date or an ISO string such as '2026-11-10'); "
                     f"got {value!r}")
