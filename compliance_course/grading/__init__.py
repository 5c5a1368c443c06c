"""Certification exams with nbgrader: build, release, collect, grade, feedback, reports, certificates.

Instructors use the command line: ``python -m compliance_course.grading --help``
(see ``autograder/README.md``). The learner's exam notebook imports only
:mod:`compliance_course.grading.paper`.
"""
