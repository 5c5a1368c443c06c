"""Item-writing rules: does a question test knowledge, or test-wiseness?

Pure functions over validated :class:`~compliance_course.data.models.Question`
objects, shared by the content test (``tests/content/test_item_writing.py``) and
any report that lists items to rewrite. Each finding is a :class:`Breach` whose
text names the file, the item and the rule, so an author fixes it in one edit::

    course_data/questions/hipaa.yaml: question 'hipaa-baa-02': choice-length: ...

The rules follow Haladyna, Downing & Rodriguez (2002), "A review of
multiple-choice item-writing guidelines", and the NBME item-writing guide: one
clearly best answer, distractors as long and plausible as the key, no "all/none
of the above", no word of the stem that only the key repeats.

Per question (single choice and multiple select):

``choice-length``
    The longest choice is at most :data:`MAX_LENGTH_RATIO` times the shortest.
    Length is counted in characters of the choice text, whitespace collapsed,
    but never less than :data:`SHORT_LABEL_FLOOR` characters: a short label
    ("Yes", "No", "18", "Low", "SOC 3") reads as a label, and "No" against
    "Yes" or "6" against "30" is no length cue; the floor keeps such labels
    from failing the ratio against each other while a one-word answer beside
    three full sentences still fails.
``all-none-of-above``
    No choice reads "all of the above", "none of the above" (or "of these",
    "of the others", "both/neither of the above"). Such choices reward partial
    knowledge and break when choices are shuffled.
``stem-cue``
    No keyed choice repeats a distinctive word of the stem that no other
    choice repeats. Distinctive: a word of four or more letters, not in
    :data:`STOP_WORDS` (function words and the words every compliance stem
    uses), compared by :func:`stem` (a crude suffix stripper, enough to match
    "encrypt"/"encrypted"/"encrypting"). A word the key shares with the stem
    is fine as long as some distractor shares it too, since then it no longer
    points at the key. Items whose choices are all short labels (at most
    SHORT_LABEL_FLOOR characters: "Low"/"Moderate"/"High", "Yes"/"No") are
    not checked: the labels are the question's vocabulary and the stem must
    name them ("confidentiality low, integrity moderate: which level?").

Per module and use (practice/exam), over single-choice items:

``key-position``
    No position holds the key in more than :data:`MAX_POSITION_SHARE` of the
    items. With few items 35% cannot always be met (five items over four
    positions put two keys somewhere; ten three-choice items put four keys
    somewhere), so a count no higher than an even spread is also accepted:
    ``ceil(n / k)`` with ``k`` the positions available, four or the most
    choices any of the items has, whichever is fewer.
``key-longest``
    The key is the strictly longest choice (by the length measure above, so
    equal lengths do not count) in at most :data:`MAX_LONGEST_SHARE` of the items.

Per module and use, over true/false items:

``true-false-balance``
    Between 35% and 65% of the keys are True; where no count of so few
    items falls in that band (one or three items), the counts nearest to half
    are accepted.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from .models import Question

MAX_LENGTH_RATIO = 2.5
SHORT_LABEL_FLOOR = 12
MAX_POSITION_SHARE = 0.35
MAX_LONGEST_SHARE = 0.30
TRUE_SHARE_BAND = (0.35, 0.65)
POSITIONS_FOR_EVEN_SPREAD = 4

CHOICE_TYPES = ("single_choice", "multiple_select")

_ALL_NONE = re.compile(
    r"\b(all|none|both|neither)\s+of\s+(the\s+)?(above|below|these|those|others|preceding|options)\b",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

#: Words that carry no cue even when only the key repeats them: function words
#: of four or more letters and the vocabulary every stem of this course uses.
STOP_WORDS = frozenset("""
    about above after again against also although among another because been before being below
    between both cannot could does doing done down during each either else even every from further
    have having here however into itself just least less many more most much must neither never none
    only other others over same shall should since some such than that their them then there these
    they this those though through under until upon very were what when where whether which while
    whom whose will with within without would your yours
    answer apply applies best choice choose correct describe describes following kind kinds
    learner need needs question require required requires right statement true false
    term terms mean means called example
""".split())


@dataclass(frozen=True)
class Breach:
    """One broken rule: where (file, item), which rule, and what to do."""

    path: str
    item: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.item}: {self.rule}: {self.message}"


# ---------------------------------------------------------------- measures

def choice_length(text: str) -> int:
    """Characters of a choice, whitespace collapsed, never below SHORT_LABEL_FLOOR."""
    return max(len(" ".join(text.split())), SHORT_LABEL_FLOOR)


def stem(word: str) -> str:
    """A crude stem: lower case, common English suffixes stripped, at least four letters kept."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and not w.endswith("ss") and len(w) - len(suffix) + len(repl) >= 4:
            w = w[: len(w) - len(suffix)] + repl
            if suffix in ("ing", "ed") and w[-1] == w[-2] and w[-1] not in "aeious":
                w = w[:-1]  # controlled -> control, planned -> plan
            break
    return w


def distinctive_words(text: str) -> set[str]:
    """Stems of the words of ``text`` that could cue an answer (see the module docstring)."""
    words = (w.lower().strip("'-") for w in _WORD.findall(text))
    return {stem(w) for w in words if len(w) >= 4 and w not in STOP_WORDS}


def key_position(question: Question) -> int | None:
    """Index (0 = first shown) of the key of a single-choice question."""
    for i, choice in enumerate(question.choices):
        if choice.key == question.answer:
            return i
    return None


def key_is_strictly_longest(question: Question) -> bool:
    """Whether the key of a single-choice question is longer than every other choice."""
    lengths = {c.key: choice_length(c.text) for c in question.choices}
    key_len = lengths[question.answer]
    return all(key_len > n for k, n in lengths.items() if k != question.answer)


# ---------------------------------------------------------------- per question

def _keys(question: Question) -> set[str]:
    return set(question.answer) if isinstance(question.answer, tuple) else {question.answer}


def check_choice_lengths(question: Question) -> str | None:
    """Message if the choices are not of comparable length, else None."""
    if question.type not in CHOICE_TYPES:
        return None
    lengths = {c.key: choice_length(c.text) for c in question.choices}
    longest = max(lengths, key=lengths.get)
    shortest = min(lengths, key=lengths.get)
    ratio = lengths[longest] / lengths[shortest]
    if ratio <= MAX_LENGTH_RATIO:
        return None
    return (f"choice {longest} ({lengths[longest]} characters) is {ratio:.1f} times as long as "
            f"choice {shortest} ({lengths[shortest]}); keep every choice within "
            f"{MAX_LENGTH_RATIO:g} times the shortest")


def check_all_none(question: Question) -> str | None:
    """Message if a choice is "all/none of the above" or alike, else None."""
    for c in question.choices:
        m = _ALL_NONE.search(c.text)
        if m:
            return (f"choice {c.key} says {m.group(0)!r}; replace it with a choice that stands on its own")
    return None


def check_stem_cue(question: Question) -> str | None:
    """Message if a keyed choice alone repeats a distinctive word of the stem, else None."""
    if question.type not in CHOICE_TYPES:
        return None
    if all(len(" ".join(c.text.split())) <= SHORT_LABEL_FLOOR for c in question.choices):
        return None
    stem_words = distinctive_words(question.prompt)
    keys = _keys(question)
    in_distractors: set[str] = set()
    for c in question.choices:
        if c.key not in keys:
            in_distractors |= distinctive_words(c.text)
    for c in question.choices:
        if c.key in keys:
            cue = sorted((distinctive_words(c.text) & stem_words) - in_distractors)
            if cue:
                return (f"key {c.key} repeats {', '.join(repr(w) for w in cue)} from the stem and no "
                        f"distractor does; reword the key or use the word in a distractor")
    return None


ITEM_RULES = {
    "choice-length": check_choice_lengths,
    "all-none-of-above": check_all_none,
    "stem-cue": check_stem_cue,
}


def check_item(question: Question, path: str) -> list[Breach]:
    """Every per-question rule ``question`` breaks."""
    out = []
    for rule, check in ITEM_RULES.items():
        message = check(question)
        if message:
            out.append(Breach(path, f"question {question.id!r}", rule, message))
    return out


# ---------------------------------------------------------------- per module and use

def check_key_positions(questions: Sequence[Question]) -> str | None:
    """Message if one position holds too many keys among these single-choice items."""
    items = [q for q in questions if q.type == "single_choice"]
    if not items:
        return None
    n = len(items)
    positions = min(POSITIONS_FOR_EVEN_SPREAD, max(len(q.choices) for q in items))
    limit = max(MAX_POSITION_SHARE * n, math.ceil(n / positions))
    counts = Counter(key_position(q) for q in items)
    position, count = counts.most_common(1)[0]
    if count <= limit:
        return None
    letter = "ABCDEFGH"[position]
    ids = [q.id for q in items if key_position(q) == position]
    spread = ", ".join(f"{'ABCDEFGH'[p]}: {counts.get(p, 0)}"
                       for p in range(max(len(q.choices) for q in items)))
    return (f"the key is choice {letter} (position {position + 1}) in {count} of {n} single-choice items "
            f"({count / n:.0%}; at most {MAX_POSITION_SHARE:.0%}); spread now {spread}; "
            f"move the key in some of: {', '.join(ids)}")


def check_longest_keys(questions: Sequence[Question]) -> str | None:
    """Message if the key is the strictly longest choice too often among these items."""
    items = [q for q in questions if q.type == "single_choice"]
    if not items:
        return None
    n = len(items)
    ids = [q.id for q in items if key_is_strictly_longest(q)]
    if len(ids) <= MAX_LONGEST_SHARE * n:
        return None
    return (f"the key is the strictly longest choice in {len(ids)} of {n} single-choice items "
            f"({len(ids) / n:.0%}; at most {MAX_LONGEST_SHARE:.0%}); lengthen a distractor in some of: "
            f"{', '.join(ids)}")


def check_true_false_balance(questions: Sequence[Question]) -> str | None:
    """Message if too many or too few true/false keys are True."""
    items = [q for q in questions if q.type == "true_false"]
    if not items:
        return None
    n = len(items)
    trues = sum(1 for q in items if q.answer is True)
    low, high = TRUE_SHARE_BAND
    if low * n <= trues <= high * n or abs(trues - n / 2) <= 0.5:
        return None
    side = "True" if trues > n / 2 else "False"
    ids = [q.id for q in items if q.answer is (side == "True")]
    return (f"{trues} of {n} true/false keys are True ({trues / n:.0%}; keep {low:.0%} to {high:.0%}); "
            f"turn some statements keyed {side} around: {', '.join(ids)}")


GROUP_RULES = {
    "key-position": check_key_positions,
    "key-longest": check_longest_keys,
    "true-false-balance": check_true_false_balance,
}


def check_group(questions: Sequence[Question], path: str, label: str) -> list[Breach]:
    """Every per-group rule the questions of one module and use break."""
    out = []
    for rule, check in GROUP_RULES.items():
        message = check(questions)
        if message:
            out.append(Breach(path, label, rule, message))
    return out


def check_bank(questions: Iterable[Question], path_of=lambda q: f"course_data/questions/{q.module}.yaml"
               ) -> list[Breach]:
    """All breaches in a bank: every question, then every module and use."""
    questions = list(questions)
    out: list[Breach] = []
    groups: dict[tuple[str, str], list[Question]] = defaultdict(list)
    for q in questions:
        out.extend(check_item(q, path_of(q)))
        groups[(q.module, q.use)].append(q)
    for (module, use), items in groups.items():
        out.extend(check_group(items, path_of(items[0]), f"{use} items of module {module!r}"))
    return out


# ---------------------------------------------------------------- scenario options

def check_scenario_options(options: Sequence[str]) -> str | None:
    """The one rule that fits engine answers: no "all/none of the above" among the options.

    Options are formatted engine results (Yes/No, levels in order, sorted sets of
    frameworks, dates in order), so their lengths and positions follow from the
    answers and their natural order, not from an author's hand.
    """
    for option in options:
        m = _ALL_NONE.search(option)
        if m:
            return f"option {option!r} says {m.group(0)!r}; list an answer the engine can give instead"
    return None
