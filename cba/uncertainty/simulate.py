"""Monte Carlo simulation of a model: draws of every input with a distribution (correlated as the
model file says), evaluated in chunks through the one vectorised evaluation path.

Reproducibility: draw ``i`` depends only on the seed, the method and ``i`` (see
:func:`cba.uncertainty.sampling.sample_inputs`), so a run gives the same numbers whatever the
chunk size and the number of worker processes.

Memory: chunks of draws are evaluated one at a time, so a run needs the cash flows of one chunk
plus what it keeps. ``keep="draws"`` (the default) keeps every draw of the metrics and inputs
(about ``8 * n * (options * metrics + inputs)`` bytes: 10 million draws of the kiosk model
keep about 1.1 GB); ``keep="summary"`` keeps running moments, counts and a fine histogram per
metric and option instead (a few MB whatever ``n``), for runs larger than memory. Quantiles of a
summary run are read from its histogram (4,096 bins over the range of the first chunk, widened;
the result says so, with the bin width).

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 3, "discount_rate": 0.1,
...     "parameters": {"saving": {"value": 40, "low": 30, "high": 50, "distribution": "uniform"}},
...     "options": {"buy": {"flows": [{"name": "p", "kind": "cost", "amount": "100", "at": 0},
...                                  {"name": "s", "kind": "benefit", "amount": "saving"}]}}})
>>> sim = cba.simulate(m, n=20_000, seed=1)
>>> round(sim.prob_negative(), 2)        # NPV < 0 where saving < 100 / 2.48685 = 40.21
0.51
"""
from __future__ import annotations

import math
import os
import time
import warnings
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import CBAWarning, InputError
from ..i18n import msg

from .running import _BINS, _Running
from .simulation import Simulation
__all__ = ["Simulation", "simulate", "METHODS", "KEEP"]

METHODS = ("mc", "lhs", "sobol")
KEEP = ("draws", "summary")
#: draws on which the achieved rank correlations are measured (their error is ~ 1 / sqrt(n))
CORRELATION_DRAWS = 1_000_000
#: draws below which one process is used by default (starting workers costs more than it saves)
PARALLEL_FROM = 1_000_000


# -- the run ---------------------------------------------------------------------------------

_WORKER_MODEL: dict[str, Any] = {}


def _chunk_metrics(model, spec: Mapping[str, Any], start: int, stop: int) -> dict[str, Any]:
    """Sample draws ``start..stop`` at once, evaluate them ``spec["rows"]`` at a time (chunks
    small enough for the processor's cache): ``{"metrics": {m: {o: arr}}, "inputs": {...}}``."""
    from ..analysis.appraise import appraise_flows
    from ..model.evaluate import cash_flows, resolve_inputs
    from .sampling import sample_inputs

    n = stop - start
    # total: Latin hypercube strata and rank correlations are imposed per block of the whole run
    with warnings.catch_warnings():     # what sampling would warn about is in the result's notes
        warnings.simplefilter("ignore", CBAWarning)
        drawn = sample_inputs(model, n, seed=spec["seed"], method=spec["method"], start=start, total=spec["n"],
                              names=spec["names"])
    metrics = {m: {o: np.empty(n) for o in spec["options"]} for m in spec["metrics"]}
    cea = {k: {o: np.empty(n) for o in model.options} for k in ("cost", "effect")} if spec["cea"] else None
    rows = spec["rows"]
    for a in range(0, n, rows):
        b = min(a + rows, n)
        part = {k: x[a:b] for k, x in drawn.items()}
        inputs = resolve_inputs(model, {**part, **spec["fixed"]}, scenario=spec["scenario"])
        flows = cash_flows(model, inputs)
        appr = appraise_flows(model, inputs, flows, metrics=spec["metrics"], standalone=model.baseline is None)
        res = appr.incremental if model.baseline is not None else appr.standalone
        for m, per in metrics.items():
            for o, arr in per.items():
                arr[a:b] = res[o][m]
        if cea is not None:       # each option's own PV of costs and of effects (kind: effect)
            from ..analysis.effectiveness import present_costs_and_effects

            for k, got in zip(("cost", "effect"), present_costs_and_effects(model, appr)):
                for o, arr in cea[k].items():
                    arr[a:b] = got[o]
    return {"metrics": metrics, "inputs": drawn if spec["keep"] == "draws" else None, "cea": cea}


def _worker(spec: Mapping[str, Any], start: int, stop: int) -> dict[str, Any]:
    """Run one chunk in a worker process; the model is rebuilt once per process from its dict."""
    key = spec["model_key"]
    if key not in _WORKER_MODEL:
        from ..model.model import Model

        _WORKER_MODEL.clear()
        _WORKER_MODEL[key] = Model.from_dict(spec["model_dict"], source=spec["source"])
    return _chunk_metrics(_WORKER_MODEL[key], spec, start, stop)


#: draws sampled at a time (one task of a worker process)
TASK_DRAWS = 2 ** 16


def chunk_draws(model) -> int:
    """Draws evaluated at a time: a power of two near 2**17 / periods, so that one line's array
    (draws x periods) stays near 1 MB, in the processor's cache (8,192 for 11 periods; measured
    2-3x faster than chunks of 65,536 draws), at least 256."""
    periods = model.horizon + 1
    return int(min(TASK_DRAWS, max(256, 2 ** int(np.floor(np.log2(2 ** 17 / periods))))))


def simulate(model, n: int = 10_000, *, seed: int | None = None, method: str = "mc",
             scenario: str | None = None, irr: bool = False, keep: str = "draws",
             workers: int | None = None, chunk: int | None = None,
             progress: Callable[[int, int], None] | None = None, **fixed: Any) -> Simulation:
    """Draw every parameter with a distribution ``n`` times and evaluate the model on the draws.

    Parameters
    ----------
    model : Model
    n : int
        Number of draws.
    seed : int, optional
        Seed of the draws; the same seed gives the same draws whatever ``chunk`` and ``workers``.
        ``None`` draws fresh entropy (the result records no seed: not reproducible).
    method : {"mc", "lhs", "sobol"}
        Simple random sampling, Latin hypercube (stratified within each block of draws) or
        scrambled Sobol points (see :mod:`cba.uncertainty.sampling`).
    scenario : str, optional
        A named scenario of the model: the parameters it sets are held at its values (not drawn,
        as in a report of the scenario; the result's notes name them).
    irr : bool
        Also keep the IRR of each draw (costs more).
    keep : {"draws", "summary"}
        Keep every draw, or running summaries only (for runs larger than memory).
    workers : int, optional
        Worker processes; default one per core from :data:`PARALLEL_FROM` draws, else 1.
    chunk : int, optional
        Draws evaluated at a time (default :func:`chunk_draws`); never changes the results.
        Draws are sampled :data:`TASK_DRAWS` at a time (a task of a worker process).
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk.
    **fixed
        Parameters held at a value instead of drawn (and ``discount_rate``).

    Returns
    -------
    Simulation
    """
    from ..model.model import Model

    if not isinstance(model, Model):
        raise InputError(msg("uncertainty.not_a_model", got=type(model).__name__), where="model")
    n = v.integer(n, "n", minimum=1)
    if seed is None:
        seed = None
    elif not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise InputError(msg("uncertainty.seed", got=v.show(seed)), where="seed")
    method = v.choice(method, "method", METHODS)
    keep = v.choice(keep, "keep", KEEP)
    fixed = model.check_overrides(fixed, where="fixed")
    by_scenario: dict[str, Any] = {}
    if scenario is not None and scenario in model.scenarios:
        # a scenario's values are held, as a report of the scenario holds them: not drawn over
        by_scenario = {k: x for k, x in model.scenarios[scenario].items()
                       if k in model.parameters and k not in fixed and model.parameters[k].distribution is not None}
    sampled = tuple(k for k, p in model.parameters.items()
                    if p.distribution is not None and k not in fixed and k not in by_scenario)
    if not sampled:
        raise InputError(msg("uncertainty.nothing_to_draw"), where="parameters")
    if scenario is not None:
        from ..model.evaluate import resolve_inputs

        resolve_inputs(model, {}, scenario=scenario)      # names an unknown scenario
    options = model.alternatives if model.baseline is not None else tuple(model.options)
    metrics = ("npv", "bcr") + (("irr",) if irr else ())
    chunk = chunk_draws(model) if chunk is None else v.integer(chunk, "chunk", minimum=1)
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if n >= PARALLEL_FROM else 1
    workers = v.integer(workers, "workers", minimum=1)
    task = max(TASK_DRAWS, chunk)
    ranges = [(a, min(a + task, n)) for a in range(0, n, task)]
    workers = min(workers, len(ranges))
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (2 ** 63))
        recorded = None
    else:
        recorded = int(seed)
    spec = {"seed": int(seed), "method": method, "fixed": {**by_scenario, **fixed}, "scenario": scenario,
            "metrics": metrics, "options": options, "keep": keep, "rows": chunk, "n": n, "names": list(sampled),
            "cea": model.effect_unit is not None and keep == "draws"}

    # summary runs keep running statistics; runs that keep the draws summarise them when asked
    running = {m: {o: _Running() for o in options} for m in metrics} if keep == "summary" else {}
    kept = {m: {o: np.empty(n) for o in options} for m in metrics} if keep == "draws" else None
    kept_inputs: dict[str, np.ndarray] | None = None
    kept_cea = ({k: {o: np.empty(n) for o in model.options} for k in ("cost", "effect")} if spec["cea"] else None)
    t0 = time.perf_counter()

    def take(a: int, b: int, out: Mapping[str, Any]) -> None:
        nonlocal kept_inputs
        for m in metrics:
            for o in options:
                x = out["metrics"][m][o]
                if kept is not None:
                    kept[m][o][a:b] = x
                else:
                    running[m][o].add(x)
        if kept is not None:
            if kept_inputs is None:
                kept_inputs = {k: np.empty(n) for k in out["inputs"]}
            for k, x in out["inputs"].items():
                kept_inputs[k][a:b] = x
        if kept_cea is not None:
            for k, per in out["cea"].items():
                for o, x in per.items():
                    kept_cea[k][o][a:b] = x
        if progress is not None:
            progress(b, n)

    if workers == 1:
        for a, b in ranges:
            take(a, b, _chunk_metrics(model, spec, a, b))
    else:
        import concurrent.futures as cf
        import multiprocessing as mp

        spec = {**spec, "model_dict": model.to_dict(), "source": model.source, "model_key": f"{id(model)}-{os.getpid()}"}
        import threading

        # fork starts a worker in milliseconds, but copying a process that runs other threads (a
        # notebook kernel, say) is unsafe: then start fresh interpreters instead
        methods = mp.get_all_start_methods()
        start = ("fork" if "fork" in methods and threading.active_count() == 1
                 else "forkserver" if "forkserver" in methods else "spawn")
        ctx = mp.get_context(start)
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futures = {pool.submit(_worker, spec, a, b): (a, b) for a, b in ranges}
            # results are merged in chunk order so the running sums are identical to one worker's
            results: dict[int, Any] = {}
            order = [a for a, _ in ranges]
            nxt = 0
            for fut in cf.as_completed(futures):
                a, b = futures[fut]
                results[a] = (b, fut.result())
                while nxt < len(order) and order[nxt] in results:
                    a0 = order[nxt]
                    b0, out = results.pop(a0)
                    take(a0, b0, out)
                    nxt += 1
    seconds = time.perf_counter() - t0
    for m in metrics:
        for arr in (kept or {}).get(m, {}).values():
            arr.flags.writeable = False
    for arr in (kept_inputs or {}).values():
        arr.flags.writeable = False

    notes = []
    if recorded is None:
        notes.append(msg("uncertainty.no_seed"))
    if fixed:
        notes.append(msg("uncertainty.fixed", names=v.listing(list(fixed))))
    if by_scenario:
        notes.append(msg("uncertainty.scenario_fixed", scenario=scenario, names=v.listing(list(by_scenario))))
    corr = getattr(model, "correlations", None)
    if corr is not None:
        held = [k for k in corr.names if k not in sampled]
        if held:
            notes.append(msg("uncertainty.corr_fixed", names=v.listing(held)))
    if method == "sobol":
        if corr is not None and len([k for k in corr.names if k in sampled]) > 1:
            notes.append(msg("uncertainty.sample.sobol_corr"))
        if n & (n - 1):
            lower = 1 << (n.bit_length() - 1)
            notes.append(msg("uncertainty.sample.sobol_pow2", n=n, lower=lower, upper=2 * lower))
    if keep == "summary":
        r = running["npv"][options[0]]
        width = float(r.edges[1] - r.edges[0]) if r.edges is not None else math.nan
        notes.append(msg("uncertainty.summary_quantiles", bins=_BINS, width=f"{width:.4g}"))
    correlation = None
    if getattr(model, "correlations", None) is not None and kept_inputs is not None:
        from .correlation import achieved_rank_correlation

        named = [k for k in model.correlations.names if k in kept_inputs]
        if len(named) > 1:     # the correlated parameters only: requested next to achieved
            # the first million draws measure them to about 0.001: ranking more costs memory, not accuracy
            correlation = achieved_rank_correlation({k: kept_inputs[k][:CORRELATION_DRAWS] for k in named}, model)
    return Simulation(
        model=model, n=n, seed=recorded, method=method, scenario=scenario, sampled=sampled, fixed=fixed,
        basis="incremental" if model.baseline is not None else "standalone", options=options,
        metrics=metrics, workers=workers, keep=keep, _draws=kept, _inputs=kept_inputs, _running=running,
        correlation=correlation, seconds=seconds, _cea=kept_cea,
        notes=tuple(t.render("en") for t in notes), notes_zh=tuple(t.render("zh") for t in notes))
