"""Cost-effectiveness of a model's options when benefits are not (all) priced: the present value
of each option's costs against the present value of its effect lines (``kind: effect``, e.g.
accidents avoided), with dominance and incremental cost-effectiveness ratios
(:func:`cba.uncertainty.cea.icer`).

Costs are each option's own costs (its benefit lines are not netted, so a priced effect is not
counted twice); effects are discounted at the model's discount rate like costs (the usual
convention, e.g. NICE), or left undiscounted with ``discount_effects=False``.

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": 0.0, "baseline": "patrol",
...     "parameters": {},
...     "options": {"patrol": {"flows": [{"name": "staff", "kind": "cost", "amount": 10},
...                                      {"name": "saved", "kind": "effect", "amount": 1, "unit": "起"}]},
...                 "kiosk": {"flows": [{"name": "staff", "kind": "cost", "amount": 14},
...                                     {"name": "saved", "kind": "effect", "amount": 3, "unit": "起"}]}}})
>>> ce = cost_effectiveness(m)
>>> ce[["cost", "effect", "status", "icer"]]        # (28 - 20) / (6 - 2) = 2 per accident avoided
          cost  effect status  icer
strategy
patrol    20.0     2.0     ND   NaN
kiosk     28.0     6.0     ND   2.0
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import msg

__all__ = ["cost_effectiveness", "present_costs_and_effects"]


def present_costs_and_effects(model, appraisal, *, discount_effects: bool = True) -> tuple[dict, dict]:
    """``({option: (n,) PV of costs}, {option: (n,) PV of effects})`` of an appraisal."""
    if model.effect_unit is None:
        raise InputError(msg("analysis.no_effects"), where="options")
    df = appraisal.discount_factors
    ones = np.ones(model.horizon + 1)

    def pv(x, d):
        return np.einsum("ij,j->i", x, d) if d.ndim == 1 else np.einsum("ij,ij->i", x, d)

    costs = {o: pv(appraisal.flows.costs[o], df) for o in model.options}
    effects = {o: pv(appraisal.flows.effects[o], df if discount_effects else ones) for o in model.options}
    return costs, effects


def cost_effectiveness(model, *, scenario: str | None = None, view: str | None = None,
                       discount_effects: bool = True, **overrides: Any):
    """Dominance and ICERs of every option of ``model`` (one set of values).

    Parameters
    ----------
    model : Model
        A model with effect lines (``kind: effect``).
    scenario, view, **overrides
        As for :func:`cba.appraise` (one value per parameter).
    discount_effects : bool
        Discount effects like costs (default) or not.

    Returns
    -------
    pandas.DataFrame
        :func:`cba.icer`'s table indexed by option key (``label`` column added): ``cost`` (PV of
        costs), ``effect`` (PV of effects, in ``attrs["unit"]``), ``status``, ``inc_cost``,
        ``inc_effect``, ``icer`` (cost per unit of effect) and ``versus``.
    """
    from ..uncertainty.cea import icer
    from .appraise import appraise

    a = appraise(model, scenario=scenario, view=view, **overrides)
    if a.n != 1:
        raise InputError(msg("analysis.one_value_each"), where="overrides")
    costs, effects = present_costs_and_effects(model, a, discount_effects=discount_effects)
    keys = list(model.options)
    frame = icer(keys, [float(costs[o][0]) for o in keys], [float(effects[o][0]) for o in keys])
    frame.insert(0, "label", [model.option_label(o) for o in frame.index])
    frame.attrs["unit"] = model.effect_unit
    frame.attrs["currency"] = model.currency
    frame.attrs["discounted"] = bool(discount_effects)
    return frame
