"""Executed notebook -> report items -> a self-contained HTML page and a PDF.

No code cells reach the report: only Markdown cells and the outputs of code cells, with the
cells tagged ``parameters``, ``injected-parameters`` or ``remove`` left out, and cells tagged
``lang-zh``/``lang-en`` kept only in that language. Standard error is left out too (the
provenance keeps it).

The page needs nothing from outside the file: styles are inline, figures are data URIs, the
CJK font is a subset of the bundled Noto Sans SC (only the characters the report uses, outlines
rewritten as TrueType ones: see :mod:`cba.fonts`) embedded as a data URI, there is no script, and a Content-Security-Policy forbids loading anything else.
The PDF is WeasyPrint on the same page (fonts embedded; a URL fetcher that refuses everything
but ``data:``).
"""
from __future__ import annotations

import base64
import functools
import html
import io
import re
from collections.abc import Iterable
from typing import Any

from .blocks import BLOCKS_MIME, items_to_html

__all__ = ["notebook_items", "markdown_items", "page_html", "html_to_pdf", "font_subset", "HIDDEN_TAGS",
           "CSP"]

#: cells with one of these tags are not shown in a report
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters", "remove", "remove-cell", "remove_cell", "hide"})
#: the page may load nothing but its own inline styles and data: images and fonts
CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'"
_FONT_FAMILY = "CBA Sans"
_NOISE = re.compile(r"^<(Figure size|matplotlib\.|.* at 0x[0-9a-f]+>)")
_UNSAFE = re.compile(r"<(script|iframe|object|style)\b.*?</\1\s*>"           # element and content
                     r"|</?(script|iframe|object|embed|link|base|meta|style)\b[^>]*>", re.I | re.S)


# -- notebook -> items ---------------------------------------------------------------------------
def _join(x: Any) -> str:
    return "".join(x) if isinstance(x, list) else str(x)


def _inline(children: Iterable[dict]) -> str:
    out = []
    for c in children or ():
        t = c.get("type")
        if t in ("text", "codespan", "inline_html"):
            out.append(c.get("raw", ""))
        elif t == "strong":
            out.append(f"**{_inline(c.get('children'))}**")
        elif t in ("emphasis", "strikethrough"):
            out.append(_inline(c.get("children")))
        elif t == "link":
            text = _inline(c.get("children"))
            url = (c.get("attrs") or {}).get("url", "")
            out.append(text if not url or url == text or url.startswith("#") else f"{text} ({url})")
        elif t == "image":
            out.append(_inline(c.get("children")))
        elif t == "linebreak":
            out.append("\n")
        elif t == "softbreak":
            out.append(" ")
        else:
            out.append(_inline(c.get("children")) if c.get("children") else c.get("raw", ""))
    return "".join(out)


def _list_texts(token: dict) -> list[str]:
    out: list[str] = []
    for item in token.get("children", []):
        parts, nested = [], []
        for child in item.get("children", []):
            if child.get("type") == "list":
                nested.extend(_list_texts(child))
            else:
                parts.append(_inline(child.get("children")))
        if any(parts):
            out.append(" ".join(p for p in parts if p))
        out.extend(nested)
    return out


def markdown_items(text: str) -> list[dict]:
    """Report items from Markdown (headings, paragraphs, lists, tables, code, quotes).

    >>> [i["t"] for i in markdown_items("## 说明\\n\\n正文 **重点**\\n\\n- 一\\n- 二")]
    ['h', 'p', 'ul']
    """
    import mistune

    from .blocks import bullets, heading, note, para, table

    tokens = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])(text)
    items: list[dict] = []
    for tok in tokens:
        t = tok.get("type")
        if t == "heading":
            items.append(heading(_inline(tok.get("children")), tok["attrs"]["level"]))
        elif t == "paragraph":
            items.append(para(_inline(tok.get("children"))))
        elif t == "list":
            items.append(bullets(_list_texts(tok)))
        elif t == "block_code":
            items.append({"t": "pre", "text": tok.get("raw", "")})
        elif t == "block_quote":
            for child in tok.get("children", []):
                items.append(note(_inline(child.get("children"))))
        elif t == "table":
            head = next((c for c in tok["children"] if c["type"] == "table_head"), {"children": []})
            body = next((c for c in tok["children"] if c["type"] == "table_body"), {"children": []})
            cols = [_inline(c.get("children")) for c in head["children"]]
            rows = [[_inline(c.get("children")) for c in r["children"]] for r in body["children"]]
            items.append(table(cols, rows, align=["l"] * len(cols)))
        elif t == "block_html":
            items.append({"t": "raw", "html": _UNSAFE.sub("", tok.get("raw", "")), "text": ""})
    return items


def _output_items(out: dict) -> list[dict]:
    from .blocks import image

    kind = out.get("output_type")
    if kind == "stream":
        return [{"t": "pre", "text": _join(out.get("text", ""))}] if out.get("name") == "stdout" else []
    if kind == "error":
        return [{"t": "pre", "text": f"{out.get('ename')}: {out.get('evalue')}"}]
    data = out.get("data") or {}
    if BLOCKS_MIME in data:
        return list(data[BLOCKS_MIME].get("items", []))
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            png = base64.b64decode(re.sub(r"\s", "", _join(data[mime])))
            item = image(png)
            item["mime"] = mime
            return [item]
    if "text/markdown" in data:
        return markdown_items(_join(data["text/markdown"]))
    if "text/html" in data:
        return [{"t": "raw", "html": _UNSAFE.sub("", _join(data["text/html"])),
                 "text": _join(data.get("text/plain", ""))}]
    plain = _join(data.get("text/plain", "")).strip()
    if plain and not _NOISE.match(plain):
        return [{"t": "pre", "text": plain}]
    return []


def notebook_items(nb, lang: str = "zh") -> list[dict]:
    """The report's content, in order: Markdown cells and code-cell outputs, never code."""
    items: list[dict] = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN_TAGS:
            continue
        langs = {t[5:] for t in tags if t.startswith("lang-")}
        if langs and lang not in langs:
            continue
        if cell.cell_type == "markdown":
            items += markdown_items(_join(cell.source))
        elif cell.cell_type == "code":
            for out in cell.get("outputs", []):
                items += _output_items(out)
    return items


def stderr_of(nb) -> list[str]:
    """Text the template wrote to standard error (warnings), for the provenance."""
    return [_join(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if o.get("output_type") == "stream" and o.get("name") == "stderr"]


# -- the page -------------------------------------------------------------------------------------
_CSS = """
:root{--ink:#1d2733;--muted:#5b6675;--line:#d5dbe3;--accent:#2f5d8a;--head:#12355b}
html{font-family:"%(font)s","Noto Sans SC","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 color:var(--ink);font-size:15px;line-height:1.65;-webkit-text-size-adjust:100%%}
body{margin:0;background:#eef1f5}
main.cba-report{max-width:980px;margin:24px auto;background:#fff;padding:40px 56px 48px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:26px;line-height:1.35;margin:0 0 4px;color:var(--head);string-set:doctitle content()}
h2{font-size:19px;color:var(--head);border-bottom:2px solid var(--accent);padding-bottom:3px;margin:34px 0 12px;break-after:avoid}
h3{font-size:16px;color:var(--head);margin:22px 0 8px;break-after:avoid}
p{margin:8px 0}
p.subtitle{color:var(--muted);margin:0 0 14px}
p.note{font-size:12.5px;color:var(--muted);margin:6px 0}
ul{margin:8px 0;padding-left:1.4em} li{margin:4px 0}
table{border-collapse:collapse;width:100%%;margin:10px 0 4px;font-size:13px}
p.cba-caption{font-weight:bold;color:var(--head);margin:14px 0 0;font-size:13px;break-after:avoid}
p.cba-caption+table{margin-top:4px}
.cba-table th,.cba-table td{border-bottom:1px solid var(--line);padding:4px 7px;vertical-align:top}
.cba-table thead th{background:#eef2f7;border-bottom:2px solid #b8c4d3;font-weight:bold}
.cba-table tbody th{font-weight:normal}
tr{break-inside:avoid} table.keep,table.cba-kv{break-inside:avoid}
.cba-table td.l:first-child,.cba-table th.l:first-child{white-space:nowrap}
.cba-table.small{font-size:11.5px}
.cba-table.small th,.cba-table.small td{padding:3px 5px}
.r{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.l{text-align:left} .c{text-align:center;white-space:nowrap}
.cba-kv th{text-align:left;width:24%%;color:var(--muted);font-weight:normal;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top}
.cba-kv td{padding:3px 8px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.cba-verdict{border-left:6px solid #2e7d32;background:#eef7ee;padding:12px 18px;margin:14px 0;break-inside:avoid}
.cba-verdict.adjust{border-color:#b26a00;background:#fff6e5}
.cba-verdict.reject{border-color:#b03a2e;background:#fbeceb}
.verdict-title{color:var(--muted);font-size:13px}
.verdict-label{font-size:25px;font-weight:bold;margin:2px 0 6px;color:#1b5e20}
.adjust .verdict-label{color:#8a5200} .reject .verdict-label{color:#8e2b22}
.cba-cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0;break-inside:avoid}
.card{flex:1 1 90px;min-width:0;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.card-label{font-size:12px;color:var(--muted)} .card-value{font-size:20px;font-weight:bold;color:var(--head)}
.card-note{font-size:11px;color:var(--muted)}
figure.cba-figure{margin:14px 0;text-align:center;break-inside:avoid}
figure.cba-figure img{max-width:100%%;height:auto}
figcaption{color:var(--muted);font-size:12.5px;margin-top:2px}
pre.cba-pre{background:#f6f8fa;padding:8px 10px;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}
.cba-raw{overflow-x:auto}
@page{size:A4;margin:17mm 15mm 17mm 15mm;
 @top-left{content:string(doctitle);font-size:8.5pt;color:#888}
 @bottom-center{content:%(footer)s;font-size:8.5pt;color:#888}}
@media print{body{background:#fff} main.cba-report{box-shadow:none;margin:0;padding:0;max-width:none}
 html{font-size:10.5pt} table{font-size:9pt} .cba-table.small{font-size:7.5pt} .cba-kv{font-size:9pt}}
"""
_FOOTER = {"zh": '"第 " counter(page) " 页 / 共 " counter(pages) " 页"', "en": '"Page " counter(page) " of " counter(pages)'}


def font_subset(text: str, *, flavor: str | None = "woff") -> bytes:
    """The bundled Noto Sans SC cut down to the characters of ``text`` (plus printable ASCII),
    with TrueType outlines (:func:`cba.fonts.to_truetype`), so that WeasyPrint embeds it in the
    PDF as ``CIDFontType2``/``FontFile2``, which every common PDF engine draws.

    The last few subsets are kept by character set: a batch of similar reports (same words,
    other numbers) builds the font once."""
    chars = set(text) | {chr(c) for c in range(0x20, 0x7F)} | set("—–…“”‘’·•→←≥≤×÷°%‰¥€")
    return _subset("".join(sorted(chars)), flavor)


@functools.lru_cache(maxsize=8)
def _subset(chars: str, flavor: str | None) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from ..fonts import sans_path, to_truetype

    opts = subset.Options()
    opts.flavor = flavor
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.hinting = False
    font = TTFont(str(sans_path()), lazy=False)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    to_truetype(font)
    buf = io.BytesIO()
    font.flavor = flavor
    font.save(buf)
    return buf.getvalue()


def _visible_text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", body))


def page_html(items: list[dict], *, lang: str = "zh", title: str | None = None, embed_font: bool = True,
              generator: str = "") -> str:
    """A complete, self-contained HTML document for the report items."""
    body = items_to_html(items)
    if title is None:
        title = next((i["text"] for i in items if i.get("t") == "h" and i.get("level") == 1), "Report")
    css = _CSS % {"font": _FONT_FAMILY, "footer": _FOOTER.get(lang, _FOOTER["en"])}
    font_face = ""
    if embed_font:
        chars = _visible_text(body) + title + css
        data = base64.b64encode(font_subset(chars)).decode("ascii")
        font_face = (f'@font-face{{font-family:"{_FONT_FAMILY}";font-style:normal;font-weight:400 700;'
                     f'src:url(data:font/woff;base64,{data}) format("woff")}}')
    esc = html.escape
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            + (f'<meta name="generator" content="{esc(generator)}">\n' if generator else "")
            + f"<title>{esc(title)}</title>\n<style>{font_face}{css}</style>\n</head>\n<body>\n"
            f'<main class="cba-report">\n{body}\n</main>\n</body>\n</html>\n')


# -- PDF ------------------------------------------------------------------------------------------
def _no_network_fetcher():
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and refuses everything else."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 66: a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args, **kw):
            if not url.startswith("data:"):
                raise ValueError(f"the report may not load {url!r}")
            return default_url_fetcher(url, *args, **kw)

        return fetch
    return URLFetcher(allowed_protocols=("data",), fail_on_errors=True)


def html_to_pdf(page: str, *, title: str = "", author: str = "") -> bytes:
    """Render the page to PDF with WeasyPrint (fonts embedded, nothing fetched)."""
    import logging

    import weasyprint

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    doc = weasyprint.HTML(string=page, url_fetcher=_no_network_fetcher(), base_url=None).render()
    if title:
        doc.metadata.title = title
    if author:
        doc.metadata.authors = [author]
    return doc.write_pdf()
