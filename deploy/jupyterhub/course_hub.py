"""The workshop hub's safety rules, imported by jupyterhub_config.py (and tested in tests/deploy).

- Who may log in: ``CourseAuthenticator`` (JupyterHub's PAM login, each person with their own Linux
  password) lets in only members of the course groups, and never a system account (uid below
  ``min_uid``) or root, even if someone adds one to a course group.
- What exists before the first participant arrives: ``prepare_*`` create the hub's state, the
  exchange, the instructor's course root and the poll folder with the owners and modes the README
  describes. They create what is missing and tighten the mode of folders the hub itself owns; they
  never change the owner of anything that already exists.
- ``prepare_server`` is the spawn hook: it refuses accounts that may not have a server, creates a
  missing home (0700, the only ownership it ever gives away, on a folder it has just made), and does
  everything inside the home as the participant, never as root.
"""
from __future__ import annotations

import asyncio
import grp
import os
import pwd
import shutil
import stat
import sys
from pathlib import Path

from jupyterhub.auth import PAMAuthenticator
from traitlets import Integer

HERE = Path(__file__).resolve().parent
FIRST_START = HERE / "first_start.py"


class HubSetupError(RuntimeError):
    """The hub cannot start or spawn safely; the message says what to change."""


def member_of(entry: pwd.struct_passwd, groups: set[str]) -> bool:
    """Is the account in one of ``groups`` (primary or supplementary)?"""
    gids = set(os.getgrouplist(entry.pw_name, entry.pw_gid))
    for name in groups:
        try:
            if grp.getgrnam(name).gr_gid in gids:
                return True
        except KeyError:
            continue
    return False


def refusal(name: str, *, min_uid: int, groups: set[str]) -> str | None:
    """Why ``name`` may not log in or have a server here, or None if it may."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return f"no Linux account {name!r}: create it with deploy/jupyterhub/add_users.sh"
    if entry.pw_uid == 0 or entry.pw_uid < min_uid:
        return f"{name!r} is a system account (uid {entry.pw_uid} < {min_uid}); system accounts never get a server"
    if not member_of(entry, groups):
        return f"{name!r} is not in the course groups ({', '.join(sorted(groups))}); add it with add_users.sh"
    return None


class CourseAuthenticator(PAMAuthenticator):
    """PAM login (each person's own Linux password) for members of the course groups, never system accounts."""

    min_uid = Integer(1000, help="Accounts below this uid (system accounts) can never log in.").tag(config=True)

    def check_blocked_users(self, username, authentication=None):
        if not super().check_blocked_users(username, authentication):
            return False
        reason = refusal(username, min_uid=self.min_uid, groups=set(self.allowed_groups))
        if reason:
            self.log.warning("login refused: %s", reason)
            return False
        return True


# -- folders the hub sets up when it starts (as root) -----------------------------------------------------
def ensure_folder(path: Path, mode: int, *, owner: int | None = None, group: int | None = None) -> Path:
    """Create ``path`` (mode ``mode``, then given to owner/group) if missing; else tighten its mode if we own it.

    An existing folder owned by someone else is an error, never re-owned.
    """
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode):
            raise HubSetupError(f"{path} exists and is not a folder; move it away") from None
        if info.st_uid != os.geteuid():
            raise HubSetupError(f"{path} belongs to uid {info.st_uid}, not to the hub; check it and remove "
                                "it or give it to root") from None
    else:
        if owner is not None or group is not None:
            os.chown(path, -1 if owner is None else owner, -1 if group is None else group, follow_symlinks=False)
    os.chmod(path, mode)
    return path


def prepare_state(state: Path) -> dict[str, str]:
    """The hub's state folder (0700) with its database and cookie secret 0600; the config values for them."""
    state.parent.mkdir(parents=True, exist_ok=True)
    ensure_folder(state, 0o700)
    db = state / "jupyterhub.sqlite"
    os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600))  # sqlite accepts an empty file
    os.chmod(db, 0o600)
    secret = state / "jupyterhub_cookie_secret"
    if secret.exists():
        os.chmod(secret, 0o600)
    return {"db_url": f"sqlite:///{db}", "cookie_secret_file": str(secret), "pid_file": str(state / "jupyterhub.pid")}


def prepare_exchange(root: Path, course_id: str) -> Path:
    """nbgrader's exchange: root 1777 (nbgrader wants it writable; the sticky bit stops renames of the
    course folder), course and outbound 0755 (only the instructor, root, writes releases), inbound
    3733 (anyone may hand in, nobody may list, and the sticky bit stops anyone moving or deleting
    someone else's submission; a folder's owner is who made it, which only root can change)."""
    root.parent.mkdir(parents=True, exist_ok=True)
    ensure_folder(root, 0o1777)
    course = ensure_folder(root / course_id, 0o755)
    ensure_folder(course / "outbound", 0o755)
    ensure_folder(course / "inbound", 0o3733)
    return course


def prepare_poll(folder: Path, facilitators_group: str) -> Path:
    """The poll folder: root's, writable by the facilitators' group (for poll-reset), read-only for others.

    Each participant's own ``<uid>/`` subfolder is created by ``prepare_server``.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        gid = grp.getgrnam(facilitators_group).gr_gid
    except KeyError:
        gid = None
    ensure_folder(folder, 0o775 if gid is not None else 0o755, group=gid)
    if gid is not None and os.lstat(folder).st_gid != gid and os.lstat(folder).st_uid == os.geteuid():
        os.chown(folder, -1, gid, follow_symlinks=False)  # our own folder: only its group changes
    return folder


def prepare_instructor_root(instructor: Path, checkout_autograder: Path) -> Path:
    """The instructor's course root on the hub: ``<instructor>/autograder``, in a 0700 root-only folder.

    Copied from the checkout's ``autograder/`` on first start (with its exam bank); the gradebook,
    reports, certificates and the certificate key are made there by the grading commands.
    """
    instructor.parent.mkdir(parents=True, exist_ok=True)
    ensure_folder(instructor, 0o700)
    course_root = instructor / "autograder"
    if not course_root.exists() and checkout_autograder.is_dir():
        shutil.copytree(checkout_autograder, course_root, symlinks=True)
    return course_root


def lock_checkout(repo: Path, names=("autograder", ".git")) -> list[Path]:
    """Make the checkout's instructor-only folders 0700 (root's): the sample exam bank and the history.

    Participants' servers run the package from this checkout, so the rest stays readable.
    """
    locked = []
    for name in names:
        path = repo / name
        info = os.lstat(path) if os.path.lexists(path) else None
        if info and stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid():
            os.chmod(path, 0o700)
            locked.append(path)
    return locked


# -- the spawn hook ------------------------------------------------------------------------------------------
def _new_home(home: Path, uid: int, gid: int) -> None:
    """Create a missing home 0700 for ``uid``: the only chown the hub does, on the folder it just made."""
    if not home.is_absolute():
        raise HubSetupError(f"home {home} is not an absolute path")
    parent = os.lstat(home.parent)
    if parent.st_uid != 0 or parent.st_mode & 0o022:
        raise HubSetupError(f"{home.parent} is not a root-owned folder that only root can write to; "
                            "create the home with add_users.sh instead")
    os.mkdir(home, 0o700)
    os.chown(home, uid, gid, follow_symlinks=False)


def make_spawn_hook(*, python: str, notebooks: Path, poll: Path, min_uid: int, groups: set[str]):
    """The pre-spawn hook for the ``local`` spawner (one Linux account per person, hub run as root)."""
    sys.path.insert(0, str(HERE.parents[1]))  # the checkout, for the poll's folder rule
    from compliance_course.workshop.poll import prepare_participant

    async def prepare_server(spawner) -> None:
        name = spawner.user.name
        reason = refusal(name, min_uid=min_uid, groups=groups)
        if reason:
            raise HubSetupError(reason)
        entry = pwd.getpwnam(name)
        home = Path(entry.pw_dir)
        if not os.path.lexists(home):
            _new_home(home, entry.pw_uid, entry.pw_gid)
        # Inside the home, everything runs as the participant: no root access to a folder they control.
        process = await asyncio.create_subprocess_exec(
            python, "-I", str(FIRST_START), str(notebooks), str(home), user=entry.pw_uid, group=entry.pw_gid,
            extra_groups=os.getgrouplist(name, entry.pw_gid), cwd="/", env={"PATH": "/usr/bin:/bin"},
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await process.communicate()
        if process.returncode != 0:
            raise HubSetupError(f"first start of {name} failed: {out.decode(errors='replace').strip()[-500:]}")
        prepare_participant(poll, entry.pw_uid, entry.pw_gid)

    return prepare_server


def participants_can_run(python: str) -> bool:
    """Can an unprivileged account execute ``python`` (no folder on its path closed to others)?"""
    path = Path(os.path.realpath(python))
    for folder in [*reversed(path.parents)]:
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return False
    return bool(os.stat(path).st_mode & stat.S_IXOTH)


def fail(message: str) -> None:
    """Stop the hub's start with one line."""
    print(f"jupyterhub_config.py: {message}", file=sys.stderr)
    raise SystemExit(1)
