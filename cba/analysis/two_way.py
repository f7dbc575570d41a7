"""Two-way sensitivity: the metric over a grid of two inputs, and its break-even frontier.

The whole grid is one batched evaluation of the model: a 41 x 41 grid is one call with 1,681 draws.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Bilingual, check_lang, label, msg
from ..i18n.glossary import colon, comma, name_in, paren
from ..model.model import Model
from .display import _label_of, _num
from .evaluator import (DISCOUNT_RATE, Evaluator, _g, _grid, _target_or_nan, base_values, check_parameter,
                        higher_is_better, plausible_range, resolve_metric, resolve_option)
from .search import _solve, _spec
from ..display import RichDisplay

__all__ = ["TwoWay", "two_way"]


@dataclass(frozen=True)
class TwoWay(RichDisplay, Bilingual):
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
        return f"{label('two_way', lang)}{colon(lang)}{label(self.metric, lang)}{comma(lang)}{lx} × {ly}"

    def summary(self, lang: str = "zh") -> str:
        """Plain text: the grid's extent, the base case and how much of the grid the option wins."""
        from ..formatting import fmt_metric, fmt_rate, fmt_value

        check_lang(lang)
        m = self.model
        who = m.option_label(self.option)
        lx, ux = _label_of(m, self.x, lang)
        ly, uy = _label_of(m, self.y, lang)
        fx = (lambda v: fmt_value(v, rate=self.x == DISCOUNT_RATE))  # noqa: E731
        fy = (lambda v: fmt_value(v, rate=self.y == DISCOUNT_RATE))  # noqa: E731
        fr = self.frontier()
        c, cm = colon(lang), comma(lang)
        lines = [self._title(lang),
                 f"{lx}{c}{fx(self.x_values[0])} .. {fx(self.x_values[-1])} {ux}{paren(str(len(self.x_values)), lang)}",
                 f"{ly}{c}{fy(self.y_values[0])} .. {fy(self.y_values[-1])} {uy}{paren(str(len(self.y_values)), lang)}",
                 f"{label('base_case', lang)}{c}{lx} = {fx(self.base_x)}{cm}{ly} = {fy(self.base_y)}{cm}"
                 f"{label(self.metric, lang)} = {fmt_metric(self.base_metric, self.metric)}",
                 f"{label('share_wins', lang).format(option=who)}{c}{fmt_rate(self.share_wins)}"]
        if fr.empty:
            lines.append(label("no_frontier", lang).format(option=who))
        lines += [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)


    def display_grid(self, lang: str | None = None):
        """The grid for display: rows are ``y`` values, columns ``x`` values (both with their
        units in the corner header), cells the metric formatted as in the reports."""
        import pandas as pd

        from ..formatting import fmt_metric, fmt_value
        from ..i18n import get_lang

        lang = check_lang(lang or get_lang())
        lx, ux = _label_of(self.model, self.x, lang)
        ly, uy = _label_of(self.model, self.y, lang)
        fx = [fmt_value(v, rate=self.x == DISCOUNT_RATE) for v in self.x_values]
        fy = [fmt_value(v, rate=self.y == DISCOUNT_RATE) for v in self.y_values]
        cells = [[fmt_metric(v, self.metric) for v in row] for row in np.asarray(self.values)]
        corner = f"{ly}{paren(uy, lang) if uy else ''} ↓ / {lx}{paren(ux, lang) if ux else ''} →"
        return pd.DataFrame(cells, index=pd.Index(fy, name=corner), columns=fx)

    def _repr_html_(self) -> str:
        """HTML in the current language: the ranges (with units), base case and share of the
        grid won as lines, then the grid of the metric."""
        from ..display import block_html
        from ..i18n import get_lang

        lang = get_lang()
        lines = self.summary(lang).split("\n")
        head = [ln for ln in lines[1:] if not ln.startswith("- ")]
        lx, _ = _label_of(self.model, self.x, lang)
        ly, _ = _label_of(self.model, self.y, lang)
        caption = msg("display.grid", metric=label(self.metric, lang), x=lx, y=ly).render(lang)
        return block_html(lines[0], [(caption, self.display_grid(lang))], self.notes_in(lang), head, lang,
                          css="cba-two-way")

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
        raise InputError(msg("analysis.low_high", got=v.show(value)), where=where)
    lo, hi = (v.number(x, f"{where}[{i}]") for i, x in enumerate(value))
    if not lo < hi:
        raise InputError(msg("analysis.low_lt_high", low=f"{lo:g}", high=f"{hi:g}"), where=where)
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
        raise InputError(msg("analysis.same_xy", name=x), where="y")
    target = _target_or_nan(model, metric, base, target)
    if isinstance(n, Sequence) and not isinstance(n, str):
        if len(n) != 2:
            raise InputError(msg("analysis.grid_points", got=repr(n)), where="n")
        nx, ny = (_grid(v) for v in n)
    else:
        nx = ny = _grid(n)
    if nx * ny > 1_000_000:
        raise InputError(msg("analysis.grid_too_large", nx=nx, ny=ny), where="n")
    ev = Evaluator(model, option, scenario=scenario, want=(metric,))
    notes: list[tuple[str, str]] = []      # (English, Chinese)
    ranges = {}
    for name, given, where in ((x, x_range, "x_range"), (y, y_range, "y_range")):
        if given is not None:
            ranges[name] = _range(given, where)
        else:
            rng = plausible_range(model, name, base)
            if rng is None:
                raise InputError(msg("analysis.no_range_axis", name=name, where=where), where=where)
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
                        lab_en, lab_zh = (name_in(model.input_label(s.name, x)[0], s.name, x) for x in ("en", "zh"))
                        notes.append((f"the {lab_en} axis is widened to {_g(lo2)} .. {_g(hi2)} to include "
                                      f"its switching value {_g(r)}",
                                      f"{lab_zh}的坐标轴扩展到 {_g(lo2)} .. {_g(hi2)}，以包含其"
                                      f"{label('switching_value', 'zh')} {_g(r)}"))
                else:
                    lab_en, lab_zh = (name_in(model.input_label(s.name, x)[0], s.name, x) for x in ("en", "zh"))
                    notes.append((f"{lab_en} has no switching value in [{_g(s.lo)}, {_g(s.hi)}]; its axis "
                                  "keeps the plausible range",
                                  f"{lab_zh}在 [{_g(s.lo)}, {_g(s.hi)}] 内没有{label('switching_value', 'zh')}，"
                                  "坐标轴保持其取值区间"))
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
                      f"有 {n_bad} 个网格点无法计算模型，显示为 NaN（第一个：{ev.failures[0]}）"))
    return TwoWay(model=model, option=option, metric=metric, target=target, x=x, y=y, x_values=xv,
                  y_values=yv, values=res[:-1].reshape(ny, nx), base_x=float(base[x]), base_y=float(base[y]),
                  base_metric=float(res[-1]), x_plausible=plausible_range(model, x, base),
                  y_plausible=plausible_range(model, y, base), scenario=scenario, calls=ev.calls,
                  draws=ev.draws, notes=tuple(n[0] for n in notes), notes_zh=tuple(n[1] for n in notes))
