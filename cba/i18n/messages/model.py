"""Sentences of cba.model (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- model.files: reading and writing model files (cba/model/files.py, cba/model/excel.py) --
    "model.files.no_such_file": ("文件不存在", "no such file"),
    "model.files.not_a_file": ("不是文件", "not a file"),
    "model.files.bad_suffix": ("应为 .yaml、.yml 或 .xlsx 模型文件，实际为 '{got}'",
                               "expected a .yaml, .yml or .xlsx model file, got '{got}'"),
    "model.files.at_line": ("第 {line} 行", "line {line}"),
    "model.files.at_line_col": ("第 {line} 行第 {col} 列", "line {line}, column {col}"),
    "model.files.duplicate_key": ("重复的键 {name}（第 {line} 行；首次出现在第 {first} 行）",
                                  "duplicate key {name} (line {line}; first at line {first})"),
    "model.files.invalid_yaml": ("不是有效的 YAML：{problem}", "not valid YAML: {problem}"),
    "model.files.not_mapping": ("顶层应为映射（name:、horizon: 等）",
                                "expected a mapping at the top level (name:, horizon:, ...)"),
    "model.files.not_text": (
        "既不是 UTF-8 也不是 GBK/GB18030 编码的文本（第 {byte} 字节无法识别）；请将文件另存为 UTF-8 编码"
        "（记事本：“另存为”，编码选 UTF-8；WPS、VS Code 等编辑器：编码选 UTF-8）",
        "not UTF-8 (nor GBK/GB18030) text (byte {byte} cannot be read); save the file as UTF-8 "
        "(Notepad: Save as, Encoding UTF-8; WPS, VS Code and other editors: encoding UTF-8)"),
    "model.files.read_as_gb18030": ("{file} 不是 UTF-8 编码，已按 GBK/GB18030 编码读取；建议将文件另存为 UTF-8",
                                    "{file} is not UTF-8 text; it was read as GBK/GB18030. Save it as "
                                    "UTF-8 to avoid this warning"),
    "model.files.at_sheet": ("工作表 '{sheet}'", "sheet '{sheet}'"),
    "model.files.at_row": ("工作表 '{sheet}' 第 {row} 行", "sheet '{sheet}', row {row}"),
    "model.files.at_cell": ("工作表 '{sheet}' 第 {row} 行 {col} 列", "sheet '{sheet}', row {row}, column {col}"),
    "model.files.at_named_cell": ("工作表 '{sheet}' 第 {row} 行 {col} 列（'{name}'）",
                                  "sheet '{sheet}', row {row}, column {col} ('{name}')"),
    "model.files.item": ("第 {n} 项", "item {n}"),
    "model.files.did_you_mean": ("（是否应为 '{name}'？）", " (did you mean '{name}'?)"),
    "model.files.no_result": ("单元格中是没有保存计算结果的公式；请在 Excel/WPS 中打开并保存该工作簿，或直接填写数值",
                              "cell holds a formula without a saved result; open and save the workbook in "
                              "Excel/WPS, or type the number"),
    "model.files.cannot_read": ("无法读取工作簿：{err}", "cannot read the workbook: {err}"),
    "model.files.missing_sheet": ("缺少工作表 '{sheet}'（现有工作表：{found}）",
                                  "missing sheet '{sheet}' (sheets found: {found})"),
    "model.files.unknown_column": ("未知的列 '{name}'{hint}；应为以下列：{expected}（备注请写在标题为 note 或 说明 的列）",
                                   "unknown column '{name}'{hint}; expected columns: {expected} (put remarks "
                                   "in a column headed note or 说明)"),
    "model.files.duplicate_column": ("列 '{name}' 重复", "column '{name}' appears twice"),
    "model.files.unknown_setting": ("未知的设置项 '{name}'{hint}；可用的设置项：{known}",
                                    "unknown setting '{name}'{hint}; known settings: {known}"),
    "model.files.duplicate_setting": ("设置项 '{name}' 重复（首次出现在第 {first} 行）",
                                      "setting '{name}' appears twice (first in row {first})"),
    "model.files.empty_setting": ("必填设置项 '{name}' 未填写", "the required setting '{name}' has no value"),
    "model.files.missing_setting": ("缺少必填设置项 '{name}'：请添加一行，key 列填 {name}，value 列填其值",
                                    "missing the required setting '{name}': add a row with key {name} and its value"),
    "model.files.missing_cell": ("缺少 '{name}'", "missing '{name}'"),
    "model.files.duplicate_parameter": ("参数 '{name}' 重复", "duplicate parameter '{name}'"),
    "model.files.duplicate_option": ("方案 '{name}' 重复", "duplicate option '{name}'"),
    "model.files.unlisted_option": (
        "未知的方案 '{name}'{hint}；已列出的方案：{known}；'flows' 工作表使用的方案必须列在 'options' 工作表中",
        "unknown option '{name}'{hint}; known options: {known}; options used on the 'flows' sheet must "
        "be listed on the 'options' sheet"),
    "model.files.no_options": ("没有任何方案：请在 'flows' 工作表中至少填写一行现金流（或在 'options' 工作表中列出方案）",
                               "no options: fill in at least one flow line on the 'flows' sheet (or list the "
                               "options on the 'options' sheet)"),
    "model.files.duplicate_override": ("情景 '{scenario}' 中 '{name}' 出现两次",
                                       "scenario '{scenario}' sets '{name}' twice"),
    "model.files.convert_to": ("应为 yaml 或 xlsx，实际为 {got}", "expected yaml or xlsx, got {got}"),
    "model.files.convert_same": ("该文件已是 {to} 格式", "the file is already a {to} file"),
    "model.files.convert_suffix": ("转换为 {to} 时输出文件应以 {suffixes} 结尾，实际为 '{got}'",
                                   "a {to} file should end in {suffixes}, got '{got}'"),
    "model.files.convert_is_dir": ("'{path}' 是文件夹；请给出文件名", "'{path}' is a folder; give a file name"),
    "model.files.convert_exists": ("'{path}' 已存在；加 --force 覆盖，或用 --out 指定其他文件名",
                                   "'{path}' exists; add --force to replace it, or choose another name with --out"),
    "model.files.cannot_write": ("无法写入 '{path}'：{err}", "cannot write '{path}': {err}"),
    "model.files.converted": ("已写入：{path}", "written: {path}"),
    # the help on each column heading of a workbook (a cell comment) and beside each setting
    "model.files.help.settings.key": ("设置项名称，见下方各行；不要修改", "Name of the setting (see the rows below); do not change"),
    "model.files.help.settings.value": ("设置项的值；空白表示不设置", "Value of the setting; empty means not set"),
    "model.files.help.setting.name": ("项目名称（必填），如：闵行区移动岗亭购置项目", "Project name (required)"),
    "model.files.help.setting.description": ("项目说明（可选）", "Description (optional)"),
    "model.files.help.setting.currency": ("金额单位，如：万元", "Unit of every amount, e.g. 万元"),
    "model.files.help.setting.base_year": ("第 0 期对应的公历年份，如：2025（可选）",
                                           "Calendar year of period 0, e.g. 2025 (optional)"),
    "model.files.help.setting.price_base_year": ("金额所用价格的基准年（默认同 base_year）",
                                                 "Year whose prices the amounts are in (default: base_year)"),
    "model.files.help.setting.horizon": ("计算期末期数（必填）：计算第 0 期至该期；0 表示单期静态模型",
                                         "Last period (required): periods 0..horizon; 0 is a static one-period model"),
    "model.files.help.setting.discount_rate": (
        "折现率（必填）：小数，如 0.08（不是 8）；分段写作 0:0.035; 31:0.03；或名称 china、green_book",
        "Discount rate (required): a fraction such as 0.08 (not 8); steps written 0:0.035; 31:0.03; "
        "or a name: china, green_book"),
    "model.files.help.setting.discount_rate_low": ("敏感性分析中折现率的下限，如 0.06（与 discount_rate_high 同填）",
                                                   "Low end of the discount rate for sensitivity, e.g. 0.06 "
                                                   "(with discount_rate_high)"),
    "model.files.help.setting.discount_rate_high": ("敏感性分析中折现率的上限，如 0.10",
                                                    "High end of the discount rate for sensitivity, e.g. 0.10"),
    "model.files.help.setting.discount_rate_source": ("折现率的依据（文件、文号）", "Where the discount rate comes from"),
    "model.files.help.setting.timing": ("现金流在期内的位置：end（期末，默认）、mid（期中）、begin（期初）",
                                        "Where in a period flows fall: end (default), mid or begin"),
    "model.files.help.setting.baseline": ("基准方案（不实施项目时的情形）的 key，如 manual（可选）",
                                          "Key of the baseline (counterfactual) option, e.g. manual (optional)"),
    "model.files.help.parameters.name": ("参数名（公式中使用）：英文字母开头，仅含字母、数字、下划线，如 kiosk_price",
                                         "Name used in formulas: a letter, then letters, digits or _ (kiosk_price)"),
    "model.files.help.parameters.value": ("基准值（必填）", "Base value (required)"),
    "model.files.help.parameters.low": ("取值范围下限（敏感性分析、临界值计算用）", "Low end of the range (sensitivity, break-even)"),
    "model.files.help.parameters.high": ("取值范围上限", "High end of the range"),
    "model.files.help.parameters.unit": ("单位，如：万元/台", "Unit, e.g. 万元/台"),
    "model.files.help.parameters.label": ("中文名称，如：岗亭单价（表格和报告中显示）", "Name shown in tables and reports"),
    "model.files.help.parameters.source": ("数据来源；估计值写“估计”", "Where the number comes from, or estimate"),
    "model.files.help.parameters.distribution": (
        "概率分布：triangular（三角分布，用 low、value、high）、uniform、pert，或带参数写作 normal; sd=2",
        "Distribution: triangular (uses low, value, high), uniform, pert, or with parameters: normal; sd=2"),
    "model.files.help.parameters.description": ("说明（可选）", "Description (optional)"),
    "model.files.help.options.key": ("方案代码：英文字母开头，如 kiosk；flows 工作表 option 列须与之一致",
                                     "Option key, e.g. kiosk; the option column of the flows sheet uses it"),
    "model.files.help.options.label": ("方案名称，如：移动岗亭", "Name shown in tables and reports"),
    "model.files.help.options.description": ("说明（可选）", "Description (optional)"),
    "model.files.help.flows.option": ("所属方案的代码（options 工作表的 key）", "Key of the option this line belongs to"),
    "model.files.help.flows.name": ("现金流代码：同一方案内唯一；与基准方案同名的行相互比较",
                                    "Line name, unique in its option; compared with the baseline's line of the same name"),
    "model.files.help.flows.kind": ("cost（成本）或 benefit（效益）；成本填正数", "cost or benefit; costs are positive"),
    "model.files.help.flows.amount": ("每期金额的公式，如 n_posts * kiosk_price；可用参数名、t（期数）、year（年份）；与 values 二选一",
                                      "Formula for each period's amount, e.g. n_posts * kiosk_price; may use "
                                      "parameters, t and year; or give values"),
    "model.files.help.flows.values": ("逐期金额，用分号分隔：1; 2; 3（自 from 期起，默认第 1 期）；与 amount 二选一",
                                      "Amounts period by period, separated by semicolons: 1; 2; 3 (from period "
                                      "'from', default 1); or give amount"),
    "model.files.help.flows.from": ("起始期（默认第 1 期）", "First period (default 1)"),
    "model.files.help.flows.to": ("终止期（默认计算期末）", "Last period (default: the horizon)"),
    "model.files.help.flows.at": ("只发生在这一期，如 0（购置当期）；不与 from、to 同用",
                                  "A one-period line, e.g. 0 for a purchase; not with from/to"),
    "model.files.help.flows.label": ("中文名称，如：岗亭购置", "Name shown in tables and reports"),
    "model.files.help.flows.description": ("说明（可选）", "Description (optional)"),
    "model.files.help.scenarios.scenario": ("情景名称，如 pessimistic；一个情景占多行，每行改一个参数",
                                            "Scenario name, e.g. pessimistic; one row per parameter it sets"),
    "model.files.help.scenarios.parameter": ("参数名，或 discount_rate", "A parameter, or discount_rate"),
    "model.files.help.scenarios.value": ("该情景下的取值", "Its value in the scenario"),
    # the instructions sheet of a workbook (ignored when read), one row per sentence
    "model.files.guide.1": ("本工作簿是 cba 的模型文件。填写 settings、parameters、options、flows、scenarios 五个工作表；"
                            "本“说明”工作表及其他名称的工作表不会被读取。",
                            "This workbook is a cba model file. Fill in the sheets settings, parameters, options, "
                            "flows and scenarios; this sheet and sheets with other names are not read."),
    "model.files.guide.2": ("每个工作表第 1 行是列名（英文，不要修改）；鼠标停在列名上可看到该列的说明。"
                            "标题为 note 或 说明 的列用于备注，不会被读取。",
                            "Row 1 of each sheet holds the column names (in English; do not change them); hover "
                            "over a name for its help. A column headed note or 说明 is for remarks and is not read."),
    "model.files.guide.3": ("settings：每行一个设置项。必填 name、horizon、discount_rate；"
                            "折现率写小数 0.08，分段写 0:0.035; 31:0.03；敏感性范围填 discount_rate_low、discount_rate_high。",
                            "settings: one setting per row. name, horizon and discount_rate are required; a rate is "
                            "a fraction (0.08), steps are written 0:0.035; 31:0.03; the range for sensitivity goes in "
                            "discount_rate_low and discount_rate_high."),
    "model.files.guide.4": ("parameters：每行一个参数，如 kiosk_price | 10 | 3 | 20 | 万元/台 | 岗亭单价 | 采购公告 | triangular。"
                            "分布带参数时写 normal; sd=2。",
                            "parameters: one parameter per row, e.g. kiosk_price | 10 | 3 | 20 | 万元/台 | 岗亭单价 | "
                            "purchase notices | triangular. A distribution with parameters is written normal; sd=2."),
    "model.files.guide.5": ("options：每行一个方案，如 kiosk | 移动岗亭。flows：每行一条现金流，如 "
                            "kiosk | purchase | cost | n_posts * kiosk_price | | | | 0 | 岗亭购置。"
                            "逐期金额写在 values 列，用分号分隔：1; 2; 3。",
                            "options: one option per row, e.g. kiosk | 移动岗亭. flows: one line per row, e.g. "
                            "kiosk | purchase | cost | n_posts * kiosk_price | | | | 0 | 岗亭购置. Amounts period by "
                            "period go in the values column, separated by semicolons: 1; 2; 3."),
    "model.files.guide.6": ("scenarios（可选）：每行改一个参数，如 pessimistic | kiosk_price | 20。",
                            "scenarios (optional): one parameter per row, e.g. pessimistic | kiosk_price | 20."),
    "model.files.guide.7": ("公式单元格须保存计算结果（在 Excel/WPS 中保存即可）。检查：cba validate 文件名.xlsx；"
                            "与 YAML 互相转换：cba convert 文件名.xlsx --to yaml。",
                            "Formula cells need a saved result (save the file in Excel/WPS). Check the model: "
                            "cba validate FILE.xlsx; convert to YAML and back: cba convert FILE.xlsx --to yaml."),
    # help of the decision_<threshold> settings rows (cba.model.decision)
    "model.files.help.setting.decision_min_bcr": (
        "结论阈值：基准情形效益费用比不低于此值方为经济可行（默认 1.0）",
        "Conclusion threshold: the base-case BCR at or above which the project is economical (default 1.0)"),
    "model.files.help.setting.decision_max_loss_probability": (
        "结论阈值：予以支持时净现值为负的概率上限（默认 0.10）",
        "Conclusion threshold: the highest P(NPV < 0) for Support (default 0.10)"),
    "model.files.help.setting.decision_reject_loss_probability": (
        "结论阈值：净现值为负的概率高于此值即不予支持（默认 0.50）",
        "Conclusion threshold: P(NPV < 0) above which the project is rejected (default 0.50)"),
    "model.files.help.setting.decision_adjust_min_bcr": (
        "结论阈值：不经济但效益费用比不低于此值时调整后支持（默认 0.9）",
        "Conclusion threshold: the BCR at or above which an uneconomical project may be adjusted (default 0.9)"),
    "model.files.help.setting.decision_max_in_range": (
        "结论阈值：予以支持时转换值落在合理区间内的参数个数上限（默认 0）",
        "Conclusion threshold: the most inputs with a switching value inside their range for Support (default 0)"),
    "model.files.help.setting.decision_max_critical_share": (
        "结论阈值：予以支持时敏感因素占有区间参数的比例上限（默认 0.5）",
        "Conclusion threshold: the largest share of critical inputs for Support (default 0.5)"),
}
