"""The economic conclusion: 予以支持 / 调整后支持 / 不予支持, derived from the numbers.

Notes
-----
The rule (thresholds are arguments, stated in every report):

* NPV > 0 and, when draws are given, P(NPV < 0) <= ``max_loss_probability``: **support**
  (予以支持);
* NPV > 0 but P(NPV < 0) > ``max_loss_probability``: **adjust** (调整后支持): economical in the
  base case, too likely to lose money as it stands;
* NPV > 0 but some input's switching value lies inside its plausible low-high range (the NPV
  turns negative at a plausible value): **adjust**, naming that input;
* NPV <= 0 but BCR >= ``near_breakeven``: **adjust**: close to break-even, so a change of
  scope, price or schedule may make it economical;
* otherwise **reject** (不予支持).

When the options stand alone (no baseline) and the chosen option's NPV is within
:data:`RUNNER_UP_MARGIN` (5%) of the next best, the text names the runner-up.

NPV and BCR are incremental against the model's baseline when it has one. This is the
*economic* conclusion (投入经济性) only; an ex-ante evaluation's final opinion also weighs need,
targets, feasibility and funding compliance, and every report says so.

Examples
--------
>>> import cba
>>> from cba.report import recommend
>>> model = cba.load_model("data/minhang_kiosk.yaml")
>>> rec = recommend(cba.appraise(model))
>>> rec.verdict, rec.label("zh"), rec.label("en")
('support', '予以支持', 'Support')
>>> recommend(cba.appraise(model, scenario="pessimistic")).label()     # NPV < 0, BCR >= 0.9
'调整后支持'
>>> recommend(cba.appraise(model, scenario="pessimistic", kiosk_price=30)).label()
'不予支持'
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ..finance.schedules import describe_schedule
from ..errors import InputError
from ..i18n import check_lang
from .blocks import num
from .text import tr

__all__ = ["Recommendation", "recommend", "VERDICTS", "choose_option", "RUNNER_UP_MARGIN", "in_range_switch"]

#: relative NPV gap below which a stand-alone comparison names the runner-up
RUNNER_UP_MARGIN = 0.05

#: verdict key -> (Chinese label, English label)
VERDICTS = {"support": ("予以支持", "Support"),
            "adjust": ("调整后支持", "Support after adjustment"),
            "reject": ("不予支持", "Do not support")}


@dataclass(frozen=True)
class Recommendation:
    """An economic conclusion and the figures that decide it (see :func:`recommend`)."""

    verdict: str
    reason: str
    option: str
    option_label: str
    baseline_label: str | None
    npv: float
    bcr: float
    irr: float
    payback: float
    prob_loss: float | None
    n_draws: int
    max_loss_probability: float
    near_breakeven: float
    currency: str
    rate: str
    critical: tuple[str, float, float, str, float] | None = None
    chosen_from: int = 1
    #: (label, switching value, low, high, unit) of an input whose switching value is plausible
    in_range: tuple[str, float, float, float, str] | None = None
    #: (label, NPV) of the next best option when within RUNNER_UP_MARGIN (stand-alone options only)
    runner_up: tuple[str, float] | None = None

    def label(self, lang: str = "zh") -> str:
        """予以支持 / 调整后支持 / 不予支持 (or the English)."""
        return VERDICTS[self.verdict][0 if check_lang(lang) == "zh" else 1]

    def text(self, lang: str = "zh") -> str:
        """One paragraph: the verdict, the deciding figures and why (``**bold**`` marks)."""
        zh = check_lang(lang) == "zh"
        cur = self.currency
        irr = num(self.irr, "pct") if math.isfinite(self.irr) else tr("irr_none", lang)
        pay = (f"{num(self.payback, 'years')}{'年' if zh else ' years'}" if math.isfinite(self.payback)
               else tr("never", lang))
        bcr = num(self.bcr, "ratio")
        who = self.option_label
        parts = []
        if zh:
            vs = f"相对{self.baseline_label}的增量" if self.baseline_label else ""
            chosen = f"（在{self.chosen_from}个备选方案中{'增量' if self.baseline_label else ''}净现值最高）" if self.chosen_from > 1 else ""
            parts.append(f"按{self.rate}折现率计算，{who}方案{chosen}{vs}净现值为**{num(self.npv)} {cur}**，"
                         f"效益费用比{bcr}，内部收益率{irr}，投资回收期{pay}。")
            if self.prob_loss is not None:
                parts.append(f"在{self.n_draws:,}次参数抽样中，净现值为负的概率为**{num(self.prob_loss, 'pct')}**"
                             f"（可接受上限{num(self.max_loss_probability, 'pct_short')}）。")
            else:
                parts.append("未做概率风险分析，结论仅依据基准情形。")
            if self.critical:
                name, base, switch, unit, change = self.critical
                move = "升至" if switch > base else "降至"
                parts.append(f"各参数中离转换值最近的是“{name}”：须由基准值{num(base, 'plain')}{move}"
                             f"{num(switch, 'plain')}{unit}（变化{num(change, 'pct')}），净现值才"
                             f"{'降为零' if self.npv > 0 else '升至零'}。")
            if self.runner_up:
                rname, rnpv = self.runner_up
                parts.append(f"次优方案“{rname}”的净现值为{num(rnpv)} {cur}，与所选方案相差不足"
                             f"{num(RUNNER_UP_MARGIN, 'pct_short')}，两者经济性相近，选择时应一并考虑其他因素。")
            in_range = ""
            if self.in_range:
                iname, isw, ilo, ihi, iunit = self.in_range
                in_range = (f"“{iname}”的合理区间（{num(ilo, 'plain')}–{num(ihi, 'plain')}{iunit}）包含其转换值"
                            f"{num(isw, 'plain')}{iunit}，即该参数取合理值时净现值可能为负，")
            parts.append({
                "positive": "项目在经济上可行，建议**予以支持**。",
                "fragile": f"基准情形下经济可行，但{in_range}建议锁定该参数（如约定价格、分期实施）或调整方案后"
                           "**调整后支持**。",
                "risky": "基准情形下经济可行，但亏损概率高于可接受上限，建议调整方案（如分期实施、压缩规模或约定价格上限）"
                         "降低风险后**调整后支持**。",
                "near": f"净现值未超过零，但效益费用比不低于{num(self.near_breakeven, 'ratio')}，接近盈亏平衡，"
                        "建议压缩成本或调整范围后**调整后支持**。",
                "negative": "净现值不为正且效益费用比明显低于1，项目在经济上不可行，建议**不予支持**。",
            }[self.reason])
            return "".join(parts)
        vs = f" against {self.baseline_label}" if self.baseline_label else ""
        chosen = f" (the highest NPV of {self.chosen_from} alternatives)" if self.chosen_from > 1 else ""
        parts.append(f"At a discount rate of {self.rate}, {who}{chosen} has an NPV{vs} of **{num(self.npv)} {cur}**, "
                     f"a benefit-cost ratio of {bcr}, an IRR of {irr} and a payback of {pay}.")
        if self.prob_loss is not None:
            parts.append(f" Over {self.n_draws:,} parameter draws the probability of a negative NPV is "
                         f"**{num(self.prob_loss, 'pct')}** (acceptable at most "
                         f"{num(self.max_loss_probability, 'pct_short')}).")
        else:
            parts.append(" No probabilistic risk analysis was run: the conclusion rests on the base case.")
        if self.critical:
            name, base, switch, unit, change = self.critical
            parts.append(f" Of all parameters, {name} is closest to its switching value: the NPV "
                         f"{'falls' if self.npv > 0 else 'rises'} to zero only when it moves from "
                         f"{num(base, 'plain')} to {num(switch, 'plain')} {unit} ({num(change, 'pct')}).")
        if self.runner_up:
            rname, rnpv = self.runner_up
            parts.append(f" The runner-up, {rname}, has an NPV of {num(rnpv)} {cur}, within "
                         f"{num(RUNNER_UP_MARGIN, 'pct_short')} of the chosen option: the two are close and other "
                         "considerations should weigh in the choice.")
        in_range = ""
        if self.in_range:
            iname, isw, ilo, ihi, iunit = self.in_range
            in_range = (f"the plausible range of {iname} ({num(ilo, 'plain')}-{num(ihi, 'plain')} {iunit}) includes "
                        f"its switching value {num(isw, 'plain')} {iunit}, so the NPV may turn negative at a "
                        "plausible value: ")
        parts.append(" " + {
            "positive": "The project is economical: **support**.",
            "fragile": f"It is economical in the base case, but {in_range}**support after adjustment** "
                       "(secure that input, e.g. by a price agreement, or phase the project).",
            "risky": "It is economical in the base case but too likely to lose money as it stands: "
                     "**support after adjustment** (phase it, reduce its scope or cap the price).",
            "near": f"The NPV is not positive but the benefit-cost ratio is at least "
                    f"{num(self.near_breakeven, 'ratio')}: close to break-even, **support after adjustment** "
                    "of costs or scope.",
            "negative": "The NPV is not positive and the benefit-cost ratio is well below 1: **do not support**.",
        }[self.reason])
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["label_zh"], out["label_en"] = VERDICTS[self.verdict]
        return out


def choose_option(appraisal, option: str | None = None) -> tuple[str, int]:
    """The option a report concludes on: ``option`` if given, else the only alternative, else
    the alternative with the highest NPV (default basis). Returns ``(option, n_alternatives)``."""
    model = appraisal.model
    alts = list(model.alternatives)
    if option is not None:
        if option not in model.options or option == model.baseline:
            from ..checks import unknown_name

            raise InputError(unknown_name(option, alts, "option"), where="option")
        return option, 1
    if not alts:
        raise InputError("the model has no option besides its baseline", where="options")
    res = appraisal.results()
    npvs = [float(np.mean(res[o]["npv"])) for o in alts]
    return alts[int(np.argmax(npvs))], len(alts)


def recommend(appraisal, *, option: str | None = None, draws=None, max_loss_probability: float = 0.10,
              near_breakeven: float = 0.9,
              critical: tuple[str, float, float, str, float] | None = None,
              switching=None) -> Recommendation:
    """Derive the economic conclusion from an appraisal (and optionally its Monte Carlo draws).

    Parameters
    ----------
    appraisal : Appraisal
        The base-case appraisal (one draw).
    option : str, optional
        The option to conclude on; default: the only alternative to the baseline, or the one
        with the highest NPV (the text then says so).
    draws : Appraisal, optional
        An appraisal of many draws (``cba.appraise(model, **model.sample(n, seed))``); gives
        P(NPV < 0).
    max_loss_probability : float
        Highest acceptable P(NPV < 0) for an unconditional "support" (default 10%).
    near_breakeven : float
        BCR at or above which a non-positive NPV is "support after adjustment" (default 0.9).
    critical : (label, base, switching value, unit, relative change), optional
        The parameter closest to its switching value (see :func:`cba.switching_values`),
        quoted in the text.
    switching : DataFrame, optional
        :func:`cba.switching_values` of the option; a switching value inside its parameter's
        plausible low-high range turns a positive NPV into "support after adjustment".

    Returns
    -------
    Recommendation
    """
    if not 0 <= max_loss_probability <= 1:
        raise InputError(f"expected a probability between 0 and 1, got {max_loss_probability!r}",
                         where="max_loss_probability")
    option, n_alts = choose_option(appraisal, option)
    m = appraisal.results()[option]
    first = lambda k: float(np.asarray(m[k], dtype=float).reshape(-1)[0])  # noqa: E731
    npv, bcr, irr, payback = first("npv"), first("bcr"), first("irr"), first("payback")
    prob_loss, n = None, 0
    if draws is not None and draws.n > 1:
        d = np.asarray(draws.results()[option]["npv"], dtype=float)
        prob_loss, n = float((d < 0).mean()), int(d.size)
    in_range = in_range_switch(switching) if switching is not None else None
    if npv > 0:
        if prob_loss is not None and prob_loss > max_loss_probability:
            reason = "risky"
        else:
            reason = "fragile" if in_range is not None else "positive"
    else:
        reason = "near" if math.isfinite(bcr) and bcr >= near_breakeven else "negative"
    verdict = {"positive": "support", "risky": "adjust", "fragile": "adjust", "near": "adjust",
               "negative": "reject"}[reason]
    model = appraisal.model
    rate = describe_schedule(appraisal.inputs.rate)
    runner_up = None
    if model.baseline is None and n_alts > 1:
        res = appraisal.results()
        others = sorted(((float(np.asarray(res[o]["npv"], dtype=float).reshape(-1)[0]), o)
                         for o in model.alternatives if o != option), reverse=True)
        if others:
            r_npv, r_opt = others[0]
            if abs(npv - r_npv) <= RUNNER_UP_MARGIN * max(abs(npv), abs(r_npv)):
                runner_up = (model.option_label(r_opt), r_npv)
    return Recommendation(
        verdict=verdict, reason=reason, option=option, option_label=model.option_label(option),
        baseline_label=model.option_label(model.baseline) if model.baseline is not None else None,
        npv=npv, bcr=bcr, irr=irr, payback=payback, prob_loss=prob_loss, n_draws=n,
        max_loss_probability=float(max_loss_probability), near_breakeven=float(near_breakeven),
        currency=model.currency, rate=rate, critical=critical, chosen_from=n_alts,
        in_range=in_range, runner_up=runner_up)


def in_range_switch(switching) -> tuple[str, float, float, float, str] | None:
    """The input whose switching value lies inside its plausible low-high range (closest to its
    base when several do), as ``(label, switching value, low, high, unit)``; ``None`` if none does."""
    best = None
    for _, r in switching.iterrows():
        sw, lo, hi = (float(r[k]) for k in ("switching_value", "low", "high"))
        if not (math.isfinite(sw) and math.isfinite(lo) and math.isfinite(hi)):
            continue
        if min(lo, hi) <= sw <= max(lo, hi):
            change = abs(float(r["change"])) if math.isfinite(float(r["change"])) else math.inf
            if best is None or change < best[0]:
                best = (change, (str(r["label"]), sw, lo, hi, str(r["unit"] or "")))
    return None if best is None else best[1]
