"""A whole batch: :func:`run_batch` (``cba batch``).

Steps, each safe to interrupt at any moment (even ``kill -9``):

1. Read and check the table (:func:`~cba.batch.read_batch`): a table error stops everything
   before anything runs; a row error fails that row only.
2. Appraise every row at once (:func:`~cba.batch.evaluate_rows`, vectorised across rows that
   share a model file): the metrics of the summary and the database.
3. With reports (the default), render one report per row on warm local workers
   (:mod:`cba.batch.pool`) or on a Dask cluster (:mod:`cba.batch.cluster`). As each comes back
   its files are put into ``OUT/reports/`` (temporary names, then renames: never a partial
   file) and then the row is recorded in the database in one transaction.
4. Write the summary (``summary.csv``, ``summary.xlsx``, ``index.html``) in one atomic step.

``resume=True`` continues the latest run in the database: a row whose inputs hash (model file,
overrides, scenario, template, cba version, and the batch's seed, draws, formats and language)
was recorded as done, and whose report files are all present, is kept; every other row runs.
Each row's seed derives from the batch seed and its id, so the numbers are the same whatever
the number of workers, the backend or the order in which rows finish.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import check_lang, get_lang, msg
from .outcome import BatchRun, _masked

__all__ = ["run_batch", "BatchRun", "row_hash"]

#: the report files a row must have to count as done (besides those of its formats)
_ALWAYS = ("ipynb", "provenance.json")


def row_hash(row, *, template: str | None, settings: dict[str, Any], read=None) -> str:
    """The row's inputs hash: :func:`cba.batch.inputs_hash` (model file, overrides, scenario,
    template, cba version) combined with the batch ``settings`` that change its results and the
    bytes of the row's indicator and evidence files. ``read(path) -> bytes`` reads a file (a
    batch passes one that reads each file once for all its rows)."""
    from .db import inputs_hash

    read = read or (lambda p: Path(p).read_bytes())
    if row.model_path is not None and Path(row.model_path).is_file():
        base = inputs_hash(row.model_path, row.overrides, scenario=row.scenario, template=template, read=read)
    else:                                   # no model file to hash: the row as written
        base = hashlib.sha256(repr((row.id, str(row.model_path), sorted(row.overrides.items()),
                                    row.scenario)).encode()).hexdigest()
    files = {k: hashlib.sha256(read(p)).hexdigest() for k, p in (("indicators", getattr(row, "indicators", None)),
                                                                ("evidence", getattr(row, "evidence", None)))
             if isinstance(p, Path) and p.is_file()}        # review inputs: their bytes count too
    extra = json.dumps({**settings, **files}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((base + extra).encode()).hexdigest()


def _reader():
    """``read(path) -> bytes`` that reads each file once (the files of one batch run)."""
    seen: dict[str, bytes] = {}

    def read(path) -> bytes:
        key = str(path)
        if key not in seen:
            seen[key] = Path(path).read_bytes()
        return seen[key]

    return read


def _check_workers(workers: Any) -> int:
    if workers is None:
        return max(1, os.cpu_count() or 1)
    if isinstance(workers, bool) or not isinstance(workers, (int, np.integer)) or workers < 1:
        raise InputError(msg("batch.run.workers", got=repr(workers)), where="--workers")
    return int(workers)


def _latest_run(db) -> tuple[str | None, Any]:
    from .db import results

    frame = results(db)
    return frame.attrs.get("run"), frame


def run_batch(table, out_dir, *, report: bool = True, template: str | os.PathLike | None = None,
              formats: Sequence[str] | str = ("html",), workers: int | None = None, scheduler: Any = None,
              resume: bool = False, seed: int | None = None, n_draws: int | None = None, db: str | None = None,
              lang: str | None = None, timeout: float | None = 600, progress: bool = True) -> BatchRun:
    """Evaluate a table of projects, one report per row, with a ranked summary and a results database.

    Parameters
    ----------
    table : path or BatchTable
        The batch table (see :func:`cba.batch.read_batch`).
    out_dir : path
        Output folder: ``reports/<id>.*``, ``summary.csv``, ``summary.xlsx``, ``index.html`` and
        (by default) the database ``results.sqlite``.
    report : bool
        False: appraise only (``--no-report``), vectorised across rows sharing a model file.
    template : path, optional
        Report template (default the packaged evaluation report).
    formats : sequence or comma-separated str
        Report formats among html, pdf, docx (default html); the executed notebook and the
        provenance are always written.
    workers : int, optional
        Local worker processes (default one per core).
    scheduler : str or LocalCluster, optional
        A Dask scheduler address (``tcp://host:8786``) or cluster: render there instead.
    resume : bool
        Continue the latest run in the database: rows done with unchanged inputs are kept.
    seed : int, optional
        Batch seed (default: the resumed run's, else a fresh one, printed and recorded).
    n_draws : int, optional
        Monte Carlo draws per row (default: the template's for reports, none without).
    db : str, optional
        A SQLite file or an SQLAlchemy URL (default ``OUT/results.sqlite``).
    lang : {"zh", "en"}, optional
        Language of the reports, the summary and the messages.
    timeout : float or None
        Seconds each report may take.
    progress : bool
        Show the progress line on standard error.

    Returns
    -------
    BatchRun

    Examples
    --------
    >>> import tempfile
    >>> run = run_batch("data/batch/kiosk_districts.csv", tempfile.mkdtemp(), report=False, progress=False)
    >>> run.ok, len(run.frame), sorted(run.frame["grade"].unique())
    (True, 48, ['中', '优', '差', '良'])
    """
    from ..atomic import check_out_dir
    from ..i18n import use_lang

    lang = check_lang(lang or get_lang())
    with use_lang(lang):
        if scheduler is not None and workers is not None:
            raise InputError(msg("batch.run.both"), where="--scheduler")
        n_workers = _check_workers(workers)
        if n_draws is not None:
            from .. import checks as v

            n_draws = v.integer(n_draws, "--draws", minimum=0)
        check_out_dir(os.fspath(out_dir))
        from ..report.render import _check_formats
        from .table import BatchTable, read_batch

        fmts = _check_formats(formats) if report else ()
        if template is not None and not Path(template).is_file():
            raise InputError(msg("report.no_file"), where="--template", source=str(template))
        tbl = table if isinstance(table, BatchTable) else read_batch(table)
        return _Run(tbl, Path(out_dir), report=report, template=template, fmts=fmts, n_workers=n_workers,
                    scheduler=scheduler, resume=resume, seed=seed, n_draws=n_draws, db=db, lang=lang,
                    timeout=timeout, progress=progress).go()


class _Run:
    """The state of one :func:`run_batch` call."""

    def __init__(self, table, out: Path, *, report, template, fmts, n_workers, scheduler, resume, seed, n_draws,
                 db, lang, timeout, progress):
        self.table, self.out, self.report, self.fmts = table, out, report, fmts
        self.template = None if template is None else str(Path(template).resolve())
        self.n_workers, self.scheduler, self.resume = n_workers, scheduler, resume
        self.seed, self.n_draws, self.lang, self.timeout = seed, n_draws, lang, timeout
        self.db_default = db is None
        self.db = str(db) if db is not None else str(out / "results.sqlite")
        self.show_progress = progress
        self.t0 = time.perf_counter()

    # -- set-up --------------------------------------------------------------------------------
    def go(self) -> BatchRun:
        from .db import open_db, start_run

        if self.db_default:                          # the database lives in the output folder
            self.out.mkdir(parents=True, exist_ok=True)
        with open_db(self.db) as dbh:                # another database: reached before anything is written
            self.out.mkdir(parents=True, exist_ok=True)
            _remove_leftovers(self.out / "reports")
            self.dbh = dbh
            prev_run, prev = _latest_run(dbh) if self.resume else (None, None)
            if self.seed is None and prev_run is not None and len(prev) and prev["batch_seed"].notna().any():
                self.seed = int(prev["batch_seed"].dropna().iloc[0])
            if self.seed is None and (self.report or self.n_draws):
                self.seed = int(np.random.SeedSequence().entropy % (2 ** 63))
                print(msg("batch.run.seed", seed=self.seed).render(self.lang))
            settings = {"report": self.report, "formats": list(self.fmts), "lang": self.lang, "seed": self.seed,
                        "n_draws": self.n_draws}
            read = _reader()
            self.hashes = [row_hash(r, template=self.template if self.report else None, settings=settings, read=read)
                           for r in self.table.rows]
            kept = self._kept(prev) if prev_run is not None else {}
            self.run_id = prev_run if prev_run is not None else start_run(
                dbh, table_path=self.table.path.resolve(), table_sha256=self.table.sha256, seed=self.seed)
            if self.resume:
                print(msg("batch.run.resumed", skipped=len(kept), todo=len(self.table.rows) - len(kept))
                      .render(self.lang))
            return self._evaluate_and_render(kept)

    def _kept(self, prev) -> dict[int, dict[str, Any]]:
        """Rows of the resumed run that are done with these very inputs, their files present."""
        done = {rec["row_id"]: rec for rec in prev.to_dict("records") if rec["status"] == "ok"}
        kept: dict[int, dict[str, Any]] = {}
        for i, (r, h) in enumerate(zip(self.table.rows, self.hashes)):
            rec = done.get(r.id)
            if rec is None or rec["inputs_hash"] != h:
                continue
            missing = [p for p in rec["outputs"] if not (self.out / p).is_file()]
            if missing:
                print(msg("batch.run.report_missing", file=missing[0]).render(self.lang))
                continue
            kept[i] = rec
        return kept

    # -- the work ------------------------------------------------------------------------------
    def _evaluate_and_render(self, kept: dict[int, dict[str, Any]]) -> BatchRun:
        from .evaluate import evaluate_rows

        frame = evaluate_rows(self.table, seed=self.seed, n_draws=0 if self.report else (self.n_draws or 0))
        frame.insert(1, "name", [r.name or "" for r in self.table.rows])
        self._review(frame)
        frame["verdict"] = ""
        frame["reports"] = [{} for _ in range(len(frame))]
        frame["skipped"] = False
        self.frame = frame
        for i, rec in kept.items():
            frame.at[i, "skipped"] = True
            frame.at[i, "reports"] = {_kind(Path(p).name): p for p in rec["outputs"]}
            if rec["prob_negative"] is not None and not np.isnan(rec["prob_negative"]):   # 0.0 is a value
                frame.at[i, "prob_negative"] = rec["prob_negative"]
        todo = [i for i in range(len(frame)) if i not in kept]
        if not self.report:                      # every row is done: one transaction for all
            self._record_all(todo)
            todo = []
        else:
            self._record_all([i for i in todo if frame.at[i, "status"] != "ok"])   # failed up front
            todo = [i for i in todo if frame.at[i, "status"] == "ok"]
        self.progress = self._progress(len(todo))
        self.progress.start()
        by_id = {r.id: i for i, r in enumerate(self.table.rows)}
        restarts = 0
        try:
            if todo:
                from ..report.params import template_parameters
                from ..report.render import DEFAULT_TEMPLATE
                from .jobs import make_job

                titled = "title" in template_parameters(self.template or DEFAULT_TEMPLATE)

                jobs = []
                for i in todo:
                    jobs.append(make_job(self.table.rows[i], out_dir=str((self.out / "reports").resolve()),
                                         lang=self.lang, formats=self.fmts, template=self.template, seed=self.seed,
                                         n_draws=self.n_draws, timeout=self.timeout, inputs_hash=self.hashes[i],
                                         titled=titled, ship=self.scheduler is not None))
                if jobs:
                    restarts = self._render(jobs, lambda res: self._reported(by_id[res["id"]], res))
        finally:
            self.progress.close()
        files = self._summary()
        return BatchRun(frame=self.frame, out_dir=self.out, db=self.db, run_id=self.run_id, seed=self.seed,
                        files=tuple(files), seconds=time.perf_counter() - self.t0, restarts=restarts)

    def _review(self, frame) -> None:
        """The ex-ante review of every row with an indicator system (its grade ranks the summary)."""
        from ..errors import CBAError
        from .review_rows import review_row
        from .seeds import row_seed

        cols = ("grade", "review_total", "review_conclusion", "dimensions", "dimension_names", "dimension_max")
        found: dict[int, dict[str, Any]] = {}
        for i, r in enumerate(self.table.rows):
            if r.indicators is None or frame.at[i, "status"] != "ok":
                continue
            try:
                found[i] = review_row(r, seed=None if self.seed is None else row_seed(self.seed, r.id))
            except CBAError as err:
                frame.at[i, "status"], frame.at[i, "error"] = "failed", str(err)
        if found:
            for c in cols:
                frame[c] = [found.get(i, {}).get(c, np.nan if c == "review_total" else None)
                            for i in range(len(frame))]

    def _template_draws(self) -> Any:
        """The template's own ``n_draws`` (what each report used when ``--draws`` was not given)."""
        if not self.report:
            return "—"
        from ..report.params import template_parameters
        from ..report.render import DEFAULT_TEMPLATE

        d = template_parameters(self.template or DEFAULT_TEMPLATE).get("n_draws")
        return d.default_value if d is not None and d.has_literal_default else "—"

    def _progress(self, total: int):
        from .progress import Progress

        return Progress(total, lang=self.lang, enabled=self.show_progress)

    def _render(self, jobs, on_result) -> int:
        if self.scheduler is not None:
            from .cluster import run_dask

            run_dask(jobs, self.scheduler, on_result)
            return 0
        from .pool import run_local

        return run_local(jobs, self.n_workers, on_result)

    def _reported(self, i: int, res: dict[str, Any]) -> None:
        """A report came back: its files into place, then the row into the database."""
        from ..atomic import write_files

        f = self.frame
        if res["status"] == "ok":
            reports = self.out / "reports"
            stale = reports / f"{res['id']}.failed.json"
            write_files(reports, res["files"])
            stale.unlink(missing_ok=True)
            f.at[i, "reports"] = {_kind(name): f"reports/{name}" for name in res["files"]}
            risk = res["results"].get("risk") or {}
            if "prob_loss" in risk:
                f.at[i, "prob_negative"] = float(risk["prob_loss"])
            f.at[i, "verdict"] = (res["results"].get("conclusion") or {}).get("verdict", "")
        else:
            f.at[i, "status"] = "failed"
            f.at[i, "error"] = res["error"]
        f.at[i, "seconds"] = float(f.at[i, "seconds"]) + float(res.get("seconds") or 0.0)
        self._record(i)

    def _entry(self, i: int) -> dict[str, Any]:
        rec = self.frame.iloc[i]
        return {"row_id": rec["id"] or f"#{rec['row']}", "inputs_hash": self.hashes[i], "status": rec["status"],
                "error": rec["error"] or None, "metrics": rec.to_dict(), "seconds": rec["seconds"],
                "outputs": list(rec["reports"].values())}

    def _record(self, i: int) -> None:
        from .db import record_rows

        record_rows(self.dbh, self.run_id, [self._entry(i)])
        self.progress.step(failed=self.frame.at[i, "status"] != "ok")

    def _record_all(self, rows: list[int]) -> None:
        from .db import record_rows

        record_rows(self.dbh, self.run_id, [self._entry(i) for i in rows])

    # -- the summary ---------------------------------------------------------------------------
    def _summary(self) -> list[Path]:
        from ..atomic import write_files
        from .summary import summary_files

        import datetime as _dt

        from .. import __version__

        meta = {"run_id": self.run_id, "seed": self.seed, "cba_version": __version__, "table": str(self.table.path),
                "template": (self.template or "cba:report/templates/appraisal.ipynb") if self.report else "—",
                "n_draws": self.n_draws if self.n_draws is not None else self._template_draws(),
                "backend": str(self.scheduler) if self.scheduler is not None else
                msg("batch.run.local", n=self.n_workers).render(self.lang),
                "finished": _dt.datetime.now().astimezone().isoformat(timespec="seconds"), "db": _masked(self.db)}
        units = {getattr(m, "currency", None) for m in self.table.models.values()}   # the models read
        currency = units.pop() if len(units) == 1 and None not in units else ""
        return write_files(self.out, summary_files(self.frame, lang=self.lang, meta=meta, currency=currency))


def _remove_leftovers(folder: Path) -> None:
    """Temporary files a killed run left while writing reports (``.<name>.<random>.tmp``)."""
    if folder.is_dir():
        for p in folder.glob(".*.tmp"):
            p.unlink(missing_ok=True)


def _kind(name: str) -> str:
    """``a.provenance.json`` -> ``provenance``; ``a.html`` -> ``html``."""
    return "provenance" if name.endswith(".provenance.json") else name.rsplit(".", 1)[-1]
