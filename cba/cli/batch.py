"""``cba batch TABLE --no-report --out DIR [--seed S] [--draws N] [--db URL]``.

Evaluates every row of a batch table (:func:`cba.batch.read_batch`,
:func:`cba.batch.evaluate_rows`), writes ``summary.csv`` (UTF-8 with BOM, for Excel) and
``summary.xlsx`` into DIR (atomically; ranked by NPV, failed rows last with their reasons)
and records every row in the results database (default ``DIR/results.sqlite``). Exit codes:
2 on a table error (nothing runs), 1 if any row failed, 0 otherwise. Per-row reports come
with the batch runner; until then ``--no-report`` is required.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["add_command"]


def _summary(frame):
    """The summary table: ok rows ranked by NPV (rank 1 = highest), then failed rows."""
    import pandas as pd

    ok = frame[frame["status"] == "ok"].sort_values("npv", ascending=False, kind="stable")
    ok = ok.assign(rank=range(1, len(ok) + 1))
    bad = frame[frame["status"] != "ok"].assign(rank=pd.NA)
    out = pd.concat([ok, bad], ignore_index=True)
    return out[["rank"] + [c for c in out.columns if c != "rank"]]


def _cmd_batch(args: argparse.Namespace) -> int:
    import hashlib
    import io
    from pathlib import Path

    from ..atomic import check_out_dir, write_files
    from ..batch.db import inputs_hash, open_db, record_row, start_run
    from ..batch.evaluate import evaluate_rows
    from ..batch.table import read_batch
    from ..errors import InputError
    from ..i18n import msg

    if not args.no_report:
        raise InputError(msg("batch.cli.reports_pending"), where="--no-report")
    check_out_dir(args.out)
    table = read_batch(args.file)                 # a table error: InputError, exit 2, nothing runs
    frame = evaluate_rows(table, seed=args.seed, n_draws=args.draws)
    summary = _summary(frame)
    buf = io.BytesIO()
    summary.to_excel(buf, index=False, sheet_name="summary")
    written = write_files(args.out, {"summary.csv": summary.to_csv(index=False).encode("utf-8-sig"),
                                     "summary.xlsx": buf.getvalue()})
    db_target = args.db or str(Path(args.out) / "results.sqlite")
    with open_db(db_target) as db:
        run = start_run(db, table_path=table.path.resolve(), table_sha256=table.sha256,
                        seed=frame.attrs.get("seed"))
        for r, rec in zip(table.rows, frame.to_dict("records")):
            if r.model_path is not None and r.model_path.is_file():
                h = inputs_hash(r.model_path, r.overrides, scenario=r.scenario)
            else:                                  # no model file to hash: the row as written
                h = hashlib.sha256(repr((r.id, str(r.model_path), sorted(r.overrides.items()),
                                         r.scenario)).encode()).hexdigest()
            record_row(db, run, r.id, inputs_hash=h, status=rec["status"], error=rec["error"] or None,
                       metrics=rec, seconds=rec["seconds"], outputs=())
    failed = frame[frame["status"] != "ok"]
    for rec in failed.to_dict("records"):
        print(msg("batch.cli.failed_row", id=rec["id"] or "-", error=rec["error"]))
    print(msg("batch.cli.done", n=len(frame), ok=len(frame) - len(failed), failed=len(failed),
              files=", ".join(str(p) for p in written), db=db_target))
    return 1 if len(failed) else 0


def add_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("batch", _cmd_batch, "evaluate a table of projects (one row each): a ranked summary and a "
            "results database; failed rows are listed with their reasons")
    for action in p._actions:
        if action.dest == "file":
            action.metavar = "TABLE"
            action.help = ("batch table (.csv in UTF-8, UTF-8 with BOM or GBK, or .xlsx): columns id, model, "
                           "optional scenario, and parameter overrides named like the parameters")
    p.add_argument("--no-report", action="store_true", help="evaluate the models only (required for now)")
    p.add_argument("--out", required=True, metavar="DIR", help="write summary.csv, summary.xlsx (and the "
                   "default database results.sqlite) into DIR")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="batch seed; each row's risk analysis uses a seed derived from S and the row id")
    p.add_argument("--draws", type=int, default=0, metavar="N",
                   help="Monte Carlo draws per row for P(NPV<0) (default 0: none)")
    p.add_argument("--db", metavar="URL", help="results database: a SQLite file or an SQLAlchemy URL "
                   "(postgresql://...); default DIR/results.sqlite")
