"""Effect lines (kind: effect) and cost-effectiveness of a model's options, against hand
calculations: a patrol and a kiosk option with discounted costs and effects, dominance, and
acceptability curves from draws against the closed form of a uniform cost."""
from __future__ import annotations

import numpy as np
import pytest

import cba
from cba import InputError


def two_options(kiosk_cost: object = 14, rate: float = 0.0, **kiosk_effect: object) -> dict:
    return {"name": "x", "horizon": 2, "discount_rate": rate, "baseline": "patrol",
            "parameters": {"k": {"value": 14, "low": 10, "high": 18, "distribution": "uniform"}},
            "options": {"patrol": {"flows": [{"name": "staff", "kind": "cost", "amount": 10},
                                             {"name": "saved", "kind": "effect", "amount": 1, "unit": "起"}]},
                        "kiosk": {"flows": [{"name": "staff", "kind": "cost", "amount": kiosk_cost},
                                            {"name": "fines", "kind": "benefit", "amount": 5},
                                            {"name": "saved", "kind": "effect", "amount": 3, "unit": "起",
                                             **kiosk_effect}]}}}


def test_effects_stay_out_of_the_money():
    m = cba.load_model(two_options())
    a = cba.appraise(m)
    # incremental: staff 14 - 10 = 4 more a year (cost), fines 5 (benefit), over periods 1 and 2
    assert a["kiosk", "pv_costs"] == 8.0 and a["kiosk", "pv_benefits"] == 10.0 and a["kiosk", "npv"] == 2.0
    assert list(a.flows.effects["kiosk"][0]) == [0.0, 3.0, 3.0]
    assert "saved" not in "".join(a.cash_flow_table("kiosk", lang="en").columns)


def test_icer_with_discounting_by_hand():
    # at 10%: PV factor 1/1.1 + 1/1.21 = 1.7355372; patrol costs 10 x 1.7355 = 17.355, effects 1.7355;
    # kiosk costs 14 x 1.7355 = 24.298 (its fines are not netted), effects 3 x 1.7355 = 5.2066
    # ICER = (24.298 - 17.355) / (5.2066 - 1.7355) = 4 / 2 = 2 (the factor cancels)
    f = 1 / 1.1 + 1 / 1.21
    ce = cba.cost_effectiveness(cba.load_model(two_options(rate=0.10)))
    assert ce.loc["patrol", "cost"] == pytest.approx(10 * f, rel=1e-12)
    assert ce.loc["kiosk", "effect"] == pytest.approx(3 * f, rel=1e-12)
    assert ce.loc["kiosk", "icer"] == pytest.approx(2.0, rel=1e-12) and ce.loc["kiosk", "versus"] == "patrol"
    # effects undiscounted: 2 and 6, costs still discounted: (4 f) / 4 = f
    ce = cba.cost_effectiveness(cba.load_model(two_options(rate=0.10)), discount_effects=False)
    assert ce.loc["kiosk", "icer"] == pytest.approx(f, rel=1e-12)
    # a kiosk costing 9 a year is cheaper and more effective: patrol strongly dominated
    ce = cba.cost_effectiveness(cba.load_model(two_options(kiosk_cost=9)))
    assert ce.loc["patrol", "status"] == "D" and np.isnan(ce.loc["kiosk", "icer"])
    assert ce.attrs["unit"] == "起"


def test_acceptability_curve_against_the_uniform_closed_form():
    # kiosk cost per year k ~ U(10, 18): incremental NMB = w (6 - 2) - (2k - 20), so the kiosk is
    # best when k < 10 + 2w: P = (2w) / 8 for w in [0, 4]
    m = cba.load_model(two_options(kiosk_cost="k"))
    sim = cba.simulate(m, n=40_000, seed=3)
    c = sim.ceac([0.0, 1.0, 2.0, 3.0, 4.0])
    got = c.prob[:, list(c.strategies).index("kiosk")]
    se = np.sqrt(0.25 / 40_000)
    np.testing.assert_allclose(got, [0.0, 0.25, 0.5, 0.75, 1.0], atol=4 * se)


def test_effect_lines_are_checked():
    with pytest.raises(InputError) as err:
        cba.load_model(two_options(economic="standard"))
    assert err.value.where.endswith("flows[2].economic") and "quantity, not money" in err.value.render("en")
    with pytest.raises(InputError) as err:
        cba.load_model(two_options(unit="次"))
    assert "same unit" in err.value.render("en") and err.value.where.endswith("flows[2].unit")
    bad = two_options()
    bad["options"]["patrol"]["flows"][0]["unit"] = "元"
    with pytest.raises(InputError, match="unit is for effect lines"):
        cba.load_model(bad)
    with pytest.raises(InputError, match="no effect lines"):
        cba.cost_effectiveness(cba.load_model({"name": "y", "horizon": 1, "discount_rate": 0.1, "parameters": {},
                                               "options": {"o": {"flows": []}}}))
    with cba.use_lang("zh"):
        with pytest.raises(InputError) as err:
            cba.load_model(two_options(capex=True))
        assert "效果行（kind: effect）是实物量而非金额，不能设置 capex" in str(err.value)
