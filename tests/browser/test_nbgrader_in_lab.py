"""Are nbgrader's JupyterLab extensions there for instructors and learners?"""
from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_nbgrader_menu_opens_formgrader_and_assignment_list(page, lab_server):
    """Does the Nbgrader menu list Formgrader and Assignment List, and does each open its panel?"""
    page.goto(f"{lab_server.url}/lab?reset")
    menu = page.get_by_role("menuitem", name="Nbgrader", exact=True)
    menu.wait_for(timeout=120_000)
    menu.click()
    entries = page.locator("#jp-mainmenu-nbgrader").get_by_role("menuitem")
    labels = [label.strip() for label in entries.all_inner_texts()]
    assert "Formgrader" in labels and "Assignment List" in labels, labels

    page.get_by_role("menuitem", name="Formgrader", exact=True).click()
    formgrader = page.frame_locator("iframe[src*='formgrader']")
    formgrader.get_by_text("Manage Assignments").first.wait_for(timeout=60_000)
    page.screenshot(path=SCREENSHOTS / "nbgrader--formgrader.png")

    menu.click()
    page.get_by_role("menuitem", name="Assignment List", exact=True).click()
    page.get_by_text("Released assignments").first.wait_for(timeout=60_000)
    page.screenshot(path=SCREENSHOTS / "nbgrader--assignment-list.png")
