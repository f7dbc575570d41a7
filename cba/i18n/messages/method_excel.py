"""Sentences of the Excel layout of the appraisal method's parts (cba/model/excel.py: the
``economic | prices | capex`` columns of ``flows``, the ``assets`` and ``price_index`` sheets and
the settings rows of the method sections): key -> (Chinese, English). The help shown on the
template's column headings and beside its settings rows is under ``model.files.help.*`` in
:mod:`cba.i18n.messages.model`."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "method_excel.flag": ("应为 TRUE 或 FALSE（也可写 是 或 否），实际为 {got}",
                          "expected TRUE or FALSE (or 是 or 否), got {got}"),
    "method_excel.unlisted_option": (
        "未知的方案 '{name}'{hint}；已列出的方案：{known}；'assets' 工作表使用的方案必须列在 'options' 工作表中",
        "unknown option '{name}'{hint}; known options: {known}; options used on the 'assets' sheet must "
        "be listed on the 'options' sheet"),
    "method_excel.index_year": ("年份应为整数，如 2025，实际为 {got}", "expected a year as a whole number, e.g. 2025, got {got}"),
    "method_excel.index_year_twice": ("年份 {year} 出现两次", "year {year} appears twice"),
    "method_excel.index_twice": ("价格指数已由 settings 工作表第 {row} 行的 price_index_file 等设置项给出（取自文件）；"
                                 "请二选一：删去这些设置项，或删去 price_index 工作表",
                                 "the price index is also given by price_index_file (and the rows beside it) on "
                                 "the settings sheet, row {row} (read from a file); keep one: delete those rows "
                                 "or the price_index sheet"),
    "method_excel.source_alone": ("填写了 {name} 但没有填写 {of}：请添加一行，key 列填 {of}，value 列填其值",
                                  "{name} is given but {of} is not: add a row with key {of} and its value"),
    "method_excel.cannot_write": ("字段 '{field}' 无法写入工作簿（Excel 格式中没有对应的位置）；请改用 YAML 格式保存",
                                  "the field '{field}' has no place in a workbook; save the model as YAML instead"),
    # the instructions sheet, after model.files.guide.*
    "method_excel.guide.1": ("assets（可选）：每行一项资产，如 kiosk | kiosks | 岗亭 | n_posts * kiosk_price | "
                             "service_life。购置费 cost 为按价格基准年计的一次全额购置；使用年限 life 可为小数；"
                             "资产在计算期内按期更新，期末计残值。每项资产生成两条现金流：名称本身（成本：购置与更新）"
                             "和 名称_residual（效益：更新时的回收值与期末残值）。",
                             "assets (optional): one asset per row, e.g. kiosk | kiosks | 岗亭 | "
                             "n_posts * kiosk_price | service_life. cost is one full purchase at the price base; "
                             "life may be fractional; the asset is replaced within the horizon and its residual "
                             "value counted at the end. Each asset gives two lines: its name (cost: purchase and "
                             "replacements) and name_residual (benefit: salvage at replacements, residual value "
                             "at the horizon)."),
    "method_excel.guide.2": ("flows 的 economic 列填换算系数（数字或名称，如 unskilled_labour），或 transfer（转移支付，"
                             "经济视角中剔除）、external（外部效果，仅计入经济视角）；prices 列填 real（默认）或 "
                             "nominal（名义价格，将平减到价格基准年）；capex 列填 TRUE（资本性支出）或 FALSE。",
                             "flows: the economic column holds a conversion factor (a number or a name such as "
                             "unskilled_labour), transfer (dropped in the economic view) or external (only in the "
                             "economic view); prices holds real (default) or nominal (deflated to the price base "
                             "year); capex holds TRUE (a capital cost) or FALSE."),
    "method_excel.guide.3": ("settings 中的方法设置项（均可选）：价格（inflation 或 price_index_*，"
                             "discount_rate_basis，prices_source）、经济视角（factor_名称、factor_名称_source、"
                             "financial_discount_rate、main_view）、乐观偏差（optimism_*）、基准值（benchmark_指标 "
                             "及 benchmark_指标_source）。逐年价格指数也可填在 price_index 工作表（year | value）。",
                             "Method rows of settings (all optional): prices (inflation or price_index_*, "
                             "discount_rate_basis, prices_source), the economic view (factor_NAME, "
                             "factor_NAME_source, financial_discount_rate, main_view), optimism bias "
                             "(optimism_*), benchmarks (benchmark_METRIC and benchmark_METRIC_source). A price "
                             "index year by year may instead go on the price_index sheet (year | value)."),
}
