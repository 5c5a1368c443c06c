"""The minutes estimate: reading words / 200 + 1 per question + 2 per tool, rounded up to 5 minutes."""
from __future__ import annotations

import re

import yaml

from compliance_course import lesson
from compliance_course.lessons import write_source
from conftest import ROOT, notebook_of


def _source(tmp_path, cells):
    return write_source(notebook_of(cells), tmp_path / "tiny.md")


def _words(n: int) -> str:
    return " ".join(["word"] * n)


TINY = [
    ("md", "# Tiny\n\n" + _words(299)),                   # 1 + 299 = 300 words
    ("hidden", "from compliance_course.tools.soc2 import report_picker"),
    ("md", "## 1. One idea\n\nSee [the source](https://example.org/a/very/long/address)."),  # 5 words
    ("hidden", "report_picker()"),                           # a tool: 2 minutes
    ("md", "**Check yourself.**"),                           # 2 words
    ("hidden", 'practice_quiz("soc2", ids=["a", "b", "c"], record_progress=False)'),  # 3 questions
    ("md", "## Quiz"),                                       # 1 word
    ("hidden", 'practice_quiz("soc2", ids=["d", "e", "f", "g", "h", "i", "j", "k"])'),  # 8 questions
    ("collapsed", "## More practice\n\n" + _words(1000)),   # folded: not counted
    ("hidden", 'practice_quiz("soc2", ids=["l", "m"], record_progress=False)'),
    ("hidden", "report_picker()"),
]


def test_a_tiny_lesson_worked_by_hand(tmp_path):
    """Words: 300 + 6 ("1. One idea See the source": a link counts its text) + 2 + 1 ("Quiz") = 309,
    1.545 min; questions 3 + 8 = 11; one tool, 2 min. 14.545 rounds up to 15. The folded More
    practice (1,000 words, 2 questions, a tool) counts nothing."""
    assert lesson.estimate_minutes("soc2", source=_source(tmp_path, TINY)) == 15


def test_rounding_is_up_to_the_next_five(tmp_path):
    no_quiz = TINY[:6] + TINY[8:]                   # 308 words: 1.54 + 3 + 2 = 6.54 -> 10
    assert lesson.estimate_minutes("soc2", source=_source(tmp_path, no_quiz)) == 10
    exact = [("md", "# Tiny\n\n" + _words(991))] + no_quiz[1:]  # 992 + 6 + 2 = 1000 words: 5 + 3 + 2 = 10
    assert lesson.estimate_minutes("soc2", source=_source(tmp_path, exact)) == 10
    one_more = [("md", "# Tiny\n\n" + _words(992))] + no_quiz[1:]  # 1001 words: 10.005 -> 15
    assert lesson.estimate_minutes("soc2", source=_source(tmp_path, one_more)) == 15
    no_tool = [c for i, c in enumerate(no_quiz) if i != 3]  # 1.54 + 3 = 4.54 -> 5
    assert lesson.estimate_minutes("soc2", source=_source(tmp_path, no_tool)) == 5


def test_modules_yaml_minutes_are_the_estimate(course):
    """modules.yaml keeps `minutes` (the workshop guide and exams read it) equal to the estimate."""
    listed = {m["id"]: m["minutes"] for m in yaml.safe_load((ROOT / "course_data" / "modules.yaml").read_text())["modules"]}
    estimated = {module: lesson.estimate_minutes(module) for module in listed}
    assert listed == estimated, ("course_data/modules.yaml minutes differ from the estimate from the lesson text; "
                                 "run `python -m compliance_course.lessons minutes --write`")


def test_the_module_table_shows_the_estimate():
    rows = lesson.module_table_markdown().splitlines()[2:]
    minutes = {re.search(r"\]\((\S+?)\.ipynb\)", r).group(1): int(r.split(" | ")[3]) for r in rows}
    assert minutes["02_hipaa"] == lesson.estimate_minutes("hipaa")
    assert minutes["06_cross_framework"] == lesson.estimate_minutes("cross_framework")


def test_readme_module_map_shows_the_estimate():
    text = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| \d+ \| `(\S+)\.ipynb` \|.*\| (\d+) \|$", text, re.M)
    by_notebook = {m["notebook"]: m["id"] for m in
                   yaml.safe_load((ROOT / "course_data" / "modules.yaml").read_text())["modules"]}
    assert len(rows) == len(by_notebook)
    assert {nb: int(minutes) for nb, minutes in rows} == {
        nb[:-6]: lesson.estimate_minutes(module) for nb, module in by_notebook.items()}, (
        "README.md module map: run `python -m compliance_course.lessons minutes --write`")
