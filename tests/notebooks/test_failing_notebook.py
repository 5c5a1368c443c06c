"""Does a notebook with a failing cell make the test run fail, naming the cell and the error?"""
from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES


def test_failing_cell_fails_nbval_with_a_clear_message(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
         "-o", "addopts=", str(FIXTURES / "failing_cell.ipynb")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 failed, 1 passed" in result.stdout
    assert "ZeroDivisionError" in result.stdout
    assert "failing_cell.ipynb::Cell 1" in result.stdout
