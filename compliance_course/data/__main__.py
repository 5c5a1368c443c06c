"""Command line for course data: ``python -m compliance_course.data <command>``.

Commands:

* ``freshness``: how current the content is (facts by the age of their check, facts not
  checked against a primary source, rule changes coming up and the items resting on them).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import CourseDataError
from . import freshness


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compliance_course.data",
                                     description="Tools for the course content in course_data/.")
    commands = parser.add_subparsers(dest="command", required=True)
    fresh = commands.add_parser("freshness", help="how current is the content? (prints a report)",
                                description=freshness.__doc__.splitlines()[0])
    freshness.add_arguments(fresh)
    fresh.set_defaults(run=freshness.run)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except CourseDataError as exc:
        print(f"course data has problems; fix them first:\n{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
