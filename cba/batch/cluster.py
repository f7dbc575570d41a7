"""A batch on a Dask distributed cluster (``cba batch --scheduler tcp://HOST:8786``).

The jobs are the same as on local workers (:func:`cba.batch.jobs.render_row`); each Dask
worker thread keeps its own warm report kernel, started by the first job it runs and reused
for the next (``dask worker --nthreads 1`` gives one kernel per worker process). Results (the
report files as bytes) come back to the client, which writes the files and the database: reports land in the client's output folder whatever machine rendered them.
A worker that dies while rendering makes Dask retry the job elsewhere; a job whose workers keep
dying fails that row only (``KilledWorker``), as does any other error of the task.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["run_dask", "connect"]


def connect(address: Any, *, timeout: float = 30):
    """A ``distributed.Client`` for ``address`` (a scheduler address or a ``LocalCluster``);
    a clear :class:`~cba.errors.InputError` naming the address when it cannot be reached."""
    from ..errors import InputError
    from ..i18n import msg

    try:
        from distributed import Client

        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise InputError(msg("batch.run.scheduler", address=str(address), why=f"{type(err).__name__}: {err}"),
                         where="--scheduler") from None


def run_dask(jobs: list[dict[str, Any]], address: Any, on_result: Callable[[dict[str, Any]], None]) -> None:
    """Render ``jobs`` on the cluster at ``address``, calling ``on_result`` for each result in
    order of completion."""
    from distributed import as_completed

    from ..i18n import msg
    from .jobs import failed_result, render_row

    client = connect(address)
    try:
        futures = {}
        for job in jobs:
            f = client.submit(render_row, job, key=f"cba-row-{job['id']}-{job['inputs_hash'][:12]}", pure=False)
            futures[f] = job
        for fut in as_completed(list(futures), loop=client.loop):
            job = futures[fut]
            try:
                result = fut.result()
            except Exception as err:  # noqa: BLE001 - one row's failure, reported as such
                name = type(err).__name__
                key = "batch.worker.lost" if name == "KilledWorker" else "batch.worker.task_failed"
                result = failed_result(job, str(msg(key, why=f"{name}: {err}")))
            on_result(result)
            fut.release()
    finally:
        client.close()

