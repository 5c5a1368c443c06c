"""Instructor commands: ``python -m compliance_course.grading <command>``.

    build                         exam source notebooks + rubrics from course_data
    release [--exchange] [--no-zips]   student versions (no key), one zip per exam and/or the exchange
    collect --exchange | --zips FOLDER --exam ID
    grade [--exam ID] [--student ID]   mark response files (no learner code runs), problems per student
    score-written EXAM STUDENT POINTS [--comment TEXT]
    feedback [--include-pending] [--exchange]     HTML feedback for graded submissions
    report [--threshold 0.8]      grades, completion records, item analysis
    certificates                  one verifiable HTML certificate per pass
    verify FILE...                check certificates (exit 1 if any fails)

Every command takes ``--root`` (the nbgrader course folder; default ``autograder/``
or ``$AUTOGRADER_ROOT``). Course content comes from ``$COURSE_DATA`` or ``course_data/``.
"""
from __future__ import annotations

import argparse
import os
import sys

from ..data import load_course
from ..errors import CourseError
from .course import AutograderDir, NbgraderError
from .models import resolve_exams


def _exams(args):
    exams = resolve_exams(load_course())
    wanted = getattr(args, "exam", None)
    if wanted:
        exams = [e for e in exams if e.id in wanted]
        missing = set(wanted) - {e.id for e in exams}
        if missing:
            raise SystemExit(f"unknown exam(s): {', '.join(sorted(missing))}")
    return exams


class _Parser(argparse.ArgumentParser):
    """Bad command-line input is one line, not a usage block."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    # gradebook, reports, autograded notebooks, feedback: readable by the instructor only
    old_umask = os.umask(0o077)
    try:
        return _main(argv)
    finally:
        os.umask(old_umask)  # (matters only when called in-process, e.g. by tests)


def _main(argv: list[str] | None) -> int:
    p = _Parser(prog="python -m compliance_course.grading", description=__doc__.split("\n")[0])
    p.add_argument("--root", help="the nbgrader course folder (default: autograder/)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build exam source notebooks from course_data")
    r = sub.add_parser("release", help="generate student versions; zip and/or release to the exchange")
    r.add_argument("--exam", action="append")
    r.add_argument("--exchange", action="store_true", help="also release to the nbgrader exchange")
    r.add_argument("--no-zips", action="store_true", help="do not write release/<exam>.zip")
    c = sub.add_parser("collect", help="collect submissions from the exchange or from returned zips")
    c.add_argument("--exam", action="append")
    g0 = c.add_mutually_exclusive_group(required=True)
    g0.add_argument("--exchange", action="store_true")
    g0.add_argument("--zips", metavar="FOLDER", help="folder of returned <student_id>.zip files (one --exam)")
    g = sub.add_parser("grade", help="mark every submission's response file (no learner code runs)")
    g.add_argument("--exam", action="append")
    g.add_argument("--student", action="append")
    g.add_argument("--no-progress", action="store_true")
    s = sub.add_parser("score-written", help="record a grader's score for a written answer")
    s.add_argument("exam_id")
    s.add_argument("student")
    s.add_argument("points", type=float)
    s.add_argument("--comment", default="")
    f = sub.add_parser("feedback", help="HTML feedback for fully graded submissions")
    f.add_argument("--exam", action="append")
    f.add_argument("--include-pending", action="store_true")
    f.add_argument("--exchange", action="store_true", help="also release feedback through the exchange")
    rp = sub.add_parser("report", help="grades, completion records and item analysis")
    rp.add_argument("--exam", action="append")
    rp.add_argument("--threshold", type=float, default=None, help="pass mark as a share, e.g. 0.8")
    ce = sub.add_parser("certificates", help="certificates for every pass")
    ce.add_argument("--exam", action="append")
    v = sub.add_parser("verify", help="verify certificate files")
    v.add_argument("files", nargs="+")
    args = p.parse_args(argv)
    ag = AutograderDir.at(args.root)
    try:
        return _run(args, ag)
    except (CourseError, NbgraderError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run(args, ag: AutograderDir) -> int:
    cmd = args.command
    if cmd == "build":
        from .build import build_exams
        for e in build_exams(ag):
            print(f"{e.id}: {len(e.questions)} questions + written '{e.written.id}', {e.max_score:g} points "
                  f"-> {ag.source / e.id / e.notebook}")
    elif cmd == "release":
        from .release import release
        exams = [e.id for e in _exams(args)]
        for z in release(ag, exams, exchange=args.exchange, zips=not args.no_zips):
            print(f"zip: {z}")
        print(f"released: {', '.join(exams)}" + (" (exchange)" if args.exchange else ""))
    elif cmd == "collect":
        from .release import collect_exchange, collect_zips
        if args.exchange:
            collect_exchange(ag, [e.id for e in _exams(args)])
        else:
            if not args.exam or len(args.exam) != 1:
                raise SystemExit("collect --zips needs exactly one --exam")
            students = collect_zips(ag, args.exam[0], args.zips)
            print(f"collected {len(students)} submission(s): {', '.join(students)}")
    elif cmd == "grade":
        from .grade import grade_all
        results = grade_all(ag, exams=args.exam, students=args.student, progress=not args.no_progress)
        graded = sum(r.graded for r in results)
        print(f"graded {graded} of {len(results)} submission(s)")
        for r in results:
            for problem in r.problems:
                print(f"PROBLEM {r.exam}/{r.student}: {problem}")
        differences = sum(len(r.differences) for r in results)
        if differences:
            print(f"{differences} difference(s) from the release, ignored for marking")
        print(f"problems listed in {ag.reports / 'grading-problems.csv'}")
    elif cmd == "score-written":
        from .gradebook import set_written_score
        exam = next((e for e in resolve_exams(load_course()) if e.id == args.exam_id), None)
        if exam is None:
            raise SystemExit(f"unknown exam {args.exam_id!r}")
        set_written_score(ag, exam, args.student, args.points, args.comment)
    elif cmd in ("feedback", "report", "certificates"):
        from .records import load_records
        from .report import check_threshold
        check_threshold(getattr(args, "threshold", None))
        exams = _exams(args)
        records = load_records(ag, exams)
        if cmd == "feedback":
            from .feedback import release_feedback_exchange, write_feedback
            files, skipped = write_feedback(ag, records, load_course().questions, args.include_pending)
            print(f"feedback written for {len(files)} submission(s)")
            for line in skipped:
                print(f"SKIPPED {line}")
            if args.exchange:
                release_feedback_exchange(ag, exams)
        elif cmd == "report":
            from .report import write_reports
            for path in write_reports(ag, records, args.threshold):
                print(path)
        else:
            from .certificates import write_certificates
            files = write_certificates(ag, records)
            print(f"{len(files)} certificate(s) in {ag.reports / 'certificates'}")
    elif cmd == "verify":
        from .certificates import secret, verify
        key = secret(ag)
        bad = 0
        for f in args.files:
            ok, reason = verify(f, key)
            bad += not ok
            print(f"{'OK  ' if ok else 'FAIL'} {f}: {reason}")
        return 1 if bad else 0
    return 0
