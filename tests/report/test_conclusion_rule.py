"""The decision rule of the economic conclusion: each verdict at and around each threshold.

Every figure is set by hand on a one-period ("static", horizon 0, never discounted) model:
benefit B against a cost of 100, so NPV = B - 100 and BCR = B / 100 exactly; draws are lists of
B values whose share below 100 is P(NPV < 0) by counting.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cba
from cba.errors import InputError
from cba.i18n import use_lang
from cba.model.decision import DecisionRule
from cba.report import AppraisalReport, recommend
from cba.report.conclusion import decision_rule


def static(benefit: float, cost: float = 100.0, decision: dict | None = None) -> cba.Model:
    data = {"name": "静态测试", "currency": "万元", "horizon": 0, "discount_rate": 0.08,
            "parameters": {"benefit": benefit, "cost": cost},
            "options": {"p": {"label": "项目", "flows": [{"name": "b", "kind": "benefit", "amount": "benefit"},
                                                          {"name": "c", "kind": "cost", "amount": "cost"}]}}}
    if decision is not None:
        data["decision"] = decision
    return cba.load_model(data)


def draws_with_losses(model: cba.Model, losses: int, n: int = 1000):
    """n draws of the benefit, ``losses`` of them below the cost of 100 (P(NPV < 0) = losses / n)."""
    values = np.r_[np.full(losses, 99.0), np.full(n - losses, 101.0)]
    return cba.appraise(model, benefit=values)


def rec(benefit: float, rule: dict | None = None, losses: int | None = None, switching=None):
    m = static(benefit)
    draws = None if losses is None else draws_with_losses(m, losses)
    return recommend(cba.appraise(m), draws=draws, rule=rule, switching=switching)


def frame(rows: list[tuple[float, float, float, bool]]) -> pd.DataFrame:
    """A switching-value table by hand: (switching value, low, high, critical) per input."""
    return pd.DataFrame([{"label": f"x{i}", "unit": "", "base": 1.0, "low": lo, "high": hi, "switching_value": sw,
                          "change": sw - 1.0, "critical": crit} for i, (sw, lo, hi, crit) in enumerate(rows)])


# -- NPV, min_bcr and adjust_min_bcr -----------------------------------------------------------------
@pytest.mark.parametrize("benefit,rule,verdict,reason", [
    (101, None, "support", "positive"),              # NPV 1 > 0, BCR 1.01 >= 1
    (100, None, "adjust", "near"),                   # NPV 0 is not > 0; BCR 1.00 >= 0.9
    (90, None, "adjust", "near"),                    # BCR 0.90 = adjust_min_bcr: at the threshold
    (89, None, "reject", "negative"),                # BCR 0.89 < 0.90
    (90, {"adjust_min_bcr": 0.91}, "reject", "negative"),
    (120, {"min_bcr": 1.2}, "support", "positive"),  # BCR 1.20 = min_bcr
    (119, {"min_bcr": 1.2}, "adjust", "near"),       # NPV 19 > 0 but BCR 1.19 < 1.2
    (119, {"min_bcr": 1.2, "adjust_min_bcr": 1.2}, "reject", "negative"),
])
def test_bcr_thresholds(benefit, rule, verdict, reason):
    r = rec(benefit, rule)
    assert r.npv == pytest.approx(benefit - 100) and r.bcr == pytest.approx(benefit / 100)
    assert (r.verdict, r.reason) == (verdict, reason)


# -- max_loss_probability and reject_loss_probability -------------------------------------------------
@pytest.mark.parametrize("losses,rule,verdict,reason", [
    (100, None, "support", "positive"),               # P = 10.0% = max_loss_probability
    (101, None, "adjust", "risky"),                   # 10.1% > 10%
    (500, None, "adjust", "risky"),                   # 50.0% = reject_loss_probability: not above it
    (501, None, "reject", "loss_likely"),             # 50.1% > 50%, although the base NPV is +10
    (101, {"max_loss_probability": 0.2}, "support", "positive"),
    (501, {"reject_loss_probability": 0.6}, "adjust", "risky"),
    (51, {"max_loss_probability": 0.05}, "adjust", "risky"),
])
def test_loss_probability_thresholds(losses, rule, verdict, reason):
    r = rec(110, rule, losses=losses)
    assert r.prob_loss == pytest.approx(losses / 1000) and r.n_draws == 1000
    assert (r.verdict, r.reason) == (verdict, reason)


# -- max_in_range and max_critical_share (switching tables by hand) -----------------------------------
def test_inputs_with_switching_value_in_range():
    one_in = frame([(0.9, 0.8, 1.2, True), (3.0, 0.8, 1.2, False)])     # 0.9 lies in 0.8-1.2
    assert rec(110, switching=one_in).reason == "fragile"
    r = rec(110, {"max_in_range": 1}, switching=one_in)
    assert r.verdict == "support" and r.n_in_range == 1
    none_in = frame([(1.3, 0.8, 1.2, False), (0.7, 0.8, 1.2, False)])   # both just outside
    assert rec(110, switching=none_in).verdict == "support"


def test_share_of_critical_inputs():
    half = frame([(3.0, 0.8, 1.2, True), (3.0, 0.8, 1.2, False)])      # 1 of 2 = 50%: at the threshold
    r = rec(110, switching=half)
    assert r.verdict == "support" and (r.n_critical, r.n_ranged) == (1, 2)
    two_of_three = frame([(3.0, 0.8, 1.2, True), (3.0, 0.8, 1.2, True), (3.0, 0.8, 1.2, False)])
    r = rec(110, switching=two_of_three)
    assert (r.verdict, r.reason) == ("adjust", "critical")
    assert rec(110, {"max_critical_share": 0.7}, switching=two_of_three).verdict == "support"
    assert rec(110, {"max_critical_share": 0.6}, switching=two_of_three).verdict == "adjust"


def test_every_failed_condition_is_listed():
    two_of_three = frame([(0.9, 0.8, 1.2, True), (3.0, 0.8, 1.2, True), (3.0, 0.8, 1.2, False)])
    r = rec(110, losses=200, switching=two_of_three)
    assert r.reason == "risky"          # the first failed condition words the sentence
    assert [c[0] for c in r.checks] == ["npv", "bcr", "prob_loss", "in_range", "critical"]
    en = r.basis("en")
    assert "P(NPV<0) = 20% > 10%" in en and "inputs with switching value in range = 1 > 0" in en
    assert "share of critical inputs = 2/3 = 66.67% > 50%" in en and en.endswith("→ Support after adjustment")


# -- the two cases of the new-user pass ---------------------------------------------------------------
def test_cultural_centre_likely_loss_is_not_supported():
    """Issue 9: NPV -27.78 and a 51.6% chance of loss was 调整后支持; under the defaults it is 不予支持."""
    m = static(472.22, 500.0)                        # NPV = 472.22 - 500 = -27.78, BCR 0.944 (>= 0.9)
    draws = cba.appraise(m, benefit=np.r_[np.full(516, 450.0), np.full(484, 550.0)])
    r = recommend(cba.appraise(m), draws=draws)
    assert r.npv == pytest.approx(-27.78) and r.prob_loss == pytest.approx(0.516)
    assert (r.verdict, r.label("zh")) == ("reject", "不予支持")
    zh = r.text("zh")
    assert "后调整后支持" not in zh and "调整后支持" not in zh
    assert "净现值为负的概率为**51.6%**。净现值为负的概率高于50%，亏损的可能性大于盈利" in zh
    assert zh.endswith("建议**不予支持**。")
    assert r.text("en").endswith("That probability is above 50%: a loss is more likely than not, so the project "
                                 "is not economical. **Do not support**.")
    assert r.basis("zh") == "本结论的依据：P(NPV<0) = 51.6% > 50% → 不予支持"
    assert r.basis("en") == "What decided: P(NPV<0) = 51.6% > 50% → Do not support"
    # without the risk analysis the same figures are close to break-even: adjust, worded once
    near = recommend(cba.appraise(m))
    assert near.verdict == "adjust"
    assert "结论为**调整后支持**：建议压缩成本或调整实施范围" in near.text("zh")
    assert near.text("zh").count("调整后支持") == 1
    assert "净现值不为正，但效益费用比0.9444不低于0.90，接近盈亏平衡。" in near.text("zh")
    assert "reduce its costs or change its scope until the benefit-cost ratio reaches 1.00" in near.text("en")
    above = rec(115, {"min_bcr": 1.2}).text("zh")      # NPV > 0, BCR below min_bcr
    assert "效益费用比1.15低于1.20，但不低于0.90，接近盈亏平衡。" in above and "不低于1.20。" in above


def street_lamp() -> cba.Model:
    """Six inputs, each ±5%; NPV = 120 - 100 = 20. Elasticity of a linear input is its amount
    over the NPV: 40/20 = 2 for a, b, c, d; 50/20 = 2.5 for e; 10/20 = 0.5 for f. Five of six
    have |elasticity| >= 1 (critical, EU guide); none has its switching value within its range
    (a, b, c, d must move 50%, e 40%, f 200%)."""
    rng = lambda x: {"value": x, "low": 0.95 * x, "high": 1.05 * x}  # noqa: E731
    return cba.load_model({
        "name": "路灯节能改造", "currency": "万元", "horizon": 0, "discount_rate": 0.08,
        "parameters": {"a": rng(40), "b": rng(40), "c": rng(40), "d": rng(40), "e": rng(50), "f": rng(10)},
        "options": {"led": {"flows": [{"name": "saving", "kind": "benefit", "amount": "a + b + c"},
                                      {"name": "cost", "kind": "cost", "amount": "d + e + f"}]}}})


def test_street_lamp_with_five_of_six_critical_inputs_is_not_supported():
    r = AppraisalReport(street_lamp(), n_draws=0).recommendation
    assert r.npv == pytest.approx(20) and r.bcr == pytest.approx(1.2)
    assert (r.n_critical, r.n_ranged, r.n_in_range) == (5, 6, 0)
    assert (r.verdict, r.reason) == ("adjust", "critical")
    zh = r.text("zh")
    assert "6个有取值区间的参数中有5个为敏感因素（83.33%，上限50%）" in zh
    assert "结论为**调整后支持**：建议核实这些参数的取值依据" in zh
    assert "敏感因素占比 = 5/6 = 83.33% > 50%" in r.basis("zh")
    # a rule that accepts five of six critical inputs supports it
    assert AppraisalReport(street_lamp(), n_draws=0, decision={"max_critical_share": 5 / 6}
                           ).recommendation.verdict == "support"


# -- where the thresholds come from ------------------------------------------------------------------
def test_model_file_decision_section_and_report_override(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("name: t\nhorizon: 0\ndiscount_rate: 0.08\ndecision:\n  adjust_min_bcr: 0.95\n"
                    "parameters: {benefit: 92, cost: 100}\n"
                    "options: {p: {flows: [{name: b, kind: benefit, amount: benefit},"
                    " {name: c, kind: cost, amount: cost}]}}\n", encoding="utf-8")
    m = cba.load_model(path)
    assert dict(m.decision) == {"adjust_min_bcr": 0.95}
    assert recommend(cba.appraise(m)).verdict == "reject"                       # BCR 0.92 < 0.95 (model file)
    assert static(92).decision == {} and recommend(cba.appraise(static(92))).verdict == "adjust"  # default 0.9
    r = AppraisalReport(path, n_draws=0, decision={"adjust_min_bcr": 0.92})     # -p beats the model file
    assert r.recommendation.verdict == "adjust"
    assert r.recommendation.sources["adjust_min_bcr"] == "report"
    assert r.rule_sources["min_bcr"] == "default"
    assert AppraisalReport(path, n_draws=0).rule_sources["adjust_min_bcr"] == "model"
    # round trip through the model-file structure and through Excel (one settings row per threshold)
    assert cba.Model.from_dict(m.to_dict()).decision == m.decision
    xlsx = tmp_path / "m.xlsx"
    cba.write_excel(m, xlsx)
    import openpyxl

    keys = [row[0] for row in openpyxl.load_workbook(xlsx)["settings"].iter_rows(values_only=True)]
    assert "decision_adjust_min_bcr" in keys
    assert cba.load_model(xlsx).decision == {"adjust_min_bcr": 0.95}


@pytest.mark.parametrize("entry,where,words", [
    ({"max_loss_probability": 10}, "decision.max_loss_probability", "between 0 and 1 (10% is 0.10), got 10"),
    ({"max_loss_probability": "ten"}, "decision.max_loss_probability", "expected a number, got 'ten'"),
    ({"min_bcr": -1}, "decision.min_bcr", "benefit-cost ratio of 0 or more"),
    ({"max_in_range": 1.5}, "decision.max_in_range", "whole number of 0 or more, got 1.5"),
    ({"adjust_min_bcr": 1.1}, "decision.adjust_min_bcr", "adjust_min_bcr (1.1) must not exceed min_bcr (1.0)"),
    ({"max_loss_probability": 0.6}, "decision.max_loss_probability", "set reject_loss_probability as well"),
    ({"max_los_probability": 0.1}, "decision", "did you mean 'max_loss_probability'?"),
    ([0.1], "decision", "expected a mapping"),
])
def test_bad_thresholds_name_the_field(entry, where, words):
    with pytest.raises(InputError) as exc:
        static(110, decision=entry)
    assert exc.value.where == where and words in str(exc.value)
    with pytest.raises(InputError) as exc:                 # a report's -p decision=... the same way
        AppraisalReport(static(110), n_draws=0, decision=entry if isinstance(entry, dict) else {"x": 1})
    assert exc.value.where.startswith("decision")


def test_bad_threshold_in_chinese():
    with use_lang("zh"), pytest.raises(InputError) as exc:
        decision_rule(None, {"max_loss_probability": 10})
    assert exc.value.render("zh") == "decision.max_loss_probability：应为 0 到 1 之间的小数（10% 写作 0.10），实际为 10"


def test_defaults():
    assert DecisionRule().to_dict() == {"min_bcr": 1.0, "max_loss_probability": 0.10,
                                        "reject_loss_probability": 0.50, "adjust_min_bcr": 0.9,
                                        "max_in_range": 0, "max_critical_share": 0.5}
