"""Switching values: how far each uncertain input must move before the decision flips.

A switching value is the break-even value of NPV = 0 (HM Treasury Green Book; ADB; EU cohesion
CBA guide), searched for every uncertain input at once with the batched search of
:mod:`cba.analysis.search`.

Notes are kept in English (``note``) and Chinese (``note_zh``); warnings are shown in the current language.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np

from ..errors import MultipleSolutionsWarning, NoSolutionWarning
from ..i18n import label as _label
from ..i18n import Text, join, msg
from ..model.model import Model
from .breakeven import _result
from .evaluator import (DISCOUNT_RATE, GRID, Evaluator, _g, _grid, _number, base_values, check_parameter,
                        default_target, resolve_metric, resolve_option)
from .search import _FTOL, _scale, _solve, _spec

__all__ = ["switching_values", "translate_switching"]


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
    input, :math:`E = \\frac{m(1.01\\,x_0) - m(x_0)}{|m(x_0)|} / 0.01`. It is NaN when the base
    value is 0, and undefined (NaN, with a note in ``note`` and ``note_zh``) when the metric at
    base is 0 or within rounding of 0 relative to the numbers it is computed from (for NPV,
    :math:`|m(x_0)| \\le 10^{-12} (PV_c + PV_b)`): dividing by rounding noise would give
    figures such as 1e15. For a metric linear in the input, :math:`|E| = 1 / |\\text{change}|`.

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
        zero = _zero_within_rounding(s, metric, m0)
        if s.base != 0 and not zero and up.size and math.isfinite(m0):
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
            lab, unit = _label(DISCOUNT_RATE, lang or "zh"), ""
        else:
            p = model.parameters[s.name]
            lab, unit = p.label, p.unit
        notes, notes_zh = list(be.notes), list(be.notes_zh)
        if zero and s.base != 0:
            mz = _label(metric, "zh")
            exact = "" if m0 == 0 else f" within rounding ({_g(m0)})"
            exact_zh = "" if m0 == 0 else f"（在舍入误差范围内：{_g(m0)}）"
            notes.append(f"elasticity undefined: the {metric} at the base case is zero{exact}, so a "
                         "percentage change of it is not defined")
            notes_zh.append(f"{_label('elasticity', 'zh')}无定义：基准情形的{mz}为零{exact_zh}，其百分比变化没有意义")
        if not be.found:
            notes.insert(0, be.describe())
            notes_zh.insert(0, be.describe("zh"))
            none.append(s.name)
        elif len(be.roots) > 1:
            roots = ", ".join(_g(r) for r in be.roots)
            notes.insert(0, f"{len(be.roots)} break-evens ({roots}); the one nearest the base is shown")
            notes_zh.insert(0, f"共有 {len(be.roots)} 个{_label('switching_value', 'zh')}（{roots}），显示最接近基准值的一个")
            several.append(f"{s.name} ({roots})")
        rows[s.name] = {"label": lab, "unit": unit, "base": s.base,
                        "low": pl[0] if pl else math.nan, "high": pl[1] if pl else math.nan,
                        "switching_value": be.value, "change": change, "elasticity": elasticity,
                        "within_range": within, "critical": crit, "search_low": s.lo, "search_high": s.hi,
                        "n_solutions": len(be.roots), "note": "; ".join(notes), "note_zh": "；".join(notes_zh)}
    cols = ["label", "unit", "base", "low", "high", "switching_value", "change", "elasticity",
            "within_range", "critical", "search_low", "search_high", "n_solutions", "note", "note_zh"]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=cols) if rows else pd.DataFrame(columns=cols)
    frame.index.name = "parameter"
    frame.attrs.update({"option": option, "metric": metric, "target": target, "calls": ev.calls,
                        "draws": ev.draws})
    who = Text(f"{option} {_label(metric, 'zh')} = {_g(target)}", f"{option} {metric} = {_g(target)}")
    if none:
        warnings.warn(NoSolutionWarning(msg("analysis.switching_none", who=who, names=join(*none, sep=("、", ", ")))),
                      stacklevel=2)
    if several:
        warnings.warn(MultipleSolutionsWarning(msg("analysis.switching_several", who=who,
                                                   names=join(*several, sep=("；", "; ")))), stacklevel=2)
    if lang is not None:
        return translate_switching(frame, lang)
    from .switching_table import wrap

    return wrap(frame, model)


def _zero_within_rounding(s, metric: str, m0: float) -> bool:
    """True when the metric at the base case is 0, or within rounding of 0 relative to the
    numbers it is computed from (for NPV: the PVs of costs and benefits), as the search counts
    a root. Its elasticity, a percentage change of it, is then undefined."""
    if m0 == 0:
        return True
    at = np.flatnonzero(s.xs == s.base)[:1]
    if not at.size or not math.isfinite(m0):
        return False
    scale = _scale({k: v[at] for k, v in s.ms.items()}, metric, 0.0)
    return bool(abs(m0) <= _FTOL * scale[0])


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
    out.columns = [msg("display.col.parameter_name").render(lang) if c == "label" else label("note" if c == "note_zh" else c, lang)
                   for c in keep]
    out.index.name = label("parameter", lang)
    out.attrs.update(frame.attrs)
    return out
