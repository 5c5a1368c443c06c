"""Generate notebooks/01_soc2.ipynb (run: .venv/bin/python scripts/build_soc2.py).

The notebook is generated, never hand-edited: change the cells here and rebuild. Outputs are not
stored. Markdown stays qualitative; every figure a learner sees comes from course_data through a
code cell.
"""
from pathlib import Path

from nbbuild import build

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_soc2.ipynb"

CELLS = [
    ("md", """# SOC 2: trust services, Type I and Type II

A SOC 2 is the report enterprise customers ask a software or service vendor for before they trust it
with their data. In this module you learn what the report is, what it covers, how to scope one, how to
read one, and how long the road to a first one usually takes.

Run each cell in turn with **Shift + Enter**. Nothing here changes anything outside this notebook."""),
    ("code", """from compliance_course.lesson import objectives, key_points, misconceptions, sources, show_fact, fact_table
from compliance_course.quiz import question, scenario_cards, practice_quiz
from compliance_course.charts import soc2 as charts"""),
    ("code", 'objectives("soc2")'),

    ("md", """## Why it matters

Selling software to larger companies usually means passing their vendor security review, and the first
document the reviewer asks for is a SOC 2 report. A widely copied glossary calls it "a de facto
procurement requirement for B2B SaaS vendors". Without one, deals stall in long security
questionnaires; with one, the reviewer reads an independent opinion instead.

The same glossary calls SOC 2 "an auditing standard" and many people speak of being "SOC 2
certified". Both are loose: read what the source says."""),
    ("code", 'show_fact("soc2-not-a-certification")'),

    ("md", """## What a SOC 2 is, and who may issue it

A SOC 2 is an **examination**: an independent CPA firm checks management's description of its system
and its controls against the AICPA's trust services criteria, and gives an opinion. The AICPA writes
the standards and the criteria; it neither audits companies nor issues certificates.

The table shows the basics with their sources. The *checked* column tells you whether a fact was
checked against the primary source, a secondary one, or not yet."""),
    ("code", 'fact_table("soc2", tag="basics")'),

    ("md", """### SOC 1, SOC 2 or SOC 3?

The three reports answer different readers:

- **SOC 1**: for customers' *financial statement auditors*, about controls that affect financial reporting.
- **SOC 2**: for customers' *security and risk reviewers*, shared under NDA, with full detail.
- **SOC 3**: for *anyone*: a short general-use report you may publish."""),
    ("code", 'fact_table("soc2", tag="reports")'),

    ("md", """### Type I and Type II

A **Type I** says the controls were suitably designed *on one date*. A **Type II** says they were
designed *and operated effectively throughout a period*, and shows the auditor's tests and results.

That glossary says a Type II covers "6-12 months of operating effectiveness". That is what most reports
cover, but it is a market convention, not an AICPA rule. The next three facts say precisely what is
known, and how sure we are of each."""),
    ("code", 'show_fact("soc2-period-typical")'),
    ("code", 'show_fact("soc2-period-no-minimum")'),
    ("code", 'show_fact("soc2-period-first-short")'),
    ("md", """**Check yourself** before reading on."""),
    ("code", 'question("soc2-types-02")'),
    ("md", """**Try it.** Choose who will read the report and whether they need proof over time. The answer,
its reason and its source come from the course's decision engine."""),
    ("code", """from compliance_course.tools.soc2 import report_picker, scoping_tool
report_picker()"""),

    ("md", """## The trust services categories and their criteria

There are five categories. **Security** is the *common criteria*, series CC1 to CC9, and is in every
SOC 2. **Availability**, **processing integrity**, **confidentiality** and **privacy** each add their
own series on top, when you choose them.

The chart counts the criteria per category; each coloured segment is one series. Hover over a segment
to see its name and identifiers."""),
    ("code", "charts.criteria_chart()"),
    ("md", """The table describes every series in our own words (the AICPA's wording is copyrighted; we cite
the identifiers instead). Notice how much of security is about access (CC6) and how little about change
management (CC8), and that privacy is the largest optional category."""),
    ("code", "charts.criteria_frame()"),

    ("md", """## Scoping: which categories should your report cover?

A category belongs in scope when your service makes the kind of commitment its criteria test: uptime
promises for availability, designated confidential data for confidentiality, processing customers rely
on for processing integrity, and privacy commitments about personal information for privacy.

**Exercise.** Tick the statements that are true of a product you know. Read the reason given for each
category, and the number of criteria you would have to address. Then untick one and see what changes."""),
    ("code", "scoping_tool()"),
    ("md", """> **Instructor note.** Ask two or three people to share their ticks and argue one borderline
> case (login e-mail addresses alone rarely justify the privacy category). Ten minutes."""),

    ("md", """## Reading a SOC 2 report

Every SOC 2 report follows the same outline. The annotated outline below says what each section holds
and what a careful reader looks for. Read the opinion first, then the description, then the exceptions."""),
    ("code", "charts.report_outline()"),
    ("md", """### Responsibilities that sit outside the report

Two kinds of control are *not* tested in a vendor's report but matter to whoever relies on it:
**CUECs**, which you as the customer must perform, and the controls of **subservice organisations**
(such as the vendor's cloud host), which are either carved out or included."""),
    ("code", 'fact_table("soc2", tag="subservice")'),
    ("code", 'show_fact("soc2-cuec")'),
    ("md", """### Opinions and exceptions

An exception is a deviation the auditor found while testing a sample. It is reported, but it does not
by itself change the opinion. An opinion is modified for one of two causes, a material problem or
missing evidence, and how far the cause spreads decides between the modified opinions:"""),
    ("code", 'show_fact("soc2-opinions")'),
    ("md", """**Check yourself.**"""),
    ("code", 'question("soc2-report-04")'),
    ("md", """### Bridge letters

Customers often review a report months after its period ended. The gap is covered by a **bridge
letter** from the vendor's management. The engine below says whether a letter is needed on a given date
and how long the gap is; change the dates and run the cell again."""),
    ("code", 'show_fact("soc2-bridge-letter")'),
    ("code", """from compliance_course.decisions import soc2
soc2.bridge_letter_needed("2025-12-31", "2026-03-10")"""),

    ("md", """## The road to a first SOC 2

A first SOC 2 usually runs: readiness assessment, gap remediation, a Type I, an observation window, the
first Type II, and then a new Type II every year. The chart shows a fast path (the low end of each
estimate) and a slow path (the high end).

**Every duration and fee here is a market estimate** from vendor or practitioner pages, not an AICPA
figure; hover over a bar for its source. Real projects vary with scope, size and how mature the controls
already are."""),
    ("code", "charts.timeline_chart()"),
    ("code", "charts.phase_table()"),
    ("md", """Notice that the observation window opens at the Type I's as-of date, while the Type I report is
still being written, and that the renewal period starts the day after the window ends, while the first
Type II is being written: that is how vendors keep their reports free of gaps."""),

    ("md", """## Scenarios

Decide each case, then press **Check**. The feedback is the decision engine's answer and reason, with
its source."""),
    ("code", 'scenario_cards("soc2")'),

    ("md", """## Check your understanding

A practice set with feedback on every answer. Your score is kept on this computer only."""),
    ("code", 'practice_quiz("soc2")'),

    ("md", "## In a workshop: the team poll\n\nWhen a facilitator runs this module with a team, answer the room's poll here: the facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion."),
    ("code", 'from compliance_course.workshop import workshop_poll\nworkshop_poll("soc2")'),
    ("md", "## Key points"),
    ("code", 'key_points("soc2")'),
    ("md", "## Common misconceptions"),
    ("code", 'misconceptions("soc2")'),
    ("md", "## Sources"),
    ("code", 'sources("soc2")'),
]


if __name__ == "__main__":
    print(f"wrote {build(NOTEBOOK, CELLS)}")
