"""The result of :func:`cba.simulate`: the draws (or their running summaries) and the statistics,
plots and decisions under uncertainty (EVPI, EVPPI, rank importance, acceptability curves) read
from them."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import Bilingual, check_lang, get_lang, label, msg
from ..display import RichDisplay

from .running import _Running

__all__ = ["Simulation"]


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

    def _shown_frame(self, L: str):
        """:meth:`to_frame` for display: IRR rows as rates (the columns' format is for money)."""
        from ..formatting import fmt_rate

        frame = self.to_frame(L)
        if "irr" in self.metrics:
            rows = frame[label("metric", L)] == label("irr", L)
            for c in (label(k, L) for k in ("mean", "se_mean", "sd", "p05", "p50", "p95")):
                frame[c] = frame[c].astype(object)
                frame.loc[rows, c] = [fmt_rate(x) for x in frame.loc[rows, c]]
        return frame

    def summary(self, lang: str | None = None) -> str:
        """A plain-text summary: the run (draws, method, seed, inputs) and the statistics."""
        from ..formatting import frame_to_text

        L = check_lang(lang or get_lang())
        head = msg("uncertainty.summary_head", n=f"{self.n:,}", method=label(f"method_{self.method}", L),
                   seed=self.seed if self.seed is not None else "—", k=len(self.sampled),
                   basis=label(self.basis, L)).render(L)
        parts = [head, frame_to_text(self._shown_frame(L))]
        if self.correlation is not None:
            parts.append(self.correlation.summary(L))
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
        out = [f"<div class='cba-simulation'><p><b>{html.escape(head)}</b></p>", frame_to_html(self._shown_frame(L))]
        if self.correlation is not None:          # as the plain text and the Markdown show it
            out.append(self.correlation.to_html(L))
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
