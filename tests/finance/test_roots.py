"""IRR / XIRR root finding on many sign changes, against closed forms, numpy.roots and brentq.

Sources
-------
[CF]     Closed forms built in the tests: flows whose polynomial sum_t v_t x^t (x = 1/(1+r)) is a
         product with known positive roots, e.g. (-1 + 2x)(1 + x^2 + ... + x^200) has the single
         positive root x = 1/2 (r = 100%), and prod (x - x_j) * (1 - x + x^2 - ... + x^250), whose
         second factor (1 + x^251)/(1 + x) has no positive root.
[NPROOTS] numpy.roots (companion-matrix eigenvalues), an independent polynomial solver.
[BRENTQ] scipy.optimize.brentq on the spreadsheet XNPV formula, row by row.
[XL-XIRR] Microsoft Support, "XIRR function": -10,000 on 1/1/2008, 2,750 on 3/1/2008, 4,250 on
         10/30/2008, 3,250 on 2/15/2009, 2,750 on 4/1/2009 -> 0.373362535.
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from cba import finance as F
from cba.errors import InputError, MultipleSolutionsWarning, NoSolutionWarning

XL_X_VALUES = [-10_000, 2_750, 4_250, 3_250, 2_750]
XL_X_DATES = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]


def _sign_changes(v):
    s = np.sign(np.asarray(v)[np.asarray(v) != 0])
    return int(np.count_nonzero(s[1:] != s[:-1]))


def _chosen_roots_times_alternating(xs, n_alt):
    """[CF] coefficients (lowest power first) of prod (x - x_j) * sum_{i<=n_alt} (-x)^i; with
    n_alt even the second factor is (1 + x^(n_alt+1)) / (1 + x) > 0 for x > 0."""
    assert n_alt % 2 == 0
    alt = np.array([(-1.0) ** i for i in range(n_alt + 1)])
    return np.convolve(np.poly(xs)[::-1], alt)


def test_irr_with_201_sign_changes_has_its_closed_form_root():
    # [CF] used to raise RecursionError (one recursion level per sign change)
    v = np.tile([-1.0, 2.0], 101)
    assert _sign_changes(v) == 201
    assert F.irr(v) == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(F.irr_roots(v), [1.0], atol=1e-12)
    assert F.irr_solve(v)[1] == 1


def test_irr_roots_with_253_sign_changes_are_the_chosen_ones():
    # [CF] x = 1/2, 3/4, 7/8 are exact in binary, so the flows are exact: r = 1, 1/3, 1/7
    v = _chosen_roots_times_alternating([0.5, 0.75, 0.875], 250)
    assert _sign_changes(v) > 200
    np.testing.assert_allclose(F.irr_roots(v), [1 / 7, 1 / 3, 1.0], atol=1e-10)
    with pytest.warns(MultipleSolutionsWarning, match="3 rates"):
        assert np.isnan(F.irr(v))


def test_batch_mixing_depths_matches_the_closed_forms():
    # rows with 1, 3, 201 and 253 sign changes solved in one call, each against [CF]
    T = 254
    rows = np.zeros((4, T))
    rows[0, :2] = [-100.0, 110.0]                                     # r = 10%
    rows[1, :4] = np.poly([0.5, 0.75, 0.875])[::-1]                   # r = 1, 1/3, 1/7
    rows[2, :202] = np.tile([-1.0, 2.0], 101)                         # r = 1
    rows[3, :253] = _chosen_roots_times_alternating([0.5, 0.8], 250)  # r = 1, 0.25
    roots = F.irr_roots(rows)
    for got, want in zip(roots, [[0.1], [1 / 7, 1 / 3, 1.0], [1.0], [0.25, 1.0]]):
        np.testing.assert_allclose(got, want, atol=1e-10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MultipleSolutionsWarning)
        np.testing.assert_allclose(F.irr(rows), [0.1, np.nan, 1.0, np.nan], atol=1e-12)


def test_irr_roots_agree_with_numpy_roots_on_erratic_flows():
    # [NPROOTS] 30 rows of 25 normal values (about 12 sign changes each)
    rng = np.random.default_rng(7)
    v = rng.normal(size=(30, 25))
    got = F.irr_roots(v)
    for row, roots in zip(v, got):
        x = np.roots(row[::-1])                      # highest power first
        real = x[(np.abs(x.imag) <= 1e-9 * np.abs(x)) & (x.real > 0)].real
        near = x[(np.abs(x.imag) > 1e-9 * np.abs(x)) & (np.abs(x.imag) < 1e-4 * np.abs(x))]
        assert near.size == 0                        # no borderline (near-double) root
        want = np.sort(1 / real - 1)
        np.testing.assert_allclose(roots, want, rtol=1e-8, atol=1e-10)
    assert sum(r.size for r in got) >= 20


def test_a_root_that_rounds_to_minus_one_is_not_returned():
    # [CF] -1 + 1e-17 x = 0 at x = 1e17, r = 1e-17 - 1, which is -1.0 in floating point;
    # npv() refuses -1, so irr and xirr return NaN with a warning instead of -1.0
    assert 1e-17 - 1.0 == -1.0
    with pytest.warns(NoSolutionWarning, match="rounds to -1"):
        assert np.isnan(F.irr([-1.0, 1e-17]))
    with pytest.warns(NoSolutionWarning, match="rounds to -1"):
        assert np.isnan(F.xirr([-1.0, 1e-17], ["2021-01-01", "2022-01-01"]))
    # a rate just above -1 that a float can hold is still found: (1 + r) = 1e-10
    assert F.xirr([-1.0, 1e-10], ["2021-01-01", "2022-01-01"]) == pytest.approx(1e-10 - 1,
                                                                             abs=1e-20)
    assert F.irr([-1.0, 1e-10]) == pytest.approx(1e-10 - 1, abs=1e-20)


def test_xirr_excel_example_in_a_batch():
    # [XL-XIRR] alone and as one row of a batch with rows of other shapes
    rows = np.array([XL_X_VALUES, [-1, 0, 0, 0, 1.5], [1, 2, 3, 4, 5]], dtype=float)
    with pytest.warns(NoSolutionWarning, match="1 of 3 rows"):
        out = F.xirr(rows, XL_X_DATES)
    assert out[0] == pytest.approx(0.373362535, abs=5e-9)
    assert F.xirr(XL_X_VALUES, XL_X_DATES) == pytest.approx(0.373362535, abs=5e-9)
    # [CF] 1.5 after 456 days: (1 + r)^(456/365) = 1.5
    assert out[1] == pytest.approx(1.5 ** (365 / 456) - 1, rel=1e-13)
    assert np.isnan(out[2])


def test_xirr_agrees_with_brentq_row_by_row():
    # [BRENTQ] 300 random rows with one sign change (outlays first, then inflows) at random dates
    from scipy.optimize import brentq

    rng = np.random.default_rng(11)
    n, T = 300, 12
    days = np.r_[0, np.sort(rng.integers(365, 3650, T - 1))]
    dates = np.datetime64("2019-05-17") + days
    v = rng.uniform(0.05, 0.5, size=(n, T))
    v[:, 0] = -rng.uniform(0.5, 3.0, size=n)
    v[: n // 2, 1] *= -1                               # half the rows: two outlays
    got = F.xirr(v, dates)
    tau = days / 365.0
    for row, g in zip(v, got):
        f = lambda r: float(np.sum(row / (1 + r) ** tau))   # noqa: E731  (spreadsheet XNPV)
        want = brentq(f, -0.9, 100.0, xtol=1e-15, rtol=1e-15, maxiter=500)
        assert g == pytest.approx(want, rel=1e-11, abs=1e-13)


def test_xirr_with_many_sign_changes_on_yearly_dates():
    # [CF] 365 days apart the dates are whole years: the tile row has the single root r = 1
    v = np.tile([-1.0, 2.0], 101)
    dates = np.datetime64("2001-01-01") + 365 * np.arange(v.size)
    assert F.xirr(v, dates) == pytest.approx(1.0, abs=1e-12)
    w = _chosen_roots_times_alternating([0.5, 0.8], 100)
    dates = np.datetime64("2001-01-01") + 365 * np.arange(w.size)
    with pytest.warns(MultipleSolutionsWarning, match=r"\(0\.25, 1\)"):
        assert np.isnan(F.xirr(w, dates))


def test_dates_before_the_first_date_are_refused():
    # spreadsheets answer #NUM! when a date precedes the first one (Microsoft Support, XNPV/XIRR)
    dates = ["2020-01-01", "2019-12-31", "2020-06-01"]
    for call in (lambda: F.xnpv(0.1, [-1, 1, 1], dates), lambda: F.xirr([-1, 1, 1], dates)):
        with pytest.raises(InputError, match="before the first date") as info:
            call()
        assert info.value.where == "dates"
