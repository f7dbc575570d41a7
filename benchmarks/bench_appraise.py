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


def by_hand(d: dict, fixed: dict, rate: float = 0.08, T: int = 11, lean: bool = False,
            npv_only: bool = False) -> dict:
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
    wage = 0.8                       # economic view: staffing at the shadow wage (economic: unskilled_labour)
    manual = wage * n_posts * fte * staff * yr
    # the kiosks (an asset): bought at 0, replaced at k x life < 10 in period ceil(k x life);
    # straight-line residual value at 10 of the set bought last
    bought = n_posts * price * (t == 0)
    last = np.zeros_like(life)
    k = 1
    while (k * life < 10).any():
        due = k * life
        bought = bought + n_posts * price * ((due < 10) & (t == np.ceil(due)))
        last = np.where(due < 10, due, last)
        k += 1
    residual = n_posts * price * np.clip((last + life - 10) / life, 0, 1) * (t == 10)
    outlays = bought + n_posts * om * yr
    staffing = wage * n_posts * np.maximum(0, fte - freed) * staff * yr
    kiosk_cost = outlays + staffing
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
        if npv_only:
            with np.errstate(all="ignore"):
                out[name] = {"npv": pv_b - pv_c, "bcr": np.where(pv_c > 0, pv_b / pv_c, np.nan)}
            continue
        net = b - c
        irr, _ = finance.irr_solve(net)
        with np.errstate(all="ignore"):
            out[name] = {"npv": pv_b - pv_c, "bcr": np.where(pv_c > 0, pv_b / pv_c, np.nan), "irr": irr,
                         "payback": finance.payback(net), "discounted_payback": finance.payback(net * df)}
    return out["increment"]


def kiosk_npv_bcr_by_hand(d: dict, fixed: dict, rate: float = 0.08) -> tuple[np.ndarray, np.ndarray]:
    """NPV and BCR of the kiosks' increment only (what a simulation keeps), by hand."""
    out = by_hand(d, fixed, rate, lean=True, npv_only=True)
    return out["npv"], out["bcr"]


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
