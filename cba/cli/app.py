"""Command line: ``cba validate``, ``evaluate``, ``breakeven``, ``sensitivity``, ``simulate``,
``estimate``, ``review``, ``monitor``, ``batch``, ``convert``, ``report`` and ``reproduce`` (``cba COMMAND --help`` for each).

Thin: parse arguments, call one library function, map errors to exit codes.
Exit 0 on success, 1 on an evaluation failure, 2 on bad input or usage; the
message names the file and the field; no traceback unless ``--debug``. Every command takes
``--lang zh|en`` (default: the current language, ``CBA_LANG`` or Chinese) and runs inside
:func:`~cba.i18n.use_lang`, so errors, warnings and every printed line follow it.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from ..atomic import check_out_dir
from ..errors import CBAError, InputError
from ..i18n import get_lang, msg, use_lang

__all__ = ["main", "parse_assignments"]

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2


def parse_assignments(items: Sequence[str] | None, *, option: str = "--set") -> dict[str, Any]:
    """Parse ``name=value`` pairs; values are numbers (schedule names allowed for discount_rate).

    >>> parse_assignments(["kiosk_price=12", "discount_rate=green_book"])
    {'kiosk_price': 12.0, 'discount_rate': 'green_book'}
    """
    out: dict[str, Any] = {}
    for item in items or ():
        name, sep, raw = item.partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or not name:
            raise InputError(msg("cli.name_value", got=repr(item)), where=option)
        try:
            out[name] = float(raw)
        except ValueError:
            if name == "discount_rate" and raw.startswith("["):
                try:
                    out[name] = json.loads(raw)
                except ValueError as err:  # json.JSONDecodeError
                    raise InputError(msg("cli.rate_steps", got=repr(raw), why=getattr(err, "msg", err),
                                         pos=getattr(err, "pos", 0) + 1), where=f"{option} {name}") from None
            elif name == "discount_rate":
                out[name] = raw
            else:
                raise InputError(msg("cli.number", got=repr(raw)), where=f"{option} {name}") from None
    return out


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..model.check import check_model
    from ..model.files import load_model

    model = load_model(args.file)
    report = check_model(model)
    if not report.ok:
        print(msg("cli.evaluation_failed", text=msg("cli.failed_file", file=args.file, summary=report.summary())),
              file=sys.stderr)
        return EXIT_FAIL
    n_flows = sum(len(o.flows) for o in model.options.values())
    n_assets = sum(len(o.assets) for o in model.options.values())
    print(msg("cli.validate_ok", file=args.file, name=model.name, n_parameters=len(model.parameters),
              n_options=len(model.options), n_flows=n_flows, horizon=model.horizon, n_cases=len(report.cases),
              assets=msg("cli.validate_assets", n=n_assets) if n_assets else ""))
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from ..analysis.appraise import appraise
    from ..model.files import load_model

    overrides = parse_assignments(args.set)
    if args.out:
        check_out_dir(args.out)
    model = load_model(args.file)
    try:
        result = appraise(model, scenario=args.scenario, **overrides)
    except InputError as err:  # name the command-line option, not the library argument
        where = err.where or ""
        if where.startswith("overrides."):
            where = "--set " + where[len("overrides."):]
        elif where == "scenario":
            where = "--scenario"
        raise InputError(err.message, where=where or None, source=err.source) from None
    from ..analysis.export import write_appraisal

    return write_and_print(args, result, lambda: write_appraisal(result, args.out, lang=args.lang))


def write_and_print(args: argparse.Namespace, result: Any, write: Callable[[], Sequence[Any]]) -> int:
    """Write ``--out`` files with ``write()`` (exit 1 if that fails), then print the result as
    JSON (``--json``) or its summary, and the files written."""
    written: Sequence[Any] = ()
    if args.out:
        try:
            written = write()
        except OSError as err:
            if args.debug:
                raise
            print(msg("cli.error", text=msg("cli.cannot_write_out", path=args.out, why=err.strerror or err)),
                  file=sys.stderr)
            return EXIT_FAIL
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(result.summary(lang=args.lang))
    if args.out:
        _print_written(written, args.json)
    return EXIT_OK


def _cmd_breakeven(args: argparse.Namespace) -> int:
    from ..analysis.breakeven import breakeven, describe_breakeven
    from ..model.files import load_model

    model = load_model(args.file)
    try:
        be = breakeven(model, args.parameter, option=args.option, metric=args.metric, target=args.target,
                       bounds=args.bounds, scenario=args.scenario, full_output=True)
    except InputError as err:  # name the command-line option, not the library argument
        where = {"parameter": "--parameter", "option": "--option", "metric": "--metric",
                 "bounds": "--bounds", "target": "--target", "scenario": "--scenario"}.get(err.where or "", err.where)
        raise InputError(err.message, where=where, source=err.source) from None
    if args.json:
        print(json.dumps(be.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(describe_breakeven(model, be, lang=args.lang))
    return EXIT_OK


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from ..model.files import load_model
    from ..analysis.analyse import analyse

    suffix = args.plot.rsplit(".", 1)[-1].lower() if args.plot and "." in args.plot else ""
    if args.plot and suffix not in ("png", "svg", "pdf"):
        raise InputError(msg("cli.plot_suffix", got=repr(args.plot)), where="--plot")
    # every output path is checked before anything is computed or written
    if args.plot:
        from pathlib import Path

        if Path(args.plot).is_dir():
            raise InputError(msg("cli.plot_is_folder", path=args.plot), where="--plot")
        check_out_dir(str(Path(args.plot).parent), "--plot")
    if args.out:
        check_out_dir(args.out)
    model = load_model(args.file)
    pair = None
    if args.frontier:
        pair = tuple(p.strip() for p in args.frontier.split(","))
        if len(pair) != 2:
            raise InputError(msg("cli.frontier_pair", got=repr(args.frontier)), where="--frontier")
    try:
        result = analyse(model, args.option, args.metric, frontier=pair, scenario=args.scenario)
    except InputError as err:
        where = {"option": "--option", "metric": "--metric", "x": "--frontier", "y": "--frontier",
                 "x_range": "--frontier", "y_range": "--frontier", "frontier": "--frontier",
                 "scenario": "--scenario"}.get(err.where or "", err.where)
        raise InputError(err.message, where=where, source=err.source) from None
    plot = None
    if args.plot:  # render everything before writing anything
        from ..plots.charts import figure_bytes, plot_tornado

        plot = figure_bytes(plot_tornado(result.sensitivity, lang=args.lang), suffix)
    files = result.files(args.lang) if args.out else None
    written: list[Any] = []
    if args.out or plot is not None:
        import contextlib

        from ..atomic import atomic_path, write_files

        try:  # the plot is renamed into place only after the folder's files are
            with contextlib.ExitStack() as stack:
                if plot is not None:
                    stack.enter_context(atomic_path(args.plot)).write_bytes(plot)
                if args.out:
                    written += write_files(args.out, files)
        except OSError as err:
            if args.debug:
                raise
            print(msg("cli.error", text=msg("cli.cannot_write", why=err)), file=sys.stderr)
            return EXIT_FAIL
        if plot is not None:
            written.append(args.plot)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(result.summary(lang=args.lang))
    if written:
        _print_written(written, args.json)
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    """``cba convert MODEL --to xlsx|yaml [--out PATH] [--force]``."""
    from ..model.files import convert_model

    try:
        out = convert_model(args.file, args.to, args.out, force=args.force)
    except InputError as err:  # name the command-line option, not the library argument
        where = {"out": "--out", "to": "--to"}.get(err.where or "", err.where)
        raise InputError(err.message, where=where, source=err.source) from None
    except OSError as err:
        if args.debug:
            raise
        print(msg("cli.error", text=msg("model.files.cannot_write", path=args.out or args.file,
                                        err=err.strerror or err)), file=sys.stderr)
        return EXIT_FAIL
    print(msg("model.files.converted", path=out))
    return EXIT_OK


def _add_convert(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("convert", _cmd_convert, "convert a model file between YAML and Excel (.xlsx)")
    p.add_argument("--to", required=True, choices=("yaml", "xlsx"), help="format to write")
    p.add_argument("--out", metavar="PATH", help="file to write (default: FILE with the new suffix)")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")


def _print_written(written: Sequence[Any], json_out: bool) -> None:
    """``已写入：a, b`` / ``written: a, b`` (on stderr when stdout holds JSON)."""
    sep = "、" if get_lang() == "zh" else ", "
    print("\n" + str(msg("cli.written", files=sep.join(str(p) for p in written))),
          file=sys.stderr if json_out else sys.stdout)


def add_lang(p: argparse.ArgumentParser) -> None:
    """``--lang zh|en``: the language of messages, warnings, tables and figures."""
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of messages, tables and figures (default: CBA_LANG if set, else zh)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cba", description="Ex-ante cost-benefit and break-even evaluation.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str, *, file_metavar: str = "FILE",
            file_help: str = "model file (.yaml or .xlsx)") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("file", metavar=file_metavar, help=file_help)
        p.add_argument("--debug", action="store_true", help="show tracebacks")
        add_lang(p)
        p.set_defaults(func=func)
        return p

    add("validate", _cmd_validate, "check a model file; evaluate its base case, scenarios and range "
        "ends, and report every formula that fails")
    p = add("evaluate", _cmd_evaluate, "appraise every option (NPV, BCR, IRR, payback)")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="override a parameter (repeatable)")
    p.add_argument("--scenario", help="apply a named scenario from the model file")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", metavar="DIR", help="also write results (JSON, CSV, text) into DIR")
    p = add("breakeven", _cmd_breakeven, "the value of one input at which an option breaks even")
    p.add_argument("--parameter", required=True, metavar="P", help="a parameter, or discount_rate")
    p.add_argument("--option", help="option to appraise (needed when there are several)")
    p.add_argument("--metric", default="npv", help="npv (default), bcr, irr, ...")
    p.add_argument("--target", type=float, help="level of the metric (default: 0 for npv, 1 for bcr)")
    p.add_argument("--bounds", type=float, nargs=2, metavar=("LOW", "HIGH"), help="range to search (default: ten widths of the "
                   "parameter's low-high range beyond each end; 0 to 10, i.e. 0-1000%%, for discount_rate)")
    p.add_argument("--scenario", help="hold the other inputs at a named scenario")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p = add("sensitivity", _cmd_sensitivity, "tornado, switching values, scenarios and a break-even frontier")
    p.add_argument("--option", help="option to appraise (needed when there are several)")
    p.add_argument("--metric", default="npv", help="npv (default), bcr, irr, ...")
    p.add_argument("--scenario", help="vary the inputs around a named scenario")
    p.add_argument("--frontier", metavar="X,Y", help="two inputs for the frontier (default: the input nearest to its switching value and the largest swing of the others)")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.add_argument("--plot", metavar="FILE", help="write the tornado diagram (.png, .svg or .pdf)")
    p.add_argument("--out", metavar="DIR", help="write tables (CSV, JSON) and figures (PNG) into DIR")
    _add_convert(add)
    from .simulate import add_command as add_simulate

    add_simulate(add)
    from .review import add_command as add_review  # review (issue 13)

    add_review(add)
    from .estimate import add_command as add_estimate  # estimate (issue 12)

    add_estimate(add)
    from .monitor import add_command as add_monitor  # monitor (issue 13)

    add_monitor(add)
    from .batch import add_command as add_batch  # batch (issue 14)

    add_batch(add)
    from .report import add_commands as add_report_commands  # report, reproduce

    add_report_commands(sub)
    return parser


def _version() -> str:
    from .. import __version__

    return f"cba {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cba`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_usage(sys.stderr)
        commands = [name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
                    for name in action.choices]
        print(msg("cli.command_required", commands=", ".join(commands)), file=sys.stderr)
        return EXIT_INPUT
    args.lang = args.lang or get_lang()
    with use_lang(args.lang):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the command; map errors to messages on stderr and exit codes."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = args.func(args)
        for w in caught:
            print(msg("cli.warning", text=w.message), file=sys.stderr)
        return code
    except InputError as err:
        if args.debug:
            raise
        print(msg("cli.error", text=err), file=sys.stderr)
        return EXIT_INPUT
    except CBAError as err:
        if args.debug:
            raise
        print(msg("cli.evaluation_failed", text=err), file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as err:  # an internal error: short message, traceback with --debug
        if args.debug:
            raise
        print(msg("cli.internal_error", name=type(err).__name__, text=err), file=sys.stderr)
        return EXIT_FAIL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
