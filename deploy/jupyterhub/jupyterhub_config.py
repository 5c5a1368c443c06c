"""JupyterHub for a one-room workshop on one Linux machine.

Start it from the repository with the course's environment:

    .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Every setting below can be changed with an environment variable, so the same file serves a
real workshop server and the smoke test (tests/deploy/test_hub_smoke.py). See README.md here.

What every participant gets
- the course package (this repository's environment is the one the servers run in);
- a copy of notebooks/ in ~/course on first start (never overwritten: their work is theirs);
- COURSE_POLL_DIR pointing at the room's shared poll folder, so `team_poll(...)` just works;
- an nbgrader config pointing at the shared exchange folder, for certification exams.
"""
import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def setting(name: str, default: str) -> str:
    return os.environ.get(name, "") or default


STATE = Path(setting("COURSE_HUB_STATE", "/srv/course/hub"))            # database and cookie secret
POLL_DIR = Path(setting("COURSE_POLL_DIR", "/srv/course/poll"))          # the room's live poll answers
EXCHANGE = Path(setting("COURSE_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange"))
NOTEBOOKS = Path(setting("COURSE_NOTEBOOKS", str(REPO / "notebooks")))  # copied into each ~/course
SPAWNER = setting("COURSE_HUB_SPAWNER", "local")                        # local | simple (see README)
HOMES = Path(setting("COURSE_HUB_HOMES", "/srv/course/home"))            # homes for the simple spawner
USERS_FILE = setting("COURSE_HUB_USERS", "")                            # one user name per line
ADMINS = {a.strip() for a in setting("COURSE_HUB_ADMINS", "facilitator").split(",") if a.strip()}
PASSWORD = os.environ.get("COURSE_HUB_PASSWORD", "")
ADMIN_PASSWORD = os.environ.get("COURSE_HUB_ADMIN_PASSWORD", "")
PROXY = setting("COURSE_HUB_PROXY", str(HERE / ".proxy" / "node_modules" / ".bin" / "configurable-http-proxy"))
RUNNING_AS_ROOT = os.geteuid() == 0

# -- network: the public port, and the hub's own API kept on loopback ---------------------------------
c.JupyterHub.ip = setting("COURSE_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(setting("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("COURSE_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('COURSE_HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [PROXY if Path(PROXY).exists() else "configurable-http-proxy"]

# -- state ----------------------------------------------------------------------------------------------
STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# -- shared folders: world-writable with the sticky bit, like /tmp, so everyone can add files and
#    nobody can replace or delete someone else's. nbgrader's exchange needs the same.
for shared in (POLL_DIR, EXCHANGE):
    shared.mkdir(parents=True, exist_ok=True)
    if shared.stat().st_uid == os.geteuid():
        shared.chmod(0o1777)

# -- who may log in: a shared password for the room, a separate one for facilitators ---------------------
if len(PASSWORD) < 8:
    sys.exit("jupyterhub_config.py: set COURSE_HUB_PASSWORD to the room's shared password "
             "(at least 8 characters) before starting the hub")
if ADMINS and len(ADMIN_PASSWORD) < 32:
    sys.exit("jupyterhub_config.py: set COURSE_HUB_ADMIN_PASSWORD (at least 32 characters, different from "
             f"the room's) for the facilitator account(s) {', '.join(sorted(ADMINS))}, "
             "or set COURSE_HUB_ADMINS= (empty) for a hub without facilitator accounts")
# Anyone with the room password can log in under any non-facilitator name: fine for a workshop, where
# the poll shows names but grades nothing. Facilitators (admins) need their own, longer password.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = PASSWORD
c.SharedPasswordAuthenticator.admin_password = ADMIN_PASSWORD if ADMINS else ""
c.Authenticator.admin_users = ADMINS
if USERS_FILE:
    names = [line.split("#")[0].strip() for line in Path(USERS_FILE).read_text().splitlines()]
    c.Authenticator.allowed_users = {n for n in names if n} | ADMINS
else:
    c.Authenticator.allow_all = True  # anyone with the room password, under any name
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,31}$"  # valid Linux user names, safe file names

# -- one notebook server per participant, on this machine ---------------------------------------------
BIN = Path(sys.executable).parent
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/course"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.environment = {
    "COURSE_POLL_DIR": str(POLL_DIR),
    "COURSE_NBGRADER_EXCHANGE": str(EXCHANGE),
    # nbgrader reads singleuser/nbgrader_config.py (the exchange root) from this config path
    "JUPYTER_CONFIG_PATH": str(HERE / "singleuser"),
    "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
}
if os.environ.get("COURSE_DATA"):
    c.Spawner.environment["COURSE_DATA"] = os.environ["COURSE_DATA"]

if SPAWNER == "simple":
    # Every server runs as the hub's own user, each in its own home folder. No isolation between
    # participants: for a throwaway workshop VM or a test, not for exams with real stakes.
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
    if RUNNING_AS_ROOT:
        c.Spawner.args = ["--ServerApp.allow_root=True"]
elif SPAWNER == "local":
    # Every participant is a Linux account (create them with add_users.sh); needs the hub to run as root.
    c.JupyterHub.spawner_class = "localprocess"
else:
    sys.exit(f"jupyterhub_config.py: COURSE_HUB_SPAWNER must be 'local' or 'simple'; got {SPAWNER!r}")


def _home(spawner) -> tuple[Path, int | None, int | None]:
    name = spawner.user.name
    if SPAWNER == "simple":
        return HOMES / name, None, None
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise RuntimeError(f"no Linux account {name!r}: add it with deploy/jupyterhub/add_users.sh") from None
    return Path(entry.pw_dir), entry.pw_uid, entry.pw_gid


def copy_course(spawner) -> None:
    """Give the participant their own copy of the notebooks on first start; never overwrite later."""
    home, uid, gid = _home(spawner)
    home.mkdir(parents=True, exist_ok=True)
    target = home / "course"
    if target.exists():
        return
    shutil.copytree(NOTEBOOKS, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    if uid is not None:
        for path in [home, target, *target.rglob("*")]:
            os.chown(path, uid, gid)


c.Spawner.pre_spawn_hook = copy_course

# Stop servers idle for long? Install jupyterhub-idle-culler and add it as a service (README).
c.JupyterHub.cleanup_servers = True
