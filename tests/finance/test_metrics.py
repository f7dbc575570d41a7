"""cba.finance against published worked examples, numpy-financial and invariants.

Sources
-------
[XL-NPV]   Microsoft Support, "NPV function", examples: 10%, -10,000 one year from today, then
           3,000, 4,200, 6,800 -> $1,188.44; 8%, investment 40,000 today, returns 8,000, 9,200,
           10,000, 12,000, 14,500 -> $1,922.06, and with a loss of 9,000 in year 6 -> -$3,749.47.
[XL-IRR]   Microsoft Support, "IRR function", example: -70,000 then 12,000, 15,000, 18,000,
           21,000, 26,000 -> IRR(A2:A6) = -2.1%, IRR(A2:A7) = 8.7%, IRR(A2:A4, -10%) = -44.4%.
[XL-MIRR]  Microsoft Support, "MIRR function", example: -120,000, 39,000, 30,000, 21,000,
           37,000, 46,000; finance rate 10%, reinvestment 12% -> 12.61%; first three years
           -> -4.80%; reinvestment 14% -> 13.48%.
[XL-XNPV]  Microsoft Support, "XNPV function", example: 9%, -10,000 on 1/1/2008, 2,750 on
           3/1/2008, 4,250 on 10/30/2008, 3,250 on 2/15/2009, 2,750 on 4/1/2009 -> 2,086.65.
[XL-XIRR]  Microsoft Support, "XIRR function", same flows and dates -> 0.373362535 (37.34%).
[XL-PMT]   Microsoft Support, "PMT function": 8% a year, 10 monthly payments, loan 10,000 ->
           -1,037.03 (payments due at the start: -1,030.16); 6% a year, 18 years, save 50,000
           -> -129.08 a month.
[NPF]      numpy-financial 1.0 (numpy_financial/_financial.py docstrings and
           numpy_financial/tests/test_financial.py).
[LS]       J. Lorie and L. Savage, "Three problems in rationing capital", J. Business 28 (1955):
           the pump project -1,600, +10,000, -10,000 has two IRRs, 25% and 400% (also in
           Brealey, Myers & Allen, Principles of Corporate Finance, ch. 5).
[CI]       Compound-interest factor tables, 8%: (P/A, 8%, 10) = 6.7101, (A/P, 8%, 10) = 0.14903.
[BMA]      Brealey, Myers & Allen, Principles of Corporate Finance, ch. 3: nominal 10% with 6%
           inflation is a real rate of 1.10 / 1.06 - 1 = 3.8%.
[TIKO]     tiko-lang wiki, Finance: PaybackPeriod and DiscountedPaybackPeriod
           (github.com/PaulSquires/tiko-lang/wiki): -1000, 300, 400, 500, 200 pays back in 2.6
           periods, 3.154... discounted at 10%; -1000, 340, 340, 340 never pays back at 20%.
"""
from __future__ import annotations

import datetime as dt
import math
import warnings

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cba import finance as F
from cba.errors import (
    CBAWarning,
    InputError,
    MultipleSolutionsWarning,
    NoSolutionError,
    NoSolutionWarning,
)

XL_IRR = [-70_000, 12_000, 15_000, 18_000, 21_000, 26_000]
XL_MIRR = [-120_000, 39_000, 30_000, 21_000, 37_000, 46_000]
XL_X_VALUES = [-10_000, 2_750, 4_250, 3_250, 2_750]
XL_X_DATES = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]


# ----------------------------------------------------------------------------- NPV
def test_npv_excel_examples():
    # [XL-NPV] spreadsheet NPV() discounts the first value one period: start=1
    assert F.npv(0.10, [-10_000, 3_000, 4_200, 6_800], start=1) == pytest.approx(1188.44, abs=0.005)
    returns = [8_000, 9_200, 10_000, 12_000, 14_500]
    assert F.npv(0.08, returns, start=1) - 40_000 == pytest.approx(1922.06, abs=0.005)
    assert F.npv(0.08, returns + [-9_000], start=1) - 40_000 == pytest.approx(-3749.47, abs=0.005)
    # the same with the investment at period 0 (numpy-financial convention, start=0)
    assert F.npv(0.08, [-40_000] + returns) == pytest.approx(1922.06, abs=0.005)


def test_npv_numpy_financial_examples():
    # [NPF] npv docstring: 8%, -40,000, 5,000, 8,000, 12,000, 30,000 -> 3065.22267
    assert F.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]) == pytest.approx(3065.22267, abs=5e-6)
    # [NPF] test_npv_decimal: 5% -> Decimal('122.894854950942692161628715')
    assert F.npv(0.05, [-15000, 1500, 2500, 3500, 4500, 6000]) == pytest.approx(
        122.894854950942692, rel=1e-13)


def test_npv_annuity_table():
    # [CI] 100 a year for 10 years at 8%, paid at year ends: 100 * 6.7101
    assert F.npv(0.08, [0] + [100] * 10) == pytest.approx(671.01, abs=0.005)
    assert F.npv("china", [100] * 10, start=1) == pytest.approx(671.01, abs=0.005)


def test_npv_timing_conventions():
    # end: (1+r)^-t; mid: (1+r)^-(t-0.5); begin: (1+r)^-(t-1)   (cba CONTEXT conventions)
    v = [0, 100, 100]
    end = 100 / 1.08 + 100 / 1.08 ** 2
    assert F.npv(0.08, v) == pytest.approx(end, rel=1e-14)
    assert F.npv(0.08, v, timing="mid") == pytest.approx(end * 1.08 ** 0.5, rel=1e-14)
    assert F.npv(0.08, v, timing="begin") == pytest.approx(end * 1.08, rel=1e-14)


def test_npv_green_book_schedule():
    # [GB] 1 at year 31 is worth 1 / (1.035^30 * 1.03) today
    v = np.zeros(32)
    v[31] = 1.0
    assert F.npv("green_book", v) == pytest.approx(1 / (1.035 ** 30 * 1.03), rel=1e-12)


def test_npv_shapes_and_broadcasting():
    assert isinstance(F.npv(0.1, [1, 2, 3]), float)
    v = np.ones((4, 5))
    assert F.npv(0.1, v).shape == (4,)
    assert F.npv(np.array([0.0, 0.1, 0.2]), [1, 1]).shape == (3,)
    np.testing.assert_allclose(F.npv(np.array([0.0, 0.1, 0.2, 0.3]), v),
                               [F.npv(r, v[0]) for r in (0.0, 0.1, 0.2, 0.3)])
    assert F.npv(np.zeros((2, 1)), np.ones((3, 5))).shape == (2, 3)
    assert np.isnan(F.npv(0.1, [1, np.nan]))


# ----------------------------------------------------------------------------- IRR
def test_irr_excel_examples():
    # [XL-IRR] -2.1%, 8.7%, -44.4% (a starting guess is never needed)
    assert F.irr(XL_IRR[:5]) == pytest.approx(-0.021, abs=5e-4)
    assert F.irr(XL_IRR) == pytest.approx(0.087, abs=5e-4)
    assert F.irr(XL_IRR[:3]) == pytest.approx(-0.444, abs=5e-4)


@pytest.mark.parametrize("values, expected", [
    # [NPF] irr docstring, round(..., 5), and test_irr
    ([-100, 39, 59, 55, 20], 0.28095),
    ([-100, 0, 0, 74], -0.0955),
    ([-100, 100, 0, 7], 0.06206),
    ([-150000, 15000, 25000, 35000, 45000, 60000], 0.0524),
])
def test_irr_numpy_financial_examples(values, expected):
    assert round(F.irr(values), 5) == pytest.approx(expected, abs=1e-4 if expected == 0.0524 else 0)


def test_irr_npf_example_with_two_roots_is_not_silently_chosen():
    # [NPF] irr([-100, 100, 0, -7]) = -0.0833 (npf picks the root nearest 0); the NPV is also
    # zero near -67.9%, so cba reports both and returns NaN with a warning.
    roots = F.irr_roots([-100, 100, 0, -7])
    assert roots.size == 2 and roots[1] == pytest.approx(-0.0833, abs=5e-5)
    with pytest.warns(MultipleSolutionsWarning, match="2 rates"):
        assert np.isnan(F.irr([-100, 100, 0, -7]))
    # [NPF] irr([-5, 10.5, 1, -8, 1]) = 0.0886 is one of three roots
    assert np.any(np.abs(F.irr_roots([-5, 10.5, 1, -8, 1]) - 0.0886) < 5e-5)


def test_irr_roots_lorie_savage_pump():
    # [LS] 25% and 400%
    np.testing.assert_allclose(F.irr_roots([-1_600, 10_000, -10_000]), [0.25, 4.0], rtol=1e-12)
    with pytest.warns(MultipleSolutionsWarning, match=r"\(0\.25, 4\)"):
        F.irr([-1_600, 10_000, -10_000])


def _flows_with_roots(roots, scale=1.0):
    """Coefficients of scale * prod (x - 1/(1+r)), lowest power first: flows with these IRRs."""
    return scale * np.poly([1 / (1 + r) for r in roots])[::-1]


def test_irr_roots_four_roots_exact():
    roots = [-0.5, 0.05, 0.2, 0.6]
    np.testing.assert_allclose(F.irr_roots(_flows_with_roots(roots, 1000)), roots, atol=1e-9)


def test_irr_near_minus_99_percent():
    assert F.irr(_flows_with_roots([-0.99])) == pytest.approx(-0.99, abs=1e-12)
    np.testing.assert_allclose(F.irr_roots(_flows_with_roots([-0.99, 0.1, 0.3])),
                               [-0.99, 0.1, 0.3], atol=1e-9)
    # a 10-year flow losing 99.9% of its value
    assert F.irr([-1.0] + [0] * 9 + [0.001 ** 1]) == pytest.approx(0.001 ** 0.1 - 1, abs=1e-12)


def test_irr_zeros_and_signs():
    assert F.irr([0, 0, -100, 110, 0, 0]) == pytest.approx(0.10, abs=1e-14)
    assert F.irr([100, -110]) == pytest.approx(0.10, abs=1e-14)       # a loan: inflow first
    assert F.irr([-100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 259.37424601]) == pytest.approx(0.10, abs=1e-9)


def test_irr_none_warns_and_strict_raises():
    with pytest.warns(NoSolutionWarning, match="do not change sign"):
        assert np.isnan(F.irr([1, 2, 3]))
    with pytest.warns(NoSolutionWarning):
        assert np.isnan(F.irr([-1, -2, -3]))                  # [NPF] test_irr: nan
    with pytest.raises(NoSolutionError, match="never zero"):
        F.irr([1, 2, 3], strict=True)
    with pytest.raises(NoSolutionError, match="several rates"):
        F.irr([[-1_600, 10_000, -10_000]], strict=True)
    with pytest.warns(NoSolutionWarning, match="not zero at any rate"):
        F.irr([-1, 1, -1])                                      # two sign changes, no root


def test_irr_batch_warnings_are_aggregated():
    v = np.array([[-1, 2, 0], [1, 2, 3], [1, 1, 1], [-1_600, 10_000, -10_000], [-1, 0, 1.21],
                  [np.nan, 1, 2]])
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        out = F.irr(v)
    msgs = [(w.category, str(w.message)) for w in rec]
    assert msgs == [(NoSolutionWarning, "irr: 2 of 6 rows: no rate above -100% makes the NPV "
                                        "zero; NaN returned"),
                    (MultipleSolutionsWarning, "irr: 1 of 6 rows: the NPV is zero at several "
                                               "rates, see irr_roots(); NaN returned")]
    np.testing.assert_allclose(out, [1.0, np.nan, np.nan, np.nan, 0.1, np.nan], atol=1e-14)


def test_irr_solve_is_silent_and_counts():
    irr, n = F.irr_solve([[-1, 2, 0], [1, 2, 3], [-1_600, 10_000, -10_000], [np.nan, 1, 2],
                          [0, 0, 0]])
    np.testing.assert_array_equal(n, [1, 0, 2, -1, 0])
    assert irr[0] == pytest.approx(1.0) and np.isnan(irr[1:]).all()
    assert F.irr_solve([-1, 2]) == (pytest.approx(1.0), 1)


def test_irr_shapes():
    assert isinstance(F.irr([-1, 2]), float)
    v = np.tile([-1.0, 0.6, 0.6], (2, 3, 1))
    assert F.irr(v).shape == (2, 3)
    r = F.irr_roots(v)
    assert r.shape == (2, 3) and r.dtype == object and r[1, 2].dtype == float
    assert F.irr_roots([1, 1]).shape == (0,)


# ----------------------------------------------------------------------------- MIRR
def test_mirr_excel_examples():
    # [XL-MIRR]
    assert F.mirr(XL_MIRR, 0.10, 0.12) == pytest.approx(0.1261, abs=5e-5)
    assert F.mirr(XL_MIRR[:4], 0.10, 0.12) == pytest.approx(-0.0480, abs=5e-5)
    assert F.mirr(XL_MIRR, 0.10, 0.14) == pytest.approx(0.1348, abs=5e-5)


def test_mirr_numpy_financial_examples():
    # [NPF] test_mirr_decimal
    assert F.mirr(XL_MIRR, 0.10, 0.12) == pytest.approx(0.126094130365905146, rel=1e-13)
    assert F.mirr([-4500, -800, 800, 800, 600, 600, 800, 800, 700, 3000], 0.08, 0.055) == \
        pytest.approx(0.066597175031553549, rel=1e-13)
    assert F.mirr([100, 200, -50, 300, -200], 0.05, 0.06) == pytest.approx(0.342823387842176664,
                                                                          rel=1e-13)
    with pytest.warns(NoSolutionWarning, match="one positive and one negative"):
        assert np.isnan(F.mirr([39000, 30000, 21000, 37000, 46000], 0.10, 0.12))


def test_mirr_broadcasts():
    out = F.mirr(np.array([XL_MIRR, XL_MIRR]), np.array([0.10, 0.10]), 0.12)
    np.testing.assert_allclose(out, 0.126094130365905146, rtol=1e-13)


# ----------------------------------------------------------------------------- dated flows
def test_xnpv_excel_example():
    # [XL-XNPV]
    assert F.xnpv(0.09, XL_X_VALUES, XL_X_DATES) == pytest.approx(2086.65, abs=0.005)


def test_xirr_excel_example():
    # [XL-XIRR] 0.373362535; Excel stops iterating at ~1e-8, so compare to 5e-9
    assert F.xirr(XL_X_VALUES, XL_X_DATES) == pytest.approx(0.373362535, abs=5e-9)


def test_xirr_date_types_and_order():
    dates = [dt.date.fromisoformat(d) for d in XL_X_DATES]
    r = F.xirr(XL_X_VALUES, XL_X_DATES)
    assert F.xirr(XL_X_VALUES, dates) == r
    assert F.xirr(XL_X_VALUES, np.array(XL_X_DATES, dtype="datetime64[D]")) == r
    assert F.xirr(XL_X_VALUES, [dt.datetime(d.year, d.month, d.day, 15) for d in dates]) == r
    # any order after the first date (the spreadsheet convention)
    order = [0, 3, 1, 4, 2]
    assert F.xirr(np.take(XL_X_VALUES, order), np.take(XL_X_DATES, order)) == pytest.approx(r)
    two = F.xirr(np.array([XL_X_VALUES, XL_X_VALUES]), XL_X_DATES)
    np.testing.assert_allclose(two, [r, r])


def test_xirr_several_roots_and_none():
    dates = ["2020-01-01", "2021-01-01", "2022-01-01"]
    with pytest.warns(MultipleSolutionsWarning, match="several rates"):
        assert np.isnan(F.xirr([-1_600, 10_000, -10_000], dates))
    with pytest.raises(NoSolutionError):
        F.xirr([-1_600, 10_000, -10_000], dates, strict=True)
    with pytest.warns(NoSolutionWarning):
        assert np.isnan(F.xirr([1, 2, 3], dates))
    # one year of 365 days: exact annual rate
    assert F.xirr([-100, 110], ["2021-01-01", "2022-01-01"]) == pytest.approx(0.10, abs=1e-14)


def test_dates_errors():
    with pytest.raises(InputError) as info:
        F.xnpv(0.1, [1, 2], ["2020-01-01"])
    assert info.value.where == "dates"
    with pytest.raises(InputError) as info:
        F.xirr([1, 2], ["2020-01-01", "not a date"])
    assert info.value.where == "dates"
    with pytest.raises(InputError):
        F.xnpv(0.1, [1, 2], [43000, 43365])                 # spreadsheet serial numbers


# ----------------------------------------------------------------------------- annuities
def test_pmt_excel_examples():
    # [XL-PMT]
    assert F.pmt(0.08 / 12, 10, 10_000) == pytest.approx(-1037.03, abs=0.005)
    assert F.pmt(0.08 / 12, 10, 10_000, 0, "begin") == pytest.approx(-1030.16, abs=0.005)
    assert F.pmt(0.06 / 12, 18 * 12, 0, 50_000) == pytest.approx(-129.08, abs=0.005)


def test_pmt_numpy_financial_examples():
    # [NPF] test_pmt and pmt docstring
    assert F.pmt(0.08 / 12, 5 * 12, 15000) == pytest.approx(-304.145914, rel=1e-8)
    assert F.pmt(0.0, 5 * 12, 15000) == pytest.approx(-250.0, rel=1e-15)
    np.testing.assert_allclose(F.pmt(np.array([[0.0, 0.8], [0.3, 0.8]]), [12, 3], [2000, 20000]),
                               [[-166.66667, -19311.258], [-626.90814, -19311.258]], rtol=1e-7)
    assert F.pmt(0.075 / 12, 12 * 15, 200000) == pytest.approx(-1854.0247200054619, rel=1e-12)
    # [NPF] test_when: 1 == 'begin', 0 == 'end'
    assert F.pmt(0.08 / 12, 60, 15000, 0, 1) == F.pmt(0.08 / 12, 60, 15000, 0, "begin")
    assert F.pmt(0.08 / 12, 60, 15000, 0, 0) == F.pmt(0.08 / 12, 60, 15000, 0, "end")


def test_annuity_factor_and_eac():
    # [CI] (P/A, 8%, 10) = 6.7101 and (A/P, 8%, 10) = 0.14903
    assert F.annuity_factor(0.08, 10) == pytest.approx(6.7101, abs=5e-5)
    assert F.annuity_factor(0.0, 7) == 7.0
    assert F.eac(0.08, [1000] + [0] * 10) == pytest.approx(149.03, abs=0.005)
    np.testing.assert_allclose(F.annuity_factor(0.08, [0, 10]), [0.0, 6.710081], atol=1e-6)


def test_eac_with_steps_divides_by_the_sum_of_factors():
    # with a schedule the annuity is the sum of the discount factors 1..n [GB]
    df = [1 / 1.035 ** t for t in range(1, 31)]
    df.append(df[-1] / 1.03)
    assert F.eac("green_book", [sum(df)] + [0] * 31) == pytest.approx(1.0, rel=1e-12)


def test_eac_errors_and_shapes():
    with pytest.raises(InputError) as info:
        F.eac(0.08, [100])
    assert info.value.where == "values"
    assert F.eac(np.array([0.05, 0.08]), [100, 0, 0]).shape == (2,)


# ----------------------------------------------------------------------------- BCR, payback
def test_bcr():
    # [CI] benefits of 100 a year for 10 years at 8% = 671.01; cost 500 now
    assert F.bcr(0.08, [0] + [100] * 10, [500]) == pytest.approx(671.01 / 500, abs=1e-5)
    with pytest.warns(NoSolutionWarning, match="present value of costs"):
        assert np.isnan(F.bcr(0.08, [1, 2], [0, 0]))
    out = F.bcr(0.08, np.ones((3, 4)), [1, 1, 1, 1])
    np.testing.assert_allclose(out, 1.0)


def test_payback_published_examples():
    # [TIKO] 2.6 simple; 3.154... discounted at 10%; never at 20%
    assert F.payback([-1000, 300, 400, 500, 200]) == pytest.approx(2.6, abs=1e-12)
    assert F.payback([-1000, 300, 400, 500, 200], rate=0.10) == pytest.approx(3.154, abs=5e-4)
    with pytest.warns(NoSolutionWarning, match="never recovered"):
        assert np.isnan(F.payback([-1000, 340, 340, 340], rate=0.20))
    assert F.payback([-1000, 340, 340, 340]) == pytest.approx(2 + 320 / 340)


def test_payback_conventions():
    assert F.payback([-100, 50, 50, 50]) == 2.0            # exactly recovered at period 2
    assert F.payback([10, 20, 30]) == 0.0                   # nothing to recover
    assert F.payback([0, -100, 50, 80]) == pytest.approx(2 + 50 / 80)   # outlay in period 1
    assert F.payback([5, -10, 20]) == pytest.approx(1.25)   # initial surplus, then a deficit
    assert F.payback([-100, 60, 60, -50, 30]) == pytest.approx(1 + 40 / 60)  # first recovery
    assert np.isnan(F.payback([np.nan, 1, 2]))              # NaN in, NaN out, no warning
    out = F.payback(np.array([[-100, 50, 60], [-10, 20, 0], [5, 5, 5]]))
    np.testing.assert_allclose(out, [1 + 50 / 60, 0.5, 0.0])
    np.testing.assert_allclose(F.payback(np.array([[-100, 60, 60]]), rate=np.array([0.0, 0.1])),
                               [1 + 40 / 60, 1 + (100 - 60 / 1.1) / (60 / 1.21)])


# ----------------------------------------------------------------------------- Fisher
def test_fisher():
    # [BMA] 1.10 / 1.06 - 1 = 3.8%
    assert F.real_rate(0.10, 0.06) == pytest.approx(0.038, abs=5e-4)
    assert F.nominal_rate(F.real_rate(0.10, 0.06), 0.06) == pytest.approx(0.10, rel=1e-14)
    np.testing.assert_allclose(F.nominal_rate([0.0, 0.03], 0.02), [0.02, 0.0506])
    with pytest.raises(InputError) as info:
        F.real_rate(0.1, -1)
    assert info.value.where == "inflation"


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("call, where", [
    (lambda: F.npv("eight", [1, 2]), "rate"),
    (lambda: F.npv(-2, [1, 2]), "rate"),
    (lambda: F.npv(0.08, "abc"), "values"),
    (lambda: F.npv(0.08, 5), "values"),
    (lambda: F.npv(0.08, [[1, 2], [3]]), "values"),
    (lambda: F.npv(0.08, [1, 2], timing="middle"), "timing"),
    (lambda: F.npv(np.array([0.1, 0.2, 0.3]), np.ones((2, 4))), "rate"),
    (lambda: F.irr("abc"), "values"),
    (lambda: F.irr([]), "values"),
    (lambda: F.mirr([1, -2], "x", 0.1), "finance_rate"),
    (lambda: F.mirr([1, -2], 0.1, -1), "reinvest_rate"),
    (lambda: F.pmt(0.1, 10, 100, when="sometimes"), "when"),
    (lambda: F.pmt(0.1, "ten", 100), "nper"),
    (lambda: F.annuity_factor(0.1, "ten"), "n"),
    (lambda: F.bcr(0.1, [1], "x"), "costs"),
    (lambda: F.payback([1, 2], rate="x"), "rate"),
])
def test_bad_arguments_name_the_argument(call, where):
    with pytest.raises(InputError) as info:
        call()
    assert info.value.where == where


def test_finance_functions_accept_rates_above_100_percent():
    # only rates a person types (model files, --set) are taken for percentages above 1; an IRR
    # may exceed 100%, and npv(irr(v), v) must then be 0 (it used to raise "write 0.0304596 ...")
    net = [-20.0, 70.0, 60.0, 50.0]
    r = F.irr(net)
    assert r > 1
    assert F.npv(r, net) == pytest.approx(0.0, abs=1e-9)
    assert F.npv(8, [1, 9]) == pytest.approx(2.0)
    assert F.bcr(r, [0, 70, 60, 50], [20, 0, 0, 0]) == pytest.approx(1.0)
    assert F.payback([-100, 300, 300], rate=2.0) == pytest.approx(1.0)
    assert F.eac(3.0, [-100, 0]) == pytest.approx(-400.0)
    assert F.mirr([-100, 50, 400], 2.0, 2.0) > 0.9
    assert F.annuity_factor(1.5, 1) == pytest.approx(0.4)
    with pytest.raises(InputError, match="greater than -1"):
        F.npv(-1.5, [1, 2])


# ----------------------------------------------------------------------------- properties
finite = st.floats(-1e6, 1e6, allow_nan=False)
rates = st.floats(-0.9, 1.0)


@given(rates, st.lists(st.tuples(finite, finite), min_size=1, max_size=30), finite, finite)
def test_npv_is_linear(r, pairs, a, b):
    x, y = np.array(pairs).T
    lhs = F.npv(r, a * x + b * y)
    scale = (abs(a) * np.abs(x) + abs(b) * np.abs(y)) @ (1 + r) ** -np.arange(x.size) + 1
    assert abs(lhs - (a * F.npv(r, x) + b * F.npv(r, y))) <= 1e-9 * scale


@given(st.lists(finite, min_size=1, max_size=40), st.sampled_from(["end", "mid", "begin"]),
       st.integers(-3, 3))
def test_zero_rate_gives_the_sum(v, timing, start):
    assert F.npv(0.0, v, start=start, timing=timing) == pytest.approx(np.sum(v), rel=1e-12,
                                                                       abs=1e-6)


cents = st.integers(0, 10**6).map(lambda c: c / 100)
conventional = st.tuples(cents.filter(lambda x: x >= 1), st.lists(cents, min_size=1, max_size=40))


@given(conventional)
def test_npv_is_zero_at_the_irr(cf):
    outlay, inflows = cf
    assume(sum(inflows) > 0)
    v = np.array([-outlay] + inflows)
    r = F.irr(v)
    assume(-0.99 < r < 10.0)                     # npv() accepts any rate above -1
    assert abs(F.npv(r, v)) <= 1e-9 * np.abs(v).sum()


@given(conventional)
def test_irr_equals_numpy_financial_on_conventional_flows(cf):
    outlay, inflows = cf
    assume(sum(inflows) > 1e-3 * outlay)
    v = np.array([-outlay] + inflows)
    # 1e-9 absolute for ordinary rates, 1e-9 relative for huge ones (an IRR of 3331.59 agrees to 1e-12)
    assert F.irr(v) == pytest.approx(npf.irr(v), rel=1e-9, abs=1e-9)


@settings(max_examples=200)
@given(st.lists(st.floats(-0.95, 3.0), min_size=1, max_size=5), st.floats(0.1, 1e3))
def test_irr_roots_recovers_chosen_roots(roots, scale):
    x = np.sort(1 / (1 + np.array(roots)))
    assume(np.all(np.diff(x) > 0.02 * x[1:]))   # well-separated roots
    got = F.irr_roots(_flows_with_roots(roots, scale))
    np.testing.assert_allclose(got, np.sort(roots), rtol=1e-8, atol=1e-9)


@settings(max_examples=50)
@given(conventional)
def test_xirr_on_whole_years_equals_irr(cf):
    # dates 365 days apart are whole periods of the spreadsheet's 365-day year
    outlay, inflows = cf
    assume(sum(inflows) > 1e-3 * outlay)
    v = np.array([-outlay] + inflows)
    dates = np.datetime64("2001-03-01") + 365 * np.arange(v.size)
    r = F.irr(v)
    assume(abs(r) < 1e6)
    assert F.xirr(v, dates) == pytest.approx(r, rel=1e-9, abs=1e-11)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_batch_equals_row_by_row(seed):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(40, 8))
    v[rng.random(v.shape) < 0.2] = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CBAWarning)
        batch = F.irr(v)
        rows = np.array([F.irr(row) for row in v])
        roots = F.irr_roots(v)
    np.testing.assert_array_equal(np.isnan(batch), np.isnan(rows))
    np.testing.assert_allclose(batch, rows, rtol=1e-12, atol=1e-12)
    for row, r in zip(v, roots):
        for root in r[(r > -0.99) & (r <= 1.0)]:
            assert abs(F.npv(root, row)) <= 1e-9 * F.npv(root, np.abs(row))


# ----------------------------------------------------------------------------- issue 8 corrections
def test_payback_of_a_single_value():
    # one period: nothing to recover (0) when the value is not negative, never otherwise
    assert F.payback([5]) == 0.0
    assert F.payback([0]) == 0.0
    with pytest.warns(NoSolutionWarning, match="never recovered"):
        assert np.isnan(F.payback([-5]))
    np.testing.assert_array_equal(F.payback([[5.0], [0.0]]), [0.0, 0.0])


def test_payback_over_10_000_periods_closed_forms():
    # simple: -5000 then 1 a period is recovered exactly at period 5000
    assert F.payback([-5000.0] + [1.0] * 9999) == 5000.0
    # discounted at r: C_t = -P + A (1 - (1+r)^-t) / r; the first t with C_t >= 0 is
    # ceil(ln(1 / (1 - P r / A)) / ln(1 + r)), then linear interpolation within the period
    P, A, r, T = 1000.0, 10.0, 0.005, 10_000
    j = math.ceil(math.log(1 / (1 - P * r / A)) / math.log1p(r))
    C = lambda t: -P + A * (1 - (1 + r) ** -t) / r          # noqa: E731
    expected = (j - 1) + (-C(j - 1)) / (C(j) - C(j - 1))
    assert F.payback([-P] + [A] * (T - 1), rate=r) == pytest.approx(expected, rel=1e-12)


def test_mirr_always_warns_when_a_sign_is_missing():
    # all-zero and 3-period rows without a negative (or positive) value: NaN with the warning
    for row in ([0.0, 0.0, 0.0], [0.0, 0.0, 100.0], [-5.0, 0.0, 0.0]):
        with pytest.warns(NoSolutionWarning, match="one positive and one negative"):
            assert np.isnan(F.mirr(row, 0.1, 0.1))
    with pytest.warns(NoSolutionWarning, match="1 of 2 rows"):
        out = F.mirr(np.array([[0.0, 0.0, 0.0], [-1.0, 1.0, 1.0]]), 0.1, 0.1)
    # [XL-MIRR formula] ((1 * 1.1 + 1) / 1)^(1/2) - 1
    np.testing.assert_allclose(out, [np.nan, 2.1 ** 0.5 - 1], rtol=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(F.mirr([np.nan, 1.0, 2.0], 0.1, 0.1))     # NaN in, NaN out, silent


def test_rates_as_series_tuples_and_nested_lists():
    pd = pytest.importorskip("pandas")
    v = [-100.0, 60.0, 70.0]
    hand = [sum(x / (1 + r) ** t for t, x in enumerate(v)) for r in (0.05, 0.10)]
    np.testing.assert_allclose(F.npv(pd.Series([0.05, 0.10]), v), hand, rtol=1e-14)
    np.testing.assert_allclose(F.npv((0.05, 0.10), v), hand, rtol=1e-14)
    np.testing.assert_allclose(F.npv([[0.05], [0.10]], [v, v]), [[hand[0], hand[0]],
                                                                  [hand[1], hand[1]]], rtol=1e-14)
    # [NPF] pmt with a Series of rates equals numpy-financial's on the array
    rates = pd.Series([0.01, 0.02, 0.03])
    np.testing.assert_allclose(F.pmt(rates, 12, 1000), npf.pmt(rates.to_numpy(), 12, 1000),
                               rtol=1e-13)
    np.testing.assert_allclose(F.mirr(XL_MIRR, pd.Series([0.10]), 0.12), [0.126094130365905146],
                               rtol=1e-13)


def test_a_list_of_rates_is_an_array_of_rates_in_loan_functions():
    # [NPF] numpy-financial's pmt on the same 2-D rates is the independent value
    rates = [[0.05, 0.8], [0.3, 0.8]]
    np.testing.assert_allclose(F.pmt(rates, [12, 3], [2000, 20000]),
                               npf.pmt(np.array(rates), [12, 3], [2000, 20000]), rtol=1e-13)
    np.testing.assert_allclose(F.annuity_factor([0.08, 0.0], 10), [6.710081399, 10.0], rtol=1e-9)


@pytest.mark.parametrize("rate", ["green_book", F.Steps([0, 5], [0.05, 0.04]), {0: 0.05}])
def test_loan_functions_refuse_stepped_schedules(rate):
    for call in (lambda: F.pmt(rate, 10, 100), lambda: F.annuity_factor(rate, 10)):
        with pytest.raises(InputError, match="plain rates") as info:
            call()
        assert info.value.where == "rate"


def test_steps_in_finance_functions_need_an_explicit_form():
    # a stepped schedule is a Steps object or a name; npv of 1 at year 31 [GB]
    v = np.zeros(32)
    v[31] = 1.0
    want = 1 / (1.035 ** 30 * 1.03)
    assert F.npv(F.Steps.from_pairs([(0, 0.035), (31, 0.03)]), v) == pytest.approx(want, rel=1e-13)
    assert F.npv("green_book", v) == pytest.approx(want, rel=1e-13)
    # the same pairs as a plain list are two rows of rates (0 and 3.5%; 31 and 3%)
    got = F.npv([(0, 0.035), (31, 0.03)], v)
    np.testing.assert_allclose(got, [[1.0, 1.035 ** -31], [32.0 ** -31, 1.03 ** -31]], rtol=1e-13)
