"""The report's risk section: Monte Carlo draws of the model (:func:`cba.simulate`, correlated as
the model file says), the distribution of the NPV, the requested and achieved rank correlations,
the Sobol' ranking of the inputs (:func:`cba.global_sensitivity`) and the value of information
(EVPI and EVPPI)."""
from __future__ import annotations

from typing import Any

import numpy as np

from ..i18n import label as _label
from .blocks import Block, figure, note, num, para, table
from .text import tr

__all__ = ["risk_block", "effectiveness_items", "SOBOL_BASE"]

#: base sample of the report's Sobol' design (the model runs n x (d + 2) times)
SOBOL_BASE = 1024


def _names(report: Any, names) -> str:
    sep = "、" if report.lang == "zh" else ", "
    return sep.join(report._input_name(k) for k in names)


def risk_block(report: Any) -> Block:
    """The risk section of ``report`` (an :class:`~cba.report.AppraisalReport`); empty without draws."""
    from .figures import npv_histogram

    L = report.lang
    sim = report.draws
    if sim is None:
        return Block()
    m = report.model
    option = report.option
    npv = sim.draws_of("npv", option)
    bcr = sim.draws_of("bcr", option)
    p_loss = float((npv < 0).mean())
    stats: dict[str, Any] = {
        "mean": float(npv.mean()), "p05": float(np.percentile(npv, 5)), "p50": float(np.percentile(npv, 50)),
        "p95": float(np.percentile(npv, 95)), "prob_loss": p_loss,
        "se_prob_loss": float(np.sqrt(p_loss * (1 - p_loss) / npv.size)),
        "prob_bcr_below_1": float(np.mean(np.where(np.isfinite(bcr), bcr < 1, False))),
        "method": sim.method, "seed": sim.seed, "n": sim.n}
    corr = getattr(m, "correlations", None)
    pairs = [(a, b, r) for a, b, r in corr.pairs() if a in sim.sampled and b in sim.sampled] if corr is not None else []
    how = tr("risk_correlated", L, m=len(pairs)) if pairs else tr("risk_independent", L)
    intro = "risk_intro" if report.basis == "incremental" else "risk_intro_alone"
    items = [report._h("sec_risk"),
             para(tr(intro, L, k=len(sim.sampled), n=f"{sim.n:,}", seed=sim.seed,
                     method=_label(f"method_{sim.method}", L), how=how))]
    if report.changed:
        items.append(note(tr("risk_fixed", L, names=_names(report, report.changed))))
    items.append(para(tr("risk_sentence", L, p=f"**{num(p_loss, 'pct')}**", lo=num(stats["p05"]),
                         hi=num(stats["p95"]), cur=m.currency)))
    rows = [[tr("stat_mean", L), num(stats["mean"])], [tr("stat_p05", L), num(stats["p05"])],
            [tr("stat_p50", L), num(stats["p50"])], [tr("stat_p95", L), num(stats["p95"])],
            [tr("stat_loss", L), _probability(p_loss, npv.size, stats, L)],
            [tr("stat_bcr_loss", L), num(stats["prob_bcr_below_1"], "pct")]]
    items.append(table([tr("col_statistic", L), _label("npv", L)], rows, caption=tr("risk_caption", L, cur=m.currency)))
    items.append(note(tr("risk_se", L)))
    items.append(figure(npv_histogram(npv, lang=L, currency=m.currency, incremental=report.basis == "incremental"),
                        caption=tr("risk_hist", L), width=0.8))
    if pairs:
        rows = [[report._input_name(a), report._input_name(b), num(req, "ratio"), num(got, "ratio")]
                for (a, b, req), got in zip(pairs, _achieved(sim, pairs))]
        items.append(table([tr("col_input", L), tr("col_input", L), tr("col_requested", L), tr("col_achieved", L)],
                           rows, caption=tr("risk_corr_caption", L), align=["l", "l", "r", "r"]))
        stats["correlations"] = [{"first": a, "second": b, "requested": r, "achieved": g}
                                 for (a, b, r), g in zip(pairs, _achieved(sim, pairs))]
    items += _sobol(report, sim, stats)
    items += _value_of_information(report, sim, stats)
    return Block(items, {"risk": stats})


def _achieved(sim, pairs) -> list[float]:
    from ..uncertainty.correlation import spearman

    x = sim.inputs
    return [float(spearman(x[[a, b]].to_numpy())[0, 1]) for a, b, _ in pairs]


def _sobol(report: Any, sim, stats: dict) -> list[dict]:
    """Sobol' first-order and total indices of the option's NPV, largest total first."""
    from ..uncertainty.sensitivity import global_sensitivity

    L = report.lang
    if len(sim.sampled) < 2:
        return []
    seed = sim.seed if sim.seed is not None else 0
    s = report._quiet(global_sensitivity, report.model, n=SOBOL_BASE, seed=seed, option=report.option,
                      n_boot=200)
    order = np.argsort(-np.asarray(s.total))
    rows = [[report._input_name(s.names[i]), num(float(s.first[i]), "ratio"),
             f"{num(float(s.total[i]), 'ratio')}（{num(float(s.total_low[i]), 'ratio')}–{num(float(s.total_high[i]), 'ratio')}）"
             if L == "zh" else
             f"{num(float(s.total[i]), 'ratio')} ({num(float(s.total_low[i]), 'ratio')}–{num(float(s.total_high[i]), 'ratio')})"]
            for i in order]
    top = [s.names[i] for i in order[:2]]
    stats["sobol"] = {s.names[i]: {"first": float(s.first[i]), "total": float(s.total[i])} for i in order}
    runs = SOBOL_BASE * (len(s.names) + 2)
    return [para(tr("risk_sobol", L, top=_names(report, top[:1]), second=_names(report, top[1:2]),
                    st=num(float(s.total[order[0]]), "pct"))),
            table([tr("col_input", L), tr("col_sobol_first", L), tr("col_sobol_total", L)], rows,
                  caption=tr("risk_sobol_caption", L), align=["l", "r", "r"]),
            note(tr("risk_sobol_note", L, n=f"{SOBOL_BASE:,}", runs=f"{runs:,}"))]


def _value_of_information(report: Any, sim, stats: dict) -> list[dict]:
    """EVPI of the choice, and EVPPI of the inputs that matter most (regression estimator)."""
    L = report.lang
    m = report.model
    e = sim.evpi()
    stats["evpi"] = float(e.value)
    ranked = list(stats.get("sobol", {}))[:3] or list(sim.sampled)[:3]
    partial = {k: float(sim.evppi(k).value) for k in ranked}
    stats["evppi"] = partial
    best = e.best
    parts = [para(tr("risk_evpi", L, evpi=num(float(e.value)), cur=m.currency, best=best,
                     per=num(float(e.value) / max(abs(stats["mean"]), 1e-12), "pct")))]
    if partial:
        rows = [[report._input_name(k), num(x)] for k, x in sorted(partial.items(), key=lambda kv: -kv[1])]
        parts.append(table([tr("col_input", L), tr("col_evppi", L, cur=m.currency)], rows,
                           caption=tr("risk_evppi_caption", L), align=["l", "r"]))
    parts.append(note(tr("risk_evpi_note", L)))
    return parts


def effectiveness_items(report: Any, results: dict) -> list[dict]:
    """Cost-effectiveness of the options (effect lines of the model): PV of costs, PV of effects,
    dominance and the cost per unit of effect (ICER)."""
    from ..analysis.effectiveness import cost_effectiveness

    L = report.lang
    m = report.model
    ce = report._quiet(cost_effectiveness, m)
    unit = m.effect_unit or ""
    status = {"ND": tr("ce_nd", L), "D": tr("ce_d", L), "ED": tr("ce_ed", L)}
    rows = []
    for key, r in ce.iterrows():
        icer = "—" if not np.isfinite(r["icer"]) else num(float(r["icer"]))
        rows.append([r["label"], num(float(r["cost"])), num(float(r["effect"])), status[r["status"]], icer])
    results["cost_effectiveness"] = {k: {"cost": float(r["cost"]), "effect": float(r["effect"]),
                                         "status": r["status"], "icer": float(r["icer"])} for k, r in ce.iterrows()}
    best = [k for k, r in ce.iterrows() if r["status"] == "ND"]
    dominated = [k for k, r in ce.iterrows() if r["status"] != "ND"]
    sentence = (tr("ce_dominates", L, best=m.option_label(best[0]),
                   others=_names_of(m, dominated, L), unit=unit) if len(best) == 1
                else tr("ce_frontier", L, names=_names_of(m, best, L), unit=unit, cur=m.currency))
    return [para(sentence),
            table([tr("col_option", L), tr("ce_cost", L, cur=m.currency), tr("ce_effect", L, unit=unit),
                   tr("ce_status", L), tr("ce_icer", L, cur=m.currency, unit=unit)], rows,
                  caption=tr("ce_caption", L), align=["l", "r", "r", "c", "r"]),
            note(tr("ce_note", L))]


def _names_of(model, keys, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(model.option_label(k) for k in keys) or "—"


def _probability(p: float, n: int, stats: dict, lang: str) -> str:
    """``p ± its standard error``; with no draw (or every draw) on one side the standard error is
    0 and would overstate certainty, so the exact 95% binomial bound is given instead:
    1 - 0.05**(1/n) (Clopper-Pearson one-sided; about 3/n, the "rule of three")."""
    if 0.0 < p < 1.0:
        return f"{num(p, 'pct')} ± {num(stats['se_prob_loss'], 'pct')}"
    bound = 1.0 - 0.05 ** (1.0 / n)
    stats["prob_loss_bound"] = bound if p == 0.0 else 1.0 - bound
    key = "risk_upper" if p == 0.0 else "risk_lower"
    return tr(key, lang, p=num(p, "pct"), bound=num(stats["prob_loss_bound"], "pct"))
