"""Indicator systems: validation, shipped systems, grades, project types, Excel round trip."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from cba.errors import InputError
from cba.i18n import use_lang
from cba.review import IndicatorSystem, load_indicators, system, systems, write_indicators


def _small() -> dict:
    return {"name": "t", "indicators": [
        {"id": "necessity", "name": "立项必要性", "weight": 40, "children": [
            {"id": "policy_fit", "name": "政策相符性", "weight": 20, "rule": {"kind": "grade"}},
            {"id": "demand", "name": "需求迫切性", "weight": 20, "rule": {"kind": "yes_no"}}]},
        {"id": "economy", "name": "投入经济性", "weight": 60, "children": [
            {"id": "bcr", "name": "效益费用比", "weight": 60,
             "rule": {"kind": "appraisal", "metric": "bcr", "bands": [[1.0, 0.6], [2.0, 1.0]]}}]}]}


# -- shipped systems ---------------------------------------------------------------------------
def test_shipped_systems_load_and_sum_to_100():
    assert systems() == ("ex_ante_five", "mof_project", "unit_self")
    for name in systems():
        s = system(name)
        assert s.source                                           # each cites its source
        assert sum(d.weight for d in s.dimensions) == pytest.approx(100, abs=1e-9)
        assert sum(leaf.weight for leaf in s.leaves) == pytest.approx(100, abs=1e-9)
        for ind in s.walk():
            if ind.children:
                assert sum(c.weight for c in ind.children) == pytest.approx(ind.weight, abs=1e-9)


def test_shipped_level_one_weights():
    five = system("ex_ante_five")
    assert [(d.name, d.weight) for d in five.dimensions] == [
        ("立项必要性", 20), ("投入经济性", 20), ("绩效目标合理性", 20), ("实施方案可行性", 20), ("筹资合规性", 20)]
    assert [d.name for d in system("mof_project").dimensions] == ["决策", "过程", "产出", "效益"]
    assert [(d.name, d.weight) for d in system("unit_self").dimensions] == [
        ("预算执行率", 10), ("产出", 50), ("效益", 30), ("满意度", 10)]
    assert "illustrative" in open(_path("mof_project")).read().lower()     # weights labelled as examples


def _path(name):
    from importlib.resources import files
    return files("cba.review").joinpath("systems", f"{name}.yaml")


def test_unknown_system_suggests():
    with pytest.raises(InputError, match="did you mean 'unit_self'"):
        system("unit_slef")


# -- grades ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("total, grade", [
    (100, "优"), (90, "优"), (89.99, "良"), (80, "良"), (79.999, "中"), (79.999999, "中"), (60, "中"),
    (59.999, "差"), (0, "差"),
    (89.99999999999999, "优"),     # a float sum that means 90: within the stated 1e-9 tolerance
])
def test_grade_boundaries(total, grade):
    assert system("ex_ante_five").grade(total) == grade


def test_grades_configurable_and_vectorised():
    d = _small() | {"grades": {"A": 85, "B": 70}, "bottom": "C"}
    s = load_indicators(d)
    assert list(s.grade(np.array([85.0, 84.99, 70.0, 69.0]))) == ["A", "B", "B", "C"]


def test_grades_must_descend():
    with pytest.raises(InputError) as err:
        load_indicators(_small() | {"grades": {"优": 90, "良": 95}})
    assert err.value.render("en") == "grades.良: grade bounds must descend: 良's bound 95 is not below 优's 90"


# -- weight validation, levels, ids, rules ---------------------------------------------------------
def test_weights_must_sum_to_the_parent_and_the_message_says_the_sum():
    d = _small()
    d["indicators"][0]["children"][1]["weight"] = 15            # 20 + 15 = 35, not 40
    with pytest.raises(InputError) as err:
        load_indicators(d)
    assert err.value.render("en") == ("indicators[0] (id: necessity).children: the weights sum to 35, "
                                      "expected 40 (the weight of necessity)")
    assert err.value.render("zh") == ("indicators[0] (id: necessity).children：下级指标权重之和为 35，"
                                      "应等于 necessity 的权重 40")


def test_top_level_sums_to_the_total_within_1e9():
    d = _small()
    d["indicators"][1]["weight"] = 60 + 1e-6
    d["indicators"][1]["children"][0]["weight"] = 60 + 1e-6
    with pytest.raises(InputError, match=r"the level-1 weights sum to 100.000001, expected the total 100"):
        load_indicators(d)
    d = _small()
    d["indicators"][1]["weight"] = d["indicators"][1]["children"][0]["weight"] = 60 + 1e-12
    assert load_indicators(d).total == 100                       # within the tolerance


def test_at_most_three_levels():
    d = _small()
    d["indicators"][1]["children"][0] = {"id": "l2", "name": "二级", "weight": 60, "children": [
        {"id": "l3", "name": "三级", "weight": 60, "children": [
            {"id": "l4", "name": "四级", "weight": 60, "rule": {"kind": "yes_no"}}]}]}
    with pytest.raises(InputError) as err:
        load_indicators(d)
    assert err.value.render("en") == ("indicators[1].children[0].children[0].children[0] (id: l4): "
                                      "an indicator system has at most 3 levels")


def test_ids_unique():
    d = _small()
    d["indicators"][1]["children"][0]["id"] = "demand"
    with pytest.raises(InputError, match=r"indicators\[1\].children\[0\] \(id: demand\).id: the indicator id 'demand' "
                                         r"is used twice \(first at indicators\[0\].children\[1\] \(id: demand\)\)"):
        load_indicators(d)


def test_every_leaf_has_a_valid_rule_and_parents_none():
    d = _small()
    del d["indicators"][0]["children"][1]["rule"]
    with pytest.raises(InputError, match=r"\(id: demand\): the leaf indicator demand has no scoring rule"):
        load_indicators(d)
    d = _small()
    d["indicators"][0]["rule"] = {"kind": "yes_no"}
    with pytest.raises(InputError, match="has children, so it takes no rule"):
        load_indicators(d)
    d = _small()
    d["indicators"][0]["children"][0]["rule"] = {"kind": "grade", "map": {"优": 1.5}}
    with pytest.raises(InputError) as err:
        load_indicators(d)
    with use_lang("zh"):
        assert str(err.value) == "indicators[0].children[0] (id: policy_fit).rule.map.优：应为 0 到 1 之间的比例，实际为 1.5"


def test_yaml_file_errors_name_the_file_and_count_from_one(tmp_path):
    import yaml

    d = _small()
    d["indicators"][0]["children"][1]["weight"] = "ten"
    p = tmp_path / "ind.yaml"
    p.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_indicators(p)
    assert err.value.render("en") == f"{p}: indicators[1].children[2] (id: demand).weight: expected a number, got 'ten'"
    assert err.value.render("zh") == f"{p}：indicators[1].children[2] (id: demand).weight：应为数字，实际为 'ten'"


# -- scoring a leaf --------------------------------------------------------------------------------
def test_leaf_score_in_points():
    s = load_indicators(_small())
    assert s["bcr"].score(1.4) == pytest.approx(36.0)            # 60 x 0.6
    assert s["demand"].score("否") == 0.0
    assert s["bcr"].dimension == "economy" and s["demand"].parent == "necessity"


# -- project types ------------------------------------------------------------------------------------
def test_for_type_drops_and_renormalises_and_says_so():
    d = _small() | {"project_types": ["it", "building"]}
    d["indicators"][0]["children"].append(
        {"id": "site", "name": "选址条件", "weight": 10, "rule": {"kind": "grade"}, "applies_to": ["building"]})
    d["indicators"][0]["weight"] = 50
    d["indicators"][1]["weight"] = 50
    d["indicators"][1]["children"][0]["weight"] = 50
    s = load_indicators(d)
    assert "site" in s
    it = s.for_type("it")
    # necessity keeps 50: policy_fit and demand 20 -> 25 each (x 50/40 = 1.25)
    assert [(x.id, x.weight) for x in it.leaves] == [("policy_fit", 25.0), ("demand", 25.0), ("bcr", 50.0)]
    assert sum(x.weight for x in it.leaves) == 100
    assert it.project_type == "it"
    assert it.notes[0].render("en") == ("for it: dropped site (applies to building); necessity: "
                                        "policy_fit 20 -> 25, demand 20 -> 25 (x 1.25)")
    assert [x.id for x in s.for_type("building").leaves] == ["policy_fit", "demand", "site", "bcr"]
    with pytest.raises(InputError, match="unknown project type 'road'"):
        s.for_type("road")


# -- Excel ------------------------------------------------------------------------------------------
def test_excel_round_trip(tmp_path):
    for name in systems():
        s = system(name)
        write_indicators(s, tmp_path / f"{name}.xlsx")
        back = load_indicators(tmp_path / f"{name}.xlsx")
        assert isinstance(back, IndicatorSystem)
        assert back == s


def test_excel_written_by_hand_with_chinese_headers_and_a_bad_cell(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "indicators"
    ws.append(["编号", "上级", "名称", "分值", "评分规则", "参数"])
    ws.append(["necessity", None, "立项必要性", 100, None, None])
    ws.append(["demand", "necessity", "需求迫切性", 60, "yes_no", None])
    ws.append(["arrival", "necessity", "到场时间", 40, "anchored", "anchors: [[1, 5], [2, 3], [.inf, 0]], scale: 5"])
    wb.save(tmp_path / "hand.xlsx")
    s = load_indicators(tmp_path / "hand.xlsx")
    assert s["arrival"].score(1.5) == pytest.approx(24.0)        # 40 x 3/5
    ws["D3"] = "sixty"
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(InputError) as err:
        load_indicators(tmp_path / "bad.xlsx")
    assert err.value.render("en").endswith(
        "bad.xlsx: sheet 'indicators', row 3 (id: demand), column D ('weight'): expected a number, got 'sixty'")
    assert err.value.render("zh").endswith(
        "bad.xlsx：工作表 'indicators' 第 3 行（id: demand）D 列（'weight'）：应为数字，实际为 'sixty'")


def test_to_frame_and_summary_in_both_languages():
    s = system("unit_self")
    zh = s.to_frame("zh")
    assert list(zh.columns) == ["编号", "上级指标", "层级", "指标名称", "分值", "评分规则", "适用项目类型"]
    assert zh.iloc[0]["评分规则"] == "实际值/目标值（越高越好），目标 1，最高为 1"
    assert "Budget execution" in s.summary("en") and "预算执行率" in s.summary("zh")
    assert "<table" in s._repr_html_()
