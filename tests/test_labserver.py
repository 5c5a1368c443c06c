"""compliance_course.labserver: opened notebooks carry the kernel's language_info."""
from __future__ import annotations

import asyncio
import json
import platform

from compliance_course.labserver import CourseContentsManager, with_kernel_language_info


def test_a_notebook_gets_the_kernels_language_info_and_other_files_do_not():
    model = {"type": "notebook", "content": {"metadata": {"language_info": {"name": "python"}}}}
    info = with_kernel_language_info(model)["content"]["metadata"]["language_info"]
    assert info["version"] == platform.python_version() and info["pygments_lexer"] == "ipython3"
    text = {"type": "file", "content": "language_info"}
    assert with_kernel_language_info(dict(text)) == text
    other = {"type": "notebook", "content": {"metadata": {"language_info": {"name": "R"}}}}
    assert with_kernel_language_info(other)["content"]["metadata"]["language_info"] == {"name": "R"}


def test_the_contents_manager_leaves_the_file_on_disk_alone(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {"language_info": {"name": "python"}},
                                "nbformat": 4, "nbformat_minor": 5}))
    manager = CourseContentsManager(root_dir=str(tmp_path))
    model = asyncio.run(manager.get("n.ipynb"))
    assert model["content"]["metadata"]["language_info"]["version"] == platform.python_version()
    assert json.loads(path.read_text())["metadata"]["language_info"] == {"name": "python"}


def _widget_output(model_id: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"application/vnd.jupyter.widget-view+json": {"model_id": model_id, "version_major": 2,
                                                                   "version_minor": 0},
                     "text/plain": "VBox(...)"}}


def _saved(tmp_path, metadata: dict) -> dict:
    """Save a notebook with two widget outputs in one cell and a printed line in another; read it back."""
    import nbformat

    nb = nbformat.v4.new_notebook(metadata=metadata)
    nb.cells = [nbformat.v4.new_code_cell("paper.show(1)", outputs=[nbformat.from_dict(_widget_output("a")), nbformat.from_dict(_widget_output("b"))]),
                nbformat.v4.new_code_cell("print('hi')",
                                          outputs=[nbformat.v4.new_output("stream", name="stdout", text="hi\n")])]
    manager = CourseContentsManager(root_dir=str(tmp_path))
    asyncio.run(manager.save({"type": "notebook", "format": "json", "content": json.loads(nbformat.writes(nb))},
                             "exam.ipynb"))
    return json.loads((tmp_path / "exam.ipynb").read_text())


def test_a_saved_exam_says_run_all_where_its_widgets_were(tmp_path):
    """Reopened, a saved exam showed 'model not found' under every question; now one line says what to do."""
    saved = _saved(tmp_path, {"compliance_course": {"exam": "hipaa_exam"}})
    first, second = saved["cells"]
    assert len(first["outputs"]) == 1
    text = "".join(first["outputs"][0]["data"]["text/markdown"])
    assert "Run All" in text and "saved answers" in text
    assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in first["outputs"])
    assert "".join(second["outputs"][0]["text"]) == "hi\n"  # other outputs are kept as they were


def test_a_saved_lesson_says_run_all_to_show_its_tools_again(tmp_path):
    saved = _saved(tmp_path, {})
    text = "".join(saved["cells"][0]["outputs"][0]["data"]["text/markdown"])
    assert "Run All" in text and "saved answers" not in text
