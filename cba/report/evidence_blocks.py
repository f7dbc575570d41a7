"""Report block of the parameters estimated from data (in the inputs section).

A parameter made by :func:`cba.evidence.handoff.to_parameter` (or pasted from
``cba estimate ... --parameter NAME``) has a ``source`` that starts with
:data:`~cba.evidence.handoff.EVIDENCE_MARK`. For each such parameter the report shows a table:
the estimate, its confidence interval (its level computed from the parameter's lognormal
distribution, so it is the level the Monte Carlo draws carry), the implied reduction
1 − ratio, the distribution, the lines of the model that use it, and the source record's segments
(method, formula, data file, SHA-256). The numbers come from the parameter itself; the source's
segments are shown as written. Models without such parameters show nothing more.

>>> from cba.report import AppraisalReport
>>> evidence_items(AppraisalReport("data/minhang_kiosk.yaml", n_draws=0))
[]
"""
from __future__ import annotations

import math
from typing import Any

from ..i18n import msg
from ..i18n.core import render
from .blocks import kv, num, para

__all__ = ["evidence_items", "evidence_parameters", "evidence_limitations"]


def evidence_parameters(model: Any) -> list[Any]:
    """The parameters of ``model`` whose source records an estimate from data."""
    from ..evidence.handoff import is_evidence

    return [p for p in model.parameters.values() if is_evidence(p)]


def _level(p: Any) -> float | None:
    """The probability the parameter's lognormal gives to [low, high] (None without one)."""
    d = p.distribution
    if d is None or d.kind != "lognormal" or "median" not in d.params or p.low is None or p.high is None:
        return None
    mu, s = math.log(d.params["median"]), d.params["sigma"]
    phi = lambda x: 0.5 * math.erfc(-x / math.sqrt(2))  # noqa: E731
    return phi((math.log(p.high) - mu) / s) - phi((math.log(p.low) - mu) / s)


def _users(model: Any, name: str, lang: str) -> list[str]:
    """Labels of the cash-flow lines whose formula uses parameter ``name``."""
    from ..method.assets import line_label

    out = []
    for o in model.options.values():
        for line in o.flows:
            if line.amount is not None and name in getattr(line.amount, "names", ()):
                out.append(f"{o.label}：{line_label(line, lang)}" if lang == "zh" else
                           f"{o.label}: {line_label(line, lang)}")
    return out


def evidence_items(report: Any) -> list[dict]:
    """Items for the inputs section: an introduction and one table per parameter estimated from
    data (the model as the report uses it: a scenario or change that fixes the parameter shows
    the value used, marked fixed). Empty when there is none."""
    from ..evidence.handoff import SOURCE_KEYS, source_segments

    L = report.lang
    t = lambda key, **kw: render(msg(key, **kw), L)  # noqa: E731
    source_model = report.source_model
    params = evidence_parameters(source_model)
    if not params:
        return []
    keys = {zh: f"evidence.report.key.{k}" for k, zh in SOURCE_KEYS.items()}
    items = [para(t("evidence.report.intro"))]
    for orig in params:
        p = report.model.parameters[orig.name]
        rows = [(t("evidence.report.value"), num(p.value, "factor"))]
        level = _level(orig)
        if orig.low is not None and orig.high is not None:
            shown = f"{level * 100:.3g}" if level is not None else "—"
            rows.append((t("evidence.report.interval", level=shown),
                         f"{num(orig.low, 'factor')}–{num(orig.high, 'factor')}"))
            rows.append((t("evidence.report.reduction"),
                         t("evidence.report.reduction_value", reduction=num(1 - p.value, "pct"),
                           low=num(1 - orig.high, "pct"), high=num(1 - orig.low, "pct"))))
        d = p.distribution
        if d is not None and d.kind == "lognormal" and "median" in d.params:
            dist = t("evidence.report.lognormal", median=num(d.params["median"], "factor"),
                     sigma=num(d.params["sigma"], "factor"))
        elif d is None:
            dist = t("evidence.report.fixed")
        else:
            from ..i18n.glossary import distribution_label

            dist = distribution_label(d.kind, L)
        rows.append((t("evidence.report.distribution"), dist))
        users = _users(report.model, p.name, L)
        if users:
            rows.append((t("evidence.report.use"), ("、" if L == "zh" else "; ").join(users)))
        for key, value in source_segments(orig.source)[1:]:
            if key == SOURCE_KEYS["distribution"]:    # shown above, from the parameter itself
                continue
            rows.append((t(keys[key]) if key in keys else key, value))
        items.append(kv(rows, caption=t("evidence.report.caption", label=p.label, name=p.name)))
    return items


def evidence_limitations(report: Any) -> list[str]:
    """The limitations bullet naming the parameters estimated from data (none: ``[]``)."""
    params = evidence_parameters(report.source_model)
    if not params:
        return []
    names = ("、" if report.lang == "zh" else ", ").join(p.label for p in params)
    return [render(msg("evidence.report.limitation", names=names), report.lang)]
