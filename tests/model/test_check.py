"""check_model: every case an analysis reaches is evaluated, every failing formula is reported.

The expected failures are worked out by hand from the formulas: log(0) = -inf, sqrt(-1) = nan,
1 / 0 = inf (IEEE 754 arithmetic, as numpy gives it), 1e308 + 1e308 overflows to inf.
"""
from __future__ import annotations

import math

import pytest

import cba
import cba.model.check as check_module
from cba.model import check_model


def _model(**extra) -> cba.Model:
    data = {
        "name": "probe", "horizon": 5, "discount_rate": 0.08,
        "parameters": {
            "a": {"value": 2, "low": 0, "high": 3},        # log(a): -inf at a = 0 only
            "b": {"value": 1, "low": -1, "high": 2},       # sqrt(b): nan at b = -1 only
            "c": {"value": 5, "high": 9},                  # a high end alone is a case too
        },
        "options": {
            "one": {"flows": [
                {"name": "logs", "kind": "benefit", "amount": "log(a) * c"},
                {"name": "roots", "kind": "cost", "amount": "sqrt(b)", "from": 2, "to": 4},
            ]},
            "two": {"flows": [{"name": "spike", "kind": "cost", "amount": "1 / (t - 3)"}]},
        },
        "scenarios": {"bad": {"a": 0}, "fine": {"b": 2, "discount_rate": 0.05}},
    }
    data.update(extra)
    return cba.Model.from_dict(data, source="probe.yaml")


def test_every_case_is_evaluated_and_every_failure_reported_with_its_cases():
    report = check_model(_model())
    assert report.cases == ("base case", "scenario 'bad'", "scenario 'fine'",
                            "parameters.a.low (0)", "parameters.a.high (3)",
                            "parameters.b.low (-1)", "parameters.b.high (2)", "parameters.c.high (9)")
    assert not report.ok
    logs, roots, spike = report.problems
    # log(0) * c: -inf in every period 1..5 where a = 0, with c at base 5: scenario 'bad' and a's low end
    assert (logs.option, logs.flow, logs.period, logs.value) == ("one", "logs", 1, -math.inf)
    assert dict(logs.inputs) == {"a": 0.0, "c": 5.0}
    assert logs.cases == ("scenario 'bad'", "parameters.a.low (0)")
    assert logs.message == ("probe.yaml: options.one.flows[0] (logs): the formula gives -inf in period 1 "
                            "with a=0, c=5 (and in 4 more periods); cases: scenario 'bad', parameters.a.low (0)")
    # sqrt(-1) = nan from period 2 (its first period) to 4, at b's low end only
    assert (roots.flow, roots.where, roots.period, dict(roots.inputs), roots.cases) == (
        "roots", "options.one.flows[1]", 2, {"b": -1.0}, ("parameters.b.low (-1)",))
    assert math.isnan(roots.value)
    # 1 / (t - 3) uses no parameter: inf at period 3 in every case, one problem
    assert (spike.option, spike.period, spike.value, spike.cases) == ("two", 3, math.inf, report.cases)
    assert str(spike.message).startswith("probe.yaml: options.two.flows[0] (spike): the formula gives inf in "
                                    "period 3; cases: base case, scenario 'bad'")


def test_scenarios_apply_on_top_of_base_values():
    # scenario 'worse' sets only b; a stays at its base value 2 there, so only sqrt(-4) fails in it
    m = _model(options={"one": {"flows": [{"name": "mix", "kind": "cost", "amount": "log(a) + sqrt(b)"}]}},
               scenarios={"worse": {"b": -4}})
    worse, a_low, b_low = check_model(m).problems
    assert (dict(worse.inputs), worse.cases) == ({"a": 2.0, "b": -4.0}, ("scenario 'worse'",))
    assert (dict(a_low.inputs), a_low.cases) == ({"a": 0.0, "b": 1.0}, ("parameters.a.low (0)",))
    assert (dict(b_low.inputs), b_low.cases) == ({"a": 2.0, "b": -1.0}, ("parameters.b.low (-1)",))
    assert math.isnan(worse.value) and a_low.value == -math.inf and math.isnan(b_low.value)


def test_the_issue_probe_fails_in_the_base_case():
    m = cba.Model.from_dict({"name": "p", "horizon": 2, "discount_rate": 0.08,
                             "parameters": {"price": 10, "n": 4},
                             "options": {"o": {"flows": [{"name": "x", "kind": "cost",
                                                          "amount": "price / (n - 4)"}]}}})
    report = check_model(m)
    assert report.cases == ("base case",)
    (p,) = report.problems
    assert str(p) == ("options.o.flows[0] (x): the formula gives inf in period 1 with price=10, n=4 "
                      "(and in 1 more period); case: base case")
    # the same message as evaluation gives for the first failure
    with pytest.raises(cba.EvaluationError, match=r"options\.o\.flows\[0\] \(x\): the formula gives inf in "
                                                  r"period 1 with price=10, n=4"):
        cba.appraise(m)


def test_a_model_that_evaluates_everywhere_is_ok(kiosk_path):
    kiosk = cba.load_model(kiosk_path)
    report = check_model(kiosk)
    assert report.ok and report.problems == ()
    # the kiosk file has 9 parameters with low and high and 2 scenarios: 1 + 2 + 2 x 9 cases
    assert len(report.cases) == 1 + len(kiosk.scenarios) + 2 * len(kiosk.uncertain) == 21
    assert "21 cases evaluated" in report.summary()


def test_an_exponent_beyond_the_bound_at_run_time_is_a_problem_of_its_cases():
    m = cba.Model.from_dict({"name": "e", "horizon": 1, "discount_rate": 0.08,
                             "parameters": {"k": {"value": 2, "low": 1, "high": 2000}},
                             "options": {"o": {"flows": [{"name": "x", "kind": "cost", "amount": "2 ** k"}]}}})
    (p,) = check_model(m).problems
    assert p.cases == ("parameters.k.high (2000)",) and dict(p.inputs) == {"k": 2000.0}
    assert "options.o.flows[0].amount (x): exponent too large (max 1000)" in p.message


def test_finite_lines_that_overflow_in_the_total_are_reported():
    m = cba.Model.from_dict({"name": "o", "horizon": 1, "discount_rate": 0.08,
                             "parameters": {"big": {"value": 1e307, "high": 1e308}},
                             "options": {"o": {"flows": [{"name": "x", "kind": "cost", "amount": "big"},
                                                         {"name": "y", "kind": "cost", "amount": "big"}]}}})
    (p,) = check_model(m).problems                  # 2e307 is finite; 2e308 is above 1.8e308
    assert (p.flow, p.where, p.period, p.value, p.cases) == (None, "options.o", 1, math.inf,
                                                             ("parameters.big.high (1e+308)",))


def test_all_cases_are_one_vectorised_run(monkeypatch):
    calls = []
    real = check_module._line

    def counting(model, flow, env, n):
        calls.append((flow.name, n))
        return real(model, flow, env, n)

    monkeypatch.setattr(check_module, "_line", counting)
    check_model(_model())
    assert calls == [("logs", 8), ("roots", 8), ("spike", 8)]      # one call per line, all 8 cases


def test_the_flat_api_exports_it():
    assert cba.check_model is check_model
    assert "check_model" in cba.__all__ and "ModelCheck" in cba.__all__


def test_assets_are_checked_case_by_case():
    # a life of 0 at the low end of its range cannot place any purchase (a life must be above 0,
    # cba.method.assets); the base (4) and the high end (8) are fine
    m = cba.load_model({"name": "x", "horizon": 10, "discount_rate": 0.05,
                        "parameters": {"life": {"value": 4, "low": 0, "high": 8}, "c": 10},
                        "options": {"o": {"assets": [{"name": "lamps", "cost": "c", "life": "life"}]}}})
    report = cba.check_model(m)
    assert not report.ok and len(report.problems) == 1
    p = report.problems[0]
    assert (p.option, p.flow, p.where) == ("o", "lamps", "options.o.assets[0]")
    assert [c.render("en") for c in p.cases] == ["parameters.life.low (0)"]
    assert str(p.message.render("en")).startswith("options.o.assets[0].life (lamps): the value is 0")
    fine = cba.load_model({**m.to_dict(), "parameters": {"life": {"value": 4, "low": 1, "high": 8}, "c": 10}})
    assert cba.check_model(fine).ok


def test_asset_problems_are_named_as_the_file_names_them(tmp_path):
    # a YAML file counts positions from 1 (as for flow lines); a workbook names the cell
    f = tmp_path / "m.yaml"
    f.write_text("name: t\nhorizon: 10\ndiscount_rate: 0.05\nparameters:\n  life: {value: 4, low: 1, high: 8}\n"
                 "options:\n  renew:\n    flows:\n      - {name: saving, kind: benefit, amount: 30}\n"
                 "    assets:\n      - {name: machine, cost: 100, life: life}\n"
                 "scenarios:\n  short: {life: 0}\n", encoding="utf-8")
    problem = cba.check_model(cba.load_model(f)).problems[0]
    assert problem.message.render("en").startswith(f"{f}: options.renew.assets[1].life (machine): the value is 0")
    from cba.model.files import write_excel

    x = tmp_path / "m.xlsx"
    write_excel(cba.load_model(f), x)
    problem = cba.check_model(cba.load_model(x)).problems[0]
    assert problem.message.render("en").startswith(f"{x}: sheet 'assets', row 2, column E ('life') (machine)")
