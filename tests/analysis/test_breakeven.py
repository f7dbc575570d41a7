"""Break-even and switching values against published answers and closed forms.

Every expected number below comes from outside the code: a textbook or official example (cited
beside it) or a closed form derived in the comment.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import cba
from cba.cli import main


def one_param(amount: str, *, value=3.0, low=1.0, high=6.0, horizon=1, rate=0.0, at=1) -> cba.Model:
    """A one-option model whose NPV is ``amount`` (a formula in x) received in period ``at``."""
    return cba.load_model({
        "name": "x", "horizon": horizon, "discount_rate": rate,
        "parameters": {"x": {"value": value, "low": low, "high": high}},
        "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": amount, "at": at}]}}})


# ----------------------------------------------------------------------------- cost-volume-profit
def acoustic_concepts() -> cba.Model:
    # Garrison, Noreen & Brewer, *Managerial Accounting* (McGraw-Hill), chapter
    # "Cost-Volume-Profit Relationships", the Acoustic Concepts, Inc. example: the Prime Speaker
    # sells for $250, variable expenses are $150 a speaker, fixed expenses $35,000 a month;
    # 400 speakers are sold a month. One month = one period, no discounting within it.
    return cba.load_model({
        "name": "Acoustic Concepts", "horizon": 1, "discount_rate": 0.0,
        "parameters": {"units": {"value": 400, "low": 300, "high": 500},
                       "price": {"value": 250, "low": 200, "high": 300},
                       "unit_cost": {"value": 150, "low": 120, "high": 180},
                       "fixed": {"value": 35000, "low": 30000, "high": 40000}},
        "options": {"sell": {"flows": [
            {"name": "sales", "kind": "benefit", "amount": "units * price", "at": 1},
            {"name": "variable", "kind": "cost", "amount": "units * unit_cost", "at": 1},
            {"name": "fixed_costs", "kind": "cost", "amount": "fixed", "at": 1}]}}})


def test_cvp_break_even_units_garrison():
    # Published answers: break-even = $35,000 / $100 contribution margin = 350 speakers;
    # in sales dollars 350 x $250 = $87,500 (= $35,000 / 40% CM ratio).
    m = acoustic_concepts()
    units = cba.breakeven(m, "units")
    assert units == pytest.approx(350, rel=1e-12)
    assert units * 250 == pytest.approx(87_500, rel=1e-12)


def test_cvp_target_profit_garrison():
    # Published answer: a target profit of $40,000 a month needs ($40,000 + $35,000) / $100 = 750.
    assert cba.breakeven(acoustic_concepts(), "units", target=40_000) == pytest.approx(750, rel=1e-12)


def test_cvp_price_and_fixed_cost_closed_forms():
    # Profit = q (p - v) - F. At q = 400: p* = v + F / q = 150 + 35,000 / 400 = 237.5;
    # v* = p - F / q = 162.5; F* = q (p - v) = 40,000 (the speaker's monthly contribution margin).
    m = acoustic_concepts()
    assert cba.breakeven(m, "price") == pytest.approx(237.5, rel=1e-12)
    assert cba.breakeven(m, "unit_cost") == pytest.approx(162.5, rel=1e-12)
    assert cba.breakeven(m, "fixed") == pytest.approx(40_000, rel=1e-12)


def test_linear_model_needs_one_refinement_round():
    # For a metric linear in the input, false position on the scan's bracket is exact.
    # (the break-even price 237.5 is not a scan point: the scan gives 235 and 240)
    be = cba.breakeven(acoustic_concepts(), "price", full_output=True)
    assert be.calls == 2 and be.roots == pytest.approx((237.5,), rel=1e-12)


# ----------------------------------------------------------------------------- switching values
def acca_project() -> cba.Model:
    # ACCA Financial Management-style sensitivity question, worked answer published at
    # https://www.expertsmind.com/questions/show-calculation-of-project-net-present-value-30188763.aspx :
    # investment $50,000 now; 20,000 units a year for 5 years at $3.00, variable cost $1.65,
    # fixed costs $10,000 a year; cost of capital 12% (annuity factor 3.605 in the tables).
    # Published NPV $11,285 = 17,000 x 3.605 - 50,000.
    return cba.load_model({
        "name": "ACCA", "horizon": 5, "discount_rate": 0.12,
        "parameters": {"units": {"value": 20000, "low": 15000, "high": 25000},
                       "price": {"value": 3.0, "low": 2.5, "high": 3.5},
                       "unit_cost": {"value": 1.65, "low": 1.4, "high": 1.9},
                       "fixed": 10000, "capex": 50000},
        "options": {"p": {"flows": [
            {"name": "investment", "kind": "cost", "amount": "capex", "at": 0},
            {"name": "sales", "kind": "benefit", "amount": "units * price"},
            {"name": "variable", "kind": "cost", "amount": "units * unit_cost"},
            {"name": "fixed_costs", "kind": "cost", "amount": "fixed"}]}}})


def test_acca_switching_values_published_answers():
    # Published: sales volume for zero NPV 17,681 units, a fall of 11.6%; price $2.843, a fall of
    # 5.2%; variable cost must rise 9.5% to $1.81. The answer uses the rounded table factor 3.605
    # (exact: 3.60478), hence the tolerances of one unit and half a cent.
    m = acca_project()
    assert cba.appraise(m)["p", "npv"] == pytest.approx(11_285, abs=5)
    sv = cba.switching_values(m)
    assert sv.loc["units", "switching_value"] == pytest.approx(17_681, abs=1)
    assert sv.loc["price", "switching_value"] == pytest.approx(2.843, abs=0.001)
    assert sv.loc["unit_cost", "switching_value"] == pytest.approx(1.81, abs=0.005)
    assert round(100 * sv.loc["units", "change"], 1) == -11.6
    assert round(100 * sv.loc["price", "change"], 1) == -5.2
    assert round(100 * sv.loc["unit_cost", "change"], 1) == 9.5
    # all three lie inside the plausible ranges given above, so all are critical
    assert sv["within_range"].all() and sv["critical"].all()
    # linear in each input: |elasticity| = 1 / |change| (ADB: the switching value is the
    # reciprocal of the sensitivity indicator); exact for a linear input, up to the root finder
    assert (sv["elasticity"].abs() * sv["change"].abs()).to_numpy() == pytest.approx(np.ones(3), rel=1e-9)


def green_book_it() -> cba.Model:
    # HM Treasury, The Green Book (2003, updated 2011), Box 15 "Example of sensitivity analysis":
    # a new IT system costs £1 million and yields staff savings of £150,000 a year for 10 years
    # (15 staff at £10,000); discounting at 3.5% the NPV is £247,000. If it replaces only 10 staff
    # the savings fall to £100,000 a year and the NPV is minus £168,000.
    return cba.load_model({
        "name": "IT system", "horizon": 10, "discount_rate": 0.035,
        "parameters": {"staff": {"value": 15, "low": 10, "high": 15}, "pay": 10000, "capex": 1e6},
        "options": {"it": {"flows": [
            {"name": "system", "kind": "cost", "amount": "capex", "at": 0},
            {"name": "savings", "kind": "benefit", "amount": "staff * pay"}]}}})


def test_green_book_box_15_switching_value():
    m = green_book_it()
    assert cba.appraise(m)["it", "npv"] == pytest.approx(247_000, abs=500)
    assert cba.appraise(m, staff=10)["it", "npv"] == pytest.approx(-168_000, abs=500)
    # The NPV is linear in the number of staff replaced, so the switching value (Green Book
    # 5.70: "by how much a variable would have to fall ... to make it not worth undertaking")
    # follows from the two published NPVs: 10 + 5 x 168 / (168 + 247) = 12.024 staff
    # (±0.012 from the rounding to £1,000); exactly, 1e6 / (10,000 x annuity(3.5%, 10)) = 12.02414.
    assert cba.breakeven(m, "staff") == pytest.approx(1e6 / (10_000 * (1 - 1.035 ** -10) / 0.035), rel=1e-10)
    # the one-way sensitivity of the same box: staff at 10 and 15
    s = cba.sensitivity(m)
    assert s.metric_low[0] == pytest.approx(-168_000, abs=500)
    assert s.metric_high[0] == pytest.approx(247_000, abs=500)
    assert bool(s.crosses[0])


# ----------------------------------------------------------------------------- closed forms
@pytest.mark.parametrize("rate,n,timing", [(0.08, 10, "end"), (0.035, 30, "end"), (0.06, 5, "mid")])
def test_annuity_break_even_closed_form(rate, n, timing):
    # NPV = -P + S * A with A = sum_{t=1..n} (1+r)^-(t-d), d = 0 (end) or 0.5 (mid), so
    # S* = P / A for the saving and P* = S A for the price; A = (1 - (1+r)^-n) / r * (1+r)^d.
    m = cba.load_model({
        "name": "a", "horizon": n, "discount_rate": rate, "timing": timing,
        "parameters": {"price": {"value": 100, "low": 50, "high": 150},
                       "saving": {"value": 20, "low": 10, "high": 30}},
        "options": {"buy": {"flows": [{"name": "p", "kind": "cost", "amount": "price", "at": 0},
                                      {"name": "s", "kind": "benefit", "amount": "saving"}]}}})
    d = 0.5 if timing == "mid" else 0.0
    # in a model, period 0 is the present: the purchase is not discounted under any timing
    a = (1 - (1 + rate) ** -n) / rate * (1 + rate) ** d
    p0 = 1.0
    assert cba.breakeven(m, "saving") == pytest.approx(100 * p0 / a, rel=1e-10)
    assert cba.breakeven(m, "price") == pytest.approx(20 * a / p0, rel=1e-10)


def test_kiosk_price_break_even_closed_form(kiosk_path):
    # The kiosk's NPV is linear in the price: 6 kiosks bought in 2025, replaced after floor(8) = 8
    # years, with a straight-line residual of 1 - 2/8 = 0.75 of a price in period 10, so
    # dNPV/dprice = -6 (1 + 1.08^-8 - 0.75 x 1.08^-10) and price* = 10 + NPV(10) / (6 (...)).
    m = cba.load_model(kiosk_path)
    slope = 6 * (1 + 1.08 ** -8 - 0.75 * 1.08 ** -10)
    npv10 = cba.appraise(m)["kiosk", "npv"]
    assert cba.breakeven(m, "kiosk_price") == pytest.approx(10 + npv10 / slope, rel=1e-10)


# ----------------------------------------------------------------------------- the discount rate
def test_switching_discount_rate_is_the_irr_numpy_financial():
    # numpy-financial docs, irr(): round(npf.irr([-100, 39, 59, 55, 20]), 5) == 0.28095.
    npf = pytest.importorskip("numpy_financial")
    m = cba.load_model({"name": "x", "horizon": 4, "discount_rate": 0.1, "parameters": {},
                        "options": {"o": {"flows": [
                            {"name": "c", "kind": "cost", "values": [100], "from": 0},
                            {"name": "b", "kind": "benefit", "values": [39, 59, 55, 20], "from": 1}]}}})
    r = cba.breakeven(m, "discount_rate")
    assert round(r, 5) == 0.28095
    assert r == pytest.approx(npf.irr([-100, 39, 59, 55, 20]), abs=1e-12)


def test_switching_discount_rate_is_the_irr_excel():
    # Microsoft Excel IRR() documentation: -70,000 then 12,000, 15,000, 18,000, 21,000, 26,000
    # -> IRR 8.7% after five years.
    m = cba.load_model({"name": "x", "horizon": 5, "discount_rate": {"value": 0.05, "low": 0.03, "high": 0.1},
                        "parameters": {},
                        "options": {"o": {"flows": [
                            {"name": "c", "kind": "cost", "values": [70000], "from": 0},
                            {"name": "b", "kind": "benefit", "values": [12000, 15000, 18000, 21000, 26000],
                             "from": 1}]}}})
    r = cba.breakeven(m, "discount_rate")
    assert round(r, 3) == 0.087
    assert r == pytest.approx(cba.irr([-70000, 12000, 15000, 18000, 21000, 26000]), abs=1e-12)
    # and the switching-values table gets a discount-rate row because the rate has a range
    sv = cba.switching_values(m)
    assert list(sv.index) == ["discount_rate"]
    assert sv.loc["discount_rate", "switching_value"] == pytest.approx(r)


def test_bcr_and_irr_targets_default_to_their_break_even_levels():
    # BCR = 1 and IRR = the discount rate where NPV = 0 (separate cost and benefit streams).
    m = acca_project()
    x_npv = cba.breakeven(m, "units")
    assert cba.breakeven(m, "units", metric="bcr") == pytest.approx(x_npv, rel=1e-9)
    assert cba.breakeven(m, "units", metric="irr") == pytest.approx(x_npv, rel=1e-8)
    with pytest.raises(cba.InputError, match="target"):
        cba.breakeven(m, "units", metric="payback")
    # payback of 3 years: 50,000 = 3 x (units x 1.35 - 10,000) -> units = 19,753.09
    assert cba.breakeven(m, "units", metric="payback", target=3.0) == pytest.approx(
        (50000 / 3 + 10000) / 1.35, rel=1e-9)


# ----------------------------------------------------------------------------- several / no crossing
def test_two_crossings_warn_and_return_the_nearest():
    # (x - 2)(x - 5) = 0 at 2 and 5; from a base of 3 the nearest is 2, from 4.5 it is 5.
    m = one_param("(x - 2) * (x - 5)", value=3.0)
    with pytest.warns(cba.MultipleSolutionsWarning) as rec:
        assert cba.breakeven(m, "x") == pytest.approx(2.0, abs=1e-12)
    msg = str(rec[0].message)
    assert "2 values" in msg and "(2, 5)" in msg and "nearest the base value 3" in msg
    m = one_param("(x - 2) * (x - 5)", value=4.5)
    with pytest.warns(cba.MultipleSolutionsWarning):
        be = cba.breakeven(m, "x", full_output=True)
    assert be.value == pytest.approx(5.0, abs=1e-12) and be.roots == pytest.approx((2.0, 5.0), abs=1e-12)


def test_three_crossings():
    # (x - 1)(x - 3)(x - 6) crosses 0 three times: found in one scan and refined together.
    m = one_param("(x - 1) * (x - 3) * (x - 6)", value=3.5)
    with pytest.warns(cba.MultipleSolutionsWarning, match=r"3 values .*\(1, 3, 6\)"):
        be = cba.breakeven(m, "x", full_output=True)
    assert be.roots == pytest.approx((1.0, 3.0, 6.0), abs=1e-10)
    assert be.value == pytest.approx(3.0, abs=1e-10)


def test_close_crossings_need_a_finer_scan():
    # Roots 3.1 and 3.2 lie between two scan points of the default grid: only the crossing at 10
    # shows a sign change. A finer scan finds all three (documented in breakeven's `grid`).
    m = one_param("(x - 3.1) * (x - 3.2) * (x - 10)", value=3.0)
    assert cba.breakeven(m, "x") == pytest.approx(10.0, abs=1e-9)
    with pytest.warns(cba.MultipleSolutionsWarning):
        be = cba.breakeven(m, "x", grid=2001, full_output=True)
    assert be.roots == pytest.approx((3.1, 3.2, 10.0), abs=1e-9)
    assert be.value == pytest.approx(3.1, abs=1e-9)


def test_no_break_even_returns_nan_and_states_the_range():
    m = one_param("x**2 + 1")           # never 0; default range 1 - 10 x 5 -> 0 .. 6 + 50 = 56
    with pytest.warns(cba.NoSolutionWarning) as rec:
        assert math.isnan(cba.breakeven(m, "x"))
    msg = str(rec[0].message)
    assert "[0, 56]" in msg and "stays between 1 and 3137" in msg and "NaN returned" in msg
    with pytest.warns(cba.NoSolutionWarning, match=r"\[-5, 5\]"):
        cba.breakeven(m, "x", bounds=(-5, 5))


def test_step_in_the_model_is_located_exactly():
    # floor(x) - 4.5 jumps from -0.5 to +0.5 at x = 5: no value gives 0, but the decision flips
    # at 5, which is returned (and listed as a step).
    be = cba.breakeven(one_param("floor(x) - 4.5"), "x", full_output=True)
    assert be.value == 5.0 and be.steps == (5.0,)
    assert any("jumps across 0 at x = 5" in n for n in be.notes)


def test_points_where_the_model_fails_are_skipped_and_noted():
    # log(x) is -inf at the search's lower end x = 0: that draw is isolated and skipped.
    be = cba.breakeven(one_param("log(x) - 1"), "x", full_output=True)
    assert be.value == pytest.approx(math.e, rel=1e-12)
    assert any("undefined at 1 of" in n for n in be.notes)


def test_nonlinear_crossing_converges_in_few_batched_rounds():
    # exp(x) = 20 at x = ln 20.
    be = cba.breakeven(one_param("exp(x) - 20"), "x", full_output=True)
    assert be.value == pytest.approx(math.log(20), rel=1e-12)
    assert be.calls <= 8


# ----------------------------------------------------------------------------- batching
def test_search_evaluates_batches_not_one_appraisal_per_candidate(monkeypatch):
    import cba.model.evaluate as ev_mod

    calls = []
    real = ev_mod.cash_flows

    def counting(model, inputs):
        calls.append(inputs.n)
        return real(model, inputs)

    monkeypatch.setattr(ev_mod, "cash_flows", counting)
    be = cba.breakeven(one_param("floor(x) - 4.5"), "x", full_output=True)
    assert len(calls) == be.calls <= 15 and sum(calls) == be.draws
    assert calls[0] > 40           # the scan is one call with every scan point


def test_switching_values_share_batches(kiosk_path):
    m = cba.load_model(kiosk_path)
    with pytest.warns(cba.NoSolutionWarning):
        sv = cba.switching_values(m)
    # one scan for all 10 rows; the linear kiosk price converges in one refinement round and the
    # discount rate (NPV = 0 at the IRR, 304.6%) in a few more, all rows sharing each round: 6 calls.
    # The scan holds service_life = 0, which cannot be evaluated (an asset's life must be above 0):
    # the scan's batch (59 points x 10 rows) is halved until that draw stands alone, two calls per
    # halving, at most 2 x ceil(log2(590)) = 20 more
    assert sv.attrs["calls"] <= 6 + 2 * math.ceil(math.log2(590))


# ----------------------------------------------------------------------------- the kiosk table
def test_kiosk_switching_values_table(kiosk_path):
    m = cba.load_model(kiosk_path)
    with pytest.warns(cba.NoSolutionWarning, match="staff_cost") as rec:
        sv = cba.switching_values(m)
    assert len(rec) == 1
    assert list(sv.index) == list(m.uncertain) + ["discount_rate"]
    for col in ("base", "switching_value", "change", "elasticity", "within_range", "critical",
                "search_low", "search_high", "note"):
        assert col in sv.columns
    row = sv.loc["kiosk_price"]
    assert row["change"] == pytest.approx((row["switching_value"] - 10) / 10)
    # linear in the price: elasticity x change = -1
    assert row["elasticity"] * row["change"] == pytest.approx(-1, rel=1e-9)
    assert not row["within_range"] and not row["critical"]
    # kiosks win even with free staff: no switching staff cost >= 0, and the note says where NPV stayed
    assert math.isnan(sv.loc["staff_cost", "switching_value"])
    assert "[0, 126]" in sv.loc["staff_cost", "note"]
    # the critical rule is configurable
    with pytest.warns(cba.NoSolutionWarning):
        loose = cba.switching_values(m, max_change=20.0)
    assert loose.loc["kiosk_price", "critical"]


def test_kiosk_pessimistic_scenario_flips_within_range(kiosk_path):
    # In the pessimistic scenario the kiosk loses (NPV < 0), so a lower price restores it: the
    # switching price then lies inside the plausible 3-20 range and is critical.
    m = cba.load_model(kiosk_path)
    assert cba.appraise(m, scenario="pessimistic")["kiosk", "npv"] < 0
    with pytest.warns(cba.NoSolutionWarning, match="accidents"):
        sv = cba.switching_values(m, scenario="pessimistic")
    # economic view (the model's main view): staff saved 6 x 0.5 x 12 at the shadow wage 0.8 =
    # 28.8 a year, less upkeep 6 x 1.5 = 9, so 19.8; no accident benefit (reduction 0). The kiosks
    # (an asset, 6 x 20 = 120 a set) with a life L in (8, 9]: bought at 0, replaced in period
    # ceil(L) = 9; at 10 the second set has (2L - 10) / L of its life left. So NPV(L) =
    # -120 - 120 x 1.08^-9 + 120 (2 - 10 / L) x 1.08^-10 + 19.8 a(8%, 10), zero where 2 - 10 / L = x:
    a10 = (1 - 1.08 ** -10) / 0.08
    x = (120 + 120 * 1.08 ** -9 - 19.8 * a10) / (120 * 1.08 ** -10)
    assert 2 - 10 / 8 < x < 2 - 10 / 9                  # the root lies in (8, 9]: L = 8.686
    assert sv.loc["service_life", "switching_value"] == pytest.approx(10 / (2 - x), rel=1e-6)
    # lives of 0 cannot be evaluated (a life must be above 0): the scan skips that point and says so
    assert "undefined at 1 of 60 scanned values of 岗亭使用年限 (service_life) (e.g. 0)" in sv.loc["service_life", "note"]
    # with no accident reduction in this scenario, the number of accidents does not matter
    assert "does not change with 覆盖路口年事故数 (it stays at" in sv.loc["accidents", "note"]
    row = sv.loc["kiosk_price"]
    assert 3 <= row["switching_value"] < 20 and row["within_range"] and row["critical"]
    assert cba.appraise(m, scenario="pessimistic", kiosk_price=row["switching_value"])["kiosk", "npv"] == \
        pytest.approx(0, abs=1e-8)


def test_translated_table(kiosk_path):
    m = cba.load_model(kiosk_path)
    with pytest.warns(cba.NoSolutionWarning):
        zh = cba.switching_values(m, lang="zh")
    assert "临界点" in zh.columns and "敏感度系数" in zh.columns


# ----------------------------------------------------------------------------- input errors
def test_unknown_parameter_names_it_and_lists_the_known(kiosk_path):
    m = cba.load_model(kiosk_path)
    with pytest.raises(cba.InputError) as err:
        cba.breakeven(m, "kiosk_prise")
    text = str(err.value)
    assert "unknown parameter 'kiosk_prise'" in text and "did you mean 'kiosk_price'" in text
    assert "n_posts" in text and "discount_rate" in text


@pytest.mark.parametrize("kwargs,words", [
    ({"option": "manual"}, "baseline"),
    ({"option": "bus"}, "unknown option 'bus'"),
    ({"metric": "roi"}, "expected one of"),
    ({"bounds": (5, 1)}, "low < high"),
    ({"bounds": (0, 2, 3)}, "expected (low, high)"),
    ({"scenario": "worst"}, "unknown scenario 'worst'"),
    ({"grid": 1}, ">= 3"),
])
def test_bad_arguments(kiosk_path, kwargs, words):
    with pytest.raises(cba.InputError, match=None) as err:
        cba.breakeven(cba.load_model(kiosk_path), "kiosk_price", **kwargs)
    assert words in str(err.value)


def test_option_required_when_several():
    m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.0,
                        "parameters": {"a": {"value": 1, "low": 0, "high": 2}},
                        "options": {"p": {"flows": [{"name": "b", "kind": "benefit", "amount": "a - 1.5"}]},
                                    "q": {"flows": [{"name": "b", "kind": "benefit", "amount": "a - 0.5"}]}}})
    with pytest.raises(cba.InputError, match=r"say which one with option= \(--option on the command line\)"):
        cba.breakeven(m, "a")
    assert cba.breakeven(m, "a", option="q") == pytest.approx(0.5)


def test_discount_rate_needs_a_single_rate():
    m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": "green_book", "parameters": {},
                        "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": 1}]}}})
    with pytest.raises(cba.InputError, match="single rate"):
        cba.breakeven(m, "discount_rate")


def test_search_bounds_rules(kiosk_path):
    from cba.analysis.breakeven import search_bounds

    m = cba.load_model(kiosk_path)
    assert search_bounds(m, "kiosk_price") == (0.0, 190.0)           # 3 - 170 clipped at 0, 20 + 170
    assert search_bounds(m, "discount_rate") == (0.0, 10.0)          # an IRR may exceed 100%
    assert search_bounds(m, "n_posts") == (0.0, 66.0)                # no range: 6 +- 60, not below 0
    m2 = one_param("x", value=-1.0, low=-2.0, high=1.0)
    assert search_bounds(m2, "x") == (-32.0, 31.0)                   # a range reaching below 0


def test_to_dict_is_json(kiosk_path):
    m = cba.load_model(kiosk_path)
    d = cba.breakeven(m, "kiosk_price", full_output=True).to_dict()
    assert json.loads(json.dumps(d))["value"] == pytest.approx(d["value"])


# ----------------------------------------------------------------------------- command line
def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("cba")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_cli_breakeven(kiosk_path):
    r = run("breakeven", str(kiosk_path), "--parameter", "kiosk_price")
    assert r.returncode == 0, r.stderr
    assert "岗亭单价" in r.stdout and "151.09" in r.stdout       # test_kiosk_reference.py's closed form


def test_cli_breakeven_json_and_no_solution(kiosk_path, capsys):
    assert main(["breakeven", str(kiosk_path), "--parameter", "staff_cost", "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["value"] is None and out["found"] is False and out["bounds"] == [0.0, 126.0]
    assert "warning: breakeven: no value of 执勤人员人均用人成本 (staff_cost) in [0, 126]" in captured.err


def test_cli_breakeven_unknown_parameter_exits_2(kiosk_path):
    r = run("breakeven", str(kiosk_path), "--parameter", "kiosk_prise")
    assert r.returncode == 2
    assert "--parameter: unknown parameter 'kiosk_prise'" in r.stderr
    assert "known parameters: n_posts, kiosk_price" in r.stderr and "discount_rate" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("args,words", [
    (["--parameter", "kiosk_price", "--option", "manual"], "--option:"),
    (["--parameter", "kiosk_price", "--bounds", "5", "1"], "--bounds:"),
    (["--parameter", "kiosk_price", "--metric", "roi"], "--metric:"),
])
def test_cli_breakeven_bad_input_exits_2(kiosk_path, capsys, args, words):
    assert main(["breakeven", str(kiosk_path), *args]) == 2
    assert words in capsys.readouterr().err


def test_cli_breakeven_missing_file_exits_2(tmp_path):
    r = run("breakeven", str(tmp_path / "nope.yaml"), "--parameter", "x")
    assert r.returncode == 2 and "no such file" in r.stderr


@pytest.mark.parametrize("modname", ["cba.analysis.breakeven", "cba.analysis.switching", "cba.analysis.sensitivity",
                                     "cba.analysis.two_way", "cba.analysis.scenarios", "cba.analysis.analyse",
                                     "cba.plots.charts"])
def test_module_docstring_does_not_repeat_a_function_example(modname):
    # the module docstring of cba.breakeven used to repeat breakeven()'s CVP example
    import importlib
    import inspect

    mod = importlib.import_module(modname)

    def examples(doc: str | None) -> set[str]:
        lines = {ln.strip() for ln in (doc or "").splitlines() if ln.strip().startswith((">>>", "..."))}
        setup = (">>> import", ">>> from", "... ", ">>> m = cba.load_model(Path")
        return {ln for ln in lines if not ln.startswith(setup) and ln != "..."}

    own = examples(mod.__doc__)
    for name, obj in vars(mod).items():
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and getattr(obj, "__module__", "") == modname:
            assert not own & examples(obj.__doc__), f"{modname} repeats the example of {name}"
