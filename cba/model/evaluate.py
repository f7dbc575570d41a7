"""The one evaluation path: a model on arrays of parameter draws -> cash flows.

Parameters are arrays of ``n`` draws (a point estimate is ``n = 1``); every flow
becomes an ``(n, T)`` array over periods ``0..horizon``. Break-even searches,
sensitivity and Monte Carlo all call :func:`cash_flows` on batches, never a
Python loop over draws.

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": 0.1,
...     "parameters": {"a": {"value": 5, "low": 1, "high": 9}},
...     "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": "a * t"}]}}})
>>> inputs = resolve_inputs(m, {"a": [1.0, 2.0]})
>>> cash_flows(m, inputs).benefits["o"]
array([[0., 1., 2.],
       [0., 2., 4.]])
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import EvaluationError, InputError
from ..i18n import Text, msg
from .model import Model

__all__ = ["Inputs", "CashFlows", "resolve_inputs", "cash_flows", "flow_lines", "CHUNK_ELEMENTS"]

CHUNK_ELEMENTS = 2 ** 22
"""Elements (draws x periods x formula terms) one chunk of one formula may hold: about
8 bytes each, so a chunk's temporary arrays stay near 32 MB whatever the model."""


@dataclass(frozen=True)
class Inputs:
    """Parameter values of ``n`` draws (each an array of shape ``(n,)``) and the discount schedule."""

    values: Mapping[str, np.ndarray]
    rate: Any
    n: int
    #: the named scenario applied, if any
    scenario: str | None = None
    #: parameters (and ``discount_rate``) whose values differ from the model file's
    changed: tuple[str, ...] = ()

    def draw(self, i: int) -> dict[str, float]:
        return {k: float(a[i]) for k, a in self.values.items()}


@dataclass(frozen=True)
class CashFlows:
    """Per-option flow lines, and total costs and benefits, each of shape ``(n, T)``; ``effects``
    holds each option's total of its effect lines (``kind: effect``, not money), when it has any."""

    lines: Mapping[str, Mapping[str, np.ndarray]]
    costs: Mapping[str, np.ndarray]
    benefits: Mapping[str, np.ndarray]
    effects: Mapping[str, np.ndarray] = field(default_factory=dict)


def resolve_inputs(model: Model, overrides: Mapping[str, Any] | None = None, *,
                   scenario: str | None = None, where: str = "overrides",
                   percent_check: bool = True) -> Inputs:
    """Base values with a scenario and overrides applied, broadcast to ``n`` draws.

    Overrides may be numbers or 1-D arrays; all arrays must have the same length ``n``.
    ``discount_rate`` may be overridden with any schedule (or an array of rates);
    ``percent_check=False`` admits rates above 100% (switching discount rate searches).
    """
    merged: dict[str, Any] = {}
    if scenario is not None:
        if scenario not in model.scenarios:
            from ..checks import unknown_name

            raise InputError(unknown_name(scenario, list(model.scenarios), "scenario"), where="scenario")
        merged.update(model.scenarios[scenario])
    merged.update(model.check_overrides(overrides or {}, where=where, percent_check=percent_check))
    sizes = {len(x) for x in merged.values() if isinstance(x, np.ndarray) and x.ndim == 1}
    if len(sizes) > 1:
        raise InputError(msg("model.draw_lengths", lengths=sorted(sizes)), where=where)
    n = sizes.pop() if sizes else 1
    values = {}
    for name, p in model.parameters.items():
        x = merged.get(name, p.value)
        values[name] = np.broadcast_to(np.asarray(x, dtype=float), (n,))
    rate = merged.get("discount_rate", model.discount_rate)
    return Inputs(values=values, rate=rate, n=n, scenario=scenario, changed=tuple(merged))


def cash_flows(model: Model, inputs: Inputs, *, view: str | None = None,
               optimism: bool | None = None) -> CashFlows:
    """Evaluate every line (flows and assets) of every option on the draws in ``inputs``.

    The appraisal method's steps follow (:func:`cba.method.adjust.adjust_lines`): nominal lines
    deflated to the price base, the optimism-bias uplift (``optimism``: None follows the model
    file), and the ``view`` (``"financial"`` or ``"economic"``; None: the model's main view).

    Draws are evaluated in chunks so that one chunk of one formula holds at most
    :data:`CHUNK_ELEMENTS` elements (draws x periods x the formula's terms): memory stays
    bounded whatever the model and the number of draws, and the result is the same as one
    evaluation of all draws at once (formulas are elementwise).

    Raises
    ------
    EvaluationError
        When a formula gives a non-finite value (division by zero, overflow), naming the
        option, the line, the period and the parameter values of the first bad draw.
    """
    from ..method.adjust import adjust_lines

    lines = adjust_lines(model, inputs, flow_lines(model, inputs), view=view, optimism=optimism)
    costs: dict[str, np.ndarray] = {}
    benefits: dict[str, np.ndarray] = {}
    effects: dict[str, np.ndarray] = {}
    has_effects = model.effect_unit is not None
    for okey, option in model.options.items():
        cost = np.zeros((inputs.n, model.horizon + 1))
        benefit = np.zeros((inputs.n, model.horizon + 1))
        effect = np.zeros((inputs.n, model.horizon + 1)) if has_effects else None
        with np.errstate(all="ignore"):     # an overflow or inf - inf is reported below
            for line in option.lines:
                total = cost if line.kind == "cost" else benefit if line.kind == "benefit" else effect
                total += lines[okey][line.name]
        if effect is not None:
            effects[okey] = effect
            benefit_check = benefit + effect        # effects are checked with the money
        else:
            benefit_check = benefit
        costs[okey] = cost
        benefits[okey] = benefit
        # non-finite values propagate into the totals, and into their sums: a finite sum is a
        # cheap proof (no temporary array); else check element by element, then find the line
        with np.errstate(all="ignore"):
            quick = np.isfinite(np.add.reduce(cost, axis=None) + np.add.reduce(benefit_check, axis=None))
        if not quick and not (np.isfinite(cost).all() and np.isfinite(benefit_check).all()):
            _raise_non_finite(model, okey, option, lines[okey], inputs)
    return CashFlows(lines=lines, costs=costs, benefits=benefits, effects=effects)


def flow_lines(model: Model, inputs: Inputs) -> dict[str, dict[str, np.ndarray]]:
    """Every line as entered (flows, then asset lines), ``{option: {line: (n, T) array}}``,
    without checking that values are finite and before the method's steps.

    :func:`cash_flows` checks them and raises at the first non-finite value;
    :func:`cba.model.check_model` reports every one.

    Raises
    ------
    InputError
        When a formula's exponent goes beyond the bound at run time, naming the flow line.
    """
    env_params = {k: np.asarray(a, dtype=float).reshape(inputs.n, 1) for k, a in inputs.values.items()}
    lines: dict[str, dict[str, np.ndarray]] = {}
    for okey, option in model.options.items():
        lines[okey] = {}
        for flow in option.flows:
            try:
                lines[okey][flow.name] = _line(model, flow, env_params, inputs.n)
            except InputError as err:   # e.g. an exponent beyond the bound at run time
                raise InputError(err.message, where=_flow_where(okey, option, flow, model) + ".amount",
                                 source=model.source) from None
        for asset in option.assets:
            lines[okey].update(asset.evaluate(model, env_params, inputs))
    return lines


def chunk_rows(n: int, periods: int, terms: int) -> int:
    """Draws per chunk so that ``rows * periods * terms <= CHUNK_ELEMENTS`` (at least one draw).

    >>> chunk_rows(10_000, 11, 5), chunk_rows(10_000, 1001, 256)
    (10000, 16)
    """
    return int(min(n, max(1, CHUNK_ELEMENTS // max(1, periods * terms))))


def _line(model: Model, flow, env_params: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """One flow line on ``n`` draws, shape ``(n, horizon + 1)``, zero outside its periods."""
    start = 1 if flow.start is None else flow.start     # a static model (horizon 0) sets start = 0
    end = model.horizon if flow.end is None else flow.end
    out = np.zeros((n, model.horizon + 1))
    if start > end:
        return out
    if flow.values is not None:
        out[:, start:end + 1] = np.asarray(flow.values)
        return out
    expr = flow.amount
    env: dict[str, Any] = {"t": model.periods[start:end + 1].astype(float),
                           "year": model.years[start:end + 1].astype(float)}
    if not expr.names - set(env):       # no parameter: the same row for every draw
        out[:, start:end + 1] = expr(env)
        return out
    rows = chunk_rows(n, end + 1 - start, expr.size)
    for i in range(0, n, rows):
        env.update({k: a[i:i + rows] for k, a in env_params.items() if k in expr.names})
        out[i:i + rows, start:end + 1] = expr(env)
    return out


def _flow_where(okey: str, option, flow, model: Model | None = None) -> str:
    """A flow line as its file names it: the workbook row of a model read from Excel, the 1-based
    position and name in a YAML file (see ``cba.model.files``), else the Python field path."""
    path = f"options.{okey}.flows[{option.flows.index(flow)}]"
    places = getattr(model, "_places", None) or {}
    return places.get(path, path)


def located(source: str | None, message: Text) -> Text:
    """``message`` preceded by the file it is about (``file: ...``, Chinese ``file：...``)."""
    return msg("model.eval.located", source=source, message=message) if source else message


def with_inputs(shown: Mapping[str, float]) -> Text | str:
    """`` with a=1, b=2`` (Chinese ``，此时 a=1、b=2``): the parameter values behind a bad amount."""
    from ..checks import listing

    return msg("model.eval.with", values=listing([f"{k}={x:g}" for k, x in shown.items()])) if shown else ""


def _raise_non_finite(model: Model, okey: str, option, lines: Mapping[str, np.ndarray], inputs: Inputs) -> None:
    """Name the file, option, line, period and parameter values of the first non-finite amount."""
    for flow in option.flows:
        out = lines[flow.name]
        if np.isfinite(out).all():
            continue
        bad = np.argwhere(~np.isfinite(out))[0]
        draw = inputs.draw(int(bad[0]))
        used = flow.amount.names if flow.amount is not None else ()
        shown = {k: x for k, x in draw.items() if k in used}
        raise EvaluationError(located(model.source, msg(
            "model.eval.gives", where=_flow_where(okey, option, flow, model), flow=flow.name, value=out[tuple(bad)],
            period=int(bad[1]), inputs=with_inputs(shown))))
    for i, asset in enumerate(option.assets):     # an asset line: options.<key>.assets[i] (line name)
        for line in asset.lines():
            out = lines[line.name]
            if np.isfinite(out).all():
                continue
            bad = np.argwhere(~np.isfinite(out))[0]
            shown = {k: x for k, x in inputs.draw(int(bad[0])).items() if k in asset.names}
            raise EvaluationError(located(model.source, msg(
                "model.eval.gives", where=f"options.{okey}.assets[{i}]", flow=line.name, value=out[tuple(bad)],
                period=int(bad[1]), inputs=with_inputs(shown))))
    raise EvaluationError(located(model.source, msg("model.eval.total", option=okey)))  # pragma: no cover
