"""Course content: load, validate and look up facts, questions, scenarios and tables."""
from .loader import Course, content_version, default_root, load_course
from .models import Choice, Fact, Lesson, Module, Question, Scenario, Table
from .tables import table, table_source

__all__ = ["Choice", "Course", "Fact", "Lesson", "Module", "Question", "Scenario", "Table",
           "content_version", "default_root", "load_course", "table", "table_source"]
