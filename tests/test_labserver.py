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
