"""CJK fonts for figures and documents, installed by the project's own dependencies.

The font is Noto Sans SC (Adobe and Google's Noto CJK project, release 2.004, SIL Open Font
License 1.1), the region-specific cut of Noto Sans CJK SC, so no system font or root access is
needed. It reaches us through the pip package ``pylopdf-fonts-zh-cn``, which ships the upstream
file unchanged (``NotoSansSC-Regular.otf``); any other carrier of the same file would do.

That file has cubic CFF outlines. Embedded in a PDF as they are ("CID Type 0C" fonts), MuPDF
draws them blank and Ghostscript draws boxes, so documents do not embed them as they are:
:func:`to_truetype` rewrites a (subset) font's outlines as quadratic TrueType ``glyf`` outlines
(fontTools' cu2qu, at most 1/1000 em away from the original curves), which a PDF embeds as
``CIDFontType2``/``FontFile2``, the form Poppler, MuPDF, Ghostscript and PDFium all draw.

:func:`use_cjk_font` registers Noto Sans SC with matplotlib and puts it first in the sans-serif
fallback list, with ``axes.unicode_minus = False`` (the Unicode minus sign is missing from many
CJK fonts). Figures are embedded as PNG images, so their outline format does not matter.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["sans_path", "serif_path", "use_cjk_font", "to_truetype", "FAMILY"]

#: matplotlib family name of the bundled font
FAMILY = "Noto Sans SC"
_FALLBACK = [FAMILY, "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei",
             "Microsoft YaHei", "DejaVu Sans"]
#: largest distance (font units; Noto Sans SC has 1000 per em) between a cubic curve and its
#: quadratic replacement, the value of fontTools' otf2ttf snippet and of fontmake's default
MAX_ERR = 1.0


def sans_path() -> Path:
    """Path of the bundled Noto Sans SC font file."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.sans_path())


def serif_path() -> Path:
    """Path of the bundled Noto Serif SC font file."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.serif_path())


def to_truetype(font: Any, *, max_err: float = MAX_ERR) -> Any:
    """Rewrite a CFF-flavoured font's outlines as TrueType quadratic outlines, in place.

    Parameters
    ----------
    font : fontTools.ttLib.TTFont
        A font with a ``CFF `` table (subset it first: converting all 30,000 glyphs of a CJK font
        takes minutes, a report's few hundred a fraction of a second). A font that already has
        ``glyf`` outlines is returned unchanged.
    max_err : float
        Largest allowed distance, in font units, between a cubic curve and its approximation.

    Returns
    -------
    fontTools.ttLib.TTFont
        The same object, now with ``glyf``/``loca`` tables and a TrueType ``maxp``, no glyph
        names (``post`` format 3) and no ``CFF ``/``VORG`` tables.

    Examples
    --------
    >>> from fontTools import subset
    >>> from fontTools.ttLib import TTFont
    >>> font = TTFont(str(sans_path()))
    >>> sub = subset.Subsetter()
    >>> sub.populate(text="评估")
    >>> sub.subset(font)
    >>> "CFF " in font, "glyf" in font
    (True, False)
    >>> font = to_truetype(font)
    >>> "CFF " in font, "glyf" in font, font.sfntVersion == "\\x00\\x01\\x00\\x00"
    (False, True, True)
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    if "glyf" in font:
        return font
    if "CFF " not in font:
        raise ValueError("to_truetype: the font has neither CFF nor glyf outlines (CFF2 variable fonts "
                         "must be instantiated first)")
    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt = TTGlyphPen(glyphset)
        # CFF contours run counter-clockwise, TrueType ones clockwise: reverse them
        glyphset[name].draw(Cu2QuPen(tt, max_err, reverse_direction=True))
        glyphs[name] = tt.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:   # vertical origins live in CFF fonts only
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():   # TrueType wants lsb == xMin
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max((len(getattr(g, "components", ()) or ()) for g in glyphs.values()),
                                    default=0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0   # CID fonts have no meaningful glyph names
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    return font


@lru_cache(maxsize=1)
def use_cjk_font() -> str:
    """Register the bundled CJK font with matplotlib and make it the default; returns the family."""
    import matplotlib as mpl
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(sans_path()))
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = _FALLBACK + [f for f in mpl.rcParams["font.sans-serif"]
                                                   if f not in _FALLBACK]
    mpl.rcParams["axes.unicode_minus"] = False
    mpl.rcParams["pdf.fonttype"] = 42
    mpl.rcParams["svg.fonttype"] = "path"
    return FAMILY
