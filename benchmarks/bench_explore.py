"""The explorer's update time on the kiosk model (in-process, no browser).

Fifty slider moves through ``Explorer.set`` (each runs what dragging a slider runs: one
cba.appraise with the settings, the metrics HTML, the switching-value table's stale mark), timed
mean and max against the 200 ms target and against one plain cba.appraise call in the same run.
The charts (tornado around the settings and cash flows, drawn to PNG) are redrawn in a debounced
background thread after a move; their redraw time is measured too, synchronously, over 20 moves
to settings not seen before (the background timer is held off), against the same redraws done
the previous way in the same run: a new Figure per chart, cba.plot_tornado / cba.plot_cash_flows,
savefig at 80 dpi.
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
    charts, fresh = [], []
    ex.chart_delay = 3600.0                 # the background redraw never comes: each draw is timed
    for i in range(20):
        name = names[(3 * i) % len(names)]
        inp = ex.inputs[name]
        ex.set(name, float(min(max(np.round(rng.uniform(inp.low, inp.high) / inp.step) * inp.step, inp.low), inp.high)))
        t0 = time.perf_counter()
        ex.draw_charts()
        charts.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        redraw_from_scratch(ex)
        fresh.append((time.perf_counter() - t0) * 1000)
    ex._timer.cancel()
    mean, worst = statistics.mean(times), max(times)
    print(f"explorer update (metrics) over 50 slider moves: mean {mean:.1f} ms, max {worst:.1f} ms "
          f"(target < {TARGET_MS:.0f} ms: {'met' if worst < TARGET_MS else 'NOT met'})")
    print(f"one plain cba.appraise, same run: mean {statistics.mean(plain):.2f} ms, min {min(plain):.2f} ms "
          f"-> update / appraise = {mean / statistics.mean(plain):.1f}x")
    print(f"chart redraw (tornado + cash flows, PNG; debounced, in a background thread) over {len(charts)} moves: "
          f"mean {statistics.mean(charts):.0f} ms, max {max(charts):.0f} ms "
          f"(target < {TARGET_MS:.0f} ms: {'met' if max(charts) < TARGET_MS else 'NOT met'})")
    print(f"chart redraw from scratch (new figures, savefig; the previous way), same run: "
          f"mean {statistics.mean(fresh):.0f} ms, max {max(fresh):.0f} ms "
          f"-> in place / from scratch = {statistics.mean(charts) / statistics.mean(fresh):.2f}x (mean), "
          f"{max(charts) / max(fresh):.2f}x (max)")


def redraw_from_scratch(ex) -> None:
    """The explorer's charts drawn the previous way: tornado computed, new figures, PNG by savefig."""
    import io

    from matplotlib.figure import Figure

    from cba.explore.charts import CASH_AXES, DPI, FIGSIZE, TORNADO_AXES

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sens = cba.sensitivity(ex.current_model, ex.option, steps=())
    for draw, rect in ((lambda ax: cba.plot_tornado(sens, lang=ex.lang, ax=ax), TORNADO_AXES),
                       (lambda ax: cba.plot_cash_flows(ex.appraisal, ex.option, lang=ex.lang, ax=ax), CASH_AXES)):
        fig = Figure(figsize=FIGSIZE)
        draw(fig.add_axes(rect))
        fig.savefig(io.BytesIO(), format="png", dpi=DPI)


if __name__ == "__main__":
    main()
