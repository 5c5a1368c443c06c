"""Does the hub configuration refuse unsafe setups with one line, and set up what it promises?

Each case loads deploy/jupyterhub/jupyterhub_config.py in a fresh Python with traitlets' loader (as
JupyterHub does) and every folder in a temporary place; the loaded settings are printed as JSON.
"""
from __future__ import annotations

import json
import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
HUB_DIR = ROOT / "deploy" / "jupyterhub"
LOAD = f"""
import json, sys
from traitlets.config.loader import PyFileConfigLoader
c = PyFileConfigLoader("jupyterhub_config.py", path={str(HUB_DIR)!r}).load_config()
hub, auth = c.JupyterHub, c.CourseAuthenticator
print(json.dumps({{
    "spawner": hub.spawner_class, "authenticator": getattr(hub.authenticator_class, "__name__", None),
    "allowed_groups": sorted(auth.allowed_groups), "admin_groups": sorted(auth.admin_groups),
    "min_uid": auth.min_uid, "allow_all": c.Authenticator.allow_all, "spawner_args": list(c.Spawner.args),
    "ssl_cert": hub.ssl_cert if "ssl_cert" in hub else None,
    "cookie_options": dict(hub.tornado_settings.get("cookie_options", {{}})) if "tornado_settings" in hub else {{}},
    "services": [s["name"] for s in hub.services] if "services" in hub else [],
    "culler_scopes": sorted(hub.load_roles[0]["scopes"]) if "load_roles" in hub else [],
    "db_url": hub.db_url, "hook": callable(c.Spawner.pre_spawn_hook) if "pre_spawn_hook" in c.Spawner else False,
}}))
"""


def needs_root():
    if os.geteuid() != 0:
        pytest.skip("the hub's default setup runs as root; run these as root (as CI does)")


def load(tmp_path, **settings) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    env.update({"COURSE_HUB_STATE": str(tmp_path / "state"), "COURSE_POLL_DIR": str(tmp_path / "poll"),
                "COURSE_NBGRADER_EXCHANGE": str(tmp_path / "exchange"),
                "COURSE_INSTRUCTOR_HOME": str(tmp_path / "instructor"), "COURSE_HUB_LOCK_CHECKOUT": "no",
                "COURSE_HUB_PYTHON": "/usr/bin/python3", **settings})
    return subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)


def one_line_refusal(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 1 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_the_default_setup_is_per_person_logins_for_the_course_groups_and_an_idle_culler(tmp_path):
    needs_root()
    run = load(tmp_path)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["spawner"] == "localprocess" and got["authenticator"] == "CourseAuthenticator"
    assert got["allowed_groups"] == ["course-facilitators", "course-participants"]
    # facilitators are not hub admins unless asked for: an admin could open a participant's server
    assert got["admin_groups"] == [] and got["min_uid"] == 1000 and got["allow_all"] is False
    assert got["spawner_args"] == [] and got["hook"] is True
    assert got["services"] == ["idle-culler"]
    assert got["culler_scopes"] == ["delete:servers", "list:users", "read:servers", "read:users:activity"]
    # plain HTTP on every interface: no Secure cookies, and one warning line that says it is for a closed room
    assert got["ssl_cert"] is None and got["cookie_options"] == {}
    assert "plain HTTP on 0.0.0.0" in run.stderr and "only for a closed room network" in run.stderr
    state = tmp_path / "state"
    assert got["db_url"] == f"sqlite:///{state / 'jupyterhub.sqlite'}"
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / "jupyterhub.sqlite").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "instructor").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "exchange" / "compliance-course" / "inbound").stat().st_mode) == 0o3733


def test_facilitators_become_hub_admins_only_when_asked(tmp_path):
    needs_root()
    run = load(tmp_path, COURSE_HUB_FACILITATORS_ARE_ADMINS="yes")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["admin_groups"] == ["course-facilitators"]


def test_https_is_one_setting_away_and_marks_cookies_secure(tmp_path):
    needs_root()
    cert, key = tmp_path / "hub.crt", tmp_path / "hub.key"
    cert.write_text("certificate"), key.write_text("key")  # the config checks they exist; JupyterHub reads them
    run = load(tmp_path, COURSE_HUB_SSL_CERT=str(cert), COURSE_HUB_SSL_KEY=str(key))
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["ssl_cert"] == str(cert) and got["cookie_options"] == {"secure": True}
    assert "plain HTTP" not in run.stderr
    line = one_line_refusal(load(tmp_path, COURSE_HUB_SSL_CERT=str(cert)))
    assert "set both COURSE_HUB_SSL_CERT and COURSE_HUB_SSL_KEY" in line


@pytest.mark.parametrize("settings, says", [
    ({"COURSE_HUB_SPAWNER": "simple"}, "would give every participant a root server: refused"),
    ({"COURSE_HUB_PASSWORD": "room-password"}, "COURSE_HUB_PASSWORD is no longer used"),
    ({"COURSE_HUB_SPAWNER": "docker"}, "COURSE_HUB_SPAWNER must be 'local' or 'simple'"),
])
def test_unsafe_or_old_setups_are_refused_with_one_line(tmp_path, settings, says):
    needs_root()
    assert says in one_line_refusal(load(tmp_path, **settings))


def test_a_python_participants_cannot_run_is_refused(tmp_path):
    needs_root()
    sys.path.insert(0, str(HUB_DIR))
    import course_hub
    if course_hub.participants_can_run(sys.executable):
        pytest.skip(f"{sys.executable} is executable by everyone here")
    line = one_line_refusal(load(tmp_path, COURSE_HUB_PYTHON=sys.executable))
    assert f"participants cannot execute {sys.executable}" in line


def test_the_spawn_hook_refuses_system_accounts_without_touching_their_home(tmp_path):
    """Finding 2: the old hook chowned /bin to 'bin'. The new one refuses before touching anything."""
    needs_root()
    sys.path.insert(0, str(HUB_DIR))
    import asyncio

    import course_hub
    hook = course_hub.make_spawn_hook(python="/usr/bin/python3", notebooks=ROOT / "notebooks",
                                      poll=tmp_path, min_uid=1000, groups={"course-participants"})
    before = {name: os.lstat(pwd.getpwnam(name).pw_dir) for name in ("bin", "daemon")}
    for name in ("bin", "daemon", "root"):
        with pytest.raises(course_hub.HubSetupError, match=f"'{name}' is a system account"):
            asyncio.run(hook(SimpleNamespace(user=SimpleNamespace(name=name))))
    for name, info in before.items():
        after = os.lstat(pwd.getpwnam(name).pw_dir)
        assert (after.st_uid, after.st_gid, after.st_mode) == (info.st_uid, info.st_gid, info.st_mode)
    with pytest.raises(course_hub.HubSetupError, match="no Linux account 'nobody-here-x'"):
        asyncio.run(hook(SimpleNamespace(user=SimpleNamespace(name="nobody-here-x"))))
    assert list(tmp_path.iterdir()) == []


def test_setup_never_takes_over_a_folder_someone_else_owns(tmp_path):
    needs_root()
    sys.path.insert(0, str(HUB_DIR))
    import course_hub
    squatted = tmp_path / "poll"
    squatted.mkdir()
    os.chown(squatted, 47_123, 47_123)
    with pytest.raises(course_hub.HubSetupError, match="belongs to uid 47123, not to the hub"):
        course_hub.prepare_poll(squatted, "course-facilitators")
    assert squatted.stat().st_uid == 47_123


def test_a_squatted_shared_folder_stops_the_start_with_one_line(tmp_path):
    needs_root()
    squatted = tmp_path / "exchange"
    squatted.mkdir()
    os.chown(squatted, 47_124, 47_124)
    line = one_line_refusal(load(tmp_path, COURSE_HUB_IP="127.0.0.1"))
    assert line == (f"jupyterhub_config.py: {squatted} belongs to uid 47124, not to the hub; check it and remove "
                    "it or give it to root")
