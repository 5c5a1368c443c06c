"""A tiny document model rendered to Markdown and to standalone HTML.

The guide and the cards are built once as sections of blocks, then rendered;
so the printed HTML and the Markdown always say the same thing.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    text: str
    css: str = ""


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    ordered: bool = False
    css: str = ""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    css: str = ""
    level: int = 2

    def p(self, text: str, css: str = "") -> "Section":
        self.blocks.append(Para(text, css))
        return self

    def ul(self, items, ordered: bool = False, css: str = "") -> "Section":
        self.blocks.append(Items(tuple(items), ordered, css))
        return self

    def table(self, headers, rows) -> "Section":
        self.blocks.append(Table(tuple(headers), tuple(tuple(r) for r in rows)))
        return self


@dataclass
class Document:
    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)

    def section(self, title: str, css: str = "", level: int = 2) -> Section:
        s = Section(title, css=css, level=level)
        self.sections.append(s)
        return s


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(doc: Document) -> str:
    out = [f"# {doc.title}", ""]
    if doc.subtitle:
        out += [f"*{doc.subtitle}*", ""]
    for s in doc.sections:
        out += [f"{'#' * s.level} {s.title}", ""]
        for b in s.blocks:
            if isinstance(b, Para):
                out += [b.text, ""]
            elif isinstance(b, Items):
                out += [f"{i}. {t}" if b.ordered else f"- {t}" for i, t in enumerate(b.items, 1)] + [""]
            else:
                out += ["| " + " | ".join(map(_md_cell, b.headers)) + " |",
                        "|" + "---|" * len(b.headers)]
                out += ["| " + " | ".join(map(_md_cell, r)) + " |" for r in b.rows] + [""]
    return "\n".join(out).rstrip() + "\n"


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 1.8rem;
     border-bottom: 1px solid #ccd; } h3 { font-size: 1.05rem; margin-bottom: .3rem; }
.subtitle { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #bbc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
.answer { background: #e8f5e9; border-left: 4px solid #2e7d32; padding: .3rem .6rem; }
.small { font-size: .85rem; color: #444; }
.card { border: 2px solid #334; border-radius: 8px; padding: 1rem 1.2rem; margin: 1rem 0;
        break-inside: avoid; page-break-inside: avoid; }
.card + .card { break-before: page; page-break-before: always; }
.card h2 { border: none; margin-top: 0; }
.options li { list-style: none; margin: .3rem 0; } .options li::before { content: "\\2610\\00a0\\00a0"; }
.facilitator-only { color: #b71c1c; font-weight: bold; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def to_html(doc: Document) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(doc.title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
           f"<h1>{e(doc.title)}</h1>"]
    if doc.subtitle:
        out.append(f'<p class="subtitle">{e(doc.subtitle)}</p>')
    for s in doc.sections:
        if s.css:
            out.append(f'<section class="{e(s.css)}">')
        out.append(f"<h{s.level}>{e(s.title)}</h{s.level}>")
        for b in s.blocks:
            if isinstance(b, Para):
                cls = f' class="{e(b.css)}"' if b.css else ""
                out.append(f"<p{cls}>{e(b.text)}</p>")
            elif isinstance(b, Items):
                tag = "ol" if b.ordered else "ul"
                cls = f' class="{e(b.css)}"' if b.css else ""
                out.append(f"<{tag}{cls}>" + "".join(f"<li>{e(t)}</li>" for t in b.items) + f"</{tag}>")
            else:
                head = "".join(f"<th scope=\"col\">{e(h)}</th>" for h in b.headers)
                rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in b.rows)
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        if s.css:
            out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
