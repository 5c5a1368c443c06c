"""Do pyproject.toml (pip) and environment.yml (conda) install the same packages?"""
from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI: dict[str, str] = {}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    name = match.group(1).lower().replace("_", "-")
    return CONDA_TO_PYPI.get(name, name), match.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = dict(_split(r) for r in project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pip_side.update(_split(r) for r in extra)
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side = dict(_split(d) for d in env["dependencies"] if isinstance(d, str))
    conda_side.pop("pip", None)
    python_spec = conda_side.pop("python")
    assert python_spec == f"{project['requires-python']}"
    assert conda_side == pip_side


def test_key_versions_are_the_ones_the_course_targets():
    """jupyterlab 4, notebook 7, nbgrader 0.9, ipywidgets 8, as the course is built for."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = dict(_split(r) for r in project["dependencies"])
    assert specs["jupyterlab"].endswith("<5") and specs["notebook"].endswith("<8")
    assert specs["nbgrader"].endswith("<0.10") and specs["ipywidgets"].endswith("<9")


def test_nbformat_does_not_pull_in_the_slow_iri_parser():
    """Importing nbformat (plotly does it for every chart) must not build rfc3987_syntax's parsers.

    This is why pyproject.toml caps jsonschema: if the cap is lifted while jsonschema still
    imports rfc3987_syntax at import time, every kernel's first chart is 3 s slower again."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import sys, nbformat, plotly.io._renderers; "
                               "print('rfc3987_syntax' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", "nbformat's import built rfc3987_syntax's parsers"
