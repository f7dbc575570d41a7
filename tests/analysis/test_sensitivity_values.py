"""Sensitivity, two-way, scenario and switching-value results against closed forms worked by hand.

The model is linear on purpose: a project costs ``capex`` at t = 0 and then yields ``benefit``
and costs ``cost`` at the end of each of 5 years, so at a constant rate r

    NPV = -capex + (benefit - cost) * A(r),   A(r) = (1 - (1 + r)^-5) / r

(the present value of an annuity, e.g. Brealey, Myers & Allen, Principles of Corporate Finance,
ch. 2), PV costs = capex + cost * A(r), PV benefits = benefit * A(r). Every expected value below
is computed from these formulas in the test, not by the library.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import cba

H = 5
BASE = {"capex": 100.0, "benefit": 40.0, "cost": 10.0, "discount_rate": 0.10}
RANGES = {"capex": (80.0, 150.0), "benefit": (20.0, 60.0), "cost": (5.0, 20.0), "discount_rate": (0.05, 0.15)}


def A(r, n: int = H):
    """Present value of 1 a year for n years at r (end of year): sum of (1 + r)^-t, t = 1..n
    (summed term by term: the closed form loses digits to cancellation at small r)."""
    r = np.asarray(r, dtype=float)
    return sum((1 + r) ** -t for t in range(1, n + 1))


def npv(capex=BASE["capex"], benefit=BASE["benefit"], cost=BASE["cost"], discount_rate=BASE["discount_rate"]):
    return -np.asarray(capex) + (np.asarray(benefit) - cost) * A(discount_rate)


def bcr(capex=BASE["capex"], benefit=BASE["benefit"], cost=BASE["cost"], discount_rate=BASE["discount_rate"]):
    a = A(discount_rate)
    return benefit * a / (capex + cost * a)


def linear_model(**scenarios) -> cba.Model:
    return cba.load_model({
        "name": "linear", "horizon": H,
        "discount_rate": {"value": 0.10, "low": 0.05, "high": 0.15},
        "parameters": {k: {"value": BASE[k], "low": lo, "high": hi}
                       for k, (lo, hi) in RANGES.items() if k != "discount_rate"},
        "options": {"p": {"flows": [{"name": "invest", "kind": "cost", "amount": "capex", "at": 0},
                                    {"name": "gain", "kind": "benefit", "amount": "benefit"},
                                    {"name": "running", "kind": "cost", "amount": "cost"}]}},
        "scenarios": scenarios})


@pytest.fixture(scope="module")
def lin() -> cba.Model:
    return linear_model()


def test_hand_formula_is_the_textbook_annuity():
    # PVIFA(10%, 5) = 3.7908 in present-value tables
    assert float(A(0.10)) == pytest.approx(3.7908, abs=5e-5)
    assert float(A(0.10)) == pytest.approx((1 - 1.1 ** -5) / 0.1, rel=1e-14)


# ----------------------------------------------------------------------------- tornado
def test_tornado_low_high_values_and_swings_by_hand(lin):
    s = cba.sensitivity(lin)
    base = float(npv())
    assert s.base_metric == pytest.approx(base, rel=1e-12)            # -100 + 30 x 3.7908 = 13.72
    expected = {k: (float(npv(**{k: lo})), float(npv(**{k: hi}))) for k, (lo, hi) in RANGES.items()}
    # swing |NPV(high) - NPV(low)|: benefit 40 A = 151.6, capex 70, cost 15 A = 56.9, rate 29.3
    swing = {k: abs(b - a) for k, (a, b) in expected.items()}
    assert s.parameters == ("benefit", "capex", "cost", "discount_rate")
    assert sorted(swing, key=swing.get, reverse=True) == list(s.parameters)
    for i, k in enumerate(s.parameters):
        assert (s.low[i], s.high[i]) == RANGES[k]
        assert s.metric_low[i] == pytest.approx(expected[k][0], rel=1e-12)
        assert s.metric_high[i] == pytest.approx(expected[k][1], rel=1e-12)
        # NPV is monotonic in each input, so the extremes over the range are the ends
        assert s.swing[i] == pytest.approx(swing[k], rel=1e-12)
        assert s.metric_min[i] == pytest.approx(min(expected[k]), rel=1e-12)
        assert s.metric_max[i] == pytest.approx(max(expected[k]), rel=1e-12)
        # the decision flips inside the range when the ends straddle NPV = 0
        assert bool(s.crosses[i]) == (min(expected[k]) <= 0 <= max(expected[k]))
    assert s.swing[1] == pytest.approx(70.0, rel=1e-12)               # capex 80..150: exactly 70
    assert s.swing[0] == pytest.approx(40 * float(A(0.10)), rel=1e-12)
    assert list(s.crosses) == [True, True, True, False]               # rate: NPV(15%) = 0.56 > 0
    frame = s.to_frame()
    for k in s.parameters:
        assert frame.loc[k, "change_low"] == pytest.approx((expected[k][0] - base) / abs(base), rel=1e-12)
        assert frame.loc[k, "change_high"] == pytest.approx((expected[k][1] - base) / abs(base), rel=1e-12)


def test_spider_values_by_hand(lin):
    s = cba.sensitivity(lin)
    steps = np.round(np.arange(-0.30, 0.301, 0.05), 2)                # documented default
    assert s.steps == pytest.approx(steps, abs=1e-12)
    for i, k in enumerate(s.parameters):
        expected = npv(**{k: BASE[k] * (1 + steps)})
        assert s.spider[i] == pytest.approx(expected, rel=1e-12, abs=1e-12)
    # capex is linear with slope -1: each 5% step (5) lowers NPV by exactly 5
    line = s.spider_frame()["capex"].to_numpy()
    assert np.diff(line) == pytest.approx(np.full(12, -5.0), rel=1e-12)


def test_delta_mode_with_a_negative_base_value():
    # cost = -10 (running income): +-10% gives the range -11 .. -9 (low below high)
    m = cba.load_model({"name": "neg", "horizon": H, "discount_rate": 0.10,
                        "parameters": {"capex": 100, "benefit": 40, "cost": -10},
                        "options": {"p": {"flows": [
                            {"name": "invest", "kind": "cost", "amount": "capex", "at": 0},
                            {"name": "gain", "kind": "benefit", "amount": "benefit"},
                            {"name": "running", "kind": "cost", "amount": "cost"}]}}})
    s = cba.sensitivity(m, parameters=["cost", "capex", "discount_rate"], delta=0.1, steps=[-0.2, 0.2])
    rows = {k: i for i, k in enumerate(s.parameters)}
    assert (s.low[rows["cost"]], s.high[rows["cost"]]) == pytest.approx((-11.0, -9.0), rel=1e-15)
    assert s.metric_low[rows["cost"]] == pytest.approx(float(npv(cost=-11)), rel=1e-12)     # -100 + 51 A
    assert s.metric_high[rows["cost"]] == pytest.approx(float(npv(cost=-9)), rel=1e-12)     # -100 + 49 A
    assert s.metric_low[rows["capex"]] == pytest.approx(float(npv(capex=90, cost=-10)), rel=1e-12)
    r = rows["discount_rate"]
    assert (s.metric_low[r], s.metric_high[r]) == pytest.approx(
        (float(npv(cost=-10, discount_rate=0.09)), float(npv(cost=-10, discount_rate=0.11))), rel=1e-12)
    assert s.spider[rows["cost"]] == pytest.approx(npv(cost=-10 * np.array([0.8, 1.2])), rel=1e-12)


def test_bcr_sensitivity_by_hand(lin):
    # BCR = benefit A / (capex + cost A); break-even level 1
    s = cba.sensitivity(lin, metric="bcr")
    assert s.target == 1.0
    assert s.base_metric == pytest.approx(float(bcr()), rel=1e-12)           # 151.63 / 137.91 = 1.0995
    for i, k in enumerate(s.parameters):
        lo, hi = RANGES[k]
        assert s.metric_low[i] == pytest.approx(float(bcr(**{k: lo})), rel=1e-12)
        assert s.metric_high[i] == pytest.approx(float(bcr(**{k: hi})), rel=1e-12)
        ends = (float(bcr(**{k: lo})), float(bcr(**{k: hi})))
        assert bool(s.crosses[i]) == (min(ends) <= 1 <= max(ends))


# ----------------------------------------------------------------------------- two-way
def test_two_way_grid_and_frontier_line_by_hand(lin):
    # NPV = 0  <=>  benefit = cost + capex / A(r): a line of slope 1 and intercept 100 / A = 26.38
    g = cba.two_way(lin, "cost", "benefit", x_range=(0.5, 30.5), y_range=(1, 61), n=(31, 25))
    gx, gy = np.meshgrid(np.linspace(0.5, 30.5, 31), np.linspace(1, 61, 25))
    assert g.values == pytest.approx(npv(benefit=gy, cost=gx), rel=1e-12, abs=1e-12)
    intercept = 100 / float(A(0.10))
    fr = g.frontier()
    # every column crosses once (30.5 + 26.38 < 61), at exactly the line (linear interpolation of a
    # linear function)
    assert len(fr) == 31
    assert fr["x"].to_numpy() == pytest.approx(np.linspace(0.5, 30.5, 31), rel=1e-15)
    assert fr["y"].to_numpy() == pytest.approx(fr["x"].to_numpy() + intercept, rel=1e-12)
    # the option wins above the line: the share of grid points with benefit >= cost + 26.38
    assert g.share_wins == pytest.approx(float(np.mean(gy >= gx + intercept)), abs=1e-15)
    assert g.base_metric == pytest.approx(float(npv()), rel=1e-12)


def test_two_way_frontier_over_the_discount_rate_is_the_annuity_curve(lin):
    # NPV = 0 <=> capex = 30 A(r); NPV is linear in capex, so each column's crossing is exact
    g = cba.two_way(lin, "discount_rate", "capex", x_range=(0.0001, 0.30), y_range=(50, 150), n=(16, 11))
    fr = g.frontier()
    assert len(fr) == 16
    assert fr["y"].to_numpy() == pytest.approx(30 * A(fr["x"].to_numpy()), rel=1e-12)
    gx, gy = np.meshgrid(g.x_values, g.y_values)
    assert g.values == pytest.approx(npv(capex=gy, discount_rate=gx), rel=1e-12, abs=1e-12)


def test_two_way_bcr_grid_by_hand(lin):
    g = cba.two_way(lin, "capex", "benefit", metric="bcr", n=(5, 4))
    assert g.target == 1.0
    gx, gy = np.meshgrid(np.linspace(80, 150, 5), np.linspace(20, 60, 4))   # plausible ranges
    assert g.values == pytest.approx(bcr(capex=gx, benefit=gy), rel=1e-12)
    assert (g.wins == (bcr(capex=gx, benefit=gy) >= 1)).all()


# ----------------------------------------------------------------------------- switching values
def test_switching_values_closed_forms(lin):
    sv = cba.switching_values(lin)
    a = float(A(0.10))
    base_npv = float(npv())
    closed = {"capex": 30 * a,                 # capex = (benefit - cost) A
              "benefit": 10 + 100 / a,         # benefit = cost + capex / A
              "cost": 40 - 100 / a}            # cost = benefit - capex / A
    for k, x in closed.items():
        assert sv.loc[k, "switching_value"] == pytest.approx(x, rel=1e-10)
        assert sv.loc[k, "change"] == pytest.approx((x - BASE[k]) / BASE[k], rel=1e-9)
        # EU guide elasticity: % change of NPV for +1% of the input; exact for a linear input
        up = float(npv(**{k: 1.01 * BASE[k]}))
        assert sv.loc[k, "elasticity"] == pytest.approx((up - base_npv) / abs(base_npv) / 0.01, rel=1e-9)
        # linear: |elasticity| x |change| = 1 (ADB: the switching value is the reciprocal of the
        # sensitivity indicator)
        assert abs(sv.loc[k, "elasticity"] * sv.loc[k, "change"]) == pytest.approx(1.0, rel=1e-9)
        lo, hi = RANGES[k]
        assert bool(sv.loc[k, "within_range"]) == (lo <= x <= hi)
    # the switching rate is the IRR of -100, 30 x 5: a root of 30 (v + ... + v^5) - 100 with
    # v = 1 / (1 + r), found here by numpy's companion-matrix polynomial roots
    v = np.roots([30, 30, 30, 30, 30, -100])
    v = v[np.isreal(v) & (v.real > 0)].real
    assert v.size == 1
    r = 1 / v[0] - 1
    assert sv.loc["discount_rate", "switching_value"] == pytest.approx(r, rel=1e-9)
    assert float(npv(discount_rate=sv.loc["discount_rate", "switching_value"])) == pytest.approx(0, abs=1e-9)
    assert not sv.loc["discount_rate", "within_range"]                       # 15.24% > 15%
    # critical: within range, or |change| <= 10%, or |elasticity| >= 1 (defaults)
    for k in sv.index:
        row = sv.loc[k]
        expect = bool(row["within_range"]) or abs(row["change"]) <= 0.10 or abs(row["elasticity"]) >= 1
        assert bool(row["critical"]) == expect
    assert sv.loc["discount_rate", "critical"]       # |elasticity| = 2.1 >= 1 though out of range


def test_switching_values_of_the_bcr_closed_form(lin):
    # BCR = 1 <=> benefit A = capex + cost A: the same break-evens as NPV = 0 for capex and benefit
    sv = cba.switching_values(lin, metric="bcr", parameters=["capex", "benefit"])
    a = float(A(0.10))
    assert sv.loc["capex", "switching_value"] == pytest.approx(30 * a, rel=1e-10)
    assert sv.loc["benefit", "switching_value"] == pytest.approx(10 + 100 / a, rel=1e-10)


def test_green_book_box_15_switching_value_closed_form():
    # HM Treasury Green Book, Box 15 (see tests/analysis/test_breakeven.py): capex 1,000,000,
    # savings staff x 10,000 for 10 years at 3.5%: NPV = 0 at staff = 1e6 / (1e4 x A(3.5%, 10)).
    m = cba.load_model({
        "name": "IT system", "horizon": 10, "discount_rate": 0.035,
        "parameters": {"staff": {"value": 15, "low": 10, "high": 15}, "pay": 10000, "capex": 1e6},
        "options": {"it": {"flows": [
            {"name": "system", "kind": "cost", "amount": "capex", "at": 0},
            {"name": "savings", "kind": "benefit", "amount": "staff * pay"}]}}})
    exact = 1e6 / (1e4 * float(A(0.035, 10)))                      # 12.0241
    assert cba.breakeven(m, "staff") == pytest.approx(exact, rel=1e-10)
    assert cba.switching_values(m).loc["staff", "switching_value"] == pytest.approx(exact, rel=1e-10)


# ----------------------------------------------------------------------------- scenarios
def _irr(flows):
    """IRR from numpy's polynomial roots (an implementation independent of cba's root finder)."""
    v = np.roots(list(flows)[::-1])                     # sum f_t v^t = 0, v = 1 / (1 + r)
    v = v[np.abs(v.imag) < 1e-12].real
    v = v[v > 0]
    assert v.size == 1
    return 1 / v[0] - 1


def _payback(net, rates=None):
    """Years until the cumulative (discounted) net flow turns >= 0, linear within the year."""
    flows = np.asarray(net, float) if rates is None else np.asarray(net, float) / (1 + rates) ** np.arange(len(net))
    cum = np.cumsum(flows)
    for t in range(1, len(cum)):
        if cum[t - 1] < 0 <= cum[t]:
            return t - 1 + -cum[t - 1] / flows[t], t
    return math.nan, math.nan


def test_compare_scenarios_every_metric_by_hand():
    m = linear_model(bad={"benefit": 25, "capex": 120}, low_rate={"discount_rate": 0.03},
                     uk={"discount_rate": "green_book", "cost": 12})
    frame = cba.compare_scenarios(m)
    assert list(frame.index) == ["base", "bad", "low_rate", "uk"]
    cases = {"base": {}, "bad": {"benefit": 25, "capex": 120}, "low_rate": {"discount_rate": 0.03},
             # HM Treasury Green Book (2022), Annex A6: 3.5% for years 0-30, so over 5 years a
             # constant 3.5%
             "uk": {"discount_rate": 0.035, "cost": 12}}
    for name, over in cases.items():
        x = {**BASE, **over}
        a = float(A(x["discount_rate"]))
        row = frame.loc[name]
        assert row["pv_costs"] == pytest.approx(x["capex"] + x["cost"] * a, rel=1e-12)
        assert row["pv_benefits"] == pytest.approx(x["benefit"] * a, rel=1e-12)
        assert row["npv"] == pytest.approx(float(npv(**x)), rel=1e-12)
        assert row["bcr"] == pytest.approx(float(bcr(**x)), rel=1e-12)
        net = [-x["capex"]] + [x["benefit"] - x["cost"]] * H
        assert row["irr"] == pytest.approx(_irr(net), rel=1e-9)
        pay, _ = _payback(net)
        dpay, year = _payback(net, x["discount_rate"])
        for col, want in (("payback", pay), ("discounted_payback", dpay), ("breakeven_year", year)):
            if math.isnan(want):
                assert math.isnan(row[col]), (name, col)
            else:
                assert row[col] == pytest.approx(want, rel=1e-12), (name, col)
    assert frame.loc["base", "payback"] == pytest.approx(100 / 30, rel=1e-12)
    assert math.isnan(frame.loc["bad", "payback"])          # 5 x 15 = 75 never repays 120
    assert frame.loc["bad", "changes"] == "benefit=25, capex=120"


# ----------------------------------------------------------------------------- everything at once
def test_analyse_values_by_hand(lin):
    with warnings.catch_warnings():
        warnings.simplefilter("error")                       # every input has a switching value
        res = cba.analyse(lin, n=21)
    s = res.sensitivity
    assert s.parameters[:2] == ("benefit", "capex")           # the two largest swings (151.6, 70)
    assert s.metric_low == pytest.approx([float(npv(**{k: RANGES[k][0]})) for k in s.parameters], rel=1e-12)
    a = float(A(0.10))
    assert res.switching.loc["capex", "switching_value"] == pytest.approx(30 * a, rel=1e-10)
    assert res.switching.loc["benefit", "switching_value"] == pytest.approx(10 + 100 / a, rel=1e-10)
    assert list(res.scenarios.index) == ["base"]
    assert res.scenarios.loc["base", "npv"] == pytest.approx(float(npv()), rel=1e-12)
    # the frontier over the two largest swings: both switching values lie in the plausible
    # ranges, so the axes stay 20..60 and 80..150; NPV = 0 on capex = (benefit - 10) A
    tw = res.frontier
    assert (tw.x, tw.y) == ("benefit", "capex")
    assert tw.x_values == pytest.approx(np.linspace(20, 60, 21), rel=1e-15)
    assert tw.y_values == pytest.approx(np.linspace(80, 150, 21), rel=1e-15)
    fr = tw.frontier()
    on = (tw.x_values - 10) * a
    inside = (on >= 80) & (on <= 150)
    assert fr["x"].to_numpy() == pytest.approx(tw.x_values[inside], rel=1e-15)
    assert fr["y"].to_numpy() == pytest.approx(on[inside], rel=1e-12)
