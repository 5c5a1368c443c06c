"""Build exam source notebooks from the question bank, byte-for-byte reproducibly.

One notebook per exam, ``autograder/source/<exam>/<exam>.ipynb``:

1. instructions (locked), which say whose exam form this is and how to set the id;
2. a locked setup cell holding every slot's pool: each item's prompt and choices (never the
   key, never an explanation); it shows whose form it is (:class:`.paper.ExamPaper`);
3. one locked cell per slot showing the exam-mode widget of the item drawn for the learner;
4. the written question (locked) and its manually graded answer cell (the rubric
   is the cell's "solution", which ``generate_assignment`` replaces with a stub);
5. a visible check that every question has a saved answer;
6. one graded test cell per SLOT, worth the slot's points, the key of every item of the pool
   between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``: it marks the item drawn
   for the student nbgrader grades. So the gradebook and formgrader hold one grade per slot.

Cell ids are derived from the exam and question ids, so building twice gives
identical files. The rubric for graders is also written to
``autograder/rubrics/<exam>.md`` (outside ``source/``, so it is never released).
"""
from __future__ import annotations

import json
import pprint
import shutil
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..data import Course, Question
from .bank import load_exam_course
from .course import AutograderDir
from .forms import Slot
from .models import Exam, resolve_exams

MARKER = "compliance_course"  # notebook metadata key naming the exam and content version


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = True,
          points: float | None = None) -> dict[str, Any]:
    nb: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
                          "solution": solution, "task": False}
    if grade:
        nb["points"] = points
    meta: dict[str, Any] = {"nbgrader": nb}
    if locked:
        meta.update(deletable=False, editable=False)
    return meta


def _cell(kind: str, source: str, cell_id: str, **meta: Any):
    cell = (new_code_cell if kind == "code" else new_markdown_cell)(source, metadata=_meta(cell_id, **meta))
    cell.id = cell_id.replace("_", "-")[:64]
    return cell


def question_data(q: Question) -> dict[str, Any]:
    """What the learner's notebook holds about a question: no answer, no explanation, no feedback."""
    item: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    if q.choices:
        item["choices"] = [[c.key, c.text] for c in q.choices]
    return item


def key_call(slot: Slot) -> str:
    """The hidden-test line that checks a slot: the key of every item of its pool."""
    keys = {q.id: list(q.answer) if isinstance(q.answer, tuple) else q.answer for q in slot.items}
    tolerances = {q.id: q.tolerance for q in slot.items if q.type == "numeric" and q.tolerance}
    extra = f", {tolerances!r}" if tolerances else ""
    return f"paper.check({slot.id!r}, {keys!r}{extra})"


def cell_ids(exam: Exam) -> dict[str, str]:
    """Grade ids of the graded cells: slot id -> test cell id, plus the written answer."""
    ids = {s.id: f"test_{i:02d}" for i, s in enumerate(exam.slots, 1)}
    ids[exam.written.id] = f"written_{exam.written.id}"
    return ids


def slot_list(exam: Exam) -> list[list]:
    """``[[slot id, [item ids]], ...]`` in exam order: the notebook metadata (a list, since JSON objects
    are written with sorted keys and the order of slots gives the grade ids)."""
    return [[s.id, [q.id for q in s.items]] for s in exam.slots]


def slot_data(slot: Slot) -> dict[str, Any]:
    """What the learner's notebook holds about a slot: its id, points and every item's question data."""
    return {"slot": slot.id, "points": slot.points, "items": [question_data(q) for q in slot.items]}


def exam_notebook(exam: Exam) -> nbformat.NotebookNode:
    n = len(exam.slots)
    pts = int(exam.max_score)
    intro = (f"# {exam.title}\n\n"
             f"{n} questions and one short written answer, {pts} points in all; "
             f"you pass with {exam.pass_percent}% of the points.\n\n"
             "**Your own exam form.** Each learner gets questions drawn for them from pools of "
             "equivalent questions, and sees the choices in an order of their own. The form is drawn "
             "for your id, shown under the first cell (*This exam form is for …*). It must be the id "
             "your exam is marked under: on JupyterHub it is your hub user name; if you were given a "
             "student id (the name your submitted zip file must have), type it there and click "
             "*Use this id* before you answer.\n\n"
             "**How to take this exam**\n\n"
             "1. Run the cells from the top (menu *Run → Run All Cells*). The questions appear below.\n"
             "2. Click your answer to each question. It is saved at once to "
             f"`{exam.responses_file}` beside this notebook; you can change it until you submit.\n"
             "3. Type your answer to the written question into its answer cell (the section explains how), "
             "then save the notebook (*File → Save Notebook*).\n"
             "4. Run the check cell near the end: it lists any question that has no saved answer yet.\n"
             f"5. Submit this notebook **and** `{exam.responses_file}` together.\n\n"
             "**Coming back later?** Your answers are kept in the file. After you reopen this notebook, "
             "choose *Run → Run All Cells* again to load your saved answers (until then each question "
             "says so; in a Jupyter set up elsewhere it may say *Error displaying widget: model not "
             "found* instead, which is harmless).\n\n"
             "Only your clicked answers and your written answer are marked. Changes to other cells, "
             "and any cell you add, are not run or marked.")
    setup = ("from compliance_course.grading.paper import ExamPaper\n"
             f"paper = ExamPaper({exam.id!r}, {exam.content_version!r}, "
             + pprint.pformat([slot_data(s) for s in exam.slots], width=100, sort_dicts=False)
             + ")")
    cells = [_cell("markdown", intro, "intro"), _cell("code", setup, "exam_setup")]
    cells[1].metadata["jupyter"] = {"source_hidden": True}  # the question paper, not code to read
    for i in range(1, n + 1):
        cells.append(_cell("code", f"paper.show({i})", f"question_{i:02d}"))
    w = exam.written
    cells.append(_cell("markdown", f"## Written answer ({w.points} points)\n\n{w.prompt}\n\n"
                       "**How to answer:** double-click the cell below (it says *YOUR ANSWER HERE*), replace "
                       "that text with a few sentences of your own, then press *Shift + Enter* to show it "
                       "as text. Save the notebook (*File → Save Notebook*) before you submit. Your answer "
                       "is read as plain text.", "written_prompt"))
    rubric = "\n".join(f"- ({r.points} pt) {r.criterion}" for r in w.rubric)
    cells.append(_cell("markdown", f"Rubric for graders:\n\n{rubric}", f"written_{w.id}",
                       grade=True, solution=True, locked=False, points=w.points))
    cells.append(_cell("markdown", "## Before you submit\n\nRun the next cell: it lists any question that "
                       "has no saved answer yet.", "check_intro"))
    cells.append(_cell("code", "paper.check_complete()", "check_complete"))
    cells.append(_cell("markdown", "## Marking\n\nThe cells below are filled in when your exam is "
                       "marked. Leave them as they are.", "marking_intro"))
    ids = cell_ids(exam)
    for i, slot in enumerate(exam.slots, 1):
        cells.append(_cell("code", f"# Question {i} is marked here.\n### BEGIN HIDDEN TESTS\n{key_call(slot)}\n"
                           "### END HIDDEN TESTS", ids[slot.id], grade=True, points=slot.points))
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        MARKER: {"exam": exam.id, "content_version": exam.content_version,
                 "questions": [q.id for q in exam.questions],
                 "slots": slot_list(exam), "written": w.id},
    })
    nb.nbformat_minor = 5
    return nb


def rubric_markdown(exam: Exam) -> str:
    w = exam.written
    lines = [f"# Rubric: {exam.title}", "", f"Written answer `{w.id}`, {w.points} points.", "",
             f"> {w.prompt}", "", "| points | the answer… |", "|---|---|"]
    lines += [f"| {r.points} | {r.criterion} |" for r in w.rubric]
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, text: str) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def build_exams(ag: AutograderDir, course: Course | None = None) -> list[Exam]:
    """Write every exam's source notebook and rubric; remove exams that no longer exist.

    ``course``: the course with its exam bank (default: :func:`.bank.load_exam_course`).
    """
    course = course or load_exam_course()
    exams = resolve_exams(course)
    names = {e.id for e in exams}
    for exam in exams:
        folder = ag.source / exam.id
        stray = sorted(p.name for p in folder.glob("*.responses.json*")) if folder.exists() else []
        for name in stray:  # autograde would copy it over every learner's answers
            (folder / name).unlink()
        write_if_changed(folder / exam.notebook, nbformat.writes(exam_notebook(exam)) + "\n")
        write_if_changed(ag.rubrics / f"{exam.id}.md", rubric_markdown(exam))
    if ag.source.exists():
        for folder in sorted(p for p in ag.source.iterdir() if p.is_dir() and p.name not in names):
            nb = folder / f"{folder.name}.ipynb"
            if nb.exists() and MARKER in json.loads(nb.read_text(encoding="utf-8")).get("metadata", {}):
                shutil.rmtree(folder)
                (ag.rubrics / f"{folder.name}.md").unlink(missing_ok=True)
    return exams
