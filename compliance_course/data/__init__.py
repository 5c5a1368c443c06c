"""Course content: load, validate and look up facts, questions, scenarios and tables."""
from .loader import Course, content_version, default_root, load_course
from .models import Choice, Fact, Lesson, Module, Question, Scenario, Table

__all__ = ["Choice", "Course", "Fact", "Lesson", "Module", "Question", "Scenario", "Table",
           "content_version", "default_root", "load_course", "table", "table_source"]


def __getattr__(name: str):
    # ``table``/``table_source`` need pandas (about a second to import); loading it only on first use
    # keeps kernels that never read a table (e.g. an exam being autograded) fast.
    if name in ("table", "table_source"):
        from . import tables
        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
