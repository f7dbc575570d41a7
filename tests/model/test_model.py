"""Model validation: every rule gives an InputError naming the field."""
from __future__ import annotations

import numpy as np
import pytest

import cba
from cba import InputError


def test_small_model_builds(small):
    m = cba.load_model(small)
    assert m.baseline == "base"
    assert m.options["buy"].label == "Buy"
    assert m.options["base"].label == "base"          # label defaults to the key
    assert m.timing == "end"
    f = m.options["base"].flows[0]
    assert (f.start, f.end) == (None, None)           # from 1 to horizon, resolved at evaluation
    assert m.options["buy"].flows[0].start == 0
    np.testing.assert_array_equal(m.periods, [0, 1, 2, 3])


def test_python_api_builds_the_same_model(small):
    by_file = cba.load_model(small)
    by_api = cba.Model(
        name="test", horizon=3, discount_rate=0.1, baseline="base",
        parameters=[cba.Parameter("price", 100, low=80, high=120), cba.Parameter("saving", 40)],
        options=[cba.Option("base", flows=[cba.Flow("running", "cost", "saving")]),
                 cba.Option("buy", label="Buy", flows=[cba.Flow("purchase", "cost", "price", at=0)])],
    )
    assert by_api.to_dict() == by_file.to_dict()
    assert cba.load_model(by_file.to_dict()).to_dict() == by_file.to_dict()


def test_model_is_frozen(small):
    m = cba.load_model(small)
    with pytest.raises(Exception):
        m.horizon = 5
    with pytest.raises(TypeError):
        m.parameters["x"] = 1


def _set(d, path, value):
    keys = path.split(".")
    for k in keys[:-1]:
        d = d[int(k)] if k.isdigit() else d[k]
    last = keys[-1]
    if value is _DELETE:
        del d[last]
    elif last.isdigit():
        d[int(last)] = value
    else:
        d[last] = value


_DELETE = object()

BAD = [
    # (field to change, new value, expected 'where' in message, expected words)
    ("name", _DELETE, "(top level)", "missing required field 'name'"),
    ("horizon", _DELETE, "(top level)", "missing required field 'horizon'"),
    ("discount_rate", _DELETE, "(top level)", "missing required field 'discount_rate'"),
    ("parameters", _DELETE, "(top level)", "missing required field 'parameters'"),
    ("options", _DELETE, "(top level)", "missing required field 'options'"),
    ("colour", "red", "(top level)", "unknown field 'colour'"),
    ("horizon", "ten", "horizon", "expected a number, got 'ten'"),
    ("horizon", 2.5, "horizon", "expected a whole number"),
    ("horizon", -1, "horizon", "expected a whole number >= 0"),
    # issue 8: a model has one discount schedule, a scenario one value per parameter
    ("discount_rate", [0.05, 0.08], "discount_rate", "expected one discount schedule"),
    ("discount_rate", [[0, 0.035], 0.03], "discount_rate", "got a list of rates"),
    ("discount_rate", {"value": [0.05, 0.08]}, "discount_rate", "use --set discount_rate=0.05"),
    ("scenarios", {"s": {"price": [90, 110]}}, "scenarios.s.price", "a scenario sets one value per parameter"),
    ("scenarios", {"s": {"discount_rate": [0.05, 0.08]}}, "scenarios.s.discount_rate", "add scenarios"),
    ("horizon", 5000, "horizon", "at most 1000"),
    ("name", "", "name", "non-empty"),
    ("discount_rate", "eight", "discount_rate", "eight"),
    ("discount_rate", 8, "discount_rate", "0.08"),
    ("discount_rate", {"value": 0.08, "low": 0.1, "high": 0.12}, "discount_rate", "low <= value <= high"),
    ("timing", "middle", "timing", "expected one of end, mid, begin"),
    ("baseline", "nothing", "baseline", "unknown option 'nothing'"),
    ("base_year", "2025a", "base_year", "expected a number"),
    ("parameters.price.low", "ten", "parameters.price.low", "expected a number, got 'ten'"),
    ("parameters.price.value", None, "parameters.price.value", "expected a number, got None"),
    ("parameters.price.low", 101, "parameters.price.low", "low (101) is above value (100)"),
    ("parameters.price.high", 99, "parameters.price.high", "high (99) is below value (100)"),
    ("parameters.price.colour", 1, "parameters.price", "unknown field 'colour'"),
    ("parameters.price.value", _DELETE, "parameters.price", "missing required field 'value'"),
    ("parameters.price.distribution", "gamma", "parameters.price.distribution.kind", "expected one of"),
    ("parameters.price.distribution", {"kind": "normal"}, "parameters.price.distribution.sd", "needs 'sd'"),
    ("parameters.saving", "lots", "parameters.saving.value", "expected a number, got 'lots'"),
    ("parameters.t", 1, "parameters.t.name", "reserved"),
    ("parameters.2x", 1, "parameters.2x", "expected a name"),
    ("options.buy.flows.0.amount", "price * (year > 2030)", "options.buy.flows[0].amount", "no base_year"),
    ("options.buy.flows.0.kind", "expense", "options.buy.flows[0].kind", "expected one of cost, benefit"),
    ("options.buy.flows.0.amount", "price *", "options.buy.flows[0].amount", "invalid formula"),
    ("options.buy.flows.0.amount", "prise * 2", "options.buy.flows[0].amount", "did you mean 'price'"),
    ("options.buy.flows.0.amount", "price.__class__", "options.buy.flows[0].amount", ""),
    ("options.buy.flows.0.amount", _DELETE, "options.buy.flows[0].amount", "exactly one of"),
    ("options.buy.flows.0.at", 7, "options.buy.flows[0].at", "beyond the horizon"),
    ("options.buy.flows.0.at", -1, "options.buy.flows[0].at", ">= 0"),
    ("options.buy.flows.0.unit", "x", "options.buy.flows[0].unit", "unit is for effect lines"),
    ("options.buy.flows.0.units", "x", "options.buy.flows[0]", "unknown field 'units'"),
    ("options.base.flows.0.to", 9, "options.base.flows[0].to", "beyond the horizon"),
    ("options.buy.flows.0.name", "purchase cost", "options.buy.flows[0].name", "expected a name"),
    ("options.buy.flows", [{"name": "a", "kind": "cost", "amount": 1},
                           {"name": "a", "kind": "cost", "amount": 2}], "options.buy.flows[1].name", "duplicate"),
    ("options.buy.flows", "lots", "options.buy.flows", "expected a list"),
    ("options.buy.colour", 1, "options.buy", "unknown field 'colour'"),
    ("options", {}, "options", "at least one option"),
    ("options.buy.flows.0.values", [1, 2], "options.buy.flows[0].amount", "exactly one of"),
    # booleans are not numbers (YAML `yes`, an Excel TRUE): bool has __float__ but True is not 1
    ("parameters.saving", True, "parameters.saving.value", "expected a number, got True"),
    ("parameters.price.value", True, "parameters.price.value", "expected a number, got True"),
    ("parameters.price.low", False, "parameters.price.low", "expected a number, got False"),
    ("parameters.price.distribution", {"kind": "normal", "sd": True}, "parameters.price.distribution.sd",
     "expected a number, got True"),
    ("horizon", True, "horizon", "expected a number, got True"),
    ("base_year", True, "base_year", "expected a number, got True"),
    ("options.buy.flows.0.at", True, "options.buy.flows[0].at", "expected a number, got True"),
    ("options.base.flows.0.to", True, "options.base.flows[0].to", "expected a number, got True"),
    ("options.buy.flows.0.amount", True, "options.buy.flows[0].amount", "got True"),
    ("discount_rate", True, "discount_rate", "got True"),
]


@pytest.mark.parametrize("path,value,where,words", BAD, ids=[f"{b[0]}={b[1]!r}"[:60] for b in BAD])
def test_bad_input_names_the_field(small, path, value, where, words):
    _set(small, path, value)
    with pytest.raises(InputError) as info:
        cba.load_model(small)
    msg = str(info.value)
    assert where in msg, msg
    assert words in msg, msg
    assert isinstance(info.value, ValueError)      # generic handlers still catch it


def test_values_flow_and_length_checks(small):
    small["options"]["buy"]["flows"] = [{"name": "v", "kind": "benefit", "values": [1, 2, 3], "from": 1}]
    m = cba.load_model(small)
    f = m.options["buy"].flows[0]
    assert (f.start, f.end) == (1, 3)
    small["options"]["buy"]["flows"][0].update({"to": 2})
    with pytest.raises(InputError, match=r"options.buy.flows\[0\].values: 3 values do not fit periods 1..2"):
        cba.load_model(small)
    small["options"]["buy"]["flows"][0] = {"name": "v", "kind": "benefit", "values": [1, "x"]}
    with pytest.raises(InputError, match=r"options.buy.flows\[0\].values\[1\]: expected a number"):
        cba.load_model(small)


def test_values_reject_booleans(small):
    small["options"]["buy"]["flows"] = [{"name": "v", "kind": "benefit", "values": [1, True, 3]}]
    with pytest.raises(InputError, match=r"options.buy.flows\[0\].values\[1\]: expected a number, got True"):
        cba.load_model(small)


def test_number_rejects_booleans_of_every_kind():
    from cba import checks as v

    for flag in (True, False, np.True_, np.bool_(False)):
        with pytest.raises(InputError, match=f"p: expected a number, got {bool(flag)}$"):
            v.number(flag, "p")
        with pytest.raises(InputError, match=f"p: expected a number, got {bool(flag)}$"):
            v.integer(flag, "p")
    assert v.number(np.int64(3), "p") == 3.0 and v.number("2.5", "p") == 2.5 and v.integer(4.0, "p") == 4


def test_scenarios_are_validated(small):
    small["scenarios"] = {"bad": {"prise": 1}}
    with pytest.raises(InputError, match=r"scenarios.bad.prise: unknown parameter 'prise' \(did you mean 'price'\?\)"):
        cba.load_model(small)
    small["scenarios"] = {"bad": {"price": "high"}}
    with pytest.raises(InputError, match="scenarios.bad.price: expected a number"):
        cba.load_model(small)
    small["scenarios"] = {"bad": {"price": True}}
    with pytest.raises(InputError, match="scenarios.bad.price: expected a number, got True"):
        cba.load_model(small)


def test_overrides_are_validated(small):
    m = cba.load_model(small)
    with pytest.raises(InputError, match="unknown parameter 'prise'"):
        cba.appraise(m, prise=3)
    with pytest.raises(InputError, match="overrides.price: expected a number, got True"):
        cba.appraise(m, price=True)
    with pytest.raises(InputError, match="share one length"):
        cba.appraise(m, price=[1, 2], saving=[1, 2, 3])


def test_sample_is_seeded_and_respects_ranges(kiosk_path):
    m = cba.load_model(kiosk_path)
    a = m.sample(1000, seed=7)
    b = m.sample(1000, seed=7)
    assert set(a) == set(m.uncertain)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
        p = m.parameters[k]
        assert p.low <= a[k].min() and a[k].max() <= p.high


# --- one schedule per model (issue 8) ---------------------------------------------------


def test_steps_stay_a_schedule_in_the_model_and_in_scenarios(small):
    small["discount_rate"] = [[0, 0.035], [31, 0.03]]
    small["scenarios"] = {"low": {"discount_rate": [[0, 0.03], [31, 0.025]], "price": 90}}
    m = cba.load_model(small)
    assert [tuple(p) for p in m.discount_rate.pairs()] == [(0, 0.035), (31, 0.03)]
    assert dict(m.scenarios["low"])["price"] == 90.0


def test_an_array_of_rates_is_refused_in_python_too(small):
    m = cba.load_model(small)
    with pytest.raises(InputError, match="^discount_rate: expected one discount schedule"):
        m.replace(discount_rate=np.array([0.05, 0.08]))
    # arrays of rates stay welcome as overrides at run time (one rate per draw): buy pays 100 now
    # and saves base's 40 a year for 3 years; by hand -100 + 3 x 40 = 20 at 0%, and at 10%
    # -100 + 40 (1/1.1 + 1/1.1^2 + 1/1.1^3) = -100 + 40 x 2.486851991 = -0.52592
    np.testing.assert_allclose(cba.appraise(m, discount_rate=[0.0, 0.1]).incremental["buy"]["npv"],
                               [20.0, -100 + 40 * (1 / 1.1 + 1 / 1.1 ** 2 + 1 / 1.1 ** 3)], rtol=1e-12)


# --- static models: horizon 0 (issue 8) -------------------------------------------------
# Cost-volume-profit: Garrison, Noreen & Brewer, Managerial Accounting (Acoustic Concepts):
# price p = 250, variable cost c = 150, fixed costs F = 35,000; break-even units F / (p - c) = 350,
# break-even price at 400 units c + F / 400 = 237.5, profit at 400 units 400 (p - c) - F = 5,000.

def _cvp(**flows_extra) -> dict:
    return {"name": "cvp", "horizon": 0, "discount_rate": 0.08,
            "parameters": {"units": {"value": 400, "low": 100, "high": 1000},
                           "price": 250, "unit_cost": 150, "fixed": 35000},
            "options": {"sell": {"flows": [
                {"name": "sales", "kind": "benefit", "amount": "units * price"},
                {"name": "variable", "kind": "cost", "amount": "units * unit_cost"},
                {"name": "fixed", "kind": "cost", "values": [35000], **flows_extra}]}}}


def test_a_static_model_puts_lines_without_from_in_period_0():
    m = cba.load_model(_cvp())
    assert m.horizon == 0
    np.testing.assert_array_equal(m.periods, [0])
    assert [(f.start, f.end if f.values else None) for f in m.options["sell"].flows] == [(0, None), (0, None), (0, 0)]
    cf = cba.model.cash_flows(m, cba.model.resolve_inputs(m))
    np.testing.assert_array_equal(cf.benefits["sell"], [[400 * 250]])
    np.testing.assert_array_equal(cf.costs["sell"], [[400 * 150 + 35000]])
    again = cba.load_model(m.to_dict())                 # round trip: lines now say from: 0
    assert again.to_dict() == m.to_dict()
    assert m.to_dict()["options"]["sell"]["flows"][0]["from"] == 0


def test_a_static_model_refuses_later_periods_with_a_hint():
    with pytest.raises(InputError) as info:
        cba.load_model(_cvp(**{"from": 1}))
    assert str(info.value) == ("options.sell.flows[2].from: period 1 is beyond the horizon (0) "
                               "(a static model, horizon 0, has period 0 only)")


def test_break_even_on_a_static_model_matches_the_cost_volume_profit_closed_form():
    m = cba.load_model(_cvp())
    F, p, c = 35000.0, 250.0, 150.0
    be = cba.breakeven(m, "units", full_output=True)
    assert be.value == pytest.approx(F / (p - c), rel=1e-12)
    assert be.base_metric == pytest.approx(400 * (p - c) - F, rel=1e-12)   # period 0: not discounted
    assert cba.breakeven(m, "price") == pytest.approx(c + F / 400, rel=1e-12)
    assert cba.breakeven(m, "units", target=40000) == pytest.approx((F + 40000) / (p - c), rel=1e-12)
