"""The CJK font the reports embed is the upstream Noto Sans SC release, under the OFL."""
from __future__ import annotations

from fontTools.ttLib import TTFont

from cba.fonts import sans_path, to_truetype


def test_bundled_font_is_upstream_noto_sans_sc_2004_under_the_ofl():
    # The name table of Adobe/Google's NotoSansSC-Regular.otf, release 2.004 (notofonts/noto-cjk,
    # Sans2.004): family "Noto Sans SC", unique ID "2.004;GOOG;NotoSansSC-Regular;ADOBE", licence
    # SIL OFL 1.1. If the pip package that carries it ever ships another file, this fails.
    name = TTFont(str(sans_path()), lazy=True)["name"]
    assert name.getDebugName(1) == "Noto Sans SC"
    assert name.getDebugName(3) == "2.004;GOOG;NotoSansSC-Regular;ADOBE"
    assert name.getDebugName(13).startswith("This Font Software is licensed under the SIL Open Font License, Version 1.1.")


def test_truetype_conversion_keeps_every_glyph_and_advance():
    # Converting outlines must not change which glyphs exist or how far each advances the pen
    # (the hmtx table of the original font is the reference).
    from fontTools import subset

    text = "事前绩效评估移动岗亭净现值0123456789%，。"
    font = TTFont(str(sans_path()))
    sub = subset.Subsetter()
    sub.populate(text=text)
    sub.subset(font)
    before = dict(font["hmtx"].metrics)
    cmap = dict(font.getBestCmap())
    to_truetype(font)
    assert font.sfntVersion == "\x00\x01\x00\x00" and "glyf" in font and "CFF " not in font
    assert dict(font.getBestCmap()) == cmap
    assert {g: font["hmtx"].metrics[g][0] for g in before} == {g: m[0] for g, m in before.items()}
    # every character of the text has a non-empty outline
    glyf = font["glyf"]
    for ch in text:
        g = glyf[cmap[ord(ch)]]
        assert g.numberOfContours != 0, ch
