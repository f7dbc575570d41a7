"""The batch's offline index page (one self-contained HTML file, no network resource): the run,
the counts, the ranking linking every report, the heat map of review dimensions and the failures.

Called by :func:`cba.batch.summary.summary_files`; the frame is the prepared result frame.
"""
from __future__ import annotations

import html
import math
from typing import Any
from urllib.parse import quote

from ..errors import InputError
from ..formatting import fmt_metric
from ..i18n import msg
from .summary import _GRADES, _conclusion, _counts, _has_grades, _headers, _meta_label, rank_rows

__all__ = ["index_html", "report_href"]

_STYLE = """body{font-family:"CBA Sans","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px}
th{background:#f0f0f0;cursor:pointer}td.n{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}dt{font-weight:bold}dd{margin:0}
.failed{background:#fce4e4}.note{color:#666;font-size:90%}"""

# sorts a table by the clicked header (numbers by data-v, else text); no library, no network
_SCRIPT = """document.querySelectorAll("table.sortable th").forEach(function(th,i){th.addEventListener("click",
function(){var tb=th.closest("table").tBodies[0],rows=Array.from(tb.rows),d=th.dataset.dir==="a"?-1:1;
th.dataset.dir=d===1?"a":"d";rows.sort(function(a,b){var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v;
if(x!==undefined&&y!==undefined&&x!==""&&y!==""){return d*(parseFloat(x)-parseFloat(y));}
if(x===""&&y!==""){return 1;}if(y===""&&x!==""){return -1;}
return d*a.cells[i].textContent.localeCompare(b.cells[i].textContent,"zh");});
rows.forEach(function(r){tb.appendChild(r);});});});"""


def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def report_href(path: str) -> str:
    """A report's link: its path relative to the output folder, ``/``-separated, percent-encoded.

    >>> report_href("reports/莘庄.html"), report_href("reports\\\\a b.pdf")
    ('reports/%E8%8E%98%E5%BA%84.html', 'reports/a%20b.pdf')
    """
    p = str(path).replace("\\", "/")
    if p.startswith("/") or "://" in p or (len(p) > 1 and p[1] == ":") or p.split("/")[0] == "..":
        raise InputError(msg("batch.out.report_relative", path=repr(str(path))), where="reports")
    return quote(p)


_LINK_ORDER = ("html", "pdf", "docx", "ipynb", "provenance")


def _links(reports: dict, lang: str = "zh") -> str:
    """A row's report links, the readable formats first, each named in the page's language."""
    from ..i18n.messages import MESSAGES

    def label(fmt: str) -> str:
        k = f"batch.out.link.{fmt}"
        return msg(k).render(lang) if k in MESSAGES else str(fmt).upper()

    order = sorted(reports, key=lambda k: _LINK_ORDER.index(k) if k in _LINK_ORDER else len(_LINK_ORDER))
    return " ".join(f'<a href="{_e(report_href(reports[k]))}">{_e(label(k))}</a>' for k in order)


def _num(x: float, metric: str) -> tuple[str, str]:
    """(shown text, sort value) of a metric."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—", ""
    return fmt_metric(x, "irr" if metric == "prob_negative" else metric), repr(float(x))


def _ranking(f, lang: str, h: dict[str, str]) -> str:
    grades = _has_grades(f)
    cols = ["rank", "id", "name", "npv", "bcr", "irr", "prob_negative", *(("grade", "review_total",
                                                                             "review_conclusion") if grades else ()),
            "reports"]
    head = "".join(f"<th>{_e(h[c])}</th>" for c in cols)
    body = []
    recs = f.to_dict("records")
    for rank, p in enumerate(rank_rows(f, "npv"), start=1):
        r = recs[p]
        cells = [f'<td class="n" data-v="{rank}">{rank}</td>', f"<td>{_e(r['id'])}</td>", f"<td>{_e(r['name'])}</td>"]
        for m in ("npv", "bcr", "irr", "prob_negative"):
            text, v = _num(r[m], m)
            cells.append(f'<td class="n" data-v="{v}">{_e(text)}</td>')
        if grades:
            g = r["grade"]
            gv = (_GRADES.index(g) if g in _GRADES else len(_GRADES)) if g else ""
            cells.append(f'<td data-v="{gv}">{_e(g)}</td>')
            text, v = _num(r["review_total"], "bcr")
            cells.append(f'<td class="n" data-v="{v}">{_e(text)}</td>')
            cells.append(f"<td>{_e(_conclusion(r['review_conclusion'], lang))}</td>")
        cells.append(f"<td>{_links(r['reports'], lang)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        return f"<p>{_e(msg('batch.out.no_rows').render(lang))}</p>"
    return (f'<p class="note">{_e(msg("batch.out.sort_hint").render(lang))}</p>'
            f'<table class="sortable" id="ranking"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _colour(share: float) -> str:
    """Red (0) through yellow to green (1), light enough to read the number on it."""
    s = min(max(share, 0.0), 1.0)
    return f"hsl({round(120 * s)},70%,78%)"


def _heatmap(f, lang: str, h: dict[str, str]) -> str:
    from ..review.portfolios import dimension_label

    if not _has_grades(f):
        return ""
    recs = f.to_dict("records")
    rows = [p for p in rank_rows(f, "grade") if recs[p]["dimensions"]]
    if not rows:
        return ""
    dims: list[str] = []
    names: dict[str, str] = {}
    top: dict[str, float] = {}
    for p in rows:
        r = recs[p]
        for d, v in r["dimensions"].items():
            if d not in dims:
                dims.append(d)
            names.setdefault(d, r["dimension_names"].get(d) or dimension_label(d, lang))
            if d in r["dimension_max"]:
                top[d] = float(r["dimension_max"][d])
            else:
                top[d] = max(top.get(d, 0.0), float(v))
    head = "".join(f"<th>{_e(x)}</th>" for x in (h["id"], h["name"], *(names[d] for d in dims), h["review_total"],
                                                    h["grade"]))
    body = []
    for p in rows:
        r = recs[p]
        cells = [f"<td>{_e(r['id'])}</td>", f"<td>{_e(r['name'])}</td>"]
        for d in dims:
            v = r["dimensions"].get(d)
            if v is None:
                cells.append('<td data-v="">—</td>')
                continue
            share = float(v) / top[d] if top[d] > 0 else 0.0
            cells.append(f'<td class="n" data-v="{float(v)!r}" style="background:{_colour(share)}">{float(v):.2f}</td>')
        text, v = _num(r["review_total"], "bcr")
        cells.append(f'<td class="n" data-v="{v}">{_e(text)}</td><td>{_e(r["grade"])}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<h2>{_e(msg('batch.out.heatmap').render(lang))}</h2>"
            f'<p class="note">{_e(msg("batch.out.heatmap_note").render(lang))}</p>'
            f'<table class="sortable" id="heatmap"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _failures(f, lang: str, h: dict[str, str]) -> str:
    bad = f[f["status"] != "ok"]
    title = f"<h2>{_e(msg('batch.out.failures').render(lang))}</h2>"
    if bad.empty:
        return title + f"<p>{_e(msg('batch.out.no_failures').render(lang))}</p>"
    head = "".join(f"<th>{_e(x)}</th>" for x in (h["row"], h["id"], h["name"], msg("batch.out.col.reason").render(lang),
                                                    h["reports"]))
    body = "".join(
        f'<tr class="failed"><td class="n">{"" if math.isnan(r["row"]) else int(r["row"])}</td><td>{_e(r["id"])}</td>'
        f'<td>{_e(r["name"])}</td><td>{_e(r["error"])}</td><td>{_links(r["reports"], lang)}</td></tr>'
        for _, r in bad.iterrows())
    return title + f'<table id="failures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def index_html(f, *, lang: str, title: str | None, meta: dict[str, Any], currency: str | None) -> str:
    """The page as text (``f``: the prepared result frame of :mod:`cba.batch.summary`)."""
    h = _headers(lang, currency)
    title = title or msg("batch.out.title").render(lang)
    n, n_ok, n_failed = _counts(f)
    run = ""
    if meta:
        items = "".join(f"<dt>{_e(_meta_label(k, lang))}</dt><dd>{_e(v)}</dd>" for k, v in meta.items())
        run = f"<h2>{_e(msg('batch.out.run').render(lang))}</h2><dl>{items}</dl>"
    by = msg("batch.out.by.npv").render(lang)
    parts = [f"<h1>{_e(title)}</h1>", run,
             f'<p id="counts">{_e(msg("batch.out.counts", n=n, ok=n_ok, failed=n_failed).render(lang))}</p>',
             f"<h2>{_e(msg('batch.out.ranking', by=by).render(lang))}</h2>", _ranking(f, lang, h),
             _heatmap(f, lang, h), _failures(f, lang, h),
             f'<p class="note">{_e(msg("batch.out.generated").render(lang))}</p>']
    html_lang = "zh-CN" if lang == "zh" else "en"
    body = "".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
            f"<style>{_font_face(body)}{_STYLE}</style></head><body>{body}<script>{_SCRIPT}</script></body></html>\n")


def _font_face(body: str) -> str:
    """The bundled CJK font cut down to the page's characters, embedded: the page reads the same
    on a machine without Chinese fonts (as the reports do)."""
    import base64

    from ..report.export import _visible_text, font_subset

    data = base64.b64encode(font_subset(_visible_text(body))).decode("ascii")
    return ('@font-face{font-family:"CBA Sans";font-style:normal;font-weight:400 700;'
            f'src:url(data:font/woff;base64,{data}) format("woff")}}')
