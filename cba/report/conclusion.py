"""The economic conclusion: 予以支持 / 调整后支持 / 不予支持, derived from the numbers by a stated rule.

Notes
-----
The thresholds are a :class:`~cba.model.decision.DecisionRule`: cba's defaults, replaced by
the model file's ``decision:`` section, replaced in turn by what the caller passes (a report's
``-p decision='{...}'``). :mod:`cba.model.decision` lists them with their defaults and where
each comes from. The rule, in order:

1. P(NPV < 0) > ``reject_loss_probability`` (when draws are given): **reject** (不予支持);
2. NPV > 0 and BCR >= ``min_bcr`` (economical in the base case): **support** (予以支持) when
   P(NPV < 0) <= ``max_loss_probability``, at most ``max_in_range`` inputs have their switching
   value inside their plausible low-high range and at most ``max_critical_share`` of the inputs
   with a range are critical; otherwise **adjust** (调整后支持);
3. not economical, but BCR >= ``adjust_min_bcr``: **adjust** (close to break-even);
4. otherwise **reject**.

Every report prints the rule with each threshold's value and source, and the values that
decided (:attr:`Recommendation.checks`, e.g. ``P(NPV<0) = 51.60% > 50% → 不予支持``).

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
>>> recommend(cba.appraise(model, scenario="pessimistic")).label()     # NPV < 0, BCR 0.74 < 0.9
'不予支持'
>>> recommend(cba.appraise(model, scenario="pessimistic"), rule={"adjust_min_bcr": 0.7}).label()
'调整后支持'
>>> print(recommend(cba.appraise(model, scenario="pessimistic", staff_cost=5)).basis("en"))
What decided: NPV = -181.54 ≤ 0; BCR = 0.3073 < 0.90 → Do not support
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..finance.schedules import describe_schedule
from ..i18n import check_lang, msg
from ..model.decision import DecisionRule
from .blocks import num
from .text import tr

__all__ = ["Recommendation", "recommend", "VERDICTS", "choose_option", "RUNNER_UP_MARGIN", "in_range_switch",
           "decision_rule", "DecisionRule"]

#: relative NPV gap below which a stand-alone comparison names the runner-up
RUNNER_UP_MARGIN = 0.05

#: verdict key -> (Chinese label, English label)
VERDICTS = {"support": ("予以支持", "Support"),
            "adjust": ("调整后支持", "Support after adjustment"),
            "reject": ("不予支持", "Do not support")}

#: how each threshold is shown: "pct_short" for probabilities and shares, "ratio" for BCRs, "int" for counts
_SHOW = {"min_bcr": "ratio", "max_loss_probability": "pct_short", "reject_loss_probability": "pct_short",
         "adjust_min_bcr": "ratio", "max_in_range": "int", "max_critical_share": "pct_short"}

#: how the values and the thresholds of Recommendation.checks are shown
_VALUE_KIND = {"npv": "money", "bcr": "ratio", "prob_loss": "pct", "in_range": "int"}
_LIMIT_KIND = {"npv": "int", "bcr": "ratio", "prob_loss": "pct_short", "in_range": "int", "critical": "pct_short"}


def _m(key: str, lang: str, **kw) -> str:
    return msg(f"report.decision.{key}", **kw).render(lang)


def decision_rule(model=None, overrides: Mapping[str, Any] | None = None, *,
                  where: str = "decision") -> tuple[DecisionRule, dict[str, str]]:
    """The thresholds in force and where each comes from (``default``, ``model`` or ``report``).

    Parameters
    ----------
    model : Model, optional
        Its ``decision`` section replaces the defaults.
    overrides : mapping, optional
        Thresholds replacing the model's (a report's ``decision`` parameter); errors name
        ``where`` and the threshold.

    Examples
    --------
    >>> import cba
    >>> m = cba.load_model("data/minhang_kiosk.yaml").replace(decision={"min_bcr": 1.2})
    >>> rule, sources = decision_rule(m, {"max_loss_probability": 0.05})
    >>> rule.min_bcr, rule.max_loss_probability, rule.adjust_min_bcr
    (1.2, 0.05, 0.9)
    >>> sources["min_bcr"], sources["max_loss_probability"], sources["adjust_min_bcr"]
    ('model', 'report', 'default')
    """
    given = dict(getattr(model, "decision", None) or {})
    rule = DecisionRule.from_entry(given)
    if overrides is not None and not isinstance(overrides, (Mapping, DecisionRule)):
        raise InputError(msg("report.decision.not_mapping", got=type(overrides).__name__), where=where)
    if isinstance(overrides, DecisionRule):
        overrides = overrides.changed()
    rule = DecisionRule.from_entry(dict(overrides or {}), where=where, base=rule)
    sources = {k: ("report" if k in (overrides or {}) else "model" if k in given else "default")
               for k in DecisionRule.names()}
    return rule, sources


@dataclass(frozen=True)
class Recommendation:
    """An economic conclusion, the figures that decide it and the rule applied (see :func:`recommend`)."""

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
    #: the thresholds applied, and where each came from ("default", "model", "report")
    rule: DecisionRule = field(default_factory=DecisionRule)
    sources: Mapping[str, str] = field(default_factory=dict)
    #: the comparisons that decided: (what, value, operator, threshold); what is one of npv, bcr,
    #: prob_loss, in_range, critical (value: (critical, with a range))
    checks: tuple[tuple[str, Any, str, Any], ...] = ()
    #: inputs with a range, how many are critical and how many have their switching value in range
    n_ranged: int = 0
    n_critical: int | None = None
    n_in_range: int | None = None
    #: the scenario key the figures are for (None: the base case) and its label, both languages
    scenario: str | None = None
    scenario_names: tuple[str, str] | None = None

    def label(self, lang: str = "zh") -> str:
        """予以支持 / 调整后支持 / 不予支持 (or the English)."""
        return VERDICTS[self.verdict][0 if check_lang(lang) == "zh" else 1]

    def _scenario(self, lang: str) -> str:
        if self.scenario_names is None:
            return _m("base_case", lang)
        return _m("scenario_named", lang, name=self.scenario_names[0 if lang == "zh" else 1])

    def basis(self, lang: str = "zh") -> str:
        """The values that decided, each against its threshold, and the verdict
        (``P(NPV<0) = 51.60% > 50% → 不予支持``)."""
        lang = check_lang(lang)
        parts = []
        for what, value, op, limit in self.checks:
            if what == "critical":
                k, n = value
                shown = f"{k}/{n} = {num(k / n, 'pct')}"
            else:
                shown = num(value, _VALUE_KIND[what])
            parts.append(f"{_m('v_' + what, lang)} = {shown} {op} {num(limit, _LIMIT_KIND[what])}")
        return _m("basis", lang, checks=_m("sep", lang).join(parts), verdict=self.label(lang))

    def rule_lines(self, lang: str = "zh") -> list[str]:
        """The rule in words, one line per verdict, with this report's threshold values."""
        lang = check_lang(lang)
        r = self.rule
        kw = {"min_bcr": num(r.min_bcr, "ratio"), "max_loss": num(r.max_loss_probability, "pct_short"),
              "reject_loss": num(r.reject_loss_probability, "pct_short"), "adjust": num(r.adjust_min_bcr, "ratio"),
              "max_in_range": r.max_in_range, "max_critical": num(r.max_critical_share, "pct_short")}
        return [_m("rule_support", lang, **kw), _m("rule_adjust", lang, **kw), _m("rule_reject", lang, **kw),
                _m("rule_runner_up", lang, margin=num(RUNNER_UP_MARGIN, "pct_short"))]

    def rule_rows(self, lang: str = "zh") -> list[list[str]]:
        """One row per threshold: name, value, source, meaning."""
        lang = check_lang(lang)
        return [[k, num(getattr(self.rule, k), _SHOW[k]), _m("src_" + self.sources.get(k, "default"), lang),
                 _m("mean_" + k, lang)] for k in DecisionRule.names()]

    def text(self, lang: str = "zh") -> str:
        """One paragraph: the figures, the verdict and why (``**bold**`` marks)."""
        lang = check_lang(lang)
        zh = lang == "zh"
        cur = self.currency
        irr = num(self.irr, "pct") if math.isfinite(self.irr) else tr("irr_none", lang)
        pay = (_m("payback_years", lang, x=num(self.payback, "years")) if math.isfinite(self.payback)
               else tr("never", lang))
        bcr = num(self.bcr, "ratio")
        r = self.rule
        vs = _m("vs", lang, baseline=self.baseline_label) if self.baseline_label else ""
        chosen = (_m("chosen", lang, n=self.chosen_from, inc=_m("chosen_inc", lang) if self.baseline_label else "")
                  if self.chosen_from > 1 else "")
        scen = _m("in_scenario", lang, scenario=self._scenario(lang)) if self.scenario_names else ""
        first = _m("headline", lang, scen=scen, rate=self.rate, who=self.option_label, chosen=chosen, vs=vs,
                   npv=num(self.npv), cur=cur, bcr=bcr, irr=irr, payback=pay)
        parts = [first if zh else first[0].upper() + first[1:]]
        if self.prob_loss is not None:
            parts.append(_m("risk", lang, n=f"{self.n_draws:,}", p=num(self.prob_loss, "pct")))
        else:
            parts.append(_m("no_risk", lang, scenario=self._scenario(lang)))
        if self.critical:
            name, base, switch, unit, change = self.critical
            parts.append(_m("closest", lang, name=name, base=num(base, "plain"), switch=num(switch, "plain"),
                            unit=unit if zh or not unit else " " + unit, change=num(change, "pct"),
                            move=_m("move_up" if switch > base else "move_down", lang),
                            to_zero=_m("falls" if self.npv > 0 else "rises", lang)))
        if self.runner_up:
            rname, rnpv = self.runner_up
            parts.append(_m("runner_up", lang, name=rname, npv=num(rnpv), cur=cur,
                            margin=num(RUNNER_UP_MARGIN, "pct_short")))
        pct = lambda x: num(x, "pct_short")  # noqa: E731
        if self.reason == "positive":
            end = _m("end_support", lang)
        elif self.reason == "risky":
            end = _m("end_risky", lang, p=num(self.prob_loss, "pct"), limit=pct(r.max_loss_probability))
        elif self.reason == "fragile" and self.in_range:
            iname, isw, ilo, ihi, iunit = self.in_range
            end = _m("end_fragile", lang, name=iname, lo=num(ilo, "plain"), hi=num(ihi, "plain"),
                     sw=num(isw, "plain"), unit=iunit)
        elif self.reason in ("critical", "fragile"):
            end = _m("end_critical", lang, k=self.n_critical, n=self.n_ranged,
                     share=num((self.n_critical or 0) / max(self.n_ranged, 1), "pct"),
                     limit=pct(r.max_critical_share))
        elif self.reason == "near":
            why = _m("why_npv" if not self.npv > 0 else "why_bcr", lang, bcr=bcr, min_bcr=num(r.min_bcr, "ratio"),
                     adjust=num(r.adjust_min_bcr, "ratio"))
            end = _m("end_near", lang, why=why, min_bcr=num(r.min_bcr, "ratio"))
        elif self.reason == "loss_likely":
            end = _m("end_loss", lang, limit=pct(r.reject_loss_probability))
        else:
            end = _m("end_negative" if not self.npv > 0 else "end_negative_bcr", lang, bcr=bcr,
                     adjust=num(r.adjust_min_bcr, "ratio"))
        parts.append(end)
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["rule"] = self.rule.to_dict()
        out["sources"] = dict(self.sources)
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


def recommend(appraisal, *, option: str | None = None, draws=None, rule: Mapping[str, Any] | None = None,
              max_loss_probability: float | None = None, near_breakeven: float | None = None,
              critical: tuple[str, float, float, str, float] | None = None,
              switching=None, scenario: str | None = None) -> Recommendation:
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
    rule : mapping or DecisionRule, optional
        Thresholds replacing the model's ``decision`` section, which replaces cba's defaults
        (see :mod:`cba.model.decision`); e.g. ``{"max_loss_probability": 0.05}``.
    max_loss_probability, near_breakeven : float, optional
        Shortcuts for ``rule={"max_loss_probability": ...}`` and ``rule={"adjust_min_bcr": ...}``.
    critical : (label, base, switching value, unit, relative change), optional
        The parameter closest to its switching value (see :func:`cba.switching_values`),
        quoted in the text.
    switching : DataFrame, optional
        :func:`cba.switching_values` of the option: gives the inputs whose switching value lies in
        their plausible range and the share of critical inputs. Without it those two conditions
        are not checked.
    scenario : str, optional
        The model scenario the appraisal was made under, named in the text.

    Returns
    -------
    Recommendation
    """
    if rule is not None and not isinstance(rule, (Mapping, DecisionRule)):
        raise InputError(msg("report.decision.not_mapping", got=type(rule).__name__), where="decision")
    extra = dict(rule.changed() if isinstance(rule, DecisionRule) else (rule or {}))
    if max_loss_probability is not None:
        extra.setdefault("max_loss_probability", max_loss_probability)
    if near_breakeven is not None:
        extra.setdefault("adjust_min_bcr", near_breakeven)
    r, sources = decision_rule(appraisal.model, extra)
    option, n_alts = choose_option(appraisal, option)
    m = appraisal.results()[option]
    first = lambda k: float(np.asarray(m[k], dtype=float).reshape(-1)[0])  # noqa: E731
    npv, bcr, irr, payback = first("npv"), first("bcr"), first("irr"), first("payback")
    prob_loss, n = None, 0
    if draws is not None and draws.n > 1:
        d = (np.asarray(draws.draws_of("npv", option), dtype=float) if hasattr(draws, "draws_of")   # a Simulation
             else np.asarray(draws.results()[option]["npv"], dtype=float))
        prob_loss, n = float((d < 0).mean()), int(d.size)
    in_range = n_in_range = n_critical = None
    n_ranged = 0
    if switching is not None:
        in_range = in_range_switch(switching)
        n_in_range = _count_in_range(switching)
        n_ranged = int(len(switching))
        n_critical = int(np.asarray(switching["critical"], dtype=bool).sum()) if n_ranged else 0
    checks: list[tuple[str, Any, str, Any]] = []
    bcr_ok = not math.isfinite(bcr) or bcr >= r.min_bcr    # no costs (BCR undefined): the NPV decides
    if prob_loss is not None and prob_loss > r.reject_loss_probability:
        reason = "loss_likely"
        checks.append(("prob_loss", prob_loss, ">", r.reject_loss_probability))
    elif npv > 0 and bcr_ok:
        checks.append(("npv", npv, ">", 0))
        if math.isfinite(bcr):
            checks.append(("bcr", bcr, "≥", r.min_bcr))
        failed = []
        if prob_loss is not None:
            bad = prob_loss > r.max_loss_probability
            checks.append(("prob_loss", prob_loss, ">" if bad else "≤", r.max_loss_probability))
            if bad:
                failed.append("risky")
        if n_in_range is not None:
            bad = n_in_range > r.max_in_range
            checks.append(("in_range", n_in_range, ">" if bad else "≤", r.max_in_range))
            if bad:
                failed.append("fragile")
        if n_critical is not None and n_ranged:
            bad = n_critical / n_ranged > r.max_critical_share
            checks.append(("critical", (n_critical, n_ranged), ">" if bad else "≤", r.max_critical_share))
            if bad:
                failed.append("critical")
        reason = failed[0] if failed else "positive"
    else:
        if npv > 0:
            checks.append(("bcr", bcr, "<", r.min_bcr))
        else:
            checks.append(("npv", npv, "≤", 0))
        near = math.isfinite(bcr) and bcr >= r.adjust_min_bcr
        checks.append(("bcr", bcr, "≥" if near else "<", r.adjust_min_bcr))
        reason = "near" if near else "negative"
    verdict = {"positive": "support", "risky": "adjust", "fragile": "adjust", "critical": "adjust",
               "near": "adjust", "negative": "reject", "loss_likely": "reject"}[reason]
    model = appraisal.model
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
        max_loss_probability=float(r.max_loss_probability), near_breakeven=float(r.adjust_min_bcr),
        currency=model.currency, rate=describe_schedule(appraisal.inputs.rate), critical=critical,
        chosen_from=n_alts, in_range=in_range, runner_up=runner_up, rule=r, sources=sources,
        checks=tuple(checks), n_ranged=n_ranged, n_critical=n_critical, n_in_range=n_in_range,
        scenario=scenario, scenario_names=None if scenario is None else scenario_names(model, scenario))


def scenario_names(model, key: str | None) -> tuple[str, str] | None:
    """The (Chinese, English) name of a model scenario (:meth:`cba.Model.scenario_label`): the
    label the model gives it when it has one, else the standard name of a common key (悲观情景
    for ``pessimistic``), else the key."""
    if key is None:
        return None
    return (model.scenario_label(key, "zh"), model.scenario_label(key, "en"))


def _count_in_range(switching) -> int:
    """How many inputs have their switching value inside their plausible low-high range."""
    count = 0
    for _, r in switching.iterrows():
        sw, lo, hi = (float(r[k]) for k in ("switching_value", "low", "high"))
        if math.isfinite(sw) and math.isfinite(lo) and math.isfinite(hi) and min(lo, hi) <= sw <= max(lo, hi):
            count += 1
    return count


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
