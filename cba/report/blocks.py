"""Report content as plain data: one representation for HTML, PDF and Word.

A report section is a :class:`Block`: a list of items (headings, paragraphs, bullet lists,
tables, key-value tables, figure images, the verdict box, headline figures) plus the
numbers it shows. In a notebook a Block displays as HTML; it also carries its items as
``application/vnd.cba.blocks+json`` and its numbers as ``application/vnd.cba.results+json``,
so the exporters build HTML and DOCX from the same items and ``cba reproduce`` compares the
same numbers.

Paragraph text may mark bold spans with ``**...**``; everything else is literal text
(escaped in HTML).

Examples
--------
>>> b = Block([heading("一、评估结论"), para("净现值 **1,154.76 万元**。")], results={"npv": 1154.76})
>>> print(b.to_html())
<h2>一、评估结论</h2>
<p>净现值 <strong>1,154.76 万元</strong>。</p>
>>> sorted(b._repr_mimebundle_())
['application/vnd.cba.blocks+json', 'application/vnd.cba.results+json', 'text/html', 'text/plain']
"""
from __future__ import annotations

import base64
import html
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["BLOCKS_MIME", "RESULTS_MIME", "Block", "heading", "para", "note", "bullets", "table",
           "frame_table", "kv", "image", "figure", "verdict", "cards", "runs", "items_to_html",
           "items_to_text", "num"]

BLOCKS_MIME = "application/vnd.cba.blocks+json"
RESULTS_MIME = "application/vnd.cba.results+json"
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)


# -- items ---------------------------------------------------------------------------------
def heading(text: str, level: int = 2) -> dict:
    return {"t": "h", "level": int(level), "text": str(text)}


def para(text: str, cls: str = "") -> dict:
    return {"t": "p", "text": str(text), "cls": cls}


def note(text: str) -> dict:
    """A small-print paragraph (sources, caveats)."""
    return para(text, "note")


def bullets(items: Iterable[str]) -> dict:
    return {"t": "ul", "items": [str(i) for i in items]}


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, caption: str = "",
          align: Sequence[str] | None = None, note: str = "", small: bool = False) -> dict:
    """A table of strings; ``align`` is one of ``l``/``r``/``c`` per column (default: first
    column left, others right)."""
    cols = [str(c) for c in columns]
    al = list(align) if align is not None else ["l"] + ["r"] * (len(cols) - 1)
    return {"t": "table", "caption": caption, "columns": cols, "align": al, "note": note,
            "rows": [["" if c is None else str(c) for c in r] for r in rows], "small": bool(small)}


def frame_table(frame, *, caption: str = "", formats: Mapping[str, str] | None = None,
                index: bool = True, note: str = "", small: bool = False) -> dict:
    """A table from a DataFrame; numbers formatted with :func:`num` (``formats`` maps a column
    to a kind: ``money``, ``ratio``, ``pct``, ``years``, ``int``, ``factor``, ``text``)."""
    formats = dict(formats or {})
    cols = ([str(frame.index.name or "")] if index else []) + [str(c) for c in frame.columns]
    rows = []
    for idx, row in zip(frame.index, frame.itertuples(index=False)):
        cells = [str(idx)] if index else []
        cells += [num(v, formats.get(str(c), "money")) for c, v in zip(frame.columns, row)]
        rows.append(cells)
    align = (["l"] if index else []) + ["l" if formats.get(str(c)) == "text" else "r" for c in frame.columns]
    return table(cols, rows, caption=caption, align=align, note=note, small=small)


def kv(rows: Sequence[Sequence[Any]], *, caption: str = "") -> dict:
    """A two-column label/value table."""
    return {"t": "kv", "caption": caption, "rows": [[str(k), "" if v is None else str(v)] for k, v in rows]}


def image(png: bytes, *, caption: str = "", alt: str = "", width: float = 1.0) -> dict:
    """A PNG figure; ``width`` is a fraction of the text width."""
    return {"t": "img", "png": base64.b64encode(png).decode("ascii"), "caption": caption,
            "alt": alt or caption, "width": float(width)}


def figure(fig, *, caption: str = "", alt: str = "", width: float = 1.0, dpi: int = 150) -> dict:
    """A matplotlib Figure as an :func:`image` item (the figure is closed)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white",
                metadata={"Software": None})
    if getattr(fig.canvas, "manager", None) is not None:  # a pyplot figure: do not show it twice
        import matplotlib.pyplot as plt

        plt.close(fig)
    return image(buf.getvalue(), caption=caption, alt=alt, width=width)


def verdict(level: str, label: str, title: str, text: str) -> dict:
    """The recommendation box: ``level`` is ``support``, ``adjust`` or ``reject``."""
    return {"t": "verdict", "level": level, "label": label, "title": title, "text": text}


def cards(items: Sequence[Sequence[str]]) -> dict:
    """Headline figures: ``[(label, value, note), ...]``."""
    return {"t": "cards", "items": [[str(x) for x in it] + [""] * (3 - len(it)) for it in items]}


# -- numbers ----------------------------------------------------------------------------------
def num(x: Any, kind: str = "money") -> str:
    """Format a number for a report, by the rules of :mod:`cba.formatting` (one rule per kind).

    ``kind``: ``money``, ``ratio`` and ``factor`` (:func:`~cba.formatting.fmt_money`), ``pct``
    and ``pct_short`` (rates, :func:`~cba.formatting.fmt_rate`), ``years``, ``int`` (a calendar
    year), ``count``, ``plain`` (a parameter value, :func:`~cba.formatting.fmt_value`), ``text``.

    >>> num(1154.7620), num(0.0123, "pct"), num(20.2461, "ratio"), num(float("nan")), num(-0.0)
    ('1,154.76', '1.23%', '20.25', '—', '0.00')
    >>> num(2026.0, "int"), num(0.46319, "factor"), num(0.333, "years"), num(0.1, "pct_short"), num(0.035, "pct_short")
    ('2026', '0.4632', '0.33', '10%', '3.5%')
    >>> num(1e6, "plain"), num(44200.0, "plain"), num(0.08, "plain"), num(66666.6667, "plain"), num(0.156)
    ('1,000,000', '44,200', '0.08', '66,666.7', '0.156')
    """
    from ..formatting import fmt_kind

    if kind == "text":
        return "—" if x is None else str(x)
    return fmt_kind(x, _KINDS.get(kind, kind))


_KINDS = {"pct": "rate", "pct_short": "rate", "factor": "ratio", "int": "year", "plain": "value"}


# -- the block --------------------------------------------------------------------------------
class Block:
    """A section of a report: items to show and the numbers they show.

    Parameters
    ----------
    items : list of dict
        Built with :func:`heading`, :func:`para`, :func:`table`, ...
    results : dict, optional
        ``{key: number or nested dict}`` recorded in the provenance and compared by
        ``cba reproduce``.
    """

    def __init__(self, items: Sequence[dict] = (), results: Mapping[str, Any] | None = None):
        self.items = list(items)
        self.results = dict(results or {})

    def __bool__(self) -> bool:
        return bool(self.items)

    def to_html(self) -> str:
        return items_to_html(self.items)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return items_to_text(self.items) or "<empty Block>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        if not self.items and not self.results:
            return {"text/plain": ""}
        out = {"text/html": self.to_html(), "text/plain": items_to_text(self.items),
               BLOCKS_MIME: {"version": 1, "items": self.items}}
        if self.results:
            out[RESULTS_MIME] = _clean(self.results)
        return out


def _clean(x: Any) -> Any:
    """JSON-ready copy: NaN/inf become None, numpy scalars plain floats."""
    if isinstance(x, Mapping):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    try:
        xf = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not math.isfinite(xf):
        return None
    return int(xf) if isinstance(x, int) else xf


# -- HTML -------------------------------------------------------------------------------------
def runs(text: str) -> list[tuple[str, bool]]:
    """Split ``**bold**`` markup into ``(text, bold)`` runs.

    >>> runs("a **b** c")
    [('a ', False), ('b', True), (' c', False)]
    """
    parts = _BOLD.split(text)
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


def _inline(text: str) -> str:
    return "".join(f"<strong>{html.escape(t)}</strong>" if b else html.escape(t)
                   for t, b in runs(text)).replace("\n", "<br>")


def _table_html(item: dict) -> str:
    esc = html.escape
    cls = "cba-table" + (" small" if item.get("small") else "") + (" keep" if len(item["rows"]) <= 15 else "")
    parts = [f'<p class="cba-caption">{esc(item["caption"])}</p>'] if item.get("caption") else []
    parts.append(f'<table class="{cls}">')
    al = item["align"]
    parts.append("<thead><tr>" + "".join(f'<th class="{a}">{esc(c)}</th>' for c, a in zip(item["columns"], al))
                 + "</tr></thead><tbody>")
    for row in item["rows"]:
        cells = []
        for j, (c, a) in enumerate(zip(row, al)):
            tag = "th" if j == 0 and a == "l" else "td"
            cells.append(f'<{tag} class="{a}">{esc(c)}</{tag}>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    if item.get("note"):
        parts.append(f'<p class="note">{_inline(item["note"])}</p>')
    return "".join(parts)


def items_to_html(items: Iterable[dict]) -> str:
    """HTML for a list of items (no scripts, images as data URIs)."""
    esc = html.escape
    out = []
    for it in items:
        t = it["t"]
        if t == "h":
            lv = min(max(it["level"], 1), 4)
            out.append(f"<h{lv}>{esc(it['text'])}</h{lv}>")
        elif t == "p":
            cls = f' class="{esc(it["cls"])}"' if it.get("cls") else ""
            out.append(f"<p{cls}>{_inline(it['text'])}</p>")
        elif t == "ul":
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in it["items"]) + "</ul>")
        elif t == "table":
            out.append(_table_html(it))
        elif t == "kv":
            cap = f'<p class="cba-caption">{esc(it["caption"])}</p>' if it.get("caption") else ""
            out.append(f'{cap}<table class="cba-kv">' + '<tbody>' + "".join(
                f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in it["rows"]) + "</tbody></table>")
        elif t == "img":
            pct = max(10, min(100, round(it.get("width", 1.0) * 100)))
            cap = f"<figcaption>{esc(it['caption'])}</figcaption>" if it.get("caption") else ""
            out.append(f'<figure class="cba-figure"><img style="width:{pct}%" alt="{esc(it.get("alt", ""))}" '
                       f'src="data:image/png;base64,{it["png"]}">{cap}</figure>')
        elif t == "verdict":
            out.append(f'<div class="cba-verdict {esc(it["level"])}"><div class="verdict-title">{esc(it["title"])}'
                       f'</div><div class="verdict-label">{esc(it["label"])}</div>'
                       f'<p>{_inline(it["text"])}</p></div>')
        elif t == "cards":
            out.append('<div class="cba-cards">' + "".join(
                f'<div class="card"><div class="card-label">{esc(a)}</div><div class="card-value">{esc(b)}</div>'
                + (f'<div class="card-note">{esc(c)}</div>' if c else "") + "</div>"
                for a, b, c in it["items"]) + "</div>")
        elif t == "pre":
            out.append(f'<pre class="cba-pre">{esc(it["text"])}</pre>')
        elif t == "raw":  # HTML from a notebook output that is not a Block (scripts already removed)
            out.append(f'<div class="cba-raw">{it["html"]}</div>')
        else:  # unknown kinds are ignored by every renderer alike
            continue
    return "\n".join(out)


def items_to_text(items: Iterable[dict]) -> str:
    """Plain-text rendering (for terminals and the ``text/plain`` fallback)."""
    from ..formatting import width

    out: list[str] = []
    for it in items:
        t = it["t"]
        if t == "h":
            out += [it["text"], "=" * width(it["text"]) if it["level"] <= 1 else "-" * width(it["text"])]
        elif t == "p":
            out.append(it["text"].replace("**", ""))
        elif t == "ul":
            out += [f"- {i.replace('**', '')}" for i in it["items"]]
        elif t in ("table", "kv"):
            rows = ([it["columns"]] if t == "table" else []) + it["rows"]
            ncol = max(len(r) for r in rows) if rows else 0
            ws = [max(width(r[j]) for r in rows if j < len(r)) for j in range(ncol)]
            if it.get("caption"):
                out.append(it["caption"])
            for r in rows:
                out.append("  ".join(c + " " * (w - width(c)) for c, w in zip(r, ws)).rstrip())
        elif t == "img":
            out.append(f"[{it.get('caption') or 'figure'}]")
        elif t == "verdict":
            out += [f"{it['title']}: {it['label']}", it["text"].replace("**", "")]
        elif t == "cards":
            out.append("  ".join(f"{a}: {b}" for a, b, _ in it["items"]))
        elif t in ("pre", "raw"):
            out.append(it.get("text", ""))
    return "\n".join(out)
