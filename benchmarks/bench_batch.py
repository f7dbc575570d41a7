"""Batch ``--no-report`` throughput: 10,000 rows sharing the kiosk model.

cba.batch.evaluate_rows (one vectorised appraisal per group of rows sharing a model file,
scenario and set of overridden parameters) against a loop of per-row ``cba.appraise`` calls,
measured on 200 rows in the same run; then the whole ``--no-report`` run (``run_batch``: table,
evaluation, the database in one transaction, summary.csv/xlsx and index.html). Target (issue 14):
at least 1,000 rows per second for ``--no-report``, memory under 2 GB (peak resident size printed).
"""
from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parents[1]

import cba  # noqa: E402
from cba.batch import evaluate_rows, read_batch  # noqa: E402

N, N_LOOP = 10_000, 200


def main() -> None:
    d = Path(tempfile.mkdtemp())
    shutil.copy(ROOT / "data" / "minhang_kiosk.yaml", d / "kiosk.yaml")
    rng = np.random.default_rng(14)
    lines = ["id,model,kiosk_price,service_life,n_posts,om_cost,staff_freed"]
    for i in range(N):
        lines.append(f"p{i:05d},kiosk.yaml,{rng.uniform(3, 20):.4f},{rng.uniform(5, 10):.3f},"
                     f"{rng.integers(2, 12)},{rng.uniform(0.3, 1.5):.4f},{rng.uniform(0.5, 3):.4f}")
    (d / "batch.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    t0 = time.perf_counter()
    table = read_batch(d / "batch.csv")
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = evaluate_rows(table)
    t_eval = time.perf_counter() - t0
    assert (out["status"] == "ok").all()

    model = table.rows[0].model
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for r in table.rows[:N_LOOP]:
            cba.appraise(model, **r.overrides)["kiosk", "npv"]
    t_loop = time.perf_counter() - t0

    from cba.batch import run_batch

    t0 = time.perf_counter()
    run = run_batch(d / "batch.csv", d / "out", report=False, progress=False)
    t_run = time.perf_counter() - t0
    assert run.ok

    total = t_read + t_eval
    rate, loop_rate = N / total, N_LOOP / t_loop
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"batch --no-report, {N} rows sharing one model: read {t_read:.2f} s + evaluate {t_eval:.2f} s "
          f"-> {rate:,.0f} rows/s")
    print(f"whole run (cba.batch.run_batch --no-report: table, evaluation, database, summary.csv/xlsx/index.html): "
          f"{t_run:.2f} s -> {N / t_run:,.0f} rows/s (target >= 1,000)")
    print(f"per-row cba.appraise loop on {N_LOOP} rows: {loop_rate:,.0f} rows/s -> batch is "
          f"{rate / loop_rate:.1f}x faster; peak memory {peak_mb:,.0f} MB (target < 2,048)")


if __name__ == "__main__":
    main()
