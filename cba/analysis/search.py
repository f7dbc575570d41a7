"""The batched root search behind break-even values, switching values and two-way axes.

How the search works (no loop of appraisals per candidate): the metric is
evaluated for a whole batch of candidate values in ONE call of the model
(:class:`~cba.analysis.evaluator.Evaluator`, arrays of draws). A scan over the
search range finds every sign change of ``metric - target``; all brackets are
then narrowed together, each round one batched call with, per bracket, seven
equally spaced points and a false-position estimate with two points either side.
Smooth crossings converge in a few rounds (a linear model in one), steps of the
model (``floor``, ``where``) at one bracket-eighth per round.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import msg
from ..model.model import Model
from .evaluator import DISCOUNT_RATE, INNER, Evaluator, _g, plausible_range, search_bounds

_RTOL = 1e-11          # bracket width at which a crossing counts as found, relative to the range
_FTOL = 1e-12          # |metric - target| counted as zero, relative to the numbers it is computed from
_JUMP = 1e-4           # a converged bracket whose ends keep this share of their first |f| spans a step
_MAX_ROUNDS = 80


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
            raise InputError(msg("analysis.low_high", got=v.show(bounds)), where="bounds")
        lo, hi = (v.number(b, f"bounds[{i}]") for i, b in enumerate(bounds))
        if not lo < hi:
            raise InputError(msg("analysis.low_lt_high", low=_g(lo), high=_g(hi)), where="bounds")
        if name == DISCOUNT_RATE and lo <= -1:
            raise InputError(msg("analysis.rate_above_minus_one", got=_g(lo)), where="bounds")
    return _Spec(name=name, lo=float(lo), hi=float(hi), base=float(base[name]),
                 plausible=plausible_range(model, name, base), extra=extra)

