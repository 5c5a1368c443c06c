"""How long until a learner's kernel shows its first chart, and what does the import chain cost?

Run: .venv/bin/python benchmarks/bench_startup.py [repeats]
Each figure is a fresh Python process (as a new kernel is); the median and worst are printed.
"import nbformat" is what plotly pays before its first chart in a notebook (its renderer checks
nbformat's version), and what the Jupyter server, nbval and every nbgrader run pay at start.
jsonschema 4.25-4.26 add about 3 s to it (they build rfc3987_syntax's parsers at import); see
the jsonschema cap in pyproject.toml.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

STEPS = {
    "import nbformat": "import nbformat",
    "import the Jupyter server's event validators": "import jupyter_events.validators",
    "first course chart as a notebook output": (
        "from compliance_course.charts.soc2 import criteria_chart\n"
        "criteria_chart()._repr_mimebundle_()"),
}


def seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main(repeats: int = 3) -> None:
    baseline = statistics.median(seconds("pass") for _ in range(repeats))
    print(f"python start-up: {baseline:.2f} s (included below)")
    for label, code in STEPS.items():
        times = [seconds(code) for _ in range(repeats)]
        print(f"{label}: median {statistics.median(times):.2f} s, worst {max(times):.2f} s ({repeats} runs)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
