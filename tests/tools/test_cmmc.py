"""CMMC tools driven without a browser: set values, click, read the feedback."""
import datetime as dt

import ipywidgets as w
import pytest

from compliance_course.tools import cmmc as tools


def _named(widget):
    """Every control has an accessible name: a description or a tooltip."""
    return bool(getattr(widget, "description", "") or getattr(widget, "tooltip", ""))


def _controls(box):
    for child in box.children:
        if isinstance(child, w.Box):
            yield from _controls(child)
        elif isinstance(child, (w.ValueWidget, w.Button)) and not isinstance(child, w.HTML):
            yield child


@pytest.mark.parametrize("make", [tools.level_finder, tools.conditional_checker, tools.scoping_exercise])
def test_every_control_has_an_accessible_name(make):
    """Does every input and button carry a description or tooltip?"""
    controls = list(_controls(make()))
    assert controls and all(_named(c) for c in controls)


def test_level_finder_cui_in_phase_1():
    """For CUI on 1 March 2026, does the finder say Level 2, Self intended and C3PAO at discretion?"""
    finder = tools.level_finder(on=dt.date(2026, 3, 1))
    finder.information.value = "cui"
    finder.button.click()
    assert finder.decision.answer == 2
    text = finder.result.value
    assert "Level 2" in text and "Phase 1" in text and "discretion" in text


def test_level_finder_cui_after_the_suspension():
    """For CUI on 1 December 2026, does the finder name the suspension and its date, allow Level 2 (Self)
    and refuse Level 2 (C3PAO), which the regulation alone would intend from Phase 2?"""
    finder = tools.level_finder(on=dt.date(2026, 12, 1))
    finder.information.value = "cui"
    finder.button.click()
    text = finder.result.value
    assert "Phase 1 requirements apply" in text and "suspended since 2026-07-13" in text
    assert "would otherwise place this date in Phase 2" in text
    assert "✔ Level 2 (Self)" in text and "✘ Level 2 (C3PAO)" in text
    assert text.count("suspended since 2026-07-13") == 1  # the rule is stated once, not per status


def test_level_finder_before_phase_1():
    """On 1 November 2025, is every status refused and the date said to be before Phase 1?"""
    finder = tools.level_finder(on=dt.date(2025, 11, 1))
    finder.information.value = "fci"
    finder.button.click()
    text = finder.result.value
    assert "(before Phase 1)" in text and "✘ Level 1 (Self)" in text and "✔" not in text


def test_level_finder_none_shows_no_level():
    """With only public information, does the finder say no CMMC level and list no statuses?"""
    finder = tools.level_finder(on=dt.date(2027, 1, 1))
    finder.information.value = "none"
    finder.button.click()
    assert "No CMMC level" in finder.result.value and "Phase" not in finder.result.value


def test_conditional_checker_yes_with_deadline():
    """With two 1-point gaps, does the checker say Yes, show score 108 and the closeout date?"""
    checker = tools.ConditionalChecker(status_date=dt.date(2026, 1, 10))
    checker.assessment.set_selection(["3.1.8", "3.3.7"])
    assert checker.decision.answer is True  # updated by the self-assessment's change, no click
    assert "108" in checker.result.value and "9 July 2026" in checker.result.value


def test_conditional_checker_follows_each_toggle():
    """Does marking toggles in the 800-171 self-assessment update the verdict with every reason?"""
    checker = tools.conditional_checker()
    assert checker.decision.answer is True and checker.decision.score == 110  # all met: Final
    checker.assessment.toggle("3.10.3").value = "not_met"
    checker.assessment.toggle("3.5.3").value = "partial"
    assert checker.decision.answer is False and checker.decision.score == 106
    assert "3.5.3 (3 points)" in checker.result.value and "3.10.3" in checker.result.value


def test_conditional_checker_reuses_the_nist171_self_assessment():
    """Is the default self-assessment the 800-171 module's widget, shown inside the checker?"""
    from compliance_course.tools.nist171 import SelfAssessment
    checker = tools.conditional_checker()
    assert isinstance(checker.assessment, SelfAssessment) and checker.assessment in checker.children


def test_conditional_checker_without_ssp():
    """With 3.12.4 not met, does the checker say No and that there is no score?"""
    checker = tools.conditional_checker()
    checker.assessment.toggle("3.12.4").value = "not_met"
    assert checker.decision.answer is False and checker.decision.score is None
    assert "system security plan" in checker.result.value


def test_conditional_checker_accepts_any_assessment_with_not_met_and_partial():
    """Can the checker sit on another self-assessment widget exposing not_met and partial?"""
    class Fake(w.VBox):
        not_met = ["3.1.8"]
        partial = {"3.13.11": "encryption_not_fips_validated"}
    checker = tools.ConditionalChecker(Fake())
    checker.button.click()
    assert checker.decision.answer is True and checker.decision.score == 106


def test_conditional_checker_errors_go_to_output():
    """Does a bad value show an error message instead of vanishing?"""
    class Bad(w.VBox):
        not_met = ["3.99.1"]
        partial = {}
    checker = tools.ConditionalChecker(Bad())
    checker.button.click()
    assert "Could not check" in checker.result.value and "unknown" in checker.result.value
    assert checker.decision is None


def test_scoping_exercise_marks_answers():
    """Does the exercise mark a right and a wrong category and count the right ones?"""
    exercise = tools.scoping_exercise()
    names = [s.id for s in exercise.scenarios]
    assert "cmmc-net-firewall" in names and len(names) >= 5
    for scenario, drop in zip(exercise.scenarios, exercise.choices):
        drop.value = scenario.expected
    exercise.choices[0].value = "Out-of-Scope Asset"  # the CAD workstation is a CUI Asset
    exercise.button.click()
    assert exercise.score.value == f"<b>{len(names) - 1} of {len(names)} right.</b>"
    assert "CUI Asset" in exercise.feedback[0].value and "✘" in exercise.feedback[0].value


def test_story_scenarios_leave_out_the_network():
    """Are the scoping assets kept out of the scenario cards list?"""
    ids = tools.story_scenarios()
    assert len(ids) >= 8 and not any(i.startswith("cmmc-net-") for i in ids)


def test_level_finder_without_a_date_says_what_to_do():
    """An empty date is an input a learner can make: a hint, no traceback, the level still shown."""
    finder = tools.level_finder(on=dt.date(2026, 11, 26))
    finder.date.value = None
    finder.button.click()
    assert "Choose the solicitation date" in finder.result.value
    assert "Answer: Level 1" in finder.result.value and finder.errors.outputs == ()


def test_conditional_checker_without_a_date_says_what_to_do():
    checker = tools.ConditionalChecker(status_date=dt.date(2026, 1, 10))
    checker.assessment.set_selection(["3.1.8"])
    checker.status_date.value = None
    assert "Choose the Conditional status date" in checker.result.value
    assert checker.decision.answer is True and checker.errors.outputs == ()
