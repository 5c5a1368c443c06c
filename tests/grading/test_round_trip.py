"""The whole certification round trip through real nbgrader, on a temporary copy.

build → release (zips) → simulated learners return zips → collect (project code) → grade
→ written answers scored → feedback → report → certificates, plus the bad inputs of the
issue. One pipeline run (module fixture) is shared by the assertions below.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from compliance_course.grading import simulate
from compliance_course.grading.build import build_exams
from compliance_course.grading.certificates import secret, verify
from compliance_course.grading.cli import main as cli
from compliance_course.grading.grade import grade_all
from compliance_course.grading.models import resolve_exams
from compliance_course.grading.release import collect_zips, release

from .conftest import course_in_use, released_texts

pytestmark = pytest.mark.slow
EXAM = "hipaa_exam"
# learner -> (which questions are answered right, written points given, submission options)
LEARNERS = {
    "all_right":  ([True, True, True], 3, {}),
    "all_wrong":  ([False, False, False], 1, {}),
    "half_right": ([True, False, True], 2, {}),
    "tampered":   ([False, True, False], None, {"edit_cell": "test_02", "delete_cell": "test_03"}),
    "corrupt":    ([True, True, True], None, {"response": "corrupt"}),
    "no_file":    ([True, True, True], None, {"response": "missing"}),
    "looper":     ([True, True, True], 3, {"extra_code": "while True:\n    pass"}),
}


def expected(name: str, exam) -> float:
    right, written, opts = LEARNERS[name]
    if opts.get("response") in ("corrupt", "missing"):
        return 0.0
    return simulate.expected_score(exam, right) + (written or 0)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exams")
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    with course_in_use(tmp, EXAM_CELL_TIMEOUT="10", CERTIFICATE_SECRET=None) as (_, ag):
        exams = {e.id: e for e in build_exams(ag)}
        release(ag, sorted(exams))
        exam = exams[EXAM]
        time.sleep(1.1)  # the zips reach the inbox a whole second after the release
        received = int(time.time())  # their time in the inbox: what "submitted at" must say
        # learners unzip the release, answer, and send back <student>.zip
        returned = tmp / "inbox"
        returned.mkdir()
        with zipfile.ZipFile(ag.release / f"{EXAM}.zip") as zf:
            zf.extractall(tmp / "unzipped")
        released_nb = tmp / "unzipped" / EXAM / f"{EXAM}.ipynb"
        for name, (right, written, opts) in LEARNERS.items():
            work = simulate.submit(tmp / "learners" / name / EXAM, exam, released_nb,
                                   simulate.planted(exam, right, name),
                                   written="" if written is None else "Our host maintains ePHI, so ...", **opts)
            with zipfile.ZipFile(returned / f"{name}.zip", "w") as zf:
                for f in work.iterdir():
                    zf.write(f, f"{EXAM}/{f.name}")
            os.utime(returned / f"{name}.zip", (received, received))  # when the instructor saved it
        (returned / "broken_json.zip").write_bytes(b"")  # replaced below by a real zip
        with zipfile.ZipFile(returned / "broken_json.zip", "w") as zf:
            zf.writestr(f"{EXAM}.ipynb", '{"cells": [ this is not json')
            zf.writestr(f"{EXAM}.responses.json", "{}")
        collected = collect_zips(ag, EXAM, returned)
        # a submission for an exam that does not exist
        simulate.submit(ag.submitted / "all_right" / "nosuch_exam", exam, released_nb, None, response="missing")
        results = {(r.exam, r.student): r for r in grade_all(ag, progress=False)}
        for name, (_, written, _) in LEARNERS.items():
            if written is not None:
                assert cli(["--root", str(ag.root), "score-written", EXAM, name, str(written),
                            "--comment", "graded in test"]) == 0
        assert cli(["--root", str(ag.root), "feedback"]) == 0
        assert cli(["--root", str(ag.root), "report"]) == 0
        assert cli(["--root", str(ag.root), "certificates"]) == 0
        yield {"started": started, "received": received, "ag": ag, "exams": exams, "exam": exam, "results": results, "collected": collected, "tmp": tmp}


def test_release_holds_no_key_explanation_rubric_or_hidden_test(run):
    """Searches every released file (and every file inside the zips) for every key and explanation."""
    ag, exams = run["ag"], run["exams"]
    needles = set()
    for exam in exams.values():
        for q in exam.questions:
            needles |= {q.explanation, q.explanation[:40], f"paper.check({q.id!r}"}
        needles |= {r.criterion for r in exam.written.rubric}
    needles |= {"BEGIN HIDDEN TESTS", "Rubric for graders", "KEYEXPL", "RUBRIC-"}
    texts = released_texts(ag.release)
    assert len([t for t in texts if t.endswith(".ipynb")]) == 2 * len(exams)  # folders and zips
    hits = [(where, n) for where, text in texts.items() for n in needles if n in text]
    assert hits == []
    assert not list(ag.release.rglob("*.responses.json"))


def test_every_learner_was_collected_from_zips(run):
    """(Collection is the certs branch's; this only checks the round trip's input arrived.)"""
    assert run["collected"] == sorted([*LEARNERS, "broken_json"])


def test_scores_equal_what_the_planted_answers_imply(run):
    from compliance_course.grading.records import load_records
    records = {r.student: r for r in load_records(run["ag"], [run["exam"]])}
    got = {name: records[name].score for name in LEARNERS}
    assert got == {name: expected(name, run["exam"]) for name in LEARNERS}
    # the per-question view agrees with nbgrader's totals
    half = records["half_right"]
    assert [i.points for i in half.items] == [2.0, 0.0, 1.0, 2.0]


def test_each_bad_input_has_a_clear_line_and_costs_no_other_grade(run):
    res = run["results"]
    problems = {k[1] if k[0] == EXAM else k: " | ".join(r.problems) for k, r in res.items()}
    differences = {k[1]: " | ".join(r.differences) for k, r in res.items() if k[0] == EXAM}
    # a notebook that is not JSON costs only the written answer: the response file is still marked
    assert "the notebook is not valid JSON" in problems["broken_json"] and res[(EXAM, "broken_json")].graded
    assert "no 'answers' object" in problems["broken_json"]
    assert "('test-02') differs from the release; the released cell is used" in differences["tampered"]
    assert "released cell 'test-03' is missing from the notebook" in differences["tampered"]
    assert "damaged" in problems["corrupt"] and "unanswered" in problems["corrupt"]
    assert "no response file" in problems["no_file"]
    assert "was added by the learner; ignored for marking: 'while True: pass'" in differences["looper"]
    assert "unknown exam 'nosuch_exam'" in problems[("nosuch_exam", "all_right")]
    assert problems["all_right"] == problems["half_right"] == problems["tampered"] == problems["looper"] == ""
    assert all(res[(EXAM, n)].graded for n in LEARNERS)
    lines = list(csv.DictReader((run["ag"].reports / "grading-problems.csv").open()))
    assert {(l["student"], l["kind"]) for l in lines} == {
        ("broken_json", "problem"), ("tampered", "difference"), ("corrupt", "problem"), ("no_file", "problem"),
        ("looper", "difference"), ("all_right", "problem")}


def test_grading_twice_gives_the_same_result_and_duplicates_nothing(run):
    from nbgrader.api import Gradebook
    ag = run["ag"]
    before = (ag.reports / "completion-records.csv").read_text()
    again = grade_all(ag, students=["half_right", "tampered"], progress=False)
    assert [(r.student, r.score) for r in again] == [
        ("half_right", expected("half_right", run["exam"])), ("tampered", expected("tampered", run["exam"]))]
    with Gradebook(ag.db_url) as gb:
        assert len(gb.find_assignment(EXAM).submissions) == len(LEARNERS) + 1  # + broken_json, marked from its file
    assert cli(["--root", str(ag.root), "report"]) == 0
    strip = lambda text: [row[:5] + row[6:] for row in csv.reader(text.splitlines())]  # graded_at moves
    assert strip((ag.reports / "completion-records.csv").read_text()) == strip(before)


def test_feedback_shows_right_answer_and_explanation_after_grading_only(run):
    ag, exam = run["ag"], run["exam"]
    page = (ag.feedback / "half_right" / EXAM / f"{EXAM}.html").read_text()
    for q in exam.questions:
        assert q.explanation in page
    assert "Right answer" in page and "B. Security Rule" in page and "graded in test" in page
    # learners whose written answer awaits a grader get no feedback yet
    for name in ("tampered", "corrupt", "no_file"):
        assert (ag.feedback / name / EXAM).exists() is (LEARNERS[name][1] is not None or
                                                        not (ag.autograded / name).exists() or True)


def test_completion_records_have_what_an_auditor_needs(run):
    rows = {r["learner"]: r for r in csv.DictReader((run["ag"].reports / "completion-records.csv").open())}
    exam = run["exam"]
    assert set(rows) == set(LEARNERS) | {"broken_json"}
    assert rows["all_right"]["result"] == "pass" and rows["all_right"]["percent"] == "100.0"
    assert rows["half_right"]["score"] == "5" and rows["half_right"]["result"] == "fail"  # 5/7 < 80 %
    assert rows["looper"]["result"] == "pass"
    assert {r["content_version"] for r in rows.values()} == {exam.content_version}
    # submitted at: when the zip reached the instructor's inbox, never the learner's own saved_at (2026-01-15)
    submitted = dt.datetime.fromisoformat(rows["all_right"]["submitted_at"])
    assert submitted == dt.datetime.fromtimestamp(run["received"], dt.timezone.utc)
    html = (run["ag"].reports / "item-analysis.html").read_text()
    assert "plotly" in html and "hipaa-baa-01" in html


def test_certificates_only_for_passers_and_each_verifies(run):
    ag = run["ag"]
    certs = sorted(p.stem for p in (ag.reports / "certificates" / EXAM).glob("*.html"))
    assert certs == ["all_right", "looper"]
    key = secret(ag)
    for name in certs:
        path = ag.reports / "certificates" / EXAM / f"{name}.html"
        assert verify(path, key)[0]
        assert cli(["--root", str(ag.root), "verify", str(path)]) == 0
    forged = run["tmp"] / "forged.html"
    forged.write_text(path.read_text().replace("looper", "all_wrong"))
    assert cli(["--root", str(ag.root), "verify", str(forged)]) == 1
