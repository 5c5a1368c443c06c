"""Does the workshop hub start on loopback, let participants in with the course and the live poll, and stop cleanly?

Starts deploy/jupyterhub/jupyterhub_config.py as a facilitator would (simple local-process spawner,
ports on 127.0.0.1, state in a temporary folder), with configurable-http-proxy installed from npm into
deploy/jupyterhub/.proxy by deploy/jupyterhub/install_proxy.sh on first use.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HUB_DIR = ROOT / "deploy" / "jupyterhub"
PROXY = HUB_DIR / ".proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
FIXTURE_COURSE = ROOT / "tests" / "fixtures" / "course_data_workshop"
PASSWORD = "room-password-for-test"
ADMIN_PASSWORD = "facilitator-password-at-least-32-characters"

pytestmark = pytest.mark.slow


def _skip(reason: str):
    print(f"SKIPPED hub smoke test: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processes_with(marker: str) -> list[int]:
    """Ids of processes whose environment mentions ``marker`` (our temporary folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.fixture(scope="module")
def proxy() -> Path:
    if not (shutil.which("node") and shutil.which("npm")):
        _skip("node and npm are not installed; the hub's proxy (configurable-http-proxy) needs them")
    if not PROXY.exists():
        subprocess.run(["sh", str(HUB_DIR / "install_proxy.sh")], check=True, timeout=300)
    return PROXY


@pytest.fixture
def hub(proxy, tmp_path):
    """A running hub; on exit it is stopped and no process it started may remain."""
    pytest.importorskip("jupyterhub", reason="jupyterhub is not installed: pip install -e '.[hub]'")
    from hub_client import HubUser  # noqa: F401  (fail early if the helper is broken)
    course = tmp_path / "course_data"
    shutil.copytree(FIXTURE_COURSE, course)
    port = _free_port()
    env = {**os.environ,
           "COURSE_HUB_STATE": str(tmp_path / "state"), "COURSE_POLL_DIR": str(tmp_path / "poll"),
           "COURSE_NBGRADER_EXCHANGE": str(tmp_path / "exchange"), "COURSE_HUB_SPAWNER": "simple",
           "COURSE_HUB_HOMES": str(tmp_path / "home"), "COURSE_HUB_IP": "127.0.0.1",
           "COURSE_HUB_PORT": str(port), "COURSE_HUB_API_PORT": str(_free_port()),
           "COURSE_HUB_PROXY_API_PORT": str(_free_port()), "COURSE_HUB_PROXY": str(proxy),
           "COURSE_HUB_PASSWORD": PASSWORD, "COURSE_HUB_ADMIN_PASSWORD": ADMIN_PASSWORD,
           "COURSE_HUB_ADMINS": "facilitator", "COURSE_DATA": str(course)}
    log = (tmp_path / "hub.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(HUB_DIR / "jupyterhub_config.py")],
                               cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def tail() -> str:
        return "\n".join((tmp_path / "hub.log").read_text().splitlines()[-40:])

    import requests
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"the hub exited with code {process.returncode}:\n{tail()}")
        try:
            if requests.get(f"{base}/hub/api", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            process.terminate()
            pytest.fail(f"the hub did not answer within 60 s:\n{tail()}")
        time.sleep(0.3)
    try:
        yield base, tmp_path, process
    finally:
        process.send_signal(signal.SIGTERM)  # the hub stops the proxy and every server it spawned
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()
        deadline = time.monotonic() + 10
        while _processes_with(str(tmp_path)) and time.monotonic() < deadline:
            time.sleep(0.3)
        left = _processes_with(str(tmp_path))
        for pid in left:  # only processes started for this test's temporary folder
            os.kill(pid, signal.SIGKILL)
        assert left == [], f"processes left running after the hub stopped: {left}\n{tail()}"


def test_two_participants_answer_a_poll_the_facilitator_sees(hub, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from hub_client import HubUser
    from compliance_course.data import load_course
    from compliance_course.workshop import FacilitatorDashboard
    from compliance_course.workshop.poll import read_poll

    base, tmp, _process = hub
    started = time.monotonic()
    alice, bob = HubUser(base, "alice", PASSWORD), HubUser(base, "bob", PASSWORD)
    facilitator = HubUser(base, "facilitator", ADMIN_PASSWORD)
    facilitator.login()  # the admin account logs in with its own password
    with pytest.raises(AssertionError, match="login of facilitator failed"):
        HubUser(base, "facilitator", PASSWORD).login()  # the room password is not enough for it
    for person in (alice, bob):
        person.login()
        person.start_server()
    for person in (alice, bob):
        person.wait_ready()
    print(f"two servers ready after {time.monotonic() - started:.1f} s")

    modules = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    for person in (alice, bob):
        listing = person.contents("course")
        assert set(modules) <= set(listing) and "workshop" in listing, listing
        assert person.contents("course/workshop") == ["facilitator_dashboard.ipynb"]

    vote = ("import os\n"
            "from compliance_course.workshop import team_poll\n"
            "card = team_poll('demo').cards[0]\n"
            "card.options.value = {answer!r}\n"
            "card.send_button.click()\n"
            "print(os.environ['JUPYTERHUB_USER'], card.status.value)")
    with ThreadPoolExecutor(2) as pool:  # both answer at the same time, each in their own kernel
        said = list(pool.map(lambda pa: pa[0].run(vote.format(answer=pa[1])), [(alice, "Yes"), (bob, "No")]))
    assert said[0].startswith("alice") and "Sent: <b>Yes</b>" in said[0]
    assert said[1].startswith("bob") and "Sent: <b>No</b>" in said[1]

    # The facilitator's dashboard reads the hub's shared poll folder.
    monkeypatch.setenv("COURSE_DATA", str(tmp / "course_data"))
    monkeypatch.setenv("COURSE_POLL_DIR", str(tmp / "poll"))
    load_course.cache_clear()
    try:
        dash = FacilitatorDashboard("demo")
        assert (list(dash.figure.data[0].x), list(dash.figure.data[0].y)) == (["Yes", "No"], [1, 1])
        assert "2 participants answered so far." in dash.status.value
        results = read_poll(course=load_course())
    finally:
        load_course.cache_clear()
    assert results.problems == []
    assert results.answers[["participant", "answer"]].values.tolist() == [["alice", "Yes"], ["bob", "No"]]

    servers = [p for p in _processes_with(str(tmp)) if b"jupyterhub-singleuser" in Path(f"/proc/{p}/cmdline").read_bytes()]
    print("memory per notebook server (MB, kernels stopped):", [round(_rss_mb(p)) for p in servers])
    for person in (alice, bob):
        person.stop_server()
    print(f"hub smoke test body took {time.monotonic() - started:.1f} s")
