"""Sentences of cba.checks (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "checks.number": ("应为数字，实际为 {got}", "expected a number, got {got}"),
    "checks.finite": ("应为有限的数字，实际为 {got}", "expected a finite number, got {got}"),
    "checks.whole": ("应为整数，实际为 {got}", "expected a whole number, got {got}"),
    "checks.whole_min": ("应为不小于 {minimum} 的整数，实际为 {got}", "expected a whole number >= {minimum}, got {got}"),
    "checks.text": ("应为文本，实际为 {got}", "expected text, got {got}"),
    "checks.text_empty": ("不能为空，请填写文本", "expected a non-empty text"),
    "checks.identifier": ("名称只能由英文字母、数字和 '_' 组成，且以字母开头（如 kiosk_price），实际为 {got}",
                          "expected a name made of ASCII letters, digits and '_', starting with a letter "
                          "(e.g. kiosk_price), got {got}"),
    "checks.mapping": ("应为由名称到取值的映射（键值对），实际为 {got}", "expected a mapping of names to values, got {got}"),
    "checks.boolean": ("应为 true 或 false（是/否），实际为 {got}", "expected true or false, got {got}"),
    "checks.list": ("应为列表，实际为 {got}", "expected a list, got {got}"),
    "checks.choice": ("应为 {choices} 之一，实际为 {got}", "expected one of {choices}; got {got}"),
    "checks.did_you_mean": ("（是否应为 '{name}'？）", " (did you mean '{name}'?)"),
    "checks.unknown_field": ("未知字段 {got}{hint}；允许的字段：{allowed}", "unknown field {got}{hint}; allowed: {allowed}"),
    "checks.missing": ("缺少必填字段 '{field}'", "missing required field '{field}'"),
    "checks.unknown_name": ("未知{what} '{name}'{hint}；已有{what}：{known}", "unknown {what} '{name}'{hint}; known {what}s: {known}"),
    "checks.none": ("无", "none"),
}
