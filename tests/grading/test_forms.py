"""Exam forms over the fixture bank whose slots hold three parallel items each.

Does each learner get one item per slot, the same on every reopening; does the release hold every
pool without a key; does grading mark each slot against the item drawn for the student of the
submission folder, whatever the learner's file says?
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from compliance_course.data import load_course
from compliance_course.grading import forms, simulate
from compliance_course.grading.build import build_exams
from compliance_course.grading.grade import grade_all
from compliance_course.grading.models import resolve_exams
from compliance_course.grading.paper import ExamPaper, graded_student
from compliance_course.grading.release import generate
from compliance_course.quiz import ExamQuiz, read_responses
from compliance_course.quiz.choice_order import draw_form, draw_item

from .conftest import FORMS_FIXTURE, course_in_use

EXAM = "hipaa_exam"


@pytest.fixture(scope="module")
def exams():
    load_course.cache_clear()
    yield {e.id: e for e in resolve_exams(load_course(FORMS_FIXTURE))}
    load_course.cache_clear()


def test_slots_follow_the_bank_file(exams):
    """Are a module exam's slots those of the bank file in order, and the final exam's the first two per module?"""
    assert [s.id for s in exams[EXAM].slots] == ["hipaa-slot-host", "hipaa-slot-rule", "hipaa-slot-status",
                                                  "hipaa-slot-days"]
    assert [s.id for s in exams["final_exam"].slots] == ["soc2-slot-type", "soc2-slot-categories",
                                                         "hipaa-slot-host", "hipaa-slot-rule"]
    assert [q.id for q in exams[EXAM].slot("hipaa-slot-rule").items] == ["hipaa-rule-1", "hipaa-rule-2",
                                                                         "hipaa-rule-3"]
    # one graded item per slot: the maximum counts each slot once (host 2 + rule 1 + status 1 + days 1 + written 3)
    assert exams[EXAM].max_score == 2 + 1 + 1 + 1 + 3


def test_a_form_is_the_same_every_time_and_depends_on_learner_and_exam(exams):
    exam = exams[EXAM]
    ada = forms.form_ids(exam, "ada")
    assert ada == forms.form_ids(exam, "ada")
    assert set(ada) == {s.id for s in exam.slots}
    assert all(ada[s.id] in [q.id for q in s.items] for s in exam.slots)
    learners = [f"learner{i:03d}" for i in range(300)]
    assert len({tuple(forms.form_ids(exam, n).values()) for n in learners}) > 30  # 81 forms are possible
    # the exam is part of the seed: the same learner's slots are drawn afresh in another exam
    pools = {"s1": ["a", "b", "c"], "s2": ["d", "e", "f"], "s3": ["g", "h", "i"], "s4": ["j", "k", "l"]}
    differ = sum(draw_form(pools, learner=n, exam="one") != draw_form(pools, learner=n, exam="two") for n in learners)
    assert differ > 200


def test_every_item_of_a_pool_is_drawn_about_equally_often(exams):
    slot = exams[EXAM].slot("hipaa-slot-rule")
    counts = Counter(draw_item([q.id for q in slot.items], learner=f"l{i}", exam=EXAM, slot=slot.id)
                     for i in range(3000))
    assert set(counts) == {q.id for q in slot.items}
    assert all(850 < c < 1150 for c in counts.values()), counts


def test_two_learners_forms_differ_in_most_slots(exams):
    """Over many pairs of learners, do forms differ in most slots (two thirds expected with three items)?"""
    for exam in exams.values():
        shares = []
        for i in range(200):
            a, b = forms.form_ids(exam, f"a{i}"), forms.form_ids(exam, f"b{i}")
            shares.append(sum(a[s] != b[s] for s in a) / len(a))
        assert sum(shares) / len(shares) > 0.5, exam.id


def test_the_widget_shows_the_learners_own_form_and_records_it(tmp_path, exams):
    exam = exams[EXAM]
    pools = {s.id: list(s.items) for s in exam.slots}
    quiz = ExamQuiz(EXAM, pools=pools, folder=tmp_path, learner="ada")
    ada = forms.form_ids(exam, "ada")
    assert [qw.question.id for qw in quiz.questions] == list(ada.values())
    assert [box.children[0].question.id for box in quiz.slot_boxes] == list(ada.values())
    assert "This exam form is for <b>ada</b>" in quiz.identity.children[0].value
    quiz.questions[1].value = quiz.questions[1].question.answer
    saved = json.loads((tmp_path / f"{EXAM}.responses.json").read_text())
    assert saved["learner"] == "ada" and saved["form"] == ada
    assert list(saved["answers"]) == [ada["hipaa-slot-rule"]]
    # reopening (a new kernel, no learner given): the id comes from the file, so the form is the same
    again = ExamQuiz(EXAM, pools=pools, folder=tmp_path)
    assert again.learner == "ada" and again.form == ada
    assert again.questions[1].value == quiz.questions[1].question.answer


def test_setting_the_instructors_id_draws_that_form_and_keeps_it(tmp_path, exams):
    """Zip workflow: the OS user is not the student id; the learner types the id they were given."""
    exam = exams[EXAM]
    pools = {s.id: list(s.items) for s in exam.slots}
    learner = next(n for n in (f"os-user-{i}" for i in range(50))
                   if forms.form_ids(exam, n)["hipaa-slot-rule"] != forms.form_ids(exam, "s1234")["hipaa-slot-rule"])
    quiz = ExamQuiz(EXAM, pools=pools, folder=tmp_path, learner=learner)
    quiz.questions[1].value = quiz.questions[1].question.answer  # answered before setting the id
    quiz._id_text.value = "s1234"
    quiz.identity.children[2].children[1].click()
    assert quiz.learner == "s1234" and quiz.form == forms.form_ids(exam, "s1234")
    assert "1 answer(s) to questions you no longer have were dropped" in quiz._identity_note.value
    read = read_responses(tmp_path / f"{EXAM}.responses.json", EXAM)
    assert read.learner == "s1234" and read.form == quiz.form and read.answers == {}
    assert ExamQuiz(EXAM, pools=pools, folder=tmp_path).form == forms.form_ids(exam, "s1234")
    quiz.set_learner("../etc")
    assert quiz.learner == "s1234" and "without slashes" in quiz._identity_note.value


def test_the_release_holds_every_pool_and_no_key(tmp_path):
    with course_in_use(tmp_path, FORMS_FIXTURE) as (_, ag):
        exams = {e.id: e for e in build_exams(ag)}
        generate(ag, [EXAM])
        text = (ag.release / EXAM / f"{EXAM}.ipynb").read_text()
        exam = exams[EXAM]
        for q in exam.questions:
            assert json.dumps(q.prompt)[1:-1] in text
        assert "KEYEXPL" not in text and "BEGIN HIDDEN TESTS" not in text and "paper.check(" not in text
        nb = json.loads(text)
        graded = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
        assert len(graded) == len(exam.slots) + 1  # one per slot, plus the written answer
        # the instructor's source: the slot's hidden test holds the key of each pool item (A, C, D in the YAML)
        source = json.loads((ag.source / EXAM / f"{EXAM}.ipynb").read_text())
        test = next("".join(c["source"]) for c in source["cells"] if c["metadata"]["nbgrader"]["grade_id"] == "test_02")
        assert "paper.check('hipaa-slot-rule', {'hipaa-rule-1': 'A', 'hipaa-rule-2': 'C', 'hipaa-rule-3': 'D'})" in test
        # the metadata lists the slots in exam order (the order gives the grade ids test_01, test_02, ...)
        assert nb["metadata"]["compliance_course"]["slots"][:2] == [
            ["hipaa-slot-host", ["hipaa-host-1", "hipaa-host-2", "hipaa-host-3"]],
            ["hipaa-slot-rule", ["hipaa-rule-1", "hipaa-rule-2", "hipaa-rule-3"]]]
        intro = "".join(nb["cells"][0]["source"])
        assert "This exam form is for" in intro and "zip file" in intro


def test_the_paper_marks_the_item_drawn_for_the_folders_student(tmp_path, exams):
    """nbgrader's hidden test: the student is the folder it runs in, never the id in the response file."""
    exam = exams[EXAM]
    from compliance_course.grading.build import slot_data
    ada_item = forms.form_ids(exam, "ada")["hipaa-slot-rule"]
    student = next(n for n in (f"student{i}" for i in range(50))
                   if forms.form_ids(exam, n)["hipaa-slot-rule"] != ada_item)
    folder = tmp_path / "submitted" / student / EXAM
    folder.mkdir(parents=True)
    assert graded_student(folder) == student
    answers = simulate.by_key(exam, "ada")  # ada's right answers, saved as if by ada
    simulate_file = folder / exam.responses_file
    from compliance_course.quiz.responses import write_responses
    write_responses(simulate_file, EXAM, answers, {}, learner="ada", form=forms.form_ids(exam, "ada"))
    paper = ExamPaper(EXAM, "v", [slot_data(s) for s in exam.slots], folder=folder)
    slot = exam.slot("hipaa-slot-rule")
    keys = {q.id: q.answer for q in slot.items}
    theirs = forms.form_ids(exam, student)["hipaa-slot-rule"]
    with pytest.raises(AssertionError, match=f"Question 2 \\({theirs}\\): no saved answer"):
        paper.check(slot.id, keys)
    # the same file in ada's own folder passes: her item is answered by the key
    mine = tmp_path / "submitted" / "ada" / EXAM
    mine.mkdir(parents=True)
    (mine / exam.responses_file).write_bytes(simulate_file.read_bytes())
    ExamPaper(EXAM, "v", [slot_data(s) for s in exam.slots], folder=mine).check(slot.id, keys)


@pytest.mark.slow
def test_grading_marks_each_slot_against_the_authenticated_students_form(tmp_path):
    with course_in_use(tmp_path, FORMS_FIXTURE) as (_, ag):
        exam = {e.id: e for e in build_exams(ag)}[EXAM]
        generate(ag, [EXAM])
        released = ag.release / EXAM / exam.notebook
        slots_points = sum(s.points for s in exam.slots)

        def submit(student, answers, **kw):
            simulate.submit(ag.submitted / student / EXAM, exam, released, answers, **kw)

        submit("ada", simulate.by_key(exam, "ada"), learner="ada", form=forms.form_ids(exam, "ada"))
        # grace hands in ada's file: recorded for ada, answers to ada's form
        submit("grace", simulate.by_key(exam, "ada"), learner="ada", form=forms.form_ids(exam, "ada"))
        # alan answers his own form and, in an edited file, every other item of every pool too
        everything = {q.id: simulate.right_answer(q) for q in exam.questions}
        submit("alan", everything, learner="alan", form={s.id: s.items[0].id for s in exam.slots})
        results = {r.student: r for r in grade_all(ag, progress=False)}
        assert results["ada"].score == slots_points and results["ada"].problems == []
        same = [s for s in exam.slots
                if forms.form_ids(exam, "grace")[s.id] == forms.form_ids(exam, "ada")[s.id]]
        assert results["grace"].score == sum(s.points for s in same) < slots_points
        grace = results["grace"].problems
        assert grace[0] == (f"{EXAM}.responses.json: saved for learner 'ada', not 'grace'; "
                            "marked against the exam form of 'grace'")
        outside = len(exam.slots) - len(same)
        assert grace[1].startswith(f"{EXAM}.responses.json: {outside} answer(s) to questions outside the exam "
                                   "form of 'grace' were ignored: ")
        assert len(grace) == 2
        alan = results["alan"]
        assert alan.score == slots_points  # his own items were right; the others were ignored
        form_alan = forms.form_ids(exam, "alan")
        lines = alan.problems
        if form_alan != {s.id: s.items[0].id for s in exam.slots}:
            assert lines[0] == (f"{EXAM}.responses.json: the recorded exam form differs from the form of 'alan'; "
                                "marked against the form of 'alan'")
        assert lines[-1].startswith(f"{EXAM}.responses.json: {len(exam.questions) - len(exam.slots)} answer(s) "
                                    "to questions outside the exam form of 'alan' were ignored")
        # the autograded notebook shows the item each learner got
        nb = json.loads((ag.autograded / "grace" / EXAM / exam.notebook).read_text())
        shown = [o["text"] for c in nb["cells"] if c.get("id", "").startswith("question-")
                 for o in c.get("outputs", [])]
        drawn = forms.form_ids(exam, "grace")
        assert [t.splitlines()[0] for t in shown] == [f"Question drawn for this learner: {drawn[s.id]}"
                                                      for s in exam.slots]


def test_slot_analysis_flags_a_pool_whose_items_differ_in_difficulty(exams):
    """A pool where one item is always right and the others mostly wrong: flagged once drawn often enough."""
    from compliance_course.grading.report import MIN_DRAWS, item_analysis, slot_analysis
    exam = exams[EXAM]
    easy = exam.slot("hipaa-slot-rule").items[0].id
    cohort = {}
    for i in range(3 * MIN_DRAWS + 30):
        learner = f"l{i:03d}"
        key = simulate.by_key(exam, learner)
        cohort[learner] = {q: v for n, (q, v) in enumerate(key.items()) if q == easy or (n + i) % 2}
    records = simulate.cohort_records(exam, cohort)
    slots = slot_analysis(item_analysis(records), records).set_index("slot")
    assert bool(slots.loc["hipaa-slot-rule", "flagged"])
    assert slots.loc["hipaa-slot-rule", "reason"].startswith("items differ in difficulty: share right")
    few = slot_analysis(item_analysis(records[:10]), records[:10]).set_index("slot")
    assert not few["flagged"].any()
    assert "too few draws" in few.loc["hipaa-slot-rule", "reason"]


def test_a_slot_shared_by_two_modules_is_named(tmp_path):
    """A slot id reused in another module's file: the pool rule and the exam both say so."""
    import shutil

    from compliance_course.errors import CourseDataError
    data = tmp_path / "course_data"
    shutil.copytree(FORMS_FIXTURE, data)
    path = data / "questions" / "soc2.yaml"
    path.write_text(path.read_text().replace("slot: soc2-slot-type", "slot: hipaa-slot-host"))
    load_course.cache_clear()
    try:
        course = load_course(data)
        lines = forms.check_pools(course.questions.values(), lambda q: f"{q.module}.yaml")
        assert "soc2.yaml: slot 'hipaa-slot-host': item 'soc2-type-1': module 'soc2' differs from 'hipaa' of " \
               "item 'hipaa-host-1'; parallel items agree on module" in lines
        with pytest.raises(CourseDataError, match=r"exam 'final_exam': slot\(s\) \['hipaa-slot-host'\] hold items "
                                                  r"of more than one module"):
            resolve_exams(course)
    finally:
        load_course.cache_clear()
