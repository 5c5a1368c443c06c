"""exams.yaml validation, question selection, deterministic builds, certificates: no nbgrader run needed."""
from __future__ import annotations

import json

import pytest
import yaml

from compliance_course.data import load_course
from compliance_course.grading.bank import bank_path
from compliance_course.errors import CourseDataError
from compliance_course.grading.build import build_exams
from compliance_course.grading.certificates import certificate_html, code_for, verify
from compliance_course.grading.models import resolve_exams


def test_exams_follow_the_bank(course_copy):
    """Which exams exist, and which questions does each hold (worked out from the fixture YAML)?"""
    exams = {e.id: e for e in resolve_exams(load_course())}
    assert set(exams) == {"hipaa_exam", "final_exam", "soc2_exam"}  # soc2 has no entry: made automatically
    assert [q.id for q in exams["hipaa_exam"].questions] == ["hipaa-baa-01", "hipaa-breach-02", "hipaa-rule-03"]
    # per_module 2: each module's first two slots in bank order (no item has a slot here: one slot each)
    assert [s.id for s in exams["final_exam"].slots] == [
        "soc2-type-01", "soc2-security-02", "hipaa-baa-01", "hipaa-breach-02"]
    assert "soc2-practice-01" not in [q.id for e in exams.values() for q in e.questions]
    assert exams["hipaa_exam"].max_score == 2 + 1 + 1 + 3
    assert exams["final_exam"].pass_threshold == 0.75 and exams["soc2_exam"].pass_threshold == 0.8
    assert "SOC 2" in exams["soc2_exam"].written.prompt  # default prompt filled with the framework


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["exams"][0]["written"]["rubric"].pop(), "add up to 2 points, the answer is worth 3"),
    (lambda d: d["exams"][0].update(modules=["nosuch"]), "unknown module(s) ['nosuch']"),
    (lambda d: d["exams"][0].update(colour="red"), "colour: Extra inputs are not permitted"),
    (lambda d: d["exams"].append(dict(d["exams"][0])), "duplicate exam id(s) ['hipaa_exam']"),
    (lambda d: d["defaults"].update(pass_threshold=1.5), "pass_threshold: Input should be less than or equal to 1"),
])
def test_bad_exams_yaml_is_reported(course_copy, edit, message):
    """Does a broken exams.yaml give a message naming the file and the problem?"""
    data, _ = course_copy
    path = data / "exams.yaml"
    doc = yaml.safe_load(path.read_text())
    edit(doc)
    path.write_text(yaml.safe_dump(doc))
    load_course.cache_clear()
    with pytest.raises(CourseDataError) as err:
        resolve_exams(load_course())
    assert message in str(err.value) and "exams.yaml" in str(err.value)


def test_exam_without_scenario_question_is_refused(course_copy):
    data, _ = course_copy
    path = data / "questions" / "hipaa.yaml"
    doc = yaml.safe_load(path.read_text())
    for q in doc["questions"]:
        q.pop("scenario", None)
    path.write_text(yaml.safe_dump(doc))
    load_course.cache_clear()
    with pytest.raises(CourseDataError, match="exam 'hipaa_exam': needs at least one scenario question"):
        resolve_exams(load_course())


def test_building_twice_gives_identical_files(course_copy):
    """Is the build deterministic, and does the source hold the key only in hidden tests?"""
    _, ag = course_copy
    build_exams(ag)
    first = {p: p.read_bytes() for p in sorted(ag.root.rglob("*")) if p.is_file()}
    build_exams(ag)
    second = {p: p.read_bytes() for p in sorted(ag.root.rglob("*")) if p.is_file()}
    assert first == second
    nb = json.loads((ag.source / "hipaa_exam" / "hipaa_exam.ipynb").read_text())
    setup = "".join(nb["cells"][1]["source"])
    assert "KEYEXPL" not in setup and "answer" not in setup
    tests = [c for c in nb["cells"] if c["metadata"]["nbgrader"].get("grade") and c["cell_type"] == "code"]
    assert [c["metadata"]["nbgrader"]["points"] for c in tests] == [2, 1, 1]
    assert all("### BEGIN HIDDEN TESTS" in "".join(c["source"]) for c in tests)
    written = [c for c in nb["cells"] if c["metadata"]["nbgrader"].get("solution")]
    assert len(written) == 1 and written[0]["metadata"]["nbgrader"]["points"] == 3


def test_stray_response_file_is_removed_from_source(course_copy):
    """A response file in source/ would overwrite every learner's answers: does the build remove it?"""
    _, ag = course_copy
    build_exams(ag)
    stray = ag.source / "hipaa_exam" / "hipaa_exam.responses.json"
    stray.write_text("{}")
    build_exams(ag)
    assert not stray.exists()


FACTS = {"learner": "ada", "exam": "hipaa_exam", "exam_title": "HIPAA", "score": "7", "max_score": "7",
         "percent": "100.0", "content_version": "abc", "submitted_at": "2026-01-15T10:00:00+00:00",
         "graded_at": "2026-01-16T10:00:00+00:00"}


@pytest.mark.parametrize("alter, ok", [
    (lambda t: t, True),
    (lambda t: t.replace("<p class='who'>ada<", "<p class='who'>eve<"), False),            # visible name
    (lambda t: t.replace('"learner": "ada"', '"learner": "eve"'), False),                # embedded data
    (lambda t: t.replace("7 of 7 points", "9 of 7 points"), False),                       # visible score
    (lambda t: t.replace('id="certificate-data"', 'id="x"'), False),                    # data removed
])
def test_certificate_verification_fails_on_alteration(alter, ok):
    """Does verify accept an issued certificate and reject every altered one?"""
    key = b"test-secret"
    text = certificate_html(FACTS, code_for(FACTS, key))
    import tempfile, pathlib
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "c.html"
        path.write_text(alter(text))
        assert verify(path, key)[0] is ok
        assert verify(path, b"another-secret")[0] is False


def test_the_real_exams_yaml_is_valid():
    """Does the course's own course_data/exams.yaml validate (whatever modules have questions yet)?"""
    from compliance_course.data.loader import PACKAGE_ROOT
    from compliance_course.grading.models import load_exams_file
    load_course.cache_clear()
    course = load_course(PACKAGE_ROOT / "course_data", bank=bank_path(data=PACKAGE_ROOT / "course_data"))
    spec = load_exams_file(course)
    assert {e.id for e in spec.exams} >= {"final_exam"}
    resolve_exams(course, spec)  # raises on unknown modules or exams without a scenario question


def test_the_exam_notebook_hides_the_paper_and_checks_without_a_traceback(course_copy, tmp_path, monkeypatch):
    """The question paper's cell has its input hidden; the check lists what is missing, in words."""
    import compliance_course.grading.paper as paper_module
    from compliance_course.grading.build import exam_notebook, question_data
    from compliance_course.quiz.responses import write_responses

    exam = {e.id: e for e in resolve_exams(load_course())}["hipaa_exam"]
    nb = exam_notebook(exam)
    setup = nb.cells[1]
    assert setup.metadata["jupyter"] == {"source_hidden": True} and "ExamPaper(" in setup.source
    assert "Run All Cells* again to load your saved answers" in nb.cells[0].source
    written_prompt = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "written_prompt")
    assert "double-click the cell below" in written_prompt.source
    shown = []
    monkeypatch.setattr(paper_module, "display", lambda *objs: shown.extend(getattr(o, "data", o) for o in objs))
    paper = paper_module.ExamPaper("hipaa_exam", exam.content_version,
                                   [question_data(q) for q in exam.questions], folder=tmp_path)
    assert paper.check_complete() == [1, 2, 3]
    assert "✘ Not answered yet: question(s) 1, 2, 3.</b> 0 of 3 answered." in shown[-1]
    path = tmp_path / "hipaa_exam.responses.json"
    write_responses(path, "hipaa_exam", {exam.questions[0].id: "A", exam.questions[1].id: 60}, {})
    assert paper.check_complete() == [3]
    assert "question(s) 3.</b> 2 of 3 answered" in shown[-1]
    write_responses(path, "hipaa_exam", {exam.questions[0].id: "A", exam.questions[1].id: 60,
                                         exam.questions[2].id: "B"}, {})
    assert paper.check_complete() == [] and "All 3 questions have a saved answer" in shown[-1]
