"""Generate notebooks/05_fedramp.ipynb (run: python scripts/build_fedramp.py).

Markdown stays qualitative: every figure a learner sees is shown by a cell that reads course_data.
Dates and names in the prose are read from course_data when the notebook is built, so a changed
fact changes the text (and the notebook test asks for a rebuild).

Shaped like a Carpentries episode (issue 20): short numbered sections, each ending with two
check-yourself questions; an end quiz that records progress; then more practice, key points,
sources, and collapsed parts for reference facts and facilitators. Every practice question of
the module appears exactly once (CHECKS, QUIZ, MORE_PRACTICE).
"""
import sys
from pathlib import Path

from nbbuild import build, fact_day as day

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from compliance_course.data import load_course, table  # noqa: E402

MODULE = "fedramp"
CHECKS = {
    1: ["fedramp-law-01", "fedramp-law-04"],
    2: ["fedramp-fips-01", "fedramp-fips-02"],
    3: ["fedramp-base-01", "fedramp-lisaas-01"],
    4: ["fedramp-path-01", "fedramp-path-02"],
    5: ["fedramp-conmon-02", "fedramp-conmon-03", "fedramp-vdr-01"],
    6: ["fedramp-cr26-01", "fedramp-20x-01"],
    7: ["fedramp-related-01", "fedramp-related-02"],
    8: ["fedramp-claims-01", "fedramp-claims-02"],
}
QUIZ = ["fedramp-m2415-01", "fedramp-law-02", "fedramp-base-02", "fedramp-base-03", "fedramp-lisaas-02",
        "fedramp-path-03", "fedramp-conmon-01", "fedramp-cr26-02"]
MORE_PRACTICE = ["fedramp-law-03"]
NEXT = load_course().modules["cross_framework"]


def fastest_growing_families(count: int = 5) -> str:
    """The SP 800-53 families that add the most controls from Low to High, from the baseline table."""
    frame = table("fedramp_rev5_baselines")
    growth = frame.groupby("family")[["low", "high"]].sum()
    growth = (growth["high"] - growth["low"]).sort_values(ascending=False, kind="stable")
    names = list(growth.index[:count])
    return ", ".join(names[:-1]) + " and " + names[-1]


def _ids(ids: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in ids) + "]"


def check(section: int) -> list[tuple[str, str]]:
    """The two cells that close a section: the prompt and its practice questions (not recorded)."""
    return [("md", "**Check yourself.** Answer, then press **Check**: a wrong choice explains its mistake."),
            ("hidden", f'practice_quiz("{MODULE}", ids={_ids(CHECKS[section])}, record_progress=False)')]


def scenarios(*ids: str) -> tuple[str, str]:
    return ("hidden", f'scenario_cards("{MODULE}", ids={_ids(list(ids))})')


CELLS = [
    ("md", "# FedRAMP: impact levels, baselines and authorization\n\n"
       "A federal agency (DoD included) that puts federal information in a cloud service needs that service "
       "to be FedRAMP authorized. This module shows how a system is sized with FIPS 199, how big each control "
       "baseline really is, what a provider does before and after authorization, and how the rules are "
       "changing in 2026. Each section ends with a short check; the quiz comes at the end."),
    ("hidden", "# Set-up: the course's tools for this module\n"
               "from compliance_course.lesson import objectives, show_fact, fact_table, key_points, misconceptions, sources\n"
               "from compliance_course.quiz import practice_quiz, scenario_cards\n"
               "from compliance_course.charts import fedramp as charts\n"
               "from compliance_course.decisions import fedramp\n"
               "from compliance_course.tools.fedramp import fips199_categoriser, remediation_calculator\n"
               "from compliance_course.workshop import workshop_poll"),
    ("hidden", f'objectives("{MODULE}")'),

    # 1 ─ what it is, who needs it, in law
    ("md", "## 1. What FedRAMP is, and who needs it\n\n"
       "A cloud company that wants federal agencies as customers needs a FedRAMP authorization "
       "(under the 2026 rules, a *certification*). Civilian agencies ask for it, DoD builds its own cloud "
       "impact levels on it, and state governments lean on it too. It is the largest security programme in "
       "this course, and the one most surrounded by confident numbers about cost and time (section 8 checks "
       "them). OMB leaves a few categories out, such as social media and search engines:"),
    ("hidden", 'show_fact("fedramp-scope")'),
    ("md", "FedRAMP began as an OMB policy in 2011. Congress wrote it into statute in the FedRAMP Authorization "
       "Act, now 44 U.S.C. 3607-3616. GSA runs the programme through its program management office (PMO); "
       "a small FedRAMP Board sets requirements; OMB issues the policy agencies follow. Few summaries mention "
       "that the Act has a **sunset**: its sections lapse unless Congress extends them (the date is in the "
       "Reference part at the end).\n\n"
       "Why one authorization serves many agencies: the law tells each agency to presume the FedRAMP "
       "assessment adequate. Each agency still grants its own authority to operate."),
    ("hidden", 'show_fact("fedramp-presumption-adequacy")'),
    ("md", "For years a provider could be authorized by one agency or by the Joint Authorization Board (JAB). "
       "The 2022 Act created the FedRAMP Board, and OMB memorandum M-24-15 rescinded the memo that had set "
       "up the JAB. If someone tells you to \"go for a JAB P-ATO\", their information predates 2024."),
    ("hidden", 'show_fact("fedramp-m-24-15")'),
    *check(1),

    # 2 ─ FIPS 199
    ("md", "## 2. Categorise the system: FIPS 199 and the high-water mark\n\n"
       "FIPS 199 asks three questions about the information in the system: how bad would it be if it were "
       "disclosed (confidentiality), altered (integrity) or unavailable (availability)? Each answer is "
       "low, moderate or high. FIPS 200 then takes the **highest** of the three, the high-water mark. "
       "Never average them. The decision engine does exactly this:"),
    ("code", 'fedramp.impact_level("low", "moderate", "low")'),
    ("md", "The baseline follows from the impact level, and the engine also counts its controls from the "
       "reference table:"),
    ("code", 'fedramp.baseline("low", "moderate", "low")'),
    ("md", "### Try it: the FIPS 199 categoriser\n\n"
       "Pick a rating for each objective. Tick the boxes that describe the offering. The tool shows the "
       "impact level, the baseline, its size and the reason. Try the public-website case: all low except "
       "integrity."),
    ("hidden", "fips199_categoriser()"),
    *check(2),

    # 3 ─ baselines
    ("md", "## 3. How big is each baseline?\n\n"
       "FedRAMP publishes its baselines as machine-readable OSCAL profiles that select controls from "
       "NIST SP 800-53 Rev 5. The course keeps a copy of those selections in a reference table, and every "
       "count below is computed from it. Compare the Rev 5 counts with the Rev 4 counts that many articles "
       "still quote as current."),
    ("hidden", "charts.rev4_vs_rev5()"),
    ("md", "The baselines nest: everything in Low is in Moderate, and everything in Moderate is in High. Most "
       "of the growth is in **enhancements**, the numbered additions to a control such as AC-2(1) (two "
       "charts in the Reference part show where). LI-SaaS (\"FedRAMP Tailored\") is not a smaller list. It "
       "has the same controls as Low and differs in how they are handled."),
    ("hidden", 'show_fact("fedramp-li-saas")'),
    ("md", "### Which baseline applies?\n\nRead each situation, choose, and press **Check**. The answer comes "
       "from the same decision engine you used above."),
    scenarios("fedramp-scn-public-cms", "fedramp-scn-case-files", "fedramp-scn-hr-portal",
              "fedramp-scn-emergency-iaas", "fedramp-scn-meeting-scheduler", "fedramp-scn-permit-portal",
              "fedramp-scn-paas-low"),
    *check(3),

    # 4 ─ path and continuous monitoring
    ("md", "## 4. Walk the path, then keep watch\n\n"
       "The Rev 5 path has four stages. The provider writes the System Security Plan (SSP); an independent "
       "third-party assessment organisation (3PAO) plans the test (SAP), runs it and reports (SAR); open "
       "findings go into the Plan of Action and Milestones (POA&M)."),
    ("hidden", "charts.path_table()"),
    ("md", "Authorization is the start, not the end. Every month the provider scans, updates its POA&M and "
       "inventory; every year a 3PAO assesses again. Under the 2026 rules a quarterly Ongoing Certification "
       f"Report takes over from the monthly POA&M; Rev 5 providers need it to keep their certification from "
       f"{day('fedramp-ccm-rev5-maintain')}. The other monitoring facts are in the Reference part at the end; "
       "section 5 takes the part that changes most: the deadlines for vulnerabilities."),
    ("hidden", 'show_fact("fedramp-conmon-monthly-poam")'),
    *check(4),

    # 5 ─ deadlines: legacy rule, VDR, calculator, scenarios
    ("md", "## 5. Which deadline? It depends on the discovery date\n\n"
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
       "The table gives the figures of both rules:"),
    ("hidden", 'fact_table("fedramp", tag="remediation")'),
    ("md", "The KEV catalog's due dates themselves come from a CISA directive: BOD 22-01 until "
       f"{day('fedramp-bod-26-04')}, when BOD 26-04 revoked it."),
    ("hidden", 'show_fact("fedramp-bod-26-04")'),
    ("md", "### Try it: the remediation calculator\n\n"
       "Start with the discovery date: the calculator shows which rule applies and asks only for "
       f"what that rule needs. Try a date in March 2026, then one after {day('fedramp-vdr-rev5-required')}. "
       "Then tick the KEV box and enter a due date. Then use it on five findings: read each one, work out "
       "the deadline, choose, and press **Check**."),
    ("hidden", "remediation_calculator()"),
    scenarios("fedramp-scn-remediation-moderate", "fedramp-scn-remediation-kev-earlier",
              "fedramp-scn-remediation-kev-later", "fedramp-scn-vdr-december", "fedramp-scn-vdr-not-reachable"),
    *check(5),

    # 6 ─ 20x and CR26
    ("md", "## 6. FedRAMP 20x and the Consolidated Rules for 2026\n\n"
       "FedRAMP 20x replaces long narrative documents with automated evidence and Key Security Indicators. "
       "The Consolidated Rules for 2026 (CR26) rename authorizations as certifications, sorted into "
       "classes A to D. A class says how much assurance information the provider supplies; the impact level "
       "still comes from FIPS 199. They are **different axes**."),
    ("hidden", 'show_fact("fedramp-cr26-classes")'),
    ("md", "The roadmap puts the law, OMB policy, the 20x pilots and the CR26 dates on one axis. Hover over a "
       "marker for the full fact and its source. The dates of the 2026 rules were checked on the date shown "
       "in each fact: check fedramp.gov before relying on them."),
    ("hidden", "charts.roadmap_timeline()"),
    *check(6),

    # 7 ─ related programmes
    ("md", "## 7. Related programmes: GovRAMP and DoD impact levels\n\n"
       "State and local buyers use GovRAMP (formerly StateRAMP). The Department of Defense relies on FedRAMP "
       "and adds its own impact levels, which start from FedRAMP baselines and add requirements."),
    ("hidden", 'fact_table("fedramp", tag="related")'),
    ("md", "The engine maps a kind of DoD data to its impact level. Controlled unclassified information:"),
    ("code", 'fedramp.dod_impact_level("cui")'),
    scenarios("fedramp-scn-dod-logistics"),
    *check(7),

    # 8 ─ claims
    ("md", "## 8. Checking the claims\n\n"
       "A widely copied glossary says Moderate \"covers 80% of federal civilian use cases\". Here is what "
       "the source behind that figure says, and a newer count:"),
    ("hidden", 'show_fact("fedramp-moderate-80-percent")'),
    ("hidden", 'show_fact("fedramp-moderate-73-percent")'),
    ("md", "The same glossary's time and cost range (12 to 24 months, 500,000 to 2,000,000 US dollars) is a market "
       "estimate: no FedRAMP publication gives one. Read the next fact carefully: it is an **estimate**, not "
       "an official figure. Quote such numbers with their source and the word *estimate*."),
    ("hidden", 'show_fact("fedramp-cost-time-estimates")'),
    ("md", "The glossary also says FedRAMP unlocks a federal cloud services market of more than 100 billion US "
       "dollars:"),
    ("hidden", 'show_fact("fedramp-market-size-claim")'),
    *check(8),

    ("md", "## Quiz\n\nQuestions from every section. Check each answer; every wrong choice explains its "
       "mistake. Your score is kept in your progress record when you finish the set."),
    ("hidden", f'practice_quiz("{MODULE}", ids={_ids(QUIZ)})'),
    ("collapsed", "## More practice\n\nOne more question, on the FedRAMP Board (its make-up is in the "
                  "Reference part). Not counted in your progress record."),
    ("hidden", f'practice_quiz("{MODULE}", ids={_ids(MORE_PRACTICE)}, record_progress=False)'),

    ("md", "## Key points"),
    ("hidden", f'key_points("{MODULE}")'),
    ("md", "### Common misconceptions"),
    ("hidden", f'misconceptions("{MODULE}")'),
    ("md", "## Sources"),
    ("hidden", f'sources("{MODULE}")'),

    ("collapsed", "## Reference\n\nFacts you need not memorise: the Act and its sunset, the Board, the end of "
                  "the JAB, where the controls sit, and the details of continuous monitoring."),
    ("hidden", 'show_fact("fedramp-act-enacted")'),
    ("hidden", 'show_fact("fedramp-act-sunset")'),
    ("hidden", 'show_fact("fedramp-board")'),
    ("hidden", 'show_fact("fedramp-jab-retired")'),
    ("md", "Where do the controls sit? Counted from the reference table, the families that add the most "
       f"controls from Low to High are {fastest_growing_families()}."),
    ("hidden", "charts.controls_per_family()"),
    ("md", "How each baseline grows from Low to High, controls and enhancements apart:"),
    ("hidden", "charts.baseline_growth()"),
    ("md", "Continuous monitoring in more detail: the monthly scans, the annual assessment, the new quarterly "
           "reports and detection cadences, the legacy patch rule, and the directive that created the KEV catalog."),
    ("hidden", 'show_fact("fedramp-conmon-monthly-scans")'),
    ("hidden", 'show_fact("fedramp-conmon-annual-assessment")'),
    ("hidden", 'show_fact("fedramp-ccm-rev5-maintain")'),
    ("hidden", 'show_fact("fedramp-cr26-vdr-class-c")'),
    ("hidden", 'show_fact("fedramp-si-2-patch-days")'),
    ("hidden", 'show_fact("fedramp-bod-22-01")'),

    ("collapsed", "## For facilitators\n\n"
                  "**The team poll.** When a facilitator runs this module with a team, answer the room's poll "
                  "here: the facilitator sees everyone's answers on a shared chart and reveals the right one "
                  "after the discussion. On your own, there is nothing to do here."),
    ("hidden", f'workshop_poll("{MODULE}")'),

    ("md", f"## Where next\n\n**Next:** [{NEXT.title}]({NEXT.notebook}) · [Back to start](00_start_here.ipynb)"),
]

_used = [i for ids in CHECKS.values() for i in ids] + QUIZ + MORE_PRACTICE
assert len(_used) == len(set(_used)), "a practice question appears twice"

if __name__ == "__main__":
    build(HERE.parent / "notebooks" / "05_fedramp.ipynb", CELLS)
