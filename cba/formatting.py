"""How cba shows numbers: one rule per kind of number, and CJK-aware text and HTML tables.

Every table, report, notebook view and figure axis formats numbers with the functions of this
module, so a number of one kind reads the same everywhere (JSON, CSV and provenance files keep
the raw numbers).

The rules
---------
========================  ===================  =====================================================
kind                      function             rule and examples
========================  ===================  =====================================================
money (PVs, NPV, flows)   :func:`fmt_money`    two decimals with thousands separators, and more
                                               decimals where two would show fewer than four
                                               significant digits (zeros after the second decimal
                                               dropped): ``1,154.76``, ``0.156``, ``0.4995``,
                                               ``0.50``, ``-0.0123``
ratio (BCR, elasticity,   :func:`fmt_ratio`    the money rule: ``20.25``, ``0.9947``, ``0.4632``
discount factor)
rate, share, probability  :func:`fmt_rate`     a percentage with four significant digits, trailing
(IRR, discount rate,                           zeros dropped: ``6%``, ``3.5%``, ``20.46%``,
P(NPV < 0))                                    ``304.6%``, ``-30.84%``
relative change           :func:`fmt_change`   a rate with its sign: ``+16.62%``, ``-50%``
years (payback)           :func:`fmt_years`    two decimals (a hundredth of a year is about four
                                               days): ``5.00``, ``0.33``
count                     :func:`fmt_count`    whole number with thousands separators: ``10,000``
calendar year             :func:`fmt_year`     no separator: ``2026``
parameter value           :func:`fmt_value`    six significant digits (whole-number digits are never
(inputs, ranges,                               rounded away), thousands separators, trailing zeros
switching values)                              dropped: ``66,666.7``, ``0.16624``, ``44,200``,
                                               ``0.08``; the discount rate (``rate=True``) as a
                                               rate: ``6%``
========================  ===================  =====================================================

Decimals stop at six for money and ratios, four for percentages (0.0001%) and ten for parameter
values, so rounding noise such as ``2.3e-13`` shows as ``0.00``. Everywhere: NaN and ``None``
show as ``—``, infinities as ``∞`` / ``-∞``, a negative zero as zero; strings pass through
unchanged.

>>> fmt_money(1154.7603), fmt_money(0.156), fmt_money(0.4995), fmt_money(float("nan"))
('1,154.76', '0.156', '0.4995', '—')
>>> fmt_rate(0.06), fmt_rate(3.04596), fmt_value(66666.66667), fmt_value(0.06, rate=True)
('6%', '304.6%', '66,666.7', '6%')
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

__all__ = ["fmt", "fmt_money", "fmt_ratio", "fmt_rate", "fmt_change", "fmt_years", "fmt_count", "fmt_year", "fmt_value",
           "fmt_metric", "fmt_kind", "KINDS", "frame_to_text", "frame_to_html", "frame_to_markdown", "appraisal_html", "width"]

_PERCENT_HINTS = ("irr", "内部收益率", "IRR", "概率", "P(NPV", "probability")
_YEARS_HINTS = ("回收期", "payback", "Payback")


def width(s: str) -> int:
    """Display width: East Asian wide characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _special(x: Any) -> str | float:
    """A float to format, or the text shown instead (strings, ``None``, NaN, infinities)."""
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
    return xf


def _unsigned_zero(out: str) -> str:
    return out[1:] if out.startswith("-") and not any(c in "123456789" for c in out) else out


def _digits(xf: float, min_decimals: int, sig: int, max_decimals: int) -> str:
    """``xf`` with at least ``min_decimals`` decimals and at least ``sig`` significant digits, but
    at most ``max_decimals`` decimals; zeros beyond ``min_decimals`` decimals dropped."""
    if xf == 0:
        return f"{0:,.{min_decimals}f}"
    lead = math.floor(math.log10(abs(xf)))           # position of the first significant digit
    decimals = min(max(min_decimals, sig - 1 - lead), max_decimals)
    out = f"{xf:,.{decimals}f}"
    if decimals > min_decimals:
        keep = len(out) - (decimals - min_decimals)
        out = out[:keep] + out[keep:].rstrip("0")
        if out.endswith("."):
            out = out[:-1]
    return _unsigned_zero(out)


def fmt_money(x: Any) -> str:
    """An amount of money: two decimals, more where needed for four significant digits.

    >>> fmt_money(1154.7603), fmt_money(0.156), fmt_money(0.5), fmt_money(-0.0), fmt_money(2.5e6)
    ('1,154.76', '0.156', '0.50', '0.00', '2,500,000.00')
    >>> fmt_money(-2.3e-13), fmt_money(1.23456e-5)
    ('0.00', '0.000012')
    """
    xf = _special(x)
    return xf if isinstance(xf, str) else _digits(xf, 2, 4, 6)


def fmt_ratio(x: Any) -> str:
    """A ratio (BCR, elasticity, discount factor): the rule of :func:`fmt_money`.

    >>> fmt_ratio(20.2461), fmt_ratio(0.16624), fmt_ratio(1.0047)
    ('20.25', '0.1662', '1.005')
    """
    return fmt_money(x)


def fmt_rate(x: Any, *, sign: bool = False) -> str:
    """A rate, share or probability (a fraction) as a percentage with four significant digits.

    >>> fmt_rate(0.06), fmt_rate(0.035), fmt_rate(-0.30841), fmt_rate(3.04596), fmt_rate(0.1, sign=True)
    ('6%', '3.5%', '-30.84%', '304.6%', '+10%')
    """
    xf = _special(x)
    if isinstance(xf, str):
        return xf
    out = _digits(xf * 100, 0, 4, 4) + "%"
    return ("+" + out) if sign and xf > 0 and not out.startswith("0%") else out


def fmt_change(x: Any) -> str:
    """A relative change, as a signed rate: ``fmt_rate(x, sign=True)``.

    >>> fmt_change(0.16624), fmt_change(-0.5)
    ('+16.62%', '-50%')
    """
    return fmt_rate(x, sign=True)


def fmt_years(x: Any) -> str:
    """A time in years (payback): two decimals.

    >>> fmt_years(1), fmt_years(60 / 182.76)
    ('1.00', '0.33')
    """
    xf = _special(x)
    return xf if isinstance(xf, str) else _unsigned_zero(f"{xf:,.2f}")


def fmt_count(x: Any) -> str:
    """A count: a whole number with thousands separators (a fraction falls back to :func:`fmt_value`).

    >>> fmt_count(10000), fmt_count(3.0)
    ('10,000', '3')
    """
    xf = _special(x)
    if isinstance(xf, str):
        return xf
    return f"{int(xf):,}" if xf.is_integer() else fmt_value(xf)


def fmt_year(x: Any) -> str:
    """A calendar year, without separator.

    >>> fmt_year(2026.0)
    '2026'
    """
    xf = _special(x)
    if isinstance(xf, str):
        return xf
    return f"{int(xf)}" if xf.is_integer() else fmt_years(xf)


def fmt_value(x: Any, unit: str = "", *, rate: bool = False) -> str:
    """A parameter value (an input, a range end, a switching value): six significant digits.

    Whole-number digits are never rounded away; trailing zeros are dropped; ``unit`` (if any)
    follows after a space; ``rate=True`` shows the value as a rate (:func:`fmt_rate`), as for
    the discount rate.

    >>> fmt_value(66666.66667), fmt_value(0.16624), fmt_value(44200), fmt_value(1e6, "元")
    ('66,666.7', '0.16624', '44,200', '1,000,000 元')
    >>> fmt_value(0.08), fmt_value(0.1, rate=True), fmt_value(1234567.8)
    ('0.08', '10%', '1,234,568')
    """
    if rate:
        out = fmt_rate(x)
    else:
        xf = _special(x)
        out = xf if isinstance(xf, str) else _digits(xf, 0, 6, 10)
    return f"{out} {unit}" if unit and out != "—" else out


#: the kinds of number of :func:`fmt_kind`
KINDS = {"money": fmt_money, "ratio": fmt_ratio, "rate": fmt_rate, "change": fmt_change, "years": fmt_years, "count": fmt_count,
         "year": fmt_year, "value": fmt_value}

_METRIC_KINDS = {"pv_costs": "money", "pv_benefits": "money", "npv": "money", "bcr": "ratio", "irr": "rate",
                 "mirr": "rate", "payback": "years", "discounted_payback": "years", "breakeven_year": "year"}


def fmt_kind(x: Any, kind: str) -> str:
    """Format ``x`` as a number of ``kind`` (a key of :data:`KINDS`; ``text``: ``str(x)``).

    >>> fmt_kind(0.2046, "rate"), fmt_kind(2026, "year")
    ('20.46%', '2026')
    """
    if kind == "text":
        return "" if x is None else str(x)
    return KINDS[kind](x)


def fmt_metric(x: Any, metric: str) -> str:
    """Format the value of an appraisal metric (``npv``: money, ``bcr``: ratio, ``irr``: rate,
    ``payback``: years, ``breakeven_year``: calendar year; others: money).

    >>> fmt_metric(-0.30841, "irr"), fmt_metric(1154.7603, "npv"), fmt_metric(2026, "breakeven_year")
    ('-30.84%', '1,154.76', '2026')
    """
    return fmt_kind(x, _METRIC_KINDS.get(metric, "money"))


def fmt(x: Any, column: str = "") -> str:
    """Format one table cell, the kind guessed from its column's name: rates for IRR and
    probabilities, years for paybacks, calendar years for year columns, money otherwise;
    strings unchanged.

    >>> fmt(0.2046, "IRR"), fmt(5.0, "Payback (years)"), fmt(2031.0, "Break-even year"), fmt(0.156, "NPV")
    ('20.46%', '5.00', '2031', '0.156')
    """
    if isinstance(x, str):
        return x
    if any(h in column for h in _PERCENT_HINTS):
        return fmt_rate(x)
    if any(h in column for h in _YEARS_HINTS):
        return fmt_years(x)
    xf = _special(x)
    if isinstance(xf, float) and xf.is_integer() and abs(xf) < 1e15 and ("年份" in column or "year" in column.lower()):
        return fmt_year(xf)
    return fmt_money(x)


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
                 + "".join(f"<th>{esc(' '.join(map(str, c)) if isinstance(c, tuple) else str(c))}</th>"
                           for c in frame.columns) + "</tr></thead><tbody>")
    for i, row in zip(frame.index, frame.itertuples(index=False)):
        parts.append(f"<tr><th>{esc(str(i))}</th>" + "".join(
            f'<td style="text-align:right">{esc(fmt(v, str(c)))}</td>' for c, v in zip(frame.columns, row))
            + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def frame_to_markdown(frame, *, caption: str | None = None) -> str:
    """A Markdown pipe table with the cells of :func:`frame_to_html` (caption in bold above).

    >>> import pandas as pd
    >>> print(frame_to_markdown(pd.DataFrame({"净现值": [1.5, -2.25]}, index=pd.Index(["甲", "乙"], name="方案"))))
    | 方案 | 净现值 |
    |---|---:|
    | 甲 | 1.50 |
    | 乙 | -2.25 |
    """
    from .display import html_to_markdown

    return html_to_markdown(frame_to_html(frame, caption=caption))


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
