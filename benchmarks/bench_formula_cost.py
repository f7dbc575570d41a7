"""Bounded cost per formula (issue 8): peak memory of cash_flows for the widest formula a model
may hold, max(p0*t, ..., p63*t) (64 arguments, the cap) over 1,001 periods.

Baseline, measured in the same run: the same formula evaluated with all draws at once (no chunks,
as before), at 500 draws. Target: with chunks, the peak beyond the output arrays (line, costs and
benefits, 3 x n x 1001 values) stays within 2 x CHUNK_ELEMENTS x 8 bytes whatever n.
"""
from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import cba  # noqa: E402
import cba.model.evaluate as evaluate  # noqa: E402
from cba.model import cash_flows, resolve_inputs  # noqa: E402

K, HORIZON = 64, 1000


def model() -> cba.Model:
    args = ", ".join(f"p{i}*t" for i in range(K))
    return cba.load_model({
        "name": "wide", "horizon": HORIZON, "discount_rate": 0.0,
        "parameters": {f"p{i}": float(i) for i in range(K)},
        "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": f"max({args})"}]}},
    })


def run(m: cba.Model, n: int) -> tuple[float, float]:
    """Peak traced memory in MB beyond the start, and wall time in seconds (one call)."""
    d = np.linspace(0.5, 2.0, n)
    inputs = resolve_inputs(m, {f"p{i}": i * d for i in range(K)})
    tracemalloc.start()
    t0 = time.perf_counter()
    cash_flows(m, inputs)
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6, elapsed


def main() -> int:
    m = model()
    budget = evaluate.CHUNK_ELEMENTS
    chunked = {n: run(m, n) for n in (500, 2_000, 10_000)}
    evaluate.CHUNK_ELEMENTS = 10 ** 12
    whole = run(m, 500)
    evaluate.CHUNK_ELEMENTS = budget
    ok = True
    for n, (peak, secs) in chunked.items():
        output = 3 * n * (HORIZON + 1) * 8 / 1e6
        extra = peak - output
        limit = 2 * budget * 8 / 1e6
        ok &= extra <= limit
        print(f"formula cost, {n:>6} draws: peak {peak:7.1f} MB (output {output:6.1f} MB, "
              f"beyond it {extra:5.1f} MB, limit {limit:.0f} MB), {secs:.2f} s")
    peak500 = chunked[500][0]
    print(f"formula cost, 500 draws: chunks {peak500:.1f} MB vs all at once {whole[0]:.1f} MB "
          f"-> ratio {peak500 / whole[0]:.2f}x (target: beyond the output, within the chunk budget)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
