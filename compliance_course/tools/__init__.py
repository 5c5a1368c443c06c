"""Interactive tools: thin ipywidgets front ends over the decision engines, one file per framework."""
