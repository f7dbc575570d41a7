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

__all__ = ["outside_range", "negative_irr"]


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
