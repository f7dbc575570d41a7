"""``cba simulate FILE --draws N --seed S [--method mc|lhs|sobol] [--json] [--out DIR]``.

Monte Carlo risk of a model file (:func:`cba.simulate`): the statistics table, or JSON; with
``--out`` also the statistics (CSV, JSON), the draws (CSV, when kept) and the histogram and CDF
(PNG), written atomically. A progress line (share done, rate, time left) goes to stderr on runs
that take more than a moment, when stderr is a terminal or ``--progress`` is given.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from ..i18n import msg

__all__ = ["add_command", "Progress"]


class Progress:
    """``progress(done, total)`` printing ``45% 450,000/1,000,000 draws, 210,000 draws/s, 3 s left``
    on one line of ``stream``, at most every ``every`` seconds, and a final line at the end."""

    def __init__(self, stream: Any = None, every: float = 0.5):
        self.stream = stream or sys.stderr
        self.every = every
        self.t0 = time.perf_counter()
        self.last = -1.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done < total and now - self.last < self.every:
            return
        if done < total and now - self.t0 < self.every:    # quick runs print nothing
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-9)
        left = (total - done) / rate if rate > 0 else float("nan")
        text = msg("cli.simulate.progress", pct=f"{100 * done / total:.0f}", done=f"{done:,}", total=f"{total:,}",
                   rate=f"{rate:,.0f}", left=f"{left:.0f}")
        end = "\n" if done >= total else ""
        if done >= total and not self.shown:
            return
        self.shown = True
        print(f"\r{text}", end=end, file=self.stream, flush=True)


def _cmd_simulate(args: argparse.Namespace) -> int:
    from ..atomic import check_out_dir, write_files
    from ..errors import InputError
    from ..model.files import load_model
    from .app import parse_assignments, write_and_print
    from ..uncertainty.simulate import simulate

    fixed = parse_assignments(args.set)
    if args.out:
        check_out_dir(args.out)
    model = load_model(args.file)
    show = args.progress or (sys.stderr.isatty() and not args.json)
    try:
        sim = simulate(model, n=args.draws, seed=args.seed, method=args.method, scenario=args.scenario,
                       irr=args.irr, keep="summary" if args.summary_only else "draws", workers=args.workers,
                       progress=Progress() if show else None, **fixed)
    except InputError as err:  # name the command-line option, not the library argument
        where = err.where or ""
        names = {"n": "--draws", "seed": "--seed", "method": "--method", "scenario": "--scenario",
                 "workers": "--workers"}
        where = names.get(where, "--set " + where[len("fixed."):] if where.startswith("fixed.") else where)
        raise InputError(err.message, where=where or None, source=err.source) from None
    return write_and_print(args, sim, lambda: write_files(args.out, _files(sim, args.lang)))


def _files(sim, lang: str) -> dict[str, str | bytes]:
    """What ``--out`` writes: statistics (CSV, JSON), draws (CSV) and figures (PNG)."""
    from ..plots.charts import figure_bytes

    files: dict[str, str | bytes] = {
        "simulation.csv": sim.to_frame(lang).to_csv(),
        "simulation.json": json.dumps(sim.to_dict(), ensure_ascii=False, indent=2),
    }
    if sim.keep == "draws":
        import pandas as pd

        draws = pd.concat([sim.inputs, sim.npv.add_prefix("npv_"), sim.bcr.add_prefix("bcr_")], axis=1)
        files["simulation_draws.csv"] = draws.to_csv(index_label="draw")
        files["simulation_histogram.png"] = figure_bytes(sim.plot_hist(lang=lang))
        files["simulation_cdf.png"] = figure_bytes(sim.plot_cdf(lang=lang))
    return files


def add_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("simulate", _cmd_simulate, "Monte Carlo risk: draws of every input with a distribution "
            "(correlated as the model file says)")
    p.add_argument("--draws", type=int, default=10_000, metavar="N", help="number of draws (default 10,000)")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="seed (the same seed gives the same draws)")
    p.add_argument("--method", default="mc", choices=("mc", "lhs", "sobol"),
                   help="simple random (default), Latin hypercube or scrambled Sobol sampling")
    p.add_argument("--scenario", help="hold the inputs that are not drawn at a named scenario")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="hold a parameter at a value (repeatable)")
    p.add_argument("--irr", action="store_true", help="also simulate the IRR (slower)")
    p.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes (default: one per core for large runs)")
    p.add_argument("--summary-only", action="store_true",
                   help="keep running statistics, not the draws (runs larger than memory)")
    p.add_argument("--progress", action="store_true", help="show progress even when stderr is not a terminal")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", metavar="DIR", help="write statistics (CSV, JSON), draws (CSV) and figures (PNG) into DIR")
