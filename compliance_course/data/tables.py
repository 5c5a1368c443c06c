"""Reference tables (CSV) from ``course_data/tables/`` as pandas DataFrames."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import CourseDataError
from .loader import default_root, load_course


def table(name: str, root: str | Path | None = None) -> pd.DataFrame:
    """The reference table ``name`` (file stem, e.g. ``"nist_800_171_r2"``), as a fresh copy."""
    return _read(name, Path(root).resolve() if root else default_root()).copy()


@lru_cache(maxsize=32)
def _read(name: str, root: Path) -> pd.DataFrame:
    described = load_course(root).tables
    if name not in described:
        raise CourseDataError(f"unknown table {name!r}; known: {', '.join(sorted(described))}")
    path = root / "tables" / f"{name}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    # Identifiers such as "03.01" must stay text; only all-integer columns become numbers.
    for column in frame.columns:
        values = frame[column]
        if len(values) and values.str.fullmatch(r"-?\d+").all():
            frame[column] = values.astype(int)
    return frame


def table_source(name: str, root: str | Path | None = None) -> str:
    """The source line of a reference table, to print under any chart drawn from it."""
    return load_course(root).tables[name].source
