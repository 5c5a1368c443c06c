"""The browser tests' own helpers, checked without a browser."""
from __future__ import annotations

from .lab_driver import nameless_controls


def test_controls_with_a_readable_name_pass():
    snapshot = "\n".join([
        '- radio "SOC 2 Type I"',
        '- checkbox "Encrypts data at rest" [checked]',
        '- button "Check"',
        '- spinbutton "Answer": "3"',
        '- text: SOC 1 Type II',
        '- paragraph: Which report should PayRight provide?',
    ])
    assert nameless_controls(snapshot) == []


def test_nameless_empty_and_icon_only_controls_are_found():
    snapshot = "\n".join([
        "- button",
        '- radio ""',
        '- checkbox [checked]',
        '- button "\uf00c"',  # Font Awesome's check glyph: nothing a screen reader can say
        '- spinbutton: "4"',
        '- button "OK"',
    ])
    assert nameless_controls(snapshot) == [
        "- button", '- radio ""', "- checkbox [checked]", '- button "\uf00c"', '- spinbutton: "4"']
