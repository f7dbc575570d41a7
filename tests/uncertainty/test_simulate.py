"""cba.simulate: statistics against closed forms, reproducibility across chunks and workers,
running summaries against the kept draws, and errors.

The closed form: NPV = -C + (B - K) * a with independent triangular C, B, K and the annuity
factor a = (1 - 1.05**-10) / 0.05 = 7.721734929...; E[tri(l, m, h)] = (l + m + h) / 3 and
Var = (l² + m² + h² - lm - lh - mh) / 18 (Johnson, Kotz & Balakrishnan, Continuous Univariate
Distributions vol. 2, 2nd ed., ch. 26 (triangular distribution)).
"""
from __future__ import annotations

import math

import numpy as np
import pytest

import cba
from cba.errors import InputError
from cba.uncertainty.simulate import TASK_DRAWS, simulate

A = (1 - 1.05 ** -10) / 0.05          # 7.72173492918...
TRI = {"capital": (80.0, 100.0, 140.0), "benefit": (10.0, 20.0, 25.0), "cost": (2.0, 4.0, 5.0)}


def _tri_mean(l, m, h):
    return (l + m + h) / 3


def _tri_var(l, m, h):
    return (l * l + m * m + h * h - l * m - l * h - m * h) / 18


def three_input_model(baseline: bool = False):
    params = {k: {"value": m, "low": l, "high": h, "distribution": "triangular"} for k, (l, m, h) in TRI.items()}
    options = {"build": {"flows": [{"name": "capex", "kind": "cost", "amount": "capital", "at": 0},
                                   {"name": "gain", "kind": "benefit", "amount": "benefit"},
                                   {"name": "upkeep", "kind": "cost", "amount": "cost"}]}}
    if baseline:
        options["none"] = {"flows": []}
    return cba.load_model({"name": "three", "horizon": 10, "discount_rate": 0.05, "parameters": params,
                           "options": options, **({"baseline": "none"} if baseline else {})})


def test_mean_and_sd_of_a_linear_npv_match_the_closed_form():
    mean = -_tri_mean(*TRI["capital"]) + A * (_tri_mean(*TRI["benefit"]) - _tri_mean(*TRI["cost"]))
    sd = math.sqrt(_tri_var(*TRI["capital"]) + A * A * (_tri_var(*TRI["benefit"]) + _tri_var(*TRI["cost"])))
    assert mean == pytest.approx(-106.6666667 + 7.7217349 * (18.3333333 - 3.6666667), rel=1e-6)
    sim = simulate(three_input_model(), n=200_000, seed=11)
    got = sim.moments().loc["build"]
    # the estimator's own standard errors: SE(mean) = sd / sqrt(n)
    assert got["se_mean"] == pytest.approx(sd / math.sqrt(200_000), rel=0.02)
    assert abs(got["mean"] - mean) < 4 * got["se_mean"]
    assert abs(got["sd"] - sd) < 4 * got["se_sd"]
    # P(NPV < 0) against the normal approximation is not exact; against the draws it is a count
    x = sim.draws_of("npv")
    assert sim.prob_negative() == (x < 0).mean()
    assert sim.se_prob_negative() == pytest.approx(math.sqrt(sim.prob_negative() * (1 - sim.prob_negative()) / 200_000))


def test_incremental_basis_against_a_do_nothing_baseline_gives_the_same_npv():
    a = simulate(three_input_model(), n=5_000, seed=2)
    b = simulate(three_input_model(baseline=True), n=5_000, seed=2)
    assert b.basis == "incremental" and a.basis == "standalone"
    np.testing.assert_allclose(a.npv["build"].to_numpy(), b.npv["build"].to_numpy(), rtol=1e-12, atol=1e-9)


def test_each_draw_matches_appraise_on_its_own_inputs():
    m = cba.load_model("data/minhang_kiosk.yaml")
    sim = simulate(m, n=300, seed=5)
    inputs = sim.inputs
    one = cba.appraise(m, **{k: inputs[k].to_numpy() for k in inputs.columns})
    np.testing.assert_allclose(sim.npv["kiosk"].to_numpy(), one["kiosk", "npv"], rtol=1e-12)
    np.testing.assert_allclose(sim.bcr["kiosk"].to_numpy(), one["kiosk", "bcr"], rtol=1e-12)


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
def test_the_same_seed_gives_the_same_numbers_whatever_the_chunk_size(method):
    m = cba.load_model("data/minhang_kiosk.yaml")
    ref = simulate(m, n=4_096, seed=9, method=method)
    for chunk in (1_000, 4_096, 777):
        other = simulate(m, n=4_096, seed=9, method=method, chunk=chunk)
        assert np.array_equal(ref.npv.to_numpy(), other.npv.to_numpy())
        assert np.array_equal(ref.inputs.to_numpy(), other.inputs.to_numpy())


def test_two_worker_processes_give_identical_results():
    m = cba.load_model("data/minhang_kiosk.yaml")
    n = 2 * TASK_DRAWS + 123          # three tasks: the last one short
    one = simulate(m, n=n, seed=4, workers=1)
    two = simulate(m, n=n, seed=4, chunk=1_000, workers=2)
    assert two.workers == 2
    assert np.array_equal(one.npv.to_numpy(), two.npv.to_numpy())
    assert one.prob_negative() == two.prob_negative()
    assert one.moments().equals(two.moments())


def test_a_summary_run_agrees_with_the_draws_it_did_not_keep():
    m = three_input_model()
    full = simulate(m, n=50_000, seed=3)
    summ = simulate(m, n=50_000, seed=3, keep="summary", chunk=4_000)
    x = full.draws_of("npv")
    got = summ.moments().loc["build"]
    assert got["mean"] == pytest.approx(x.mean(), rel=1e-12)
    assert got["sd"] == pytest.approx(x.std(ddof=1), rel=1e-9)
    assert summ.prob_negative() == (x < 0).mean()
    # quantiles from a 4,096-bin histogram: within one bin width of the exact ones
    width = (x.max() - x.min()) * 2 / 4096
    exact = np.quantile(x, [0.05, 0.5, 0.95])
    np.testing.assert_allclose(summ.quantiles((0.05, 0.5, 0.95)).loc["build"].to_numpy(), exact, atol=width)
    with pytest.raises(InputError):
        summ.npv


def test_fixed_parameters_are_not_drawn_and_are_named():
    m = cba.load_model("data/minhang_kiosk.yaml")
    sim = simulate(m, n=1_000, seed=1, kiosk_price=12.0)
    assert "kiosk_price" not in sim.sampled and "kiosk_price" not in sim.inputs.columns
    assert any("kiosk_price" in t for t in sim.notes)


def test_the_irr_is_simulated_on_request_only():
    m = three_input_model()
    sim = simulate(m, n=200, seed=1, irr=True)
    inputs = sim.inputs
    expect = [cba.irr([-c] + [b - k] * 10) for c, b, k in zip(inputs.capital, inputs.benefit, inputs.cost)]
    np.testing.assert_allclose(sim.irr["build"].to_numpy(), expect, rtol=1e-9)
    with pytest.raises(InputError, match="irr=True"):
        simulate(m, n=10, seed=1).irr


def test_bad_arguments_name_the_field():
    m = three_input_model()
    for kw, field in (({"n": 0}, "n"), ({"seed": -1}, "seed"), ({"method": "halton"}, "method"),
                      ({"keep": "all"}, "keep"), ({"nope": 1.0}, "fixed.nope")):
        args = {"n": 10, "seed": 1, **kw}
        with pytest.raises(InputError) as err:
            simulate(m, **args)
        assert err.value.where == field
    fixed_all = {k: 1.0 for k in TRI}
    with pytest.raises(InputError, match="distribution"):
        simulate(m, n=10, seed=1, **fixed_all)


def test_summary_in_chinese_and_english():
    m = three_input_model()
    sim = simulate(m, n=1_000, seed=1)
    with cba.use_lang("zh"):
        zh = sim.summary()
    assert "蒙特卡洛模拟：1,000 次抽样（简单随机抽样，随机种子 1）" in zh
    assert "Monte Carlo simulation: 1,000 draws (simple random sampling, seed 1)" in sim.summary("en")
    assert "<table" in sim._repr_html_()


def test_no_seed_is_stated_as_not_reproducible():
    sim = simulate(three_input_model(), n=100)
    assert sim.seed is None and any("cannot be reproduced" in t for t in sim.notes)


def test_a_scenario_holds_the_parameters_it_sets():
    # the pessimistic scenario sets kiosk_price 20 and service_life 5 (data/minhang_kiosk.yaml):
    # they are not drawn, every draw uses 20 and 5, and the notes say so
    m = cba.load_model("data/minhang_kiosk.yaml")
    sim = simulate(m, n=2_000, seed=1, scenario="pessimistic")
    assert "kiosk_price" not in sim.sampled and "service_life" not in sim.sampled
    one = cba.appraise(m, scenario="pessimistic", **{k: sim.inputs[k].to_numpy() for k in sim.inputs.columns})
    np.testing.assert_allclose(sim.npv["kiosk"].to_numpy(), one["kiosk", "npv"], rtol=1e-12)
    assert any("scenario 'pessimistic'" in t and "kiosk_price" in t for t in sim.notes)
