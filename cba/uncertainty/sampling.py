"""Draws of a model's uncertain parameters: simple random (``mc``), Latin hypercube (``lhs``)
and scrambled Sobol' (``sobol``) sampling, with the model's rank correlations imposed, from an
explicit seed and identical whatever the chunking.

How the draws are defined
-------------------------
A run of ``total`` draws of d parameters (those with a distribution, in file order, or
``names``) is cut into fixed **blocks** of :data:`BLOCK` = 2**16 draws (the last one shorter).
The uniforms of block b depend only on (seed, method, b) and, for ``lhs``, the block's size:

* ``mc``: a PCG64 generator seeded by ``SeedSequence(seed)`` with spawn key (0, b), the
  ``np.random.SeedSequence(seed).spawn`` scheme, draws the block row by row.
* ``lhs``: the block is one Latin hypercube of its own size m: column j is
  (pi_j(i) + U_ij) / m with pi_j a random permutation of 0..m-1 and U_ij uniform (spawn key
  (1, b)). Each of the m equal strata of every parameter holds exactly one draw of the block,
  so a run of at most 2**16 draws is one Latin hypercube; a longer run is a sequence of them.
* ``sobol``: one scrambled Sobol' sequence for the whole run,
  ``scipy.stats.qmc.Sobol(d, scramble=True, rng=...)`` (spawn key (2,)), block b read after
  ``fast_forward(b * BLOCK)``; the balance properties need ``total`` to be a power of 2, and a
  note (:class:`cba.CBAWarning`) says so when it is not, as scipy does. Points (multiples of
  2**-30) are moved to the centre of their cell (+2**-31), so none is exactly 0.

Then, when the model has correlations, Iman-Conover (:mod:`cba.uncertainty.correlation`)
reorders each block's columns of the correlated parameters, and each uniform is turned into a
draw by its parameter's :meth:`~cba.model.distributions.Distribution.ppf`. A worker that draws
indices [start, start + n) of a run of ``total`` gets exactly that slice of the one-call draws;
pass ``total`` whenever the method is ``lhs`` or the model has correlations (the last block's
size depends on it).

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "m", "horizon": 1, "discount_rate": 0.08,
...     "parameters": {"p": {"value": 10, "low": 3, "high": 20, "distribution": "triangular"},
...                    "q": {"value": 1, "low": 0, "high": 2, "distribution": "uniform"}},
...     "options": {"a": {"flows": [{"name": "f", "kind": "cost", "amount": "p * q"}]}}})
>>> full = sample_inputs(m, 1000, seed=7, method="lhs")
>>> part = sample_inputs(m, 300, seed=7, method="lhs", start=500, total=1000)
>>> bool(np.array_equal(part["p"], full["p"][500:800]))
True
>>> np.sort(np.floor(full["q"] / 2 * 1000)).astype(int).tolist() == list(range(1000))   # one per stratum
True
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import CBAWarning, InputError
from ..i18n import msg

__all__ = ["BLOCK", "METHODS", "sample_inputs", "sample_uniforms", "data_files"]

#: draws per block: the unit of chunk-independent randomness (do not change between runs)
BLOCK = 2 ** 16
METHODS = ("mc", "lhs", "sobol")
_KEY = {"mc": 0, "lhs": 1, "sobol": 2}
_TINY = 2.0 ** -53
_SOBOL_BITS = 30


def _seed_sequence(seed: Any) -> np.random.SeedSequence:
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence(int(seed.integers(0, 2 ** 63)))
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0:
        return np.random.SeedSequence(int(seed))
    raise InputError(msg("uncertainty.sample.seed", got=v.show(seed)), where="seed")


def _child(root: np.random.SeedSequence, *key: int) -> np.random.Generator:
    """The generator of spawn key ``key`` under ``root`` (what ``root.spawn`` would give)."""
    ss = np.random.SeedSequence(root.entropy, spawn_key=tuple(root.spawn_key) + key, pool_size=root.pool_size)
    return np.random.Generator(np.random.PCG64(ss))


def _block(root, method: str, b: int, m: int, d: int, block: int) -> np.ndarray:
    """Uniforms of block ``b`` (m rows, d columns)."""
    if method == "mc":
        return _child(root, 0, b).random((m, d))
    if method == "lhs":
        g = _child(root, 1, b)
        perms = g.permuted(np.tile(np.arange(m, dtype=float), (d, 1)), axis=1).T
        return (perms + g.random((m, d))) / m
    from scipy.stats import qmc

    engine = qmc.Sobol(d, scramble=True, bits=_SOBOL_BITS, rng=_child(root, 2))
    if b:
        engine.fast_forward(b * block)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)      # the power-of-2 note is ours, once per run
        u = engine.random(m)
    return u + 2.0 ** -(_SOBOL_BITS + 1)


def _check_range(n: Any, start: Any, total: Any) -> tuple[int, int, int]:
    n = v.integer(n, "n", minimum=1)
    start = v.integer(start, "start", minimum=0)
    total = start + n if total is None else v.integer(total, "total", minimum=1)
    if start + n > total:
        raise InputError(msg("uncertainty.sample.total", end=start + n, total=total), where="total")
    return n, start, total


def sample_uniforms(d: int, n: int, *, seed: Any, method: str = "mc", start: int = 0, total: int | None = None,
                    correlation: np.ndarray | None = None, columns: Sequence[int] = (),
                    block: int = BLOCK) -> np.ndarray:
    """Uniforms on (0, 1) for draws [start, start + n) of a run of ``total`` (see the module notes).

    Parameters
    ----------
    d : int
        Number of dimensions (parameters).
    n : int
        Number of draws wanted.
    seed : int, SeedSequence or Generator
        The run's seed (a Generator gives one integer seed from its stream).
    method : {"mc", "lhs", "sobol"}
    start : int
        Index of the first draw within the run.
    total : int, optional
        The run's number of draws (default ``start + n``); fixes the last block's size.
    correlation : (k, k) array, optional
        Rank correlations imposed (Iman-Conover, per block) on the ``columns`` (k of them).
    block : int
        Draws per block; keep the default (:data:`BLOCK`) for runs that must agree.

    Returns
    -------
    (n, d) array

    Examples
    --------
    >>> u = sample_uniforms(3, 10, seed=1, method="mc")
    >>> bool(np.array_equal(sample_uniforms(3, 4, seed=1, start=6), u[6:]))
    True
    """
    d = v.integer(d, "d", minimum=1)
    method = v.choice(method, "method", METHODS)
    n, start, total = _check_range(n, start, total)
    block = v.integer(block, "block", minimum=1)
    root = _seed_sequence(seed)
    cols = list(columns)
    out = np.empty((n, d))
    for b in range(start // block, (start + n - 1) // block + 1):
        lo = b * block
        m = min(block, total - lo)
        u = _block(root, method, b, m, d, block)
        if correlation is not None and len(cols) > 1:
            if m <= len(cols) + 1:
                warnings.warn(CBAWarning(msg("uncertainty.sample.small_block", m=m, d=len(cols))), stacklevel=3)
            else:
                from .correlation import impose_rank_correlation

                u[:, cols] = impose_rank_correlation(u[:, cols], correlation)
        a, z = max(start, lo), min(start + n, lo + m)
        out[a - start:z - start] = u[a - lo:z - lo]
    return np.clip(out, _TINY, 1 - _TINY)


def sample_inputs(model, n: int, *, seed: Any, method: str = "mc", start: int = 0, total: int | None = None,
                  names: Sequence[str] | None = None, block: int = BLOCK) -> dict[str, np.ndarray]:
    """Draws of the model's uncertain parameters, correlated as the model says.

    Parameters
    ----------
    model : cba.Model
    n : int
        Number of draws.
    seed : int, SeedSequence or Generator
        Same seed, method, parameters and ``total``: same draws, whatever the chunking.
    method : {"mc", "lhs", "sobol"}
        Simple random, Latin hypercube (stratified per block of 2**16) or scrambled Sobol'.
    start : int
        Index of the first draw within the run (for a worker drawing a slice).
    total : int, optional
        The run's number of draws (default ``start + n``): pass it with ``lhs`` or
        correlations when drawing a slice.
    names : sequence of str, optional
        The parameters to draw (default: every parameter with a distribution, in file order).
        Correlations with parameters left out are dropped, with a note.
    block : int
        Draws per block (keep the default).

    Returns
    -------
    dict
        ``{name: (n,) array}``, ready for :func:`cba.appraise` as overrides.

    Notes
    -----
    Each block's uniforms become draws through ``Distribution.ppf``; the ``mc`` draws therefore
    differ from :meth:`cba.Model.sample` (which calls each distribution's own sampler).

    Examples
    --------
    >>> import cba
    >>> m = cba.load_model({"name": "m", "horizon": 1, "discount_rate": 0.08,
    ...     "parameters": {"p": {"value": 10, "low": 3, "high": 20, "distribution": "triangular"},
    ...                    "q": {"value": 1, "low": 0, "high": 2, "distribution": "uniform"}},
    ...     "correlations": [["p", "q", 0.7]],
    ...     "options": {"a": {"flows": [{"name": "f", "kind": "cost", "amount": "p * q"}]}}})
    >>> x = sample_inputs(m, 20_000, seed=1)
    >>> from cba.uncertainty import achieved_rank_correlation
    >>> round(float(achieved_rank_correlation(x, m).to_frame("en").iloc[0, 3]), 2)
    0.7
    """
    if names is None:
        names = [k for k, p in model.parameters.items() if p.distribution is not None]
    else:
        names = list(names)
        for i, name in enumerate(names):
            if name not in model.parameters:
                raise InputError(v.unknown_name(name, list(model.parameters)), where=f"names[{i}]")
            if model.parameters[name].distribution is None:
                raise InputError(msg("uncertainty.corr.no_distribution", name=name), where=f"names[{i}]")
    n, start, total = _check_range(n, start, total)
    method = v.choice(method, "method", METHODS)
    if not names:
        return {}
    corr = getattr(model, "correlations", None)
    target, cols = None, []
    if corr is not None:
        if start == 0:
            for name in corr.names:
                if name not in names:
                    warnings.warn(CBAWarning(msg("uncertainty.sample.fixed_in_corr", name=name)), stacklevel=2)
        sub = corr.sub(names)
        if len(sub.names) > 1 and np.any(sub.array != np.eye(len(sub.names))):
            target, cols = sub.array, [names.index(k) for k in sub.names]
            if method == "sobol" and start == 0:
                warnings.warn(CBAWarning(msg("uncertainty.sample.sobol_corr")), stacklevel=2)
    if method == "sobol" and start == 0 and total & (total - 1):
        lower = 1 << (total.bit_length() - 1)
        warnings.warn(CBAWarning(msg("uncertainty.sample.sobol_pow2", n=total, lower=lower, upper=2 * lower)),
                      stacklevel=2)
    u = sample_uniforms(len(names), n, seed=seed, method=method, start=start, total=total,
                        correlation=target, columns=cols, block=block)
    return {k: model.parameters[k].distribution.ppf(u[:, j]) for j, k in enumerate(names)}


def data_files(model) -> dict[str, dict[str, Any]]:
    """The data files read by the model's ``empirical`` distributions, for a report's provenance:
    ``{parameter: {"file": as written, "path": resolved, "column": ..., "sha256": ...}}``.

    >>> import cba
    >>> data_files(cba.load_model({"name": "m", "horizon": 1, "discount_rate": 0.08,
    ...     "parameters": {"p": 1}, "options": {"a": {"flows": []}}}))
    {}
    """
    out = {}
    for name, p in model.parameters.items():
        d = p.distribution
        if d is not None and d.path is not None:
            out[name] = {"file": d.params["file"], "path": d.path, "column": d.params.get("column"),
                         "sheet": d.params.get("sheet"), "sha256": d.params["sha256"]}
    return out
