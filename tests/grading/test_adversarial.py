"""Learners who try to pass without knowing the material, or to hurt others, through what they submit.

Every submission is built from the released notebook. Each gets the score its response
file deserves (worked out here from the key), the expected problem and difference lines,
and afterwards the gradebook rows of the honest learner, the certificate key and every
submitted file are exactly as they were. Nothing a learner wrote runs.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
from pathlib import Path

import pytest

from compliance_course.grading import simulate
from compliance_course.grading.build import build_exams
from compliance_course.grading.cli import main as cli
from compliance_course.grading.grade import grade_all
from compliance_course.grading.release import generate

from .conftest import course_in_use

pytestmark = pytest.mark.slow
EXAM = "hipaa_exam"
SCRIPT = "The host keeps ePHI.<script>alert('x')</script><img src=x onerror=alert(1)>"
HONEST_TEXT = "Our host maintains ePHI for us, so 45 CFR 164.502(e) needs a BAA."

PATCH_CHECKER = """
import compliance_course.grading.paper as paper, compliance_course.grading.marking as marking
paper.ExamPaper.check = lambda *a, **k: None
marking.is_right = lambda *a, **k: True
"""
STEAL_AND_WRITE = """
import glob, os, sqlite3, pathlib
root = pathlib.Path(os.getcwd()).parents[2]
(root / "PWNED").write_text((root / "certificate.key").read_text())
db = sqlite3.connect(root / "gradebook.db")
db.execute("UPDATE grade SET manual_score = 0")
db.commit()
for f in glob.glob(str(root / "submitted" / "*" / "*" / "*.responses.json")):
    pathlib.Path(f).write_text('{"answers": {}}')
"""


def digest_tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def grade_rows(ag, student: str) -> list:
    from nbgrader.api import Gradebook
    with Gradebook(ag.db_url) as gb:
        nb = gb.find_submission_notebook(EXAM, EXAM, student)
        return sorted([(g.name, g.auto_score, g.manual_score, g.needs_manual_grade) for g in nb.grades]
                      + [(c.name, c.auto_comment, c.manual_comment) for c in nb.comments], key=str)


def right(exam) -> dict:
    return {q.id: simulate.right_answer(q) for q in exam.questions}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("adversarial")
    with course_in_use(tmp) as (_, ag):
        exam = {e.id: e for e in build_exams(ag)}[EXAM]
        generate(ag, [EXAM])
        released = ag.release / EXAM / exam.notebook
        key = ag.root / "certificate.key"
        key.write_text("k" * 64 + "\n")
        key.chmod(0o600)
        sub = lambda name: ag.submitted / name / EXAM  # noqa: E731

        # 1. the honest learner is graded and scored first
        simulate.submit(sub("honest"), exam, released, right(exam), written=HONEST_TEXT)
        grade_all(ag, progress=False)
        assert cli(["--root", str(ag.root), "score-written", EXAM, "honest", "3", "--comment", "complete"]) == 0
        honest_rows = grade_rows(ag, "honest")

        # 2. everyone else submits
        first, order = simulate.first_shown(exam, "first_shown")
        simulate.submit(sub("first_shown"), exam, released, first, learner="first_shown", order=order)
        simulate.submit(sub("patcher"), exam, released, {}, extra_code=PATCH_CHECKER)
        simulate.submit(sub("thief"), exam, released, {}, extra_code=STEAL_AND_WRITE)
        simulate.submit(sub("scripter"), exam, released, right(exam), written=SCRIPT)
        simulate.submit(sub("deep"), exam, released, None, response="missing")
        (sub("deep") / exam.responses_file).write_text('{"answers": ' + "[" * 10_000 + "]" * 10_000 + "}")
        simulate.submit(sub("bignum"), exam, released, None, response="missing")
        answers = {k: {"value": v} for k, v in right(exam).items()}
        answers["hipaa-breach-02"] = {"value": 0}  # replaced by a 5,000-digit number in the text
        (sub("bignum") / exam.responses_file).write_text(
            json.dumps({"exam": EXAM, "answers": answers}).replace('{"value": 0}', '{"value": ' + "9" * 5000 + "}"))
        simulate.submit(sub("not_object"), exam, released, right(exam))
        nb = json.loads((sub("not_object") / exam.notebook).read_text())
        nb["cells"].insert(1, 42)
        (sub("not_object") / exam.notebook).write_text(json.dumps(nb))
        simulate.submit(sub("bad_bak"), exam, released, None, response="corrupt")
        (sub("bad_bak") / f"{exam.responses_file}.bak").write_bytes(b'{"answers": {"\xff\xfe": 1}}')
        simulate.submit(sub("huge"), exam, released, right(exam), written=HONEST_TEXT)
        nb = json.loads((sub("huge") / exam.notebook).read_text())
        nb["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * 60_000_000}]
        (sub("huge") / exam.notebook).write_text(json.dumps(nb))
        simulate.submit(sub("=HYPERLINK(\"x\")"), exam, released, right(exam),
                        saved_at="=1+2")
        simulate.submit(sub("linker"), exam, released, None, response="missing")
        os.symlink(sub("honest") / exam.responses_file, sub("linker") / exam.responses_file)
        os.symlink(key, sub("linker") / "key.txt")

        before_files = digest_tree(ag.submitted)
        before_key = key.read_bytes()
        results = {r.student: r for r in grade_all(ag, progress=False)}
        assert cli(["--root", str(ag.root), "feedback", "--include-pending"]) == 0
        assert cli(["--root", str(ag.root), "report"]) == 0
        yield {"ag": ag, "exam": exam, "results": results, "honest_rows": honest_rows,
               "before_files": before_files, "before_key": before_key}


def deserved(exam, answers: dict) -> float:
    """Points the answers earn, straight from the key."""
    total = 0.0
    for q in exam.questions:
        a = answers.get(q.id)
        ok = (sorted(a) == sorted(q.answer)) if q.type == "multiple_select" and isinstance(a, list) else a == q.answer
        total += q.points if ok and a is not None else 0
    return total


def test_each_learner_gets_the_score_their_response_file_deserves(run):
    exam, res = run["exam"], run["results"]
    mc = sum(q.points for q in exam.questions)
    first, _ = simulate.first_shown(exam, "first_shown")
    assert res["first_shown"].score == deserved(exam, first)
    assert {n: res[n].score for n in ("patcher", "thief", "deep", "linker", "bad_bak")} == dict.fromkeys(
        ("patcher", "thief", "deep", "linker", "bad_bak"), 0.0)
    assert res["scripter"].score == mc  # the written answer awaits a grader
    assert res["bignum"].score == mc - exam.question("hipaa-breach-02").points
    assert res["not_object"].score == res["huge"].score == mc
    assert res["=HYPERLINK(\"x\")"].score == mc
    assert res["honest"].score == mc + 3  # kept its manual score: its text did not change
    assert all(r.graded for r in res.values())


def test_each_gets_the_expected_problem_lines(run):
    res = run["results"]
    problems = {n: " | ".join(r.problems) for n, r in res.items()}
    differences = {n: " | ".join(r.differences) for n, r in res.items()}
    assert "cell 3 (code) was added by the learner; ignored for marking" in differences["patcher"]
    assert "cell 3 (code) was added by the learner; ignored for marking" in differences["thief"]
    assert "nests 10001 levels deep, over the limit of 8" in problems["deep"]
    assert "answer to 'hipaa-breach-02' is unreadable and counts as unanswered" in problems["bignum"]
    assert "notebook cell 2 is not a cell object; ignored" in differences["not_object"]
    assert ("its backup hipaa_exam.responses.json.bak is not UTF-8 text (byte 14); it was not read; "
            "no answer could be recovered") in problems["bad_bak"]
    assert "hipaa_exam.ipynb: the notebook is" in problems["huge"] and "over the limit of 5,242,880" in problems["huge"]
    assert "is a symbolic link, not a file; it was not read" in problems["linker"]
    assert "link 'key.txt' is not part of the exam; ignored" in differences["linker"]
    for name in ("honest", "first_shown", "scripter"):
        assert problems[name] == "" and differences[name] == "", name
    lines = list(csv.DictReader((run["ag"].reports / "grading-problems.csv").open()))
    assert {l["student"] for l in lines} >= {"patcher", "thief", "deep", "bignum", "not_object", "bad_bak",
                                              "huge", "linker"}


def test_nothing_a_learner_wrote_ran_or_changed_anything(run):
    ag = run["ag"]
    assert grade_rows(ag, "honest") == run["honest_rows"]
    assert (ag.root / "certificate.key").read_bytes() == run["before_key"]
    assert not (ag.root / "PWNED").exists()
    assert digest_tree(ag.submitted) == run["before_files"]


def test_a_script_in_the_written_answer_stays_text_everywhere(run):
    ag = run["ag"]
    notebook = (ag.autograded / "scripter" / EXAM / f"{EXAM}.ipynb").read_text()
    page = (ag.feedback / "scripter" / EXAM / f"{EXAM}.html").read_text()
    for text in (notebook, page):
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text


def test_formgrader_shows_the_written_answer_as_text(run):
    """Renders the autograded notebook exactly as formgrader does (its exporter, template and the
    course's nbgrader_config.py), with and without nbconvert's sanitizer."""
    from nbconvert import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers
    from traitlets.config.loader import PyFileConfigLoader

    ag = run["ag"]
    for sanitize in (True, False):
        config = PyFileConfigLoader("nbgrader_config.py", path=str(ag.root)).load_config()
        assert config.HTMLExporter.sanitize_html is True  # the course turns the sanitizer on
        config.HTMLExporter.sanitize_html = sanitize
        config.HTMLExporter.template_name = "formgrade"
        config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
        resources = {"assignment_id": EXAM, "notebook_id": EXAM, "submission_id": "x", "index": 0, "total": 1,
                     "base_url": "", "student": "scripter", "last_name": "", "first_name": "",
                     "notebook_path": "x"}
        html, _ = HTMLExporter(config=config).from_filename(
            str(ag.autograded / "scripter" / EXAM / f"{EXAM}.ipynb"), resources=resources)
        assert "<script>alert" not in html and "<img src=x" not in html and "onerror=alert(1)>" not in html
        assert "&lt;script&gt;alert(" in html


def test_no_report_cell_can_start_a_formula(run):
    ag = run["ag"]
    for name in ("grades.csv", "completion-records.csv", "grading-problems.csv"):
        for row in csv.reader((ag.reports / name).open()):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), (name, row)
    text = (ag.reports / "completion-records.csv").read_text()
    assert "'=HYPERLINK" in text and "=1+2" not in text  # saved_at is never used as submitted-at


def test_a_killed_run_leaves_the_gradebook_and_notebooks_as_they_were(run, monkeypatch):
    import compliance_course.grading.gradebook as gradebook
    ag = run["ag"]
    before = {n: grade_rows(ag, n) for n in ("honest", "patcher", "scripter")}
    notebooks = digest_tree(ag.autograded)
    calls = []

    def dies_half_way(exams, o, *args):
        calls.append(o.student)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as a kill between two submissions would
        return real(exams, o, *args)

    real = gradebook._record
    monkeypatch.setattr(gradebook, "_record", dies_half_way)
    (ag.submitted / "patcher" / EXAM / f"{EXAM}.responses.json").unlink()
    try:
        with pytest.raises(KeyboardInterrupt):
            grade_all(ag, progress=False)
    finally:
        simulate.submit(ag.submitted / "patcher" / EXAM, run["exam"], ag.release / EXAM / f"{EXAM}.ipynb", {},
                        extra_code=PATCH_CHECKER)
    assert {n: grade_rows(ag, n) for n in before} == before
    assert digest_tree(ag.autograded) == notebooks
    assert not [p for p in ag.autograded.rglob("*") if "staging" in p.name]
