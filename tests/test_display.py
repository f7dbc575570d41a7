"""Rich display of the result objects (cba.display): the Markdown view holds the same numbers as
the object's own frame, each formatted by the rule of :mod:`cba.formatting` for its kind of
number (checked here column by column, not through the display code's column-name guess);
labels follow the current language (Chinese by default, English under ``use_lang("en")``),
units are shown, and IPython's display formatter finds the HTML, Markdown and text views."""
from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest

import cba
from cba.display import html_to_markdown
from cba.formatting import (fmt_change, fmt_count, fmt_metric, fmt_money, fmt_rate, fmt_ratio, fmt_value,
                            frame_to_markdown)
from cba.i18n import label, use_lang

KIOSK = "data/minhang_kiosk.yaml"


def tables(md: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every pipe table of ``md`` as (header cells, body rows), cells split on '|' and stripped."""
    out, block = [], []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            block.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif block:
            out.append((block[0], block[2:]))
            assert all(set(c) <= set("-:") for c in block[1]), block[1]     # the alignment row
            block = []
    return out


@pytest.fixture(scope="module")
def kiosk():
    return cba.load_model(KIOSK)


@pytest.fixture(scope="module")
def analysis(kiosk):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cba.analyse(kiosk)


# --- the helper itself ------------------------------------------------------------------------

def test_frame_to_markdown_by_hand():
    f = pd.DataFrame({"净现值": [1154.7603, -0.0123], "内部收益率": [0.2046, math.nan]},
                     index=pd.Index(["甲", "乙"], name="方案"))
    # money: 1,154.76 (two decimals), -0.0123 (four significant digits); IRR as a rate; NaN as —
    assert frame_to_markdown(f, caption="结果").splitlines() == [
        "**结果**", "", "| 方案 | 净现值 | 内部收益率 |", "|---|---:|---:|",
        "| 甲 | 1,154.76 | 20.46% |", "| 乙 | -0.0123 | — |"]


def test_html_to_markdown_keeps_text_lists_key_values_and_escapes_pipes():
    md = html_to_markdown("<h4>标题</h4><table><tr><th>货币单位</th><td>万元</td></tr></table>"
                          "<table><thead><tr><th>a|b</th><th>x</th></tr></thead><tbody><tr><th>r</th><td>1</td></tr>"
                          "</tbody></table><pre>line 1\n  line 2</pre><ul><li>注意</li></ul>", "zh")
    assert md.split("\n\n") == ["**标题**", "- **货币单位**：万元", "| a\\|b | x |\n|---|---:|\n| r | 1 |",
                                "```text\nline 1\n  line 2\n```", "- 注意"]


# --- the representative results ----------------------------------------------------------------

def test_appraisal(kiosk):
    a = cba.appraise(kiosk)
    keys = ["pv_costs", "pv_benefits", "npv", "bcr", "irr", "payback", "discounted_payback", "breakeven_year"]
    frame = a.to_frame("incremental")
    for lang in ("zh", "en"):
        with use_lang(lang):
            md = a._repr_markdown_()
        head, rows = tables(md)[0]          # the incremental table comes first
        assert head == [label("option", lang)] + [label(k, lang) for k in keys]
        assert rows == [[r["label"]] + [fmt_metric(r[k], k) for k in keys] for _, r in frame.iterrows()]
        assert f"**{label('currency', lang)}**{'：' if lang == 'zh' else ': '}万元" in md       # the unit
    with use_lang("zh"):
        assert "净现值" in str(a) and "净现值" in a._repr_html_()


def test_breakeven(kiosk):
    b = cba.breakeven(kiosk, "kiosk_price", full_output=True)
    for lang in ("zh", "en"):
        with use_lang(lang):
            (head, rows), = tables(b._repr_markdown_())
            text = str(b)
        assert head == [label("parameter", lang), {"zh": "参数名称", "en": "Parameter name"}[lang]] + [
            label(k, lang) for k in ("unit", "base", "breakeven", "pct_change", "search_low", "search_high",
                                     "n_solutions", "all_solutions")]
        assert len(set(head)) == len(head)          # no two columns under one header, in either language
        assert rows == [["kiosk_price", "岗亭单价", "万元/台", fmt_value(b.base), fmt_value(b.value),
                         fmt_change(b.change), fmt_value(b.bounds[0]), fmt_value(b.bounds[1]), fmt_count(1),
                         fmt_value(b.value)]]
        assert fmt_value(b.value) in text and "万元/台" in text and b.describe(lang) in text
    # the break-even price is the change from the base of 10: (v - 10) / 10 shown with its sign
    assert fmt_change(b.change) == fmt_change((b.value - 10) / 10) and fmt_change(b.change).startswith("+")


def test_sensitivity_analysis_tornado_and_switching_values(analysis):
    s = analysis.sensitivity
    tf, sv = s.to_frame(), analysis.switching
    for lang in ("zh", "en"):
        with use_lang(lang):
            md = analysis._repr_markdown_()
        found = tables(md)
        (th, tornado), (sh, switching) = found[0], found[1]
        m = label("npv", lang)
        assert th[:4] == [label("parameter", lang), label("parameter_label", lang), label("unit", lang), label("low", lang)]
        assert th[5].startswith(m) and th[7] == label("swing", lang)
        yes_no = {True: label("yes", lang), False: label("no", lang)}
        rate = lambda n: n == "discount_rate"  # noqa: E731
        assert tornado == [[n, s.model.input_label(n, lang)[0], r["unit"], fmt_value(r["low"], rate=rate(n)),
                            fmt_value(r["high"], rate=rate(n)), fmt_money(r["metric_low"]),
                            fmt_money(r["metric_high"]), fmt_money(r["swing"]), yes_no[bool(r["crosses_target"])]]
                           for n, r in tf.iterrows()]
        assert sh[0] == label("parameter", lang) and sh[5] == label("switching_value", lang)
        assert [[row[0], row[5], row[6], row[-1]] for row in switching] == [
            [n, fmt_value(r["switching_value"], rate=rate(n)), fmt_change(r["change"]), r["unit"]]
            for n, r in sv.iterrows()]
    assert "万元/台" in md and "| kiosk_price |" in md


def test_two_way_grid(analysis):
    t = analysis.frontier
    for lang in ("zh", "en"):
        with use_lang(lang):
            (head, rows), = tables(t._repr_markdown_())
        # the corner names both axes with their units (万元/台 for the kiosk price)
        assert "万元/台" in head[0] and t.model.input_label(t.y, lang)[1] in head[0]
        assert head[1:] == [fmt_value(x) for x in t.x_values]
        assert rows == [[fmt_value(y)] + [fmt_money(v) for v in row] for y, row in zip(t.y_values, t.values)]
    with use_lang("zh"):
        assert label("two_way", "zh") in str(t) and label("two_way", "zh") in t._repr_markdown_()


def test_simulation(kiosk):
    sim = cba.simulate(kiosk, n=2_000, seed=1)
    for lang in ("zh", "en"):
        with use_lang(lang):
            (head, rows), (_, pairs) = tables(sim._repr_markdown_())
        # the rank-correlation check, as in the plain text: the model file asks kiosk_price-om_cost
        # 0.5 and accidents-crash_cost -0.3 (data/minhang_kiosk.yaml), 4 inputs -> 6 pairs
        assert len(pairs) == 6
        asked = {(r[0], r[1]): r[2] for r in pairs}
        assert asked[("kiosk_price", "om_cost")] == "0.500" and asked[("accidents", "crash_cost")] == "-0.300"
        frame = sim.to_frame(lang)
        assert head == [label("option", lang)] + list(frame.columns)
        money = ["mean", "se_mean", "sd", "p05", "p50", "p95"]
        expect = []
        for option, r in frame.iterrows():
            cells = {k: fmt_money(r[label(k, lang)]) for k in money}
            cells.update(prob_unfavourable=fmt_rate(r[label("prob_unfavourable", lang)]),
                         se_prob=fmt_rate(r[label("se_prob", lang)]))
            expect.append([option, r[label("metric", lang)], cells["mean"], cells["se_mean"], cells["sd"],
                           cells["prob_unfavourable"], cells["se_prob"], cells["p05"], cells["p50"], cells["p95"],
                           r[label("undefined_draws", lang)]])
        assert rows == expect


def test_view_comparison(kiosk):
    c = cba.compare_views(kiosk)
    frame = c.to_frame()
    for lang in ("zh", "en"):
        with use_lang(lang):
            md = c._repr_markdown_()
        head, rows = tables(md)[0]
        assert head[1:] == list(c.table(lang).columns)
        assert rows == [[r["label"]] + [fmt_metric(r[k], k[1:]) for k in ("fnpv", "firr", "fbcr", "enpv", "eirr", "ebcr")]
                        for _, r in frame.iterrows()]
    with use_lang("zh"):
        md = c._repr_markdown_()
    assert "财务净现值" in md and "货币单位：万元" in md               # the unit of the money columns


def test_effect_estimate_by_hand():
    # the saturated 2 x 2 design of tests/evidence/test_effect.py: ratio (18/30)/(19/20) = 0.631579
    # -> 0.6316 (four significant digits); reduction 1 - 0.631579 = 0.368421 -> 36.84%; 4 observations
    d = pd.DataFrame({"accidents": [30, 18, 20, 19], "months": [24] * 4, "after": [0, 1, 0, 1], "kiosk": [1, 1, 0, 0]})
    e = cba.estimate_effect(d, "accidents ~ after * kiosk", exposure="months", family="poisson")
    for lang in ("zh", "en"):
        with use_lang(lang):
            (head, rows), = tables(e._repr_markdown_())
        frame = e.to_frame(lang)
        assert head == [frame.index.name] + list(frame.columns)
        assert rows[0][0] == "after:kiosk" and rows[0][1] == "0.6316" and rows[0][5] == "36.84%" and rows[0][-1] == "4"
        r = frame.iloc[0]
        assert rows[0][1:] == [fmt_ratio(r.iloc[0]), fmt_ratio(r.iloc[1]), fmt_ratio(r.iloc[2]), fmt_ratio(r.iloc[3]),
                               fmt_rate(r.iloc[4]), fmt_rate(r.iloc[5]), fmt_rate(r.iloc[6]), fmt_count(r.iloc[7])]
    with use_lang("zh"):
        assert "率比" in e._repr_markdown_()
    with use_lang("en"):
        assert "Rate ratio" in e._repr_markdown_()


def test_review_by_hand():
    from tests.review.test_review import EVIDENCE, five, make_system

    r = cba.review(None, make_system(), EVIDENCE, panel=five(30.0))
    with use_lang("zh"):
        md = r._repr_markdown_()
        dims = r.dimensions_frame("zh")
    # 20 + 20 + 16 + 30 = 86 of 100 (worked out in tests/review/test_review.py)
    assert "- **总分**：86.00 / 100" in md
    head, rows = tables(md)[0]
    assert head == [dims.index.name] + list(dims.columns)
    col = list(r.dimensions.columns).index("score") + 1       # the translated "score" column
    scores = [row[col] for row in rows]
    assert scores == ["40.00", "16.00", "30.00"]          # 立项必要性 20 + 20; 投入经济性 16; 可行性 30
    with use_lang("en"):
        assert "86.00 / 100" in r._repr_markdown_() and "86.00 / 100" in str(r)


# --- IPython picks the views up -----------------------------------------------------------------

def test_ipython_display_formatter_finds_every_view(kiosk, analysis):
    from IPython.core.formatters import DisplayFormatter

    fmt = DisplayFormatter()
    objs = [cba.appraise(kiosk), cba.breakeven(kiosk, "kiosk_price", full_output=True), analysis,
            analysis.sensitivity, analysis.frontier, cba.simulate(kiosk, n=500, seed=2), cba.compare_views(kiosk)]
    for obj in objs:
        data, _ = fmt.format(obj)
        assert {"text/plain", "text/html", "text/markdown"} <= set(data), type(obj).__name__
        assert "<table" in data["text/html"] and "|---" in data["text/markdown"], type(obj).__name__


def test_monitoring_table_by_hand():
    from cba.review.monitoring import monitor
    from tests.review.test_monitor import table

    # A spends 8000 of 10000 -> 80%; B 7999 of 10000 -> 79.99% (more than 20% behind: warned)
    m = monitor(table(("A", 1, 10000, 8000, 1, 1, "met"), ("B", 1, 10000, 7999, 1, 1, "met")))
    with use_lang("zh"):
        md = m._repr_markdown_()
        head, rows = tables(md)[0]
    assert head[:5] == ["项目", "截至期间", "计划支出", "实际支出", "支出执行率"]
    assert [r[:5] for r in rows] == [["A", "1", "10,000.00", "8,000.00", "80%"], ["B", "1", "10,000.00", "7,999.00", "79.99%"]]
    assert "绩效运行监控" in md


def test_portfolio_renders_a_ranked_table():
    from cba.review.portfolios import portfolio
    from tests.review.test_portfolio import small

    p = portfolio(small())
    with use_lang("zh"):
        head, rows = tables(p._repr_markdown_())[0]
    frame = p.frame
    assert head[0] == "排名" and [r[0] for r in rows] == [fmt_count(x) for x in frame["rank"]]
    assert [r[list(frame.columns).index("total")] for r in rows] == [fmt_money(x) for x in frame["total"]]


# --- uncertainty results against numbers computed here ------------------------------------------

def _cells(md: str) -> dict[str, dict[str, str]]:
    """The first table of ``md`` as {row key: {header: cell}}."""
    head, rows = tables(md)[0]
    return {r[0]: dict(zip(head[1:], r[1:])) for r in rows}


def test_simulation_views_hold_the_draws_statistics():
    import numpy as np

    sim = cba.simulate(cba.load_model(KIOSK), n=1_500, seed=11)
    npv = sim.draws_of("npv", "kiosk")
    assert npv.shape == (1_500,)
    # computed here with numpy from the draws, not through the Simulation's own statistics
    mean, sd = float(np.mean(npv)), float(np.std(npv, ddof=1))
    p05, p50, p95 = (float(x) for x in np.quantile(npv, [0.05, 0.5, 0.95]))
    share = float(np.mean(npv < 0))
    for lang in ("zh", "en"):
        with use_lang(lang):
            md, text = sim._repr_markdown_(), str(sim)
        head, rows = tables(md)[0]
        row = dict(zip(head, next(r for r in rows if r[1] == label("npv", lang))))
        assert row[label("mean", lang)] == fmt_money(mean) and row[label("sd", lang)] == fmt_money(sd)
        assert row[label("se_mean", lang)] == fmt_money(sd / math.sqrt(1_500))
        assert [row[label(k, lang)] for k in ("p05", "p50", "p95")] == [fmt_money(p05), fmt_money(p50), fmt_money(p95)]
        assert row[label("prob_unfavourable", lang)] == fmt_rate(share)
        assert row[label("se_prob", lang)] == fmt_rate(math.sqrt(share * (1 - share) / 1_500))
        assert "1,500" in md.split("\n\n")[0]                            # the draws, in the heading
        line = next(t for t in text.splitlines() if label("npv", lang) in t and fmt_money(mean) in t)
        assert all(x in line for x in (fmt_money(sd), fmt_money(p05), fmt_money(p95), fmt_rate(share)))


def test_sobol_views_hold_the_estimators_computed_here():
    import numpy as np

    from cba.uncertainty.gsa import sobol_indices

    # y = x0 * x1 + x1 on a Saltelli design drawn here: A, B and AB_i (A with column i from B)
    rng = np.random.default_rng(5)
    a, b = rng.random((512, 2)), rng.random((512, 2))
    f = lambda x: x[:, 0] * x[:, 1] + x[:, 1]  # noqa: E731
    ab = []
    for i in range(2):
        x = a.copy()
        x[:, i] = b[:, i]
        ab.append(f(x))
    ya, yb, yab = f(a), f(b), np.array(ab)
    # Saltelli et al. (2010) first order and Jansen (1999) total, on outputs less their mean over
    # all n (d + 2) runs, V the variance (ddof 0) over A and B (the estimators the docstring names)
    centre = np.concatenate([ya, yb, yab.ravel()]).mean()
    fa, fb, fab = ya - centre, yb - centre, yab - centre
    v = np.concatenate([ya, yb]).var()
    s1 = [float(np.mean(fb * (fab[i] - fa)) / v) for i in range(2)]
    st = [float(np.mean((fa - fab[i]) ** 2) / (2 * v)) for i in range(2)]
    r = sobol_indices(ya, yb, yab, names=["x0", "x1"], n_boot=0)
    for lang, s1_head, st_head in (("zh", "一阶指数", "总效应指数"), ("en", "First-order index", "Total-order index")):
        with use_lang(lang):
            cells, text = _cells(r._repr_markdown_()), str(r)
        assert list(cells) == ["x1", "x0"]                          # largest total index first
        for i, name in enumerate(("x0", "x1")):
            assert cells[name][s1_head] == fmt_money(s1[i]) and cells[name][st_head] == fmt_money(st[i])
            assert fmt_money(s1[i]) in text and fmt_money(st[i]) in text


def test_evpi_views_hold_the_value_computed_here():
    import numpy as np

    from cba.uncertainty.voi import evpi

    rng = np.random.default_rng(8)
    nb = rng.normal([10.0, 12.0], [5.0, 8.0], size=(1_000, 2))
    value = float(np.mean(nb.max(axis=1)) - nb.mean(axis=0).max())      # E[max] - max E
    best = nb.argmax(axis=1)
    share = [float(np.mean(best == j)) for j in range(2)]
    loss = nb.max(axis=1) - nb[:, int(np.argmax(nb.mean(axis=0)))]
    se = float(np.std(loss, ddof=1) / math.sqrt(1_000))
    e = evpi(nb, options=["甲", "乙"])
    for lang in ("zh", "en"):
        with use_lang(lang):
            md, text = e._repr_markdown_(), str(e)
        head = md.split("\n\n")[1]
        assert fmt_money(value) in head and fmt_money(se) in head
        cells = _cells(md)
        for j, name in enumerate(("甲", "乙")):
            assert list(cells[name].values()) == [fmt_money(float(nb[:, j].mean())), fmt_rate(share[j])]
        assert fmt_money(value) in text and "乙" in text.splitlines()[2]      # the best option, on the line after EVPI


def test_icer_table_and_text_hold_the_hand_calculation():
    from cba.uncertainty.cea import icer, icer_summary, icer_table

    # Drummond et al.'s textbook case (the docstring of cba.uncertainty.cea.icer): sorted by cost
    # 2 (200,000; 20), 1 (300,000; 25), 4 (375,000; 40). 1's ICER against 2 is 100,000 / 5 =
    # 20,000, more than 4's against 1 (75,000 / 15 = 5,000): 1 is extendedly dominated, and 4's
    # ICER is (375,000 - 200,000) / (40 - 20) = 8,750 against 2.
    t = icer(["1", "2", "4"], [300_000, 200_000, 375_000], [25, 20, 40])
    for lang, status in (("zh", ("未被占优", "被扩展占优")), ("en", ("not dominated", "extendedly dominated"))):
        cells = _cells(frame_to_markdown(icer_table(t, lang)))
        assert list(cells) == ["2", "1", "4"]
        four = list(cells["4"].values())
        assert four == [fmt_money(375_000), fmt_money(40), status[0], fmt_money(175_000), fmt_money(20),
                        fmt_money(8_750), "2"]
        assert list(cells["1"].values())[2] == status[1] and list(cells["1"].values())[5] == "—"
        line = next(x for x in icer_summary(t, lang).splitlines() if x.startswith("4 "))
        assert line.split() == ["4", "375,000.00", "40.00", *status[0].split(), "175,000.00", "20.00", "8,750.00", "2"]


# --- the tables that had no HTML of their own ---------------------------------------------------

def test_optimism_uplift_table_by_hand():
    u = cba.optimism_uplift("standard_buildings")
    # Mott MacDonald (2002) Table 2, standard buildings, upper bound: capex 24%, duration 4%, no
    # operating uplift
    for lang, head, rows in (("zh", ["项目", "上调比例"], [["资本性支出", "24%"], ["经常性（运营）支出", "—"], ["工期", "4%"]]),
                             ("en", ["Item", "Uplift"], [["capital expenditure", "24%"], ["operating expenditure", "—"],
                                                         ["works duration", "4%"]])):
        with use_lang(lang):
            md, html = u._repr_markdown_(), u._repr_html_()
        assert tables(md) == [(head, rows)] and "<pre>" not in html and "<table" in html
        assert ("标准建筑（上限）" if lang == "zh" else "standard buildings (upper bound)") in md.split("\n\n")[0]
        assert "Mott MacDonald (2002)" in md
    assert tables(html_to_markdown(u.to_html("en")))[0][0] == ["Item", "Uplift"]


def test_rank_correlation_check_by_hand():
    from cba.uncertainty.correlation import achieved_rank_correlation

    # ranks 1..5 against 2,1,4,3,5: d = -1,1,-1,1,0, sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8
    check = achieved_rank_correlation({"a": [1.0, 2.0, 3.0, 4.0, 5.0], "b": [20.0, 10.0, 40.0, 30.0, 50.0]})
    for lang, head in (("zh", ["参数一", "参数二", "设定的秩相关系数", "实现的秩相关系数（Spearman）", "差异"]),
                       ("en", ["Parameter 1", "Parameter 2", "Requested rank correlation",
                               "Achieved rank correlation (Spearman)", "Difference"])):
        with use_lang(lang):
            md, html = check._repr_markdown_(), check._repr_html_()
        assert tables(md) == [(head, [["a", "b", "0.000", "0.800", "0.800"]])]
        assert 'class="cba-table"' in html and "dataframe" not in html
    assert "0.800" in str(check)


def test_indicator_system_table_in_both_languages():
    from cba.review import system

    s = system("ex_ante_five")
    for lang, head in (("zh", ["编号", "上级指标", "层级", "指标名称", "分值", "评分规则", "适用项目类型"]),
                       ("en", ["ID", "Parent", "Level", "Indicator", "Weight", "Scoring rule", "Applies to"])):
        with use_lang(lang):
            md, html = s._repr_markdown_(), s._repr_html_()
        (h, rows), = tables(md)
        assert h == head and 'class="cba-table"' in html and "dataframe" not in html
        cells = {r[0]: r for r in rows}
        # cba/review/systems/ex_ante_five.yaml: necessity (level 1, 20 points), relevance under it
        # (10), goal_clear under relevance (5)
        assert cells["necessity"][1:5] == ["", "1", "立项必要性" if lang == "zh" else "Necessity", "20"]
        assert cells["goal_clear"][1:3] == ["relevance", "3"] and cells["goal_clear"][4] == "5"
        assert len(rows) == len(list(s.walk()))
        assert ("等级（满分 100）" if lang == "zh" else "Grades (out of 100)") in md


def test_optimism_comparison_has_a_title_unit_and_option_column(kiosk):
    from cba.method.optimism import optimism_comparison

    c = optimism_comparison(kiosk, optimism_bias={"project_type": "standard_buildings"})
    plain = cba.appraise(kiosk)["kiosk", "npv"]             # the unadjusted NPV, appraised directly
    for lang, option, npv in (("zh", "方案", "净现值 未调整"), ("en", "Option", "NPV Unadjusted")):
        with use_lang(lang):
            md = c._repr_markdown_()
        (head, rows), = tables(md)
        assert head[0] == option and rows[0][0] == kiosk.option_label("kiosk")
        assert rows[0][head.index(npv)] == fmt_money(plain)
        assert md.startswith("**乐观偏差调整：标准建筑**" if lang == "zh" else "**Optimism bias: standard buildings**")
        assert ("货币单位：万元" if lang == "zh" else "Currency unit: 万元") in md


def test_switching_values_table_reads_well_and_stays_a_dataframe():
    """cba.switching_values returns the data (machine column names) with the same rich views as
    every result (found missing by an independent check). The kiosk's kiosk_price switching value
    is 151.091 万元/台 (tests/analysis checks it against the closed form); its change from the
    base 10 is (151.091 - 10) / 10 = +1,411%."""
    import pickle

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sv = cba.switching_values(cba.load_model(KIOSK))
    assert isinstance(sv, pd.DataFrame) and type(sv.head()) is pd.DataFrame       # derived frames are plain
    assert list(sv.columns[:6]) == ["label", "unit", "base", "low", "high", "switching_value"]
    assert type(pickle.loads(pickle.dumps(sv))).__name__ == "SwitchingValues"
    x = float(sv.loc["kiosk_price", "switching_value"])
    for lang in ("zh", "en"):
        with use_lang(lang):
            md, text = sv._repr_markdown_(), str(sv)
        (head, rows), = tables(md)
        assert head[:2] == [label("parameter", lang), label("parameter_label", lang)]
        row = next(r for r in rows if r[0] == "kiosk_price")
        assert row[1:5] == ["岗亭单价", "10", "3", "20"]
        assert row[5] == f"{x:.6g}" == "151.091" and row[6] == f"{(x - 10) / 10 * 100:+,.0f}%"
        notes = [v for v in sv["note_zh" if lang == "zh" else "note"] if v]
        assert md.count("\n- ") == len(notes) == 8     # the 8 inputs without a break-even in their search range
        assert label("switching_values", lang) in text and "151.091" in text
