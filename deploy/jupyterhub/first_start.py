"""A participant's first start on the hub, run by the spawn hook AS THE PARTICIPANT (never as root).

    python -I first_start.py NOTEBOOKS HOME

Makes the home private (0700) and copies the course notebooks to HOME/course once; their later
work is theirs, so an existing HOME/course is never touched. Standard library only.
"""
import os
import shutil
import stat
import sys
from pathlib import Path


def main(notebooks: str, home: str) -> int:
    home_path = Path(home)
    info = os.lstat(home_path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        print(f"{home_path} is not a folder owned by this account (uid {os.getuid()})", file=sys.stderr)
        return 1
    os.chmod(home_path, 0o700)
    target = home_path / "course"
    if not os.path.lexists(target):
        shutil.copytree(notebooks, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
