"""``cba monitor TABLE [--behind 0.2] [--idle 0.5] [--json] [--out DIR]``.

Performance monitoring of a table of planned and actual spending and outputs per project and
period (:func:`cba.review.monitor`): prints the warnings and the budget action per
project, or JSON; with ``--out`` also writes ``monitoring.csv`` and ``monitoring.json``
(atomically). Bad input (a missing file or column, a bad cell) exits 2 with a message naming
the file, row and column; nothing is written.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from ..i18n import msg

__all__ = ["add_command"]


def _share(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(msg("review.monitor.share", got=repr(text)).render()) from None


def _cmd_monitor(args: argparse.Namespace) -> int:
    from ..atomic import check_out_dir, write_files
    from ..errors import InputError
    from ..review.monitoring import monitor
    from .app import write_and_print

    if args.out:
        check_out_dir(args.out)
    try:
        result = monitor(args.file, behind=args.behind, idle=args.idle)
    except InputError as err:  # name the command-line option, not the library argument
        where = {"behind": "--behind", "idle": "--idle", "table": "TABLE"}.get(err.where, err.where) \
            if isinstance(err.where, str) else err.where
        raise InputError(err.message, where=where, source=err.source) from None

    def files() -> dict[str, str]:
        return {"monitoring.csv": result.to_frame(args.lang).to_csv(index=False),
                "monitoring.json": json.dumps(result.to_dict(), ensure_ascii=False, indent=2)}

    return write_and_print(args, result, lambda: write_files(args.out, files()))


def add_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("monitor", _cmd_monitor, "performance monitoring: spending and outputs against plan, warnings "
            "and a budget action (cut / keep / increase) per project", file_metavar="TABLE",
            file_help="monitoring table (.csv or .xlsx): project, period, planned_spend, actual_spend, "
            "planned_output, actual_output, self_reported [, grade]")
    p.add_argument("--behind", type=_share, default=0.20, metavar="SHARE",
                   help="warn when more than this share behind plan (default 0.2; exactly 0.2 is not warned)")
    p.add_argument("--idle", type=_share, default=0.5, metavar="SHARE",
                   help="funds idle when disbursement is below this share of plan (default 0.5)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--out", metavar="DIR", help="also write monitoring.csv and monitoring.json into DIR")
