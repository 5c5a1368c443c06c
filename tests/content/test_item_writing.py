"""Do the questions test knowledge, not test-wiseness? (issue 17; rules in item_rules.py)

The first test runs every rule over the whole bank and lists each breach as
``file: item: rule: what to do``. The others feed the rules tiny hand-made items
that must fail and must pass, so the bank test cannot pass by checking nothing.
"""
from __future__ import annotations

import pytest

from compliance_course.grading.bank import load_exam_course
from compliance_course.data.item_rules import (Breach, check_all_none, check_bank, check_choice_lengths,
                                               check_key_positions, check_longest_keys,
                                               check_scenario_options, check_stem_cue,
                                               check_true_false_balance, choice_length,
                                               distinctive_words, stem)
from compliance_course.data.models import Question


def _q(choices, answer="A", prompt="Which safeguard fits best?", qtype="single_choice", ident="t-01",
       module="demo", use="exam"):
    return Question(module=module, id=ident, type=qtype, prompt=prompt,
                    choices=[{"key": k, "text": t} for k, t in choices], answer=answer,
                    explanation="x", source="x", objective="x", difficulty="easy", use=use)


def _tf(answer, ident):
    return Question(module="demo", id=ident, type="true_false", prompt="A statement.", answer=answer,
                    explanation="x", source="x", objective="x", difficulty="easy", use="exam")


FOUR = [("A", "Encrypt the laptop disk"), ("B", "Lock the server room"),
        ("C", "Train the front desk"), ("D", "Review the audit logs")]


# ---------------------------------------------------------------- the bank

def test_every_question_follows_the_item_writing_rules():
    """Does every practice and exam question pass every rule? Each line names file, item and rule."""
    course = load_exam_course()  # with the exam bank: exam items are checked too
    breaches = check_bank(course.questions.values(),
                          path_of=lambda q: ("autograder/exam_bank" if q.use == "exam" else "course_data")
                          + f"/questions/{q.module}.yaml")
    assert not breaches, f"{len(breaches)} item-writing problems:\n" + "\n".join(map(str, breaches))


def test_the_bank_test_sees_every_kind_of_item():
    """Is the bank test fed real items of each use and type (so it cannot pass on an empty bank)?"""
    questions = list(load_exam_course().questions.values())
    assert {q.use for q in questions} == {"practice", "exam"}
    assert sum(q.type == "single_choice" for q in questions) > 100
    assert sum(q.type == "true_false" for q in questions) > 10


def test_scenario_options_have_no_all_or_none_of_the_above():
    """Do scenario options (engine answers) avoid "all/none of the above"? Plain "none" is an answer."""
    course = load_exam_course()
    problems = [f"course_data/scenarios/{s.module}.yaml: scenario {s.id!r}: {msg}"
                for s in course.scenarios.values() if (msg := check_scenario_options(s.options))]
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- per question rules

def test_a_one_word_key_beside_long_distractors_fails_the_length_rule():
    q = _q([("A", "Risk analysis"), ("B", "A written plan reviewed every year by the board and the CISO"),
            ("C", "Training"), ("D", "Badges")])
    assert check_choice_lengths(q) == ("choice B (60 characters) is 5.0 times as long as choice C (12); "
                                       "keep every choice within 2.5 times the shortest")


def test_short_labels_count_as_labels_not_as_length_cues():
    """Are "Yes"/"No" and small numbers compared at the label floor, so they pass?"""
    assert choice_length("No") == choice_length("Yes") == choice_length("30") == 12
    assert check_choice_lengths(_q([("A", "Yes"), ("B", "No")])) is None
    assert check_choice_lengths(_q([("A", "6"), ("B", "30"), ("C", "60"), ("D", "180")])) is None
    assert check_choice_lengths(_q(FOUR)) is None


def test_length_is_counted_with_whitespace_collapsed():
    assert choice_length("Lock   the\n server room, every night") == len("Lock the server room, every night")


@pytest.mark.parametrize("text", ["All of the above", "none of the above", "Both of the above",
                                  "Neither of these", "None of the options"])
def test_all_or_none_of_the_above_fails(text):
    q = _q(FOUR[:3] + [("D", text)])
    assert check_all_none(q) == f"choice D says {text!r}; replace it with a choice that stands on its own"


def test_none_as_an_answer_in_its_own_right_passes():
    """Is "None: ..." (a real answer) told apart from "none of the above"?"""
    q = _q([("A", "None: treatment disclosures need no BAA"), ("B", "A business associate agreement"),
            ("C", "A data use agreement"), ("D", "The patient's authorization")])
    assert check_all_none(q) is None
    assert check_scenario_options(["none", "HIPAA", "SOC 2"]) is None
    assert check_scenario_options(["HIPAA", "All of the above"]) is not None


def test_a_key_alone_echoing_the_stem_fails():
    q = _q([("A", "Yes: it maintains the encrypted backups"), ("B", "No: it cannot read the data"),
            ("C", "No: the data is de-identified"), ("D", "Only with more than 500 patients")],
           prompt="A cloud provider stores encrypted backups. Does it need a BAA?")
    assert check_stem_cue(q) == ("key A repeats 'backup', 'encrypt' from the stem and no distractor does; "
                                 "reword the key or use the word in a distractor")


def test_a_stem_word_shared_by_key_and_a_distractor_passes():
    q = _q([("A", "Yes: it maintains the encrypted backups"), ("B", "No: encrypted data is out of scope"),
            ("C", "No: backups are a conduit's copies"), ("D", "Only with more than 500 patients")],
           prompt="A cloud provider stores encrypted backups. Does it need a BAA?")
    assert check_stem_cue(q) is None


def test_label_choices_named_in_the_stem_are_not_a_cue():
    """Is a high-water-mark item, whose stem must name the levels, left alone? A sentence key is not."""
    prompt = "Confidentiality moderate, integrity high, availability low: what is the overall level?"
    assert check_stem_cue(_q([("A", "Low"), ("B", "Moderate"), ("C", "High")], answer="C", prompt=prompt)) is None
    sentence = _q([("A", "Low, the most common rating"), ("B", "Moderate, the middle rating"),
                   ("C", "High, because integrity is the highest")], answer="C", prompt=prompt)
    assert check_stem_cue(sentence) == ("key C repeats 'high', 'integrity' from the stem and no distractor "
                                        "does; reword the key or use the word in a distractor")


def test_short_words_and_stop_words_are_not_distinctive():
    assert distinctive_words("Which of these is the best way to do it under HIPAA?") == {"hipaa"}
    assert stem("Encrypted") == stem("encrypting") == stem("encrypts") == "encrypt"
    assert stem("controlled") == "control" and stem("policies") == "policy" and stem("business") == "business"


def test_multiple_select_keys_are_checked_for_stem_cues():
    q = _q([("A", "Encrypt the laptops"), ("B", "Lock the laptops away"), ("C", "Train the staff"),
            ("D", "Shred the paper")], answer=["A", "C"], qtype="multiple_select",
           prompt="Which measures protect staff records? Select all that apply.")
    assert check_stem_cue(q) == ("key C repeats 'staff' from the stem and no distractor does; "
                                 "reword the key or use the word in a distractor")


# ---------------------------------------------------------------- per module and use

def _with_key_at(position, ident):
    return _q(FOUR, answer="ABCD"[position], ident=ident)


def test_keys_piled_on_one_position_fail():
    items = [_with_key_at(0, f"t-{i}") for i in range(5)] + [_with_key_at(i % 4, f"u-{i}") for i in range(5)]
    message = check_key_positions(items)
    assert message.startswith("the key is choice A (position 1) in 7 of 10 single-choice items (70%; at most 35%)")
    assert "spread now A: 7, B: 1, C: 1, D: 1" in message and "t-0" in message and "u-1" not in message


def test_keys_spread_evenly_pass_and_few_items_get_an_even_spread():
    assert check_key_positions([_with_key_at(i % 4, f"t-{i}") for i in range(12)]) is None
    # five items over four positions: two keys share a position (40%) and that is accepted
    assert check_key_positions([_with_key_at(i % 4, f"t-{i}") for i in range(5)]) is None
    assert check_key_positions([_with_key_at(0, "t-1"), _with_key_at(0, "t-2")]) is not None


def test_three_choice_items_spread_over_three_positions():
    """Ten three-choice items must put four keys on one position (40%): accepted; five are not."""
    three = FOUR[:3]
    even = [_q(three, answer="ABC"[i % 3], ident=f"t-{i}") for i in range(10)]
    assert check_key_positions(even) is None
    piled = [_q(three, answer="A", ident=f"a-{i}") for i in range(5)] + even[:5]
    assert check_key_positions(piled).startswith("the key is choice A (position 1) in 7 of 10")


def test_longest_keys_fail_above_thirty_percent():
    long_key = _q([("A", "Encrypt every laptop disk"), ("B", "Lock the server room"),
                   ("C", "Train the front desk"), ("D", "Review the logs")], ident="long")
    tied = _q([("A", "Encrypt the laptop disk"), ("B", "Lock the server room door")], ident="tied")
    assert check_longest_keys([long_key, tied, _q(FOUR, answer="B", ident="x")]) == (
        "the key is the strictly longest choice in 1 of 3 single-choice items (33%; at most 30%); "
        "lengthen a distractor in some of: long")
    assert check_longest_keys([long_key] + [_q(FOUR, answer="B", ident=f"x{i}") for i in range(3)]) is None


def test_true_false_keys_must_be_balanced():
    assert check_true_false_balance([_tf(False, f"t-{i}") for i in range(4)]) == (
        "0 of 4 true/false keys are True (0%; keep 35% to 65%); turn some statements keyed False around: "
        "t-0, t-1, t-2, t-3")
    assert check_true_false_balance([_tf(i % 2 == 0, f"t-{i}") for i in range(4)]) is None
    # three items cannot be 35-65% True; one or two True is the best that can be done
    assert check_true_false_balance([_tf(True, "a"), _tf(False, "b"), _tf(False, "c")]) is None
    assert check_true_false_balance([_tf(True, "a")]) is None


def test_breaches_name_file_item_and_rule():
    """Does the bank check locate each problem so an author fixes it in one edit?"""
    bad = _q([("A", "Risk analysis"), ("B", "A written plan reviewed every year by the board and the CISO"),
              ("C", "Training"), ("D", "None of the above")], ident="bad-01", module="hipaa")
    found = check_bank([bad])
    assert Breach("course_data/questions/hipaa.yaml", "question 'bad-01'", "all-none-of-above",
                  "choice D says 'None of the above'; replace it with a choice that stands on its own") in found
    long_key = _q([("A", "Encrypt every laptop disk"), ("B", "Lock the server room")], ident="long-01",
                  module="hipaa")
    assert [str(b) for b in check_bank([long_key])] == [
        "course_data/questions/hipaa.yaml: exam items of module 'hipaa': key-longest: the key is the strictly "
        "longest choice in 1 of 1 single-choice items (100%; at most 30%); lengthen a distractor in some of: "
        "long-01"]
    assert {b.rule for b in found} >= {"choice-length", "all-none-of-above"}
