"""cba.review.monitor: the 20% boundary (">"), idle funds and the self-report contradiction,
budget actions by the stated rule, errors naming the file, row and column. Expected values are
worked out by hand in each test."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from cba.errors import InputError
from cba.i18n import use_lang
from cba.review.monitoring import BudgetRule, monitor


def table(*rows):
    """Rows (project, period, planned_spend, actual_spend, planned_output, actual_output,
    self_reported[, grade])."""
    cols = ["project", "period", "planned_spend", "actual_spend", "planned_output", "actual_output",
            "self_reported", "grade"]
    rows = [r if len(r) == 8 else (*r, None) for r in rows]
    return pd.DataFrame(rows, columns=cols)


def test_exactly_20_percent_behind_is_not_warned_and_20_01_is():
    # spending: A 8000/10000 -> (10000 - 8000) / 10000 = 20% exactly: no warning;
    #           B 7999/10000 -> 2001 / 10000 = 20.01% > 20%: warned.
    # output:   C 80/100 -> 20%: none; D 79.99/100 -> 20.01%: warned.
    m = monitor(table(("A", 1, 10000, 8000, 1, 1, "met"), ("B", 1, 10000, 7999, 1, 1, "met"),
                      ("C", 1, 100, 100, 100, 80, "met"), ("D", 1, 100, 100, 100, 79.99, "met")))
    assert m.project("A").warnings == ()
    assert m.project("B").warnings == ("spend_behind",)
    assert m.project("C").warnings == ()
    assert m.project("D").warnings == ("output_behind", "report_contradicts_output")


def test_boundary_with_floats_that_do_not_divide_evenly():
    # 1 - 0.8 is 0.19999999999999996 in binary floating point; 24 of 30 is 80% too: no warning.
    m = monitor(table(("A", 1, 0.3, 0.24, 3, 3, "met")))
    assert m.project("A").warnings == ()


def test_cumulative_over_periods_and_threshold_configurable():
    # planned 50 + 50 = 100, actual 40 + 30 = 70: 30% behind -> warned at 20%, not at 30% (30% is not > 30%)
    t = table(("A", 1, 50, 40, 10, 10, "met"), ("A", 2, 50, 30, 10, 10, "met"))
    assert monitor(t).project("A").warnings == ("spend_behind",)
    assert monitor(t, behind=0.3).project("A").warnings == ()
    assert monitor(t).project("A").spend_rate == pytest.approx(0.7, abs=1e-15)
    assert monitor(t).project("A").period == "2"


def test_idle_funds_and_the_self_reported_contradiction():
    # X: 32 of 100 spent (disbursement 32% < 50%), output met, self-reported "exceeded":
    #    idle and a named contradiction; Y: same spending, honestly "not_met": idle, no contradiction;
    # Z: 50 of 100 = 50%, not below 50%: behind (50% > 20%) but not idle.
    m = monitor(table(("X", 1, 100, 32, 10, 10, "exceeded"), ("Y", 1, 100, 32, 10, 10, "not_met"),
                      ("Z", 1, 100, 50, 10, 10, "met")))
    assert m.project("X").warnings == ("spend_behind", "idle_funds", "report_contradicts_idle")
    assert m.project("Y").warnings == ("spend_behind", "idle_funds")
    assert m.project("Z").warnings == ("spend_behind",)
    assert m.project("X").idle_amount == 68
    with use_lang("zh"):
        text = m.summary()
    assert "X：支出执行率 32%，产出完成率 100%" in text
    assert "自评达标但资金闲置（自评与支出数据矛盾）" in text


def test_portfolio_cross_check_of_self_reports():
    # 25 projects of 100 each; 24 self-report "exceeded" (96%); those 24 spent 68 each:
    # unspent 24 x 32 = 768 of 2400 = 32% > 20% -> the named contradiction.
    rows = [(f"P{i}", 1, 100, 68, 10, 10, "exceeded") for i in range(24)] + [("Q", 1, 100, 100, 10, 5, "not_met")]
    check = monitor(table(*rows)).portfolio_check()
    assert check["reported_met_share"] == 0.96
    assert check["idle_share_reported_met"] == pytest.approx(0.32, abs=1e-15)
    assert check["idle_share"] == pytest.approx(768 / 2500, abs=1e-15)
    assert check["contradiction"] is True
    with use_lang("zh"):
        text = monitor(table(*rows)).summary()
    assert "96% 的项目自评达标或超额完成，而计划资金的 30.72% 尚未支出" in text
    assert "预警（自评与支出数据矛盾）" in text


def test_budget_actions_by_the_default_rule():
    # planned 200 each.
    # poor: grade 差 -> cut 50% = -100 whatever the monitoring shows
    # miss: output 60/100 (40% behind) and 80/200 spent (40% < 50%, idle) -> cut -100
    # star: 优 with 196/200 = 98% >= 95% disbursed, output met -> increase 10% = +20
    # nearly: 优 with 188/200 = 94% < 95% -> keep; behind: output missed but funds not idle -> keep
    m = monitor(table(("poor", 1, 200, 200, 10, 10, "met", "差"), ("miss", 1, 200, 80, 100, 60, "exceeded", "中"),
                      ("star", 1, 200, 196, 10, 10, "met", "优"), ("nearly", 1, 200, 188, 10, 10, "met", "优"),
                      ("behind", 1, 200, 180, 100, 60, "not_met", "良")))
    got = {p.project: (p.action, p.change) for p in m.projects}
    assert got == {"poor": ("cut", -100.0), "miss": ("cut", -100.0), "star": ("increase", 20.0),
                   "nearly": ("keep", 0.0), "behind": ("keep", 0.0)}
    with use_lang("zh"):
        assert "规则：等级为 差，或产出落后且资金闲置的项目削减计划预算的 50%" in m.summary()
        assert "并非官方规定" in m.summary()


def test_budget_rule_is_configurable():
    # cut 30% instead of 50%: 200 x 0.3 = 60; increase grades 优 and 良 by 5%: 200 x 0.05 = 10
    t = table(("poor", 1, 200, 200, 10, 10, "met", "差"), ("good", 1, 200, 200, 10, 10, "met", "良"))
    m = monitor(t, rule={"cut_share": 0.3, "increase_grades": ("优", "良"), "increase_share": 0.05})
    assert [(p.action, p.change) for p in m.projects] == [("cut", -60.0), ("increase", 10.0)]
    assert m.to_dict()["rule"]["cut_share"] == 0.3
    with pytest.raises(InputError, match="cut_share"):
        BudgetRule(cut_share=1.5)
    with pytest.raises(InputError):
        monitor(t, rule={"cut": 0.3})


def test_csv_errors_name_file_row_and_column(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("project,period,planned_spend,actual_spend,planned_output,actual_output,self_reported\n"
                 "A,1,10,5,1,1,met\nA,2,10,-1,1,1,met\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        monitor(f)
    assert err.value.render("en") == f"{f}: row 3, column 'actual_spend': amounts and outputs cannot be negative, got -1"
    f.write_text("project,period,planned_spend,actual_spend,planned_output,actual_output,self_reported\n"
                 "A,1,10,5,1,1,done\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        monitor(f)
    assert "row 2, column 'self_reported'" in err.value.render("en")
    f.write_text("project,period,planned_spend\nA,1,10\n", encoding="utf-8")
    with pytest.raises(InputError, match="actual_spend"):
        monitor(f)
    f.write_text("project,period,planned_spend,actual_spend,planned_output,actual_output,self_reported\n"
                 "A,1,10,5,1,1,met\nA,1,10,5,1,1,met\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        monitor(f)
    assert "row 3, column 'period'" in err.value.render("en") and "first in row 2" in err.value.render("en")
    with pytest.raises(InputError, match="share"):
        monitor(f, behind=1.2)


def test_gbk_csv_with_chinese_self_reports(tmp_path):
    # 超额完成 = exceeded; 10 of 40 spent = 25% < 50%: idle and contradicting the self-report
    f = tmp_path / "m.csv"
    f.write_bytes("project,period,planned_spend,actual_spend,planned_output,actual_output,self_reported\n"
                  "水务,1,40,10,2,2,超额完成\n".encode("gbk"))
    p = monitor(f).project("水务")
    assert p.self_reported == "exceeded" and "report_contradicts_idle" in p.warnings


def test_shipped_monitoring_table():
    # data/portfolio/monitoring.csv (SYNTHETIC): P02 (河道水质提升工程) spends 4 x 90 x 0.35 = 126 of 360
    # (35%) and delivers 60% of output while reporting "exceeded": cut 50% of 360 = 180.
    from pathlib import Path

    m = monitor(Path(__file__).parents[2] / "data" / "portfolio" / "monitoring.csv")
    p2 = m.project("P02")
    assert (p2.planned_spend, p2.actual_spend) == (360.0, 126.0)
    assert p2.action == "cut" and p2.change == -180.0 and "report_contradicts_idle" in p2.warnings
    assert m.project("P01").action == "increase" and m.project("P01").change == 20.0   # 优, 200 x 10%
    assert len(m.projects) == 24 and m.portfolio_check()["contradiction"]
    frame = m.to_frame("zh")
    assert list(frame.columns[:3]) == ["项目", "截至期间", "计划支出"]
    assert not math.isnan(m.to_dict()["projects"][0]["spend_rate"])
