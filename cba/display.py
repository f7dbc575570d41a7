"""Rich display of result objects: one HTML view, and the same content as Markdown and plain text.

Every result object of cba renders itself as HTML for JupyterLab (``_repr_html_``, labels in
the current language, :func:`cba.get_lang`). This module derives the other two views from that
one, so the three never drift apart:

* :func:`html_to_markdown` turns cba's HTML fragments (titles, header lines, the tables of
  :func:`cba.formatting.frame_to_html`, note lists, ``<pre>`` text) into Markdown: each table
  becomes a pipe table whose cells are exactly the formatted cells of the HTML table;
* :class:`RichDisplay`, the mixin every result class takes: ``_repr_markdown_``
  (:func:`repr_markdown`) and ``__str__`` (:func:`plain_text`);
* :func:`block_html` builds the HTML view of a result from a title, header lines, captioned
  tables and notes (for results that had only a text view).

>>> print(html_to_markdown("<p><b>净现值</b></p><table><thead><tr><th></th><th>净现值</th></tr></thead>"
...                        "<tbody><tr><th>甲</th><td>1.50</td></tr></tbody></table><ul><li>估计值</li></ul>"))
**净现值**
<BLANKLINE>
|  | 净现值 |
|---|---:|
| 甲 | 1.50 |
<BLANKLINE>
- 估计值
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

__all__ = ["html_to_markdown", "repr_markdown", "plain_text", "block_html", "RichDisplay"]


_NUMERIC = re.compile(r"^([-+]?[\d,]*\.?\d*(e[-+]?\d+)?%?|—|-?∞)$")


def _cell(text: str) -> str:
    """A table cell's text for Markdown: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _inline(text: str) -> str:
    return " ".join(text.split())


class _ToMarkdown(HTMLParser):
    """Collects blocks (paragraphs, tables, lists, preformatted text) from an HTML fragment."""

    def __init__(self, colon: str) -> None:
        super().__init__(convert_charrefs=True)
        self.colon = colon
        self.blocks: list[str] = []
        self.buf: list[str] = []          # inline text of the current paragraph
        self.table: list[tuple[bool, list[tuple[bool, str]]]] | None = None   # rows: (in thead, cells)
        self.row: list[tuple[bool, str]] | None = None
        self.cell: list[str] | None = None
        self.cell_th = False
        self.thead = False
        self.caption: list[str] | None = None
        self.captions: list[str] = []
        self.items: list[str] | None = None
        self.item: list[str] | None = None
        self.pre: list[str] | None = None
        self.depth = 0                    # nested tables are flattened into their cell's text

    # --- text sinks ---------------------------------------------------------------------
    def _sink(self) -> list[str]:
        if self.pre is not None:
            return self.pre
        if self.caption is not None:
            return self.caption
        if self.cell is not None:
            return self.cell
        if self.item is not None:
            return self.item
        return self.buf

    def _flush(self) -> None:
        text = _inline("".join(self.buf))
        if text:
            self.blocks.append(text)
        self.buf = []

    def handle_data(self, data: str) -> None:
        self._sink().append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.pre is not None:
            return
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush()
                self.table, self.captions = [], []
            return
        if self.depth > 1:
            return
        if tag == "caption":
            self.caption = []
        elif tag == "thead":
            self.thead = True
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.cell, self.cell_th = [], tag == "th"
        elif tag in ("b", "strong") and self.cell is None and self.caption is None:
            self._sink().append("**")
        elif tag == "br":
            if self.cell is not None or self.item is not None:
                self._sink().append(" ")
            else:
                self._flush()
        elif tag in ("p", "div"):
            if self.cell is None and self.item is None:
                self._flush()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.buf.append("**")
        elif tag == "ul":
            self._flush()
            self.items = []
        elif tag == "li" and self.items is not None:
            self.item = []
        elif tag == "pre":
            self._flush()
            self.pre = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self.pre is not None:
            body = "".join(self.pre).strip("\n")
            self.blocks.append("```text\n" + body + "\n```")
            self.pre = None
            return
        if self.pre is not None:
            return
        if tag == "table":
            self.depth -= 1
            if self.depth == 0 and self.table is not None:
                self._end_table()
            return
        if self.depth > 1:
            return
        if tag == "caption" and self.caption is not None:
            self.captions.append(_inline("".join(self.caption)))
            self.caption = None
        elif tag == "thead":
            self.thead = False
        elif tag in ("th", "td") and self.cell is not None and self.row is not None:
            self.row.append((self.cell_th, "".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            self.table.append((self.thead, self.row))
            self.row = None
        elif tag in ("b", "strong") and self.cell is None and self.caption is None:
            self._sink().append("**")
        elif tag in ("p", "div"):
            if self.cell is None and self.item is None:
                self._flush()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.buf.append("**")
            self._flush()
        elif tag == "li" and self.item is not None and self.items is not None:
            self.items.append(_inline("".join(self.item)))
            self.item = None
        elif tag == "ul" and self.items is not None:
            if self.items:
                self.blocks.append("\n".join(f"- {x}" for x in self.items))
            self.items = None

    def _end_table(self) -> None:
        rows, self.table = self.table or [], None
        for c in self.captions:
            self.blocks.append(f"**{c}**")
        head = [cells for in_head, cells in rows if in_head]
        body = [cells for in_head, cells in rows if not in_head]
        if not head and body and all(len(r) == 2 and r[0][0] for r in body):
            # a key-value table (a header block): one line per row
            self.blocks.append("\n".join(f"- **{_inline(k)}**{self.colon}{_inline(v)}" for (_, k), (_, v) in body))
            return
        if not head and body:
            head, body = [body[0]], body[1:]
        if not head:
            return
        width = max(len(r) for r in head + body)
        header = [_cell(t) for _, t in head[-1]] + [""] * (width - len(head[-1]))
        if len(head) > 1:       # column index names (pandas' two-row header): join per column
            for extra in head[:-1]:
                for j, (_, t) in enumerate(extra[:width]):
                    if _cell(t) and not header[j]:
                        header[j] = _cell(t)
        align = ["---:" if j > 0 and body and all(_NUMERIC.match(_cell(r[j][1])) for r in body if len(r) > j)
                 else "---" for j in range(width)]
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
        for r in body:
            cells = [_cell(t) for _, t in r] + [""] * (width - len(r))
            lines.append("| " + " | ".join(cells) + " |")
        self.blocks.append("\n".join(lines))

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_markdown(fragment: str, lang: str | None = None) -> str:
    """Markdown with the content of a cba HTML fragment.

    Paragraphs stay paragraphs (bold kept), every table becomes a pipe table with its caption
    in bold above it (a header-less two-column table becomes a list of ``key: value`` lines),
    lists stay lists and ``<pre>`` text becomes a fenced code block. Cells keep their text, so
    numbers read exactly as in the HTML view (formatted by :mod:`cba.formatting`).
    """
    from .i18n import get_lang
    from .i18n.glossary import colon

    parser = _ToMarkdown(colon(lang or get_lang()))
    parser.feed(fragment)
    parser.close()
    return "\n\n".join(parser.blocks)


def repr_markdown(self: Any) -> str:
    """``_repr_markdown_`` of a result object: its HTML view (current language) as Markdown."""
    return html_to_markdown(self._repr_html_())


def plain_text(self: Any) -> str:
    """``__str__`` of a result object: its ``summary()`` in the current language."""
    from .i18n import get_lang

    return self.summary(get_lang())


class RichDisplay:
    """Mixin of the result classes: Markdown from their HTML view, plain text from ``summary()``."""

    _repr_markdown_ = repr_markdown
    __str__ = plain_text


def block_html(title: str, tables: Sequence[tuple[str, Any]] = (), notes: Sequence[str] = (),
               head: Sequence[str] = (), lang: str | None = None, css: str = "cba-result") -> str:
    """An HTML view: ``title`` in bold, ``head`` lines, each ``(caption, frame)`` as a
    :func:`~cba.formatting.frame_to_html` table (frames may hold text already formatted), and
    ``notes`` as a list under the glossary's "notes" label."""
    from .formatting import frame_to_html
    from .i18n import get_lang, label

    esc = html.escape
    lang = lang or get_lang()
    parts = [f"<div class='{css}'><p><b>{esc(title)}</b></p>"]
    parts += [f"<p>{esc(h)}</p>" for h in head]
    parts += [frame_to_html(frame, caption=caption or None) for caption, frame in tables]
    if notes:
        parts.append(f"<p><b>{esc(label('notes', lang))}</b></p><ul>"
                     + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    parts.append("</div>")
    return "".join(parts)
