"""JupyterHub for a one-room workshop on one Linux machine.

Start it as root from the repository with the course's environment (see README.md here):

    .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Every setting below can be changed with an environment variable, so the same file serves a real
workshop server and the smoke test (tests/deploy/test_hub_smoke.py). The safety rules live in
course_hub.py next to this file.

Who gets what
- Each person logs in with their own Linux account and password (PAM), made by add_users.sh; only
  members of the course groups may log in, system accounts never. Each server runs as its person.
- Participants get a private home (0700) with a copy of notebooks/ in ~/course, the practice course
  (course_data/, no exam bank), their own folder in the room's poll, and the nbgrader exchange.
- The instructor's course root (gradebook, reports, certificate key, exam bank) is a root-only
  folder outside everyone's reach; the checkout's own autograder/ and .git are made root-only too.
"""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LEARNER_LAB = REPO / "deploy" / "lab" / "learner"  # the JupyterLab settings of `make lab`
sys.path.insert(0, str(HERE))
import course_hub  # noqa: E402  (next to this file)


def setting(name: str, default: str) -> str:
    return os.environ.get(name, "") or default


STATE = Path(setting("COURSE_HUB_STATE", "/srv/course/hub"))            # database and cookie secret
POLL_DIR = Path(setting("COURSE_POLL_DIR", "/srv/course/poll"))          # the room's live poll answers
EXCHANGE = Path(setting("COURSE_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange"))
COURSE_ID = setting("COURSE_NBGRADER_COURSE", "compliance-course")
INSTRUCTOR = Path(setting("COURSE_INSTRUCTOR_HOME", "/srv/course/instructor"))  # root-only: course root
NOTEBOOKS = Path(setting("COURSE_NOTEBOOKS", str(REPO / "notebooks")))  # copied into each ~/course
SPAWNER = setting("COURSE_HUB_SPAWNER", "local")                        # local | simple (see README)
HOMES = Path(setting("COURSE_HUB_HOMES", "/srv/course/home"))            # homes for the simple spawner
PARTICIPANTS = setting("COURSE_HUB_GROUP", "course-participants")       # made by add_users.sh
FACILITATORS = setting("COURSE_HUB_FACILITATOR_GROUP", "course-facilitators")
MIN_UID = int(setting("COURSE_HUB_MIN_UID", "1000"))
FACILITATORS_ARE_ADMINS = setting("COURSE_HUB_FACILITATORS_ARE_ADMINS", "no") == "yes"  # admins can open any server
PYTHON = setting("COURSE_HUB_PYTHON", sys.executable)                   # runs each participant's server
SSL_CERT, SSL_KEY = setting("COURSE_HUB_SSL_CERT", ""), setting("COURSE_HUB_SSL_KEY", "")
IDLE_TIMEOUT = int(setting("COURSE_HUB_IDLE_TIMEOUT", "3600"))          # seconds; 0: never cull
PROXY = setting("COURSE_HUB_PROXY", str(HERE / ".proxy" / "node_modules" / ".bin" / "configurable-http-proxy"))
RUNNING_AS_ROOT = os.geteuid() == 0

for old in ("COURSE_HUB_PASSWORD", "COURSE_HUB_ADMIN_PASSWORD", "COURSE_HUB_USERS", "COURSE_HUB_ADMINS"):
    if os.environ.get(old):
        course_hub.fail(f"{old} is no longer used: each person logs in with their own account made by "
                        "add_users.sh (see README.md); unset it")

# -- spawner: refuse any mode in which a participant's code would run as root ----------------------------
if SPAWNER == "local":
    # One Linux account per person; the hub needs root to start servers as other users.
    if not RUNNING_AS_ROOT:
        course_hub.fail("the 'local' spawner starts each server as its participant's account: run the hub as root")
    c.JupyterHub.spawner_class = "localprocess"
elif SPAWNER == "simple":
    if RUNNING_AS_ROOT:
        course_hub.fail("COURSE_HUB_SPAWNER=simple with the hub run as root would give every participant a "
                        "root server: refused; use the default 'local' spawner")
    # Every server runs as the hub's own (unprivileged) user: one person trying the hub out, not a room.
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
else:
    course_hub.fail(f"COURSE_HUB_SPAWNER must be 'local' or 'simple'; got {SPAWNER!r}")
if RUNNING_AS_ROOT and not course_hub.participants_can_run(PYTHON):
    course_hub.fail(f"participants cannot execute {PYTHON} (a folder on its path is closed to other users); "
                    "install the course with a Python outside /root, or set COURSE_HUB_PYTHON")

# -- network: the public port, HTTPS one setting away, the hub's own API kept on loopback ---------------
c.JupyterHub.ip = setting("COURSE_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(setting("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("COURSE_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('COURSE_HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [PROXY if Path(PROXY).exists() else "configurable-http-proxy"]
if bool(SSL_CERT) != bool(SSL_KEY):
    course_hub.fail("set both COURSE_HUB_SSL_CERT and COURSE_HUB_SSL_KEY (certificate and key files) for HTTPS")
if SSL_CERT:
    for path in (SSL_CERT, SSL_KEY):
        if not Path(path).is_file():
            course_hub.fail(f"{path}: no such file (COURSE_HUB_SSL_CERT / COURSE_HUB_SSL_KEY)")
    c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key = SSL_CERT, SSL_KEY
    c.JupyterHub.tornado_settings = {"cookie_options": {"secure": True}}  # login cookies only over HTTPS
elif c.JupyterHub.ip not in ("127.0.0.1", "localhost", "::1"):
    print(f"jupyterhub_config.py: WARNING plain HTTP on {c.JupyterHub.ip}: passwords cross the network in clear "
          "text; only for a closed room network (set COURSE_HUB_SSL_CERT and COURSE_HUB_SSL_KEY)", file=sys.stderr)

# -- state: 0700 folder, database and cookie secret 0600 ------------------------------------------------
try:
    for key, value in course_hub.prepare_state(STATE).items():
        setattr(c.JupyterHub, key, value)
except course_hub.HubSetupError as exc:
    course_hub.fail(str(exc))
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# -- who may log in: each person's own Linux account, members of the course groups only -----------------
c.JupyterHub.authenticator_class = course_hub.CourseAuthenticator
c.CourseAuthenticator.allowed_groups = {PARTICIPANTS, FACILITATORS}
# Hub admins can open any participant's server (and so read their files): off unless asked for.
c.CourseAuthenticator.admin_groups = {FACILITATORS} if FACILITATORS_ARE_ADMINS else set()
c.CourseAuthenticator.min_uid = MIN_UID
c.CourseAuthenticator.open_sessions = False
c.Authenticator.allow_all = False
c.Authenticator.allow_existing_users = False  # taking someone out of the group locks them out
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,31}$"  # valid Linux user names, safe file names

# -- shared folders and the instructor's course root (created and checked at every start) ----------------
if RUNNING_AS_ROOT:
    try:
        course_hub.prepare_exchange(EXCHANGE, COURSE_ID)
        course_hub.prepare_poll(POLL_DIR, FACILITATORS)
        course_hub.prepare_instructor_root(INSTRUCTOR, REPO / "autograder")
        if setting("COURSE_HUB_LOCK_CHECKOUT", "yes") != "no":
            course_hub.lock_checkout(REPO)
    except course_hub.HubSetupError as exc:
        course_hub.fail(str(exc))
else:
    POLL_DIR.mkdir(parents=True, exist_ok=True)

# -- one notebook server per participant, on this machine -----------------------------------------------
c.Spawner.cmd = [PYTHON, "-m", "jupyterhub.singleuser"]
c.Spawner.args = []  # never --allow-root: no participant server runs as root
c.Spawner.default_url = "/lab/tree/course"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
SHARE = Path(sys.prefix) / "share" / "jupyter"  # JupyterLab's and the widgets' front-end files
c.Spawner.environment = {
    "COURSE_POLL_DIR": str(POLL_DIR),
    "COURSE_NBGRADER_EXCHANGE": str(EXCHANGE),
    "COURSE_NBGRADER_COURSE": COURSE_ID,
    # nbgrader reads singleuser/nbgrader_config.py (the exchange root) from this config path; the
    # learner settings of `make lab` (deploy/lab/learner: no formgrader or other instructor tools of
    # nbgrader, no news pop-up, the course's contents manager) come next, so a participant's JupyterLab
    # is the learner's; the environment's own etc/jupyter enables JupyterLab and the widgets
    "JUPYTER_CONFIG_PATH": ":".join(str(p) for p in (HERE / "singleuser", LEARNER_LAB, Path(sys.prefix) / "etc" / "jupyter")),
    "JUPYTER_PATH": str(SHARE),
    "JUPYTERLAB_DIR": str(SHARE / "lab"),
    "PATH": f"{Path(PYTHON).parent}:{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
    "COURSE_DATA": setting("COURSE_DATA", str(REPO / "course_data")),  # the practice course, no exam bank
}
if SPAWNER == "local":
    c.Spawner.pre_spawn_hook = course_hub.make_spawn_hook(python=PYTHON, notebooks=NOTEBOOKS, poll=POLL_DIR,
                                                          min_uid=MIN_UID, groups={PARTICIPANTS, FACILITATORS})

# -- idle servers are stopped by jupyterhub-idle-culler, run by the hub as a service ----------------------
if IDLE_TIMEOUT > 0:
    c.JupyterHub.services = [{"name": "idle-culler",
                              "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                                          f"--timeout={IDLE_TIMEOUT}", "--cull-every=300"]}]
    c.JupyterHub.load_roles = [{"name": "idle-culler", "services": ["idle-culler"],
                                "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}]
c.JupyterHub.cleanup_servers = True
