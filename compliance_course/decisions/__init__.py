"""Decision engines, one module per framework.

Each engine is a pure function: values in, a :class:`~compliance_course.decision.Decision`
out, carrying the answer, the reason and the citation. Wrong input raises ValueError
naming the allowed values. Import the framework module you need, for example
``from compliance_course.decisions import hipaa``.
"""
from ..decision import Decision, require_choice
from .frameworks import frameworks_for

__all__ = ["Decision", "frameworks_for", "require_choice"]
