"""The glossary: one Chinese and one English term per concept, used by tables, notes, reports
and the command line alike (terms of Chinese appraisal practice, 《建设项目经济评价方法与参数》).

>>> label("npv")
'净现值'
>>> label("npv", "en")
'NPV'
"""
from __future__ import annotations


__all__ = ["GLOSSARY", "label", "distribution_label", "colon", "comma", "paren", "name_in"]

GLOSSARY: dict[str, tuple[str, str]] = {
    # metrics
    "option": ("方案", "Option"),
    "label": ("名称", "Label"),
    "basis": ("口径", "Basis"),
    "pv_costs": ("费用现值", "PV costs"),
    "pv_benefits": ("效益现值", "PV benefits"),
    "npv": ("净现值", "NPV"),
    "bcr": ("效益费用比", "BCR"),
    "irr": ("内部收益率", "IRR"),
    "payback": ("投资回收期（年）", "Payback (years)"),
    "discounted_payback": ("动态投资回收期（年）", "Discounted payback (years)"),
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
    "baseline": ("基准方案（反事实）", "Baseline (counterfactual)"),
    "draws": ("抽样次数", "Draws"),
    "scenario": ("情景", "Scenario"),
    "changed": ("调整的参数", "Changed inputs"),
    "notes": ("说明", "Notes"),
    "parameters": ("参数", "Parameters"),
    "value": ("取值", "Value"),
    "low": ("低值", "Low"),
    "high": ("高值", "High"),
    "unit": ("单位", "Unit"),
    "source": ("来源", "Source"),
    "mean": ("均值", "Mean"),
    "p05": ("5%分位数", "5th pct"),
    "p95": ("95%分位数", "95th pct"),
    "prob_negative": ("净现值<0的概率", "P(NPV < 0)"),
    # simulation (cba.uncertainty)
    "metric": ("指标", "Metric"),
    "sd": ("标准差", "SD"),
    "se_mean": ("均值的标准误", "SE of mean"),
    "se_prob": ("概率的标准误", "SE of probability"),
    "p50": ("中位数", "Median"),
    "prob_unfavourable": ("不利概率（净现值<0，效益费用比<1）", "P(NPV < 0; BCR < 1)"),
    "undefined_draws": ("无定义的抽样数", "Undefined draws"),
    "effect": ("效果（实物量）", "effect (not money)"),
    # conversion factors of the economic view (cba.method.factors)
    "factor.standard": ("标准换算系数", "standard conversion factor"),
    "factor.foreign_exchange": ("影子汇率换算系数", "shadow exchange rate factor"),
    "factor.skilled_labour": ("技术劳动力影子工资换算系数", "shadow wage factor, skilled labour"),
    "factor.unskilled_labour": ("非技术劳动力影子工资换算系数", "shadow wage factor, unskilled labour"),
    "incremental_npv": ("增量净现值", "Incremental NPV"),
    "cumulative_probability": ("累计概率", "Cumulative probability"),
    "method_mc": ("简单随机抽样", "simple random sampling"),
    "method_lhs": ("拉丁超立方抽样", "Latin hypercube sampling"),
    "method_sobol": ("Sobol 序列抽样", "scrambled Sobol sampling"),
    "horizon_fmt": ("第0—{h}期（{years}年）", "periods 0-{h} ({years})"),
    "end": ("期末", "end of period"),
    "mid": ("期中", "mid-period"),
    "begin": ("期初", "beginning of period"),
    "none": ("无", "none"),
    "not_unique": ("不唯一", "not unique"),
    "never": ("计算期内未回收", "not within horizon"),
    # break-even and sensitivity (《建设项目经济评价方法与参数》: 敏感度系数, 临界点)
    "parameter": ("参数", "Parameter"),
    "parameter_label": ("参数名称", "Parameter name"),
    "base": ("基准值", "Base"),
    "base_case": ("基准情景", "Base case"),
    "breakeven": ("盈亏平衡值", "Break-even value"),
    "switching_value": ("临界点", "Switching value"),
    "switching_values": ("临界点分析", "Switching values"),
    "change": ("临界点变化率", "Change from base"),
    "elasticity": ("敏感度系数", "Elasticity"),
    "within_range": ("临界点在取值区间内", "Within low-high"),
    "critical": ("敏感因素", "Critical"),
    "search_range": ("搜索区间", "Range searched"),
    "target": ("目标值", "Target"),
    "sensitivity": ("敏感性分析", "Sensitivity analysis"),
    "tornado": ("龙卷风图", "Tornado diagram"),
    "spider": ("蜘蛛图", "Spider plot"),
    "two_way": ("双因素敏感性分析", "Two-way sensitivity"),
    "frontier": ("盈亏平衡线", "Break-even frontier"),
    "at_low": ("取低值", "at low"),
    "at_high": ("取高值", "at high"),
    "swing": ("变动幅度", "Swing"),
    "input_low": ("参数取低值", "Input at its low"),
    "input_high": ("参数取高值", "Input at its high"),
    "no_effect": ("无影响", "no effect"),
    "metric_word": ("指标", "Metric"),
    "all_solutions": ("全部解", "All solutions"),
    "none_in_range": ("搜索区间内不存在", "none in the range searched"),
    "search_low": ("搜索下限", "Searched from"),
    "search_high": ("搜索上限", "Searched to"),
    "n_solutions": ("解的个数", "Solutions"),
    "note": ("说明", "Note"),
    "crosses_target": ("区间内可改变结论", "Can flip the decision"),
    "pct_change": ("参数变化率", "Change in input"),
    "share_wins": ("{option}占优的网格比例", "Share of the grid where {option} wins"),
    "wins": ("{option}占优", "{option} better"),
    "loses": ("{option}不占优", "{option} worse"),
    "no_frontier": ("所示范围内无盈亏平衡线", "No break-even frontier within the range shown"),
    "plausible_range": ("参数取值区间", "Plausible range"),
    "scenarios": ("情景分析", "Scenarios"),
    "changes": ("参数变动", "Changes"),
    "annual_flow": ("年度现金流", "Annual cash flow"),
    "cash_flow_chart": ("年度现金流与累计净现值", "Annual cash flows and cumulative present value"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # other appraisal terms (《建设项目经济评价方法与参数》第三版)
    "static_payback": ("投资回收期", "Payback period"),
    "dynamic_payback": ("动态投资回收期", "Discounted payback period"),
    "sensitivity_coefficient": ("敏感度系数", "Elasticity"),
    "sensitive_factor": ("敏感因素", "Critical input"),
    "incremental_npv": ("增量净现值", "Incremental NPV"),
    "distribution": ("分布", "Distribution"),
    "fixed": ("固定", "fixed"),
    # probability distributions of parameters (cba.model.distributions)
    "dist.uniform": ("均匀分布", "uniform"),
    "dist.triangular": ("三角分布", "triangular"),
    "dist.pert": ("PERT分布", "PERT"),
    "dist.normal": ("正态分布", "normal"),
    "dist.lognormal": ("对数正态分布", "lognormal"),
    "dist.truncnormal": ("截断正态分布", "truncated normal"),
    "dist.beta": ("贝塔分布", "beta"),
    "dist.discrete": ("离散分布", "discrete"),
    "dist.empirical": ("经验分布", "empirical"),
    # default display names of the common scenario keys (a scenario's own label wins)
    "scenario.pessimistic": ("悲观情景", "pessimistic"),
    "scenario.optimistic": ("乐观情景", "optimistic"),
}


def label(key: str, lang: str | None = "zh") -> str:
    """The term for ``key`` in ``lang`` ("zh" or "en"; ``None``: the current language);
    unknown keys come back unchanged."""
    from . import check_lang
    from .core import get_lang

    pair = GLOSSARY.get(key)
    if pair is None:
        return key
    return pair[0 if check_lang(lang or get_lang()) == "zh" else 1]


def distribution_label(kind: str, lang: str | None = "zh") -> str:
    """Display name of a distribution kind (``triangular`` -> 三角分布); unknown kinds unchanged.

    >>> distribution_label("triangular"), distribution_label("pert", "en")
    ('三角分布', 'PERT')
    """
    key = f"dist.{kind}"
    return label(key, lang) if key in GLOSSARY else kind


def _zh(lang: str | None) -> bool:
    from . import check_lang
    from .core import get_lang

    return check_lang(lang or get_lang()) == "zh"


def colon(lang: str | None = "zh") -> str:
    """The colon after a heading word: ``：`` in Chinese, ``: `` in English."""
    return "：" if _zh(lang) else ": "


def comma(lang: str | None = "zh") -> str:
    """The comma between clauses: ``，`` in Chinese, ``, `` in English."""
    return "，" if _zh(lang) else ", "


def paren(text: str, lang: str | None = "zh") -> str:
    """``text`` in brackets after a word: ``（text）`` in Chinese, `` (text)`` in English.

    >>> "净现值" + paren("取低值"), "NPV" + paren("at low", "en")
    ('净现值（取低值）', 'NPV (at low)')
    """
    return f"（{text}）" if _zh(lang) else f" ({text})"


def name_in(label_: str, key: str, lang: str | None = "zh") -> str:
    """How a note names a parameter or option: its label in Chinese; in English the label with
    the key the user types (``岗亭单价 (kiosk_price)``), or the key alone when it has no label.

    >>> name_in("岗亭单价", "kiosk_price"), name_in("岗亭单价", "kiosk_price", "en")
    ('岗亭单价', '岗亭单价 (kiosk_price)')
    >>> name_in("capex", "capex", "en")
    'capex'
    """
    if _zh(lang) or not label_ or label_ == key:
        return label_ or key
    return f"{label_} ({key})"
