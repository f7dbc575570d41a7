"""Narrative text of the report in Chinese (default) and English.

>>> tr("sec_conclusion", "zh"), tr("sec_conclusion", "en")
('评估结论', 'Conclusion')
>>> section_number(3, "zh"), section_number(3, "en")
('三、', '3. ')
"""
from __future__ import annotations

from ..i18n import GLOSSARY, check_lang, label

__all__ = ["tr", "section_number", "scenario_label"]

_T: dict[str, tuple[str, str]] = {
    # title block
    "title": ("{name}事前绩效评估经济性分析报告", "{name}: ex-ante economic appraisal report"),
    "subtitle": ("成本效益分析（成本效益分析法、最低成本法）", "Cost-benefit analysis and least-cost comparison"),
    "meta_project": ("评估对象", "Project"),
    "meta_org": ("评估单位", "Evaluated by"),
    "meta_date": ("报告生成时间", "Generated"),
    "meta_model": ("模型文件", "Model file"),
    "meta_scenario": ("情景", "Scenario"),
    "meta_overrides": ("参数调整", "Parameter changes"),
    # sections
    "sec_conclusion": ("评估结论", "Conclusion"),
    "sec_project": ("项目与方案", "Project and options"),
    "sec_inputs": ("主要参数、单位与来源", "Inputs, units and sources"),
    "sec_cash_flows": ("逐年现金流量", "Cash flows by year"),
    "sec_metrics": ("经济评价指标", "NPV, BCR, IRR and payback"),
    "sec_breakeven": ("盈亏平衡与{t_switching_value}", "Break-even and switching values"),
    "sec_tornado": ("{t_sensitivity}", "Sensitivity"),
    "sec_risk": ("风险分析", "Risk"),
    "sec_limitations": ("局限性说明", "Limitations"),
    "sec_appendix": ("附录：可复现信息", "Appendix: provenance"),
    # conclusion
    "verdict_title": ("经济性结论", "Economic conclusion"),
    "headline_npv": ("{t_incremental_npv}", "{t_incremental_npv}"),
    "headline_npv_alone": ("{t_npv}", "{t_npv}"),
    "headline_bcr": ("{t_bcr}", "Benefit-cost ratio"),
    "headline_irr": ("{t_irr}", "{t_irr}"),
    "headline_payback": ("{t_static_payback}", "Payback"),
    "headline_loss": ("{t_prob_negative}", "{t_prob_negative}"),
    "years_unit": ("年", "years"),
    "scope_note": ("本结论为经济性结论，只回答“投入经济性”问题（成本效益分析法）。事前绩效评估的最终意见"
                   "（予以支持/调整后支持/不予支持）还须综合立项必要性、绩效目标合理性、实施方案可行性和"
                   "筹资合规性等方面作出判断。",
                   "This is the economic conclusion only: it answers whether the spending is economical "
                   "(cost-benefit analysis). The final ex-ante evaluation opinion also weighs the need for the "
                   "project, the soundness of its performance targets, the feasibility of the implementation "
                   "plan and the compliance of its funding."),
    "rule_note": ("判定规则：净现值（有基准方案时为增量净现值）>0、净现值为负的概率不高于{max_loss}且没有参数的{t_switching_value}落在其合理区间内时"
                  "“予以支持”；净现值>0但亏损概率高于{max_loss}，或净现值>0但某参数的{t_switching_value}落在其合理区间内（该参数取合理值时"
                  "净现值可能为负），或净现值≤0但效益费用比不低于{near}时“调整后支持”；其余“不予支持”。"
                  "各方案独立比较且所选方案与次优方案净现值相差不足5%时，结论一并列出次优方案。",
                  "Rule: support when the NPV (incremental, when there is a baseline) is positive, P(NPV < 0) is at "
                  "most {max_loss} and no input's switching value lies inside its plausible range; support after "
                  "adjustment when the NPV is positive but P(NPV < 0) exceeds {max_loss}, or the NPV is positive but "
                  "some input's switching value lies inside its plausible range (the NPV may turn negative at a "
                  "plausible value), or the NPV is not positive but the BCR is at least {near}; otherwise do not "
                  "support. When options stand alone and the chosen one's NPV is within 5% of the runner-up's, the "
                  "conclusion names the runner-up."),
    # project
    "project_desc": ("项目说明", "Description"),
    "currency": ("{t_currency}", "{t_currency}"),
    "price_base": ("价格基准年", "Price base year"),
    "rate": ("{t_discount_rate}", "{t_discount_rate}"),
    "rate_source": ("折现率依据", "Discount-rate source"),
    "horizon": ("{t_horizon}", "Appraisal period"),
    "horizon_value": ("{start}—{end}年，共{n}期（第0期为{start}年）", "{start}-{end}, {n} periods (period 0 = {start})"),
    "timing": ("{t_timing}", "{t_timing}"),
    "baseline": ("{t_baseline}", "{t_baseline}"),
    "no_baseline": ("无（各方案与“不实施”比较）", "none (each option against doing nothing)"),
    "options_caption": ("方案及其现金流项目", "Options and their cash-flow lines"),
    "col_option": ("{t_option}", "{t_option}"),
    "col_description": ("说明", "Description"),
    "col_lines": ("现金流项目（费用/效益）", "Cash-flow lines (cost / benefit)"),
    "col_formula": ("计算式", "Formula"),
    "col_periods": ("发生期", "Periods"),
    "flow_caption": ("现金流项目计算式", "How each cash-flow line is computed"),
    "col_line": ("项目", "Line"),
    "col_kind": ("类别", "Kind"),
    # inputs
    "inputs_caption": ("参数表（中值及低值—高值区间）", "Parameters (central value, low-high range)"),
    "col_param": ("{t_parameter}", "{t_parameter}"),
    "col_value": ("{t_value}", "{t_value}"),
    "col_range": ("{t_plausible_range}", "Range"),
    "col_unit": ("{t_unit}", "{t_unit}"),
    "col_dist": ("{t_distribution}", "{t_distribution}"),
    "col_source": ("{t_source}", "{t_source}"),
    "estimate_note": ("来源中标注“估计”或“示例”的数值为估计值，并非公布数据。",
                      "Values whose source says 估计/estimate or 示例/illustrative are estimates, not published figures."),
    "dist_fixed": ("{t_fixed}", "{t_fixed}"),
    # cash flows
    "cf_intro": ("下表为{option}方案相对{baseline}的逐年增量现金流（费用为负、效益为正），按{rate}折现。",
                 "Incremental cash flows of {option} against {baseline} by year (costs negative, benefits "
                 "positive), discounted at {rate}."),
    "cf_intro_alone": ("下表为{option}方案的逐年现金流（费用为负、效益为正），按{rate}折现。",
                       "Cash flows of {option} by year (costs negative, benefits positive), discounted at {rate}."),
    "cf_caption": ("逐年现金流量表（单位：{cur}）", "Cash flows by year ({cur})"),
    "cf_chart": ("逐年净现金流与累计净现值", "Net cash flow and cumulative present value by year"),
    "col_item": ("项目", "Item"),
    # metrics
    "metrics_incremental": ("增量指标：{option}相对{baseline}（单位：{cur}）",
                            "Incremental: {option} against {baseline} ({cur})"),
    "metrics_alone": ("各方案自身的现值（单位：{cur}）", "Each option on its own ({cur})"),
    "least_cost": ("费用现值最低的方案为{best}（{pv} {cur}）；{other}的费用现值为{pv2} {cur}。",
                   "{best} has the lowest present cost ({pv} {cur}); {other}: {pv2} {cur}."),
    "savings_note": ("增量口径下，节省的费用计为效益，多支出的费用计为费用；内部收益率和回收期按增量净现金流计算。",
                     "On the incremental basis savings count as benefits and extra outlays as costs; IRR and "
                     "payback use the incremental net flow."),
    "scenarios_caption": ("情景比较（单位：{cur}）", "Scenarios ({cur})"),
    "col_scenario": ("{t_scenario}", "{t_scenario}"),
    "irr_none": ("不存在或不唯一", "none or not unique"),
    "never": ("{t_never}", "not within the period"),
    # break-even, tornado, risk
    "breakeven_intro": ("{t_switching_value}是使{option}方案净现值恰好为零的参数取值（其余参数保持基准值）。"
                        "{t_switching_value}落在参数合理区间之内，说明该参数为{t_sensitive_factor}。",
                        "A switching value is the value of one parameter at which the NPV of {option} falls to "
                        "zero, all others at their base values. A switching value inside the plausible range "
                        "means the conclusion depends on that parameter."),
    "tornado_intro": ("各参数在其低值—高值区间内变动时净现值的变化（其余参数保持基准值），按影响大小排序。",
                      "How far the NPV moves when each parameter runs over its low-high range, the others "
                      "held at base values, largest first."),
    "tornado_caption": ("{t_npv}{t_tornado}", "Tornado diagram of NPV"),
    "tornado_table": ("各参数取低值、高值时的净现值（单位：{cur}）", "NPV with each parameter at its low and high end ({cur})"),
    "switching_note": ("{t_elasticity}：参数上升1%时净现值变化的百分数。“{t_critical}”：{t_switching_value}落在参数取值区间内、"
                       "距基准值10%以内，或{t_elasticity}绝对值不小于1（欧盟成本效益分析指南的判据）。",
                       "Elasticity: % change of the NPV for a 1% rise of the parameter. Critical: switching "
                       "value inside the plausible range or within 10% of the base, or |elasticity| >= 1 "
                       "(EU cohesion CBA guide)."),
    "col_value_range": ("{t_plausible_range}", "Range"),
    "col_npv_low": ("{t_npv}（{t_at_low}）", "{t_npv} ({t_at_low})"),
    "col_npv_high": ("{t_npv}（{t_at_high}）", "{t_npv} ({t_at_high})"),
    "col_swing": ("{t_swing}", "{t_swing}"),
    "col_crosses": ("{t_crosses_target}", "Crosses zero"),
    "yes": ("{t_yes}", "{t_yes}"),
    "no": ("{t_no}", "{t_no}"),
    "spider_intro": ("蜘蛛图显示各参数在其基准值基础上变动{lo}至{hi}时净现值的变化（其余参数保持基准值）："
                     "线越陡，净现值对该参数越敏感；线与虚线（净现值为零）相交之处，结论随之改变。",
                     "The spider plot shows the NPV as each parameter moves from {lo} to {hi} of its base value, "
                     "the others held at base values: the steeper the line, the more the NPV depends on that "
                     "parameter; where a line crosses the dashed line (NPV = 0) the conclusion changes."),
    "spider_caption": ("{t_npv}{t_spider}", "Spider plot of NPV"),
    "spider_table": ("各参数按百分比变动时的净现值（单位：{cur}）",
                     "NPV when each parameter changes by a percentage of its base value ({cur})"),
    "frontier_intro": ("下图同时变动{x}和{y}两个参数（取最接近其临界点的参数，及其余参数中影响最大者；均无临界点时取影响最大的两个），其余参数保持基准值：绿色区域内{option}方案的"
                       "净现值不低于零，红色区域内为负；粗线为盈亏平衡线（净现值为零），虚线框为两个参数的合理区间，"
                       "星号为基准情形。",
                       "The chart varies {x} and {y} together (the input nearest to its switching value and the "
                       "largest effect of the others; the two largest effects when none has a switching value), the "
                       "others held at base values: the NPV of {option} is zero or above in the green area and "
                       "negative in the red area; the heavy line is the break-even line (NPV = 0), the dashed box "
                       "the plausible ranges of the two parameters and the star the base case."),
    "frontier_caption": ("{x}与{y}的双因素盈亏平衡图", "Two-way break-even frontier of {x} and {y}"),
    "frontier_share": ("在图示范围内，{option}方案在{share}的参数组合上净现值不低于零。",
                       "Over the area shown, the NPV of {option} is zero or above at {share} of the combinations."),
    "frontier_absent": ("在图示范围内净现值没有穿过零，图中没有盈亏平衡线。",
                        "The NPV does not cross zero anywhere in the area shown, so there is no break-even line."),
    "frontier_widened": ("为显示盈亏平衡线，坐标轴延伸到合理区间以外：{names}。",
                         "The axes extend beyond the plausible ranges so that the break-even line shows: {names}."),
    "frontier_none": ("只有一个参数给出了取值区间，未绘制双因素盈亏平衡图。",
                      "Only one parameter has a range, so there is no two-way break-even frontier."),
    "tornado_none": ("模型没有给出取值区间的参数，未做敏感性分析。", "No parameter has a range, so there is no sensitivity analysis."),
    "ce_caption": ("成本效果分析：费用现值与效果现值", "Cost-effectiveness: present value of costs and of effects"),
    "ce_cost": ("费用现值（{cur}）", "PV of costs ({cur})"),
    "ce_effect": ("效果现值（{unit}）", "PV of effects ({unit})"),
    "ce_status": ("占优情况", "Dominance"),
    "ce_icer": ("增量成本效果比（{cur}/{unit}）", "ICER ({cur} per {unit})"),
    "ce_nd": ("非劣", "not dominated"),
    "ce_d": ("劣势", "dominated"),
    "ce_ed": ("扩展劣势", "extendedly dominated"),
    "ce_dominates": ("按成本效果比较，{best}费用更低且效果（{unit}）不少于{others}，占优；无需计算增量成本效果比。",
                     "On cost-effectiveness, {best} costs less and achieves at least as much ({unit}) as "
                     "{others}: it dominates, so no ratio is needed."),
    "ce_frontier": ("按成本效果比较，{names}均非劣；增量成本效果比为每多获得一单位效果（{unit}）需多付出的费用（{cur}）。",
                    "On cost-effectiveness, {names} are not dominated; the ICER is the extra cost ({cur}) of "
                    "each extra unit of effect ({unit})."),
    "ce_note": ("费用为各方案自身费用的现值（效益不抵减，以免与已货币化的效果重复计算）；效果按同一折现率折现。",
                "Costs are each option's own costs in present value (benefits are not netted, so a priced "
                "effect is not counted twice); effects are discounted at the same rate."),
    "risk_intro": ("对带有概率分布的{k}个参数抽样{n}次（{method}，随机种子{seed}）；{how}每次抽样计算一次增量净现值。",
                   "{k} parameters with distributions were drawn {n} times ({method}, seed {seed}); {how}"
                   "each draw gives one incremental NPV."),
    "risk_intro_alone": ("对带有概率分布的{k}个参数抽样{n}次（{method}，随机种子{seed}）；{how}每次抽样计算一次净现值。",
                         "{k} parameters with distributions were drawn {n} times ({method}, seed {seed}); {how}"
                         "each draw gives one NPV."),
    "risk_independent": ("各参数相互独立抽样，", "independently, "),
    "risk_correlated": ("其中{m}对参数按模型设定的秩相关系数相关抽样（Iman-Conover 方法），其余相互独立，",
                        "{m} pairs of them with the rank correlations the model sets (Iman-Conover), the rest "
                        "independently; "),
    "risk_upper": ("{p}（95%置信上限 {bound}）", "{p} (95% upper bound {bound})"),
    "risk_lower": ("{p}（95%置信下限 {bound}）", "{p} (95% lower bound {bound})"),
    "risk_se": ("“±”后为蒙特卡洛标准误，即抽样次数有限带来的误差；没有一次抽样为负时给出95%置信上限（Clopper-Pearson）。",
                "The figure after “±” is the Monte Carlo standard error, the error from a finite number of "
                "draws; with no negative draw the 95% upper bound (Clopper-Pearson) is given instead."),
    "risk_corr_caption": ("参数间的秩相关系数：设定值与抽样实现值", "Rank correlations between parameters: requested and achieved"),
    "col_input": ("参数", "Parameter"),
    "col_requested": ("设定值", "Requested"),
    "col_achieved": ("实现值", "Achieved"),
    "risk_sobol": ("全局敏感性分析（Sobol 指数）表明，净现值的方差主要来自{top}（总效应指数{st}），其次是{second}。",
                   "Global sensitivity analysis (Sobol indices): most of the NPV's variance comes from {top} "
                   "(total-effect index {st}), then {second}."),
    "risk_sobol_caption": ("Sobol 指数（按总效应指数排序，括号内为95%置信区间）",
                           "Sobol indices (by total effect; 95% confidence interval in brackets)"),
    "col_sobol_first": ("一阶指数", "First order"),
    "col_sobol_total": ("总效应指数", "Total effect"),
    "risk_sobol_note": ("一阶指数为该参数单独解释的方差份额，总效应指数另含其与其他参数的交互作用；按参数相互独立计算，"
                        "基础样本{n}组，模型运行{runs}次（Saltelli 设计，Jansen 估计量）。",
                        "First order: the share of variance the parameter explains alone; total effect adds its "
                        "interactions. Parameters taken as independent; base sample {n}, {runs} model runs "
                        "(Saltelli design, Jansen estimator)."),
    "risk_evpi": ("完全信息期望值（EVPI）为{evpi} {cur}：按现有信息应选择“{best}”；若能在决策前消除全部不确定性，"
                  "预期可多得{evpi} {cur}（为期望净现值的{per}）。这是为进一步收集数据所值得付出的上限。",
                  "The expected value of perfect information (EVPI) is {evpi} {cur}: with today's information the "
                  "choice is “{best}”; resolving all uncertainty before deciding would be worth {evpi} {cur} on "
                  "average ({per} of the expected NPV), the most that further data collection is worth."),
    "risk_evppi_caption": ("部分完全信息期望值（EVPPI）：只消除单个参数的不确定性", "EVPPI: resolving one parameter's uncertainty"),
    "col_evppi": ("EVPPI（{cur}）", "EVPPI ({cur})"),
    "risk_evpi_note": ("EVPPI 由回归法估计（Strong、Oakley 和 Brennan，2014），有限抽样下略偏高；EVPI 接近 0 表示不确定性几乎不会改变选择。",
                       "EVPPI by the regression method (Strong, Oakley & Brennan 2014), slightly biased upward "
                       "with finite draws; an EVPI near 0 means the uncertainty would hardly change the choice."),
    "risk_fixed": ("本报告调整或情景设定的参数（{names}）保持固定，不参与抽样。",
                   "Parameters set in this report or by the scenario ({names}) are held fixed."),
    "risk_caption": ("净现值的分布（单位：{cur}）", "Distribution of the NPV ({cur})"),
    "risk_hist": ("净现值抽样分布", "Distribution of NPV over the draws"),
    "stat_mean": ("{t_mean}", "{t_mean}"),
    "stat_p05": ("{t_p05}", "5th percentile"),
    "stat_p50": ("中位数", "Median"),
    "stat_p95": ("{t_p95}", "95th percentile"),
    "stat_loss": ("{t_prob_negative}", "{t_prob_negative}"),
    "stat_bcr_loss": ("效益费用比<1的概率", "P(BCR < 1)"),
    "risk_sentence": ("净现值为负的概率为{p}，90%区间为{lo}至{hi} {cur}。",
                      "The probability that the NPV is negative is {p}; 90% of draws lie between {lo} and {hi} {cur}."),
    "col_statistic": ("统计量", "Statistic"),
    # limitations
    "lim_economic": ("本报告只评价投入经济性；立项必要性、绩效目标、实施方案和筹资合规性不在分析范围内。",
                     "The report covers economy only; need, performance targets, implementation and funding "
                     "compliance are outside its scope."),
    "lim_estimates": ("以下参数的来源为估计或示例假设，而非公布或实测数据：{names}。",
                      "These parameters rest on estimates or illustrative assumptions, not published or "
                      "measured data: {names}."),
    "lim_nosource": ("以下参数未注明来源：{names}。", "These parameters give no source: {names}."),
    "lim_independent": ("风险分析假定各参数相互独立；若参数相关（如单价与运维费），概率可能被低估或高估。",
                        "The risk analysis treats parameters as independent; correlated parameters would change "
                        "the probabilities."),
    "lim_correlated": ("风险分析只施加模型设定的参数相关性，其余参数视为相互独立；Sobol 指数按相互独立计算。",
                       "The risk analysis imposes only the correlations the model sets and treats the other "
                       "parameters as independent; the Sobol indices assume independence."),
    "lim_norisk": ("模型未给出参数的概率分布，未做概率风险分析。",
                   "No parameter has a distribution, so there is no probabilistic risk analysis."),
    "lim_price": ("金额以{year}年价格计（实际价格），未单独考虑通货膨胀。",
                  "Amounts are in {year} prices (real terms); inflation is not modelled separately."),
    "lim_unvalued": ("未能货币化的效益和成本（如群众满意度、安全等难以货币化的效益）未计入净现值。",
                     "Benefits and costs that could not be valued in money (such as public satisfaction or "
                     "safety) are not in the NPV."),
    "lim_notes": ("计算说明：{note}", "Calculation note: {note}"),
    # appendix
    "prov_intro": ("以下信息用于复现本报告：用同一模型文件、模板和参数重新运行，所有数字应完全一致。"
                   "复现命令：{cmd}",
                   "Everything needed to reproduce this report: the same model file, template and parameters "
                   "give the same numbers. To check: {cmd}"),
    "prov_model": ("模型文件", "Model file"),
    "prov_model_sha": ("模型文件 SHA-256", "Model file SHA-256"),
    "prov_template": ("报告模板", "Template"),
    "prov_template_sha": ("报告模板 SHA-256", "Template SHA-256"),
    "prov_params": ("参数", "Parameters"),
    "prov_seed": ("随机种子", "Seed"),
    "prov_versions": ("软件版本", "Software versions"),
    "prov_time": ("生成时间", "Generated at"),
    "prov_interactive": ("（交互运行，未记录模板）", "(interactive run: template not recorded)"),
}

_NUMERALS = "一二三四五六七八九十"


class _Terms(dict):
    """Format arguments with glossary terms on demand: ``{t_switching_value}`` is
    ``label("switching_value", lang)``, so the report and the command line share one vocabulary."""

    def __init__(self, lang: str, kw: dict):
        super().__init__(kw)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        if key.startswith("t_") and key[2:] in GLOSSARY:
            return label(key[2:], self.lang)
        raise KeyError(key)


def scenario_label(name: str | None, lang: str = "zh", model=None) -> str:
    """Display name of a scenario (``None`` or ``"base"`` is the base case).

    The model's own label wins (``scenarios: {pessimistic: {label: 悲观情景, ...}}``); without one,
    the common keys base/pessimistic/optimistic take the glossary's name and any other key is
    shown as written.

    >>> scenario_label("pessimistic"), scenario_label(None), scenario_label("rush_hour")
    ('悲观情景', '基准情景', 'rush_hour')
    """
    check_lang(lang)
    if name is None:
        name = "base"
    if model is not None:
        return model.scenario_label(name, lang)
    if name == "base":
        return label("base_case", lang)
    key = f"scenario.{name}"
    return label(key, lang) if key in GLOSSARY else name


def tr(key: str, lang: str = "zh", **kw) -> str:
    """The text of ``key`` in ``lang``, formatted with ``kw`` (``{t_<term>}``: a glossary term)."""
    text = _T[key][0 if check_lang(lang) == "zh" else 1]
    return text.format_map(_Terms(lang, kw)) if "{" in text else text


def section_number(n: int, lang: str = "zh") -> str:
    """Section prefix: ``三、`` in Chinese, ``3. `` in English."""
    if check_lang(lang) == "en":
        return f"{n}. "
    if n <= 10:
        word = _NUMERALS[n - 1]
    elif n < 20:
        word = "十" + _NUMERALS[n - 11]
    else:
        word = str(n)
    return word + "、"
