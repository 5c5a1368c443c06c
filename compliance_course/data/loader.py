"""Read and validate everything under ``course_data/``.

Layout::

    course_data/modules.yaml             modules: [...]
    course_data/facts/<module>.yaml      module: <id>, facts: [...]
    course_data/questions/<module>.yaml  module: <id>, questions: [...]
    course_data/scenarios/<module>.yaml  module: <id>, scenarios: [...]
    course_data/lessons/<module>.yaml    module: <id>, objectives, key_points, ...
    course_data/tables/tables.yaml       tables: [...] describing each CSV beside it

Exam items (``use: exam`` questions and scenarios) may live in an exam bank instead, a
folder of the same ``questions/<module>.yaml`` and ``scenarios/<module>.yaml`` files kept by
the instructor (``autograder/exam_bank/`` is the repository's public sample). Learner-side
code calls ``load_course()`` and never sees the bank; instructor code passes ``bank=``
(see :mod:`compliance_course.grading.bank`). Bank items get the same validation, and the
bank may hold exam items only.

Every problem found is reported at once, one line each, naming the file, the
item and the field.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import CourseDataError
from .models import Fact, Lesson, Module, Question, Scenario, Table

try:  # the C loader is several times faster; fall back where libyaml is absent
    _SafeLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
#: Kinds of per-module content: folder name -> (list key, model, singular name)
ITEM_KINDS: dict[str, tuple[str, type[BaseModel], str]] = {
    "facts": ("facts", Fact, "fact"),
    "questions": ("questions", Question, "question"),
    "scenarios": ("scenarios", Scenario, "scenario"),
}


def default_root() -> Path:
    """The ``course_data`` folder: ``$COURSE_DATA`` if set, else the repository's."""
    return Path(os.environ.get("COURSE_DATA", PACKAGE_ROOT / "course_data")).resolve()


@dataclass(frozen=True)
class Course:
    """All validated content, keyed by id."""

    root: Path
    modules: dict[str, Module]
    facts: dict[str, Fact]
    questions: dict[str, Question]
    scenarios: dict[str, Scenario]
    lessons: dict[str, Lesson]
    tables: dict[str, Table]
    version: str = field(default="")
    bank: Path | None = None  # the exam bank merged in, if any

    def questions_for(self, module: str | None = None, *, use: str | None = None,
                      tag: str | None = None) -> list[Question]:
        """Questions in bank order, filtered by module, use ("practice"/"exam") and tag."""
        if module is not None and module not in self.modules:
            raise ValueError(f"unknown module {module!r}; known: {', '.join(self.modules)}")
        return [q for q in self.questions.values()
                if (module is None or q.module == module)
                and (use is None or q.use == use)
                and (tag is None or tag in q.tags)]

    def facts_for(self, module: str, tag: str | None = None) -> list[Fact]:
        return [f for f in self.facts.values()
                if f.module == module and (tag is None or tag in f.tags)]

    def scenarios_for(self, module: str, use: str | None = "practice") -> list[Scenario]:
        """A module's scenarios; by default only those for practice (``use=None`` gives all)."""
        return [s for s in self.scenarios.values() if s.module == module and (use is None or s.use == use)]


class _Problems:
    """Collects problems so that one load reports all of them."""

    def __init__(self, root: Path):
        self.root = root
        self.lines: list[str] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path, message: str) -> None:
        self.lines.append(f"{self.rel(path)}: {message}")

    def add_validation(self, path: Path, what: str, error: ValidationError) -> None:
        for err in error.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(item)"
            msg = err["msg"].removeprefix("Value error, ")
            if msg.startswith(tuple(f"{f}:" for f in ("answer", "choices", "options", "until", "slot"))):
                self.add(path, f"{what}: {msg}")
            else:
                self.add(path, f"{what}: {loc}: {msg}")

    def raise_if_any(self) -> None:
        if self.lines:
            count = len(self.lines)
            head = f"course data has {count} problem{'s' if count > 1 else ''}:\n" if count > 1 else ""
            raise CourseDataError(head + "\n".join(self.lines))


def _read_yaml(path: Path, problems: _Problems) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problems.add(path, f"{where}malformed YAML: {problem}")
    except UnicodeDecodeError as exc:
        problems.add(path, f"not UTF-8 text: {exc}")
    return None


def load_yaml_model(path: Path, model: type[BaseModel], *, missing: str) -> Any:
    """Read one YAML file of course data and validate it as ``model``.

    Raises CourseDataError naming the file (as ``course_data/<name>``) and, one per line,
    each failing field; ``missing`` says what the file is for when it does not exist.
    """
    problems = _Problems(path.parent)
    rel = problems.rel(path)
    if not path.exists():
        raise CourseDataError(f"{rel}: missing: {missing}")
    data = _read_yaml(path, problems)
    problems.raise_if_any()
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CourseDataError("\n".join(
            f"{rel}: {'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg'].removeprefix('Value error, ')}"
            for err in exc.errors())) from None


def _validate(model: type[BaseModel], data: Any, path: Path, what: str, problems: _Problems):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.add_validation(path, what, exc)
        return None


def content_version(root: Path | None = None) -> str:
    """A short hash of every file under ``course_data/``.

    Completion records carry it, so an auditor can tell which content a learner
    was certified on.
    """
    root = Path(root) if root else default_root()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _load_modules(root: Path, problems: _Problems) -> dict[str, Module]:
    path = root / "modules.yaml"
    modules: dict[str, Module] = {}
    if not path.exists():
        problems.add(path, "missing: the list of modules is required")
        return modules
    data = _read_yaml(path, problems)
    if data is None:
        return modules
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        problems.add(path, "expected a mapping with a list under 'modules'")
        return modules
    for i, item in enumerate(data["modules"]):
        ident = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        module = _validate(Module, item, path, f"module {ident!r}", problems)
        if module is None:
            continue
        if module.id in modules:
            problems.add(path, f"module {module.id!r}: id: duplicate id")
        modules[module.id] = module
    return modules


def _load_items(root: Path, folder: str, modules: dict[str, Module], problems: _Problems,
                seen_ids: dict[str, str]) -> dict[str, Any]:
    key, model, noun = ITEM_KINDS[folder]
    items: dict[str, Any] = {}
    for path in sorted((root / folder).glob("*.yaml")):
        data = _read_yaml(path, problems)
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            problems.add(path, f"expected a mapping with 'module' and a list under '{key}'")
            continue
        module = data.get("module")
        if module not in modules:
            problems.add(path, f"module: unknown module {module!r}; known: {', '.join(modules)}")
            continue
        for i, raw in enumerate(data[key]):
            if not isinstance(raw, dict):
                problems.add(path, f"{noun} #{i + 1}: expected a mapping")
                continue
            ident = raw.get("id", f"#{i + 1}")
            what = f"{noun} {ident!r}"
            if raw.get("module", module) != module:
                problems.add(path, f"{what}: module: {raw['module']!r} differs from the file's module {module!r}")
                continue
            item = _validate(model, {**raw, "module": module}, path, what, problems)
            if item is None:
                continue
            if item.id in seen_ids:
                problems.add(path, f"{what}: id: duplicate id, also in {seen_ids[item.id]}")
                continue
            seen_ids[item.id] = problems.rel(path)
            items[item.id] = item
    return items


def _load_lessons(root: Path, modules: dict[str, Module], problems: _Problems) -> dict[str, Lesson]:
    lessons: dict[str, Lesson] = {}
    for path in sorted((root / "lessons").glob("*.yaml")):
        data = _read_yaml(path, problems)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.add(path, "expected a mapping")
            continue
        data = dict(data)
        module = data.pop("module", None)
        if module not in modules:
            problems.add(path, f"module: unknown module {module!r}; known: {', '.join(modules)}")
            continue
        lesson = _validate(Lesson, data, path, f"lesson {module!r}", problems)
        if lesson is not None:
            lessons[module] = lesson
    return lessons


def _load_tables(root: Path, problems: _Problems) -> dict[str, Table]:
    path = root / "tables" / "tables.yaml"
    tables: dict[str, Table] = {}
    data = _read_yaml(path, problems) if path.exists() else {"tables": []}
    if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
        if data is not None:
            problems.add(path, "expected a mapping with a list under 'tables'")
        data = {"tables": []}
    for i, item in enumerate(data["tables"]):
        ident = item.get("file", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        table = _validate(Table, item, path, f"table {ident!r}", problems)
        if table is None:
            continue
        if not (root / "tables" / table.file).exists():
            problems.add(path, f"table {table.file!r}: file: no such CSV in {problems.rel(root / 'tables')}")
        tables[table.file.removesuffix(".csv")] = table
    for csv in sorted((root / "tables").glob("*.csv")):
        if csv.stem not in tables:
            problems.add(csv, "source: this table is not described in tables/tables.yaml")
    return tables


def _cross_check(facts: dict[str, Fact], questions: dict[str, Question], scenarios: dict[str, Scenario],
                 root: Path, problems: _Problems, seen: dict[str, str] | None = None) -> None:
    def where(item: Question | Scenario, folder: str) -> str:  # the file it came from (course_data or the exam bank)
        return (seen or {}).get(item.id) or problems.rel(root / folder / f"{item.module}.yaml")

    for folder, noun, items in (("questions", "question", questions), ("scenarios", "scenario", scenarios)):
        for item in items.values():
            for fact_id in item.rests_on:
                if fact_id not in facts:
                    problems.lines.append(f"{where(item, folder)}: {noun} {item.id!r}: rests_on: "
                                          f"unknown fact {fact_id!r}")
    for q in questions.values():
        if q.scenario is not None and q.scenario not in scenarios:
            problems.lines.append(f"{where(q, 'questions')}: question {q.id!r}: scenario: unknown scenario {q.scenario!r}")
        elif q.scenario is not None and q.use == "practice" and scenarios[q.scenario].use == "exam":
            problems.lines.append(f"{where(q, 'questions')}: question {q.id!r}: scenario: {q.scenario!r} is an exam scenario "
                                  "and cannot appear in practice")


def load_course(root: str | Path | None = None, *, bank: str | Path | None = None) -> Course:
    """Load and validate all of ``course_data/``; raise CourseDataError listing every problem.

    ``bank``: an exam bank folder whose questions and scenarios are added (instructor side
    only); the version then covers the bank too. Results are cached per folder; call
    ``load_course.cache_clear()`` after editing content in a running kernel.
    """
    return _load_cached(Path(root).resolve() if root else default_root(),
                        Path(bank).resolve() if bank else None)


def _load_bank(bank: Path, modules: dict[str, Module], problems: _Problems, seen: dict[str, str],
               questions: dict[str, Any], scenarios: dict[str, Any]) -> None:
    if not bank.is_dir():
        problems.add(bank, "exam bank folder not found")
        return
    bank_problems = _Problems(bank)
    for folder, into in (("questions", questions), ("scenarios", scenarios)):
        items = _load_items(bank, folder, modules, bank_problems, seen)
        for item in items.values():
            if item.use != "exam":
                bank_problems.add(bank / folder / f"{item.module}.yaml",
                                  f"{ITEM_KINDS[folder][2]} {item.id!r}: use: the exam bank holds exam items "
                                  "only; practice items belong in course_data")
        into.update(items)
    problems.lines.extend(bank_problems.lines)


@lru_cache(maxsize=8)
def _load_cached(root: Path, bank: Path | None = None) -> Course:
    if not root.is_dir():
        raise CourseDataError(f"{root}: course data folder not found")
    problems = _Problems(root)
    modules = _load_modules(root, problems)
    seen: dict[str, str] = {}
    facts = _load_items(root, "facts", modules, problems, seen)
    questions = _load_items(root, "questions", modules, problems, seen)
    scenarios = _load_items(root, "scenarios", modules, problems, seen)
    if bank is not None:
        _load_bank(bank, modules, problems, seen, questions, scenarios)
    lessons = _load_lessons(root, modules, problems)
    tables = _load_tables(root, problems)
    _cross_check(facts, questions, scenarios, root, problems, seen)
    problems.raise_if_any()
    version = content_version(root)
    if bank is not None:
        version = hashlib.sha256(f"{version}+{content_version(bank)}".encode()).hexdigest()[:12]
    return Course(root=root, modules=modules, facts=facts, questions=questions,
                  scenarios=scenarios, lessons=lessons, tables=tables, version=version, bank=bank)


load_course.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]
