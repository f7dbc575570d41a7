"""Optimism bias: the bundled table against its source, the uplift applied by hand, the switch."""
from __future__ import annotations

import numpy as np
import pytest

import cba
from cba.i18n import use_lang
from cba.method.optimism import OPTIMISM_TABLE, delay

# Mott MacDonald (2002), "Review of Large Public Procurement in the UK", report for HM Treasury,
# section 1, Table 2 "Optimism Bias Guidelines" (optimism bias, %; works duration upper, lower;
# capital expenditure upper, lower), as printed:
#   Non-standard Buildings           39   2    51   4
#   Standard Buildings                4   1    24   2
#   Non-standard Civil Engineering   25   3    66   6
#   Standard Civil Engineering       20   1    44   3
#   Equipment/Development            54  10   200  10
#   Outsourcing                     N/A N/A   41*  0*   (* operating expenditure, OPEX)
SOURCE_TABLE_2 = {
    "non_standard_buildings": (39, 2, 51, 4),
    "standard_buildings": (4, 1, 24, 2),
    "non_standard_civil_engineering": (25, 3, 66, 6),
    "standard_civil_engineering": (20, 1, 44, 3),
    "equipment_development": (54, 10, 200, 10),
}


@pytest.mark.parametrize("ptype", sorted(SOURCE_TABLE_2))
def test_table_against_source(ptype):
    du, dl, cu, cl = SOURCE_TABLE_2[ptype]
    up, lo = cba.optimism_uplift(ptype), cba.optimism_uplift(ptype, "lower")
    assert (up.duration, lo.duration, up.capital, lo.capital) == pytest.approx(
        (du / 100, dl / 100, cu / 100, cl / 100), abs=1e-15)
    assert up.operating is None and lo.operating is None      # no operating value in the source
    assert "Table 2" in up.source and "Mott MacDonald (2002)" in up.source


def test_outsourcing_is_operating_expenditure():
    up, lo = cba.optimism_uplift("outsourcing"), cba.optimism_uplift("outsourcing", "lower")
    assert (up.operating, lo.operating) == (0.41, 0.0)
    assert up.capital is None and up.duration is None
    assert set(OPTIMISM_TABLE) == set(SOURCE_TABLE_2) | {"outsourcing"}


def _model(ob, *, rate=0.0, baseline=False):
    options = {"a": {"flows": [
        {"name": "build", "kind": "cost", "amount": 100, "at": 0, "capex": True},
        {"name": "upkeep", "kind": "cost", "amount": 10},                # periods 1..3
        {"name": "use", "kind": "benefit", "amount": 50},               # periods 1..3
    ]}}
    data = {"name": "m", "horizon": 3, "discount_rate": rate, "parameters": {}, "options": options,
            "optimism_bias": ob}
    if baseline:
        options["b"] = {"flows": [{"name": "upkeep", "kind": "cost", "amount": 30},
                                  {"name": "use", "kind": "benefit", "amount": 20}]}
        data["baseline"] = "b"
    return cba.load_model(data)


OB = {"capital": 0.5, "operating": 0.1, "duration": 0.25, "works_duration": 2, "source": "test"}


def test_uplift_by_hand_rate_zero():
    m = _model(OB)
    lines = cba.appraise(m).flows.lines["a"]
    np.testing.assert_allclose(lines["build"][0], [150.0, 0, 0, 0])          # 100 x 1.5 (capex)
    np.testing.assert_allclose(lines["upkeep"][0], [0, 11.0, 11.0, 11.0])     # 10 x 1.1 (other cost)
    # delay 0.25 x 2 = 0.5 years: half of each year's 50 stays, half moves one year on;
    # the half of period 3 moves beyond the horizon and is lost
    np.testing.assert_allclose(lines["use"][0], [0, 25.0, 50.0, 50.0])
    c = cba.optimism_comparison(m)
    # unadjusted: 150 - (100 + 30) = 20; adjusted: 125 - (150 + 33) = -58
    assert c.rows["a"]["npv"] == pytest.approx((20.0, -58.0), abs=1e-12)
    assert c.lost["a"] == pytest.approx(25.0 / 150.0, abs=1e-15)
    assert "beyond the horizon" in c.notes[0] and "16.67%" in c.notes[0]


def test_uplift_by_hand_discounted():
    m = _model(OB, rate=0.10)
    c = cba.optimism_comparison(m)
    d = [1 / 1.1, 1 / 1.1 ** 2, 1 / 1.1 ** 3]
    # unadjusted: 50 (d1 + d2 + d3) - 100 - 10 (d1 + d2 + d3) = 40 x 2.486852 - 100 = -0.525920
    unadj = 40 * sum(d) - 100
    # adjusted: 25 d1 + 50 d2 + 50 d3 - 150 - 11 (d1 + d2 + d3)
    adj = 25 * d[0] + 50 * d[1] + 50 * d[2] - 150 - 11 * sum(d)
    assert c.rows["a"]["npv"] == pytest.approx((unadj, adj), rel=1e-13)
    assert c.rows["a"]["bcr"][1] == pytest.approx((25 * d[0] + 50 * d[1] + 50 * d[2]) / (150 + 11 * sum(d)), rel=1e-13)


def test_table_defaults_and_switch():
    # standard buildings, upper bound: capital 24%, duration 4%, operating not in the table: 0
    m = _model({"project_type": "standard_buildings", "works_duration": 0, "apply": False})
    ob = m.optimism_bias
    assert (ob.capital, ob.operating, ob.duration) == (0.24, 0.0, 0.04)
    assert ob.basis("operating").render("en").startswith("not in the cited table")
    off = cba.appraise(m).flows.lines["a"]["build"][0, 0]
    on = cba.appraise(m, optimism=True).flows.lines["a"]["build"][0, 0]
    assert (off, on) == (100.0, pytest.approx(124.0, abs=1e-12))
    m2 = m.replace(optimism_bias={"project_type": "standard_buildings", "bound": "lower"})
    assert cba.appraise(m2).flows.lines["a"]["build"][0, 0] == pytest.approx(102.0, abs=1e-12)   # apply defaults on
    assert cba.appraise(m2, optimism=False).flows.lines["a"]["build"][0, 0] == 100.0


def test_baseline_is_not_adjusted():
    m = _model(OB, baseline=True)
    lines = cba.appraise(m, optimism=True).flows.lines
    np.testing.assert_array_equal(lines["b"]["upkeep"][0], [0, 30.0, 30.0, 30.0])
    np.testing.assert_array_equal(lines["b"]["use"][0], [0, 20.0, 20.0, 20.0])
    c = cba.optimism_comparison(m)
    # incremental NPV at rate 0: unadjusted (150 - 60) - (100 + 30 - 90) = 90 - 40 = 50;
    # adjusted: benefits (125 - 60) = 65, the upkeep saving against b delayed half a year
    # (9.5 + 19 + 19 = 47.5, see the next test), capital 150: 65 + 47.5 - 150 = -37.5
    assert c.rows["a"]["npv"] == pytest.approx((50.0, -37.5), abs=1e-12)


def test_delay_split_linearly():
    # 1.25 years: a quarter of each amount moves two periods on, three quarters one period
    np.testing.assert_allclose(delay(np.array([[8.0, 4.0, 0.0, 0.0]]), 1.25), [[0.0, 6.0, 5.0, 1.0]])
    assert np.array_equal(delay(np.array([1.0, 2.0]), 0.0), [1.0, 2.0])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unknown_project_type(lang):
    with use_lang(lang), pytest.raises(cba.InputError) as err:
        _model({"project_type": "equipment_developement"})
    text = err.value.render(lang)
    assert "optimism_bias.project_type" in text
    assert ("是否应为 'equipment_development'" if lang == "zh" else "did you mean 'equipment_development'") in text


def test_kiosk_comparison_shows_both():
    m = cba.load_model("data/minhang_kiosk.yaml")
    assert m.optimism_bias.project_type == "equipment_development" and not m.optimism_bias.apply
    c = cba.optimism_comparison(m)
    npv = c.rows["kiosk"]["npv"]
    assert npv[0] == pytest.approx(float(cba.appraise(m).results()["kiosk"]["npv"][0]), rel=1e-15)
    assert npv[1] < npv[0]
    assert c.to_frame("en").shape == (1, 12)


def test_savings_against_the_baseline_are_delayed_too():
    # option a's upkeep 10 replaces the baseline's upkeep 30: a saving of 20 a year. With the works
    # 0.5 years late, the baseline's upkeep goes on for half of period 1: a's line becomes
    # 30 + delay(11 - 30) = 30 - [9.5, 19, 19] = [20.5, 11, 11] in periods 1..3 (operating uplift 10%
    # first), and the last half period's saving falls beyond the horizon
    m = _model(OB, baseline=True)
    lines = cba.appraise(m, optimism=True).flows.lines
    np.testing.assert_allclose(lines["a"]["upkeep"][0], [0, 20.5, 11.0, 11.0])
    # the incremental NPV: see test_baseline_is_not_adjusted
