"""Cost of sensitivity analysis and break-even searches, measured against ONE appraisal of the
same model in the same run.

(a) A 20-parameter tornado (1 + 40 + 100 draws in one batched call: each input's two ends and 5
    points inside its range; with its spider data 260 more) as a ratio to one appraisal
    (target <= 3x); for scale, the ends alone as 40 separate appraisals.
(b) One break-even, in equivalent single-model evaluations: its time divided by one appraisal's
    (target <= 50), with the batched calls and draws it used; on the 20-parameter model, on the
    kiosk model (linear) and on a step of the kiosk model (service life, pessimistic scenario).
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best  # noqa: E402

import numpy as np  # noqa: E402

import cba  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def twenty_parameter_model() -> cba.Model:
    """A 30-year road-safety programme against doing nothing, with 20 uncertain inputs."""
    P = {
        "cameras": (40, 30, 60), "camera_price": (30, 20, 50), "install": (3, 2, 5),
        "software": (150, 100, 300), "om_share": (0.05, 0.03, 0.08), "energy": (0.4, 0.2, 0.8),
        "staff": (6, 4, 10), "wage": (14, 11, 18), "staff_saved": (20, 10, 30),
        "crashes": (300, 200, 500), "reduction": (0.12, 0.0, 0.3), "crash_cost": (4.4, 1.1, 7.6),
        "traffic_growth": (0.02, 0.0, 0.04), "time_saved": (0.5, 0.2, 1.0), "value_time": (0.004, 0.003, 0.006),
        "trips": (30000, 20000, 40000), "fines": (50, 0, 120), "life": (10, 7, 15), "residual": (0.1, 0.0, 0.2),
        "delay": (1, 0, 2),
    }
    params = {k: {"value": v, "low": lo, "high": hi} for k, (v, lo, hi) in P.items()}
    flows = [
        {"name": "capex", "kind": "cost", "amount": "cameras * (camera_price + install) + software", "at": 0},
        {"name": "renewal", "kind": "cost", "amount": "cameras * camera_price * (t == floor(life))"},
        {"name": "om", "kind": "cost", "amount": "cameras * camera_price * om_share + cameras * energy"},
        {"name": "operators", "kind": "cost", "amount": "staff * wage"},
        {"name": "patrols_saved", "kind": "benefit", "amount": "staff_saved * wage * step(t, 1 + delay)"},
        {"name": "crashes_avoided", "kind": "benefit",
         "amount": "crashes * reduction * crash_cost * growth(traffic_growth, t) * step(t, 1 + delay)"},
        {"name": "time", "kind": "benefit", "amount": "trips * time_saved * value_time * growth(traffic_growth, t)"},
        {"name": "fine_revenue", "kind": "benefit", "amount": "fines * step(t, 1 + delay)"},
        {"name": "residual_value", "kind": "benefit", "amount": "cameras * camera_price * residual", "at": 30},
    ]
    return cba.load_model({"name": "twenty", "currency": "万元", "horizon": 30, "discount_rate": 0.08,
                           "baseline": "none", "parameters": params,
                           "options": {"none": {"flows": []}, "cameras": {"flows": flows}}})


def main() -> None:
    warnings.simplefilter("ignore", cba.CBAWarning)
    m20 = twenty_parameter_model()
    assert len(m20.uncertain) == 20
    one = best(lambda: cba.appraise(m20), 50)

    t_only = cba.sensitivity(m20, steps=())
    tornado = best(lambda: cba.sensitivity(m20, steps=()), 10)
    s = cba.sensitivity(m20)
    with_spider = best(lambda: cba.sensitivity(m20), 10)
    loop = best(lambda: [cba.appraise(m20, **{p: v}) for p in m20.uncertain
                         for v in (m20.parameters[p].low, m20.parameters[p].high)], 3)
    ratio = tornado / one
    print(f"(a) 20-parameter tornado ({t_only.draws} draws, {t_only.calls} call): {tornado * 1e3:.2f} ms, "
          f"one appraisal {one * 1e3:.2f} ms -> ratio {ratio:.2f}x (target <= 3x); "
          f"as 40 separate appraisals: {loop * 1e3:.1f} ms ({loop / one:.0f}x)")
    print(f"    tornado + spider ({s.draws} draws, {s.calls} call): {with_spider * 1e3:.2f} ms -> "
          f"ratio {with_spider / one:.2f}x")
    # Stricter baseline: one evaluation computing only the NPV (what a tornado on NPV needs),
    # since a full appraisal also solves IRRs and paybacks for every option.
    from cba.analysis.appraise import appraise_flows
    from cba.model.evaluate import cash_flows, resolve_inputs

    def npv_only(model: cba.Model = m20) -> None:
        inputs = resolve_inputs(model, {})
        appraise_flows(model, inputs, cash_flows(model, inputs), metrics=("npv",), standalone=False)

    one_npv = best(npv_only, 50)
    print(f"    stricter baseline, one NPV-only evaluation {one_npv * 1e3:.2f} ms: tornado {tornado / one_npv:.2f}x, "
          f"tornado + spider {with_spider / one_npv:.2f}x")

    kiosk = cba.load_model(ROOT / "data" / "minhang_kiosk.yaml")
    one_k = best(lambda: cba.appraise(kiosk), 30)
    one_k_npv = best(lambda: npv_only(kiosk), 50)
    worst = worst_strict = 0.0
    cases = [
        ("20-parameter model, staff saved", m20, one, dict(parameter="staff_saved")),
        ("kiosk, kiosk price (linear)", kiosk, one_k, dict(parameter="kiosk_price")),
        ("kiosk, discount rate (IRR 304.6%, searched 0-1000%)", kiosk, one_k, dict(parameter="discount_rate")),
        ("kiosk, service life, pessimistic (two steps)", kiosk, one_k,
         dict(parameter="service_life", scenario="pessimistic")),
    ]
    for name, model, base, kw in cases:
        be = cba.breakeven(model, full_output=True, **kw)
        t = best(lambda: cba.breakeven(model, **kw), 5)
        worst = max(worst, t / base)
        strict = t / (one_npv if model is m20 else one_k_npv)
        worst_strict = max(worst_strict, strict)
        print(f"(b) break-even, {name}: {t * 1e3:.2f} ms = {t / base:.1f} single evaluations "
              f"({strict:.1f} NPV-only evaluations; target <= 50); {be.calls} batched calls, {be.draws} draws; "
              f"value {be.value:.6g}")
    sv = cba.switching_values(m20)
    t = best(lambda: cba.switching_values(m20), 3)
    print(f"    switching values of all 20 inputs together: {t * 1e3:.1f} ms = {t / one:.1f} single evaluations "
          f"({sv.attrs['calls']} batched calls, {sv.attrs['draws']} draws; {int(sv['switching_value'].notna().sum())} found)")
    print(f"    worst break-even: {worst:.1f} single evaluations, {worst_strict:.1f} NPV-only evaluations "
          f"(target <= 50); tornado {ratio:.2f}x one appraisal, {tornado / one_npv:.2f}x one NPV-only "
          f"evaluation (target <= 3x)")


if __name__ == "__main__":
    main()
