"""Plotly figures for the course. Framework-specific charts live in ``charts/<module>.py``."""
from .course import module_map, progress_chart

__all__ = ["module_map", "progress_chart"]
