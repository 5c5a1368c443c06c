"""Write a notebook from a list of ("md" | "code", source) pairs, without outputs.

Used by the scripts that generate the course notebooks, so that every notebook
is produced the same way: nbformat 4, Python 3 kernel, no outputs, stable ids.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat


def build(path: str | Path, cells: list[tuple[str, str]]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, (kind, source) in enumerate(cells):
        source = source.strip("\n")
        cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        # Stable cell ids keep rebuilds byte-identical.
        cell.id = hashlib.sha1(f"{Path(path).stem}:{i}".encode()).hexdigest()[:8]
        nb.cells.append(cell)
    nbformat.validate(nb)
    path = Path(path)
    nbformat.write(nb, path)
    return path
