"""Does `make lab` start a JupyterLab that serves the start-here notebook, and stop cleanly?"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
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


def test_make_lab_serves_start_here_then_stops(tmp_path):
    port, token = _free_port(), "course-test-token"
    venv = Path(sys.prefix)
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token} "
            f"--ServerApp.port_retries=0 --LabApp.workspaces_dir={tmp_path / 'ws'}")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    log = (tmp_path / "lab.log").open("w+")
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"VENV={venv}", f"LAB_ARGS={args}"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, body = _get(f"{base}/api/contents/00_start_here.ipynb?content=0&token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"JupyterLab did not start:\n{log.read()[-3000:]}")
                time.sleep(0.5)
        assert status == 200 and json.loads(body)["name"] == "00_start_here.ipynb"
        status, page = _get(f"{base}/lab/tree/00_start_here.ipynb?token={token}")
        assert status == 200 and b"JupyterLab" in page
        log.seek(0)
        assert "00_start_here.ipynb" in log.read()  # make lab opened the start-here notebook
    finally:
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("make lab did not stop within 30 s of SIGTERM")
    deadline = time.monotonic() + 30
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(proc.pid), "a JupyterLab process outlived make lab"
    log.seek(0)
    assert "Shutting down" in log.read()
