"""Break-even values and switching values, solved on the vectorised model.

A *break-even value* of a parameter is the value at which an option's metric
(incremental NPV against the baseline by default) equals a target, every other
input held at its base value. A *switching value* is the break-even value of
NPV = 0: how far a cost must rise, or a benefit fall, before the decision flips
(HM Treasury Green Book; ADB; EU cohesion CBA guide).

The search itself is in :mod:`cba.analysis.search`; switching values of every uncertain
input in :mod:`cba.analysis.switching`.

Examples are in :func:`breakeven` (cost-volume-profit).

Notes and descriptions are kept in English (``notes``) and Chinese (``notes_zh``);
``notes_in(lang)`` and the ``lang`` arguments choose one; warnings are shown in the current language.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import MultipleSolutionsWarning, NoSolutionWarning
from ..i18n import Bilingual, Text, msg
from ..i18n.glossary import name_in
from ..model.model import Model
from .evaluator import (DISCOUNT_RATE, GRID, Evaluator, _g, _grid, _number, base_values, check_parameter,
                        default_target, resolve_metric, resolve_option, search_bounds)
from .search import _solve, _spec, _Spec

__all__ = ["BreakEven", "breakeven", "describe_breakeven", "search_bounds", "DISCOUNT_RATE"]


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
    parameter_label, option_label : str
        Display names from the model (``parameter.label``, ``option.label``) used in
        :meth:`describe`; empty: the keys.
    parameter_unit : str
        The parameter's unit (shown by :meth:`table`, :meth:`summary` and the HTML view).
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
    parameter_label: str = ""
    option_label: str = ""
    parameter_unit: str = ""
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
        who = f"{self.option_label or self.option}{'的' if zh else ' '}{m}"
        rng = f"[{_g(self.bounds[0])}, {_g(self.bounds[1])}]"
        t = _g(self.target)
        if self.parameter == DISCOUNT_RATE:
            p = label(DISCOUNT_RATE, lang)
        else:
            p = name_in(self.parameter_label or self.parameter, self.parameter, lang)
        if not self.found:
            lo, hi = self.metric_range
            if math.isnan(lo):
                why = (f"{m}在整个区间内都无法计算" if zh else f"the {m} is undefined over the whole range")
            elif hi - lo <= 1e-12 * max(abs(lo), abs(hi), 1.0):
                why = (f"{m}不随{p}变化（始终为 {_g(lo)}）" if zh else
                       f"the {m} does not change with {self.parameter_label or p} (it stays at {_g(lo)})")
            elif zh:
                why = f"{m}始终在 {_g(lo)} 与 {_g(hi)} 之间，{'高于' if lo > self.target else '低于'}目标值 {t}"
            else:
                side = "above" if lo > self.target else "below"
                why = f"it stays between {_g(lo)} and {_g(hi)}, {side} the target {t}"
            if zh:
                return f"{p}在 {rng} 内没有使{who}等于 {t} 的取值：{why}"
            return f"no value of {p} in {rng} makes {who} equal {t}: {why}"
        roots = ", ".join(_g(r) for r in self.roots)
        if zh:
            text = f"{p} = {_g(self.value)} 时{who}等于 {t}"
            if len(self.roots) > 1:
                text += (f"；在 {rng} 内共有 {len(self.roots)} 个取值使其等于目标值（{roots}），"
                         f"返回最接近基准值 {_g(self.base)} 的一个")
            return text
        text = f"{who} equals {t} at {p} = {_g(self.value)}"
        if len(self.roots) > 1:
            text += (f"; it equals the target at {len(self.roots)} values in {rng} "
                     f"({roots}); the one nearest the base value {_g(self.base)} is returned")
        return text

    # rich display: a one-row table, plain text, HTML and Markdown (cba.display)
    def _title(self, lang: str) -> str:
        from ..i18n import label

        return msg("display.breakeven.title", metric=label(self.metric, lang),
                   option=self.option_label or self.option).render(lang)

    def table(self, lang: str | None = None):
        """One row (the parameter) for display, in ``lang`` (default: the current language):
        label, unit, base value, break-even value, change from base, range searched, number of
        solutions and all of them; values formatted as in the reports
        (:func:`~cba.formatting.fmt_value`, the discount rate as a rate)."""
        import pandas as pd

        from ..formatting import fmt_change, fmt_count, fmt_value
        from ..i18n import check_lang, get_lang, label

        lang = check_lang(lang or get_lang())
        rate = self.parameter == DISCOUNT_RATE
        v = (lambda x: fmt_value(x, rate=rate))  # noqa: E731
        name = label(DISCOUNT_RATE, lang) if rate else (self.parameter_label or self.parameter)
        row = {msg("display.col.parameter_name").render(lang): name, label("unit", lang): self.parameter_unit,
               label("base", lang): v(self.base),
               label("breakeven", lang): v(self.value) if self.found else label("none_in_range", lang),
               label("pct_change", lang): fmt_change(self.change), label("search_low", lang): v(self.bounds[0]),
               label("search_high", lang): v(self.bounds[1]), label("n_solutions", lang): fmt_count(len(self.roots)),
               label("all_solutions", lang): ("、" if lang == "zh" else ", ").join(v(r) for r in self.roots) or "—"}
        return pd.DataFrame([row], index=pd.Index([self.parameter], name=label("parameter", lang)))

    def summary(self, lang: str | None = None) -> str:
        """Plain text in ``lang`` (default: the current language): title, the sentence of
        :meth:`describe`, the table and the notes."""
        from ..formatting import frame_to_text
        from ..i18n import check_lang, get_lang, label
        from ..i18n.glossary import colon

        lang = check_lang(lang or get_lang())
        lines = [self._title(lang), self.describe(lang), "", frame_to_text(self.table(lang))]
        if self.notes_in(lang):
            lines += ["", label("notes", lang) + colon(lang).strip()] + [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ..display import block_html
        from ..i18n import get_lang

        lang = get_lang()
        return block_html(self._title(lang), [("", self.table(lang))], self.notes_in(lang), [self.describe(lang)],
                          lang, css="cba-breakeven")

    def _repr_markdown_(self) -> str:
        from ..display import repr_markdown

        return repr_markdown(self)

    def __str__(self) -> str:
        from ..display import plain_text

        return plain_text(self)

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
    plab, olab = _labels(ev.model, s.name, option)
    pz = label(DISCOUNT_RATE, "zh") if s.name == DISCOUNT_RATE else (plab or s.name)
    pe = label(DISCOUNT_RATE, "en") if s.name == DISCOUNT_RATE else name_in(plab or s.name, s.name, "en")
    for r in s.steps:
        notes.append((f"the {metric} jumps across {_g(target)} at {pe} = {_g(r)} (a discontinuity of "
                      "the model, e.g. a step) instead of passing through it",
                      f"{mz}在{pz} = {_g(r)} 处跳跃越过 {_g(target)}（模型的间断点，如阶梯），"
                      "而不是连续经过该值"))
    failed = np.isnan(s.ms[metric]).sum()
    if failed:
        bad = _g(float(s.xs[np.isnan(s.ms[metric])][0]))
        notes.append((f"the {metric} is undefined at {failed} of {len(s.xs)} scanned values of {pe} "
                      f"(e.g. {bad}); they were skipped",
                      f"{pz}的 {len(s.xs)} 个扫描值中有 {failed} 个无法计算{mz}（如 {bad}），已跳过"))
    return BreakEven(parameter=s.name, option=option, metric=metric, target=float(target), base=s.base,
                     base_metric=base_metric, value=float(value), roots=roots, steps=tuple(s.steps),
                     bounds=(s.lo, s.hi), metric_range=mr, calls=calls, draws=draws,
                     notes=tuple(n[0] for n in notes), notes_zh=tuple(n[1] for n in notes),
                     parameter_label=plab, option_label=olab, parameter_unit=ev.model.input_label(s.name)[1],
                     scan=(s.xs, s.ms[metric]))


def _labels(model: Model, name: str, option: str) -> tuple[str, str]:
    """Display names of a parameter and an option (their labels; the keys when they have none)."""
    p = model.parameters.get(name)
    o = model.options.get(option)
    return ((p.label or name) if p is not None else ""), ((o.label or option) if o is not None else option)


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
        0 to 10 (0-1000%, ``RATE_MAX``) for the discount rate, since an IRR may exceed 100%.
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
    change of the net flow) the switching discount rate is the IRR of :func:`cba.appraise`, with
    any timing: both are the rate at which the model's NPV, with its timing, is zero.

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
        undefined = [i for i, n in enumerate(be.notes) if "undefined" in n]
        extra = Text("".join(f"；{be.notes_zh[i]}" for i in undefined if i < len(be.notes_zh)),
                     "".join(f"; {be.notes[i]}" for i in undefined))
        warnings.warn(NoSolutionWarning(msg("analysis.breakeven_none", what=_described(be), extra=extra)),
                      stacklevel=2)
    elif len(be.roots) > 1:
        warnings.warn(MultipleSolutionsWarning(msg("analysis.breakeven_several", what=_described(be))),
                      stacklevel=2)
    return be if full_output else be.value


def _described(be: BreakEven) -> Text:
    """``be.describe()`` in both languages, rendered when the warning is shown."""
    return Text(be.describe("zh"), be.describe("en"))


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
    c, semi, lp, rp = ("：", "；", "（", "）") if lang == "zh" else (": ", "; ", " (", ")")
    lines = [f"{model.name}{c}{who}",
             f"{label('metric_word', lang)}{c}{label(be.metric, lang)} = "
             + (f"{be.target:.2%}" if be.metric == "irr" else _g(be.target)),
             f"{label('parameter', lang)}{c}{lab}{'' if lab == be.parameter else lp + be.parameter + rp}"
             f"{semi}{label('base', lang)} "
             f"{show(be.base)} {unit}".rstrip(),
             f"{label('search_range', lang)}{c}{show(be.bounds[0])} ~ {show(be.bounds[1])}"]
    if be.found:
        ch = be.change
        change = "" if math.isnan(ch) else f"{lp}{label('change', lang)} {ch:+.1%}{rp}"
        lines.append(f"{label('breakeven', lang)}{c}{show(be.value)} {unit}".rstrip() + change)
        if len(be.roots) > 1:
            lines.append(f"{label('all_solutions', lang)}{c}" + ", ".join(show(r) for r in be.roots))
    else:
        lo, hi = be.metric_range
        mfmt = (lambda x: f"{x:.2%}") if be.metric == "irr" else fmt
        lines.append(f"{label('breakeven', lang)}{c}{label('none_in_range', lang)}"
                     f"{lp}{label(be.metric, lang)} {mfmt(lo)} ~ {mfmt(hi)}{rp}")
    lines += [f"- {n}" for n in be.notes_in(lang)]
    return "\n".join(lines)
