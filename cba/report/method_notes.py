"""Report blocks of the appraisal method: the price base (in the project section) and the
optimism-bias section (uplifts with their source, results unadjusted and adjusted).

>>> from cba.report import AppraisalReport
>>> r = AppraisalReport("data/minhang_kiosk.yaml", n_draws=0)
>>> [i["text"] for i in price_items(r)][0]
'价格基准：2025年不变价；全部金额均按不变价填写，未作平减'
"""
from __future__ import annotations

from typing import Any

from ..i18n import label as _label
from ..i18n import msg
from ..i18n.core import render
from .blocks import Block, heading, note, num, para, table
from .text import section_number

__all__ = ["price_items", "optimism_block"]


def price_items(report: Any) -> list[dict]:
    """Paragraphs stating the price base, how nominal lines were deflated and the discount
    rate's basis (see :func:`cba.method.prices.price_basis_text`)."""
    from ..method.prices import price_basis_text

    texts = price_basis_text(report.model, report.lang)
    return [para(texts[0])] + [note(t) for t in texts[1:]]


def optimism_block(report: Any) -> Block:
    """The optimism-bias section: empty when the model has no ``optimism_bias`` section."""
    from ..method.optimism import _type_label, optimism_comparison

    m = report.model
    ob = m.optimism_bias
    if ob is None:
        return Block()
    L = report.lang
    t = lambda key, **kw: render(msg(key, **kw), L)  # noqa: E731
    n = report._numbers.setdefault("sec_optimism", len(report._numbers) + 1)
    comp = report._quiet(optimism_comparison, m)

    items = [heading(section_number(n, L) + t("optimism.sec"), 2),
             para(t("optimism.intro", source=ob.source or "—", type=_type_label(ob.project_type, L),
                    bound=t(f"optimism.{ob.bound}"),
                    state=t("optimism.state_on" if ob.apply else "optimism.state_off")))]
    delay = f"{ob.delay:.4g}"
    rows = [[t("optimism.row_capital"), num(ob.capital, "pct"), render(ob.basis("capital"), L)],
            [t("optimism.row_operating"), num(ob.operating, "pct"), render(ob.basis("operating"), L)],
            [t("optimism.row_duration", delay=delay), num(ob.duration, "pct"), render(ob.basis("duration"), L)]]
    items.append(table([t("optimism.col_item"), t("optimism.col_rate"), t("optimism.col_basis")], rows,
                       caption=t("optimism.rates_caption"), align=["l", "r", "l"]))
    option = report.option if report.option in comp.rows else next(iter(comp.rows))
    r = comp.rows[option]
    body = []
    for k in ("pv_costs", "pv_benefits", "npv", "bcr"):
        kind = "ratio" if k == "bcr" else "money"
        a, b = r[k]
        body.append([_label(k, L), num(a, kind), num(b, kind), num(b - a, kind)])
    cols = [m.option_label(option)] + [t(f"optimism.col_{c}") for c in ("unadjusted", "adjusted", "change")]
    items.append(table(cols, body, caption=t("optimism.compare_caption", cur=m.currency)))
    for text in comp.notes_in(L):
        items.append(note(text))
    results = {"optimism": {"capital": ob.capital, "operating": ob.operating, "duration": ob.duration,
                            "works_duration": ob.works_duration, "apply": ob.apply,
                            "npv": list(r["npv"]), "bcr": list(r["bcr"])}}
    return Block(items, results)
