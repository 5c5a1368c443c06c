"""Generate notebooks/02_hipaa.ipynb (run: .venv/bin/python scripts/build_02_hipaa.py).

Markdown stays qualitative: every figure the learner sees comes from a cell that reads course_data.

The module follows the course's section pattern (issue 20): short numbered sections, each ending with
a few check-yourself questions; then the quiz, more practice, key points, sources, and collapsed
reference and facilitator parts. Every practice question of the module is used exactly once.
"""
from pathlib import Path

from nbbuild import build

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE.parent / "notebooks" / "02_hipaa.ipynb"
M = "hipaa"


def _next_module() -> str:
    """The title and notebook of the module after this one, read from course_data/modules.yaml."""
    import sys

    sys.path.insert(0, str(HERE.parent))
    from compliance_course.data import load_course

    nxt = load_course().modules["nist171"]
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
    ("md", """
# HIPAA: business associates, the Security Rule, breaches and penalties

HIPAA is the federal law that protects health information held by health plans, health care providers
and the companies that work for them. If your company stores, processes or sees patient data for a
health care customer, HIPAA reaches you through a **business associate agreement** (BAA).

**How to use this notebook:** use *Run → Run All Cells*, or click a cell and press **Shift + Enter**.
You never need to change the code.
"""),
    ("hidden", """
from datetime import date
from compliance_course.lesson import objectives, key_points, misconceptions, sources, show_fact, fact_table
from compliance_course.quiz import practice_quiz, scenario_cards
from compliance_course.decisions.hipaa import penalty_range, penalty_table, security_rule_for
from compliance_course.charts.hipaa import security_rule_chart, penalty_history, breach_timeline
from compliance_course.tools.hipaa import baa_checker, breach_clock, penalty_explorer, security_rule_explorer
from compliance_course.workshop import workshop_poll
"""),
    ("hidden", f'objectives("{M}")'),

    # --- 1 -------------------------------------------------------------------------------------
    ("md", """
## 1. Why it matters, and who is who

Health care customers will not share patient data with a vendor until a BAA is signed, and the BAA
makes the vendor answer directly to the federal regulator (HHS's Office for Civil Rights). A breach
brings deadlines measured in days, notices to patients, a report to HHS and sometimes the press; a
violation can bring civil penalties per violation, capped per year, and in serious cases criminal
charges. Much of the work is paperwork done right: knowing which vendors need a BAA, doing a risk
analysis, training staff and keeping the records.

Rules and amounts change, so this module states the date its facts were last reviewed:
"""),
    ("hidden", 'show_fact("hipaa-as-of")'),
    ("md", """
The people and data HIPAA speaks of:

- A **covered entity** is a health plan, a health care clearinghouse, or a provider that bills
  electronically.
- A **business associate** does work *on behalf of* a covered entity that involves protected health
  information (PHI): hosting, billing, IT support, legal or consulting work.
- A **subcontractor** does such work for a business associate; it is a business associate too.
- **PHI** is identifiable health information in any form; **ePHI** is the electronic part, which the
  Security Rule protects.
"""),
    ("hidden", f'fact_table("{M}", tag="roles")'),
    ("md", """
**Decide each case**, press **Check**, and compare your reasoning with the decision engine's reason and
source: is this vendor a business associate?
"""),
    scenarios("hipaa-scn-cloud-host", "hipaa-scn-shredding", "hipaa-scn-it-contractor", "hipaa-scn-billing",
              "hipaa-scn-law-firm"),
    *check("hipaa-roles-01", "hipaa-baa-01"),

    # --- 2 -------------------------------------------------------------------------------------
    ("md", """
## 2. Does this vendor need a BAA? The exceptions

Three questions decide it: **on whose behalf** does the vendor act, **what data** does it get, and
**what role** does it play? A BAA is needed when a vendor handles PHI while performing a service for a
covered entity (or, as a subcontractor, for a business associate). Encryption does not change that.
The exceptions are narrow: pure transport (conduits), providers treating the patient, the workforce,
incidental contact, apps the patient chose, and de-identified data. A limited data set needs a
different paper, a data use agreement.
"""),
    ("md", "Encryption first: HHS's cloud guidance settles it."),
    ("hidden", 'show_fact("hipaa-cloud-encrypted")'),
    ("md", "The exceptions, each with its source:"),
    ("hidden", f'fact_table("{M}", tag="exception")'),
    ("md", "**Decide each case**: which of these need no BAA, and why?"),
    scenarios("hipaa-scn-email-provider", "hipaa-scn-courier", "hipaa-scn-cleaning", "hipaa-scn-fitness-app",
              "hipaa-scn-referral", "hipaa-scn-temp-receptionist"),
    *check("hipaa-baa-02", "hipaa-baa-04"),

    # --- 3 -------------------------------------------------------------------------------------
    ("md", """
## 3. De-identified data and limited data sets

De-identification takes data out of HIPAA altogether, by one of two methods: **Safe Harbor** (remove
18 kinds of identifiers) or **Expert Determination** (a qualified expert documents a very small risk).
A limited data set is still PHI: it goes out under a data use agreement, not a BAA. Both facts are in
the table of the previous section.
"""),
    scenarios("hipaa-scn-analytics-deidentified", "hipaa-scn-research-lds"),
    *check("hipaa-deid-01", "hipaa-deid-02"),

    # --- 4 -------------------------------------------------------------------------------------
    ("md", """
## 4. The agreement itself, down the chain

Try the tool: choose the three answers for a vendor you know and read the reason and the source.
"""),
    ("hidden", "baa_checker()"),
    ("md", "A BAA is not a formality; the regulation lists what it must say:"),
    ("hidden", 'show_fact("hipaa-baa-contents")'),
    ("md", """
The agreement follows the data: a business associate that hands PHI to a subcontractor signs its own
agreement with it.
"""),
    ("hidden", 'show_fact("hipaa-subcontractor-baa")'),
    scenarios("hipaa-scn-subcontractor"),
    *check("hipaa-baa-06", "hipaa-roles-02"),

    # --- 5 -------------------------------------------------------------------------------------
    ("md", """
## 5. The Security Rule

The Security Rule asks every covered entity and business associate to protect ePHI with
**administrative**, **physical** and **technical** safeguards. Each safeguard is a *standard*; most
standards have *implementation specifications*, marked **required** or **addressable**. Everything
starts from a **risk analysis**: you cannot choose reasonable safeguards without knowing your risks.

The chart counts the specifications in each section of the rule, from the course's copy of the
regulation text.
"""),
    ("hidden", "security_rule_chart()"),
    ("hidden", 'show_fact("hipaa-addressable")'),
    ("md", """
Explore the whole table: pick a section, show only required or addressable rows, or search for a word
such as *encryption* or *password*.
"""),
    ("hidden", "security_rule_explorer()"),
    ("md", """
### Training is a Security Rule requirement

The rule requires a security awareness and training program for the whole workforce. This course can
be that training, and its completion records are the evidence; keep them with your other Security
Rule documentation.
"""),
    ("hidden", 'show_fact("hipaa-training")'),
    ("hidden", 'show_fact("hipaa-documentation-retention")'),
    ("md", """
### The proposed Security Rule of January 2025

HHS proposed the largest change to the rule since it was written. Read what it would change, then
where it stands: a proposal binds nobody until a final rule is published and takes effect.
"""),
    ("hidden", 'show_fact("hipaa-security-nprm")'),
    ("hidden", 'show_fact("hipaa-security-nprm-status")'),
    ("md", """
Which rule binds an organisation on a given day is a question of dates, so the course answers it
with an engine that reads them from the facts above. Run the cell for today, or put any date in
`date(...)`.
"""),
    ("code", "security_rule_for(date.today())"),
    *check("hipaa-sec-01", "hipaa-sec-02", "hipaa-sec-05"),

    # --- 6 -------------------------------------------------------------------------------------
    ("md", """
## 6. Breach notification

When unsecured PHI is used or disclosed in a way the rules do not allow, it is presumed to be a breach
unless a documented risk assessment shows a low probability of compromise. The clock starts on the day
the breach is **discovered**. Every notice is due *without unreasonable delay*; the dates below are the
outer limits. Note the two different thresholds for HHS and for the media.
"""),
    ("hidden", f'fact_table("{M}", tag="breach")'),
    ("md", """
The breach clock: set the discovery date, the number of people affected (all in one state) and who
discovered it, then press **Start the clock**.
"""),
    ("hidden", "breach_clock(discovered=date(2026, 2, 1), affected=750)"),
    ("md", """
Compare a small breach found by a business associate: only its notice to the covered entity is its
own; the covered entity then owes the rest. But if the business associate acts as the covered
entity's *agent*, its discovery counts as the covered entity's, and the covered entity's own clock
starts that same day:
"""),
    ("hidden", 'show_fact("hipaa-breach-discovery")'),
    ("hidden", 'breach_timeline(date(2026, 2, 1), 40, discovered_by="business_associate")'),
    *check("hipaa-breach-01", "hipaa-breach-03", "hipaa-breach-04"),

    # --- 7 -------------------------------------------------------------------------------------
    ("md", """
## 7. Penalty tiers

Civil penalties depend on **culpability**, in four tiers. Each tier has a minimum and maximum per
violation and a cap per calendar year for identical violations.
"""),
    ("hidden", 'show_fact("hipaa-penalty-tiers")'),
    ("md", "Two rules can bring the figure down, or to nothing at all:"),
    ("hidden", 'show_fact("hipaa-penalty-corrected-30-days")'),
    ("hidden", 'show_fact("hipaa-recognized-security-practices")'),
    ("md", "**Decide each case**: which tier fits?"),
    scenarios("hipaa-scn-tier-unpatched", "hipaa-scn-tier-misdirected-fax"),
    *check("hipaa-pen-01", "hipaa-pen-05"),

    # --- 8 -------------------------------------------------------------------------------------
    ("md", """
## 8. Penalty amounts: which figures apply

There are two sets of figures to keep apart:

- the **statutory** amounts written in the law (and the lower yearly caps HHS applies since 2019 as
  enforcement discretion), and
- the **inflation-adjusted** amounts HHS publishes in 45 CFR 102.3, which change with each yearly
  adjustment and apply from that adjustment's effective date.

Which schedule applies depends on the day HHS assesses the penalty. The engine picks the adjustment
in force on a date and shows, beside it, the lower cap HHS applies under its 2019 notice. Run it for
today, or for the date of a case you are reading about (every schedule is in the *Reference* part):
"""),
    ("code", "penalty_range(2, date.today())"),
    ("md", """
A widely copied glossary says fines run from 100 to 50,000 US dollars per violation, up to 1.9 million
US dollars a year.
Which of those figures is statutory, and which is one year's adjusted amount?
"""),
    ("hidden", 'show_fact("hipaa-penalty-seed-claim")'),
    ("md", "Explore the tiers yourself: pick a level of culpability and a schedule."),
    ("hidden", "penalty_explorer()"),
    *check("hipaa-pen-02", "hipaa-pen-04"),

    # --- quiz and the rest ---------------------------------------------------------------------
    ("md", """
## Quiz

Eight questions across the module. Answer, press **Check**, read the feedback. Your score is saved on
this computer when every question has been checked, and counts as your result for this module.
"""),
    ("hidden", f'practice_quiz("{M}", ids=["hipaa-baa-03", "hipaa-baa-05", "hipaa-baa-07", "hipaa-sec-03", '
               '"hipaa-sec-06", "hipaa-breach-02", "hipaa-breach-05", "hipaa-pen-03"])'),
    ("collapsed", """
## More practice

One more question, on where the safeguards sit in the rule. It does not count towards your score.
"""),
    ("hidden", f'practice_quiz("{M}", ids=["hipaa-sec-04"], record_progress=False)'),

    ("md", "## Key points"),
    ("hidden", f'key_points("{M}")'),
    ("md", "### Common claims, and what the sources say"),
    ("hidden", f'misconceptions("{M}")'),
    ("md", "## Sources"),
    ("hidden", f'sources("{M}")'),

    # --- collapsed parts -----------------------------------------------------------------------
    # A collapsed heading folds the cells after it, not its own text: keep the heading cell short.
    ("collapsed", """
## Reference

Details you can look up when you need them; you need not memorise them.
"""),
    ("md", """
### Every penalty schedule

The statutory amounts first, then each inflation adjustment from its effective date.
"""),
    ("hidden", "penalty_table()"),
    ("md", "### How the yearly cap grew with inflation"),
    ("hidden", 'penalty_history("calendar-year cap")'),

    ("collapsed", """
## For facilitators

Notes and the team poll, for running this module with a team.
"""),
    ("md", """
The scenario cards in each section make good pair discussions: let pairs decide a card before anyone
presses **Check**.

**The team poll.** When a facilitator runs this module with a team, answer the room's poll here: the
facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion.
"""),
    ("hidden", f'workshop_poll("{M}")'),

    # A heading of its own: without it this line would fold away with "For facilitators" above.
    ("md", f"## Where to go from here\n\n**Next:** {_next_module()} · [Back to start](00_start_here.ipynb)"),
]

if __name__ == "__main__":
    print(f"wrote {build(NOTEBOOK, CELLS)}")
