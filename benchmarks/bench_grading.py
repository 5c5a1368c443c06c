"""Benchmark: serial `nbgrader autograde` against the parallel grade command, same submissions.

    .venv/bin/python benchmarks/bench_grading.py [-n 40] [--jobs N]

Makes N synthetic submissions of the fixture course's HIPAA exam (a mix of right and wrong
answers) in two temporary copies of the course, grades one with a single `nbgrader autograde`
run and the other with `grade_all`, prints submissions per second for each and the ratio,
and checks that every student's per-cell scores are identical.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def scores(db_url: str, exam: str) -> dict:
    from nbgrader.api import Gradebook
    with Gradebook(db_url) as gb:
        return {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                for s in gb.find_assignment(exam).submissions for nb in s.notebooks for g in nb.grades}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=40, help="synthetic submissions (default 40)")
    p.add_argument("--jobs", type=int, default=None, help="grade workers (default: CPU count)")
    args = p.parse_args()
    os.environ["COURSE_DATA"] = str(REPO / "tests" / "fixtures" / "exam_course")
    from compliance_course.data import load_course
    from compliance_course.grading import simulate
    from compliance_course.grading.build import build_exams
    from compliance_course.grading.course import AutograderDir
    from compliance_course.grading.grade import grade_all
    from compliance_course.grading.release import generate

    load_course.cache_clear()
    tmp = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        ag_serial = AutograderDir.at(tmp / "serial")
        ag_serial.root.mkdir()
        shutil.copy2(REPO / "autograder" / "nbgrader_config.py", ag_serial.root)
        exam = {e.id: e for e in build_exams(ag_serial)}["hipaa_exam"]
        generate(ag_serial, [exam.id])
        rng = random.Random(1)
        for i in range(args.n):
            right = [rng.random() < 0.6 for _ in exam.questions]
            simulate.submit(ag_serial.submitted / f"learner{i:03d}" / exam.id, exam,
                            ag_serial.release / exam.id / exam.notebook, simulate.planted(exam, right))
        shutil.copytree(ag_serial.root, tmp / "parallel")
        ag_par = AutograderDir.at(tmp / "parallel")

        t0 = time.perf_counter()
        ag_serial.run("autograde", exam.id, "--force", timeout=None)
        serial = time.perf_counter() - t0
        t0 = time.perf_counter()
        results = grade_all(ag_par, jobs=args.jobs)
        parallel = time.perf_counter() - t0

        same = scores(ag_serial.db_url, exam.id) == scores(ag_par.db_url, exam.id)
        failed = [r.student for r in results if not r.graded]
        print(f"submissions: {args.n}   workers: {args.jobs or os.cpu_count()}   cpus: {os.cpu_count()}")
        print(f"serial nbgrader autograde: {serial:7.1f} s  {args.n / serial:6.2f} submissions/s")
        print(f"parallel grade command:    {parallel:7.1f} s  {args.n / parallel:6.2f} submissions/s")
        print(f"ratio (parallel / serial rate): {serial / parallel:.2f}x")
        print(f"results identical to serial: {'yes' if same else 'NO'}" + (f"; not graded: {failed}" if failed else ""))
        return 0 if same and not failed else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
