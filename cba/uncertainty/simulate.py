"""Monte Carlo simulation of a model: draws of every input with a distribution (correlated as the
model file says), evaluated in chunks through the one vectorised evaluation path.

Reproducibility: draw ``i`` depends only on the seed, the method and ``i`` (see
:func:`cba.uncertainty.sampling.sample_inputs`), so a run gives the same numbers whatever the
chunk size and the number of worker processes.

Memory: chunks of draws are evaluated one at a time, so a run needs the cash flows of one chunk
plus what it keeps. ``keep="draws"`` (the default) keeps every draw of the metrics and inputs
(about ``8 * n * (options * metrics + inputs)`` bytes: 10 million draws of the kiosk model
keep about 1.1 GB); ``keep="summary"`` keeps running moments, counts and a fine histogram per
metric and option instead (a few MB whatever ``n``), for runs larger than memory. Quantiles of a
summary run are read from its histogram (4,096 bins over the range of the first chunk, widened;
the result says so, with the bin width).

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 3, "discount_rate": 0.1,
...     "parameters": {"saving": {"value": 40, "low": 30, "high": 50, "distribution": "uniform"}},
...     "options": {"buy": {"flows": [{"name": "p", "kind": "cost", "amount": "100", "at": 0},
...                                  {"name": "s", "kind": "benefit", "amount": "saving"}]}}})
>>> sim = cba.simulate(m, n=20_000, seed=1)
>>> round(sim.prob_negative(), 2)        # NPV < 0 where saving < 100 / 2.48685 = 40.21
0.51
"""
from __future__ import annotations

import math
import os
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import CBAWarning, InputError
from ..i18n import Bilingual, check_lang, get_lang, label, msg
from ..display import RichDisplay

__all__ = ["Simulation", "simulate", "METHODS", "KEEP"]

METHODS = ("mc", "lhs", "sobol")
KEEP = ("draws", "summary")
_BINS = 4096
_ADD_ROWS = 1 << 20
#: draws on which the achieved rank correlations are measured (their error is ~ 1 / sqrt(n))
CORRELATION_DRAWS = 1_000_000
#: draws below which one process is used by default (starting workers costs more than it saves)
PARALLEL_FROM = 1_000_000


# -- running summaries ---------------------------------------------------------------------

@dataclass
class _Running:
    """Moments (shifted power sums), counts and a fixed-bin histogram of one metric's draws."""

    n: int = 0                 # draws seen
    finite: int = 0            # finite draws among them
    shift: float = math.nan
    s: np.ndarray = field(default_factory=lambda: np.zeros(4))
    below_zero: int = 0
    below_one: int = 0
    lo: float = math.inf
    hi: float = -math.inf
    edges: np.ndarray | None = None
    counts: np.ndarray | None = None
    under: int = 0
    over: int = 0

    def add(self, x: np.ndarray) -> None:
        x = np.asarray(x, dtype=float)
        if x.size > _ADD_ROWS:            # bounded temporaries whatever the number of draws
            for i in range(0, x.size, _ADD_ROWS):
                self.add(x[i:i + _ADD_ROWS])
            return
        self.n += x.size
        x = x[np.isfinite(x)]
        if not x.size:
            return
        if math.isnan(self.shift):
            self.shift = float(x.mean())
            lo, hi = float(x.min()), float(x.max())
            pad = max(hi - lo, abs(self.shift) * 1e-6, 1e-12) * 0.5
            self.edges = np.linspace(lo - pad, hi + pad, _BINS + 1)
            self.counts = np.zeros(_BINS, dtype=np.int64)
        self.finite += x.size
        d = x - self.shift
        d2 = d * d
        self.s += (d.sum(), d2.sum(), (d2 * d).sum(), (d2 * d2).sum())
        self.below_zero += int((x < 0).sum())
        self.below_one += int((x < 1).sum())
        self.lo, self.hi = min(self.lo, float(x.min())), max(self.hi, float(x.max()))
        # uniform bins given by number and range: numpy's fast path (no sort)
        c, _ = np.histogram(x, bins=_BINS, range=(self.edges[0], self.edges[-1]))
        self.counts += c
        self.under += int((x < self.edges[0]).sum())
        self.over += int((x > self.edges[-1]).sum())

    def moments(self) -> tuple[float, float, float, float]:
        """Mean, standard deviation and their Monte Carlo standard errors (independent draws)."""
        k = self.finite
        if k == 0:
            return (math.nan,) * 4
        m1 = self.s[0] / k
        mean = self.shift + m1
        c2 = max(self.s[1] / k - m1 ** 2, 0.0)
        c4 = self.s[3] / k - 4 * m1 * self.s[2] / k + 6 * m1 ** 2 * self.s[1] / k - 3 * m1 ** 4
        var = c2 * k / (k - 1) if k > 1 else math.nan
        sd = math.sqrt(var) if k > 1 else math.nan
        se_mean = sd / math.sqrt(k) if k > 1 else math.nan
        # delta method: Var(s) ~ (mu4 - sigma^4) / (4 n sigma^2)
        se_sd = math.sqrt(max(c4 - c2 ** 2, 0.0) / (4 * k * c2)) if k > 1 and c2 > 0 else math.nan
        return mean, sd, se_mean, se_sd

    def quantile(self, q: float) -> float:
        """A quantile interpolated within the histogram's bins (exact to one bin width)."""
        if self.counts is None:
            return math.nan
        cum = np.concatenate([[self.under], self.under + np.cumsum(self.counts)])
        target = q * self.finite
        if target <= self.under:
            return self.lo
        if target >= cum[-1]:
            return self.hi
        j = int(np.searchsorted(cum, target, side="left"))
        j = min(max(j, 1), _BINS)
        c0, c1 = cum[j - 1], cum[j]
        frac = 0.0 if c1 == c0 else (target - c0) / (c1 - c0)
        return float(self.edges[j - 1] + frac * (self.edges[j] - self.edges[j - 1]))


# -- the result ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Simulation(RichDisplay, Bilingual):
    """Results of :func:`simulate`.

    Attributes
    ----------
    model : Model
    n, seed, method : int, int or None, str
    scenario : str or None
    sampled : tuple of str
        Parameters drawn from their distributions (file order).
    fixed : mapping
        Parameters held at a given value (``simulate(..., name=value)``).
    basis : {"incremental", "standalone"}
        Incremental against the baseline when the model has one.
    options : tuple of str
        The options whose metrics were kept (the alternatives when there is a baseline).
    metrics : tuple of str
        ``("npv", "bcr")``, plus ``"irr"`` when asked for.
    workers : int
        Worker processes used (1: this process).
    keep : {"draws", "summary"}
    notes, notes_zh : tuple of str
    """

    model: Any
    n: int
    seed: int | None
    method: str
    scenario: str | None
    sampled: tuple[str, ...]
    fixed: Mapping[str, Any]
    basis: str
    options: tuple[str, ...]
    metrics: tuple[str, ...]
    workers: int
    keep: str
    _draws: Mapping[str, Mapping[str, np.ndarray]] | None = field(repr=False, default=None)
    _inputs: Mapping[str, np.ndarray] | None = field(repr=False, default=None)
    _running: Mapping[str, Mapping[str, _Running]] = field(repr=False, default_factory=dict)
    correlation: Any = None
    seconds: float = 0.0
    _cea: Mapping[str, Mapping[str, np.ndarray]] | None = field(repr=False, default=None)
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()

    # -- draws --------------------------------------------------------------------------
    def _frame(self, metric: str):
        import pandas as pd

        if metric not in self.metrics:
            raise InputError(msg("uncertainty.metric_not_run", metric=metric, run=", ".join(self.metrics)),
                             where="metric")
        if self._draws is None:
            raise InputError(msg("uncertainty.no_draws"), where="keep")
        return pd.DataFrame({o: self._draws[metric][o] for o in self.options})

    @property
    def npv(self):
        """Draws of the NPV (incremental against the baseline where there is one): a DataFrame
        with one column per option."""
        return self._frame("npv")

    @property
    def bcr(self):
        """Draws of the BCR, one column per option."""
        return self._frame("bcr")

    @property
    def irr(self):
        """Draws of the IRR (only when ``simulate(..., irr=True)``), one column per option."""
        return self._frame("irr")

    @property
    def inputs(self):
        """The sampled inputs, one column per parameter (DataFrame)."""
        import pandas as pd

        if self._inputs is None:
            raise InputError(msg("uncertainty.no_draws"), where="keep")
        return pd.DataFrame(dict(self._inputs))

    def draws_of(self, metric: str = "npv", option: str | None = None) -> np.ndarray:
        """The draws of one metric of one option as an array (read-only)."""
        self._frame(metric)
        return self._draws[metric][self._option(option)]

    # -- statistics ---------------------------------------------------------------------
    def _option(self, option: str | None) -> str:
        if option is None:
            return self.options[0] if len(self.options) == 1 else self.model.resolve_option(None)
        if option not in self.options:
            raise InputError(v.unknown_name(str(option), list(self.options), "option"), where="option")
        return option

    def _stat(self, metric: str) -> Mapping[str, _Running]:
        if metric not in self.metrics:
            raise InputError(msg("uncertainty.metric_not_run", metric=metric, run=", ".join(self.metrics)),
                             where="metric")
        if metric not in self._running:         # kept draws: summarised when first asked
            stats = {o: _Running() for o in self.options}
            for o, r in stats.items():
                r.add(self._draws[metric][o])
            self._running[metric] = stats
        return self._running[metric]

    def prob_negative(self, option: str | None = None, metric: str = "npv") -> float:
        """Share of draws with the metric below zero (for ``bcr``: below one), among all draws.

        Draws where the metric does not exist (an IRR that is absent, a BCR without costs) count
        as not below; the count of such draws is in :meth:`to_frame`.
        """
        r = self._stat(metric)[self._option(option)]
        return (r.below_one if metric == "bcr" else r.below_zero) / r.n

    def quantiles(self, q: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95), metric: str = "npv"):
        """Quantiles per option (a DataFrame: options x q): exact from the draws, or read from the
        histogram of a summary run (to one bin width)."""
        import pandas as pd

        qs = [v.number(x, "q") for x in q]
        rows = {}
        for o in self.options:
            if self._draws is not None:
                x = self._draws[metric][o]
                x = x[np.isfinite(x)]
                rows[o] = np.quantile(x, qs) if x.size else [math.nan] * len(qs)
            else:
                rows[o] = [self._stat(metric)[o].quantile(x) for x in qs]
        return pd.DataFrame.from_dict(rows, orient="index", columns=qs)

    def moments(self, metric: str = "npv"):
        """Mean and standard deviation per option with their Monte Carlo standard errors
        (DataFrame: ``mean``, ``se_mean``, ``sd``, ``se_sd``).

        The standard errors assume independent draws (``method="mc"``); Latin hypercube and
        Sobol draws are usually more precise, so for them they are conservative."""
        import pandas as pd

        rows = {}
        for o in self.options:
            mean, sd, se_mean, se_sd = self._stat(metric)[o].moments()
            rows[o] = {"mean": mean, "se_mean": se_mean, "sd": sd, "se_sd": se_sd}
        return pd.DataFrame.from_dict(rows, orient="index")

    def se_prob_negative(self, option: str | None = None, metric: str = "npv") -> float:
        """Monte Carlo standard error of :meth:`prob_negative`, sqrt(p (1 - p) / n)."""
        p = self.prob_negative(option, metric)
        return math.sqrt(p * (1 - p) / self.n)

    def to_frame(self, lang: str | None = None):
        """One row per option and metric: mean, its standard error, sd, P(NPV < 0) (BCR: P(< 1)) with
        its standard error, 5th, 50th and 95th percentiles, and draws where the metric does not
        exist."""
        import pandas as pd

        L = check_lang(lang or get_lang())
        rows = []
        for metric in self.metrics:
            q = self.quantiles((0.05, 0.5, 0.95), metric)
            for o in self.options:
                r = self._stat(metric)[o]
                mean, sd, se_mean, _ = r.moments()
                # P(NPV < 0), P(BCR < 1); an IRR has no fixed threshold here (compare it with the
                # discount rate): none
                p = math.nan if metric == "irr" else (r.below_one if metric == "bcr" else r.below_zero) / r.n
                rows.append({
                    "_option": self.model.option_label(o),
                    label("metric", L): label(metric, L),
                    label("mean", L): mean, label("se_mean", L): se_mean, label("sd", L): sd,
                    label("prob_unfavourable", L): p,
                    label("se_prob", L): math.sqrt(p * (1 - p) / r.n) if math.isfinite(p) else math.nan,
                    label("p05", L): q.loc[o, 0.05], label("p50", L): q.loc[o, 0.5], label("p95", L): q.loc[o, 0.95],
                    label("undefined_draws", L): f"{r.n - r.finite:,}",
                })
        frame = pd.DataFrame(rows).set_index("_option")
        frame.index.name = label("option", L)
        return frame

    def summary(self, lang: str | None = None) -> str:
        """A plain-text summary: the run (draws, method, seed, inputs) and the statistics."""
        from ..formatting import fmt_rate, frame_to_text

        L = check_lang(lang or get_lang())
        head = msg("uncertainty.summary_head", n=f"{self.n:,}", method=label(f"method_{self.method}", L),
                   seed=self.seed if self.seed is not None else "—", k=len(self.sampled),
                   basis=label(self.basis, L)).render(L)
        frame = self.to_frame(L)
        if "irr" in self.metrics:          # IRR rows as rates (the columns' format is for money)
            rows = frame[label("metric", L)] == label("irr", L)
            for c in (label(k, L) for k in ("mean", "se_mean", "sd", "p05", "p50", "p95")):
                frame[c] = frame[c].astype(object)
                frame.loc[rows, c] = [fmt_rate(x) for x in frame.loc[rows, c]]
        parts = [head, frame_to_text(frame)]
        if self.correlation is not None:
            parts.append(frame_to_text(self.correlation.to_frame(L) if hasattr(self.correlation, "to_frame")
                                       else self.correlation))
        notes = self.notes_in(L)
        if notes:
            parts.append("\n".join(f"- {t}" for t in notes))
        return "\n\n".join(parts)


    def _repr_html_(self) -> str:
        import html

        from ..formatting import frame_to_html

        L = get_lang()
        head = msg("uncertainty.summary_head", n=f"{self.n:,}", method=label(f"method_{self.method}", L),
                   seed=self.seed if self.seed is not None else "—", k=len(self.sampled),
                   basis=label(self.basis, L)).render(L)
        out = [f"<div class='cba-simulation'><p><b>{html.escape(head)}</b></p>", frame_to_html(self.to_frame(L))]
        notes = self.notes_in(L)
        if notes:
            out.append("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in notes) + "</ul>")
        out.append("</div>")
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        """The run and its statistics as plain JSON-ready data (no draws)."""
        def clean(x: float) -> float | None:
            return None if not math.isfinite(x) else float(x)

        stats: dict[str, Any] = {}
        for metric in self.metrics:
            q = self.quantiles((0.05, 0.25, 0.5, 0.75, 0.95), metric)
            for o in self.options:
                r = self._stat(metric)[o]
                mean, sd, se_mean, se_sd = r.moments()
                stats.setdefault(o, {})[metric] = {
                    "mean": clean(mean), "se_mean": clean(se_mean), "sd": clean(sd), "se_sd": clean(se_sd),
                    "prob_below": clean((r.below_one if metric == "bcr" else r.below_zero) / r.n),
                    "below": 1.0 if metric == "bcr" else 0.0,
                    "quantiles": {str(k): clean(float(q.loc[o, k])) for k in q.columns},
                    "undefined_draws": r.n - r.finite}
        out = {"model": self.model.name, "source": self.model.source, "n": self.n, "seed": self.seed,
               "method": self.method, "scenario": self.scenario, "sampled": list(self.sampled),
               "fixed": {k: x for k, x in self.fixed.items() if isinstance(x, float)},
               "basis": self.basis, "baseline": self.model.baseline, "workers": self.workers,
               "keep": self.keep, "statistics": stats, "notes": list(self.notes)}
        return out

    def __repr__(self) -> str:
        return (f"Simulation(n={self.n}, method={self.method!r}, seed={self.seed!r}, "
                f"options={list(self.options)}, metrics={list(self.metrics)})")

    # -- decisions under uncertainty -------------------------------------------------------
    def net_benefit(self):
        """NPV draws of every choice (DataFrame): with a baseline, the baseline (0: NPVs are
        increments over it) and each alternative; without one, doing nothing (0) and each option."""
        import pandas as pd

        m = self.model
        frame = self.npv.rename(columns=m.option_label)
        first = m.option_label(m.baseline) if m.baseline is not None else msg("uncertainty.do_nothing").render()
        return pd.concat([pd.DataFrame({first: np.zeros(self.n)}), frame], axis=1)

    def evpi(self):
        """Expected value of perfect information for the choice (see :func:`cba.uncertainty.evpi`),
        in the model's currency, present value."""
        from .voi import evpi

        return evpi(self.net_benefit())

    def evppi(self, names, *, method: str = "regression"):
        """Expected value of partial perfect information about one parameter or a group
        (see :func:`cba.uncertainty.evppi`)."""
        from .voi import evppi

        names = [names] if isinstance(names, str) else list(names)
        inputs = self.inputs
        for k in names:
            if k not in inputs.columns:
                raise InputError(v.unknown_name(str(k), list(inputs.columns)), where="names")
        return evppi(self.net_benefit(), inputs[names], method=method)

    def rank_importance(self, option: str | None = None):
        """Which sampled input moves the NPV most: Spearman rank correlations and their shares
        of the squared total (see :func:`cba.uncertainty.rank_importance`)."""
        from .gsa import rank_importance

        inputs = self.inputs
        return rank_importance({k: inputs[k].to_numpy() for k in inputs.columns}, self.draws_of("npv", option))

    def ceac(self, wtp: Any = None):
        """Cost-effectiveness acceptability curves of every option (the baseline included) from
        the draws of each option's PV of costs and of effects (model lines ``kind: effect``);
        ``wtp``: values per unit of effect (default: 0 to three times the largest ICER of the mean
        costs and effects, 61 points). See :func:`cba.uncertainty.ceac`."""
        from .cea import ceac, icer

        if self._cea is None:
            raise InputError(msg("analysis.no_effects") if self.model.effect_unit is None
                             else msg("uncertainty.no_draws"), where="ceac")
        keys = list(self.model.options)
        labels = [self.model.option_label(o) for o in keys]
        cost = np.column_stack([self._cea["cost"][o] for o in keys])
        effect = np.column_stack([self._cea["effect"][o] for o in keys])
        if wtp is None:
            table = icer(labels, cost.mean(axis=0), effect.mean(axis=0))
            top = float(np.nanmax(np.abs(table["icer"].to_numpy(dtype=float)), initial=0.0))
            if not top > 0:
                spread = np.abs(cost.mean(axis=0)).max() / max(np.abs(effect.mean(axis=0)).max(), 1e-12)
                top = float(spread) if spread > 0 else 1.0
            wtp = np.linspace(0.0, 3.0 * top, 61)
        return ceac(cost, effect, wtp, strategies=labels)

    # -- plots ----------------------------------------------------------------------------
    def plot_hist(self, option: str | None = None, *, lang: str | None = None, bins: int = 60):
        """Histogram of the NPV draws with the zero line, the 5th/95th percentiles and P(NPV < 0)."""
        from ..report.figures import npv_histogram

        return npv_histogram(self.draws_of("npv", option), lang=check_lang(lang or get_lang()),
                             currency=self.model.currency, bins=bins, incremental=self.basis == "incremental")

    def plot_cdf(self, option: str | None = None, *, lang: str | None = None):
        """Empirical CDF of the NPV draws, with P(NPV < 0) marked."""
        from ..plots.charts import plot_cdf

        return plot_cdf(self.draws_of("npv", option), lang=check_lang(lang or get_lang()),
                        currency=self.model.currency, incremental=self.basis == "incremental")


# -- the run ---------------------------------------------------------------------------------

_WORKER_MODEL: dict[str, Any] = {}


def _chunk_metrics(model, spec: Mapping[str, Any], start: int, stop: int) -> dict[str, Any]:
    """Sample draws ``start..stop`` at once, evaluate them ``spec["rows"]`` at a time (chunks
    small enough for the processor's cache): ``{"metrics": {m: {o: arr}}, "inputs": {...}}``."""
    from ..analysis.appraise import appraise_flows
    from ..model.evaluate import cash_flows, resolve_inputs
    from .sampling import sample_inputs

    n = stop - start
    # total: Latin hypercube strata and rank correlations are imposed per block of the whole run
    with warnings.catch_warnings():     # what sampling would warn about is in the result's notes
        warnings.simplefilter("ignore", CBAWarning)
        drawn = sample_inputs(model, n, seed=spec["seed"], method=spec["method"], start=start, total=spec["n"],
                              names=spec["names"])
    metrics = {m: {o: np.empty(n) for o in spec["options"]} for m in spec["metrics"]}
    cea = {k: {o: np.empty(n) for o in model.options} for k in ("cost", "effect")} if spec["cea"] else None
    rows = spec["rows"]
    for a in range(0, n, rows):
        b = min(a + rows, n)
        part = {k: x[a:b] for k, x in drawn.items()}
        inputs = resolve_inputs(model, {**part, **spec["fixed"]}, scenario=spec["scenario"])
        flows = cash_flows(model, inputs)
        appr = appraise_flows(model, inputs, flows, metrics=spec["metrics"], standalone=model.baseline is None)
        res = appr.incremental if model.baseline is not None else appr.standalone
        for m, per in metrics.items():
            for o, arr in per.items():
                arr[a:b] = res[o][m]
        if cea is not None:       # each option's own PV of costs and of effects (kind: effect)
            from ..analysis.effectiveness import present_costs_and_effects

            for k, got in zip(("cost", "effect"), present_costs_and_effects(model, appr)):
                for o, arr in cea[k].items():
                    arr[a:b] = got[o]
    return {"metrics": metrics, "inputs": drawn if spec["keep"] == "draws" else None, "cea": cea}


def _worker(spec: Mapping[str, Any], start: int, stop: int) -> dict[str, Any]:
    """Run one chunk in a worker process; the model is rebuilt once per process from its dict."""
    key = spec["model_key"]
    if key not in _WORKER_MODEL:
        from ..model.model import Model

        _WORKER_MODEL.clear()
        _WORKER_MODEL[key] = Model.from_dict(spec["model_dict"], source=spec["source"])
    return _chunk_metrics(_WORKER_MODEL[key], spec, start, stop)


#: draws sampled at a time (one task of a worker process)
TASK_DRAWS = 2 ** 16


def chunk_draws(model) -> int:
    """Draws evaluated at a time: a power of two near 2**17 / periods, so that one line's array
    (draws x periods) stays near 1 MB, in the processor's cache (8,192 for 11 periods; measured
    2-3x faster than chunks of 65,536 draws), at least 256."""
    periods = model.horizon + 1
    return int(min(TASK_DRAWS, max(256, 2 ** int(np.floor(np.log2(2 ** 17 / periods))))))


def simulate(model, n: int = 10_000, *, seed: int | None = None, method: str = "mc",
             scenario: str | None = None, irr: bool = False, keep: str = "draws",
             workers: int | None = None, chunk: int | None = None,
             progress: Callable[[int, int], None] | None = None, **fixed: Any) -> Simulation:
    """Draw every parameter with a distribution ``n`` times and evaluate the model on the draws.

    Parameters
    ----------
    model : Model
    n : int
        Number of draws.
    seed : int, optional
        Seed of the draws; the same seed gives the same draws whatever ``chunk`` and ``workers``.
        ``None`` draws fresh entropy (the result records no seed: not reproducible).
    method : {"mc", "lhs", "sobol"}
        Simple random sampling, Latin hypercube (stratified within each block of draws) or
        scrambled Sobol points (see :mod:`cba.uncertainty.sampling`).
    scenario : str, optional
        A named scenario of the model: the parameters it sets are held at its values (not drawn,
        as in a report of the scenario; the result's notes name them).
    irr : bool
        Also keep the IRR of each draw (costs more).
    keep : {"draws", "summary"}
        Keep every draw, or running summaries only (for runs larger than memory).
    workers : int, optional
        Worker processes; default one per core from :data:`PARALLEL_FROM` draws, else 1.
    chunk : int, optional
        Draws evaluated at a time (default :func:`chunk_draws`); never changes the results.
        Draws are sampled :data:`TASK_DRAWS` at a time (a task of a worker process).
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk.
    **fixed
        Parameters held at a value instead of drawn (and ``discount_rate``).

    Returns
    -------
    Simulation
    """
    from ..model.model import Model

    if not isinstance(model, Model):
        raise InputError(msg("uncertainty.not_a_model", got=type(model).__name__), where="model")
    n = v.integer(n, "n", minimum=1)
    if seed is None:
        seed = None
    elif not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise InputError(msg("uncertainty.seed", got=v.show(seed)), where="seed")
    method = v.choice(method, "method", METHODS)
    keep = v.choice(keep, "keep", KEEP)
    fixed = model.check_overrides(fixed, where="fixed")
    by_scenario: dict[str, Any] = {}
    if scenario is not None and scenario in model.scenarios:
        # a scenario's values are held, as a report of the scenario holds them: not drawn over
        by_scenario = {k: x for k, x in model.scenarios[scenario].items()
                       if k in model.parameters and k not in fixed and model.parameters[k].distribution is not None}
    sampled = tuple(k for k, p in model.parameters.items()
                    if p.distribution is not None and k not in fixed and k not in by_scenario)
    if not sampled:
        raise InputError(msg("uncertainty.nothing_to_draw"), where="parameters")
    if scenario is not None:
        from ..model.evaluate import resolve_inputs

        resolve_inputs(model, {}, scenario=scenario)      # names an unknown scenario
    options = model.alternatives if model.baseline is not None else tuple(model.options)
    metrics = ("npv", "bcr") + (("irr",) if irr else ())
    chunk = chunk_draws(model) if chunk is None else v.integer(chunk, "chunk", minimum=1)
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if n >= PARALLEL_FROM else 1
    workers = v.integer(workers, "workers", minimum=1)
    task = max(TASK_DRAWS, chunk)
    ranges = [(a, min(a + task, n)) for a in range(0, n, task)]
    workers = min(workers, len(ranges))
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (2 ** 63))
        recorded = None
    else:
        recorded = int(seed)
    spec = {"seed": int(seed), "method": method, "fixed": {**by_scenario, **fixed}, "scenario": scenario,
            "metrics": metrics, "options": options, "keep": keep, "rows": chunk, "n": n, "names": list(sampled),
            "cea": model.effect_unit is not None and keep == "draws"}

    # summary runs keep running statistics; runs that keep the draws summarise them when asked
    running = {m: {o: _Running() for o in options} for m in metrics} if keep == "summary" else {}
    kept = {m: {o: np.empty(n) for o in options} for m in metrics} if keep == "draws" else None
    kept_inputs: dict[str, np.ndarray] | None = None
    kept_cea = ({k: {o: np.empty(n) for o in model.options} for k in ("cost", "effect")} if spec["cea"] else None)
    t0 = time.perf_counter()

    def take(a: int, b: int, out: Mapping[str, Any]) -> None:
        nonlocal kept_inputs
        for m in metrics:
            for o in options:
                x = out["metrics"][m][o]
                if kept is not None:
                    kept[m][o][a:b] = x
                else:
                    running[m][o].add(x)
        if kept is not None:
            if kept_inputs is None:
                kept_inputs = {k: np.empty(n) for k in out["inputs"]}
            for k, x in out["inputs"].items():
                kept_inputs[k][a:b] = x
        if kept_cea is not None:
            for k, per in out["cea"].items():
                for o, x in per.items():
                    kept_cea[k][o][a:b] = x
        if progress is not None:
            progress(b, n)

    if workers == 1:
        for a, b in ranges:
            take(a, b, _chunk_metrics(model, spec, a, b))
    else:
        import concurrent.futures as cf
        import multiprocessing as mp

        spec = {**spec, "model_dict": model.to_dict(), "source": model.source, "model_key": f"{id(model)}-{os.getpid()}"}
        import threading

        # fork starts a worker in milliseconds, but copying a process that runs other threads (a
        # notebook kernel, say) is unsafe: then start fresh interpreters instead
        methods = mp.get_all_start_methods()
        start = ("fork" if "fork" in methods and threading.active_count() == 1
                 else "forkserver" if "forkserver" in methods else "spawn")
        ctx = mp.get_context(start)
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futures = {pool.submit(_worker, spec, a, b): (a, b) for a, b in ranges}
            # results are merged in chunk order so the running sums are identical to one worker's
            results: dict[int, Any] = {}
            order = [a for a, _ in ranges]
            nxt = 0
            for fut in cf.as_completed(futures):
                a, b = futures[fut]
                results[a] = (b, fut.result())
                while nxt < len(order) and order[nxt] in results:
                    a0 = order[nxt]
                    b0, out = results.pop(a0)
                    take(a0, b0, out)
                    nxt += 1
    seconds = time.perf_counter() - t0
    for m in metrics:
        for arr in (kept or {}).get(m, {}).values():
            arr.flags.writeable = False
    for arr in (kept_inputs or {}).values():
        arr.flags.writeable = False

    notes = []
    if recorded is None:
        notes.append(msg("uncertainty.no_seed"))
    if fixed:
        notes.append(msg("uncertainty.fixed", names=v.listing(list(fixed))))
    if by_scenario:
        notes.append(msg("uncertainty.scenario_fixed", scenario=scenario, names=v.listing(list(by_scenario))))
    corr = getattr(model, "correlations", None)
    if corr is not None:
        held = [k for k in corr.names if k not in sampled]
        if held:
            notes.append(msg("uncertainty.corr_fixed", names=v.listing(held)))
    if method == "sobol":
        if corr is not None and len([k for k in corr.names if k in sampled]) > 1:
            notes.append(msg("uncertainty.sample.sobol_corr"))
        if n & (n - 1):
            lower = 1 << (n.bit_length() - 1)
            notes.append(msg("uncertainty.sample.sobol_pow2", n=n, lower=lower, upper=2 * lower))
    if keep == "summary":
        r = running["npv"][options[0]]
        width = float(r.edges[1] - r.edges[0]) if r.edges is not None else math.nan
        notes.append(msg("uncertainty.summary_quantiles", bins=_BINS, width=f"{width:.4g}"))
    correlation = None
    if getattr(model, "correlations", None) is not None and kept_inputs is not None:
        from .correlation import achieved_rank_correlation

        named = [k for k in model.correlations.names if k in kept_inputs]
        if len(named) > 1:     # the correlated parameters only: requested next to achieved
            # the first million draws measure them to about 0.001: ranking more costs memory, not accuracy
            correlation = achieved_rank_correlation({k: kept_inputs[k][:CORRELATION_DRAWS] for k in named}, model)
    return Simulation(
        model=model, n=n, seed=recorded, method=method, scenario=scenario, sampled=sampled, fixed=fixed,
        basis="incremental" if model.baseline is not None else "standalone", options=options,
        metrics=metrics, workers=workers, keep=keep, _draws=kept, _inputs=kept_inputs, _running=running,
        correlation=correlation, seconds=seconds, _cea=kept_cea,
        notes=tuple(t.render("en") for t in notes), notes_zh=tuple(t.render("zh") for t in notes))
