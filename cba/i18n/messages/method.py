"""Sentences of cba.method's views and benchmarks (see :mod:`cba.i18n.messages`): key -> (Chinese, English).

Other parts of cba.method keep their own catalogues (``method_assets``, ``method_prices``, ...).
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the economic: section and a line's economic: field ---------------------------------
    "method.factor_negative": ("换算系数应为不小于 0 的数，实际为 {got}",
                               "a conversion factor must be a number >= 0, got {got}"),
    "method.factor_reserved": ("'{name}' 是保留的处理方式（transfer：转移支付；external：外部效果），不能作为换算系数名称",
                               "'{name}' is a reserved treatment (transfer: a transfer payment; external: an external "
                               "effect), not the name of a conversion factor"),
    "method.conversion": ("应为换算系数（不小于 0 的数，或 {names} 等名称）、transfer（转移支付）或 external（外部效果），实际为 {got}",
                          "expected a conversion factor (a number >= 0, or a name such as {names}), transfer or "
                          "external, got {got}"),
    "method.unknown_factor": ("未知的换算系数 '{name}'{hint}；已有：{known}（可在 economic.factors 中声明）",
                              "unknown conversion factor '{name}'{hint}; known: {known} (declare it under "
                              "economic.factors)"),
    "method.view": ("应为 financial（财务分析）或 economic（经济分析），实际为 {got}",
                    "expected financial or economic, got {got}"),
    # -- the benchmarks: section -----------------------------------------------------------
    "method.benchmark_entry": ("基准应写为 {{value: 数值, source: 来源}}，实际为 {got}",
                               "a benchmark needs a value and its source: {{value: ..., source: ...}}, got {got}"),
    "method.benchmark_source": ("基准须注明来源（source）：本工具不内置无出处的行业基准收益率",
                                "a benchmark needs its source: cba bundles no sector rate without one"),
    "method.benchmark_irr": ("基准收益率应大于 -1（-100%），实际为 {got}", "a benchmark rate must exceed -1 (-100%), got {got}"),
    "method.benchmark_bcr": ("效益费用比基准应不小于 0，实际为 {got}", "a BCR benchmark must be >= 0, got {got}"),
    # -- view names and metrics ------------------------------------------------------------
    "method.view.financial": ("财务分析", "financial analysis"),
    "method.view.economic": ("经济分析", "economic analysis"),
    "method.view.label": ("分析视角", "View"),
    "method.metric.fnpv": ("财务净现值", "FNPV"),
    "method.metric.firr": ("财务内部收益率", "FIRR"),
    "method.metric.fbcr": ("财务效益费用比", "FBCR"),
    "method.metric.enpv": ("经济净现值", "ENPV"),
    "method.metric.eirr": ("经济内部收益率", "EIRR"),
    "method.metric.ebcr": ("经济效益费用比", "EBCR"),
    "method.metric.fnpv_short": ("FNPV", "FNPV"),
    "method.metric.firr_short": ("FIRR", "FIRR"),
    "method.metric.fbcr_short": ("FBCR", "FBCR"),
    "method.metric.enpv_short": ("ENPV", "ENPV"),
    "method.metric.eirr_short": ("EIRR", "EIRR"),
    "method.metric.ebcr_short": ("EBCR", "EBCR"),
    # -- benchmark sentences ---------------------------------------------------------------
    "method.bm.above": ("高于", "is above"),
    "method.bm.equal": ("等于", "equals"),
    "method.bm.below": ("低于", "is below"),
    "method.bm.rate": ("基准收益率", "the benchmark rate"),
    "method.bm.value": ("基准值", "the benchmark"),
    "method.bm.met": ("达到基准", "benchmark met"),
    "method.bm.not_met": ("未达到基准", "benchmark not met"),
    "method.bm.sentence": ("{metric} {value} {cmp}{what} {bench}（来源：{source}），{verdict}",
                           "{metric} {value} {cmp} {what} {bench} (source: {source}): {verdict}"),
    "method.bm.irr_absent": ("{metric} 不存在（净现金流量不改变符号），不与基准 {bench}（来源：{source}）比较",
                             "{metric} does not exist (the net flow never changes sign), so it is not compared "
                             "with the benchmark {bench} (source: {source})"),
    "method.bm.irr_multiple": ("{metric} 不唯一（有 {n} 个），不与基准 {bench}（来源：{source}）比较；请以净现值判断",
                               "{metric} is not unique ({n} rates), so it is not compared with the benchmark "
                               "{bench} (source: {source}); judge by the NPV",),
    "method.bm.undefined": ("{metric} 无定义（费用现值为 0），不与基准 {bench}（来源：{source}）比较",
                            "{metric} is undefined (the PV of costs is 0), so it is not compared with the "
                            "benchmark {bench} (source: {source})"),
    "method.bm.basis_incremental": ("（{option}相对{baseline}的增量）", " ({option} over {baseline})"),
    # -- comparison, sustainability --------------------------------------------------------
    "method.cmp.title": ("财务分析与经济分析", "Financial and economic analysis"),
    "method.cmp.main": ("本报告的结论采用{view}的结果{how}。", "The conclusion of this report uses the {view}{how}."),
    "method.cmp.main_default": ("（模型文件未声明 economic.main，默认采用经济分析）",
                                " (the model file declares no economic.main; the economic view is the default)"),
    "method.cmp.main_given": ("（模型文件 economic.main 声明）", " (declared by the model file's economic.main)"),
    "method.cmp.rates": ("财务分析折现率：{frate}；经济分析折现率：{erate}。",
                         "Financial discount rate: {frate}; economic discount rate: {erate}."),
    "method.cmp.coincide": ("模型未声明任何经济分析换算（没有 economic: 节，现金流项目也没有 economic: 字段），"
                            "因此财务分析与经济分析结果相同。",
                            "The model declares no conversion to economic values (no economic: section and no "
                            "economic: field on any line), so the financial and the economic view coincide."),
    "method.cmp.col_metric": ("指标", "Metric"),
    "method.cmp.col_financial": ("财务分析", "Financial"),
    "method.cmp.col_economic": ("经济分析", "Economic"),
    "method.cmp.table_caption": ("{who}财务分析与经济分析指标对比（金额单位：{cur}）",
                                 "Financial and economic metrics of {who} (amounts in {cur})"),
    "method.cmp.who_incremental": ("{option}相对{baseline}的增量：", "{option} over {baseline}"),
    "method.cmp.who_alone": ("{option}：", "{option}"),
    "method.cmp.npv_row": ("净现值（FNPV / ENPV）", "NPV (FNPV / ENPV)"),
    "method.cmp.irr_row": ("内部收益率（FIRR / EIRR）", "IRR (FIRR / EIRR)"),
    "method.cmp.bcr_row": ("效益费用比（FBCR / EBCR）", "BCR (FBCR / EBCR)"),
    "method.cmp.external_value": ("1（仅计入经济分析，财务分析中为 0）", "1 (economic view only; 0 in the financial view)"),
    "method.cmp.lines_of": ("{option}：{lines}", "{option}: {lines}"),
    "method.cmp.factors_caption": ("经济分析采用的换算系数", "Conversion factors of the economic view"),
    "method.cmp.col_factor": ("换算系数", "Factor"),
    "method.cmp.col_value": ("取值", "Value"),
    "method.cmp.col_source": ("来源", "Source"),
    "method.cmp.col_lines": ("适用的现金流项目", "Lines"),
    "method.cmp.default_mark": ("（本工具默认值）", " (cba default)"),
    "method.cmp.user_mark": ("（模型声明）", " (declared in the model)"),
    "method.cmp.transfer": ("transfer（转移支付）", "transfer"),
    "method.cmp.external": ("external（外部效果）", "external (external effect)"),
    "method.cmp.transfer_value": ("0（经济分析中剔除）", "0 (removed in the economic view)"),
    "method.cmp.number": ("直接给出的系数", "factor given on the line"),
    "method.cmp.none": ("—", "—"),
    "method.cmp.transfer_source": ("税金、补贴等转移支付不是资源消耗（《建设项目经济评价方法与参数》第三版：经济费用效益分析应识别和调整转移支付）",
                                   "taxes and subsidies are transfers, not resource costs (EU Guide to CBA of "
                                   "Investment Projects 2014, chapter 2, economic analysis; China's guide, 3rd ed.)"),
    "method.cmp.external_source": ("外部效果不进入预算现金，只计入经济分析（《建设项目经济评价方法与参数》第三版：正确识别正面和负面外部效果）",
                                   "external effects are not budget cash; they count in the economic view only "
                                   "(EU Guide to CBA of Investment Projects 2014, chapter 2; China's guide, 3rd ed.)"),
    "method.sus.title": ("财务可持续性（财务分析，不折现）", "Financial sustainability (financial view, undiscounted)"),
    "method.sus.rule": ("检验标准：各年累计净现金流量不小于 0（欧盟《投资项目成本效益分析指南》2014 年版第二章，财务分析：财务可持续性）。",
                        "Test: the cumulative net cash flow is not negative in any year (EU Guide to CBA of "
                        "Investment Projects 2014, chapter 2, financial analysis: financial sustainability)."),
    "method.sus.col_need": ("资金需求（累计现金最低值）", "Funding need (lowest cumulative cash)"),
    "method.sus.col_years": ("累计现金为负的年份", "Years with negative cumulative cash"),
    "method.sus.col_net": ("净现金流量", "Net cash flow"),
    "method.sus.col_cum": ("累计现金", "Cumulative cash"),
    "method.sus.col_passes": ("通过检验", "Passes"),
    "method.sus.no_revenue": ("方案“{option}”在计算期末之前没有声明收入或资金来源（如财政拨款）项目，可持续性检验因此显示其资金需求："
                              "累计现金最低为 {need} {cur}，须由预算安排。",
                              "Option '{option}' declares no revenue or financing line (such as a budget "
                              "appropriation) before the horizon, so the sustainability test shows its funding "
                              "need: the cumulative cash reaches {need} {cur}, to be met from the budget."),
    "method.sus.none": ("无", "none"),
    "method.sus.row": ("{option}：资金需求 {need} {cur}；累计现金为负的年份：{years}",
                       "{option}: funding need {need} {cur}; years with negative cumulative cash: {years}"),
    "method.bm.title": ("与基准比较", "Benchmarks"),
    "method.bm.none_declared": ("模型未声明基准（benchmarks:）。", "The model declares no benchmarks (benchmarks:)."),
}
