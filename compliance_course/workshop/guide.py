"""Facilitator guides and printable scenario cards, generated from course_data.

Every piece that also appears in the notebook (objectives, key points,
scenarios, misconceptions, discussion prompts, sources) is read from the same
files the notebook reads, so a guide cannot drift from the module. Only
facilitator data (timing, audience, what to do when the room disagrees) comes
from ``course_data/workshop.yaml``.
"""
from __future__ import annotations

from pathlib import Path

from ..data import Course, Scenario, load_course
from .agenda import Agenda, plan_agenda
from .document import Document, to_html, to_markdown
from .models import ModuleWorkshop, WorkshopData, load_workshop

ROUND_STEPS = ("Hand out the card (or show it) and read the situation aloud.",
               "Two minutes: everyone answers in the poll cell of the notebook (team_poll), or by show of hands.",
               "Show the room's votes on the dashboard, answer hidden.",
               "If the room is split, ask one person from each side to explain (see 'When the room disagrees').",
               "Reveal the answer, read the reason and the source, and take questions.")


def _context(module: str, course: Course | None, workshop: WorkshopData | None):
    course = course or load_course()
    if module not in course.modules:
        raise ValueError(f"unknown module {module!r}; known: {', '.join(course.modules)}")
    if module not in course.lessons:
        raise ValueError(f"module {module!r} has no lesson in {course.root.name}/lessons/{module}.yaml; "
                         "the guide is generated from it")
    workshop = workshop or load_workshop(course.root)
    meta = course.modules[module]
    notes = workshop.modules.get(module) or ModuleWorkshop(
        audience=meta.who_asks,
        opening_question=f"Where has {meta.framework} come up in your work so far?")
    return course, workshop, notes


def module_agenda(module: str, length: int = 60, *, course: Course | None = None,
                  workshop: WorkshopData | None = None) -> Agenda:
    """The timed agenda of a ``length``-minute workshop for ``module``."""
    course, workshop, notes = _context(module, course, workshop)
    scenarios = course.scenarios_for(module)
    # the facilitator's chosen rounds first (workshop.yaml), then the rest in course order
    ordered = list(notes.rounds) + [s.id for s in scenarios if s.id not in notes.rounds]
    return plan_agenda(length, course.modules[module].minutes, ordered,
                       timing=workshop.timing, has_prompts=bool(course.lessons[module].discussion_prompts),
                       scenario_titles={s.id: s.title for s in scenarios})


def _scenario_blocks(section, s: Scenario) -> None:
    section.p(s.situation).p(f"Question: {s.question}")
    if s.options:
        section.ul([f"{chr(65 + i)}. {o}" for i, o in enumerate(s.options)])
    section.p(f"Answer: {s.expected_option}", css="answer")
    section.p(f"Why: {s.explanation}").p(f"Source: {s.source}", css="small")


def guide_document(module: str, length: int = 60, *, course: Course | None = None,
                   workshop: WorkshopData | None = None) -> Document:
    """The facilitator guide of one module as a document (render with to_html / to_markdown)."""
    course, workshop, notes = _context(module, course, workshop)
    meta, lesson = course.modules[module], course.lessons[module]
    agenda = module_agenda(module, length, course=course, workshop=workshop)
    scenarios = {s.id: s for s in course.scenarios_for(module)}
    low, high = workshop.group_size

    doc = Document(f"Facilitator guide: {meta.title}",
                   f"A {length}-minute team workshop for {low} to {high} people. Generated from course data "
                   f"version {course.version}; regenerate after content changes.")
    doc.section("At a glance").table(("", ""), [
        ("Audience", notes.audience),
        ("Who asks for this", meta.who_asks),
        ("Notebook", f"notebooks/{meta.notebook} (about {meta.minutes} minutes self-paced)"),
        ("Scenario rounds", f"{sum(1 for s in agenda.segments if s.kind == 'round')} of {len(scenarios)} scenarios"),
        ("Dashboard", "notebooks/workshop/facilitator_dashboard.ipynb"),
    ])
    doc.section("Prepare").ul([*workshop.prepare, *notes.prepare])
    doc.section("Objectives").p("By the end, participants can:").ul(lesson.objectives)

    what = {"opening": f"Welcome; say why the team is here. Ask: \u201c{notes.opening_question}\u201d "
                       "Take a show of hands and note two answers to come back to in the debrief.",
            "teach": f"Project notebooks/{meta.notebook} and walk through it; land the key points below. "
                     "Run the interactive tool once with a case from the room.",
            "break": "Comfort break. Leave the dashboard on the screen.",
            "discussion": "Use the discussion prompts below; keep one voice at a time and the clock visible.",
            "debrief": "Read the key points; revisit the opening answers; ask each person for one thing they "
                       "will do differently. Point to the practice quiz and the sources."}
    rows = []
    for seg in agenda.segments:
        if seg.kind == "round":
            text = "Poll, reveal and discuss the scenario (steps below)."
        else:
            text = what[seg.kind]
        rows.append((seg.clock(), seg.title, str(seg.minutes), text))
    doc.section(f"Agenda ({length} minutes)").table(("Time", "Segment", "Minutes", "What you do"), rows)

    doc.section("Teach: key points to land").ul(lesson.key_points)

    rounds = doc.section("Scenario rounds")
    rounds.p("Each round:").ul(ROUND_STEPS, ordered=True)
    if not scenarios:
        rounds.p("This module has no scenarios yet; use the practice quiz in the notebook as a group round.")
    number = 0
    for seg in agenda.segments:
        if seg.kind == "round":
            number += 1
            _scenario_blocks(doc.section(f"Round {number}: {scenarios[seg.scenario].title}", level=3),
                             scenarios[seg.scenario])
    if agenda.spare_scenarios:
        doc.section("Spare scenarios (if time allows, or as homework)").p(
            "These did not fit the agenda; use one if a round runs short.")
        for sid in agenda.spare_scenarios:
            _scenario_blocks(doc.section(scenarios[sid].title, level=3), scenarios[sid])

    if lesson.discussion_prompts:
        doc.section("Discussion prompts").ul(lesson.discussion_prompts)
    if lesson.misconceptions:
        doc.section("Common misconceptions").table(
            ("What people say", "What the source says", "Source"),
            [(m.claim, m.correction, m.source) for m in lesson.misconceptions])
    doc.section("When the room disagrees").ul([*workshop.room_disagrees, *notes.room_disagrees], ordered=True)
    doc.section("Sources").ul(lesson.sources)
    return doc


def cards_document(module: str, *, course: Course | None = None) -> Document:
    """Printable scenario cards, one per page, without answers."""
    course = course or load_course()
    if module not in course.modules:
        raise ValueError(f"unknown module {module!r}; known: {', '.join(course.modules)}")
    meta = course.modules[module]
    doc = Document(f"Scenario cards: {meta.title}", f"Course data version {course.version}")
    for i, s in enumerate(course.scenarios_for(module), 1):
        card = doc.section(f"Scenario {i}: {s.title}", css="card")
        card.p(s.situation).p(s.question)
        if s.options:
            card.ul([f"{chr(65 + j)}. {o}" for j, o in enumerate(s.options)], css="options")
        card.p("Answer in the poll cell of your notebook, or by show of hands.", css="small")
    return doc


def answers_document(module: str, *, course: Course | None = None) -> Document:
    """The facilitator's answer sheet for the cards: answer, reason and source per scenario."""
    course = course or load_course()
    if module not in course.modules:
        raise ValueError(f"unknown module {module!r}; known: {', '.join(course.modules)}")
    meta = course.modules[module]
    doc = Document(f"Answer sheet (facilitator only): {meta.title}", f"Course data version {course.version}")
    doc.section("Do not hand out", css="facilitator-only").p(
        "Keep this sheet with you; the cards the room sees carry no answers.")
    doc.section("Answers").table(("#", "Scenario", "Answer", "Why", "Source"), [
        (str(i), s.title, s.expected_option, s.explanation, s.source)
        for i, s in enumerate(course.scenarios_for(module), 1)])
    return doc


def write_kit(module: str, out: str | Path, *, lengths: tuple[int, ...] = (60, 90),
              formats: tuple[str, ...] = ("html", "md"), course: Course | None = None) -> list[Path]:
    """Write a module's guides (per length and format), cards and answer sheet; return the paths."""
    course = course or load_course()
    workshop = load_workshop(course.root)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    render = {"html": to_html, "md": to_markdown}
    unknown = [f for f in formats if f not in render]
    if unknown:
        raise ValueError(f"format must be one of html, md; got {unknown[0]!r}")
    written = []
    for length in lengths:
        doc = guide_document(module, length, course=course, workshop=workshop)
        for fmt in formats:
            path = out / f"{module}-guide-{length}min.{fmt}"
            path.write_text(render[fmt](doc), encoding="utf-8")
            written.append(path)
    for name, doc in (("cards", cards_document(module, course=course)),
                      ("answers", answers_document(module, course=course))):
        path = out / f"{module}-{name}.html"
        path.write_text(to_html(doc), encoding="utf-8")
        written.append(path)
    return written
