"""The exam bank: exam items kept apart from the course data learners use.

An exam bank is a folder of ``questions/<module>.yaml`` and ``scenarios/<module>.yaml``
files, in the same format as ``course_data/`` and validated the same way
(:func:`compliance_course.data.load_course` with ``bank=``), holding ``use: exam`` items only.

- ``autograder/exam_bank/`` is the repository's bank: a public sample. Everyone who can
  read the repository can read its answers, so it is fine for practice exams, not for
  certification.
- An instructor who certifies starts a private bank from it (``bank init DEST``), writes
  new items there, and points the instructor commands at it with ``--bank DEST`` or
  ``$COURSE_EXAM_BANK``.
- ``bank split`` moves every exam item still in ``course_data/`` into the repository's bank,
  by moving the YAML text of each item (comments and layout kept); it checks that every item
  reads back identical before it writes anything, and does nothing the second time.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..data import Course, load_course
from ..data.loader import PACKAGE_ROOT, default_root
from ..errors import CourseDataError
from .private import create_exclusive, private_dir

REPO_BANK = PACKAGE_ROOT / "autograder" / "exam_bank"
ENV = "COURSE_EXAM_BANK"
KINDS = ("questions", "scenarios")
ITEM_START = re.compile(r"  - ")
LEAD = re.compile(r"( {0,2}#.*)?\s*")  # blank lines and comments at the list's own level


def bank_path(explicit: str | Path | None = None, data: str | Path | None = None) -> Path | None:
    """The exam bank to use: ``explicit``, else ``$COURSE_EXAM_BANK``, else the repository's.

    The repository's bank goes with the repository's ``course_data/`` only: for other course
    data (``data`` or ``$COURSE_DATA``, e.g. a test course) there is no default bank. None also
    while the repository has no bank (exam items still in ``course_data/``). An explicit or
    configured folder that does not exist is an error.
    """
    chosen = explicit or os.environ.get(ENV)
    if chosen:
        path = Path(chosen).expanduser().resolve()
        if not path.is_dir():
            where = "--bank" if explicit else f"${ENV}"
            raise CourseDataError(f"{path}: exam bank folder not found ({where})")
        return path
    data = Path(data).resolve() if data else default_root()
    if data != (PACKAGE_ROOT / "course_data").resolve():
        return None
    return REPO_BANK if REPO_BANK.is_dir() else None


def load_exam_course(bank: str | Path | None = None, root: str | Path | None = None) -> Course:
    """The course data with the exam bank merged in: what the instructor commands use."""
    return load_course(root, bank=bank_path(bank, root))


def describe(path: Path | None) -> str:
    if path is None:
        return "no exam bank: exam items are read from course_data/"
    if path == REPO_BANK.resolve():
        return f"{path} (the repository's public sample bank: fine for practice exams, not for certification)"
    return f"{path} (private bank)"


# ------------------------------------------------------------------ moving YAML items as text

@dataclass
class _File:
    header: list[str]                         # up to and including the "questions:" line
    blocks: list[tuple[str, str, list[str]]]  # (item id, use, lines incl. the comments above it)
    tail: list[str] = field(default_factory=list)


def _parse(text: str, where: Path) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CourseDataError(f"{where}: {str(exc).splitlines()[0]}; nothing written") from None


def _split_file(text: str, key: str, where: Path) -> _File:
    """The file's text cut into one block per item (the whole file parsed once for ids and use)."""
    lines = text.splitlines(keepends=True)
    try:
        k = next(i for i, line in enumerate(lines) if re.match(rf"{key}:\s*(\[\s*\])?\s*$", line))
    except StopIteration:
        raise CourseDataError(f"{where}: no '{key}:' line; cannot move items") from None
    header, body = lines[:k + 1], lines[k + 1:]
    header[-1] = f"{key}:\n"
    items = (_parse(text, where) or {}).get(key) or []
    starts = [i for i, line in enumerate(body) if ITEM_START.match(line)]
    if len(starts) != len(items) or not all(isinstance(i, dict) and "id" in i for i in items):
        raise CourseDataError(f"{where}: items are not one '  - ' block each with an id; cannot move them as text")
    if not starts:
        return _File(header, [], body)
    blocks: list[tuple[str, str, list[str]]] = []
    lead = body[:starts[0]]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        chunk = body[start:end]
        cut = len(chunk)
        if n + 1 < len(starts):  # comments at the end of an item introduce the next one
            while cut > 1 and LEAD.fullmatch(chunk[cut - 1].rstrip("\n")):
                cut -= 1
        blocks.append((str(items[n]["id"]), str(items[n].get("use", "practice")), lead + chunk[:cut]))
        lead = chunk[cut:]
    return _File(header, blocks, lead)


def _join(f: _File, key: str) -> str:
    header = list(f.header)
    if not f.blocks:
        header[-1] = f"{key}: []\n"
    text = "".join(header + [line for _, _, block in f.blocks for line in block] + f.tail)
    return text if text.endswith("\n") else text + "\n"


def _items(text: str, key: str, where: Path) -> dict[str, Any]:
    data = _parse(text, where) or {}
    return {"module": data.get("module"), **{str(i["id"]): i for i in data.get(key) or []}}


@dataclass
class SplitResult:
    moved: list[str] = field(default_factory=list)     # "questions/hipaa.yaml: 11 item(s)"
    replaced: list[str] = field(default_factory=list)  # ids already in the bank, replaced by the newer text
    written: list[Path] = field(default_factory=list)


def split(data: str | Path | None = None, bank: str | Path | None = None, *, remove: bool = True,
          private: bool = False) -> SplitResult:
    """Move (``remove``) or copy every ``use: exam`` item of ``data`` into ``bank``.

    Each item's YAML text moves as it is, with the comments just above it. An id already in
    the bank is replaced by the text from ``data`` (the one edited last). Nothing is written
    unless every file reads back with exactly the items it should hold. Running it again
    finds nothing to move and writes nothing.
    """
    data = Path(data) if data else default_root()
    bank = Path(bank) if bank else REPO_BANK
    result = SplitResult()
    plans: dict[Path, str] = {}
    for kind in KINDS:
        for src in sorted((data / kind).glob("*.yaml")):
            text = src.read_text(encoding="utf-8")
            parsed = _split_file(text, kind, src)
            exam = [b for b in parsed.blocks if b[1] == "exam"]
            if not exam:
                continue
            dest = bank / kind / src.name
            before = _items(text, kind, src)
            module = before["module"]
            if dest.exists():
                target = _split_file(dest.read_text(encoding="utf-8"), kind, dest)
            else:
                target = _File([f"# Exam items of the {module!r} module (use: exam), moved from course_data/{kind}/.\n",
                                "# Same format and validation as course_data; see autograder/README.md, \"The exam bank\".\n",
                                f"module: {module}\n", f"{kind}:\n"], [])
            have = {b[0]: n for n, b in enumerate(target.blocks)}
            for block in exam:
                if block[0] in have:
                    if target.blocks[have[block[0]]][2] != block[2]:
                        result.replaced.append(block[0])
                    target.blocks[have[block[0]]] = block
                else:
                    target.blocks.append(block)
            new_bank = _join(target, kind)
            after_bank = _items(new_bank, kind, dest)
            if after_bank["module"] != module or any(after_bank[b[0]] != before[b[0]] for b in exam):
                raise CourseDataError(f"{src}: the exam items would not read back the same in {dest}; nothing written")
            plans[dest] = new_bank
            if remove:
                parsed.blocks = [b for b in parsed.blocks if b[1] != "exam"]
                new_src = _join(parsed, kind)
                after = _items(new_src, kind, src)
                expected = {k: v for k, v in before.items() if k == "module" or v.get("use") != "exam"}
                if after != expected:
                    raise CourseDataError(f"{src}: the practice items would not read back the same; nothing written")
                plans[src] = new_src
            result.moved.append(f"{kind}/{src.name}: {len(exam)} item(s)")
    for path, text in plans.items():
        if private:
            private_dir(path.parent)
            tmp = path.with_name(f".{path.name}.new")
            tmp.unlink(missing_ok=True)
            create_exclusive(tmp, text.encode("utf-8"))
            os.replace(tmp, path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        result.written.append(path)
    return result


def init_bank(dest: str | Path, source: str | Path | None = None) -> SplitResult:
    """Start a private bank at ``dest`` (0700, files 0600) from ``source`` (default: the bank in use).

    Before the split (no repository bank yet) the exam items are copied out of ``course_data/``.
    ``dest`` must not exist, or be an empty folder.
    """
    dest = Path(dest).expanduser().resolve()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise CourseDataError(f"{dest}: already exists and is not an empty folder; choose a new one")
    src = bank_path(source)
    private_dir(dest)
    if src is None:
        return split(default_root(), dest, remove=False, private=True)
    result = SplitResult()
    for kind in KINDS:
        for path in sorted((src / kind).glob("*.yaml")):
            target = private_dir(dest / kind) / path.name
            create_exclusive(target, path.read_bytes())
            result.written.append(target)
            result.moved.append(f"{kind}/{path.name}")
    return result
