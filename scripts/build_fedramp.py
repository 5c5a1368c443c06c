"""Generate notebooks/05_fedramp.ipynb (run: python scripts/build_fedramp.py).

Markdown stays qualitative: every figure a learner sees is shown by a cell that reads course_data.
Dates and names in the prose are read from course_data when the notebook is built, so a changed
fact changes the text (and the notebook test asks for a rebuild).
"""
import sys
from pathlib import Path

from nbbuild import build, fact_day as day

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from compliance_course.data import table  # noqa: E402


def fastest_growing_families(count: int = 5) -> str:
    """The SP 800-53 families that add the most controls from Low to High, from the baseline table."""
    frame = table("fedramp_rev5_baselines")
    growth = frame.groupby("family")[["low", "high"]].sum()
    growth = (growth["high"] - growth["low"]).sort_values(ascending=False, kind="stable")
    names = list(growth.index[:count])
    return ", ".join(names[:-1]) + " and " + names[-1]


CELLS = [
    ("md", "# FedRAMP: impact levels, baselines and authorization\n\n"
       "A federal agency (DoD included) that puts federal information in a cloud service needs that service "
       "to be FedRAMP authorized, apart from a few categories OMB leaves out, such as social media and "
       "search engines. This "
       "module shows where FedRAMP comes from, how a system is sized with FIPS 199, how big each control "
       "baseline really is, what a provider does before and after authorization, and how the rules are "
       "changing in 2026."),
    ("code", "from compliance_course.lesson import objectives, show_fact, fact_table, key_points, misconceptions, sources\n"
         "from compliance_course.quiz import practice_quiz, scenario_cards\n"
         "from compliance_course.charts import fedramp as charts"),
    ("code", 'objectives("fedramp")'),

    ("md", "## Why it matters\n\n"
       "A cloud company that wants federal agencies as customers needs a FedRAMP authorization "
       "(under the 2026 rules, a *certification*). Civilian agencies ask for it, DoD builds its own cloud "
       "impact levels on it, and state governments lean on it too. It is the largest security programme in this course, and the one "
       "most surrounded by confident numbers about cost and time. Read the next fact carefully: it is an "
       "**estimate**, not an official figure."),
    ("code", 'show_fact("fedramp-cost-time-estimates")'),
    ("code", 'show_fact("fedramp-scope")'),

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
       "The 2022 Act created the FedRAMP Board, and OMB memorandum M-24-15 rescinded the memo that had set "
       "up the JAB. If someone tells you to \"go for a JAB P-ATO\", their information predates 2024."),
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
    ("md", "Where do the controls sit? Counted from the reference table, the families that add the most "
       f"controls from Low to High are {fastest_growing_families()}."),
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
       "inventory; every year a 3PAO assesses again. Under the 2026 rules a quarterly Ongoing Certification "
       f"Report takes over from the monthly POA&M; Rev 5 providers need it to keep their certification from "
       f"{day('fedramp-ccm-rev5-maintain')}."),
    ("code", 'fact_table("fedramp", tag="conmon")'),
    ("md", "### Which deadline? It depends on the discovery date\n\n"
       "Two rules govern how fast a Rev 5 provider must deal with a vulnerability, and the **discovery date** "
       "decides which one applies:\n\n"
       f"- **Discovered before {day('fedramp-vdr-rev5-required')}:** the legacy RA-5(d) parameter. Each "
       "finding gets a deadline by risk rating (high, moderate, low), unless CISA lists it as known exploited; "
       "then the KEV due date supersedes it. Providers may adopt the new rules early, from "
       f"{day('fedramp-vdr-rev5-optional')}.\n"
       f"- **Discovered from {day('fedramp-vdr-rev5-required')}:** the vulnerability detection and response "
       "(VDR) rules. The provider evaluates each finding: is it likely exploitable, can a payload from the "
       "internet reach it, and what is its potential agency impact (PAIN, N1 to N5)? The timeframe, counted "
       "from that evaluation, depends on those answers and on the certification class. Until "
       f"{day('fedramp-vdr-rev5-grace-ends')} a provider not yet following the VDR rules is asked for "
       "corrective action; after that it loses its certification.\n\n"
       "The KEV catalog's due dates themselves come from a CISA directive: BOD 22-01 until "
       f"{day('fedramp-bod-26-04')}, when BOD 26-04 revoked it."),
    ("code", 'show_fact("fedramp-vdr-rev5-required")'),
    ("code", 'show_fact("fedramp-vdr-timeframes")'),
    ("code", 'show_fact("fedramp-bod-26-04")'),
    ("md", "Use the calculator. Start with the discovery date: it shows which rule applies and asks only for "
       f"what that rule needs. Try a date in March 2026, then one after {day('fedramp-vdr-rev5-required')}. "
       "Then tick the KEV box and enter a due date."),
    ("code", "remediation_calculator()"),

    ("md", "## FedRAMP 20x and the Consolidated Rules for 2026\n\n"
       "FedRAMP 20x replaces long narrative documents with automated evidence and Key Security Indicators. "
       "The Consolidated Rules for 2026 (CR26) rename authorizations as certifications, sorted into "
       "classes A to D. A class says how much assurance information the provider supplies; the impact level "
       "still comes from FIPS 199. They are **different axes**."),
    ("code", 'show_fact("fedramp-cr26-classes")'),
    ("md", "The roadmap puts the law, OMB policy, the 20x pilots and the CR26 dates on one axis. Hover over a "
       "marker for the full fact and its source. The dates of the 2026 rules were checked on the date shown "
       "in each fact: check fedramp.gov before relying on them."),
    ("code", "charts.roadmap_timeline()"),

    ("md", "## Related programmes: GovRAMP and DoD impact levels\n\n"
       "State and local buyers use GovRAMP (formerly StateRAMP). The Department of Defense relies on FedRAMP "
       "and adds its own impact levels, which start from FedRAMP baselines and add requirements."),
    ("code", 'fact_table("fedramp", tag="related")'),
    ("md", "The engine maps a kind of DoD data to its impact level. Controlled unclassified information:"),
    ("code", 'fedramp.dod_impact_level("cui")'),

    ("md", "## Checking the claims\n\n"
       "A widely copied glossary says Moderate \"covers 80% of federal civilian use cases\". Here is what "
       "the source behind that figure says, and a newer count:"),
    ("code", 'show_fact("fedramp-moderate-80-percent")'),
    ("code", 'show_fact("fedramp-moderate-73-percent")'),
    ("md", "The same glossary's time and cost range (12 to 24 months, 500,000 to 2,000,000 US dollars) is a market "
       "estimate: no FedRAMP publication gives one. Quote such numbers with their source and the word "
       "*estimate*. It also says FedRAMP unlocks a federal cloud services market of more than 100 billion US dollars:"),
    ("code", 'show_fact("fedramp-market-size-claim")'),

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
