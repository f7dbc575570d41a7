"""Global sensitivity analysis: Sobol indices (Saltelli design) and rank correlations.

Three separate steps, as in SALib, so that the model runs in between on arrays:

1. :func:`saltelli_design` gives the input rows in the unit hypercube (matrices A, B and the
   d matrices AB_i, stacked as one ``(n * (d + 2), d)`` array); the caller maps each column to
   its distribution (inverse CDF) and evaluates the model on all rows at once;
2. :meth:`SaltelliDesign.split` cuts the ``n * (d + 2)`` outputs back into ``y_A``, ``y_B`` and
   ``y_AB``;
3. :func:`sobol_indices` estimates first-order and total indices with bootstrap intervals.

:func:`rank_importance` is the quick view from any sample: Spearman rank correlation of each
input with the output and each input's share of the squared correlations.

Examples
--------
A linear model ``y = x0 + 2 x1`` on the unit square has first-order and total indices
``1/5`` and ``4/5`` (each term's variance over the sum):

>>> import numpy as np
>>> from cba.uncertainty.gsa import saltelli_design, sobol_indices
>>> design = saltelli_design(1024, 2, seed=1)
>>> x = design.stacked()
>>> y = x[:, 0] + 2 * x[:, 1]
>>> res = sobol_indices(*design.split(y), names=["x0", "x1"], seed=2)
>>> np.round(res.first, 3), np.round(res.total, 3)
(array([0.2, 0.8]), array([0.2, 0.8]))
>>> res.ranking
('x1', 'x0')
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Bilingual, msg
from ._show import as_rates, html_block, lang_of, text
from ..display import RichDisplay

__all__ = ["SaltelliDesign", "SobolIndices", "RankImportance", "saltelli_design", "sobol_indices", "rank_importance"]

#: bootstrap replicates processed at once, times the base sample size (memory bound, not results)
_BOOT_CELLS = 4_000_000


# ----------------------------------------------------------------------------- checks
def _whole(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise InputError(msg("gsa.n_min", name=name, minimum=minimum, got=repr(value)), where=name)
    return int(value)


def _finite(a: np.ndarray, name: str) -> np.ndarray:
    bad = int(np.size(a) - np.count_nonzero(np.isfinite(a)))
    if bad:
        raise InputError(msg("gsa.not_finite", name=name, count=bad), where=name)
    return a


def _array(a: Any, name: str, ndim: int, expected: str) -> np.ndarray:
    out = np.asarray(a, dtype=float)
    if out.ndim != ndim:
        raise InputError(msg("gsa.shape", name=name, expected=expected, got=out.shape), where=name)
    return _finite(out, name)


def _names(names: Sequence[str] | None, d: int, stem: str = "x") -> tuple[str, ...]:
    if names is None:
        return tuple(f"{stem}{i}" for i in range(d))
    out = tuple(str(n) for n in names)
    if len(out) != d or len(set(out)) != d:
        raise InputError(msg("gsa.names", expected=d, got=len(out)), where="names")
    return out


def _conf(conf: Any) -> float:
    if not isinstance(conf, (int, float, np.floating)) or not 0 < float(conf) < 1:
        raise InputError(msg("gsa.conf", got=repr(conf)), where="conf")
    return float(conf)


def _seed_text(seed: Any) -> str:
    return str(int(seed)) if isinstance(seed, (int, np.integer)) else type(seed).__name__


def _pct(x: float) -> str:
    from ..formatting import fmt_rate

    return fmt_rate(x)


# ----------------------------------------------------------------------------- design
@dataclass(frozen=True)
class SaltelliDesign(Bilingual):
    """Input rows of a Saltelli (2010) design in the unit hypercube (see :func:`saltelli_design`).

    Attributes
    ----------
    A, B : ndarray, shape (n, d)
        Two independent base samples.
    n, d : int
        Base sample size and number of inputs.
    base : {"sobol", "random"}
    seed : int or None
    notes, notes_zh : tuple of str
    """

    A: np.ndarray
    B: np.ndarray
    base: str
    seed: Any
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        return self.A.shape[0]

    @property
    def d(self) -> int:
        return self.A.shape[1]

    @property
    def runs(self) -> int:
        """Model evaluations the design needs: ``n * (d + 2)``."""
        return self.n * (self.d + 2)

    def AB(self, i: int) -> np.ndarray:
        """Matrix ``AB_i``: A with its column ``i`` taken from B."""
        out = self.A.copy()
        out[:, i] = self.B[:, i]
        return out

    def stacked(self) -> np.ndarray:
        """All rows to evaluate, shape ``(n * (d + 2), d)``: A, then B, then AB_0 ... AB_{d-1}."""
        n, d = self.n, self.d
        out = np.empty((d + 2, n, d))
        out[0], out[1] = self.A, self.B
        out[2:] = self.A
        idx = np.arange(d)
        out[2 + idx, :, idx] = self.B.T
        return out.reshape(-1, d)

    def split(self, y: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cut the outputs of :meth:`stacked`'s rows into ``(y_A, y_B, y_AB)``, shapes
        ``(n,)``, ``(n,)`` and ``(d, n)``; ``y`` may also be ``(n * (d + 2), k)`` for k outputs
        (then ``(n, k)``, ``(n, k)``, ``(d, n, k)``)."""
        y = np.asarray(y, dtype=float)
        if y.ndim not in (1, 2) or y.shape[0] != self.runs:
            raise InputError(msg("gsa.shape", name="y", expected=f"({self.runs},)", got=y.shape), where="y")
        blocks = y.reshape((self.d + 2, self.n) + y.shape[1:])
        return blocks[0], blocks[1], blocks[2:]


def _uniform_base(n: int, dims: int, base: str, seed: Any) -> tuple[np.ndarray, bool]:
    """``(n, dims)`` points in [0, 1), and whether scipy's Sobol balance warning applied."""
    rng = np.random.default_rng(seed)
    if base == "random":
        return rng.random((n, dims)), False
    from scipy.stats import qmc

    try:
        engine = qmc.Sobol(dims, scramble=True, rng=rng)
    except TypeError:                       # scipy < 1.15 names it seed
        engine = qmc.Sobol(dims, scramble=True, seed=rng)
    pow2 = n & (n - 1) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)     # stated in the design's notes instead
        return engine.random(n), not pow2


def saltelli_design(n: int, d: int, *, seed: int | np.random.Generator, base: str = "sobol") -> SaltelliDesign:
    """Matrices A, B and AB_i of a Saltelli design in the unit hypercube.

    Parameters
    ----------
    n : int
        Base sample size (a power of two keeps the Sobol sequence balanced; other sizes work
        and the design's notes say so).
    d : int
        Number of inputs.
    seed : int or numpy.random.Generator
        Same seed, same design.
    base : {"sobol", "random"}, default "sobol"
        Scrambled Sobol points of dimension ``2 d`` (:class:`scipy.stats.qmc.Sobol`; the first
        ``d`` columns form A, the last ``d`` B), or independent uniform draws.

    Returns
    -------
    SaltelliDesign
        ``stacked()`` gives the ``n (d + 2)`` rows to evaluate; ``split(y)`` the outputs back.

    Notes
    -----
    ``AB_i`` equals A except column i, taken from B (Saltelli et al. 2010, section 3). Map the
    columns to the inputs' distributions with their inverse CDFs before evaluating the model.

    Examples
    --------
    >>> d = saltelli_design(8, 3, seed=0)
    >>> d.stacked().shape, d.runs
    ((40, 3), 40)
    >>> bool((d.AB(1)[:, 1] == d.B[:, 1]).all() and (d.AB(1)[:, 0] == d.A[:, 0]).all())
    True
    """
    n = _whole(n, "n", 2)
    d = _whole(d, "d", 1)
    if base not in ("sobol", "random"):
        raise InputError(msg("gsa.base", got=repr(base)), where="base")
    points, unbalanced = _uniform_base(n, 2 * d, base, seed)
    seed_txt = _seed_text(seed)
    base_text = msg("gsa.base_sobol" if base == "sobol" else "gsa.base_random", seed=seed_txt)
    notes = [msg("gsa.design", base=base_text, d=d, n=n, runs=n * (d + 2))]
    if unbalanced:
        notes.append(msg("gsa.not_pow2", n=n, suggest=2 ** math.ceil(math.log2(n))))
    return SaltelliDesign(A=points[:, :d], B=points[:, d:], base=base, seed=seed,
                          notes=tuple(t.render("en") for t in notes), notes_zh=tuple(t.render("zh") for t in notes))


# ----------------------------------------------------------------------------- indices
def _estimates(a: np.ndarray, b: np.ndarray, ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First-order and total indices over the last axis (draws); leading axes broadcast.

    ``a``, ``b``: (..., n); ``ab``: (d, ..., n). The output is centred on its mean over all
    rows (A, B and every AB_i), as SALib does."""
    both = np.concatenate([a, b], axis=-1)
    var = both.var(axis=-1)
    runs = a.shape[-1] * (ab.shape[0] + 2)
    centre = ((a.sum(axis=-1) + b.sum(axis=-1) + ab.sum(axis=(0, -1))) / runs)[..., None]
    a, b, ab = a - centre, b - centre, ab - centre
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.mean(b * (ab - a), axis=-1) / var           # Saltelli et al. 2010, Table 2 (b)
        total = 0.5 * np.mean((a - ab) ** 2, axis=-1) / var    # Jansen 1999; Saltelli et al. 2010, Table 2 (f)
    return first, total


def _bootstrap(y_A, y_B, y_AB, n_boot: int, conf: float, seed: Any) -> tuple[np.ndarray, ...]:
    """Percentile intervals of the first and total indices from ``n_boot`` resamples of the base
    rows (the same rows for A, B and every AB_i), in chunks of replicates."""
    n = y_A.shape[0]
    d = y_AB.shape[0]
    rng = np.random.default_rng(seed)
    first = np.empty((n_boot, d))
    total = np.empty((n_boot, d))
    chunk = max(1, _BOOT_CELLS // max(n * (d + 2), 1))
    for start in range(0, n_boot, chunk):
        stop = min(n_boot, start + chunk)
        idx = rng.integers(0, n, size=(stop - start, n))
        f, t = _estimates(y_A[idx], y_B[idx], y_AB[:, idx])
        first[start:stop], total[start:stop] = f.T, t.T
    lo, hi = (1 - conf) / 2, (1 + conf) / 2
    q = np.quantile(first, [lo, hi], axis=0), np.quantile(total, [lo, hi], axis=0)
    return q[0][0], q[0][1], q[1][0], q[1][1]


@dataclass(frozen=True)
class SobolIndices(RichDisplay, Bilingual):
    """First-order and total Sobol indices with bootstrap intervals (see :func:`sobol_indices`).

    Attributes
    ----------
    names : tuple of str
        Inputs, in the order of the design's columns.
    first, total : ndarray, shape (d,)
        First-order (S1) and total (ST) indices.
    first_low, first_high, total_low, total_high : ndarray
        Ends of the ``conf`` percentile bootstrap intervals.
    mean, variance : float
        Mean and variance (ddof 0) of the output over A and B.
    n, n_boot : int
        Base sample size and bootstrap resamples.
    conf : float
    estimator : str
        ``"saltelli2010-jansen1999"``.
    notes, notes_zh : tuple of str
    """

    names: tuple[str, ...]
    first: np.ndarray
    total: np.ndarray
    first_low: np.ndarray
    first_high: np.ndarray
    total_low: np.ndarray
    total_high: np.ndarray
    mean: float
    variance: float
    n: int
    n_boot: int
    conf: float
    estimator: str = "saltelli2010-jansen1999"
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    @property
    def ranking(self) -> tuple[str, ...]:
        """Inputs from the largest total index to the smallest (ties: the design's order)."""
        order = np.argsort(-self.total, kind="stable")
        return tuple(self.names[i] for i in order)

    @property
    def interactions(self) -> np.ndarray:
        """``total - first``: variance share of each input's interactions with others."""
        return self.total - self.first

    def to_frame(self):
        """Raw table, largest total index first: columns ``first``, ``first_low``,
        ``first_high``, ``total``, ``total_low``, ``total_high``, ``interactions``; index the
        input names (``conf`` and ``n`` in ``attrs``)."""
        import pandas as pd

        order = np.argsort(-self.total, kind="stable")
        frame = pd.DataFrame({"first": self.first, "first_low": self.first_low, "first_high": self.first_high,
                              "total": self.total, "total_low": self.total_low, "total_high": self.total_high,
                              "interactions": self.interactions},
                             index=pd.Index(self.names, name="input")).iloc[order]
        frame.attrs.update({"conf": self.conf, "n": self.n, "n_boot": self.n_boot, "estimator": self.estimator})
        return frame

    def table(self, lang: str | None = None):
        """:meth:`to_frame` with translated headers, for display."""
        lang = lang_of(lang)
        frame = self.to_frame()
        s1, st = msg("gsa.s1").render(lang), msg("gsa.st").render(lang)
        frame.columns = [s1, msg("gsa.low", index=s1).render(lang), msg("gsa.high", index=s1).render(lang),
                         st, msg("gsa.low", index=st).render(lang), msg("gsa.high", index=st).render(lang),
                         msg("gsa.interaction").render(lang)]
        frame.index.name = msg("gsa.input").render(lang)
        return frame

    def summary(self, lang: str | None = None) -> str:
        """Plain text: title, the table and the notes (estimators, sampling error)."""
        lang = lang_of(lang)
        return text(msg("gsa.title").render(lang), self.table(lang), self.notes_in(lang), lang)


    def _repr_html_(self) -> str:
        lang = lang_of(None)
        return html_block(msg("gsa.title").render(lang), self.table(lang), self.notes_in(lang), lang)

    def __repr__(self) -> str:
        return f"<SobolIndices: {len(self.names)} inputs, n={self.n}, ranking {', '.join(self.ranking[:3])}>"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        def f(a):
            return [None if not math.isfinite(x) else float(x) for x in a]
        return {"names": list(self.names), "first": f(self.first), "first_low": f(self.first_low),
                "first_high": f(self.first_high), "total": f(self.total), "total_low": f(self.total_low),
                "total_high": f(self.total_high), "mean": self.mean, "variance": self.variance, "n": self.n,
                "n_boot": self.n_boot, "conf": self.conf, "estimator": self.estimator, "ranking": list(self.ranking),
                "notes": list(self.notes), "notes_zh": list(self.notes_zh)}


def sobol_indices(y_A: Any, y_B: Any, y_AB: Any, *, names: Sequence[str] | None = None, conf: float = 0.95,
                  n_boot: int = 1000, seed: int | np.random.Generator | None = 0) -> SobolIndices:
    """First-order and total Sobol indices from the outputs of a Saltelli design.

    Parameters
    ----------
    y_A, y_B : array_like, shape (n,)
        Model output on the rows of A and of B.
    y_AB : array_like, shape (d, n)
        Output on the rows of each AB_i (row i of ``y_AB`` for AB_i).
    names : sequence of str, optional
        Input names (default ``x0 ... x{d-1}``).
    conf : float, default 0.95
        Level of the bootstrap intervals.
    n_boot : int, default 1000
        Bootstrap resamples of the base rows (0: no intervals, NaN ends).
    seed : int or Generator, default 0
        Seed of the bootstrap resampling.

    Returns
    -------
    SobolIndices

    Notes
    -----
    With ``f`` the output less its mean over all ``n (d + 2)`` runs and ``V`` the variance of
    ``y_A`` and ``y_B`` together (Saltelli et al. 2010, Table 2, estimators (b) and (f)):

    * first order (Saltelli et al. 2010): ``S_i = mean(f(B) (f(AB_i) - f(A))) / V``;
    * total (Jansen 1999): ``ST_i = mean((f(A) - f(AB_i))^2) / (2 V)``.

    Centring leaves both estimands unchanged and reduces the first-order estimator's variance
    when the output's mean is large against its spread (SALib does the same). The intervals are
    percentile intervals of ``n_boot`` resamples of the n base rows (the same rows for A, B and
    every AB_i). A scrambled Sobol base makes the estimates more precise than plain Monte Carlo
    draws, which the bootstrap (an i.i.d. resampling) does not know: the intervals are then
    conservative. Estimates can fall slightly below 0 or above 1 by sampling error; the notes
    say so.

    References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010),
    Variance based sensitivity analysis of model output, Computer Physics Communications 181,
    259-270; M.J.W. Jansen (1999), Analysis of variance designs for model output, Computer
    Physics Communications 117, 35-43.

    Examples
    --------
    ``y = x0 * x1`` on the unit square: ``V = 7/144``, ``V_i = 1/48`` so ``S_i = 3/7``, and
    ``ST_i = 1 - S_j = 4/7`` (Saltelli et al. 2008, ch. 4):

    >>> d = saltelli_design(4096, 2, seed=3)
    >>> x = d.stacked()
    >>> r = sobol_indices(*d.split(x[:, 0] * x[:, 1]), n_boot=200)
    >>> np.round(r.first, 2), np.round(r.total, 2), round(3 / 7, 2), round(4 / 7, 2)
    (array([0.43, 0.43]), array([0.57, 0.57]), 0.43, 0.57)
    """
    a = _array(y_A, "y_A", 1, "(n,)")
    b = _array(y_B, "y_B", 1, "(n,)")
    ab = _array(y_AB, "y_AB", 2, "(d, n)")
    n = a.shape[0]
    if n < 2 or b.shape != (n,) or ab.shape[1] != n:
        raise InputError(msg("gsa.shape", name="y_AB", expected=f"(d, {n}) and y_B ({n},)",
                             got=f"{ab.shape} and {b.shape}"), where="y_AB")
    d = ab.shape[0]
    names_ = _names(names, d)
    conf = _conf(conf)
    n_boot = _whole(n_boot, "n_boot", 0)
    both = np.concatenate([a, b])
    variance = float(both.var())
    if not variance > 0:
        raise InputError(msg("gsa.zero_variance"), where="y_A")
    first, total = _estimates(a, b, ab)
    if n_boot:
        f_lo, f_hi, t_lo, t_hi = _bootstrap(a, b, ab, n_boot, conf, seed)
    else:
        f_lo = f_hi = t_lo = t_hi = np.full(d, np.nan)
    notes = [msg("gsa.estimators", n_boot=n_boot, conf=_pct(conf), n=n, runs=n * (d + 2)),
             msg("gsa.sum_s1", total=f"{first.sum():.4g}", rest=_pct(1 - first.sum()))]
    negative = [names_[i] for i in range(d) if first[i] < 0 or total[i] < 0]
    if negative:
        notes.append(msg("gsa.negative", names=", ".join(negative)))
    return SobolIndices(names=names_, first=first, total=total, first_low=f_lo, first_high=f_hi, total_low=t_lo,
                        total_high=t_hi, mean=float(both.mean()), variance=variance, n=n, n_boot=n_boot, conf=conf,
                        notes=tuple(t.render("en") for t in notes), notes_zh=tuple(t.render("zh") for t in notes))


# ----------------------------------------------------------------------------- rank correlation
@dataclass(frozen=True)
class RankImportance(RichDisplay, Bilingual):
    """Spearman rank correlations and contributions to variance (see :func:`rank_importance`).

    Attributes
    ----------
    names : tuple of str
        Inputs, largest ``|rho|`` first.
    rho : ndarray
        Spearman rank correlation of each input with the output.
    contribution : ndarray
        ``rho**2 / sum(rho**2)``: shares adding up to 1.
    n : int
        Draws.
    notes, notes_zh : tuple of str
    """

    names: tuple[str, ...]
    rho: np.ndarray
    contribution: np.ndarray
    n: int
    notes: tuple[str, ...] = field(default=())
    notes_zh: tuple[str, ...] = field(default=())

    @property
    def ranking(self) -> tuple[str, ...]:
        return self.names

    def to_frame(self):
        """Columns ``rho`` and ``contribution``, index the inputs (largest ``|rho|`` first)."""
        import pandas as pd

        return pd.DataFrame({"rho": self.rho, "contribution": self.contribution},
                            index=pd.Index(self.names, name="input"))

    def table(self, lang: str | None = None):
        """:meth:`to_frame` with translated headers, contributions as percentages."""
        lang = lang_of(lang)
        frame = self.to_frame()
        frame.columns = [msg("gsa.spearman").render(lang), msg("gsa.contribution").render(lang)]
        frame.index.name = msg("gsa.input").render(lang)
        return as_rates(frame, [frame.columns[1]])

    def summary(self, lang: str | None = None) -> str:
        lang = lang_of(lang)
        return text(msg("gsa.rank_title").render(lang), self.table(lang), self.notes_in(lang), lang)


    def _repr_html_(self) -> str:
        lang = lang_of(None)
        return html_block(msg("gsa.rank_title").render(lang), self.table(lang), self.notes_in(lang), lang)

    def __repr__(self) -> str:
        return f"<RankImportance: {len(self.names)} inputs, n={self.n}, first {self.names[0] if self.names else '-'}>"


def _ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks down axis 0 (ties share their mean rank)."""
    from scipy.stats import rankdata

    return rankdata(x, axis=0)


def rank_importance(inputs: Mapping[str, Any], output: Any) -> RankImportance:
    """Spearman rank correlation of each input with the output, and its contribution to variance.

    Parameters
    ----------
    inputs : mapping of name to array_like, shape (n,)
        Sampled inputs (a DataFrame works too).
    output : array_like, shape (n,)
        The output on the same draws.

    Returns
    -------
    RankImportance
        Largest ``|rho|`` first.

    Notes
    -----
    ``rho_i`` is the Pearson correlation of the ranks of input i and of the output (average
    ranks for ties); the contribution to variance is ``rho_i^2 / sum_j rho_j^2``, the quick
    "contribution to variance" view of spreadsheet risk tools. It is an exact split only for a
    monotonic additive model with independent inputs; the notes say so. An input that never
    changes gets ``rho = 0``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = {"a": rng.normal(size=10000), "b": rng.normal(size=10000)}
    >>> r = rank_importance(x, 3 * x["a"] + x["b"])
    >>> r.names, np.round(r.contribution, 1)
    (('a', 'b'), array([0.9, 0.1]))
    """
    y = _array(output, "output", 1, "(n,)")
    n = y.shape[0]
    names = tuple(str(k) for k in inputs)
    if n < 2 or not names:
        raise InputError(msg("gsa.shape", name="output", expected="(n,), n >= 2, with inputs", got=y.shape),
                         where="output")
    cols = []
    for name in names:
        col = _array(inputs[name], name, 1, "(n,)")
        if col.shape[0] != n:
            raise InputError(msg("gsa.lengths", name=name, got=col.shape[0], expected=n), where=name)
        cols.append(col)
    r = _ranks(np.column_stack(cols + [y]))
    r -= r.mean(axis=0)
    sd = np.sqrt((r ** 2).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (r[:, :-1] * r[:, -1:]).sum(axis=0) / (sd[:-1] * sd[-1])
    notes = [msg("gsa.rank_note", n=n)]
    if not sd[-1] > 0:
        raise InputError(msg("gsa.zero_variance"), where="output")
    constant = [names[i] for i in range(len(names)) if not sd[i] > 0]
    if constant:
        notes.append(msg("gsa.constant_input", names=", ".join(constant)))
    rho = np.where(sd[:-1] > 0, rho, 0.0)
    sq = rho ** 2
    contribution = sq / sq.sum() if sq.sum() > 0 else np.zeros_like(sq)
    order = np.argsort(-np.abs(rho), kind="stable")
    return RankImportance(names=tuple(names[i] for i in order), rho=rho[order], contribution=contribution[order], n=n,
                          notes=tuple(t.render("en") for t in notes), notes_zh=tuple(t.render("zh") for t in notes))
