"""Scenario names and labels (issue 9): any non-empty name, Chinese included, in YAML and Excel;
an optional label shown everywhere; ``label``/``description`` reserved in a scenario."""
from __future__ import annotations

import openpyxl
import pytest

import cba
from cba import InputError
from cba.cli.app import main
from cba.i18n import use_lang
from cba.report import AppraisalReport

YAML = """\
name: 购置测试
horizon: 3
discount_rate: 0.1
baseline: keep
parameters:
  price: {value: 100, low: 80, high: 120}
  saving: 40
options:
  keep: {label: 维持现状, flows: [{name: running, kind: cost, amount: saving}]}
  buy: {label: 购置, flows: [{name: purchase, kind: cost, amount: price, at: 0}]}
scenarios:
  悲观:
    label: 悲观情景（价格上涨）
    description: 单价取高值
    price: 120
  optimistic: {price: 80}
  rush_hour: {saving: 50}
"""

# Incremental NPV of buy against keep at 10%: -price + 40 (1/1.1 + 1/1.1^2 + 1/1.1^3)
#   = -price + 40 x 2.486852 = -price + 99.474080 (annuity factor of 10%, 3 years, by hand)
ANNUITY = 1 / 1.1 + 1 / 1.1 ** 2 + 1 / 1.1 ** 3


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text(YAML, encoding="utf-8")
    return p


def test_chinese_scenario_name_and_label_from_yaml(path):
    m = cba.load_model(path)
    assert list(m.scenarios) == ["悲观", "optimistic", "rush_hour"]
    assert dict(m.scenarios["悲观"]) == {"price": 120.0}            # the label is not a parameter
    assert m.scenario_labels == {"悲观": "悲观情景（价格上涨）"}
    assert m.scenario_descriptions == {"悲观": "单价取高值"}
    assert cba.appraise(m, scenario="悲观")["buy", "npv"] == pytest.approx(-120 + 40 * ANNUITY, abs=1e-9)
    assert -120 + 40 * ANNUITY == pytest.approx(-20.525920, abs=1e-6)
    # labels: the model's own, else the glossary's for the common keys, else the name as written
    assert m.scenario_label("悲观") == "悲观情景（价格上涨）"
    assert (m.scenario_label("optimistic", "zh"), m.scenario_label("optimistic", "en")) == ("乐观情景", "optimistic")
    assert m.scenario_label("rush_hour") == "rush_hour"
    assert (m.scenario_label(None, "zh"), m.scenario_label("base", "en")) == ("基准情景", "Base case")
    # round trip: the label and description go back into the scenario
    d = m.to_dict()
    assert d["scenarios"]["悲观"] == {"label": "悲观情景（价格上涨）", "description": "单价取高值", "price": 120.0}
    assert cba.load_model(d) == m


def test_excel_scenarios_with_chinese_names_and_label_rows(path, tmp_path):
    m = cba.load_model(path)
    cba.write_excel(m, tmp_path / "m.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "m.xlsx")["scenarios"].iter_rows(values_only=True))
    assert ("悲观", "label", "悲观情景（价格上涨）") in rows and ("悲观", "price", 120) in rows
    assert cba.load_model(tmp_path / "m.xlsx") == m
    # a workbook typed by hand: spaces Excel hides around a name are dropped
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    ws = wb["scenarios"]
    ws.append(["高峰 ", "label", "高峰时段"])
    ws.append(["高峰", "saving", 60])
    wb.save(tmp_path / "m2.xlsx")
    m2 = cba.load_model(tmp_path / "m2.xlsx")
    assert m2.scenario_labels["高峰"] == "高峰时段" and dict(m2.scenarios["高峰"]) == {"saving": 60.0}
    assert cba.appraise(m2, scenario="高峰")["buy", "npv"] == pytest.approx(-100 + 60 * ANNUITY, abs=1e-9)


def test_the_kiosk_files_carry_labels(kiosk_path):
    for p in (kiosk_path, kiosk_path.with_suffix(".xlsx")):
        m = cba.load_model(p)
        assert dict(m.scenario_labels) == {"pessimistic": "悲观情景", "optimistic": "乐观情景"}


def test_a_parameter_named_label_stays_usable(small):
    small["parameters"]["label"] = 5
    small["options"]["buy"]["flows"][0]["amount"] = "price + label"
    small["scenarios"] = {"dear": {"label": "高价", "price": 120}}
    m = cba.load_model(small)
    assert m.scenario_labels == {"dear": "高价"} and dict(m.scenarios["dear"]) == {"price": 120.0}
    assert cba.appraise(m, label=7)["buy", "pv_costs"] == pytest.approx(107)
    # a number under `label` in a scenario is meant for the parameter, which a scenario cannot set
    small["scenarios"] = {"dear": {"label": 9}}
    with pytest.raises(InputError) as err:
        cba.load_model(small)
    assert err.value.where.endswith("scenarios.dear.label")
    assert "rename the parameter" in err.value.render("en")
    assert "请将该参数改名" in err.value.render("zh")
    # without such a parameter a number is simply the label's text
    small["parameters"].pop("label")
    small["options"]["buy"]["flows"][0]["amount"] = "price"
    assert cba.load_model(small).scenario_labels == {"dear": "9"}


@pytest.mark.parametrize("name", ["", "   ", None])
def test_empty_scenario_names_are_refused(small, name):
    small["scenarios"] = {name: {"price": 90}}
    with pytest.raises(InputError) as err:
        cba.load_model(small)
    assert "non-empty" in err.value.render("en") and "非空" in err.value.render("zh")


def test_labels_for_scenarios_that_do_not_exist_are_refused(small):
    small["scenarios"] = {"dear": {"price": 120}}
    m = cba.load_model(small)
    with pytest.raises(InputError, match="no scenario named 'cheap'"):
        m.replace(scenario_labels={"cheap": "低价"})
    assert m.replace(scenario_labels={"dear": "高价"}).scenario_label("dear") == "高价"


def test_labels_show_in_the_cli_and_the_report(path, capsys):
    assert main(["evaluate", str(path), "--scenario", "悲观", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "情景：悲观情景（价格上涨）" in out
    assert main(["sensitivity", str(path), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    table = out.split("[情景分析]")[1]
    for shown in ("基准情景", "悲观情景（价格上涨）", "乐观情景", "rush_hour", "price=120"):
        assert shown in table, shown
    assert "\n悲观 " not in table and "optimistic" not in table
    with use_lang("zh"):
        rep = AppraisalReport(path, scenario="悲观", n_draws=0)
        assert ["情景", "悲观情景（价格上涨）"] in rep.title().items[2]["rows"]
        scen = next(it for it in rep.metrics().items if it["t"] == "table" and it["columns"][0] == "情景")
        assert [r[0] for r in scen["rows"]] == ["基准情景", "悲观情景（价格上涨）", "乐观情景", "rush_hour"]
