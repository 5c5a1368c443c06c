"""Is each cost and time figure kept in one place, the module that teaches it (issue 18)?"""
import csv
from pathlib import Path
from types import SimpleNamespace

import pytest

from compliance_course import crosswalk
from compliance_course.data import load_course

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("cmmc", "fedramp", "cross_framework")


def test_comparison_csv_stores_no_figures():
    """Does framework_comparison.csv name facts for cost and time instead of holding the numbers?"""
    with open(ROOT / "course_data" / "tables" / "framework_comparison.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert "cost" not in rows[0] and "time_to_first" not in rows[0]
    facts = load_course().facts
    for row in rows:
        for column in ("time_fact", "cost_fact"):
            assert row[column] == "" or row[column] in facts, f"{row['framework']}: {column} {row[column]!r}"


def test_table_shows_the_modules_figures():
    """Does the table give FedRAMP's vendor estimate and SOC 2's Type II fee, as the modules teach them?"""
    table = crosswalk.comparison_table()
    # fedramp-cost-time-estimates: vendors quote 500,000 to 1,500,000 dollars and 12 to 18 months
    assert table.loc["FedRAMP", "cost"].startswith("500,000 to 1,500,000 US dollars")
    assert table.loc["FedRAMP", "time to first result"].startswith("12 to 18 months")
    assert "many web pages: 500,000 to 2,000,000" in table.loc["FedRAMP", "cost"]
    # soc2-phase-type2: a small organisation's Type II audit fee, 20,000 to 50,000 dollars
    assert table.loc["SOC 2", "cost"].startswith("20,000 to 50,000 US dollars")
    assert table.loc["FedRAMP", "cost and time figures are"] == "market estimate"
    assert table.loc["CMMC Level 2", "cost and time figures are"] == "DoD regulatory estimate"
    assert table.loc["HIPAA", "cost"] == "No official figure"


def test_changing_the_fact_changes_the_table(monkeypatch):
    """If the FedRAMP module's estimate changes, does the comparison follow without another edit?"""
    course = load_course()
    fact = course.facts["fedramp-cost-time-estimates"]
    changed = fact.model_copy(update={"value": {**fact.value, "cost_low_usd": 700000, "high_months": 30}})
    facts = {**course.facts, fact.id: changed}
    monkeypatch.setattr(crosswalk, "load_course", lambda *a, **k: SimpleNamespace(facts=facts))
    table = crosswalk.comparison_table()
    assert table.loc["FedRAMP", "cost"].startswith("700,000 to 1,500,000 US dollars")
    assert table.loc["FedRAMP", "time to first result"].startswith("12 to 30 months")


@pytest.mark.parametrize("module", MODULES)
def test_every_fact_has_a_url_and_a_check_date(module):
    """Does every fact of these modules give the address of its source and the date it was checked?"""
    missing = [f.id for f in load_course().facts_for(module) if not f.url or not f.as_of]
    assert missing == []


@pytest.mark.parametrize("module", MODULES)
def test_no_internal_documents_shown_as_sources(module):
    """Learner review M9: does no fact, question, scenario or lesson cite a course file or 'the customer glossary'?"""
    texts = []
    for folder in ("facts", "questions", "scenarios", "lessons"):
        path = ROOT / "course_data" / folder / f"{module}.yaml"
        if path.exists():
            texts += [line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")]
    bad = [t for t in texts if "course_data/" in t or "customer glossary" in t.lower()
           or "customer's glossary" in t.lower() or "course glossary" in t.lower() or "seed" in t.lower()]
    assert bad == []
