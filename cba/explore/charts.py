"""The explorer's two charts, kept alive between updates: :class:`LiveTornado` and
:class:`LiveCashFlows`.

Drawing a chart from scratch (a new Figure, :func:`cba.plot_tornado` or
:func:`cba.plot_cash_flows`, ``savefig``) costs 80-100 ms per chart with CJK text, most of it
building artists and laying out text. A slider move changes numbers, not the shape of a chart,
so each chart is built once by the plotting function (the one source of what the chart shows)
and afterwards its artists are moved in place: bar positions and lengths, annotation places and
texts, the reference lines, the axis limits, the title. Only when the shape changes (another
option, a bar crossing to the other side of the base case, a flow line appearing, a break-even
year appearing or disappearing) is the chart built again. The figure keeps a fixed dpi and size,
so its renderer (and the text-size cache tied to it) is reused; the renderer keeps the glyph
layout of the strings it has drawn (:func:`live_canvas`); the PNG is encoded by Pillow at a low
compression level.

A live chart updated in place renders the same pixels as the plotting function drawing the
same result on a new figure (checked in ``tests/explore/test_live_charts.py``).
"""
from __future__ import annotations

import base64
import io
import math
from typing import Any

import numpy as np

__all__ = ["LiveTornado", "LiveCashFlows", "live_canvas", "png_output", "FIGSIZE", "DPI"]

#: figure size (inches) and resolution of both charts: 512 x 336 pixels
FIGSIZE = (6.4, 4.2)
DPI = 80
#: fixed axes in the figures (a layout engine would draw each figure twice)
TORNADO_AXES = (0.36, 0.14, 0.61, 0.74)
CASH_AXES = (0.13, 0.40, 0.85, 0.50)


def new_figure(rect: tuple[float, float, float, float], *, canvas=None):
    """A Figure of the explorer's size and dpi with an Agg canvas (default: the plain one), and
    its one Axes at ``rect``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    (canvas or FigureCanvasAgg)(fig)
    return fig, fig.add_axes(rect)


_CANVAS: list[Any] = []


def live_canvas():
    """An Agg canvas class whose renderer keeps the glyph layout of each text it has drawn.

    Laying out a string in the CJK font (shaping, glyph places) takes about 0.2 ms and a chart
    draws some forty strings, most of them the same from one update to the next. The renderer
    below keeps the layout per (string, font, size, dpi) and draws the glyphs as matplotlib's
    own ``RendererAgg.draw_text`` does. It relies on two private methods of matplotlib's Agg
    backend (3.11: ``FT2Font._layout`` and ``RendererAgg._draw_text_glyphs_and_boxes``); where
    they are missing the plain canvas is used. The tests compare its pictures with the plain
    canvas's pixel for pixel.
    """
    if _CANVAS:
        return _CANVAS[0]
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
    from matplotlib.ft2font import FT2Font

    if not (hasattr(RendererAgg, "_draw_text_glyphs_and_boxes") and hasattr(FT2Font, "_layout")
            and hasattr(RendererAgg, "_prepare_font")):                    # pragma: no cover
        _CANVAS.append(FigureCanvasAgg)
        return FigureCanvasAgg

    layouts: dict[tuple, tuple] = {}

    class LayoutKeepingRenderer(RendererAgg):
        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath:
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            features = mtext.get_fontfeatures() if mtext is not None else None
            language = mtext.get_language() if mtext is not None else None
            size = prop.get_size_in_points()
            key = (s, tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
                   prop.get_stretch(), size, prop.get_file(), self.dpi, get_hinting_flag(),
                   None if features is None else tuple(features), language)
            glyphs = layouts.get(key)
            if glyphs is None:
                font = self._prepare_font(prop)
                glyphs = tuple((item.ft_object, item.glyph_index, item.x, item.y)
                               for item in font._layout(s, flags=get_hinting_flag(), features=features,
                                                        language=language))
                if len(layouts) > 4096:
                    layouts.clear()
                layouts[key] = glyphs
            self._draw_text_glyphs_and_boxes(gc, x, y, angle, ((f, size, g, 0, 1, gx, gy) for f, g, gx, gy in glyphs), [])

    class LiveCanvas(FigureCanvasAgg):
        def get_renderer(self):
            w, h = self.get_width_height(physical=True)
            key = w, h, self.figure.dpi
            if self._lastKey != key:
                self.renderer = LayoutKeepingRenderer(w, h, self.figure.dpi)
                self._lastKey = key
            return self.renderer

    _CANVAS.append(LiveCanvas)
    return LiveCanvas


def render_png(fig) -> bytes:
    """Draw ``fig`` on its Agg canvas and encode it as PNG (RGB, zlib level 1)."""
    from PIL import Image

    canvas = fig.canvas
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def png_output(png: bytes) -> dict[str, Any]:
    """PNG bytes as a Jupyter display_data output."""
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": "<Figure>"}}


def _model_key(model) -> tuple:
    """What of a model the charts show besides the numbers (titles, axis units)."""
    return (model.name, model.currency, model.baseline, tuple(model.option_label(o) for o in model.options))


class _Live:
    """A chart built by a plotting function and then updated in place while its shape holds."""

    rect: tuple[float, float, float, float] = (0, 0, 1, 1)

    def __init__(self, lang: str):
        self.lang = lang
        self.fig = None
        self.ax = None
        self._shape: Any = None
        self.rebuilds = 0

    def _build(self, *args: Any) -> None:
        self.fig, self.ax = new_figure(self.rect, canvas=live_canvas())
        self.rebuilds += 1

    def png(self) -> bytes:
        return render_png(self.fig)


class LiveTornado(_Live):
    """The tornado of a :class:`cba.Sensitivity`, as :func:`cba.plot_tornado` draws it.

    >>> import cba
    >>> from pathlib import Path
    >>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
    >>> live = LiveTornado("en")
    >>> live.draw(cba.sensitivity(m, steps=()))[:4], live.rebuilds
    (b'\\x89PNG', 1)
    >>> live.draw(cba.sensitivity(m.replace(discount_rate=0.07), steps=()))[:4], live.rebuilds
    (b'\\x89PNG', 1)
    """

    rect = TORNADO_AXES

    def draw(self, result) -> bytes:
        """Show ``result`` (in place when its shape is the shown one's) and return the PNG."""
        lo, hi, base = result.metric_low, result.metric_high, result.base_metric
        with np.errstate(invalid="ignore"):
            low_first = ~(np.abs(hi - base) > np.abs(lo - base))
        mn = np.asarray(getattr(result, "metric_min", lo), dtype=float)
        mx = np.asarray(getattr(result, "metric_max", hi), dtype=float)
        with np.errstate(invalid="ignore"):
            ends_lo = np.fmin(np.fmin(lo, hi), base)
            ends_hi = np.fmax(np.fmax(lo, hi), base)
            tol = 1e-9 * np.fmax(np.abs(ends_lo), np.abs(ends_hi))
            beyond = np.isfinite(mn) & np.isfinite(mx) & ((mn < ends_lo - tol) | (mx > ends_hi + tol))
        shape = (_model_key(result.model), result.option, result.metric, result.target, len(lo),
                 bool(beyond.any()), math.isfinite(base),
                 bool(np.isfinite(np.r_[lo, hi, mn, mx, base]).any()))
        if shape != self._shape or not self._move(result, low_first, beyond, mn, mx):
            self._build(result)
            self._shape = shape
        return self.png()

    def _build(self, result) -> None:
        from ..plots import plot_tornado

        super()._build()
        plot_tornado(result, lang=self.lang, ax=self.ax)
        self._ticks = [t.get_text() for t in self.ax.get_yticklabels()]

    def _move(self, r, low_first, beyond, mn, mx) -> bool:
        """Move the artists to ``r``; False when they are not the ones expected (then rebuilt)."""
        from ..i18n import label
        from ..i18n.glossary import colon
        from ..plots.charts import _metric_num, _who, tornado_bars, tornado_ticks

        ax, lang = self.ax, self.lang
        lo, hi, base = r.metric_low, r.metric_high, r.base_metric
        n = len(lo)
        y = np.arange(n)[::-1]
        lines = list(ax.lines)
        if len(lines) != int(math.isfinite(base)) + int(math.isfinite(r.target)) or len(ax.containers) != 4:
            return False
        # bars, notes and the inside ranges drawn anew as plot_tornado draws them (cheap; which
        # end is longer and which inputs have no effect change from move to move)
        for artist in [*ax.containers, *ax.texts, *ax.collections]:
            artist.remove()
        tornado_bars(ax, y, lo, hi, base, low_first, r.low, r.high, r.parameters, lang)
        if beyond.any():
            ax.hlines(y[beyond], mn[beyond], mx[beyond], color="#222222", lw=1.4, zorder=3)
        if math.isfinite(base):
            lines[0].set_xdata([base, base])
        ticks = tornado_ticks(r, n, lang)
        if ticks != self._ticks:
            ax.set_yticks(y, ticks, fontsize=9)
            self._ticks = ticks
        finite = np.concatenate([lo, hi, mn, mx, [base, r.target]])
        finite = finite[np.isfinite(finite)]
        span = float(finite.max() - finite.min()) or 1.0
        ax.set_xlim(finite.min() - 0.12 * span, finite.max() + 0.12 * span)
        ax.title.set_text(f"{label('tornado', lang)}{colon(lang)}{_who(r.model, r.option, lang)}\n"
                          f"{label('base_case', lang)} {label(r.metric, lang)} = {_metric_num(base, r.metric)}")
        return True


class LiveCashFlows(_Live):
    """The cash-flow chart of an appraisal, as :func:`cba.plot_cash_flows` draws it.

    >>> import cba
    >>> from pathlib import Path
    >>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
    >>> live = LiveCashFlows("zh")
    >>> live.draw(cba.appraise(m), "kiosk")[:4], live.draw(cba.appraise(m, kiosk_price=12), "kiosk")[:4]
    (b'\\x89PNG', b'\\x89PNG')
    >>> live.rebuilds
    1
    """

    rect = CASH_AXES

    def draw(self, appraisal, option: str) -> bytes:
        """Show the cash flows of ``option`` (in place when the shape holds) and return the PNG."""
        from ..i18n import label

        lang = self.lang
        table = appraisal.cash_flow_table(option, lang=lang)
        year_col, costs_col = label("year", lang), label("costs", lang)
        cols = list(table.columns)
        values = {}
        for name in cols[cols.index(year_col) + 1:cols.index(costs_col)]:
            v = table[name].to_numpy(dtype=float)
            if np.any(v):
                values[name] = v
        years = table[year_col].to_numpy()
        cum = table[label("cumulative_pv", lang)].to_numpy(dtype=float)
        cross = np.flatnonzero((cum >= 0) & (np.cumsum(cum < 0) > 0))
        marked = bool(cross.size and cum[0] < 0)
        shape = (_model_key(appraisal.model), option, tuple(years), tuple((k, v.sum() >= 0) for k, v in values.items()), marked)
        if shape != self._shape or not self._move(values, cum, years[cross[0]] if marked else None):
            self._build(appraisal, option)
            self._shape = shape
        return self.png()

    def _build(self, appraisal, option: str) -> None:
        from ..plots import plot_cash_flows

        super()._build()
        plot_cash_flows(appraisal, option, lang=self.lang, ax=self.ax)

    def _move(self, values: dict[str, np.ndarray], cum: np.ndarray, year) -> bool:
        from ..i18n import label
        from ..i18n.glossary import colon

        ax = self.ax
        bars = list(ax.containers)
        lines = list(ax.lines)
        if len(bars) != 2 * len(values) or len(lines) != 2 + (year is not None) or \
                len(ax.texts) != (year is not None):
            return False
        pos = np.zeros(len(cum))
        neg = np.zeros(len(cum))
        for i, v in enumerate(values.values()):
            up = np.where(v > 0, v, 0.0)
            dn = np.where(v < 0, v, 0.0)
            for bar, bottoms, heights in ((bars[2 * i], pos, up), (bars[2 * i + 1], neg, dn)):
                if len(bar.patches) != len(cum):
                    return False
                for rect, b, h in zip(bar.patches, bottoms, heights):
                    rect.set_y(b)
                    rect.set_height(h)
                    rect.sticky_edges.y[:] = [b]
            pos += up
            neg += dn
        lines[0].set_ydata(cum)
        if year is not None:
            lines[2].set_xdata([year, year])
            note = ax.texts[0]
            note.xy = (year, 0.97)
            note.set_text(f"{label('breakeven_year', self.lang)}{colon(self.lang)}{int(year)}")
        # the data limits as relim() would find them (it costs ~20 ms over the 200-odd bars): the
        # bars' x places never change; y spans the stacks, the cumulative line and the zero line
        finite = cum[np.isfinite(cum)]
        ax.dataLim.intervaly = (min(neg.min(), finite.min(initial=0.0), 0.0), max(pos.max(), finite.max(initial=0.0), 0.0))
        ax.autoscale_view(scalex=False)
        return True
