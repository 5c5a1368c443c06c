"""Reference tables (CSV) from ``course_data/tables/`` as pandas DataFrames, and how any table is
shown to a learner (:func:`readable_table`, :func:`install_display`)."""
from __future__ import annotations

import datetime as dt
import html
import numbers
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import CourseDataError
from ..no_math import NO_MATH
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


# ------------------------------------------------------------------------------ display
# How a learner sees a table: whole cells that wrap, words for headers, formatted money and
# dates, no index column, nothing shown as None/<NA>, and a search box for long tables.

#: Tables longer than this get a search box and pages (itables, offline) instead of every row.
LONG_TABLE_ROWS = 15
#: A numeric column is money when its header says so (the penalty schedules, fees).
MONEY_HEADER = re.compile(r"per violation|\bcap\b|\busd\b|us dollars|\$|\bfee|\bcost|penalt|amount",
                          re.IGNORECASE)
_URL = re.compile(r"(https?://[^\s<>()\"']+[^\s<>()\"'.,;:])")
_NOTEBOOK = re.compile(r"^[\w.-]+\.ipynb$")
# JupyterLab typesets "$...$" in HTML output as mathematics ("USD $10,000–$25,000" became a
# formula): tables are drawn inside an element with the NO_MATH classes, which MathJax skips.
TABLE_CSS = (
    "<style>"
    "table.cc-table{border-collapse:collapse;margin:4px 0 10px;font-size:13px;max-width:100%;"
    "table-layout:auto}"
    "table.cc-table th,table.cc-table td{text-align:left !important;vertical-align:top;"
    "white-space:normal !important;overflow-wrap:break-word;word-break:normal;max-width:none;"
    "padding:4px 8px;border-bottom:1px solid #ddd}"
    "table.cc-table th{font-weight:600;border-bottom:2px solid #999;background:#f4f6f8}"
    "table.cc-table caption{caption-side:top;text-align:left;font-weight:600;padding:2px 0 6px}"
    "table.dataTable.cc-table td,table.dataTable.cc-table th{white-space:normal !important}"
    "</style>"
)


def header_text(name) -> str:
    """A column header in words: ``points_note`` -> "Points note", ``who asks`` -> "Who asks"."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _is_missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays: not missing
        return False


def cell_text(value, *, money: bool = False) -> str:
    """One cell as a learner reads it: "" for missing, $1,711,533, 29 August 2026, yes/no."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        if value.hour or value.minute:
            return f"{value.day} {value:%B %Y, %H:%M}"
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, numbers.Number):
        number = float(value)
        if number.is_integer():
            whole = int(number)
            if money:
                return f"${whole:,}"
            return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)
        return f"${number:,.2f}" if money else f"{number:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple, set)):
        return ", ".join(cell_text(v) for v in value)
    return str(value)


def readable_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for display: a named index becomes a column, headers become words,
    every cell becomes its text (:func:`cell_text`). The data behind it is unchanged."""
    shown = frame.copy()
    if not isinstance(shown.index, pd.RangeIndex) or any(shown.index.names):
        shown = shown.reset_index()
    money = {c for c in shown.columns
             if MONEY_HEADER.search(str(c)) and pd.api.types.is_numeric_dtype(shown[c])}
    def text(value, column) -> str:
        shown_text = cell_text(value, money=column in money)
        # a date stays on one line ("24 November 2026", not "24 / November / 2026" in a narrow column)
        return shown_text.replace(" ", "\u00a0") if isinstance(value, dt.date) else shown_text

    return pd.DataFrame({header_text(c): [text(v, c) for v in shown[c]] for c in shown.columns})


def _cell_html(text: str) -> str:
    """Escaped cell text; URLs and notebook names become links."""
    if _NOTEBOOK.match(text):
        return f"<a href='{html.escape(text)}'>{html.escape(text)}</a>"
    parts = _URL.split(text)
    return "".join(f"<a href='{html.escape(p)}' target='_blank' rel='noopener'>{html.escape(p)}</a>"
                   if i % 2 else html.escape(p) for i, p in enumerate(parts))


def table_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """``frame`` as a plain HTML table (class ``cc-table``) with the course's table style."""
    shown = readable_frame(frame)
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in shown.columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell_html(v)}</td>" for v in row) + "</tr>"
                   for row in shown.itertuples(index=False))
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"{TABLE_CSS}<table class='cc-table {NO_MATH}'>{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def searchable_table_html(frame: pd.DataFrame, caption: str | None = None, *, page_length: int = 10) -> str:
    """``frame`` as an itables DataTable with a search box and pages, working offline.

    The DataTables code comes from the installed itables package (``connected=False``) and is
    embedded with the table, so it works without the internet and after re-running one cell;
    its loader skips the code when the page already has it.
    """
    from itables import to_html_datatable
    from itables import options as itables_options
    from itables.javascript import generate_init_offline_itables_html

    shown = readable_frame(frame)
    shown = shown.map(_cell_html)
    options = dict(connected=False, showIndex=False, classes="display compact cc-table", allow_html=True,
                   pageLength=page_length, maxBytes=0, autoWidth=False,
                   language={"search": "Filter rows:", "info": "Rows _START_ to _END_ of _TOTAL_"})
    if len(shown) > page_length:
        options["lengthMenu"] = [page_length, 25, 50, 100, -1]
    table = to_html_datatable(shown, caption=caption, **options)
    return (TABLE_CSS + generate_init_offline_itables_html(itables_options.dt_bundle)
            + f"<div class='{NO_MATH}'>{table}</div>")


#: A table wider than this many columns and at most WIDE_MAX_ROWS long reads better turned
#: on its side: one column per row (e.g. per framework), one row per aspect.
WIDE_COLUMNS, WIDE_MAX_ROWS = 7, 8


def turned_if_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with rows and columns swapped when it is short and very wide (a comparison of a
    few items on many aspects); the first column (or a named index) names the new columns."""
    shown = frame
    if isinstance(shown.index, pd.RangeIndex) and not any(shown.index.names):
        if shown.shape[1] == 0 or not shown.iloc[:, 0].is_unique:
            return frame
        shown = shown.set_index(shown.columns[0])
    if shown.shape[1] <= WIDE_COLUMNS or len(shown) > WIDE_MAX_ROWS:
        return frame
    name = header_text(shown.index.name or "")
    turned = shown.T
    turned.index = [header_text(c) for c in turned.index]
    turned.index.name = name or " "
    turned.columns = [cell_text(c) for c in turned.columns]
    return turned.reset_index()


class ReadableTable:
    """A table as the learner sees it; ``.frame`` is the data. Long tables get a search box."""

    def __init__(self, frame: pd.DataFrame, caption: str | None = None, *, search: bool | None = None,
                 max_height: int | None = None):
        self.frame = frame
        self.caption = caption
        self.search = len(frame) > LONG_TABLE_ROWS if search is None else search
        self.max_height = max_height

    def _repr_html_(self) -> str:
        if self.search:
            return searchable_table_html(self.frame, self.caption)
        inner = table_html(turned_if_wide(self.frame), self.caption)
        if self.max_height:
            return f"<div style='max-height:{self.max_height}px;overflow-y:auto'>{inner}</div>"
        return inner

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return readable_frame(self.frame).to_string(index=False)


def readable_table(frame: pd.DataFrame, caption: str | None = None, *, search: bool | None = None,
                   max_height: int | None = None) -> ReadableTable:
    """Wrap ``frame`` for display (see :class:`ReadableTable`)."""
    return ReadableTable(frame, caption, search=search, max_height=max_height)


def install_display(shell=None) -> bool:
    """Show every pandas DataFrame in this IPython session as a readable table.

    Registers :class:`ReadableTable`'s HTML for ``pd.DataFrame`` with IPython's HTML formatter
    (plain-text output is unchanged). Returns False outside IPython.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython is a dependency
            return False
        shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(pd.DataFrame, lambda frame: ReadableTable(frame)._repr_html_())
    return True
