"""Dated cash flows: spreadsheet-style XNPV and XIRR (time in years of 365 days from the first date).

>>> round(xnpv(0.09, [-10_000, 2_750, 4_250, 3_250, 2_750],
...            ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]), 2)
2086.65
"""
from __future__ import annotations

import datetime as _dt

import numpy as np

from ..errors import InputError
from ..i18n import join, msg
from .metrics import _LOST, _out, _pv, _report, _values
from .roots import _xirr_core
from .schedules import _short

__all__ = ["xnpv", "xirr"]


def _years(dates: object, n: int) -> np.ndarray:
    try:
        d = np.asarray(dates)
        if d.dtype.kind in "biufc":
            raise TypeError
        if d.dtype.kind != "M":
            d = np.array([x.date().isoformat() if isinstance(x, _dt.datetime) else
                          x.isoformat() if isinstance(x, _dt.date) else x
                          for x in np.ravel(d)], dtype="datetime64[D]").reshape(d.shape)
        d = d.astype("datetime64[D]")
    except (TypeError, ValueError):
        raise InputError(msg("finance.dates", got=_short(dates)), where="dates") from None
    if d.ndim != 1 or d.size != n:
        raise InputError(msg("finance.dates_count", n=n, shape=d.shape), where="dates")
    if np.isnat(d).any():
        raise InputError(msg("finance.dates_missing"), where="dates")
    early = np.flatnonzero(d < d[0])
    if early.size:
        raise InputError(msg("finance.date_early", i=early[0], date=d[early[0]], first=d[0]), where="dates")
    return (d - d[0]).astype(np.int64) / 365.0


def xnpv(rate: object, values: object, dates: object):
    """Net present value of dated cash flows (spreadsheet ``XNPV``).

    Time is measured in years of 365 days from the *first* date.

    Notes
    -----
    .. math:: XNPV = \\sum_i v_i \\, (1 + r)^{-(d_i - d_0)/365}

    Examples
    --------
    >>> xnpv(0.09, [-10_000, 2_750, 4_250, 3_250, 2_750],
    ...      ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"])
    2086.6476020315...
    """
    v = _values(values)
    return _out(_pv(rate, v, _years(dates, v.shape[-1])))


def xirr(values: object, dates: object, *, strict: bool = False):
    """Internal rate of return of dated cash flows (spreadsheet ``XIRR``).

    Solves ``xnpv(r, values, dates) == 0`` for ``r > -1``, with time in years
    of 365 days from the first date. Every root is bracketed (no divergent
    Newton iterations, no starting guess); where there is no root or more than
    one, NaN is returned with a warning (or an error if ``strict``).

    Notes
    -----
    .. math:: \\sum_i v_i (1 + r)^{-(d_i - d_0)/365} = 0

    Examples
    --------
    >>> xirr([-10_000, 2_750, 4_250, 3_250, 2_750],
    ...      ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"])
    0.3733625335...
    """
    v = _values(values)
    out, count, roots, lost = _xirr_core(v.reshape(-1, v.shape[-1]), _years(dates, v.shape[-1]),
                                         want_roots=v.ndim == 1)
    lead = v.shape[:-1]
    several = msg("finance.xirr.several")
    if v.ndim == 1 and count[0] > 1:
        several = msg("finance.xirr.roots", roots=join(*(f"{r:.6g}" for r in roots[0]), sep=("、", ", ")))
    why = msg(_LOST if v.ndim == 1 and lost[0] else "finance.irr.no_rate")
    _report("xirr", (count == 0).reshape(lead), (count > 1).reshape(lead), why, strict, several)
    return _out(out.reshape(lead))
