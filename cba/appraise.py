"""Appraise a model: PV of costs and benefits, NPV, BCR, IRR and payback per option.

With a baseline (the counterfactual), every other option is also appraised on
its increment over the baseline.

Notes
-----
Incremental costs and benefits. For option ``o`` against baseline ``b`` the
per-period changes are dC_t = C_o,t - C_b,t and dB_t = B_o,t - B_b,t. Cost
savings (dC_t < 0) count as benefits and forgone benefits (dB_t < 0) as costs:

    incremental benefits_t = max(dB_t, 0) + max(-dC_t, 0)
    incremental costs_t    = max(dC_t, 0) + max(-dB_t, 0)

so NPV = PV(benefits) - PV(costs) = PV(dB - dC), and BCR = PV(benefits) /
PV(costs) compares the extra outlay with what it buys (savings included). This
does not depend on how the lines of an option are split within a period.
IRR and payback use the net flow dB - dC.

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

from . import finance
from .discount import discount_factors, period_offsets
from .errors import CBAWarning, InputError
from .evaluate import CashFlows, Inputs, cash_flows, resolve_inputs
from .i18n import check_lang, label
from .model import Model

__all__ = ["Appraisal", "appraise", "METRICS", "metrics_of"]

#: metric columns of an appraisal, in display order
METRICS = ("pv_costs", "pv_benefits", "npv", "bcr", "irr", "payback", "discounted_payback", "breakeven_year")


def metrics_of(costs: np.ndarray, benefits: np.ndarray, df: np.ndarray,
               first_year: int = 0, want: Collection[str] | None = None) -> dict[str, np.ndarray]:
    """Metrics of cost and benefit streams ``(n, T)`` with discount factors ``(T,)`` or ``(n, T)``.

    Returns arrays of shape ``(n,)``; BCR is NaN where PV costs is 0, IRR NaN where it is not
    unique, payback NaN where the cumulative net flow never turns non-negative.
    ``discounted_payback`` is the payback of the discounted net flow (with the model's timing);
    ``breakeven_year`` is the calendar year (``first_year`` + period) of the first period whose
    cumulative discounted net flow is >= 0 after having been negative (``first_year`` when it is
    never negative).

    ``want`` limits the costly metrics (IRR, the paybacks) to those named; the others come back
    as NaN. PVs, NPV and BCR are always computed.
    """
    pv_c = _pv(costs, df)
    pv_b = _pv(benefits, df)
    n = pv_c.shape[0]
    nan = np.full(n, np.nan)
    net = benefits - costs
    with np.errstate(divide="ignore", invalid="ignore"):
        bcr = np.where(pv_c > 0, pv_b / np.where(pv_c > 0, pv_c, 1.0), np.nan)
    out = {"pv_costs": pv_c, "pv_benefits": pv_b, "npv": pv_b - pv_c, "bcr": bcr}
    if want is None or "irr" in want:
        irr, n_roots = finance.irr_solve(net)
        out["irr"] = np.asarray(irr, dtype=float).reshape(-1)
        out["_n_roots"] = np.asarray(n_roots).reshape(-1)
    else:
        out["irr"], out["_n_roots"] = nan, np.full(n, -1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CBAWarning)
        out["payback"] = (np.asarray(finance.payback(net), dtype=float).reshape(-1)
                          if want is None or "payback" in want else nan)
        disc = (np.asarray(finance.payback(net * df), dtype=float).reshape(-1)
                if want is None or {"discounted_payback", "breakeven_year"} & set(want) else nan)
    out["discounted_payback"] = disc
    out["breakeven_year"] = first_year + np.ceil(disc)
    return out


def _pv(values: np.ndarray, df: np.ndarray) -> np.ndarray:
    return values @ df if df.ndim == 1 else np.einsum("ij,ij->i", values, df)


@dataclass(frozen=True)
class Appraisal:
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
    """

    model: Model
    inputs: Inputs
    flows: CashFlows
    discount_factors: np.ndarray
    standalone: Mapping[str, Mapping[str, np.ndarray]]
    incremental: Mapping[str, Mapping[str, np.ndarray]]
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    # -- access -----------------------------------------------------------------
    def notes_in(self, lang: str = "zh") -> tuple[str, ...]:
        """The notes in ``lang`` ("zh" or "en")."""
        return self.notes_zh if check_lang(lang) == "zh" else self.notes

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
            raise InputError(f"expected 'standalone' or 'incremental', got {basis!r}", where="basis")
        if basis == "incremental" and self.model.baseline is None:
            raise InputError("the model has no baseline, so there are no incremental results",
                             where="basis")
        return self.standalone if basis == "standalone" else self.incremental

    def __getitem__(self, key: tuple[str, str]) -> Any:
        """``a[option, metric]``: a float for one draw, else an array (default basis)."""
        option, metric = key
        res = self.results()
        if option not in res:
            from .validate import unknown_name

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

    def cash_flow_table(self, option: str | None = None, *, draw: int = 0, lang: str = "en"):
        """Per-period cash flows of one option (incremental against the baseline if there is one).

        Columns: year, each flow line (costs negative), total costs, total benefits, net flow,
        discount factor, PV of the net flow and cumulative PV.
        """
        import pandas as pd

        m = self.model
        option = option or m.alternatives[0]
        if option not in m.options:
            from .validate import unknown_name

            raise InputError(unknown_name(option, list(m.options), "option"), where="option")
        cols: dict[str, Any] = {label("year", lang): m.years}
        sides = [(option, 1.0)]
        if m.baseline is not None and option != m.baseline:
            sides.append((m.baseline, -1.0))
        for opt, sign in sides:
            for flow in m.options[opt].flows:
                arr = self.flows.lines[opt][flow.name][draw]
                signed = arr if flow.kind == "benefit" else -arr
                name = flow.label if sign > 0 else f"{flow.label} ({m.option_label(opt)})"
                cols[name] = sign * signed + 0.0          # + 0.0 turns -0.0 into 0.0
        costs = sum(s * self.flows.costs[o][draw] for o, s in sides)
        benefits = sum(s * self.flows.benefits[o][draw] for o, s in sides)
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
        rows.append((label("discount_rate", lang), m.describe_rate() if "discount_rate" not in
                     self._overridden() else str(self.inputs.rate)))
        text = label("horizon_fmt", lang).format(h=m.horizon, years=f"{m.years[0]}-{m.years[-1]}")
        rows.append((label("horizon", lang), text if m.base_year is not None else text.split("(")[0].strip()))
        rows.append((label("timing", lang), label(m.timing, lang)))
        if m.baseline is not None:
            rows.append((label("baseline", lang), m.option_label(m.baseline)))
        if self.n > 1:
            rows.append((label("draws", lang), str(self.n)))
        return rows

    def _overridden(self) -> set[str]:
        return set()

    def summary(self, lang: str = "zh") -> str:
        """Plain-text summary: header, metrics (both bases), notes."""
        from .formatting import frame_to_text

        check_lang(lang)
        lines = [f"{k}: {v}" for k, v in self._header(lang)]
        bases = ["incremental", "standalone"] if self.model.baseline is not None else ["standalone"]
        for basis in bases:
            lines += ["", f"[{label(basis, lang)}]", frame_to_text(self.table(basis, lang))]
        if self.notes:
            lines += ["", label("notes", lang) + ":"] + [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .formatting import appraisal_html

        return appraisal_html(self, "zh")

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
            "discount_rate": m.describe_rate(),
            "timing": m.timing,
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


def appraise(model: Model, *, scenario: str | None = None, **overrides: Any) -> Appraisal:
    """Appraise every option of ``model``, on its own and against the baseline.

    Parameters
    ----------
    model : Model
    scenario : str, optional
        Apply a named scenario of the model first.
    **overrides
        Parameter values (numbers, or 1-D arrays of draws of one length) replacing the
        model's, and optionally ``discount_rate`` (any schedule).

    Returns
    -------
    Appraisal
    """
    inputs = resolve_inputs(model, overrides, scenario=scenario)
    flows = cash_flows(model, inputs)
    return appraise_flows(model, inputs, flows)


def appraise_flows(model: Model, inputs: Inputs, flows: CashFlows, *,
                   metrics: Collection[str] | None = None, standalone: bool = True) -> Appraisal:
    """Metrics from evaluated cash flows (the vectorised core of :func:`appraise`).

    Searches that need one metric pass ``metrics=("npv",)`` (IRR and paybacks are then NaN)
    and ``standalone=False`` to skip each option's own figures when there is a baseline.
    """
    offsets = period_offsets(model.horizon + 1, start=0, timing=model.timing)
    df = np.asarray(discount_factors(inputs.rate, offsets), dtype=float)
    y0 = model.base_year or 0
    own = model.options if standalone or model.baseline is None else ()
    standalone = {o: metrics_of(flows.costs[o], flows.benefits[o], df, y0, metrics) for o in own}
    incremental = {}
    if model.baseline is not None:
        b = model.baseline
        for o in model.alternatives:
            d_c = flows.costs[o] - flows.costs[b]
            d_b = flows.benefits[o] - flows.benefits[b]
            inc_b = np.maximum(d_b, 0) + np.maximum(-d_c, 0)
            inc_c = np.maximum(d_c, 0) + np.maximum(-d_b, 0)
            incremental[o] = metrics_of(inc_c, inc_b, df, y0, metrics)
    # partial appraisals (searches) carry no notes: absent metrics are not findings
    notes = _notes(model, flows, standalone, incremental) if metrics is None else []
    notes_en, notes_zh = (tuple(x) for x in zip(*notes)) if notes else ((), ())
    for res in (standalone, incremental):
        for m in res.values():
            m.pop("_n_roots")
    return Appraisal(model=model, inputs=inputs, flows=flows, discount_factors=df,
                     standalone=standalone, incremental=incremental, notes=notes_en, notes_zh=notes_zh)


def _notes(model: Model, flows: CashFlows, standalone: dict, incremental: dict) -> list[tuple[str, str]]:
    """Say what is absent or not unique, instead of choosing silently: ``[(english, chinese), ...]``."""
    notes = []
    b = model.baseline
    # IRR and payback matter for the figures a reader compares: increments when there is a
    # baseline, each option alone otherwise (a cost-only option has no IRR by nature).
    results = incremental if b is not None else standalone
    for o, m in results.items():
        who = model.option_label(o) + (f" vs {model.option_label(b)}" if b is not None else "")
        who_zh = model.option_label(o) + (f"相对{model.option_label(b)}" if b is not None else "")
        roots = m["_n_roots"]
        n = len(roots)
        some = (lambda k: "" if n == 1 else f" in {k} of {n} draws")  # noqa: E731
        some_zh = (lambda k: "" if n == 1 else f"({n}次抽样中有{k}次)")  # noqa: E731
        several, none = roots > 1, (roots == 0) & (m["npv"] != 0)
        if several.any():
            if n == 1:
                net = flows.benefits[o] - flows.costs[o]
                if b is not None:
                    net = net - (flows.benefits[b] - flows.costs[b])
                rs = ", ".join(f"{r:.4%}" for r in finance.irr_roots(net[0]))
                k = int(roots[0])
                notes.append((f"{who}: IRR is not unique: the net flow has {k} IRRs ({rs}); judge by NPV",
                              f"{who_zh}:内部收益率不唯一,净现金流有{k}个内部收益率({rs}),应以净现值判断"))
            else:
                k = int(several.sum())
                notes.append((f"{who}: IRR is not unique{some(k)}", f"{who_zh}:内部收益率不唯一{some_zh(k)}"))
        if none.any():
            k = int(none.sum())
            notes.append((f"{who}: IRR does not exist{some(k)} (the net flow never changes sign)",
                          f"{who_zh}:内部收益率不存在{some_zh(k)}(净现金流符号始终不变)"))
        never = np.isnan(m["payback"])
        if never.any():
            k = int(never.sum())
            notes.append((f"{who}: not paid back within the horizon{some(k)}",
                          f"{who_zh}:计算期内未能收回投资{some_zh(k)}"))
        if b is not None and n == 1 and m["pv_costs"][0] <= 0 and m["pv_benefits"][0] > 0:
            notes.append((f"{who}: no period has extra cost, only savings or benefits: the option "
                          "dominates the baseline (BCR undefined)",
                          f"{who_zh}:各期均无新增费用,只有节约或效益,该方案优于基准方案(效益费用比无定义)"))
    return notes
