"""Command line for facilitators.

    python -m compliance_course.workshop guide hipaa --out build/workshop
    python -m compliance_course.workshop guide --all --minutes 90 --format md
    python -m compliance_course.workshop cards hipaa
    python -m compliance_course.workshop tally --folder /srv/course/poll [--module hipaa]
    python -m compliance_course.workshop poll-reset --folder /srv/course/poll
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..data import load_course
from ..errors import CourseError
from .document import to_html, to_markdown
from .guide import answers_document, cards_document, guide_document
from .models import WORKSHOP_LENGTHS, load_workshop
from .poll import ENV_VAR, read_poll, reset_poll

DEFAULT_OUT = Path("build") / "workshop"


def _modules(args, course) -> list[str]:
    if args.all:
        return [m for m in course.modules if m in course.lessons or args.command == "cards"]
    if not args.module:
        raise SystemExit(f"name a module or pass --all; modules: {', '.join(course.modules)}")
    unknown = [m for m in args.module if m not in course.modules]
    if unknown:
        raise SystemExit(f"unknown module {unknown[0]!r}; modules: {', '.join(course.modules)}")
    return args.module


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compliance_course.workshop",
                                     description="Facilitator kits and live poll results for team workshops.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("guide", "write facilitator guides (timed agenda, prompts, misconceptions, answers)"),
                       ("cards", "write printable scenario cards and the facilitator's answer sheet")):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("module", nargs="*", help="module id(s), e.g. hipaa")
        p.add_argument("--all", action="store_true", help="every module (with a lesson, for guides)")
        p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
        if name == "guide":
            p.add_argument("--minutes", type=int, choices=WORKSHOP_LENGTHS, action="append",
                           help="workshop length; repeat for both (default: 60 and 90)")
            p.add_argument("--format", choices=("html", "md"), action="append",
                           help="html (printable) and/or md; repeat for both (default: both)")
    t = sub.add_parser("tally", help="print the room's answers from the poll folder")
    t.add_argument("--folder", help=f"poll folder (default ${ENV_VAR})")
    t.add_argument("--module", help="only this module's scenarios")
    r = sub.add_parser("poll-reset", help="start a fresh poll: answers sent before now no longer count",
                       description="Start a fresh poll: answers sent before now no longer count. Run it as the "
                                   "facilitator account that owns the poll folder (or root); nothing is deleted.")
    r.add_argument("--folder", help=f"poll folder (default ${ENV_VAR})")
    args = parser.parse_args(argv)

    try:
        if args.command == "poll-reset":
            mark = reset_poll(args.folder)
            print(f"poll reset: answers sent before now no longer count ({mark})")
            return 0
        course = load_course()
        if args.command == "tally":
            return _tally(args, course)
        modules = _modules(args, course)
        if args.command == "guide":
            workshop = load_workshop(course.root)
            render = {"html": to_html, "md": to_markdown}
            for m in modules:
                for length in args.minutes or WORKSHOP_LENGTHS:
                    doc = guide_document(m, length, course=course, workshop=workshop)
                    for fmt in args.format or ("html", "md"):
                        _write(args.out / f"{m}-guide-{length}min.{fmt}", render[fmt](doc))
        else:
            for m in modules:
                _write(args.out / f"{m}-cards.html", to_html(cards_document(m, course=course)))
                _write(args.out / f"{m}-answers.html", to_html(answers_document(m, course=course)))
    except (CourseError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _tally(args, course) -> int:
    results = read_poll(args.folder, course=course)
    modules = [args.module] if args.module else list(course.modules)
    for m in modules:
        for s in course.scenarios_for(m):
            if s.id not in set(results.answers["question"]):
                continue
            votes = results.counts(s)
            print(f"{s.id}: {int(votes.sum())} answer(s)")
            for option, n in votes.items():
                print(f"  {n:3d}  {option}")
    for name, reason in results.problems:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
