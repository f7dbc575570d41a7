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
        assert head == [label(k, lang) for k in ("parameter", "parameter_label", "unit", "base", "breakeven",
                                                   "pct_change", "search_low", "search_high", "n_solutions",
                                                   "all_solutions")]
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
            (head, rows), = tables(sim._repr_markdown_())
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
