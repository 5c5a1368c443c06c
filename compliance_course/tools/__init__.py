"""Interactive ipywidgets tools, one module per framework, thin layers over the decision engines."""
