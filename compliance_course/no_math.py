"""Course text in Markdown and HTML output is text: JupyterLab must not typeset it as mathematics.

JupyterLab renders Markdown output with MathJax, so "$50,000 ... $1.5 million" becomes an italic
formula. Two things keep it dollars: ``$`` escaped in the Markdown (JupyterLab takes the text
between two bare dollars out of the Markdown before rendering it, so ``**bold**`` in between stayed
literal asterisks), and the output inside an element with these classes, which MathJax skips
(escaped dollars are plain dollars again once rendered, and MathJax would find them there).
"""
from __future__ import annotations

#: JupyterLab's MathJax skips elements with these classes (and everything inside them).
NO_MATH_CLASSES = ("mathjax_ignore", "tex2jax_ignore")
NO_MATH = " ".join(NO_MATH_CLASSES)


def escape_dollars(text: object) -> str:
    """Text for Markdown output with every ``$`` escaped."""
    return str(text).replace("$", "\\$")


def no_math_markdown(markdown: str) -> str:
    """Markdown wrapped in an element MathJax skips (the blank lines keep it Markdown inside)."""
    return f"<div class='{NO_MATH}'>\n\n{markdown}\n\n</div>"
