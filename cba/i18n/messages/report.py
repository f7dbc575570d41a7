"""Sentences of cba.report (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
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
    "report.params_dict": ("应为“名称: 取值”形式的字典，实际为 {got}", "expected a dict of name: value, got {got}"),
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
    "report.overrides_dict": ("应为“参数: 取值”形式的字典，实际为 {got}", "expected a dict of parameter: value, got {got}"),
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
