"""Instructor commands: ``python -m compliance_course.grading <command>``.

    build                         exam source notebooks + rubrics from course_data
    release [--exchange] [--no-zips]   student versions (no key), one zip per exam and/or the exchange
    collect --exchange | --zips FOLDER --exam ID [--replace]   each refusal named; the batch goes on
    grade [--exam ID] [--student ID]   mark response files (no learner code runs), problems per student
    score-written EXAM STUDENT POINTS [--comment TEXT]
    feedback [--include-pending] [--exchange]     HTML feedback for graded submissions
    report [--threshold 0.8]      grades, completion records, item analysis
    certificates                  one verifiable HTML certificate per pass; revokes those no longer passing
    verify FILE...                check certificates against the registry (exit 1 if any fails)
    revoke CODE|FILE... --reason TEXT   revoke issued certificates
    bank show | init DEST | split   the exam bank: which one is used; start a private one; move exam items

Every command takes ``--root`` (the nbgrader course folder; default ``autograder/``
or ``$AUTOGRADER_ROOT``) and ``--bank`` (the exam bank; default ``$COURSE_EXAM_BANK``,
else ``autograder/exam_bank/``, the public sample). Course content comes from
``$COURSE_DATA`` or ``course_data/``.
"""
from __future__ import annotations

import argparse
import os
import sys

from ..errors import CourseError
from .course import AutograderDir, NbgraderError
from .models import resolve_exams


def _course(args):
    """The course data with the exam bank the instructor chose (``--bank``, ``$COURSE_EXAM_BANK``)."""
    from .bank import load_exam_course
    return load_exam_course(getattr(args, "bank", None))


def _exams(args):
    exams = resolve_exams(_course(args))
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
    p.add_argument("--bank", help="the exam bank folder (default: $COURSE_EXAM_BANK, else autograder/exam_bank/)")
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
    c.add_argument("--replace", action="store_true",
                   help="with --zips: a zip replaces a different submission already collected (said per learner)")
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
    v = sub.add_parser("verify", help="verify certificate files against the registry")
    v.add_argument("files", nargs="+")
    rv = sub.add_parser("revoke", help="revoke issued certificates (by verification code or file)")
    rv.add_argument("targets", nargs="+", metavar="CODE_OR_FILE")
    rv.add_argument("--reason", required=True, help="why; kept in the registry and shown by verify")
    b = sub.add_parser("bank", help="the exam bank: show it, start a private one, move exam items into it")
    bsub = b.add_subparsers(dest="bank_command", required=True)
    bsub.add_parser("show", help="which bank the commands use, and what it holds")
    bi = bsub.add_parser("init", help="start a private bank (0700) from the bank in use")
    bi.add_argument("dest")
    bs = bsub.add_parser("split", help="move every use: exam item of course_data into the repository's bank")
    bs.add_argument("--data", help="the course data folder (default: $COURSE_DATA, else course_data/)")
    bs.add_argument("--to", help="the bank to move them into (default: autograder/exam_bank/)")
    args = p.parse_args(argv)
    if args.bank:  # grading workers and nbgrader subprocesses read the same bank
        import os
        os.environ["COURSE_EXAM_BANK"] = args.bank
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
        for e in build_exams(ag, _course(args)):
            print(f"{e.id}: {len(e.slots)} slots ({len(e.questions)} items) + written '{e.written.id}', "
                  f"{e.max_score:g} points -> {ag.source / e.id / e.notebook}")
    elif cmd == "release":
        from .release import release
        exams = [e.id for e in _exams(args)]
        for z in release(ag, exams, exchange=args.exchange, zips=not args.no_zips):
            print(f"zip: {z}")
        print(f"released: {', '.join(exams)}" + (" (exchange)" if args.exchange else ""))
    elif cmd == "collect":
        from .collect import write_problems_csv
        from .release import collect_exchange, collect_zip_report
        if args.exchange:
            report = collect_exchange(ag, [e.id for e in _exams(args)])
        else:
            if not args.exam or len(args.exam) != 1:
                raise SystemExit("collect --zips needs exactly one --exam")
            report = collect_zip_report(ag, args.exam[0], args.zips, replace=args.replace)
        print(f"collected {len(report.collected)} submission(s)"
              + (f": {', '.join(report.students)}" if report.students else ""))
        for line in report.lines():
            print(line)
        path = write_problems_csv(ag, report, "exchange" if args.exchange else f"zips {args.zips}")
        if report.problems:
            print(f"{len(report.problems)} problem(s), listed in {path}")
    elif cmd == "grade":
        from .grade import grade_all
        results = grade_all(ag, exams=args.exam, students=args.student, progress=not args.no_progress,
                            course=_course(args))
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
        exam = next((e for e in resolve_exams(_course(args)) if e.id == args.exam_id), None)
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
            files, skipped = write_feedback(ag, records, _course(args).questions, args.include_pending)
            print(f"feedback written for {len(files)} submission(s)")
            for line in skipped:
                print(f"SKIPPED {line}")
            if args.exchange:
                release_feedback_exchange(ag, exams)
        elif cmd == "report":
            from .models import pass_percent
            from .report import write_reports
            for path in write_reports(ag, records, args.threshold):
                print(path)
            differ = sorted({f"{r.exam.id} {pass_percent(r.exam.pass_threshold)} %" for r in records
                             if args.threshold is not None and r.exam.pass_threshold != args.threshold})
            if differ:
                print(f"NOTE --threshold {pass_percent(args.threshold)} % applies to completion-records.csv only; "
                      f"certificates follow each exam's own pass mark in exams.yaml ({', '.join(differ)})")
        else:
            from .certificates import sync_certificates
            run = sync_certificates(ag, records, [e.id for e in exams])
            for line in run.revoked:
                print(f"REVOKED {line}")
            for line in run.withheld:
                print(f"WITHHELD {line}")
            print(f"{len(run.written)} certificate(s) in {ag.reports / 'certificates'}")
    elif cmd == "verify":
        from .certificates import registry_path, secret, verify
        from .registry import Registry
        key = secret(ag)
        registry = Registry.load(registry_path(ag), must_exist=True)
        bad = 0
        for f in args.files:
            ok, reason = verify(f, key, registry)
            bad += not ok
            print(f"{'OK  ' if ok else 'FAIL'} {f}: {reason}")
        return 1 if bad else 0
    elif cmd == "revoke":
        from .certificates import revoke
        results = revoke(ag, args.targets, args.reason)
        for done, line in results:
            print(f"{'REVOKED' if done else 'NOT REVOKED'} {line}")
        return 0 if all(done for done, _ in results) else 1
    elif cmd == "bank":
        return _bank(args)
    return 0


def _bank(args) -> int:
    from . import bank
    if args.bank_command == "show":
        path = bank.bank_path(args.bank)
        course = bank.load_exam_course(args.bank)
        questions = course.questions_for(use="exam")
        scenarios = [s for s in course.scenarios.values() if s.use == "exam"]
        print(f"exam bank: {bank.describe(path)}")
        print(f"{len(questions)} exam question(s), {len(scenarios)} exam scenario(s), "
              f"{len(resolve_exams(course))} exam(s); content version {course.version}")
    elif args.bank_command == "init":
        result = bank.init_bank(args.dest, args.bank)
        print(f"private exam bank started at {args.dest} ({len(result.written)} file(s), instructor-only)")
        print(f"use it with --bank {args.dest} or: export COURSE_EXAM_BANK={args.dest}")
    else:
        result = bank.split(args.data, args.to)
        for line in result.moved:
            print(f"moved {line}")
        for ident in result.replaced:
            print(f"replaced {ident} in the bank by the newer text from course_data")
        print(f"{len(result.written)} file(s) written" if result.written else "nothing to move: no exam items "
              "left in course_data")
    return 0
