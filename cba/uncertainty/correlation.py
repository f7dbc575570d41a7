"""Rank correlations between uncertain parameters: the model's ``correlations:`` section, the
Iman-Conover method that imposes them on independent draws, and the check of what was achieved.

A model file states correlations in one of three forms (names are parameters that carry a
distribution; pairs left out are 0)::

    correlations:                      # pairs
      - [kiosk_price, om_cost, 0.5]
      - [staff_cost, staff_freed, -0.3]

    correlations:                      # mapping
      kiosk_price: {om_cost: 0.5}

    correlations:                      # matrix
      names: [kiosk_price, om_cost]
      matrix: [[1, 0.5], [0.5, 1]]

The matrix is checked: names known and carrying distributions, no pair given twice, no
parameter with itself, |r| <= 1, diagonal 1, symmetric, positive semi-definite (the error
states the smallest eigenvalue when it is not).

Notes
-----
The correlations are **rank** (Spearman) correlations, imposed by the method of
R. L. Iman and W. J. Conover, "A distribution-free approach to inducing rank correlation among
input variables", *Communications in Statistics - Simulation and Computation* 11(3), 311-334,
1982. On a block of m draws of d variables:

1. van der Waerden scores a_i = Phi^-1(i / (m + 1)) are arranged in the rank order of each
   column of the draws (independent columns, so a random arrangement): the score matrix R;
2. with T = corr(R) = Q Q' (Cholesky) and the target C* = P P', the scores are mixed,
   R* = R (P Q^-1)', so that corr(R*) = C* exactly;
3. each column of the draws is rearranged to have the ranks of the column of R*.

Only the pairing changes: every marginal (and a Latin hypercube's strata) stays as drawn.
Because the scores are nearly normal, their Pearson correlation rho gives a Spearman correlation
(6 / pi) asin(rho / 2) (K. Pearson 1907; W. H. Kruskal, JASA 53, 814-861, 1958), so the target
of step 2 is C* = 2 sin(pi C / 6) for a requested rank correlation C. Should C* not be positive
semi-definite (rare, near-singular C), its negative eigenvalues are set to 0 and its diagonal
rescaled to 1.

Examples
--------
>>> c = Correlations.from_entry([["a", "b", 0.5]])
>>> c.names, c.array.tolist()
(('a', 'b'), [[1.0, 0.5], [0.5, 1.0]])
>>> c.to_dict()
[['a', 'b', 0.5]]
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import msg
from ..display import RichDisplay

__all__ = ["Correlations", "check_correlations", "impose_rank_correlation", "achieved_rank_correlation",
           "RankCorrelationCheck", "spearman"]

_TOL = 1e-12          # diagonal and symmetry
_PSD_TOL = 1e-10      # smallest eigenvalue allowed below 0 (rounding)


def _r(x: Any, where: str) -> float:
    r = v.number(x, where)
    if abs(r) > 1:
        raise InputError(msg("uncertainty.corr.range", got=f"{r:g}"), where=where)
    return r


@dataclass(frozen=True)
class Correlations:
    """A validated rank-correlation matrix over named parameters.

    Parameters
    ----------
    names : tuple of str
        The correlated parameters, in the order of the matrix.
    matrix : tuple of tuples
        The requested rank correlations (symmetric, unit diagonal, positive semi-definite).
    form : {"pairs", "matrix"}
        How the model file wrote it (``to_dict`` writes the same form).
    """

    names: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]
    form: str = field(default="pairs", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(self.names))
        object.__setattr__(self, "matrix", tuple(tuple(float(x) for x in row) for row in self.matrix))

    @property
    def array(self) -> np.ndarray:
        """The matrix as a (d, d) array."""
        return np.array(self.matrix, dtype=float).reshape(len(self.names), len(self.names))

    @classmethod
    def from_entry(cls, entry: Any, where: str = "correlations") -> "Correlations":
        """Parse the three forms of the section (names not yet checked against a model)."""
        if isinstance(entry, Mapping) and "matrix" in entry:
            return cls._from_matrix(entry, where)
        pairs: list[tuple[str, str, float, str]] = []
        if isinstance(entry, Mapping):
            for a, inner in entry.items():
                for b, r in v.mapping(inner, f"{where}.{a}").items():
                    pairs.append((a, b, r, f"{where}.{a}.{b}"))
        elif isinstance(entry, Sequence) and not isinstance(entry, (str, bytes)):
            for i, item in enumerate(entry):
                if (isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 3):
                    raise InputError(msg("uncertainty.corr.pair", got=v.show(item)), where=f"{where}[{i}]")
                pairs.append((item[0], item[1], item[2], f"{where}[{i}]"))
        else:
            raise InputError(msg("uncertainty.corr.form", got=v.show(entry)), where=where)
        names: list[str] = []
        seen: dict[frozenset, str] = {}
        values = []
        for a, b, r, here in pairs:
            a, b = (v.text(x, here, allow_empty=False) for x in (a, b))
            if a == b:
                raise InputError(msg("uncertainty.corr.self", name=a), where=here)
            key = frozenset((a, b))
            if key in seen:
                raise InputError(msg("uncertainty.corr.duplicate", a=a, b=b), where=here)
            seen[key] = here
            values.append((a, b, _r(r, here)))
            names += [x for x in (a, b) if x not in names]
        mat = np.eye(len(names))
        for a, b, r in values:
            i, j = names.index(a), names.index(b)
            mat[i, j] = mat[j, i] = r
        _psd(mat, where)
        return cls(tuple(names), mat.tolist(), "pairs")

    @classmethod
    def _from_matrix(cls, entry: Mapping, where: str) -> "Correlations":
        v.only_keys(entry, where, ("names", "matrix"))
        v.require(entry, where, ("names", "matrix"))
        names = [v.text(x, f"{where}.names[{i}]", allow_empty=False)
                 for i, x in enumerate(v.sequence(entry["names"], f"{where}.names"))]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise InputError(msg("uncertainty.corr.duplicate_name", name=name), where=f"{where}.names[{i}]")
        rows = v.sequence(entry["matrix"], f"{where}.matrix")
        n = len(names)
        shape = f"{len(rows)}×" + "/".join(sorted({str(len(r)) if isinstance(r, Sequence) else "?" for r in rows}) or "0")
        if len(rows) != n or any(isinstance(r, (str, bytes)) or not isinstance(r, Sequence) or len(r) != n
                                 for r in rows):
            raise InputError(msg("uncertainty.corr.shape", n=n, got=shape), where=f"{where}.matrix")
        mat = np.array([[_r(x, f"{where}.matrix[{i}][{j}]") for j, x in enumerate(row)]
                        for i, row in enumerate(rows)], dtype=float).reshape(n, n)
        for i in range(n):
            if abs(mat[i, i] - 1) > _TOL:
                raise InputError(msg("uncertainty.corr.diagonal", name=names[i], got=f"{mat[i, i]:g}"),
                                 where=f"{where}.matrix[{i}][{i}]")
        for i in range(n):
            for j in range(i + 1, n):
                if abs(mat[i, j] - mat[j, i]) > _TOL:
                    raise InputError(msg("uncertainty.corr.symmetric", a=names[i], b=names[j], x=f"{mat[i, j]:g}",
                                         y=f"{mat[j, i]:g}"), where=f"{where}.matrix[{j}][{i}]")
        _psd(mat, where)
        return cls(tuple(names), mat.tolist(), "matrix")

    def sub(self, names: Sequence[str]) -> "Correlations":
        """The correlations among ``names`` (those of them that are correlated), in that order."""
        keep = [n for n in names if n in self.names]
        idx = [self.names.index(n) for n in keep]
        return Correlations(tuple(keep), self.array[np.ix_(idx, idx)].tolist(), self.form)

    def pairs(self) -> list[tuple[str, str, float]]:
        """Non-zero off-diagonal entries as ``(a, b, r)``, in matrix order."""
        m = self.array
        return [(a, self.names[j], float(m[i, j])) for i, a in enumerate(self.names)
                for j in range(i + 1, len(self.names)) if m[i, j] != 0]

    def to_dict(self) -> Any:
        """The model-file form it was written in."""
        if self.form == "matrix":
            return {"names": list(self.names), "matrix": [list(r) for r in self.matrix]}
        return [[a, b, r] for a, b, r in self.pairs()]


def _psd(mat: np.ndarray, where: str) -> None:
    if mat.size == 0:
        return
    smallest = float(np.linalg.eigvalsh(mat).min())
    if smallest < -_PSD_TOL:
        raise InputError(msg("uncertainty.corr.psd", eig=f"{smallest:.4g}"), where=where)


def check_correlations(entry: Any, parameters: Mapping[str, Any], where: str = "correlations") -> Correlations:
    """Validate a ``correlations:`` section against the model's parameters.

    Parameters
    ----------
    entry : list, mapping or Correlations
        One of the three forms of the module docstring.
    parameters : mapping of name -> Parameter
        Every name must be a parameter that carries a distribution.

    Returns
    -------
    Correlations

    Examples
    --------
    >>> import cba
    >>> ps = {"a": cba.Parameter("a", 1, 0, 2, distribution="uniform"), "b": cba.Parameter("b", 1)}
    >>> check_correlations({"a": {"b": 0.5}}, ps)
    Traceback (most recent call last):
    ...
    cba.errors.InputError: correlations.a.b: parameter 'b' has no distribution, so it cannot be correlated (give it a distribution first)
    """
    corr = entry if isinstance(entry, Correlations) else Correlations.from_entry(entry, where)
    for name in corr.names:
        here = _name_place(entry, corr, name, where)
        if name not in parameters:
            raise InputError(v.unknown_name(name, list(parameters)), where=here)
        if getattr(parameters[name], "distribution", None) is None:
            raise InputError(msg("uncertainty.corr.no_distribution", name=name), where=here)
    return corr


def _name_place(entry: Any, corr: Correlations, name: str, where: str) -> str:
    """The field that first names ``name`` in the entry as written."""
    if isinstance(entry, Mapping) and "matrix" in entry:
        return f"{where}.names[{corr.names.index(name)}]"
    if isinstance(entry, Mapping):
        for a, inner in entry.items():
            if a == name:
                return f"{where}.{a}"
            if isinstance(inner, Mapping) and name in inner:
                return f"{where}.{a}.{name}"
    elif isinstance(entry, Sequence):
        for i, item in enumerate(entry):
            if name in tuple(item)[:2]:
                return f"{where}[{i}]"
    return where


# ----------------------------------------------------------------------------- Iman-Conover
def _factor(c: np.ndarray) -> np.ndarray:
    """A matrix P with P P' = c: Cholesky when c is positive definite, else from eigenvectors."""
    try:
        return np.linalg.cholesky(c)
    except np.linalg.LinAlgError:
        w, vecs = np.linalg.eigh(c)
        return vecs * np.sqrt(np.clip(w, 0, None))


def _score_target(c: np.ndarray) -> np.ndarray:
    """Pearson correlation of normal scores that gives rank correlation ``c``: 2 sin(pi c / 6)."""
    t = 2 * np.sin(np.pi * c / 6)
    np.fill_diagonal(t, 1.0)
    w, vecs = np.linalg.eigh(t)
    if w.min() < 0:
        t = (vecs * np.clip(w, 0, None)) @ vecs.T
        s = np.sqrt(np.diag(t))
        t = t / np.outer(s, s)
    return t


def impose_rank_correlation(x: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Rearrange the columns of ``x`` (m draws of d independent variables) so that their rank
    correlation is ``target`` (Iman & Conover 1982; see the module notes).

    Parameters
    ----------
    x : (m, d) array
        Draws with independent columns (uniforms or values: only their order is used).
    target : (d, d) array
        Requested rank correlations (positive semi-definite, unit diagonal).

    Returns
    -------
    (m, d) array
        The same values, each column in a new order; ``x`` is unchanged. With m <= d + 1
        the correlation of the scores cannot be estimated and ``x`` is returned as it is.

    Examples
    --------
    >>> from scipy import stats
    >>> x = np.random.default_rng(1).random((20_000, 2))
    >>> y = impose_rank_correlation(x, np.array([[1, 0.6], [0.6, 1]]))
    >>> bool(np.array_equal(np.sort(y, axis=0), np.sort(x, axis=0)))     # same values
    True
    >>> round(float(stats.spearmanr(y[:, 0], y[:, 1]).statistic), 2)
    0.6
    """
    x = np.asarray(x, dtype=float)
    m, d = x.shape
    if d < 2 or m <= d + 1:
        return x.copy()
    from scipy.special import ndtri

    xt = np.ascontiguousarray(x.T)                    # (d, m): sorts run along contiguous rows
    scores = np.broadcast_to(ndtri(np.arange(1, m + 1) / (m + 1)), xt.shape)
    order = np.argsort(xt, axis=1)
    r = np.empty_like(xt)
    np.put_along_axis(r, order, scores, axis=1)       # score matrix R' in the rank order of x
    # products by einsum, not BLAS: a multithreaded BLAS would compete with worker processes
    # for the cores (and gains nothing for a few rows), and its results may depend on its threads
    rc = r - r.mean(axis=1, keepdims=True)
    cov = np.einsum("im,jm->ij", rc, rc)
    sd = np.sqrt(np.diag(cov))
    q = np.linalg.cholesky(cov / np.outer(sd, sd))
    p = _factor(_score_target(np.asarray(target, dtype=float)))
    r_star = np.einsum("ij,jm->im", np.linalg.solve(q.T, p.T).T, r)   # (R (P Q^-1)')' = P Q^-1 R'
    out = np.empty_like(xt)                           # the k-th smallest x where R* has rank k
    np.put_along_axis(out, np.argsort(r_star, axis=1), np.take_along_axis(xt, order, axis=1), axis=1)
    return out.T.copy()


# ----------------------------------------------------------------------------- achieved
def spearman(x: np.ndarray) -> np.ndarray:
    """Spearman's rank correlation matrix of the columns of ``x`` (average ranks for ties).

    >>> spearman(np.array([[1, 2], [2, 1], [3, 4], [4, 3]]))[0, 1]     # 1 - 6*4/(4*15) = 0.6
    np.float64(0.6)
    """
    from scipy.stats import rankdata

    ranks = rankdata(np.asarray(x, dtype=float), axis=0)
    return np.atleast_2d(np.corrcoef(ranks, rowvar=False))


@dataclass(frozen=True)
class RankCorrelationCheck(RichDisplay):
    """Requested and achieved (Spearman) rank correlations of sampled parameters.

    ``to_frame()`` lists every pair: requested, achieved and their difference.
    """

    names: tuple[str, ...]
    requested: tuple[tuple[float, ...], ...]
    achieved: tuple[tuple[float, ...], ...]
    n: int

    def to_frame(self, lang: str | None = None):
        import pandas as pd

        cols = [msg(f"uncertainty.corr.col.{k}").render(lang) for k in ("first", "second", "requested", "achieved", "difference")]
        rows = []
        for i, a in enumerate(self.names):
            for j in range(i + 1, len(self.names)):
                req, got = self.requested[i][j], self.achieved[i][j]
                rows.append([a, self.names[j], req, got, got - req])
        return pd.DataFrame(rows, columns=cols)

    def summary(self, lang: str | None = None) -> str:
        from ..formatting import frame_to_text

        title = msg("uncertainty.corr.title", n=f"{self.n:,}").render(lang)
        return title + "\n" + frame_to_text(self.table(lang))     # aligned by display width (CJK)

    def table(self, lang: str | None = None):
        """:meth:`to_frame` for display: the first parameter as the index, the correlations
        with three decimals (as in :meth:`summary`)."""
        frame = self.to_frame(lang)
        out = frame.set_index(frame.columns[0])
        for c in out.columns[1:]:
            out[c] = [f"{x:.3f}" for x in out[c]]
        return out

    def to_html(self, lang: str | None = None) -> str:
        """The HTML view in ``lang`` (default: the current language): title and the table of
        pairs, headers from the message catalogue."""
        from ..display import block_html
        from ..i18n import get_lang

        lang = lang or get_lang()
        return block_html(msg("uncertainty.corr.title", n=f"{self.n:,}").render(lang), [("", self.table(lang))],
                          lang=lang, css="cba-correlation")

    def _repr_html_(self) -> str:
        return self.to_html()


def achieved_rank_correlation(draws: Mapping[str, Any], requested: Any = None) -> RankCorrelationCheck:
    """Spearman rank correlations of ``draws`` next to the requested ones.

    Parameters
    ----------
    draws : mapping of name -> (n,) array
        E.g. the result of :func:`cba.uncertainty.sample_inputs`.
    requested : Correlations, Model or None
        The requested correlations (a model's ``correlations``); pairs not listed are 0.
        Without it every requested correlation is 0 (independent draws).

    Returns
    -------
    RankCorrelationCheck
        Over the drawn parameters, in the order of ``draws``.

    Examples
    --------
    >>> c = Correlations.from_entry([["a", "b", -0.5]])
    >>> x = impose_rank_correlation(np.random.default_rng(3).random((50_000, 2)), c.array)
    >>> check = achieved_rank_correlation({"a": x[:, 0], "b": x[:, 1]}, c)
    >>> frame = check.to_frame("en")
    >>> list(frame.columns)
    ['Parameter 1', 'Parameter 2', 'Requested rank correlation', 'Achieved rank correlation (Spearman)', 'Difference']
    >>> float(frame.iloc[0, 2]), round(float(frame.iloc[0, 3]), 2)
    (-0.5, -0.5)
    """
    if requested is not None and not isinstance(requested, Correlations):
        requested = getattr(requested, "correlations", None)
    names = tuple(draws)
    x = np.column_stack([np.asarray(draws[k], dtype=float).ravel() for k in names])
    req = np.eye(len(names))
    if requested is not None:
        for a, b, r in requested.pairs():
            if a in names and b in names:
                i, j = names.index(a), names.index(b)
                req[i, j] = req[j, i] = r
    got = spearman(x) if len(names) > 1 else np.eye(len(names))
    return RankCorrelationCheck(names, tuple(map(tuple, req.tolist())), tuple(map(tuple, got.tolist())), x.shape[0])
