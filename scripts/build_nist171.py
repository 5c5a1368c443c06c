"""Generate notebooks/03_nist_800_171.ipynb (run: python scripts/build_nist171.py).

The module follows the course's section pattern (issue 20): short numbered sections, each ending
with 2 practice questions to check yourself; an end quiz that records progress; key points and
sources; then folded parts a learner opens on demand (Reference, For facilitators); a link onwards.
Every practice question of the module appears exactly once: 7 sections x 2 + a quiz of 8 = all 22,
so there is no "More practice" part.
"""
from pathlib import Path

from nbbuild import build, fact_day as day

HERE = Path(__file__).resolve().parent


def check(*ids: str) -> list[tuple[str, str]]:
    """A section's last two cells: the "Check yourself" line and its practice questions."""
    listed = ", ".join(f'"{i}"' for i in ids)
    return [("md", "**Check yourself.** These do not count towards your progress; each answer explains itself."),
            ("hidden", f'practice_quiz("nist171", ids=[{listed}], record_progress=False)')]


CELLS = [
    ("md", """
# NIST SP 800-171: the 110 requirements and the SPRS score

A defense contractor that holds the Government's sensitive but unclassified information must protect
it on its own computers, following NIST Special Publication 800-171. DoD turns that into a single
number, the **SPRS score**, that contracting officers look up before they award a contract. In this
module you work out that number yourself.

Run each grey cell with **Shift + Enter**. You never need to change the code.
"""),
    ("hidden", """
from compliance_course.lesson import objectives, show_fact, fact_table, key_points, misconceptions, sources
from datetime import date
from compliance_course.decisions.nist171 import fips_certificate_status, requirements, sprs_decision
from compliance_course.charts.nist171 import requirements_by_family, points_by_family, sprs_waterfall, revision_comparison
from compliance_course.tools.nist171 import self_assessment, poam_starter
from compliance_course.quiz import scenario_cards, practice_quiz
from compliance_course.workshop import workshop_poll
"""),
    ("hidden", 'objectives("nist171")'),

    # 1 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 1. Why it matters: CUI on a contractor's own systems

The Department of Defense puts a clause in its contracts, DFARS 252.204-7012, that makes the contractor
protect covered defense information on its own systems and report cyber incidents quickly. A
provision in the solicitation, 252.204-7019, has made a current self-assessment against NIST SP
800-171, posted in DoD's Supplier Performance Risk System (SPRS), a condition of award: no current
score, no award. DoD's overhaul of its acquisition rules has since changed some of these clauses in
new solicitations, so read the clauses in your own solicitation; the last of the three facts below says
what changed, from when, and where the sources still disagree.
"""),
    ("hidden", 'show_fact("nist171-dfars-7012-adequate-security")'),
    ("hidden", 'show_fact("nist171-7019-current")'),
    ("hidden", 'show_fact("nist171-rfo-2026")'),
    ("md", """
What the clauses protect is **controlled unclassified information** (CUI). It is not secret, but a
law, regulation or Government-wide policy says it must be handled with care: export-controlled
drawings, test results, specifications. Under DFARS the contractor's version is called *covered
defense information*. NIST SP 800-171 exists to keep it confidential once it leaves the Government's
own systems.
"""),
    ("hidden", 'show_fact("nist171-cui-definition")'),
    ("md", "**Scenario.** Decide, then check your answer against the explanation."),
    ("hidden", 'scenario_cards("nist171", ids=["nist171-sc-rfo-solicitation"])'),
    *check("nist171-cui-01", "nist171-dfars-01"),

    # 2 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 2. The requirements, family by family

Revision 2 of SP 800-171 groups its requirements into families such as Access Control or Incident
Response. Each requirement has an id such as **3.1.1**: family 3.1, requirement 1. This course
gives each requirement a short summary in its own words, like a title. A summary helps you find your
way; it is not the requirement. For the exact wording, read chapter 3 of the NIST publication
(linked in the sources at the end), and assess against that text.

The chart shows how many requirements each family has, coloured by how many points each one costs
when it is not met. Hover over a bar for the numbers. The *Reference* part at the end lists every
requirement in a table you can sort and filter.
"""),
    ("hidden", 'show_fact("nist171-rev2-families")'),
    ("hidden", "requirements_by_family()"),
    *check("nist171-rev2-01", "nist171-rev2-02"),

    # 3 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 3. How the score works

The **DoD Assessment Methodology** gives the rules. Start at 110, one point per requirement. For
every requirement that is **not implemented**, subtract its value: 5 points for those whose absence
could lead to the biggest losses of CUI, 3 for medium ones, 1 for the rest.

* **No plan, no score.** 3.12.4, the system security plan, has no point value: without a plan the
  assessment cannot be completed at all.
* **A POA&M earns nothing.** Planning to fix something does not count as having fixed it.
* A few requirements can cost less than their full value; section 4 explains when.

Here is the engine at work on a company that fails 3.1.1, does not correlate its audit logs (3.3.5),
and has MFA for remote and privileged users only (one of the reduced cases of section 4):
"""),
    ("code", 'sprs_decision(not_met=["3.1.1", "3.3.5"], partial={"3.5.3": "mfa_remote_and_privileged_only"})'),
    ("hidden", 'sprs_waterfall(["3.1.1", "3.3.5"], {"3.5.3": "mfa_remote_and_privileged_only"})'),
    ("md", """
**How low can it go?** If nothing but the system security plan were in place, every other requirement
would take its full value off. Added up, those values explain the lowest possible score (the
*Reference* part adds them up family by family):
"""),
    ("hidden", 'show_fact("nist171-min-score")'),
    ("md", "**Scenarios.** Work out each company's score, then check your answer. The explanation shows the arithmetic."),
    ("hidden", 'scenario_cards("nist171", ids=["nist171-sc-startup", "nist171-sc-coworking", "nist171-sc-no-ssp", '
               '"nist171-sc-temporary-lapse"])'),
    *check("nist171-score-02", "nist171-score-04"),

    # 4 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 4. Partial credit, missing policies and FIPS cryptography

* **Partial credit exists for two requirements only.** 3.5.3 (multi-factor authentication) costs 3
  instead of 5 when MFA covers remote and privileged users but not everyone else. 3.13.11
  (FIPS-validated cryptography) costs 3 instead of 5 when CUI is encrypted but the cryptographic
  module is not FIPS-validated.
* **One point for a missing policy.** Remote access (3.1.12), wireless (3.1.16) and mobile devices
  (3.1.18) cost nothing when that access is not permitted at all, but 1 point when no policy stops it
  being switched on by accident.

**Which FIPS certificates count for 3.13.11?** It asks for FIPS-validated cryptography: the module,
not just the algorithm, must hold a NIST certificate. Which certificates count for a new system
depends on the date, so the engine reads it from the fact below. Run it for today, or try a date
before the change.
"""),
    ("hidden", 'show_fact("nist171-fips-140-2-historical")'),
    ("code", 'fips_certificate_status("140-2", date.today())'),
    ("md", "**Scenarios.** Which reduced deduction applies, if any? Work out the score, then check."),
    ("hidden", 'scenario_cards("nist171", ids=["nist171-sc-machine-shop", "nist171-sc-mfa-admins", '
               '"nist171-sc-no-encryption", "nist171-sc-no-wireless"])'),
    *check("nist171-partial-01", "nist171-partial-02"),

    # 5 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 5. Try it: your own self-assessment

Open a family and mark each requirement **Met**, **Not met** or, where the methodology allows a
reduced deduction (3.5.3, 3.13.11, and the missing-policy case of 3.1.12, 3.1.16 and 3.1.18), **Partial**.
Beside each id you see our summary; keep the NIST publication open for the exact text.
The score and the waterfall change as you click. Try marking 3.12.4 *Not met* to see what happens
without a plan. When you are done, type your company's name and save a **POA&M starter**: a CSV file
listing every requirement you did not mark as met, with our summary and the section of
NIST SP 800-171 Rev 2 that has the exact text, ready for owners and dates.
"""),
    ("hidden", "tool = self_assessment()\ntool"),
    ("md", """
The tool keeps your answers, so other cells can use them. This is the POA&M starter table it saves
(empty until you mark something; run the cell again after marking):
"""),
    ("hidden", "poam_starter(tool.not_met, tool.partial)"),
    *check("nist171-score-01", "nist171-special-01"),

    # 6 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", """
## 6. The plan, the plan of action, and who checks

* The **system security plan (SSP)**, requirement 3.12.4, describes the system: its boundary, where it
  runs, how each requirement is met, and what it connects to.
* The **plan of action and milestones (POA&M)**, requirement 3.12.2, lists what is not yet done, how it
  will be fixed, by whom and by when. Having none for your gaps makes 3.12.2 itself unmet.
* A **Basic** assessment is the contractor's own; **Medium** and **High** are done by DoD, with growing
  confidence. All three use the same scoring, and the summary score goes to SPRS. Solicitations under
  the acquisition overhaul carry a new clause in place of 252.204-7020 that, by secondary reports, no
  longer defines a Basic assessment: check the clause you are given.
"""),
    ("hidden", 'fact_table("nist171", tag="assessment")'),
    ("md", "**Scenarios.** Two companies with gaps: what do their plans change in the score?"),
    ("hidden", 'scenario_cards("nist171", ids=["nist171-sc-mfa-rollout", "nist171-sc-no-poam"])'),
    *check("nist171-poam-02", "nist171-assess-01"),

    # 7 ──────────────────────────────────────────────────────────────────────────────────────────
    ("md", f"""
## 7. Rev 2 or Rev 3?

NIST published Revision 3 on {day("nist171-rev3-published")}, with fewer requirements in more families. Yet on the date these
facts were checked (shown with each one below), a DoD contract still meant **Rev 2**: DoD issued a
class deviation days before Rev 3 appeared, to stay in force until rescinded, and the CMMC rule
defines its Level 2 as Rev 2. The first table compares the two revisions family by family.
"""),
    ("hidden", "revision_comparison()"),
    ("hidden", 'fact_table("nist171", tag="revision")'),
    *check("nist171-rev3-01", "nist171-rev3-02"),

    # End of module ───────────────────────────────────────────────────────────────────────────────
    ("md", """
## Quiz

Questions from every section of the module. They do not count towards a grade; when you have tried
them all, your score goes into your progress record, which the start page shows.
"""),
    ("hidden", 'practice_quiz("nist171", ids=["nist171-dfars-02", "nist171-sprs-02", "nist171-score-03", '
               '"nist171-ssp-01", "nist171-special-02", "nist171-partial-03", "nist171-poam-01", '
               '"nist171-sprs-01"])'),
    ("md", "## Key points"),
    ("hidden", 'key_points("nist171")'),
    ("md", "### Common misconceptions"),
    ("hidden", 'misconceptions("nist171")'),
    ("md", "## Sources"),
    ("hidden", 'sources("nist171")'),
    ("collapsed", """
## Reference

Facts you need not memorise, with their sources and the date each was checked. Open what you need.

**Every fact of this module** in one table: Rev 2 in numbers and dates, the scoring rules as the DoD
Assessment Methodology states them, what goes into SPRS and when, and which revision applies.
"""),
    ("hidden", 'fact_table("nist171")'),
    ("md", """
**All 110 requirements.** One row per requirement with its family, our summary (see NIST SP 800-171
Rev 2 for the exact text), whether NIST calls it *basic* or *derived*, and its point value. Sort and
filter it.
"""),
    ("hidden", 'requirements(2)[["id", "family", "summary", "type", "points", "partial_points", "points_note"]]'),
    ("md", """
**The lowest score, family by family.** With nothing but the system security plan in place, every
other requirement takes its full value off; the chart adds those values up per family.
"""),
    ("hidden", "points_by_family()"),
    ("collapsed", """
## For facilitators

**The team poll.** When a facilitator runs this module with a team, answer the room's poll here: the
facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion.
On your own, there is nothing to do here.
"""),
    ("hidden", 'workshop_poll("nist171")'),
    ("md", "## Where next\n\n**Next:** [CMMC: levels, assessments and the phase-in](04_cmmc.ipynb) · [Back to start](00_start_here.ipynb)"),
]

if __name__ == "__main__":
    print(build(HERE.parent / "notebooks" / "03_nist_800_171.ipynb", CELLS))
