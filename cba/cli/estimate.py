"""``cba estimate DATA --formula "..." --exposure COL [--family poisson|nb|auto] [--cluster COL]
[--term TERM] [--json] [--parameter NAME [--label TEXT] [--unit TEXT] [--write FILE [--force]]]``.

Estimates an effect on accident counts from a data table (:func:`cba.estimate_effect` on
:func:`cba.evidence.read_table`) and prints its summary and the reduction with its interval
(or ``--json``). With ``--parameter NAME`` it also prints the model-file parameter entry for the
ratio (:func:`cba.evidence.handoff.parameter_block`), to paste under ``parameters:``;
``--write FILE`` writes that entry to FILE instead, atomically, and refuses to replace an
existing file unless ``--force``. The entry starts with a comment holding the command that
reproduces it (no date or time, so the same data give the same bytes).

Bad input (a missing file, column, a bad formula, negative counts, ...) exits 2 with a message
naming the file, row and column; nothing is written.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..i18n import msg

__all__ = ["add_command", "write_new", "command_line"]

#: library argument -> command-line option, for error messages
_OPTIONS = {"formula": "--formula", "exposure": "--exposure", "family": "--family", "cluster": "--cluster",
            "term": "--term", "data": "DATA", "path": "DATA", "name": "--parameter", "label": "--label",
            "unit": "--unit"}


def _api() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """``(estimate_effect, read_table)`` of :mod:`cba.evidence` (imported when the command runs)."""
    import importlib

    from ..errors import CBAError

    found = []
    for name, module in (("estimate_effect", "effect"), ("read_table", "data")):
        fn = None
        for where in ("cba.evidence", f"cba.evidence.{module}"):
            try:
                fn = getattr(importlib.import_module(where), name, None)
            except ImportError:
                fn = None
            if fn is not None:
                break
        if fn is None:
            raise CBAError(msg("evidence.cli.missing_api", name=f"cba.evidence.{name}"))
        found.append(fn)
    return found[0], found[1]


def command_line(args: argparse.Namespace) -> str:
    """The ``cba estimate`` command that reproduces the estimate and the parameter entry
    (the options that change them, in a fixed order)."""
    argv = ["cba", "estimate", args.file, "--formula", args.formula, "--exposure", args.exposure]
    if args.family != "auto":
        argv += ["--family", args.family]
    for opt in ("cluster", "term", "parameter", "label"):
        if getattr(args, opt):
            argv += [f"--{opt}", getattr(args, opt)]
    if args.unit != "比例":
        argv += ["--unit", args.unit]
    return shlex.join(argv)


def _check_target(path: str, force: bool) -> None:
    """Fail before any work when ``path`` cannot be written (or exists, without ``force``)."""
    from ..errors import InputError

    target = Path(path)
    if target.is_dir():
        raise InputError(msg("evidence.cli.is_folder", path=path), where="--write")
    if not target.parent.is_dir():
        raise InputError(msg("evidence.cli.no_folder", path=str(target.parent)), where="--write")
    if target.exists() and not force:
        raise InputError(msg("evidence.cli.exists", path=path), where="--write")


def write_new(path: str | os.PathLike, text: str, *, force: bool = False) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically: a temporary file beside it is renamed into
    place. Without ``force`` an existing file is never replaced (``FileExistsError``), also when
    it appears while writing (the temporary file is hard-linked to ``path``, which fails if it
    exists)."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise
            except OSError:            # a file system without hard links
                if target.exists():
                    raise FileExistsError(str(target)) from None
                os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _is_formula_error(err: BaseException) -> bool:
    """A formula that patsy cannot parse or evaluate (not wrapped by the library)."""
    return type(err).__module__.split(".")[0] == "patsy"


def _reduction_line(est: Any) -> str:
    from ..formatting import fmt_rate, fmt_ratio

    return str(msg("evidence.cli.reduction", reduction=fmt_rate(1 - est.ratio), low=fmt_rate(1 - est.ci_high),
                   high=fmt_rate(1 - est.ci_low), level=f"{100 * (1 - est.alpha):.4g}", ratio=fmt_ratio(est.ratio),
                   ratio_low=fmt_ratio(est.ci_low), ratio_high=fmt_ratio(est.ci_high)))


def _cmd_estimate(args: argparse.Namespace) -> int:
    from ..errors import CBAError, InputError
    from ..evidence.handoff import parameter_block, to_parameter
    from .app import EXIT_FAIL, EXIT_OK, _print_written

    if args.write and not args.parameter:
        raise InputError(msg("evidence.cli.needs_parameter"), where="--write")
    if args.parameter:   # a bad name fails before the data are read
        from ..checks import identifier

        identifier(args.parameter, "--parameter")
    if args.write:
        _check_target(args.write, args.force)
    estimate_effect, read_table = _api()
    frame = read_table(args.file)
    kw: dict[str, Any] = {"exposure": args.exposure, "family": args.family}
    if args.cluster:
        kw["cluster"] = args.cluster
    if args.term:
        kw["term"] = args.term
    try:
        est = estimate_effect(frame, args.formula, **kw)
    except InputError as err:  # name the command-line option, not the library argument
        where = _OPTIONS.get(err.where or "", err.where)
        raise InputError(err.message, where=where, source=err.source or args.file) from None
    except CBAError:
        raise
    except Exception as err:
        if not _is_formula_error(err):
            raise
        why = " ".join(str(err).split()) or type(err).__name__
        raise InputError(msg("evidence.cli.bad_formula", formula=repr(args.formula), why=why),
                         where="--formula", source=args.file) from None
    block = None
    if args.parameter:
        try:
            block = parameter_block(est, args.parameter, label=args.label or "", unit=args.unit,
                                    comment=f"{msg('evidence.cli.block_comment').render('zh')}\n{command_line(args)}")
        except InputError as err:
            raise InputError(err.message, where=_OPTIONS.get(err.where or "", err.where), source=err.source) from None
    written = []
    if args.write:
        try:
            written.append(write_new(args.write, block, force=args.force))
        except FileExistsError:
            raise InputError(msg("evidence.cli.exists", path=args.write), where="--write") from None
        except OSError as err:
            if args.debug:
                raise
            print(msg("cli.error", text=msg("evidence.cli.cannot_write", path=args.write, why=err.strerror or err)),
                  file=sys.stderr)
            return EXIT_FAIL
    if args.json:
        out = dict(est.to_dict())
        if block is not None:
            p = to_parameter(est, args.parameter, label=args.label or "", unit=args.unit)
            out["parameter"] = {p.name: p.to_dict()}
            out["parameter_block"] = block
        print(json.dumps(out, ensure_ascii=False, indent=2, default=_json_default))
    else:
        print(est.summary(lang=args.lang))
        print(_reduction_line(est))
        if block is not None and not args.write:
            print("\n" + str(msg("evidence.cli.block_title")))
            print(block, end="")
    if written:
        _print_written(written, args.json)
    return EXIT_OK


def _json_default(x: Any) -> Any:
    """Numbers and arrays of numpy in ``to_dict()`` as plain JSON values."""
    if hasattr(x, "tolist"):
        return x.tolist()
    return str(x)


def add_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("estimate", _cmd_estimate, "estimate an effect on accident counts from data (Poisson or negative "
            "binomial GLM with an exposure offset) and turn it into a model parameter", file_metavar="DATA",
            file_help="data table: CSV (UTF-8, UTF-8 with BOM or GBK) or Excel (.xlsx)")
    p.add_argument("--formula", required=True, help='model formula, e.g. "accidents ~ after * kiosk + C(site)"')
    p.add_argument("--exposure", required=True, metavar="COL", help="exposure column (months, traffic); "
                   "log(exposure) is the offset")
    p.add_argument("--family", default="auto", choices=("poisson", "nb", "auto"),
                   help="Poisson, negative binomial, or auto (default: NB when overdispersion is found)")
    p.add_argument("--cluster", metavar="COL", help="cluster-robust standard errors by this column (e.g. site)")
    p.add_argument("--term", metavar="TERM", help="the model term whose exponential is the effect "
                   "(default: chosen by the estimator and stated)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--parameter", metavar="NAME", help="also print the model-file parameter entry for the ratio")
    p.add_argument("--label", metavar="TEXT", help="label of that parameter (default 发生率比)")
    p.add_argument("--unit", default="比例", metavar="TEXT", help="unit of that parameter (default 比例)")
    p.add_argument("--write", metavar="FILE", help="write the parameter entry to FILE instead of printing it")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
