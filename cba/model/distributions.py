"""Probability distributions attached to model parameters.

A parameter may carry a distribution from day one, so Monte Carlo, global
sensitivity and value-of-information analyses can use the model file as it is.
Sampling takes an explicit ``seed`` (int or ``numpy.random.Generator``);
:meth:`Distribution.ppf` (the inverse CDF, vectorised) turns uniforms into draws, which is
what Latin hypercube, Sobol and Iman-Conover sampling (:mod:`cba.uncertainty`) use.

Supported kinds (fields in the model file):

============  ==========================================  ===============================
kind          fields                                      defaults from the parameter
============  ==========================================  ===============================
uniform       low, high                                   low, high
triangular    low, mode, high                             low, value, high
pert          low, mode, high                             low, value, high
normal        mean, sd                                    mean = value
lognormal     median, sigma (of the log); **or**          median = value;
              mean, sd (of the variable itself)           mean = value
truncnormal   mean, sd (of the normal before it is        mean = value, low, high
              truncated), low, high
beta          low, high and mean, sd; **or**              low, high, mean = value
              low, high and shapes a, b
discrete      values, probabilities (sum to 1 +- 1e-9)    none
empirical     file (CSV or Excel, relative to the model   none
              file), column, sheet (Excel); **or**
              values (an inline list)
============  ==========================================  ===============================

Notes
-----
* ``lognormal`` by ``mean`` and ``sd``: sigma^2 = ln(1 + sd^2 / mean^2) and
  mu = ln(mean) - sigma^2 / 2 (the median is exp(mu)). Give exactly one of the two pairs.
* ``beta`` by ``mean`` and ``sd`` on [low, high]: with m = (mean - low) / (high - low) and
  s = sd / (high - low), k = m (1 - m) / s^2 - 1, a = m k and b = (1 - m) k; it exists when
  sd^2 < (mean - low)(high - mean). Give ``a`` and ``b`` instead to set the shapes.
* ``truncnormal`` is scipy's ``truncnorm`` with ``loc = mean``, ``scale = sd``: mean and sd
  are those of the normal before truncation, so the truncated mean differs unless the
  bounds are symmetric about it.
* ``discrete``: each value with its probability; the values are distinct.
* ``empirical`` resamples the data with replacement (each data point has probability
  1/m, repeated points count each time). A CSV file may be UTF-8 (with or without a BOM) or
  GBK/GB18030 (read with a warning); an Excel file is read from ``sheet`` (default the
  first). ``column`` names the header; it may be left out when the file has one column.
  Blank cells are skipped. A relative ``file`` resolves against the directory of the model
  file (:func:`cba.load_model` sets it with :func:`data_dir`), or the current directory for
  a model given as a dict. The file's SHA-256 is recorded in ``to_dict()`` (field
  ``sha256``): a model that states ``sha256`` refuses a file whose bytes have changed.
* ``ppf(u)`` of ``discrete`` and ``empirical`` is the step inverse
  F^-1(u) = min{x : F(x) >= u}.

Examples
--------
>>> d = Distribution("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0})
>>> x = d.sample(100_000, seed=1)
>>> round(float(x.mean()), 1)   # (3 + 10 + 20) / 3 = 11
11.0
>>> Distribution("discrete", {"values": [1, 2, 5], "probabilities": [0.2, 0.5, 0.3]}).ppf([0.1, 0.2, 0.21, 0.95])
array([1., 1., 2., 5.])
"""
from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import msg

__all__ = ["Distribution", "KINDS", "rng", "data_dir"]

KINDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "uniform": ("low", "high"),
        "triangular": ("low", "mode", "high"),
        "pert": ("low", "mode", "high"),
        "normal": ("mean", "sd"),
        "lognormal": ("median", "sigma", "mean", "sd"),
        "truncnormal": ("mean", "sd", "low", "high"),
        "beta": ("low", "high", "mean", "sd", "a", "b"),
        "discrete": ("values", "probabilities"),
        "empirical": ("file", "column", "sheet", "sha256", "values"),
    }
)
#: kinds whose fields come in alternative sets: kind -> (first set, second set)
_FORMS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = MappingProxyType({
    "lognormal": (("median", "sigma"), ("mean", "sd")),
    "beta": (("mean", "sd"), ("a", "b")),
    "empirical": (("file", "column", "sheet", "sha256"), ("values",)),
})
#: fields whose default comes from the parameter (the rest must be given)
_FROM_PARAMETER = ("low", "high", "mode", "mean", "median")
_PROB_TOL = 1e-9
_DATA_DIR: contextvars.ContextVar[str | None] = contextvars.ContextVar("cba_data_dir", default=None)


def rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    """A Generator from an int seed, or the Generator itself."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


@contextmanager
def data_dir(path: str | os.PathLike | None) -> Iterator[None]:
    r"""Resolve relative data-file paths (``empirical`` distributions) against ``path``.

    ``path`` may be a directory or a model file (its directory is used); ``None`` keeps the
    current directory. :meth:`cba.Model.from_dict` sets it to the model file's directory.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "costs.csv").write_text("cost\n1\n2\n4\n", encoding="utf-8")
    >>> with data_dir(folder):
    ...     d = Distribution("empirical", {"file": "costs.csv"})
    >>> d.ppf([0.1, 0.5, 0.9])
    array([1., 2., 4.])
    """
    token = _DATA_DIR.set(_base_of(path))
    try:
        yield
    finally:
        _DATA_DIR.reset(token)


def _base_of(path: str | os.PathLike | None) -> str | None:
    if path is None:
        return None
    p = Path(path)
    return str(p if p.is_dir() else p.parent)


def _ndtri(u: np.ndarray) -> np.ndarray:
    from scipy.special import ndtri

    return ndtri(u)


def _kind_name(kind: str):
    return msg("model.dist.kind." + kind)


def _numbers(x: Any, where: str) -> np.ndarray:
    """A list of numbers: a YAML list, or text such as ``1, 2, 3`` / ``1；2`` (an Excel cell)."""
    if isinstance(x, str):
        import re

        x = [t for t in re.split(r"[,，;；、\s]+", x.strip()) if t]
    if isinstance(x, np.ndarray):
        x = x.tolist()
    if isinstance(x, (str, bytes)) or not isinstance(x, (list, tuple)) or not x:
        raise InputError(msg("uncertainty.dist.list", got=v.show(x)), where=where)
    return np.array([v.number(e, f"{where}[{i}]") for i, e in enumerate(x)], dtype=float)


def _positive(params: dict, key: str) -> None:
    if params[key] <= 0:
        raise InputError(msg("uncertainty.dist.positive", field=key, got=f"{params[key]:g}"),
                         where=f"distribution.{key}")


def _low_high(params: dict) -> None:
    if not params["low"] < params["high"]:
        raise InputError(msg("uncertainty.dist.low_high", low=f"{params['low']:g}", high=f"{params['high']:g}"),
                         where="distribution.high")


def _form(kind: str, params: Mapping[str, Any]) -> int:
    """Which field set of ``kind`` the params use (0 or 1); refuses a mix of both."""
    first, second = _FORMS[kind]
    has = [any(k in params for k in first), any(k in params for k in second)]
    if all(has) and kind == "empirical":
        raise InputError(msg("uncertainty.dist.empirical_source"), where="distribution")
    if all(has):
        raise InputError(msg("uncertainty.dist.one_pair", kind=_kind_name(kind), a=" + ".join(first[:2]),
                             b=" + ".join(second)), where="distribution")
    return 1 if has[1] else 0


def _read_column(file: str, column: str | None, sheet: str | None,
                 base: str | None) -> tuple[np.ndarray, str, str]:
    """(numbers of ``column``, SHA-256 of the file, resolved path) of a CSV or Excel file."""
    import io

    import pandas as pd

    from .files import _decode, file_sha256

    path = Path(file)
    if not path.is_absolute():
        path = Path(base or ".") / path
    if not path.is_file():
        raise InputError(msg("uncertainty.data.missing", path=file, base=base or os.getcwd()),
                         where="distribution.file")
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            frame = pd.read_csv(io.StringIO(_decode(path.read_bytes(), str(path))), dtype=str,
                                skipinitialspace=True)
        elif suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, sheet_name=sheet if sheet is not None else 0, dtype=object)
        else:
            raise InputError(msg("uncertainty.data.suffix", got=path.suffix or path.name), where="distribution.file")
    except InputError:
        raise
    except Exception as err:   # noqa: BLE001 - any reader failure is a bad data file, said in words
        raise InputError(msg("uncertainty.data.unreadable", path=file, problem=str(err).strip() or type(err).__name__),
                         where="distribution.file") from None
    columns = [str(c).strip() for c in frame.columns]
    frame.columns = columns
    if column is None:
        if len(columns) != 1:
            raise InputError(msg("uncertainty.data.which_column", columns=v.listing(columns)),
                             where="distribution.column")
        column = columns[0]
    if column not in columns:
        import difflib

        close = difflib.get_close_matches(column, columns, n=1)
        raise InputError(msg("uncertainty.data.no_column", column=column, hint=v.did_you_mean(close[0] if close else None),
                             columns=v.listing(columns)), where="distribution.column")
    cells = frame[column]
    out = []
    for i, x in enumerate(cells.tolist()):
        if x is None or (isinstance(x, float) and np.isnan(x)) or (isinstance(x, str) and not x.strip()):
            continue
        try:
            out.append(v.number(x, "distribution.column"))
        except InputError:
            raise InputError(msg("uncertainty.data.not_number", row=i + 2, got=v.show(x), column=column),
                             where="distribution.column") from None
    return np.array(out, dtype=float), file_sha256(path), str(path.resolve())


@dataclass(frozen=True)
class Distribution:
    """A named distribution with its fields (see the module docstring).

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    params : mapping
        The kind's fields. Lists (``values``, ``probabilities``) are kept as tuples; an
        ``empirical`` distribution read from a file also records the file's ``sha256``.

    Examples
    --------
    >>> d = Distribution("lognormal", {"mean": 10.0, "sd": 5.0})
    >>> round(float(d.ppf(0.5)), 4)        # the median, 10 / sqrt(1 + 0.25)
    8.9443
    >>> Distribution("beta", {"low": 0, "high": 1, "a": 2, "b": 2}).ppf([0.5])
    array([0.5])
    """

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        v.choice(self.kind, "distribution.kind", tuple(KINDS))
        v.only_keys(self.params, "distribution", KINDS[self.kind])
        check = getattr(self, f"_check_{self.kind}", None)
        if check is not None:
            params = check(dict(self.params))
        else:
            need = KINDS[self.kind]
            v.require(self.params, "distribution", need)
            params = {k: v.number(self.params[k], f"distribution.{k}") for k in need}
            if self.kind in ("uniform", "triangular", "pert"):
                lo, hi = params["low"], params["high"]
                mode = params.get("mode", lo)
                if not (lo <= mode <= hi) or not lo < hi:
                    raise InputError(msg("model.dist.order", got=params), where="distribution")
            if self.kind == "normal" and params["sd"] <= 0:
                raise InputError(msg("model.dist.sd"), where="distribution.sd")
        object.__setattr__(self, "params", MappingProxyType(params))

    # -- validation of the kinds with alternative or list fields ----------------------
    def _require(self, params: dict, keys: tuple[str, ...]) -> None:
        for key in keys:
            if key not in params:
                raise InputError(msg("uncertainty.dist.needs", kind=_kind_name(self.kind), field=key),
                                 where=f"distribution.{key}")

    def _check_lognormal(self, params: dict) -> dict:
        keys = _FORMS["lognormal"][_form("lognormal", params)]
        self._require(params, keys)
        params = {k: v.number(params[k], f"distribution.{k}") for k in keys}
        if keys[0] == "median":
            if params["sigma"] <= 0 or params["median"] <= 0:
                raise InputError(msg("model.dist.lognormal"), where="distribution")
            mu, sigma = np.log(params["median"]), params["sigma"]
        else:
            _positive(params, "mean")
            _positive(params, "sd")
            sigma = float(np.sqrt(np.log1p((params["sd"] / params["mean"]) ** 2)))
            mu = float(np.log(params["mean"]) - sigma ** 2 / 2)
        object.__setattr__(self, "_shape", (float(mu), float(sigma)))
        return params

    def _check_truncnormal(self, params: dict) -> dict:
        keys = KINDS["truncnormal"]
        self._require(params, keys)
        params = {k: v.number(params[k], f"distribution.{k}") for k in keys}
        _positive(params, "sd")
        _low_high(params)
        return params

    def _check_beta(self, params: dict) -> dict:
        shapes = _FORMS["beta"][_form("beta", params)]
        keys = ("low", "high") + shapes
        self._require(params, keys)
        params = {k: v.number(params[k], f"distribution.{k}") for k in keys}
        _low_high(params)
        lo, hi = params["low"], params["high"]
        if shapes == ("a", "b"):
            _positive(params, "a")
            _positive(params, "b")
            a, b = params["a"], params["b"]
        else:
            mean, sd = params["mean"], params["sd"]
            if not lo < mean < hi:
                raise InputError(msg("uncertainty.dist.beta_mean", low=f"{lo:g}", high=f"{hi:g}", got=f"{mean:g}"),
                                 where="distribution.mean")
            _positive(params, "sd")
            limit = float(np.sqrt((mean - lo) * (hi - mean)))
            if not sd < limit:
                raise InputError(msg("uncertainty.dist.beta_sd", low=f"{lo:g}", high=f"{hi:g}", mean=f"{mean:g}",
                                     limit=f"{limit:.6g}", got=f"{sd:g}"), where="distribution.sd")
            m, s = (mean - lo) / (hi - lo), sd / (hi - lo)
            k = m * (1 - m) / s ** 2 - 1
            a, b = m * k, (1 - m) * k
        object.__setattr__(self, "_shape", (float(a), float(b)))
        return params

    def _check_discrete(self, params: dict) -> dict:
        self._require(params, ("values", "probabilities"))
        values = _numbers(params["values"], "distribution.values")
        probs = _numbers(params["probabilities"], "distribution.probabilities")
        if len(probs) != len(values):
            raise InputError(msg("uncertainty.dist.lengths", n=len(values), m=len(probs)),
                             where="distribution.probabilities")
        for i, p in enumerate(probs):
            if p < 0:
                raise InputError(msg("uncertainty.dist.prob_negative", got=f"{p:g}"),
                                 where=f"distribution.probabilities[{i}]")
        if abs(probs.sum() - 1) > _PROB_TOL:
            raise InputError(msg("uncertainty.dist.prob_sum", total=f"{probs.sum():.12g}"),
                             where="distribution.probabilities")
        uniq, counts = np.unique(values, return_counts=True)
        if (counts > 1).any():
            raise InputError(msg("uncertainty.dist.duplicate_value", value=f"{uniq[counts > 1][0]:g}"),
                             where="distribution.values")
        order = np.argsort(values, kind="stable")
        cum = np.cumsum(probs[order])
        cum[-1] = 1.0
        object.__setattr__(self, "_support", (values[order], cum, probs))
        return {"values": tuple(values.tolist()), "probabilities": tuple(probs.tolist())}

    def _check_empirical(self, params: dict) -> dict:
        form = _form("empirical", params)
        if form == 1:
            data = _numbers(params["values"], "distribution.values")
            out = {"values": tuple(data.tolist())}
        else:
            if "file" not in params:
                raise InputError(msg("uncertainty.dist.empirical_source"), where="distribution")
            out = {"file": v.text(params["file"], "distribution.file", allow_empty=False)}
            for key in ("column", "sheet"):
                if params.get(key) is not None:
                    out[key] = v.text(params[key], f"distribution.{key}", allow_empty=False)
            data, sha, path = _read_column(out["file"], out.get("column"), out.get("sheet"), _DATA_DIR.get())
            if params.get("sha256") is not None:
                want = v.text(params["sha256"], "distribution.sha256").lower()
                if want != sha:
                    raise InputError(msg("uncertainty.data.sha_mismatch", path=out["file"], got=sha, expected=want),
                                     where="distribution.sha256")
            out["sha256"] = sha
            object.__setattr__(self, "_path", path)
        if data.size < 2:
            raise InputError(msg("uncertainty.dist.too_few", n=data.size), where="distribution")
        object.__setattr__(self, "_support", (np.sort(data),))
        return out

    # -- construction from a model file ------------------------------------------------
    @classmethod
    def from_spec(cls, spec: Any, *, value: float, low: float | None, high: float | None) -> "Distribution":
        """Build from a model-file entry: a kind name, or a mapping with ``kind``.

        Fields left out default from the parameter's value, low and high (module table).
        """
        if isinstance(spec, str):
            spec = {"kind": spec}
        spec = dict(v.mapping(spec, "distribution"))
        kind = v.choice(spec.pop("kind", None), "distribution.kind", tuple(KINDS))
        defaults = {"low": low, "high": high, "mode": value, "mean": value, "median": value}
        v.only_keys(spec, "distribution", ("kind",) + KINDS[kind])
        if kind in _FORMS:
            form = _form(kind, spec)
            wanted = _FORMS[kind][form] + (("low", "high") if kind == "beta" else ())
            if kind == "empirical":
                wanted = ()
        else:
            wanted = KINDS[kind]
        params = dict(spec)
        for key in wanted:
            if key not in params:
                got = defaults.get(key)
                if got is None:
                    name = "model.dist.needs" if key in _FROM_PARAMETER else "uncertainty.dist.needs"
                    raise InputError(msg(name, kind=_kind_name(kind), field=key), where=f"distribution.{key}")
                params[key] = got
        return cls(kind, params)

    # -- draws -------------------------------------------------------------------------
    def sample(self, n: int, seed: int | np.random.Generator | None = None) -> np.ndarray:
        """Draw ``n`` values (independent draws from ``seed``)."""
        g = rng(seed)
        p = self.params
        if self.kind == "uniform":
            return g.uniform(p["low"], p["high"], n)
        if self.kind == "triangular":
            return g.triangular(p["low"], p["mode"], p["high"], n)
        if self.kind == "pert":
            a, b = self._pert_shape()
            lo, hi = p["low"], p["high"]
            return lo + (hi - lo) * g.beta(a, b, n)
        if self.kind == "normal":
            return g.normal(p["mean"], p["sd"], n)
        if self.kind == "lognormal":
            mu, sigma = self._shape
            return g.lognormal(mu, sigma, n)
        if self.kind == "beta":
            a, b = self._shape
            return p["low"] + (p["high"] - p["low"]) * g.beta(a, b, n)
        if self.kind == "discrete":
            values, _, probs = self._support
            return np.asarray(self.params["values"], dtype=float)[g.choice(len(probs), n, p=probs)]
        if self.kind == "empirical":
            data = self._support[0]
            return data[g.integers(0, data.size, n)]
        return self.ppf(g.random(n))           # truncnormal

    def _pert_shape(self) -> tuple[float, float]:
        lo, mode, hi = self.params["low"], self.params["mode"], self.params["high"]
        return 1 + 4 * (mode - lo) / (hi - lo), 1 + 4 * (hi - mode) / (hi - lo)

    def ppf(self, u: Any) -> np.ndarray:
        """The inverse CDF at ``u`` (array_like of probabilities in [0, 1]), vectorised.

        For ``discrete`` and ``empirical`` this is the step inverse min{x : F(x) >= u}.

        >>> Distribution("uniform", {"low": 2.0, "high": 6.0}).ppf([0.0, 0.25, 1.0])
        array([2., 3., 6.])
        >>> Distribution("empirical", {"values": [3, 1, 2, 2]}).ppf([0.2, 0.3, 0.6, 0.99])
        array([1., 2., 2., 3.])
        """
        u = np.asarray(u, dtype=float)
        p = self.params
        if self.kind == "uniform":
            return p["low"] + u * (p["high"] - p["low"])
        if self.kind == "triangular":
            lo, c, hi = p["low"], p["mode"], p["high"]
            fc = (c - lo) / (hi - lo)
            left = lo + np.sqrt(u * (hi - lo) * (c - lo))
            right = hi - np.sqrt((1 - u) * (hi - lo) * (hi - c))
            return np.where(u < fc, left, right)
        if self.kind in ("pert", "beta"):
            from scipy.special import betaincinv

            a, b = self._pert_shape() if self.kind == "pert" else self._shape
            return p["low"] + (p["high"] - p["low"]) * betaincinv(a, b, u)
        if self.kind == "normal":
            return p["mean"] + p["sd"] * _ndtri(u)
        if self.kind == "lognormal":
            mu, sigma = self._shape
            return np.exp(mu + sigma * _ndtri(u))
        if self.kind == "truncnormal":
            from scipy.stats import truncnorm

            sd = p["sd"]
            return truncnorm.ppf(u, (p["low"] - p["mean"]) / sd, (p["high"] - p["mean"]) / sd,
                                 loc=p["mean"], scale=sd)
        if self.kind == "discrete":
            values, cum, _ = self._support
            return values[np.minimum(np.searchsorted(cum, u, side="left"), values.size - 1)]
        data = self._support[0]                 # empirical: each data point has mass 1/m
        m = data.size
        idx = np.ceil(u * m).astype(np.int64) - 1
        return data[np.clip(idx, 0, m - 1)]

    @property
    def path(self) -> str | None:
        """The resolved data file of an ``empirical`` distribution read from a file (else None)."""
        return getattr(self, "_path", None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for k, x in self.params.items():
            out[k] = list(x) if isinstance(x, tuple) else x
        return out
