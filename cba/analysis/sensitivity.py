"""Sensitivity analysis: one-way (tornado), spider, two-way grids and named scenarios.

Every analysis is ONE batched evaluation of the model (one draw per case), through the
same path as :func:`cba.appraise`: a 20-parameter tornado with its spider data is one
call with 1 + 2 x 20 + 5 x 20 + 13 x 20 draws (base; low and high ends; points inside each
range; spider steps), a 41 x 41 two-way grid one call with 1,681 draws.

Notes are kept in English (``notes``) and Chinese (``notes_zh``); ``notes_in(lang)``,
``summary(lang)`` and ``table(lang)`` follow the language (Chinese by default).

Examples
--------
>>> import cba, warnings
>>> from pathlib import Path
>>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
>>> s = cba.sensitivity(m)
>>> s.parameters[:3]                         # largest swing of NPV first
('reduction', 'staff_freed', 'accidents')
>>> round(s.base_metric, 2)
1154.76
>>> cba.compare_scenarios(m)["npv"].round(2).to_dict()
{'base': 1154.76, 'pessimistic': -20.5, 'optimistic': 3554.72}
"""
from __future__ import annotations

import html
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .breakeven import (
    DISCOUNT_RATE,
    Evaluator,
    _g,
    _grid,
    _number,
    _solve,
    _spec,
    base_values,
    check_parameter,
    default_target,
    higher_is_better,
    plausible_range,
    resolve_metric,
    resolve_option,
)
from ..errors import InputError
from ..i18n import Bilingual, check_lang, label
from ..model.model import Model

__all__ = ["Sensitivity", "TwoWay", "sensitivity", "two_way", "compare_scenarios", "SPIDER_STEPS"]

#: default changes of each input for the spider plot: -30% to +30% in steps of 5%
SPIDER_STEPS = tuple(round(x, 2) for x in np.arange(-0.30, 0.301, 0.05))
#: points inside each input's low..high range evaluated besides its ends, so that a metric that
#: dips across the target between two ends on the same side is seen (``crosses``, ``swing``)
INTERIOR = 5


# ----------------------------------------------------------------------------- helpers
def _label_of(model: Model, name: str, lang: str = "zh") -> tuple[str, str]:
    return model.input_label(name, lang)


def _target_or_nan(model: Model, metric: str, base: dict, target: Any) -> float:
    if target is not None:
        return _number(target, "target")
    try:
        return default_target(model, metric, base)
    except InputError:
        return math.nan


def _as_text(frame, percent: Sequence[str] = (), flags: Sequence[str] = (), lang: str = "zh") -> str:
    """Aligned text with percent and yes/no columns formatted."""
    from ..formatting import frame_to_text

    return frame_to_text(_display(frame, percent, flags, lang))


def _display(frame, percent: Sequence[str], flags: Sequence[str], lang: str):
    out = frame.copy()
    for c in percent:
        if c in out.columns:
            out[c] = [("—" if not isinstance(x, (int, float)) or not math.isfinite(x) else f"{x:+.1%}")
                      for x in out[c]]
    for c in flags:
        if c in out.columns:
            out[c] = [label("yes" if bool(x) else "no", lang) for x in out[c]]
    if DISCOUNT_RATE in out.index:       # the discount rate's values as percentages (304.60%, not 3.05)
        row = list(out.index).index(DISCOUNT_RATE)
        for key in ("base", "low", "high", "switching_value", "search_low", "search_high"):
            c = label(key, lang)
            if c in out.columns:
                x = out[c].iloc[row]
                if isinstance(x, (int, float, np.floating)) and math.isfinite(x):
                    out[c] = out[c].astype(object)
                    out.iloc[row, list(out.columns).index(c)] = f"{float(x):.2%}"
    return out


def _html(title: str, frame, notes: Sequence[str] = (), percent: Sequence[str] = (),
          flags: Sequence[str] = (), lang: str = "zh") -> str:
    from ..formatting import frame_to_html

    parts = [f"<div class='cba-sensitivity'><p><b>{html.escape(title)}</b></p>",
             frame_to_html(_display(frame, percent, flags, lang))]
    if notes:
        parts.append(f"<p><b>{html.escape(label('notes', lang))}</b></p><ul>"
                     + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def _num(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


# ----------------------------------------------------------------------------- one-way
@dataclass(frozen=True)
class Sensitivity(Bilingual):
    """One-way sensitivity of an option's metric: tornado and spider data (see :func:`sensitivity`).

    Attributes
    ----------
    model : Model
    option, metric : str
    target : float
        Break-even level of the metric (0 for NPV), NaN when the metric has none.
    base_metric : float
        The metric with every input at its base value.
    parameters : tuple of str
        Inputs in tornado order (largest swing first); ``labels``, ``units`` alike.
    base, low, high : ndarray
        Input values: base, and the low and high ends used.
    metric_low, metric_high : ndarray
        The metric with each input at its low / high end, the others at base.
    metric_min, metric_max : ndarray
        Lowest and highest metric seen with each input anywhere in its low..high range: at the
        ends, the base value, ``INTERIOR`` equally spaced points between the ends and the spider
        points that fall inside the range. They differ from the ends' values when the metric
        is not monotonic in the input.
    steps : ndarray
        Fractional changes of the spider plot (-0.3 ... 0.3).
    spider : ndarray, shape (len(parameters), len(steps))
        The metric with each input at ``base * (1 + step)`` (NaN rows for a base value of 0).
    ranges : str
        ``"plausible"`` (each input's low/high) or e.g. ``"±10%"``.
    notes, notes_zh : tuple of str
        Remarks in English and Chinese; :meth:`notes_in` picks one.
    """

    model: Model
    option: str
    metric: str
    target: float
    base_metric: float
    parameters: tuple[str, ...]
    labels: tuple[str, ...]
    units: tuple[str, ...]
    base: np.ndarray
    low: np.ndarray
    high: np.ndarray
    metric_low: np.ndarray
    metric_high: np.ndarray
    metric_min: np.ndarray
    metric_max: np.ndarray
    steps: np.ndarray
    spider: np.ndarray
    ranges: str = "plausible"
    scenario: str | None = None
    calls: int = 0
    draws: int = 0
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    @property
    def swing(self) -> np.ndarray:
        """``metric_max - metric_min`` per input: how far the metric moves over the input's range
        (``|metric_high - metric_low|`` when the metric is monotonic in the input)."""
        return self.metric_max - self.metric_min

    @property
    def crosses(self) -> np.ndarray:
        """True where the metric reaches the target somewhere in the input's low..high range
        (``metric_min <= target <= metric_max``), not only between the values at the two ends."""
        with np.errstate(invalid="ignore"):
            return (self.metric_min <= self.target) & (self.target <= self.metric_max)

    def to_frame(self):
        """The tornado table, largest swing first.

        Columns: ``label``, ``unit``, ``base``, ``low``, ``high``, ``metric_low``,
        ``metric_high``, ``metric_min``, ``metric_max``, ``swing``, ``change_low`` and
        ``change_high`` (fractional change of the metric from its base value) and
        ``crosses_target``.
        """
        import pandas as pd

        with np.errstate(divide="ignore", invalid="ignore"):
            denom = abs(self.base_metric) if self.base_metric != 0 else np.nan
            frame = pd.DataFrame({
                "label": self.labels, "unit": self.units, "base": self.base, "low": self.low,
                "high": self.high, "metric_low": self.metric_low, "metric_high": self.metric_high,
                "metric_min": self.metric_min, "metric_max": self.metric_max, "swing": self.swing,
                "change_low": (self.metric_low - self.base_metric) / denom,
                "change_high": (self.metric_high - self.base_metric) / denom,
                "crosses_target": self.crosses}, index=pd.Index(self.parameters, name="parameter"))
        frame.attrs.update({"option": self.option, "metric": self.metric, "base_metric": self.base_metric})
        return frame

    def table(self, lang: str = "zh"):
        """The tornado table with translated headers, for display."""
        check_lang(lang)
        frame = self.to_frame()
        keep = ["label", "low", "high", "metric_low", "metric_high", "swing", "crosses_target"]
        out = frame[keep].copy()
        m = label(self.metric, lang)
        out.columns = [label("parameter_label", lang), label("low", lang), label("high", lang),
                       f"{m} ({label('at_low', lang)})", f"{m} ({label('at_high', lang)})",
                       label("swing", lang), label("crosses_target", lang)]
        out.index.name = label("parameter", lang)
        return out

    def spider_frame(self):
        """Spider data: index = fractional change of the input, one column per input."""
        import pandas as pd

        frame = pd.DataFrame(self.spider.T, index=pd.Index(self.steps, name="change"),
                             columns=pd.Index(self.parameters, name="parameter"))
        return frame

    def _title(self, lang: str) -> str:
        m = self.model
        who = m.option_label(self.option)
        if m.baseline is not None:
            who += f" {label('vs', lang)} {m.option_label(m.baseline)}"
        return f"{label('sensitivity', lang)}: {label(self.metric, lang)}, {who}"

    def summary(self, lang: str = "zh") -> str:
        """Plain text: base value, the tornado table and notes."""
        check_lang(lang)
        unit = f" {self.model.currency}" if self.metric in ("npv", "pv_costs", "pv_benefits") and self.model.currency else ""
        lines = [self._title(lang),
                 f"{label('base_case', lang)} {label(self.metric, lang)}: {self.base_metric:,.2f}{unit}",
                 "", _as_text(self.table(lang), flags=[label("crosses_target", lang)], lang=lang)]
        if self.notes_in(lang):
            lines += ["", label("notes", lang) + ":"] + [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return _html(self._title("zh"), self.table("zh"), self.notes_in("zh"), flags=[label("crosses_target", "zh")])

    def __repr__(self) -> str:
        return (f"<Sensitivity of {self.option} {self.metric}: {len(self.parameters)} inputs, "
                f"base {self.base_metric:.6g}>")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (NaN becomes None)."""
        rows = []
        for i, name in enumerate(self.parameters):
            rows.append({"parameter": name, "label": self.labels[i], "unit": self.units[i],
                         "base": _num(self.base[i]), "low": _num(self.low[i]), "high": _num(self.high[i]),
                         "metric_low": _num(self.metric_low[i]), "metric_high": _num(self.metric_high[i]),
                         "metric_min": _num(self.metric_min[i]), "metric_max": _num(self.metric_max[i]),
                         "swing": _num(self.swing[i]), "crosses_target": bool(self.crosses[i])})
        return {"option": self.option, "metric": self.metric, "target": _num(self.target),
                "base_metric": _num(self.base_metric), "ranges": self.ranges, "tornado": rows,
                "spider": {"steps": [float(x) for x in self.steps],
                           "values": {n: [_num(x) for x in self.spider[i]] for i, n in enumerate(self.parameters)}},
                "notes": list(self.notes), "notes_zh": list(self.notes_zh)}

    def plot_tornado(self, **kwargs: Any):
        """Tornado diagram (see :func:`cba.plots.plot_tornado`)."""
        from ..plots.charts import plot_tornado

        return plot_tornado(self, **kwargs)

    def plot_spider(self, **kwargs: Any):
        """Spider plot (see :func:`cba.plots.plot_spider`)."""
        from ..plots.charts import plot_spider

        return plot_spider(self, **kwargs)


def _inputs_for(model: Model, base: dict, parameters: Sequence[str] | None, delta: float | None) -> list[str]:
    if parameters is None:
        if delta is None:
            names = list(model.uncertain)
            if model.discount_range is not None and isinstance(base[DISCOUNT_RATE], float):
                names.append(DISCOUNT_RATE)
        else:
            names = [k for k in model.parameters if base[k] != 0]
            if isinstance(base[DISCOUNT_RATE], float):
                names.append(DISCOUNT_RATE)
        return names
    if isinstance(parameters, str):
        parameters = [parameters]
    names = [check_parameter(model, p, where="parameters", base=base) for p in parameters]
    if len(set(names)) != len(names):
        raise InputError("each parameter may appear once", where="parameters")
    return names


def sensitivity(model: Model, option: str | None = None, metric: str = "npv", *,
                parameters: Sequence[str] | None = None, delta: float | None = None,
                steps: Sequence[float] | None = SPIDER_STEPS, scenario: str | None = None,
                target: float | None = None) -> Sensitivity:
    """One-way sensitivity of an option's metric: each input at its low and high end in turn.

    Parameters
    ----------
    model : Model
    option : str, optional
        The option; may be left out when the model has one option to appraise.
    metric : str, default "npv"
        Any appraisal column (incremental against the baseline where there is one).
    parameters : sequence of str, optional
        Inputs to vary. Default: every parameter with a low/high range, and the discount rate
        when it has one (with ``delta``: every parameter with a non-zero base value).
    delta : float, optional
        Vary each input by ``±delta`` of its base value (e.g. 0.1 for ±10%, as in the Chinese
        sensitivity tables) instead of over its low/high range.
    steps : sequence of float
        Fractional changes for the spider plot (default -30% to +30% by 5%); empty for the
        tornado alone (7 draws per input instead of 20).
    scenario : str, optional
        Vary the inputs around this named scenario instead of the base case.
    target : float, optional
        The break-even level drawn in plots and used by ``crosses`` (default as in
        :func:`cba.breakeven`: 0 for NPV, 1 for BCR).

    Returns
    -------
    Sensitivity
        Frozen; ``to_frame()`` gives the tornado table, ``spider_frame()`` the spider data,
        ``plot_tornado()`` / ``plot_spider()`` the figures.

    Notes
    -----
    All cases are evaluated in one batched call of the model: the base case, two draws per
    input (low, high), ``INTERIOR`` (5) per input inside its range and one per input and
    spider step, so the cost barely grows with the number of inputs. ``swing`` and
    ``crosses`` use every value seen inside the range, so a metric that dips across the
    target between two ends on the same side of it still counts as able to flip the decision.

    Examples
    --------
    >>> import cba
    >>> from pathlib import Path
    >>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
    >>> s = sensitivity(m, parameters=["kiosk_price", "staff_cost"])
    >>> s.to_frame()[["low", "high", "metric_low", "metric_high"]].round(1)
                 low  high  metric_low  metric_high
    parameter
    staff_cost   5.0  16.0       732.0       1396.3
    kiosk_price  3.0  20.0      1204.9       1083.2
    """
    option = resolve_option(model, option)
    metric = resolve_metric(metric)
    base = base_values(model, scenario)
    target = _target_or_nan(model, metric, base, target)
    if delta is not None:
        delta = _number(delta, "delta")
        if not 0 < delta < 1:
            raise InputError(f"expected a fraction between 0 and 1 such as 0.1, got {delta:g}", where="delta")
    steps_arr = np.asarray([_number(x, f"steps[{i}]") for i, x in enumerate(steps or ())], dtype=float)
    if np.any(steps_arr <= -1):
        raise InputError("expected fractional changes above -1, e.g. [-0.2, 0, 0.2]", where="steps")
    steps_arr = np.unique(steps_arr)
    names = _inputs_for(model, base, parameters, delta)
    notes: list[tuple[str, str]] = []      # (English, Chinese)
    b = np.array([float(base[n]) for n in names])
    lows, highs = np.empty(len(names)), np.empty(len(names))
    for i, n in enumerate(names):
        if delta is not None:
            lows[i], highs[i] = b[i] * (1 - delta), b[i] * (1 + delta)
            if b[i] < 0:
                lows[i], highs[i] = highs[i], lows[i]
        else:
            rng = plausible_range(model, n, base)
            if rng is None:
                raise InputError(f"'{n}' has no low/high range; give it one in the model or pass delta=",
                                 where="parameters")
            lows[i], highs[i] = rng
    spider_x = b[:, None] * (1 + steps_arr[None, :])
    zero = b == 0
    if zero.any():
        which = ", ".join(n for n, z in zip(names, zero) if z)
        notes.append(("no spider line for inputs whose base value is 0 (a percentage change is undefined): "
                      + which, "基准值为 0 的参数不能按百分比变动,蜘蛛图中没有它们的曲线:" + which))
    if DISCOUNT_RATE in names:
        i = names.index(DISCOUNT_RATE)
        spider_x[i] = np.maximum(spider_x[i], -0.99)
    # points strictly inside each range: a metric can dip across the target between two ends
    # that lie on the same side of it
    frac = np.arange(1, INTERIOR + 1) / (INTERIOR + 1)
    inner_x = lows[:, None] + (highs - lows)[:, None] * frac[None, :]
    ev = Evaluator(model, option, scenario=scenario, want=(metric,))
    p, k = len(names), len(steps_arr)
    keep = ~zero
    call_names = ([names[0]] if names else []) + names + names + \
        [n for n, z in zip(names, zero) if not z for _ in range(k)] + [n for n in names for _ in range(INTERIOR)]
    n_spider = int(keep.sum()) * k
    values = (np.concatenate([b[:1], lows, highs, spider_x[keep].ravel(), inner_x.ravel()])
              if names else np.empty(0))
    if names:
        res = ev.one_at_a_time(call_names, values)[metric]
        base_metric = float(res[0])
        m_low, m_high = res[1:1 + p], res[1 + p:1 + 2 * p]
        spider = np.full((p, k), np.nan)
        if k:
            spider[keep] = res[1 + 2 * p:1 + 2 * p + n_spider].reshape(-1, k)
        inner = res[1 + 2 * p + n_spider:].reshape(p, INTERIOR)
        ev.check_base(base_metric)
        # every value seen with the input inside [low, high]: ends, base, interior, spider points
        in_range = (spider_x >= np.minimum(lows, highs)[:, None]) & (spider_x <= np.maximum(lows, highs)[:, None])
        seen = np.column_stack([m_low, m_high, np.full(p, base_metric), inner,
                                np.where(in_range, spider, np.nan)])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)       # all-NaN rows stay NaN
            m_min, m_max = np.nanmin(seen, axis=1), np.nanmax(seen, axis=1)
    else:
        base_metric = float(ev.metrics({}, 1)[metric][0])
        ev.check_base(base_metric)
        m_low = m_high = m_min = m_max = np.empty(0)
        spider = np.empty((0, k))
    if ev.failures:
        n_bad = len(ev.failures)
        notes.append((f"the model could not be evaluated for {n_bad} case(s); they show as NaN "
                      f"(first: {ev.failures[0]})",
                      f"有 {n_bad} 个情形无法计算模型,显示为 NaN(第一个:{ev.failures[0]})"))
    swing = m_max - m_min
    order = np.argsort(np.where(np.isnan(swing), -np.inf, -swing), kind="stable")
    labels, units = zip(*(_label_of(model, n) for n in names)) if names else ((), ())
    return Sensitivity(model=model, option=option, metric=metric, target=target, base_metric=base_metric,
                       parameters=tuple(names[i] for i in order), labels=tuple(labels[i] for i in order),
                       units=tuple(units[i] for i in order), base=b[order], low=lows[order], high=highs[order],
                       metric_low=m_low[order], metric_high=m_high[order], metric_min=m_min[order],
                       metric_max=m_max[order], steps=steps_arr,
                       spider=spider[order], ranges="plausible" if delta is None else f"±{delta:.0%}",
                       scenario=scenario, calls=ev.calls, draws=ev.draws,
                       notes=tuple(n[0] for n in notes), notes_zh=tuple(n[1] for n in notes))


# ----------------------------------------------------------------------------- two-way
@dataclass(frozen=True)
class TwoWay(Bilingual):
    """The metric over a grid of two inputs (see :func:`two_way`).

    Attributes
    ----------
    x, y : str
        The two inputs; ``x_values`` (nx,) and ``y_values`` (ny,) the grid.
    values : ndarray, shape (ny, nx)
        The metric at each grid point (row = y, column = x), the other inputs at base.
    base_x, base_y, base_metric : float
        The base case.
    x_plausible, y_plausible : (float, float) or None
        The inputs' low/high ranges (drawn as a box on the frontier plot).
    notes, notes_zh : tuple of str
        Remarks in English and Chinese; :meth:`notes_in` picks one.
    """

    model: Model
    option: str
    metric: str
    target: float
    x: str
    y: str
    x_values: np.ndarray
    y_values: np.ndarray
    values: np.ndarray
    base_x: float
    base_y: float
    base_metric: float
    x_plausible: tuple[float, float] | None = None
    y_plausible: tuple[float, float] | None = None
    scenario: str | None = None
    calls: int = 0
    draws: int = 0
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    @property
    def higher_is_better(self) -> bool:
        """True when a higher value of the metric is better (NPV, BCR, IRR)."""
        return higher_is_better(self.metric)

    @property
    def wins(self) -> np.ndarray:
        """True where the option does at least as well as the target (NPV >= 0: it beats the baseline)."""
        with np.errstate(invalid="ignore"):
            return self.values >= self.target if higher_is_better(self.metric) else self.values <= self.target

    @property
    def share_wins(self) -> float:
        """Share of the grid points at which the option wins."""
        ok = np.isfinite(self.values)
        return float(self.wins[ok].mean()) if ok.any() else math.nan

    def frontier(self):
        """Points where the metric crosses the target along each grid column (linear interpolation).

        Returns a DataFrame with columns ``x`` and ``y`` (several rows per x where the frontier
        folds back; none where the option wins or loses over the whole column).
        """
        import pandas as pd

        f = self.values - self.target
        xs, ys = [], []
        for j, xv in enumerate(self.x_values):
            col = f[:, j]
            for i in range(len(col) - 1):
                a, b = col[i], col[i + 1]
                if not (np.isfinite(a) and np.isfinite(b)):
                    continue
                if a == 0:
                    xs.append(xv)
                    ys.append(self.y_values[i])
                elif (a < 0) != (b < 0) and b != 0:
                    t = a / (a - b)
                    xs.append(xv)
                    ys.append(self.y_values[i] + t * (self.y_values[i + 1] - self.y_values[i]))
            if np.isfinite(col[-1]) and col[-1] == 0:
                xs.append(xv)
                ys.append(self.y_values[-1])
        return pd.DataFrame({"x": np.asarray(xs, float), "y": np.asarray(ys, float)})

    def to_frame(self):
        """Long format: one row per grid point with ``x``, ``y``, the metric and ``wins``."""
        import pandas as pd

        gx, gy = np.meshgrid(self.x_values, self.y_values)
        return pd.DataFrame({self.x: gx.ravel(), self.y: gy.ravel(), self.metric: self.values.ravel(),
                             "wins": self.wins.ravel()})

    def table(self):
        """The grid as a DataFrame: index = y values, columns = x values."""
        import pandas as pd

        return pd.DataFrame(self.values, index=pd.Index(self.y_values, name=self.y),
                            columns=pd.Index(self.x_values, name=self.x))

    def _title(self, lang: str) -> str:
        lx, _ = _label_of(self.model, self.x, lang)
        ly, _ = _label_of(self.model, self.y, lang)
        return f"{label('two_way', lang)}: {label(self.metric, lang)}, {lx} × {ly}"

    def summary(self, lang: str = "zh") -> str:
        """Plain text: the grid's extent, the base case and how much of the grid the option wins."""
        check_lang(lang)
        m = self.model
        who = m.option_label(self.option)
        lx, ux = _label_of(m, self.x, lang)
        ly, uy = _label_of(m, self.y, lang)
        fr = self.frontier()
        lines = [self._title(lang),
                 f"{lx}: {_g(self.x_values[0])} .. {_g(self.x_values[-1])} {ux} ({len(self.x_values)})",
                 f"{ly}: {_g(self.y_values[0])} .. {_g(self.y_values[-1])} {uy} ({len(self.y_values)})",
                 f"{label('base_case', lang)}: {lx} = {_g(self.base_x)}, {ly} = {_g(self.base_y)}, "
                 f"{label(self.metric, lang)} = {self.base_metric:,.2f}",
                 f"{label('share_wins', lang).format(option=who)}: {self.share_wins:.1%}"]
        if fr.empty:
            lines.append(label("no_frontier", lang).format(option=who))
        lines += [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary("zh")) + "</pre>"

    def __repr__(self) -> str:
        return (f"<TwoWay {self.option} {self.metric} over {self.x} x {self.y}: "
                f"{len(self.x_values)} x {len(self.y_values)}, wins on {self.share_wins:.0%}>")

    def to_dict(self) -> dict[str, Any]:
        return {"option": self.option, "metric": self.metric, "target": _num(self.target), "x": self.x,
                "y": self.y, "x_values": [float(v) for v in self.x_values],
                "y_values": [float(v) for v in self.y_values],
                "values": [[_num(v) for v in row] for row in self.values],
                "base": {self.x: self.base_x, self.y: self.base_y, self.metric: _num(self.base_metric)},
                "share_wins": _num(self.share_wins), "notes": list(self.notes), "notes_zh": list(self.notes_zh)}

    def plot(self, **kwargs: Any):
        """The break-even frontier (see :func:`cba.plots.plot_frontier`)."""
        from ..plots.charts import plot_frontier

        return plot_frontier(self, **kwargs)


def _range(value: Any, where: str) -> tuple[float, float]:
    from .. import checks as v

    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise InputError(f"expected (low, high), got {v.show(value)}", where=where)
    lo, hi = (v.number(x, f"{where}[{i}]") for i, x in enumerate(value))
    if not lo < hi:
        raise InputError(f"expected low < high, got ({lo:g}, {hi:g})", where=where)
    return lo, hi


def two_way(model: Model, x: str, y: str, *, option: str | None = None, metric: str = "npv",
            target: float | None = None, n: int | tuple[int, int] = 41,
            x_range: tuple[float, float] | None = None, y_range: tuple[float, float] | None = None,
            extend: bool = False, scenario: str | None = None) -> TwoWay:
    """The metric over a grid of two inputs, for the break-even frontier.

    Parameters
    ----------
    model : Model
    x, y : str
        Two different inputs (parameters or ``"discount_rate"``).
    option, metric, target, scenario
        As in :func:`cba.breakeven` (default: incremental NPV, target 0).
    n : int or (int, int), default 41
        Grid points along x and y.
    x_range, y_range : (float, float), optional
        Extent of each axis. Default: the input's plausible low/high range.
    extend : bool, default False
        Widen a default axis to take in the input's one-way switching value (searched as in
        :func:`cba.breakeven`, 10% margin beyond it) when there is one, so that the frontier
        shows; the plausible range stays marked on the plot.

    Returns
    -------
    TwoWay
        ``values`` has shape (ny, nx); ``wins`` marks where the option beats the target;
        ``plot()`` draws the frontier.

    Examples
    --------
    >>> import cba
    >>> from pathlib import Path
    >>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
    >>> g = two_way(m, "kiosk_price", "staff_cost", n=5)
    >>> g.values.shape, g.share_wins                       # kiosks win everywhere in range
    ((5, 5), 1.0)
    >>> g = two_way(m, "kiosk_price", "staff_cost", x_range=(0, 250), y_range=(0, 16), n=26)
    >>> round(g.share_wins, 2)
    0.6
    """
    option = resolve_option(model, option)
    metric = resolve_metric(metric)
    base = base_values(model, scenario)
    x = check_parameter(model, x, where="x", base=base)
    y = check_parameter(model, y, where="y", base=base)
    if x == y:
        raise InputError(f"x and y must be two different inputs, got '{x}' twice", where="y")
    target = _target_or_nan(model, metric, base, target)
    if isinstance(n, Sequence) and not isinstance(n, str):
        if len(n) != 2:
            raise InputError(f"expected a number of points or (nx, ny), got {n!r}", where="n")
        nx, ny = (_grid(v) for v in n)
    else:
        nx = ny = _grid(n)
    if nx * ny > 1_000_000:
        raise InputError(f"a {nx} x {ny} grid is too large (at most 1,000,000 points)", where="n")
    ev = Evaluator(model, option, scenario=scenario, want=(metric,))
    notes: list[tuple[str, str]] = []      # (English, Chinese)
    ranges = {}
    for name, given, where in ((x, x_range, "x_range"), (y, y_range, "y_range")):
        if given is not None:
            ranges[name] = _range(given, where)
        else:
            rng = plausible_range(model, name, base)
            if rng is None:
                raise InputError(f"'{name}' has no low/high range; give it one in the model "
                                 f"(or pass {where}= in Python)",
                                 where=where)
            ranges[name] = rng
    if extend:
        todo = [name for name, given in ((x, x_range), (y, y_range)) if given is None]
        if todo and not math.isnan(target):
            specs = [_spec(model, name, base, None, scenario) for name in todo]
            _solve(ev, specs, metric, target, 41)
            for s in specs:
                if s.roots:
                    r = min(s.roots, key=lambda v: abs(v - s.base))
                    lo, hi = ranges[s.name]
                    lo2, hi2 = min(lo, r), max(hi, r)
                    pad = 0.1 * (hi2 - lo2)
                    lo2 = lo2 - pad if r < lo else lo2
                    hi2 = hi2 + pad if r > hi else hi2
                    if s.name != DISCOUNT_RATE and lo >= 0:
                        lo2 = max(lo2, 0.0)
                    if s.name == DISCOUNT_RATE:
                        lo2 = max(lo2, -0.99)
                    if (lo2, hi2) != (lo, hi):
                        ranges[s.name] = (lo2, hi2)
                        notes.append((f"the {s.name} axis is widened to {_g(lo2)} .. {_g(hi2)} to include "
                                      f"its switching value {_g(r)}",
                                      f"{s.name} 的坐标轴扩展到 {_g(lo2)} .. {_g(hi2)},以包含其临界值 {_g(r)}"))
                else:
                    notes.append((f"{s.name} has no switching value in [{_g(s.lo)}, {_g(s.hi)}]; its axis "
                                  "keeps the plausible range",
                                  f"{s.name} 在 [{_g(s.lo)}, {_g(s.hi)}] 内没有临界值,坐标轴保持其取值区间"))
    xv = np.linspace(*ranges[x], nx)
    yv = np.linspace(*ranges[y], ny)
    gx, gy = np.meshgrid(xv, yv)
    cols = {x: np.append(gx.ravel(), base[x]), y: np.append(gy.ravel(), base[y])}
    res = ev.metrics(cols, nx * ny + 1)[metric]
    ev.check_base(float(res[-1]))
    if ev.failures:
        n_bad = len(ev.failures)
        notes.append((f"the model could not be evaluated at {n_bad} grid point(s); they are NaN "
                      f"(first: {ev.failures[0]})",
                      f"有 {n_bad} 个网格点无法计算模型,显示为 NaN(第一个:{ev.failures[0]})"))
    return TwoWay(model=model, option=option, metric=metric, target=target, x=x, y=y, x_values=xv,
                  y_values=yv, values=res[:-1].reshape(ny, nx), base_x=float(base[x]), base_y=float(base[y]),
                  base_metric=float(res[-1]), x_plausible=plausible_range(model, x, base),
                  y_plausible=plausible_range(model, y, base), scenario=scenario, calls=ev.calls,
                  draws=ev.draws, notes=tuple(n[0] for n in notes), notes_zh=tuple(n[1] for n in notes))


# ----------------------------------------------------------------------------- scenarios
def compare_scenarios(model: Model, option: str | None = None, *, metrics: Sequence[str] | None = None,
                      lang: str | None = None):
    """The base case and every named scenario of the model, side by side.

    Parameters
    ----------
    model : Model
    option : str, optional
        The option; may be left out when the model has one option to appraise.
    metrics : sequence of str, optional
        Appraisal columns to show (default: all of them).
    lang : {"zh", "en"}, optional
        Translate headers and the base-case name for display.

    Returns
    -------
    pandas.DataFrame
        Index ``base`` then the scenarios in file order; one column per metric (incremental
        against the baseline where there is one) and ``changes`` (what the scenario sets).
        Scenarios that share a discount schedule are evaluated in one batched call.

    Examples
    --------
    >>> import cba
    >>> from pathlib import Path
    >>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
    >>> compare_scenarios(m, metrics=["npv"]).round(2)
                     npv                                            changes
    scenario
    base         1154.76
    pessimistic   -20.50  kiosk_price=20, service_life=5, om_cost=1.5, s...
    optimistic   3554.72  kiosk_price=3, service_life=10, om_cost=0.3, s...
    """
    import pandas as pd

    from .appraise import METRICS

    option = resolve_option(model, option)
    metrics = list(METRICS) if metrics is None else [resolve_metric(m) for m in
                                                     ([metrics] if isinstance(metrics, str) else metrics)]
    rows = ["base"] + list(model.scenarios)
    sets = [{}] + [dict(model.scenarios[s]) for s in model.scenarios]
    ev = Evaluator(model, option)
    # group the rows by discount schedule: a float rate can vary within one batch, a schedule cannot
    groups: dict[str, list[int]] = {}
    for i, st in enumerate(sets):
        rate = st.get(DISCOUNT_RATE, model.discount_rate)
        key = "float" if isinstance(rate, float) else repr(rate)
        groups.setdefault(key, []).append(i)
    out = {m: np.full(len(rows), np.nan) for m in metrics}
    for key, idx in groups.items():
        names = sorted({k for i in idx for k in sets[i] if k != DISCOUNT_RATE})
        cols = {k: np.array([float(sets[i].get(k, model.parameters[k].value)) for i in idx]) for k in names}
        if key == "float":
            rates = [sets[i].get(DISCOUNT_RATE, model.discount_rate) for i in idx]
            if any(r != model.discount_rate for r in rates):
                cols[DISCOUNT_RATE] = np.array(rates, dtype=float)
            res = ev.metrics(cols, len(idx))
        else:
            res = ev.metrics(cols, len(idx), {DISCOUNT_RATE: sets[idx[0]].get(DISCOUNT_RATE, model.discount_rate)})
        if idx[0] == 0:      # the base case (NPV is NaN only where the model fails)
            ev.check_base(float(res["npv"][0]))
        for m in metrics:
            out[m][idx] = res[m]
    changes = ["" if not st else ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                                           for k, v in st.items()) for st in sets]
    frame = pd.DataFrame({**out, "changes": changes}, index=pd.Index(rows, name="scenario"))
    frame.attrs.update({"option": option})
    if lang is not None:
        check_lang(lang)
        frame = frame.rename(index={"base": label("base_case", lang)},
                             columns={**{m: label(m, lang) for m in metrics}, "changes": label("changes", lang)})
        frame.index.name = label("scenario", lang)
    return frame


# ----------------------------------------------------------------------------- everything at once
@dataclass(frozen=True)
class SensitivityAnalysis:
    """Tornado/spider data, switching values, scenarios and a frontier (see :func:`analyse`)."""

    sensitivity: Sensitivity
    switching: Any          # DataFrame from switching_values()
    scenarios: Any          # DataFrame from compare_scenarios()
    frontier: TwoWay | None = None

    def summary(self, lang: str = "zh") -> str:
        from .breakeven import translate_switching

        check_lang(lang)
        parts = [self.sensitivity.summary(lang), "", f"[{label('switching_values', lang)}]",
                 _as_text(translate_switching(self.switching, lang), percent=[label("change", lang)],
                          flags=[label("within_range", lang), label("critical", lang)], lang=lang)]
        col = "note_zh" if lang == "zh" and "note_zh" in self.switching.columns else "note"
        notes = [f"{k}: {v}" for k, v in self.switching[col].items() if v]
        if notes:
            parts += [label("notes", lang) + ":"] + [f"- {n}" for n in notes]
        if len(self.scenarios) > 1:
            sc = compare_scenarios(self.sensitivity.model, self.sensitivity.option, lang=lang,
                                   metrics=[m for m in self.scenarios.columns if m != "changes"])
            parts += ["", f"[{label('scenarios', lang)}]", _as_text(sc, lang=lang)]
        if self.frontier is not None:
            parts += ["", f"[{label('two_way', lang)}]", self.frontier.summary(lang)]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary("zh")) + "</pre>"

    def to_dict(self) -> dict[str, Any]:
        def records(frame) -> list[dict[str, Any]]:
            out = []
            for idx, row in frame.iterrows():
                rec = {frame.index.name or "index": idx}
                for k, v in row.items():
                    rec[k] = _num(v) if isinstance(v, float) else (bool(v) if isinstance(v, (bool, np.bool_)) else v)
                out.append(rec)
            return out

        return {"sensitivity": self.sensitivity.to_dict(), "switching_values": records(self.switching),
                "scenarios": records(self.scenarios),
                "frontier": None if self.frontier is None else self.frontier.to_dict()}

    def files(self, lang: str = "zh") -> dict[str, str | bytes]:
        """Every output as ``{file name: content}``: CSV tables (UTF-8 with BOM, for Excel),
        ``sensitivity.json`` and the tornado, spider and frontier PNGs."""
        import json

        from .breakeven import translate_switching
        from ..plots.charts import figure_bytes, plot_frontier, plot_spider, plot_tornado

        check_lang(lang)
        bom = "\ufeff"
        out: dict[str, str | bytes] = {
            "switching_values.csv": bom + translate_switching(self.switching, lang, full=True).to_csv(),
            "tornado.csv": bom + self.sensitivity.table(lang).to_csv(),
            "spider.csv": bom + self.sensitivity.spider_frame().to_csv(),
            "scenarios.csv": bom + compare_scenarios(self.sensitivity.model, self.sensitivity.option,
                                                     lang=lang).to_csv(),
            "sensitivity.json": json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n",
            "tornado.png": figure_bytes(plot_tornado(self.sensitivity, lang=lang)),
            "spider.png": figure_bytes(plot_spider(self.sensitivity, lang=lang)),
        }
        if self.frontier is not None:
            out["frontier.png"] = figure_bytes(plot_frontier(self.frontier, lang=lang))
        return out

    def write(self, out_dir: Any, lang: str = "zh") -> list[Any]:
        """Write :meth:`files` into ``out_dir``: all rendered first, then renamed into place
        together, so a failure leaves no partial output."""
        from ..atomic import write_files

        return write_files(out_dir, self.files(lang))


def analyse(model: Model, option: str | None = None, metric: str = "npv", *,
            frontier: tuple[str, str] | None = None, n: int = 41, scenario: str | None = None) -> SensitivityAnalysis:
    """One-way sensitivity, switching values, scenarios and a break-even frontier together.

    Parameters
    ----------
    model : Model
    option, metric, scenario
        As in :func:`sensitivity`.
    frontier : (str, str), optional
        The two inputs of the two-way grid. Default: the two with the largest tornado swing.
        Their axes are widened to take in their switching values (``two_way(..., extend=True)``)
        so the frontier shows; the plausible ranges stay marked on the plot.
    n : int
        Grid points per axis of the frontier.

    Returns
    -------
    SensitivityAnalysis
        ``summary()``, ``to_dict()``, ``files()`` and ``write(out_dir)`` (used by
        ``cba sensitivity``).
    """
    from .breakeven import switching_values

    s = sensitivity(model, option, metric, scenario=scenario)
    sv = switching_values(model, s.option, metric=metric, scenario=scenario)
    sc = compare_scenarios(model, s.option)
    pair = frontier
    if pair is None and len(s.parameters) >= 2:
        pair = (s.parameters[0], s.parameters[1])
    tw = None
    if pair is not None:
        if isinstance(pair, str) or len(pair) != 2:
            raise InputError(f"expected two inputs (x, y), got {pair!r}", where="frontier")
        tw = two_way(model, pair[0], pair[1], option=s.option, metric=metric, n=n, extend=True,
                     scenario=scenario)
    return SensitivityAnalysis(sensitivity=s, switching=sv, scenarios=sc, frontier=tw)
