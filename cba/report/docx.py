"""Report items -> a Word document (python-docx) for government offices.

Headings use Word's own heading styles (so the navigation pane and a table of contents work),
tables are real Word tables with a repeated header row, figures are embedded pictures with
captions, pages are A4 with page numbers. Chinese text uses 黑体 for headings and 宋体 for the
body (Word's standard Chinese fonts; other programs substitute their own CJK font).
"""
from __future__ import annotations

import base64
import io

__all__ = ["items_to_docx"]

_TEXT_WIDTH_CM = 16.0
_VERDICT_FILL = {"support": "EEF7EE", "adjust": "FFF6E5", "reject": "FBECEB"}
_VERDICT_INK = {"support": (0x1B, 0x5E, 0x20), "adjust": (0x8A, 0x52, 0x00), "reject": (0x8E, 0x2B, 0x22)}


def _set_fonts(style_or_run, latin: str, east_asian: str) -> None:
    from docx.oxml.ns import qn

    el = style_or_run.element
    rpr = el.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _shade(cell, fill: str) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    tcpr.append(shd)


def _repeat_header(row) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _page_number_footer(section, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def field(code: str) -> None:
        run = p.add_run()
        fld = run._r.makeelement(qn("w:fldSimple"), {qn("w:instr"): code})
        r = fld.makeelement(qn("w:r"), {})
        t = r.makeelement(qn("w:t"), {})
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)

    if lang == "zh":
        p.add_run("第 ")
        field("PAGE")
        p.add_run(" 页 / 共 ")
        field("NUMPAGES")
        p.add_run(" 页")
    else:
        p.add_run("Page ")
        field("PAGE")
        p.add_run(" of ")
        field("NUMPAGES")


def _runs(paragraph, text: str, *, size=None, color=None, bold=False) -> None:
    from docx.shared import Pt, RGBColor

    from .blocks import runs

    for part, is_bold in runs(text):
        run = paragraph.add_run(part)
        run.bold = bold or is_bold
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor(*color)


def _col_widths(columns, rows, total_cm: float) -> list[float]:
    """Column widths in cm, shared out by the longest text of each column (headers may wrap)."""
    from ..formatting import width

    ncols = max([len(columns)] + [len(r) for r in rows])
    want = []
    for j in range(ncols):
        body = max([width(r[j]) for r in rows if j < len(r)] + [1])
        head = width(columns[j]) if j < len(columns) else 0
        want.append(min(max(body, 0.6 * head, 5), 44) + 1.5)   # + cell padding
    total = sum(want)
    return [total_cm * w / total for w in want]


def _set_widths(table, widths, margin_cm: float = 0.1) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm

    tblpr = table._tbl.tblPr
    mar = tblpr.makeelement(qn("w:tblCellMar"), {})
    for side in ("left", "right"):
        mar.append(mar.makeelement(qn(f"w:{side}"), {qn("w:w"): str(round(margin_cm * 567)), qn("w:type"): "dxa"}))
    tblpr.append(mar)
    table.autofit = False
    for j, col in enumerate(table.columns):
        col.width = Cm(widths[j])
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = Cm(widths[j])


def _table(doc, columns, rows, align, *, small=False, caption="", header=True, widths=None):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if caption:
        cap = doc.add_paragraph(style="Caption")
        _runs(cap, caption, bold=True)
    ncols = max([len(columns)] + [len(r) for r in rows]) if (columns or rows) else 1
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = 7.5 if small else 9
    al = {"l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT, "c": WD_ALIGN_PARAGRAPH.CENTER}
    body = ([columns] if header and columns else []) + list(rows)
    for i, r in enumerate(body):
        row = table.add_row()
        for j in range(ncols):
            text = r[j] if j < len(r) else ""
            cell = row.cells[j]
            p = cell.paragraphs[0]
            p.alignment = al.get(align[j] if j < len(align) else "l", WD_ALIGN_PARAGRAPH.LEFT)
            p.paragraph_format.space_after = Pt(0)
            _runs(p, text, size=size, bold=header and i == 0)
            if header and i == 0:
                _shade(cell, "EEF2F7")
        if header and i == 0:
            _repeat_header(row)
    _set_widths(table, widths or _col_widths(columns if header else [], rows, _TEXT_WIDTH_CM))
    return table


def items_to_docx(items: list[dict], *, lang: str = "zh", title: str = "", author: str = "cba") -> bytes:
    """A .docx document of the report items (returned as bytes)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin = sec.bottom_margin = Cm(2.2)
    latin = "Times New Roman" if lang == "zh" else "Calibri"
    styles = doc.styles
    normal = styles["Normal"]
    _set_fonts(normal, latin, "宋体")
    normal.font.size = Pt(11 if lang == "zh" else 10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.25
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 12), ("Caption", 9.5)):
        st = styles[name]
        _set_fonts(st, "Arial" if name != "Caption" else latin, "黑体" if name != "Caption" else "宋体")
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0x12, 0x35, 0x5B) if name != "Caption" else RGBColor(0x33, 0x33, 0x33)
        st.font.italic = False
    _page_number_footer(sec, lang)
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en"

    for it in items:
        t = it.get("t")
        if t == "h":
            level = it["level"]
            if level <= 1:
                doc.add_paragraph(it["text"], style="Title")
            else:
                doc.add_heading(it["text"], level=min(level - 1, 3))
        elif t == "p":
            p = doc.add_paragraph()
            note = it.get("cls") in ("note", "subtitle")
            _runs(p, it["text"], size=9 if it.get("cls") == "note" else None,
                  color=(0x5B, 0x66, 0x75) if note else None)
        elif t == "ul":
            for text in it["items"]:
                _runs(doc.add_paragraph(style="List Bullet"), text)
        elif t == "table":
            _table(doc, it["columns"], it["rows"], it["align"], small=it.get("small", False),
                   caption=it.get("caption", ""))
            if it.get("note"):
                _runs(doc.add_paragraph(), it["note"], size=8.5, color=(0x5B, 0x66, 0x75))
            else:
                doc.add_paragraph().paragraph_format.space_after = Pt(2)
        elif t == "kv":
            _table(doc, [], it["rows"], ["l", "l"], caption=it.get("caption", ""), header=False,
                   widths=[4.2, _TEXT_WIDTH_CM - 4.2])
            doc.add_paragraph().paragraph_format.space_after = Pt(2)
        elif t == "img":
            width = Cm(_TEXT_WIDTH_CM * max(0.2, min(1.0, float(it.get("width", 1.0)))))
            doc.add_picture(io.BytesIO(base64.b64decode(it["png"])), width=width)
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if it.get("caption"):
                cap = doc.add_paragraph(style="Caption")
                cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _runs(cap, it["caption"])
        elif t == "verdict":
            tbl = doc.add_table(rows=1, cols=1)
            _set_widths(tbl, [_TEXT_WIDTH_CM])
            cell = tbl.rows[0].cells[0]
            _shade(cell, _VERDICT_FILL.get(it["level"], "F3F3F3"))
            p = cell.paragraphs[0]
            _runs(p, it["title"], size=9, color=(0x5B, 0x66, 0x75))
            p = cell.add_paragraph()
            _runs(p, it["label"], size=18, bold=True, color=_VERDICT_INK.get(it["level"]))
            _runs(cell.add_paragraph(), it["text"])
            doc.add_paragraph().paragraph_format.space_after = Pt(2)
        elif t == "cards":
            cards = it["items"]
            tbl = doc.add_table(rows=1, cols=len(cards))
            tbl.style = "Table Grid"
            _set_widths(tbl, [_TEXT_WIDTH_CM / len(cards)] * len(cards))
            for cell, (label, value, note) in zip(tbl.rows[0].cells, cards):
                p = cell.paragraphs[0]
                _runs(p, label, size=8.5, color=(0x5B, 0x66, 0x75))
                _runs(cell.add_paragraph(), value, size=13, bold=True, color=(0x12, 0x35, 0x5B))
                if note:
                    _runs(cell.add_paragraph(), note, size=8, color=(0x5B, 0x66, 0x75))
            doc.add_paragraph().paragraph_format.space_after = Pt(2)
        elif t in ("pre", "raw"):
            text = it.get("text", "")
            if text.strip():
                run = doc.add_paragraph().add_run(text)
                run.font.name = "Consolas"
                run.font.size = Pt(8.5)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
