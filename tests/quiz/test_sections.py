"""Does the end-of-set summary find the notebook section that teaches a question?"""
from __future__ import annotations

import json

from compliance_course.data.models import Question
from compliance_course.quiz.practice import practice_sections
from compliance_course.quiz.sections import Section, section_for


def _notebook(tmp_path, cells):
    nb = {"cells": [{"cell_type": kind, "source": [src], "metadata": {}} for kind, src in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "01_demo.ipynb").write_text(json.dumps(nb))
    return "01_demo.ipynb"


def _question(qid="demo-q", tags=("breach",)):
    return Question(module="demo", id=qid, type="true_false", prompt="p", answer=True, explanation="e",
                    source="s", objective="o", difficulty="easy", use="practice", tags=tags)


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


def test_most_practice_questions_of_the_real_course_find_their_section(course):
    """Measured on the course as it is: most questions link to a heading of their notebook."""
    found = total = 0
    for module in course.modules:
        questions = course.questions_for(module, use="practice")
        sections, notebook = practice_sections(questions, module)
        total += len(questions)
        found += len(sections)
        for section in sections.values():
            assert section.notebook == notebook
    assert total and found / total > 0.7
