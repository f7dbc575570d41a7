"""Appraise a model: PV of costs and benefits, NPV, BCR, IRR and payback per option.

With a baseline (the counterfactual), every other option is also appraised on
its increment over the baseline.

Notes
-----
Incremental costs and benefits are built line by line. Each flow line is
signed (benefits +, costs -); a line of option ``o`` is compared with the
baseline's line of the same name (e.g. ``staffing`` against ``staffing``), and
a line found in only one of them is compared with nothing. For every line and
period the change d_t = s_o,t - s_b,t is split by sign:

    incremental benefits_t = sum over lines of max(d_t, 0)
    incremental costs_t    = sum over lines of max(-d_t, 0)

So cost savings count as benefits (the baseline's staffing avoided), forgone
benefits as costs, and the option's own outlays (purchase, replacement,
upkeep) as costs. NPV = PV(benefits) - PV(costs) = PV(net change) does not
depend on this split; BCR = PV(benefits) / PV(costs) does, which is why lines
are matched by name rather than netted across lines. IRR and the paybacks use
the net change. A model without a baseline appraises each option alone.

Timing: period 0 is the present (the decision date) and is never discounted;
with ``timing: mid`` or ``begin`` later periods are discounted by t - 0.5 or
t - 1 (the finance functions such as :func:`cba.npv` apply the offsets to
every value, as their documentation states).

IRR: the IRR of an appraisal is the rate at which the model's NPV, with its
timing, is zero: ``v_0 + sum_{t>=1} v_t (1 + r)**-(t - s) = 0`` with ``s`` = 0,
0.5 or 1 for ``end``, ``mid`` or ``begin``. So the switching discount rate
(``cba.breakeven(model, "discount_rate")``) of a conventional project is its
IRR whatever the timing. With ``x = 1 / (1 + r)``, ``begin`` timing gives the
ordinary IRR of ``[v_0 + v_1, v_2, ..., v_T]``; ``mid`` timing is a polynomial
in ``y = x**0.5`` with coefficients ``c[0] = v_0``, ``c[2t - 1] = v_t`` (zeros
elsewhere), whose IRR ``rho`` gives ``1 + r = (1 + rho)**2``. Both are solved
exactly by :func:`cba.finance.irr_solve`, and an IRR that is absent or not
unique is counted on that polynomial (Descartes' rule) and noted. For ``end``
timing it is :func:`cba.irr` of the net flow.

Paybacks: ``payback`` is the conventional (undiscounted) payback, the time
until the cumulative net flow first becomes non-negative after the initial
outlay (a later relapse is noted); ``discounted_payback`` is the time from
which the cumulative discounted net flow stays at or above zero (NaN when the
NPV is negative), and ``breakeven_year`` the calendar year of the first period
from which it stays at or above zero. Both times are counted in periods from
period 0 (the decision date), also when nothing happens before the first
outlay, and interpolated linearly within the period of recovery. Where the
cumulative flow is never negative (the outlay is recovered within the period
it is made, e.g. a one-year project whose cost and benefit both fall in
period 1), the payback is the period of the first outlay (the first period
with a cost), and 0 when there is no outlay at all.

Notes: besides absent or multiple IRRs, a negative IRR is noted (the option
does not recover its outlays even undiscounted), and so is a parameter set
(``appraise(model, name=value)``, ``cba evaluate --set``) outside its
declared low..high range; the latter is also a :class:`~cba.errors.CBAWarning`.

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 3, "discount_rate": 0.1,
...     "parameters": {"price": 100, "saving": 40},
...     "options": {"buy": {"flows": [
...         {"name": "purchase", "kind": "cost", "amount": "price", "at": 0},
...         {"name": "savings", "kind": "benefit", "amount": "saving"}]}}})
>>> a = cba.appraise(m)
>>> round(a["buy", "npv"], 4)        # -100 + 40 * (1 - 1.1**-3) / 0.1
-0.5259
>>> a.to_frame()[["npv", "bcr"]].round(4)
         npv     bcr
buy  -0.5259  0.9947
"""
from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import finance
from ..finance.schedules import period_offsets
from ..errors import CBAWarning, InputError
from ..model.evaluate import CashFlows, Inputs, cash_flows, resolve_inputs
from ..i18n import Bilingual, check_lang, label, msg
from ..i18n.glossary import colon
from ..model.model import Model
from ..display import RichDisplay

__all__ = ["Appraisal", "appraise", "METRICS", "irr_from_rows", "irr_rows", "metrics_of"]

#: metric columns of an appraisal, in display order
METRICS = ("pv_costs", "pv_benefits", "npv", "bcr", "irr", "payback", "discounted_payback", "breakeven_year")


def irr_rows(net: np.ndarray, timing: str = "end") -> np.ndarray:
    """Coefficient rows whose ordinary IRR gives the IRR of ``net`` (..., T) under ``timing``.

    Period 0 is never discounted; period t >= 1 is discounted by t, t - 0.5 or t - 1 for
    ``end``, ``mid`` or ``begin``. ``begin``: ``[v0 + v1, v2, ..., v_{T-1}]`` (the NPV is
    ``v0 + sum_{t>=1} v_t x**(t-1)`` with ``x = 1/(1+r)``); ``mid``: ``c[0] = v0``,
    ``c[2t-1] = v_t``, zeros elsewhere (a polynomial in ``y = x**0.5``; convert its IRR with
    :func:`irr_from_rows`); ``end``: ``net`` itself.

    >>> irr_rows(np.array([-100., 39, 59]), "begin"), irr_rows(np.array([-100., 39, 59]), "mid")
    (array([-61.,  59.]), array([-100.,   39.,    0.,   59.]))
    """
    net = np.asarray(net, dtype=float)
    T = net.shape[-1]
    if timing == "end" or T < 2:
        return net
    if timing == "begin":
        out = net[..., 1:].copy()
        out[..., 0] += net[..., 0]
        return out
    if timing == "mid":
        out = np.zeros(net.shape[:-1] + (2 * T - 2,))
        out[..., 0] = net[..., 0]
        out[..., 1::2] = net[..., 1:]
        return out
    raise InputError(msg("analysis.timing", got=repr(timing)), where="timing")


def irr_from_rows(rate: Any, timing: str = "end") -> Any:
    """The IRR of the model from the ordinary IRR ``rate`` of :func:`irr_rows`' coefficients:
    ``(1 + rate)**2 - 1`` for ``mid`` timing (the coefficients are in ``(1 + r)**-0.5``), else
    ``rate``."""
    return rate * (2.0 + rate) if timing == "mid" else rate


def metrics_of(costs: np.ndarray, benefits: np.ndarray, df: np.ndarray,
               first_year: int = 0, want: Collection[str] | None = None,
               timing: str = "end") -> dict[str, np.ndarray]:
    """Metrics of cost and benefit streams ``(n, T)`` with discount factors ``(T,)`` or ``(n, T)``.

    Returns arrays of shape ``(n,)``; BCR is NaN where PV costs is 0, IRR NaN where it is not
    unique (the IRR is the rate at which the NPV with ``timing`` is zero: see the module notes
    and :func:`irr_rows`), payback NaN where the cumulative net flow never turns non-negative.
    ``discounted_payback`` is the payback of the discounted net flow (with the model's timing);
    ``breakeven_year`` is the calendar year (``first_year`` + period) of the first period whose
    cumulative discounted net flow is >= 0 after having been negative. Where the cumulative
    flow is never negative, the outlay is recovered in the period it is made: the paybacks are
    that period (the first with ``costs > 0``; 0 without costs) and the break-even year its
    calendar year.

    >>> one_year = metrics_of(np.array([[0., 100.]]), np.array([[0., 150.]]), np.array([1., 1 / 1.08]), 2025)
    >>> one_year["payback"], one_year["discounted_payback"], one_year["breakeven_year"]
    (array([1.]), array([1.]), array([2026.]))

    ``want`` limits the costly metrics (IRR, the paybacks) to those named; the others come back
    as NaN. PVs, NPV and BCR are always computed.
    """
    pv_c = _pv(costs, df)
    pv_b = _pv(benefits, df)
    n = pv_c.shape[0]
    nan = np.full(n, np.nan)
    net = benefits - costs if want is None or set(want) - {"pv_costs", "pv_benefits", "npv", "bcr"} else None
    with np.errstate(divide="ignore", invalid="ignore"):
        bcr = np.where(pv_c > 0, pv_b / np.where(pv_c > 0, pv_c, 1.0), np.nan)
    out = {"pv_costs": pv_c, "pv_benefits": pv_b, "npv": pv_b - pv_c, "bcr": bcr}
    if want is None or "irr" in want:
        irr, n_roots = finance.irr_solve(irr_rows(net, timing))
        out["irr"] = np.asarray(irr_from_rows(np.asarray(irr, dtype=float), timing)).reshape(-1)
        out["_n_roots"] = np.asarray(n_roots).reshape(-1)
    else:
        out["irr"], out["_n_roots"] = nan, np.full(n, -1)
    paybacks = want is None or bool({"payback", "discounted_payback", "breakeven_year"} & set(want))
    start = _first_outlay(costs) if paybacks else nan
    if want is None or "payback" in want:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CBAWarning)
            pb = np.asarray(finance.payback(net), dtype=float).reshape(-1)
        # finance.payback is 0 exactly where the cumulative flow is never negative
        out["payback"] = np.where(pb == 0, start, pb)
    else:
        out["payback"] = nan
    if want is None or {"discounted_payback", "breakeven_year"} & set(want):
        disc, period = _lasting_payback(np.cumsum(net * df, axis=-1), start)
    else:
        disc = period = nan
    out["discounted_payback"] = disc
    out["breakeven_year"] = first_year + period
    return out


def _first_outlay(costs: np.ndarray) -> np.ndarray:
    """The first period with a cost, per row of ``costs`` (n, T); 0 where there is none."""
    paid = np.asarray(costs) > 0
    return np.where(paid.any(axis=-1), np.argmax(paid, axis=-1), 0).astype(float)


def _lasting_payback(cum: np.ndarray, start: np.ndarray | float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Time (interpolated) and first period from which ``cum`` (n, T) stays >= 0.

    ``start`` (the period of the first outlay) where it is never negative; NaN where the last
    value is negative.
    """
    n, T = cum.shape
    neg = cum < 0
    any_neg = neg.any(axis=-1)
    last_neg = T - 1 - np.argmax(neg[:, ::-1], axis=-1)
    j = np.minimum(last_neg + 1, T - 1)
    rows = np.arange(n)
    c_prev, c_j = cum[rows, j - 1], cum[rows, j]
    with np.errstate(all="ignore"):
        frac = (j - 1) + (-c_prev) / (c_j - c_prev)
    ok = any_neg & (last_neg < T - 1)
    time = np.where(ok, frac, np.where(any_neg, np.nan, start))
    period = np.where(ok, j, np.where(any_neg, np.nan, start)).astype(float)
    return time, period


def _pv(values: np.ndarray, df: np.ndarray) -> np.ndarray:
    # einsum, not matmul: BLAS blocks a matrix product by its number of rows, so a draw's PV
    # would change in the last bit with the batch it is in; einsum sums each row the same way
    return np.einsum("ij,j->i", values, df) if df.ndim == 1 else np.einsum("ij,ij->i", values, df)


@dataclass(frozen=True)
class Appraisal(RichDisplay, Bilingual):
    """Results of :func:`appraise`: plain arrays, one entry per draw.

    Attributes
    ----------
    model : Model
    inputs : Inputs
        Parameter values and discount schedule used (arrays of ``n`` draws).
    flows : CashFlows
        Every flow line, total costs and benefits per option, shape ``(n, T)``.
    discount_factors : ndarray
        Shape ``(T,)``, or ``(n, T)`` when the rate varies by draw.
    standalone : dict
        ``{option: {metric: (n,) array}}`` for each option against doing nothing.
    incremental : dict
        ``{option: {metric: (n,) array}}`` for each option against the baseline.
    notes : tuple of str
        What a reader must know: IRRs that are absent or not unique, dominance, no payback
        (English; ``notes_zh`` holds the same in Chinese, ``notes_in(lang)`` picks one).
    view : {"economic", "financial"}
        The view the lines are in (see :mod:`cba.method.views`).
    """

    model: Model
    inputs: Inputs
    flows: CashFlows
    discount_factors: np.ndarray
    standalone: Mapping[str, Mapping[str, np.ndarray]]
    incremental: Mapping[str, Mapping[str, np.ndarray]]
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())
    view: str = "economic"

    # -- access -----------------------------------------------------------------

    @property
    def n(self) -> int:
        return self.inputs.n

    @property
    def basis(self) -> str:
        """``incremental`` when the model has a baseline, else ``standalone``."""
        return "incremental" if self.model.baseline is not None else "standalone"

    def results(self, basis: str | None = None) -> Mapping[str, Mapping[str, np.ndarray]]:
        basis = basis or self.basis
        if basis not in ("standalone", "incremental"):
            raise InputError(msg("analysis.basis", got=repr(basis)), where="basis")
        if basis == "incremental" and self.model.baseline is None:
            raise InputError(msg("analysis.no_baseline"), where="basis")
        return self.standalone if basis == "standalone" else self.incremental

    def __getitem__(self, key: tuple[str, str]) -> Any:
        """``a[option, metric]``: a float for one draw, else an array (default basis)."""
        option, metric = key
        res = self.results()
        if option not in res:
            from ..checks import unknown_name

            raise KeyError(unknown_name(option, list(res), "option"))
        arr = res[option][metric]
        return float(arr[0]) if self.n == 1 else arr

    # -- tables -----------------------------------------------------------------
    def to_frame(self, basis: str | None = None):
        """Metrics as a DataFrame indexed by option (by option and draw when n > 1).

        Columns: ``label``, ``pv_costs``, ``pv_benefits``, ``npv``, ``bcr``, ``irr``,
        ``payback`` (incremental against the baseline where there is one).
        """
        import pandas as pd

        res = self.results(basis)
        frames = []
        for opt, m in res.items():
            data = {"label": [self.model.option_label(opt)] * self.n}
            data.update({k: m[k] for k in METRICS})
            idx = [opt] if self.n == 1 else pd.MultiIndex.from_product([[opt], range(self.n)],
                                                                         names=["option", "draw"])
            frames.append(pd.DataFrame(data, index=idx))
        out = pd.concat(frames)
        if self.n == 1:
            out.index.name = None
        return out

    def cash_flow_table(self, option: str | None = None, *, draw: int = 0, lang: str = "zh"):
        """Per-period cash flows of one option (incremental against the baseline if there is one).

        Columns: year, each flow line (signed: benefits +, costs -; the baseline's lines with the
        sign reversed), total costs and total benefits as positive amounts, net flow, discount
        factor, PV of the net flow and cumulative PV. For an increment the totals are the
        line-matched incremental costs (extra outlays, forgone benefits) and benefits (benefits,
        cost savings) of :func:`appraise`, so discounting them gives ``pv_costs`` and
        ``pv_benefits``, and the last cumulative PV is the NPV.
        """
        import pandas as pd

        from ..method.assets import line_label

        m = self.model
        option = option or m.alternatives[0]
        if option not in m.options:
            from ..checks import unknown_name

            raise InputError(unknown_name(option, list(m.options), "option"), where="option")
        cols: dict[str, Any] = {label("year", lang): m.years}
        sides = [(option, 1.0)]
        if m.baseline is not None and option != m.baseline:
            sides.append((m.baseline, -1.0))
        for opt, sign in sides:
            for flow in m.options[opt].lines:
                if flow.kind == "effect":       # not money: outside the cash flows
                    continue
                arr = self.flows.lines[opt][flow.name][draw]
                signed = arr if flow.kind == "benefit" else -arr
                text = line_label(flow, lang)       # an asset line's label is in both languages
                name = text if sign > 0 else f"{text} ({m.option_label(opt)})"
                cols[name] = sign * signed + 0.0          # + 0.0 turns -0.0 into 0.0
        if len(sides) == 2:
            one = CashFlows(lines={o: {k: a[draw:draw + 1] for k, a in self.flows.lines[o].items()}
                                   for o in (option, m.baseline)},
                            costs={option: self.flows.costs[option][draw:draw + 1]}, benefits={})
            costs, benefits = (x[0] for x in _increments(m, one, option, m.baseline))
        else:
            costs, benefits = self.flows.costs[option][draw], self.flows.benefits[option][draw]
        df = self.discount_factors if self.discount_factors.ndim == 1 else self.discount_factors[draw]
        net = benefits - costs
        cols[label("costs", lang)] = costs
        cols[label("benefits", lang)] = benefits
        cols[label("net", lang)] = net
        cols[label("discount_factor", lang)] = df
        cols[label("pv_net", lang)] = net * df
        cols[label("cumulative_pv", lang)] = np.cumsum(net * df)
        frame = pd.DataFrame(cols, index=pd.Index(m.periods, name=label("period", lang)))
        return frame

    def table(self, basis: str | None = None, lang: str = "zh"):
        """The metrics table with translated headers (for display; n == 1: per option,
        n > 1: mean, 5th and 95th percentiles of NPV and P(NPV < 0))."""
        import pandas as pd

        check_lang(lang)
        res = self.results(basis)
        rows = {}
        for opt, m in res.items():
            name = self.model.option_label(opt)
            if self.n == 1:
                rows[name] = {label(k, lang): float(m[k][0]) for k in METRICS}
            else:
                npv = m["npv"]
                rows[name] = {label("mean", lang) + " " + label("npv", lang): float(npv.mean()),
                              label("p05", lang): float(np.percentile(npv, 5)),
                              label("p95", lang): float(np.percentile(npv, 95)),
                              label("prob_negative", lang): float((npv < 0).mean())}
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = label("option", lang)
        return frame

    # -- text and html ------------------------------------------------------------
    def _header(self, lang: str) -> list[tuple[str, str]]:
        m = self.model
        rows = [(label("model", lang), m.name)]
        if m.currency:
            rows.append((label("currency", lang), m.currency))
        rows.append((label("discount_rate", lang), self.rate_text()))
        rows.append((msg("method.view.label").render(lang), msg(f"method.view.{self.view}").render(lang)))
        if self.inputs.scenario is not None:
            rows.append((label("scenario", lang), m.scenario_label(self.inputs.scenario, lang)))
        changed = [k for k in self.inputs.changed if k != "discount_rate"]
        if changed and self.n == 1:
            from ..formatting import fmt_value

            rows.append((label("changed", lang), ("、" if lang == "zh" else ", ").join(
                f"{m.parameters[k].label}={fmt_value(self.inputs.values[k][0])}" for k in changed)))
        text = label("horizon_fmt", lang).format(h=m.horizon, years=f"{m.years[0]}-{m.years[-1]}")
        rows.append((label("horizon", lang), text if m.base_year is not None else
                     text.replace("（", "(").split("(")[0].strip()))
        rows.append((label("timing", lang), label(m.timing, lang)))
        if m.baseline is not None:
            rows.append((label("baseline", lang), m.option_label(m.baseline)))
        if self.n > 1:
            rows.append((label("draws", lang), str(self.n)))
        return rows

    def rate_text(self) -> str:
        """The discount schedule actually used, in words (overrides and scenarios included)."""
        from ..finance.schedules import describe_schedule

        rate = self.inputs.rate
        if isinstance(rate, np.ndarray) and rate.ndim >= 1 and rate.size > 1:
            return f"{rate.min():.4g}-{rate.max():.4g} (varies by draw)"
        if "discount_rate" not in self.inputs.changed:
            return self.model.describe_rate()
        return describe_schedule(float(rate[0]) if isinstance(rate, np.ndarray) else rate)

    def summary(self, lang: str = "zh") -> str:
        """Plain-text summary: header, metrics (both bases), notes."""
        from ..formatting import frame_to_text

        check_lang(lang)
        lines = [f"{k}{colon(lang)}{v}" for k, v in self._header(lang)]
        bases = ["incremental", "standalone"] if self.model.baseline is not None else ["standalone"]
        for basis in bases:
            lines += ["", f"[{label(basis, lang)}]", frame_to_text(self.table(basis, lang))]
        if self.notes:
            lines += ["", label("notes", lang) + colon(lang).strip()] + [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        from ..formatting import appraisal_html
        from ..i18n import get_lang

        return appraisal_html(self, get_lang())

    def __repr__(self) -> str:
        return f"<Appraisal of {self.model.name!r}: {len(self.model.options)} options, n={self.n}>"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready results (floats for n == 1, lists of draws otherwise)."""
        import math

        def clean(arr: np.ndarray) -> Any:
            vals = [None if not math.isfinite(x) else float(x) for x in np.asarray(arr, float)]
            return vals[0] if self.n == 1 else vals

        m = self.model
        out: dict[str, Any] = {
            "model": m.name,
            "source": m.source,
            "currency": m.currency,
            "discount_rate": self.rate_text(),
            "scenario": self.inputs.scenario,
            "changed": list(self.inputs.changed),
            "timing": m.timing,
            "view": self.view,
            "baseline": m.baseline,
            "n": self.n,
            "inputs": {k: clean(a) for k, a in self.inputs.values.items()},
            "standalone": {o: {"label": m.option_label(o), **{k: clean(r[k]) for k in METRICS}}
                           for o, r in self.standalone.items()},
        }
        if m.baseline is not None:
            out["incremental"] = {o: {"label": m.option_label(o), "vs": m.baseline,
                                      **{k: clean(r[k]) for k in METRICS}}
                                  for o, r in self.incremental.items()}
        out["notes"] = list(self.notes)
        return out


def appraise(model: Model, *, view: str | None = None, optimism: bool | None = None,
             scenario: str | None = None, **overrides: Any) -> Appraisal:
    """Appraise every option of ``model``, on its own and against the baseline.

    Parameters
    ----------
    model : Model
    view : {"economic", "financial"}, optional
        The view of the lines (:mod:`cba.method.views`); default: the model's main view
        (``economic.main``, economic when not declared). The financial view discounts at
        ``economic.financial_discount_rate`` when the model gives one (unless ``discount_rate``
        is overridden here).
    scenario : str, optional
        Apply a named scenario of the model first.
    optimism : bool, optional
        Apply the model's ``optimism_bias`` uplift (True) or not (False); None follows its
        ``apply`` (see :mod:`cba.method.optimism`).
    **overrides
        Parameter values (numbers, or 1-D arrays of draws of one length) replacing the
        model's, and optionally ``discount_rate`` (any schedule).

    Returns
    -------
    Appraisal
    """
    from ..method.views import check_view, economic_section, main_view

    view = main_view(model) if view is None else check_view(view)
    inputs = resolve_inputs(model, overrides, scenario=scenario)
    frate = economic_section(model).financial_discount_rate
    if view == "financial" and frate is not None and "discount_rate" not in overrides:
        import dataclasses

        inputs = dataclasses.replace(inputs, rate=frate, changed=tuple(inputs.changed) + ("discount_rate",))
    flows = cash_flows(model, inputs, view=view, optimism=optimism)
    result = appraise_flows(model, inputs, flows, view=view)
    from .caveats import outside_range

    outside = outside_range(model, overrides)
    for text in outside:
        warnings.warn(CBAWarning(text), stacklevel=2)   # an instance: filters match its text
    if outside:
        import dataclasses

        result = dataclasses.replace(result, notes=result.notes + tuple(t.render("en") for t in outside),
                                     notes_zh=result.notes_zh + tuple(t.render("zh") for t in outside))
    return result


def appraise_flows(model: Model, inputs: Inputs, flows: CashFlows, *,
                   metrics: Collection[str] | None = None, standalone: bool = True,
                   view: str | None = None) -> Appraisal:
    """Metrics from evaluated cash flows (the vectorised core of :func:`appraise`).

    Searches that need one metric pass ``metrics=("npv",)`` (IRR and paybacks are then NaN)
    and ``standalone=False`` to skip each option's own figures when there is a baseline.
    ``view`` records the view ``flows`` are in (default: the model's main view).
    """
    # period 0 is the present: mid/begin timing shifts later periods only
    offsets = np.maximum(period_offsets(model.horizon + 1, start=0, timing=model.timing), 0.0)
    from ..method.prices import model_discount_factors   # a nominal rate: real by period (Fisher)

    df = model_discount_factors(model, inputs.rate, offsets)
    y0 = model.base_year or 0
    own = model.options if standalone or model.baseline is None else ()
    timing = model.timing
    standalone = {o: metrics_of(flows.costs[o], flows.benefits[o], df, y0, metrics, timing) for o in own}
    incremental = {}
    if model.baseline is not None:
        for o in model.alternatives:
            inc_c, inc_b = _increments(model, flows, o, model.baseline)
            incremental[o] = metrics_of(inc_c, inc_b, df, y0, metrics, timing)
    from .caveats import appraisal_notes

    # partial appraisals (searches) carry no notes: absent metrics are not findings
    notes = appraisal_notes(model, flows, standalone, incremental) if metrics is None else []
    notes_en, notes_zh = (tuple(x) for x in zip(*notes)) if notes else ((), ())
    for res in (standalone, incremental):
        for m in res.values():
            m.pop("_n_roots")
            for arr in m.values():
                arr.flags.writeable = False       # results are frozen, arrays included
    if view is None:
        from ..method.views import main_view

        view = main_view(model)
    return Appraisal(model=model, inputs=inputs, flows=flows, discount_factors=df,
                     standalone=standalone, incremental=incremental, notes=notes_en, notes_zh=notes_zh,
                     view=view)


def _increments(model: Model, flows: CashFlows, o: str, b: str) -> tuple[np.ndarray, np.ndarray]:
    """Incremental (costs, benefits) of option ``o`` over baseline ``b``, matched line by line."""
    signed: dict[str, list[tuple[float, np.ndarray]]] = {}
    for opt, sign in ((o, 1.0), (b, -1.0)):
        for flow in model.options[opt].lines:
            if flow.kind == "effect":           # not money
                continue
            s = sign if flow.kind == "benefit" else -sign
            signed.setdefault(flow.name, []).append((s, flows.lines[opt][flow.name]))
    shape = flows.costs[o].shape
    inc_c, inc_b = np.zeros(shape), np.zeros(shape)
    tmp = np.empty(shape)
    for terms in signed.values():
        if len(terms) == 1:                     # a line of one side only: no temporary difference
            s, d = terms[0]
            if d.size and d.min() >= 0:         # the usual case: non-negative amounts
                (inc_b if s > 0 else inc_c).__iadd__(d)
                continue
        else:
            (s1, a1), (s2, a2) = terms
            d = np.multiply(a1, s1)
            d += a2 * s2
            s = 1.0
        # signed change s * d, split by sign without new arrays
        np.maximum(d, 0, out=tmp)
        (inc_b if s > 0 else inc_c).__iadd__(tmp)
        np.minimum(d, 0, out=tmp)
        (inc_c if s > 0 else inc_b).__isub__(tmp)
    return inc_c, inc_b
