"""One row's report, as a batch worker renders it: :func:`render_row`.

A job is a plain dict (it crosses process and machine boundaries: a local worker's pipe, a
Dask cluster); the result is a plain dict too, holding the report's files as bytes. The worker
writes nothing: the batch's client puts the files in the output folder (atomically) and
records the row in the results database, whatever the backend.

Each worker thread keeps one :class:`~cba.report.kernel.WarmKernel` (started on first use, or
ahead by :func:`warm_up`), so a report costs about the template's own execution time.
"""
from __future__ import annotations

import atexit
import os
import threading
import time
from typing import Any

__all__ = ["render_row", "warm_up", "make_job", "failed_result"]

_local = threading.local()
_kernels: list[Any] = []
_kernels_lock = threading.Lock()


def _kernel():
    k = getattr(_local, "kernel", None)
    if k is None:
        from ..report.kernel import WarmKernel

        k = _local.kernel = WarmKernel()
        with _kernels_lock:
            if not _kernels:
                atexit.register(_shutdown_all)
            _kernels.append(k)
    return k


def _shutdown_all() -> None:
    with _kernels_lock:
        kernels = list(_kernels)
        _kernels.clear()
    for k in kernels:
        k.shutdown()


def warm_up() -> int | None:
    """Start this thread's warm kernel now (before the first report); its process group id."""
    k = _kernel()
    k.ensure()
    return kernel_group()


def kernel_group() -> int | None:
    """Process group of this thread's kernel (killed by the pool if the worker must be stopped)."""
    k = getattr(_local, "kernel", None)
    km = getattr(k, "km", None)
    return None if km is None else getattr(km.provisioner, "pgid", None)


def make_job(row, *, out_dir: str, lang: str, formats, template: str | None, seed: int | None,
             n_draws: int | None, timeout: float | None, inputs_hash: str, titled: bool = False,
             ship: bool = False) -> dict[str, Any]:
    """The job of one table row (a :class:`~cba.batch.table.BatchRow`); ``titled``: the template
    takes a ``title`` parameter, set from the row's ``name`` when it has one; ``ship``: the job
    carries the model file, its data files and the template as bytes (a cluster worker on another
    machine renders copies of them; the provenance still names the client's files)."""
    from .seeds import row_seed

    params: dict[str, Any] = {}
    if row.overrides:                            # whole numbers as such: "岗点数量 = 5", not 5.0
        params["overrides"] = {k: int(v) if float(v).is_integer() and abs(v) < 2 ** 53 else float(v)
                               for k, v in row.overrides.items()}
    if titled and getattr(row, "name", None):
        from ..report.text import tr

        params["title"] = tr("title", lang, name=row.name)
    if row.scenario:
        params["scenario"] = row.scenario
    if seed is not None:
        params["seed"] = row_seed(seed, row.id)
    if n_draws is not None:
        params["n_draws"] = int(n_draws)
    job = {"id": row.id, "model": str(row.model_path), "parameters": params, "lang": lang,
           "formats": list(formats), "template": template, "timeout": timeout, "out_dir": out_dir,
           "inputs_hash": inputs_hash}
    if ship:
        job["ship"] = _shipment(row, out_dir, template)
    return job


def _shipment(row, out_dir: str, template: str | None) -> dict[str, Any]:
    """The files a worker elsewhere needs, as bytes, and the names the provenance records."""
    from pathlib import Path

    from ..report.render import _rel, _template_name, model_data_files

    out_abs = Path(out_dir)
    data = [(written, path.read_bytes()) for written, path in model_data_files(row.model)
            if not Path(written).is_absolute()]
    return {"model": (Path(row.model_path).name, Path(row.model_path).read_bytes()), "data": data,
            "template": None if template is None else Path(template).read_bytes(),
            "recorded": {"model": _rel(Path(row.model_path).resolve(), out_abs),
                         "template": None if template is None else _template_name(Path(template), out_abs)}}


def _unpack(ship: dict[str, Any], folder) -> tuple[str, str | None]:
    """Write a shipment into ``folder``: the model's path and the template's (None: the packaged one)."""
    name, raw = ship["model"]
    (folder / "model").mkdir()
    (folder / "model" / name).write_bytes(raw)
    for written, data in ship["data"]:
        target = folder / "model" / written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    template = None
    if ship["template"] is not None:
        template = folder / "template.ipynb"
        template.write_bytes(ship["template"])
    return str(folder / "model" / name), None if template is None else str(template)


def failed_result(job: dict[str, Any], error: str, seconds: float = float("nan")) -> dict[str, Any]:
    return {"id": job["id"], "status": "failed", "error": error, "files": {}, "results": {},
            "seconds": seconds, "worker": None}


def render_row(job: dict[str, Any]) -> dict[str, Any]:
    """Render one row's report in this thread's warm kernel; never raises for a bad row.

    Returns ``{"id", "status" ("ok"/"failed"), "error", "files" ({file name: bytes}),
    "results" (the numbers the report shows), "seconds", "worker" (host:pid)}``.
    """
    from ..errors import CBAError
    from ..i18n import use_lang
    from ..report.render import _render_report

    t0 = time.perf_counter()
    worker = f"{os.uname().nodename if hasattr(os, 'uname') else ''}:{os.getpid()}"
    import tempfile
    from pathlib import Path

    with use_lang(job["lang"]), tempfile.TemporaryDirectory(prefix="cba-job-") as tmp:
        model, template, recorded = job["model"], job["template"], None
        if "ship" in job:
            model, template = _unpack(job["ship"], Path(tmp))
            recorded = job["ship"]["recorded"]
        try:
            _, files, prov, _ = _render_report(
                model, job["out_dir"], template=template, lang=job["lang"],
                formats=job["formats"], parameters=job["parameters"], name=job["id"], timeout=job["timeout"],
                kernel_name=None, kernel=_kernel(), write=False, recorded=recorded)
        except CBAError as err:
            out = failed_result(job, str(err), time.perf_counter() - t0)
            out["worker"] = worker
            return out
    return {"id": job["id"], "status": "ok", "error": "", "files": files, "results": prov.get("results", {}),
            "seconds": time.perf_counter() - t0, "worker": worker}
