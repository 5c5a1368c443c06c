"""Does the end-of-set summary find the notebook section that teaches a question?"""
from __future__ import annotations

import json

from compliance_course.data.models import Question
from compliance_course.quiz.practice import practice_sections
from compliance_course.quiz.sections import Section, section_for


def _notebook(tmp_path, cells):
    nb = {"cells": [{"cell_type": kind, "source": [src], "metadata": meta[0] if meta else {}}
                    for kind, src, *meta in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "01_demo.ipynb").write_text(json.dumps(nb))
    return "01_demo.ipynb"


def _question(qid="demo-q", tags=("breach",), rests_on=()):
    return Question(module="demo", id=qid, type="true_false", prompt="p", answer=True, explanation="e",
                    source="s", objective="o", difficulty="easy", use="practice", tags=tags, rests_on=rests_on)


def test_tag_of_a_fact_table_names_the_section(tmp_path):
    name = _notebook(tmp_path, [("markdown", "## Who is who"), ("code", 'fact_table("m", tag="roles")'),
                                ("markdown", "## 4. *Breach* notification"),
                                ("code", 'fact_table("m", tag="breach")')])
    section = section_for(_question(), name, folder=tmp_path)
    assert section == Section("4. Breach notification", name)
    assert section.href(name) == "#4.-Breach-notification"
    assert section.href("00_other.ipynb") == "01_demo.ipynb#4.-Breach-notification"


def test_a_facts_tags_and_the_question_cell_itself(tmp_path):
    name = _notebook(tmp_path, [("markdown", "## First"), ("code", 'show_fact("f-1")'),
                                ("markdown", "### Second"), ("code", 'question("demo-q")')])
    assert section_for(_question("other-q", tags=("baa",)), name, fact_tags={"f-1": ("baa",)},
                       folder=tmp_path).heading == "First"
    # the question's own cell wins over its tags
    assert section_for(_question(tags=("baa",)), name, fact_tags={"f-1": ("baa",)},
                       folder=tmp_path).heading == "Second"


def test_no_section_when_nothing_matches(tmp_path):
    name = _notebook(tmp_path, [("markdown", "## First"), ("code", "1 + 1")])
    assert section_for(_question(tags=("poam",)), name, folder=tmp_path) is None
    assert section_for(_question(), "missing.ipynb", folder=tmp_path) is None


def test_a_sections_check_names_the_whole_section_and_the_closing_parts_never_count(tmp_path):
    name = _notebook(tmp_path, [
        ("markdown", "# Title"), ("code", 'practice_quiz("m", ids=["in-opening"])'),
        ("markdown", "## 2. Breach notification"), ("code", 'fact_table("m", tag="breach")'),
        ("markdown", "### More cases"), ("code", 'practice_quiz("m", ids=["checked-q"], record_progress=False)'),
        ("markdown", "## Quiz"), ("code", 'practice_quiz("m", ids=["checked-q", "end-q", "in-opening"])'),
        ("markdown", "## Reference"), ("code", 'fact_table("m", tag="history")\nshow_fact("old-fact")')])
    assert section_for(_question("checked-q", tags=()), name, folder=tmp_path).heading == "2. Breach notification"
    for closing_only in (_question("end-q", tags=("history",)), _question("in-opening", tags=()),
                         _question("end-q", tags=("quiz",)), _question("end-q", tags=(), rests_on=("old-fact",))):
        assert section_for(closing_only, name, folder=tmp_path) is None, closing_only


def test_a_section_says_what_it_teaches_in_its_heading_cell(tmp_path):
    name = _notebook(tmp_path, [("markdown", "## 1. Who is who"), ("code", 'fact_table("m", tag="roles")'),
                                ("markdown", "## 2. Order the work\n\nProse.\n\n### Try it", {"teaches": ["order"]}),
                                ("markdown", "## Quiz", {"teaches": ["roles"]})])
    assert section_for(_question(tags=("order",)), name, folder=tmp_path).heading == "2. Order the work"
    assert section_for(_question(tags=("roles",)), name, folder=tmp_path).heading == "1. Who is who"


def test_the_facts_a_question_rests_on_come_before_its_tags(tmp_path):
    name = _notebook(tmp_path, [("markdown", "## 1. Who is who"), ("code", 'fact_table("m", tag="roles")'),
                                ("markdown", "## 2. Deadlines"), ("code", 'show_fact("deadline-fact")')])
    q = _question("end-q", tags=("roles",), rests_on=("deadline-fact",))
    assert section_for(q, name, folder=tmp_path).heading == "2. Deadlines"
    # a fact shown in a table of one of its tags
    q = _question("end-q", tags=(), rests_on=("role-fact",))
    assert section_for(q, name, fact_tags={"role-fact": ("roles",)}, folder=tmp_path).heading == "1. Who is who"


def test_a_question_checked_in_a_section_links_to_that_section(course):
    """Read from the lessons' text sources: the ids of each numbered section's check."""
    from compliance_course.lessons.structure import NUMBERED, _quizzes, read_cells, sections
    from compliance_course.data.loader import PACKAGE_ROOT
    checked = 0
    for module in course.modules.values():
        source = PACKAGE_ROOT / "course_data" / "lessons" / f"{module.id}.md"
        for part in sections(read_cells(source)):
            if not NUMBERED.match(part.title):
                continue
            for _cell, call in _quizzes(part):
                for qid in call.kwargs["ids"]:
                    found = section_for(course.questions[qid], module.notebook,
                                        fact_tags={f.id: f.tags for f in course.facts.values()})
                    assert found is not None and found.heading == part.title.replace("*", ""), (qid, found)
                    checked += 1
    assert checked >= 50
def test_every_practice_question_of_the_course_links_to_a_teaching_section(course):
    """The end-of-set summary links each question worth another look to where it is taught."""
    from compliance_course.lessons.structure import TAIL, WHERE_NEXT
    missing = []
    for module in course.modules:
        questions = course.questions_for(module, use="practice")
        sections, notebook = practice_sections(questions, module)
        missing += [q.id for q in questions if q.id not in sections]
        for q in questions:
            if q.id in sections:
                # its own notebook, or the notebook of a module whose facts it rests on
                homes = {notebook} | {course.modules[course.facts[f].module].notebook for f in q.rests_on}
                assert sections[q.id].notebook in homes, (q.id, sections[q.id])
                assert sections[q.id].heading not in (*TAIL, WHERE_NEXT)
    assert not missing, f"no section teaches these (give them rests_on facts shown in a section): {missing}"




def test_every_topic_a_lesson_says_it_teaches_is_a_question_tag(course):
    """A misspelt topic would silently link nothing."""
    from compliance_course.data.loader import PACKAGE_ROOT
    from compliance_course.lessons import read_source
    tags = {t for q in course.questions.values() for t in q.tags}
    unknown = []
    for source in sorted((PACKAGE_ROOT / "course_data" / "lessons").glob("*.md")):
        for cell in read_source(source).cells:
            unknown += [f"{source.name}: {t}" for t in cell.metadata.get("teaches", []) if t not in tags]
    assert not unknown, unknown


def test_a_link_to_another_module_says_which_and_opens_in_a_new_tab(course):
    section = Section("1. What a SOC 2 is", "01_soc2.ipynb")
    here = section.link_html("01_soc2.ipynb")
    assert "href='#1.-What-a-SOC-2-is'" in here and "target" not in here and "module" not in here
    there = section.link_html("00_start_here.ipynb")
    assert "href='01_soc2.ipynb#1.-What-a-SOC-2-is' target='_blank'" in there
    assert "(in module 1 (SOC 2), opens in a new tab)" in there
