"""Generate notebooks/03_nist_800_171.ipynb (run: python scripts/build_nist171.py)."""
from pathlib import Path

from nbbuild import build

HERE = Path(__file__).resolve().parent
CELLS = [
    ("md", """
# NIST SP 800-171: the 110 requirements and the SPRS score

A defense contractor that holds the Government's sensitive but unclassified information must protect
it on its own computers, following NIST Special Publication 800-171. DoD turns that into a single
number, the **SPRS score**, that contracting officers look up before they award a contract. In this
module you work out that number yourself.

Run each grey cell with **Shift + Enter**. You never need to change the code.
"""),
    ("code", """
from compliance_course.lesson import objectives, show_fact, fact_table, key_points, misconceptions, sources
from datetime import date
from compliance_course.decisions.nist171 import fips_certificate_status, requirements, sprs_decision
from compliance_course.charts.nist171 import requirements_by_family, points_by_family, sprs_waterfall, revision_comparison
from compliance_course.tools.nist171 import self_assessment, poam_starter
from compliance_course.quiz import scenario_cards, practice_quiz
"""),
    ("code", 'objectives("nist171")'),
    ("md", """
## Why it matters

The Department of Defense puts a clause in its contracts, DFARS 252.204-7012, that makes the contractor
protect covered defense information on its own systems and report cyber incidents quickly. A
provision in the solicitation, 252.204-7019, has made a current self-assessment against NIST SP
800-171, posted in DoD's Supplier Performance Risk System (SPRS), a condition of award: no current
score, no award. DoD's overhaul of its acquisition rules has since changed some of these clauses in
new solicitations, so read the clauses in your own solicitation; the last fact below says what
changed, from when, and where the sources still disagree.
"""),
    ("code", 'show_fact("nist171-dfars-7012-adequate-security")'),
    ("code", 'show_fact("nist171-7019-current")'),
    ("code", 'show_fact("nist171-rfo-2026")'),
    ("md", """
## What is CUI?

**Controlled unclassified information** is not secret, but a law, regulation or Government-wide policy
says it must be handled with care: export-controlled drawings, test results, specifications. Under
DFARS the contractor's version is called *covered defense information*. NIST SP 800-171 exists to keep
it confidential once it leaves the Government's own systems.
"""),
    ("code", 'show_fact("nist171-cui-definition")'),
    ("md", """
## The requirements, family by family

Revision 2 of SP 800-171 groups its requirements into families such as Access Control or Incident
Response. Each requirement has an id such as **3.1.1**: family 3.1, requirement 1. This course
gives each requirement a short summary in its own words, like a title. A summary helps you find your
way; it is not the requirement. For the exact wording, read chapter 3 of the NIST publication
(linked in the sources at the end), and assess against that text.

The chart shows how many requirements each family has, coloured by how many points each one costs
when it is not met. Hover over a bar for the numbers.
"""),
    ("code", 'fact_table("nist171", tag="rev2")'),
    ("code", "requirements_by_family()"),
    ("md", """
The same data as a table you can sort and filter: one row per requirement with its family, our
summary (see NIST SP 800-171 Rev 2 for the exact text), whether NIST calls it *basic* or *derived*,
and its point value.
"""),
    ("code", 'requirements(2)[["id", "family", "summary", "type", "points", "partial_points", "points_note"]]'),
    ("md", """
## How the score works

The **DoD Assessment Methodology** gives the rules. Start at 110, one point per requirement. For
every requirement that is **not implemented**, subtract its value: 5 points for those whose absence
could lead to the biggest losses of CUI, 3 for medium ones, 1 for the rest.

* **Partial credit exists for two requirements only.** 3.5.3 (multi-factor authentication) costs 3
  instead of 5 when MFA covers remote and privileged users but not everyone else. 3.13.11
  (FIPS-validated cryptography) costs 3 instead of 5 when CUI is encrypted but the cryptographic
  module is not FIPS-validated.
* **One point for a missing policy.** Remote access (3.1.12), wireless (3.1.16) and mobile devices
  (3.1.18) cost nothing when that access is not permitted at all, but 1 point when no policy stops it
  being switched on by accident.
* **No plan, no score.** 3.12.4, the system security plan, has no point value: without a plan the
  assessment cannot be completed at all.
* **A POA&M earns nothing.** Planning to fix something does not count as having fixed it.
"""),
    ("code", 'fact_table("nist171", tag="scoring")'),
    ("md", """
Here is the engine at work on a company that fails 3.1.1, does not correlate its audit logs (3.3.5),
and has MFA for remote and privileged users only:
"""),
    ("code", 'sprs_decision(not_met=["3.1.1", "3.3.5"], partial={"3.5.3": "mfa_remote_and_privileged_only"})'),
    ("code", 'sprs_waterfall(["3.1.1", "3.3.5"], {"3.5.3": "mfa_remote_and_privileged_only"})'),
    ("md", """
### How low can it go?

If nothing but the system security plan were in place, every other requirement would take its full
value off. The next chart adds those values up family by family; the total explains the lowest
possible score.
"""),
    ("code", "points_by_family()"),
    ("code", 'show_fact("nist171-min-score")'),
    ("md", """
### Which FIPS certificates count for 3.13.11?

3.13.11 asks for FIPS-validated cryptography: the module, not just the algorithm, must hold a NIST
certificate. Which certificates count for a new system depends on the date, so the engine reads it
from the fact below. Run it for today, or try a date before the change.
"""),
    ("code", 'show_fact("nist171-fips-140-2-historical")'),
    ("code", 'fips_certificate_status("140-2", date.today())'),
    ("md", """
## Try it: your own self-assessment

Open a family and mark each requirement **Met**, **Not met** or, where the methodology allows a
reduced deduction (3.5.3, 3.13.11, and the missing-policy case of 3.1.12, 3.1.16 and 3.1.18), **Partial**.
Beside each id you see our summary; keep the NIST publication open for the exact text.
The score and the waterfall change as you click. Try marking 3.12.4 *Not met* to see what happens
without a plan. When you are done, type your company's name and save a **POA&M starter**: a CSV file
listing every requirement you did not mark as met, with our summary and the section of
NIST SP 800-171 Rev 2 that has the exact text, ready for owners and dates.
"""),
    ("code", "tool = self_assessment()\ntool"),
    ("md", """
The tool keeps your answers, so other cells can use them. This is the POA&M starter table it saves
(empty until you mark something):
"""),
    ("code", "poam_starter(tool.not_met, tool.partial)"),
    ("md", """
## The plan, the plan of action, and who checks

* The **system security plan (SSP)**, requirement 3.12.4, describes the system: its boundary, where it
  runs, how each requirement is met, and what it connects to.
* The **plan of action and milestones (POA&M)**, requirement 3.12.2, lists what is not yet done, how it
  will be fixed, by whom and by when. Having none for your gaps makes 3.12.2 itself unmet.
* A **Basic** assessment is the contractor's own; **Medium** and **High** are done by DoD, with growing
  confidence. All three use the same scoring, and the summary score goes to SPRS. Solicitations under
  the acquisition overhaul carry a new clause in place of 252.204-7020 that, by secondary reports, no
  longer defines a Basic assessment: check the clause you are given.
"""),
    ("code", 'fact_table("nist171", tag="assessment")'),
    ("code", 'fact_table("nist171", tag="sprs")'),
    ("md", """
## Rev 2 or Rev 3?

NIST published Revision 3 in May 2024, with fewer requirements in more families. Yet on the date these
facts were checked (shown with each one below), a DoD contract still meant **Rev 2**: DoD issued a
class deviation days before Rev 3 appeared, to stay in force until rescinded, and the CMMC rule
defines its Level 2 as Rev 2. The table compares the two revisions family by family.
"""),
    ("code", "revision_comparison()"),
    ("code", 'fact_table("nist171", tag="revision")'),
    ("md", """
## Scenarios

Work out each company's score, then check your answer. The explanation shows the arithmetic.
"""),
    ("code", 'scenario_cards("nist171")'),
    ("md", "## Practice\n\nThese questions do not count towards a grade; each answer explains itself."),
    ("code", 'practice_quiz("nist171")'),
    ("md", "## In a workshop: the team poll\n\nWhen a facilitator runs this module with a team, answer the room's poll here: the facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion."),
    ("code", 'from compliance_course.workshop import workshop_poll\nworkshop_poll("nist171")'),
    ("md", "## Key points"),
    ("code", 'key_points("nist171")'),
    ("md", "## Common misconceptions"),
    ("code", 'misconceptions("nist171")'),
    ("md", "## Sources"),
    ("code", 'sources("nist171")'),
]

if __name__ == "__main__":
    print(build(HERE.parent / "notebooks" / "03_nist_800_171.ipynb", CELLS))
