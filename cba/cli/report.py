"""``cba report FILE`` and ``cba reproduce PROVENANCE.json`` (added to the main parser by cba.cli).

Exit codes as everywhere in cba: 0 success, 1 the report failed (the model cannot be
evaluated, a cell raised, it timed out) or did not reproduce, 2 bad input (model, template,
parameter, format), naming what is wrong. Interrupted by SIGINT (Ctrl-C) or SIGTERM, both
commands stop the report's kernel, remove their temporary folder, leave the output folder as it
was and exit 130 or 143 (128 + the signal number).
"""
from __future__ import annotations

import argparse
import contextlib
import signal
import sys

from ..i18n import get_lang, msg

__all__ = ["add_commands"]


def _cmd_report(args: argparse.Namespace) -> int:
    from ..atomic import check_out_dir
    from .app import parse_assignments
    from ..report.conclusion import VERDICTS
    from ..report.params import RESERVED, parse_cli, template_parameters
    from ..report.render import DEFAULT_TEMPLATE, render_report

    check_out_dir(args.out, "--out")       # before anything runs: exit 2 naming --out
    _check_timeout(args.timeout)
    _check_format(args.format)
    template = args.template or DEFAULT_TEMPLATE
    declared = template_parameters(template)
    params = parse_cli(args.param, declared, reserved=RESERVED)
    if args.set:
        if "overrides" not in declared:
            from ..report.errors import ParameterError

            raise ParameterError(msg("report.no_overrides_param"), where="--set")
        params["overrides"] = {**(params.get("overrides") or {}), **parse_assignments(args.set)}
    with _interruptible() as stopped:
        out = render_report(args.file, args.out, template=args.template, lang=args.lang, formats=args.format,
                            parameters=params, name=args.name, timeout=args.timeout)
    if stopped:
        return stopped[0]
    zh = get_lang() == "zh"
    print(msg("cli.report_written", seconds=f"{out.seconds['total']:.1f}"))
    for kind, path in out.files.items():
        print(f"  {kind:<10} {path}")
    for path in out.removed:
        print(msg("cli.report_removed", path=path))
    c = out.results.get("conclusion")
    if c and c.get("verdict") in VERDICTS:
        print(msg("cli.report_conclusion", verdict=VERDICTS[c["verdict"]][0 if zh else 1]))
    return 0


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` runs (kernel, temporary folder)."""

    signum = int(getattr(signal, "SIGTERM", 15))


@contextlib.contextmanager
def _interruptible():
    """Turn SIGTERM into :class:`_Terminated` while the block runs; an interruption (SIGINT or
    SIGTERM) is reported on stderr and its exit status (128 + signal number) appended to the
    yielded list instead of propagating. The library code inside stops the kernel and removes
    its temporary folder on the way out."""
    stopped: list[int] = []

    def on_term(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)     # once is enough; let the clean-up finish
        raise _Terminated()

    old = None
    if hasattr(signal, "SIGTERM"):
        try:
            old = signal.signal(signal.SIGTERM, on_term)
        except ValueError:      # not the main thread: leave signals alone
            old = None
    try:
        yield stopped
    except KeyboardInterrupt as err:
        code = 128 + (err.signum if isinstance(err, _Terminated) else int(signal.SIGINT))
        what = "SIGTERM" if isinstance(err, _Terminated) else "SIGINT"
        print(msg("cli.interrupted", signal=what), file=sys.stderr)
        stopped.append(code)
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)


def _check_timeout(timeout) -> None:
    import math

    from ..errors import InputError

    if timeout is not None and (not math.isfinite(timeout) or timeout <= 0):
        raise InputError(msg("cli.timeout", got=f"{timeout:g}"), where="--timeout")


def _check_format(text: str) -> None:
    from ..errors import InputError
    from ..report.render import FORMATS

    if not [f for f in str(text).split(",") if f.strip()]:
        raise InputError(msg("cli.format", allowed=", ".join(FORMATS), got=repr(text)), where="--format")


def _cmd_reproduce(args: argparse.Namespace) -> int:
    from ..atomic import check_out_dir
    from ..report.provenance import reproduce

    if args.out is not None:
        check_out_dir(args.out, "--out")
    _check_timeout(args.timeout)

    with _interruptible() as stopped:
        result = reproduce(args.file, out_dir=args.out, timeout=args.timeout)
    if stopped:
        return stopped[0]
    print(result.summary())
    return 0 if result.matches else 1


def add_commands(sub) -> None:
    """Add ``report`` and ``reproduce`` to the ``cba`` sub-command parser."""
    p = sub.add_parser("report", help="render the evaluation report (HTML, PDF, Word) with papermill",
                       description="Render the evaluation report of a model with the papermill template: "
                                   "HTML, PDF and Word, the executed notebook and a provenance file.")
    p.add_argument("file", metavar="FILE", help="model file (.yaml or .xlsx)")
    p.add_argument("--out", default="reports", metavar="DIR", help="output folder (default reports/)")
    p.add_argument("--format", default="html,pdf,docx", metavar="LIST",
                   help="comma-separated formats: html, pdf, docx (default all; the .ipynb and provenance are "
                        "always written; files of an earlier report of the same name in other formats are "
                        "removed, and listed)")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the report and of messages (default: CBA_LANG if set, else zh)")
    p.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                   help="set a template parameter (repeatable); JSON values, text for text parameters (a "
                        "JSON string such as title='\"X\"' is unquoted, other text taken as written), "
                        "e.g. -p n_draws=5000 -p scenario=pessimistic -p 'overrides={\"kiosk_price\": 15}'")
    p.add_argument("--set", action="append", metavar="NAME=VALUE",
                   help="override a model parameter for this report (repeatable; goes into 'overrides')")
    p.add_argument("--template", metavar="NOTEBOOK", help="report template (default: the one shipped with cba)")
    p.add_argument("--name", metavar="STEM", help="file stem of the outputs (default: the model file's)")
    p.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                   help="stop the report (and its kernel) after this long (default 600)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("reproduce", help="re-run a report from its provenance file and compare every number",
                       description="Re-run a report from its .provenance.json and say whether every number matches.")
    p.add_argument("file", metavar="PROVENANCE", help="the report's .provenance.json")
    p.add_argument("--out", metavar="DIR", help="also write the re-rendered report into DIR")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="time limit of the re-run")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of messages (default: CBA_LANG if set, else zh; the report is re-rendered in "
                        "its recorded language)")
    p.set_defaults(func=_cmd_reproduce)


if __name__ == "__main__":  # pragma: no cover
    from . import main

    sys.exit(main())
