"""The Jupyter server side of `make lab`: notebooks that open unchanged.

JupyterLab marks a notebook changed the moment its kernel attaches when the kernel's
``language_info`` (Python's version, MIME type, lexer...) differs from the one saved in the
notebook; closing the tab then asks to save, and saving writes outputs into the course's
notebooks. The course's notebooks are built from their text sources (``compliance_course.lessons``) without a Python
version, because the version is the learner's, not the author's. :class:`CourseContentsManager`
fills in the ``language_info`` of the Python that serves them (the kernel's, in `make lab`)
when a notebook is opened, so the kernel has nothing to change. Files on disk are untouched
until the learner saves. ``deploy/lab/*/jupyter_server_config.json`` selects it.

A saved notebook keeps its widgets' outputs, but not the widgets: reopened, each showed JupyterLab's
"Error displaying widget: model not found". When a notebook is saved through this manager, each widget
output becomes a line saying what to do instead ("Run All to load your saved answers." in an exam,
whose answers live in its response file). Nothing else in the notebook changes.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager


@lru_cache(maxsize=1)
def kernel_language_info() -> dict[str, Any]:
    """What an IPython kernel on this interpreter reports as ``language_info``."""
    from ipykernel.ipkernel import IPythonKernel
    return dict(IPythonKernel.language_info)


def with_kernel_language_info(model: dict[str, Any]) -> dict[str, Any]:
    """A notebook model whose Python ``language_info`` is the kernel's (other models unchanged)."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return model
    metadata = model["content"].setdefault("metadata", {})
    info = metadata.get("language_info") or {}
    if info.get("name", "python") == "python":
        metadata["language_info"] = {**info, **kernel_language_info()}
    return model


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXAM_HINT = "*Run All (Run → Run All Cells) to load your saved answers.*"
LESSON_HINT = "*Run All (Run → Run All Cells) to show this again.*"


def without_live_widgets(model: dict[str, Any]) -> dict[str, Any]:
    """A notebook model to save whose widget outputs are replaced by a line saying to Run All.

    Exam notebooks (``metadata.compliance_course`` names the exam) say the saved answers load again;
    other notebooks that the tool or quiz shows again. Models that are not notebooks are unchanged."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return model
    content = model["content"]
    is_exam = "exam" in (content.get("metadata", {}).get("compliance_course") or {})
    hint = EXAM_HINT if is_exam else LESSON_HINT
    for cell in content.get("cells", []):
        outputs = cell.get("outputs") if cell.get("cell_type") == "code" else None
        if not outputs:
            continue
        kept, hinted = [], False
        for output in outputs:
            if WIDGET_VIEW in (output.get("data") or {}):
                if not hinted:  # one line per cell, however many widgets it showed
                    kept.append({"output_type": "display_data", "metadata": {},
                                 "data": {"text/markdown": hint, "text/plain": hint.strip("*")}})
                    hinted = True
            else:
                kept.append(output)
        cell["outputs"] = kept
    return model


class CourseContentsManager(AsyncLargeFileManager):
    """JupyterLab's default contents manager; opened notebooks carry the kernel's language_info, and
    saved notebooks say "Run All" where their widgets were (see :func:`without_live_widgets`)."""

    async def save(self, model, path=""):
        return await super().save(without_live_widgets(model), path)

    async def get(self, path, content=True, type=None, format=None, **kwargs):  # noqa: A002
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        return with_kernel_language_info(model) if content else model
