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
    "report.decision.chosen": ("（在{n}个备选方案中{inc}净现值最高）", " (the highest {inc}NPV of {n} alternatives)"),
    "report.decision.chosen_inc": ("增量", "incremental "),
    "report.decision.payback_years": ("{x}年", "{x} years"),
    "report.decision.risk": ("在{n}次参数抽样中，净现值为负的概率为**{p}**。",
                             " Over {n} parameter draws the probability of a negative NPV is **{p}**."),
    "report.decision.no_risk": ("未做概率风险分析，结论仅依据{scenario}。",
                                " No probabilistic risk analysis was run: the conclusion rests on {scenario} alone."),
    "report.decision.closest": ("各参数中离临界点最近的是“{name}”：须由基准值{base}{move}{switch}{unit}（变化{change}），"
                                "净现值才{to_zero}。",
                                " Of all parameters, {name} is closest to its switching value: the NPV {to_zero} only "
                                "when it {move} from {base} to {switch}{unit} ({change})."),
    "report.decision.move_up": ("升至", "rises"),
    "report.decision.move_down": ("降至", "falls"),
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
    "report.decision.end_fragile": ("基准情形下经济可行，但“{name}”的合理区间（{lo}–{hi}{unit}）包含其临界点{sw}{unit}，"
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
                                     " ≤ {max_loss}，临界点落在其合理区间内的参数不超过{max_in_range}个，且敏感因素不超过有取值区间"
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
    "report.decision.mean_max_in_range": ("予以支持允许临界点落在合理区间内的参数个数（cba 默认值，非官方规定）",
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
    "report.decision.v_in_range": ("临界点落在合理区间内的参数", "inputs with switching value in range"),
    "report.decision.v_critical": ("敏感因素占比", "share of critical inputs"),
    # running the template
    "report.cell_failed": ("报告的“{section}”部分（模板单元格 {cell}）未能完成：{why}",
                           "the report's {section} section (template cell {cell}) failed: {why}"),
    "report.template_cell_failed": ("报告的{cell}运行出错：{why}", "the report's {cell} failed: {why}"),
    "report.kernel_check_failed": ("报告内核的版本检查未能完成：{why}", "the report kernel's version check failed: {why}"),
    "report.model_failed": ("模型无法评估：{why}", "the model cannot be evaluated: {why}"),
    "report.model_input": ("模型或参数有误：{why}", "bad model or parameter: {why}"),
    "report.failed_record": ("{text}；原有文件均未被替换；详情见 {path}", "{text}; nothing was replaced; details in {path}"),
    "report.unknown_cell": ("未知单元格", "an unknown cell"),
    "report.check_cell": ("内核版本检查单元格", "the kernel check cell"),
    "report.timeout": ("报告未能在 {timeout} 秒内完成（{elapsed} 秒后仍在运行{where}）；已终止其内核（进程号 {pid}）",
                       "the report did not finish within {timeout} s (still running {where} after {elapsed} s); "
                       "its kernel (pid {pid}) was killed"),
    "report.kernel_died": ("运行{where}时报告内核意外退出", "the kernel died while running {where}"),
    "report.warm_failed": ("报告内核启动后预热失败：{why}", "the report kernel failed to warm up: {why}"),
    "report.run_failed": ("运行报告模板时在{where}出错：{why}", "running the template failed at {where}: {why}"),
    "report.kernel_mismatch": ("报告内核运行的是 {python} 与 {found}，而不是与 {exe} 相同的 cba {expected}；"
                               "报告将与其来源记录不符",
                               "the report kernel runs {python} with {found}, not cba {expected} as {exe} does; "
                               "the report would not match its provenance"),
    "report.unknown_python": ("未知的解释器", "an unknown interpreter"),
    "report.no_cba": ("无法导入的 cba", "no importable cba"),
    "report.convert_failed": ("将报告转换为 {fmt} 时出错：{why}", "converting the report to {fmt} failed: {why}"),
    # templates
    "report.no_template": ("找不到该模板", "no such template"),
    "report.template_not_file": ("不是文件", "not a file"),
    "report.template_unreadable": ("不是可读取的笔记本文件：{why}", "not a readable notebook: {why}"),
    "report.no_parameters_cell": ("模板中没有标记为 'parameters' 的单元格；请给存放默认值的单元格加上该标签"
                                  "（Jupyter 中：View > Cell toolbar > Tags）",
                                  "the template has no cell tagged 'parameters'; tag the cell that holds the "
                                  "default values (View > Cell toolbar > Tags in Jupyter)"),
    "report.default_template_missing": ("本次安装的 cba 缺少默认报告模板；请重新安装 cba，或传入 template=",
                                        "the default template is missing from this cba installation; reinstall "
                                        "cba or pass template="),
    "report.no_model_path": ("模板的参数单元格必须声明 model_path（报告所评估的模型文件）",
                             "the template's parameters cell must declare model_path (the model file the "
                             "report is about)"),
    # parameters
    "report.control_char": ("文本在第 {pos} 个字符处含有控制字符 {ch}；只允许换行（\\n、\\r）和制表符",
                            "text contains the control character {ch} at position {pos}; only newlines "
                            "(\\n, \\r) and tabs are allowed"),
    "report.finite": ("应为有限的数，实际为 {got}", "expected a finite number, got {got}"),
    "report.dict_keys": ("字典的键必须是文本，实际为 {got}", "dict keys must be strings, got {got}"),
    "report.json_value": ("应为 JSON 值（null、true/false、数字、文本、列表或以文本为键的字典），实际为 {got}",
                          "expected a JSON value (null, true/false, number, string, list, dict with string "
                          "keys), got {got}"),
    "report.not_identifier": ("{name} 不是参数名（应为 Python 标识符）",
                              "{name} is not a parameter name (expected a Python identifier)"),
    "report.reserved": ("'{name}' 由报告程序自行设置；请使用对应的选项（模型文件、--lang）",
                        "'{name}' is set by the report runner itself; use its own option (the model file, --lang)"),
    "report.params_dict": ("应为“名称：取值”形式的字典，实际为 {got}", "expected a dict of name: value, got {got}"),
    "report.param_type": ("应为{type}（声明的默认值为 {default}），实际为 {got}",
                          "expected {type} (declared default {default}), got {got}"),
    "report.param_json": ("应为以 JSON 书写的{type}（声明的默认值为 {default}），实际为 {got}",
                          "expected {type} written as JSON (declared default {default}), got {got}"),
    "report.type.int": ("整数", "int"),
    "report.type.float": ("数", "float"),
    "report.type.str": ("文本", "str"),
    "report.type.bool": ("true 或 false", "bool"),
    "report.type.list": ("列表", "list"),
    "report.type.dict": ("字典", "dict"),
    "report.typed_value": ("{type} {value}", "{type} {value}"),
    "report.name_value": ("应为 名称=取值，实际为 {got}", "expected name=value, got {got}"),
    "report.not_assignment": ("有一个取值无法转换为简单的赋值语句", "a value did not translate into a plain assignment"),
    "report.not_literal": ("该取值无法原样写入模板", "the value does not come through intact as a literal"),
    "report.no_overrides_param": ("此模板没有声明 'overrides' 参数，无法接受 --set",
                                  "this template declares no 'overrides' parameter to take --set"),
    "report.overrides_dict": ("应为“参数：取值”形式的字典，实际为 {got}", "expected a dict of parameter: value, got {got}"),
    "report.whole_number": ("应为不小于 0 的整数，实际为 {got}", "expected a whole number >= 0, got {got}"),
    "report.one_value": ("报告中每个参数只取一个值，而不是数组", "a report takes one value per parameter, not an array"),
    "report.format": ("未知格式 {got}；应为 {allowed} 中的一个或几个", "unknown format {got}; expected some of {allowed}"),
    "report.timeout_value": ("应为大于 0 的秒数（或 None），实际为 {got}", "expected a number of seconds > 0 (or None), got {got}"),
    "report.file_stem": ("应为不含路径的文件名主干，实际为 {got}", "expected a plain file stem, got {got}"),
    # provenance and reproduce
    "report.no_file": ("找不到该文件", "no such file"),
    "report.not_json": ("不是有效的 JSON：{why}", "not valid JSON: {why}"),
    "report.not_provenance": ("不是 cba 报告的来源记录文件（应为 schema {schema}）",
                              "not a cba report provenance file (expected schema {schema})"),
    "report.missing_key": ("缺少 '{name}'", "missing '{name}'"),
    "report.unknown_packaged": ("未知的内置文件 {path}（本版 cba 内置的是 {shipped}）",
                                "unknown packaged file {path} (this cba ships {shipped})"),
    "report.file_gone": ("{what}文件已不在原处（查找了：{looked}；路径相对于来源记录文件）",
                         "the {what} file is not there any more (looked for {looked}; paths are relative to "
                         "the provenance file)"),
    "report.nothing_recorded": ("未记录任何路径", "nothing recorded"),
    "report.file_changed": ("{what} {path} 在生成报告后已被修改（SHA-256 {now}...，记录为 {recorded}...）",
                            "the {what} {path} has changed since the report was made (SHA-256 {now}..., "
                            "recorded {recorded}...)"),
    "report.what_model": ("模型", "model"),
    "report.what_model_file": ("模型文件", "model file"),
    "report.what_template": ("模板", "template"),
    "report.reproduced": ("已复现：全部 {n} 个数值一致（{path}）", "reproduced: all {n} numbers match ({path})"),
    "report.not_reproduced": ("未能复现：{n} 个数值中有 {bad} 个不同（{path}）",
                              "NOT reproduced: {bad} of {n} numbers differ ({path})"),
    "report.more": ("……另有 {n} 处", "... and {n} more"),
    "report.note": ("注意：{text}", "note: {text}"),
    "report.recorded_missing": ("{name}：记录为 {recorded}，本次缺失", "{name}: recorded {recorded}, missing now"),
    "report.not_recorded": ("{name}：未记录，本次为 {now}", "{name}: not recorded, now {now}"),
    "report.differs": ("{name}：记录为 {recorded}，本次为 {now}", "{name}: recorded {recorded}, now {now}"),
}

#: sections of the shipped template, by cell id: (Chinese, English)
SECTIONS: dict[str, tuple[str, str]] = {
    "setup": ("读取并评估模型", "setup (reading and appraising the model)"),
    "conclusion": ("结论", "conclusion"),
    "project": ("项目概况", "project"),
    "inputs": ("参数与假设", "inputs"),
    "cash-flows": ("现金流量", "cash flows"),
    "metrics": ("评价指标", "metrics"),
    "breakeven": ("盈亏平衡分析", "break-even"),
    "sensitivity": ("敏感性分析", "sensitivity"),
    "spider": ("蜘蛛图", "spider plot"),
    "frontier": ("盈亏平衡线", "break-even frontier"),
    "risk": ("风险分析", "risk"),
    "limitations": ("局限性", "limitations"),
    "appendix": ("附录", "appendix"),
}
