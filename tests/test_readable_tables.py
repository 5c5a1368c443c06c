"""Do the course's tables render readably: whole cells, words for headers, formatted values,
no index, nothing shown as None/<NA>, and a search box (offline) for long tables?"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from compliance_course import lesson
from compliance_course.charts import cmmc, fedramp, soc2
from compliance_course.crosswalk import comparison_table
from compliance_course.data.tables import (LONG_TABLE_ROWS, ReadableTable, cell_text, install_display,
                                           readable_frame, table_html)
from compliance_course.decisions.hipaa import penalty_table
from compliance_course.decisions.nist171 import requirements

#: The reference tables the review found cut (M3), as the notebooks call them.
REFERENCE_TABLES = {
    "soc2 report outline": soc2.report_outline,
    "cross-framework comparison": comparison_table,
    "nist 110 requirements": lambda: requirements(2)[["id", "family", "summary", "type", "points",
                                                      "partial_points", "points_note"]],
    "hipaa penalty table": penalty_table,
    "cmmc levels": cmmc.levels_frame,
    "fedramp paths": fedramp.path_table,
}


def test_cell_text_formats_values_for_people():
    assert cell_text(None) == "" and cell_text(pd.NA) == "" and cell_text(float("nan")) == ""
    assert cell_text(1711533, money=True) == "$1,711,533"
    assert cell_text(1711533) == "1,711,533" and cell_text(2026) == "2026"
    assert cell_text(dt.date(2026, 8, 29)) == "29 August 2026"
    assert cell_text(pd.Timestamp("2026-08-29")) == "29 August 2026"
    assert cell_text(True) == "yes" and cell_text(5.0) == "5"


@pytest.mark.parametrize("name", REFERENCE_TABLES)
def test_reference_tables_show_whole_words_and_no_python(name):
    frame = REFERENCE_TABLES[name]()
    shown = readable_frame(frame)
    cells = [str(v) for v in shown.to_numpy().ravel()]
    assert not any(v in {"None", "nan", "<NA>", "NaT"} for v in cells)
    assert not any(v.endswith("…") or v.endswith("...") for v in cells)
    assert not any("_" in c for c in shown.columns), list(shown.columns)   # words, not keys
    assert all(c[:1] == c[:1].upper() for c in shown.columns)
    # every long text is there in full
    longest = max((str(v) for v in frame.to_numpy().ravel() if isinstance(v, str)), key=len)
    assert longest in cells


def test_penalty_table_shows_dollars():
    shown = readable_frame(penalty_table())
    assert (shown["Calendar-year cap"].str.match(r"^\$\d{1,3}(,\d{3})*$")).all()


def test_comparison_table_keeps_its_framework_names_as_a_column_not_an_index():
    html = table_html(comparison_table())
    assert ">Framework</th>" in html and ">SOC 2</td>" in html
    assert "<th></th>" not in html and "class=\"index_name\"" not in html


def test_plain_table_wraps_and_is_left_aligned():
    html = table_html(pd.DataFrame({"a_b": ["x" * 300]}))
    assert "white-space:normal" in html and "text-align:left" in html and "x" * 300 in html
    assert "<th scope='col'>A b</th>" in html


def test_urls_and_notebooks_become_links():
    html = table_html(pd.DataFrame({"source": ["See https://www.ecfr.gov/x. Then"], "nb": ["01_soc2.ipynb"]}))
    assert "<a href='https://www.ecfr.gov/x'" in html and "<a href='01_soc2.ipynb'>" in html


def test_long_tables_get_an_offline_search_box_short_ones_do_not():
    long = ReadableTable(requirements(2))
    assert len(long) == 110 > LONG_TABLE_ROWS and long.search
    html = long._repr_html_()
    assert "dt_src_b64" not in html and "window._itables_" in html   # the bundle itself is embedded
    assert not re.search(r"<script[^>]+src=|import[^;]*from\s*['\"]https?:", html)  # nothing fetched
    assert "Filter rows" in html
    short = ReadableTable(cmmc.levels_frame())
    assert not short.search and "window._itables_" not in short._repr_html_()


def test_install_display_makes_every_dataframe_readable():
    shell = InteractiveShell.instance()
    try:
        assert install_display(shell)
        data, _ = shell.display_formatter.format(pd.DataFrame({"points_note": [None]}, index=[7]))
        assert "Points note" in data["text/html"] and "None" not in data["text/html"]
    finally:
        shell.display_formatter.formatters["text/html"].pop(pd.DataFrame, None)
        InteractiveShell.clear_instance()


def test_fact_table_is_readable_and_links_its_sources():
    table = lesson.fact_table("hipaa", tag="breach")
    assert isinstance(table, ReadableTable)
    html = table._repr_html_()
    assert "<a href='https://" in html and "None" not in html


def test_module_table_links_every_notebook_and_reads_before_running():
    text = lesson.module_table().data
    assert re.findall(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", text) == [
        "00_start_here.ipynb", "01_soc2.ipynb", "02_hipaa.ipynb", "03_nist_800_171.ipynb",
        "04_cmmc.ipynb", "05_fedramp.ipynb", "06_cross_framework.ipynb"]


def test_sources_with_a_url_are_links():
    text = lesson.sources("hipaa").data
    assert re.search(r"\]\(https?://", text)


def test_show_value_gives_words_not_python_reprs():
    """Review m9: `2`, `'2026-08-29'` and `'moderate'` in lesson cells."""
    def shown(md):
        return re.search(r"\*\*(.*)\*\*", md.data).group(1)
    assert shown(lesson.show_value(2, "Phase {}")) == "Phase 2"
    assert shown(lesson.show_value("2026-08-29")) == "29 August 2026"
    assert shown(lesson.show_value(dt.date(2026, 8, 29), "Close the POA&M by {}")) == \
        "Close the POA&M by 29 August 2026"
    assert shown(lesson.show_value("moderate", "Impact level: {}")) == "Impact level: Moderate"
    assert shown(lesson.show_value(True)) == "Yes"


def test_lesson_markdown_is_not_typeset_as_mathematics():
    """JupyterLab's MathJax typesets "$10 to $20" in Markdown output even when escaped."""
    for md in (lesson.show_fact("fedramp-cost-time-estimates"), lesson.sources("soc2"),
               lesson.misconceptions("fedramp"), lesson.key_points("hipaa"), lesson.objectives("hipaa")):
        assert md.data.startswith("<div class='mathjax_ignore")


def test_the_wide_comparison_table_is_turned_one_column_per_framework():
    """Ten narrow columns made every cell a tall stack of words; six framework columns read."""
    from compliance_course.data.tables import turned_if_wide
    turned = turned_if_wide(comparison_table())
    assert list(turned.columns)[1:] == list(comparison_table().index)
    assert turned.iloc[:, 0].tolist()[0] == "Who requires it"
    assert turned_if_wide(cmmc.levels_frame()) is not None and \
        list(turned_if_wide(cmmc.levels_frame()).columns) == list(cmmc.levels_frame().columns)


def test_dollar_amounts_are_not_typeset_as_mathematics():
    """JupyterLab's MathJax reads "$10,000–$25,000" as a formula unless told to skip the table."""
    assert "mathjax_ignore" in table_html(penalty_table())
    assert "<div class='mathjax_ignore" in ReadableTable(penalty_table())._repr_html_()


def test_lesson_markdown_escapes_dollar_signs():
    """"vendors quote $150,000 to $800,000" must not become a formula in JupyterLab."""
    text = lesson.show_fact("fedramp-cost-time-estimates").data
    assert "\\$150,000" in text and " $150,000" not in text
