"""`import cba` against `import numpy`, each in a fresh interpreter (target: within 2x)."""
from __future__ import annotations

import statistics
import subprocess
import sys


def import_time(module: str, repeat: int = 7) -> float:
    code = f"import time; t0 = time.perf_counter(); import {module}; print(time.perf_counter() - t0)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(repeat)]
    return statistics.median(runs)


if __name__ == "__main__":
    import_time("cba", 1)  # warm the file cache
    numpy_t = import_time("numpy")
    cba_t = import_time("cba")
    ratio = cba_t / numpy_t
    print(f"import: cba {cba_t * 1000:.1f} ms, numpy {numpy_t * 1000:.1f} ms -> ratio {ratio:.2f}x (target <= 2x)")
