"""Generate notebooks/01_soc2.ipynb (run: .venv/bin/python scripts/build_soc2.py).

The notebook is generated, never hand-edited: change the cells here and rebuild. Outputs are not
stored. Markdown stays qualitative; every figure a learner sees comes from course_data through a
code cell.

The module follows the course's section pattern (issue 20): short numbered sections, each ending with
a few check-yourself questions; then the quiz, more practice, key points, sources, and collapsed
reference and facilitator parts. Every practice question of the module is used exactly once.
"""
from pathlib import Path

from nbbuild import build

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_soc2.ipynb"
M = "soc2"


def _next_module() -> str:
    """The title and notebook of the module after this one, read from course_data/modules.yaml."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from compliance_course.data import load_course

    nxt = load_course().modules["hipaa"]
    return f"[{nxt.title}]({nxt.notebook})"


def check(*ids: str) -> list[tuple[str, str]]:
    """The end of a section: a Check yourself line and one practice set that does not record progress."""
    listed = ", ".join(f'"{i}"' for i in ids)
    return [("md", "**Check yourself** before you go on (these do not count towards your score)."),
            ("hidden", f'practice_quiz("{M}", ids=[{listed}], record_progress=False)')]


def scenarios(*ids: str) -> tuple[str, str]:
    listed = ", ".join(f'"{i}"' for i in ids)
    return ("hidden", f'scenario_cards("{M}", ids=[{listed}])')


CELLS = [
    ("md", """# SOC 2: trust services, Type I and Type II

A SOC 2 is the report enterprise customers ask a software or service vendor for before they trust it
with their data. In this module you learn what the report is, what it covers, how to scope one, how to
read one, and how long the road to a first one usually takes.

Run each cell in turn with **Shift + Enter**, or use *Run → Run All Cells*. Nothing here changes
anything outside this notebook."""),
    ("hidden", """from compliance_course.lesson import objectives, key_points, misconceptions, sources, show_fact, fact_table
from compliance_course.quiz import scenario_cards, practice_quiz
from compliance_course.charts import soc2 as charts
from compliance_course.decisions import soc2
from compliance_course.tools.soc2 import report_picker, scoping_tool
from compliance_course.workshop import workshop_poll"""),
    ("hidden", f'objectives("{M}")'),

    # --- 1 -------------------------------------------------------------------------------------
    ("md", """## 1. What a SOC 2 is, and how it differs from SOC 1 and SOC 3

Selling software to larger companies usually means passing their vendor security review, and the first
document the reviewer asks for is a SOC 2 report. A widely copied glossary calls it "a de facto
procurement requirement for B2B SaaS vendors". Without one, deals stall in long security
questionnaires; with one, the reviewer reads an independent opinion instead.

A SOC 2 is an **examination**: an independent CPA firm checks management's description of its system
and its controls against the AICPA's trust services criteria, and gives an opinion. The AICPA writes
the standards and the criteria; it neither audits companies nor issues certificates. The same glossary
calls SOC 2 "an auditing standard", and many people speak of being "SOC 2 certified". Both are loose:
read what the sources say."""),
    ("hidden", 'show_fact("soc2-not-a-certification")'),
    ("hidden", 'show_fact("soc2-cpa-firm")'),
    ("md", """The three SOC reports answer different readers:

- **SOC 1**: for customers' *financial statement auditors*, about controls that affect financial reporting.
- **SOC 2**: for customers' *security and risk reviewers*, shared under NDA, with full detail.
- **SOC 3**: for *anyone*: a short general-use report you may publish.

The table gives each with its source; the *checked* column tells you whether a fact was checked against
the primary source, a secondary one, or not yet."""),
    ("hidden", f'fact_table("{M}", tag="reports")'),
    ("md", """**Try it.** Choose who will read the report and whether they need proof over time (the next
section explains Type I and Type II). The answer, its reason and its source come from the course's
decision engine."""),
    ("hidden", "report_picker()"),
    *check("soc2-basics-01", "soc2-reports-01"),

    # --- 2 -------------------------------------------------------------------------------------
    ("md", """## 2. Type I and Type II

A **Type I** says the controls were suitably designed *on one date*. A **Type II** says they were
designed *and operated effectively throughout a period*, and shows the auditor's tests and results.

A widely copied glossary says a Type II covers "6-12 months of operating effectiveness". That is what
most reports cover, but it is a market convention, not an AICPA rule. The next three facts say
precisely what is known, and how sure we are of each."""),
    ("hidden", 'show_fact("soc2-period-typical")'),
    ("hidden", 'show_fact("soc2-period-no-minimum")'),
    ("hidden", 'show_fact("soc2-period-first-short")'),
    ("md", """**Decide each case**, then press **Check**: which report fits the reader? The feedback is the
decision engine's answer and reason, with its source."""),
    scenarios("soc2-scn-payroll-icfr", "soc2-scn-first-deal", "soc2-scn-procurement-type2",
              "soc2-scn-website-badge"),
    *check("soc2-types-01", "soc2-types-02"),

    # --- 3 -------------------------------------------------------------------------------------
    ("md", """## 3. The trust services categories and their criteria

There are five categories. **Security** is the *common criteria*, series CC1 to CC9, and is in every
SOC 2. **Availability**, **processing integrity**, **confidentiality** and **privacy** each add their
own series on top, when you choose them."""),
    ("hidden", 'show_fact("soc2-five-categories")'),
    ("md", """The chart counts the criteria per category; each coloured segment is one series. Hover over a segment
to see its name and identifiers. (The *Reference* part at the end of the module describes every series.)"""),
    ("hidden", "charts.criteria_chart()"),
    ("md", """A category belongs in scope when your service makes the kind of commitment its criteria test:
uptime promises for availability, designated confidential data for confidentiality, processing customers
rely on for processing integrity, and privacy commitments about personal information for privacy.

**Decide each case**: which categories should these services add to security?"""),
    scenarios("soc2-scn-analytics-saas", "soc2-scn-claims-processor", "soc2-scn-retro-tool"),
    *check("soc2-criteria-01", "soc2-criteria-04"),

    # --- 4 -------------------------------------------------------------------------------------
    ("md", """## 4. Scoping your own report

Now take a product you know. **Exercise.** Tick the statements that are true of it. Read the reason
given for each category, and the number of criteria you would have to address. Then untick one and see
what changes."""),
    ("hidden", "scoping_tool()"),
    *check("soc2-criteria-03", "soc2-scope-01"),

    # --- 5 -------------------------------------------------------------------------------------
    ("md", """## 5. Reading a SOC 2 report

Every SOC 2 report follows the same outline. The annotated outline below says what each section holds
and what a careful reader looks for. Read the opinion first, then the description, then the exceptions."""),
    ("hidden", "charts.report_outline()"),
    ("md", """### Responsibilities that sit outside the report

Two kinds of control are *not* tested in a vendor's report but matter to whoever relies on it:
**CUECs**, which you as the customer must perform, and the controls of **subservice organisations**
(such as the vendor's cloud host), which are either carved out or included."""),
    ("hidden", 'show_fact("soc2-cuec")'),
    ("hidden", 'show_fact("soc2-carve-out")'),
    ("hidden", 'show_fact("soc2-inclusive")'),
    ("hidden", 'show_fact("soc2-inclusive-needs-cooperation")'),
    ("md", "**Decide each case**: how does the report treat the vendor's host?"),
    scenarios("soc2-scn-cloud-carve-out", "soc2-scn-affiliate-datacentre"),
    *check("soc2-report-01", "soc2-report-02"),

    # --- 6 -------------------------------------------------------------------------------------
    ("md", """## 6. Opinions and exceptions

An exception is a deviation the auditor found while testing a sample. It is reported, but it does not
by itself change the opinion. An opinion is modified for one of two causes, a material problem or
missing evidence, and how far the cause spreads decides between the modified opinions:"""),
    ("hidden", 'show_fact("soc2-opinions")'),
    ("md", "**Decide each case**: what happens to the opinion?"),
    scenarios("soc2-scn-late-deprovisioning", "soc2-scn-no-change-approvals", "soc2-scn-lost-evidence"),
    *check("soc2-report-04", "soc2-report-05"),

    # --- 7 -------------------------------------------------------------------------------------
    ("md", """## 7. The road to a first SOC 2, and the gaps between reports

A first SOC 2 usually runs: readiness assessment, gap remediation, a Type I, an observation window, the
first Type II, and then a new Type II every year. The chart shows a fast path (the low end of each
estimate) and a slow path (the high end).

**Every duration and fee here is a market estimate** from vendor or practitioner pages, not an AICPA
figure; hover over a bar for its source (the *Reference* part lists every phase with its sources). Real
projects vary with scope, size and how mature the controls already are."""),
    ("hidden", "charts.timeline_chart()"),
    ("md", """Notice that the observation window opens at the Type I's as-of date, while the Type I report is
still being written, and that the renewal period starts the day after the window ends, while the first
Type II is being written: that is how vendors keep their reports free of gaps.

### Bridge letters

Customers often review a report months after its period ended. The gap is covered by a **bridge
letter** from the vendor's management. The engine below says whether a letter is needed on a given date
and how long the gap is; change the dates and run the cell again."""),
    ("hidden", 'show_fact("soc2-bridge-letter")'),
    ("code", 'soc2.bridge_letter_needed("2025-12-31", "2026-03-10")'),
    ("md", "**Decide each case**: is a bridge letter the answer?"),
    scenarios("soc2-scn-bridge-q1", "soc2-scn-bridge-within", "soc2-scn-bridge-stale"),
    *check("soc2-plan-01", "soc2-report-03"),

    # --- quiz and the rest ---------------------------------------------------------------------
    ("md", """## Quiz

Eight questions across the module, with feedback on every answer. Your score is kept on this computer
only, and counts as your result for this module."""),
    ("hidden", f'practice_quiz("{M}", ids=["soc2-basics-02", "soc2-basics-03", "soc2-reports-02", '
               '"soc2-reports-03", "soc2-criteria-02", "soc2-criteria-05", "soc2-report-06", "soc2-plan-02"])'),
    ("collapsed", """## More practice

One more question, on the detail in the *Reference* part. It does not count towards your score."""),
    ("hidden", f'practice_quiz("{M}", ids=["soc2-criteria-06"], record_progress=False)'),

    ("md", "## Key points"),
    ("hidden", f'key_points("{M}")'),
    ("md", "### Common misconceptions"),
    ("hidden", f'misconceptions("{M}")'),
    ("md", "## Sources"),
    ("hidden", f'sources("{M}")'),

    # --- collapsed parts -----------------------------------------------------------------------
    # A collapsed heading folds the cells after it, not its own text: keep the heading cell short.
    ("collapsed", """## Reference

Details you can look up when you need them; you need not memorise them."""),
    ("md", "### The standards behind a SOC 2"),
    ("hidden", 'show_fact("soc2-attestation-standards")'),
    ("hidden", 'show_fact("soc2-ssae18")'),
    ("hidden", 'show_fact("soc2-review-prohibited")'),
    ("hidden", 'show_fact("soc2-tsc-version")'),
    ("md", """### Every criteria series

The table describes every series in our own words (the AICPA's wording is copyrighted; we cite
the identifiers instead). Notice how much of security is about access (CC6) and how little about change
management (CC8), and that privacy is the largest optional category."""),
    ("hidden", "charts.criteria_frame()"),
    ("md", """### The phases of a first SOC 2, with their estimates and sources"""),
    ("hidden", "charts.phase_table()"),

    ("collapsed", """## For facilitators

Instructor notes and the team poll, for running this module with a team."""),
    ("md", """> **Instructor note (section 4, scoping).** Ask two or three people to share their ticks and argue one
> borderline case (login e-mail addresses alone rarely justify the privacy category). Ten minutes.

**The team poll.** When a facilitator runs this module with a team, answer the room's poll here: the
facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion."""),
    ("hidden", f'workshop_poll("{M}")'),

    # A heading of its own: without it this line would fold away with "For facilitators" above.
    ("md", f"## Where to go from here\n\n**Next:** {_next_module()} · [Back to start](00_start_here.ipynb)"),
]


if __name__ == "__main__":
    print(f"wrote {build(NOTEBOOK, CELLS)}")
