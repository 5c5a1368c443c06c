"""Generate notebooks/02_hipaa.ipynb (run: python scripts/build_02_hipaa.py).

Markdown stays qualitative: every figure the learner sees comes from a cell that reads course_data.
"""
from pathlib import Path

from nbbuild import build

HERE = Path(__file__).resolve().parent
M = "hipaa"
CELLS = [
    ("md", """
# HIPAA: business associates, the Security Rule, breaches and penalties

HIPAA is the federal law that protects health information held by health plans, health care providers
and the companies that work for them. If your company stores, processes or sees patient data for a
health care customer, HIPAA reaches you through a **business associate agreement** (BAA).

**How to use this notebook:** click a grey code cell and press **Shift + Enter**, or use *Run → Run All
Cells*. You never need to change the code.
"""),
    ("code", """
from datetime import date
from compliance_course.lesson import objectives, key_points, misconceptions, sources, show_fact, fact_table
from compliance_course.quiz import practice_quiz, scenario_cards
"""),
    ("code", """
from compliance_course.decisions.hipaa import penalty_range, penalty_table, security_rule_for
from compliance_course.charts.hipaa import security_rule_chart, penalty_history, breach_timeline
from compliance_course.tools.hipaa import baa_checker, breach_clock, penalty_explorer, security_rule_explorer
"""),
    ("code", f'objectives("{M}")'),
    ("md", """
## Why it matters

Health care customers will not share patient data with a vendor until a BAA is signed, and the BAA
makes the vendor answer directly to the federal regulator (HHS's Office for Civil Rights). A breach
brings deadlines measured in days, notices to patients, a report to HHS and sometimes the press; a
violation can bring civil penalties per violation, capped per year, and in serious cases criminal
charges. Much of the work is paperwork done right: knowing which vendors need a BAA, doing a risk
analysis, training staff and keeping the records.

Rules and amounts change, so this module states the date its facts were last reviewed:
"""),
    ("code", 'show_fact("hipaa-as-of")'),
    ("md", """
## 1. Who is who

- A **covered entity** is a health plan, a health care clearinghouse, or a provider that bills
  electronically.
- A **business associate** does work *on behalf of* a covered entity that involves protected health
  information (PHI): hosting, billing, IT support, legal or consulting work.
- A **subcontractor** does such work for a business associate; it is a business associate too.
- **PHI** is identifiable health information in any form; **ePHI** is the electronic part, which the
  Security Rule protects.
"""),
    ("code", f'fact_table("{M}", tag="roles")'),
    ("md", """
## 2. Does this vendor need a BAA?

Three questions decide it: **on whose behalf** does the vendor act, **what data** does it get, and
**what role** does it play? A BAA is needed when a vendor handles PHI while performing a service for a
covered entity (or, as a subcontractor, for a business associate). Encryption does not change that.
The exceptions are narrow: pure transport (conduits), providers treating the patient, the workforce,
incidental contact, apps the patient chose, and de-identified data. A limited data set needs a
different paper, a data use agreement.

De-identification takes data out of HIPAA altogether, by one of two methods: **Safe Harbor** (remove
18 kinds of identifiers) or **Expert Determination** (a qualified expert documents a very small risk).
"""),
    ("code", f'fact_table("{M}", tag="exception")'),
    ("md", "Try the tool: choose the three answers for a vendor you know and read the reason and the source."),
    ("code", "baa_checker()"),
    ("md", "A BAA is not a formality; the regulation lists what it must say:"),
    ("code", 'show_fact("hipaa-baa-contents")'),
    ("md", """
## 3. The Security Rule

The Security Rule asks every covered entity and business associate to protect ePHI with
**administrative**, **physical** and **technical** safeguards. Each safeguard is a *standard*; most
standards have *implementation specifications*, marked **required** or **addressable**. Everything
starts from a **risk analysis**: you cannot choose reasonable safeguards without knowing your risks.

The chart counts the specifications in each section of the rule, from the course's copy of the
regulation text.
"""),
    ("code", "security_rule_chart()"),
    ("code", 'show_fact("hipaa-addressable")'),
    ("md", """
Explore the whole table: pick a section, show only required or addressable rows, or search for a word
such as *encryption* or *password*.
"""),
    ("code", "security_rule_explorer()"),
    ("md", """
### Training is a Security Rule requirement

The rule requires a security awareness and training program for the whole workforce. This course can
be that training, and its completion records are the evidence; keep them with your other Security
Rule documentation.
"""),
    ("code", 'show_fact("hipaa-training")'),
    ("code", 'show_fact("hipaa-documentation-retention")'),
    ("md", """
### The proposed Security Rule of January 2025

HHS proposed the largest change to the rule since it was written. Read what it would change, then
where it stands: a proposal binds nobody until a final rule is published and takes effect.
"""),
    ("code", 'show_fact("hipaa-security-nprm")'),
    ("code", 'show_fact("hipaa-security-nprm-status")'),
    ("md", """
Which rule binds an organisation on a given day is a question of dates, so the course answers it
with an engine that reads them from the facts above. Run the cell for today, or put any date in
`date(...)`.
"""),
    ("code", "security_rule_for(date.today())"),
    ("md", """
## 4. Breach notification

When unsecured PHI is used or disclosed in a way the rules do not allow, it is presumed to be a breach
unless a documented risk assessment shows a low probability of compromise. The clock starts on the day
the breach is **discovered**. Every notice is due *without unreasonable delay*; the dates below are the
outer limits. Note the two different thresholds for HHS and for the media.
"""),
    ("code", f'fact_table("{M}", tag="breach")'),
    ("md", """
The breach clock: set the discovery date, the number of people affected (all in one state) and who
discovered it, then press **Start the clock**.
"""),
    ("code", "breach_clock(discovered=date(2026, 2, 1), affected=750)"),
    ("md", """
Compare a small breach found by a business associate: only its notice to the covered entity is its
own; the covered entity then owes the rest. But if the business associate acts as the covered
entity's *agent*, its discovery counts as the covered entity's, and the covered entity's own clock
starts that same day:
"""),
    ("code", 'show_fact("hipaa-breach-discovery")'),
    ("code", 'breach_timeline(date(2026, 2, 1), 40, discovered_by="business_associate")'),
    ("md", """
## 5. Penalties

Civil penalties depend on **culpability**, in four tiers. Each tier has a minimum and maximum per
violation and a cap per calendar year for identical violations. There are two sets of figures to keep
apart:

- the **statutory** amounts written in the law (and the lower yearly caps HHS applies since 2019 as
  enforcement discretion), and
- the **inflation-adjusted** amounts HHS publishes in 45 CFR 102.3, which change with each yearly
  adjustment and apply from that adjustment's effective date.
"""),
    ("code", 'show_fact("hipaa-penalty-tiers")'),
    ("code", "penalty_table()"),
    ("md", """
Which schedule applies depends on the day HHS assesses the penalty. The engine picks the adjustment
in force on a date and shows, beside it, the lower cap HHS applies under its 2019 notice. Run it for
today, or for the date of a case you are reading about:
"""),
    ("code", "penalty_range(2, date.today())"),
    ("md", """
Two rules can bring the figure down, or to nothing at all:
"""),
    ("code", 'show_fact("hipaa-penalty-corrected-30-days")'),
    ("code", 'show_fact("hipaa-recognized-security-practices")'),
    ("code", 'penalty_history("calendar-year cap")'),
    ("md", """
A widely copied glossary says fines run from 100 to 50,000 US dollars per violation, up to 1.9 million
US dollars a year.
Which of those figures is statutory, and which is one year's adjusted amount?
"""),
    ("code", 'show_fact("hipaa-penalty-seed-claim")'),
    ("md", "Explore the tiers yourself: pick a level of culpability and a schedule."),
    ("code", "penalty_explorer()"),
    ("md", """
## 6. Scenarios

Decide each case, press **Check**, and compare your reasoning with the decision engine's reason and
source. Facilitators: these make good pair discussions.
"""),
    ("code", f'scenario_cards("{M}")'),
    ("md", """
## 7. Practice

Answer, press **Check**, read the feedback. Your score is saved on this computer when every question
has been checked.
"""),
    ("code", f'practice_quiz("{M}")'),
    ("md", "## In a workshop: the team poll\n\nWhen a facilitator runs this module with a team, answer the room's poll here: the facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion."),
    ("code", 'from compliance_course.workshop import workshop_poll\nworkshop_poll("hipaa")'),
    ("md", "## Key points"),
    ("code", f'key_points("{M}")'),
    ("md", "## Common claims, and what the sources say"),
    ("code", f'misconceptions("{M}")'),
    ("md", "## Sources"),
    ("code", f'sources("{M}")'),
]

if __name__ == "__main__":
    build(HERE.parent / "notebooks" / "02_hipaa.ipynb", CELLS)
