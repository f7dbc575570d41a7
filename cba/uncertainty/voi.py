"""Value of information: EVPI and EVPPI from simulated net benefits.

Both take the net benefit of each option in each draw, an ``(n_draws, n_options)`` array (a
DataFrame's columns name the options). When the draws are incremental against a baseline,
include the baseline as a column of zeros: the choice is between all options.

* :func:`evpi`: expected value of perfect information, ``E[max_j NB_j] - max_j E[NB_j]``, with its
  Monte Carlo standard error;
* :func:`evppi`: expected value of partial perfect information about one input or a group, by
  regression (Strong, Oakley & Brennan 2014) or, for one input, by binning (Sadatsafavi et al.
  2013); the result states the estimator.

Examples
--------
Two options whose difference in net benefit is the input itself, ``theta ~ N(0, 1)``: perfect
information about theta is worth ``E[max(0, theta)] = 1/sqrt(2 pi) = 0.3989``:

>>> import numpy as np
>>> from cba.uncertainty.voi import evpi, evppi
>>> theta = np.random.default_rng(0).normal(size=100_000)
>>> nb = np.column_stack([np.zeros_like(theta), theta])
>>> round(evpi(nb).value, 2), round(evppi(nb, theta).value, 2)
(0.4, 0.4)
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Bilingual, msg
from ._show import as_rates, html_block, lang_of, text
from ..display import RichDisplay

__all__ = ["EVPI", "EVPPI", "evpi", "evppi", "net_benefit_array"]

#: default knots of the natural cubic spline (one input), placed at quantiles of the input
SPLINE_KNOTS = 8


def _fmt(x: float) -> str:
    from ..formatting import fmt_money

    return fmt_money(x)


def net_benefit_array(net_benefit: Any, options: Sequence[str] | None = None) -> tuple[np.ndarray, tuple[str, ...]]:
    """``(n, J)`` float array and option names from an array or DataFrame (columns name options)."""
    from .gsa import _finite, _names

    cols = getattr(net_benefit, "columns", None)
    nb = np.asarray(net_benefit, dtype=float)
    if nb.ndim != 2 or nb.shape[0] < 2 or nb.shape[1] < 1:
        raise InputError(msg("gsa.shape", name="net_benefit", expected="(n_draws, n_options)", got=nb.shape),
                         where="net_benefit")
    _finite(nb, "net_benefit")
    if options is None and cols is not None:
        options = [str(c) for c in cols]
    return nb, _names(options, nb.shape[1], stem="option")


def _inputs(inputs: Any, n: int, names: Sequence[str] | None) -> tuple[np.ndarray, tuple[str, ...]]:
    """``(n, k)`` array of the inputs of interest and their names."""
    from .gsa import _finite, _names

    if isinstance(inputs, Mapping):
        names = names or [str(k) for k in inputs]
        cols = [np.asarray(inputs[k], dtype=float) for k in inputs]
        if any(c.ndim != 1 for c in cols):
            raise InputError(msg("gsa.shape", name="inputs", expected="(n,) each", got=[c.shape for c in cols]),
                             where="inputs")
        x = np.column_stack(cols) if cols else np.empty((n, 0))
    else:
        if names is None and getattr(inputs, "columns", None) is not None:
            names = [str(c) for c in inputs.columns]
        elif names is None and getattr(inputs, "name", None) is not None and np.ndim(inputs) == 1:
            names = [str(inputs.name)]
        x = np.asarray(inputs, dtype=float)
        x = x[:, None] if x.ndim == 1 else x
    if x.ndim != 2 or x.shape[0] != n or x.shape[1] < 1:
        raise InputError(msg("gsa.shape", name="inputs", expected=f"({n},) or ({n}, k)", got=x.shape), where="inputs")
    _finite(x, "inputs")
    return x, _names(names, x.shape[1], stem="x")


def _evpi_parts(nb: np.ndarray) -> tuple[float, float, np.ndarray, int]:
    expected = nb.mean(axis=0)
    best = int(np.argmax(expected))
    gain = nb.max(axis=1) - nb[:, best]
    se = float(gain.std(ddof=1) / math.sqrt(nb.shape[0]))
    return float(gain.mean()), se, expected, best


# ----------------------------------------------------------------------------- EVPI
@dataclass(frozen=True)
class EVPI(RichDisplay, Bilingual):
    """Expected value of perfect information (see :func:`evpi`).

    Attributes
    ----------
    value, se : float
        EVPI and its Monte Carlo standard error (same unit as the net benefits).
    options : tuple of str
    expected : ndarray
        Expected net benefit of each option.
    prob_best : ndarray
        Share of draws in which each option has the highest net benefit (ties: first listed).
    best : str
        Option with the highest expected net benefit (the choice on current information).
    n : int
        Draws.
    notes, notes_zh : tuple of str
    """

    value: float
    se: float
    options: tuple[str, ...]
    expected: np.ndarray
    prob_best: np.ndarray
    best: str
    n: int
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    def to_frame(self):
        """One row per option: ``expected`` net benefit and ``prob_best``; EVPI in ``attrs``."""
        import pandas as pd

        frame = pd.DataFrame({"expected": self.expected, "prob_best": self.prob_best},
                             index=pd.Index(self.options, name="option"))
        frame.attrs.update({"evpi": self.value, "se": self.se, "best": self.best, "n": self.n})
        return frame

    def table(self, lang: str | None = None):
        """:meth:`to_frame` with translated headers."""
        lang = lang_of(lang)
        frame = self.to_frame()
        frame.columns = [msg("voi.expected_nb").render(lang), msg("voi.prob_best").render(lang)]
        frame.index.name = msg("voi.option").render(lang)
        return as_rates(frame, [frame.columns[1]])

    def _head(self, lang: str) -> list[str]:
        from ..i18n.glossary import colon

        return [f"{msg('voi.evpi').render(lang)}{colon(lang)}{_fmt(self.value)}"
                f"（{msg('voi.se').render(lang)} {_fmt(self.se)}）" if lang == "zh" else
                f"{msg('voi.evpi').render(lang)}{colon(lang)}{_fmt(self.value)} "
                f"({msg('voi.se').render(lang)} {_fmt(self.se)})",
                f"{msg('voi.best').render(lang)}{colon(lang)}{self.best}"]

    def summary(self, lang: str | None = None) -> str:
        lang = lang_of(lang)
        return text(msg("voi.evpi_title").render(lang), self.table(lang), self.notes_in(lang), lang, self._head(lang))


    def _repr_html_(self) -> str:
        lang = lang_of(None)
        return html_block(msg("voi.evpi_title").render(lang), self.table(lang), self.notes_in(lang), lang,
                          self._head(lang))

    def __repr__(self) -> str:
        return f"<EVPI {self.value:.6g} (se {self.se:.3g}), best {self.best}, n={self.n}>"

    def to_dict(self) -> dict[str, Any]:
        return {"evpi": self.value, "se": self.se, "best": self.best, "n": self.n, "options": list(self.options),
                "expected": [float(x) for x in self.expected], "prob_best": [float(x) for x in self.prob_best],
                "notes": list(self.notes), "notes_zh": list(self.notes_zh)}


def evpi(net_benefit: Any, *, options: Sequence[str] | None = None) -> EVPI:
    """Expected value of perfect information for the choice between options.

    Parameters
    ----------
    net_benefit : array_like or DataFrame, shape (n_draws, n_options)
        Net benefit (e.g. NPV) of each option in each draw.
    options : sequence of str, optional
        Option names (default: the DataFrame's columns, else ``option0 ...``).

    Returns
    -------
    EVPI

    Notes
    -----
    ``EVPI = mean_i(max_j NB_ij) - max_j mean_i(NB_ij)``: what a decision maker would expect to
    gain by learning every uncertain input before choosing (Raiffa & Schlaifer 1961; Claxton
    1999). With ``j*`` the option best on current information, ``EVPI = mean_i(z_i)`` where
    ``z_i = max_j NB_ij - NB_ij*`` >= 0, so its Monte Carlo standard error is
    ``sd(z) / sqrt(n)`` (conditional on ``j*``).

    For two options whose difference is normal, ``NB_2 - NB_1 ~ N(mu, sigma)``, the closed form
    is the unit normal loss integral ``sigma phi(mu/sigma) - |mu| Phi(-|mu|/sigma)``.

    Examples
    --------
    Two draws, equally likely: option b gains 10 in the first and loses 4 in the second, so on
    average b is better by 3, but knowing the draw would let one avoid the loss of 4: EVPI =
    (10 + 0)/2 - (10 - 4)/2 = 2.

    >>> r = evpi([[0.0, 10.0], [0.0, -4.0]], options=["a", "b"])
    >>> r.value, r.best
    (2.0, 'b')
    """
    nb, names = net_benefit_array(net_benefit, options)
    value, se, expected, best = _evpi_parts(nb)
    prob = np.bincount(np.argmax(nb, axis=1), minlength=nb.shape[1]) / nb.shape[0]
    notes = [msg("voi.evpi_note", n=nb.shape[0])]
    if nb.shape[1] == 1:
        notes.append(msg("voi.one_option"))
    return EVPI(value=value, se=se, options=names, expected=expected, prob_best=prob, best=names[best],
                n=nb.shape[0], notes=tuple(t.render("en") for t in notes),
                notes_zh=tuple(t.render("zh") for t in notes))


# ----------------------------------------------------------------------------- EVPPI
@dataclass(frozen=True)
class EVPPI(RichDisplay, Bilingual):
    """Expected value of partial perfect information about ``parameters`` (see :func:`evppi`).

    Attributes
    ----------
    value : float
        EVPPI (same unit as the net benefits).
    evpi : float
        EVPI of the same draws, for reference (``value <= evpi``).
    parameters : tuple of str
        The input or group of inputs learnt.
    method : {"regression", "binning"}
    basis : str
        ``"spline"`` (natural cubic spline, one input), ``"polynomial"`` (a group) or ``"bins"``.
    terms : int
        Regression terms or bins.
    estimator, estimator_zh : str
        The estimator, stated in English and Chinese.
    n : int
    notes, notes_zh : tuple of str
    """

    value: float
    evpi: float
    parameters: tuple[str, ...]
    method: str
    basis: str
    terms: int
    estimator: str
    estimator_zh: str
    n: int
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    @property
    def share(self) -> float:
        """``value / evpi`` (NaN when EVPI is 0)."""
        return self.value / self.evpi if self.evpi > 0 else float("nan")

    def to_frame(self):
        """One row indexed by the parameter group (names joined by ``+``): ``evppi``, ``evpi``,
        ``share``, ``method``."""
        import pandas as pd

        return pd.DataFrame({"evppi": [self.value], "evpi": [self.evpi], "share": [self.share],
                             "method": [self.method]}, index=pd.Index(["+".join(self.parameters)], name="parameters"))

    def table(self, lang: str | None = None):
        lang = lang_of(lang)
        frame = self.to_frame()[["evppi", "evpi", "share"]]
        frame.columns = [msg("voi.evppi").render(lang), msg("voi.evpi").render(lang),
                         "EVPPI/EVPI"]
        frame.index.name = msg("voi.parameters").render(lang)
        return as_rates(frame, ["EVPPI/EVPI"])

    def _head(self, lang: str) -> list[str]:
        from ..i18n.glossary import colon

        return [f"{msg('voi.estimator').render(lang)}{colon(lang)}{self.estimator_zh if lang == 'zh' else self.estimator}"]

    def summary(self, lang: str | None = None) -> str:
        lang = lang_of(lang)
        return text(msg("voi.evppi_title").render(lang), self.table(lang), self.notes_in(lang), lang, self._head(lang))


    def _repr_html_(self) -> str:
        lang = lang_of(None)
        return html_block(msg("voi.evppi_title").render(lang), self.table(lang), self.notes_in(lang), lang,
                          self._head(lang))

    def __repr__(self) -> str:
        return f"<EVPPI {'+'.join(self.parameters)}: {self.value:.6g} of EVPI {self.evpi:.6g} ({self.method})>"

    def to_dict(self) -> dict[str, Any]:
        return {"evppi": self.value, "evpi": self.evpi, "parameters": list(self.parameters), "method": self.method,
                "basis": self.basis, "terms": self.terms, "estimator": self.estimator, "estimator_zh": self.estimator_zh,
                "n": self.n, "notes": list(self.notes), "notes_zh": list(self.notes_zh)}


def _spline_basis(x: np.ndarray, knots: int) -> np.ndarray:
    """Natural cubic spline basis (Hastie, Tibshirani & Friedman 2009, eq. 5.4-5.5) of one input
    with knots at equally spaced quantiles (the ends at the smallest and largest value)."""
    lo, hi = x.min(), x.max()
    u = (x - lo) / (hi - lo)
    xi = np.unique(np.quantile(u, np.linspace(0, 1, knots)))
    k = len(xi)
    cols = [np.ones_like(u), u]

    def d(j):
        return (np.clip(u - xi[j], 0, None) ** 3 - np.clip(u - xi[-1], 0, None) ** 3) / (xi[-1] - xi[j])

    last = d(k - 2) if k >= 3 else None
    for j in range(k - 2):
        cols.append(d(j) - last)
    return np.column_stack(cols)


def _poly_basis(x: np.ndarray, degree: int) -> np.ndarray:
    """Every monomial of the standardised inputs up to total ``degree`` (interactions included)."""
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    cols = [np.ones(x.shape[0])]
    for p in range(1, degree + 1):
        for combo in itertools.combinations_with_replacement(range(x.shape[1]), p):
            cols.append(np.prod(z[:, list(combo)], axis=1))
    return np.column_stack(cols)


def _fitted_max_mean(basis: np.ndarray, nb: np.ndarray) -> float:
    """``mean_i max_j g_ij`` of the least-squares fits ``g`` of every column of ``nb`` on ``basis``.

    Each option's net benefit is fitted relative to the first option's (the same maximiser,
    and one fit fewer)."""
    rel = nb[:, 1:] - nb[:, :1]
    coef, *_ = np.linalg.lstsq(basis, rel, rcond=None)
    fitted = basis @ coef
    return float(np.maximum(fitted.max(axis=1), 0.0).mean() + nb[:, 0].mean())


def _binned_max_mean(x: np.ndarray, nb: np.ndarray, bins: int) -> float:
    order = np.argsort(x, kind="stable")
    edges = np.linspace(0, len(x), bins + 1).round().astype(int)[:-1]
    sums = np.add.reduceat(nb[order], edges, axis=0)
    counts = np.diff(np.r_[edges, len(x)])[:, None]
    return float((sums / counts).max(axis=1) @ counts[:, 0] / len(x))


def evppi(net_benefit: Any, inputs: Any, *, method: str = "regression", names: Sequence[str] | None = None,
          options: Sequence[str] | None = None, knots: int = SPLINE_KNOTS, degree: int | None = None,
          bins: int | None = None) -> EVPPI:
    """Expected value of partial perfect information about one input or a group of inputs.

    Parameters
    ----------
    net_benefit : array_like or DataFrame, shape (n_draws, n_options)
        Net benefit of each option in each draw.
    inputs : array_like (n,) or (n, k), mapping of name to (n,), or DataFrame
        The sampled input(s) of interest, from the same draws.
    method : {"regression", "binning"}, default "regression"
    names : sequence of str, optional
        Names of the inputs (default: the mapping's keys or DataFrame's columns, else ``x0 ...``).
    options : sequence of str, optional
    knots : int, default 8
        Regression on one input: knots of the natural cubic spline (``knots`` terms).
    degree : int, optional
        Regression on a group: total degree of the polynomial (default 3 for up to 4 inputs,
        else 2).
    bins : int, optional
        Binning: number of bins of equal size (default the cube root of n, between 2 and 100).

    Returns
    -------
    EVPPI
        With ``estimator`` / ``estimator_zh`` stating the method, basis and size.

    Notes
    -----
    EVPPI about ``phi`` is ``E_phi[max_j E(NB_j | phi)] - max_j E(NB_j)``. The inner conditional
    expectations are estimated from the same draws:

    * regression (Strong, Oakley & Brennan 2014, Medical Decision Making 34(3):311-326): fit
      ``NB_j - NB_1`` by least squares on a flexible function of ``phi``; a natural cubic
      spline for one input (Hastie et al. 2009, sec. 5.2.1, knots at quantiles), a full
      polynomial with interactions for a group (the paper fits GAMs or Gaussian processes; an
      unpenalised basis of modest size is the same idea without a smoothing parameter);
    * binning (Sadatsafavi et al. 2013, Value in Health 16(2):438-448): sort the draws by
      ``phi``, cut them into bins of equal size and take the bin means as the conditional
      expectations.

    Both are biased slightly upward with finite draws (noise in the fit or the bin means
    survives the max); the result caps the estimate at the EVPI of the same draws and says so.

    Examples
    --------
    The difference is ``theta1 + theta2`` with independent ``N(0, 1)`` inputs; learning
    ``theta1`` leaves a conditional mean ``theta1 ~ N(0, 1)``, worth ``1/sqrt(2 pi) = 0.399``,
    while EVPI is ``sqrt(2)/sqrt(2 pi) = 0.564``:

    >>> rng = np.random.default_rng(1)
    >>> t = rng.normal(size=(200_000, 2))
    >>> nb = np.column_stack([np.zeros(len(t)), t.sum(axis=1)])
    >>> round(evppi(nb, t[:, 0]).value, 2), round(evppi(nb, t[:, 0], method="binning").value, 2)
    (0.4, 0.4)
    """
    from .gsa import _whole

    nb, opts = net_benefit_array(net_benefit, options)
    x, params = _inputs(inputs, nb.shape[0], names)
    n, k = x.shape
    if method not in ("regression", "binning"):
        raise InputError(msg("voi.method", got=repr(method)), where="method")
    total = _evpi_parts(nb)[0]
    best_mean = float(nb.mean(axis=0).max())
    shown = ", ".join(params)
    spread = x.std(axis=0) > 0
    if method == "binning":
        if k != 1:
            raise InputError(msg("voi.binning_one", k=k), where="inputs")
        nbins = bins if bins is not None else int(min(100, max(2, round(n ** (1 / 3)))))
        nbins = _whole(nbins, "bins", 1)
        nbins = min(nbins, n)
        value = _binned_max_mean(x[:, 0], nb, nbins) - best_mean if nb.shape[1] > 1 else 0.0
        basis_kind, terms = "bins", nbins
        est = msg("voi.est_bins", params=shown, bins=nbins)
    else:
        keep = x[:, spread]
        if keep.shape[1] == 0 or nb.shape[1] == 1:
            basis = np.ones((n, 1))
            basis_kind, est_key, extra = "polynomial", "voi.est_poly", {"degree": 0}
        elif keep.shape[1] == 1:
            basis = _spline_basis(keep[:, 0], _whole(knots, "knots", 2))
            basis_kind, est_key, extra = "spline", "voi.est_spline", {"knots": _whole(knots, "knots", 2)}
        else:
            deg = degree if degree is not None else (3 if keep.shape[1] <= 4 else 2)
            basis = _poly_basis(keep, _whole(deg, "degree", 1))
            basis_kind, est_key, extra = "polynomial", "voi.est_poly", {"degree": deg}
        terms = basis.shape[1]
        need = 10 * terms
        if n < need:
            raise InputError(msg("voi.too_few", n=n, terms=terms, need=need), where="net_benefit")
        value = _fitted_max_mean(basis, nb) - best_mean if nb.shape[1] > 1 else 0.0
        est = msg(est_key, params=shown, terms=terms, **extra)
    value = max(value, 0.0)
    notes = [msg("voi.bias")]
    if value > total + 1e-9 * abs(total) + 1e-12:           # more than rounding: say so
        notes.append(msg("voi.capped", raw=_fmt(value), evpi=_fmt(total)))
    value = min(value, total)
    return EVPPI(value=float(value), evpi=total, parameters=params, method=method, basis=basis_kind, terms=int(terms),
                 estimator=est.render("en"), estimator_zh=est.render("zh"), n=n,
                 notes=tuple(t.render("en") for t in notes), notes_zh=tuple(t.render("zh") for t in notes))
