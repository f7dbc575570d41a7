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
    # --- the formula compiler (compiler.py, expr.py) ------------------------------------------
    "model.formula.not_allowed": ("公式中不允许使用{what}：'{segment}'，位于{at}",
                                  "{what} not allowed in formulas: '{segment}' at {at}"),
    "model.formula.hint": ("（{hint}）", " ({hint})"),
    "model.formula.column": ("第 {col} 列", "column {col}"),
    "model.formula.line_column": ("第 {line} 行第 {col} 列", "line {line}, column {col}"),
    "model.formula.too_deep": ("公式嵌套过深（最多 {max} 层）：'{formula}'",
                               "formula nested too deeply (max {max} levels): '{formula}'"),
    "model.formula.exponent": ("指数过大（上限为 {max}）：公式 '{formula}' 中指数的绝对值达到 {found}",
                               "exponent too large (max {max}): |exponent| reaches {found} in formula '{formula}'"),
    "model.formula.unknown_name": ("未知名称 '{name}'{hint}；可用的名称：{known}",
                                   "unknown name '{name}'{hint}; known names: {known}"),
    "model.formula.is_function": ("（'{name}' 是函数，应写作 {signature}）", " ('{name}' is a function: write {signature})"),
    "model.formula.more_names": ("{names} 等（另有 {n} 个）", "{names}, ... ({n} more)"),
    "model.formula.no_names": ("（无）", "(none)"),
    "model.formula.bad_function": ("公式中不允许使用函数 '{name}'，位于{at}（{hint}可用的函数：{functions}）",
                                   "function '{name}' is not allowed in formulas at {at} "
                                   "({hint}allowed functions: {functions})"),
    "model.formula.did_you_mean_function": ("是否应为 '{name}'？", "did you mean '{name}'? "),
    "model.formula.too_many_args": ("{name}() 最多接受 {max} 个参数，实际为 {n} 个：'{segment}'，位于{at}"
                                    "（可嵌套调用，如 {name}({name}(a, b, ...), {name}(c, d, ...))，"
                                    "或拆分为多条现金流）",
                                    "{name}() takes at most {max} arguments, got {n}: '{segment}' at {at} "
                                    "(nest calls, e.g. {name}({name}(a, b, ...), {name}(c, d, ...)), "
                                    "or split the flow line)"),
    "model.formula.args_at_least": ("至少 {k} 个", "at least {k}"),
    "model.formula.args_exactly": ("{k} 个", "{k}"),
    "model.formula.args_between": ("{a} 至 {b} 个", "{a} to {b}"),
    "model.formula.arg_count": ("{name}() 应有{expected}参数，实际为 {n} 个：'{segment}'，位于{at}（应写作 {signature}）",
                                "{name}() takes {expected} argument{s}, got {n}: '{segment}' at {at} "
                                "(write {signature})"),
    "model.formula.invalid": ("公式 '{formula}' 有误：{reason}，位于{at}", "invalid formula '{formula}': {reason} at {at}"),
    "model.formula.unparsable": ("公式 '{formula}' 无法解析：{reason}", "invalid formula '{formula}': {reason}"),
    "model.formula.no_value": ("公式 '{formula}' 中的名称 '{name}' 没有取值", "no value given for name '{name}' used in formula '{formula}'"),
    "model.formula.not_numeric": ("'{name}' 的取值不是数字：{value}", "value of '{name}' is not numeric: {value}"),
    "model.formula.not_formula": ("应为公式（文本）或数字，实际为 {type} {got}",
                                  "expected a formula (text) or a number, got {type} {got}"),
    "model.formula.empty": ("公式为空", "empty formula"),
    "model.formula.too_long": ("公式过长（{n} 个字符，上限为 {max}）：'{formula}'",
                               "formula too long ({n} characters, max {max}): '{formula}'"),
    "model.formula.null": ("公式中含有空字符（\\x00）", "formula contains a null character"),
    "model.formula.too_large": ("公式过大：共 {size} 项（上限为 {max}；每个数字、名称、运算符和函数调用各计一项）："
                                "'{formula}'；请拆分为多条现金流或多个参数",
                                "formula too large: {size} terms (max {max}; every number, name, operator and "
                                "function call counts one): '{formula}'; split it over several flow lines or "
                                "parameters"),
    # Python's parser messages
    "model.syntax.invalid": ("语法错误", "invalid syntax"),
    "model.syntax.end": ("公式不完整", "unexpected end of formula"),
    "model.syntax.never_closed": ("'{ch}' 没有对应的右括号", "'{ch}' was never closed"),
    "model.syntax.unmatched": ("多余的 '{ch}'", "unmatched '{ch}'"),
    "model.syntax.mismatch": ("右括号 '{ch}' 与左括号 '{open}' 不匹配",
                              "closing parenthesis '{ch}' does not match opening parenthesis '{open}'"),
    "model.syntax.decimal": ("数字写法有误", "invalid decimal literal"),
    "model.syntax.character": ("不能使用字符 '{ch}'（{code}）", "invalid character '{ch}' ({code})"),
    "model.syntax.lookalike": ("不能使用字符 '{ch}'（{code}，请改用半角字符 '{ascii}'）",
                               "invalid character '{ch}' ({code}, type '{ascii}' instead)"),
    # what a formula may not contain (the subject of model.formula.not_allowed)
    "model.construct.attribute": ("属性访问", "attribute access is"),
    "model.construct.subscript": ("下标", "subscripts are"),
    "model.construct.slice": ("切片", "slices are"),
    "model.construct.lambda": ("lambda", "lambda is"),
    "model.construct.comprehension": ("推导式", "comprehensions are"),
    "model.construct.fstring": ("f 字符串", "f-strings are"),
    "model.construct.walrus": ("赋值 ':='", "assignment ':=' is"),
    "model.construct.list": ("列表", "lists are"),
    "model.construct.tuple": ("元组", "tuples are"),
    "model.construct.set": ("集合", "sets are"),
    "model.construct.dict": ("字典", "dicts are"),
    "model.construct.starred": ("星号参数（*args）", "starred arguments (*args) are"),
    "model.construct.await": ("await", "await is"),
    "model.construct.yield": ("yield", "yield is"),
    "model.construct.other": ("'{kind}' 表达式", "'{kind}' expressions are"),
    "model.construct.operator": ("运算符 '{symbol}'", "operator '{symbol}' is"),
    "model.construct.constant": ("'{value}'", "'{value}' is"),
    "model.construct.complex": ("复数", "complex numbers are"),
    "model.construct.huge": ("这么大的数", "numbers this large are"),
    "model.construct.string": ("字符串", "strings are"),
    "model.construct.bytes": ("字节串", "bytes are"),
    "model.construct.ellipsis": ("'...'", "'...' is"),
    "model.construct.other_constant": ("{kind} 常量", "{kind} constants are"),
    "model.construct.underscore": ("以 '_' 开头的名称", "names starting with '_' are"),
    "model.construct.call_other": ("调用函数名以外的对象", "calling anything but a function name is"),
    "model.construct.call_parenthesised": ("调用括号中的表达式", "calling a parenthesised expression is"),
    "model.construct.keyword": ("关键字参数", "keyword arguments are"),
    "model.construct.kwargs": ("**kwargs", "**kwargs are"),
    "model.hint.power": ("乘方请写 **：'{formula}'", "use ** for powers: '{formula}'"),
    "model.hint.and": ("请写 'and'", "use 'and'"),
    "model.hint.or": ("请写 'or'", "use 'or'"),
    "model.hint.not": ("请写 'not'", "use 'not'"),
    "model.hint.eq": ("请写 ==", "use =="),
    "model.hint.ne": ("请写 !=", "use !="),
    "model.hint.one_or_zero": ("请写 1 或 0", "write 1 or 0"),
    "model.hint.huge": ("上限约为 1.8e308", "the limit is about 1.8e308"),
    "model.hint.functions": ("可用的函数：{functions}", "functions: {functions}"),
    "model.hint.positional": ("请按位置依次给出参数，写作 {signature}", "write {signature} with positional arguments"),
    # --- elements, distributions, the model (elements.py, distributions.py, model.py) -----------
    "model.reserved_name": ("'{name}' 是公式中表示期数的保留名称，请另取一个名称",
                            "'{name}' is reserved for the period in formulas; pick another name"),
    "model.low_above_value": ("低值（{low}）高于取值（{value}）", "low ({low}) is above value ({value})"),
    "model.high_below_value": ("高值（{high}）低于取值（{value}）", "high ({high}) is below value ({value})"),
    "model.amount_or_values": ("'amount'（公式）和 'values'（列表）须给出且只给出其中一个",
                               "give exactly one of 'amount' (a formula) or 'values' (a list)"),
    "model.at_with_from_to": ("'at' 把现金流放在某一期，不能与 'from'/'to' 同时使用",
                              "'at' places a flow in one period; do not combine it with 'from'/'to'"),
    "model.no_values": ("至少应有一个值", "expected at least one value"),
    "model.values_misfit": ("{n} 个值与第 {start} 至 {end} 期（共 {periods} 期）不符",
                            "{n} values do not fit periods {start}..{end} ({periods} periods)"),
    "model.formula_or_number": ("应为公式或数字，实际为 {got}", "expected a formula or a number, got {got}"),
    "model.to_before_from": ("'to'（{end}）早于 'from'（{start}）", "'to' ({end}) is before 'from' ({start})"),
    "model.duplicate_flow": ("现金流名称 '{name}' 重复", "duplicate flow name '{name}'"),
    "model.dist.order": ("应满足 low <= mode <= high 且 low < high，实际为 {got}",
                         "expected low <= mode <= high with low < high, got {got}"),
    "model.dist.sd": ("sd 应大于 0", "expected sd > 0"),
    "model.dist.lognormal": ("median 和 sigma 均应大于 0", "expected median > 0 and sigma > 0"),
    "model.dist.needs": ("{kind}需要给出 '{field}'（或参数的 low/high）",
                         "a {kind} distribution needs '{field}' (or the parameter's low/high)"),
    "model.dist.kind.uniform": ("均匀分布", "uniform"),
    "model.dist.kind.triangular": ("三角分布", "triangular"),
    "model.dist.kind.pert": ("PERT 分布", "pert"),
    "model.dist.kind.normal": ("正态分布", "normal"),
    "model.dist.kind.lognormal": ("对数正态分布", "lognormal"),
    "model.one_schedule": ("应为一个折现率方案：一个数（0.08）、一个名称（china、green_book 等）或分段折现率"
                           "（如 [[0, 0.035], [31, 0.03]]）；实际为一组折现率 {got}。一个模型只按一个折现率方案评价："
                           "如需比较不同折现率，请添加情景（{{name: {{discount_rate: 0.05}}}}）或使用 "
                           "--set discount_rate=0.05",
                           "expected one discount schedule: a number (0.08), a name (china, green_book, ...) or "
                           "steps [[first_period, rate], ...]; got a list of rates {got}. A model is appraised at "
                           "one schedule: to compare rates add scenarios ({{name: {{discount_rate: 0.05}}}}) or "
                           "use --set discount_rate=0.05"),
    "model.expected_class": ("应为 {cls}，实际为 {got}", "expected a {cls}, got {got}"),
    "model.duplicate_name": ("名称 '{name}' 重复", "duplicate name '{name}'"),
    "model.horizon_max": ("计算期最多 1000 期，实际为 {got}", "expected a horizon of at most 1000 periods, got {got}"),
    "model.range_needs_rate": ("给出区间（low/high）时取值须为单一折现率，不能是分段方案",
                               "a range (low/high) needs a single rate as value, not a schedule"),
    "model.rate_range_order": ("应满足 low <= value <= high 且 low < high，实际为 {low}、{value}、{high}",
                               "expected low <= value <= high with low < high, got {low}, {value}, {high}"),
    "model.no_option": ("至少应有一个方案", "expected at least one option"),
    "model.baseline_alone": ("设定基准方案时，至少还需要一个方案与之比较",
                             "a baseline needs at least one other option to compare"),
    "model.year_without_base_year": ("公式使用了 'year'，但模型没有 base_year（第 0 期的日历年份）；"
                                     "请添加 base_year 或改用 t",
                                     "the formula uses 'year' but the model has no base_year (the calendar year "
                                     "of period 0); add base_year or use t"),
    "model.static_period_0": ("（静态模型的计算期为 0，只有第 0 期）", " (a static model, horizon 0, has period 0 only)"),
    "model.beyond_horizon": ("第 {period} 期超出了计算期（{horizon}）{static}",
                             "period {period} is beyond the horizon ({horizon}){static}"),
    "model.scenario_list": ("应为数字，实际为列表 {got}：一个情景为每个参数设定一个值；如需多个值，请分别添加情景",
                            "expected a number, got a list {got}: a scenario sets one value per parameter; "
                            "for several values add a scenario for each"),
    "model.which_option": ("模型有 {n} 个待评价的方案（{options}），请用 option= 指定其中一个（命令行用 --option）",
                           "the model has {n} options to appraise ({options}); say which one with option= "
                           "(--option on the command line)"),
    "model.option_is_baseline": ("'{option}' 是基准方案，不能与自身比较；请从以下方案中选择：{options}",
                                 "'{option}' is the baseline, which has no result against itself; "
                                 "choose one of: {options}"),
    "model.override_array": ("应为数字或一维数字数组", "expected a number or a 1-D array of numbers"),
    "model.override_shape": ("应为数字或非空的一维有限数字数组，实际形状为 {shape}",
                             "expected a number or a non-empty 1-D array of finite numbers, got shape {shape}"),
    # --- evaluation and the model check (evaluate.py, check.py) ---------------------------------
    "model.draw_lengths": ("各组抽样数组的长度应相同，实际长度为 {lengths}",
                           "arrays of draws must share one length, got lengths {lengths}"),
    "model.eval.located": ("{source}：{message}", "{source}: {message}"),
    "model.eval.gives": ("{where}（{flow}）：公式在第 {period} 期的值为 {value}{inputs}",
                         "{where} ({flow}): the formula gives {value} in period {period}{inputs}"),
    "model.eval.with": ("，此时 {values}", " with {values}"),
    "model.eval.total": ("options.{option}：各现金流之和不是有限值", "options.{option}: the flows add up to a non-finite value"),
    "model.effect_not_money": ("效果行（kind: effect）是实物量而非金额，不能设置 {field}",
                               "an effect line (kind: effect) is a quantity, not money: it takes no {field}"),
    "model.unit_for_effects": ("unit 只用于效果行（kind: effect）；金额的单位见模型的 currency",
                               "unit is for effect lines (kind: effect) only; amounts are in the model's currency"),
    "model.effect_units": ("各效果行的单位须相同，才能相加比较：{first} 为“{u1}”，此行为“{u2}”",
                           "every effect line must have the same unit to be added up: {first} is in '{u1}', "
                           "this line in '{u2}'"),
    "model.check.asset": ("{error}{cases}", "{error}{cases}"),
    "model.check.base_case": ("基准情景", "base case"),
    "model.check.scenario": ("情景 '{name}'", "scenario '{name}'"),
    "model.check.range_end": ("{where}（{value}）", "{where} ({value})"),
    "model.check.more_periods": ("（另有 {n} 期也是如此）", " (and in {n} more period{s})"),
    "model.check.cases": ("；出现于：{cases}", "; case{s}: {cases}"),
    "model.check.total": ("options.{option}：各现金流之和在第 {period} 期为 {value}",
                          "options.{option}: the flows add up to {value} in period {period}"),
    "model.check.raises": ("{where}.amount（{flow}）：{reason}", "{where}.amount ({flow}): {reason}"),
    "model.check.evaluated": ("共计算 {n} 种情形", "{n} case{s} evaluated"),
    "model.check.ok": ("{what}（基准情景、各情景、各参数的低值和高值）：现金流均为有限值",
                       "{what} (base case, scenarios, low and high ends): all cash flows are finite"),
    "model.check.problems": ("{what}：发现 {n} 个问题", "{what}: {n} problem{s}"),
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
    "model.files.help.flows.kind": ("cost（成本）、benefit（效益）或 effect（效果，非金额的实物量，如避免的事故数）；成本填正数",
                                    "cost, benefit or effect (a quantity that is not money, e.g. accidents avoided); "
                                    "costs are positive"),
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
    "model.files.help.scenarios.scenario": ("情景名称，如 pessimistic 或 悲观；一个情景占多行，每行改一个参数",
                                            "Scenario name, e.g. pessimistic or 悲观; one row per parameter it sets"),
    "model.files.help.scenarios.parameter": ("参数名，或 discount_rate；填 label（或 description）时，该行的取值为情景的显示名称"
                                             "（或说明）",
                                             "A parameter, or discount_rate; label (or description): the value is the "
                                             "scenario's display name (or description)"),
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
    "model.files.guide.6": ("scenarios（可选）：每行改一个参数，如 pessimistic | kiosk_price | 20；"
                            "情景的显示名称写作 pessimistic | label | 悲观情景。",
                            "scenarios (optional): one parameter per row, e.g. pessimistic | kiosk_price | 20; "
                            "the scenario's display name: pessimistic | label | 悲观情景."),
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
        "结论阈值：予以支持时临界点落在合理区间内的参数个数上限（默认 0）",
        "Conclusion threshold: the most inputs with a switching value inside their range for Support (default 0)"),
    "model.files.help.setting.decision_max_critical_share": (
        "结论阈值：予以支持时敏感因素占有区间参数的比例上限（默认 0.5）",
        "Conclusion threshold: the largest share of critical inputs for Support (default 0.5)"),
    # help of the appraisal method's columns, sheets and settings rows (cba.method; issue 10)
    "model.files.help.flows.economic": (
        "经济视角中的处理（可选）：换算系数（数字，或名称如 unskilled_labour）；transfer 为转移支付（经济视角中剔除）；"
        "external 为外部效果（仅计入经济视角）；空白为标准换算系数",
        "Treatment in the economic view (optional): a conversion factor (a number, or a name such as "
        "unskilled_labour); transfer (dropped in the economic view); external (only in the economic view); "
        "empty: the standard conversion factor"),
    "model.files.help.flows.prices": ("金额的价格基础：real（按价格基准年的不变价格，默认）或 nominal（名义价格，将平减到价格基准年）",
                                      "Price basis of the amounts: real (prices of the price base year, default) "
                                      "or nominal (deflated to the price base year)"),
    "model.files.help.flows.unit": ("效果行（kind 为 effect）的计量单位，如 起；其他行留空",
                                    "Unit of an effect line (kind effect), e.g. accidents; empty for other lines"),
    "model.files.help.flows.capex": ("TRUE 表示资本性支出（乐观偏差按资本性支出调增），FALSE 或空白表示经常性支出；也可写 是 或 否",
                                     "TRUE for a capital cost (optimism bias uplifts it as capital), FALSE or empty "
                                     "for an operating cost; 是 or 否 also work"),
    "model.files.help.assets.option": ("所属方案的代码（options 工作表的 key）", "Key of the option this asset belongs to"),
    "model.files.help.assets.name": ("资产代码，如 kiosks：生成现金流 kiosks（购置与更新）和 kiosks_residual（回收值与残值），"
                                     "名称在方案内须唯一",
                                     "Identifier, e.g. kiosks: gives the lines kiosks (purchase and replacements) and "
                                     "kiosks_residual (salvage and residual value); unique within the option"),
    "model.files.help.assets.label": ("中文名称，如：岗亭（表格和报告中显示）", "Name shown in tables and reports"),
    "model.files.help.assets.cost": ("一次全额购置的费用（按价格基准年），数字或公式，如 n_posts * kiosk_price",
                                     "One full purchase at the price base year: a number or a formula, e.g. "
                                     "n_posts * kiosk_price"),
    "model.files.help.assets.life": ("使用年限（年，大于 0，可为小数），数字或公式，如 service_life",
                                     "Service life in years (> 0, may be fractional): a number or a formula, e.g. service_life"),
    "model.files.help.assets.salvage": ("使用年限末的回收值（可选，默认 0），数字或公式",
                                        "Value at the end of its life (optional, default 0): a number or a formula"),
    "model.files.help.assets.residual": ("计算期末残值的算法：straight_line（直线法，默认）或 remaining_life（按剩余年限年金折算）",
                                         "Residual value at the horizon: straight_line (default) or remaining_life "
                                         "(annuity over the remaining life)"),
    "model.files.help.assets.growth": ("购置费的实际年增长率（可选，默认 0），如 0.02",
                                       "Real growth of the cost per year (optional, default 0), e.g. 0.02"),
    "model.files.help.assets.from": ("首次购置的期数（默认第 0 期）", "Period of the first purchase (default 0)"),
    "model.files.help.assets.replace": ("更新时点为小数年时计入哪一期：ceil（向上取整，默认）、floor（向下取整）、split（按比例分摊到相邻两期）",
                                        "Period of a replacement due at a fractional time: ceil (default), floor, or "
                                        "split (shared between the two periods in proportion)"),
    "model.files.help.assets.economic": ("经济视角中的处理（可选），同 flows 工作表的 economic 列",
                                         "Treatment in the economic view (optional), as in the economic column of flows"),
    "model.files.help.assets.prices": ("购置费的价格基础：real（默认）或 nominal", "Price basis of the cost: real (default) or nominal"),
    "model.files.help.assets.description": ("说明（可选）", "Description (optional)"),
    "model.files.help.correlations.first": ("相关的第一个参数（须带有概率分布）", "First correlated parameter (must have a distribution)"),
    "model.files.help.correlations.second": ("相关的第二个参数（须带有概率分布）", "Second correlated parameter (must have a distribution)"),
    "model.files.help.correlations.r": ("两者的秩相关系数，介于 -1 与 1 之间，如 0.5", "Their rank correlation, between -1 and 1, e.g. 0.5"),
    "model.files.help.price_index.year": ("年份，如 2025（每年一行）", "Calendar year, e.g. 2025 (one row a year)"),
    "model.files.help.price_index.value": ("该年的价格指数，如居民消费价格指数 102.0",
                                           "The price index of that year, e.g. a CPI of 102.0"),
    "model.files.help.setting.inflation": ("年通货膨胀率（不变），如 0.02；与价格指数二选一",
                                           "Constant annual inflation rate, e.g. 0.02; or give a price index instead"),
    "model.files.help.setting.price_index_file": ("价格指数所在的 CSV 或 Excel 文件（相对于本模型文件的路径），如 cpi.csv",
                                                  "CSV or Excel file holding the price index (path relative to this "
                                                  "model file), e.g. cpi.csv"),
    "model.files.help.setting.price_index_year": ("该文件中年份列的列名，如 年份", "Name of the file's year column"),
    "model.files.help.setting.price_index_value": ("该文件中指数列的列名，如 CPI", "Name of the file's index column, e.g. CPI"),
    "model.files.help.setting.discount_rate_basis": ("折现率的价格基础：real（实际，默认）或 nominal（名义，按费雪关系逐期换算）",
                                                     "Basis of discount_rate: real (default) or nominal "
                                                     "(Fisher-converted period by period)"),
    "model.files.help.setting.prices_source": ("价格指数或通货膨胀率的来源，如 国家统计局居民消费价格指数",
                                               "Where the price index or inflation rate comes from"),
    "model.files.help.setting.financial_discount_rate": ("财务视角的折现率（可选，默认同 discount_rate）",
                                                         "Discount rate of the financial view (optional, default: "
                                                         "discount_rate)"),
    "model.files.help.setting.main_view": ("评价结论所用的视角：economic（经济，默认）或 financial（财务）",
                                           "View of the appraisal and its conclusion: economic (default) or financial"),
    "model.files.help.setting.factor_standard": ("标准换算系数：economic 列空白的现金流在经济视角下乘以该系数；空白时用 cba 附带的有出处的默认值",
                                                 "Standard conversion factor, for lines with an empty economic column; "
                                                 "empty: cba's cited default"),
    "model.files.help.setting.factor_unskilled_labour": ("非技术劳动力（影子工资）换算系数；空白时用 cba 附带的有出处的默认值",
                                                         "Conversion factor of unskilled labour (shadow wage); empty: "
                                                         "cba's cited default"),
    "model.files.help.setting.factor_foreign_exchange": ("外汇（影子汇率）换算系数；空白时用 cba 附带的有出处的默认值",
                                                         "Conversion factor of foreign exchange (shadow exchange rate); "
                                                         "empty: cba's cited default"),
    "model.files.help.setting.factor": ("换算系数 {name}：economic 列填 {name} 的现金流在经济视角下乘以该系数",
                                        "Conversion factor {name}, for lines whose economic column is {name}"),
    "model.files.help.setting.source_of": ("{name} 的来源或依据（文件、文号）", "Where {name} comes from"),
    "model.files.help.setting.optimism_project_type": ("乐观偏差的项目类型：cba 附带的有出处的表中的一行，如 equipment_development",
                                                       "Project type for optimism bias: a row of cba's cited table, "
                                                       "e.g. equipment_development"),
    "model.files.help.setting.optimism_capital": ("资本性支出的调增比例（可选，覆盖表中数值），如 0.54",
                                                  "Uplift of capital costs (optional, replaces the table's), e.g. 0.54"),
    "model.files.help.setting.optimism_operating": ("经常性支出的调增比例（可选）", "Uplift of operating costs (optional)"),
    "model.files.help.setting.optimism_duration": ("工期的调增比例（可选）", "Uplift of the works duration (optional)"),
    "model.files.help.setting.optimism_works_duration": ("适用工期调增的工期年数，如 1", "Years of works the duration uplift applies to, e.g. 1"),
    "model.files.help.setting.optimism_source": ("乐观偏差数值的来源", "Where the uplifts come from"),
    "model.files.help.setting.optimism_apply": ("是否计入乐观偏差调整：TRUE 或 FALSE（也可写 是 或 否）",
                                                "Apply the optimism-bias uplift: TRUE or FALSE (or 是 or 否)"),
    "model.files.help.setting.benchmark_fnpv": ("财务净现值的基准值（比较用），如 0", "Benchmark of the financial NPV, e.g. 0"),
    "model.files.help.setting.benchmark_enpv": ("经济净现值的基准值，如 0", "Benchmark of the economic NPV, e.g. 0"),
    "model.files.help.setting.benchmark_firr": ("财务内部收益率的基准值，如 0.06", "Benchmark of the financial IRR, e.g. 0.06"),
    "model.files.help.setting.benchmark_eirr": ("经济内部收益率的基准值，如 0.08（社会折现率）",
                                                "Benchmark of the economic IRR, e.g. 0.08 (the social discount rate)"),
    "model.files.help.setting.benchmark_fbcr": ("财务效益费用比的基准值，如 1.0", "Benchmark of the financial BCR, e.g. 1.0"),
    "model.files.help.setting.benchmark_ebcr": ("经济效益费用比的基准值，如 1.0", "Benchmark of the economic BCR, e.g. 1.0"),
}
