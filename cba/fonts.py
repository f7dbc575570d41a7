"""CJK fonts for figures and documents, installed by the project's own dependencies.

The pip package ``pylopdf-fonts-zh-cn`` ships Noto Sans SC and Noto Serif SC (SIL Open Font
License), so no system font or root access is needed. :func:`use_cjk_font` registers Noto Sans SC
with matplotlib and puts it first in the sans-serif fallback list, with
``axes.unicode_minus = False`` (the Unicode minus sign is missing from many CJK fonts).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["sans_path", "serif_path", "use_cjk_font", "FAMILY"]

#: matplotlib family name of the bundled font
FAMILY = "Noto Sans SC"
_FALLBACK = [FAMILY, "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei",
             "Microsoft YaHei", "DejaVu Sans"]


def sans_path() -> Path:
    """Path of the bundled Noto Sans SC font file."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.sans_path())


def serif_path() -> Path:
    """Path of the bundled Noto Serif SC font file."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.serif_path())


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
