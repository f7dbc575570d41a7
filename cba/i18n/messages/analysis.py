"""Sentences of cba.analysis (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "analysis.no_effects": ("模型没有效果行（kind: effect，如避免的事故数），无法做成本效果分析",
                            "the model has no effect lines (kind: effect, e.g. accidents avoided): no "
                            "cost-effectiveness analysis"),
    "analysis.one_value_each": ("成本效果分析每个参数只取一个值；多次抽样请用 cba.simulate(...).ceac()",
                                "cost-effectiveness takes one value per parameter; for draws use cba.simulate(...).ceac()"),
    # arguments
    "analysis.two_inputs": ("应为两个输入参数 (x, y)，实际为 {got}", "expected two inputs (x, y), got {got}"),
    "analysis.timing": ("应为 'end'、'mid' 或 'begin'，实际为 {got}", "expected 'end', 'mid' or 'begin', got {got}"),
    "analysis.basis": ("应为 'standalone' 或 'incremental'，实际为 {got}",
                       "expected 'standalone' or 'incremental', got {got}"),
    "analysis.no_baseline": ("模型没有基准方案（baseline），因此没有增量结果",
                             "the model has no baseline, so there are no incremental results"),
    "analysis.metric": ("应为 {allowed} 之一，实际为 {got}", "expected one of {allowed}; got {got}"),
    "analysis.rate_schedule": ("模型按分段折现率（{schedule}）折现，而不是单一折现率；求折现率的临界值需要单一折现率",
                               "the model discounts with a schedule ({schedule}), not one rate; a switching "
                               "discount rate needs a single rate"),
    "analysis.no_target": ("{metric} 没有默认的临界水平；请用 target= 指定（命令行用 --target）",
                           "there is no natural break-even level for {metric}; give one with target= "
                           "(--target on the command line)"),
    "analysis.grid_max": ("扫描点数最多为 100000，实际为 {got}", "expected at most 100000 scan points, got {got}"),
    "analysis.low_high": ("应为（下限，上限），实际为 {got}", "expected (low, high), got {got}"),
    "analysis.low_lt_high": ("下限应小于上限，实际为 ({low}, {high})", "expected low < high, got ({low}, {high})"),
    "analysis.rate_above_minus_one": ("折现率必须大于 -1（-100%），实际为 {got}",
                                      "discount rates must be greater than -1 (-100%), got {got}"),
    "analysis.parameter_once": ("每个参数只能出现一次", "each parameter may appear once"),
    "analysis.delta": ("应为 0 到 1 之间的比例，例如 0.1，实际为 {got}",
                       "expected a fraction between 0 and 1 such as 0.1, got {got}"),
    "analysis.steps": ("变化比例应大于 -1，例如 [-0.2, 0, 0.2]", "expected fractional changes above -1, e.g. [-0.2, 0, 0.2]"),
    "analysis.no_range_delta": ("'{name}' 没有给出下限和上限（low/high）；请在模型中给出，或传入 delta=",
                                "'{name}' has no low/high range; give it one in the model or pass delta="),
    "analysis.no_range_axis": ("'{name}' 没有给出下限和上限（low/high）；请在模型中给出（或在 Python 中传入 {where}=）",
                               "'{name}' has no low/high range; give it one in the model (or pass {where}= in Python)"),
    "analysis.same_xy": ("x 与 y 必须是两个不同的输入参数，实际两次都是 '{name}'",
                         "x and y must be two different inputs, got '{name}' twice"),
    "analysis.grid_points": ("应为点数或 (nx, ny)，实际为 {got}", "expected a number of points or (nx, ny), got {got}"),
    "analysis.grid_too_large": ("{nx} × {ny} 的网格过大（最多 1,000,000 个点）",
                                "a {nx} x {ny} grid is too large (at most 1,000,000 points)"),
    # warnings
    "analysis.breakeven_none": ("盈亏平衡值：{what}；返回缺失值{extra}", "breakeven: {what}; NaN returned{extra}"),
    "analysis.breakeven_several": ("盈亏平衡值：{what}", "breakeven: {what}"),
    "analysis.switching_none": ("临界点分析：在搜索范围内，{names} 取任何值都不能使 {who}；其临界点为空"
                                "（备注列给出了搜索范围及指标在其中的取值范围）",
                                "switching_values: no break-even ({who}) within the searched range for "
                                "{names}; their switching_value is NaN (the note column gives the range "
                                "searched and where the metric stayed)"),
    "analysis.switching_several": ("临界点分析：{names} 有多个取值可使 {who}；显示最接近基准值的一个",
                                   "switching_values: several break-evens ({who}) for {names}; the one nearest "
                                   "the base value is shown"),
    # plots
    "analysis.no_spider_steps": ("此敏感性分析未计算蛛网图步长；请向 cba.sensitivity 传入 steps=",
                                 "this sensitivity was computed without spider steps; pass steps= to cba.sensitivity"),
    "analysis.figure_suffix": ("文件名应以 .png、.svg、.pdf 或 .jpg 结尾，实际为 {got}",
                               "expected a .png, .svg, .pdf or .jpg file name, got {got}"),
    # output folders (cba.atomic)
    "analysis.out_not_folder": ("'{path}' 已存在且不是文件夹；请给出存放结果的文件夹",
                                "'{path}' exists and is not a folder; give a folder for the results"),
    "analysis.out_parent_not_folder": ("无法创建文件夹 '{path}'：'{anc}' 不是文件夹",
                                       "cannot create folder '{path}': '{anc}' is not a folder"),
    "analysis.out_cannot_write": ("无法写入 '{path}'：{why}", "cannot write into '{path}': {why}"),
    "analysis.out_cannot_create": ("无法创建文件夹 '{path}'：{why}", "cannot create folder '{path}': {why}"),
    # -- analysis.numbers: negative IRR, parameters set outside their range (issue 9, section 3)
    "analysis.numbers.irr_negative": (
        "{who}：内部收益率为负（{irr}），未折现的净现金流合计为 {total}，即使不考虑折现也收不回投入。",
        "{who}: the IRR is negative ({irr}): the undiscounted net flows sum to {total}, so the option "
        "does not recover its outlays even without discounting"),
    "analysis.numbers.irr_negative_only": (
        "{who}：内部收益率为负（{irr}）。",
        "{who}: the IRR is negative ({irr})"),
    "analysis.numbers.irr_negative_draws": (
        "{who}：{n}次抽样中有{k}次内部收益率为负，这些抽样下即使不考虑折现也收不回投入。",
        "{who}: the IRR is negative in {k} of {n} draws: there the option does not recover its outlays "
        "even without discounting"),
    "analysis.numbers.above_range": (
        "{label}（{name}）取值 {value}，超出其取值区间 {low}–{high}：比上限高 {by}{rel}。模型的取值区间未覆盖这一取值，请核实。",
        "{label} ({name}) is set to {value}, outside its range {low}–{high}: {by} above the high end{rel}. "
        "The model's range does not cover this value; check that it is intended"),
    "analysis.numbers.below_range": (
        "{label}（{name}）取值 {value}，超出其取值区间 {low}–{high}：比下限低 {by}{rel}。模型的取值区间未覆盖这一取值，请核实。",
        "{label} ({name}) is set to {value}, outside its range {low}–{high}: {by} below the low end{rel}. "
        "The model's range does not cover this value; check that it is intended"),
    "analysis.numbers.relative": ("（相当于该端值的 {pct}）", " ({pct} of that end)"),
    "analysis.numbers.times": ("（为该端值的 {times} 倍）", " ({times} times that end)"),
    "analysis.numbers.points": ("{n} 个百分点", "{n} percentage points"),
}
