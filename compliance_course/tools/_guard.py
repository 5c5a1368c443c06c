"""How every tool reacts to input: one clear line for a mistake, the Output widget for a bug.

A learner can clear a date, type a number out of range or pick nothing; the engines answer
such input with a ``ValueError`` (every :class:`~compliance_course.errors.CourseError` is one)
whose message says what to fix. :func:`run_guarded` shows that message where the answer
would be, clears what the last good run drew (a chart, a table), and never re-raises, so
JupyterLab shows no traceback. Anything else is a bug in the course: it goes into the tool's
``Output`` widget (JupyterLab hides callback errors anywhere else) as one line that says so.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import TypeVar

import ipywidgets as w

from ..no_math import NO_MATH

T = TypeVar("T")

#: Text colours with at least 4.5:1 contrast on white (WCAG AA).
ERROR_COLOUR = "#b71c1c"
HINT_COLOUR = "#6d4c00"

#: Radio rows laid out side by side; a checked radio shows its dot (state not by colour alone),
#: and screen readers announce it as "checked".
CHOICE_ROW_CSS = ("<style>.cc-choice-row .widget-radio-box{flex-direction:row;flex-wrap:wrap;gap:2px 14px}"
                  ".cc-choice-row .widget-radio-box label{width:auto;white-space:nowrap}"
                  ".cc-choice-row .widget-radio-box input:checked + *,"
                  ".cc-choice-row .widget-radio-box label:has(input:checked){font-weight:700}</style>")


def message_html(text: str, *, kind: str = "error") -> str:
    """One line telling the learner what to do; ``kind`` "error" (✘) or "hint" (➜)."""
    colour, mark = (ERROR_COLOUR, "✘") if kind == "error" else (HINT_COLOUR, "➜")
    return (f"<div class='cc-message {NO_MATH}' role='status' style='color:{colour}'>"
            f"<b aria-hidden='true'>{mark}</b> {html.escape(str(text))}</div>")


def run_guarded(action: Callable[[], T], *, message: w.HTML, errors: w.Output,
                clear: Iterable[w.Output] = (), prefix: str = "") -> T | None:
    """Run ``action``; on a ``ValueError`` show its message in ``message`` and clear ``clear``.

    Returns what ``action`` returned, or None when it failed. ``prefix`` starts the message
    (e.g. "Could not check:").
    """
    errors.clear_output()
    try:
        return action()
    except ValueError as exc:  # an input the learner can fix: say how, nothing else
        for out in clear:
            out.clear_output()
        message.value = message_html(f"{prefix} {exc}".strip())
    except Exception as exc:  # noqa: BLE001 - a bug: visible, in one line, never lost
        for out in clear:
            out.clear_output()
        message.value = message_html("Something went wrong in this tool. Run the cell again; "
                                     "if it happens again, tell your instructor.")
        errors.append_stderr(f"{type(exc).__name__}: {exc}\n")
    return None
