"""Does `make lab` start a JupyterLab that serves the start-here notebook, and stop cleanly?"""
from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _page_config(page: bytes) -> dict:
    """The JSON JupyterLab embeds in its page (what plugins it loads, which it disables)."""
    match = re.search(rb'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no jupyter-config-data in the Lab page"
    return json.loads(match.group(1))


def _status(url: str) -> int:
    try:
        return _get(url)[0]
    except urllib.error.HTTPError as err:
        return err.code


@contextlib.contextmanager
def _running(target: str, tmp_path: Path):
    """Start `make <target>` on a free port; yield (base URL, token, log file); stop it and check
    that nothing outlives it."""
    port, token = _free_port(), "course-test-token"
    venv = Path(sys.prefix)
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token} "
            f"--ServerApp.port_retries=0 --LabApp.workspaces_dir={tmp_path / 'ws'}")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("JUPYTER_CONFIG_PATH", None)
    log = (tmp_path / "lab.log").open("w+")
    proc = subprocess.Popen(["make", "--no-print-directory", target, f"VENV={venv}", f"LAB_ARGS={args}"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{base}/api/contents/00_start_here.ipynb?content=0&token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"JupyterLab did not start:\n{log.read()[-3000:]}")
                time.sleep(0.5)
        yield base, token, log
    finally:
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail(f"make {target} did not stop within 30 s of SIGTERM")
    deadline = time.monotonic() + 30
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(proc.pid), f"a JupyterLab process outlived make {target}"
    log.seek(0)
    assert "Shutting down" in log.read()


#: nbgrader's instructor plugins, hidden from learners (review m14).
INSTRUCTOR_PLUGINS = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                      "@jupyter/nbgrader:validate-assignment"}
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


def test_make_lab_serves_start_here_then_stops(tmp_path):
    with _running("lab", tmp_path) as (base, token, log):
        status, body = _get(f"{base}/api/contents/00_start_here.ipynb?content=0&token={token}")
        assert status == 200 and json.loads(body)["name"] == "00_start_here.ipynb"
        status, page = _get(f"{base}/lab/tree/00_start_here.ipynb?token={token}")
        assert status == 200 and b"JupyterLab" in page
        log.seek(0)
        assert "00_start_here.ipynb" in log.read()  # make lab opened the start-here notebook


def test_make_lab_is_for_learners_no_news_no_instructor_tools(tmp_path):
    """Review m14 and M11: no news pop-up, no Formgrader / Create Assignment / Validate."""
    with _running("lab", tmp_path) as (base, token, _log):
        config = _page_config(_get(f"{base}/lab?token={token}")[1])
        disabled = set(config["disabledExtensions"])
        assert INSTRUCTOR_PLUGINS | {NEWS_PLUGIN} <= disabled
        assert "@jupyter/nbgrader:assignment-list" not in disabled   # learners still fetch exams
        assert config.get("newsUrl") in (None, "", "None")
        # the instructor server side is off too, not only hidden
        assert _status(f"{base}/formgrader?token={token}") == 404
        # notebooks open with the kernel's language_info, so the kernel does not mark them changed
        _, body = _get(f"{base}/api/contents/00_start_here.ipynb?token={token}")
        info = json.loads(body)["content"]["metadata"]["language_info"]
        assert info["name"] == "python" and info["version"] == platform.python_version()
        assert info["codemirror_mode"] == {"name": "ipython", "version": 3}
    on_disk = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
    assert on_disk["metadata"]["language_info"] == {"name": "python"}   # the file is untouched


def test_make_lab_instructor_has_every_nbgrader_tool(tmp_path):
    with _running("lab-instructor", tmp_path) as (base, token, _log):
        disabled = set(_page_config(_get(f"{base}/lab?token={token}")[1])["disabledExtensions"])
        assert not INSTRUCTOR_PLUGINS & disabled and NEWS_PLUGIN in disabled
        assert _status(f"{base}/formgrader?token={token}") in (200, 302)
