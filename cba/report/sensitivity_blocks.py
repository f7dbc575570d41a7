"""The break-even and sensitivity sections of the report: switching values, tornado, spider plot
and two-way break-even frontier.

Each function takes an :class:`~cba.report.AppraisalReport` and returns a
:class:`~cba.report.blocks.Block` with the numbers it shows (recorded in the provenance and
compared by ``cba reproduce``):

* ``breakeven``: per input, its switching value and elasticity;
* ``sensitivity``: per input, the NPV at its low and high end;
* ``spider``: the spider steps and, per input, the NPV at ``base * (1 + step)``;
* ``frontier``: the two inputs, the extent of each axis, the share of the grid where the
  option's NPV is not negative, and the points of the break-even line (NPV = 0).

The analyses are :func:`cba.switching_values` (the report's ``switching``),
:func:`cba.sensitivity` and :func:`cba.two_way` (through the report's cached ``one_way`` and
``two_way``); the figures :func:`cba.plots.plot_tornado`,
:func:`cba.plots.plot_spider` and :func:`cba.plots.plot_frontier`.
"""
from __future__ import annotations

import math

import numpy as np

from ..i18n import label as _label
from .blocks import Block, figure, note, num, para, table
from .text import tr

__all__ = ["breakeven", "tornado", "spider", "frontier", "SPIDER_TABLE_STEPS"]

#: the percentage changes shown in the spider table (the figure shows every step)
SPIDER_TABLE_STEPS = (-0.2, -0.1, 0.0, 0.1, 0.2)


def breakeven(rep) -> Block:
    """Switching values (临界点): how far each uncertain input must move for the NPV to reach zero,
    with its elasticity and whether it is critical."""
    L = rep.lang
    sv = rep.switching
    items = [rep._h("sec_breakeven"), para(tr("breakeven_intro", L, **rep._who()))]
    rows, res = [], {}
    yes, no = _label("yes", L), _label("no", L)
    for name, r in sv.iterrows():
        found = math.isfinite(float(r["switching_value"]))
        v = "pct" if name == "discount_rate" else "plain"      # the discount rate as a rate
        if found:
            sw = num(r["switching_value"], v)
            ch = num(r["change"], "change")
        else:
            sw = (f"无（在 {num(r['search_low'], v)}–{num(r['search_high'], v)} 内净现值不为零）"
                  if L == "zh" else f"none in {num(r['search_low'], v)}-{num(r['search_high'], v)}")
            ch = "—"
        rng = "—" if not math.isfinite(float(r["low"])) else f"{num(r['low'], v)}–{num(r['high'], v)}"
        rows.append([str(r["label"]), num(r["base"], v), rng, sw, ch,
                     num(r["elasticity"], "ratio"), yes if r["critical"] else no])
        res[str(name)] = {"switching_value": float(r["switching_value"]), "elasticity": float(r["elasticity"])}
    heads = [_label(k, L) for k in ("parameter", "base", "plausible_range", "switching_value", "change",
                                    "elasticity", "critical")]
    items.append(table(heads, rows, align=["l", "r", "c", "r", "r", "r", "c"], small=True,
                       note=tr("switching_note", L)))
    return Block(items, {"breakeven": res})


def _pct_step(x: float) -> str:
    return ("+" if x > 0 else "") + num(x, "pct_short") if x != 0 else "0"


def tornado(report) -> Block:
    """Section heading, tornado diagram and the low/high table."""
    from ..plots.charts import plot_tornado

    L = report.lang
    s = report.one_way
    items = [report._h("sec_tornado"), para(tr("tornado_intro", L))]
    if not len(s.parameters):
        items.append(para(tr("tornado_none", L)))
        return Block(items)
    items.append(figure(report._quiet(plot_tornado, s, lang=L), caption=tr("tornado_caption", L), width=0.8))
    yes, no = tr("yes", L), tr("no", L)
    rows, res = [], {}
    crosses = s.crosses
    for i, name in enumerate(s.parameters):
        v = "pct" if name == "discount_rate" else "plain"      # the discount rate as a rate
        rows.append([s.labels[i], f"{num(s.low[i], v)}–{num(s.high[i], v)}",
                     num(s.metric_low[i]), num(s.metric_high[i]), num(s.swing[i]), yes if crosses[i] else no])
        res[name] = {"npv_low": float(s.metric_low[i]), "npv_high": float(s.metric_high[i])}
    heads = [tr(k, L) for k in ("col_param", "col_value_range", "col_npv_low", "col_npv_high", "col_swing", "col_crosses")]
    items.append(table(heads, rows, align=["l", "c", "r", "r", "r", "c"], small=True,
                       caption=tr("tornado_table", L, cur=report.model.currency)))
    return Block(items, {"sensitivity": res})


def spider(report) -> Block:
    """Spider plot and a table of the NPV at -20%, -10%, 0, +10%, +20% of each input's base value."""
    from ..plots.charts import plot_spider

    L = report.lang
    s = report.one_way
    steps = np.asarray(s.steps, dtype=float)
    drawn = [i for i in range(len(s.parameters)) if np.isfinite(s.spider[i]).any()]
    if not drawn or not len(steps):
        return Block()
    items = [para(tr("spider_intro", L, lo=num(float(steps.min()), "pct_short"),
                     hi=_pct_step(float(steps.max()))))]
    items.append(figure(report._quiet(plot_spider, s, lang=L), caption=tr("spider_caption", L), width=0.85))
    cols = [j for x in SPIDER_TABLE_STEPS for j in np.flatnonzero(np.isclose(steps, x, rtol=0, atol=1e-9))[:1]]
    if cols:
        rows = [[s.labels[i]] + [num(s.spider[i, j]) for j in cols] for i in drawn]
        items.append(table([tr("col_param", L)] + [_pct_step(float(steps[j])) for j in cols], rows, small=True,
                           caption=tr("spider_table", L, cur=report.model.currency)))
    res = {"steps": [float(x) for x in steps],
           "npv": {s.parameters[i]: [float(v) for v in s.spider[i]] for i in drawn}}
    return Block(items, {"spider": res})


def frontier(report) -> Block:
    """The break-even frontier of the default pair of inputs (:func:`cba.analysis.frontier_pair`)."""
    from ..plots.charts import plot_frontier

    L = report.lang
    s = report.one_way
    if len(s.parameters) < 2:
        return Block([para(tr("frontier_none", L))]) if len(s.parameters) == 1 else Block()
    g = report.two_way
    m = report.model
    lx, _ = m.input_label(g.x, L)
    ly, _ = m.input_label(g.y, L)
    who = m.option_label(g.option)
    items = [para(tr("frontier_intro", L, x=lx, y=ly, option=who))]
    items.append(figure(report._quiet(plot_frontier, g, lang=L), caption=tr("frontier_caption", L, x=lx, y=ly),
                        width=0.8))
    line = g.frontier()
    share = g.share_wins
    items.append(para(tr("frontier_share", L, option=who, share=num(share, "pct"))))
    if line.empty:
        items.append(para(tr("frontier_absent", L)))
    x_rng = (float(g.x_values[0]), float(g.x_values[-1]))
    y_rng = (float(g.y_values[0]), float(g.y_values[-1]))
    widened = [(lab, rng, "pct" if name == "discount_rate" else "plain")
               for lab, rng, plaus, name in ((lx, x_rng, g.x_plausible, g.x), (ly, y_rng, g.y_plausible, g.y))
               if plaus is not None and not np.allclose(rng, plaus, rtol=1e-12, atol=0)]
    if widened:
        items.append(note(tr("frontier_widened", L, names=("、" if L == "zh" else ", ").join(
            f"{lab} {num(a, v)}–{num(b, v)}" for lab, (a, b), v in widened))))
    res = {"x": g.x, "y": g.y, "x_range": list(x_rng), "y_range": list(y_rng),
           "share_wins": share if math.isfinite(share) else None,
           "line": {"x": [float(v) for v in line["x"]], "y": [float(v) for v in line["y"]]}}
    return Block(items, {"frontier": res})
