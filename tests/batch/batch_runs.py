"""Helpers of the batch runner tests: a small report template whose cells misbehave on cue.

The template appraises the row's model (the tiny model of batch_fixtures: NPV = saving/1.1 -
price) and draws ``n_draws`` normal numbers from the row's seed, recording both as results.
A row's ``price`` override picks a misbehaviour: 13 raises in a cell, 666 kills the worker
process that runs the kernel (``kill -9`` of the kernel's parent), 777 sleeps past any timeout.
"""
from __future__ import annotations

import json
from pathlib import Path

PARAMS = '''model_path = ""
lang = "zh"
overrides = {}
scenario = None
seed = 0
n_draws = 1000
provenance = None'''

BODY = '''import os, time
import numpy as np
import cba
from IPython.display import display
price = overrides.get("price")
if price == 13:
    raise ValueError("poisoned row")
if price == 666:
    os.kill(os.getppid(), 9)
    time.sleep(30)
if price == 777:
    time.sleep(120)
a = cba.appraise(cba.load_model(model_path), scenario=scenario, **overrides)
npv = float(np.ravel(a.results()["o"]["npv"])[0])
draws = np.random.default_rng(seed).normal(size=n_draws)
display({"application/vnd.cba.results+json": {"mini": {"npv": npv, "draw_mean": float(draws.mean()),
         "seed": seed}, "risk": {"prob_loss": float((draws < -1).mean())},
         "conclusion": {"verdict": "support" if npv > 0 else "reject"}}}, raw=True)
print("NPV", npv)'''


def write_template(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    p = nbformat.v4.new_code_cell(PARAMS)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [p, nbformat.v4.new_code_cell(BODY)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "mini.ipynb"
    nbformat.write(nb, path)
    return path


def mini_results(out: Path, row_id: str) -> dict:
    """The numbers a row's report recorded (its provenance)."""
    prov = json.loads((out / "reports" / f"{row_id}.provenance.json").read_text(encoding="utf-8"))
    return prov["results"]["mini"]
