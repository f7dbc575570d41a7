"""Break-even values and switching values, solved on the vectorised model.

A *break-even value* of a parameter is the value at which an option's metric
(incremental NPV against the baseline by default) equals a target, every other
input held at its base value. A *switching value* is the break-even value of
NPV = 0: how far a cost must rise, or a benefit fall, before the decision flips
(HM Treasury Green Book; ADB; EU cohesion CBA guide).

How the search works (no loop of appraisals per candidate): the metric is
evaluated for a whole batch of candidate values in ONE call of the model
(:func:`cba.evaluate.resolve_inputs` with arrays of draws). A scan over the
search range finds every sign change of ``metric - target``; all brackets are
then narrowed together, each round one batched call with, per bracket, seven
equally spaced points and a false-position estimate with two points either side.
Smooth crossings converge in a few rounds (a linear model in one), steps of the
model (``floor``, ``where``) at one bracket-eighth per round.

Examples are in :func:`breakeven` (cost-volume-profit) and :func:`switching_values`.

Notes and descriptions are kept in English (``notes``) and Chinese (``notes_zh``);
``notes_in(lang)`` and the ``lang`` arguments choose one; warnings are English.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import EvaluationError, InputError, MultipleSolutionsWarning, NoSolutionWarning
from ..i18n import Bilingual
from ..model.model import Model

__all__ = ["BreakEven", "breakeven", "switching_values", "search_bounds", "DISCOUNT_RATE"]

#: name under which the discount rate is searched and reported
DISCOUNT_RATE = "discount_rate"
#: how far (in widths of the plausible range) the default search extends beyond it on each side
WIDEN = 10.0
#: upper end of the default search for a switching discount rate (1000%): an IRR may exceed 100%
RATE_MAX = 10.0
#: scan points over the whole search range, and inside the plausible range
GRID, INNER = 41, 21
_RTOL = 1e-11          # bracket width at which a crossing counts as found, relative to the range
_FTOL = 1e-12          # |metric - target| counted as zero, relative to the numbers it is computed from
_JUMP = 1e-4           # a converged bracket whose ends keep this share of their first |f| spans a step
_MAX_ROUNDS = 80
_LOWER_IS_BETTER = ("pv_costs", "payback", "discounted_payback", "breakeven_year")


# ----------------------------------------------------------------------------- helpers
def _unknown(name: str, known: Sequence[str], what: str = "parameter") -> str:
    from ..checks import unknown_name

    return unknown_name(name, list(known), what)


def resolve_option(model: Model, option: str | None) -> str:
    """The option whose results are searched: ``option``, or the only alternative."""
    return model.resolve_option(option)


def resolve_metric(metric: str) -> str:
    from .appraise import METRICS

    if metric not in METRICS:
        raise InputError(f"expected one of {', '.join(METRICS)}; got {metric!r}", where="metric")
    return metric


def higher_is_better(metric: str) -> bool:
    """True for NPV, BCR, IRR and PV of benefits; False for costs, payback and break-even year."""
    return metric not in _LOWER_IS_BETTER


def base_values(model: Model, scenario: str | None = None) -> dict[str, Any]:
    """Base value of every parameter (and the discount schedule), with ``scenario`` applied."""
    vals: dict[str, Any] = {k: p.value for k, p in model.parameters.items()}
    vals[DISCOUNT_RATE] = model.discount_rate
    if scenario is not None:
        if scenario not in model.scenarios:
            raise InputError(_unknown(scenario, list(model.scenarios), "scenario"), where="scenario")
        vals.update(model.scenarios[scenario])
    return vals


def searchable(model: Model) -> tuple[str, ...]:
    """Names a break-even can be searched for: every parameter, and the discount rate."""
    return tuple(model.parameters) + (DISCOUNT_RATE,)


def check_parameter(model: Model, name: str, where: str = "parameter", base: Mapping[str, Any] | None = None) -> str:
    """``name`` if it is a parameter or ``discount_rate`` (with a single rate), else InputError."""
    if not isinstance(name, str) or name not in searchable(model):
        raise InputError(_unknown(str(name), searchable(model)), where=where)
    if name == DISCOUNT_RATE:
        rate = (base or {}).get(DISCOUNT_RATE, model.discount_rate)
        if not isinstance(rate, float):
            raise InputError(f"the model discounts with a schedule ({model.describe_rate()}), not one "
                             "rate; a switching discount rate needs a single rate", where=where)
    return name


def default_target(model: Model, metric: str, base: Mapping[str, Any]) -> float:
    """0 for NPV, 1 for BCR, the discount rate for IRR; other metrics need an explicit target."""
    if metric == "npv":
        return 0.0
    if metric == "bcr":
        return 1.0
    if metric == "irr" and isinstance(base.get(DISCOUNT_RATE), float):
        return float(base[DISCOUNT_RATE])
    raise InputError(f"there is no natural break-even level for {metric!r}; give one with target= "
                     "(--target on the command line)", where="target")


def plausible_range(model: Model, name: str, base: Mapping[str, Any]) -> tuple[float, float] | None:
    """The declared low/high of ``name`` (widened to include its base value), or None."""
    if name == DISCOUNT_RATE:
        rng = model.discount_range
    else:
        p = model.parameters[name]
        rng = (p.low, p.high) if p.has_range else None
    if rng is None:
        return None
    b = float(base[name])
    return (min(rng[0], b), max(rng[1], b))


def search_bounds(model: Model, name: str, *, scenario: str | None = None) -> tuple[float, float]:
    """The default range a break-even of ``name`` is searched in.

    * the discount rate: 0 to ``RATE_MAX`` (10, i.e. 1000%: a switching rate is the IRR, which
      may exceed 100%), from its declared low or base value instead when that is negative;
    * a parameter with a range ``low..high``: ``WIDEN`` (10) widths of the range beyond each end,
      ``low - 10 (high - low)`` to ``high + 10 (high - low)``, but not below 0 when ``low >= 0``
      (a quantity declared non-negative is not searched at negative values);
    * a parameter without a range: ``value - 10 |value|`` to ``value + 10 |value|`` (not below 0
      when the value is positive), or -10 to 10 when the value is 0.

    Examples
    --------
    >>> import cba
    >>> from pathlib import Path
    >>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
    >>> search_bounds(m, "kiosk_price")          # range 3-20: 3 - 170 -> 0, 20 + 170
    (0.0, 190.0)
    >>> search_bounds(m, "discount_rate")
    (0.0, 10.0)
    """
    base = base_values(model, scenario)
    check_parameter(model, name, base=base)
    if name == DISCOUNT_RATE:
        low = (model.discount_range or (0.0, RATE_MAX))[0]
        return (min(0.0, float(low), float(base[name])), RATE_MAX)
    rng = plausible_range(model, name, base)
    if rng is not None:
        low, high = rng
        span = high - low
        lo, hi = low - WIDEN * span, high + WIDEN * span
        if low >= 0:
            lo = max(lo, 0.0)
        return (float(lo), float(hi))
    v = float(base[name])
    if v == 0:
        return (-WIDEN, WIDEN)
    lo, hi = v - WIDEN * abs(v), v + WIDEN * abs(v)
    return (max(lo, 0.0) if v > 0 else lo, hi)


def _g(x: float) -> str:
    return f"{x:.6g}"


# ----------------------------------------------------------------------------- batched evaluation
class Evaluator:
    """Evaluate an option's metrics on batches of inputs through the one evaluation path.

    Each call is one :func:`~cba.evaluate.resolve_inputs` -> :func:`~cba.evaluate.cash_flows`
    -> :func:`~cba.appraise.appraise_flows` run on arrays of ``n`` draws. ``calls`` and ``draws``
    count what was evaluated (the benchmark reports them).
    """

    def __init__(self, model: Model, option: str, *, scenario: str | None = None,
                 want: Sequence[str] | None = None):
        self.model = model
        self.option = option
        self.scenario = scenario
        self.base = base_values(model, scenario)
        self.calls = 0
        self.draws = 0
        self.failures: list[str] = []
        self._base_ok = False      # the base case was evaluated on its own (check_base) and succeeded
        #: metrics to compute (None: all); searches on NPV/BCR skip the IRR and paybacks
        self.want: tuple[str, ...] | None = None if want is None else tuple(want)

    def _run(self, columns: Mapping[str, np.ndarray], n: int, fixed: Mapping[str, Any]) -> dict[str, np.ndarray]:
        from .appraise import appraise_flows
        from ..model.evaluate import cash_flows, resolve_inputs

        self.calls += 1
        self.draws += n
        overrides: dict[str, Any] = {k: np.asarray(v, dtype=float) for k, v in columns.items()}
        if n == 1:  # arrays of one draw: plain numbers (a one-element rate array is a schedule of shape (1,))
            overrides = {k: float(v[0]) for k, v in overrides.items()}
        overrides.update(fixed)
        # percent_check=False: searched discount rates may exceed 100% (an IRR can)
        inputs = resolve_inputs(self.model, overrides, scenario=self.scenario, percent_check=False)
        flows = cash_flows(self.model, inputs)
        appr = appraise_flows(self.model, inputs, flows, metrics=self.want, standalone=False)
        res = appr.incremental if self.model.baseline is not None else appr.standalone
        return {k: np.broadcast_to(np.asarray(v, dtype=float), (n,)) for k, v in res[self.option].items()}

    def metrics(self, columns: Mapping[str, np.ndarray], n: int,
                fixed: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
        """All metrics for ``n`` draws; ``columns`` maps names to ``(n,)`` arrays (others at base).

        ``fixed`` holds overrides shared by every draw (e.g. a discount schedule).

        Draws at which the model cannot be evaluated (a formula gives inf or NaN) are isolated
        by splitting the batch and come back as NaN; ``failures`` records the messages.
        """
        fixed = fixed or {}
        try:
            return self._run(columns, n, fixed)
        except EvaluationError as err:
            if n == 1:
                shown = ", ".join(f"{k}={_g(float(v[0]))}" for k, v in columns.items())
                self.failures.append(f"{shown}: {err}")
                from .appraise import METRICS

                return {k: np.full(1, np.nan) for k in METRICS}
            half = n // 2
            a = self.metrics({k: v[:half] for k, v in columns.items()}, half, fixed)
            b = self.metrics({k: v[half:] for k, v in columns.items()}, n - half, fixed)
            return {k: np.concatenate([a[k], b[k]]) for k in a}

    def check_base(self, base_metric: float, fixed: Mapping[str, Any] | None = None) -> None:
        """Raise the model's :class:`~cba.errors.EvaluationError` (naming the file and the flow)
        when the base case could not be evaluated: results relative to it would be meaningless.

        Free when ``base_metric`` is a number; otherwise one more evaluation of the base case
        tells a failing model from a metric that merely does not exist (an IRR, say)."""
        if math.isnan(base_metric) and self.failures and not self._base_ok:
            self._run({}, 1, fixed or {})
            self._base_ok = True

    def one_at_a_time(self, names: Sequence[str], values: np.ndarray) -> dict[str, np.ndarray]:
        """Metrics when draw ``i`` sets ``names[i]`` to ``values[i]`` and holds the rest at base."""
        values = np.asarray(values, dtype=float)
        n = len(values)
        where: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            where.setdefault(name, []).append(i)
        columns = {}
        for name, idx in where.items():
            col = np.full(n, float(self.base[name]))
            col[idx] = values[idx]
            columns[name] = col
        return self.metrics(columns, n)


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class BreakEven(Bilingual):
    """Result of a break-even search (``breakeven(..., full_output=True)``).

    Attributes
    ----------
    parameter, option, metric : str
    target : float
        The level of the metric searched for.
    base : float
        Base value of the parameter; ``base_metric`` the metric there.
    value : float
        The break-even value nearest the base value; NaN when there is none in ``bounds``.
    roots : tuple of float
        Every break-even value found in ``bounds``, ascending.
    steps : tuple of float
        Those roots at which the metric jumps across the target (a step in the model, e.g.
        ``floor``) instead of passing through it.
    bounds : tuple of float
        The range searched.
    metric_range : tuple of float
        Lowest and highest metric seen over the scan of ``bounds``.
    calls, draws : int
        Batched model evaluations made and the number of draws they held.
    notes, notes_zh : tuple of str
        Remarks on the search (steps, values where the model is undefined), in English and
        Chinese; :meth:`notes_in` picks one.
    """

    parameter: str
    option: str
    metric: str
    target: float
    base: float
    base_metric: float
    value: float
    roots: tuple[float, ...]
    steps: tuple[float, ...]
    bounds: tuple[float, float]
    metric_range: tuple[float, float]
    calls: int = 0
    draws: int = 0
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()
    scan: tuple[np.ndarray, np.ndarray] = field(default=(np.empty(0), np.empty(0)), repr=False, compare=False)

    @property
    def found(self) -> bool:
        return not math.isnan(self.value)

    @property
    def change(self) -> float:
        """Fractional change from the base value: ``(value - base) / |base|`` (NaN if base is 0)."""
        if self.base == 0 or not self.found:
            return math.nan
        return (self.value - self.base) / abs(self.base)

    def describe(self, lang: str = "en") -> str:
        """One sentence: the break-even value, or why there is none (``lang``: "en" or "zh")."""
        from ..i18n import check_lang, label

        zh = check_lang(lang) == "zh"
        m = label(self.metric, "zh") if zh else self.metric
        who = f"{self.option} {m}"
        rng = f"[{_g(self.bounds[0])}, {_g(self.bounds[1])}]"
        t, p = _g(self.target), self.parameter
        if not self.found:
            lo, hi = self.metric_range
            if math.isnan(lo):
                why = (f"{m}在整个区间内都无法计算" if zh else f"the {m} is undefined over the whole range")
            elif hi - lo <= 1e-12 * max(abs(lo), abs(hi), 1.0):
                why = (f"{m}不随 {p} 变化(始终为 {_g(lo)})" if zh else
                       f"the {m} does not change with {p} (it stays at {_g(lo)})")
            elif zh:
                why = f"{m}始终在 {_g(lo)} 与 {_g(hi)} 之间,{'高于' if lo > self.target else '低于'}目标值 {t}"
            else:
                side = "above" if lo > self.target else "below"
                why = f"it stays between {_g(lo)} and {_g(hi)}, {side} the target {t}"
            if zh:
                return f"{p} 在 {rng} 内没有使 {who}等于 {t} 的取值:{why}"
            return f"no value of {p} in {rng} makes {who} equal {t}: {why}"
        roots = ", ".join(_g(r) for r in self.roots)
        if zh:
            text = f"{p} = {_g(self.value)} 时 {who}等于 {t}"
            if len(self.roots) > 1:
                text += (f";在 {rng} 内共有 {len(self.roots)} 个取值使其等于目标值({roots}),"
                         f"返回最接近基准值 {_g(self.base)} 的一个")
            return text
        text = f"{who} equals {t} at {p} = {_g(self.value)}"
        if len(self.roots) > 1:
            text += (f"; it equals the target at {len(self.roots)} values in {rng} "
                     f"({roots}); the one nearest the base value {_g(self.base)} is returned")
        return text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (NaN becomes None)."""
        def num(x: float) -> float | None:
            return None if x is None or not math.isfinite(x) else float(x)

        return {"parameter": self.parameter, "option": self.option, "metric": self.metric,
                "target": self.target, "base": num(self.base), "base_metric": num(self.base_metric),
                "value": num(self.value), "change": num(self.change), "found": self.found,
                "roots": [num(r) for r in self.roots], "steps": [num(r) for r in self.steps],
                "bounds": [num(b) for b in self.bounds],
                "metric_range": [num(x) for x in self.metric_range],
                "calls": self.calls, "draws": self.draws, "notes": list(self.notes),
                "notes_zh": list(self.notes_zh)}


# ----------------------------------------------------------------------------- the solver
@dataclass
class _Spec:
    name: str
    lo: float
    hi: float
    base: float
    plausible: tuple[float, float] | None
    extra: tuple[float, ...] = ()
    xs: np.ndarray = field(default_factory=lambda: np.empty(0))
    fs: np.ndarray = field(default_factory=lambda: np.empty(0))
    ms: dict = field(default_factory=dict)
    roots: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    notes: list = field(default_factory=list)      # (English, Chinese) pairs


def _scan_points(s: _Spec, grid: int) -> np.ndarray:
    pts = [np.linspace(s.lo, s.hi, grid)]
    if s.name == DISCOUNT_RATE and s.lo < 1 < s.hi:   # rates up to 100% as closely as over [0, 1]
        pts.append(np.linspace(s.lo, 1.0, grid))
    if s.plausible is not None:
        a, b = max(s.plausible[0], s.lo), min(s.plausible[1], s.hi)
        if a < b:
            pts.append(np.linspace(a, b, INNER))
    extra = [x for x in (s.base, *s.extra) if s.lo <= x <= s.hi]
    pts.append(np.asarray(extra, dtype=float))
    return np.unique(np.concatenate(pts))


def _scale(ms: Mapping[str, np.ndarray], metric: str, target: float) -> np.ndarray:
    """Size of the numbers a metric is computed from, for telling zero from rounding noise."""
    sc = np.abs(ms[metric]) + abs(target)
    if metric in ("npv", "pv_costs", "pv_benefits"):
        sc = sc + np.abs(ms["pv_costs"]) + np.abs(ms["pv_benefits"])
    return np.where(np.isfinite(sc) & (sc > 0), sc, 1.0)


def _solve(ev: Evaluator, specs: list[_Spec], metric: str, target: float, grid: int) -> None:
    """Find every crossing of ``metric == target`` for each spec; results stored on the specs."""
    # 1. scan: every spec's grid in one batched call
    xs_all = [_scan_points(s, grid) for s in specs]
    names = [s.name for s, xs in zip(specs, xs_all) for _ in xs]
    res = ev.one_at_a_time(names, np.concatenate(xs_all))
    start = 0
    brackets: list[tuple] = []   # (spec, a, b, fa, fb, scale_a, scale_b, |f| at the scan's bracket)
    for i, (s, xs) in enumerate(zip(specs, xs_all)):
        sl = slice(start, start + len(xs))
        start += len(xs)
        s.xs = xs
        s.ms = {k: v[sl].copy() for k, v in res.items()}
        s.fs = s.ms[metric] - target
        brackets += [(i, *b, max(abs(b[2]), abs(b[3]))) for b in _crossings(s, xs, s.fs, _scale(s.ms, metric, target))]
    # 2. refine all brackets together, one batched call per round
    prev: dict[int, float] = {}
    for _ in range(_MAX_ROUNDS):
        if not brackets:
            break
        pts = []
        for j, (i, a, b, fa, fb, *_rest) in enumerate(brackets):
            w = b - a
            xs_ = a - fa * w / (fb - fa)
            xs_ = min(max(xs_, a + w * 1e-9), b - w * 1e-9)
            d = max(w * 1e-3 if j not in prev else 4 * abs(xs_ - prev[j]), w * 1e-9)
            cand = np.concatenate([a + w * np.arange(1, 8) / 8, [xs_ - d, xs_, xs_ + d]])
            pts.append(np.unique(cand[(cand > a) & (cand < b)]))
        names = [specs[br[0]].name for br, c in zip(brackets, pts) for _ in c]
        out = ev.one_at_a_time(names, np.concatenate(pts))
        fvals, svals = out[metric] - target, _scale(out, metric, target)
        new: list[tuple] = []
        new_prev: dict[int, float] = {}
        start = 0
        for (i, a, b, fa, fb, sa, sb, f0), cand in zip(brackets, pts):
            s = specs[i]
            sl = slice(start, start + len(cand))
            start += len(cand)
            xx = np.concatenate([[a], cand, [b]])
            ff = np.concatenate([[fa], fvals[sl], [fb]])
            ss = np.concatenate([[sa], svals[sl], [sb]])
            for br in _crossings(s, xx, ff, ss):
                a2, b2, fa2, fb2 = br[:4]
                if b2 - a2 <= _RTOL * max(s.hi - s.lo, abs(a2), abs(b2)):
                    _finish(s, *br[:4], f0)
                else:
                    new_prev[len(new)] = a2 - fa2 * (b2 - a2) / (fb2 - fa2)
                    new.append((i, *br, f0))
        brackets, prev = new, new_prev
    else:  # pragma: no cover - every round shrinks a bracket 8-fold at least
        for i, *br in brackets:
            near = _g((br[0] + br[1]) / 2)
            specs[i].notes.append((f"the search stopped after {_MAX_ROUNDS} rounds near {near}",
                                   f"搜索在 {_MAX_ROUNDS} 轮后停止于 {near} 附近"))
            _finish(specs[i], *br[:4], br[-1])
    for s in specs:
        s.roots = _dedupe(sorted(s.roots), s)
        s.steps = [r for r in _dedupe(sorted(s.steps), s) if any(abs(r - q) <= _tol(s, r) for q in s.roots)]


def _tol(s: _Spec, x: float) -> float:
    return 10 * _RTOL * max(s.hi - s.lo, abs(x))


def _dedupe(xs: list[float], s: _Spec) -> list[float]:
    out: list[float] = []
    for x in xs:
        if not out or abs(x - out[-1]) > _tol(s, x):
            out.append(x)
    return out


def _crossings(s: _Spec, xs: np.ndarray, fs: np.ndarray, sc: np.ndarray) -> list[tuple]:
    """Record zeros on ``s`` and return brackets ``(a, b, fa, fb, scale_a, scale_b)`` with a sign change.

    Points where the metric is NaN are skipped (a bracket may span them); a point whose
    ``|metric - target|`` is within rounding of the numbers it is computed from is a root.
    """
    ok = np.isfinite(fs)
    x, f, c = xs[ok], fs[ok], sc[ok]
    zero = np.abs(f) <= _FTOL * c
    s.roots.extend(float(r) for r in x[zero])
    out = []
    for k in range(len(x) - 1):
        if not (zero[k] or zero[k + 1]) and (f[k] < 0) != (f[k + 1] < 0):
            out.append((float(x[k]), float(x[k + 1]), float(f[k]), float(f[k + 1]), float(c[k]), float(c[k + 1])))
    return out


def _shortest(a: float, b: float) -> float:
    """The number with the fewest decimals in ``[a, b]`` (a step at 5 is reported as 5.0)."""
    mid = (a + b) / 2
    for digits in range(-6, 18):
        r = round(mid, digits)
        if a <= r <= b:
            return float(r)
    return mid


def _finish(s: _Spec, a: float, b: float, fa: float, fb: float, f0: float) -> None:
    """Record the root of a converged bracket; a discontinuity when ``|f|`` did not shrink with it.

    Across a continuous crossing ``|f|`` at the ends falls in proportion to the bracket width
    (by ~1e-10 from the scan to convergence); across a step or a pole it stays of the order of
    ``f0``, its size at the scan.
    """
    if min(abs(fa), abs(fb)) > _JUMP * f0:
        r = _shortest(a, b)
        s.steps.append(r)
    else:
        r = min(max(a - fa * (b - a) / (fb - fa), a), b)
    s.roots.append(float(r))


def _spec(model: Model, name: str, base: Mapping[str, Any], bounds: Any, scenario: str | None,
          extra: tuple[float, ...] = ()) -> _Spec:
    if bounds is None:
        lo, hi = search_bounds(model, name, scenario=scenario)
    else:
        from .. import checks as v

        if isinstance(bounds, (str, bytes)) or not isinstance(bounds, Sequence) or len(bounds) != 2:
            raise InputError(f"expected (low, high), got {v.show(bounds)}", where="bounds")
        lo, hi = (v.number(b, f"bounds[{i}]") for i, b in enumerate(bounds))
        if not lo < hi:
            raise InputError(f"expected low < high, got ({_g(lo)}, {_g(hi)})", where="bounds")
        if name == DISCOUNT_RATE and lo <= -1:
            raise InputError(f"discount rates must be greater than -1 (-100%), got {_g(lo)}", where="bounds")
    return _Spec(name=name, lo=float(lo), hi=float(hi), base=float(base[name]),
                 plausible=plausible_range(model, name, base), extra=extra)


def _result(s: _Spec, ev: Evaluator, metric: str, target: float, option: str, calls: int, draws: int) -> BreakEven:
    roots = tuple(float(r) for r in s.roots)
    value = min(roots, key=lambda r: (abs(r - s.base), r)) if roots else math.nan
    fin = np.isfinite(s.ms[metric])
    mr = (float(s.ms[metric][fin].min()), float(s.ms[metric][fin].max())) if fin.any() else (math.nan, math.nan)
    at_base = s.ms[metric][np.flatnonzero(s.xs == s.base)] if (s.lo <= s.base <= s.hi) else np.empty(0)
    if at_base.size:
        base_metric = float(at_base[0])
    else:  # base outside the searched range: one more draw
        base_metric = float(ev.one_at_a_time([s.name], [s.base])[metric][0])
    from ..i18n import label

    notes = list(s.notes)
    mz = label(metric, "zh")
    for r in s.steps:
        notes.append((f"the {metric} jumps across {_g(target)} at {s.name} = {_g(r)} (a discontinuity of "
                      "the model, e.g. a step) instead of passing through it",
                      f"{mz}在 {s.name} = {_g(r)} 处跳跃越过 {_g(target)}(模型的间断点,如阶梯),"
                      "而不是连续经过该值"))
    failed = np.isnan(s.ms[metric]).sum()
    if failed:
        bad = _g(float(s.xs[np.isnan(s.ms[metric])][0]))
        notes.append((f"the {metric} is undefined at {failed} of {len(s.xs)} scanned values of {s.name} "
                      f"(e.g. {bad}); they were skipped",
                      f"{s.name} 的 {len(s.xs)} 个扫描值中有 {failed} 个无法计算{mz}(如 {bad}),已跳过"))
    return BreakEven(parameter=s.name, option=option, metric=metric, target=float(target), base=s.base,
                     base_metric=base_metric, value=float(value), roots=roots, steps=tuple(s.steps),
                     bounds=(s.lo, s.hi), metric_range=mr, calls=calls, draws=draws,
                     notes=tuple(n[0] for n in notes), notes_zh=tuple(n[1] for n in notes),
                     scan=(s.xs, s.ms[metric]))


# ----------------------------------------------------------------------------- public functions
def breakeven(model: Model, parameter: str, *, option: str | None = None, metric: str = "npv",
              target: float | None = None, bounds: tuple[float, float] | None = None,
              scenario: str | None = None, grid: int = GRID, full_output: bool = False) -> float | BreakEven:
    """The value of ``parameter`` at which an option's ``metric`` equals ``target``.

    Every other input is held at its base value (or at ``scenario``'s). With a baseline the
    metric is the option's increment over it (as in :func:`cba.appraise`).

    Parameters
    ----------
    model : Model
    parameter : str
        A parameter name, or ``"discount_rate"`` for the switching discount rate.
    option : str, optional
        The option; may be left out when the model has one option to appraise.
    metric : str, default "npv"
        Any appraisal column: npv, bcr, irr, pv_costs, pv_benefits, payback, ...
    target : float, optional
        Level of the metric to reach. Default: 0 for NPV, 1 for BCR, the discount rate for
        IRR; other metrics need it.
    bounds : (float, float), optional
        Range searched. Default :func:`search_bounds`: ten widths of the parameter's plausible
        range beyond each end of it (not below 0 for a quantity declared non-negative), and
        0 to 1 for the discount rate.
    scenario : str, optional
        Hold the other inputs at this named scenario instead of the base case.
    grid : int, default 41
        Scan points over ``bounds`` (21 more fall inside the plausible range). Two crossings
        closer together than the scan spacing can be missed; raise ``grid`` to look closer.
    full_output : bool, default False
        Return a :class:`BreakEven` with every root, the range and notes instead of a float.

    Returns
    -------
    float or BreakEven
        The break-even value nearest the base value. When the metric equals the target at
        several values a :class:`~cba.errors.MultipleSolutionsWarning` lists them all; when it
        does not reach the target in ``bounds`` the result is NaN and a
        :class:`~cba.errors.NoSolutionWarning` states the range searched and where the metric
        stayed.

    Raises
    ------
    InputError
        Unknown parameter (the message lists the known ones), option or metric; bad bounds.
    EvaluationError
        The model cannot be evaluated at the base case (e.g. a formula divides by zero there);
        values elsewhere in ``bounds`` where it fails are skipped and noted instead.

    Notes
    -----
    Solves :math:`m(x) - \\text{target} = 0` where :math:`m(x)` is the metric with the
    parameter set to :math:`x`. The scan evaluates :math:`m` at ``grid`` points in one
    batched call and brackets every sign change; each refinement round evaluates, per bracket
    :math:`[a, b]`, the points :math:`a + k(b - a)/8` (k = 1..7) and the false-position point
    :math:`x_s = a - f_a (b - a)/(f_b - f_a)` with :math:`x_s \\pm d`, again in one call, and
    keeps every sub-interval with a sign change. A linear metric is solved exactly in one
    round. Where the model has a step (``floor``, ``where``) the returned value is the step's
    location, and ``full_output`` lists it in ``steps``. For a conventional project (one sign
    change of the net flow) the switching discount rate is the IRR.

    Examples
    --------
    Cost-volume-profit (Garrison, Noreen & Brewer, *Managerial Accounting*, Acoustic Concepts):
    price 250, variable cost 150, fixed costs 35,000 a month.

    >>> import cba
    >>> m = cba.load_model({"name": "cvp", "horizon": 1, "discount_rate": 0.0,
    ...     "parameters": {"units": {"value": 400, "low": 300, "high": 500},
    ...                    "price": 250, "unit_cost": 150, "fixed": 35000},
    ...     "options": {"sell": {"flows": [
    ...         {"name": "sales", "kind": "benefit", "amount": "units * price", "at": 1},
    ...         {"name": "variable", "kind": "cost", "amount": "units * unit_cost", "at": 1},
    ...         {"name": "fixed", "kind": "cost", "amount": "fixed", "at": 1}]}}})
    >>> round(breakeven(m, "units"), 6)
    350.0
    >>> round(breakeven(m, "units", target=40000), 6)      # target profit of 40,000
    750.0
    >>> round(breakeven(m, "price"), 6)                    # at 400 units: 150 + 35,000 / 400
    237.5
    """
    be = _breakeven(model, parameter, option=option, metric=metric, target=target, bounds=bounds,
                    scenario=scenario, grid=grid)
    if not be.found:
        warnings.warn(f"breakeven: {be.describe()}; NaN returned"
                      + "".join(f"; {n}" for n in be.notes if "undefined" in n), NoSolutionWarning, stacklevel=2)
    elif len(be.roots) > 1:
        warnings.warn(f"breakeven: {be.describe()}", MultipleSolutionsWarning, stacklevel=2)
    return be if full_output else be.value


def _breakeven(model: Model, parameter: str, *, option: str | None, metric: str, target: float | None,
               bounds: Any, scenario: str | None, grid: int) -> BreakEven:
    option = resolve_option(model, option)
    metric = resolve_metric(metric)
    base = base_values(model, scenario)
    check_parameter(model, parameter, base=base)
    target = default_target(model, metric, base) if target is None else _number(target, "target")
    grid = _grid(grid)
    ev = Evaluator(model, option, scenario=scenario, want=(metric,))
    spec = _spec(model, parameter, base, bounds, scenario)
    _solve(ev, [spec], metric, target, grid)
    be = _result(spec, ev, metric, target, option, ev.calls, ev.draws)
    ev.check_base(be.base_metric)
    return be


def _number(x: Any, where: str) -> float:
    from .. import checks as v

    return v.number(x, where)


def _grid(grid: Any) -> int:
    from .. import checks as v

    g = v.integer(grid, "grid", minimum=3)
    if g > 100_000:
        raise InputError(f"expected at most 100000 scan points, got {g}", where="grid")
    return g


def switching_values(model: Model, option: str | None = None, *, parameters: Sequence[str] | None = None,
                     metric: str = "npv", target: float | None = None, scenario: str | None = None,
                     max_change: float | None = 0.10, min_elasticity: float | None = 1.0,
                     in_range: bool = True, grid: int = GRID, lang: str | None = None):
    """Switching values of every uncertain input: how far each must move to flip the decision.

    One row per parameter with a range (``model.uncertain``), plus the discount rate when the
    model gives it a range; all searches share the same batched evaluations.

    Parameters
    ----------
    model : Model
    option : str, optional
        The option; may be left out when the model has one option to appraise.
    parameters : sequence of str, optional
        Rows to compute instead of the uncertain parameters (any parameter, ``discount_rate``).
    metric, target, scenario, grid
        As in :func:`breakeven` (default: NPV = 0).
    max_change : float or None, default 0.10
        Critical when the switching value is within this fractional change of the base value.
    min_elasticity : float or None, default 1.0
        Critical when ``|elasticity| >= min_elasticity`` (the EU cohesion CBA guide's rule: a
        1% change in the variable moves the NPV by at least 1%).
    in_range : bool, default True
        Critical when the switching value lies inside the parameter's plausible low/high range.
    lang : {"zh", "en"}, optional
        Translate column headers for display; default: the machine-readable names below.

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter, with columns ``label``, ``unit``, ``base``, ``low``, ``high``,
        ``switching_value`` (the break-even nearest the base, NaN if none in the searched
        range), ``change`` (``(switching_value - base) / |base|``), ``elasticity``,
        ``within_range``, ``critical``, ``search_low``, ``search_high``, ``n_solutions``, ``note``
        (English) and ``note_zh`` (the same in Chinese). Rows without a break-even raise one
        :class:`~cba.errors.NoSolutionWarning`, rows with several one
        :class:`~cba.errors.MultipleSolutionsWarning` (per call).

    Notes
    -----
    Elasticity is the EU guide's: the percentage change of the metric for a +1% change of the
    input, :math:`E = \\frac{m(1.01\\,x_0) - m(x_0)}{|m(x_0)|} / 0.01` (NaN when the base
    value or the metric at base is 0). For a metric linear in the input,
    :math:`|E| = 1 / |\\text{change}|`.

    Examples
    --------
    >>> import cba, warnings
    >>> m = cba.load_model({"name": "it", "horizon": 10, "discount_rate": 0.035,
    ...     "parameters": {"staff": {"value": 15, "low": 10, "high": 18}, "pay": 10000,
    ...                    "capex": {"value": 1e6, "low": 0.9e6, "high": 1.3e6}},
    ...     "options": {"it": {"flows": [
    ...         {"name": "system", "kind": "cost", "amount": "capex", "at": 0},
    ...         {"name": "savings", "kind": "benefit", "amount": "staff * pay"}]}}})
    >>> sv = switching_values(m)
    >>> sv["switching_value"].round(2).to_dict()     # staff: 1e6 / (10,000 x annuity(3.5%, 10))
    {'staff': 12.02, 'capex': 1247490.8}
    >>> sv["change"].round(4).to_dict()
    {'staff': -0.1984, 'capex': 0.2475}
    >>> sv[["elasticity", "within_range", "critical"]].round(2)
               elasticity  within_range  critical
    parameter
    staff            5.04          True      True
    capex           -4.04          True      True
    """
    import pandas as pd

    option = resolve_option(model, option)
    metric = resolve_metric(metric)
    base = base_values(model, scenario)
    target = default_target(model, metric, base) if target is None else _number(target, "target")
    grid = _grid(grid)
    if parameters is None:
        names = list(model.uncertain)
        if model.discount_range is not None and isinstance(base[DISCOUNT_RATE], float):
            names.append(DISCOUNT_RATE)
    else:
        if isinstance(parameters, str):
            parameters = [parameters]
        names = [check_parameter(model, p, where="parameters", base=base) for p in parameters]
    ev = Evaluator(model, option, scenario=scenario, want=(metric,))
    specs = [_spec(model, n, base, None, scenario, extra=(1.01 * float(base[n]),)) for n in names]
    if specs:
        _solve(ev, specs, metric, target, grid)
    rows = {}
    none, several = [], []
    for s in specs:
        be = _result(s, ev, metric, target, option, ev.calls, ev.draws)
        ev.check_base(be.base_metric)
        m0 = be.base_metric
        up = s.ms[metric][np.flatnonzero(s.xs == 1.01 * s.base)]
        if s.base != 0 and m0 != 0 and up.size and math.isfinite(m0):
            elasticity = float((up[0] - m0) / abs(m0) / 0.01)
        else:
            elasticity = math.nan
        pl = s.plausible
        within = bool(be.found and pl is not None and pl[0] <= be.value <= pl[1])
        change = be.change
        crit = False
        if max_change is not None and math.isfinite(change) and abs(change) <= max_change:
            crit = True
        if min_elasticity is not None and math.isfinite(elasticity) and abs(elasticity) >= min_elasticity:
            crit = True
        if in_range and within:
            crit = True
        if s.name == DISCOUNT_RATE:
            from ..i18n import label as _label

            lab, unit = _label(DISCOUNT_RATE, lang or "zh"), ""
        else:
            p = model.parameters[s.name]
            lab, unit = p.label, p.unit
        notes, notes_zh = list(be.notes), list(be.notes_zh)
        if not be.found:
            notes.insert(0, be.describe())
            notes_zh.insert(0, be.describe("zh"))
            none.append(s.name)
        elif len(be.roots) > 1:
            roots = ", ".join(_g(r) for r in be.roots)
            notes.insert(0, f"{len(be.roots)} break-evens ({roots}); the one nearest the base is shown")
            notes_zh.insert(0, f"共有 {len(be.roots)} 个临界值({roots}),显示最接近基准值的一个")
            several.append(f"{s.name} ({roots})")
        rows[s.name] = {"label": lab, "unit": unit, "base": s.base,
                        "low": pl[0] if pl else math.nan, "high": pl[1] if pl else math.nan,
                        "switching_value": be.value, "change": change, "elasticity": elasticity,
                        "within_range": within, "critical": crit, "search_low": s.lo, "search_high": s.hi,
                        "n_solutions": len(be.roots), "note": "; ".join(notes), "note_zh": ";".join(notes_zh)}
    cols = ["label", "unit", "base", "low", "high", "switching_value", "change", "elasticity",
            "within_range", "critical", "search_low", "search_high", "n_solutions", "note", "note_zh"]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=cols) if rows else pd.DataFrame(columns=cols)
    frame.index.name = "parameter"
    frame.attrs.update({"option": option, "metric": metric, "target": target, "calls": ev.calls,
                        "draws": ev.draws})
    who = f"{option} {metric} = {_g(target)}"
    if none:
        warnings.warn(f"switching_values: no break-even ({who}) within the searched range for "
                      f"{', '.join(none)}; their switching_value is NaN (the note column gives the "
                      "range searched and where the metric stayed)", NoSolutionWarning, stacklevel=2)
    if several:
        warnings.warn(f"switching_values: several break-evens ({who}) for {'; '.join(several)}; "
                      "the one nearest the base value is shown", MultipleSolutionsWarning, stacklevel=2)
    if lang is not None:
        frame = translate_switching(frame, lang)
    return frame


def translate_switching(frame, lang: str, *, full: bool = False):
    """Display version of a :func:`switching_values` table: translated headers (``full``: with
    the range searched, the number of solutions and the notes)."""
    from ..i18n import check_lang, label

    check_lang(lang)
    keep = ["label", "base", "low", "high", "switching_value", "change", "elasticity", "within_range",
            "critical", "unit"]
    if full:
        keep += ["search_low", "search_high", "n_solutions", "note_zh" if lang == "zh" else "note"]
    out = frame[keep].copy()
    out.columns = [label({"label": "parameter_label", "note_zh": "note"}.get(c, c), lang) for c in keep]
    out.index.name = label("parameter", lang)
    out.attrs.update(frame.attrs)
    return out


def describe_breakeven(model: Model, be: BreakEven, lang: str = "zh") -> str:
    """Text for the command line: the break-even value with its label and unit, or why there is none."""
    from ..formatting import fmt
    from ..i18n import check_lang, label

    check_lang(lang)
    if be.parameter == DISCOUNT_RATE:
        lab, unit = label(DISCOUNT_RATE, lang), ""
    else:
        p = model.parameters[be.parameter]
        lab, unit = p.label, p.unit
    who = model.option_label(be.option)
    if model.baseline is not None:
        who += f" {label('vs', lang)} {model.option_label(model.baseline)}"
    rate = be.parameter == DISCOUNT_RATE
    show = (lambda x: f"{x:.4%}") if rate else (lambda x: fmt(x))
    lines = [f"{model.name}: {who}",
             f"{label('metric_word', lang)}: {label(be.metric, lang)} = "
             + (f"{be.target:.2%}" if be.metric == "irr" else _g(be.target)),
             f"{label('parameter', lang)}: {lab} ({be.parameter}); {label('base', lang)} {show(be.base)} {unit}".rstrip(),
             f"{label('search_range', lang)}: {show(be.bounds[0])} ~ {show(be.bounds[1])}"]
    if be.found:
        ch = be.change
        change = "" if math.isnan(ch) else f" ({label('change', lang)} {ch:+.1%})"
        lines.append(f"{label('breakeven', lang)}: {show(be.value)} {unit}".rstrip() + change)
        if len(be.roots) > 1:
            lines.append(f"{label('all_solutions', lang)}: " + ", ".join(show(r) for r in be.roots))
    else:
        lo, hi = be.metric_range
        mfmt = (lambda x: f"{x:.2%}") if be.metric == "irr" else fmt
        lines.append(f"{label('breakeven', lang)}: {label('none_in_range', lang)} "
                     f"({label(be.metric, lang)} {mfmt(lo)} ~ {mfmt(hi)})")
    lines += [f"- {n}" for n in be.notes_in(lang)]
    return "\n".join(lines)
