"""Build the course notebooks from their text sources, and show the estimated minutes.

    python -m compliance_course.lessons build [--check] [MODULE ...]
    python -m compliance_course.lessons minutes [--write]
"""
from __future__ import annotations

import argparse
import sys

from ..errors import CourseError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compliance_course.lessons", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write every notebook from course_data/lessons/<module>.md")
    b.add_argument("--check", action="store_true", help="write nothing; fail if a notebook is out of step")
    b.add_argument("modules", nargs="*", help="only these modules (ids of course_data/modules.yaml)")
    m = sub.add_parser("minutes", help="estimated minutes per module; --write puts them in modules.yaml")
    m.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from . import build
            lines = build(check=args.check, modules=args.modules or None)
            if args.check:
                for line in lines:
                    print(line, file=sys.stderr)
                if lines:
                    return 1
                print("every notebook is in step with its text source")
            else:
                print("\n".join(f"built {p}" for p in lines))
        else:
            from ..lesson import write_minutes
            for module, minutes, listed in write_minutes(write=args.write):
                note = "" if minutes == listed else f" (modules.yaml: {listed}" + (", updated)" if args.write else ")")
                print(f"{module}: {minutes} min{note}")
    except (CourseError, OSError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
