"""Expert panels: aggregation, Kendall's W, ICC(2,1), disagreement flags (values from outside the code)."""
import math

import pandas as pd
import pytest

from cba import InputError, use_lang
from cba.review.panel import aggregate_panel as panel, icc_2_1, kendall_w, read_panel


def _table(rows):
    return pd.DataFrame(rows, columns=["assessor", "indicator", "score"])


def test_trimmed_mean_of_five_assessors_drops_the_highest_and_the_lowest():
    # plan: 6, 9.5, 7, 3, 8 -> drop 9.5 and 3 -> (6 + 7 + 8) / 3 = 7; mean = 33.5 / 5 = 6.7
    t = _table([("A", "plan", 6), ("B", "plan", 9.5), ("C", "plan", 7), ("D", "plan", 3), ("E", "plan", 8)])
    p = panel(t, weights={"plan": 10})
    assert p.score("plan") == pytest.approx(7.0, abs=1e-12)
    row = p.indicators.loc["plan"]
    assert row["mean"] == pytest.approx(6.7, abs=1e-12)
    assert (row["min"], row["max"], row["range"]) == (3.0, 9.5, 6.5)
    assert row["method"] == "trimmed_mean"
    # sample sd: deviations from 6.7: -0.7, 2.8, 0.3, -3.7, 1.3 -> squares sum 0.49+7.84+0.09+13.69+1.69 = 23.8
    assert row["sd"] == pytest.approx(math.sqrt(23.8 / 4), abs=1e-12)
    assert panel(t, weights={"plan": 10}, aggregate="mean").score("plan") == pytest.approx(6.7, abs=1e-12)


def test_trimmed_mean_drops_only_one_of_tied_extremes():
    # 5, 5, 7, 9, 9: drop one 9 and one 5 -> (5 + 7 + 9) / 3 = 7
    t = _table([(a, "x", s) for a, s in zip("ABCDE", [5, 5, 7, 9, 9])])
    assert panel(t).score("x") == pytest.approx(7.0, abs=1e-12)


def test_fewer_than_three_assessors_fall_back_to_the_mean_and_say_so():
    t = _table([("A", "plan", 4), ("B", "plan", 6)])
    p = panel(t, weights={"plan": 10})
    assert p.score("plan") == 5.0                        # (4 + 6) / 2
    assert p.indicators.loc["plan", "method"] == "mean"
    assert any("fewer than 3 assessors" in n.render("en") and "plan" in n.render("en") for n in p.notes)
    assert any("少于 3 位" in n.render("zh") for n in p.notes)


def test_disagreement_range_rule_at_its_boundary():
    # weight 10, flag_range 0.30: a range of exactly 3 is not flagged, 3.5 is
    t = _table([("A", "a", 5), ("B", "a", 8), ("C", "a", 6),
                ("A", "b", 5), ("B", "b", 8.5), ("C", "b", 6)])
    p = panel(t, weights={"a": 10, "b": 10})
    assert p.flagged == ("b",)
    assert "range 3.5 exceeds 30% of the weight 10 (3)" in p.flags[0].render("en")
    assert "极差 3.5 超过分值 10 的 30%（3）" in p.flags[0].render("zh")
    assert panel(t, weights={"a": 10, "b": 10}, flag_range=None).flagged == ()


def test_disagreement_cv_rule():
    # a: 2, 3, 4 -> mean 3, sample sd 1, CV = 0.333 > 0.25; b: 8, 9, 10 -> CV = 1/9 = 0.111
    t = _table([("A", "a", 2), ("B", "a", 3), ("C", "a", 4), ("A", "b", 8), ("B", "b", 9), ("C", "b", 10)])
    p = panel(t, flag_range=None, flag_cv=0.25)
    assert p.flagged == ("a",)
    assert p.indicators.loc["a", "cv"] == pytest.approx(1 / 3, abs=1e-12)


def test_kendall_w_with_ties_by_hand():
    # rows: 4 indicators; columns: 3 assessors.
    # A: 8, 6, 6, 2 -> ranks 4, 2.5, 2.5, 1 (one tie of 2: 2^3 - 2 = 6)
    # B: 9, 7, 5, 3 -> ranks 4, 3, 2, 1
    # C: 7, 8, 4, 4 -> ranks 3, 4, 1.5, 1.5 (one tie of 2: 6)
    # rank sums R = 11, 9.5, 6, 3.5; mean m (n + 1) / 2 = 3 * 5 / 2 = 7.5
    # S = 3.5^2 + 2^2 + 1.5^2 + 4^2 = 12.25 + 4 + 2.25 + 16 = 34.5
    # W = 12 S / (m^2 (n^3 - n) - m T) = 414 / (9 * 60 - 3 * 12) = 414 / 504 = 23 / 28
    # chi2 = m (n - 1) W = 9 * 23 / 28 = 207 / 28, df = 3
    x = [[8, 9, 7], [6, 7, 8], [6, 5, 4], [2, 3, 4]]
    r = kendall_w(x)
    assert r.w == pytest.approx(23 / 28, abs=1e-14)
    assert r.ties == 12.0
    assert r.chi2 == pytest.approx(207 / 28, abs=1e-13)
    assert r.df == 3
    # chi-square upper tail with 3 df in closed form: erfc(sqrt(x/2)) + sqrt(2x/pi) exp(-x/2)
    c = 207 / 28
    assert r.p_value == pytest.approx(math.erfc(math.sqrt(c / 2)) + math.sqrt(2 * c / math.pi) * math.exp(-c / 2),
                                      rel=1e-10)


def test_kendall_w_extremes():
    assert kendall_w([[1, 1, 1], [2, 2, 2], [3, 3, 3]]).w == pytest.approx(1.0, abs=1e-15)
    # two assessors with opposite orders of two objects: R = 3, 3 -> S = 0 -> W = 0
    assert kendall_w([[1, 2], [2, 1]]).w == 0.0
    assert math.isnan(kendall_w([[5, 5], [5, 5]]).w)        # every assessor ties everything


def test_icc_2_1_shrout_fleiss_example():
    # Shrout & Fleiss (1979), Psychological Bulletin 86(2), Table 2 (6 targets x 4 judges) and
    # Table 4: ICC(2,1) = .29. From their mean squares BMS 11.24, JMS 32.49, EMS 1.02 (Table 2):
    # (11.24 - 1.02) / (11.24 + 3 * 1.02 + 4 * (32.49 - 1.02) / 6) = 10.22 / 35.28 = 0.2897
    x = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    assert round(icc_2_1(x), 2) == 0.29
    assert icc_2_1(x) == pytest.approx(10.22 / 35.28, abs=5e-4)


def test_panel_agreement_uses_shares_of_the_weight():
    # scores / weight: a (10): .8 .9 .7 ; b (5): .4 .6 .8 -> each assessor's ranks of (a, b):
    # A: a > b, B: a > b, C: b > a -> R = (5, 4); S = 0.5^2 * 2 = 0.5; W = 12 * 0.5 / (9 * 6) = 1 / 9
    t = _table([("A", "a", 8), ("B", "a", 9), ("C", "a", 7), ("A", "b", 2), ("B", "b", 3), ("C", "b", 4)])
    p = panel(t, weights={"a": 10, "b": 5})
    assert p.kendall.w == pytest.approx(1 / 9, abs=1e-14)
    assert any("shares of each indicator's weight" in n.render("en") for n in p.notes)


def test_errors_name_the_indicator_and_the_assessor():
    t = _table([("A", "plan", 11), ("B", "plan", 5)])
    with pytest.raises(InputError) as e:
        panel(t, weights={"plan": 10})
    assert "assessor A's score 11 of indicator 'plan' is outside 0 to 10" in str(e.value)
    with pytest.raises(InputError) as e:
        panel(_table([("A", "plam", 5)]), weights={"plan": 10})
    assert "unknown indicator 'plam' (did you mean 'plan'?)" in str(e.value)
    with pytest.raises(InputError) as e:
        panel(_table([("A", "plan", 5), ("A", "plan", 6)]))
    assert "专家 A 对指标 'plan' 评分了两次" in e.value.render("zh")
    with pytest.raises(InputError, match="aggregate must be one of"):
        panel(_table([("A", "plan", 5)]), aggregate="median")


def test_read_panel_from_a_csv_with_chinese_headers(tmp_path):
    f = tmp_path / "panel.csv"
    f.write_text("专家,指标,得分\n张,plan,8\n李,plan,9\n王,plan,6\n", encoding="utf-8")
    t = read_panel(f)
    assert list(t.columns) == ["assessor", "indicator", "score"]
    assert panel(f, weights={"plan": 10}).score("plan") == 8.0        # drop 9 and 6


def test_panel_summary_in_both_languages():
    t = _table([("A", "plan", 8), ("B", "plan", 9), ("C", "plan", 6)])
    p = panel(t, weights={"plan": 10})
    with use_lang("zh"):
        s = p.summary()
    assert "专家评分：3 位专家，1 项指标" in s and "去掉一个最高分和一个最低分后取平均" in s
    assert "Expert panel: 3 assessors, 1 indicators" in p.summary("en")
    d = p.to_dict()
    assert d["indicators"]["plan"]["score"] == 8.0 and d["aggregate"] == "trimmed_mean"
    assert "<table" in p._repr_html_()
