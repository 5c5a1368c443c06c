"""Quiz text is text: JupyterLab must not typeset it as mathematics."""
from __future__ import annotations

import ipywidgets as w

from ..no_math import NO_MATH_CLASSES


def no_math(widget: w.DOMWidget) -> w.DOMWidget:
    """Mark a widget so that "$100 to $50,000" in a prompt or feedback stays dollars, not a formula."""
    for name in NO_MATH_CLASSES:
        widget.add_class(name)
    return widget
