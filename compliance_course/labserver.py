"""The Jupyter server side of `make lab`: notebooks that open unchanged.

JupyterLab marks a notebook changed the moment its kernel attaches when the kernel's
``language_info`` (Python's version, MIME type, lexer...) differs from the one saved in the
notebook; closing the tab then asks to save, and saving writes outputs into the course's
notebooks. The course's notebooks are built from their text sources (``compliance_course.lessons``) without a Python
version, because the version is the learner's, not the author's. :class:`CourseContentsManager`
fills in the ``language_info`` of the Python that serves them (the kernel's, in `make lab`)
when a notebook is opened, so the kernel has nothing to change. Files on disk are untouched
until the learner saves. ``deploy/lab/*/jupyter_server_config.json`` selects it.
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


class CourseContentsManager(AsyncLargeFileManager):
    """JupyterLab's default contents manager; opened notebooks carry the kernel's language_info."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):  # noqa: A002
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        return with_kernel_language_info(model) if content else model
