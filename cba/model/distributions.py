"""Probability distributions attached to model parameters.

A parameter may carry a distribution from day one, so Monte Carlo, global
sensitivity and value-of-information analyses can use the model file as it is.
Sampling takes an explicit ``seed`` (int or ``numpy.random.Generator``).

Supported kinds (fields in the model file):

============  =====================================  ===========================
kind          fields                                 defaults from the parameter
============  =====================================  ===========================
uniform       low, high                              low, high
triangular    low, mode, high                        low, value, high
pert          low, mode, high                        low, value, high
normal        mean, sd                               mean = value
lognormal     median, sigma (of the log)             median = value
============  =====================================  ===========================

Examples
--------
>>> d = Distribution("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0})
>>> x = d.sample(100_000, seed=1)
>>> round(float(x.mean()), 1)   # (3 + 10 + 20) / 3 = 11
11.0
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import msg

__all__ = ["Distribution", "KINDS", "rng"]

KINDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "uniform": ("low", "high"),
        "triangular": ("low", "mode", "high"),
        "pert": ("low", "mode", "high"),
        "normal": ("mean", "sd"),
        "lognormal": ("median", "sigma"),
    }
)


def rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    """A Generator from an int seed, or the Generator itself."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


@dataclass(frozen=True)
class Distribution:
    """A named distribution with its fields (see the module docstring)."""

    kind: str
    params: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        v.choice(self.kind, "distribution.kind", tuple(KINDS))
        need = KINDS[self.kind]
        v.only_keys(self.params, "distribution", need)
        v.require(self.params, "distribution", need)
        params = {k: v.number(self.params[k], f"distribution.{k}") for k in need}
        if self.kind in ("uniform", "triangular", "pert"):
            lo, hi = params["low"], params["high"]
            mode = params.get("mode", lo)
            if not (lo <= mode <= hi) or not lo < hi:
                raise InputError(msg("model.dist.order", got=params), where="distribution")
        if self.kind == "normal" and params["sd"] <= 0:
            raise InputError(msg("model.dist.sd"), where="distribution.sd")
        if self.kind == "lognormal" and (params["sigma"] <= 0 or params["median"] <= 0):
            raise InputError(msg("model.dist.lognormal"), where="distribution")
        object.__setattr__(self, "params", MappingProxyType(params))

    @classmethod
    def from_spec(cls, spec: Any, *, value: float, low: float | None, high: float | None) -> "Distribution":
        """Build from a model-file entry: a kind name, or a mapping with ``kind``.

        Fields left out default from the parameter's value, low and high.
        """
        if isinstance(spec, str):
            spec = {"kind": spec}
        spec = dict(v.mapping(spec, "distribution"))
        kind = v.choice(spec.pop("kind", None), "distribution.kind", tuple(KINDS))
        defaults = {"low": low, "high": high, "mode": value, "mean": value, "median": value}
        params = {}
        for key in KINDS[kind]:
            got = spec.pop(key, defaults.get(key))
            if got is None:
                raise InputError(msg("model.dist.needs", kind=msg("model.dist.kind." + kind), field=key),
                                 where=f"distribution.{key}")
            params[key] = got
        v.only_keys(spec, "distribution", ("kind",) + KINDS[kind])
        return cls(kind, params)

    def sample(self, n: int, seed: int | np.random.Generator | None = None) -> np.ndarray:
        """Draw ``n`` values."""
        g = rng(seed)
        p = self.params
        if self.kind == "uniform":
            return g.uniform(p["low"], p["high"], n)
        if self.kind == "triangular":
            return g.triangular(p["low"], p["mode"], p["high"], n)
        if self.kind == "pert":
            lo, mode, hi = p["low"], p["mode"], p["high"]
            a = 1 + 4 * (mode - lo) / (hi - lo)
            b = 1 + 4 * (hi - mode) / (hi - lo)
            return lo + (hi - lo) * g.beta(a, b, n)
        if self.kind == "normal":
            return g.normal(p["mean"], p["sd"], n)
        return g.lognormal(np.log(p["median"]), p["sigma"], n)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.params}
