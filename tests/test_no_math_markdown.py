"""Do dollar amounts in Markdown output stay dollars in JupyterLab?

JupyterLab renders a ``text/markdown`` output in two steps: ``removeMath`` (in
@jupyterlab/rendermime's ``latex.ts``) takes every span between two bare ``$`` out of the Markdown,
HTML-escaped, and MathJax typesets what it finds afterwards unless an element has the
``mathjax_ignore`` class. ``math_spans`` below is that function's splitting, ported, so a test can
say which spans JupyterLab would take for a formula: "$100 to $" of "$100 to $50,000", or a whole
"<small>Source ...</small>" that then shows as text. The outputs tested are the real ones:
every HIPAA penalty range the engine gives, decisions carrying course facts that quote amounts,
and the lesson helpers' fact boxes.
"""
from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from compliance_course.data import load_course
from compliance_course.decision import Decision
from compliance_course.decisions import frameworks, hipaa
from compliance_course.no_math import NO_MATH_CLASSES

# latex.ts: const MATHSPLIT = /(\$\$?|\\(?:begin|end)\{[a-z]*\*?\}|\\[{}$]|[{}]|(?:\n\s*)+|@@\d+@@|\\\\(?:\(|\)|\[|\]))/i
MATH_SPLIT = re.compile(r"(\$\$?|\\(?:begin|end)\{[a-z]*\*?\}|\\[{}$]|[{}]|(?:\n\s*)+|@@\d+@@|\\\\[()[\]])", re.I)
AMOUNT = re.compile(r"\$[0-9]")


def math_spans(markdown: str) -> list[str]:
    """The spans JupyterLab's ``removeMath`` would take out of ``markdown`` as mathematics."""
    blocks = MATH_SPLIT.split(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    spans, start, end, last, braces = [], None, None, None, 0
    i = 1
    while i < len(blocks):
        block = blocks[i]
        if block.startswith("@"):
            pass
        elif start is not None:
            if block == end:
                if braces:
                    last = i
                else:
                    spans.append("".join(blocks[start:i + 1]))
                    start = end = last = None
            elif re.search(r"\n.*\n", block):  # a blank line ends an unclosed formula
                if last is not None:
                    i = last
                    spans.append("".join(blocks[start:i + 1]))
                start = end = last = None
                braces = 0
            elif block == "{":
                braces += 1
            elif block == "}" and braces:
                braces -= 1
        elif block in ("$", "$$"):
            start, end, braces = i, block, 0
        elif block in ("\\\\(", "\\\\["):
            start, end, braces = i, "\\\\)" if block.endswith("(") else "\\\\]", 0
        elif block[1:6] == "begin":
            start, end, braces = i, "\\end" + block[6:], 0
        i += 2
    if start is not None and last is not None:
        spans.append("".join(blocks[start:last + 1]))
    return spans


def test_the_port_finds_what_jupyterlab_takes_for_a_formula():
    assert math_spans("fines of $50,000 for **each** up to $1.5 million") == ["$50,000 for **each** up to $"]
    assert math_spans("fines of \\$50,000 for **each** up to \\$1.5 million") == []
    assert math_spans("one $5 fee\n\nand another $6 fee") == []  # a blank line ends it


def assert_dollars_stay_dollars(markdown: str) -> None:
    """No span JupyterLab would take for mathematics, inside an element MathJax skips, and the
    rendered text shows each amount with its dollar sign."""
    assert math_spans(markdown) == [], markdown
    html = MarkdownIt("commonmark").render(markdown)
    outer = re.match(r"<div class='([^']*)'>", html)
    assert outer and set(NO_MATH_CLASSES) <= set(outer[1].split()), html[:200]
    assert "\\$" not in html and AMOUNT.search(html), html[:300]


def _schedules() -> list:
    return [None, *(day for day, _ in hipaa.penalty_adjustments())]


@pytest.mark.parametrize("tier", [1, 2, 3, 4])
def test_every_hipaa_penalty_range_shows_its_amounts_and_source(tier):
    for day in _schedules():
        r = hipaa.penalty_range(tier, day)
        markdown = r._repr_markdown_()
        assert_dollars_stay_dollars(markdown)
        html = MarkdownIt("commonmark").render(markdown)
        assert f"${r.minimum:,} to ${r.maximum:,} per violation" in html
        assert "<small>Source: " in html  # a tag, not text taken into a formula


def _facts_with_amounts():
    facts = [f for f in load_course().facts.values() if AMOUNT.search(f"{f.statement} {f.source}")]
    assert facts, "no course fact quotes a dollar amount"
    return facts


def test_a_decision_quoting_course_amounts_keeps_them_dollars():
    """A decision's reason and citation come from course facts; those with amounts must stay dollars."""
    for fact in _facts_with_amounts():
        decision = Decision(answer=fact.value if isinstance(fact.value, (str, int)) else fact.id,
                            reason=fact.statement, citation=fact.source, basis="market expectation")
        markdown = decision._repr_markdown_()
        assert_dollars_stay_dollars(markdown)
        html = MarkdownIt("commonmark").render(markdown)
        assert "<strong>Why:</strong>" in html and "<strong>Source:</strong>" in html, fact.id


def test_every_engine_decision_is_markdown_mathjax_skips():
    decisions = frameworks.frameworks_for(sells_to=frameworks.BUYERS, handles=frameworks.INFORMATION,
                                          cloud_service=True)
    decisions += [hipaa.needs_baa("covered_entity", "phi", "conduit", stores_phi=True)]
    for d in decisions:
        markdown = d._repr_markdown_()
        assert math_spans(markdown) == []
        assert MarkdownIt("commonmark").render(markdown).startswith(f"<div class='{' '.join(NO_MATH_CLASSES)}'>")


def test_lesson_fact_boxes_keep_their_amounts_dollars():
    from compliance_course.lesson import show_fact

    for fact in _facts_with_amounts():
        assert_dollars_stay_dollars(show_fact(fact.id).data)
