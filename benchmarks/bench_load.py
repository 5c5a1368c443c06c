"""How long does loading and validating all of course_data take? Target: under 0.5 s.

Run: .venv/bin/python benchmarks/bench_load.py [repeats]
Prints the median and worst of cold loads (cache cleared each time), after imports.
"""
from __future__ import annotations

import statistics
import sys
import time

from compliance_course.data import load_course


def main(repeats: int = 10) -> None:
    times = []
    for _ in range(repeats):
        load_course.cache_clear()
        start = time.perf_counter()
        course = load_course()
        times.append(time.perf_counter() - start)
    print(f"course_data: {len(course.modules)} modules, {len(course.facts)} facts, "
          f"{len(course.questions)} questions, {len(course.scenarios)} scenarios")
    print(f"load_course (cold, {repeats} runs): median {statistics.median(times):.3f} s, "
          f"worst {max(times):.3f} s (target < 0.5 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
