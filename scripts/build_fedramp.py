"""Generate notebooks/05_fedramp.ipynb (run: python scripts/build_fedramp.py).

Markdown stays qualitative: every figure a learner sees is shown by a cell that reads course_data.
"""
from pathlib import Path

from nbbuild import build

HERE = Path(__file__).resolve().parent
CELLS = [
    ("md", "# FedRAMP: impact levels, baselines and authorization\n\n"
       "Federal agencies may only use cloud services that meet FedRAMP's security requirements. This "
       "module shows where FedRAMP comes from, how a system is sized with FIPS 199, how big each control "
       "baseline really is, what a provider does before and after authorization, and how the rules are "
       "changing in 2026."),
    ("code", "from compliance_course.lesson import objectives, show_fact, fact_table, key_points, misconceptions, sources\n"
         "from compliance_course.quiz import practice_quiz, scenario_cards\n"
         "from compliance_course.charts import fedramp as charts"),
    ("code", 'objectives("fedramp")'),

    ("md", "## Why it matters\n\n"
       "A cloud company that wants federal civilian agencies as customers needs a FedRAMP authorization "
       "(under the 2026 rules, a *certification*). Agencies ask for it; defence customers and state "
       "governments lean on it too. It is the largest security programme in this course, and the one "
       "most surrounded by confident numbers about cost and time. Read the next fact carefully: it is an "
       "**estimate**, not an official figure."),
    ("code", 'show_fact("fedramp-cost-time-estimates")'),

    ("md", "## What FedRAMP is in law\n\n"
       "FedRAMP began as an OMB policy in 2011. Congress wrote it into statute in the FedRAMP Authorization "
       "Act, now 44 U.S.C. 3607-3616. GSA runs the programme through its program management office (PMO); "
       "a small FedRAMP Board sets requirements; OMB issues the policy agencies follow."),
    ("code", 'show_fact("fedramp-act-enacted")'),
    ("md", "Few summaries mention that the Act has a **sunset**: its sections lapse unless Congress extends them."),
    ("code", 'show_fact("fedramp-act-sunset")'),
    ("code", 'show_fact("fedramp-board")'),
    ("md", "Why one authorization serves many agencies: the law tells each agency to presume the FedRAMP "
       "assessment adequate. Each agency still grants its own authority to operate."),
    ("code", 'show_fact("fedramp-presumption-adequacy")'),

    ("md", "## From the JAB to M-24-15\n\n"
       "For years a provider could be authorized by one agency or by the Joint Authorization Board (JAB). "
       "OMB memorandum M-24-15 replaced that structure. If someone tells you to \"go for a JAB P-ATO\", "
       "their information predates 2024."),
    ("code", 'show_fact("fedramp-m-24-15")'),
    ("code", 'show_fact("fedramp-jab-retired")'),

    ("md", "## Categorise the system: FIPS 199 and the high-water mark\n\n"
       "FIPS 199 asks three questions about the information in the system: how bad would it be if it were "
       "disclosed (confidentiality), altered (integrity) or unavailable (availability)? Each answer is "
       "low, moderate or high. FIPS 200 then takes the **highest** of the three, the high-water mark. "
       "Never average them. The decision engine does exactly this:"),
    ("code", "from compliance_course.decisions import fedramp\n"
         'fedramp.impact_level("low", "moderate", "low")'),
    ("md", "The baseline follows from the impact level, and the engine also counts its controls from the "
       "reference table:"),
    ("code", 'fedramp.baseline("low", "moderate", "low")'),

    ("md", "## How big is each baseline?\n\n"
       "FedRAMP publishes its baselines as machine-readable OSCAL profiles that select controls from "
       "NIST SP 800-53 Rev 5. The course keeps a copy of those selections in a reference table, and every "
       "count below is computed from it. Compare the Rev 5 counts with the Rev 4 counts that many articles "
       "still quote as current."),
    ("code", "charts.rev4_vs_rev5()"),
    ("md", "Where do the controls sit? Access control (AC), configuration management (CM), contingency planning "
       "(CP) and system protection (SC) grow the most from Low to High."),
    ("code", "charts.controls_per_family()"),
    ("md", "The baselines nest: everything in Low is in Moderate, and everything in Moderate is in High. Most "
       "of the growth is in **enhancements**, the numbered additions to a control such as AC-2(1)."),
    ("code", "charts.baseline_growth()"),
    ("md", "LI-SaaS (\"FedRAMP Tailored\") is not a smaller list. It has the same controls as Low and differs "
       "in how they are handled."),
    ("code", 'show_fact("fedramp-li-saas")'),

    ("md", "## Try it: the FIPS 199 categoriser\n\n"
       "Pick a rating for each objective. Tick the boxes that describe the offering. The tool shows the "
       "impact level, the baseline, its size and the reason. Try the public-website case: all low except "
       "integrity."),
    ("code", "from compliance_course.tools.fedramp import fips199_categoriser, remediation_calculator"),
    ("code", "fips199_categoriser()"),

    ("md", "## Walk the path\n\n"
       "The Rev 5 path has four stages. The provider writes the System Security Plan (SSP); an independent "
       "third-party assessment organisation (3PAO) plans the test (SAP), runs it and reports (SAR); open "
       "findings go into the Plan of Action and Milestones (POA&M)."),
    ("code", "charts.path_table()"),

    ("md", "## Continuous monitoring\n\n"
       "Authorization is the start, not the end. Every month the provider scans, updates its POA&M and "
       "inventory; every year a 3PAO assesses again. Each vulnerability gets a deadline by risk rating, "
       "unless CISA lists it as known exploited."),
    ("code", 'fact_table("fedramp", tag="conmon")'),
    ("md", "Use the calculator to find a deadline. Then tick the KEV box and enter a due date: the KEV date "
       "replaces the risk-based one."),
    ("code", "remediation_calculator()"),

    ("md", "## FedRAMP 20x and the Consolidated Rules for 2026\n\n"
       "FedRAMP 20x replaces long narrative documents with automated evidence and Key Security Indicators. "
       "The Consolidated Rules for 2026 (CR26) rename authorizations as certifications, sorted into "
       "classes A to D. A class says how much assurance information the provider supplies; the impact level "
       "still comes from FIPS 199. They are **different axes**."),
    ("code", 'show_fact("fedramp-cr26-classes")'),
    ("md", "The roadmap puts the law, OMB policy, the 20x pilots and the CR26 dates on one axis. Hover over a "
       "marker for the full fact and its source. Dates of the 2026 rules come from a dated snapshot: check "
       "fedramp.gov before relying on them."),
    ("code", "charts.roadmap_timeline()"),

    ("md", "## Related programmes: GovRAMP and DoD impact levels\n\n"
       "State and local buyers use GovRAMP (formerly StateRAMP). The Department of Defense uses its own "
       "impact levels, which start from FedRAMP baselines and add requirements."),
    ("code", 'fact_table("fedramp", tag="related")'),
    ("md", "The engine maps a kind of DoD data to its impact level. Controlled unclassified information:"),
    ("code", 'fedramp.dod_impact_level("cui")'),

    ("md", "## Checking the claims\n\n"
       "The customer's glossary says Moderate \"covers 80% of federal civilian use cases\". Here is what the "
       "source behind that figure says, and a newer count:"),
    ("code", 'show_fact("fedramp-moderate-80-percent")'),
    ("code", 'show_fact("fedramp-moderate-73-percent")'),
    ("md", "The glossary's time and cost range (\"12-24 months, $500,000-$2,000,000\") is a market estimate: "
       "no FedRAMP publication gives one. Quote such numbers with their source and the word *estimate*."),

    ("md", "## Scenarios\n\nRead each situation, choose, and press **Check**. The answer comes from the same "
       "decision engine you used above."),
    ("code", 'scenario_cards("fedramp")'),

    ("md", "## Practice\n\nCheck each answer; every wrong choice explains its mistake. Your score is kept "
       "in your progress record when you finish the set."),
    ("code", 'practice_quiz("fedramp")'),

    ("md", "## In a workshop: the team poll\n\nWhen a facilitator runs this module with a team, answer the room's poll here: the facilitator sees everyone's answers on a shared chart and reveals the right one after the discussion."),
    ("code", 'from compliance_course.workshop import workshop_poll\nworkshop_poll("fedramp")'),
    ("md", "## Key points"),
    ("code", 'key_points("fedramp")'),
    ("md", "## Common misconceptions"),
    ("code", 'misconceptions("fedramp")'),
    ("md", "## Sources"),
    ("code", 'sources("fedramp")'),
]

if __name__ == "__main__":
    build(HERE.parent / "notebooks" / "05_fedramp.ipynb", CELLS)
