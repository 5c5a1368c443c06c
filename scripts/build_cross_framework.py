"""Generate notebooks/06_cross_framework.ipynb (run: python scripts/build_cross_framework.py).

Shaped like a Carpentries episode (issue 20): short numbered sections, each ending with two
check-yourself questions; an end quiz that records progress; key points, sources, and collapsed
parts for reference facts and facilitators. Every practice question of the module appears exactly
once (CHECKS, QUIZ); the bank has 15, so after the section checks the quiz holds the remaining 5
and there is no "More practice" part.
"""
from pathlib import Path

from nbbuild import build

HERE = Path(__file__).resolve().parent
MODULE = "cross_framework"
CHECKS = {
    1: ["cross-basis-soc2", "cross-basis-law"],
    2: ["cross-healthtech-practice", "cross-machine-shop-practice"],
    3: ["cross-cost-estimate", "cross-govramp-what"],
    4: ["cross-overlap-measure", "cross-rev2-uncertain"],
    5: ["cross-7012-cloud", "cross-level1-count"],
}
QUIZ = ["cross-order-baa-first", "cross-order-171-before-cmmc", "cross-bridge", "cross-govtech-practice",
        "cross-hipaa-soc2-mapping"]


def _ids(ids: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in ids) + "]"


def check(section: int) -> list[tuple[str, str]]:
    """The two cells that close a section: the prompt and its practice questions (not recorded)."""
    return [("md", "**Check yourself.** Answer, then press **Check**: each answer shows the reason and the source."),
            ("hidden", f'practice_quiz("{MODULE}", ids={_ids(CHECKS[section])}, record_progress=False)')]


CELLS = [
    ("md", """
# Across frameworks: which ones you need, and how much work they share

You have met each framework on its own. Real companies meet several at once: a health-tech start-up
signs business associate agreements *and* hands out SOC 2 reports; a cloud company chasing a federal
agency wants SOC 2 on the way to FedRAMP; a machine shop in a defence supply chain needs SP 800-171
and CMMC. This module puts them side by side. Each section ends with a short check; the quiz comes at
the end.
"""),
    ("hidden", """
# Set-up: the course's tools for this module
from compliance_course.lesson import objectives, key_points, misconceptions, sources, show_fact, fact_table
from compliance_course.tools.cross_framework import company_profile_tool
from compliance_course.crosswalk import comparison_table
from compliance_course.charts.cross_framework import overlap_heatmap, r2_sankey
from compliance_course.quiz import practice_quiz, scenario_cards
from compliance_course.workshop import workshop_poll
"""),
    ("hidden", f'objectives("{MODULE}")'),

    ("md", """
## 1. Three questions decide it

Which frameworks apply depends on **who you sell to**, **what information you handle** for them, and
**whether you run a cloud service**. Some frameworks are law or contract terms you cannot sell
without; others are what buyers expect, and some are only a sensible first step. Order matters too:
a legal precondition first, then the contract obligations that apply from award, then the fastest
broad assurance buyers ask for, then the longer programmes that build on it.

### Try it: your company's profile

Tick the boxes. The list below shows each framework in the order to pursue it, what it rests on (law
or contract, DoD policy, market expectation, or a recommendation), why, and the source. Try a cloud
service sold to the Department of Defense, with and without CUI.
"""),
    ("hidden", "company_profile_tool()"),
    *check(1),

    ("md", """
## 2. Three capstone cases

Read each case, choose the set of frameworks, and press **Check**. The feedback comes from the same
rules as the tool in section 1.
"""),
    ("hidden", f'scenario_cards("{MODULE}", ids=["cross-case-healthtech", "cross-case-machine-shop", "cross-case-govtech"])'),
    *check(2),

    ("md", """
## 3. Side by side

Who requires each framework, who assesses it, how often, what the evidence is, and what is known
about cost and time. Read the last rows carefully: most cost and time figures in circulation are
market estimates, and the table says which is which. Each figure is read from the module that teaches
it (the SOC 2 timeline and fees, the FedRAMP vendor estimates, the DoD's CMMC estimate), so the table
and the modules always agree.
"""),
    ("hidden", "comparison_table()"),
    ("md", "Two of those figures in full: the DoD's own CMMC estimate, and the vendors' FedRAMP estimates."),
    ("hidden", 'show_fact("cross-cmmc-cost-estimate")'),
    ("hidden", 'show_fact("fedramp-cost-time-estimates")'),
    *check(3),

    ("md", """
## 4. How much do they overlap?

Overlap can only be measured where a published mapping exists. SP 800-171 Rev 3 names its source
controls in SP 800-53 Rev 5, and FedRAMP's baselines are sets of SP 800-53 Rev 5 controls, so those
can be compared id by id. HIPAA and SOC 2 have published mappings too, but they are not in the course
data yet: the chart leaves them empty rather than guess (the Reference part at the end says where
those mappings are published).

Read a cell as: *of the control ids in the row's framework, this share also appears in the column's.*
It compares ids only: the parameters a framework sets for a control, and SP 800-171's tailoring of
the controls it draws on, are not compared, so 100% means the same ids, not the same requirements.
"""),
    ("hidden", "overlap_heatmap()"),
    ("md", """
### SP 800-171 Rev 2, the revision DoD contracts enforce

Rev 2 maps to SP 800-53 **Rev 4**, not Rev 5, and the course's copy of that mapping comes from two
unofficial extractions that do not always agree. The flows below are drawn blue where both
extractions list a pair and orange where only one does.
"""),
    ("hidden", "r2_sankey()"),
    *check(4),

    ("md", """
## 5. Dependencies between frameworks

Some frameworks rest on others: a CMMC level is a set of existing requirements, and a cloud service
holding a defence contractor's information is measured against a FedRAMP baseline.
"""),
    ("hidden", 'fact_table("cross_framework", tag="dependency")'),
    ("md", """
### More cases

Four more situations, each with a twist. Choose the frameworks that apply, and press **Check**.
"""),
    ("hidden", f'scenario_cards("{MODULE}", ids=["cross-fci-supplier", "cross-defence-cloud", "cross-dod-saas", "cross-on-premise-hospital"])'),
    *check(5),

    ("md", "## Quiz\n\nQuestions from the whole module, most of them on the order of the work. Each answer "
           "shows the reason and the source. Your score is kept in your progress record when you finish the set."),
    ("hidden", f'practice_quiz("{MODULE}", ids={_ids(QUIZ)})'),

    ("md", "## Key points"),
    ("hidden", f'key_points("{MODULE}")'),
    ("md", "### Common misconceptions"),
    ("hidden", f'misconceptions("{MODULE}")'),
    ("md", "## Sources"),
    ("hidden", f'sources("{MODULE}")'),

    ("collapsed", "## Reference\n\nWhere the control mappings between the frameworks are published, and which "
                  "of them the course data holds."),
    ("hidden", 'fact_table("cross_framework", tag="mapping")'),

    ("collapsed", "## For facilitators\n\n"
                  "**The team poll.** When a facilitator runs this module with a team, answer the room's poll "
                  "here: the facilitator sees everyone's answers on a shared chart and reveals the right one "
                  "after the discussion. On your own, there is nothing to do here."),
    ("hidden", f'workshop_poll("{MODULE}")'),

    ("md", "## Where next\n\n**Next:** [Back to start](00_start_here.ipynb): that was the last module. The start page shows "
           "your progress and the other modules."),
]

_used = [i for ids in CHECKS.values() for i in ids] + QUIZ
assert len(_used) == len(set(_used)), "a practice question appears twice"

if __name__ == "__main__":
    build(HERE.parent / "notebooks" / "06_cross_framework.ipynb", CELLS)
