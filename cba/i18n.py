"""User-facing labels in Chinese (default) and English.

>>> label("npv")
'净现值'
>>> label("npv", "en")
'NPV'
"""
from __future__ import annotations

from .errors import InputError

__all__ = ["LANGS", "label", "check_lang"]

LANGS = ("zh", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # metrics
    "option": ("方案", "Option"),
    "label": ("名称", "Label"),
    "basis": ("口径", "Basis"),
    "pv_costs": ("费用现值", "PV costs"),
    "pv_benefits": ("效益现值", "PV benefits"),
    "npv": ("净现值", "NPV"),
    "bcr": ("效益费用比", "BCR"),
    "irr": ("内部收益率", "IRR"),
    "payback": ("投资回收期(年)", "Payback (years)"),
    "discounted_payback": ("动态回收期(年)", "Discounted payback (years)"),
    "breakeven_year": ("盈亏平衡年份", "Break-even year"),
    "eac": ("等额年值", "Equivalent annual value"),
    # bases
    "standalone": ("各方案自身", "Each option alone"),
    "incremental": ("相对基准方案的增量", "Incremental against the baseline"),
    "vs": ("相对", "vs"),
    # cash-flow table
    "period": ("期数", "Period"),
    "year": ("年份", "Year"),
    "costs": ("费用合计", "Total costs"),
    "benefits": ("效益合计", "Total benefits"),
    "net": ("净现金流", "Net flow"),
    "discount_factor": ("折现系数", "Discount factor"),
    "pv_net": ("净现金流现值", "PV of net flow"),
    "cumulative_pv": ("累计净现值", "Cumulative PV"),
    "cost": ("费用", "cost"),
    "benefit": ("效益", "benefit"),
    # summary text
    "model": ("项目", "Project"),
    "currency": ("货币单位", "Currency unit"),
    "discount_rate": ("折现率", "Discount rate"),
    "horizon": ("计算期", "Horizon"),
    "timing": ("现金流时点", "Flow timing"),
    "baseline": ("基准方案(反事实)", "Baseline (counterfactual)"),
    "draws": ("抽样次数", "Draws"),
    "notes": ("说明", "Notes"),
    "parameters": ("参数", "Parameters"),
    "value": ("取值", "Value"),
    "low": ("低值", "Low"),
    "high": ("高值", "High"),
    "unit": ("单位", "Unit"),
    "source": ("来源", "Source"),
    "mean": ("均值", "Mean"),
    "p05": ("5%分位", "5th pct"),
    "p95": ("95%分位", "95th pct"),
    "prob_negative": ("净现值<0的概率", "P(NPV < 0)"),
    "horizon_fmt": ("第0-{h}期({years}年)", "periods 0-{h} ({years})"),
    "end": ("期末", "end of period"),
    "mid": ("期中", "mid-period"),
    "begin": ("期初", "beginning of period"),
    "none": ("无", "none"),
    "not_unique": ("不唯一", "not unique"),
    "never": ("计算期内未回收", "not within horizon"),
}


def check_lang(lang: str) -> str:
    """Validate a language code."""
    if lang not in LANGS:
        raise InputError(f"expected one of {', '.join(LANGS)}, got {lang!r}", where="lang")
    return lang


def label(key: str, lang: str = "zh") -> str:
    """The label of ``key`` in ``lang`` ("zh" or "en"); unknown keys come back unchanged."""
    pair = _LABELS.get(key)
    if pair is None:
        return key
    return pair[LANGS.index(check_lang(lang))]
