"""Generate notebooks/00_start_here.ipynb.

The objectives and the module table are written into the notebook as Markdown, from
course_data, when the notebook is built: the front door reads well before anything runs
(rebuild after changing course_data/lessons/start_here.yaml or course_data/modules.yaml).
"""
from pathlib import Path

from nbbuild import build

from compliance_course.charts.course import pass_mark
from compliance_course.lesson import module_table, objectives

HERE = Path(__file__).resolve().parent
OBJECTIVES = "## What this course gives you\n\n" + objectives("start_here").data
MODULE_TABLE = module_table().data
CELLS = [
    ("md", """
# Start here: the Compliance Frameworks course

This course teaches the security and privacy frameworks a B2B software company meets when it sells:
**SOC 2, HIPAA, NIST SP 800-171, CMMC and FedRAMP**. It is written for people who work on compliance,
security, sales and engineering, and it assumes no programming.

**How to use a notebook:** choose *Run → Run All Cells* once when you open it. The tables, charts,
tools and questions then appear below the grey code cells. You never need to change any code.
"""),
    ("hidden", """
from compliance_course.lesson import objectives, key_points, misconceptions, sources, show_fact, fact_table, module_table
from compliance_course.charts import module_map, progress_chart
from compliance_course.quiz import practice_quiz
from compliance_course.tools.cross_framework import company_profile_tool
"""),
    ("md", OBJECTIVES),
    ("md", """
## How the course works

Each framework has its own module. A module opens with its objectives, explains the ideas in plain
words, shows tables and charts built from the course's data, lets you try a decision tool, walks
through realistic scenarios, and ends with a practice quiz, key points and sources.

Every fact comes with the primary source it rests on (a section of the Code of Federal Regulations,
a NIST publication, a fedramp.gov page, an AICPA publication). When a fact has not yet been checked
against its primary source, the course says so.
"""),
    ("md", "## The modules\n\nClick a module's name to open its notebook.\n\n" + MODULE_TABLE),
    ("md", """
## Which modules do you need?

Tick who your company sells to and what it handles: the list shows the frameworks that apply, in
the order to work on them, each with a link to its module.
"""),
    ("code", "company_profile_tool()"),
    ("md", """
**Suggested paths.** Everyone starts here, then:

- **Selling to businesses (sales, security questionnaires):** SOC 2, then the cross-framework module.
- **Health-tech:** HIPAA, then SOC 2 (health customers often ask for both).
- **Defence suppliers:** NIST SP 800-171 first (CMMC Level 2 assesses exactly its requirements and its
  score), then CMMC; FedRAMP only if you run a cloud service that holds the DoD's information.
- **Selling cloud services to federal agencies:** FedRAMP, then NIST SP 800-171 and CMMC if defence
  work is also planned.

Each module takes the minutes shown above; the cross-framework module compares all five and is best
taken last.
"""),
    ("code", "module_map()"),
    ("md", """
## Why this training counts

Security awareness training is not only good practice: the frameworks themselves require it, so the
record that you completed this course is evidence an auditor will look at.
"""),
    ("code", 'fact_table("start_here", tag="training-as-control")'),
    ("md", """
## Try it: three practice questions

Pick an answer and press **Check**. If it is right, you see why and the source. If not, you see what
is wrong with your choice and a hint: try again, or press **Show answer**. Your score counts first
tries. When all three are tried, it is saved on this computer.
"""),
    ("code", 'practice_quiz("start_here")'),
    ("md", "## Your progress\n\nYour best practice score in each module so far. The chart updates when you "
           "finish a practice set."),
    ("code", "progress_chart()"),
    ("md", """
## How certification works

Practice quizzes are for learning. Certification exams are separate notebooks that your instructor
releases through nbgrader:

1. Each answer is saved to a file beside the exam notebook the moment you click it, and a check cell
   tells you whether every question has an answer before you submit.
2. The exam shows no right or wrong while you take it.
3. Your instructor grades all submissions together, then releases feedback showing the right answer
   and the explanation for each question.
4. The pass mark and your result go into a completion record (who, which exam, which content version,
   when, score), which is the evidence for the training controls above.
"""),
    ("md", f"You pass a certification exam with at least **{pass_mark():g} %** of its points, unless your "
           "instructor sets another pass mark for your group."),
    ("md", "## Key points"),
    ("code", 'key_points("start_here")'),
    ("code", 'misconceptions("start_here")'),
    ("md", "## Sources"),
    ("code", 'sources("start_here")'),
]

if __name__ == "__main__":
    build(HERE.parent / "notebooks" / "00_start_here.ipynb", CELLS)
