"""SOC 2 decisions: which trust services categories, which SOC report, bridge letters,
subservice organisations and what an exception does to the opinion.

Contract (other modules and tests rely on it):

- ``categories_in_scope(*, uptime_commitments, confidential_data, processes_transactions,
  personal_information)`` -> Decision whose answer is a frozenset of category names;
- ``report_for(*, audience, needs_operating_effectiveness)`` -> one of :data:`REPORTS`;
- ``bridge_letter_needed(report_period_end, on)`` -> True when ``on`` is after the period end.

Criterion counts and the usual reach of a bridge letter are read from
``course_data/facts/soc2.yaml``, so the reasons a learner reads quote the same
figures as the lesson.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..data import load_course
from ..decision import Decision, require_choice, require_date

#: Category names as used in answers, in the order the AICPA lists them.
CATEGORIES = ("security", "availability", "processing_integrity", "confidentiality", "privacy")
#: Audiences ``report_for`` knows.
AUDIENCES = ("customers_financial_reporting", "customers_security_review", "public")
#: Every report ``report_for`` can answer.
REPORTS = ("SOC 1 Type I", "SOC 1 Type II", "SOC 2 Type I", "SOC 2 Type II", "SOC 3")
#: Opinions ``opinion_for`` can answer, best to worst.
OPINIONS = ("unqualified", "qualified", "adverse", "disclaimer")
SUBSERVICE_METHODS = ("carve-out", "inclusive")

_BOOLS = (True, False)
TSC = "AICPA TSP section 100, 2017 Trust Services Criteria (revised points of focus 2022)"
SOM = "AICPA, Information for Service Organization Management in a SOC 2 Engagement"


def _flag(name: str, value: Any) -> bool:
    """A keyword that must be exactly True or False (not 1, not "yes")."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be one of True, False; got {value!r}")
    return value


def _fact_value(fact_id: str) -> Any:
    facts = load_course().facts
    if fact_id not in facts:
        raise KeyError(f"no fact {fact_id!r} in course_data/facts/soc2.yaml")
    return facts[fact_id].value


def criteria_by_category() -> dict[str, int]:
    """Number of criteria each category adds, summed from the series facts.

    Security is the 33 common criteria; the other four add their own series on top.
    """
    totals = {c: 0 for c in CATEGORIES}
    for fact in load_course().facts_for("soc2", tag="criteria-count"):
        totals[fact.value["category"]] += int(fact.value["criteria"])
    return totals


def _series_span(category: str) -> str:
    series = [f.value for f in load_course().facts_for("soc2", tag="criteria-count")
              if f.value["category"] == category]
    return f"{series[0]['first']} to {series[-1]['last']}"


# Why each optional category is added, keyed by the input that triggers it.
_TRIGGERS = (
    ("uptime_commitments", "availability",
     "you commit to uptime or recovery (an SLA), which the availability criteria test"),
    ("processes_transactions", "processing_integrity",
     "customers rely on your processing being complete, accurate and timely"),
    ("confidential_data", "confidentiality",
     "you hold information customers designate confidential and must protect and dispose of"),
    ("personal_information", "privacy",
     "you collect, use, keep or disclose personal information and make privacy commitments about it"),
)


def categories_in_scope(*, uptime_commitments: bool, confidential_data: bool,
                        processes_transactions: bool, personal_information: bool) -> Decision:
    """Which trust services categories a SOC 2 report on this service should cover.

    Security (the common criteria) is always in. Each optional category is added when the
    service makes the kind of commitment that category's criteria test.

    >>> sorted(categories_in_scope(uptime_commitments=True, confidential_data=False,
    ...        processes_transactions=False, personal_information=False).answer)
    ['availability', 'security']
    """
    given = {"uptime_commitments": _flag("uptime_commitments", uptime_commitments),
             "confidential_data": _flag("confidential_data", confidential_data),
             "processes_transactions": _flag("processes_transactions", processes_transactions),
             "personal_information": _flag("personal_information", personal_information)}
    counts = criteria_by_category()
    in_scope = {"security"}
    reasons = [f"Security is always in: its {counts['security']} common criteria "
               f"({_series_span('security')}) are part of every SOC 2."]
    for flag, category, why in _TRIGGERS:
        if given[flag]:
            in_scope.add(category)
            reasons.append(f"{category.replace('_', ' ').capitalize()} is added because {why} "
                           f"({counts[category]} more criteria, {_series_span(category)}).")
    if in_scope == {"security"}:
        reasons.append("No optional category is needed; add one only when customers ask for it "
                       "or you make that kind of commitment.")
    return Decision(answer=frozenset(in_scope), reason=" ".join(reasons),
                    citation=f"{TSC}, paragraphs .09-.10 and criteria identifiers")


def report_for(*, audience: str, needs_operating_effectiveness: bool) -> Decision:
    """Which SOC report fits the reader and the assurance they need.

    ``audience``: "customers_financial_reporting" (their auditors rely on it for ICFR),
    "customers_security_review" (shared under NDA) or "public" (marketing, general use).

    >>> report_for(audience="customers_security_review", needs_operating_effectiveness=True).answer
    'SOC 2 Type II'
    """
    require_choice("audience", audience, AUDIENCES)
    needs = _flag("needs_operating_effectiveness", needs_operating_effectiveness)
    kind = "Type II" if needs else "Type I"
    if audience == "customers_financial_reporting":
        return Decision(
            answer=f"SOC 1 {kind}",
            reason=("The readers are customers' financial statement auditors, so the report must "
                    "address controls relevant to internal control over financial reporting: a SOC 1 "
                    "under AT-C section 320. " + _type_reason(needs)),
            citation=f"{SOM}, appendix on the SOC suite (SOC 1, AT-C section 320)")
    if audience == "customers_security_review":
        return Decision(
            answer=f"SOC 2 {kind}",
            reason=("Customers reviewing security under NDA need a SOC 2 on the trust services "
                    "criteria, with the system description and, for Type II, the tests and results. "
                    + _type_reason(needs)),
            citation=f"{SOM}, chapter 1 (Type 1 and Type 2)")
    reason = ("A public or marketing audience needs a general-use report: a SOC 3 gives the opinion "
              "and management's assertion without the restricted detail of a SOC 2.")
    if not needs:
        reason += (" There is no Type I SOC 3: it always reports on a period, so the work behind "
                   "it is a period examination even if design alone was asked for.")
    return Decision(answer="SOC 3", reason=reason, citation=f"{SOM}, \"SOC 3 Examination\"")


def _type_reason(needs_operating_effectiveness: bool) -> str:
    if needs_operating_effectiveness:
        return ("They need evidence that controls worked throughout a period, which only a Type II "
                "gives.")
    return ("Design as of one date is enough for now, so a Type I fits. It is often the first report; "
            "the Type II observation window usually starts on or just after its as-of date.")


def bridge_letter_needed(report_period_end: dt.date | str, on: dt.date | str) -> Decision:
    """Whether a customer asking on ``on`` needs a bridge letter beyond the latest report.

    True when ``on`` is after the end of the period the report covers; the reason gives the gap
    in days and warns when it is longer than a bridge letter usually stretches.

    >>> bridge_letter_needed("2025-12-31", "2026-02-15").answer
    True
    """
    end = require_date("report_period_end", report_period_end)
    day = require_date("on", on)
    usual_months = int(_fact_value("soc2-bridge-letter"))
    citation = ("Bridge letters: practitioner guidance (kfinancial.com; thoropass.com), see fact "
                "soc2-bridge-letter; issued by service organisation management, not the auditor")
    if day <= end:
        return Decision(answer=False,
                        reason=(f"{day.isoformat()} falls within the period covered (ending "
                                f"{end.isoformat()}), so the report itself covers it; no bridge "
                                "letter is needed."),
                        citation=citation)
    gap = (day - end).days
    reason = (f"The report period ended {end.isoformat()}; {day.isoformat()} is {gap} "
              f"day{'s' if gap != 1 else ''} later, so management's bridge letter should cover that "
              "gap (it is not an attestation).")
    if day > add_months(end, usual_months):
        reason += (f" The gap is longer than the roughly {usual_months} months a bridge letter "
                   "usually covers: expect the customer to ask for the next report.")
    return Decision(answer=True, reason=reason, citation=citation)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, or that month's last day if shorter.

    >>> add_months(dt.date(2025, 11, 30), 3)
    datetime.date(2026, 2, 28)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return min(dt.date(year, month, 1) + dt.timedelta(days=day.day - 1),
               following - dt.timedelta(days=1))


def subservice_method(*, subservice_cooperates: bool, users_need_single_report: bool) -> Decision:
    """Carve-out or inclusive treatment of a subservice organisation (say, your cloud host).

    Inclusive needs the subservice organisation's cooperation (its management's written
    assertion and the auditor's access to test its controls) and a reason to put both in one
    report; otherwise the service organisation carves it out and names the CSOCs.
    """
    cooperates = _flag("subservice_cooperates", subservice_cooperates)
    single = _flag("users_need_single_report", users_need_single_report)
    citation = (f"{SOM} (Oct. 2022), \"Determining Whether to Use the Inclusive or Carve-Out "
                "Method\", footnote 25 and \"Identifying CSOCs\"; see facts soc2-inclusive-needs-cooperation "
                "and soc2-carve-out")
    if cooperates and single:
        return Decision(answer="inclusive",
                        reason=("The subservice organisation will give a written assertion and let "
                                "the auditor test its controls, and readers want one report: the "
                                "description can include its services and controls."),
                        citation=citation)
    why = ("it will not provide an assertion or open its controls to your auditor"
           if not cooperates else "readers do not need both in one report")
    return Decision(answer="carve-out",
                    reason=(f"Use the carve-out method because {why}. The description leaves its "
                            "controls out but lists the complementary subservice organisation "
                            "controls (CSOCs) you rely on; readers check those in the subservice "
                            "organisation's own SOC report."),
                    citation=citation)


def opinion_for(*, exceptions_found: bool, criteria_still_met: bool, evidence_sufficient: bool,
                pervasive: bool) -> Decision:
    """The opinion an exception (or a lack of evidence) leads to, in the AT-C 205 pattern.

    - not enough evidence (a scope limitation): qualified, or a disclaimer when pervasive;
    - a criterion not met (a material problem in the description, the design or the operation of
      controls): qualified, or adverse when pervasive. This holds with or without test exceptions:
      a design gap such as a missing control leaves nothing to sample, yet the criterion is not met;
    - otherwise unqualified, with any exceptions listed in the tests section.
    """
    exceptions = _flag("exceptions_found", exceptions_found)
    met = _flag("criteria_still_met", criteria_still_met)
    enough = _flag("evidence_sufficient", evidence_sufficient)
    wide = _flag("pervasive", pervasive)
    citation = ("AICPA AT-C section 205 (modified opinions) and AICPA SOC 2 Guide (2022 edition), "
                "see fact soc2-opinions")
    if not enough:
        if wide:
            return Decision(answer="disclaimer",
                            reason=("The auditor could not obtain enough evidence, and the gap is "
                                    "pervasive, so no opinion can be expressed at all."),
                            citation=citation)
        return Decision(answer="qualified",
                        reason=("Evidence is missing for part of the scope only: the opinion is "
                                "qualified for that part (a scope limitation that is not pervasive)."),
                        citation=citation)
    if not met:
        cause = ("The exceptions mean" if exceptions else
                 "No test exceptions were found, but a gap in the description or the design of controls means")
        if wide:
            return Decision(answer="adverse",
                            reason=(f"{cause} criteria were not met, and the failure is "
                                    "pervasive across the system: the opinion is adverse."),
                            citation=citation)
        return Decision(answer="qualified",
                        reason=(f"{cause} at least one criterion was not met, but the "
                                "problem is confined: the opinion is qualified for those criteria."),
                        citation=citation)
    if exceptions:
        return Decision(answer="unqualified",
                        reason=("Exceptions were found, but the criteria were still met (for example "
                                "other controls covered the same risk), so the opinion stays "
                                "unqualified; the exceptions are listed with the test results for "
                                "readers to weigh."),
                        citation=citation)
    return Decision(answer="unqualified",
                    reason="No exceptions and enough evidence: a clean, unqualified opinion.",
                    citation=citation)
