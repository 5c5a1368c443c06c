"""What every course chart gets before a learner sees it: nothing cut, hover text in words.

Plotly neither wraps a title nor an annotation: a long one runs past the plot and is cut
off at the notebook's edge. :func:`finish` breaks them into lines that fit the narrowest
width a notebook gives a chart (about 700 px), makes room for the extra lines, and turns
plotly express's default hover text ("criteria=2<br>series=CC4") into "Criteria: 2" lines.
"""
from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go

#: Characters per line: titles at 17 px and captions at 10-11 px in a ~700 px wide plot.
TITLE_CHARS = 80
CAPTION_CHARS = 120
_LINE_PX = {"title": 22, "caption": 15}
_PX_HOVER = re.compile(r"(^|<br>)([^=<>%{}]*)=(%\{[^}]+\})")


def wrap(text: str, width: int) -> str:
    """``text`` with ``<br>`` between lines of at most ``width`` characters (existing breaks kept)."""
    lines: list[str] = []
    for part in str(text).split("<br>"):
        lines += textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br>".join(lines)


def _lines(text: str) -> int:
    return text.count("<br>") + 1


def readable_hover(template: str) -> str:
    """plotly express's "name=%{x}" hover lines as "Name: %{x}"; a nameless one as just the value."""
    def repl(match: re.Match) -> str:
        name = match.group(2).strip()
        if not name:
            return f"{match.group(1)}{match.group(3)}"
        return f"{match.group(1)}{name[:1].upper() + name[1:]}: {match.group(3)}"
    return _PX_HOVER.sub(repl, template)


def finish(fig: go.Figure) -> go.Figure:
    """Wrap the title and every paper-anchored annotation below the plot; readable hover text."""
    extra_top = 0
    title = fig.layout.title.text
    if title:
        wrapped = wrap(title, TITLE_CHARS)
        fig.update_layout(title_text=wrapped)
        extra_top = (_lines(wrapped) - 1) * _LINE_PX["title"]
    subtitle = fig.layout.title.subtitle.text
    if subtitle:
        wrapped = wrap(subtitle, CAPTION_CHARS)
        fig.update_layout(title_subtitle_text=wrapped)
        extra_top += (_lines(wrapped) - 1) * _LINE_PX["caption"]
    margin = fig.layout.margin
    top = (margin.t if margin.t is not None else 100) + extra_top
    bottom = margin.b if margin.b is not None else 80
    height = fig.layout.height or 450
    plot_height = height - (margin.t if margin.t is not None else 100) - bottom
    # A caption below the plot sits at a fraction of the plot's height; keep the plot's height
    # and grow the bottom margin (and the figure) until the caption's last line fits.
    needed = bottom
    for note in fig.layout.annotations or ():
        if note.yref == "paper" and note.y is not None and note.y < 0 and note.text:
            wrapped = wrap(note.text, CAPTION_CHARS)
            note.update(text=wrapped, align="left", yanchor="top")
            size = (note.font.size if note.font and note.font.size else 12) + 4
            needed = max(needed, int(-note.y * plot_height + _lines(wrapped) * size + 10))
    if top != (margin.t if margin.t is not None else 100) or needed != bottom:
        fig.update_layout(margin=dict(t=top, b=needed), height=height + extra_top + needed - bottom)
    for trace in fig.data:
        template = getattr(trace, "hovertemplate", None)
        if template and "=" in template:
            trace.hovertemplate = readable_hover(template)
    return fig
