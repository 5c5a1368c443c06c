"""Logic behind the Compliance Frameworks course notebooks.

- ``data``: load and validate ``course_data/`` (facts, questions, scenarios, tables)
- ``quiz``: practice and exam widgets
- ``decisions``: one pure decision engine per framework
- ``charts``: plotly figures
- ``lesson``: display helpers for notebook headers, fact tables and sources
"""
__version__ = "0.1.0"
