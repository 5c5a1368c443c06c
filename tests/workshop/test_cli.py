"""Does `python -m compliance_course.workshop` write the kit and print the tally?"""
from __future__ import annotations

import subprocess
import sys

from compliance_course.workshop.__main__ import main

from poll_room import room  # noqa: F401  (fixture)
from workshop_fixtures import demo_course, workshop_data  # noqa: F401  (fixtures)


def test_guide_command_writes_the_requested_files(demo_course, tmp_path, capsys):
    out = tmp_path / "kit"
    assert main(["guide", "demo", "--minutes", "90", "--format", "md", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["demo-guide-90min.md"]
    assert "demo-guide-90min.md" in capsys.readouterr().out


def test_cards_command_writes_cards_and_answer_sheet(demo_course, tmp_path):
    out = tmp_path / "kit"
    assert main(["cards", "--all", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["demo-answers.html", "demo-cards.html",
                                                           "other-answers.html", "other-cards.html"]


def test_guide_for_a_module_without_lesson_fails_with_a_message(demo_course, tmp_path, capsys):
    assert main(["guide", "other", "--out", str(tmp_path)]) == 2
    assert "has no lesson" in capsys.readouterr().err


def test_tally_prints_votes_per_option(demo_course, room, capsys):
    poll = room.folder
    room.answer(1, demo_course.scenarios["demo-s-07"], "Beta")
    room.answer(2, demo_course.scenarios["demo-s-07"], "Alpha")
    (poll / "notes.txt").write_text("hello")
    assert main(["tally", "--folder", str(poll)]) == 0
    out, err = capsys.readouterr()
    assert "demo-s-07: 2 answer(s)" in out
    assert "    1  Alpha\n    1  Beta\n    0  Gamma" in out
    assert "skipped notes.txt" in err


def test_module_runs_as_a_command(demo_course):
    done = subprocess.run([sys.executable, "-m", "compliance_course.workshop", "--help"],
                          capture_output=True, text=True, check=True)
    assert "guide" in done.stdout and "cards" in done.stdout and "tally" in done.stdout
    assert "poll-reset" in done.stdout
