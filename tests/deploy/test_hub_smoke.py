"""Does the workshop hub let in only its own people, keep them apart and away from the instructor's files?

Starts deploy/jupyterhub/jupyterhub_config.py as root, as a workshop server does (the default `local`
spawner: each participant's server runs as their own Linux account), on 127.0.0.1 with every folder in
a temporary place. The accounts are made with deploy/jupyterhub/add_users.sh under unique names and
groups, and removed afterwards. configurable-http-proxy is installed from npm into
deploy/jupyterhub/.proxy by install_proxy.sh on first use. Skips unless run as root with node and npm.
"""
from __future__ import annotations

import grp
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HUB_DIR = ROOT / "deploy" / "jupyterhub"
PROXY = HUB_DIR / ".proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
FIXTURE_COURSE = ROOT / "tests" / "fixtures" / "course_data_workshop"

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


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


class Accounts:
    """Linux accounts and groups for one test run, all named with a random tag, removed at the end."""

    def __init__(self, base: Path):
        self.tag = "cct" + secrets.token_hex(3)
        self.base = base
        self.participants_group, self.facilitators_group = f"{self.tag}-part", f"{self.tag}-fac"
        self.alice, self.bob, self.facilitator = f"{self.tag}a", f"{self.tag}b", f"{self.tag}f"
        self.system, self.outsider = f"{self.tag}s", f"{self.tag}o"
        self.passwords: dict[str, str] = {}
        self.users: list[str] = []
        self.env = {**os.environ, "COURSE_HUB_GROUP": self.participants_group,
                    "COURSE_HUB_FACILITATOR_GROUP": self.facilitators_group,
                    "COURSE_HUB_HOME_BASE": str(base / "home")}

    def create(self) -> None:
        (self.base / "home").mkdir(mode=0o755)
        for flag, names in (([], [self.alice, self.bob]), (["--facilitators"], [self.facilitator])):
            listing = self.base / f"users{len(flag)}.txt"
            listing.write_text("# test accounts\n" + "\n".join(names) + "\n")
            self.users += names
            run = subprocess.run(["sh", str(HUB_DIR / "add_users.sh"), *flag, str(listing)], env=self.env,
                                 capture_output=True, text=True, timeout=60)
            assert run.returncode == 0, run.stderr
            assert f"{listing}.passwords" in run.stdout and _mode(Path(f"{listing}.passwords")) == 0o600
            for line in Path(f"{listing}.passwords").read_text().splitlines():
                name, password = line.split(" ", 1)
                self.passwords[name] = password
        # a system account that someone put in the course group, and an ordinary account outside it
        self._useradd(self.system, "--system", "--no-create-home", "-G", self.participants_group)
        self._useradd(self.outsider, "--no-create-home")
        # add_users.sh itself refuses to put a system account in the group
        listing = self.base / "system.txt"
        listing.write_text("daemon\n")
        run = subprocess.run(["sh", str(HUB_DIR / "add_users.sh"), str(listing)], env=self.env,
                             capture_output=True, text=True, timeout=60)
        assert "refused: daemon is a system account" in run.stderr
        assert "daemon" not in grp.getgrnam(self.participants_group).gr_mem

    def _useradd(self, name: str, *args: str) -> None:
        subprocess.run(["useradd", *args, "--shell", "/usr/sbin/nologin", name], check=True, timeout=60)
        self.users.append(name)
        self.passwords[name] = secrets.token_urlsafe(12)
        subprocess.run(["chpasswd"], input=f"{name}:{self.passwords[name]}\n", text=True, check=True, timeout=60)

    def remove(self) -> None:
        for name in self.users:
            subprocess.run(["userdel", name], capture_output=True, timeout=60)
        for group in (self.participants_group, self.facilitators_group):
            subprocess.run(["groupdel", group], capture_output=True, timeout=60)

    def home(self, name: str) -> Path:
        return Path(pwd.getpwnam(name).pw_dir)


def _participant_python(base: Path) -> str:
    """A Python participants can execute, with this environment's packages.

    This environment's interpreter may live under /root (closed to other users), which the hub
    refuses; then a venv of the system Python 3 loads this environment's site-packages instead.
    """
    sys.path.insert(0, str(HUB_DIR))
    import course_hub
    if course_hub.participants_can_run(sys.executable):
        return sys.executable
    system = shutil.which("python3", path="/usr/bin:/bin")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if not system or subprocess.run([system, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                    capture_output=True, text=True).stdout.strip() != version:
        _skip(f"this Python ({sys.executable}) is not executable by other users and /usr/bin/python3 is not {version}")
    venv = base / "participant-python"
    subprocess.run([system, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = venv / "lib" / f"python{version}" / "site-packages"
    (site / "course_environment.pth").write_text(f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n")
    return str(venv / "bin" / "python")


@pytest.fixture(scope="module")
def proxy() -> Path:
    if os.geteuid() != 0:
        _skip("the hub starts each participant's server as their own Linux account: run as root (as CI does)")
    if not (shutil.which("node") and shutil.which("npm")):
        _skip("node and npm are not installed; the hub's proxy (configurable-http-proxy) needs them")
    pytest.importorskip("jupyterhub", reason="jupyterhub is not installed: pip install -e '.[hub]'")
    if not PROXY.exists():
        subprocess.run(["sh", str(HUB_DIR / "install_proxy.sh")], check=True, timeout=300)
    return PROXY


@pytest.fixture(scope="module")
def hub(proxy):
    """A running hub with its accounts; on exit it is stopped, no process it started remains, accounts are gone."""
    from hub_client import HubUser  # noqa: F401  (fail early if the helper is broken)
    base = Path(tempfile.mkdtemp(prefix="cc-hub-"))
    base.chmod(0o755)  # participants must reach their homes and the shared folders below it
    locked = {path: _mode(path) for path in (ROOT / "autograder", ROOT / ".git") if path.is_dir()}
    accounts = Accounts(base)
    process = log = None
    try:
        accounts.create()
        course = base / "course_data"
        shutil.copytree(FIXTURE_COURSE, course)
        port = _free_port()
        env = {**accounts.env,
               "COURSE_HUB_STATE": str(base / "state"), "COURSE_POLL_DIR": str(base / "poll"),
               "COURSE_NBGRADER_EXCHANGE": str(base / "exchange"), "COURSE_INSTRUCTOR_HOME": str(base / "instructor"),
               "COURSE_HUB_IP": "127.0.0.1", "COURSE_HUB_PORT": str(port),
               "COURSE_HUB_API_PORT": str(_free_port()), "COURSE_HUB_PROXY_API_PORT": str(_free_port()),
               "COURSE_HUB_PROXY": str(proxy), "COURSE_HUB_PYTHON": _participant_python(base),
               "COURSE_DATA": str(course)}
        log = (base / "hub.log").open("w")
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(HUB_DIR / "jupyterhub_config.py")],
                                   cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"

        def tail() -> str:
            return "\n".join((base / "hub.log").read_text().splitlines()[-40:])

        import requests
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the hub exited with code {process.returncode}:\n{tail()}")
            try:
                if requests.get(f"{url}/hub/api", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the hub did not answer within 60 s:\n{tail()}")
            time.sleep(0.3)
        yield url, base, accounts, tail
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)  # the hub stops the proxy and every server it spawned
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if log is not None:
            log.close()
        deadline = time.monotonic() + 10
        while _processes_with(str(base)) and time.monotonic() < deadline:
            time.sleep(0.3)
        left = _processes_with(str(base))
        for pid in left:  # only processes started for this test's temporary folder
            os.kill(pid, signal.SIGKILL)
        accounts.remove()
        for path, mode in locked.items():  # the hub made the checkout's autograder/ and .git root-only
            os.chmod(path, mode)
        shutil.rmtree(base, ignore_errors=True)
        assert left == [], f"processes left running after the hub stopped: {left}"


@pytest.fixture(scope="module")
def people(hub):
    """alice and bob logged in with their own passwords, their servers running."""
    from hub_client import HubUser
    url, base, accounts, tail = hub
    alice = HubUser(url, accounts.alice, accounts.passwords[accounts.alice])
    bob = HubUser(url, accounts.bob, accounts.passwords[accounts.bob])
    for person in (alice, bob):
        person.login()
        person.start_server()
    for person in (alice, bob):
        person.wait_ready()
    return alice, bob


def test_only_listed_people_log_in_each_with_their_own_password(hub):
    from hub_client import HubUser
    url, base, accounts, tail = hub
    facilitator = HubUser(url, accounts.facilitator, accounts.passwords[accounts.facilitator])
    facilitator.login()
    me = facilitator.session.get(f"{url}/hub/api/user", timeout=30, headers=facilitator._xsrf("/hub/"))
    assert me.json()["admin"] is False  # not a hub admin by default: admins could open participants' servers
    refused = {
        "bob's password for alice": (accounts.alice, accounts.passwords[accounts.bob]),
        "a system account in the course group": (accounts.system, accounts.passwords[accounts.system]),
        "an account outside the course groups": (accounts.outsider, accounts.passwords[accounts.outsider]),
        "root": ("root", "anything"),
    }
    for what, (name, password) in refused.items():
        with pytest.raises(AssertionError, match=f"login of {name} failed"):
            HubUser(url, name, password).login()
    log = tail()
    assert f"{accounts.system!r} is a system account" in log
    assert f"{accounts.outsider!r} is not in the course groups" in log


def test_the_hub_keeps_its_state_and_the_instructor_files_private(hub):
    url, base, accounts, tail = hub
    state = base / "state"
    assert _mode(state) == 0o700
    assert {p.name: _mode(p) for p in state.iterdir() if p.suffix != ".pid"} == {
        "jupyterhub.sqlite": 0o600, "jupyterhub_cookie_secret": 0o600}
    assert _mode(base / "instructor") == 0o700 and (base / "instructor" / "autograder" / "nbgrader_config.py").exists()
    assert _mode(ROOT / "autograder") == 0o700
    assert _mode(base / "exchange") == 0o1777 and _mode(base / "exchange" / "compliance-course" / "inbound") == 0o3733
    assert "Starting managed service idle-culler" in (base / "hub.log").read_text()


def test_participants_get_the_learner_lab_without_nbgrader_instructor_tools(hub, people):
    """The hub serves the same JupyterLab as `make lab`: no formgrader, no assignment creation for participants."""
    import re
    url, base, accounts, tail = hub
    alice, _bob = people
    prefix = f"{url}/user/{alice.name}/"
    page = alice.session.get(f"{prefix}lab", timeout=30)
    page.raise_for_status()
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page.text, re.S)
    assert found, "the lab page carries no page config"
    disabled = json.loads(found.group(1)).get("disabledExtensions", [])
    learner = json.loads((ROOT / "deploy" / "lab" / "learner" / "labconfig" / "page_config.json").read_text())
    wanted = {name for name, off in learner["disabledExtensions"].items() if off}
    assert any("nbgrader:formgrader" in name for name in wanted)  # the learner settings say what is off
    assert wanted <= set(disabled), f"still on for participants: {sorted(wanted - set(disabled))}"
    formgrader = alice.session.get(f"{prefix}formgrader", timeout=30, allow_redirects=False)
    assert formgrader.status_code == 404, f"formgrader answers participants: {formgrader.status_code}"


def _attempts(paths: dict[str, str]) -> str:
    """Code a participant's kernel runs: try to read (or list) each path, print one JSON verdict per path."""
    return ("import json, os\n"
            f"paths = {paths!r}\n"
            "verdicts = {}\n"
            "for what, path in paths.items():\n"
            "    try:\n"
            "        if os.path.isdir(path):\n"
            "            os.listdir(path)\n"
            "        else:\n"
            "            open(path, 'rb').read(1)\n"
            "        verdicts[what] = 'READ'\n"
            "    except PermissionError:\n"
            "        verdicts[what] = 'denied'\n"
            "    except FileNotFoundError:\n"
            "        verdicts[what] = 'missing'\n"
            "print(json.dumps(verdicts))\n")


def test_participants_get_private_homes_and_cannot_read_each_other_or_the_instructor(hub, people):
    url, base, accounts, tail = hub
    alice, bob = people
    modules = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    for person, name in ((alice, accounts.alice), (bob, accounts.bob)):
        listing = person.contents("course")
        assert set(modules) <= set(listing) and "workshop" in listing, listing
        home = accounts.home(name)
        assert (os.lstat(home).st_uid, _mode(home)) == (pwd.getpwnam(name).pw_uid, 0o700)
    # what grading leaves in the instructor's course root, made here as root stands in for it (and
    # removed after the reads, so the exchange test below grades in a clean course root)
    course_root = base / "instructor" / "autograder"
    planted = {"gradebook.db": "grades", "certificate.key": "secret", "reports/grades.csv": "learner,score",
               "rubrics/hipaa_exam.md": "rubric", "source/hipaa_exam/hipaa_exam.ipynb": "{}"}
    made = []
    for relative, text in planted.items():
        for folder in reversed((course_root / relative).relative_to(course_root).parents[:-1]):
            if not (course_root / folder).exists():
                (course_root / folder).mkdir()
                made.append(course_root / folder)
        (course_root / relative).write_text(text)
    targets = {
        "alice's home": str(accounts.home(accounts.alice)),
        "alice's notebook": str(accounts.home(accounts.alice) / "course" / modules[0]),
        "instructor folder": str(base / "instructor"),
        "course root": str(course_root),
        **{name: str(course_root / name) for name in ("gradebook.db", "certificate.key", "reports/grades.csv",
                                                       "rubrics/hipaa_exam.md", "source/hipaa_exam/hipaa_exam.ipynb",
                                                       "nbgrader_config.py")},
        "checkout autograder": str(ROOT / "autograder"),
        "checkout autograder README": str(ROOT / "autograder" / "README.md"),
        "hub database": str(base / "state" / "jupyterhub.sqlite"),
        "exchange inbound listing": str(base / "exchange" / "compliance-course" / "inbound"),
    }
    if (ROOT / "autograder" / "exam_bank").exists():
        targets["checkout exam bank"] = str(ROOT / "autograder" / "exam_bank")
    try:
        verdicts = json.loads(bob.run(_attempts(targets)).strip().splitlines()[-1])
        # alice can read her own home (the same code, so "denied" above is not a broken probe)
        own = json.loads(alice.run(_attempts({"own": targets["alice's notebook"]})).strip().splitlines()[-1])
    finally:
        for relative in planted:
            (course_root / relative).unlink()
        for folder in reversed(made):
            folder.rmdir()
    assert verdicts == {what: "denied" for what in targets}
    assert own == {"own": "READ"}


def test_the_poll_counts_each_participant_once_and_nobody_can_touch_another_answer(hub, people, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from compliance_course.data import load_course
    from compliance_course.workshop import FacilitatorDashboard
    from compliance_course.workshop.poll import read_poll

    url, base, accounts, tail = hub
    alice, bob = people
    vote = ("import os\n"
            "from compliance_course.workshop import team_poll\n"
            "card = team_poll('demo').cards[0]\n"
            "for answer in {answers!r}:\n"
            "    card.options.value = answer\n"
            "    card.send_button.click()\n"
            "print(card.status.value)")
    with ThreadPoolExecutor(2) as pool:  # both answer at the same time, each in their own kernel
        said = list(pool.map(lambda pa: pa[0].run(vote.format(answers=pa[1])),
                             [(alice, ["No", "Yes"]), (bob, ["No", "No", "No"])]))
    assert "Sent: <b>Yes</b>" in said[0] and "Sent: <b>No</b>" in said[1]
    alice_uid = pwd.getpwnam(accounts.alice).pw_uid
    alice_answer = base / "poll" / str(alice_uid) / "demo-s-01.json"
    attack = ("import os, json\n"
              f"target = {str(alice_answer)!r}\n"
              "tried = {}\n"
              "for what, act in [('overwrite', lambda: open(target, 'w').write('{}')),\n"
              "                  ('delete', lambda: os.unlink(target)),\n"
              f"                  ('squat', lambda: os.mkdir({str(base / 'poll' / '99999')!r})),\n"
              "                  ('reset', lambda: open(os.path.join(os.path.dirname(os.path.dirname(target)), "
              "'.reset'), 'w'))]:\n"
              "    try:\n"
              "        act(); tried[what] = 'DONE'\n"
              "    except PermissionError:\n"
              "        tried[what] = 'denied'\n"
              "print(json.dumps(tried))\n")
    assert json.loads(bob.run(attack).strip().splitlines()[-1]) == {
        "overwrite": "denied", "delete": "denied", "squat": "denied", "reset": "denied"}

    # The facilitator's dashboard reads the hub's poll folder.
    monkeypatch.setenv("COURSE_DATA", str(base / "course_data"))
    monkeypatch.setenv("COURSE_POLL_DIR", str(base / "poll"))
    load_course.cache_clear()
    try:
        dash = FacilitatorDashboard("demo")
        assert (list(dash.figure.data[0].x), list(dash.figure.data[0].y)) == (["Yes", "No"], [1, 1])
        assert "2 participants answered so far." in dash.status.value
        results = read_poll(course=load_course())
    finally:
        load_course.cache_clear()
    assert results.problems == []
    assert results.answers[["participant", "answer"]].values.tolist() == sorted([[accounts.alice, "Yes"],
                                                                               [accounts.bob, "No"]])


def test_an_exchange_submission_in_another_name_is_refused_or_reported(hub, people):
    """bob hands in a folder named for alice; the instructor's collect must not take it as alice's."""
    url, base, accounts, tail = hub
    alice, bob = people
    course_root = base / "instructor" / "autograder"
    grading_env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA"}
    grading_env.update(NBGRADER_EXCHANGE=str(base / "exchange"),
                       PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    grading = [sys.executable, "-m", "compliance_course.grading", "--root", str(course_root)]
    for step in (["build"], ["release", "--exchange", "--no-zips", "--exam", "hipaa_exam"]):
        done = subprocess.run(grading + step, env=grading_env, capture_output=True, text=True, timeout=300)
        if done.returncode:
            pytest.fail(f"grading {step[0]} failed: {done.stdout[-2000:]}{done.stderr[-6000:]}")
    # alice fetches and submits with nbgrader, as a participant does
    submit = ("import os, subprocess, sys\n"
              "os.chdir(os.path.expanduser('~'))\n"
              "for step in (['fetch_assignment', 'hipaa_exam'], ['submit', 'hipaa_exam']):\n"
              "    done = subprocess.run([sys.executable, '-m', 'nbgrader', *step], capture_output=True, text=True)\n"
              "    print(step[0], done.returncode, done.stderr[-300:] if done.returncode else '')\n")
    out = alice.run(submit, timeout=120)
    if not ("fetch_assignment 0" in out and "submit 0" in out):
        pytest.fail(f"alice could not fetch and submit: {out}")
    # bob makes a submission folder in alice's name, dated in the future, with his own marker inside
    inbound = base / "exchange" / "compliance-course" / "inbound"
    forge = ("import os, shutil, glob\n"
             f"d = os.path.join({str(inbound)!r}, '{accounts.alice}+hipaa_exam+2099-01-01 00:00:00.000000 UTC+x1')\n"
             "os.mkdir(d)\n"
             "open(os.path.join(d, 'hipaa_exam.responses.json'), 'w').write('{\"answers\": {}, \"forged\": true}')\n"
             "open(os.path.join(d, 'timestamp.txt'), 'w').write('2099-01-01 00:00:00.000000 UTC')\n"
             "print('forged')\n")
    if "forged" not in bob.run(forge):
        pytest.fail("bob's forged folder was not made")
    done = subprocess.run(grading + ["collect", "--exchange", "--exam", "hipaa_exam"], env=grading_env,
                          capture_output=True, text=True, timeout=300)
    said = done.stdout + done.stderr
    collected = course_root / "submitted" / accounts.alice / "hipaa_exam" / "hipaa_exam.responses.json"
    took_forgery = collected.exists() and "forged" in collected.read_text()
    reported = accounts.bob in said and accounts.alice in said
    assert not took_forgery or reported, f"bob's folder was collected as alice's without a word:\n{said}"
    assert not took_forgery, f"bob's folder was collected as alice's (reported, but still collected):\n{said}"
