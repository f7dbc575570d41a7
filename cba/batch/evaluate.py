"""The ``--no-report`` path of a batch: every row's appraisal, vectorised across rows.

Rows that share a model file, a scenario and the set of parameters they override are
evaluated in ONE call of :func:`cba.appraise`, the overrides passed as arrays (one entry per
row): the model's one vectorised evaluation path treats rows as it treats draws. Grouping by
the set of overridden parameters (not only by model) keeps every row exactly equal to its own
``cba.appraise(model, scenario=..., **overrides)``: a blank cell keeps the model's (or the
scenario's) value without the batch having to know it.

If a group's call fails, its rows are evaluated one at a time so that only the row at fault
fails. Rows with an error in the table are listed as failed with their reason, never dropped.
"""
from __future__ import annotations

import time
import warnings
from typing import Any

import numpy as np

from ..errors import CBAError
from ..i18n import msg

__all__ = ["evaluate_rows", "METRICS", "main_option"]

METRICS = ("npv", "bcr", "irr", "pv_costs", "pv_benefits", "payback")


def main_option(model) -> str:
    """The option whose metrics a batch reports: the first alternative against the baseline
    when the model has one, else the first option (the frame's ``option`` column names it)."""
    return model.alternatives[0] if model.baseline is not None else next(iter(model.options))


def _appraise_group(model, scenario, rows):
    """Metrics ``{metric: (n,) array}`` of ``rows`` in one vectorised call."""
    from ..analysis.appraise import appraise

    keys = list(rows[0].overrides)
    arrays = {k: np.array([r.overrides[k] for r in rows], dtype=float) for k in keys}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # outside-range caveats: per-row reports carry them
        a = appraise(model, scenario=scenario, **arrays)
    res = a.results()[main_option(model)]
    return {m: np.broadcast_to(np.asarray(res[m], dtype=float), (len(rows),)) for m in METRICS}


def evaluate_rows(table, *, seed: int | None = None, n_draws: int = 0):
    """Appraise every row of a batch table.

    Parameters
    ----------
    table : BatchTable
        From :func:`cba.batch.read_batch`.
    seed : int, optional
        The batch seed; each row's risk analysis uses :func:`cba.batch.row_seed` of it and the
        row's id (the same numbers whatever the order or grouping of rows). None with
        ``n_draws > 0`` draws a fresh seed, recorded in ``frame.attrs["seed"]``.
    n_draws : int
        Monte Carlo draws per row for ``prob_negative`` (P(NPV < 0)); 0 skips it. The risk
        analysis runs one :func:`cba.simulate` per row (each row has its own seed), so it costs
        about ``n_draws`` model evaluations per row, unlike the appraisal, which costs one
        vectorised call per group of rows.

    Returns
    -------
    pandas.DataFrame
        One line per table row, in the table's order: ``id``, ``row``, ``model``, ``scenario``,
        ``option`` (the option reported, see :func:`main_option`), ``status`` (``ok`` or
        ``failed``), ``error`` (the reason, in the current language), the metrics ``npv``,
        ``bcr``, ``irr``, ``pv_costs``, ``pv_benefits``, ``payback``, ``prob_negative`` (NaN
        unless ``n_draws > 0``), ``seconds`` (the row's share of its group's time).
        ``frame.attrs`` holds ``seed`` and ``n_draws``.

    Examples
    --------
    >>> import os, shutil, tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = shutil.copy("data/minhang_kiosk.yaml", d)
    >>> f = os.path.join(d, "batch.csv")
    >>> _ = open(f, "w").write("id,model,kiosk_price\\na,minhang_kiosk.yaml,10\\nb,minhang_kiosk.yaml,x\\n"
    ...                        "c,minhang_kiosk.yaml,\\n")
    >>> from cba.batch import read_batch
    >>> out = evaluate_rows(read_batch(f))
    >>> out["status"].tolist(), bool(out["npv"][0] == out["npv"][2])   # a blank cell keeps the value 10
    (['ok', 'failed', 'ok'], True)
    """
    import pandas as pd

    from .. import checks as v
    from .seeds import row_seed

    n_draws = v.integer(n_draws, "n_draws", minimum=0)
    if n_draws and seed is None:
        seed = int(np.random.SeedSequence().entropy % (2 ** 63))
    out: dict[int, dict[str, Any]] = {}
    groups: dict[tuple, list] = {}
    for i, r in enumerate(table.rows):
        out[i] = {"id": r.id, "row": r.row, "model": "" if r.model_path is None else str(r.model_path),
                  "scenario": r.scenario or "", "option": "", "status": "failed",
                  "error": "" if r.error is None else str(r.error),
                  **{m: np.nan for m in METRICS}, "prob_negative": np.nan, "seconds": np.nan}
        if r.error is None:
            groups.setdefault((r.model_path, r.scenario, tuple(sorted(r.overrides))), []).append(i)
    for (mpath, scenario, _), idx in groups.items():
        rows = [table.rows[i] for i in idx]
        model = rows[0].model
        t0 = time.perf_counter()
        try:
            found = _appraise_group(model, scenario, rows)
            per = {i: {m: float(found[m][j]) for m in METRICS} for j, i in enumerate(idx)}
            errors = {}
        except CBAError:                            # isolate the row at fault: one at a time
            per, errors = {}, {}
            for i, r in zip(idx, rows):
                try:
                    one = _appraise_group(model, scenario, [r])
                    per[i] = {m: float(one[m][0]) for m in METRICS}
                except CBAError as exc:
                    errors[i] = str(msg("batch.row.failed", error=str(exc)))
        share = (time.perf_counter() - t0) / len(idx)
        for i in idx:
            rec = out[i]
            rec.update(option=main_option(model), seconds=share)
            if i in errors:
                rec["error"] = errors[i]
                continue
            rec.update(per[i], status="ok")
    if n_draws:
        from ..uncertainty.simulate import simulate

        for i, r in enumerate(table.rows):
            rec = out[i]
            if rec["status"] != "ok":
                continue
            t0 = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    sim = simulate(r.model, n_draws, seed=row_seed(seed, r.id), scenario=r.scenario,
                                   workers=1, **r.overrides)
                rec["prob_negative"] = float(sim.prob_negative(main_option(r.model)))
            except CBAError as exc:                  # e.g. nothing left to draw: the row still has its appraisal
                rec["error"] = str(exc)
            rec["seconds"] += time.perf_counter() - t0
    frame = pd.DataFrame([out[i] for i in range(len(table.rows))],
                         columns=["id", "row", "model", "scenario", "option", "status", "error", *METRICS,
                                  "prob_negative", "seconds"])
    frame.attrs.update(seed=seed, n_draws=n_draws)
    return frame
