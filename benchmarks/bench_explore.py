"""The explorer's update time on the kiosk model (in-process, no browser).

Fifty slider moves through ``Explorer.set`` (each runs what dragging a slider runs: one
cba.appraise with the settings, the metrics HTML, the switching-value table's stale mark), timed
mean and max against the 200 ms target and against one plain cba.appraise call in the same run.
The charts (tornado around the settings and cash flows, drawn to PNG) are redrawn in a debounced
background thread after a move; their redraw time is measured too, synchronously, over 10 moves.
"""
from __future__ import annotations

import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import cba  # noqa: E402

TARGET_MS = 200.0


def main() -> None:
    model = cba.load_model(ROOT / "data" / "minhang_kiosk.yaml")
    ex = cba.explore(model, chart_delay=0.15)
    ex.wait()
    rng = np.random.default_rng(2025)
    names = list(ex.sliders)
    times = []
    for i in range(50):
        name = names[i % len(names)]
        inp = ex.inputs[name]
        value = float(np.round(rng.uniform(inp.low, inp.high) / inp.step) * inp.step)
        value = min(max(value, inp.low), inp.high)
        t0 = time.perf_counter()
        ex.set(name, value)
        times.append((time.perf_counter() - t0) * 1000)
    ex.wait()
    settings = ex.settings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = []
        for _ in range(50):
            t0 = time.perf_counter()
            cba.appraise(model, **settings)
            plain.append((time.perf_counter() - t0) * 1000)
    charts = []
    for i in range(10):
        ex.sliders["kiosk_price"].value = 5.0 + i       # the background redraw is then replaced by
        ex.wait()                                       # a synchronous one, timed
        t0 = time.perf_counter()
        ex.draw_charts()
        charts.append((time.perf_counter() - t0) * 1000)
    mean, worst = statistics.mean(times), max(times)
    print(f"explorer update (metrics) over 50 slider moves: mean {mean:.1f} ms, max {worst:.1f} ms "
          f"(target < {TARGET_MS:.0f} ms: {'met' if worst < TARGET_MS else 'NOT met'})")
    print(f"one plain cba.appraise, same run: mean {statistics.mean(plain):.2f} ms, min {min(plain):.2f} ms "
          f"-> update / appraise = {mean / statistics.mean(plain):.1f}x")
    print(f"chart redraw (tornado + cash flows, PNG; debounced, in a background thread) over 10 moves: "
          f"mean {statistics.mean(charts):.0f} ms, max {max(charts):.0f} ms "
          f"(target < {TARGET_MS:.0f} ms: {'met' if max(charts) < TARGET_MS else 'NOT met'})")


if __name__ == "__main__":
    main()
