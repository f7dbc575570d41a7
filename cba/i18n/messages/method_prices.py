"""Sentences of cba.method.prices and cba.method.optimism (see :mod:`cba.i18n.messages`):
key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- prices: the section ---------------------------------------------------------------
    "prices.one_of": ("应给出 inflation（固定年通胀率）或 index（价格指数）之一，不能同时给出，也不能都不给",
                      "give one of inflation (a constant annual rate) or index (a price index), not both "
                      "and not neither"),
    "prices.inflation": ("通胀率应大于 -1（以小数表示，2% 写作 0.02），实际为 {got}",
                         "an inflation rate must be above -1 (a fraction: write 0.02 for 2%), got {got}"),
    "prices.index_form": ("价格指数应为含 file、year、value 三项的映射（文件名、年份列名、指数列名），"
                           "或由年份到指数值的映射，实际为 {got}",
                          "expected an index as {{file: ..., year: <year column>, value: <value column>}} or "
                          "{{year: value, ...}}, got {got}"),
    "prices.year": ("年份应为整数（如 2025），实际为 {got}", "expected a year (a whole number such as 2025), got {got}"),
    "prices.positive": ("价格指数应为正数，实际为 {got}", "a price index must be positive, got {got}"),
    "prices.duplicate_year": ("年份 {year} 出现了两次", "year {year} appears twice"),
    "prices.missing_years": ("价格指数缺少以下年份：{years}（须覆盖价格基准年 {base} 和 {first}–{last} 的每一年）",
                             "the price index lacks the years {years} (it must cover the price base year "
                             "{base} and every year from {first} to {last})"),
    "prices.needs_years": ("按年份给出的价格指数需要模型的 base_year（首期对应的年份）",
                           "a price index by year needs the model's base_year (the year of period 0)"),
    "prices.no_section": ("该现金流量按现价（prices: nominal）填写，但模型没有 prices 部分，无法折算为不变价："
                          "请添加 prices（inflation 或 index），或改为 prices: real",
                          "this line is entered in nominal prices (prices: nominal) but the model has no "
                          "prices section to deflate it: add prices (inflation or index), or write prices: real"),
    "prices.deflate_args": ("deflate 需要 index 或 inflation 之一", "deflate needs one of index or inflation"),
    "prices.deflate_shape": ("values 的最后一维（{n}）应与 years 的长度（{m}）相同",
                             "the last axis of values ({n}) must match the length of years ({m})"),
    # --- prices: the index file --------------------------------------------------------------
    "prices.file_missing": ("找不到价格指数文件 {path}", "price index file {path} not found"),
    "prices.file_kind": ("价格指数文件应为 CSV（.csv）或 Excel（.xlsx），实际为 {path}",
                         "a price index file must be CSV (.csv) or Excel (.xlsx), got {path}"),
    "prices.file_encoding": ("无法读取 {path}：不是 UTF-8、带 BOM 的 UTF-8 或 GBK 编码的 CSV 文件",
                             "cannot read {path}: not a CSV file in UTF-8, UTF-8 with BOM or GBK"),
    "prices.file_unreadable": ("无法读取 {path}：{error}", "cannot read {path}: {error}"),
    "prices.no_column": ("{path} 中没有名为 '{column}' 的列（已有列：{known}）",
                         "{path} has no column '{column}' (columns: {known})"),
    "prices.cell": ("{path} 第 {row} 行，'{column}' 列：{problem}", "{path}, row {row}, column '{column}': {problem}"),
    "prices.not_number": ("应为数字，实际为 {got}", "expected a number, got {got}"),
    "prices.empty_file": ("{path} 中没有数据行", "{path} has no data rows"),
    # --- prices: notes and report -------------------------------------------------------------
    "prices.basis_constant": ("价格基准：{year}年不变价；全部金额均按不变价填写，未作平减",
                              "Price base: constant {year} prices; every amount is entered in constant prices "
                              "and none is deflated"),
    "prices.basis_deflated": ("价格基准：{year}年不变价；按现价填写的{lines}已用{how}平减为{year}年价格",
                              "Price base: constant {year} prices; {lines}, entered in nominal prices, "
                              "deflated to {year} prices by {how}"),
    "prices.by_inflation": ("固定年通胀率 {rate}（各年金额除以 (1 + {rate})^n，n 为该年与 {year} 年相隔的年数）",
                            "a constant inflation rate of {rate} (year t divided by (1+{rate})^(year−{year}))"),
    "prices.by_index": ("价格指数（各年金额除以该年指数与 {year} 年指数之比）", "the price index (divided by I(year)/I({year}))"),
    "prices.index_source": ("价格指数来源：{source}", "Price index source: {source}"),
    "prices.rate_nominal": ("折现率 {rate} 为名义利率：各期按费雪关系换算为实际利率 r_t = (1 + n)/(1 + i_t) − 1"
                             "（n 为名义利率，i_t 为当期通胀率）后折现不变价现金流量",
                            "The discount rate {rate} is nominal: each period is discounted at the real rate from the "
                            "Fisher relation (1+nominal)/(1+that period's inflation)−1, applied to the flows in "
                            "constant prices"),
    "prices.rate_real": ("折现率为实际利率（不含通胀）", "The discount rate is a real rate (net of inflation)"),
    "prices.row_label": ("价格基准", "Price base"),
    # --- optimism bias ---------------------------------------------------------------------
    "optimism.unknown_type": ("未知的项目类型 '{name}'{hint}；已有类型：{known}",
                              "unknown project type '{name}'{hint}; known types: {known}"),
    "optimism.fraction": ("上调比例应为不小于 0 的小数（54% 写作 0.54），实际为 {got}",
                          "an uplift is a fraction of at least 0 (write 0.54 for 54%), got {got}"),
    "optimism.works_duration": ("工期（年）应为不小于 0 的数，实际为 {got}",
                                "works duration (years) must be a number of at least 0, got {got}"),
    "optimism.needs_type": ("未给出 project_type 时须给出 capital、operating 和 duration 三项",
                            "without project_type, give capital, operating and duration"),
    "optimism.bound": ("应为 upper（上限）或 lower（下限），实际为 {got}", "expected upper or lower, got {got}"),
    "optimism.lost": ("乐观偏差调整：效益推迟 {delay} 年后，有 {share} 的未折现效益落在计算期之外，未计入",
                      "Optimism bias: with benefits delayed by {delay} years, {share} of the undiscounted benefits "
                      "fall beyond the horizon and are not counted"),
    "optimism.applied": ("已按乐观偏差上调：资本性支出 ×(1+{capital})，经常性支出 ×(1+{operating})，效益推迟 {delay} 年"
                         "（{duration} × 工期 {works} 年）；来源：{source}",
                         "Optimism bias applied: capital costs ×(1+{capital}), operating costs ×(1+{operating}), "
                         "benefits delayed by {delay} years ({duration} × works duration {works} years); "
                         "source: {source}"),
    "optimism.from_table": ("取自所引表格（{bound}）", "from the cited table ({bound})"),
    "optimism.given": ("模型文件给定", "given in the model file"),
    "optimism.default_zero": ("所引资料无此项，取 0", "not in the cited table: 0"),
    "optimism.upper": ("上限", "upper bound"),
    "optimism.lower": ("下限", "lower bound"),
    "optimism.what_capital": ("资本性支出", "capital expenditure"),
    "optimism.what_operating": ("经常性（运营）支出", "operating expenditure"),
    "optimism.what_duration": ("工期", "works duration"),
    # report section
    "optimism.sec": ("乐观偏差调整", "Optimism bias"),
    "optimism.intro": ("项目类型“{type}”按所引指南的建议取{bound}（该指南的起始值），资本性支出、经常性支出和工期上调如下；"
                       "下表并列未调整与调整后的结果。{state}来源：{source}",
                       "For the project type '{type}' the cited guidance's {bound} (its starting value) is used: "
                       "capital costs, operating costs and the works duration are uplifted as below; the table sets "
                       "the unadjusted and the adjusted results side by side. {state} Source: {source}"),
    "optimism.state_on": ("本报告的主要结果已包含该调整。", "The report's main results include the uplift."),
    "optimism.state_off": ("本报告的主要结果未包含该调整（apply: false），此处仅作对照。",
                           "The report's main results do not include the uplift (apply: false); it is shown "
                           "here for comparison."),
    "optimism.rates_caption": ("乐观偏差上调比例", "Optimism-bias uplifts"),
    "optimism.col_item": ("项目", "Item"),
    "optimism.col_rate": ("上调比例", "Uplift"),
    "optimism.col_basis": ("依据", "Basis"),
    "optimism.row_capital": ("资本性支出（capex 现金流量与资产）", "Capital costs (capex lines and assets)"),
    "optimism.row_operating": ("其他费用", "Other costs"),
    "optimism.row_duration": ("工期（效益推迟 {delay} 年）", "Works duration (benefits delayed {delay} years)"),
    "optimism.compare_caption": ("未调整与调整后的结果（{cur}）", "Unadjusted and adjusted results ({cur})"),
    "optimism.col_unadjusted": ("未调整", "Unadjusted"),
    "optimism.col_adjusted": ("调整后", "Adjusted"),
    "optimism.col_change": ("变化", "Change"),
    "optimism.no_type": ("（未指定类型）", "(no type given)"),
    "optimism.type.standard_buildings": ("标准建筑", "standard buildings"),
    "optimism.type.non_standard_buildings": ("非标准建筑", "non-standard buildings"),
    "optimism.type.standard_civil_engineering": ("标准土木工程", "standard civil engineering"),
    "optimism.type.non_standard_civil_engineering": ("非标准土木工程", "non-standard civil engineering"),
    "optimism.type.equipment_development": ("设备/开发", "equipment/development"),
    "optimism.type.outsourcing": ("外包", "outsourcing"),
}
