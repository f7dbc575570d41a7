"""Caveats an appraisal states about its own numbers: a negative IRR, values set outside the
parameter's declared range.

Both return bilingual text (:class:`~cba.i18n.Text`, or ``(english, chinese)`` pairs for the
notes of :class:`~cba.analysis.appraise.Appraisal`); :func:`cba.appraise` adds them to its notes.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..i18n import Text, label, msg
from ..model.model import Model

__all__ = ["outside_range", "negative_irr", "appraisal_notes"]


def outside_range(model: Model, overrides: Mapping[str, Any]) -> list[Text]:
    """Notes on single values set outside the parameter's declared ``low``..``high`` range
    (the discount rate: outside the model's discount-rate range), saying by how much.

    Arrays of draws are not checked (a distribution may reach beyond the range by design).

    Parameters
    ----------
    model : Model
    overrides : dict
        ``{name: value}`` as given to :func:`appraise`.

    Returns
    -------
    list of Text
        One bilingual sentence per value outside its range (empty when all lie inside).

    Examples
    --------
    >>> import cba
    >>> m = cba.load_model("data/minhang_kiosk.yaml")
    >>> print(outside_range(m, {"kiosk_price": 30})[0].render("en"))
    岗亭单价 (kiosk_price) is set to 30, outside its range 3–20: 10 above the high end (50% of that end). The model's range does not cover this value; check that it is intended
    >>> print(outside_range(m, {"kiosk_price": 1e9})[0].render("zh"))
    岗亭单价（kiosk_price）取值 1,000,000,000，超出其取值区间 3–20：比上限高 999,999,980（为该端值的 50,000,000 倍）。模型的取值区间未覆盖这一取值，请核实。
    >>> outside_range(m, {"kiosk_price": 12})
    []
    """
    from ..formatting import fmt_rate, fmt_value

    out = []
    for name, value in overrides.items():
        if isinstance(value, (str, bool)) or np.size(value) != 1:
            continue
        try:
            x = float(np.asarray(value, dtype=float).reshape(-1)[0])
        except (TypeError, ValueError):
            continue
        if name == "discount_rate":
            if model.discount_range is None:
                continue
            low, high = model.discount_range
            shown = (lambda v: fmt_rate(v))  # noqa: E731
            lab: Any = Text(label("discount_rate", "zh"), label("discount_rate", "en"))
        elif name in model.parameters and model.parameters[name].has_range:
            p = model.parameters[name]
            low, high = p.low, p.high
            shown = fmt_value
            lab = p.label
        else:
            continue
        if not np.isfinite(x) or low <= x <= high:
            continue
        end, key = (high, "analysis.numbers.above_range") if x > high else (low, "analysis.numbers.below_range")
        by = abs(x - end)
        if end > 0 and x / end >= 2:
            rel: Any = msg("analysis.numbers.times", times=fmt_value(x / end))
        else:
            rel = msg("analysis.numbers.relative", pct=fmt_rate(by / abs(end))) if end != 0 else ""
        gap = msg("analysis.numbers.points", n=fmt_value(by * 100)) if name == "discount_rate" else shown(by)
        out.append(msg(key, label=lab, name=name, value=shown(x), low=shown(low), high=shown(high),
                       by=gap, rel=rel))
    return out


def negative_irr(model: Model, who: str, who_zh: str, irr: np.ndarray, net: np.ndarray) -> list[tuple[str, str]]:
    """``[(english, chinese)]``: a note where the IRR is negative (the option does not recover
    its outlays even undiscounted); empty otherwise.

    ``irr`` has shape (n,), ``net`` (n, T): the net flow of each draw; ``who``/``who_zh`` name
    the option (and the baseline) in English and Chinese.

    >>> import cba
    >>> m = cba.load_model("data/minhang_kiosk.yaml")
    >>> negative_irr(m, "x", "x", np.array([-0.5]), np.array([[-100.0, 25.0]]))[0][0]
    'x: the IRR is negative (-50%): the undiscounted net flows sum to -75.00 万元, so the option does not recover its outlays even without discounting'
    """
    from ..formatting import fmt_money, fmt_rate

    negative = np.isfinite(irr) & (irr < 0)
    if not negative.any():
        return []
    whom = Text(who_zh, who)
    n = len(irr)
    if n > 1:
        t = msg("analysis.numbers.irr_negative_draws", who=whom, k=int(negative.sum()), n=n)
    else:
        total = float(net[0].sum())
        cur = f" {model.currency}" if model.currency else ""
        key = "analysis.numbers.irr_negative" if total < 0 else "analysis.numbers.irr_negative_only"
        t = msg(key, who=whom, irr=fmt_rate(irr[0]), total=fmt_money(total) + cur)
    return [(t.render("en"), t.render("zh"))]


def appraisal_notes(model: Model, flows: Any, standalone: dict, incremental: dict) -> list[tuple[str, str]]:
    """Say what is absent or not unique, instead of choosing silently: ``[(english, chinese), ...]``.

    The notes of :func:`cba.appraise` on the IRR (not unique, absent, negative) and the payback
    period (not reached, or the cumulative flow turns negative again), for each option against
    the baseline (each option alone without one). ``flows`` is the
    :class:`~cba.model.evaluate.CashFlows` of the appraisal, ``standalone``/``incremental`` its
    metrics per option.

    >>> import cba
    >>> m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": 0.05, "parameters": {"k": 1},
    ...                     "options": {"a": {"label": "A", "flows": [
    ...                         {"name": "c", "kind": "cost", "values": [100, 0, 0], "from": 0}]}}})
    >>> cba.appraise(m).notes_zh[-1]
    'A：计算期内未能收回投资'
    """
    from .. import finance
    from .appraise import irr_from_rows, irr_rows

    notes = []
    b = model.baseline
    # IRR and payback matter for the figures a reader compares: increments when there is a
    # baseline, each option alone otherwise (a cost-only option has no IRR by nature).
    results = incremental if b is not None else standalone
    for o, m in results.items():
        who = model.option_label(o) + (f" vs {model.option_label(b)}" if b is not None else "")
        who_zh = model.option_label(o) + (f"相对{model.option_label(b)}" if b is not None else "")
        roots = m["_n_roots"]
        n = len(roots)
        some = (lambda k: "" if n == 1 else f" in {k} of {n} draws")  # noqa: E731
        some_zh = (lambda k: "" if n == 1 else f"（{n}次抽样中有{k}次）")  # noqa: E731
        several, none = roots > 1, (roots == 0) & (m["npv"] != 0)
        net = flows.benefits[o] - flows.costs[o]
        if b is not None:
            net = net - (flows.benefits[b] - flows.costs[b])
        if several.any():
            if n == 1:
                found = irr_from_rows(finance.irr_roots(irr_rows(net[0], model.timing)), model.timing)
                rs = ", ".join(f"{r:.4%}" for r in found)
                k = int(roots[0])
                notes.append((f"{who}: IRR is not unique: the net flow has {k} IRRs ({rs}); judge by NPV",
                              f"{who_zh}：内部收益率不唯一，净现金流有{k}个内部收益率（{rs.replace(', ', '、')}），"
                              "应以净现值判断"))
            else:
                k = int(several.sum())
                notes.append((f"{who}: IRR is not unique{some(k)}", f"{who_zh}：内部收益率不唯一{some_zh(k)}"))
        if none.any():
            k = int(none.sum())
            if not ((net[none] > 0).any(axis=-1) & (net[none] < 0).any(axis=-1)).any():
                why, why_zh = "the net flow never changes sign", "净现金流符号始终不变"
            else:    # e.g. an outlay in period 0 exactly offset by period 1 under begin timing
                why, why_zh = "the NPV is not zero at any discount rate above -100%", "任何高于-100%的折现率下净现值都不为零"
            notes.append((f"{who}: IRR does not exist{some(k)} ({why})",
                          f"{who_zh}：内部收益率不存在{some_zh(k)}（{why_zh}）"))
        notes += negative_irr(model, who, who_zh, m["irr"], net)
        cum = np.cumsum(net, axis=-1)
        after = np.arange(cum.shape[-1]) > np.ceil(np.nan_to_num(m["payback"], nan=np.inf))[:, None]
        relapse = ((cum < 0) & after).any(axis=-1)
        if relapse.any():
            k = int(relapse.sum())
            first = (f" in period {int(np.argmax((cum[0] < 0) & after[0]))}" if n == 1 else "")
            first_zh = (f"第{int(np.argmax((cum[0] < 0) & after[0]))}期" if n == 1 else "")
            notes.append((f"{who}: the cumulative net flow turns negative again{first} after paying back{some(k)}; "
                          "the payback period overstates how safe the option is",
                          f"{who_zh}：收回投资后累计净现金流在{first_zh}再次为负{some_zh(k)}，投资回收期会高估方案的稳妥程度"))
        never = np.isnan(m["payback"])
        if never.any():
            k = int(never.sum())
            notes.append((f"{who}: not paid back within the horizon{some(k)}",
                          f"{who_zh}：计算期内未能收回投资{some_zh(k)}"))
        if b is not None and n == 1 and m["pv_costs"][0] <= 0 and m["pv_benefits"][0] > 0:
            notes.append((f"{who}: no period has extra cost, only savings or benefits: the option "
                          "dominates the baseline (BCR undefined)",
                          f"{who_zh}：各期均无新增费用，只有节约或效益，该方案优于基准方案（效益费用比无定义）"))
    return notes
