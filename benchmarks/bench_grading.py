"""Benchmark: the grade command on 1,000 submissions against serial `nbgrader autograde` on a sample.

    .venv/bin/python benchmarks/bench_grading.py [-n 1000] [--sample 21]

Makes N synthetic submissions spread over the forms fixture course's three exams (three parallel
items per slot, so each learner answers their own form): right, wrong and mixed answers,
first-choice clickers, written answers, added cells, damaged response files. It
grades all of them with `python -m compliance_course.grading grade` (a separate process, timed
from start to exit), then runs plain serial `nbgrader autograde` on honest notebooks rebuilt
from the release for a sample of them (the same rebuild as tests/grading/test_same_as_nbgrader.py).
It prints both rates, the ratio, whether the sample's per-cell scores are identical, the
machine and its load average (the machine is shared: other work slows both sides).
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=1000, help="synthetic submissions (default 1000)")
    p.add_argument("--sample", type=int, default=21, help="of them, graded by nbgrader autograde too (default 21)")
    args = p.parse_args()
    if args.sample < 1 or args.n < args.sample:
        p.error("need 1 <= --sample <= -n")
    os.environ["COURSE_DATA"] = str(REPO / "tests" / "fixtures" / "exam_forms_course")  # three items per slot
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    from compliance_course.data import load_course
    from compliance_course.grading import simulate
    from compliance_course.grading.build import build_exams
    from compliance_course.grading.course import AutograderDir
    from compliance_course.grading.release import generate

    load_course.cache_clear()
    tmp = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        ag = AutograderDir.at(tmp / "course")
        ag.root.mkdir()
        shutil.copy2(REPO / "autograder" / "nbgrader_config.py", ag.root)
        exams = build_exams(ag)
        generate(ag, [e.id for e in exams])
        ref = AutograderDir.at(tmp / "reference")
        shutil.copytree(ag.root, ref.root)
        rng = random.Random(1)
        made = time.perf_counter()
        subs = []
        for i in range(args.n):
            exam = exams[i % len(exams)]
            student = f"learner{i:04d}"
            kind = rng.choice(["mixed", "mixed", "mixed", "first", "right", "added-cell", "damaged"])
            if kind == "first":
                answers = simulate.first_shown(exam, student)[0]
            else:
                answers = simulate.planted(exam, [kind == "right" or rng.random() < 0.6 for _ in exam.slots], student)
            written = "The host keeps ePHI for us." if rng.random() < 0.5 else ""
            folder = ag.submitted / student / exam.id
            simulate.submit(folder, exam, ag.release / exam.id / exam.notebook, answers, written=written,
                            response="corrupt" if kind == "damaged" else "ok",
                            extra_code="print('hello')" if kind == "added-cell" else None)
            subs.append((exam, student, written))
        made = time.perf_counter() - made
        sample = rng.sample(subs, args.sample)
        for exam, student, written in sample:
            simulate.honest_rebuild(ref.submitted / student / exam.id, exam, ag.release / exam.id / exam.notebook,
                                    ag.submitted / student / exam.id / exam.responses_file, written)

        load_before = os.getloadavg()
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "compliance_course.grading", "--root", str(ag.root), "grade",
                               "--no-progress"], capture_output=True, text=True, cwd=REPO)
        ours = time.perf_counter() - t0
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-2000:])
            return 1
        graded = done.stdout.splitlines()[0]
        t0 = time.perf_counter()
        for exam in exams:
            if any(e is exam for e, _, _ in sample):
                ref.run("autograde", exam.id, "--force", timeout=None)
        serial = time.perf_counter() - t0
        load_after = os.getloadavg()

        picked = {(e.id, s) for e, s, _ in sample}
        same = True
        for exam in exams:
            mine = {k: v for k, v in simulate.gradebook_scores(ag.db_url, exam.id).items() if (exam.id, k[0]) in picked}
            theirs = simulate.gradebook_scores(ref.db_url, exam.id)
            same &= mine == theirs
        rate, serial_rate = args.n / ours, args.sample / serial
        print(f"machine: {os.cpu_count()} CPU(s), {cpu_model()}, Python {platform.python_version()}")
        print(f"submissions: {args.n} over {len(exams)} exams ({', '.join(e.id for e in exams)}), "
              f"made in {made:.1f} s; {graded}")
        print(f"grade command (whole process):  {ours:7.1f} s for {args.n:5d}  {rate:8.1f} submissions/s")
        print(f"serial nbgrader autograde:      {serial:7.1f} s for {args.sample:5d}  {serial_rate:8.2f} submissions/s")
        print(f"ratio (grade rate / nbgrader rate): {rate / serial_rate:.0f}x")
        print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}   after: {:.2f} {:.2f} {:.2f}".format(
            *load_before, *load_after))
        print(f"results identical on the sample of {args.sample}: {'yes' if same else 'NO'}")
        return 0 if same else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
