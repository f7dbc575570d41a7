"""Sentences of cba.method.assets (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the two lines of an asset
    "method.assets.line_purchase": ("{label}：购置与更新", "{label}: purchase and replacements"),
    "method.assets.line_residual": ("{label}：残值", "{label}: salvage and residual value"),
    # reading an asset
    "method.assets.no_t": ("资产的公式只能使用参数，不能使用 '{name}'：购置、更新和期末余值的时点由 cba 按使用年限安排，"
                           "公式中没有期数 t 和年份 year",
                           "an asset's formulas may use parameters only, not '{name}': cba places the purchases, "
                           "replacements and residual value from the life, so t and year do not exist here"),
    "method.assets.choice": ("应为 {choices} 之一{hint}，实际为 {got}", "expected one of {choices}{hint}; got {got}"),
    "method.assets.rate_draws": ("剩余寿命法的期末余值需要每个抽样一个折现率，实际为 {k} 个折现率、{n} 个抽样",
                                 "the remaining_life residual value needs one discount rate per draw; "
                                 "got {k} rates for {n} draws"),
    "method.assets.one_value": ("资产明细按每个参数一个取值计算，实际 {name} 有 {n} 个取值",
                                "the asset schedule takes one value per parameter; {name} has {n} values"),
    # a draw's values that cannot be used
    "method.assets.bad_value": ("{where}（{asset}）：取值为 {value}{inputs}；{rule}",
                                "{where} ({asset}): the value is {value}{inputs}; {rule}"),
    "method.assets.rule.cost": ("购置成本应为不小于 0 的有限值", "the cost must be a finite number, 0 or more"),
    "method.assets.rule.life": ("使用年限应为大于 0 的有限值（年）", "the life must be a finite number of years above 0"),
    "method.assets.rule.too_short": ("使用年限过短：计算期内将购置 {k} 次，最多允许 {max} 次",
                                     "the life is too short: {k} purchases within the horizon, at most {max}"),
    "method.assets.rule.salvage": ("残值应为有限值，且不大于购置成本（{cost}）；负的残值表示净处置费用",
                                   "the salvage value must be finite and not above the cost ({cost}); a negative "
                                   "salvage is a net disposal cost"),
    "method.assets.rule.growth": ("成本年增长率应为大于 -1 的有限值（0.02 表示每年 2%）",
                                  "the cost growth must be a finite rate above -1 (0.02 is 2% a year)"),
    # events of the schedule
    "method.assets.event.purchase": ("购置", "purchase"),
    "method.assets.event.replacement": ("更新", "replacement"),
    "method.assets.event.salvage": ("回收残值", "salvage"),
    "method.assets.event.residual": ("期末余值", "residual value"),
    # residual methods and replacement rules
    "method.assets.residual.straight_line": ("直线法", "straight-line"),
    "method.assets.residual.remaining_life": ("剩余寿命年金法", "remaining-life (annuity)"),
    "method.assets.replace.ceil": ("向上取整（在到期时点所在的期更新）", "ceil (replaced in the period in which it falls due)"),
    "method.assets.replace.floor": ("向下取整（在到期前的最后一个整期更新）", "floor (replaced in the last whole period before it falls due)"),
    "method.assets.replace.split": ("按比例分摊（按到期时点在相邻两期之间分摊）",
                                    "split (shared between the two periods around the due time, in proportion)"),
    "method.assets.rule_note": ("资产 {asset}：到期时点不是整数的更新按“{rule}”规则安排；期末余值为计算期末仍在使用资产的"
                                "未到期部分（{method}）",
                                "asset {asset}: a replacement due at a fractional time is placed by the rule "
                                "'{rule}'; the residual value is the unexpired share of the asset in service at the "
                                "horizon ({method})"),
    # columns of the schedule and of the report's table
    "method.assets.col.asset": ("资产", "Asset"),
    "method.assets.col.event": ("事项", "Event"),
    "method.assets.col.due": ("到期时点（年）", "Due (years)"),
    "method.assets.col.amount": ("金额", "Amount"),
    "method.assets.col.cost": ("购置成本", "Cost"),
    "method.assets.col.life": ("使用年限", "Life"),
    "method.assets.col.residual": ("余值方法", "Residual method"),
    "method.assets.col.replace": ("更新规则", "Replacement rule"),
    "method.assets.col.purchases": ("购置期数（本报告取值）", "Purchase periods (values used)"),
    "method.assets.col.residual_value": ("期末余值（本报告取值）", "Residual value (values used)"),
    "method.assets.caption": ("资产的购置、更新与期末余值", "Assets: purchases, replacements and residual values"),
}
