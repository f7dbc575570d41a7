"""Global sensitivity of a model: Sobol' first-order and total indices of an option's NPV (or
another metric) with respect to every parameter that has a distribution.

A Saltelli (2010) design in the unit hypercube (:func:`cba.uncertainty.gsa.saltelli_design`)
is mapped to the parameters through their inverse CDFs and evaluated in one vectorised run;
first-order indices use Saltelli's (2010) estimator and total indices Jansen's (1999), with
bootstrap intervals (:func:`cba.uncertainty.gsa.sobol_indices`).

Sobol' indices decompose the variance of independent inputs: a model's ``correlations`` are not
imposed here, and the result says so in a note.

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.0,
...     "parameters": {"a": {"value": 0, "low": -1, "high": 1, "distribution": "uniform"},
...                    "b": {"value": 0, "low": -2, "high": 2, "distribution": "uniform"}},
...     "options": {"o": {"flows": [{"name": "f", "kind": "benefit", "amount": "a + b + 10"}]}}})
>>> s = global_sensitivity(m, n=4096, seed=1, n_boot=0)
>>> [round(float(x), 2) for x in s.first]      # Var(a) : Var(b) = 1/3 : 4/3, so 0.2 and 0.8
[0.2, 0.8]
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import msg

__all__ = ["global_sensitivity"]


def global_sensitivity(model, n: int = 4096, *, seed: int = 0, option: str | None = None, metric: str = "npv",
                       scenario: str | None = None, conf: float = 0.95, n_boot: int = 500, **fixed: Any):
    """Sobol' indices of one option's ``metric`` over the model's distributions.

    Parameters
    ----------
    model : Model
    n : int
        Base sample size; the model is evaluated ``n * (d + 2)`` times for ``d`` parameters
        (a power of two keeps the Sobol' base balanced).
    seed : int
        Seed of the design and of the bootstrap.
    option : str, optional
        The option (default: the only alternative).
    metric : str
        ``npv`` (default) or ``bcr``.
    scenario : str, optional
        Values of the parameters that are not drawn.
    conf, n_boot
        Bootstrap intervals (see :func:`cba.uncertainty.gsa.sobol_indices`).
    **fixed
        Parameters held at a value instead of drawn.

    Returns
    -------
    SobolIndices
        Indices named by parameter, with notes on the design and on ignored correlations.
    """
    import dataclasses

    from ..analysis.evaluator import Evaluator
    from .gsa import saltelli_design, sobol_indices

    option = model.resolve_option(option)
    metric = v.choice(metric, "metric", ("npv", "bcr"))
    fixed = model.check_overrides(fixed, where="fixed")
    names = tuple(k for k, p in model.parameters.items() if p.distribution is not None and k not in fixed)
    if not names:
        raise InputError(msg("uncertainty.nothing_to_draw"), where="parameters")
    design = saltelli_design(n, len(names), seed=seed)
    rows = design.stacked()
    # the unit interval's ends map to infinite quantiles for unbounded distributions
    eps = np.finfo(float).eps
    rows = np.clip(rows, eps, 1 - eps)
    columns = {k: model.parameters[k].distribution.ppf(rows[:, j]) for j, k in enumerate(names)}
    ev = Evaluator(model, option, scenario=scenario, want=(metric,))
    y = ev.metrics(columns, rows.shape[0], fixed)[metric]
    bad = ~np.isfinite(y)
    if bad.any():
        raise InputError(msg("uncertainty.gsa_undefined", k=int(bad.sum()), runs=rows.shape[0], metric=metric),
                         where="metric")
    result = sobol_indices(*design.split(y), names=names, conf=conf, n_boot=n_boot, seed=seed)
    notes = [(t_en, t_zh) for t_en, t_zh in zip(design.notes, design.notes_zh)]
    if getattr(model, "correlations", None) is not None:
        t = msg("uncertainty.gsa_independent")
        notes.append((t.render("en"), t.render("zh")))
    if fixed:
        t = msg("uncertainty.fixed", names=v.listing(list(fixed)))
        notes.append((t.render("en"), t.render("zh")))
    if notes:
        result = dataclasses.replace(result, notes=tuple(result.notes) + tuple(a for a, _ in notes),
                                     notes_zh=tuple(result.notes_zh) + tuple(b for _, b in notes))
    return result
