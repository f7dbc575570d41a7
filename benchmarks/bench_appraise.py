"""Appraise the kiosk model for 100,000 draws through the model file, against the same model
written by hand in numpy (target: within 3x).

The hand-written side computes what an appraisal holds: every option alone and the kiosks'
increment over manual duty, each with PV costs, PV benefits, NPV, BCR, IRR, payback and
discounted payback. For IRR and payback both sides call the same vectorised cba.finance
functions, so the ratio measures the model-file path (formula evaluation, flow lines, totals).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best  # noqa: E402

import cba  # noqa: E402
from cba import finance  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
N = 100_000


def by_hand(d: dict, fixed: dict, rate: float = 0.08, T: int = 11, lean: bool = False) -> dict:
    """The kiosk model, incremental against manual duty, written directly in numpy."""
    t = np.arange(T, dtype=float)
    n_posts = fixed["n_posts"]
    price = d["kiosk_price"][:, None]
    life = d["service_life"][:, None]
    om = d["om_cost"][:, None]
    staff = d["staff_cost"][:, None]
    fte = d["fte_per_post"][:, None]
    freed = d["staff_freed"][:, None]
    acc = d["accidents"][:, None]
    red = d["reduction"][:, None]
    crash = d["crash_cost"][:, None]
    yr = (t >= 1)
    manual = n_posts * fte * staff * yr
    outlays = (n_posts * price * (t == 0) + n_posts * price * (t == np.floor(life)) * ((t >= 1) & (t <= 9))
               + n_posts * om * yr)
    staffing = n_posts * np.maximum(0, fte - freed) * staff * yr
    kiosk_cost = outlays + staffing
    residual = n_posts * price * np.maximum(0, 1 - (10 - np.where(life < 10, np.floor(life), 0)) / life) * (t == 10)
    kiosk_ben = n_posts * acc * red * crash / 10000 * yr + residual
    # increments line by line: staffing is matched with manual staffing, the rest stands alone
    d_staff = staffing - manual
    inc_b = kiosk_ben + np.maximum(-d_staff, 0)
    inc_c = outlays + np.maximum(d_staff, 0)
    df = (1 + rate) ** -t
    out = {}
    sides = [("manual", manual, np.zeros_like(manual)), ("kiosk", kiosk_cost, kiosk_ben)]
    for name, c, b in ([] if lean else sides) + [("increment", inc_c, inc_b)]:
        pv_b, pv_c = b @ df, c @ df
        net = b - c
        irr, _ = finance.irr_solve(net)
        with np.errstate(all="ignore"):
            out[name] = {"npv": pv_b - pv_c, "bcr": np.where(pv_c > 0, pv_b / pv_c, np.nan), "irr": irr,
                         "payback": finance.payback(net), "discounted_payback": finance.payback(net * df)}
    return out["increment"]


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", cba.CBAWarning)
    model = cba.load_model(ROOT / "data" / "minhang_kiosk.yaml")
    draws = model.sample(N, seed=1)
    fixed = {k: p.value for k, p in model.parameters.items() if k not in draws}
    ours = best(lambda: cba.appraise(model, **draws), 3)
    base = best(lambda: by_hand(draws, fixed), 3)
    a = cba.appraise(model, **draws)
    h = by_hand(draws, fixed)
    diff = max(float(np.max(np.abs(a.incremental["kiosk"][k] - h[k]))) for k in ("npv", "bcr"))
    lean = best(lambda: by_hand(draws, fixed, lean=True), 3)
    print(f"appraise kiosk {N} draws: model file {ours:.3f} s, hand-written numpy (same outputs) {base:.3f} s "
          f"-> ratio {ours / base:.2f}x (target <= 3x); max |NPV, BCR diff| {diff:.2e}")
    print(f"  stricter baseline, hand-written increment only (no per-option figures) {lean:.3f} s "
          f"-> ratio {ours / lean:.2f}x")
    if diff > 1e-6:
        sys.exit("answers differ")
