"""The report section "财务分析与经济分析" / "Financial and economic analysis".

For the reported option (incremental against the baseline where there is one): FNPV, FIRR and
FBCR next to ENPV, EIRR and EBCR; which view the conclusion uses; the conversion factors
applied (name, value, source and the lines they apply to); the financial sustainability test
(funding need and the years of negative cumulative cash); and the model's benchmarks, each as
a sentence. A model that declares no conversion gets one sentence saying both views coincide.

The numbers shown are recorded under ``views`` (see :mod:`cba.report.provenance`).

>>> from cba.report import AppraisalReport
>>> b = AppraisalReport("data/minhang_kiosk.yaml", lang="en", n_draws=0).views()
>>> b.items[0]["text"]
'1. Financial and economic analysis'
>>> b.results["views"]["financial"]["npv"] < b.results["views"]["economic"]["npv"]
True
"""
from __future__ import annotations

import math
from typing import Any

from ..i18n import GLOSSARY, msg
from ..i18n import label as _label
from .blocks import Block, bullets, heading, note, num, para, table
from .text import section_number

__all__ = ["views"]


def _t(key: str, lang: str, **kw: Any) -> str:
    return msg(f"method.{key}", **kw).render(lang)


def _clean(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def views(rep) -> Block:
    """The section for :class:`~cba.report.AppraisalReport` ``rep`` (see the module notes)."""
    from ..analysis.views import compare_views
    from ..method.views import declares_conversion, economic_section, factor_uses

    L = rep.lang
    m = rep.model
    o = rep.option
    cmp = rep._quiet(compare_views, m)
    n = rep._numbers.setdefault("sec_views", len(rep._numbers) + 1)
    items: list[dict] = [heading(section_number(n, L) + _t("cmp.title", L), 2)]

    # -- side by side -------------------------------------------------------------------------
    r = cmp.metrics(o)
    rows = [[_t("cmp.npv_row", L), num(r["fnpv"]), num(r["enpv"])],
            [_t("cmp.irr_row", L), rep._irr(r["firr"]), rep._irr(r["eirr"])],
            [_t("cmp.bcr_row", L), num(r["fbcr"], "ratio"), num(r["ebcr"], "ratio")]]
    who = (_t("cmp.who_incremental", L, option=m.option_label(o), baseline=m.option_label(m.baseline))
           if cmp.basis == "incremental" else _t("cmp.who_alone", L, option=m.option_label(o)))
    items.append(table([_t("cmp.col_metric", L), _t("cmp.col_financial", L), _t("cmp.col_economic", L)], rows,
                       caption=_t("cmp.table_caption", L, who=who, cur=m.currency), align=["l", "r", "r"]))
    how = _t("cmp.main_given" if m.economic is not None and "main" in m.economic.given else "cmp.main_default", L)
    items.append(para(_t("cmp.main", L, view=_t(f"view.{cmp.main}", L), how=how) + " "
                      + _t("cmp.rates", L, frate=cmp.financial.rate_text(), erate=cmp.economic.rate_text())))

    # -- factors ------------------------------------------------------------------------------
    sec = economic_section(m)
    if not declares_conversion(m):
        items.append(para(_t("cmp.coincide", L)))
    else:
        frows = []
        for key, uses in factor_uses(m, L):
            by_option: dict[str, list[str]] = {}
            for okey, lab in uses:
                by_option.setdefault(okey, []).append(lab)
            lines = ("；" if L == "zh" else "; ").join(
                _t("cmp.lines_of", L, option=m.option_label(ok), lines=("、" if L == "zh" else ", ").join(labs))
                for ok, labs in by_option.items())
            if key == "transfer":
                frows.append([_t("cmp.transfer", L), _t("cmp.transfer_value", L), _t("cmp.transfer_source", L), lines])
            elif key == "external":
                frows.append([_t("cmp.external", L), _t("cmp.external_value", L), _t("cmp.external_source", L), lines])
            elif key in sec.factors:
                f = sec.factors[key]
                mark = _t("cmp.default_mark" if f.default else "cmp.user_mark", L)
                named = f"factor.{key}" in GLOSSARY        # cba's factors have a name in the glossary
                shown = (f"{_label(f'factor.{key}', L)}{'（' if L == 'zh' else ' ('}{key}{'）' if L == 'zh' else ')'}"
                         if named else key)
                frows.append([shown, num(f.value, "factor"), (f.source_in(L) or "—") + mark, lines])
            else:
                frows.append([key, key, _t("cmp.number", L), lines])
        items.append(table([_t("cmp.col_factor", L), _t("cmp.col_value", L), _t("cmp.col_source", L),
                            _t("cmp.col_lines", L)], frows, caption=_t("cmp.factors_caption", L),
                           align=["l", "r", "l", "l"], small=True))

    # -- sustainability -----------------------------------------------------------------------
    s = cmp.sustainability()
    yes, no = _label("yes", L), _label("no", L)
    srows = [[m.option_label(k), num(s.funding_need[k]), _years(s.negative_years[k], L), yes if s.passes(k) else no]
             for k in s.net]
    unit = "" if not m.currency else (f"（{m.currency}）" if L == "zh" else f" ({m.currency})")
    items.append(table([_label("option", L), _t("sus.col_need", L) + unit, _t("sus.col_years", L),
                        _t("sus.col_passes", L)], srows,
                       caption=_t("sus.title", L), align=["l", "r", "l", "c"]))
    items.append(note(_t("sus.rule", L)))
    for text in s.notes(L):
        items.append(note(text))

    # -- benchmarks ---------------------------------------------------------------------------
    if cmp.benchmarks.get(o):
        items.append(para(_t("bm.title", L) + ("：" if L == "zh" else ":")))
        items.append(bullets(cmp.benchmark_lines(o, L)))
    else:
        items.append(note(_t("bm.none_declared", L)))

    results = {"main": cmp.main, "basis": cmp.basis, "option": o,
               "financial": {k: _clean(r["f" + k]) for k in ("npv", "irr", "bcr")},
               "economic": {k: _clean(r["e" + k]) for k in ("npv", "irr", "bcr")},
               "sustainability": {k: {"funding_need": s.funding_need[k], "negative_years": list(s.negative_years[k])}
                                  for k in s.net},
               "benchmarks": {b.benchmark.key: {"value": _clean(b.value), "met": b.met}
                              for b in cmp.benchmarks.get(o, ())}}
    return Block(items, {"views": results})


def _years(years: tuple[int, ...], lang: str) -> str:
    from ..analysis.views import _years_text

    return _years_text(years, lang)
