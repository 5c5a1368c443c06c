"""Do the anywidget quiz controls show what the kernel sets, even on a slow computer?

An exam restores saved answers by setting each control's value right after creating it. With
anywidget 0.9.17 to 0.11.0 the front end dropped such updates for any control whose code took
over 2 s to load, so a reopened exam showed saved answers unticked (pyproject.toml pins a
version that waits instead). Chromium's CPU is slowed here, as on a slow laptop during Run All.
"""
from __future__ import annotations

import re

import nbformat
import pytest

from conftest import notebook_of
from .conftest import new_context
from .lab_driver import NotebookPage

pytestmark = pytest.mark.browser

CONTROLS = 40  # about as many as a course notebook has
SLOWDOWN = 20  # Chromium's CPU throttling rate (20 = twenty times slower)
PROBE = "control_probe.ipynb"
SOURCE = f"""from compliance_course.quiz.controls import ChoiceGroup
import ipywidgets as w
groups = [ChoiceGroup([("first", 1), ("second", 2)], accessible_name=f"probe {{i}}") for i in range({CONTROLS})]
for group in groups:
    group.value = 2  # as an exam restores a saved answer
w.VBox(groups)"""


def _write_probe(lab_server, name: str, sources: list[str]) -> None:
    """A notebook of code cells in the Lab's folder, with a Python kernel named (no kernel dialog)."""
    notebook = notebook_of([("code", source) for source in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lab_server.root_dir / name)


def test_values_set_by_the_kernel_are_shown_on_a_slow_computer(browser, lab_server):
    _write_probe(lab_server, PROBE, [SOURCE])
    context = new_context(browser)
    try:
        nb = NotebookPage.start(context, lab_server.url, PROBE)
        context.new_cdp_session(nb.page).send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
        nb.wait_loaded()
        state = nb.run_all()
        assert state["errors"] == [], state["errors"]
        nb.page.wait_for_function(f"() => document.querySelectorAll('.cc-choice-group').length === {CONTROLS}",
                                  timeout=120_000)
        # Every group shows "second" ticked: wait for it (a slow front end may take a while), then read.
        try:
            nb.page.wait_for_function(
                "n => [...document.querySelectorAll('.cc-choice-group')]"
                ".filter(g => g.querySelectorAll('input')[1].checked).length === n", arg=CONTROLS, timeout=60_000)
        except Exception:  # noqa: BLE001 - the count below says what is missing
            pass
        shown = nb.page.evaluate("() => [...document.querySelectorAll('.cc-choice-group')]"
                                 ".filter(g => g.querySelectorAll('input')[1].checked).length")
        assert shown == CONTROLS, f"only {shown} of {CONTROLS} controls show the value the kernel set"
        assert not nb.page_errors, f"JavaScript errors in the page: {sorted(set(nb.page_errors))}"
    finally:
        context.close()
        lab_server.end_sessions(path=PROBE)


ORDER_PROBE = "order_probe.ipynb"
ORDER_SOURCE = """from compliance_course.quiz.controls import ChoiceGroup
import ipywidgets as w
group = ChoiceGroup([("first", 1), ("second", 2), ("third", 3)], accessible_name="order probe")
judged = w.HTML("nothing judged yet")
check = w.Button(description="Check")
check.on_click(lambda _button: setattr(judged, "value", f"judged {group.value}"))
w.VBox([group, check, judged])"""
BUSY_SECONDS = 8


def test_check_judges_the_last_choice_even_when_the_kernel_is_busy(browser, lab_server):
    """Choice, another choice, Check, while the kernel is still busy (a full hub, a slow laptop):
    ipywidgets holds back the second choice's update but not the click; the click must still be
    judged on the choice on screen (compliance_course/quiz/controls.py, _InputInOrder)."""
    _write_probe(lab_server, ORDER_PROBE, [ORDER_SOURCE, f"import time\ntime.sleep({BUSY_SECONDS})  # the kernel is busy"])
    context = new_context(browser)
    try:
        nb = NotebookPage.start(context, lab_server.url, ORDER_PROBE)
        nb.wait_loaded()
        nb.start_run_all()
        group = nb.page.get_by_role("radiogroup", name="order probe")
        group.wait_for(timeout=60_000)  # drawn while the second cell keeps the kernel busy
        group.get_by_label("first", exact=True).check()
        group.get_by_label("third", exact=True).check()
        output = nb.page.locator(".jp-OutputArea-output").filter(has=group)
        output.get_by_role("button", name="Check", exact=True).click()
        judged = output.get_by_text(re.compile(r"^judged "))
        judged.wait_for(timeout=(BUSY_SECONDS + 30) * 1000)
        assert judged.text_content().strip() == "judged 3", "Check was judged on an earlier choice"
        assert group.get_by_label("third", exact=True).is_checked(), "the choice on screen changed back"
    finally:
        context.close()
        lab_server.end_sessions(path=ORDER_PROBE)
