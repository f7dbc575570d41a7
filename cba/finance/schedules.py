"""Discount rates, stepped (declining) schedules and discount factors.

A *schedule* says how money at a future period is converted to present value.
:func:`parse_schedule` accepts, and normalises to one of three forms:

* a constant rate, as a fraction (``0.08`` means 8%; ``"8%"`` is accepted too);
* an array of constant rates (any array-like of numbers: a list, nested lists, a
  tuple, a numpy array, a pandas Series), evaluated side by side and broadcast
  as numpy does, e.g. for a sensitivity analysis on the rate;
* :class:`Steps`: rates that change with the period, compounded year by year,
  like the UK Green Book's declining long-term rates: a ``Steps`` object, a
  ``{first_period: rate}`` mapping, or a name from :data:`SCHEDULES`
  (``"china"``, ``"china_water"``, ``"green_book"``, ``"green_book_health"``,
  ``"eu_cohesion"``, ``"eu"``).

A list of ``[first_period, rate]`` pairs is read as steps only where a model file
is read (``parse_schedule(..., steps=True)``, the documented model-file form);
everywhere else, as in numpy-financial, a list is an array of rates.

Only numpy (and cba's message catalogue) is imported.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, Union

import numpy as np

from ..errors import InputError
from ..i18n import Text, msg

__all__ = [
    "Steps",
    "SCHEDULES",
    "SCHEDULE_SOURCES",
    "parse_schedule",
    "describe_schedule",
    "discount_factors",
    "period_offsets",
]

Timing = Literal["end", "mid", "begin"]


@dataclass(frozen=True, eq=False, repr=False)
class Steps:
    """Rates that change with the period and compound year by year.

    Parameters
    ----------
    periods : array_like of int
        First period of each step: starts at 0, strictly increasing.
    rates : array_like of float
        Rate of each step, as a fraction greater than -1.

    Notes
    -----
    With :math:`r_t` the rate of the step that contains period :math:`t`,

    .. math:: DF_0 = 1, \\qquad DF_t = DF_{t-1} / (1 + r_t).

    Build one from ``[(first_period, rate), ...]`` pairs with :meth:`from_pairs`.

    Examples
    --------
    >>> s = Steps.from_pairs([(0, 0.035), (31, 0.03)])
    >>> s
    Steps([(0, 0.035), (31, 0.03)])
    >>> s.periods, s.rates
    (array([ 0, 31]), array([0.035, 0.03 ]))
    """

    periods: np.ndarray
    rates: np.ndarray

    def __post_init__(self) -> None:
        p = np.array(self.periods, dtype=np.int64).ravel()
        r = np.array(self.rates, dtype=float).ravel()
        if p.size == 0 or p.size != r.size or p[0] != 0 or np.any(np.diff(p) <= 0):
            raise InputError(msg("finance.steps_shape"), where="schedule")
        if not np.all(np.isfinite(r) & (r > -1)):
            raise InputError(msg("finance.step_rates"), where="schedule")
        p.flags.writeable = False
        r.flags.writeable = False
        object.__setattr__(self, "periods", p)
        object.__setattr__(self, "rates", r)

    @classmethod
    def from_pairs(cls, pairs: object, *, where: str = "schedule",
                   percent_check: bool = False) -> "Steps":
        """Steps from ``[(first_period, rate), ...]`` pairs (or a ``{first_period: rate}``
        mapping), validated with messages that name ``where``.

        >>> Steps.from_pairs({0: 0.05, 10: 0.04})
        Steps([(0, 0.05), (10, 0.04)])
        """
        if isinstance(pairs, Mapping):
            pairs = list(pairs.items())
        if (not isinstance(pairs, (list, tuple)) or not pairs
                or not all(isinstance(x, (list, tuple)) and len(x) == 2 for x in pairs)):
            raise InputError(msg("finance.pairs", got=_short(pairs)), where=where)
        return _parse_steps(list(pairs), where, None, percent_check)

    def pairs(self) -> list[tuple[int, float]]:
        """The steps as ``[(first_period, rate), ...]``."""
        return [(int(p), float(r)) for p, r in zip(self.periods, self.rates)]

    def __repr__(self) -> str:
        return f"Steps({self.pairs()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Steps) and self.pairs() == other.pairs()

    def __hash__(self) -> int:
        return hash(tuple(self.pairs()))


Schedule = Union[float, np.ndarray, Steps]

_GB = (0, 31, 76, 126, 201, 301)
SCHEDULES: Mapping[str, Schedule] = MappingProxyType({
    "china": 0.08,
    "china_water": 0.06,
    "green_book": Steps(_GB, (0.035, 0.030, 0.025, 0.020, 0.015, 0.010)),
    # published in the Green Book's table (2022, Annex A6, Table 8), not derived from the standard rates
    "green_book_health": Steps(_GB, (0.0150, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043)),
    "eu_cohesion": 0.05,
    "eu": 0.03,
})
"""Named schedules (name -> schedule); see :data:`SCHEDULE_SOURCES`."""

SCHEDULE_SOURCES: Mapping[str, str] = MappingProxyType({
    "china": "发改投资〔2006〕1325号《建设项目经济评价方法与参数》(第三版): social discount rate 8%",
    "china_water": "SL 72-2013 水利建设项目经济评价规范: 6% for hard-to-value public benefits",
    "green_book": "HM Treasury Green Book: 3.5% years 0-30, 3.0% 31-75, 2.5% 76-125, "
                  "2.0% 126-200, 1.5% 201-300, 1.0% 301+",
    "green_book_health": "HM Treasury Green Book (2022), Annex A6, Table 8, health outcomes: "
                         "1.50% years 0-30, 1.29% 31-75, 1.07% 76-125, 0.86% 126-200, "
                         "0.64% 201-300, 0.43% 301+",
    "eu_cohesion": "European Commission, Guide to Cost-Benefit Analysis of Investment "
                   "Projects (2014): 5% in Cohesion countries",
    "eu": "European Commission, Guide to Cost-Benefit Analysis of Investment Projects (2014): "
          "3% in other Member States",
})
"""Where each named schedule comes from."""

def _expected(steps: bool) -> Text:
    """What a schedule may be (the names listed)."""
    names = Text("{a}", "{b}", a="、".join(SCHEDULES), b=", ".join(SCHEDULES))
    return msg("finance.expected_steps" if steps else "finance.expected", names=names)


def _short(obj: object) -> str:
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _all_numbers(obj: object) -> bool:
    """Every leaf of nested lists / tuples is a real number (not a bool, not a string)."""
    if isinstance(obj, (list, tuple)):
        return all(_all_numbers(x) for x in obj)
    return _is_number(obj) or (isinstance(obj, np.ndarray) and obj.dtype.kind in "iuf")


def _check_rate(r: float, where: str, source: str | None, shown: object = None,
                percent_check: bool = True) -> float:
    shown = r if shown is None else shown
    if not math.isfinite(r):
        raise InputError(msg("finance.rate_finite", got=repr(r)), where=where, source=source)
    if r <= -1:
        raise InputError(msg("finance.rate_above_minus_1", got=repr(r)), where=where, source=source)
    if percent_check and r > 1:
        raise InputError(msg("finance.rate_percent", fraction=f"{r / 100:g}", percent=f"{r:g}", got=repr(shown)),
                         where=where, source=source)
    return float(r)


def _parse_steps(pairs: list, where: str, source: str | None, percent_check: bool = True) -> Steps:
    periods, rates = [], []
    for i, (p, r) in enumerate(pairs):
        w = f"{where}[{i}]"
        if not _is_number(p) or p != int(p):
            raise InputError(msg("finance.step_period", got=_short(p)), where=w, source=source)
        if not _is_number(r):
            raise InputError(msg("finance.step_rate", got=_short(r)), where=w, source=source)
        periods.append(int(p))
        rates.append(_check_rate(float(r), w, source, percent_check=percent_check))
    if periods[0] != 0:
        raise InputError(msg("finance.first_step", got=periods[0]), where=where, source=source)
    for i in range(1, len(periods)):
        if periods[i] <= periods[i - 1]:
            raise InputError(msg("finance.steps_increase", period=periods[i], previous=periods[i - 1]),
                             where=f"{where}[{i}]", source=source)
    return Steps(periods, rates)


def parse_schedule(obj: object, *, where: str = "discount_rate", source: str | None = None,
                   percent_check: bool = True, steps: bool = False) -> Schedule:
    """Validate a discount-rate schedule and return it in normal form.

    Parameters
    ----------
    obj : float, str, array_like, Steps or dict
        A rate as a fraction (``0.08``) or a percentage string (``"8%"``); any array-like of
        rates (list, nested lists, tuple, numpy array, pandas Series); a :class:`Steps`
        schedule or a ``{first_period: rate}`` mapping; or a name from :data:`SCHEDULES`.
    where, source : str, optional
        Field name and file reported in error messages.
    percent_check : bool, default True
        Reject rates above 1 (100%) as percentages typed by mistake ("write 0.08 for 8%").
        Meant for rates a person typed (model files, ``--set``); the finance functions and
        internal searches pass False and accept any rate above -1 (an IRR may exceed 100%).
    steps : bool, default False
        Read a list of ``[first_period, rate]`` pairs as :class:`Steps`: the documented form
        of model files and ``--set discount_rate=[[0,0.035],[31,0.03]]``. Without it (the
        finance functions, numpy-financial's convention) every list is an array of rates.

    Returns
    -------
    float, numpy.ndarray or Steps

    Raises
    ------
    InputError
        If ``obj`` is not a schedule, a rate is not above -1, or (with
        ``percent_check``) a rate is above 1 (rates are fractions: 8% is 0.08).

    Examples
    --------
    >>> parse_schedule("china")
    0.08
    >>> parse_schedule("3.5%")
    0.035
    >>> parse_schedule([0.06, 0.08, 0.10])
    array([0.06, 0.08, 0.1 ])
    >>> parse_schedule([[0.05, 0.8], [0.3, 0.8]], percent_check=False)   # a table of rates
    array([[0.05, 0.8 ],
           [0.3 , 0.8 ]])
    >>> parse_schedule([[0, 0.035], [31, 0.03]], steps=True)               # a model file's steps
    Steps([(0, 0.035), (31, 0.03)])
    >>> parse_schedule("green_book")
    Steps([(0, 0.035), (31, 0.03), (76, 0.025), (126, 0.02), (201, 0.015), (301, 0.01)])
    >>> try:
    ...     parse_schedule(8)
    ... except InputError as err:
    ...     print(err.render("en")); print(err.render("zh"))
    discount_rate: rates are fractions: write 0.08 for 8%; got 8 ...
    discount_rate：折现率应以小数表示：8% 应写作 0.08，实际为 8（大于 1 即 100% 的折现率会被视为百分数）
    >>> parse_schedule(3.05, percent_check=False)     # e.g. an IRR of 305%
    3.05
    """
    pc = percent_check
    expected = _expected(steps)
    if isinstance(obj, Steps):
        return obj
    if isinstance(obj, str):
        key = obj.strip()
        if key.lower() in SCHEDULES:
            return SCHEDULES[key.lower()]
        try:
            value = float(key[:-1]) / 100 if key.endswith("%") else float(key)
        except ValueError:
            raise InputError(msg("finance.got", expected=expected, got=repr(obj)), where=where, source=source) from None
        return _check_rate(value, where, source, obj, pc)
    if _is_number(obj):
        return _check_rate(float(obj), where, source, obj, pc)
    if isinstance(obj, Mapping):
        try:
            items = sorted(obj.items())
        except TypeError:
            raise InputError(msg("finance.got", expected=expected, got=_short(obj)), where=where,
                             source=source) from None
        if not items:
            raise InputError(msg("finance.empty_mapping"), where=where, source=source)
        return _parse_steps(items, where, source, pc)
    if isinstance(obj, (list, tuple)):
        if len(obj) == 0:
            raise InputError(msg("finance.empty_list", expected=expected), where=where, source=source)
        if steps:
            is_pair = [isinstance(x, (list, tuple)) and len(x) == 2 and all(map(_is_number, x))
                       for x in obj]
            if all(is_pair):
                return _parse_steps(list(obj), where, source, pc)
            if any(is_pair) or not all(_is_number(x) for x in obj):
                raise InputError(msg("finance.got", expected=expected, got=_short(obj)), where=where, source=source)
        if not _all_numbers(obj):                 # no True / strings hidden in nested lists
            raise InputError(msg("finance.got", expected=expected, got=_short(obj)), where=where, source=source)
    elif not (isinstance(obj, np.ndarray) or hasattr(obj, "__array__")):
        raise InputError(msg("finance.got", expected=expected, got=_short(obj)), where=where, source=source)
    try:
        arr = np.array(obj)
    except (TypeError, ValueError):          # ragged nested lists
        arr = np.empty(0, dtype=object)
    if arr.dtype.kind == "O" and arr.size and all(_is_number(x) for x in arr.ravel()):
        arr = arr.astype(float)
    if arr.dtype.kind not in "iuf" or (arr.size == 0 and not isinstance(obj, np.ndarray)):
        what = f"dtype {arr.dtype}" if isinstance(obj, np.ndarray) else _short(obj)
        raise InputError(msg("finance.not_numbers", expected=expected, got=what), where=where, source=source)
    arr = arr.astype(float)
    if arr.ndim == 0:
        return _check_rate(float(arr), where, source, percent_check=pc)
    if arr.size:
        for r in (arr.min(), arr.max()):          # NaN propagates into min/max
            _check_rate(float(r), where, source, percent_check=pc)
    arr.flags.writeable = False
    return arr


def _pct(r: float, one_decimal: bool = False) -> str:
    s = f"{r * 100:.6g}"
    if one_decimal and "." not in s and "e" not in s:
        s += ".0"
    return s + "%"


def describe_schedule(schedule: object) -> str:
    """Short human-readable text for a schedule.

    Examples
    --------
    >>> describe_schedule(0.08)
    '8%'
    >>> describe_schedule("green_book")
    '3.5% (0-30), 3.0% (31-75), 2.5% (76-125), 2.0% (126-200), 1.5% (201-300), 1.0% (301+)'
    >>> describe_schedule([0.06, 0.08, 0.1])
    '6%, 8%, 10%'
    """
    s = parse_schedule(schedule, where="schedule", percent_check=False)
    if isinstance(s, Steps):
        ends = list(s.periods[1:] - 1) + [None]
        return ", ".join(f"{_pct(r, True)} ({p}-{e})" if e is not None else
                         f"{_pct(r, True)} ({p}+)"
                         for p, r, e in zip(s.periods, s.rates, ends))
    if isinstance(s, np.ndarray):
        if s.size <= 6:
            return ", ".join(_pct(r) for r in s.ravel())
        return str(msg("finance.rates_from_to", n=s.size, low=_pct(s.min()), high=_pct(s.max())))
    return _pct(s)


def _as_periods(periods: object, where: str = "periods") -> np.ndarray:
    try:
        p = np.asarray(periods, dtype=float)
    except (TypeError, ValueError):
        raise InputError(msg("finance.periods", got=_short(periods)), where=where) from None
    return p


def discount_factors(schedule: object, periods: object) -> np.ndarray | float:
    """Discount factors of a schedule at (possibly fractional) periods.

    Parameters
    ----------
    schedule : schedule
        Anything :func:`parse_schedule` accepts.
    periods : array_like of float
        Period numbers; may be fractional (mid-year) or negative.

    Returns
    -------
    float or numpy.ndarray
        Shape ``periods.shape`` for a constant rate or steps; ``rates.shape +
        periods.shape`` for an array of rates.

    Notes
    -----
    Constant rate: :math:`DF(p) = (1 + r)^{-p}`. Steps: :math:`DF_0 = 1`,
    :math:`DF_t = DF_{t-1} / (1 + r_t)` at whole periods; between whole periods
    :math:`k < p < k + 1`, :math:`DF(p) = DF_k / (1 + r_{k+1})^{p-k}`; before
    period 0 the first step's rate is extended backwards.

    Examples
    --------
    >>> discount_factors(0.08, [0, 1, 10])
    array([1.        , 0.92592593, 0.46319349])
    >>> discount_factors("green_book", [30, 31]).round(4)
    array([0.3563, 0.3459])
    >>> discount_factors([0.03, 0.08], 0.5).round(4)
    array([0.9853, 0.9623])
    """
    s = parse_schedule(schedule, where="schedule", percent_check=False)
    p = _as_periods(periods)
    if isinstance(s, Steps):
        logs = np.log1p(s.rates)
        # log DF is piecewise linear: slope -log(1 + r_j) on the periods (lo_j, hi_j] of step j;
        # the first step runs from period 0 and is extended backwards.
        lo = (s.periods - 1).astype(float)
        hi = np.append(lo[1:], np.inf)
        lo[0] = 0.0
        span = np.minimum(p[..., None], hi) - lo
        span[..., 1:] = np.maximum(span[..., 1:], 0.0)
        out = np.exp(-(span @ logs))
    else:
        out = np.exp(np.multiply.outer(-np.log1p(s), p))
    return out[()] if out.ndim == 0 else out


_TIMING_SHIFT = {"end": 0.0, "mid": -0.5, "begin": -1.0}


def period_offsets(n: int, *, start: float = 0, timing: Timing = "end") -> np.ndarray:
    """Discounting exponents of ``n`` consecutive values.

    Value ``i`` belongs to period ``start + i``; it is discounted over
    ``start + i`` periods at the end of the period, ``start + i - 0.5`` at
    mid-period and ``start + i - 1`` at the beginning.

    Examples
    --------
    >>> period_offsets(3)
    array([0., 1., 2.])
    >>> period_offsets(3, start=1, timing="mid")
    array([0.5, 1.5, 2.5])
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
        raise InputError(msg("finance.n_values", got=_short(n)), where="n")
    if not _is_number(start) or not math.isfinite(start):
        raise InputError(msg("finance.start", got=_short(start)), where="start")
    key = timing.lower() if isinstance(timing, str) else timing
    if key not in _TIMING_SHIFT:
        raise InputError(msg("finance.timing", got=_short(timing)), where="timing")
    return np.arange(int(n), dtype=float) + (float(start) + _TIMING_SHIFT[key])
