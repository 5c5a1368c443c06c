"""The self-assessment widget and the POA&M export, driven without a browser."""
import datetime as dt

import pandas as pd
import pytest

from compliance_course.data import table
from compliance_course.tools.nist171 import SelfAssessment, export_poam, poam_file_name, poam_starter
from compliance_course.tools.nist171 import _escape

#: What the issue asks every summary label and tooltip to say (typed here, not imported).
NOTE = "(summary; see NIST SP 800-171 Rev 2 for the exact text"
NIST = table("nist_800_171_r2").set_index("id")["text"].to_dict()
SUMMARIES = table("nist_800_171_r2_summaries").set_index("id")["summary"].to_dict()



@pytest.fixture(scope="module")
def tool_factory():
    def make(**kwargs):
        return SelfAssessment(show_chart=False, **kwargs)
    return make


def test_starts_all_met_at_110(tool_factory):
    """Does a fresh self-assessment show every requirement met and a score of 110?"""
    tool = tool_factory()
    assert tool.not_met == [] and tool.partial == {} and tool.score == 110
    assert "110" in tool._score.value


def test_clicking_updates_score_and_callback(tool_factory):
    """Do Not met on 3.1.1 and Partial on 3.5.3 give 102 and call the on_change hook each time?"""
    tool = tool_factory()
    seen = []
    tool.on_change(lambda t: seen.append((list(t.not_met), dict(t.partial), t.score)))
    tool.toggle("3.1.1").value = "not_met"
    tool.toggle("3.5.3").value = "partial"
    assert seen == [(["3.1.1"], {}, 105),
                    (["3.1.1"], {"3.5.3": "mfa_remote_and_privileged_only"}, 102)]
    assert "102" in tool._score.value
    assert "1 not fully met, -5" in tool._accordion.get_title(0)


def test_partial_offered_only_where_the_methodology_allows(tool_factory):
    """Is 'Partial' offered for 3.5.3 and 3.13.11 (5(e)) and the 1-point ruling of 5(i)(i) (3.1.12, 3.1.16,
    3.1.18), and nowhere else?"""
    tool = tool_factory()
    with_partial = {rid for rid, t in tool._toggles.items() if "partial" in [v for _, v in t.options]}
    assert with_partial == {"3.5.3", "3.13.11", "3.1.12", "3.1.16", "3.1.18"}


def test_missing_plan_shows_no_score(tool_factory):
    """Does marking 3.12.4 not met show 'No score' and make score None?"""
    tool = tool_factory()
    tool.toggle("3.12.4").value = "not_met"
    assert tool.score is None
    assert "No score" in tool._score.value
    assert tool.deductions.empty


def test_waterfall_goes_when_the_score_goes():
    """After 3.12.4 becomes Not met, is the old "SPRS score 102" waterfall gone (review M5)?"""
    tool = SelfAssessment(ids=["3.1.1", "3.5.3", "3.12.4"])
    tool.toggle("3.1.1").value = "not_met"
    assert "SPRS score 105" in tool.figure.layout.title.text
    tool.toggle("3.12.4").value = "not_met"
    assert tool.figure is None and "No score" in tool._score.value
    tool.toggle("3.12.4").value = "met"
    assert "SPRS score 105" in tool.figure.layout.title.text


def test_choices_are_radio_buttons_with_whole_labels(tool_factory):
    """Is the chosen state a checked radio (not a shade of grey) and no label cut to "Not …"?"""
    import ipywidgets as w
    tool = tool_factory(ids=["3.5.3"])
    choice = tool.toggle("3.5.3")
    assert isinstance(choice, w.RadioButtons)
    assert [label for label, _ in choice.options] == ["Met", "Not met", "Partial"]
    assert choice.layout.width == "auto"


def test_set_selection_fires_once(tool_factory):
    """Does set_selection set the toggles and call the hook once, not once per toggle?"""
    tool = tool_factory()
    calls = []
    tool.on_change(lambda t: calls.append(t.score))
    tool.set_selection(["3.10.1", "3.10.2"], {"3.13.11": "encryption_not_fips_validated"})
    assert calls == [97]   # 110 - 5 - 5 - 3
    assert tool.not_met == ["3.10.1", "3.10.2"]
    tool._reset.click()
    assert tool.score == 110 and calls[-1] == 110


@pytest.mark.parametrize("not_met, partial, message", [
    (["9.9.9"], None, "not shown"),
    ([], {"3.5.3": "encryption_not_fips_validated"}, "must be 'mfa_remote_and_privileged_only'"),
])
def test_set_selection_rejects_bad_input(tool_factory, not_met, partial, message):
    """Are unknown ids and wrong partial values refused with a clear ValueError?"""
    with pytest.raises(ValueError, match=message):
        tool_factory().set_selection(not_met, partial)


def test_subset_of_requirements(tool_factory):
    """Can the CMMC module show only some requirements (here the 17 FAR ones), others counting as met?"""
    far = ["3.1.1", "3.1.2", "3.1.20", "3.1.22", "3.5.1", "3.5.2", "3.8.3", "3.10.1", "3.10.3",
           "3.10.4", "3.10.5", "3.13.1", "3.13.5", "3.14.1", "3.14.2", "3.14.4", "3.14.5"]
    tool = tool_factory(ids=far)
    assert sorted(tool._toggles) == sorted(far)
    tool.toggle("3.13.5").value = "not_met"
    assert tool.score == 105
    with pytest.raises(ValueError, match="unknown"):
        tool_factory(ids=["3.99.1"])


def test_every_control_has_an_accessible_name(tool_factory):
    """Does every toggle carry a description and tooltip, and every button a tooltip?"""
    tool = tool_factory()
    assert all(t.description and t.tooltip for t in tool._toggles.values())
    assert tool._export.tooltip and tool._reset.tooltip and tool._company.description


def test_poam_starter_rows_and_columns():
    """Does the POA&M starter list each unmet or partial requirement with its points and empty plan columns?"""
    frame = poam_starter(["3.3.5", "3.1.1"], {"3.13.11": "encryption_not_fips_validated"})
    assert list(frame["requirement"]) == ["3.1.1", "3.3.5", "3.13.11"]
    assert list(frame["points_if_not_met"]) == [5, 5, 3]
    assert list(frame["status"]) == ["not met", "not met", "partially met"]
    assert (frame[["planned_action", "owner", "completion_date"]] == "").all().all()


def test_poam_starter_gives_our_summary_and_points_to_nist():
    """Does each POA&M row carry the course's summary and the NIST section with the exact text, not NIST's words?"""
    frame = poam_starter(["3.3.5", "3.1.1"], {"3.13.11": "encryption_not_fips_validated"})
    assert list(frame.columns) == ["requirement", "family", "points_if_not_met", "status", "summary",
                                   "exact_text_in", "weakness_found", "planned_action", "owner",
                                   "milestone_date", "completion_date"]
    assert list(frame["summary"]) == [SUMMARIES[r] for r in ["3.1.1", "3.3.5", "3.13.11"]]
    assert list(frame["exact_text_in"]) == ["NIST SP 800-171 Rev 2, 3.1.1", "NIST SP 800-171 Rev 2, 3.3.5",
                                            "NIST SP 800-171 Rev 2, 3.13.11"]
    cells = frame.astype(str).to_numpy().ravel().tolist()
    assert not any(NIST[r] in cell for r in ["3.1.1", "3.3.5", "3.13.11"] for cell in cells)


def test_tool_shows_summaries_labelled_as_such_never_nist_text(tool_factory):
    """Does every requirement's tooltip and label show our summary, say it is a summary, and leave out NIST's words?"""
    tool = tool_factory()
    labels = {box.children[0].description: box.children[1].value
              for pane in tool._accordion.children for box in pane.children}
    assert sorted(labels) == sorted(NIST)
    for rid, toggle in tool._toggles.items():
        # The tooltip is plain text; the label is HTML, so "&" (as in POA&M) arrives escaped.
        for shown, summary in ((toggle.tooltip, SUMMARIES[rid]), (labels[rid], _escape(SUMMARIES[rid]))):
            assert summary in shown and NOTE in shown
            assert NIST[rid] not in shown and _escape(NIST[rid]) not in shown
    header = tool.children[0].value
    assert "NIST's own wording" not in header
    assert "summary" in header and "NIST SP 800-171 Rev 2" in header and "https://" in header


def test_poam_file_name_is_clear():
    """Does the file name say what it is, for whom and when?"""
    assert poam_file_name("Acme Parts, Inc.", dt.date(2026, 11, 26)) == \
        "poam_starter_nist_800_171_r2_acme_parts_inc_2026-11-26.csv"
    assert poam_file_name("", dt.date(2026, 1, 2)) == "poam_starter_nist_800_171_r2_2026-01-02.csv"


def test_export_button_writes_csv(tool_factory, tmp_path):
    """Does the export button write a CSV of the unmet requirements into the chosen folder?"""
    tool = SelfAssessment(folder=tmp_path, show_chart=False)
    tool.toggle("3.1.3").value = "not_met"
    tool._company.value = "Acme"
    tool._export.click()
    assert tool.last_export is not None and tool.last_export.parent == tmp_path
    assert tool.last_export.name.startswith("poam_starter_nist_800_171_r2_acme_")
    saved = pd.read_csv(tool.last_export)
    assert saved["requirement"].tolist() == ["3.1.3"]
    assert saved["summary"].tolist() == [SUMMARIES["3.1.3"]]
    assert saved["exact_text_in"].tolist() == ["NIST SP 800-171 Rev 2, 3.1.3"]


def test_export_refused_without_plan(tmp_path):
    """Is no POA&M written when there is no system security plan, with a message saying why?"""
    tool = SelfAssessment(folder=tmp_path, show_chart=False)
    tool.toggle("3.12.4").value = "not_met"
    tool._export.click()
    assert tool.last_export is None and list(tmp_path.iterdir()) == []
    assert "system security plan" in tool._export_status.value


def test_export_poam_function(tmp_path):
    """Does export_poam return the path of the file it wrote?"""
    path = export_poam(["3.1.1"], folder=tmp_path, company="x", on=dt.date(2026, 1, 1))
    assert path == tmp_path / "poam_starter_nist_800_171_r2_x_2026-01-01.csv"
    assert path.exists()
