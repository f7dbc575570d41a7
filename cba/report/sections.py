"""The sections of the evaluation report, as library calls the template makes one per cell.

:class:`AppraisalReport` loads the model, applies the report's scenario and parameter changes,
appraises it once, draws the Monte Carlo sample once, and hands out each section as a
:class:`~cba.report.blocks.Block`: headings, narrative (Chinese by default, English with
``lang="en"``), tables and figures, plus the numbers shown, which the provenance records and
``cba reproduce`` compares. The template holds no logic of its own.

Examples
--------
>>> from cba.report import AppraisalReport
>>> r = AppraisalReport("data/minhang_kiosk.yaml", n_draws=500, seed=1)
>>> r.conclusion().items[0]["text"]
'一、评估结论'
>>> r.recommendation.label("en")
'Support'
>>> AppraisalReport("data/minhang_kiosk.yaml", lang="en", n_draws=0).metrics().items[0]["text"]
'1. NPV, BCR, IRR and payback'
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import warnings
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import check_lang, msg
from ..i18n import label as _label
from ..i18n.glossary import distribution_label
from .blocks import (Block, bullets, cards, figure, heading, kv, note, num, para, table, verdict)
from .text import scenario_label, section_number, tr

__all__ = ["AppraisalReport", "effective_model", "ESTIMATE_WORDS"]

#: words in a parameter's source that mark it as an estimate or an assumption
ESTIMATE_WORDS = ("估计", "示例", "假设", "estimate", "illustrative", "assumption")


def effective_model(model, *, scenario: str | None = None, overrides: Mapping[str, Any] | None = None):
    """The model with a scenario and parameter changes built into its base values.

    Changed parameters keep their label, unit and source, lose their distribution (they are
    held fixed in the risk analysis) and have their low/high widened to include the new value.
    Returns ``(model, changed)`` where ``changed`` maps each changed name to its new value.

    >>> import cba
    >>> m, changed = effective_model(cba.load_model("data/minhang_kiosk.yaml"), overrides={"kiosk_price": 25})
    >>> m.parameters["kiosk_price"].value, m.parameters["kiosk_price"].high, changed
    (25.0, 25.0, {'kiosk_price': 25.0})
    """
    changed: dict[str, Any] = {}
    if scenario is not None:
        if scenario not in model.scenarios:
            from ..checks import unknown_name

            raise InputError(unknown_name(scenario, list(model.scenarios), "scenario"), where="scenario")
        changed.update(model.scenarios[scenario])
    changed.update(model.check_overrides(dict(overrides or {})))
    params = dict(model.parameters)
    updates: dict[str, Any] = {}
    for name, value in changed.items():
        if name == "discount_rate":
            updates["discount_rate"] = value
            updates["discount_name"] = None
            if isinstance(value, float) and model.discount_range is not None:
                lo, hi = model.discount_range
                updates["discount_range"] = (min(lo, value), max(hi, value))
            elif not isinstance(value, float):
                updates["discount_range"] = None
            continue
        if isinstance(value, np.ndarray):
            raise InputError(msg("report.one_value"), where=f"overrides.{name}")
        p = params[name]
        value = float(value)
        params[name] = dataclasses.replace(
            p, value=value, distribution=None,
            low=None if p.low is None else min(p.low, value), high=None if p.high is None else max(p.high, value))
        changed[name] = value
    if params != dict(model.parameters):
        updates["parameters"] = params
        corr = getattr(model, "correlations", None)
        if corr is not None:   # fixed parameters leave the correlation matrix
            kept = [k for k in corr.names if params[k].distribution is not None]
            updates["correlations"] = corr.sub(kept) if len(kept) > 1 else None
    return (model.replace(**updates) if updates else model), changed


def _soft_wrap(text: str, width: int = 16) -> str:
    """``text`` with a zero-width space every ``width`` characters of a long unbroken ASCII token
    (a SHA-256, a URL), so a table column can wrap it instead of running off the page.

    >>> len(_soft_wrap("a" * 64)), _soft_wrap("short words stay")
    (67, 'short words stay')
    """
    import re

    # ASCII runs only: Chinese text wraps between any two characters already
    return re.sub(r"[!-~]{%d,}" % (2 * width),
                  lambda m: "\u200b".join(m.group(0)[i:i + width] for i in range(0, len(m.group(0)), width)),
                  text or "")


def _cn_list(names: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


class AppraisalReport:
    """Everything an evaluation report shows, section by section.

    Parameters
    ----------
    model : path or Model
        The model file (``.yaml``/``.xlsx``) or a loaded :class:`~cba.Model`.
    lang : {"zh", "en"}
    option : str, optional
        The option the conclusion is about; default: the only alternative to the baseline, or
        the one with the highest NPV (stated in the text).
    scenario : str, optional
        A named scenario of the model, applied before ``overrides``.
    overrides : dict, optional
        Parameter values (and ``discount_rate``) replacing the model's for this report.
    n_draws : int
        Monte Carlo draws for the risk section (0 leaves it out); ``seed`` makes them repeatable.
    sampling : {"mc", "lhs", "sobol"}
        How the draws are made (see :func:`cba.simulate`); correlations in the model apply.
    decision : dict, optional
        Thresholds of the conclusion replacing the model file's ``decision`` section, e.g.
        ``{"max_loss_probability": 0.05}`` (see :mod:`cba.model.decision`).
    max_loss_probability, near_breakeven : float, optional
        Shortcuts for ``decision={"max_loss_probability": ...}`` and ``{"adjust_min_bcr": ...}``.
    title, organisation : str
        Shown in the title block; the title defaults to the model's name + a standard suffix.
    provenance : dict, optional
        Filled in by :func:`cba.render_report`; shown in the appendix.
    """

    def __init__(self, model, *, lang: str = "zh", option: str | None = None, scenario: str | None = None,
                 overrides: Mapping[str, Any] | None = None, n_draws: int = 10_000, seed: int | None = 2025,
                 sampling: str = "mc",
                 decision: Mapping[str, Any] | None = None, max_loss_probability: float | None = None,
                 near_breakeven: float | None = None, title: str = "",
                 organisation: str = "", provenance: Mapping[str, Any] | None = None):
        from ..model.model import Model
        from ..model.files import load_model

        self.lang = check_lang(lang)
        self.model_path = None if isinstance(model, Model) else os.fspath(model)
        self.source_model = model if isinstance(model, Model) else load_model(model)
        self.scenario = scenario
        self.overrides = dict(overrides or {})
        self.model, self.changed = effective_model(self.source_model, scenario=scenario, overrides=self.overrides)
        if isinstance(n_draws, bool) or not isinstance(n_draws, int) or n_draws < 0:
            raise InputError(msg("report.whole_number", got=repr(n_draws)), where="n_draws")
        self.n_draws = n_draws
        self.seed = seed
        from ..checks import choice

        self.sampling = choice(sampling, "sampling", ("mc", "lhs", "sobol"))
        from .conclusion import decision_rule

        if decision is not None and not isinstance(decision, Mapping):
            decision_rule(self.model, decision)   # raises, naming the field
        self.decision = dict(decision or {})
        if max_loss_probability is not None:
            self.decision.setdefault("max_loss_probability", max_loss_probability)
        if near_breakeven is not None:
            self.decision.setdefault("adjust_min_bcr", near_breakeven)
        self.rule, self.rule_sources = decision_rule(self.model, self.decision)   # validate now
        self.max_loss_probability = self.rule.max_loss_probability
        self.near_breakeven = self.rule.adjust_min_bcr
        self.title_text = title or tr("title", self.lang, name=self.model.name)
        self.organisation = organisation
        self.provenance = dict(provenance) if provenance else None
        from ..analysis.caveats import outside_range

        # values set outside their declared range are stated (the model's range is widened above)
        self.calc_notes: list[str] = [t.render(self.lang) for t in outside_range(self.source_model, self.changed)]
        self._numbers: dict[str, int] = {}
        self._requested_option = option
        _ = self.option  # validate now, not in the middle of the report

    # -- computed once ---------------------------------------------------------------------
    def _quiet(self, fn, *args, **kw):
        """Call ``fn`` and keep its cba warnings as calculation notes instead of printing them."""
        from ..errors import CBAWarning

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CBAWarning)
            out = fn(*args, **kw)
        from ..i18n import Text

        for w in caught:
            if issubclass(w.category, CBAWarning):
                first = w.message.args[0] if getattr(w.message, "args", None) else w.message
                # in the report's language, whatever the language of the process
                text = first.render(self.lang) if isinstance(first, Text) else str(w.message)
                english = first.render("en") if isinstance(first, Text) else text
                if english.startswith("switching_values: no break-even"):
                    continue            # the switching-value table shows which inputs have none
                if text not in self.calc_notes:
                    self.calc_notes.append(text)
            else:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return out

    @cached_property
    def appraisal(self):
        """The base-case :class:`~cba.Appraisal` (with the report's scenario and changes)."""
        from ..analysis import appraise

        return self._quiet(appraise, self.model)

    @cached_property
    def option(self) -> str:
        from .conclusion import choose_option

        return choose_option(self.appraisal, self._requested_option)[0]

    @property
    def basis(self) -> str:
        return self.appraisal.basis

    @cached_property
    def sampled(self) -> tuple[str, ...]:
        """Parameters drawn in the risk analysis (those with a distribution, not changed)."""
        return tuple(k for k, p in self.model.parameters.items() if p.distribution is not None)

    @cached_property
    def draws(self):
        """The Monte Carlo :class:`~cba.Simulation` (``None`` without draws or distributions)."""
        if self.n_draws < 2 or not self.sampled:
            return None
        from ..uncertainty.simulate import simulate

        return self._quiet(simulate, self.model, n=self.n_draws, seed=self.seed, method=self.sampling, workers=1)

    @cached_property
    def switching(self):
        """:func:`cba.switching_values` of the option."""
        from ..analysis import switching_values

        return self._quiet(switching_values, self.model, self.option)

    @cached_property
    def recommendation(self):
        """The :class:`~cba.report.Recommendation` (economic conclusion)."""
        from .conclusion import recommend

        return recommend(self.appraisal, option=self.option, draws=self.draws, rule=self.decision,
                         critical=self._critical(), switching=self.switching, scenario=self.scenario)

    def _critical(self):
        sv = self.switching
        if not len(sv):
            return None
        found = sv[np.isfinite(sv["change"].astype(float))]
        if not len(found):
            return None
        row = found.loc[found["change"].astype(float).abs().idxmin()]
        return (str(row["label"]), float(row["base"]), float(row["switching_value"]), str(row["unit"] or ""),
                float(row["change"]))

    # -- helpers -----------------------------------------------------------------------------
    def _h(self, key: str) -> dict:
        n = self._numbers.setdefault(key, len(self._numbers) + 1)
        return heading(section_number(n, self.lang) + tr(key, self.lang), 2)

    def _metrics(self, option: str | None = None, basis: str | None = None) -> dict[str, float]:
        res = self.appraisal.results(basis)[option or self.option]
        return {k: float(np.asarray(v, dtype=float).reshape(-1)[0]) for k, v in res.items()}

    def _who(self) -> dict[str, str]:
        m = self.model
        return {"option": m.option_label(self.option),
                "baseline": m.option_label(m.baseline) if m.baseline is not None else "",
                "rate": self.recommendation.rate, "cur": m.currency}

    def _years(self, x: float) -> str:
        return tr("never", self.lang) if not math.isfinite(x) else num(x, "years")

    def _irr(self, x: float) -> str:
        return tr("irr_none", self.lang) if not math.isfinite(x) else num(x, "pct")

    # -- sections ----------------------------------------------------------------------------
    def title(self) -> Block:
        """Title, subtitle and the report's identity (project, evaluator, time, scenario)."""
        L = self.lang
        m = self.model
        rows = [(tr("meta_project", L), self.source_model.name)]
        if self.organisation:
            rows.append((tr("meta_org", L), self.organisation))
        created = (self.provenance or {}).get("created")
        if created:
            rows.append((tr("meta_date", L), created.replace("T", " ")[:19]))
        if self.model_path:
            rows.append((tr("meta_model", L), os.path.basename(self.model_path)))
        rows.append((tr("meta_scenario", L), scenario_label(self.scenario, L, model=self.source_model)))
        if self.overrides:
            rows.append((tr("meta_overrides", L), ("、" if L == "zh" else ", ").join(
                f"{self._input_name(k)} = {v}" for k, v in self.overrides.items())))
        _ = m
        return Block([heading(self.title_text, 1), para(tr("subtitle", L), "subtitle"), kv(rows)])

    def conclusion(self) -> Block:
        """The recommendation box and the deciding figures, first in the report."""
        L = self.lang
        rec = self.recommendation
        inc = self.basis == "incremental"
        items = [self._h("sec_conclusion"),
                 verdict(rec.verdict, rec.label(L), tr("verdict_title", L), rec.text(L))]
        c = [(tr("headline_npv" if inc else "headline_npv_alone", L), num(rec.npv), self.model.currency),
             (tr("headline_bcr", L), num(rec.bcr, "ratio"), ""),
             (tr("headline_irr", L), self._irr(rec.irr), ""),
             (tr("headline_payback", L), self._years(rec.payback),
              tr("years_unit", L) if math.isfinite(rec.payback) else "")]
        if rec.prob_loss is not None:
            c.append((tr("headline_loss", L), num(rec.prob_loss, "pct"), f"n = {rec.n_draws:,}"))
        items.append(cards(c))
        items.append(para(rec.basis(L)))
        items.append(bullets(rec.rule_lines(L)))
        items.append(table([msg(f"report.decision.col_{k}").render(L) for k in ("threshold", "value", "source", "meaning")],
                           rec.rule_rows(L), caption=msg("report.decision.rule_title",
                                                         example='{"max_loss_probability": 0.05}').render(L),
                           align=["l", "r", "c", "l"], small=True))
        items.append(note(tr("scope_note", L)))
        return Block(items, {"conclusion": {"verdict": rec.verdict, "option": rec.option, "npv": rec.npv,
                                            "bcr": rec.bcr, "irr": rec.irr, "payback": rec.payback,
                                            "prob_loss": rec.prob_loss, "rule": rec.rule.to_dict()}})

    def project(self) -> Block:
        """What is appraised: description, settings and the options with their cash-flow lines."""
        L = self.lang
        m = self.model
        items = [self._h("sec_project")]
        if m.description:
            items.append(para(m.description))
        years = m.years
        rate = self.recommendation.rate
        if m.discount_range is not None:
            lo, hi = (num(x, "pct_short") for x in m.discount_range)
            rate += f"（{lo}–{hi}）" if L == "zh" else f" (range {lo}-{hi})"
        rows = [(tr("currency", L), m.currency or "—")]
        price_year = m.price_base_year or m.base_year
        if price_year is not None:
            rows.append((tr("price_base", L), str(price_year)))
        rows += [(tr("rate", L), rate)]
        if m.discount_source:
            rows.append((tr("rate_source", L), m.discount_source))
        rows += [(tr("horizon", L), tr("horizon_value", L, start=int(years[0]), end=int(years[-1]), n=len(years))),
                 (tr("timing", L), _label(m.timing, L)),
                 (tr("baseline", L), m.option_label(m.baseline) if m.baseline is not None else tr("no_baseline", L))]
        items.append(kv(rows))
        from .method_notes import price_items   # the price base and how nominal lines were deflated

        items += price_items(self)
        kind = {"cost": _label("cost", L), "benefit": _label("benefit", L), "effect": _label("effect", L)}
        from ..method.assets import asset_table, line_label     # asset lines are labelled in both languages

        opt_rows, flow_rows = [], []
        for key, o in m.options.items():
            lines = ("、" if L == "zh" else ", ").join(f"{line_label(f, L)}（{kind[f.kind]}）" if L == "zh" else
                                                        f"{line_label(f, L)} ({kind[f.kind]})" for f in o.lines)
            opt_rows.append([o.label, o.description or "—", lines or "—"])
            for f in o.flows:
                start = 1 if f.start is None else f.start
                end = m.horizon if f.end is None else f.end
                when = str(start) if start == end else f"{start}–{end}"
                formula = f.amount.text if f.amount is not None else ", ".join(num(v, "plain") for v in f.values)
                flow_rows.append([o.label, f.label, kind[f.kind], formula, when])
        items.append(table([tr("col_option", L), tr("col_description", L), tr("col_lines", L)], opt_rows,
                           caption=tr("options_caption", L), align=["l", "l", "l"]))
        items.append(table([tr("col_option", L), tr("col_line", L), tr("col_kind", L), tr("col_formula", L),
                            tr("col_periods", L)], flow_rows, caption=tr("flow_caption", L),
                           align=["l", "l", "c", "l", "c"], small=True))
        asset_cols, asset_rows = asset_table(m, L)
        if asset_rows:
            items.append(table(asset_cols, asset_rows, caption=msg("method.assets.caption").render(L),
                               align=["l", "l", "l", "l", "l", "l", "c", "r"], small=True))
        return Block(items)

    def inputs(self) -> Block:
        """Every parameter with its value, range, unit, distribution and source."""
        L = self.lang
        rows = []
        values = {}
        for name, p in self.model.parameters.items():
            orig = self.source_model.parameters[name]
            value = num(p.value, "plain") + ("*" if name in self.changed else "")
            rng = f"{num(orig.low, 'plain')}–{num(orig.high, 'plain')}" if orig.has_range else "—"
            dist = distribution_label(p.distribution.kind, L) if p.distribution is not None else tr("dist_fixed", L)
            rows.append([p.label, name, value, rng, p.unit or "—", dist, _soft_wrap(p.source) or "—"])
            values[name] = p.value
        items = [self._h("sec_inputs"),
                 table([tr("col_param", L), "", tr("col_value", L), tr("col_range", L), tr("col_unit", L),
                        tr("col_dist", L), tr("col_source", L)], rows, caption=tr("inputs_caption", L),
                       align=["l", "l", "r", "c", "l", "l", "l"], small=True)]
        items[1]["columns"][1] = "代码" if L == "zh" else "Name"
        if self.changed:
            sep, colon = ("、", "：") if L == "zh" else (", ", ": ")
            shown = sep.join(f"{self._input_name(k)}{colon}{num(self.source_model.parameters[k].value, 'plain')} → "
                             f"{num(v, 'plain')}" for k, v in self.changed.items() if k in self.source_model.parameters)
            if "discount_rate" in self.changed:
                shown = sep.join(x for x in (shown, f"{self._input_name('discount_rate')} → "
                                                    f"{self.recommendation.rate}") if x)
            items.append(note(("* 本报告调整的参数（模型值 → 本报告取值）：" if L == "zh" else
                               "* Changed in this report (model value → value used): ") + shown))
        from .evidence_blocks import evidence_items   # parameters estimated from data (cba estimate)

        items += evidence_items(self)
        items.append(note(tr("estimate_note", L)))
        return Block(items, {"inputs": values})

    def cash_flows(self) -> Block:
        """Cash flows of the option by year (incremental against the baseline), and a chart."""
        L = self.lang
        m = self.model
        frame = self.appraisal.cash_flow_table(self.option, lang=L)
        year_col = _label("year", L)
        years = [str(int(y)) for y in frame[year_col]]
        body = frame.drop(columns=[year_col])
        rows = []
        for col in body.columns:
            kind = "factor" if col == _label("discount_factor", L) else "money"
            sign = -1.0 if col == _label("costs", L) else 1.0   # costs negative, as in the lines above
            rows.append([str(col)] + [num(sign * v, kind) for v in body[col]])
        who = self._who()
        intro = tr("cf_intro" if self.basis == "incremental" else "cf_intro_alone", L, **who)
        items = [self._h("sec_cash_flows"), para(intro),
                 table([tr("col_item", L)] + years, rows, caption=tr("cf_caption", L, cur=m.currency), small=True)]
        from ..plots.charts import plot_cash_flows

        fig = self._quiet(plot_cash_flows, self.appraisal, self.option, lang=L)
        items.append(figure(fig, caption=tr("cf_chart", L), width=0.85))
        net = body[_label("net", L)].to_numpy(dtype=float)
        cum = body[_label("cumulative_pv", L)].to_numpy(dtype=float)
        return Block(items, {"cash_flows": {"net": net.tolist(), "cumulative_pv": cum.tolist()}})

    def metrics(self) -> Block:
        """NPV, BCR, IRR and payback (incremental and per option), least cost, scenarios."""
        L = self.lang
        m = self.model
        who = self._who()
        items = [self._h("sec_metrics")]
        results: dict[str, Any] = {}
        cols = ["pv_costs", "pv_benefits", "npv", "bcr", "irr", "payback", "discounted_payback"]
        kinds = {"bcr": "ratio", "irr": "pct", "payback": "years", "discounted_payback": "years"}

        def fmt(k, v):
            if k == "irr":
                return self._irr(v)
            if k in ("payback", "discounted_payback"):
                return self._years(v)
            return num(v, kinds.get(k, "money"))

        if self.basis == "incremental":
            rows = []
            for o in m.alternatives:
                r = self._metrics(o, "incremental")
                rows.append([m.option_label(o)] + [fmt(k, r[k]) for k in cols])
                results[f"incremental.{o}"] = {k: r[k] for k in cols}
            items.append(table([tr("col_option", L)] + [_label(k, L) for k in cols], rows,
                               caption=tr("metrics_incremental", L, **{**who, "option": _cn_list(
                                   [m.option_label(o) for o in m.alternatives], L)})))
            items.append(note(tr("savings_note", L)))
        rows, pvc = [], {}
        for o in m.options:
            r = self._metrics(o, "standalone")
            pvc[o] = r["pv_costs"]
            rows.append([m.option_label(o)] + [fmt(k, r[k]) for k in ("pv_costs", "pv_benefits", "npv")])
            results[f"standalone.{o}"] = {k: r[k] for k in ("pv_costs", "pv_benefits", "npv")}
        items.append(table([tr("col_option", L)] + [_label(k, L) for k in ("pv_costs", "pv_benefits", "npv")],
                           rows, caption=tr("metrics_alone", L, cur=m.currency)))
        if len(pvc) >= 2:
            order = sorted(pvc, key=pvc.get)
            items.append(para(tr("least_cost", L, best=m.option_label(order[0]), pv=num(pvc[order[0]]),
                                 other=_cn_list([m.option_label(o) for o in order[1:]], L),
                                 pv2=_cn_list([num(pvc[o]) for o in order[1:]], L), cur=m.currency)))
        if m.effect_unit is not None:
            from .risk_blocks import effectiveness_items

            items += effectiveness_items(self, results)
        sc = self._scenarios()
        if sc is not None:
            items.append(sc[0])
            results["scenarios"] = sc[1]
        return Block(items, {"metrics": results})

    def views(self) -> Block:
        """Financial and economic analysis side by side, factors, sustainability, benchmarks."""
        from .views_blocks import views

        return views(self)

    def optimism(self) -> Block:
        """Optimism bias: the uplifts with their source, results unadjusted and adjusted (empty
        without an ``optimism_bias`` section)."""
        from .method_notes import optimism_block

        return optimism_block(self)

    def _scenarios(self):
        """Scenario table: the base case and each named scenario (:func:`cba.compare_scenarios`)."""
        L = self.lang
        m = self.model
        if not m.scenarios:
            return None
        from ..analysis import compare_scenarios

        cols = ["npv", "bcr", "irr", "payback"]
        frame = self._quiet(compare_scenarios, m, self.option, metrics=cols)
        rows, res = [], {}
        for name, r in frame.iterrows():
            r = {k: float(r[k]) for k in cols}
            rows.append([scenario_label(str(name), L, model=m), num(r["npv"]),
                         num(r["bcr"], "ratio"), self._irr(r["irr"]), self._years(r["payback"])])
            res[str(name)] = r
        return table([tr("col_scenario", L)] + [_label(k, L) for k in cols], rows,
                     caption=tr("scenarios_caption", L, cur=m.currency)), res

    def breakeven(self) -> Block:
        """Switching values: how far each uncertain input must move for the NPV to reach zero."""
        from .sensitivity_blocks import breakeven

        return breakeven(self)

    def _input_name(self, name: str) -> str:
        """The label of a parameter (or of the discount rate) for display; unknown names as given."""
        m = self.source_model
        if name in m.parameters or name == "discount_rate":
            return m.input_label(name, self.lang)[0]
        return name

    @cached_property
    def one_way(self):
        """:func:`cba.sensitivity` of the option over each parameter's low-high range."""
        from ..analysis import sensitivity

        return self._quiet(sensitivity, self.model, self.option)

    @cached_property
    def two_way(self):
        """:func:`cba.two_way` of the pair ``cba sensitivity`` draws by default
        (:func:`cba.analysis.frontier_pair`: the input nearest to its switching value against the
        largest swing of the others), each axis widened to take in its switching value; ``None``
        with fewer than two inputs."""
        from ..analysis import frontier_pair, two_way

        pair = frontier_pair(self.one_way, self.switching)
        if pair is None:
            return None
        return self._quiet(two_way, self.model, pair[0], pair[1], option=self.option, extend=True)

    def sensitivity(self) -> Block:
        """Tornado diagram and table of the NPV over each parameter's range (opens the section)."""
        from .sensitivity_blocks import tornado

        return tornado(self)

    def spider(self) -> Block:
        """Spider plot and table: the NPV as each parameter moves by a percentage of its base value."""
        from .sensitivity_blocks import spider

        return spider(self)

    def frontier(self) -> Block:
        """Two-way break-even frontier of the two inputs with the largest swing."""
        from .sensitivity_blocks import frontier

        return frontier(self)

    def risk(self) -> Block:
        """Monte Carlo risk: P(NPV < 0), percentiles, a histogram, correlations, the Sobol ranking
        and the value of information (empty without distributions; see :mod:`cba.report.risk_blocks`)."""
        from .risk_blocks import risk_block

        return risk_block(self)

    def limitations(self) -> Block:
        """What the numbers do not cover: estimates, missing sources, independence, scope."""
        L = self.lang
        m = self.model
        from ..evidence.handoff import is_evidence   # estimated from data: not a guess

        est = [p.label for p in m.parameters.values()
               if any(w in p.source.lower() for w in ESTIMATE_WORDS) and not is_evidence(p)]
        nosrc = [p.label for p in m.parameters.values() if not p.source.strip()]
        items = [tr("lim_economic", L)]
        if est:
            items.append(tr("lim_estimates", L, names=_cn_list(est, L)))
        if nosrc:
            items.append(tr("lim_nosource", L, names=_cn_list(nosrc, L)))
        from .evidence_blocks import evidence_limitations   # parameters estimated from data

        items += evidence_limitations(self)
        if self.draws is None:
            items.append(tr("lim_norisk", L))
        else:
            items.append(tr("lim_correlated" if getattr(self.model, "correlations", None) is not None
                            else "lim_independent", L))
        year = m.price_base_year or m.base_year
        if year is not None:
            items.append(tr("lim_price", L, year=year))
        items.append(tr("lim_unvalued", L))
        for n in list(self.appraisal.notes_in(L)) + list(self.calc_notes):
            items.append(tr("lim_notes", L, note=n))
        return Block([self._h("sec_limitations"), bullets(items)])

    def appendix(self) -> Block:
        """Provenance: file hashes, parameters, seed, versions, time, and how to reproduce."""
        L = self.lang
        prov = self.provenance or self._interactive_provenance()
        model = prov.get("model", {})
        tpl = prov.get("template") or {}
        rows = [(tr("prov_model", L), model.get("path", "—")), (tr("prov_model_sha", L), model.get("sha256", "—")),
                (tr("prov_template", L), tpl.get("path") or tr("prov_interactive", L)),
                (tr("prov_template_sha", L), tpl.get("sha256", "—")),
                (tr("prov_params", L), json.dumps(prov.get("parameters", {}), ensure_ascii=False, sort_keys=True)),
                (tr("prov_seed", L), str(prov.get("seed"))),
                (tr("prov_versions", L), ", ".join(f"{k} {v}" for k, v in prov.get("versions", {}).items())),
                (tr("prov_time", L), str(prov.get("created", "—")))]
        cmd = f"cba reproduce {prov.get('provenance_file') or '<name>.provenance.json'}"
        return Block([self._h("sec_appendix"), para(tr("prov_intro", L, cmd=cmd), "note"), kv(rows)])

    def _interactive_provenance(self) -> dict[str, Any]:
        from .provenance import versions

        out: dict[str, Any] = {"parameters": {"lang": self.lang, "option": self._requested_option,
                                              "scenario": self.scenario, "overrides": self.overrides,
                                              "n_draws": self.n_draws, "seed": self.seed,
                                              "sampling": self.sampling},
                               "seed": self.seed, "versions": versions()}
        if self.model_path and Path(self.model_path).is_file():
            from ..model.files import file_sha256

            out["model"] = {"path": self.model_path, "sha256": file_sha256(self.model_path)}
        return out

    def sections(self) -> list[Block]:
        """Every section in report order (what the template shows, for use outside notebooks)."""
        return [self.title(), self.conclusion(), self.project(), self.inputs(), self.cash_flows(), self.metrics(),
                self.views(), self.optimism(), self.breakeven(), self.sensitivity(), self.spider(), self.frontier(), self.risk(), self.limitations(),
                self.appendix()]
