"""Figures for notebooks and reports: tornado, spider, break-even frontier, cash flows.

Each function takes a result object and returns a :class:`matplotlib.figure.Figure` (built
without pyplot, so nothing is shown or kept open behind the caller's back; JupyterLab displays
a returned Figure). Labels are Chinese by default (``lang="zh"``) or English (``lang="en"``),
drawn with the bundled Noto Sans SC font (:func:`cba.fonts.use_cjk_font`). matplotlib is
imported only when a figure is drawn.

Examples
--------
>>> import cba
>>> from cba.plots import plot_tornado, figure_bytes
>>> from pathlib import Path
>>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
>>> fig = plot_tornado(cba.sensitivity(m))
>>> figure_bytes(fig)[:4]
b'\\x89PNG'
"""
from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

from ..i18n import check_lang, label, msg
from ..i18n.glossary import colon, paren

__all__ = ["plot_tornado", "plot_spider", "plot_frontier", "plot_cash_flows", "plot_cdf", "save_figure",
           "figure_bytes"]

_LOW, _HIGH = "#4C72B0", "#DD8452"
_WIN, _LOSE = "#cfe8cf", "#f4d0cc"
_UP = ("#2ca02c", "#98df8a", "#1f77b4", "#aec7e8", "#17becf", "#9edae5", "#bcbd22")
_DOWN = ("#d62728", "#ff9896", "#ff7f0e", "#ffbb78", "#9467bd", "#c5b0d5", "#8c564b", "#c49c94")
_MONEY = ("npv", "pv_costs", "pv_benefits")
_RATES = ("irr", "mirr")


def _setup(ax: Any, figsize: tuple[float, float]):
    from matplotlib.figure import Figure

    from ..fonts import use_cjk_font

    use_cjk_font()
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot()


def _thousands(ax_axis: Any, rate: bool = False) -> None:
    """Tick labels by the rules of :mod:`cba.formatting`: values with thousands separators
    (:func:`~cba.formatting.fmt_value`), rates (``rate=True``) as percentages."""
    from matplotlib.ticker import FuncFormatter

    from ..formatting import fmt_value

    ax_axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_value(v, rate=rate)))


def _who(model: Any, option: str, lang: str) -> str:
    text = model.option_label(option)
    if model.baseline is not None:
        text += f" {label('vs', lang)} {model.option_label(model.baseline)}"
    return text


def _metric_axis(model: Any, metric: str, lang: str) -> str:
    unit = model.currency if metric in _MONEY and model.currency else ""
    return label(metric, lang) + (paren(unit, lang) if unit else "")


def _num(x: float, name: str = "") -> str:
    """An input's value (the discount rate as a rate: ``6%``)."""
    from ..formatting import fmt_value

    return fmt_value(x, rate=name == "discount_rate")


def _metric_num(x: float, metric: str) -> str:
    from ..formatting import fmt_metric

    return fmt_metric(x, metric)


def _target_label(metric: str, target: float, lang: str) -> str:
    word = "盈亏平衡" if lang == "zh" else "break-even"
    return word + paren(f"{label(metric, lang)} = {_metric_num(target, metric)}", lang)


def tornado_ticks(result: Any, n: int, lang: str) -> list[str]:
    """The tornado's row labels: each input's name over its low ~ high range and unit."""
    names = result.labels_in(lang)
    ticks = []
    for i in range(n):
        unit = f" {result.units[i]}" if result.units[i] else ""
        p = result.parameters[i]
        ticks.append(f"{names[i]}\n" + paren(f"{_num(result.low[i], p)} ~ {_num(result.high[i], p)}{unit}", lang).strip())
    return ticks


def tornado_bars(ax: Any, y, lo, hi, base: float, low_first, low_inputs, high_inputs, parameters, lang: str) -> None:
    """The tornado's bars (the longer one first, so a shorter one on the same side stays visible)
    and the input value at each bar's end ("no effect" where neither end moves the metric);
    shared by :func:`plot_tornado` and the explorer's live chart."""
    for first in (True, False):
        sel_lo, sel_hi = low_first == first, low_first != first
        ax.barh(y[sel_lo], (lo - base)[sel_lo], left=base, color=_LOW, height=0.6,
                label=label("input_low", lang) if first else None)
        ax.barh(y[sel_hi], (hi - base)[sel_hi], left=base, color=_HIGH, height=0.6,
                label=label("input_high", lang) if first else None)
    for yi, a, b, xa, xb, name in zip(y, lo, hi, low_inputs, high_inputs, parameters):
        if a == b == base:
            ax.annotate(label("no_effect", lang), (base, yi), xytext=(4, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=8, color="#333333")
            continue
        for m, x in ((a, xa), (b, xb)):
            if math.isfinite(m):
                right = m >= base
                ax.annotate(_num(x, name), (m, yi), xytext=(4 if right else -4, 0), textcoords="offset points",
                            ha="left" if right else "right", va="center", fontsize=8, color="#333333")


def plot_tornado(result: Any, *, lang: str = "zh", ax: Any = None, top: int | None = None,
                 figsize: tuple[float, float] | None = None):
    """Tornado diagram of a :class:`cba.Sensitivity`: one bar per input, largest swing on top.

    Each bar runs from the metric at the input's low end to the metric at its high end
    (blue: low, orange: high), split at the base case; the dashed line is the break-even
    level (NPV = 0), so a bar that crosses it marks an input that can flip the decision. Where
    the metric goes beyond both ends somewhere inside the range (it is not monotonic in the
    input), a thin black line spans the lowest to the highest value seen.

    Parameters
    ----------
    result : Sensitivity
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional
        Draw into it instead of a new figure.
    top : int, optional
        Show only the ``top`` inputs with the largest swing.

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_lang(lang)
    n = len(result.parameters) if top is None else min(int(top), len(result.parameters))
    fig, ax = _setup(ax, figsize or (8.0, 1.2 + 0.45 * max(n, 1)))
    base = result.base_metric
    y = np.arange(n)[::-1]
    lo, hi = result.metric_low[:n], result.metric_high[:n]
    # the longer bar first, so that when both ends lie on the same side of the base case the
    # shorter one stays visible on top of it
    with np.errstate(invalid="ignore"):
        low_first = ~(np.abs(hi - base) > np.abs(lo - base))
    tornado_bars(ax, y, lo, hi, base, low_first, result.low[:n], result.high[:n], result.parameters[:n], lang)
    mn = np.asarray(getattr(result, "metric_min", lo), dtype=float)[:n]
    mx = np.asarray(getattr(result, "metric_max", hi), dtype=float)[:n]
    with np.errstate(invalid="ignore"):
        ends_lo = np.fmin(np.fmin(lo, hi), base)
        ends_hi = np.fmax(np.fmax(lo, hi), base)
        tol = 1e-9 * np.fmax(np.abs(ends_lo), np.abs(ends_hi))
        beyond = np.isfinite(mn) & np.isfinite(mx) & ((mn < ends_lo - tol) | (mx > ends_hi + tol))
    if beyond.any():
        ax.hlines(y[beyond], mn[beyond], mx[beyond], color="#222222", lw=1.4, zorder=3,
                  label="区间内的取值范围" if lang == "zh" else "Range inside low–high")
    ax.set_yticks(y, tornado_ticks(result, n, lang), fontsize=9)
    if math.isfinite(base):
        ax.axvline(base, color="#555555", lw=1)
    if math.isfinite(result.target):
        ax.axvline(result.target, color="#C44E52", lw=1.2, ls="--", label=_target_label(result.metric, result.target, lang))
    finite = np.concatenate([lo, hi, mn, mx, [base, result.target]])
    finite = finite[np.isfinite(finite)]
    if finite.size:          # nothing finite (the model fails everywhere): matplotlib's default limits
        span = float(finite.max() - finite.min()) or 1.0
        ax.set_xlim(finite.min() - 0.12 * span, finite.max() + 0.12 * span)
    _thousands(ax.xaxis, rate=result.metric in _RATES)
    ax.set_xlabel(_metric_axis(result.model, result.metric, lang))
    base_word = label("base_case", lang)
    ax.set_title(f"{label('tornado', lang)}{colon(lang)}{_who(result.model, result.option, lang)}\n"
                 f"{base_word} {label(result.metric, lang)} = {_metric_num(base, result.metric)}", fontsize=11)
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    ax.grid(axis="x", alpha=0.3)
    return fig


def plot_spider(result: Any, *, lang: str = "zh", ax: Any = None, figsize: tuple[float, float] = (8.5, 5.0)):
    """Spider plot of a :class:`cba.Sensitivity`: the metric against the % change of each input.

    Steeper lines are more sensitive inputs; where a line crosses the dashed break-even line
    the decision flips.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.ticker import PercentFormatter

    check_lang(lang)
    if len(result.steps) == 0:
        from ..errors import InputError

        raise InputError(msg("analysis.no_spider_steps"), where="result")
    fig, ax = _setup(ax, figsize)
    x = result.steps * 100
    import matplotlib

    cmap = matplotlib.colormaps["tab10"]
    markers = "osD^v<>ph*"
    styles = ("-", "--", ":", "-.")   # lines that coincide (proportional inputs) stay visible
    names = result.labels_in(lang)
    for i, name in enumerate(result.parameters):
        yv = result.spider[i]
        if not np.isfinite(yv).any():
            continue
        ax.plot(x, yv, marker=markers[i % len(markers)], ms=4, lw=1.6, color=cmap(i % 10),
                ls=styles[i % len(styles)], label=names[i])
    if math.isfinite(result.target):
        ax.axhline(result.target, color="#C44E52", lw=1.2, ls="--",
                   label=_target_label(result.metric, result.target, lang))
    ax.axvline(0, color="#555555", lw=0.8)
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    _thousands(ax.yaxis, rate=result.metric in _RATES)
    ax.set_xlabel(label("pct_change", lang))
    ax.set_ylabel(_metric_axis(result.model, result.metric, lang))
    ax.set_title(f"{label('spider', lang)}{colon(lang)}{_who(result.model, result.option, lang)}", fontsize=11)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    ax.grid(alpha=0.3)
    return fig


def plot_frontier(result: Any, *, lang: str = "zh", ax: Any = None, figsize: tuple[float, float] = (8.0, 6.0),
                  contours: int = 6):
    """The break-even frontier of a :class:`cba.TwoWay` grid.

    Shades where the option wins (green) and loses (red), draws the break-even line
    (metric = target), a few labelled contours of the metric, the inputs' plausible ranges as
    a dashed box and the base case as a star.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    check_lang(lang)
    fig, ax = _setup(ax, figsize)
    m = result.model
    X, Y = np.meshgrid(result.x_values, result.y_values)
    V = np.ma.masked_invalid(result.values)
    finite = result.values[np.isfinite(result.values)]
    t = result.target
    good_high = result.higher_is_better
    if finite.size and math.isfinite(t) and finite.min() < t < finite.max():
        # shade on the metric itself so the colours meet exactly on the break-even line
        ax.contourf(X, Y, V, levels=[finite.min(), t, finite.max()],
                    colors=[_LOSE, _WIN] if good_high else [_WIN, _LOSE])
    elif finite.size:
        wins_all = bool(result.wins[np.isfinite(result.values)].all())
        ax.contourf(X, Y, np.ma.masked_array(np.zeros_like(result.values), mask=V.mask), levels=[-1, 1],
                    colors=[_WIN if wins_all else _LOSE])
    handles = []
    who = m.option_label(result.option)
    if m.baseline is not None and result.metric == "npv" and result.target == 0:
        lose_text = label("wins", lang).format(option=m.option_label(m.baseline))
    else:
        lose_text = label("loses", lang).format(option=who)
    handles += [Patch(color=_WIN, label=label("wins", lang).format(option=who)), Patch(color=_LOSE, label=lose_text)]
    if contours and finite.size and finite.max() > finite.min():
        from matplotlib.ticker import MaxNLocator

        levels = MaxNLocator(contours + 1).tick_values(finite.min(), finite.max())
        levels = [v for v in levels if finite.min() < v < finite.max() and not np.isclose(v, t)]
        cs = ax.contour(X, Y, V, levels=levels or 1, colors="#777777", linewidths=0.6)
        ax.clabel(cs, fontsize=7, fmt=lambda v: _metric_num(v, result.metric))
    if math.isfinite(result.target) and finite.size and finite.min() < result.target < finite.max():
        ax.contour(X, Y, V, levels=[result.target], colors="#222222", linewidths=2.2)
        handles.append(Line2D([], [], color="#222222", lw=2.2, label=_target_label(result.metric, result.target, lang)))
    if result.x_plausible and result.y_plausible:
        (x0, x1), (y0, y1) = result.x_plausible, result.y_plausible
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, ls="--", lw=1.3, ec="#333333"))
        handles.append(Line2D([], [], color="#333333", ls="--", lw=1.3, label=label("plausible_range", lang)))
    ax.plot([result.base_x], [result.base_y], marker="*", ms=15, color="#1f4e9c", mec="white", ls="none")
    handles.append(Line2D([], [], marker="*", ms=12, color="#1f4e9c", ls="none", label=label("base_case", lang)))
    lx, ux = m.input_label(result.x, lang)
    ly, uy = m.input_label(result.y, lang)
    ax.set_xlabel(lx + (paren(ux, lang) if ux else ""))
    ax.set_ylabel(ly + (paren(uy, lang) if uy else ""))
    _thousands(ax.xaxis, rate=result.x == "discount_rate")
    _thousands(ax.yaxis, rate=result.y == "discount_rate")
    ax.set_xlim(result.x_values[0], result.x_values[-1])
    ax.set_ylim(result.y_values[0], result.y_values[-1])
    title = f"{label('frontier', lang)}{colon(lang)}{_who(m, result.option, lang)}"
    if result.frontier().empty:
        title += "\n" + label("no_frontier", lang)
    ax.set_title(title, fontsize=11)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8, frameon=False)
    return fig


def plot_cash_flows(appraisal: Any, option: str | None = None, *, lang: str = "zh", draw: int = 0,
                    ax: Any = None, figsize: tuple[float, float] = (9.0, 5.5)):
    """Cash flows of an :class:`cba.Appraisal` by year, with the cumulative present value.

    Bars are the flow lines of the option, stacked (benefits and cost savings up, costs down;
    against a baseline its lines enter with the opposite sign, so the bars show the increment);
    the line is the cumulative discounted net flow, which crosses zero in the break-even year.

    Parameters
    ----------
    appraisal : Appraisal
    option : str, optional
        Default: the only option appraised against the baseline (or the only option).
    draw : int
        Which draw to show when the appraisal holds several.

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_lang(lang)
    m = appraisal.model
    option = m.resolve_option(option)
    fig, ax = _setup(ax, figsize)
    table = appraisal.cash_flow_table(option, draw=draw, lang=lang)
    year_col = label("year", lang)
    costs_col = label("costs", lang)
    cols = list(table.columns)
    lines = cols[cols.index(year_col) + 1:cols.index(costs_col)]
    years = table[year_col].to_numpy()
    pos = np.zeros(len(years))
    neg = np.zeros(len(years))
    n_up = n_dn = 0
    for name in lines:
        v = table[name].to_numpy(dtype=float)
        if not np.any(v):
            continue
        if v.sum() >= 0:   # benefits and cost savings: greens and blues
            color, n_up = _UP[n_up % len(_UP)], n_up + 1
        else:              # costs: reds, oranges, purples
            color, n_dn = _DOWN[n_dn % len(_DOWN)], n_dn + 1
        up = np.where(v > 0, v, 0.0)
        dn = np.where(v < 0, v, 0.0)
        ax.bar(years, up, bottom=pos, color=color, width=0.7, label=name)
        ax.bar(years, dn, bottom=neg, color=color, width=0.7)
        pos += up
        neg += dn
    cum = table[label("cumulative_pv", lang)].to_numpy(dtype=float)
    ax.plot(years, cum, color="black", marker="o", ms=4, lw=1.8, label=label("cumulative_pv", lang))
    ax.axhline(0, color="#555555", lw=0.8)
    neg_seen = np.cumsum(cum < 0) > 0
    cross = np.flatnonzero((cum >= 0) & neg_seen)
    if cross.size and cum[0] < 0:
        yr = years[cross[0]]
        ax.axvline(yr, color="#C44E52", ls=":", lw=1.2)
        ax.annotate(f"{label('breakeven_year', lang)}{colon(lang)}{int(yr)}", (yr, 0.97), xycoords=("data", "axes fraction"),
                    xytext=(5, 0), textcoords="offset points", color="#C44E52", fontsize=9, va="top",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.set_xticks(years, [str(int(y)) for y in years], fontsize=8)
    _thousands(ax.yaxis)
    ax.set_ylabel(f"{label('annual_flow', lang)} / {label('cumulative_pv', lang)}"
                  + (paren(m.currency, lang) if m.currency else ""))
    ax.set_xlabel(year_col)
    ax.set_title(f"{label('cash_flow_chart', lang)}{colon(lang)}{_who(m, option, lang)}", fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    return fig


def figure_bytes(fig: Any, format: str = "png", *, dpi: int = 150) -> bytes:
    """The figure rendered to bytes (``png``, ``svg``, ``pdf``)."""
    buf = io.BytesIO()
    fig.savefig(buf, format=format, dpi=dpi)
    return buf.getvalue()


def save_figure(fig: Any, path: str | os.PathLike, *, dpi: int = 150) -> Path:
    """Write the figure atomically (the format follows the suffix): no partial file on failure."""
    from ..atomic import atomic_path
    from ..errors import InputError

    target = Path(path)
    fmt = target.suffix.lstrip(".").lower()
    if fmt not in ("png", "svg", "pdf", "jpg", "jpeg"):
        raise InputError(msg("analysis.figure_suffix", got=repr(str(path))), where="path")
    data = figure_bytes(fig, "jpeg" if fmt == "jpg" else fmt, dpi=dpi)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target


def plot_cdf(draws: Any, *, lang: str = "zh", currency: str = "", incremental: bool = True, ax: Any = None,
             figsize: tuple[float, float] = (7.2, 3.6)):
    """Empirical cumulative distribution of NPV draws, with P(NPV < 0) read off at zero.

    >>> fig = plot_cdf(np.array([-2.0, -1.0, 1.0, 3.0]), lang="en")
    >>> float(fig.axes[0].get_lines()[0].get_ydata()[-1])
    1.0
    """
    from ..formatting import fmt_rate

    check_lang(lang)
    x = np.sort(np.asarray(draws, dtype=float).ravel())
    x = x[np.isfinite(x)]
    fig, ax = _setup(ax, figsize)
    p = np.arange(1, x.size + 1) / max(x.size, 1)
    ax.plot(x, p, color="#2f5d8a", lw=1.6, drawstyle="steps-post")
    loss = float((x < 0).mean()) if x.size else float("nan")
    ax.axvline(0, color="black", lw=0.8)
    ax.axhline(loss, color="#b03a2e", lw=0.8, ls="--")
    ax.annotate(f"{label('prob_negative', lang)} {fmt_rate(loss)}", (0, loss), xytext=(6, 6),
                textcoords="offset points", color="#b03a2e", fontsize=9)
    name = label("incremental_npv" if incremental else "npv", lang)
    ax.set_xlabel(name + (paren(currency, lang) if currency else ""))
    ax.set_ylabel(label("cumulative_probability", lang))
    _thousands(ax.xaxis)
    ax.set_ylim(0, 1.0)
    ax.grid(alpha=0.3)
    return fig
