"""The practice loop as a learner meets it in JupyterLab, in Chromium at 1400x900.

- Nothing in a quiz or scenario card is cut off (choice labels, buttons).
- A wrong first try shows the chosen option's own feedback and a hint, never the answer;
  a second try or "Show answer" reveals it; the score counts first tries only.
- A number box starts empty, and Check on it asks for a number and counts nothing.
- Each question's radio buttons are one group named by its prompt; arrow keys move in it.
- Feedback is announced (aria-live); the summary links to the sections; the progress
  chart says when nothing is recorded and redraws itself when a set finishes.

The right answers and texts come from course_data, never from this file.
"""
from __future__ import annotations

from urllib.parse import unquote

import pytest

from compliance_course.data import Question, load_course
from .conftest import ROOT, SCREENSHOTS, WIDE, new_context
from .lab_driver import NotebookPage, feedback_text, normalise, option_labels, question_text

pytestmark = pytest.mark.browser

FOLDER = SCREENSHOTS / "practice"
# Render every cell: JupyterLab skips offscreen cells (content-visibility), whose sizes are then 0.
RENDER_ALL = ".jp-Notebook .jp-Cell { content-visibility: visible !important; }"
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def pass_line(course) -> str:
    from compliance_course.grading.models import load_exams_file
    return f"pass mark {100 * load_exams_file(course).defaults.pass_threshold:.0f} %"


def _open(browser, lab_server, notebook: str) -> NotebookPage:
    nb = NotebookPage.open(new_context(browser, WIDE), lab_server.url, notebook)
    nb.run_all()
    return nb


@pytest.fixture(scope="module")
def start_here(browser, lab_server):
    """00_start_here after Run All, with no progress recorded before it ran."""
    record = lab_server.home / "progress.json"
    record.unlink(missing_ok=True)  # the empty-progress state is part of what is tested
    nb = _open(browser, lab_server, "00_start_here.ipynb")
    yield nb
    nb.page.context.close()
    lab_server.end_sessions(path="00_start_here.ipynb")


@pytest.fixture(scope="module")
def hipaa(browser, lab_server):
    nb = _open(browser, lab_server, "02_hipaa.ipynb")
    nb.page.add_style_tag(content=RENDER_ALL)
    yield nb
    nb.page.context.close()
    lab_server.end_sessions(path="02_hipaa.ipynb")


def _bank_question(widget, course, module: str) -> Question:
    shown = question_text(widget)
    found = [q for q in course.questions.values() if q.module == module and normalise(q.prompt) in shown]
    assert len(found) == 1, f"cannot tell which question this is: {shown!r}"
    return found[0]


def _wait_feedback(widget, text: str) -> str:
    widget.locator(".cc-feedback-region").filter(has_text=text).wait_for(timeout=WAIT_MS)
    return feedback_text(widget)


def _score(nb: NotebookPage, text: str) -> str:
    score = nb.page.locator(".cc-practice").first
    score.filter(has_text=text).wait_for(timeout=WAIT_MS)
    return normalise(score.locator(".widget-html-content").nth(-2).text_content() or "")


def _questions_by_type(nb: NotebookPage, course, module: str) -> dict[str, list]:
    found: dict[str, list] = {}
    widgets = nb.questions()
    for i in range(widgets.count()):
        q = _bank_question(widgets.nth(i), course, module)
        found.setdefault(q.type, []).append((widgets.nth(i), q))
    return found


# --- readable ----------------------------------------------------------------------------
CUT_TEXT = """(root) => [...root.querySelectorAll(
    '.cc-question label, .cc-question button, .cc-question .cc-choice-text, '
    + '.cc-scenario label, .cc-scenario button, .cc-scenario .cc-choice-text')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 80) + ` (${e.scrollWidth} > ${e.clientWidth})`)"""


def test_no_quiz_text_is_cut_in_any_notebook(notebook_page):
    """In every course notebook (the shared Run All, 1280 px wide): whole labels and buttons."""
    page = notebook_page.page
    page.add_style_tag(content=RENDER_ALL)
    cut = page.locator(".jp-Notebook").evaluate(CUT_TEXT)
    assert not cut, "text cut off:\n" + "\n".join(cut)
    groups = page.locator(".jp-Notebook").evaluate(GROUPS)
    names = [g["names"] for g in groups]
    assert all(len(n) == 1 and n[0] for n in names), f"radios without one shared name: {names}"
    assert all(g["label"].strip() for g in groups), "a radio group without a name"


def test_no_quiz_or_scenario_text_is_cut(hipaa, course):
    """Every choice label and button in the HIPAA quiz and scenario cards shows its whole text."""
    page = hipaa.page
    assert page.locator(".cc-question").count() >= 20 and page.locator(".cc-scenario").count() >= 5
    cut = page.locator(".jp-Notebook").evaluate(CUT_TEXT)
    assert not cut, "text cut off:\n" + "\n".join(cut)
    # The words that decide an answer are on the page, whole, as course_data has them (each
    # learner sees the choices in an order of their own: compare them as a collection).
    multi = _questions_by_type(hipaa, course, "hipaa")["multiple_select"]
    assert multi, "the HIPAA practice set has no multiple-select question"
    for widget, q in multi:
        shown = option_labels(widget)
        assert sorted(shown) == sorted(normalise(c.text) for c in q.choices), q.id
    widget = multi[0][0]
    hipaa.screenshot(FOLDER, "multiple-select-labels", widget)


def test_scenario_options_are_words(hipaa):
    labels = hipaa.page.locator(".cc-scenario .cc-choice-text").all_text_contents()
    assert labels
    keys = [t for t in labels if "_" in t or t[:1].islower()]
    assert not keys, f"options shown as keys: {keys}"


def test_a_wrong_scenario_answer_gets_a_hint_first(hipaa, course):
    cards = hipaa.page.locator(".cc-scenario")
    card = cards.first
    title = normalise(card.locator("h4").text_content() or "").split(": ", 1)[-1]
    scenario = next(s for s in course.scenarios.values() if s.module == "hipaa" and s.title == title)
    wrong = next(o for o in scenario.options if o != scenario.expected_option)
    card.get_by_label(wrong, exact=True).check()
    card.get_by_role("button", name="Check").click()
    card.locator(".cc-feedback-region").filter(has_text="Not quite").wait_for(timeout=WAIT_MS)
    text = normalise(card.locator(".cc-feedback-region").text_content() or "")
    assert "Hint" in text and "answer is" not in text.lower()
    card.get_by_role("button", name="Show answer").click()
    card.locator(".cc-feedback-region").filter(has_text="Answer:").wait_for(timeout=WAIT_MS)
    hipaa.screenshot(FOLDER, "scenario-show-answer", card)


# --- accessibility -------------------------------------------------------------------------
GROUPS = """(root) => [...root.querySelectorAll('.cc-question [role=radiogroup]')].map(g => ({
    label: g.getAttribute('aria-label') || '',
    names: [...new Set([...g.querySelectorAll('input[type=radio]')].map(i => i.name))],
    radios: g.querySelectorAll('input[type=radio]').length}))"""


def test_each_questions_radios_are_one_group_named_by_its_prompt(hipaa, course):
    page = hipaa.page
    groups = page.locator(".jp-Notebook").evaluate(GROUPS)
    single = [q for q in course.questions_for("hipaa", use="practice") if q.type in ("single_choice", "true_false")]
    assert len(groups) >= len(single) > 0
    names = [g["names"] for g in groups]
    assert all(len(n) == 1 and n[0] for n in names), f"radios without one shared name: {names}"
    assert len({n[0] for n in names}) == len(names), "two questions share a group name"
    prompts = [normalise(q.prompt) for q in single]
    for g in groups:
        assert any(p in normalise(g["label"]) for p in prompts), f"group not named by its prompt: {g['label']!r}"


def test_arrow_keys_move_within_a_radio_group(hipaa, course):
    """Tab reaches the group once; ArrowDown selects the next choice; Tab then leaves for Check."""
    widget, q = _questions_by_type(hipaa, course, "hipaa")["single_choice"][0]
    page = hipaa.page
    labels = option_labels(widget)  # in the order this learner sees them
    assert sorted(labels) == sorted(normalise(label) for label, _ in q.option_pairs()), q.id
    first = widget.get_by_label(labels[0], exact=True)
    first.focus()
    page.keyboard.press("ArrowDown")
    second = widget.get_by_label(labels[1], exact=True)
    page.wait_for_function("el => el.checked && document.activeElement === el", arg=second.element_handle(),
                           timeout=WAIT_MS)
    assert not first.is_checked()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Check", f"Tab went to {focused!r}, not out of the group to Check"
    # The notebook did not take the arrow key as "select the next cell".
    assert widget.evaluate("el => el.closest('.jp-Cell').classList.contains('jp-mod-selected')")
    page.keyboard.press("Enter")
    key = {normalise(label): key for label, key in q.option_pairs()}[labels[1]]
    text = _wait_feedback(widget, "Correct" if key == q.answer else "Not quite")
    assert text
    hipaa.screenshot(FOLDER, "keyboard-radio-group", widget)


def test_feedback_regions_are_announced(hipaa):
    regions = hipaa.page.locator(".cc-question .cc-feedback-region, .cc-scenario .cc-feedback-region, "
                                 ".cc-practice .cc-summary")
    assert regions.count() >= hipaa.page.locator(".cc-question, .cc-scenario").count() + 1
    for i in range(regions.count()):
        assert regions.nth(i).get_attribute("aria-live") == "polite", f"region {i + 1} is not announced"
        assert regions.nth(i).get_attribute("role") == "status"


# --- the practice loop ----------------------------------------------------------------------
def test_progress_chart_says_nothing_is_recorded_yet(start_here, pass_line):
    chart = start_here.page.locator(".cc-progress-chart .js-plotly-plot")
    chart.wait_for(timeout=WAIT_MS)
    text = normalise(chart.text_content() or "")
    assert "No practice scores recorded yet" in text and pass_line in text
    assert "not tried yet" in text
    start_here.screenshot(FOLDER, "progress-empty", chart)


def test_check_on_an_empty_number_box_counts_nothing(start_here, course):
    widget, q = _questions_by_type(start_here, course, "start_here")["numeric"][0]
    box = widget.get_by_role("spinbutton")
    assert box.input_value() == "", "the number box does not start empty"
    widget.get_by_role("button", name="Check").click()
    assert "Type a number first" in _wait_feedback(widget, "Type a number first")
    assert "0 of 3 tried" in _score(start_here, "Score: 0 /")


def test_wrong_first_try_gives_a_hint_and_the_answer_comes_later(start_here, course):
    widget, q = _questions_by_type(start_here, course, "start_here")["single_choice"][0]
    wrong = [c for c in q.choices if c.key != q.answer and c.feedback]
    assert len(wrong) >= 2
    check = widget.get_by_role("button", name="Check")
    widget.get_by_label(wrong[0].text, exact=True).check()
    check.click()
    text = _wait_feedback(widget, "Not quite")
    assert normalise(wrong[0].feedback) in text and "Hint:" in text
    assert normalise(q.answer_text()) not in text and "answer is" not in text.lower()
    show = widget.get_by_role("button", name="Show answer")
    assert show.is_visible()
    start_here.screenshot(FOLDER, "first-wrong-try", widget)

    widget.get_by_label(wrong[1].text, exact=True).check()
    widget.locator(".cc-feedback-region").filter(has_text="Not quite").wait_for(state="detached", timeout=WAIT_MS)
    check.click()
    text = _wait_feedback(widget, "The answer is")
    assert normalise(q.answer_text()) in text and normalise(q.source) in text
    assert "Score: 0 / 3" in _score(start_here, "1 of 3 tried")


def _heading_ids(notebook: str) -> set[str]:
    """The ids JupyterLab gives the Markdown headings of a course notebook (spaces become hyphens)."""
    import json
    import re
    cells = json.loads((ROOT / "notebooks" / unquote(notebook)).read_text(encoding="utf-8"))["cells"]
    texts = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    return {re.sub(r"[*_`]", "", h).strip().replace(" ", "-")
            for t in texts for h in re.findall(r"^#{1,6}\s+(.+?)\s*$", t, re.MULTILINE)}


def test_first_tries_are_scored_and_the_summary_links_to_sections(start_here, course, pass_line):
    found = _questions_by_type(start_here, course, "start_here")
    page = start_here.page
    # Right at the first try (the empty Check before did not count).
    widget, q = found["numeric"][0]
    box = widget.get_by_role("spinbutton")
    box.fill(f"{q.answer:g}")
    box.press("Tab")
    widget.get_by_role("button", name="Check").click()
    assert _wait_feedback(widget, "Correct").startswith("✔ Correct.")
    # Wrong at the first try, then "Show answer".
    widget, q = found["true_false"][0]
    widget.get_by_label("False" if q.answer else "True", exact=True).check()
    widget.get_by_role("button", name="Check").click()
    _wait_feedback(widget, "Not quite")
    widget.get_by_role("button", name="Show answer").click()
    assert f"The answer is: {q.answer_text()}" in _wait_feedback(widget, "The answer is")

    summary = page.locator(".cc-practice .cc-summary").last
    summary.filter(has_text="Set complete").wait_for(timeout=WAIT_MS)
    assert "Set complete: 1 of 3 right at the first try" in normalise(summary.text_content())
    links = summary.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    here = [h for h in hrefs if h.startswith("#")]
    # JupyterLab marks a Markdown heading with data-jupyter-id; a question title has an id.
    missing = page.evaluate("""hrefs => hrefs.filter(h => { const id = CSS.escape(decodeURIComponent(h.slice(1)));
        return !document.querySelector(`.jp-Notebook [id="${id}"], .jp-Notebook [data-jupyter-id="${id}"]`); })""",
                            here)
    assert here and not missing, f"links to nothing: {missing} (of {hrefs})"
    # A section of another module (a question the start page asks, taught in a module) opens that
    # module's notebook in a new tab, and names a heading that notebook has.
    for href in (h for h in hrefs if not h.startswith("#")):
        notebook, fragment = href.split("#", 1)
        link = summary.locator(f"a[href='{href}']")
        assert link.get_attribute("target") == "_blank", f"{href} would replace the learner's page"
        assert unquote(fragment) in _heading_ids(notebook), f"{notebook} has no heading {unquote(fragment)!r}"
        with page.context.expect_page() as opened:
            link.click()
        other = opened.value
        try:
            other.wait_for_selector(f".jp-DocumentWidget[title*='{unquote(notebook)}'], .lm-TabBar-tab[title*='{unquote(notebook)}']",
                                    timeout=60_000)
        finally:
            other.close()
    section_links = [h for h in here if not h.startswith("#cc-q-")]  # headings of this notebook
    assert section_links, f"no link to a notebook section: {hrefs}"
    start_here.screenshot(FOLDER, "summary", summary)

    # Following the section link brings its heading into view.
    summary.locator(f"a[href='{section_links[0]}']").click()
    heading = page.locator(f".jp-Notebook [data-jupyter-id='{unquote(section_links[0][1:])}']")
    page.wait_for_function("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                           arg=heading.element_handle(), timeout=WAIT_MS)

    # The progress chart below redrew itself with the recorded first-try score.
    chart = page.locator(".cc-progress-chart .js-plotly-plot")
    chart.filter(has_text="33 %").wait_for(timeout=WAIT_MS)
    text = normalise(chart.text_content() or "")
    assert "No practice scores recorded yet" not in text and pass_line in text
    start_here.screenshot(FOLDER, "progress-after-set", chart)
