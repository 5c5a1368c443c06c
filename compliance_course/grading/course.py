"""The nbgrader course directory (``autograder/``) and how nbgrader is run there.

nbgrader runs ``alembic`` by name when it creates a gradebook, so every call
here puts the running Python's ``bin`` folder first on ``PATH``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..data.loader import PACKAGE_ROOT

DEFAULT_ROOT = PACKAGE_ROOT / "autograder"


def nbgrader_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for nbgrader: this Python's bin first on PATH (for ``alembic``)."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    parts = env.get("PATH", "").split(os.pathsep)
    if not parts or parts[0] != bindir:
        env["PATH"] = os.pathsep.join([bindir, *[p for p in parts if p != bindir]])
    env.update(extra or {})
    return env


def use_nbgrader_env() -> None:
    """Put this Python's bin first on PATH in this process (before calling nbgrader's API)."""
    os.environ["PATH"] = nbgrader_env()["PATH"]


class NbgraderError(RuntimeError):
    """An nbgrader command failed; the message holds the end of its log."""


@dataclass(frozen=True)
class AutograderDir:
    """Paths of one nbgrader course directory."""

    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> "AutograderDir":
        return cls(Path(root or os.environ.get("AUTOGRADER_ROOT", DEFAULT_ROOT)).resolve())

    source = property(lambda self: self.root / "source")
    release = property(lambda self: self.root / "release")
    submitted = property(lambda self: self.root / "submitted")
    autograded = property(lambda self: self.root / "autograded")
    feedback = property(lambda self: self.root / "feedback")
    reports = property(lambda self: self.root / "reports")
    rubrics = property(lambda self: self.root / "rubrics")
    downloaded = property(lambda self: self.root / "downloaded")
    db = property(lambda self: self.root / "gradebook.db")

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db}"

    def run(self, *args: str, check: bool = True, timeout: float | None = 1800) -> subprocess.CompletedProcess:
        """Run ``nbgrader <args>`` in the course directory with the right PATH."""
        cmd = [sys.executable, "-m", "nbgrader", *args]
        proc = subprocess.run(cmd, cwd=self.root, env=nbgrader_env(), capture_output=True, text=True,
                              timeout=timeout)
        if check and proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise NbgraderError(f"nbgrader {' '.join(args)} failed (exit {proc.returncode}):\n{tail}")
        return proc
