"""Generate notebooks/06_cross_framework.ipynb."""
from pathlib import Path

from nbbuild import build

HERE = Path(__file__).resolve().parent
CELLS = [
    ("md", """
# Across frameworks: which ones you need, and how much work they share

You have met each framework on its own. Real companies meet several at once: a health-tech start-up
signs business associate agreements *and* hands out SOC 2 reports; a cloud company chasing a federal
agency wants SOC 2 on the way to FedRAMP; a machine shop in a defence supply chain needs SP 800-171
and CMMC. This module puts them side by side.
"""),
    ("code", """
from compliance_course.lesson import objectives, key_points, misconceptions, sources, show_fact, fact_table
from compliance_course.tools.cross_framework import company_profile_tool
from compliance_course.crosswalk import comparison_table
from compliance_course.charts.cross_framework import overlap_heatmap, r2_sankey
from compliance_course.quiz import practice_quiz, scenario_cards
"""),
    ("code", 'objectives("cross_framework")'),
    ("md", """
## Three questions decide it

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
    ("code", "company_profile_tool()"),
    ("md", """
## Three capstone cases

Read each case, choose the set of frameworks, and press **Check**. The feedback comes from the same
rules as the tool above.
"""),
    ("code", 'scenario_cards("cross_framework", ids=["cross-case-healthtech", "cross-case-machine-shop", "cross-case-govtech"])'),
    ("md", """
## Side by side

Who requires each framework, who assesses it, how often, what the evidence is, and what is known
about cost and time. Read the last columns carefully: most cost and time figures in circulation are
market estimates, and the table says which is which. Each figure is read from the module that teaches
it (the SOC 2 timeline and fees, the FedRAMP vendor estimates, the DoD's CMMC estimate), so the table
and the modules always agree.
"""),
    ("code", "comparison_table()"),
    ("code", 'show_fact("cross-cmmc-cost-estimate")'),
    ("code", 'show_fact("fedramp-cost-time-estimates")'),
    ("md", """
## How much do they overlap?

Overlap can only be measured where a published mapping exists. SP 800-171 Rev 3 names its source
controls in SP 800-53 Rev 5, and FedRAMP's baselines are sets of SP 800-53 Rev 5 controls, so those
can be compared id by id. HIPAA and SOC 2 have published mappings too, but they are not in the course
data yet: the chart leaves them empty rather than guess.

Read a cell as: *of the control ids in the row's framework, this share also appears in the column's.*
It compares ids only: the parameters a framework sets for a control, and SP 800-171's tailoring of
the controls it draws on, are not compared, so 100% means the same ids, not the same requirements.
"""),
    ("code", "overlap_heatmap()"),
    ("code", 'fact_table("cross_framework", tag="mapping")'),
    ("md", """
### SP 800-171 Rev 2, the revision DoD contracts enforce

Rev 2 maps to SP 800-53 **Rev 4**, not Rev 5, and the course's copy of that mapping comes from two
unofficial extractions that do not always agree. The flows below are drawn blue where both
extractions list a pair and orange where only one does.
"""),
    ("code", "r2_sankey()"),
    ("md", "## Dependencies between frameworks"),
    ("code", 'fact_table("cross_framework", tag="dependency")'),
    ("md", "## More scenarios"),
    ("code", 'scenario_cards("cross_framework", ids=["cross-fci-supplier", "cross-defence-cloud", "cross-dod-saas", "cross-on-premise-hospital"])'),
    ("md", "## Practice\n\nCheck your understanding. Each answer shows the reason and the source."),
    ("code", 'practice_quiz("cross_framework")'),
    ("md", "## In a workshop: the team poll\n\nWhen a facilitator runs this module with a team, answer the room's poll here: the facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion."),
    ("code", 'from compliance_course.workshop import workshop_poll\nworkshop_poll("cross_framework")'),
    ("md", "## Key points"),
    ("code", 'key_points("cross_framework")'),
    ("code", 'misconceptions("cross_framework")'),
    ("md", "## Sources"),
    ("code", 'sources("cross_framework")'),
]

if __name__ == "__main__":
    build(HERE.parent / "notebooks" / "06_cross_framework.ipynb", CELLS)
