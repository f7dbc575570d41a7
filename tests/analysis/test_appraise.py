"""Appraisal against numbers from outside the code (present-value tables, Excel docs, textbooks)."""
from __future__ import annotations

import warnings
import numpy as np
import pytest

import cba


def _one_option(flows, rate=0.1, horizon=4, timing="end"):
    return cba.load_model({"name": "x", "horizon": horizon, "discount_rate": rate, "timing": timing,
                           "parameters": {}, "options": {"p": {"flows": flows}}})


def test_excel_npv_example_through_a_model():
    # Microsoft Excel NPV() documentation, example 1: rate 10%, -10,000 one year from today,
    # then 3,000, 4,200, 6,800 -> NPV 1,188.44.
    m = _one_option([{"name": "cost", "kind": "cost", "values": [10000], "from": 1},
                     {"name": "income", "kind": "benefit", "values": [3000, 4200, 6800], "from": 2}])
    a = cba.appraise(m)
    assert a["p", "npv"] == pytest.approx(1188.44, abs=0.005)
    assert a["p", "pv_costs"] == pytest.approx(10000 / 1.1, rel=1e-12)


def test_annuity_table_model():
    # Present value of an annuity table (PVIFA): 8%, 10 years = 6.7101.
    m = _one_option([{"name": "capex", "kind": "cost", "amount": 100, "at": 0},
                     {"name": "saving", "kind": "benefit", "amount": 20}], rate=0.08, horizon=10)
    a = cba.appraise(m)
    assert a["p", "npv"] == pytest.approx(-100 + 20 * 6.7101, abs=20 * 5e-5)      # table rounding
    assert a["p", "bcr"] == pytest.approx(20 * 6.7101 / 100, abs=2e-5)
    # undiscounted payback: 100 / 20 = 5 years
    assert a["p", "payback"] == pytest.approx(5.0)
    # discounted: PVIFA(8%, 6) = 4.6229 and PVIFA(8%, 7) = 5.2064, so the cumulative PV turns
    # positive in period 7: 6 + (100 - 20 * 4.6229) / (20 * (5.2064 - 4.6229)) = 6.646
    assert a["p", "discounted_payback"] == pytest.approx(6 + (100 - 92.458) / 11.670, abs=2e-3)
    assert a["p", "breakeven_year"] == 7


def test_two_irrs_are_reported_not_chosen():
    # Lorie & Savage (1955) pump problem, as in Brealey, Myers & Allen, Principles of Corporate
    # Finance, ch. 5: -1,600, +10,000, -10,000 has two IRRs, 25% and 400%.
    m = _one_option([{"name": "out", "kind": "cost", "values": [1600], "from": 0},
                     {"name": "inflow", "kind": "benefit", "values": [10000], "from": 1},
                     {"name": "out2", "kind": "cost", "values": [10000], "from": 2}], horizon=2)
    a = cba.appraise(m)
    assert np.isnan(a["p", "irr"])
    text = " ".join(a.notes)
    assert "25.0000%" in text and "400.0000%" in text and "not unique" in text
    zh = " ".join(a.notes_in("zh"))
    assert "内部收益率不唯一" in zh and "400.0000%" in zh
    assert "内部收益率不唯一" in a.summary("zh") and "not unique" in a.summary("en")


def test_textbook_irr_through_a_model():
    # Brealey, Myers & Allen, ch. 5: C0 = -4,000, C1 = +2,000, C2 = +4,000 -> IRR = 28.08%.
    m = _one_option([{"name": "c", "kind": "cost", "values": [4000], "from": 0},
                     {"name": "b", "kind": "benefit", "values": [2000, 4000], "from": 1}], horizon=2)
    assert cba.appraise(m)["p", "irr"] == pytest.approx(0.2808, abs=5e-5)


def test_kiosk_central_case_against_pv_tables(kiosk_path):
    # Hand calculation with present-value tables at 8%: PVIF(8) = 0.5403, PVIF(10) = 0.4632,
    # PVIFA(10) = 6.7101. Central inputs: 6 posts, kiosks 10 万元, life 8 -> replaced at t=8,
    # residual 60 * (1 - 2/8) = 45 at t=10; upkeep 6 * 0.8 = 4.8/yr; staff freed 6 * 1.5 * 12 = 108/yr;
    # accidents avoided 6 * 30 * 10% * 44,200 元 = 79.56 万元/yr.
    # Economic view (the model's main view): staffing at the shadow wage factor 0.8 the model
    # declares (economic.factors.unskilled_labour), so the staff saved are worth 0.8 * 108 = 86.4/yr
    # and the manual duty 0.8 * 360 = 288/yr; the accident reduction (economic: external) counts.
    a = cba.appraise(cba.load_model(kiosk_path))
    assert a.view == "economic"
    expected = -60 - 60 * 0.5403 + 45 * 0.4632 + (86.4 - 4.8 + 79.56) * 6.7101
    # tolerances: each 4-decimal table factor is within 5e-5 of the exact one (test_kiosk_reference.py
    # recomputes every value to full precision): NPV within 5e-5 x (60 + 45 + 161.16) = 0.0134
    assert a["kiosk", "npv"] == pytest.approx(expected, abs=0.0134)
    assert a.standalone["manual"]["pv_costs"][0] == pytest.approx(288 * 6.7101, abs=288 * 5e-5)
    # incremental costs, line by line: purchase 60, replacement 60 at t=8, upkeep 4.8/yr;
    # benefits: staffing saved (288 - 201.6 = 86.4/yr), accidents avoided 79.56/yr, residual 45 at t=10
    costs = 60 + 60 * 0.5403 + 4.8 * 6.7101
    benefits = (86.4 + 79.56) * 6.7101 + 45 * 0.4632
    assert a["kiosk", "pv_costs"] == pytest.approx(costs, abs=5e-5 * (60 + 4.8))
    assert a["kiosk", "pv_benefits"] == pytest.approx(benefits, abs=5e-5 * (165.96 + 45))
    # BCR: d(B/C) <= dB / C + B dC / C^2 = 3.6e-4
    assert a["kiosk", "bcr"] == pytest.approx(benefits / costs, abs=3.6e-4)
    # payback: -60 at t=0, then +161.16 a year -> 60 / 161.16 of the first year
    assert a["kiosk", "payback"] == pytest.approx(60 / 161.16, rel=1e-9)
    # financial view: staffing at its cash cost (108/yr saved), no accident reduction
    f = cba.appraise(cba.load_model(kiosk_path), view="financial")
    assert f.view == "financial" and f.to_dict()["view"] == "financial"
    assert f["kiosk", "npv"] == pytest.approx(-60 - 60 * 0.5403 + 45 * 0.4632 + (108 - 4.8) * 6.7101,
                                              abs=5e-5 * (60 + 45 + 103.2))


def test_incremental_npv_is_difference_of_standalone_npvs(kiosk_path):
    m = cba.load_model(kiosk_path)
    a = cba.appraise(m, **m.sample(500, seed=3))
    diff = a.standalone["kiosk"]["npv"] - a.standalone["manual"]["npv"]
    np.testing.assert_allclose(a.incremental["kiosk"]["npv"], diff, rtol=1e-12, atol=1e-9)


def test_draws_equal_one_at_a_time(kiosk_path):
    m = cba.load_model(kiosk_path)
    draws = m.sample(5, seed=11)
    batch = cba.appraise(m, **draws)
    for i in range(5):
        single = cba.appraise(m, **{k: float(x[i]) for k, x in draws.items()})
        for metric in ("npv", "pv_costs", "pv_benefits", "bcr", "irr", "payback"):
            assert batch.incremental["kiosk"][metric][i] == pytest.approx(single["kiosk", metric], rel=1e-12)


def test_overrides_and_scenarios(kiosk_path):
    m = cba.load_model(kiosk_path)
    base = cba.appraise(m)["kiosk", "npv"]
    dearer = cba.appraise(m, kiosk_price=11)["kiosk", "npv"]
    # one more 万元 per kiosk costs 6 at t=0 and 6 at t=8, and adds 6 * 0.75 residual at t=10
    assert base - dearer == pytest.approx(6 + 6 * 0.5403 - 4.5 * 0.4632, abs=(6 + 4.5) * 5e-5)
    pess = cba.appraise(m, scenario="pessimistic")
    assert pess["kiosk", "npv"] < base
    with pytest.warns(cba.CBAWarning, match="discount_rate"):      # 0% lies outside the range 6%-10%
        at_zero = cba.appraise(m, discount_rate=0.0)
    # economic view: staff saved at the shadow wage, 0.8 * 108 = 86.4 a year
    assert at_zero["kiosk", "npv"] == pytest.approx(-60 - 60 + 45 + 10 * (86.4 - 4.8 + 79.56), abs=1e-9)


def test_timing_mid_and_begin():
    # a single 100 in period 1 at 10%: end -> 100/1.1, mid -> 100/1.1**0.5, begin -> 100
    for timing, pv in (("end", 100 / 1.1), ("mid", 100 / 1.1 ** 0.5), ("begin", 100.0)):
        m = _one_option([{"name": "b", "kind": "benefit", "values": [100], "from": 1}], timing=timing)
        assert cba.appraise(m)["p", "pv_benefits"] == pytest.approx(pv, rel=1e-12)


def test_frame_summary_html_and_dict(kiosk_path):
    a = cba.appraise(cba.load_model(kiosk_path))
    f = a.to_frame()
    assert list(f.index) == ["kiosk"]
    for col in ("npv", "pv_costs", "pv_benefits", "bcr", "irr", "payback"):
        assert col in f.columns
    s = a.summary()
    assert "闵行区移动岗亭购置项目" in s and "净现值" in s and "移动岗亭" in s
    assert "NPV" in a.summary(lang="en")
    with cba.use_lang("zh"):         # the HTML view follows the current language
        h = a._repr_html_()
    assert "<table" in h and "净现值" in h
    d = a.to_dict()
    import json

    json.dumps(d)
    assert d["incremental"]["kiosk"]["npv"] == pytest.approx(a["kiosk", "npv"])
    cf = a.cash_flow_table("kiosk", lang="en")
    assert cf["Cumulative PV"].iloc[-1] == pytest.approx(a["kiosk", "npv"])
    # the yearly totals discount to the reported PVs (line-matched increments)
    df = cf["Discount factor"]
    assert (cf["Total costs"] * df).sum() == pytest.approx(a["kiosk", "pv_costs"])
    assert (cf["Total benefits"] * df).sum() == pytest.approx(a["kiosk", "pv_benefits"])
    assert (cf["Total costs"] >= 0).all() and (cf["Total benefits"] >= 0).all()
    assert list(cf["Year"]) == list(range(2025, 2036))


def test_standalone_without_baseline(small):
    del small["baseline"]
    a = cba.appraise(cba.load_model(small))
    assert a.basis == "standalone"
    assert set(a.to_frame().index) == {"base", "buy"}
    with pytest.raises(cba.InputError, match="no baseline"):
        a.to_frame("incremental")


def test_non_finite_formula_is_an_evaluation_error(small):
    small["options"]["buy"]["flows"][0]["amount"] = "price / (saving - 40)"
    with pytest.raises(cba.EvaluationError, match=r"options.buy.flows\[0\] \(purchase\): .* period 0 with price=100, saving=40"):
        cba.appraise(cba.load_model(small))


def test_bcr_matches_lines_by_name_and_counts_each_outlay():
    # Moving the purchase to period 1 must not hide it behind that year's savings.
    m = cba.load_model({"name": "x", "horizon": 3, "discount_rate": 0.0, "baseline": "old",
                        "parameters": {},
                        "options": {"old": {"flows": [{"name": "staff", "kind": "cost", "amount": 100}]},
                                    "new": {"flows": [{"name": "staff", "kind": "cost", "amount": 40},
                                                      {"name": "buy", "kind": "cost", "amount": 50, "at": 1}]}}})
    a = cba.appraise(m)
    # at a zero rate: costs = the purchase (50); benefits = staff saved 3 * 60 = 180
    assert a["new", "pv_costs"] == pytest.approx(50)
    assert a["new", "pv_benefits"] == pytest.approx(180)
    assert a["new", "bcr"] == pytest.approx(3.6)
    assert a["new", "npv"] == pytest.approx(130)
    assert not any("dominates" in n for n in a.notes)


def test_relapse_is_noted_and_breakeven_needs_a_lasting_recovery():
    # -100, 80, 80, -200, 50: recovered in year 2 (payback 1.25), negative again in year 3,
    # and the NPV at 10% is negative, so there is no lasting break-even.
    m = _one_option([{"name": "c", "kind": "cost", "values": [100], "from": 0},
                     {"name": "b", "kind": "benefit", "values": [80, 80], "from": 1},
                     {"name": "c2", "kind": "cost", "values": [200], "from": 3},
                     {"name": "b2", "kind": "benefit", "values": [50], "from": 4}])
    a = cba.appraise(m)
    assert a["p", "npv"] < 0
    assert a["p", "payback"] == pytest.approx(1.25)
    assert np.isnan(a["p", "discounted_payback"]) and np.isnan(a["p", "breakeven_year"])
    assert any("turns negative again in period 3" in n for n in a.notes)
    assert any("再次为负" in n for n in a.notes_in("zh"))


def test_period_zero_is_the_present_under_mid_and_begin_timing():
    for timing in ("end", "mid", "begin"):
        m = _one_option([{"name": "c", "kind": "cost", "values": [600], "from": 0}], timing=timing)
        assert cba.appraise(m)["p", "pv_costs"] == pytest.approx(600.0)


def test_header_and_dict_show_the_rate_and_scenario_used(kiosk_path):
    m = cba.load_model(kiosk_path)
    a = cba.appraise(m, discount_rate=0.06, kiosk_price=15)
    assert "6%" in a.summary("en") and "8%" not in a.summary("en")
    assert "岗亭单价=15" in a.summary("zh")
    d = a.to_dict()
    assert d["discount_rate"] == "6%" and set(d["changed"]) == {"discount_rate", "kiosk_price"}
    s = cba.appraise(m, scenario="pessimistic").to_dict()
    assert s["scenario"] == "pessimistic"


def test_results_are_read_only_and_overrides_checked(kiosk_path):
    m = cba.load_model(kiosk_path)
    a = cba.appraise(m)
    with pytest.raises(ValueError):
        a.incremental["kiosk"]["npv"][0] = 5
    with pytest.raises(cba.InputError, match="non-empty"):
        cba.appraise(m, kiosk_price=[])
    col = np.array([[3.0], [10.0], [20.0]])          # (n, 1) columns of draws are accepted
    np.testing.assert_allclose(cba.appraise(m, kiosk_price=col)["kiosk", "npv"],
                               cba.appraise(m, kiosk_price=[3, 10, 20])["kiosk", "npv"])


# -- IRR with the model's timing ------------------------------------------------------------
# Definition (README conventions, cba.analysis.appraise notes): the IRR is the rate at which the
# model's NPV is zero, period 0 undiscounted and period t >= 1 discounted by t, t - 0.5 or t - 1.
# The expected values below are closed forms, or roots of the NPV written out here by hand and
# found by scipy's brentq (a second, independent implementation).
_SHIFT = {"end": 0.0, "mid": 0.5, "begin": 1.0}


def _hand_npv(values, rate, timing):
    return sum(v * (1.0 + rate) ** -(t - _SHIFT[timing] if t else 0.0) for t, v in enumerate(values))


def _net_model(values, timing, rate=0.1):
    """A model whose net flow in period t is values[t] (costs and benefits split by sign)."""
    costs = [max(-v, 0.0) for v in values]
    gains = [max(v, 0.0) for v in values]
    return _one_option([{"name": "c", "kind": "cost", "values": costs, "from": 0},
                        {"name": "b", "kind": "benefit", "values": gains, "from": 0}],
                       rate=rate, horizon=len(values) - 1, timing=timing)


def test_irr_with_begin_timing_closed_form():
    # -100 + 20 + 96 / (1 + r) = 0  ->  r = 96 / 80 - 1 = 0.2
    a = cba.appraise(_net_model([-100, 20, 96], "begin"))
    assert a["p", "irr"] == pytest.approx(0.2, abs=1e-13)
    assert _hand_npv([-100, 20, 96], a["p", "irr"], "begin") == pytest.approx(0.0, abs=1e-9)


def test_irr_with_mid_timing_closed_forms():
    # -100 + 110 (1 + r)**-0.5 = 0  ->  r = 1.1**2 - 1 = 0.21
    assert cba.appraise(_net_model([-100, 110], "mid"))["p", "irr"] == pytest.approx(0.21, abs=1e-13)
    # -100 + 125 (1 + r)**-1.5 = 0  ->  r = 1.25**(2/3) - 1
    assert cba.appraise(_net_model([-100, 0, 125], "mid"))["p", "irr"] == pytest.approx(
        1.25 ** (2 / 3) - 1, abs=1e-13)


@pytest.mark.parametrize("timing", ["end", "mid", "begin"])
def test_irr_is_the_rate_at_which_the_models_npv_is_zero(timing):
    from scipy.optimize import brentq

    flows = [-100, 39, 59, 55, 20]
    m = _net_model(flows, timing)
    irr = cba.appraise(m)["p", "irr"]
    assert _hand_npv(flows, irr, timing) == pytest.approx(0.0, abs=1e-9)
    expected = brentq(lambda r: _hand_npv(flows, r, timing), 0.0, 5.0, xtol=1e-15, rtol=1e-15)
    assert irr == pytest.approx(expected, abs=1e-12)
    if timing == "end":   # numpy-financial's irr() documentation: 0.28095
        assert irr == pytest.approx(0.28095, abs=5e-6)
    # the switching discount rate is the same rate (the issue found 38.59% / 63.93% against 28.09%)
    assert cba.breakeven(m, "discount_rate") == pytest.approx(irr, abs=1e-9)
    assert {"end": 0.2809, "mid": 0.3859, "begin": 0.6393}[timing] == pytest.approx(irr, abs=5e-5)


def test_irr_with_timing_per_draw_is_vectorised():
    from scipy.optimize import brentq

    m = cba.load_model({"name": "x", "horizon": 4, "discount_rate": 0.1, "timing": "mid",
                        "parameters": {"gain": 30.0}, "options": {"p": {"flows": [
                            {"name": "c", "kind": "cost", "amount": 100, "at": 0},
                            {"name": "b", "kind": "benefit", "amount": "gain"}]}}})
    gains = np.array([26.0, 30.0, 45.0, 80.0])
    irr = cba.appraise(m, gain=gains)["p", "irr"]
    for g, r in zip(gains, irr):
        flows = [-100.0] + [g] * 4
        assert r == pytest.approx(brentq(lambda x: _hand_npv(flows, x, "mid"), -0.99, 5.0, xtol=1e-15),
                                  abs=1e-12)


def test_irr_counting_follows_the_timing():
    # Lorie & Savage's pump, -1,600, +10,000, -10,000: two IRRs (25%, 400%) at the end of periods.
    pump = [-1600, 10000, -10000]
    # begin: -1,600 + 10,000 - 10,000 / (1 + r) = 0 -> one IRR, 10,000 / 8,400 - 1
    a = cba.appraise(_net_model(pump, "begin"))
    assert a["p", "irr"] == pytest.approx(10000 / 8400 - 1, abs=1e-13)
    assert not any("IRR" in n for n in a.notes)
    # mid: with y = (1 + r)**-0.5, -1,600 + 10,000 y - 10,000 y**3 = 0 has two positive roots
    y = np.roots([-10000, 0, 10000, -1600])
    y = np.sort(y[(np.abs(y.imag) < 1e-12) & (y.real > 0)].real)
    rates = np.sort(y ** -2 - 1)
    assert rates.size == 2
    a = cba.appraise(_net_model(pump, "mid"))
    assert np.isnan(a["p", "irr"])
    text = " ".join(a.notes)
    assert "not unique" in text and "2 IRRs" in text
    assert all(f"{r:.4%}" in text for r in rates)
    assert all(f"{r:.4%}" in " ".join(a.notes_in("zh")) for r in rates)


def test_irr_absent_under_begin_timing_is_noted():
    # -100, 100, 5: at the end of periods -100 + 100 x + 5 x**2 = 0 (x = 1 / (1 + r)) gives
    # x = (-100 + sqrt(12,000)) / 10; under begin timing the NPV is 5 / (1 + r) > 0: no IRR.
    flows = [-100, 100, 5]
    x = (-100 + 12000 ** 0.5) / 10
    assert cba.appraise(_net_model(flows, "end"))["p", "irr"] == pytest.approx(1 / x - 1, abs=1e-13)
    a = cba.appraise(_net_model(flows, "begin"))
    assert np.isnan(a["p", "irr"])
    assert any("IRR does not exist" in n and "not zero at any discount rate" in n for n in a.notes)
    assert any("内部收益率不存在" in n for n in a.notes_in("zh"))
    # a flow that never changes sign keeps the plain reason
    a = cba.appraise(_net_model([100, 5], "begin"))
    assert any("never changes sign" in n for n in a.notes)


def test_static_model_horizon_0_appraises_like_a_cvp_statement():
    # Garrison, Noreen & Brewer, Managerial Accounting, Acoustic Concepts: price 250, variable
    # cost 150, fixed costs 35,000; at 400 units the profit is 400 * 100 - 35,000 = 5,000 and the
    # revenue-to-cost ratio of this one-period statement is 40,000 / 35,000 = 8 / 7.
    m = cba.load_model({"name": "cvp", "horizon": 0, "discount_rate": 0.08,
                        "parameters": {"units": {"value": 400, "low": 100, "high": 800},
                                       "price": 250, "cost": 150, "fixed": 35_000},
                        "options": {"sell": {"flows": [
                            {"name": "margin", "kind": "benefit", "amount": "units * (price - cost)"},
                            {"name": "fixed", "kind": "cost", "amount": "fixed"}]}}})
    a = cba.appraise(m)
    assert a["sell", "npv"] == 5_000.0
    assert a["sell", "bcr"] == pytest.approx(8 / 7, rel=1e-15)
    assert a["sell", "pv_costs"] == 35_000.0 and a["sell", "pv_benefits"] == 40_000.0
    assert cba.breakeven(m, "units") == pytest.approx(350.0, rel=1e-12)   # F / (p - c)


def test_warnings_survive_a_message_filter():
    # a warnings filter with a message pattern (as IPython and `python -W` set up) matches the
    # warning's text with a regex: cba's warnings are instances whose text is a str, not a Text
    m = cba.load_model({"name": "w", "horizon": 1, "discount_rate": 0.05,
                        "parameters": {"p": {"value": 1, "low": 0, "high": 2}},
                        "options": {"o": {"flows": [{"name": "f", "kind": "cost", "amount": "p"}]}}})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", message="unrelated pattern")
        cba.appraise(m, p=5.0)
    assert any("3 above the high end" in str(w.message) for w in caught)
