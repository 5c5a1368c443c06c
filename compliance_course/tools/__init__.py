"""Interactive tools, one module per framework, each a thin ipywidgets layer over its decision engine."""
