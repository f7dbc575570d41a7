"""ICERs with dominance against published examples; acceptability curves against a closed form."""
from __future__ import annotations

import math

import numpy as np
import pytest

from cba.errors import InputError
from cba.i18n import use_lang
from cba.uncertainty.cea import ceac, icer, icer_summary, icer_table, plot_ceac


def Phi(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2))


def test_published_example_strong_dominance():
    # JNCI Cancer Spectrum 2020;4(2):pkaa004, Table 1 (radiation therapy strategies; PMC7083239):
    #   Strategy 1  cost 1,695.865   effectiveness 8.570992  undominated
    #   Strategy 3  cost 12,118.17   effectiveness 8.590681  incremental cost 10,422.31,
    #               incremental effectiveness 0.019688, ICER 529,365.8, undominated
    #   Strategy 2  cost 12,224.17   effectiveness 8.583273  "absolutely dominated" (by 3)
    t = icer(["Strategy 1", "Strategy 2", "Strategy 3"], [1695.865, 12224.17, 12118.17],
             [8.570992, 8.583273, 8.590681])
    assert t.index.tolist() == ["Strategy 1", "Strategy 3", "Strategy 2"]     # sorted by cost
    assert t["status"].tolist() == ["ND", "ND", "D"]
    assert t.loc["Strategy 3", "inc_cost"] == pytest.approx(10422.31, abs=0.01)
    assert t.loc["Strategy 3", "inc_effect"] == pytest.approx(0.019688, abs=1.5e-6)
    # the table's effects are rounded to 6 decimals: the ICER from them, 10,422.305/0.019689 =
    # 529,346.8, is within 1e-4 of the published 529,365.8 (effect rounding alone allows 5e-5 x 2)
    assert t.loc["Strategy 3", "icer"] == pytest.approx(529365.8, rel=1e-4)
    assert t.loc["Strategy 3", "versus"] == "Strategy 1"
    assert math.isnan(t.loc["Strategy 1", "icer"]) and math.isnan(t.loc["Strategy 2", "icer"])
    # the dominated Strategy 2 is shown, as in the published table, against the next cheaper
    # non-dominated strategy (3): incremental cost 106.001, incremental effectiveness -0.00741
    assert t.loc["Strategy 2", "versus"] == "Strategy 3"
    assert t.loc["Strategy 2", "inc_cost"] == pytest.approx(106.001, abs=0.01)   # costs shown to 0.01
    assert t.loc["Strategy 2", "inc_effect"] == pytest.approx(-0.00741, abs=5e-6)


def test_published_example_extended_dominance():
    # K. Frick, "Decision rules", Lecture 11, Johns Hopkins Bloomberg School of Public Health
    # (OpenCourseWare, 2007), Incremental cost-effectiveness tables 1-2: options (cost, effect)
    # 1 (300,000, 25), 2 (200,000, 20), 3 (450,000, 50), 4 (375,000, 40), 5 (400,000, 15).
    # Hand calculation:
    #   5 costs more than 1, 3, 4 and yields less than all of them: strongly dominated (D).
    #   Remaining, by cost: 2, 1, 4, 3. ICERs: 1 vs 2 = 100,000/5 = 20,000;
    #   4 vs 1 = 75,000/15 = 5,000; 3 vs 4 = 75,000/10 = 7,500. 20,000 > 5,000: 1 is ED.
    #   Again: 4 vs 2 = 175,000/20 = 8,750; 3 vs 4 = 7,500 < 8,750: 4 is ED.
    #   Again: 3 vs 2 = 250,000/30 = 8,333.33: the frontier is 2 -> 3.
    t = icer(["1", "2", "3", "4", "5"], [300_000, 200_000, 450_000, 375_000, 400_000], [25, 20, 50, 40, 15])
    assert t.index.tolist() == ["2", "1", "4", "5", "3"]
    assert t["status"].to_dict() == {"2": "ND", "1": "ED", "4": "ED", "5": "D", "3": "ND"}
    assert t.loc["3", "icer"] == pytest.approx(250_000 / 30)
    assert t.loc["3", "inc_cost"] == 250_000 and t.loc["3", "inc_effect"] == 30
    assert t["icer"].isna().sum() == 4
    # the dominated ones are still shown against the next cheaper non-dominated strategy (2)
    assert t.loc["4", "inc_cost"] == 175_000 and t.loc["4", "versus"] == "2"


def test_ties_are_stated():
    # equal cost: the less effective is strongly dominated; identical twins: the first listed stays
    t = icer(["a", "b", "c", "d"], [10.0, 10.0, 20.0, 20.0], [1.0, 2.0, 3.0, 3.0])
    assert t["status"].to_dict() == {"b": "ND", "a": "D", "c": "ND", "d": "D"}
    assert t.loc["c", "icer"] == pytest.approx(10.0)           # (20 - 10)/(3 - 2)
    assert any("d have the same cost and effect as c" in n for n in t.attrs["notes"])
    # three strategies on one line: equal ICERs, all kept
    t = icer(["x", "y", "z"], [0.0, 1.0, 2.0], [0.0, 1.0, 2.0])
    assert t["status"].tolist() == ["ND", "ND", "ND"]
    assert any("same ICER" in n for n in t.attrs["notes"])
    # a single strategy: nothing to compare
    t = icer(["only"], [5.0], [1.0])
    assert t["status"].tolist() == ["ND"] and math.isnan(t.loc["only", "icer"])


def test_icer_errors_and_translation():
    with pytest.raises(InputError, match="should have one length"):
        icer(["a", "b"], [1.0], [1.0])
    with pytest.raises(InputError, match="strategy names repeat: a"):
        icer(["a", "a"], [1.0, 2.0], [1.0, 2.0])
    with pytest.raises(InputError, match="cost holds 1 missing"):
        icer(["a", "b"], [1.0, float("nan")], [1.0, 2.0])
    t = icer(["人工执勤", "移动岗亭", "加派警力"], [600.0, 400.0, 900.0], [10.0, 12.0, 20.0])
    zh = icer_table(t, "zh")
    assert zh.columns.tolist() == ["费用", "效果", "状态", "增量费用", "增量效果", "增量成本效果比（ICER）", "比较对象"]
    assert zh["状态"].tolist() == ["未被占优", "被绝对占优", "未被占优"]
    text = icer_summary(t, "zh")
    assert "增量成本效果分析" in text and "被扩展占优（ED）" in text
    assert icer_table(t, "en")["Status"].tolist() == ["not dominated", "dominated", "not dominated"]


def test_ceac_two_strategies_closed_form():
    # B = A plus (dE, dC), dE ~ N(2, 1), dC ~ N(1,000, 400) independent. Incremental net benefit
    # at willingness to pay w: INB = w dE - dC ~ N(2w - 1000, sqrt(w^2 + 400^2)), so
    # P(B best) = Phi((2w - 1000) / sqrt(w^2 + 160,000)); e.g. w = 500: Phi(0) = 0.5;
    # w = 1,000: Phi(1000 / 1077.03) = Phi(0.92848) = 0.82342; w = 0: Phi(-2.5) = 0.00621.
    rng = np.random.default_rng(17)
    n = 200_000
    base_c, base_e = rng.normal(5_000, 300, n), rng.normal(10, 0.5, n)
    d_e, d_c = rng.normal(2, 1, n), rng.normal(1_000, 400, n)
    cost = np.column_stack([base_c, base_c + d_c])
    effect = np.column_stack([base_e, base_e + d_e])
    wtp = np.array([0, 250, 500, 750, 1_000, 2_000, 5_000])
    r = ceac(cost, effect, wtp, strategies=["A", "B"])
    expect = np.array([Phi((2 * w - 1000) / math.sqrt(w ** 2 + 400 ** 2)) for w in wtp])
    assert expect[4] == pytest.approx(0.82342, abs=1e-5) and expect[0] == pytest.approx(0.00621, abs=1e-5)
    # binomial sd sqrt(p(1-p)/n) <= 0.0011: four of them
    np.testing.assert_allclose(r.prob[:, 1], expect, atol=0.0045)
    np.testing.assert_allclose(r.prob.sum(axis=1), 1.0)
    # the frontier switches at the ICER of the means, 1,000/2 = 500 (sample means: close to it)
    assert r.optimal[:2] == ("A", "A") and r.optimal[3:] == ("B",) * 4
    np.testing.assert_allclose(r.frontier_prob[3:], r.prob[3:, 1])
    # EVPI at w is the normal loss of INB: sigma phi(mu/sigma) - |mu| Phi(-|mu|/sigma); at w = 500,
    # mu = 0, sigma = sqrt(500^2 + 400^2) = 640.31: EVPI = 640.31 / sqrt(2 pi) = 255.45
    assert r.evpi[2] == pytest.approx(640.3124 / math.sqrt(2 * math.pi), rel=0.02)
    icers = r.icers()
    assert icers.loc["B", "icer"] == pytest.approx(500, rel=0.02)


def test_ceac_three_strategies_hand_case():
    # two equally likely draws, strategies x, y, z (cost, effect):
    #   draw 1: x (0, 0), y (10, 1), z (30, 2);  draw 2: x (0, 0), y (10, 0.5), z (30, 3)
    # w = 15: NMB draw 1: 0, 5, 0 -> y;  draw 2: 0, -2.5, 15 -> z. prob (0, 0.5, 0.5)
    #         expected NMB: x 0, y 15*0.75 - 10 = 1.25, z 15*2.5 - 30 = 7.5 -> frontier z
    #         EVPI = mean(5, 15) - 7.5 = 2.5
    cost = [[0, 10, 30], [0, 10, 30]]
    effect = [[0, 1, 2], [0, 0.5, 3]]
    r = ceac(cost, effect, [15.0], strategies=["x", "y", "z"])
    assert r.prob.tolist() == [[0.0, 0.5, 0.5]]
    assert r.expected_nmb.tolist() == [[0.0, 1.25, 7.5]]
    assert r.optimal == ("z",) and r.frontier_prob.tolist() == [0.5]
    assert r.evpi.tolist() == [2.5]


def test_ceac_display_and_plot():
    r = ceac([[0.0, 100.0], [0.0, 80.0]], [[0.0, 1.0], [0.0, 1.2]], [0, 50, 100, 150], strategies=["甲", "乙"])
    with use_lang("zh"):
        s = r.summary()
        assert "成本效果可接受曲线" in s and "Fenwick 等 2001" in s
        assert "意愿支付" in r._repr_html_()
    assert "Acceptability frontier" in r.summary("en")
    fig = plot_ceac(r)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "意愿支付（每单位效果）" and ax.get_ylabel() == "具有成本效果的概率"
    assert plot_ceac(r, lang="en").axes[0].get_title() == "Cost-effectiveness acceptability curve"
    with pytest.raises(InputError, match="willingness to pay should be"):
        ceac([[0.0, 1.0]], [[0.0, 1.0]], [[1, 2]])
    with pytest.raises(InputError, match="effect_draws should have shape"):
        ceac([[0.0, 1.0]], [[0.0, 1.0, 2.0]], [1.0])
