"""Interactive tools over the decision engines, one module per framework."""
