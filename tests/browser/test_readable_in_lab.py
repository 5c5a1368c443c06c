"""Can a learner read everything, in JupyterLab in Chromium at 1400x900, and do the tools stay calm?

For every course notebook after Run All: no element whose text is cut (labels, buttons, table
cells, plotly titles, captions and legends), no traceback. For each tool: its bad-input case
(an empty date, a search that matches nothing, 3.12.4 not met) shows one line saying what to
do, and no traceback, and no stale chart. Opening a notebook does not mark it changed.
Screenshots go to screenshots/browser/readable/ for a person to look at.
"""
from __future__ import annotations

import pytest

from .conftest import NOTEBOOKS, SCREENSHOTS
from .lab_driver import NotebookPage, normalise

pytestmark = pytest.mark.browser

SHOTS = SCREENSHOTS / "readable"

# Lay out every cell: JupyterLab skips laying out cells outside the viewport (content-visibility),
# and an element that is not laid out measures 0 wide, so it could not be found cut.
LAY_OUT_EVERY_CELL = ".jp-Notebook .jp-Cell, .jp-WindowedPanel-viewport > * {content-visibility: visible !important;}"

# Elements whose text is cut: wider content than box (ellipsis or hidden overflow) for HTML;
# for plotly's SVG, a title, annotation or legend text that reaches past its chart's edge.
_CUT_TEXT = r"""(root) => {
  const cut = [];
  const scope = root || document;
  const sel = ['label', 'button', '.widget-label', '.widget-inline-hbox .widget-label', 'td', 'th',
               '.widget-toggle-button', '.widget-dropdown > select', '.lm-AccordionPanel-title',
               '.p-Accordion-title'].map(s => (root ? '' : '.jp-OutputArea-output ') + s).join(', ');
  for (const e of scope.querySelectorAll(sel)) {
    if (!e.getClientRects().length) continue;                       // not shown
    if (e.tagName === 'SELECT') {                                      // the chosen option's text
      const text = e.options[e.selectedIndex]?.text || '';
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = getComputedStyle(e).font;
      if (ctx.measureText(text).width > e.clientWidth - 24)
        cut.push({what: 'dropdown', text, box: e.clientWidth});
      continue;
    }
    if (e.scrollWidth > e.clientWidth + 1)
      cut.push({what: e.tagName.toLowerCase() + '.' + (e.className || '').toString().split(' ')[0],
                text: e.textContent.trim().slice(0, 90), box: e.clientWidth, content: e.scrollWidth});
  }
  for (const plot of scope.querySelectorAll((root ? '' : '.jp-OutputArea-output ') + '.js-plotly-plot')) {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    for (const t of plot.querySelectorAll('.gtitle, .gtitle-subtitle, .annotation-text, .legendtext, .g-xtitle text, .g-ytitle text')) {
      const r = t.getBoundingClientRect();
      if (!r.width) continue;
      if (r.right > box.right + 2 || r.left < box.left - 2 || r.bottom > box.bottom + 2 || r.top < box.top - 2)
        cut.push({what: 'chart ' + t.getAttribute('class'), text: t.textContent.slice(0, 90),
                  overflow: Math.round(Math.max(r.right - box.right, box.left - r.left,
                                                r.bottom - box.bottom, box.top - r.top))});
    }
  }
  return cut;
}"""

_TRACEBACKS = r"""() => [...document.querySelectorAll('.jp-OutputArea-output')]
  .filter(o => /Traceback|Error:|most recent call last/.test(o.textContent)
               && (o.matches('[data-mime-type*="stderr"], [data-mime-type*="error"]')
                   || o.querySelector('.jp-RenderedText[data-mime-type*="stderr"], .jp-RenderedText[data-mime-type*="error"]')))
  .map(o => o.textContent.trim().slice(0, 300))"""

_DIRTY = "() => window.jupyterapp.shell.currentWidget.context.model.dirty"


def _open_and_run(window, lab, notebook: str) -> NotebookPage:
    nb = NotebookPage.open(window, lab.url, notebook)
    state = nb.run_all()
    assert not state["errors"], f"{notebook}: error outputs after Run All: {state['errors']}"
    nb.page.add_style_tag(content=LAY_OUT_EVERY_CELL)
    nb.page.wait_for_timeout(500)
    return nb


def _tool(nb: NotebookPage, heading: str):
    """The tool (a .cc-tool box) whose text starts with ``heading``."""
    tool = nb.page.locator(".cc-tool").filter(has_text=heading).first
    tool.scroll_into_view_if_needed()
    return tool


def _screens(nb: NotebookPage, limit: int = 40) -> None:
    """Screenshots of the whole notebook, one viewport at a time, for a person to look at."""
    scroller = nb.page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer").first
    height = scroller.evaluate("e => e.scrollHeight")
    step = scroller.evaluate("e => e.clientHeight") - 80
    for i, top in enumerate(range(0, height, max(step, 200))):
        if i >= limit:
            break
        scroller.evaluate("(e, y) => e.scrollTo(0, y)", top)
        nb.page.wait_for_timeout(150)
        nb.screenshot(SHOTS, f"screen-{i:02d}")


def _no_traceback(nb: NotebookPage) -> None:
    found = nb.page.evaluate(_TRACEBACKS)
    assert not found, f"{nb.name}: traceback(s) on the page: {found}"


@pytest.mark.parametrize("notebook", [nb for _, nb in NOTEBOOKS], ids=[m for m, _ in NOTEBOOKS])
def test_opening_a_notebook_does_not_mark_it_changed(learner_window, learner_lab, notebook):
    """Review m15: the tab must not turn "changed" just because the kernel attached."""
    nb = NotebookPage.open(learner_window, learner_lab.url, notebook)
    nb.page.wait_for_timeout(1500)   # let late metadata updates (language_info, widgets) land
    assert nb.page.evaluate(_DIRTY) is False, (
        f"{notebook} is marked changed right after opening; metadata now: "
        f"{nb.page.evaluate('() => window.jupyterapp.shell.currentWidget.context.model.toJSON().metadata')}")


@pytest.mark.parametrize("notebook", [nb for _, nb in NOTEBOOKS], ids=[m for m, _ in NOTEBOOKS])
def test_after_run_all_no_text_is_cut_and_no_traceback(learner_window, learner_lab, notebook):
    nb = _open_and_run(learner_window, learner_lab, notebook)
    cut = nb.page.evaluate(_CUT_TEXT)
    _no_traceback(nb)
    _screens(nb)
    # The course has no formulas: a typeset one is a dollar amount MathJax took for mathematics.
    formulas = nb.page.evaluate("() => [...document.querySelectorAll('.jp-OutputArea-output mjx-container,"
                                " .jp-MarkdownOutput mjx-container')].map(e => e.closest('td, p, li, div')"
                                ".textContent.trim().slice(0, 100))")
    assert (cut, formulas) == ([], []), (
        f"{notebook}: text cut off in {len(cut)} element(s):\n" + "\n".join(map(str, cut))
        + f"\n{notebook}: dollar amounts shown as formulas: {formulas}")


def test_breach_clock_empty_date_is_one_line_no_traceback_no_stale_chart(learner_window, learner_lab):
    """Review M4: clear the date, press Start the clock."""
    nb = _open_and_run(learner_window, learner_lab, "02_hipaa.ipynb")
    tool = _tool(nb, "Breach clock")
    assert tool.locator(".js-plotly-plot").count() == 1
    tool.locator("input[type=date]").fill("")
    tool.locator("input[type=date]").dispatch_event("change")
    tool.get_by_role("button", name="Start the clock").click()
    message = tool.locator(".cc-message")
    message.wait_for()
    assert "Choose the date the breach was discovered" in normalise(message.inner_text())
    nb.page.wait_for_function("el => el.querySelectorAll('.js-plotly-plot').length === 0",
                              arg=tool.element_handle(), timeout=10_000)
    _no_traceback(nb)
    nb.screenshot(SHOTS, "breach-clock-empty-date", tool)
    # nobody affected: says so, draws nothing
    tool.locator("input[type=date]").fill("2026-02-01")
    tool.locator("input[type=date]").dispatch_event("change")
    people = tool.locator("input[type=number]")
    people.fill("0")
    people.press("Enter")
    tool.get_by_role("button", name="Start the clock").click()
    nb.page.wait_for_function("el => /nobody affected/.test(el.textContent)", arg=tool.element_handle(),
                              timeout=10_000)
    assert tool.locator(".js-plotly-plot").count() == 0
    _no_traceback(nb)


def test_security_rule_explorer_no_match_and_words_in_dropdowns(learner_window, learner_lab):
    nb = _open_and_run(learner_window, learner_lab, "02_hipaa.ipynb")
    tool = _tool(nb, "Security Rule explorer")
    selects = tool.locator("select")
    assert [normalise(s.evaluate("e => e.options[e.selectedIndex]?.text")) for s in selects.all()] == \
        ["All sections", "Required and addressable"]          # review m3: not blank
    search = tool.get_by_role("textbox")
    search.fill("zzzz no such words")
    search.press("Enter")
    nb.page.wait_for_function("el => /no row matches/.test(el.textContent)", arg=tool.element_handle(),
                              timeout=10_000)
    assert tool.locator("td").count() == 0
    _no_traceback(nb)


def test_nist_waterfall_goes_when_the_score_goes(learner_window, learner_lab):
    """Review M5: after 3.12.4 is Not met, no "SPRS score 102" waterfall stays on screen."""
    nb = _open_and_run(learner_window, learner_lab, "03_nist_800_171.ipynb")
    tool = nb.page.locator(".jupyter-widgets").filter(has_text="Self-assessment (NIST SP 800-171").first
    tool.scroll_into_view_if_needed()
    tool.get_by_text("3.12 Security Assessment", exact=False).first.click()
    row = tool.locator(".widget-hbox").filter(has=nb.page.locator(".widget-label", has_text="3.12.4")).first
    row.get_by_role("radio", name="Not met").check()
    nb.page.wait_for_function("el => /No score/.test(el.textContent)", arg=tool.element_handle(), timeout=10_000)
    nb.page.wait_for_function("el => el.querySelectorAll('.js-plotly-plot').length === 0",
                              arg=tool.element_handle(), timeout=10_000)
    assert "No waterfall without a score" in normalise(tool.inner_text())
    radio = row.get_by_role("radio", name="Not met")
    assert radio.is_checked()                                # state exposed as "checked", not a shade
    cut = tool.evaluate(_CUT_TEXT)          # in the tool itself (the quiz below is another's)
    assert cut == [], cut
    nb.screenshot(SHOTS, "self-assessment-no-score", tool)
    _no_traceback(nb)


def test_cmmc_level_finder_without_a_date_says_what_to_do(learner_window, learner_lab):
    nb = _open_and_run(learner_window, learner_lab, "04_cmmc.ipynb")
    tool = _tool(nb, "Which level?")
    date = tool.locator("input[type=date]")
    date.fill("")
    date.dispatch_event("change")
    tool.get_by_role("button", name="Which level?").click()
    nb.page.wait_for_function("el => /Choose the solicitation date/.test(el.textContent)",
                              arg=tool.element_handle(), timeout=10_000)
    _no_traceback(nb)


# Every tool (a .cc-tool box) in a notebook, given the inputs a learner can get wrong: each date box
# emptied, each number box given -1, then each of the tool's buttons pressed.
_SPOIL_EVERY_TOOL = r"""() => {
  const tools = [...document.querySelectorAll('.jp-OutputArea-output .cc-tool')];
  const setter = (el, value) => {
    const proto = Object.getPrototypeOf(el);
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
  };
  let inputs = 0, buttons = 0;
  for (const tool of tools) {
    for (const el of tool.querySelectorAll('input[type=date]')) { setter(el, ''); inputs++; }
    for (const el of tool.querySelectorAll('input[type=number]')) { setter(el, '-1'); inputs++; }
  }
  for (const tool of tools) {
    for (const b of tool.querySelectorAll('button')) {
      if (b.closest('.cc-question, .cc-scenario')) continue;   // quiz buttons are tested elsewhere
      b.click(); buttons++;
    }
  }
  return {tools: tools.length, inputs, buttons};
}"""


# The notebooks whose tools take typed input (dates, numbers). The other tools take only choices from
# lists (dropdowns, checkboxes, radio buttons): Run All and the NIST waterfall test above cover them.
TYPED_INPUT_NOTEBOOKS = ["02_hipaa.ipynb", "04_cmmc.ipynb", "05_fedramp.ipynb"]


@pytest.mark.parametrize("notebook", TYPED_INPUT_NOTEBOOKS)
def test_every_tool_takes_bad_input_without_a_traceback(learner_window, learner_lab, notebook):
    """Issue 19: no tool ever shows a traceback for an input a learner can make. Every tool of the
    notebook gets empty dates and negative numbers, then each of its buttons is pressed."""
    nb = _open_and_run(learner_window, learner_lab, notebook)
    done = nb.page.evaluate(_SPOIL_EVERY_TOOL)
    assert done["tools"] > 0 and done["inputs"] > 0, f"{notebook}: no typed input found to try: {done}"
    print(f"{notebook}: {done}")
    nb.page.wait_for_timeout(3000)  # the kernel answers each change and click
    _no_traceback(nb)
    broken = nb.page.evaluate("() => [...document.querySelectorAll('.cc-tool')]"
                              ".filter(t => /Something went wrong/.test(t.textContent))"
                              ".map(t => t.textContent.trim().slice(0, 200))")
    assert broken == [], f"{notebook}: a tool reached its 'something went wrong' fallback: {broken} ({done})"
