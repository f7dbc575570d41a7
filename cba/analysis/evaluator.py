"""What every analysis shares: base values, search ranges, and the batched :class:`Evaluator`.

Break-even and switching values, one-way and two-way sensitivity and scenario comparisons all
evaluate an option's metric on batches of inputs through :class:`Evaluator`, which runs the
one evaluation path of :func:`cba.appraise` on arrays of draws (one draw per case).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..errors import EvaluationError, InputError
from ..i18n import msg
from ..model.model import Model

__all__ = ["DISCOUNT_RATE", "Evaluator", "base_values", "check_parameter", "default_target",
           "higher_is_better", "plausible_range", "resolve_metric", "resolve_option", "search_bounds",
           "searchable"]

#: name under which the discount rate is searched and reported
DISCOUNT_RATE = "discount_rate"
#: how far (in widths of the plausible range) the default search extends beyond it on each side
WIDEN = 10.0
#: upper end of the default search for a switching discount rate (1000%): an IRR may exceed 100%
RATE_MAX = 10.0
#: scan points over the whole search range, and inside the plausible range
GRID, INNER = 41, 21
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
        raise InputError(msg("analysis.metric", allowed=", ".join(METRICS), got=repr(metric)), where="metric")
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
            raise InputError(msg("analysis.rate_schedule", schedule=model.describe_rate()), where=where)
    return name


def default_target(model: Model, metric: str, base: Mapping[str, Any]) -> float:
    """0 for NPV, 1 for BCR, the discount rate for IRR; other metrics need an explicit target."""
    if metric == "npv":
        return 0.0
    if metric == "bcr":
        return 1.0
    if metric == "irr" and isinstance(base.get(DISCOUNT_RATE), float):
        return float(base[DISCOUNT_RATE])
    raise InputError(msg("analysis.no_target", metric=repr(metric)), where="target")


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

    * the discount rate: 0 to 10 (0-1000%, ``RATE_MAX``: a switching rate is the IRR, which
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


def _number(x: Any, where: str) -> float:
    from .. import checks as v

    return v.number(x, where)


def _grid(grid: Any) -> int:
    from .. import checks as v

    g = v.integer(grid, "grid", minimum=3)
    if g > 100_000:
        raise InputError(msg("analysis.grid_max", got=g), where="grid")
    return g



def _target_or_nan(model: Model, metric: str, base: dict, target: Any) -> float:
    if target is not None:
        return _number(target, "target")
    try:
        return default_target(model, metric, base)
    except InputError:
        return math.nan


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

