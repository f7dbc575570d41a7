"""``cba batch TABLE --out DIR [--template T] [--workers N | --scheduler ADDRESS] [--resume]
[--no-report] [--format html,pdf,docx] [--seed S] [--draws N] [--db URL] [--timeout SECONDS]``.

Runs :func:`cba.batch.run_batch`: one report per row of TABLE (or, with ``--no-report``, the
appraisal only), the summary (``summary.csv``, ``summary.xlsx``, ``index.html``) and the results
database (default ``DIR/results.sqlite``). Exit codes: 2 on a table or option error (nothing
runs, nothing is written), 1 if any row failed (the others are done and listed), 0 otherwise.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["add_command"]


def _cmd_batch(args: argparse.Namespace) -> int:
    import sys

    from ..batch.runner import run_batch

    run = run_batch(args.file, args.out, report=not args.no_report, template=args.template, formats=args.format,
                    workers=args.workers, scheduler=args.scheduler, resume=args.resume, seed=args.seed,
                    n_draws=args.draws, db=args.db, timeout=args.timeout,
                    progress=not args.quiet)
    print(run.summary())
    if run.restarts:
        from ..i18n import msg

        print(msg("batch.run.restarts", n=run.restarts), file=sys.stderr)
    return 0 if run.ok else 1


def _positive(text: str) -> float:
    x = float(text)
    if not x > 0:
        raise argparse.ArgumentTypeError(text)
    return x


def add_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("batch", _cmd_batch, "evaluate a table of projects (one row each): a report per row, a ranked summary "
            "(Excel and an HTML index) and a results database; failed rows are listed with their reasons",
            file_metavar="TABLE",
            file_help="batch table (.csv in UTF-8, UTF-8 with BOM or GBK, or .xlsx): columns id, model, optional "
            "name, scenario, indicators and evidence (the ex-ante review), and parameter overrides named like the "
            "parameters")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder: reports/<id>.*, summary.csv, "
                   "summary.xlsx, index.html and the default database results.sqlite")
    p.add_argument("--no-report", action="store_true",
                   help="appraise only (no reports): vectorised across rows that share a model file")
    p.add_argument("--template", metavar="T", help="report template (default: the packaged evaluation report)")
    p.add_argument("--format", default="html", metavar="FMT",
                   help="report formats, comma-separated among html, pdf, docx (default html)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="local worker processes, each with a warm report kernel (default: one per core)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="render on a Dask cluster (tcp://HOST:8786, started with `dask scheduler` and `dask worker`)")
    p.add_argument("--resume", action="store_true", help="continue the latest run in the database: rows done with "
                   "unchanged inputs (model file, overrides, template, cba version, seed) are kept")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="batch seed; each row's seed derives from S and the row id (default: the resumed run's, "
                   "else a fresh one, printed)")
    p.add_argument("--draws", type=int, default=None, metavar="N",
                   help="Monte Carlo draws per row (default: the template's for reports; none with --no-report)")
    p.add_argument("--db", metavar="URL", help="results database: a SQLite file or an SQLAlchemy URL "
                   "(postgresql://user@host/db); default DIR/results.sqlite")
    p.add_argument("--timeout", type=_positive, default=600, metavar="SECONDS",
                   help="seconds each report may take (default 600); its kernel is killed then")
    p.add_argument("--quiet", action="store_true", help="no progress line")
