"""The functions a formula may call: the whitelist and its numpy implementations.

Every entry of :data:`FUNCTIONS` is a :class:`Function` (name, signature, accepted number of
arguments, implementation). The formula language itself is documented in :mod:`cba.model.expr`;
this module also holds the exponent bound shared by ``**`` and ``growth``.

Examples
--------
>>> import numpy as np
>>> FUNCTIONS["clip"].impl(np.array([-1.0, 0.5, 2.0]), 0.0, 1.0)
array([0. , 0.5, 1. ])
>>> FUNCTIONS["round"].impl(np.array([2.5, -2.5]))
array([ 3., -3.])
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

__all__ = ["Function", "FUNCTIONS", "MAX_EXPONENT", "MAX_ARGS"]

MAX_EXPONENT = 1000.0
"""Largest ``|exponent|`` accepted by ``**`` and ``growth``."""
MAX_ARGS = 64
"""Most arguments one function call may take (``min`` and ``max`` accept any number up to it)."""

_F64 = np.float64


class _ExponentTooLarge(Exception):
    """Raised inside evaluation; turned into an InputError that names the field."""

    def __init__(self, found: float):
        super().__init__(found)
        self.found = found


def _check_exponent(e: Any) -> None:
    big = np.abs(e) > MAX_EXPONENT  # NaN compares False: left for the caller's finiteness check
    if np.any(big):
        raise _ExponentTooLarge(float(np.max(np.abs(e)[big])) if np.ndim(big) else float(np.abs(e)))


def _pow_checked(a: Any, b: Any) -> Any:
    _check_exponent(b)
    return np.power(a, b)


# --- the function whitelist -----------------------------------------------------


@dataclass(frozen=True)
class Function:
    """One whitelisted formula function.

    Attributes
    ----------
    name : str
        Name used in formulas.
    signature : str
        How it is called, e.g. ``"clip(x, lo, hi)"``.
    min_args, max_args : int
        Accepted number of positional arguments (``max_args`` None: no limit).
    impl : callable
        Numpy implementation taking the evaluated arguments.
    doc : str
        One-line description.
    """

    name: str
    signature: str
    min_args: int
    max_args: int | None
    impl: Callable[..., Any] = field(repr=False)
    doc: str = ""


def _min(*args: Any) -> Any:
    return functools.reduce(np.minimum, args)


def _max(*args: Any) -> Any:
    return functools.reduce(np.maximum, args)


def _where(cond: Any, a: Any, b: Any) -> Any:
    return np.where(cond, a, b)


def _clip(x: Any, lo: Any, hi: Any) -> Any:
    return np.minimum(np.maximum(x, lo), hi)


def _round(x: Any) -> Any:
    # x - trunc(x) is exact in binary floating point, so ties are detected exactly.
    t = np.trunc(x)
    return np.where(np.abs(x - t) >= 0.5, t + np.sign(x), t)


def _step(t: Any, t0: Any) -> Any:
    return np.greater_equal(t, t0).astype(_F64)


def _between(t: Any, a: Any, b: Any) -> Any:
    return (np.greater_equal(t, a) & np.less_equal(t, b)).astype(_F64)


def _growth(rate: Any, t: Any, t0: Any = 1.0) -> Any:
    n = np.subtract(t, t0)
    _check_exponent(n)
    return np.power(np.add(1.0, rate), n)


_FUNCTION_LIST = [
    Function("min", "min(a, b, ...)", 2, None, _min, "elementwise minimum"),
    Function("max", "max(a, b, ...)", 2, None, _max, "elementwise maximum"),
    Function("abs", "abs(x)", 1, 1, np.abs, "absolute value"),
    Function("where", "where(cond, a, b)", 3, 3, _where, "a where cond is non-zero, else b"),
    Function("clip", "clip(x, lo, hi)", 3, 3, _clip, "min(max(x, lo), hi)"),
    Function("exp", "exp(x)", 1, 1, np.exp, "e ** x"),
    Function("log", "log(x)", 1, 1, np.log, "natural logarithm"),
    Function("log10", "log10(x)", 1, 1, np.log10, "base-10 logarithm"),
    Function("sqrt", "sqrt(x)", 1, 1, np.sqrt, "square root"),
    Function("floor", "floor(x)", 1, 1, np.floor, "round down"),
    Function("ceil", "ceil(x)", 1, 1, np.ceil, "round up"),
    Function("round", "round(x)", 1, 1, _round, "nearest integer, halves away from zero"),
    Function("step", "step(t, t0)", 2, 2, _step, "1 where t >= t0, else 0"),
    Function("between", "between(t, a, b)", 3, 3, _between, "1 where a <= t <= b, else 0"),
    Function("growth", "growth(rate, t, t0=1)", 2, 3, _growth, "(1 + rate) ** (t - t0)"),
]

FUNCTIONS: Mapping[str, Function] = MappingProxyType({f.name: f for f in _FUNCTION_LIST})
"""The whitelist of functions a formula may call, by name (read-only)."""
