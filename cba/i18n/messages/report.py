"""Sentences of cba.report (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the decision rule of the economic conclusion (cba.model.decision, cba.report.conclusion) --------
    "report.decision.prob": ("应为 0 到 1 之间的小数（10% 写作 0.10），实际为 {got}",
                             "expected a fraction between 0 and 1 (10% is 0.10), got {got}"),
    "report.decision.ratio": ("应为不小于 0 的效益费用比，实际为 {got}",
                              "expected a benefit-cost ratio of 0 or more, got {got}"),
    "report.decision.count": ("应为不小于 0 的整数，实际为 {got}", "expected a whole number of 0 or more, got {got}"),
    "report.decision.order": ("{low}（{lo}）不得大于 {high}（{hi}）；请同时调整 {high}",
                              "{low} ({lo}) must not exceed {high} ({hi}); set {high} as well"),
    "report.decision.not_mapping": ("应为阈值名称到取值的字典，如 {{\"max_loss_probability\": 0.05}}，实际为 {got}",
                                    "expected a dict of threshold: value, such as {{\"max_loss_probability\": 0.05}}, "
                                    "got {got}"),
    # the opening sentence
    "report.decision.in_scenario": ("在{scenario}下，", "under {scenario}, "),
    "report.decision.base_case": ("基准情形", "the base case"),
    "report.decision.scenario_named": ("“{name}”", "scenario {name}"),
    "report.decision.headline": ("{scen}按{rate}折现率计算，{who}方案{chosen}{vs}净现值为**{npv} {cur}**，效益费用比{bcr}，"
                                 "内部收益率{irr}，投资回收期{payback}。",
                                 "{scen}at a discount rate of {rate}, {who}{chosen} has an NPV{vs} of **{npv} {cur}**, "
                                 "a benefit-cost ratio of {bcr}, an IRR of {irr} and a payback of {payback}."),
    "report.decision.vs": ("相对{baseline}的增量", " against {baseline}"),
    "report.decision.chosen": ("（在{n}个备选方案中{inc}净现值最高）", " (the highest NPV of {n} alternatives)"),
    "report.decision.chosen_inc": ("增量", ""),
    "report.decision.payback_years": ("{x}年", "{x} years"),
    "report.decision.risk": ("在{n}次参数抽样中，净现值为负的概率为**{p}**。",
                             " Over {n} parameter draws the probability of a negative NPV is **{p}**."),
    "report.decision.no_risk": ("未做概率风险分析，结论仅依据{scenario}。",
                                " No probabilistic risk analysis was run: the conclusion rests on {scenario} alone."),
    "report.decision.closest": ("各参数中离转换值最近的是“{name}”：须由基准值{base}{move}{switch}{unit}（变化{change}），"
                                "净现值才{to_zero}。",
                                " Of all parameters, {name} is closest to its switching value: the NPV {to_zero} only "
                                "when it moves from {base} to {switch}{unit} ({change})."),
    "report.decision.move_up": ("升至", ""),
    "report.decision.move_down": ("降至", ""),
    "report.decision.falls": ("降为零", "falls to zero"),
    "report.decision.rises": ("升至零", "rises to zero"),
    "report.decision.runner_up": ("次优方案“{name}”的净现值为{npv} {cur}，与所选方案相差不足{margin}，两者经济性相近，"
                                  "选择时应一并考虑其他因素。",
                                  " The runner-up, {name}, has an NPV of {npv} {cur}, within {margin} of the chosen "
                                  "option: the two are close and other considerations should weigh in the choice."),
    # the closing sentence: why, then the verdict as an evaluator writes it
    "report.decision.end_support": ("项目在经济上可行，且满足判定规则的全部条件，建议**予以支持**。",
                                    " The project is economical and meets every condition of the rule: **support**."),
    "report.decision.end_risky": ("基准情形下经济可行，但净现值为负的概率（{p}）高于可接受上限{limit}。结论为**调整后支持**："
                                  "建议通过分期实施、压缩规模或约定价格上限等方式降低亏损风险。",
                                  " It is economical in the base case, but the probability of a negative NPV ({p}) "
                                  "exceeds the acceptable {limit}. **Support after adjustment**: phase it, reduce its "
                                  "scope or cap the price to lower the risk of a loss."),
    "report.decision.end_fragile": ("基准情形下经济可行，但“{name}”的合理区间（{lo}–{hi}{unit}）包含其转换值{sw}{unit}，"
                                    "即该参数取合理值时净现值可能为负。结论为**调整后支持**：建议锁定该参数（如约定价格）"
                                    "或分期实施。",
                                    " It is economical in the base case, but the plausible range of {name} ({lo}-{hi} "
                                    "{unit}) includes its switching value {sw} {unit}, so the NPV may turn negative at a "
                                    "plausible value. **Support after adjustment**: secure that input (e.g. by a price "
                                    "agreement) or phase the project."),
    "report.decision.end_critical": ("基准情形下经济可行，但{n}个有取值区间的参数中有{k}个为敏感因素（{share}，"
                                     "上限{limit}），结论取决于多个参数的取值。结论为**调整后支持**：建议核实这些参数的"
                                     "取值依据，并对其做概率风险分析后再定。",
                                     " It is economical in the base case, but {k} of its {n} inputs with a range are "
                                     "critical ({share}, at most {limit} allowed), so the conclusion rests on many "
                                     "inputs. **Support after adjustment**: check the basis of those values and run "
                                     "a probabilistic risk analysis on them before deciding."),
    "report.decision.end_near": ("{why}，接近盈亏平衡。结论为**调整后支持**：建议压缩成本或调整实施范围，使效益费用比不低于"
                                 "{min_bcr}。",
                                 " {why}, close to break-even. **Support after adjustment**: reduce its costs or "
                                 "change its scope until the benefit-cost ratio reaches {min_bcr}."),
    "report.decision.why_npv": ("净现值不为正，但效益费用比{bcr}不低于{adjust}",
                                "The NPV is not positive, but the benefit-cost ratio of {bcr} is at least {adjust}"),
    "report.decision.why_bcr": ("效益费用比{bcr}低于{min_bcr}，但不低于{adjust}",
                                "The benefit-cost ratio of {bcr} is below {min_bcr} but at least {adjust}"),
    "report.decision.end_negative": ("净现值不为正，且效益费用比{bcr}低于{adjust}，项目在经济上不可行，建议**不予支持**。",
                                     " The NPV is not positive and the benefit-cost ratio of {bcr} is below {adjust}: "
                                     "the project is not economical. **Do not support**."),
    "report.decision.end_negative_bcr": ("效益费用比{bcr}低于{adjust}，项目在经济上不可行，建议**不予支持**。",
                                         " The benefit-cost ratio of {bcr} is below {adjust}: the project is not "
                                         "economical. **Do not support**."),
    "report.decision.end_loss": ("净现值为负的概率高于{limit}，亏损的可能性大于盈利，项目在经济上不可行，建议**不予支持**。",
                                 " That probability is above {limit}: a loss is more likely than not, so the project "
                                 "is not economical. **Do not support**."),
    # the rule as printed in the report
    "report.decision.rule_title": ("判定规则的阈值（可在模型文件的 decision 部分或用报告参数 -p decision='{example}' 修改）",
                                   "Thresholds of the decision rule (set them in the model file's decision section "
                                   "or with the report parameter -p decision='{example}')"),
    "report.decision.rule_support": ("予以支持：净现值（有基准方案时为增量净现值）> 0，效益费用比 ≥ {min_bcr}，净现值为负的概率"
                                     " ≤ {max_loss}，转换值落在其合理区间内的参数不超过{max_in_range}个，且敏感因素不超过有取值区间"
                                     "参数的{max_critical}；",
                                     "Support: the NPV (incremental, when there is a baseline) > 0, the benefit-cost "
                                     "ratio ≥ {min_bcr}, P(NPV < 0) ≤ {max_loss}, at most {max_in_range} inputs with "
                                     "their switching value inside their plausible range, and at most {max_critical} of "
                                     "the inputs with a range critical;"),
    "report.decision.rule_adjust": ("调整后支持：净现值 > 0 且效益费用比 ≥ {min_bcr}，但未满足予以支持的其他条件；或净现值 ≤ 0"
                                    "（或效益费用比 < {min_bcr}），但效益费用比 ≥ {adjust}；",
                                    "Support after adjustment: the NPV > 0 and the benefit-cost ratio ≥ {min_bcr} but "
                                    "another condition of support fails; or the NPV ≤ 0 (or the benefit-cost ratio < "
                                    "{min_bcr}) but the benefit-cost ratio ≥ {adjust};"),
    "report.decision.rule_reject": ("不予支持：净现值为负的概率 > {reject_loss}，或效益费用比 < {adjust}（净现值 ≤ 0 时）。",
                                    "Do not support: P(NPV < 0) > {reject_loss}, or the benefit-cost ratio < {adjust} "
                                    "(when the NPV ≤ 0)."),
    "report.decision.rule_runner_up": ("各方案独立比较且所选方案与次优方案净现值相差不足{margin}时，结论一并列出次优方案。",
                                       "When options stand alone and the chosen one's NPV is within {margin} of the "
                                       "runner-up's, the conclusion names the runner-up."),
    "report.decision.col_threshold": ("阈值", "Threshold"),
    "report.decision.col_value": ("取值", "Value"),
    "report.decision.col_source": ("来源", "Source"),
    "report.decision.col_meaning": ("含义", "Meaning"),
    "report.decision.src_default": ("cba 默认值", "cba default"),
    "report.decision.src_model": ("模型文件", "model file"),
    "report.decision.src_report": ("本报告设定", "set for this report"),
    "report.decision.mean_min_bcr": ("予以支持所需的最低效益费用比（净现值 ≥ 0 即效益费用比 ≥ 1：《建设项目经济评价方法与参数》"
                                     "第三版的经济可行判据）",
                                     "lowest benefit-cost ratio for support (NPV ≥ 0, i.e. BCR ≥ 1, is the economic "
                                     "criterion of 《建设项目经济评价方法与参数》, 3rd ed., and the Green Book)"),
    "report.decision.mean_max_loss_probability": ("予以支持可接受的最高亏损概率（cba 默认值，非官方规定）",
                                                  "highest P(NPV < 0) for support (cba's default, not an official rule)"),
    "report.decision.mean_reject_loss_probability": ("亏损概率高于此值即不予支持（cba 默认值，非官方规定：亏损的可能性大于盈利）",
                                                     "above this P(NPV < 0), do not support (cba's default, not an "
                                                     "official rule: a loss more likely than not)"),
    "report.decision.mean_adjust_min_bcr": ("经济上不可行时，效益费用比不低于此值为调整后支持（cba 默认值，非官方规定：成本降低"
                                            "约10%即可盈亏平衡）",
                                            "when not economical, a benefit-cost ratio at least this is support after "
                                            "adjustment (cba's default, not an official rule: costs about 10% lower "
                                            "would break even)"),
    "report.decision.mean_max_in_range": ("予以支持允许转换值落在合理区间内的参数个数（cba 默认值，非官方规定）",
                                          "inputs allowed to have their switching value inside their plausible range "
                                          "for support (cba's default, not an official rule)"),
    "report.decision.mean_max_critical_share": ("予以支持允许的敏感因素占比（cba 默认值，非官方规定；敏感因素按欧盟《投资项目"
                                                "成本效益分析指南》（2014）判定）",
                                                "largest share of critical inputs for support (cba's default, not an "
                                                "official rule; critical as in the EU Guide to Cost-Benefit Analysis of "
                                                "Investment Projects, 2014)"),
    # the values that decided
    "report.decision.basis": ("本结论的依据：{checks} → {verdict}", "What decided: {checks} → {verdict}"),
    "report.decision.sep": ("；", "; "),
    "report.decision.v_npv": ("净现值", "NPV"),
    "report.decision.v_bcr": ("效益费用比", "BCR"),
    "report.decision.v_prob_loss": ("P(NPV<0)", "P(NPV<0)"),
    "report.decision.v_in_range": ("转换值落在合理区间内的参数", "inputs with switching value in range"),
    "report.decision.v_critical": ("敏感因素占比", "share of critical inputs"),
}
