"""Sentences of cba.review.monitor, cba.review.portfolio and ``cba monitor`` (see
:mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- input errors ----------------------------------------------------------------------------
    "review.monitor.share": ("应为 0 至 1 之间的比例，实际为 {got}", "expected a share from 0 to 1, got {got}"),
    "review.monitor.grade": ("等级应为 优、良、中 或 差，实际为 {got}", "a grade must be 优, 良, 中 or 差, got {got}"),
    "review.monitor.rule_key": ("预算规则中没有 {got} 项；可用的项：{known}",
                                "the budget rule has no field {got}; known fields: {known}"),
    "review.monitor.rule_kind": ("预算规则应为 BudgetRule 或字典，实际为 {got}",
                                 "the budget rule must be a BudgetRule or a mapping, got {got}"),
    "review.monitor.table_kind": ("监控表应为 CSV/Excel 文件路径或 DataFrame，实际为 {got}",
                                  "the monitoring table must be a CSV/Excel path or a DataFrame, got {got}"),
    "review.monitor.duplicate": ("项目 {project} 的期间 {period} 重复（首次出现在第 {first} 行）",
                                 "project {project} has period {period} twice (first in row {first})"),
    "review.monitor.negative": ("金额和产出不能为负数，实际为 {got}", "amounts and outputs cannot be negative, got {got}"),
    "review.monitor.bad_report": ("自评结果应为 met（达标）、exceeded（超额完成）或 not_met（未达标），实际为 {got}",
                                  "the self-report must be met, exceeded or not_met (达标 / 超额完成 / 未达标), "
                                  "got {got}"),
    "review.monitor.grade_changes": ("项目 {project} 的等级前后不一：先为 {first}，此处为 {got}",
                                     "project {project} has two grades: {first} earlier, {got} here"),
    "review.monitor.no_plan": ("项目 {project} 的计划支出合计为 0，无法计算执行率",
                               "project {project} has no planned spending in total: no disbursement rate"),
    "review.monitor.no_project": ("没有项目 {got}", "no project {got}"),
    # --- result texts ---------------------------------------------------------------------------
    "review.monitor.title": ("绩效运行监控：{n} 个项目，{warned} 个有预警（进度落后超过 {behind} 预警；"
                             "支出执行率低于 {idle} 视为资金闲置）",
                             "Performance monitoring: {n} projects, {warned} with warnings (warned when more "
                             "than {behind} behind plan; funds idle when disbursement is below {idle})"),
    "review.monitor.line": ("- {project}：支出执行率 {spend}，产出完成率 {output}；{warnings}",
                            "- {project}: disbursement {spend}, output {output}; {warnings}"),
    "review.monitor.crosscheck": ("自评交叉核验：{reported} 的项目自评达标或超额完成，而计划资金的 {idle} 尚未支出",
                                  "Cross-check of self-reports: {reported} of projects self-report the target met "
                                  "or exceeded, while {idle} of planned funds is unspent"),
    "review.monitor.portfolio_contradiction": ("预警（自评与支出数据矛盾）：自评达标或超额完成的项目，计划资金仍有 {idle} 未支出，"
                                               "超过 {behind}；自评结果需以支出数据核验",
                                               "Warning (self-reports contradict the spending data): the projects "
                                               "self-reporting met or exceeded left {idle} of their planned funds "
                                               "unspent, more than {behind}; check the self-reports against spending"),
    "review.monitor.actions_head": ("预算调整建议：", "Budget actions:"),
    "review.monitor.cut_line": ("- 削减 {project}：{change}（{reason}）", "- cut {project}: {change} ({reason})"),
    "review.monitor.increase_line": ("- 增加 {project}：{change}（{reason}）",
                                     "- increase {project}: {change} ({reason})"),
    "review.monitor.keep_line": ("- {n} 个项目维持原预算", "- keep the budgets of {n} projects"),
    "review.monitor.rule_head": ("规则：{rule}", "Rule: {rule}"),
    "review.monitor.rule_text": ("等级为 {cut_grades}，或产出落后且资金闲置的项目削减计划预算的 {cut}；"
                                 "等级为 {increase_grades}、支出执行率不低于 {full} 且产出未落后的项目增加 {increase}；"
                                 "其余维持",
                                 "cut {cut} of the planned budget when the grade is {cut_grades}, or when output "
                                 "is behind and funds are idle; increase by {increase} when the grade is "
                                 "{increase_grades}, disbursement is at least {full} and output is not behind; "
                                 "keep otherwise"),
    "review.monitor.note_rule": ("注：以上预算规则为 cba 的默认规则（削减 50% 参照辽宁对未达绩效目标项目预算削减一半的做法；"
                                 "预警阈值 20% 参照辽宁“进度落后超过 20% 自动预警”），并非官方规定，可通过 rule= 调整",
                                 "Note: the budget rule is cba's default (the 50% cut follows Liaoning's halving "
                                 "of the budget of a project that missed its target; the 20% threshold follows "
                                 "Liaoning's automatic warning when more than 20% behind schedule), not an "
                                 "official rule; change it with rule="),
    "review.monitor.why_cut_grade": ("绩效等级为{grade}，削减 {share}", "grade {grade}: cut {share}"),
    "review.monitor.why_cut_idle": ("产出完成率 {output}，未达目标，且支出执行率仅 {spend}，资金闲置；削减 {share}",
                                    "output {output} of target (missed) and disbursement only {spend} (funds idle): "
                                    "cut {share}"),
    "review.monitor.why_increase": ("绩效等级为{grade}，支出执行率 {spend}；增加 {share}",
                                    "grade {grade} and disbursement {spend}: increase by {share}"),
    "review.monitor.why_keep": ("不触发削减或增加条件", "neither the cut nor the increase condition holds"),
    "review.monitor.warn.spend_behind": ("支出进度落后超过阈值", "spending behind plan by more than the threshold"),
    "review.monitor.warn.output_behind": ("产出进度落后超过阈值", "output behind plan by more than the threshold"),
    "review.monitor.warn.idle_funds": ("资金闲置", "idle funds"),
    "review.monitor.warn.report_contradicts_idle": ("自评达标但资金闲置（自评与支出数据矛盾）",
                                                    "self-reported met but funds idle (the self-report "
                                                    "contradicts the spending data)"),
    "review.monitor.warn.report_contradicts_output": ("自评达标但实际产出落后（自评与产出数据矛盾）",
                                                      "self-reported met but measured output behind (the "
                                                      "self-report contradicts the output data)"),
    "review.monitor.report.met": ("达标", "met"),
    "review.monitor.report.exceeded": ("超额完成", "exceeded"),
    "review.monitor.report.not_met": ("未达标", "not met"),
    "review.monitor.action.cut": ("削减", "cut"),
    "review.monitor.action.keep": ("维持", "keep"),
    "review.monitor.action.increase": ("增加", "increase"),
    "review.monitor.col.project": ("项目", "project"),
    "review.monitor.col.period": ("截至期间", "to period"),
    "review.monitor.col.planned_spend": ("计划支出", "planned spending"),
    "review.monitor.col.actual_spend": ("实际支出", "actual spending"),
    "review.monitor.col.spend_rate": ("支出执行率", "disbursement"),
    "review.monitor.col.planned_output": ("计划产出", "planned output"),
    "review.monitor.col.actual_output": ("实际产出", "actual output"),
    "review.monitor.col.output_rate": ("产出完成率", "output rate"),
    "review.monitor.col.self_reported": ("自评结果", "self-report"),
    "review.monitor.col.grade": ("绩效等级", "grade"),
    "review.monitor.col.warnings": ("预警", "warnings"),
    "review.monitor.col.action": ("预算建议", "budget action"),
    "review.monitor.col.change": ("预算调整额", "budget change"),
    # --- portfolio --------------------------------------------------------------------------------
    "review.portfolio.kind": ("应为项目评分表（DataFrame 或 CSV/Excel 路径）或评审结果列表，实际为 {got}",
                              "expected a table of project scores (a DataFrame or a CSV/Excel path) or a list "
                              "of reviews, got {got}"),
    "review.portfolio.no_dimensions": ("评分表中没有维度得分列（除 project、name、total、grade、bcr、budget 之外的数值列）",
                                       "the table has no dimension scores (numeric columns other than project, "
                                       "name, total, grade, bcr, budget)"),
    "review.portfolio.duplicate": ("项目 {project} 出现两次", "project {project} appears twice"),
    "review.portfolio.no_budget": ("评分表中没有 budget（预算）列，无法计算调整金额",
                                   "the table has no budget column: no amounts to reallocate"),
    "review.portfolio.grade_rule": ("注：未给出等级的项目按总分划分（优 ≥ 90，良 ≥ 80，中 ≥ 60，其余为差）",
                                    "Note: grades not given are set from the total (优 >= 90, 良 >= 80, 中 >= 60, "
                                    "差 below)"),
    "review.portfolio.title": ("项目组合：{n} 个项目，按总分排序（同分按效益费用比）",
                               "Portfolio: {n} projects, ranked by total score (ties by benefit-cost ratio)"),
    "review.portfolio.counts": ("等级分布：{counts}", "Grades: {counts}"),
    "review.portfolio.rank_line": ("{rank}. {project}：{total} 分，{grade}，效益费用比 {bcr}",
                                   "{rank}. {project}: {total} points, {grade}, BCR {bcr}"),
    "review.portfolio.heat_title": ("各维度得分热力图", "Dimension scores by project"),
    "review.portfolio.heat_x": ("项目（按总分排序）", "project (ranked by total score)"),
    "review.portfolio.heat_y": ("维度", "dimension"),
    "review.portfolio.heat_bar": ("得分", "score"),
    "review.portfolio.realloc_title": ("预算调整建议：", "Budget reallocation:"),
    "review.portfolio.realloc_cut": ("- {project}（{grade}，{total} 分）：调减 {amount} {unit}（预算的 {share}）",
                                     "- {project} ({grade}, {total} points): minus {amount} {unit} ({share} of "
                                     "its budget)"),
    "review.portfolio.realloc_gain": ("- {project}（{grade}，{total} 分）：调增 {amount} {unit}",
                                      "- {project} ({grade}, {total} points): plus {amount} {unit}"),
    "review.portfolio.realloc_total": ("调减合计 {amount} {unit}，全部调增给等级为优的项目，合计为零",
                                       "{amount} {unit} taken in all, all given to the projects graded 优: the "
                                       "changes sum to zero"),
    "review.portfolio.realloc_none": ("没有等级为差或中的项目，无需调整", "no project is graded 差 or 中: nothing to move"),
    "review.portfolio.realloc_no_gainer": ("没有等级为优的项目，调减的 {amount} {unit} 不作分配，交预算部门统筹",
                                           "no project is graded 优: the {amount} {unit} taken is not reallocated "
                                           "but left to the budget office"),
    "review.portfolio.realloc_rule": ("规则（cba 默认规则，非官方规定）：等级为差的项目调减预算的 {poor}，等级为中的调减 "
                                      "{fair}；调减额按预算比例分配给等级为优的项目；金额保留两位小数，尾差计入预算最大的优等项目",
                                      "Rule (cba's default, not an official rule): projects graded 差 lose {poor} of "
                                      "their budget, those graded 中 lose {fair}; the sum goes to the projects graded "
                                      "优 in proportion to their budgets; amounts to two decimals, the rounding "
                                      "remainder to the largest 优 budget"),
    "review.portfolio.col.rank": ("排名", "rank"),
    "review.portfolio.col.project": ("项目", "project"),
    "review.portfolio.col.name": ("名称", "name"),
    "review.portfolio.col.total": ("总分", "total"),
    "review.portfolio.col.grade": ("等级", "grade"),
    "review.portfolio.col.bcr": ("效益费用比", "BCR"),
    "review.portfolio.col.budget": ("预算", "budget"),
    "review.portfolio.col.change": ("预算调整", "budget change"),
    "review.portfolio.dim.necessity": ("立项必要性", "necessity"),
    "review.portfolio.dim.economy": ("投入经济性", "economy"),
    "review.portfolio.dim.goals": ("绩效目标合理性", "soundness of targets"),
    "review.portfolio.dim.feasibility": ("实施方案可行性", "feasibility of the plan"),
    "review.portfolio.dim.financing": ("筹资合规性", "compliance of financing"),
    # --- cba monitor ------------------------------------------------------------------------------
    "review.monitor.cli.written": ("已写入：{files}", "written: {files}"),
}
