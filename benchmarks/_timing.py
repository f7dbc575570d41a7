"""Timing helper shared by the benchmarks: best of several repeats."""
from __future__ import annotations

import time
from collections.abc import Callable


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall-clock time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def report(name: str, ours: float, base: float, base_name: str, target: str) -> None:
    print(f"{name}: cba {ours:.4f} s, {base_name} {base:.4f} s -> ratio {ours / base:.2f}x ({target})")
