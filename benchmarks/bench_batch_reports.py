"""Batch reports: 40 kiosk-variant HTML reports with ``cba batch`` against a sequential loop of
``papermill`` CLI calls on the same template with the same parameters, timed in the same run.

Ours: ``cba batch TABLE --out DIR --workers 2`` as a whole command (worker start-up, warm
kernels, HTML conversion, the database and the summary included). Baseline: one ``papermill``
process per row (its own interpreter start, kernel start and imports), writing only the executed
notebook (no HTML: the baseline does less work). Target (issue 14): at least 4x faster, aim 6x.
Each row's seed is ``cba.batch.row_seed(7, id)`` in both, so both run the same numbers.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
N = 40


def main() -> None:
    from cba.batch import row_seed
    from cba.report.render import DEFAULT_TEMPLATE

    d = Path(tempfile.mkdtemp(prefix="cba-bench-batch-"))
    model = ROOT / "data" / "minhang_kiosk.yaml"
    rng = np.random.default_rng(40)
    rows = [(f"k{i:02d}", round(rng.uniform(6, 16), 2), round(rng.uniform(8, 15), 2)) for i in range(N)]
    (d / "t.csv").write_text("id,model,kiosk_price,staff_cost\n" + "".join(
        f"{i},{model},{p},{s}\n" for i, p, s in rows), encoding="utf-8")

    t0 = time.perf_counter()
    done = subprocess.run([str(BIN / "cba"), "batch", str(d / "t.csv"), "--out", str(d / "ours"), "--workers", "2",
                           "--seed", "7", "--quiet"], capture_output=True, text=True)
    ours = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)

    (d / "loop").mkdir()
    t0 = time.perf_counter()
    for rid, price, staff in rows:
        params = json.dumps({"model_path": str(model), "lang": "zh", "seed": row_seed(7, rid),
                             "overrides": {"kiosk_price": price, "staff_cost": staff}})
        subprocess.run([str(BIN / "papermill"), str(DEFAULT_TEMPLATE), str(d / "loop" / f"{rid}.ipynb"),
                        "-y", params, "--no-progress-bar", "--cwd", str(d / "loop")],
                       check=True, capture_output=True)
    base = time.perf_counter() - t0
    print(f"batch reports, {N} kiosk variants (HTML): cba batch --workers 2 {ours:.1f} s "
          f"({ours / N:.2f} s/report), sequential papermill CLI loop {base:.1f} s ({base / N:.2f} s/report, "
          f"notebooks only) -> {base / ours:.1f}x faster (target >= 4x, aim 6x)")


if __name__ == "__main__":
    main()
