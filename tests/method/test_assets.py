"""Assets: purchases, replacements, salvage and residual values against hand calculations.

Every expected value below is worked out by hand in the test (the arithmetic is written out);
none is copied from cba's output. Conventions (cba.method.assets): purchase k is due at
tau_k = from + k * life and is made when k = 0 or tau_k < horizon; ``ceil`` places it in period
ceil(tau_k), ``floor`` in floor(tau_k), ``split`` shares it (1 - f, f) between floor(tau_k) and
the next period; the asset in service at the horizon H leaves u = clip((tau_K + life - H) / life,
0, 1) of itself: straight-line residual value S + (C - S) u, remaining-life S + (C - S) a(r, u L) /
a(r, L) with a(r, x) = (1 - (1 + r)^-x) / r.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import cba
from cba.errors import EvaluationError, InputError
from cba.i18n import use_lang
from cba.method.assets import Asset, asset_table
from cba.model.evaluate import cash_flows, resolve_inputs

DATA = Path(__file__).resolve().parents[2] / "data"


def one_asset(asset: dict, horizon: int = 10, rate=0.0, params: dict | None = None) -> cba.Model:
    entry = {"name": "lamps", "cost": 100, **asset}
    return cba.load_model({"name": "a", "horizon": horizon, "discount_rate": rate,
                           "parameters": params or {"life": 5}, "options": {"o": {"assets": [entry]}}})


def lines(m: cba.Model, **overrides) -> tuple[np.ndarray, np.ndarray]:
    """(purchases and replacements, salvage and residual value), shape (n, horizon + 1)."""
    out = cash_flows(m, resolve_inputs(m, overrides)).lines["o"]
    return out["lamps"], out["lamps_residual"]


def at(horizon: int, **amounts: float) -> np.ndarray:
    """A row of zeros over periods 0..horizon with ``p<t>=amount`` set."""
    row = np.zeros(horizon + 1)
    for key, x in amounts.items():
        row[int(key[1:])] = x
    return row


# -- placement: integer and fractional lives ----------------------------------------------------
def test_integer_life_dividing_the_horizon():
    # H = 10, L = 5: bought at 0 and 5; the one due at 10 = H is not bought; the asset bought at 5
    # is worn out at 10: u = (5 + 5 - 10) / 5 = 0, no residual value
    buy, back = lines(one_asset({"life": 5}))
    np.testing.assert_array_equal(buy[0], at(10, p0=100, p5=100))
    np.testing.assert_array_equal(back[0], at(10))


def test_integer_life_not_dividing_the_horizon():
    # L = 4: bought at 0, 4, 8 (12 > 10); at 10 the one bought at 8 has u = (8 + 4 - 10) / 4 = 0.5
    buy, back = lines(one_asset({"life": 4}))
    np.testing.assert_array_equal(buy[0], at(10, p0=100, p4=100, p8=100))
    np.testing.assert_array_equal(back[0], at(10, p10=0.5 * 100))


@pytest.mark.parametrize("rule, placed", [("ceil", {"p13": 100}), ("floor", {"p12": 100}),
                                          ("split", {"p12": 50, "p13": 50})])
def test_fractional_life(rule, placed):
    # L = 12.5 over H = 20: purchase 0, replacement due at 12.5 (ceil: 13, floor: 12, split: half
    # each); the replacement would serve to 25: residual (25 - 20) / 12.5 = 0.4 of the cost
    buy, back = lines(one_asset({"life": 12.5, "replace": rule}, horizon=20))
    np.testing.assert_allclose(buy[0], at(20, p0=100, **placed), rtol=0, atol=1e-12)
    np.testing.assert_allclose(back[0], at(20, p20=(25 - 20) / 12.5 * 100), rtol=1e-15)


def test_life_longer_than_the_horizon():
    # L = 15 over H = 10: never replaced; (15 - 10) / 15 = 1/3 of the cost is left
    buy, back = lines(one_asset({"life": 15}))
    np.testing.assert_array_equal(buy[0], at(10, p0=100))
    np.testing.assert_allclose(back[0], at(10, p10=100 / 3), rtol=1e-15)


def test_draws_of_the_life_at_once():
    # four lives as four draws of one evaluation; each row by hand (H = 10, cost 100):
    # 5: 0, 5, residual 0 | 4: 0, 4, 8, residual 50 | 12.5: 0, residual 2.5/12.5 | 15: 0, residual 5/15
    m = one_asset({"life": "life"})
    buy, back = lines(m, life=np.array([5.0, 4.0, 12.5, 15.0]))
    np.testing.assert_allclose(buy, [at(10, p0=100, p5=100), at(10, p0=100, p4=100, p8=100), at(10, p0=100),
                                     at(10, p0=100)], atol=1e-12)
    np.testing.assert_allclose(back[:, 10], [0, 50, 100 * 2.5 / 12.5, 100 * 5 / 15], rtol=1e-15, atol=1e-12)
    assert not back[:, :10].any()


def test_salvage():
    # C = 100, S = 10, L = 4: each retiring asset yields 10 when replaced (periods 4 and 8); the
    # one in service at 10 (half its life left) is worth 10 + (100 - 10) x 0.5 = 55
    buy, back = lines(one_asset({"life": 4, "salvage": 10}))
    np.testing.assert_array_equal(buy[0], at(10, p0=100, p4=100, p8=100))
    np.testing.assert_allclose(back[0], at(10, p4=10, p8=10, p10=10 + 90 * 0.5), rtol=1e-15)


def test_growth_prices_each_event_at_its_own_time():
    # g = 5% a year: the purchase due at tau costs 100 x 1.05^tau, the salvage then 10 x 1.05^tau,
    # the residual value at 10 is (10 + 90 x 0.5) x 1.05^10
    buy, back = lines(one_asset({"life": 4, "salvage": 10, "growth": 0.05}))
    np.testing.assert_allclose(buy[0], at(10, p0=100, p4=100 * 1.05 ** 4, p8=100 * 1.05 ** 8), rtol=1e-14)
    np.testing.assert_allclose(back[0], at(10, p4=10 * 1.05 ** 4, p8=10 * 1.05 ** 8, p10=55 * 1.05 ** 10),
                               rtol=1e-14)
    # a fractional due time: the replacement due at 12.5 (placed in 13) at the price of 12.5
    buy, back = lines(one_asset({"life": 12.5, "growth": 0.02}, horizon=20))
    np.testing.assert_allclose(buy[0], at(20, p0=100, p13=100 * 1.02 ** 12.5), rtol=1e-14)
    np.testing.assert_allclose(back[0], at(20, p20=100 * 0.4 * 1.02 ** 20), rtol=1e-14)


def annuity(r: float, x: float) -> float:
    return x if r == 0 else (1 - (1 + r) ** -x) / r


def test_remaining_life_residual_closed_form():
    # u = 0.4 of 12.5 years = 5 years of service left: worth a(8%, 5) / a(8%, 12.5) of the cost
    # (a(8%, 5) = 3.99271, a(8%, 12.5) = 7.72354: 51.70), more than the straight-line 40 because
    # the service still to come is nearer than the service already used
    m = one_asset({"life": 12.5, "residual": "remaining_life", "salvage": 10}, horizon=20, rate=0.08)
    _, back = lines(m)
    expected = 10 + 90 * annuity(0.08, 5) / annuity(0.08, 12.5)
    assert back[0, 20] == pytest.approx(expected, rel=1e-13)
    assert 100 * annuity(0.08, 5) / annuity(0.08, 12.5) == pytest.approx(51.70, abs=0.005)
    # one rate per draw; at 0% the remaining-life value is the straight-line one (a(0, x) = x)
    _, back = lines(m, discount_rate=np.array([0.0, 0.08]))
    np.testing.assert_allclose(back[:, 20], [10 + 90 * 5 / 12.5, expected], rtol=1e-13)
    # a stepped schedule: the rate of the step holding the horizon (period 20: 3%)
    stepped = one_asset({"life": 12.5, "residual": "remaining_life"}, horizon=20, rate=[[0, 0.05], [15, 0.03]])
    _, back = lines(stepped)
    assert back[0, 20] == pytest.approx(100 * annuity(0.03, 5) / annuity(0.03, 12.5), rel=1e-13)


def test_first_purchase_later():
    # from 3, L = 4: bought at 3 and 7 (11 > 10); at 10: u = (7 + 4 - 10) / 4 = 0.25
    buy, back = lines(one_asset({"life": 4, "from": 3}))
    np.testing.assert_array_equal(buy[0], at(10, p3=100, p7=100))
    np.testing.assert_array_equal(back[0], at(10, p10=25))
    # from 2: bought at 2 and 6; the one due at 10 is not; u = (6 + 4 - 10) / 4 = 0
    buy, back = lines(one_asset({"life": 4, "from": 2}))
    np.testing.assert_array_equal(buy[0], at(10, p2=100, p6=100))
    np.testing.assert_array_equal(back[0], at(10))


@pytest.mark.parametrize("rule, placed", [
    ("split", {"p0": 100, "p2": 50, "p3": 50, "p5": 100, "p7": 50, "p8": 50}),
    ("ceil", {"p0": 100, "p3": 100, "p5": 100, "p8": 100}),
    ("floor", {"p0": 100, "p2": 100, "p5": 100, "p7": 100}),
])
def test_replacement_rules(rule, placed):
    # L = 2.5 over 10: due at 0, 2.5, 5, 7.5 (10 is not bought); split: 2.5 -> half in 2 and 3,
    # 5 -> all in 5, 7.5 -> half in 7 and 8; u = (7.5 + 2.5 - 10) / 2.5 = 0
    buy, back = lines(one_asset({"life": 2.5, "replace": rule}))
    np.testing.assert_allclose(buy[0], at(10, **placed), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(back[0], at(10))


# -- NPV as the life changes ----------------------------------------------------------------------
def present_cost(rule: str, lives: np.ndarray, horizon: int = 20, residual: str = "straight_line") -> np.ndarray:
    """PV at 8% of (purchases - salvage and residual value) for each life, discounted in numpy."""
    m = one_asset({"life": "life", "salvage": 10, "replace": rule, "residual": residual}, horizon=horizon,
                  rate=0.08)
    buy, back = lines(m, life=lives)
    return (buy - back) @ (1.08 ** -np.arange(horizon + 1.0))


@pytest.mark.parametrize("rule, residual", [("ceil", "straight_line"), ("split", "straight_line"),
                                            ("floor", "straight_line"), ("ceil", "remaining_life")])
def test_present_cost_falls_as_the_life_grows(rule, residual):
    lives = np.linspace(3, 25, 2201)                 # steps of 0.01 year
    pv = present_cost(rule, lives, residual=residual)
    assert np.all(np.diff(pv) <= 1e-9)
    assert pv[0] > pv[-1] + 50


def test_split_is_continuous_and_ceil_steps():
    # a continuous function's largest step shrinks with the grid (in proportion, for split: its
    # slope stays below 100 per year of life); ceil's steps (a replacement moving a whole period) do not
    def largest_step(rule, h):
        return np.abs(np.diff(present_cost(rule, np.arange(3, 25 + h / 2, h)))).max()

    coarse, fine = largest_step("split", 0.01), largest_step("split", 0.001)
    assert fine < 0.2 * coarse and fine < 100 * 0.001
    assert largest_step("ceil", 0.001) > 0.9 * largest_step("ceil", 0.01) > 1.0


def test_continuous_where_a_replacement_leaves_the_horizon():
    # H = 21, L = 10.5: the second replacement is due at 21 = H. Just below, it is bought in period
    # 21 and almost all of it is left (u -> 1); just above, it is not bought and the asset in service
    # is worn out (u -> 0, residual = salvage). Both net to the salvage at 21.
    eps = 1e-7
    pv = present_cost("ceil", np.array([10.5 - eps, 10.5 + eps]), horizon=21)
    assert abs(pv[1] - pv[0]) < 1e-4


# -- the street-lamp model -------------------------------------------------------------------------
A20 = (1 - 1.08 ** -20) / 0.08          # annuity factor, 8%, 20 years (9.81815)
SAVING = ((5000 * 280 / 1000 * 4000 * 0.8 / 10000 - 5000 * 120 / 1000 * 4000 * 0.8 / 10000)   # energy 448 - 192
          + (5000 * 0.015 - 5000 * 0.005))                                                      # upkeep 75 - 25
LAMPS = 5000 * 0.25                      # 1,250 万元 per set of LED lamps


def lamp_npv_by_hand(life: float) -> float:
    """Incremental NPV of LED over sodium: a loop over purchases, as one would on paper."""
    due = [0.0]
    while due[-1] + life < 20:
        due.append(due[-1] + life)
    u = min(max((due[-1] + life - 20) / life, 0), 1)
    return SAVING * A20 - sum(LAMPS * 1.08 ** -math.ceil(t) for t in due) + u * LAMPS * 1.08 ** -20


def test_street_lamp_npv_by_hand():
    m = cba.load_model(DATA / "street_lamps.yaml")
    assert SAVING == pytest.approx(306)
    # 12.5 years: replaced in period 13, 0.4 of the second set left at 20
    npv_12_5 = 306 * A20 - 1250 - 1250 * 1.08 ** -13 + 0.4 * 1250 * 1.08 ** -20
    assert cba.appraise(m)["led", "npv"] == pytest.approx(npv_12_5, rel=1e-12)
    assert round(npv_12_5, 2) == 1402.00
    # 12 years: replaced in period 12, (24 - 20) / 12 = 1/3 left; 10 years: replaced at 10, nothing left
    npv_12 = 306 * A20 - 1250 - 1250 * 1.08 ** -12 + 1250 / 3 * 1.08 ** -20
    npv_10 = 306 * A20 - 1250 - 1250 * 1.08 ** -10
    npv_8 = 306 * A20 - 1250 - 1250 * 1.08 ** -8 - 1250 * 1.08 ** -16 + 0.5 * 1250 * 1.08 ** -20
    for life, expected in ((12, npv_12), (10, npv_10), (8, npv_8)):
        assert cba.appraise(m, lamp_life=life)["led", "npv"] == pytest.approx(expected, rel=1e-12), life
        assert lamp_npv_by_hand(life) == pytest.approx(expected, rel=1e-12)
    # the scenarios and random lives in the declared range 8-15, one evaluation
    assert cba.appraise(m, scenario="short_life")["led", "npv"] == pytest.approx(npv_8, rel=1e-12)
    lives = np.random.default_rng(10).uniform(8, 15, 200)
    got = cba.appraise(m, lamp_life=lives).incremental["led"]["npv"]
    np.testing.assert_allclose(got, [lamp_npv_by_hand(x) for x in lives], rtol=1e-12)
    # NPV rises with the life over the whole range (the where(t == life) model did not)
    grid = np.linspace(8, 15, 701)
    assert np.all(np.diff(cba.appraise(m, lamp_life=grid).incremental["led"]["npv"]) >= -1e-9)


# -- the kiosk model --------------------------------------------------------------------------------
def test_kiosk_asset_gives_the_old_hand_built_value():
    # The old flows: purchase 6 x 10 = 60 at 0, replacement 60 at floor(8) = 8, residual value
    # 60 x (1 - (10 - 8) / 8) = 45 at 10; each year staff saved 6 x 1.5 x 12 = 108 (valued at the
    # model's shadow wage factor 0.8 in the economic view, its main view: 86.4), upkeep
    # 6 x 0.8 = 4.8, fewer accidents 6 x 30 x 0.1 x 44,200 / 10,000 = 79.56
    a10 = (1 - 1.08 ** -10) / 0.08
    old = -60 - 60 * 1.08 ** -8 + 45 * 1.08 ** -10 + (0.8 * 108 - 4.8 + 79.56) * a10
    m = cba.load_model(DATA / "minhang_kiosk.yaml")
    assert cba.appraise(m)["kiosk", "npv"] == pytest.approx(old, rel=1e-12)
    # pessimistic (price 20, life 5): 120 at 0 and 5, nothing left; saved 0.8 x 6 x 0.5 x 12 = 28.8, upkeep 9
    assert cba.appraise(m, scenario="pessimistic")["kiosk", "npv"] == pytest.approx(
        -120 - 120 * 1.08 ** -5 + (28.8 - 9) * a10, rel=1e-12)
    # optimistic (price 3, life 10): 18 at 0 only; saved 0.8 x 6 x 3 x 12 = 172.8, upkeep 1.8, accidents 318.24
    assert cba.appraise(m, scenario="optimistic")["kiosk", "npv"] == pytest.approx(
        -18 + (172.8 - 1.8 + 318.24) * a10, rel=1e-12)
    # a fractional life now: 8.5 years is replaced in period 9 (the old floor() formula: 8) and the
    # replacement has (17 - 10) / 8.5 of its life left (the old formula: 1 - 2 / 8.5)
    new = -60 - 60 * 1.08 ** -9 + 60 * 7 / 8.5 * 1.08 ** -10 + (86.4 - 4.8 + 79.56) * a10
    assert cba.appraise(m, service_life=8.5)["kiosk", "npv"] == pytest.approx(new, rel=1e-12)


def test_asset_lines_in_the_option():
    m = cba.load_model(DATA / "minhang_kiosk.yaml")
    kiosk = m.options["kiosk"]
    line, residual = kiosk.assets[0].lines()
    assert [x.name for x in kiosk.lines] == ["upkeep", "staffing", "fewer_accidents", "accidents_avoided", "kiosks",
                                                  "kiosks_residual"]
    assert (line.kind, residual.kind, line.capex, residual.capex, line.asset) == ("cost", "benefit", True, True,
                                                                                  "kiosks")
    with use_lang("zh"):
        assert (line.label, residual.label) == ("岗亭：购置与更新", "岗亭：残值")
    with use_lang("en"):
        assert (line.label, residual.label) == ("岗亭: purchase and replacements", "岗亭: salvage and residual value")
    a = cba.appraise(m)
    table = a.flows.lines["kiosk"]
    np.testing.assert_array_equal(table["kiosks"][0], at(10, p0=60, p8=60))
    np.testing.assert_array_equal(table["kiosks_residual"][0], at(10, p10=45))


# -- reading and writing ---------------------------------------------------------------------------
def test_round_trip():
    entry = {"name": "kiosks", "label": "岗亭", "cost": "n * price", "life": "life", "salvage": "0.1 * n * price",
             "residual": "remaining_life", "growth": 0.01, "from": 1, "replace": "split", "prices": "nominal",
             "description": "说明"}
    a = Asset.from_entry(entry)
    back = a.to_dict()
    assert back == {**entry, "growth": "0.01"}
    assert Asset.from_entry(back) == a
    m = cba.load_model({"name": "r", "horizon": 10, "discount_rate": 0.05, "base_year": 2025,
                        "prices": {"inflation": 0.02},   # a nominal asset needs an index to deflate it
                        "parameters": {"n": 2, "price": 3, "life": 4}, "options": {"o": {"assets": [entry]}}})
    assert cba.load_model(m.to_dict()) == m and m.to_dict()["options"]["o"]["assets"] == [back]


def error(entry: dict, lang: str, **model) -> str:
    data = {"name": "e", "horizon": 10, "discount_rate": 0.05, "parameters": {"price": 10, "life": 5},
            "options": {"o": {"assets": [{"name": "lamps", "cost": "price", "life": "life", **entry}]}}, **model}
    with pytest.raises(InputError) as err:
        cba.load_model(data)
    return err.value.render(lang)


def test_errors_name_the_field_in_both_languages():
    assert error({"residual": "straight-line"}, "en") == (
        "options.o.assets[0].residual: expected one of straight_line, remaining_life (did you mean "
        "'straight_line'?); got 'straight-line'")
    assert error({"residual": "straight-line"}, "zh") == (
        "options.o.assets[0].residual：应为 straight_line、remaining_life 之一（是否应为 'straight_line'？），"
        "实际为 'straight-line'")
    assert error({"life": 0}, "en") == "options.o.assets[0].life: the life must be a finite number of years above 0"
    assert error({"life": 0}, "zh") == "options.o.assets[0].life：使用年限应为大于 0 的有限值（年）"
    assert error({"cost": "prise"}, "en") == (
        "options.o.assets[0].cost: unknown parameter 'prise' (did you mean 'price'?); known parameters: price, life")
    assert error({"cost": "prise"}, "zh").startswith("options.o.assets[0].cost：未知参数 'prise'（是否应为 'price'？）")
    assert error({"cost": "price * t"}, "en").startswith(
        "options.o.assets[0].cost: an asset's formulas may use parameters only, not 't': cba places the purchases")
    assert error({"life": "life + year"}, "zh").startswith(
        "options.o.assets[0].life：资产的公式只能使用参数，不能使用 'year'")
    assert error({"lifetime": 5}, "en").startswith(
        "options.o.assets[0]: unknown field 'lifetime' (did you mean 'life'?)")
    assert error({"replace": "round"}, "en").startswith("options.o.assets[0].replace: expected one of ceil, floor, split")
    assert error({"from": 11}, "en") == "options.o.assets[0].from: period 11 is beyond the horizon (10)"
    assert error({"cost": -1}, "en") == "options.o.assets[0].cost: the cost must be a finite number, 0 or more"
    # an asset line may not take a flow's name
    assert error({}, "en", options={"o": {"flows": [{"name": "lamps_residual", "kind": "cost", "amount": 1}],
                                          "assets": [{"name": "lamps", "cost": 1, "life": 2}]}}) == \
        "options.o.assets[0].name: duplicate flow name 'lamps_residual'"


def evaluation_error(lang: str, **overrides) -> str:
    m = cba.load_model({"name": "e", "horizon": 10, "discount_rate": 0.05,
                        "parameters": {"price": 10, "life": 5, "scrap": 1, "g": 0},
                        "options": {"o": {"assets": [{"name": "lamps", "cost": "price", "life": "life",
                                                      "salvage": "scrap", "growth": "g"}]}}})
    with pytest.raises(EvaluationError) as err:
        cba.appraise(m, **overrides)
    with use_lang(lang):
        return str(err.value)


def test_a_draw_that_cannot_be_used_names_the_field_and_the_values():
    life = np.array([5.0, -2.0, 4.0])
    assert evaluation_error("en", life=life) == (
        "options.o.assets[0].life (lamps): the value is -2 with life=-2; the life must be a finite number of "
        "years above 0")
    assert evaluation_error("zh", life=life) == (
        "options.o.assets[0].life（lamps）：取值为 -2，此时 life=-2；使用年限应为大于 0 的有限值（年）")
    assert evaluation_error("en", life=np.array([5.0, 1e-4])).endswith(
        "the life is too short: 100001 purchases within the horizon, at most 1000")
    assert evaluation_error("en", scrap=np.array([1.0, 12.0])) == (
        "options.o.assets[0].salvage (lamps): the value is 12 with price=10, scrap=12; the salvage value must be "
        "finite and not above the cost (10); a negative salvage is a net disposal cost")
    assert evaluation_error("en", g=np.array([0.0, -1.0])).startswith(
        "options.o.assets[0].growth (lamps): the value is -1 with g=-1; the cost growth must be")
    # an overflow: the line is named by its place in the model file
    assert evaluation_error("en", price=np.array([1.0, 1e306]), g=np.array([0.0, 9.0])) == (
        "options.o.assets[0] (lamps): the formula gives inf in period 5 with price=1e+306, life=5, scrap=1, g=9")


# -- equivalent annual cost ---------------------------------------------------------------------------
def test_equivalent_annual_cost_textbook():
    # Brealey, Myers and Allen, Principles of Corporate Finance (10th ed.), section 6-3 "Choosing
    # between long- and short-lived equipment": machine A costs 15 and 5 a year to run for 3 years;
    # B costs 10 and 6 a year for 2 years; at 6% PV(A) = 28.37, PV(B) = 21.00, EAC 10.61 and 11.45.
    eac = cba.equivalent_annual_cost([15, 10], [3, 2], 0.06, opex=[5, 6])
    np.testing.assert_allclose(eac, [10.61, 11.45], atol=0.005)
    assert eac[0] * annuity(0.06, 3) == pytest.approx(15 + 5 * annuity(0.06, 3), rel=1e-14)


def test_equivalent_annual_cost_closed_forms():
    # rate 0: straight division; salvage S: (C - S) / a + S r; a fractional life: EAC x a = C
    assert cba.equivalent_annual_cost(100, 4, 0.0, salvage=20, opex=3) == pytest.approx((100 - 20) / 4 + 3, rel=1e-15)
    assert cba.equivalent_annual_cost(100, 5, 0.08, salvage=20) == pytest.approx(80 / annuity(0.08, 5) + 20 * 0.08,
                                                                                 rel=1e-13)
    assert cba.equivalent_annual_cost(100, 12.5, 0.08) * annuity(0.08, 12.5) == pytest.approx(100, rel=1e-14)
    # vectorised: lives x rates
    got = cba.equivalent_annual_cost(100, np.array([[4.0], [12.5]]), np.array([0.0, 0.08]))
    np.testing.assert_allclose(got, [[25, 100 / annuity(0.08, 4)], [8, 100 / annuity(0.08, 12.5)]], rtol=1e-14)
    # an asset replaced for ever costs EAC every year: PV of the chain = EAC / r (here: 4-year life)
    chain = 100 / (1 - 1.08 ** -4)              # 100 at 0, 4, 8, ...: a geometric series
    assert cba.equivalent_annual_cost(100, 4, 0.08) / 0.08 == pytest.approx(chain, rel=1e-13)
    with pytest.raises(InputError, match="life: the life must be"):
        cba.equivalent_annual_cost(100, [4, 0], 0.08)
    with pytest.raises(InputError, match="rate"):
        cba.equivalent_annual_cost(100, 4, "green_book")


# -- the schedule and the report's table -----------------------------------------------------------------
def test_asset_schedule_of_the_kiosks():
    m = cba.load_model(DATA / "minhang_kiosk.yaml")
    en = cba.asset_schedule(m, lang="en")
    assert list(en.columns) == ["Option", "Asset", "Event", "Due (years)", "Period", "Year", "Amount"]
    assert en.values.tolist() == [["kiosk", "kiosks", "purchase", 0.0, 0, 2025, 60.0],
                                  ["kiosk", "kiosks", "replacement", 8.0, 8, 2033, 60.0],
                                  ["kiosk", "kiosks", "residual value", 10.0, 10, 2035, 45.0]]
    zh = cba.asset_schedule(m, "kiosk", lang="zh", service_life=12.5, kiosk_price=12)
    assert list(zh.columns) == ["方案", "资产", "事项", "到期时点（年）", "期数", "年份", "金额"]
    # 12.5 > 10: no replacement; 2.5 / 12.5 of 6 x 12 = 72 is left
    assert zh.values.tolist() == [["kiosk", "kiosks", "购置", 0.0, 0, 2025, 72.0],
                                  ["kiosk", "kiosks", "期末余值", 10.0, 10, 2035, pytest.approx(72 * 2.5 / 12.5)]]
    assert "'ceil'" in en.attrs["notes"][0] and "“ceil”" in zh.attrs["notes"][0]
    with pytest.raises(InputError, match="unknown option 'kiosks'"):
        cba.asset_schedule(m, "kiosks")


def test_report_table_of_assets():
    m = cba.load_model(DATA / "street_lamps.yaml")
    cols, rows = asset_table(m, "zh")
    assert cols == ["方案", "资产", "购置成本", "使用年限", "余值方法", "更新规则", "购置期数（本报告取值）", "期末余值（本报告取值）"]
    assert rows == [["更换为LED路灯", "LED灯具（lamps）", "n_lamps * led_price", "lamp_life", "直线法",
                     "向上取整（在到期时点所在的期更新）", "0、13", "500.00"]]
    from cba.report import AppraisalReport

    block = AppraisalReport(DATA / "street_lamps.yaml", lang="en", n_draws=0).project()
    table = block.items[-1]
    assert table["caption"] == "Assets: purchases, replacements and residual values"
    assert table["rows"][0][-2:] == ["0, 13", "500.00"]
