"""Does every module's text source (course_data/lessons/<module>.md) follow the section pattern?

Sections `## N. ...` each ending with a 2-4 question check; `## Quiz` with 8-10; collapsed More practice,
Reference and For facilitators; Next / Back links; every practice question of the module exactly once
(LESSONS_BRIEF / issue 20). The messages name the file, the section and what is missing.
"""
from __future__ import annotations

import pytest

from compliance_course.lessons import lessons, write_source
from compliance_course.lessons.structure import check, read_cells
from conftest import ROOT, notebook_of

MODULES = [lesson for lesson in lessons(ROOT) if lesson.module != "start_here"]


def _next_notebook(index: int) -> str:
    return MODULES[index + 1].notebook.name if index + 1 < len(MODULES) else "00_start_here.ipynb"


@pytest.mark.parametrize("index", range(len(MODULES)), ids=[m.module for m in MODULES])
def test_module_follows_the_section_pattern(course, index, request):
    lesson = MODULES[index]
    practice = [q.id for q in course.questions_for(lesson.module, use="practice")]
    next_module = MODULES[index + 1].module if index + 1 < len(MODULES) else None
    problems = check(read_cells(lesson.source), lesson.module, practice, _next_notebook(index),
                     f"course_data/lessons/{lesson.source.name}", next_module=next_module)
    assert problems == [], "\n".join(problems)


# A tiny module that follows the pattern, for the checker itself.
IDS = [f"q{i}" for i in range(1, 16)]
GOOD = [
    ("md", "# Demo\n\nTwo lines of intro."),
    ("hidden", "from compliance_course.quiz import practice_quiz"),
    ("hidden", 'objectives("demo")'),
    ("md", "## 1. First idea\n\nA paragraph."),
    ("md", "**Check yourself.**"),
    ("hidden", 'practice_quiz("demo", ids=["q1", "q2"], record_progress=False)'),
    ("md", "## 2. Second idea\n\nA paragraph."),
    ("hidden", "tools.level_finder()"),
    ("md", "**Check yourself.**"),
    ("hidden", 'practice_quiz("demo", ids=["q3", "q4", "q5"], record_progress=False)'),
    ("md", "## Quiz"),
    ("hidden", 'practice_quiz("demo", ids=["q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13"])'),
    ("collapsed", "## More practice"),
    ("hidden", 'practice_quiz("demo", ids=["q14", "q15"], record_progress=False)'),
    ("md", "## Key points"),
    ("hidden", 'key_points("demo")'),
    ("hidden", 'misconceptions("demo")'),
    ("md", "## Sources"),
    ("hidden", 'sources("demo")'),
    ("collapsed", "## Reference\n\nThe Act's sunset."),
    ("collapsed", "## For facilitators\n\nTeam poll."),
    ("md", "**Next:** [Other](02_other.ipynb) · [Back to start](00_start_here.ipynb)"),
]


def _problems(tmp_path, cells):
    path = write_source(notebook_of(cells), tmp_path / "demo.md")
    return check(read_cells(path), "demo", IDS, "02_other.ipynb", "course_data/lessons/demo.md")


def test_a_module_that_follows_the_pattern_passes(tmp_path):
    assert _problems(tmp_path, GOOD) == []


def test_each_missing_part_is_named_with_file_and_section(tmp_path):
    bad = list(GOOD)
    bad[5] = ("hidden", 'practice_quiz("demo", ids=["q1"], record_progress=False)')  # 1 id; q2 lost
    bad[12] = ("md", "## More practice")                                               # not collapsed
    bad[13] = ("hidden", 'practice_quiz("demo", ids=["q14", "q15", "q3"], record_progress=False)')
    del bad[19]                                                                        # no Reference
    bad[-1] = ("md", "**Next:** [Other](03_x.ipynb) · [Back to start](00_start_here.ipynb)")
    assert _problems(tmp_path, bad) == [
        "course_data/lessons/demo.md: '## 1. First idea': its check has 1 ids; 2 to 4 wanted",
        "course_data/lessons/demo.md: '## More practice': is not collapsed (kind 'collapsed': "
        "jp-MarkdownHeadingCollapsed)",
        "course_data/lessons/demo.md: '## Reference': missing (a collapsed heading)",
        "course_data/lessons/demo.md: practice questions: not in any section check, the Quiz or More practice: q2",
        "course_data/lessons/demo.md: practice questions: appear more than once: q3",
        "course_data/lessons/demo.md: last cell: Next links 03_x.ipynb; the next module is 02_other.ipynb",
    ]


def test_a_section_without_its_check_is_named(tmp_path):
    bad = GOOD[:4] + GOOD[6:]  # section 1 loses its "Check yourself" and its quiz
    problems = _problems(tmp_path, bad)
    assert problems[0] == ("course_data/lessons/demo.md: '## 1. First idea': does not end with one practice_quiz "
                           'check cell (practice_quiz("demo", ids=[2 to 4 ids], record_progress=False))')
    assert any("not in any section check" in p and "q1, q2" in p for p in problems)
