"""Is every fact of the course sourced, linked and dated (issue 18)?

Every fact carries its source, the address where a learner can read it (``url``) and the date
it was checked (``as_of``). A fact not checked against its primary source must say so in its
own source text, because that text is what learners read next to it.

These tests read the course data as it is; they do not depend on today's date except that a
check cannot be dated in the future.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from compliance_course.data import load_course

COURSE = load_course()
FACTS = sorted(COURSE.facts.values(), key=lambda f: f.id)
#: Words by which a fact's source tells the learner it rests on a secondary source.
SAYS_SECONDARY = re.compile(r"secondary|market (estimate|practice)|practitioner|as (summarised|reported|quoted)|"
                            r"not (public|read)|reports?\b", re.IGNORECASE)


@pytest.mark.parametrize("fact", FACTS, ids=[f.id for f in FACTS])
def test_every_fact_has_a_url(fact):
    assert fact.url, f"course_data/facts/{fact.module}.yaml: fact {fact.id!r}: url: missing"
    assert re.match(r"^https?://[^\s/]+\.[^\s]+$", fact.url), (
        f"course_data/facts/{fact.module}.yaml: fact {fact.id!r}: url: not a web address: {fact.url!r}")


@pytest.mark.parametrize("fact", FACTS, ids=[f.id for f in FACTS])
def test_every_fact_is_dated(fact):
    assert fact.as_of is not None, f"course_data/facts/{fact.module}.yaml: fact {fact.id!r}: as_of: missing"
    assert fact.as_of <= dt.date.today(), (
        f"course_data/facts/{fact.module}.yaml: fact {fact.id!r}: as_of: {fact.as_of} is in the future")


@pytest.mark.parametrize("fact", [f for f in FACTS if f.confidence == "secondary"],
                         ids=[f.id for f in FACTS if f.confidence == "secondary"])
def test_a_secondary_fact_says_so_in_its_source(fact):
    """Learners read the source text next to the fact: it must not pass a secondary check off as primary."""
    assert SAYS_SECONDARY.search(fact.source) or "summar" in fact.source.lower(), (
        f"course_data/facts/{fact.module}.yaml: fact {fact.id!r}: source: checked against a secondary source, "
        f"but the source text does not say so: {fact.source!r}")


def test_no_learner_facing_source_names_course_files_or_internal_documents():
    """Learners see public sources only (learner review M9): no repository paths, no customer glossary."""
    banned = re.compile(r"course_data/|\.ya?ml\b|\.\./|customer('s)? glossary|course glossary|seed/", re.IGNORECASE)
    bad = [f.id for f in FACTS if banned.search(f.source) or banned.search(f.statement)]
    assert not bad, f"facts citing internal documents: {bad}"


def test_dated_rules_have_their_window_in_order():
    """A fact with both dates must stop after it starts (the loader also refuses the reverse)."""
    for f in FACTS:
        if f.effective and f.until:
            assert f.effective < f.until, f.id
