"""Sentences of the rich display of results (cba.display and the results' HTML views; see
:mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "display.breakeven.title": ("盈亏平衡分析：{metric}，{option}", "Break-even analysis: {metric}, {option}"),
    "display.base_metric": ("基准情景{metric}：{value}", "{metric} in the base case: {value}"),
    "display.grid": ("{metric}（行：{y}；列：{x}）", "{metric} (rows: {y}; columns: {x})"),
    # the column of a parameter's label beside the index of parameter keys
    "display.col.parameter_name": ("参数名称", "Parameter name"),
    "display.range": ("{name}：{low} 至 {high}{unit}（{n} 个取值）", "{name}: {low} to {high}{unit} ({n} values)"),
}
