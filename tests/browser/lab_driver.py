"""Drive JupyterLab the way a learner does: open a notebook, Run All, click answers, read feedback.

Everything a learner does goes through the page (menus, clicks, keys). The JupyterLab
application object (exposed with ``--LabApp.expose_app_in_browser``) is only *read*, to
know when the kernel is idle and which outputs the notebook model holds.
"""
from __future__ import annotations

import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # collected (and skipped with a reason) even where playwright is not installed
    from playwright.sync_api import BrowserContext, Locator, Page

RUN_ALL_TIMEOUT_MS = 240_000  # generous: a loaded 2-core CI machine; an idle one needs ~10 s
NOTEBOOK_LOAD_TIMEOUT_MS = 120_000

# A snapshot of the notebook model: execution counts, error outputs and rich outputs.
_MODEL_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) return null;
  const cells = panel.content.model.cells;
  const state = {path: panel.context.path, kernel: panel.sessionContext.session?.kernel?.status || null,
                 code: 0, executed: 0, errors: [], plotly: 0, widgets: 0};
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    state.code += 1;
    if (cell.executionCount) state.executed += 1;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j);
      if (out.type === 'error') {
        const json = out.toJSON();
        state.errors.push({cell: i, ename: json.ename, evalue: json.evalue,
                           source: cell.sharedModel.getSource().slice(0, 200)});
      }
      const data = out.data || {};
      if ('application/vnd.plotly.v1+json' in data) state.plotly += 1;
      if ('application/vnd.jupyter.widget-view+json' in data) state.widgets += 1;
    }
  }
  state.pending = [...panel.content.node.querySelectorAll('.jp-InputPrompt')]
    .filter(p => p.textContent.includes('[*]')).length;
  return state;
}"""

# Roles of quiz controls, as they appear in Playwright's ARIA snapshot.
CONTROL_ROLES = ("radio", "checkbox", "button", "spinbutton", "textbox", "combobox", "slider", "switch")
_CONTROL_LINE = re.compile(r'^\s*- (?:%s)\b(?: "((?:[^"\\]|\\.)*)")?' % "|".join(CONTROL_ROLES))


def _speakable(name: str) -> bool:
    """Does a name hold a letter or a digit? An icon font's glyph (private-use character) does not."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in name)


def nameless_controls(snapshot: str) -> list[str]:
    """Lines of an ARIA snapshot that are controls without a name a screen reader can say.

    Nameless (``- button``), empty (``- button ""``) and icon-only names (a button named with
    U+F00C, Font Awesome's check glyph, a private-use character) all count."""
    found = []
    for line in snapshot.splitlines():
        match = _CONTROL_LINE.match(line)
        if match and (match.group(1) is None or not _speakable(match.group(1))):
            found.append(line.strip())
    return found


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass
class NotebookPage:
    page: Page
    name: str
    state: dict | None = None
    page_errors: list[str] | None = None  # uncaught JavaScript errors in the page
    module: str = ""  # the course module the notebook teaches
    load_seconds: float = 0.0  # from opening the tab to an idle kernel, when measured
    cells_seconds: float = 0.0  # Run All until the last cell has run, before drawing
    run_seconds: float = 0.0  # Run All until every widget and chart is drawn
    _run_started: float = 0.0

    # --- opening and running ---------------------------------------------------
    @classmethod
    def start(cls, context: BrowserContext, base_url: str, path: str) -> "NotebookPage":
        """Open the notebook in a new tab and return at once; ``wait_loaded`` waits for it."""
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        # A workspace of its own, reset: tabs opened side by side do not share or restore layouts.
        workspace = re.sub(r"[^A-Za-z0-9_-]", "-", Path(path).stem)
        page.goto(f"{base_url}/lab/workspaces/{workspace}/tree/{path}?reset", wait_until="commit")
        return cls(page=page, name=Path(path).name, page_errors=errors)

    def wait_loaded(self) -> None:
        """Wait until the notebook is shown, its model exists and its kernel is idle."""
        started = time.monotonic()
        self.page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]',
                                    timeout=NOTEBOOK_LOAD_TIMEOUT_MS)
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                    " && window.jupyterapp.shell.currentWidget.content"
                                    " && window.jupyterapp.shell.currentWidget.content.model",
                                    timeout=NOTEBOOK_LOAD_TIMEOUT_MS)
        self.load_seconds = time.monotonic() - started

    @classmethod
    def open(cls, context: BrowserContext, base_url: str, path: str) -> "NotebookPage":
        nb = cls.start(context, base_url, path)
        nb.wait_loaded()
        return nb

    def model_state(self) -> dict:
        return self.page.evaluate(_MODEL_STATE)

    def run_all(self) -> dict:
        """Run → Run All Cells from the menu bar; wait until the kernel is idle and nothing is pending."""
        self.start_run_all()
        return self.wait_for_run()

    def start_run_all(self) -> None:
        """Choose Run → Run All Cells and return once the first cell is running (or has run)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        page = self.page
        self._run_started = time.monotonic()
        for attempt in range(3):
            self.fail_on_dialog()
            page.locator(".jp-Notebook .jp-Cell").first.click()  # make the notebook the active panel
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            try:  # a click that lands while JupyterLab is still settling can be lost: then try again
                page.wait_for_function(
                    f"() => {{ const s = ({_MODEL_STATE})(); return s && (s.pending > 0 || s.executed > 0); }}",
                    timeout=15_000, polling=100)
                return
            except PlaywrightTimeout:
                if attempt == 2:
                    self.page.screenshot(path=Path(tempfile.gettempdir()) / "run-all-did-not-start.png")
                    raise AssertionError(f"Run All did not start: {self.model_state()}") from None

    def wait_for_run(self) -> dict:
        """Wait until Run All has finished and every widget and chart it produced is drawn."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        page = self.page
        try:
            page.wait_for_function(
                f"() => {{ const s = ({_MODEL_STATE})(); return s && s.kernel === 'idle' && s.pending === 0"
                " && (s.executed === s.code || s.errors.length > 0); }",
                timeout=RUN_ALL_TIMEOUT_MS, polling=250)
        except PlaywrightTimeout:
            raise AssertionError(f"Run All did not finish within {RUN_ALL_TIMEOUT_MS / 1000:.0f} s: "
                                 f"{self.model_state()}") from None
        self.state = self.model_state()
        self.cells_seconds = time.monotonic() - self._run_started
        # Widgets and charts render after their output arrives; wait until each one is on the page.
        drawn = ("() => ({widgets: [...document.querySelectorAll('.jp-OutputArea-output')]"
                 ".filter(o => o.querySelector('.jupyter-widgets')).length,"
                 " plotly: document.querySelectorAll('.js-plotly-plot').length})")
        try:
            page.wait_for_function(
                f"([widgets, plotly]) => {{ const d = ({drawn})(); return d.widgets >= widgets && d.plotly >= plotly; }}",
                arg=[self.state["widgets"], self.state["plotly"]], timeout=RUN_ALL_TIMEOUT_MS, polling=250)
        except PlaywrightTimeout:
            shot = Path(tempfile.gettempdir()) / f"not-drawn-{Path(self.name).stem}.png"
            page.screenshot(path=shot)
            raise AssertionError(f"{self.name}: Run All finished, but after {RUN_ALL_TIMEOUT_MS / 1000:.0f} s the page "
                                 f"draws {page.evaluate(drawn)} of the widget outputs and charts the notebook holds "
                                 f"({self.state['widgets']} and {self.state['plotly']}); screenshot {shot}") from None
        self.run_seconds = time.monotonic() - self._run_started
        return self.state

    def fail_on_dialog(self) -> None:
        """A dialog the learner would have to answer (kernel choice, trust, error) is a failure."""
        dialog = self.page.locator(".jp-Dialog")
        if dialog.count():
            raise AssertionError(f"JupyterLab shows a dialog: {normalise(dialog.first.inner_text())!r}")

    # --- what is on the page ---------------------------------------------------
    def questions(self, scope: str = ".cc-practice") -> Locator:
        return self.page.locator(f"{scope} .cc-question")

    def run_cell_containing(self, code: str) -> None:
        """Select the code cell whose source contains ``code`` and run it with Shift+Enter."""
        cell = self.page.locator(".jp-CodeCell").filter(
            has=self.page.locator(".jp-InputArea-editor", has_text=code)).first
        cell.locator(".jp-InputPrompt").click()  # selects the cell in command mode
        self.page.keyboard.press("Shift+Enter")

    def screenshot(self, folder: Path, label: str, locator: Locator | None = None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{Path(self.name).stem}--{label}.png"
        if locator is not None:
            locator.scroll_into_view_if_needed()
            locator.screenshot(path=path)
        else:
            self.page.screenshot(path=path)
        return path

    def close(self) -> None:
        self.page.close()


# DOM text, not rendered text: JupyterLab skips rendering cells outside the viewport
# (content-visibility), and the rendered text of a skipped cell is empty.
def question_text(question: Locator) -> str:
    """The prompt line of a question widget (its first HTML child)."""
    return normalise(question.locator(".widget-html-content").first.text_content() or "")


def feedback_text(question: Locator) -> str:
    """What the feedback area of a practice question says now (its last HTML child)."""
    return normalise(question.locator(".widget-html-content").last.text_content() or "")


def option_labels(question: Locator) -> list[str]:
    """The choice labels a question widget shows, in the order shown (the learner's own order).

    Read from the choice control (compliance_course/quiz/controls.py, ChoiceGroup): one
    ``.cc-choice`` label per radio or checkbox, its text in ``.cc-choice-text``."""
    return [normalise(t) for t in question.locator(".cc-choice-group .cc-choice:has(input[type=radio]) .cc-choice-text, "
                                                   ".cc-choice-group .cc-choice:has(input[type=checkbox]) .cc-choice-text"
                                                   ).all_text_contents()]


def focused_description(page: Page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, type: e.getAttribute('type'), checked: !!e.checked,
                label: (e.closest('label') || e).textContent.trim(), text: e.textContent.trim()}; }""")
