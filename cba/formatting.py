"""Text and HTML rendering of result tables (CJK-aware column alignment).

>>> import pandas as pd
>>> print(frame_to_text(pd.DataFrame({"净现值": [1.5, -2.25]}, index=["甲", "乙"])))
     净现值
甲    1.50
乙   -2.25
"""
from __future__ import annotations

import html
import math
import unicodedata
from typing import Any

__all__ = ["fmt", "frame_to_text", "frame_to_html", "appraisal_html", "width"]

_PERCENT_HINTS = ("irr", "内部收益率", "IRR", "概率", "P(NPV")


def width(s: str) -> int:
    """Display width: East Asian wide characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def fmt(x: Any, column: str = "") -> str:
    """Format one cell: percentages for IRR/probabilities, 2 decimals otherwise, '—' for NaN."""
    if isinstance(x, str):
        return x
    if x is None:
        return "—"
    try:
        xf = float(x)
    except (TypeError, ValueError):
        return str(x)
    if math.isnan(xf):
        return "—"
    if math.isinf(xf):
        return "∞" if xf > 0 else "-∞"
    if any(h in column for h in _PERCENT_HINTS):
        return f"{xf:.2%}"
    if float(xf).is_integer() and abs(xf) < 1e15 and ("年份" in column or "year" in column.lower()):
        return f"{int(xf)}"
    return f"{xf:,.2f}"


def _pad(s: str, w: int, left: bool) -> str:
    gap = " " * max(0, w - width(s))
    return s + gap if left else gap + s


def frame_to_text(frame) -> str:
    """Render a DataFrame as aligned plain text (numbers right-aligned)."""
    head = [str(frame.index.name or "")] + [str(c) for c in frame.columns]
    rows = [[str(i)] + [fmt(v, str(c)) for c, v in zip(frame.columns, row)]
            for i, row in zip(frame.index, frame.itertuples(index=False))]
    widths = [max(width(r[j]) for r in [head] + rows) for j in range(len(head))]
    out = []
    for r in [head] + rows:
        cells = [_pad(r[0], widths[0], True)] + [_pad(c, w, False) for c, w in zip(r[1:], widths[1:])]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def frame_to_html(frame, *, caption: str | None = None) -> str:
    """A small, self-contained HTML table with formatted numbers."""
    esc = html.escape
    parts = ['<table class="cba-table">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append("<thead><tr><th>" + esc(str(frame.index.name or "")) + "</th>"
                 + "".join(f"<th>{esc(str(c))}</th>" for c in frame.columns) + "</tr></thead><tbody>")
    for i, row in zip(frame.index, frame.itertuples(index=False)):
        parts.append(f"<tr><th>{esc(str(i))}</th>" + "".join(
            f'<td style="text-align:right">{esc(fmt(v, str(c)))}</td>' for c, v in zip(frame.columns, row))
            + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def appraisal_html(appraisal, lang: str = "zh") -> str:
    """HTML view of an Appraisal for JupyterLab."""
    from .i18n import label

    esc = html.escape
    header = "".join(f"<tr><th style='text-align:left'>{esc(k)}</th><td style='text-align:left'>{esc(v)}</td></tr>"
                     for k, v in appraisal._header(lang))
    parts = [f"<div class='cba-appraisal'><table>{header}</table>"]
    bases = ["incremental", "standalone"] if appraisal.model.baseline is not None else ["standalone"]
    for basis in bases:
        parts.append(frame_to_html(appraisal.table(basis, lang), caption=label(basis, lang)))
    if appraisal.notes:
        parts.append(f"<p><b>{esc(label('notes', lang))}</b></p><ul>"
                     + "".join(f"<li>{esc(n)}</li>" for n in appraisal.notes_in(lang)) + "</ul>")
    parts.append("</div>")
    return "".join(parts)
