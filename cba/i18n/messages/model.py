"""Sentences of cba.model (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # scenarios (names, labels)
    "model.scenario_name": ("情景名称应为非空文本（如 pessimistic 或 悲观），实际为 {got}",
                            "expected a scenario name: any non-empty text (e.g. pessimistic or 悲观), got {got}"),
    "model.scenario_reserved": ("情景中的 '{field}' 是情景的{what}（文本），不是参数，实际为 {got}；"
                                "情景不能设置名为 '{field}' 的参数：如需在情景中改变它，请将该参数改名",
                                "'{field}' in a scenario is the scenario's {what} (text), not a parameter, "
                                "got {got}; a scenario cannot set a parameter named '{field}': rename the "
                                "parameter to vary it in scenarios"),
    "model.scenario_meta_unknown": ("没有名为 {name} 的情景（已有情景：{known}）",
                                    "no scenario named {name} (scenarios: {known})"),
}
