"""cba.review: scores, grade, gates and their reasons, the conclusion rule, summaries, errors.

Every expected number is worked out by hand in the test from the system below.
"""

import pandas as pd
import pytest

import cba
from cba import InputError, use_lang
from cba.review.assess import Review, review

SYSTEM = {
    "name": "测试指标体系",
    "source": "a test system (hand-made)",
    "grades": {"优": 90, "良": 80, "中": 60},
    "indicators": [
        {"id": "necessity", "name": "立项必要性", "weight": 40, "children": [
            {"id": "policy_fit", "name": "政策相符性", "weight": 20,
             "rule": {"kind": "grade", "map": {"优": 1.0, "良": 0.8, "中": 0.6, "差": 0.0}}},
            {"id": "demand", "name": "需求迫切性", "weight": 20, "rule": {"kind": "yes_no"}}]},
        {"id": "economy", "name": "投入经济性", "weight": 20, "children": [
            {"id": "bcr", "name": "效益费用比", "weight": 20,
             "rule": {"kind": "appraisal", "metric": "bcr", "bands": [[1.0, 0.6], [1.5, 0.8], [2.0, 1.0]]}}]},
        {"id": "feasibility", "name": "实施方案可行性", "weight": 40, "children": [
            {"id": "plan", "name": "实施方案", "weight": 40, "rule": {"kind": "expert"}}]},
    ],
}


from cba.review.indicators import load_indicators  # noqa: E402


def make_system(extra=None):
    return load_indicators(dict(SYSTEM, **(extra or {})))


def five(plan_middle, low=None, high=None):
    """Five assessors on 'plan' (weight 40): low, 3 x plan_middle, high -> trimmed mean plan_middle
    (low and high default to 6 points either side, within 0..40)."""
    low = plan_middle - 6 if low is None else low
    high = min(40.0, plan_middle + 6) if high is None else high
    return pd.DataFrame({"assessor": list("ABCDE"), "indicator": ["plan"] * 5,
                         "score": [low, plan_middle, plan_middle, plan_middle, high]})


EVIDENCE = {"policy_fit": "优", "demand": True, "appraisal": {"bcr": 1.6}}
# policy_fit 优 -> 20 x 1.0 = 20; demand yes -> 20; bcr 1.6 in [1.5, 2.0) -> 20 x 0.8 = 16: 56 by rule


def test_scores_dimensions_and_total_by_hand():
    r = review(None, make_system(), EVIDENCE, panel=five(30.0))
    assert isinstance(r, Review)
    s = r.scores
    assert s.loc["policy_fit", "score"] == 20.0 and s.loc["demand", "score"] == 20.0
    assert s.loc["bcr", "score"] == pytest.approx(16.0, abs=1e-12)
    assert s.loc["bcr", "value"] == 1.6 and r.metric_sources == {"bcr": "evidence"}
    assert s.loc["plan", "score"] == 30.0 and s.loc["plan", "source"] == "panel"
    assert list(r.dimensions["score"]) == pytest.approx([40.0, 16.0, 30.0], abs=1e-12)
    assert r.total == pytest.approx(86.0, abs=1e-12)                  # 20 + 20 + 16 + 30
    assert r.grade == "良" and r.conclusion == "support"


def test_grade_boundary_through_the_review_total():
    # 56 + 33.99 = 89.99 -> 良 (below 90); 56 + 34 = 90 -> 优
    r = review(None, make_system(), EVIDENCE, panel=five(33.99))
    assert r.total == pytest.approx(89.99, abs=1e-9) and r.grade == "良"
    r = review(None, make_system(), EVIDENCE, panel=five(34.0))
    assert r.total == 90.0 and r.grade == "优"


def test_conclusion_rule():
    # no gate failed and grade 良 or better -> support; 中 -> adjust with the weak indicators listed
    r = review(None, make_system(), EVIDENCE, panel=five(24.0))            # 56 + 24 = 80 -> 良
    assert (r.total, r.grade, r.conclusion) == (80.0, "良", "support")
    r = review(None, make_system(), dict(EVIDENCE, demand=False), panel=five(24.0))   # 60 -> 中
    assert (r.total, r.grade, r.conclusion) == (60.0, "中", "adjust")
    text = [t.render("en") for t in r.reasons]
    assert "total 60.00, grade 中, below 良 (80 points)" in text[0]
    assert any("需求迫切性 scores 0.00 of 20" in t for t in text)              # demand 0 < 60% of 20
    assert not any("实施方案" in t for t in text)                             # plan 24 = 60% of 40: not weak
    # the conclusion's bar is configurable: with support_grade 优, a 良 total is adjusted
    r = review(None, make_system(), EVIDENCE, panel=five(30.0), support_grade="优")
    assert (r.grade, r.conclusion) == ("良", "adjust")
    # any failed gate -> reject, whatever the grade (here 优)
    r = review(None, make_system(), EVIDENCE, panel=five(34.0), gates=[{"kind": "total", "min": 95}])
    assert (r.grade, r.conclusion) == ("优", "reject")
    assert [t.render("en") for t in r.reasons] == ["total score 90.00 is below the threshold 95.00: failed"]


def _gate(gate, **evidence):
    return review(None, make_system(), dict(EVIDENCE, **evidence), panel=five(30.0), gates=[gate])


def test_metric_gate_bcr_exactly_one_passes():
    g = {"kind": "metric", "metric": "bcr", "min": 1.0}
    r = _gate(g, appraisal={"bcr": 1.0})
    assert r.gates[0].passed and r.gates[0].value == 1.0 and r.gates[0].op == ">="
    assert r.gates[0].text.render("zh") == "效益费用比 1.00 不低于门槛 1.00，通过"
    # the bcr leaf: 1.0 in [1.0, 1.5) -> 20 x 0.6 = 12; total 20 + 20 + 12 + 30 = 82 -> 良 -> support
    assert r.total == 82.0 and r.conclusion == "support"
    r = _gate(g, appraisal={"bcr": 0.99})
    assert not r.gates[0].passed and r.conclusion == "reject"
    assert r.reasons[0].render("zh") == "效益费用比 0.99 低于门槛 1.00，未通过"
    assert r.reasons[0].render("en") == "BCR 0.99 is below the threshold 1.00: failed"


def test_value_gate_employment_coefficient_with_its_source():
    g = {"kind": "value", "indicator": "employment_coefficient", "label": "就业带动系数", "min": 0.8,
         "source": "行业基准值"}
    r = _gate(g, employment_coefficient=0.5)
    assert r.conclusion == "reject"
    assert r.reasons[0].render("zh") == "就业带动系数 0.50 低于门槛 0.80，未通过（依据：行业基准值）"
    r = _gate(g, employment_coefficient=0.8)
    assert r.gates[0].passed and r.conclusion == "support"


def test_affordability_gate_at_its_limit():
    g = {"kind": "affordability", "cost_share_max": 0.05}
    r = _gate(g, affordability={"cost": 50, "revenue": 1000})        # 50 / 1000 = 5% = the limit: passes
    assert r.gates[0].passed and r.gates[0].value == 0.05 and r.gates[0].op == "<="
    assert r.gates[0].text.render("zh") == "项目支出占可支配财力的比例 5.00% 不高于上限 5.00%，通过"
    r = _gate(g, affordability={"cost": 100, "revenue": 1000})       # 10% > 5%: fails
    assert r.conclusion == "reject"
    assert r.reasons[0].render("en") == ("project cost as a share of disposable revenue 10.00% is above the "
                                         "limit 5.00%: failed")
    r = _gate(g, affordability={"share": 0.02})
    assert r.gates[0].passed


def test_total_gate_alone_and_all_gates_listed():
    r = _gate({"kind": "total", "min": 86})                  # total 86 -> passes at its bound
    assert r.gates[0].passed and r.conclusion == "support"
    assert r.reasons[0].render("en") == "all 1 gates passed"
    gates = [{"kind": "metric", "metric": "bcr", "min": 1.0}, {"kind": "total", "min": 90},
             {"kind": "affordability", "cost_share_max": 0.05}]
    r = review(None, make_system(), dict(EVIDENCE, affordability={"cost": 80, "revenue": 1000}),
               panel=five(30.0), gates=gates)
    assert [g.passed for g in r.gates] == [True, False, False]
    assert len(r.reasons) == 2 and r.conclusion == "reject"        # the two failed gates, in order
    assert "总分" in r.reasons[0].render("zh") and "可支配财力" in r.reasons[1].render("zh")


def test_gates_from_the_system_file():
    r = review(None, make_system({"gates": [{"kind": "total", "min": 87}]}), EVIDENCE, panel=five(30.0))
    assert r.conclusion == "reject" and r.gates[0].name == "total"


def test_appraisal_rule_from_the_model():
    # zero discount rate: the baseline pays staff 100 a year for 3 years; the kiosk pays 80 a year and
    # 37.5 once -> incremental benefits 3 x 20 = 60, costs 37.5 -> BCR = 60 / 37.5 = 1.6 -> 0.8 x 20 = 16
    m = cba.load_model({"name": "x", "horizon": 3, "discount_rate": 0.0, "baseline": "old", "parameters": {},
                        "options": {"old": {"flows": [{"name": "staff", "kind": "cost", "amount": 100}]},
                                    "new": {"flows": [{"name": "staff", "kind": "cost", "amount": 80},
                                                      {"name": "buy", "kind": "cost", "amount": 37.5, "at": 1}]}}})
    ev = {"policy_fit": "优", "demand": True}
    r = review(m, make_system(), ev, panel=five(30.0), gates=[{"kind": "metric", "metric": "bcr", "min": 1.0}])
    assert r.metrics["bcr"] == pytest.approx(1.6, abs=1e-12) and r.metric_sources["bcr"] == "appraisal"
    assert r.scores.loc["bcr", "score"] == pytest.approx(16.0, abs=1e-12)
    assert any("option 'new'" in n.render("en") for n in r.notes)


def test_summary_in_chinese_and_english():
    r = review(None, make_system(), EVIDENCE, panel=five(30.0), gates=[{"kind": "total", "min": 60}])
    with use_lang("zh"):
        zh = r.summary()
    for part in ("事前绩效评估：测试指标体系", "总分：86.00 / 100", "等级：良", "结论：予以支持", "理由：",
                 "全部 1 项门槛均通过", "否决门槛：", "肯德尔协调系数"):
        assert part in zh
    en = r.summary("en")
    for part in ("Total: 86.00 / 100", "Grade: 良", "Conclusion: support", "Reasons:", "all 1 gates passed"):
        assert part in en
    assert r.conclusion_text("zh") == "予以支持"
    assert list(r.to_frame("zh").columns)[:3] == ["名称", "维度", "规则"]
    d = r.to_dict()
    assert d["total"] == 86.0 and d["conclusion"] == "support" and d["conclusion_text"]["zh"] == "予以支持"
    assert d["scores"]["plan"]["source"] == "panel" and d["gates"][0]["passed"] is True
    with use_lang("zh"):
        html = r._repr_html_()
    assert "予以支持" in html and "<table" in html


def test_errors_name_the_indicator():
    with pytest.raises(InputError) as e:
        review(None, make_system(), dict(EVIDENCE, dmand=True), panel=five(30.0))
    assert e.value.where == "evidence.dmand"
    assert "unknown indicator 'dmand' (did you mean 'demand'?)" in str(e.value)
    ev = dict(EVIDENCE)
    del ev["demand"]
    with pytest.raises(InputError) as e:
        review(None, make_system(), ev, panel=five(30.0))
    assert e.value.where == "evidence.demand" and "indicator 'demand' (yes_no rule) has no evidence value" in str(e.value)
    assert "指标 'demand'（yes_no 规则）缺少证据取值" in e.value.render("zh")
    # an appraisal rule without a model and without an evidence value
    with pytest.raises(InputError) as e:
        review(None, make_system(), {"policy_fit": "优", "demand": True}, panel=five(30.0))
    assert "indicator 'bcr' needs the appraisal metric bcr: give a model" in str(e.value)
    # an expert leaf without the panel
    with pytest.raises(InputError) as e:
        review(None, make_system(), EVIDENCE)
    assert "indicator 'plan' is scored by the expert panel" in str(e.value)
    # a panel score above the indicator's weight
    with pytest.raises(InputError, match="outside 0 to 40"):
        review(None, make_system(), EVIDENCE, panel=five(30.0, high=41))
    with pytest.raises(InputError, match="a gate's kind must be one of"):
        review(None, make_system(), EVIDENCE, panel=five(30.0), gates=[{"kind": "bcr", "min": 1}])


def test_prob_negative_needs_draws_or_evidence():
    sysd = {"indicators": [dict(SYSTEM["indicators"][0]), {"id": "economy", "name": "投入经济性", "weight": 60,
            "children": [{"id": "risk", "name": "净现值为负的概率", "weight": 60,
                          "rule": {"kind": "appraisal", "metric": "prob_negative", "direction": "lower",
                                   "bands": [[0.5, 0.0], [0.2, 0.6], [0.05, 1.0]]}}]}],
            "grades": {"优": 90, "良": 80, "中": 60}}
    s = load_indicators(dict(SYSTEM, **sysd))
    m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.0, "parameters": {},
                        "options": {"p": {"flows": [{"name": "b", "kind": "benefit", "amount": 1}]}}})
    with pytest.raises(InputError, match="set n_draws > 0"):
        review(m, s, {"policy_fit": "优", "demand": True})
    # given as evidence: 0.03 <= 0.05 -> full marks 60; total 40 + 60 = 100
    r = review(m, s, {"policy_fit": "优", "demand": True, "appraisal": {"prob_negative": 0.03}})
    assert r.total == 100.0 and r.metric_sources["prob_negative"] == "evidence"
