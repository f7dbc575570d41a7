"""Report rendering: the wrapper's overhead against plain papermill, and seconds per format.

Baseline: ``papermill.execute_notebook`` on the same template with the same parameters (its
defaults: graceful kernel shutdown), measured in the same run. Ours: ``cba.render_report``
with no conversion (``formats=()``): parameter checks, model validation, provenance, the
watchdog, immediate shutdown and the atomic write of the executed notebook and provenance.
Target: under 10% added. Then the conversions, each added to that run: seconds per report
for HTML (with the font subset), PDF (WeasyPrint) and Word.
"""
from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best, report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "data" / "minhang_kiosk.yaml"
TEMPLATE = ROOT / "notebooks" / "appraisal.ipynb"
PARAMS = {"n_draws": 10000, "seed": 2025}
REPEAT = 3


def main() -> None:
    import papermill

    import cba

    logging.getLogger("papermill").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)

        def plain():
            papermill.execute_notebook(str(TEMPLATE), str(tmp / "plain.ipynb"), cwd=str(tmp), progress_bar=False,
                                       parameters={"model_path": str(MODEL), "lang": "zh", **PARAMS})

        def ours():
            cba.render_report(MODEL, tmp / "ours", formats=(), parameters=PARAMS)

        plain(), ours()  # warm the file cache and the imports
        base = best(plain, REPEAT)
        mine = best(ours, REPEAT)
        report("report wrapper (no conversion)", mine, base, "plain papermill.execute_notebook", "target < 1.10x")

        stages: dict[str, list[float]] = {}
        totals = []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            out = cba.render_report(MODEL, tmp / "all", parameters=PARAMS)
            totals.append(time.perf_counter() - t0)
            for k, v in out.seconds.items():
                stages.setdefault(k, []).append(v)
        fastest = {k: min(v) for k, v in stages.items()}
        print(f"  stages (best of {REPEAT}): " + ", ".join(f"{k} {v:.2f} s" for k, v in fastest.items()))
        for fmt in ("html", "pdf", "docx"):
            # the page (with the font subset) is built once, by whichever of HTML/PDF comes first
            conv = fastest["items"] + fastest[fmt] + (fastest["page"] if fmt == "pdf" else 0.0)
            print(f"  {fmt:<5} report: {mine + conv:6.2f} s per report ({conv:.2f} s of conversion on top of the run)")
        print(f"  all three formats in one run: {min(totals):.2f} s per report "
              f"(median {statistics.median(totals):.2f} s)")


if __name__ == "__main__":
    main()
