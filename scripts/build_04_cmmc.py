"""Generate notebooks/04_cmmc.ipynb (run: python scripts/build_04_cmmc.py).

Phase dates and the date of DoD's suspension of Phase 2 in the prose are read from course_data when
the notebook is built, so a changed fact changes the text (and the notebook test asks for a rebuild).

The module follows the course's section pattern (issue 20): short numbered sections, each ending
with 2 practice questions to check yourself; an end quiz that records progress; key points and
sources; then folded parts a learner opens on demand (Reference, For facilitators); a link onwards.
Every practice question of the module appears exactly once: 8 sections x 2 + a quiz of 8 = all 24,
so there is no "More practice" part.
"""
from pathlib import Path

from nbbuild import build, fact_day as day

HERE = Path(__file__).resolve().parent


def check(*ids: str) -> list[tuple[str, str]]:
    """A section's last two cells: the "Check yourself" line and its practice questions."""
    listed = ", ".join(f'"{i}"' for i in ids)
    return [("md", "**Check yourself.** These do not count towards your progress; each answer explains itself."),
            ("hidden", f'practice_quiz("cmmc", ids=[{listed}], record_progress=False)')]


CELLS = [
    ("md", """
# CMMC: levels, assessments and the phase-in

The Cybersecurity Maturity Model Certification (CMMC) is how the Department of Defense checks that
its contractors really protect the information it shares with them. This module shows which level a
contract calls for, who assesses it, when open items may wait on a plan, how the rollout unfolds,
and what is in the assessment scope.

*Run each grey cell with Shift + Enter. You never need to change the code.*
"""),
    ("hidden", """
from compliance_course.lesson import objectives, show_fact, fact_table, key_points, misconceptions, sources
from compliance_course.quiz import practice_quiz, scenario_cards
from compliance_course.decisions import cmmc
from compliance_course.charts import cmmc as charts
from compliance_course.tools import cmmc as tools
from compliance_course.workshop import workshop_poll
"""),
    ("hidden", 'objectives("cmmc")'),

    # 1 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 1. Why it matters: FCI and CUI

A DoD contracting officer looks the contractor up in the Supplier Performance Risk System (SPRS)
before awarding a contract, exercising an option or extending it. If the CMMC status the
solicitation names is not there, the company cannot be awarded the work, however good its
proposal. Primes pass the requirement down to their subcontractors, so small suppliers meet it too.

CMMC adds no new security requirements at Levels 1 and 2: it checks the ones contracts already
contain (the FAR basic safeguarding clause and NIST SP 800-171). What it adds is verification,
a score threshold, deadlines and a senior official's signature every year.

Two rules make it work: the program rule says what the levels and assessments are, and the
acquisition rule puts them into contracts (the *Reference* part at the end states both, with
every other fact of this module).

Everything starts with what the contract lets you see or produce.

* **Federal contract information (FCI)** is any non-public information you get or create under the
  contract, such as a delivery schedule or a statement of work. Payment details and what the
  Government publishes are not FCI.
* **Controlled unclassified information (CUI)** is narrower and more sensitive: information a law,
  regulation or Government-wide policy says must be protected, such as controlled technical
  drawings. It is usually marked.
"""),
    ("hidden", 'show_fact("cmmc-fci")'),
    ("hidden", 'show_fact("cmmc-cui")'),
    *check("cmmc-info-01", "cmmc-info-02"),

    # 2 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 2. The three levels

Each level has its own set of requirements, its own assessor and its own rhythm. The table below is
built from the course data (the *Reference* part shows the same as a chart).

Level 1's requirements are the FAR clause's. Counted as NIST SP 800-171 requirements they are more
ids (listed in the *Reference* part), which is why you will see both "15" and "17" quoted for the
same level.
"""),
    ("hidden", "charts.levels_frame()"),
    ("md", """
Whatever the level, a senior official of the company, the *Affirming Official*, confirms in SPRS
that the company still complies: after each assessment, after a plan is closed out, and every year.
"""),
    ("hidden", 'show_fact("cmmc-affirmation")'),
    ("md", """
**Scenarios.** Which level does each contract call for? Each answer comes from the same engine the
tools use, with its reason and source.
"""),
    ("hidden", 'scenario_cards("cmmc", ids=["cmmc-parts-supplier-fci", "cmmc-catalog-seller-none", '
               '"cmmc-drawings-cui", "cmmc-priority-program"])'),
    *check("cmmc-level-01", "cmmc-level-03"),

    # 3 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", f"""
## 3. The phase-in and its suspension

CMMC did not arrive in every contract at once. The program rule sets four phases, each one year
after the last, counted from the day the acquisition rule took effect: Phase 1 from {day("cmmc-phase-1")},
Phase 2 from {day("cmmc-phase-2")}, Phase 3 from {day("cmmc-phase-3")} and Phase 4, full implementation,
from {day("cmmc-phase-4")}. That is still the text of the regulation.

On {day("cmmc-phase-2-suspended")} DoD suspended Phase 2 and every later milestone until further notice,
while a task force reviews the program. Phase 1 requirements stay in force: self-assessments, results in
SPRS and yearly affirmations, with DFARS 252.204-7012 and NIST SP 800-171 untouched. The regulation was
not amended, and this course could read only secondary reports of the suspension: before relying on a
phase, check the DoD CIO CMMC page and your solicitation.

So two rules apply, each on its own dates: the regulation's schedule before {day("cmmc-phase-2-suspended")},
the suspension from then on. On the timeline the faint bars are the suspended phases as scheduled, the
hatched bar is Phase 1 going on, the dotted line is the suspension and the dashed line today.
"""),
    ("hidden", "charts.phase_timeline()"),
    ("hidden", 'show_fact("cmmc-phase-2-suspended")'),
    ("md", "The engine takes a date and says which rule it applied. A solicitation in January 2027:"),
    ("code", 'cmmc.phase_status("2027-01-15")'),
    ("md", "And one from March 2026, before the suspension:"),
    ("code", 'cmmc.phase_status("2026-03-01")'),
    ("md", """
The solicitation, not the calendar alone, says which status you need. The phases say what DoD
*intends* to require and what it *may* require at its discretion; the suspension limits both.
"""),
    ("code", 'cmmc.solicitation_can_require("Level 3 (DIBCAC)", "2026-06-01")'),
    ("code", 'cmmc.solicitation_can_require("Level 2 (C3PAO)", "2026-12-01")'),
    ("md", "**Scenarios.** What can each solicitation require on its date?"),
    ("hidden", 'scenario_cards("cmmc", ids=["cmmc-phase-january-2027", "cmmc-c3pao-in-phase-1", '
               '"cmmc-c3pao-during-suspension", "cmmc-level3-too-early"])'),
    *check("cmmc-phase-01", "cmmc-phase-suspension"),

    # 4 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", f"""
## 4. Try it: which level and what assessment?

Pick what the contract lets you handle, whether the program is one of DoD's highest priorities, and
the date of the solicitation. The tool gives the level, who assesses it and how often, and what a
solicitation on that date can require.

*Exercise:* a supplier handles CUI and bids on 1 March 2026. Can the solicitation require a C3PAO
assessment? Check your answer with the tool, then change the date to 1 December 2026, after the day
the regulation gives for the start of Phase 2.

<details><summary>Solution</summary>

On 1 March 2026, yes. Phase 1 is in force: DoD intends to ask for Level 2 (Self), but may at its
discretion ask for Level 2 (C3PAO) instead. On 1 December 2026, no. The regulation would make Level 2
(C3PAO) the intended requirement from {day("cmmc-phase-2")}, but DoD suspended Phase 2 and every later
milestone on {day("cmmc-phase-2-suspended")}: Phase 1 requirements apply and, as reported, solicitations
may name only Level 1 (Self) or Level 2 (Self). The tool says which of the two rules it applied.
</details>
"""),
    ("hidden", "tools.level_finder()"),
    *check("cmmc-phase-02", "cmmc-level-04"),

    # 5 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 5. Open items: POA&Ms and the Conditional status

A plan of action and milestones (POA&M) lists what is not yet implemented and when it will be.
CMMC allows one only in narrow cases:

* **Level 1:** never. Everything must be met.
* **Level 2:** a *Conditional* status is possible only if the score reaches the threshold, every open
  item is worth a single point (with one exception for encryption that is not FIPS-validated), and
  none of six excluded requirements is open. Open items still cost their points in the score.
* The plan must be closed out within a fixed number of days, or the Conditional status expires.
"""),
    ("hidden", 'fact_table("cmmc", tag="poam")'),
    ("md", "Here is the engine on one example: two 1-point gaps, nothing else open."),
    ("code", 'cmmc.level2_conditional(["3.1.8", "3.3.7"])'),
    ("md", "If that status were recorded on 2 March 2026, the plan would have to be closed out by:"),
    ("code", 'cmmc.closeout_deadline("2026-03-02").isoformat()'),
    ("md", "**Scenarios.** Could each company earn a Conditional status, and until when?"),
    ("hidden", 'scenario_cards("cmmc", ids=["cmmc-conditional-small-gaps", "cmmc-conditional-mfa", '
               '"cmmc-conditional-visitor-log", "cmmc-conditional-many-small", "cmmc-closeout-date"])'),
    *check("cmmc-poam-02", "cmmc-poam-06"),

    # 6 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 6. Try it: could this self-assessment earn a Conditional status?

The chart counts the NIST SP 800-171 requirements by the points they cost when not met, and shows
which of them a POA&M may hold. Most requirements must simply be met on the day of the assessment.
"""),
    ("hidden", "charts.poam_eligibility_chart()"),
    ("md", """
Below is the NIST SP 800-171 self-assessment from the previous module with a verdict on top. Open a
family and mark each requirement Met, Not met or (for two of them) Partial. The verdict updates as
you go: the score and every rule that fails, or the closeout date if the answer is yes.

*Exercise:* find a set of open items that scores above 100 but still gets a "No". Then find the
smallest change that turns it into a "Yes".

<details><summary>Hint and solution</summary>

Hint: the score is only one of three rules. One answer: mark 3.5.3 *Partial* and nothing else. The
score is 107, yet the answer is "No", because that case costs more than one point. Mark 3.5.3 *Met*
and 3.1.8 *Not met* instead: a single 1-point item, not excluded, and the answer becomes "Yes".
Another answer: mark only 3.10.3 *Not met*; it costs one point but is one of the six exclusions.
</details>
"""),
    ("hidden", "tools.conditional_checker()"),
    *check("cmmc-poam-03", "cmmc-poam-04"),

    # 7 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 7. Who does what

The ecosystem has a few roles that are easy to mix up. The Accreditation Body accredits the assessment
companies but assesses nobody itself; certified individuals do the work inside those companies; a
Government team handles Level 3. Results live in two systems (the *Reference* part says which).
"""),
    ("hidden", 'fact_table("cmmc", tag="role")'),
    ("hidden", 'show_fact("cmmc-flowdown")'),
    *check("cmmc-role-01", "cmmc-level-05"),

    # 8 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 8. Scoping: what gets assessed

Before any Level 2 assessment the company lists its assets and puts each in one of five categories.
The category decides how much the assessor looks at it. Getting scope right is the biggest lever on
cost: an asset that is separated from CUI and protects nothing is out of scope, while anything that
protects the CUI systems is in.
"""),
    ("hidden", 'fact_table("cmmc", tag="scoping")'),
    ("md", """
Service providers are a common scoping question. A cloud service that holds your CUI needs FedRAMP
Moderate or its equivalent, not a CMMC certificate; a provider that runs your security tools is
assessed as part of your own scope.
"""),
    ("hidden", 'show_fact("cmmc-esp-csp")'),
    ("md", """
### Exercise: scope the example network

An engineering company keeps CUI drawings on a CAD workstation, connects through a firewall and a
cloud identity provider, has an HR laptop on the same network, a CNC milling machine on the shop
floor and a guest Wi-Fi. Pick a category for each asset, then press the button.

<details><summary>Hint</summary>

Ask three questions in order: can it be fully secured at all (if not, and it can hold CUI, it is
specialized)? Does it hold or move CUI? Does it protect the systems that do? An asset that could
hold CUI but is kept clean by documented policy is managed by the contractor's own risk decisions.
</details>
"""),
    ("hidden", "tools.scoping_exercise()"),
    *check("cmmc-scope-01", "cmmc-esp-01"),

    # End of module ───────────────────────────────────────────────────────────────────────────────
    ("md", """
## Quiz

Questions from every section of the module. They do not count towards a grade; when you have tried
them all, your score goes into your progress record, which the start page shows.
"""),
    ("hidden", 'practice_quiz("cmmc", ids=["cmmc-level-02", "cmmc-level-06", "cmmc-affirm-01", "cmmc-poam-01", '
               '"cmmc-poam-05", "cmmc-flow-01", "cmmc-role-02", "cmmc-scope-02"])'),
    ("md", "## Key points"),
    ("hidden", 'key_points("cmmc")'),
    ("md", f"""
### Common claims, and what the sources say

A widely copied glossary says CMMC is a third-party verification program that demands a C3PAO
assessment. That is true only for some contracts, and the phase that would make it the usual
requirement has been suspended since {day("cmmc-phase-2-suspended")}.
"""),
    ("hidden", 'misconceptions("cmmc")'),
    ("md", "## Sources"),
    ("hidden", 'sources("cmmc")'),
    ("collapsed", """
## Reference

Facts you need not memorise, with their sources and the date each was checked. Open what you need.

**Every fact of this module** in one table: the two rules behind CMMC, the phases as the regulation
schedules them, the levels, the roles and where results are kept.
"""),
    ("hidden", 'fact_table("cmmc")'),
    ("md", "**The three levels as a chart.** Hover over a bar for the source."),
    ("hidden", "charts.levels_chart()"),
    ("md", "**Level 1 as NIST SP 800-171 ids**: the FAR clause's requirements counted the NIST way."),
    ("hidden", "charts.level1_frame()"),
    ("collapsed", """
## For facilitators

**The team poll.** When a facilitator runs this module with a team, answer the room's poll here: the
facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion.
On your own, there is nothing to do here.
"""),
    ("hidden", 'workshop_poll("cmmc")'),
    ("md", "## Where next\n\n**Next:** [FedRAMP: impact levels, baselines and authorization](05_fedramp.ipynb) · "
           "[Back to start](00_start_here.ipynb)"),
]

if __name__ == "__main__":
    print(build(HERE.parent / "notebooks" / "04_cmmc.ipynb", CELLS))
