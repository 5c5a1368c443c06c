"""nbgrader configuration of the certification exams (see README.md here).

Values an instructor may want to change per run come from environment variables:

- NBGRADER_EXCHANGE   the exchange folder shared with learners (default /srv/nbgrader/exchange)
- EXAM_CELL_TIMEOUT   seconds a cell may run while autograding before it is stopped (default 30)
"""
import os

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "compliance-course"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")
# No response file may sit in source/: autograde would copy it over every learner's answers.
# The build and release commands remove any they find (it cannot be excluded here, because the
# same ignore list would also drop the learners' response files from their submissions).

c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")

# What the written-answer cell says in the released exam: how to type into it. The grade command
# reads this text back from the release to tell an unanswered cell from an answer.
c.ClearSolutions.text_stub = ("YOUR ANSWER HERE. Double-click this cell, replace these two sentences "
                              "with your answer, then press Shift + Enter.")

# Formgrader renders autograded notebooks with this exporter in the instructor's browser origin.
# The grade command already puts learner text in them as escaped text; the sanitizer is a second
# line of defence, so raw HTML or script in any notebook it shows is removed, never run.
c.HTMLExporter.sanitize_html = True

# A learner's cell that runs forever is stopped and marked as an error; marking goes on.
c.Execute.timeout = int(os.environ.get("EXAM_CELL_TIMEOUT", "30"))
c.Execute.interrupt_on_timeout = True

# A deleted graded cell is put back from the gradebook, so deleting a test cannot help.
c.OverwriteCells.add_missing_cells = True

# Returned zips are collected by `python -m compliance_course.grading collect --zips`, in project
# code (compliance_course/grading/zips.py), not by `nbgrader zip_collect`: nbgrader's file-name
# plugin took the student id from paths inside a zip, so one learner's zip could fill another's folder.
