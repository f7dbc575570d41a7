"""Cost-effectiveness: incremental cost-effectiveness ratios with dominance, and acceptability curves.

For benefits that are not priced (accidents avoided, lives saved), budget offices compare cost
per unit of effect, as health economists do:

* :func:`icer` ranks strategies by cost, marks the strongly dominated ("D") and extendedly
  dominated ("ED") ones and gives each non-dominated ("ND") strategy's ICER against the next
  cheaper non-dominated one; :func:`icer_table` translates it for display;
* :func:`ceac` turns simulated costs and effects into the probability that each strategy has the
  highest net monetary benefit at each willingness to pay, with the acceptability frontier and
  the EVPI at each willingness to pay; :func:`plot_ceac` draws it (Chinese labels by default).

Examples
--------
>>> from cba.uncertainty.cea import icer
>>> t = icer(["a", "b", "c"], cost=[100, 300, 250], effect=[1, 2, 3])
>>> t[["status", "icer"]]
         status  icer
strategy
a            ND   NaN
c            ND  75.0
b             D   NaN
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Bilingual, msg
from ._show import as_rates, html_block, lang_of, text
from ..display import RichDisplay

__all__ = ["icer", "icer_table", "ceac", "CEAC", "plot_ceac", "STATUSES"]

#: status codes of :func:`icer`
STATUSES = ("ND", "D", "ED")
#: draws x strategies x willingness-to-pay values handled at once in :func:`ceac`
_CELLS = 4_000_000


def _strategies(strategies: Any, k: int) -> tuple[str, ...]:
    names = tuple(str(s) for s in strategies)
    if len(names) != k:
        raise InputError(msg("cea.lengths", a=len(names), b=k, c=k), where="strategies")
    repeated = sorted({s for s in names if names.count(s) > 1})
    if repeated:
        raise InputError(msg("cea.unique", names=", ".join(repeated)), where="strategies")
    return names


def icer(strategies: Sequence[str], cost: Sequence[float], effect: Sequence[float]):
    """Incremental cost-effectiveness ratios with strong and extended dominance removed.

    Parameters
    ----------
    strategies : sequence of str
        Names of mutually exclusive strategies (options).
    cost, effect : sequence of float
        Expected cost and effect of each (more effect is better).

    Returns
    -------
    pandas.DataFrame
        Indexed by strategy, sorted by cost (equal costs: higher effect first, then as listed),
        with columns ``cost``, ``effect``, ``status`` ("ND" not dominated, "D" strongly
        dominated, "ED" extendedly dominated), ``inc_cost`` and ``inc_effect`` (against the
        next cheaper non-dominated strategy, named in ``versus``; NaN for the cheapest) and
        ``icer`` (``inc_cost / inc_effect`` for non-dominated strategies, NaN for the cheapest
        and for dominated ones). ``attrs["notes"]`` / ``attrs["notes_zh"]`` state the rules
        and any ties.

    Notes
    -----
    * Strong dominance: a strategy is "D" when another costs no more and is no less effective,
      at least one of the two strictly. Identical strategies (same cost and effect): the one
      listed first stays, the others are "D"; the notes say so.
    * Extended dominance (Cantor 1994, Medical Decision Making 14:259-265): among the rest,
      sorted by cost, a strategy whose ICER exceeds that of the next costlier strategy is
      "ED" (a mix of its neighbours gives more effect for the same cost); it is removed and the
      ICERs recomputed, one at a time, until ICERs increase with cost. Equal ICERs (three
      strategies on one line) are kept as "ND" and noted.

    Examples
    --------
    Strategy 1 costs 300,000 for 25 units, 2 costs 200,000 for 20, 4 costs 375,000 for 40: 1's
    ICER against 2 is 100,000/5 = 20,000, more than 4's against 1 (75,000/15 = 5,000), so 1 is
    extendedly dominated and 4's ICER is 175,000/20 = 8,750 against 2:

    >>> t = icer(["1", "2", "4"], [300_000, 200_000, 375_000], [25, 20, 40])
    >>> t["status"].tolist(), float(t.loc["4", "icer"]), t.loc["4", "versus"]
    (['ND', 'ED', 'ND'], 8750.0, '2')
    """
    import pandas as pd

    from .gsa import _finite

    c = np.asarray(cost, dtype=float)
    e = np.asarray(effect, dtype=float)
    if c.ndim != 1 or e.ndim != 1 or c.shape != e.shape:
        raise InputError(msg("cea.lengths", a=len(list(strategies)), b=c.size, c=e.size), where="cost")
    if c.size == 0:
        raise InputError(msg("cea.empty"), where="strategies")
    _finite(c, "cost")
    _finite(e, "effect")
    names = _strategies(strategies, c.size)
    k = c.size
    order = np.lexsort((np.arange(k), -e, c))
    c, e = c[order], e[order]
    names = tuple(names[i] for i in order)
    status = np.array(["ND"] * k, dtype=object)
    notes = [msg("cea.rules")]
    # identical strategies: the first listed stays
    for i in range(k):
        same = [j for j in range(k) if j != i and c[j] == c[i] and e[j] == e[i]]
        if same and all(order[i] < order[j] for j in same):
            notes.append(msg("cea.ties", names=", ".join(names[j] for j in same), first=names[i]))
            status[same] = "D"
    # strong dominance
    le_c = c[None, :] <= c[:, None]           # [i, j]: j costs no more than i
    ge_e = e[None, :] >= e[:, None]
    strict = (c[None, :] < c[:, None]) | (e[None, :] > e[:, None])
    status[(le_c & ge_e & strict).any(axis=1)] = "D"
    # extended dominance, one at a time
    cand = [i for i in range(k) if status[i] == "ND"]
    while len(cand) >= 3:
        ratios = [(c[b] - c[a]) / (e[b] - e[a]) for a, b in zip(cand, cand[1:])]
        drop = next((m for m in range(len(ratios) - 1) if ratios[m] > ratios[m + 1]), None)
        if drop is None:
            break
        status[cand[drop + 1]] = "ED"
        cand.pop(drop + 1)
    equal = [names[cand[m + 1]] for m in range(len(cand) - 2)
             if np.isclose((c[cand[m + 1]] - c[cand[m]]) * (e[cand[m + 2]] - e[cand[m + 1]]),
                           (c[cand[m + 2]] - c[cand[m + 1]]) * (e[cand[m + 1]] - e[cand[m]]), rtol=1e-12, atol=0)]
    if equal:
        notes.append(msg("cea.equal_icer", names=", ".join(equal)))
    # increments against the next cheaper non-dominated strategy
    inc_c = np.full(k, np.nan)
    inc_e = np.full(k, np.nan)
    ratio = np.full(k, np.nan)
    versus: list[str | None] = [None] * k
    for i in range(k):
        ref = max((j for j in cand if j < i), default=None)
        if ref is None:
            continue
        inc_c[i], inc_e[i] = c[i] - c[ref], e[i] - e[ref]
        versus[i] = names[ref]
        if status[i] == "ND":
            ratio[i] = inc_c[i] / inc_e[i]
    frame = pd.DataFrame({"cost": c, "effect": e, "status": list(status), "inc_cost": inc_c, "inc_effect": inc_e,
                          "icer": ratio, "versus": versus}, index=pd.Index(names, name="strategy"))
    frame.attrs.update({"notes": [t.render("en") for t in notes], "notes_zh": [t.render("zh") for t in notes]})
    return frame


def icer_table(frame, lang: str | None = None):
    """The frame of :func:`icer` with translated headers and status words, for display.

    >>> t = icer(["a", "b"], [1.0, 3.0], [1.0, 2.0])
    >>> icer_table(t, "zh").columns[-2:].tolist(), icer_table(t, "zh").iloc[1, 2]
    (['增量成本效果比（ICER）', '比较对象'], '未被占优')
    """
    lang = lang_of(lang)
    out = frame.copy()
    out["status"] = [msg(f"cea.{s}").render(lang) for s in out["status"]]
    out["versus"] = ["—" if v is None else v for v in out["versus"]]
    out.columns = [msg(f"cea.{c}").render(lang) for c in ("cost", "effect", "status", "inc_cost", "inc_effect",
                                                         "icer", "versus")]
    out.index.name = msg("cea.strategy").render(lang)
    out.attrs = {}
    return out


def icer_summary(frame, lang: str | None = None) -> str:
    """Plain text of :func:`icer`'s frame: title, translated table and the notes."""
    lang = lang_of(lang)
    notes = frame.attrs.get("notes_zh" if lang == "zh" else "notes", [])
    return text(msg("cea.title").render(lang), icer_table(frame, lang), notes, lang)


# ----------------------------------------------------------------------------- CEAC
@dataclass(frozen=True)
class CEAC(RichDisplay, Bilingual):
    """Cost-effectiveness acceptability curves and frontier (see :func:`ceac`).

    Attributes
    ----------
    strategies : tuple of str
    wtp : ndarray, shape (W,)
        Willingness to pay per unit of effect.
    prob : ndarray, shape (W, J)
        Probability that each strategy has the highest net monetary benefit.
    expected_nmb : ndarray, shape (W, J)
        Expected net monetary benefit ``wtp * E[effect] - E[cost]``.
    optimal : tuple of str
        At each willingness to pay, the strategy with the highest expected NMB (the frontier).
    frontier_prob : ndarray, shape (W,)
        The optimal strategy's probability (the acceptability frontier, Fenwick et al. 2001).
    evpi : ndarray, shape (W,)
        EVPI at each willingness to pay, in money.
    mean_cost, mean_effect : ndarray, shape (J,)
    n : int
    notes, notes_zh : tuple of str
    """

    strategies: tuple[str, ...]
    wtp: np.ndarray
    prob: np.ndarray
    expected_nmb: np.ndarray
    optimal: tuple[str, ...]
    frontier_prob: np.ndarray
    evpi: np.ndarray
    mean_cost: np.ndarray
    mean_effect: np.ndarray
    n: int
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    def to_frame(self):
        """Index ``wtp``; one probability column per strategy, then ``optimal``,
        ``frontier_prob`` and ``evpi``."""
        import pandas as pd

        frame = pd.DataFrame(self.prob, columns=list(self.strategies), index=pd.Index(self.wtp, name="wtp"))
        frame["optimal"] = list(self.optimal)
        frame["frontier_prob"] = self.frontier_prob
        frame["evpi"] = self.evpi
        return frame

    def table(self, lang: str | None = None):
        """:meth:`to_frame` with translated headers, probabilities as percentages."""
        lang = lang_of(lang)
        frame = self.to_frame()
        frame.columns = list(self.strategies) + [msg("cea.optimal").render(lang), msg("cea.frontier").render(lang),
                                                 msg("cea.evpi").render(lang)]
        frame.index.name = msg("cea.wtp").render(lang)
        return as_rates(frame, list(self.strategies) + [msg("cea.frontier").render(lang)])

    def icers(self):
        """:func:`icer` of the strategies' mean costs and effects."""
        return icer(self.strategies, self.mean_cost, self.mean_effect)

    def summary(self, lang: str | None = None) -> str:
        lang = lang_of(lang)
        return text(msg("cea.ceac_title").render(lang), self.table(lang), self.notes_in(lang), lang)


    def _repr_html_(self) -> str:
        lang = lang_of(None)
        return html_block(msg("cea.ceac_title").render(lang), self.table(lang), self.notes_in(lang), lang)

    def __repr__(self) -> str:
        return f"<CEAC: {len(self.strategies)} strategies, {len(self.wtp)} willingness-to-pay values, n={self.n}>"

    def plot(self, **kwargs: Any):
        """See :func:`plot_ceac`."""
        return plot_ceac(self, **kwargs)


def _draws(a: Any, name: str) -> np.ndarray:
    from .gsa import _finite

    out = np.asarray(a, dtype=float)
    if out.ndim == 1:
        out = out[:, None]
    if out.ndim != 2 or out.shape[0] < 1:
        raise InputError(msg("gsa.shape", name=name, expected="(n_draws, n_strategies)", got=out.shape), where=name)
    return _finite(out, name)


def ceac(cost_draws: Any, effect_draws: Any, wtp: Any, *, strategies: Sequence[str] | None = None) -> CEAC:
    """Cost-effectiveness acceptability curves from simulated costs and effects.

    Parameters
    ----------
    cost_draws, effect_draws : array_like or DataFrame, shape (n_draws, n_strategies)
        Cost and effect of each strategy in each draw (a DataFrame's columns name strategies).
    wtp : array_like, shape (W,)
        Willingness-to-pay values per unit of effect.
    strategies : sequence of str, optional

    Returns
    -------
    CEAC

    Notes
    -----
    Net monetary benefit ``NMB_j = wtp * effect_j - cost_j`` (Stinnett & Mullahy 1998). At each
    willingness to pay, ``prob[w, j]`` is the share of draws in which strategy j has the highest
    NMB (ties: the first listed strategy; with continuous draws ties have probability 0), the
    frontier is the strategy with the highest *expected* NMB (Fenwick, Claxton & Sculpher 2001,
    Health Economics 10:779-787), and ``evpi[w] = mean(max_j NMB) - max_j mean(NMB)``. The loop
    runs over chunks of willingness-to-pay values, vectorised over draws.

    Examples
    --------
    Strategy b costs 100 more and gives 1 more unit of effect in every draw: it is
    cost-effective exactly when the willingness to pay exceeds 100.

    >>> r = ceac([[0.0, 100.0]], [[0.0, 1.0]], [50, 150], strategies=["a", "b"])
    >>> r.prob.tolist(), r.optimal
    ([[1.0, 0.0], [0.0, 1.0]], ('a', 'b'))
    """
    cols = getattr(cost_draws, "columns", None)
    c = _draws(cost_draws, "cost_draws")
    e = _draws(effect_draws, "effect_draws")
    if c.shape != e.shape:
        raise InputError(msg("gsa.shape", name="effect_draws", expected=c.shape, got=e.shape), where="effect_draws")
    w = np.asarray(wtp, dtype=float)
    if w.ndim != 1 or w.size == 0 or not np.isfinite(w).all():
        raise InputError(msg("cea.wtp_values"), where="wtp")
    if strategies is None and cols is not None:
        strategies = [str(s) for s in cols]
    names = _strategies(strategies if strategies is not None else [f"strategy{j}" for j in range(c.shape[1])],
                        c.shape[1])
    n, k = c.shape
    prob = np.empty((w.size, k))
    mean_max = np.empty(w.size)
    step = max(1, _CELLS // (n * k))
    for start in range(0, w.size, step):
        ws = w[start:start + step, None, None]
        nmb = ws * e[None] - c[None]                      # (chunk, n, k)
        best = nmb.argmax(axis=2)
        prob[start:start + step] = (best[..., None] == np.arange(k)).mean(axis=1)
        mean_max[start:start + step] = nmb.max(axis=2).mean(axis=1)
    mc, me = c.mean(axis=0), e.mean(axis=0)
    expected = w[:, None] * me[None] - mc[None]
    opt = expected.argmax(axis=1)
    notes = [msg("cea.ceac_note", n=n)]
    return CEAC(strategies=names, wtp=w, prob=prob, expected_nmb=expected, optimal=tuple(names[j] for j in opt),
                frontier_prob=prob[np.arange(w.size), opt], evpi=mean_max - expected.max(axis=1), mean_cost=mc,
                mean_effect=me, n=n, notes=tuple(t.render("en") for t in notes),
                notes_zh=tuple(t.render("zh") for t in notes))


def plot_ceac(result: CEAC, *, lang: str = "zh", ax: Any = None, figsize: tuple[float, float] = (8.0, 5.0),
              frontier: bool = True):
    """Cost-effectiveness acceptability curves of a :class:`CEAC`, with the frontier.

    One line per strategy (probability of the highest net monetary benefit against the
    willingness to pay); with ``frontier=True`` a wide grey band traces the acceptability
    frontier (the probability of the strategy with the highest expected net benefit).
    Labels are Chinese by default (``lang="en"`` for English), with the bundled CJK font.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from cba.plots import figure_bytes
    >>> r = ceac([[0.0, 100.0], [0.0, 80.0]], [[0.0, 1.0], [0.0, 1.2]], [0, 50, 100, 150])
    >>> figure_bytes(plot_ceac(r))[:4]
    b'\\x89PNG'
    """
    from matplotlib.ticker import PercentFormatter

    from ..i18n import check_lang
    from ..plots.charts import _setup, _thousands

    check_lang(lang)
    fig, ax = _setup(ax, figsize)
    if frontier:
        ax.plot(result.wtp, result.frontier_prob, color="#bbbbbb", lw=7, alpha=0.6, solid_capstyle="butt",
                label=msg("cea.frontier").render(lang), zorder=1)
    for j, name in enumerate(result.strategies):
        ax.plot(result.wtp, result.prob[:, j], lw=1.8, label=name, zorder=2)
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _thousands(ax.xaxis)
    ax.set_xlabel(msg("cea.wtp").render(lang))
    ax.set_ylabel(msg("cea.prob_ce").render(lang))
    ax.set_title(msg("cea.ceac_title").render(lang), fontsize=11)
    ax.legend(loc="best", fontsize=8, frameon=True)
    ax.grid(alpha=0.3)
    return fig
