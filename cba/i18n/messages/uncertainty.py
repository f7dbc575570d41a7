"""Sentences of cba.uncertainty's simulation (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "uncertainty.metric_not_run": ("本次模拟未计算指标 {metric}（已计算：{run}）；如需内部收益率，请用 irr=True 重新模拟",
                                   "the simulation did not compute {metric} (computed: {run}); "
                                   "simulate again with irr=True for the IRR"),
    "uncertainty.no_draws": ("本次模拟只保留汇总统计（keep=\"summary\"），没有逐次抽样结果",
                             "the simulation kept summaries only (keep=\"summary\"), not the draws"),
    "uncertainty.summary_head": ("蒙特卡洛模拟：{n} 次抽样（{method}，随机种子 {seed}），{k} 个不确定参数；口径：{basis}",
                                 "Monte Carlo simulation: {n} draws ({method}, seed {seed}) of {k} uncertain "
                                 "parameters; basis: {basis}"),
    "uncertainty.not_a_model": ("应为模型（cba.load_model 的结果），实际为 {got}",
                                "expected a model (from cba.load_model), got {got}"),
    "uncertainty.seed": ("随机种子应为非负整数，实际为 {got}", "expected a non-negative whole number as seed, got {got}"),
    "uncertainty.nothing_to_draw": ("没有可抽样的参数：请为至少一个参数设定分布（distribution）",
                                    "no parameter to draw: give at least one parameter a distribution"),
    "uncertainty.no_seed": ("未指定随机种子：结果不可复现", "no seed was given: the results cannot be reproduced"),
    "uncertainty.fixed": ("以下参数固定取给定值，未抽样：{names}", "held at the given values, not drawn: {names}"),
    "uncertainty.summary_quantiles": ("分位数取自 {bins} 个区间的直方图，精度为一个区间宽度（{width}）",
                                      "quantiles are read from a histogram of {bins} bins, exact to one bin "
                                      "width ({width})"),
    "uncertainty.gsa_undefined": ("{metric} 在 {runs} 次计算中有 {k} 次无定义（如费用现值为 0 时的效益费用比），无法计算 Sobol 指数；请改用 npv",
                                  "{metric} is undefined in {k} of {runs} runs (e.g. a BCR without costs): Sobol "
                                  "indices cannot be computed; use npv"),
    "uncertainty.gsa_independent": ("Sobol 指数按参数相互独立计算，模型中设定的相关性未施加",
                                    "Sobol indices assume independent parameters: the model's correlations are "
                                    "not imposed"),
    "uncertainty.corr_fixed": ("以下参数固定取值、未抽样，其相关性设定未施加：{names}",
                               "held at a value, not drawn, so their correlations are not imposed: {names}"),
    "uncertainty.scenario_fixed": ("情景“{scenario}”设定的参数固定取情景值，未抽样：{names}",
                                   "set by scenario '{scenario}' and held at its values, not drawn: {names}"),
    "uncertainty.do_nothing": ("不实施", "Do nothing"),
}
