"""Vectorised investment metrics: NPV, IRR, MIRR, XNPV/XIRR, payback, BCR, EAC, PMT.

Every function is pure and broadcasts over leading axes: cash flows have shape
``(..., T)`` (one value per period, the last axis is time) and metrics have
shape ``(...)``; a scalar result is a Python float. Where a metric
does not exist (an IRR when the flows never change sign, a BCR when the costs
are zero, ...) the result is NaN and *one* warning per call says for how many
rows and why (a :class:`~cba.errors.NoSolutionWarning` or
:class:`~cba.errors.MultipleSolutionsWarning`); pass ``strict=True`` where
offered to raise :class:`~cba.errors.NoSolutionError` instead.

Every ``rate`` argument accepts any schedule of :mod:`cba.finance.schedules`: a
number, any array-like of rates (a list, nested lists, a numpy array, a pandas
Series: numpy-financial's convention, broadcast against the leading axes of the
values), or a stepped schedule given explicitly, as a :class:`Steps` object or a
name such as ``"china"`` or ``"green_book"`` (a list of pairs is an array of
rates here; model files keep their ``[[first_period, rate], ...]`` steps). The
loan functions :func:`pmt` and :func:`annuity_factor` take plain rates only. Any rate above -1 is accepted, including rates
above 100% (an IRR may exceed them: ``npv(irr(v), v)`` is 0); only model files and
the command line take a typed rate above 1 for a percentage by mistake.

Conventions
-----------
* ``npv(rate, values)`` puts ``values[0]`` at period 0 (numpy-financial); pass
  ``start=1`` for the spreadsheet ``NPV()``, which discounts the first value by
  one period.
* IRRs are the real rates ``r > -1`` at which the NPV is zero; they are the
  positive real roots of ``sum(v_t x**t)`` with ``x = 1 / (1 + r)``; the root
  finding lives in the private module :mod:`cba.finance.roots`; dated flows
  (XNPV, XIRR) in :mod:`cba.finance.dated`.
"""
from __future__ import annotations

import warnings
from typing import Literal

import numpy as np

from .schedules import (Steps, _short, describe_schedule, discount_factors, parse_schedule,
                        period_offsets)
from ..errors import InputError, MultipleSolutionsWarning, NoSolutionError, NoSolutionWarning
from ..i18n import Text, join, msg
from .roots import _irr_core

__all__ = [
    "npv", "irr", "irr_roots", "irr_solve", "mirr", "pmt",
    "annuity_factor", "eac", "bcr", "payback", "real_rate", "nominal_rate",
]


# ----------------------------------------------------------------------------- helpers
def _values(values: object, where: str = "values", min_len: int = 1) -> np.ndarray:
    try:
        v = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputError(msg("finance.flows_array", got=_short(values)), where=where) from None
    if v.ndim == 0:
        raise InputError(msg("finance.flows_single", got=repr(v.item())), where=where)
    if v.shape[-1] < min_len:
        raise InputError(msg("finance.flows_min", min=min_len, got=v.shape[-1]), where=where)
    return v


def _number_array(x: object, where: str) -> np.ndarray:
    try:
        a = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise InputError(msg("finance.numbers", got=_short(x)), where=where) from None
    return a


def _out(x: np.ndarray):
    x = np.asarray(x)
    return x.item() if x.ndim == 0 else x


_LOST = "finance.irr.lost"      # key of: the NPV is zero only at a rate that rounds to -1


def _report(fname: str, none: np.ndarray, several: np.ndarray, why_none: Text, strict: bool,
            several_text: Text | None = None) -> None:
    """Issue one aggregated warning (or raise) for rows without / with several solutions."""
    for mask, cls, text in ((none, NoSolutionWarning, why_none),
                            (several, MultipleSolutionsWarning, several_text)):
        if text is None or not np.any(mask):
            continue
        mask = np.asarray(mask)
        rows = msg("finance.rows", k=int(np.count_nonzero(mask)), n=mask.size) if mask.ndim else ""
        message = msg("finance.nan_returned", fname=fname, rows=rows, text=text)
        if strict:
            raise NoSolutionError(message)
        warnings.warn(cls(message), stacklevel=3)   # an instance: filters match its text


def _pv(schedule: object, v: np.ndarray, offsets: np.ndarray, where: str = "rate") -> np.ndarray:
    """sum_t v[..., t] * DF(offsets[t]) with broadcasting over an array of rates."""
    df = discount_factors(parse_schedule(schedule, where=where, percent_check=False), offsets)
    df = np.asarray(df)
    if df.ndim == 1:
        return v @ df
    try:
        return np.einsum("...t,...t->...", v, df)
    except ValueError:
        raise InputError(msg("finance.broadcast", rates=df.shape[:-1], flows=v.shape), where=where) from None


# ----------------------------------------------------------------------------- NPV
def npv(rate: object, values: object, *, start: float = 0,
        timing: Literal["end", "mid", "begin"] = "end"):
    """Net present value of periodic cash flows.

    Parameters
    ----------
    rate : schedule
        A rate such as 0.08, an array of rates, steps or a schedule name.
    values : array_like, shape (..., T)
        Cash flows; ``values[..., i]`` belongs to period ``start + i``.
    start : float, default 0
        Period of the first value. 0 is numpy-financial's convention (the
        first value is not discounted); 1 reproduces the spreadsheet ``NPV()``.
    timing : {"end", "mid", "begin"}
        Where in its period a value falls: discounted by ``p``, ``p - 0.5`` or
        ``p - 1`` periods.

    Returns
    -------
    float or ndarray, shape ``broadcast(rate.shape, values.shape[:-1])``

    Notes
    -----
    .. math:: NPV = \\sum_{i=0}^{T-1} v_i \\, DF(s + i - \\delta),
       \\qquad DF(p) = (1 + r)^{-p}

    with :math:`\\delta` = 0, 0.5, 1 for end, mid, begin timing.

    Examples
    --------
    >>> npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000])
    3065.2226681795...
    >>> npv(0.10, [-10_000, 3_000, 4_200, 6_800], start=1)   # spreadsheet NPV()
    1188.4434123352...
    >>> npv([0.0, 0.05], [[-100, 60, 60], [-100, 50, 70]])
    array([20.        , 11.11111111])
    """
    v = _values(values)
    return _out(_pv(rate, v, period_offsets(v.shape[-1], start=start, timing=timing)))


# ----------------------------------------------------------------------------- IRR
def irr_solve(values: object):
    """IRR and number of IRRs, without warnings (for use by other modules).

    Parameters
    ----------
    values : array_like, shape (..., T)
        Cash flows; ``values[..., t]`` belongs to period ``t``.

    Returns
    -------
    irr : float or ndarray, shape (...)
        The IRR where exactly one exists, else NaN.
    n_roots : int or ndarray of int, shape (...)
        Number of distinct IRRs above -100%; -1 where the flows hold NaN or inf.

    Examples
    --------
    >>> irr_solve([-100, 39, 59, 55, 20])
    (0.2809484211599..., 1)
    >>> irr_solve([[-1600, 10_000, -10_000], [100, 100, 100]])
    (array([nan, nan]), array([2, 0]))
    """
    v = _values(values)
    irr_, n, _, _, _ = _irr_core(v.reshape(-1, v.shape[-1]), want_roots=False)
    lead = v.shape[:-1]
    n = n.reshape(lead)
    return _out(irr_.reshape(lead)), (int(n) if n.ndim == 0 else n)


def irr(values: object, *, strict: bool = False):
    """Internal rate of return: the rate above -100% at which the NPV is zero.

    Parameters
    ----------
    values : array_like, shape (..., T)
        Cash flows; ``values[..., t]`` belongs to period ``t``.
    strict : bool, default False
        Raise :class:`~cba.errors.NoSolutionError` instead of warning.

    Returns
    -------
    float or ndarray, shape (...)
        The IRR where exactly one exists; NaN (with one warning per call)
        where there is none or several (see :func:`irr_roots`).

    Notes
    -----
    Solves :math:`\\sum_t v_t (1 + r)^{-t} = 0`. With :math:`x = 1/(1+r)` this
    is a polynomial; by Descartes' rule of signs a row whose values change
    sign once has exactly one root, found by safeguarded Newton iteration on
    :math:`\\ln P_+(x) - \\ln P_-(x)` (all rows at once). For rows with several
    sign changes, the roots are isolated between the critical points of
    :math:`x^{-k} P(x)` (Rolle; found recursively, one sign change fewer at
    each level) and each is found by bracketed Newton iteration.

    Examples
    --------
    >>> irr([-70_000, 12_000, 15_000, 18_000, 21_000, 26_000])
    0.0866309480365...
    >>> irr([[-100, 39, 59, 55, 20], [-100, 0, 0, 74, 0]])
    array([ 0.28094842, -0.09549583])
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     irr([-1600, 10_000, -10_000])
    ...     print(w[0].message.args[0].render("en"))
    ...     print(w[0].message.args[0].render("zh"))
    nan
    irr: the NPV is zero at 2 rates (0.25, 4), see irr_roots(); NaN returned
    irr：净现值在 2 个折现率处为零（0.25、4），见 irr_roots()；返回 NaN
    """
    v = _values(values)
    v2 = v.reshape(-1, v.shape[-1])
    out, n, roots, no_change, lost = _irr_core(v2, want_roots=v.ndim == 1)
    lead = v.shape[:-1]
    n = n.reshape(lead)
    if v.ndim == 1 and n > 1:
        several = msg("finance.irr.roots", n=int(n), roots=join(*(f"{r:.6g}" for r in roots[0]), sep=("、", ", ")))
    else:
        several = msg("finance.irr.several")
    if v.ndim == 1:
        why = msg("finance.irr.no_sign_change" if no_change[0] else _LOST if lost[0] else "finance.irr.none")
    else:
        why = msg("finance.irr.no_rate")
    _report("irr", n == 0, n > 1, why, strict, several)
    return _out(out.reshape(lead))


def irr_roots(values: object):
    """All IRRs: the real rates above -100% at which the NPV is zero, ascending.

    Returns
    -------
    ndarray
        For 1-D ``values`` a float array (possibly empty); for ``(..., T)`` an
        object array of shape ``(...)`` holding one such array per row.

    Examples
    --------
    The pump project of Lorie and Savage (1955) has two IRRs, 25% and 400%:

    >>> irr_roots([-1600, 10_000, -10_000])
    array([0.25, 4.  ])
    >>> irr_roots([1, 1, 1])
    array([], dtype=float64)
    """
    v = _values(values)
    _, _, roots, _, _ = _irr_core(v.reshape(-1, v.shape[-1]), want_roots=True)
    if v.ndim == 1:
        return roots[0]
    out = np.empty(len(roots), dtype=object)
    out[:] = roots
    return out.reshape(v.shape[:-1])


# ----------------------------------------------------------------------------- MIRR
def mirr(values: object, finance_rate: object, reinvest_rate: object):
    """Modified internal rate of return (spreadsheet ``MIRR``).

    Negative values are discounted to period 0 at the finance rate; positive
    values are compounded to the last period at the reinvestment rate.

    Notes
    -----
    With :math:`n` values (periods 0 to :math:`n-1`),

    .. math:: MIRR = \\left(\\frac{\\sum_t \\max(v_t, 0)\\,(1+r_r)^{n-1-t}}
              {-\\sum_t \\min(v_t, 0)\\,(1+r_f)^{-t}}\\right)^{1/(n-1)} - 1

    Rate schedules use their discount factors: :math:`(1+r)^{n-1-t}` becomes
    :math:`DF_t / DF_{n-1}`. NaN (with a warning) where there is no positive
    or no negative value.

    Examples
    --------
    >>> mirr([-120_000, 39_000, 30_000, 21_000, 37_000, 46_000], 0.10, 0.12)
    0.1260941303659...
    """
    v = _values(values, min_len=2)
    T = v.shape[-1]
    t = np.arange(T, dtype=float)
    neg = _pv(finance_rate, np.minimum(v, 0.0), t, where="finance_rate")
    fv = _pv(reinvest_rate, np.maximum(v, 0.0), t, where="reinvest_rate")
    fv = fv / np.asarray(discount_factors(
        parse_schedule(reinvest_rate, where="reinvest_rate", percent_check=False), float(T - 1)))
    with np.errstate(all="ignore"):
        res = (fv / -neg) ** (1.0 / (T - 1)) - 1.0
    ok = (neg < 0) & (fv > 0)
    missing = ~ok & ~np.isnan(neg) & ~np.isnan(fv)       # rows holding NaN stay silent
    res = np.where(ok, res, np.nan)
    _report("mirr", missing, np.zeros_like(missing), msg("finance.mirr.signs"), False)
    return _out(res)


# ----------------------------------------------------------------------------- annuities
def _when(when: object) -> np.ndarray:
    if isinstance(when, str):
        key = when.lower()
        if key not in ("end", "begin"):
            raise InputError(msg("finance.when", got=repr(when)), where="when")
        return np.asarray(1.0 if key == "begin" else 0.0)
    w = _number_array(when, "when")
    if not np.isin(w, (0, 1)).all():
        raise InputError(msg("finance.when", got=_short(when)), where="when")
    return w


def _annuity(rate: object, n: np.ndarray, when: np.ndarray, n_where: str = "n") -> np.ndarray:
    """sum of discount factors of the payment periods 1..n (end) or 0..n-1 (begin)."""
    s = parse_schedule(rate, where="rate", percent_check=False)
    if isinstance(s, Steps):
        if not (np.all(n >= 0) and np.all(n == np.round(n))):
            raise InputError(msg("finance.stepped_periods"), where=n_where)
        top = int(n.max(initial=0))
        cs = np.concatenate([[0.0], np.cumsum(discount_factors(s, np.arange(top + 1)))])
        k = n.astype(np.int64)
        return np.where(when == 1, cs[k], cs[k + 1] - 1.0)
    r = np.asarray(s)
    with np.errstate(all="ignore"):
        lr = np.log1p(r)
        end = np.where(r == 0, n, -np.expm1(-n * lr) / np.where(r == 0, 1.0, r))
    return np.where(when == 1, end * (1 + r), end)


def _plain_rate(rate: object, fname: str) -> float | np.ndarray:
    """A number or an array of rates; a stepped schedule is refused (loan functions)."""
    s = parse_schedule(rate, where="rate", percent_check=False)
    if isinstance(s, Steps):
        raise InputError(msg("finance.plain_rates", fname=fname, schedule=describe_schedule(s)), where="rate")
    return s


def annuity_factor(rate: object, n: object):
    """Present value of 1 per period for ``n`` periods, paid at period ends.

    ``rate`` is a number or an array of rates (broadcast against ``n``); stepped schedules
    are refused (use :func:`discount_factors` and sum them).

    Notes
    -----
    .. math:: a_{n,r} = \\frac{1 - (1 + r)^{-n}}{r} \\quad (n \\text{ if } r = 0)

    Examples
    --------
    >>> annuity_factor(0.08, 10)
    6.7100813...
    >>> annuity_factor(0.0, 5)
    5.0
    """
    n_ = _number_array(n, "n")
    return _out(_annuity(_plain_rate(rate, "annuity_factor"), n_, np.asarray(0.0)))


def pmt(rate: object, nper: object, pv: object, fv: object = 0, when: object = "end"):
    """Level payment per period that repays ``pv`` (and leaves ``fv``): numpy-financial ``pmt``.

    ``rate`` is a number or any array of rates (a list, nested lists, an array, a Series),
    broadcast with ``nper``, ``pv`` and ``fv`` as numpy-financial does; a stepped schedule
    is refused (InputError naming ``rate``).

    Notes
    -----
    Solves :math:`fv + pv (1+r)^n + pmt (1 + r w) \\frac{(1+r)^n - 1}{r} = 0`,
    with :math:`w` = 1 for payments at the beginning of periods, else 0.

    Examples
    --------
    >>> pmt(0.08 / 12, 10, 10_000)
    -1037.0320893591...
    >>> pmt([[0.05, 0.8], [0.3, 0.8]], [12, 3], [2000, 20000])
    array([[  -225.65082004, -19311.25827815],
           [  -626.90814017, -19311.25827815]])
    """
    n = _number_array(nper, "nper")
    pv_, fv_ = _number_array(pv, "pv"), _number_array(fv, "fv")
    w = _when(when)
    s = _plain_rate(rate, "pmt")
    with np.errstate(all="ignore"):
        return _out(-(pv_ + fv_ * np.exp(-n * np.log1p(s))) / _annuity(s, n, w, "nper"))


def eac(rate: object, values: object):
    """Equivalent annual cost (or value) of a stream whose first value is at period 0.

    Notes
    -----
    .. math:: EAC = NPV(r, v) / a_{T-1, r}

    with :math:`T` values (periods 0 to :math:`T - 1`).

    Examples
    --------
    >>> eac(0.08, [100, 0, 0, 0])     # 100 now = 38.80 a year for three years
    38.8033514...
    """
    v = _values(values, min_len=2)
    af = _annuity(rate, np.asarray(float(v.shape[-1] - 1)), np.asarray(0.0))
    return _out(npv(rate, v) / af)


# ----------------------------------------------------------------------------- ratios, payback
def bcr(rate: object, benefits: object, costs: object, *, start: float = 0,
        timing: Literal["end", "mid", "begin"] = "end"):
    """Benefit-cost ratio: PV(benefits) / PV(costs); costs are positive amounts.

    ``benefits`` and ``costs`` may have different lengths (both start at
    period ``start``). NaN, with a warning, where the PV of costs is not
    positive.

    Examples
    --------
    >>> bcr(0.08, [0, 60, 60], [100, 0, 0])
    1.0699588...
    """
    b, c = _values(benefits, "benefits"), _values(costs, "costs")
    pv_b = _pv(rate, b, period_offsets(b.shape[-1], start=start, timing=timing))
    pv_c = _pv(rate, c, period_offsets(c.shape[-1], start=start, timing=timing))
    with np.errstate(all="ignore"):
        res = np.where(pv_c > 0, pv_b / pv_c, np.nan)
    _report("bcr", ~(pv_c > 0) & ~np.isnan(pv_c) & ~np.isnan(pv_b), np.zeros(1, bool),
            msg("finance.bcr.costs"), False)
    return _out(res)


def payback(values: object, rate: object = 0.0):
    """Payback period: when the cumulative (discounted) flow is first recovered.

    ``values[..., t]`` belongs to period ``t``. The result is the first time,
    counted in periods from period 0, at which the cumulative flow returns to
    zero or above after having been negative, interpolating linearly within
    the period. If the cumulative flow is never negative (no net outlay) the
    payback is 0. NaN, with a warning, where it is never recovered.

    Parameters
    ----------
    values : array_like, shape (..., T)
    rate : schedule, default 0.0
        Discount rate; 0 gives the simple payback, otherwise the discounted
        payback.

    Notes
    -----
    With :math:`C_t = \\sum_{s \\le t} v_s DF_s`, :math:`k` the first period
    with :math:`C_k < 0` and :math:`j > k` the first after it with
    :math:`C_j \\ge 0`: :math:`payback = (j - 1) + (-C_{j-1}) / (C_j - C_{j-1})`.
    A later relapse (a renewal outlay that makes :math:`C` negative again) is
    not considered.

    Examples
    --------
    >>> payback([-100, 40, 40, 40, 40])
    2.5
    >>> payback([[-100, 50, 60], [50, -100, 100]])
    array([1.83333333, 1.5       ])
    >>> payback([-100, 40, 40, 40, 40], rate=0.08)    # discounted payback
    2.9028...
    """
    v = _values(values)
    T = v.shape[-1]
    s = parse_schedule(rate, where="rate", percent_check=False)
    w = v if isinstance(s, float) and s == 0 else v * discount_factors(s, np.arange(T, dtype=float))
    c = np.cumsum(w, axis=-1)                          # O(T) time and memory per row
    neg = c < 0
    k = neg.argmax(axis=-1)
    k = np.where(np.take_along_axis(neg, k[..., None], -1)[..., 0], k, T)   # first deficit
    after = c >= 0
    after &= np.arange(T) > k[..., None]
    j = after.argmax(axis=-1)                                      # first recovery (0: none)
    found = j > 0
    j = np.clip(j, min(1, T - 1), None)[..., None]    # a valid index (T = 1: never found)
    cj, cj1 = np.take_along_axis(c, j, -1)[..., 0], np.take_along_axis(c, j - 1, -1)[..., 0]
    with np.errstate(all="ignore"):
        res = np.where(found, (j[..., 0] - 1) + (-cj1) / (cj - cj1), np.nan)
    nan_rows = ~np.isfinite(c[..., -1])
    res = np.where(nan_rows, np.nan, np.where(k == T, 0.0, res))
    _report("payback", np.isnan(res) & ~nan_rows, np.zeros(1, bool), msg("finance.payback.never"), False)
    return _out(res)


# ----------------------------------------------------------------------------- Fisher
def real_rate(nominal: object, inflation: object):
    """Real rate from a nominal rate and inflation (exact Fisher relation).

    Notes
    -----
    .. math:: 1 + r = (1 + n) / (1 + i)

    Examples
    --------
    >>> real_rate(0.10, 0.05)
    0.047619047619...
    """
    n, i = _number_array(nominal, "nominal"), _number_array(inflation, "inflation")
    if np.any(i <= -1):
        raise InputError(msg("finance.inflation"), where="inflation")
    return _out((n - i) / (1 + i))


def nominal_rate(real: object, inflation: object):
    """Nominal rate from a real rate and inflation (exact Fisher relation).

    Notes
    -----
    .. math:: 1 + n = (1 + r)(1 + i)

    Examples
    --------
    >>> nominal_rate(0.03, 0.02)
    0.0506
    """
    r, i = _number_array(real, "real"), _number_array(inflation, "inflation")
    return _out(r + i + r * i)
