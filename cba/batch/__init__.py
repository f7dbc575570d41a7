"""Batch evaluation of many projects (one row of a table per project).

:func:`run_batch` runs a whole batch (``cba batch``): a report per row on warm local workers or a
Dask cluster, a ranked summary and the results database, resumable after a crash. Its parts:
:func:`read_batch` (the checked table), :func:`row_seed` (per-row seeds), :func:`evaluate_rows`
(the ``--no-report`` path, vectorised across rows sharing a model file), :func:`review_row`
(a row's ex-ante review grade), :func:`summary_table`/:func:`summary_files` (the summary) and the
results database (:func:`open_db`, :func:`record_row`, :func:`results`,
:func:`done_rows`). Names load on first use, so ``import cba.batch`` stays cheap.
"""
from __future__ import annotations

__all__ = ["run_batch", "BatchRun", "read_batch", "BatchTable", "BatchRow", "row_seed", "evaluate_rows",
           "review_row", "summary_table", "summary_files", "rank_rows",
           "open_db", "start_run", "record_row", "results", "done_rows", "inputs_hash"]

_LAZY = {
    "run_batch": ".runner", "BatchRun": ".outcome",
    "review_row": ".review_rows", "summary_table": ".summary", "summary_files": ".summary", "rank_rows": ".summary",
    "read_batch": ".table", "BatchTable": ".table", "BatchRow": ".table",
    "row_seed": ".seeds",
    "evaluate_rows": ".evaluate",
    "open_db": ".db", "start_run": ".db", "record_row": ".db", "results": ".db", "done_rows": ".db",
    "inputs_hash": ".db",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'cba.batch' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
