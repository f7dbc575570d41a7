"""``cba review FILE --indicators IND --evidence EV [--panel SCORES] [--aggregate mean|trimmed_mean]
[--draws N --seed S] [--json] [--report [--out DIR] [--format html,pdf,docx]] [--lang zh|en]``.

Ex-ante performance review (事前绩效评估) of a model file: the indicator system is scored from the
evidence, the expert panel and the model's own appraisal (:func:`cba.review`); prints the
scores per dimension, the total, the grade and the conclusion (予以支持 / 调整后支持 / 不予支持)
with its reasons, or JSON. ``--report`` also renders the review report
(``cba/report/templates/review.ipynb``) through :func:`cba.render_report`, whose provenance
records the SHA-256 of the model, indicator, evidence and panel files. Exit 2 on bad input
(a missing file, an unknown indicator), naming the file and the field.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..i18n import msg

__all__ = ["add_command"]


def _cmd_review(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..model.files import load_model
    from ..report.review_blocks import load_evidence, load_system, review_summary, run_review

    if not args.report:
        for option, given in (("--out", args.out is not None), ("--format", args.format is not None)):
            if given:
                raise InputError(msg("review_report.report_only", option=option), where=option)
    if args.draws < 0:
        raise InputError(msg("review_report.draws", got=args.draws), where="--draws")
    for option, path in (("FILE", args.file), ("--evidence", args.evidence), ("--panel", args.panel)):
        if path is not None and not Path(path).is_file():
            key = "review_report.no_file" if not Path(path).exists() else "review_report.not_file"
            raise InputError(msg(key), where=option, source=path)
    if args.report:
        from ..atomic import check_out_dir
        from .report import _check_format

        check_out_dir(args.out or "reports", "--out")
        _check_format(args.format or "html,pdf,docx")
    system = _located(lambda: load_system(args.indicators), "--indicators", args.indicators)
    evidence = _located(lambda: load_evidence(args.evidence, system, where="--evidence"), "--evidence",
                        args.evidence)
    model = load_model(args.file)
    result = _located(lambda: run_review(model, system, evidence, panel=args.panel, aggregate=args.aggregate,
                                         n_draws=args.draws, seed=args.seed, evidence_path=args.evidence),
                      None, None)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(review_summary(result, system, name=model.name, lang=args.lang))
    if args.report:
        return _report(args)
    return 0


def _located(fn: Callable, option: str | None, path: str | None):
    """Run ``fn``; an InputError without a file gets ``path`` and the option as its place."""
    from ..errors import InputError

    try:
        return fn()
    except InputError as err:
        if err.source is None and path is not None:
            raise InputError(err.message, where=err.where or option, source=path) from None
        raise


def _report(args: argparse.Namespace) -> int:
    from ..report.render import render_report, report_name
    from ..report.review_blocks import REVIEW_TEMPLATE
    from .report import _interruptible

    inputs = {"evidence_path": args.evidence}
    params: dict = {"aggregate": args.aggregate, "n_draws": args.draws, "seed": args.seed,
                    "panel_path": None}
    if Path(args.indicators).is_file():
        inputs["indicators_path"] = args.indicators
    else:                      # a shipped system, by name
        params["indicators_path"] = args.indicators
    if args.panel is not None:
        inputs["panel_path"] = args.panel
        del params["panel_path"]
    name = report_name(args.file, "zh") + "_review" + ("" if args.lang == "zh" else f".{args.lang}")
    with _interruptible() as stopped:
        out = render_report(args.file, args.out or "reports", template=REVIEW_TEMPLATE, lang=args.lang,
                            formats=args.format or "html,pdf,docx", parameters=params, name=name,
                            timeout=args.timeout, inputs=inputs)
    if stopped:
        return stopped[0]
    print("\n" + str(msg("review_report.written", seconds=f"{out.seconds['total']:.1f}")),
          file=sys.stderr if args.json else sys.stdout)
    for kind, path in out.files.items():
        print(f"  {kind:<10} {path}", file=sys.stderr if args.json else sys.stdout)
    for path in out.removed:
        print(msg("cli.report_removed", path=path), file=sys.stderr if args.json else sys.stdout)
    return 0


def add_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("review", _cmd_review, "ex-ante performance review (事前绩效评估): score a proposal on an "
            "indicator system, from evidence, an expert panel and the model's appraisal; grade and conclusion")
    p.add_argument("--indicators", required=True, metavar="IND",
                   help="indicator system (.yaml or .xlsx), or a shipped system's name such as ex_ante_five")
    p.add_argument("--evidence", required=True, metavar="EV", help="evidence file (.yaml): {indicator id: value}")
    p.add_argument("--panel", metavar="SCORES", help="experts' scores (.csv or .xlsx): assessor, indicator, score")
    p.add_argument("--aggregate", default="trimmed_mean", choices=("trimmed_mean", "mean"),
                   help="how the panel's scores are combined (default: trimmed mean, highest and lowest dropped)")
    p.add_argument("--draws", type=int, default=0, metavar="N",
                   help="Monte Carlo draws for P(NPV<0) (default 0: none)")
    p.add_argument("--seed", type=int, default=2025, metavar="S", help="seed of the draws (default 2025)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--report", action="store_true", help="also render the review report (HTML, PDF, Word)")
    p.add_argument("--out", metavar="DIR", help="report folder (default reports/; with --report)")
    p.add_argument("--format", metavar="LIST", help="report formats: html, pdf, docx (default all; with --report)")
    p.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                   help="stop the report (and its kernel) after this long (default 600)")
