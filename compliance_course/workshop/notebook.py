"""Builds ``notebooks/workshop/facilitator_dashboard.ipynb`` (a test checks the committed file matches).

    python -m compliance_course.workshop.notebook      # rewrite the notebook
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

PATH = Path(__file__).resolve().parents[2] / "notebooks" / "workshop" / "facilitator_dashboard.ipynb"

CELLS = [
    ("md", """# Facilitator dashboard: the room's answers

For the facilitator's screen during a team workshop. Participants answer the module's scenarios in the
**team poll** cell of their notebook (`team_poll("<module>")`); each answer lands as one small file in
that participant's own folder inside the poll folder, and this dashboard counts them. Who answered is the
login that owns the file, so each person counts once.

**How to use it**
1. Run the two cells below. The poll folder is filled in from `COURSE_POLL_DIR` (set for everyone on the
   course hub); otherwise type the folder you gave the room.
2. Pick the **module** and the **round** (scenario) the room is answering.
3. Press **Refresh**, or press play on **Auto-refresh** to watch answers arrive every few seconds.
4. When the votes are in, talk about the split first, then press **Reveal answer**: the right option turns
   green. The summary across rounds shows how many were right only for rounds you have revealed.

Files in the folder that are not poll answers (or are damaged) are listed under *skipped*, never counted.
Each participant counts once per scenario: a changed answer replaces the earlier one."""),
    ("code", "from compliance_course.workshop import FacilitatorDashboard"),
    ("code", "FacilitatorDashboard()"),
    ("md", """## Before and after the workshop

- Print the kit from a terminal: `python -m compliance_course.workshop guide <module>` writes the facilitator
  guide (60 and 90 minutes), and `python -m compliance_course.workshop cards <module>` the scenario cards and
  your answer sheet, into `build/workshop/`.
- A plain-text tally for the record: `python -m compliance_course.workshop tally --module <module>`.
- Start each workshop with a fresh poll, so last session's answers are not counted again: run
  `!python -m compliance_course.workshop poll-reset` in a cell (as a facilitator on the hub) or in a terminal."""),
]


def dashboard_notebook() -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_markdown_cell(text) if kind == "md" else new_code_cell(text)
                             for kind, text in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"dashboard-{i}"
    return nb


def write(path: Path = PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(dashboard_notebook(), path)
    return path


if __name__ == "__main__":
    print(write())
