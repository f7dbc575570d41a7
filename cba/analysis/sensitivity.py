"""Sensitivity analysis: one-way (tornado) and spider.

Every analysis is ONE batched evaluation of the model (one draw per case), through the
same path as :func:`cba.appraise`: a 20-parameter tornado with its spider data is one
call with 1 + 2 x 20 + 5 x 20 + 13 x 20 draws (base; low and high ends; points inside each
range; spider steps). Two-way grids are in :mod:`cba.analysis.two_way`, named scenarios in
:mod:`cba.analysis.scenarios`, everything at once in :mod:`cba.analysis.analyse`.

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
1009.82
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Bilingual, check_lang, label, msg
from ..i18n.glossary import colon, comma, name_in, paren
from ..model.model import Model
from .display import _as_text, _label_of, _num
from .evaluator import (DISCOUNT_RATE, Evaluator, _number, _target_or_nan, base_values, check_parameter,
                        plausible_range, resolve_metric, resolve_option)
from ..display import RichDisplay

__all__ = ["Sensitivity", "sensitivity", "SPIDER_STEPS", "INTERIOR"]

#: default changes of each input for the spider plot: -30% to +30% in steps of 5%
SPIDER_STEPS = tuple(round(x, 2) for x in np.arange(-0.30, 0.301, 0.05))
#: points inside each input's low..high range evaluated besides its ends, so that a metric that
#: dips across the target between two ends on the same side is seen (``crosses``, ``swing``)
INTERIOR = 5


# ----------------------------------------------------------------------------- one-way
@dataclass(frozen=True)
class Sensitivity(RichDisplay, Bilingual):
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

    def labels_in(self, lang: str = "zh") -> tuple[str, ...]:
        """Labels of the inputs in tornado order, in ``lang`` (the discount rate is translated)."""
        return tuple(self.model.input_label(n, lang)[0] for n in self.parameters)

    def table(self, lang: str = "zh"):
        """The tornado table with translated headers, for display."""
        check_lang(lang)
        frame = self.to_frame()
        keep = ["label", "low", "high", "metric_low", "metric_high", "swing", "crosses_target"]
        out = frame[keep].copy()
        out["label"] = self.labels_in(lang)
        m = label(self.metric, lang)
        out.columns = [label("parameter_label", lang), label("low", lang), label("high", lang),
                       m + paren(label('at_low', lang), lang), m + paren(label('at_high', lang), lang),
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
        return f"{label('sensitivity', lang)}{colon(lang)}{label(self.metric, lang)}{comma(lang)}{who}"

    def summary(self, lang: str = "zh") -> str:
        """Plain text: base value, the tornado table and notes."""
        from ..formatting import fmt_metric

        check_lang(lang)
        unit = f" {self.model.currency}" if self.metric in ("npv", "pv_costs", "pv_benefits") and self.model.currency else ""
        lines = [self._title(lang),
                 f"{label('base_case', lang)}{label(self.metric, lang) if lang == 'zh' else ' ' + label(self.metric, lang)}"
                 f"{colon(lang)}{fmt_metric(self.base_metric, self.metric)}{unit}",
                 "", _as_text(self.table(lang), flags=[label("crosses_target", lang)], lang=lang)]
        if self.notes_in(lang):
            lines += ["", label("notes", lang) + colon(lang).strip()] + [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        """HTML in the current language: the base case (with its unit) and the tornado table
        with each input's unit."""
        from ..display import block_html
        from ..formatting import fmt_metric
        from ..i18n import get_lang
        from .display import _display

        lang = get_lang()
        unit = f" {self.model.currency}" if self.metric in ("npv", "pv_costs", "pv_benefits") and self.model.currency else ""
        head = msg("display.base_metric", metric=label(self.metric, lang),
                   value=fmt_metric(self.base_metric, self.metric) + unit).render(lang)
        table = self.table(lang)
        table.insert(1, label("unit", lang), [self.model.input_label(n, lang)[1] for n in self.parameters])
        return block_html(self._title(lang), [("", _display(table, (), [label("crosses_target", lang)], lang))],
                          self.notes_in(lang), [head], lang, css="cba-sensitivity")

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
        raise InputError(msg("analysis.parameter_once"), where="parameters")
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
    staff_cost   5.0  16.0       671.6       1203.1
    kiosk_price  3.0  20.0      1059.9        938.3
    """
    option = resolve_option(model, option)
    metric = resolve_metric(metric)
    base = base_values(model, scenario)
    target = _target_or_nan(model, metric, base, target)
    if delta is not None:
        delta = _number(delta, "delta")
        if not 0 < delta < 1:
            raise InputError(msg("analysis.delta", got=f"{delta:g}"), where="delta")
    steps_arr = np.asarray([_number(x, f"steps[{i}]") for i, x in enumerate(steps or ())], dtype=float)
    if np.any(steps_arr <= -1):
        raise InputError(msg("analysis.steps"), where="steps")
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
                raise InputError(msg("analysis.no_range_delta", name=n), where="parameters")
            lows[i], highs[i] = rng
    spider_x = b[:, None] * (1 + steps_arr[None, :])
    zero = b == 0
    if zero.any():
        which = [n for n, z in zip(names, zero) if z]
        notes.append(("no spider line for inputs whose base value is 0 (a percentage change is undefined): "
                      + ", ".join(name_in(model.input_label(n, "en")[0], n, "en") for n in which),
                      "基准值为 0 的参数不能按百分比变动，蜘蛛图中没有它们的曲线："
                      + "、".join(model.input_label(n, "zh")[0] for n in which)))
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
                      f"有 {n_bad} 个情形无法计算模型，显示为 NaN（第一个：{ev.failures[0]}）"))
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
