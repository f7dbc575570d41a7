"""`import cba` against `import numpy`, each in a fresh interpreter (target: within 2x).

numpy's bytecode is compiled when it is installed; cba's is written on its first import,
unless PYTHONDONTWRITEBYTECODE is set (as on some sandboxes), in which case every import
compiles cba's sources again. The main figure compiles cba's bytecode first (into the
git-ignored __pycache__ folders), as any normal install has it; the second line shows the
cost when no cba bytecode is cached.
"""
from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import shutil
from pathlib import Path

import cba


def import_time(module: str, repeat: int = 7, env: dict | None = None) -> float:
    code = f"import time; t0 = time.perf_counter(); import {module}; print(time.perf_counter() - t0)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, env=env).stdout) for _ in range(repeat)]
    return statistics.median(runs)


if __name__ == "__main__":
    compileall.compile_dir(str(Path(cba.__file__).parent), quiet=1)
    import_time("cba", 1)  # warm the file cache
    numpy_t = import_time("numpy")
    cba_t = import_time("cba")
    print(f"import: cba {cba_t * 1000:.1f} ms, numpy {numpy_t * 1000:.1f} ms -> ratio {cba_t / numpy_t:.2f}x "
          "(target <= 2x)")
    # the same with cba's bytecode removed and not written: its sources compile on every import
    for cache in Path(cba.__file__).parent.rglob("__pycache__"):
        shutil.rmtree(cache)
    cold = import_time("cba", env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    compileall.compile_dir(str(Path(cba.__file__).parent), quiet=1)
    print(f"  without cached cba bytecode: cba {cold * 1000:.1f} ms -> ratio {cold / numpy_t:.2f}x")
