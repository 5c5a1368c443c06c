"""Does each course notebook work for a learner in JupyterLab in a real Chromium?

Every notebook of course_data/modules.yaml that exists is opened and run once with
Run → Run All Cells (the ``notebook_page`` fixture); the tests below then look at the
page and click through it as a learner would. The right answers come from course_data,
never from this file.
"""
from __future__ import annotations

from typing import Any

import pytest

from compliance_course.data import Question, load_course
from .conftest import SCREENSHOTS
from .lab_driver import (NotebookPage, feedback_text, focused_description, nameless_controls, normalise,
                        option_labels, question_text)

pytestmark = pytest.mark.browser

CHOICE_TYPES = ("single_choice", "true_false", "multiple_select")
# What plotly draws for data: traces (bar, scatter, sankey, pie slices) or a heatmap's image.
DATA_MARKS = "svg.main-svg g.trace path, svg.main-svg g.trace rect, svg.main-svg .sankey path, " \
             "svg.main-svg g.slice path, svg.main-svg .heatmaplayer image, svg.main-svg .imagelayer image"


@pytest.fixture(scope="session")
def course():
    return load_course()


def identify(question_widget, course, module: str) -> Question:
    """The bank question a widget shows, found by its prompt and its set of choices (the module's own first).

    Each learner sees the choices in an order of their own (compliance_course/quiz/choice_order.py),
    so the labels are compared as a collection, not in bank order."""
    shown = question_text(question_widget)
    labels = sorted(option_labels(question_widget))
    matches = [q for q in course.questions.values() if normalise(q.prompt) in shown
               and (not labels or sorted(normalise(label) for label, _ in q.option_pairs()) == labels)]
    own = [q for q in matches if q.module == module]
    matches = own or matches
    assert len(matches) == 1, f"cannot tell which question this is ({len(matches)} matches): {shown!r}"
    return matches[0]


def choice_questions(nb: NotebookPage, course) -> list[tuple[Any, Question]]:
    """(widget, question) for the practice questions a learner answers by picking choices."""
    found = []
    questions = nb.questions()
    for i in range(questions.count()):
        widget = questions.nth(i)
        question = identify(widget, course, nb.module)
        if question.type in CHOICE_TYPES:
            found.append((widget, question))
    return found


def right_labels(q: Question) -> list[str]:
    keys = q.answer if isinstance(q.answer, tuple) else (q.answer,)
    return [label for label, key in q.option_pairs() if key in keys]


def wrong_choice_with_feedback(q: Question) -> tuple[str, str] | None:
    """(label, feedback) of the first wrong choice that has its own feedback."""
    keys = q.answer if isinstance(q.answer, tuple) else (q.answer,)
    for choice in q.choices:
        if choice.key not in keys and choice.feedback:
            return choice.text, choice.feedback
    return None


def test_run_all_finishes_without_an_error_output(notebook_page):
    """After Run All, did every code cell run, with no error output and no JavaScript error?"""
    state = notebook_page.state
    notebook_page.screenshot(SCREENSHOTS, "1-after-run-all")
    print(f"{notebook_page.name}: opened in {notebook_page.load_seconds:.1f} s; Run All took "
          f"{notebook_page.run_seconds:.1f} s ({notebook_page.cells_seconds:.1f} s until the last cell ran)")
    assert not state["errors"], "error output(s):\n" + "\n".join(
        f"  cell {e['cell']}: {e['ename']}: {e['evalue']}\n    {e['source']!r}" for e in state["errors"])
    assert state["executed"] == state["code"] > 0
    assert not notebook_page.page_errors, f"JavaScript errors in the page: {notebook_page.page_errors}"


def test_every_plotly_chart_renders_as_svg(notebook_page):
    """Is every plotly output drawn as an SVG chart on the page, not left as raw data?"""
    expected = notebook_page.state["plotly"]
    assert expected >= 1, "the notebook shows no plotly chart"
    plots = notebook_page.page.locator(".js-plotly-plot")
    # Charts inside interactive tools (widget outputs) come on top of the notebook's own outputs.
    assert plots.count() >= expected
    for i in range(plots.count()):
        plot = plots.nth(i)
        assert plot.locator("svg.main-svg").count() >= 1, f"chart {i + 1} has no SVG"
        marks = plot.locator(DATA_MARKS)
        assert marks.count() >= 1, f"chart {i + 1} draws no data marks"
    notebook_page.screenshot(SCREENSHOTS, "2-first-chart", plots.first)


def test_clicked_answers_get_the_feedback_course_data_gives(notebook_page, course):
    """Clicking a wrong choice then Check shows that choice's own feedback; the right one shows Correct."""
    candidates = choice_questions(notebook_page, course)
    assert candidates, "no practice question answered by choosing was found on the page"
    widget, q = candidates[0]
    check = widget.get_by_role("button", name="Check")
    score = notebook_page.page.locator(".cc-practice").first

    wrong = wrong_choice_with_feedback(q)
    if wrong is not None:
        label, explanation = wrong
        widget.get_by_label(label, exact=True).check()  # clicks, and confirms the choice is ticked
        check.click()
        widget.locator(".widget-html-content").last.filter(has_text="Not quite").wait_for(timeout=20_000)
        text = feedback_text(widget)
        assert "Not quite" in text and "Hint:" in text
        assert normalise(q.answer_text()) not in text, "a first wrong try must not give the answer away"
        assert normalise(explanation) in text, "the chosen distractor's own feedback is missing"
        if q.type == "multiple_select":
            widget.get_by_label(label, exact=True).uncheck()  # untick it again

    feedback = widget.locator(".widget-html-content").last
    for label in right_labels(q):
        widget.get_by_label(label, exact=True).check()
    # Changing the answer clears the old feedback, which shows the kernel has the new answer. Wait
    # for it as a learner would see it: ipywidgets sends a click at once but holds back a choice
    # while the kernel is still busy with that control's previous change, so on a loaded machine
    # a Check pressed at machine speed could overtake the choice it is meant to judge.
    page = notebook_page.page
    page.wait_for_function("el => el.textContent.trim() === ''", arg=feedback.element_handle(),
                           timeout=20_000)
    check.click()
    feedback.filter(has_text="Correct").wait_for(timeout=20_000)
    text = feedback_text(widget)
    assert text.startswith("✔ Correct")
    assert normalise(q.explanation) in text and normalise(q.source) in text
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # The score counts first tries: right after a wrong try is listed, not counted.
    expected = "Score: 1 /" if wrong is None else "1 right at a later try"
    try:  # the score line is updated just after the feedback
        score.filter(has_text=expected).wait_for(timeout=20_000)
    except PlaywrightTimeout:
        raise AssertionError(f"the running score did not count the right answer: "
                             f"{normalise(score.text_content() or '')[-60:]!r}") from None
    notebook_page.screenshot(SCREENSHOTS, "3-clicked-answer", widget)


def _focus(page) -> dict:
    focus = focused_description(page)
    return {**focus, "label": normalise(focus["label"])}


def test_a_question_can_be_answered_with_the_keyboard_only(notebook_page, course):
    """Tab to the choices, arrow keys (radios) or Space (checkboxes) to the right ones, Tab to Check,
    Enter: is the answer judged right? The choices are walked in the order this learner sees them."""
    candidates = choice_questions(notebook_page, course)
    assert candidates
    widget, q = candidates[min(1, len(candidates) - 1)]  # not the one the clicking test used, if possible
    page = notebook_page.page
    wanted = {normalise(label) for label in right_labels(q)}
    # Clicking the question text selects its notebook cell; Tab then walks the cell's controls in order.
    widget.locator(".widget-html-content").first.click()
    pressed_check = False
    visited = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focus = _focus(page)
        focus["inQuestion"] = widget.evaluate("el => el.contains(document.activeElement)")
        visited.append(f"{focus['tag']}:{(focus['label'] or focus['text'])[:30]}")
        for _ in range(len(q.option_pairs())):  # arrow keys move within a radio group
            if not (focus["type"] == "radio" and focus["inQuestion"] and focus["label"] not in wanted):
                break
            page.keyboard.press("ArrowDown")  # moves to the next choice shown and selects it
            focus = {**_focus(page), "inQuestion": True}
            assert focus["type"] == "radio" and focus["checked"], f"ArrowDown left the radio group: {focus}"
        if focus["tag"] == "INPUT" and focus["inQuestion"] and focus["label"] in wanted and not focus["checked"]:
            page.keyboard.press("Space")
            assert focused_description(page)["checked"], f"Space did not select {focus['label']!r}"
        elif focus["tag"] == "BUTTON" and focus["inQuestion"] and focus["text"] == "Check":
            assert feedback_text(widget) == "", "feedback should be cleared once the answer changes"
            page.keyboard.press("Enter")
            pressed_check = True
            break
    assert pressed_check, f"Tab never reached the Check button of the question; focus went to {visited}"
    feedback = widget.locator(".widget-html-content").last
    try:
        feedback.filter(has_text="Correct").wait_for(timeout=20_000)
    finally:
        print("focus went to", visited, "feedback:", feedback_text(widget))
    assert feedback_text(widget).startswith("✔ Correct.")
    notebook_page.screenshot(SCREENSHOTS, "4-keyboard-answer", widget)


def test_every_quiz_control_has_an_accessible_name(notebook_page):
    """Does each radio, checkbox, number box and button in quizzes and scenarios have a name?"""
    page = notebook_page.page
    # JupyterLab skips rendering offscreen cells (content-visibility: auto). Assistive technology
    # still gets their content, but Playwright's snapshot sees only rendered elements: render
    # every cell, so each box can be read without scrolling to it.
    page.add_style_tag(content=".jp-Notebook .jp-Cell { content-visibility: visible !important; }")
    # Parts that start folded ("More practice") hold quiz boxes too: unfold them, as a learner would.
    # (A DOM click: the caret of a heading out of view counts as not visible to Playwright.)
    folded = page.locator(".jp-collapseHeadingButton.jp-mod-collapsed")
    for _ in range(folded.count()):
        folded.first.dispatch_event("click")
    assert folded.count() == 0, "a folded part did not unfold"
    boxes = page.locator(".cc-question, .cc-scenario")
    assert boxes.count() >= 1
    problems = []
    for i in range(boxes.count()):
        if not boxes.nth(i).is_visible():
            continue  # under a collapsed heading ("More practice"): not shown until the learner opens it
        snapshot = boxes.nth(i).aria_snapshot()
        assert any(f"- {role}" in snapshot for role in ("radio", "checkbox", "button", "spinbutton")), \
            f"box {i + 1} shows no control at all:\n{snapshot}"
        nameless = nameless_controls(snapshot)
        if nameless:
            problems.append(f"box {i + 1} ({normalise(boxes.nth(i).inner_text())[:60]!r}): {nameless}")
    assert not problems, "controls without an accessible name:\n" + "\n".join(problems)
