"""The Minhang kiosk example recomputed by hand in numpy, to full precision.

Every flow line of data/minhang_kiosk.yaml is written out below from the model file's formulas,
and its kiosks (an asset) from the asset rules of cba.method.assets (purchase at 0, a replacement
due at each k x life < horizon placed in period ceil(k x life), straight-line residual value of
the set in service at the horizon), not through cba's expression engine or evaluation path,
then discounted, split into
incremental costs and benefits by line as cba.appraise's docstring and the README define it
(d_t = option line - baseline line of the same name; benefits max(d_t, 0), costs max(-d_t, 0)),
and compared with cba.appraise to rounding error, at the base case, in both scenarios and on
random draws.

Views (the model's economic: section): in the economic view (the model's main view) both staffing
lines are valued at the shadow wage factor 0.8 the model declares for unskilled_labour, and the
accident reduction (economic: external) counts; in the financial view staffing is at its cash
cost and the accident reduction is left out.
"""
from __future__ import annotations

import numpy as np
import pytest

import cba

T = np.arange(11)                    # periods 0..10 (horizon: 10)
BASE = {"n_posts": 6.0, "kiosk_price": 10.0, "service_life": 8.0, "om_cost": 0.8, "staff_cost": 12.0,
        "fte_per_post": 5.0, "staff_freed": 1.5, "accidents": 30.0, "reduction": 0.10,
        "crash_cost": 44200.0, "discount_rate": 0.08}
SHADOW_WAGE = 0.8                    # data/minhang_kiosk.yaml, economic.factors.unskilled_labour
SCENARIOS = {   # data/minhang_kiosk.yaml, scenarios:
    "pessimistic": {"kiosk_price": 20.0, "service_life": 5.0, "om_cost": 1.5, "staff_freed": 0.5,
                    "reduction": 0.0},
    "optimistic": {"kiosk_price": 3.0, "service_life": 10.0, "om_cost": 0.3, "staff_freed": 3.0,
                   "reduction": 0.4},
}


def lines(p: dict, view: str = "economic") -> tuple[dict, dict]:
    """Signed flow lines (benefits +, costs -) of each option, shape (draws, 11), in ``view``."""
    col = {k: np.atleast_1d(np.asarray(v, dtype=float))[:, None] for k, v in p.items()}
    n, price, life = col["n_posts"], col["kiosk_price"], col["service_life"]
    zero = np.zeros((max(len(np.atleast_1d(v)) for v in p.values()), len(T)))
    every = (T >= 1).astype(float)                             # default: from period 1 to the horizon
    wage = SHADOW_WAGE if view == "economic" else 1.0          # staffing: economic: unskilled_labour
    external = 1.0 if view == "economic" else 0.0              # fewer_accidents: economic: external
    manual = {"staffing": zero - wage * n * col["fte_per_post"] * col["staff_cost"] * every}
    # the kiosks: bought at 0; replaced when each set wears out, at k x life for every k x life < 10,
    # in period ceil(k x life); at 10 the set bought last (at k* x life) has (k* x life + life - 10) /
    # life of its life left, valued straight-line
    bought = n * price * (T == 0)
    last = np.zeros_like(life)
    k = 1
    while (k * life < 10).any():
        due = k * life
        bought = bought + n * price * ((due < 10) & (T == np.ceil(due)))
        last = np.where(due < 10, due, last)
        k += 1
    left = np.clip((last + life - 10) / life, 0, 1)
    kiosk = {
        "kiosks": zero - bought,
        "kiosks_residual": zero + n * price * left * (T == 10),
        "upkeep": zero - n * col["om_cost"] * every,
        "staffing": zero - wage * n * np.maximum(0, col["fte_per_post"] - col["staff_freed"]) * col["staff_cost"] * every,
        "fewer_accidents": zero + external * n * col["accidents"] * col["reduction"] * col["crash_cost"] / 10000 * every,
    }
    return manual, kiosk


def reference(p: dict, view: str = "economic") -> dict:
    manual, kiosk = lines(p, view)
    names = set(manual) | set(kiosk)
    d = {k: kiosk.get(k, 0.0) - manual.get(k, 0.0) for k in names}
    benefits = sum(np.maximum(x, 0) for x in d.values())
    costs = sum(np.maximum(-x, 0) for x in d.values())
    rate = np.atleast_1d(np.asarray(p["discount_rate"], dtype=float))[:, None]
    disc = (1 + rate) ** -T.astype(float)
    pvb, pvc = (benefits * disc).sum(axis=1), (costs * disc).sum(axis=1)
    return {"pv_benefits": pvb, "pv_costs": pvc, "npv": pvb - pvc, "bcr": pvb / pvc,
            "net": benefits - costs, "manual_pv_costs": (-manual["staffing"] * disc).sum(axis=1)}


def irr_by_polynomial_roots(net) -> float:
    """The one real root v in (0, 1] of sum net_t v^t (v = 1 / (1 + r)), by numpy.roots."""
    v = np.roots(np.asarray(net, float)[::-1])
    v = v[(np.abs(v.imag) < 1e-9) & (v.real > 0)].real
    assert v.size == 1
    return float(1 / v[0] - 1)


def test_hand_reference_agrees_with_present_value_tables():
    # The 4-decimal hand calculation of tests/analysis/test_appraise.py (PVIF(8%, 8) = 0.5403,
    # PVIF(8%, 10) = 0.4632, PVIFA(8%, 10) = 6.7101): the full-precision reference is within the
    # tables' rounding of it, so both describe the same model. Economic view: the staff saving
    # 108 at the shadow wage 0.8 = 86.4, plus the accident reduction 79.56; financial view: the
    # saving 108 at cost, no accident reduction.
    ref = reference(BASE)
    assert ref["npv"][0] == pytest.approx(-60 - 60 * 0.5403 + 45 * 0.4632 + (86.4 - 4.8 + 79.56) * 6.7101,
                                          abs=5e-5 * (60 + 45 + 161.16))
    fin = reference(BASE, "financial")
    assert fin["npv"][0] == pytest.approx(-60 - 60 * 0.5403 + 45 * 0.4632 + (108 - 4.8) * 6.7101,
                                          abs=5e-5 * (60 + 45 + 103.2))


@pytest.mark.parametrize("view", ["economic", "financial"])
@pytest.mark.parametrize("scenario", [None, "pessimistic", "optimistic"])
def test_kiosk_appraisal_to_full_precision(kiosk_path, scenario, view):
    m = cba.load_model(kiosk_path)
    ref = reference({**BASE, **SCENARIOS.get(scenario, {})}, view)
    a = cba.appraise(m, scenario=scenario, view=view)
    for metric in ("npv", "pv_costs", "pv_benefits", "bcr"):
        assert a["kiosk", metric] == pytest.approx(float(ref[metric][0]), rel=1e-12), metric
    assert a.standalone["manual"]["pv_costs"][0] == pytest.approx(float(ref["manual_pv_costs"][0]), rel=1e-12)
    net = ref["net"][0]
    if np.sum(np.diff(np.sign(net[net != 0])) != 0) == 1:                 # one sign change: one IRR
        assert a["kiosk", "irr"] == pytest.approx(irr_by_polynomial_roots(net), rel=1e-9)
    cum = np.cumsum(net)
    t = int(np.argmax(cum >= 0))
    if cum[0] < 0 and cum[t] >= 0:
        assert a["kiosk", "payback"] == pytest.approx(t - 1 + -cum[t - 1] / net[t], rel=1e-12)


def test_kiosk_central_values():
    # the numbers the README and the report quote, from the reference alone (ENPV, the main view)
    ref = reference(BASE)
    assert round(float(ref["npv"][0]), 2) == 1009.82
    assert round(float(reference({**BASE, **SCENARIOS["pessimistic"]})["npv"][0]), 2) == -68.81
    assert round(float(reference({**BASE, **SCENARIOS["optimistic"]})["npv"][0]), 2) == 3264.84
    # FNPV (financial view)
    assert round(float(reference(BASE, "financial")["npv"][0]), 2) == 620.91


def test_kiosk_random_draws_to_full_precision(kiosk_path):
    # 400 draws cover non-integer service lives, short ones (several replacements), also beyond
    # the horizon (replacement in period ceil(life), residual value), staff_freed above
    # fte_per_post (max(0, ...)) and rates 6..10%
    m = cba.load_model(kiosk_path)
    rng = np.random.default_rng(8)
    draws = {k: rng.uniform(p.low, p.high, 400) for k, p in m.parameters.items() if p.low is not None}
    draws["discount_rate"] = rng.uniform(0.06, 0.10, 400)
    draws["staff_freed"] = rng.uniform(0.5, 6.0, 400)
    draws["service_life"] = rng.uniform(2.0, 14.0, 400)
    assert (draws["staff_freed"] > draws["fte_per_post"]).any()
    assert (draws["service_life"] < 10 / 3).any()                     # three replacements or more
    ref = reference({**BASE, **draws})
    inc = cba.appraise(m, **draws).incremental["kiosk"]
    for metric in ("npv", "pv_costs", "pv_benefits", "bcr"):
        np.testing.assert_allclose(inc[metric], ref[metric], rtol=1e-12, atol=1e-9, err_msg=metric)


def test_cli_evaluate_json_matches_the_reference(kiosk_path, capsys):
    import json

    from cba.cli import main

    assert main(["evaluate", str(kiosk_path), "--json", "--set", "kiosk_price=15"]) == 0
    out = json.loads(capsys.readouterr().out)
    ref = reference({**BASE, "kiosk_price": 15.0})
    inc = out["incremental"]["kiosk"]
    for metric in ("npv", "bcr", "pv_costs", "pv_benefits"):
        assert inc[metric] == pytest.approx(float(ref[metric][0]), rel=1e-12), metric


def test_kiosk_price_switching_value_closed_form(kiosk_path):
    # ENPV is linear in the kiosk price at a service life of 8: one more 万元 per kiosk costs 6 at
    # t = 0 and 6 at t = 8 and adds 6 x (1 - 2/8) = 4.5 of residual value at t = 10, so
    # NPV(price) = NPV(10) - (price - 10) x slope and the switching price is 10 + NPV(10) / slope.
    slope = 6 + 6 * 1.08 ** -8 - 4.5 * 1.08 ** -10
    npv10 = float(reference(BASE)["npv"][0])
    assert float(reference({**BASE, "kiosk_price": 11.0})["npv"][0]) == pytest.approx(npv10 - slope, rel=1e-12)
    m = cba.load_model(kiosk_path)
    assert cba.breakeven(m, "kiosk_price") == pytest.approx(10 + npv10 / slope, rel=1e-10)
