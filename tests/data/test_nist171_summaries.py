"""NIST SP 800-171 summaries: one per requirement, in our own words, never NIST's sentence.

Issue 5: "write any summary of a requirement in your own words and point learners to the NIST
publication for the exact text". The summaries live in
``course_data/tables/nist_800_171_r2_summaries.csv``; NIST's wording is the ``text`` column of
``nist_800_171_r2.csv`` (used here only to check that no summary copies it).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from compliance_course.data import table

RUN = 6  # a summary may not share a run of this many consecutive words with NIST's text
NIST = table("nist_800_171_r2").set_index("id")["text"].to_dict()
RAW = table("nist_800_171_r2_summaries")
SUMMARIES = dict(zip(RAW["id"], RAW["summary"]))
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03_nist_800_171.ipynb"


def words(text: str) -> list[str]:
    """Lower-case words, punctuation dropped: "FIPS-validated" -> ["fips", "validated"]."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))


def shared_run(source: str, text: str, n: int = RUN) -> str | None:
    """The first run of ``n`` consecutive words of ``source`` found in ``text`` (or all of a
    shorter ``source``), else None."""
    src, padded = words(source), " " + " ".join(words(text)) + " "
    size = min(n, len(src))
    for i in range(len(src) - size + 1):
        run = " ".join(src[i:i + size])
        if f" {run} " in padded:
            return run
    return None


def test_the_copy_check_catches_a_copy():
    """Would the check flag a summary that keeps six of NIST's words in a row (and pass one that does not)?"""
    assert shared_run(NIST["3.1.1"], "In short: limit system access to authorized users, please") \
        == "limit system access to authorized users"
    assert shared_run("Limit unsuccessful logon attempts.", "We limit unsuccessful logon attempts") is not None
    assert shared_run(NIST["3.1.1"], SUMMARIES["3.1.1"]) is None


def test_one_summary_for_each_of_the_110_requirements():
    """Does every Rev 2 id have exactly one summary, and is every summarised id a Rev 2 id?"""
    assert len(NIST) == 110
    assert not RAW["id"].duplicated().any(), RAW.loc[RAW["id"].duplicated(), "id"].tolist()
    assert set(RAW["id"]) == set(NIST)


@pytest.mark.parametrize("rid", sorted(NIST))
def test_summary_is_short_and_not_empty(rid):
    """Is the summary a non-empty title of 4 to 12 words?"""
    summary = SUMMARIES[rid].strip()
    assert summary, f"{rid}: empty summary"
    assert 4 <= len(summary.split()) <= 12, f"{rid}: {summary!r} has {len(summary.split())} words"


@pytest.mark.parametrize("rid", sorted(NIST))
def test_summary_does_not_copy_nist_text(rid):
    """Is the summary neither NIST's text nor carrying six of its words in a row?"""
    summary = SUMMARIES[rid]
    assert words(summary) != words(NIST[rid])
    run = shared_run(NIST[rid], summary)
    assert run is None, f"{rid}: summary {summary!r} repeats NIST's words {run!r}"


def test_no_summary_copies_another_requirements_text():
    """Does no summary carry six consecutive words of any requirement's text (not just its own)?"""
    copies = [(rid, other, run) for rid, summary in SUMMARIES.items() for other, text in NIST.items()
              if (run := shared_run(text, summary)) and len(words(text)) >= RUN]
    assert copies == []


def test_summaries_are_distinct():
    """Does every requirement get its own summary (no two the same)?"""
    lowered = RAW["summary"].str.lower().str.strip()
    assert not lowered.duplicated().any(), RAW.loc[lowered.duplicated(keep=False)].to_dict("records")


@pytest.mark.parametrize("rid, must_mention", [
    # Rev 2 3.5.3: MFA for local and network access to privileged accounts and for network access
    # to non-privileged accounts; the summary must keep all three cases.
    ("3.5.3", ["mfa", "privileged", "local", "network", "all"]),
    # Rev 2 3.13.11: FIPS-validated cryptography when it protects the confidentiality of CUI.
    ("3.13.11", ["fips", "validated", "cui"]),
    # Rev 2 3.12.4: the system security plan.
    ("3.12.4", ["system", "security", "plan"]),
    # Rev 2 3.12.2: plans of action (the POA&M).
    ("3.12.2", ["poa"]),
    # Rev 2 3.7.5: MFA for nonlocal maintenance, and ending the session afterwards.
    ("3.7.5", ["remote", "maintenance", "mfa"]),
    # Rev 2 3.13.8 and 3.13.16: CUI in transit and at rest.
    ("3.13.8", ["encrypt", "cui", "transit"]),
    ("3.13.16", ["cui", "stored"]),
])
def test_key_summaries_keep_the_meaning(rid, must_mention):
    """Do the summaries the scoring depends on name what the requirement is about?"""
    summary = words(SUMMARIES[rid])
    missing = [w for w in must_mention if w not in summary]
    assert missing == [], f"{rid}: {SUMMARIES[rid]!r} lacks {missing}"


def test_notebook_never_quotes_nist_requirement_text():
    """Does no cell of the NIST SP 800-171 notebook carry six consecutive words of a requirement's text?"""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    assert not any("nist_text" in s for s in sources)
    copies = [(rid, run) for s in sources for rid, text in NIST.items()
              if len(words(text)) >= RUN and (run := shared_run(text, s))]
    assert copies == []


@pytest.mark.parametrize("kind", ["facts", "questions", "lessons", "scenarios"])
def test_module_content_never_quotes_nist_requirement_text(kind):
    """Does the module's course data say things in its own words, never six words in a row of a requirement?"""
    path = NOTEBOOK.parents[1] / "course_data" / kind / "nist171.yaml"
    content = path.read_text(encoding="utf-8")
    copies = [(rid, run) for rid, text in NIST.items()
              if len(words(text)) >= RUN and (run := shared_run(text, content))]
    assert copies == []
