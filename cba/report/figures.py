"""Figures that only the report needs (the general charts live in :mod:`cba.plots`).

Figures are built on :class:`matplotlib.figure.Figure` directly (not pyplot), so nothing is
shown twice in a notebook, with the bundled CJK font (:func:`cba.fonts.use_cjk_font`).
"""
from __future__ import annotations

import numpy as np

from .text import tr

__all__ = ["npv_histogram"]

_BLUE, _RED, _GREY = "#2f5d8a", "#b03a2e", "#555555"


def _span(x: np.ndarray) -> tuple[float, float] | None:
    """The histogram's range: the data's, widened around a (nearly) single value, whose rounding
    noise numpy cannot split into equal bins ("Too many bins for data range")."""
    if not len(x):
        return None
    lo, hi = float(x.min()), float(x.max())
    centre = (lo + hi) / 2
    if hi - lo > 1e-9 * max(1.0, abs(centre)):
        return lo, hi
    half = max(abs(centre) * 1e-3, 1e-3)
    return centre - half, centre + half


def npv_histogram(npv, *, lang: str = "zh", currency: str = "", bins: int = 60, incremental: bool = True):
    """Histogram of NPV draws with the zero line, the 5th/95th percentiles and P(NPV < 0).

    >>> import numpy as np
    >>> fig = npv_histogram(np.random.default_rng(1).normal(100, 80, 2000), currency="万元")
    >>> [t.get_text() for t in fig.axes[0].texts][:1]
    ['净现值<0的概率 10.80%']
    """
    from matplotlib.figure import Figure

    from ..fonts import use_cjk_font
    from .blocks import num

    use_cjk_font()
    x = np.asarray(npv, dtype=float).ravel()
    x = x[np.isfinite(x)]
    fig = Figure(figsize=(7.2, 3.4))
    ax = fig.add_subplot()
    counts, edges = np.histogram(x, bins=bins, range=_span(x))
    centers = (edges[:-1] + edges[1:]) / 2
    colors = [_RED if c < 0 else _BLUE for c in centers]
    ax.bar(centers, counts / max(len(x), 1), width=np.diff(edges), color=colors, alpha=0.85, linewidth=0)
    p05, p95 = np.percentile(x, [5, 95]) if len(x) else (np.nan, np.nan)
    ax.axvline(0, color="black", linewidth=1)
    for p in (p05, p95):
        ax.axvline(p, color=_GREY, linewidth=0.8, linestyle="--")
    loss = float((x < 0).mean()) if len(x) else np.nan
    ax.text(0.99, 0.95, f"{tr('stat_loss', lang)} {num(loss, 'pct')}", transform=ax.transAxes,
            ha="right", va="top", fontsize=9, color=_RED if loss > 0 else _GREY)
    ax.text(0.99, 0.84, f"{tr('stat_p05', lang)}–{tr('stat_p95', lang)}: {num(p05)} – {num(p95)}",
            transform=ax.transAxes, ha="right", va="top", fontsize=8, color=_GREY)
    unit = f" ({currency})" if currency else ""
    if incremental:
        xlabel = "增量净现值" if lang == "zh" else "Incremental NPV"
    else:
        xlabel = "净现值" if lang == "zh" else "NPV"
    ax.set_xlabel(xlabel + unit)
    ax.set_ylabel("频率" if lang == "zh" else "Share of draws")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
