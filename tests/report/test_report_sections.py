"""Report building blocks without a kernel: the conclusion rule, sections, items, HTML page."""
from __future__ import annotations

import json
import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

import cba
from cba.errors import CBAWarning
from cba.errors import InputError
from cba.report import AppraisalReport, recommend
from cba.report.blocks import Block, heading, num, para, table
from cba.report.export import CSP, markdown_items, notebook_items, page_html
from cba.report.sections import effective_model

KIOSK = Path(__file__).resolve().parents[2] / "data" / "minhang_kiosk.yaml"


def two_option_model(saving: float, price: float = 100.0, *, dist: bool = False) -> dict:
    """Buy for ``price`` at t=0, save ``saving`` a year for 5 years at 8%."""
    p = {"value": saving, "low": saving * 0.2, "high": saving * 1.8}
    if dist:
        p["distribution"] = "triangular"
    return {"name": "测试项目", "currency": "万元", "base_year": 2025, "horizon": 5, "discount_rate": 0.08,
            "baseline": "keep",
            "parameters": {"saving": p, "price": {"value": price, "low": price * 0.9, "high": price * 1.1,
                                                  "source": "示例假设"}},
            "options": {"keep": {"label": "维持现状", "flows": [{"name": "run", "kind": "cost", "amount": "saving"}]},
                        "buy": {"label": "购置", "flows": [{"name": "purchase", "kind": "cost", "amount": "price",
                                                           "at": 0}]}}}


# -- the conclusion rule ----------------------------------------------------------------------------
def test_support_adjust_reject():
    kiosk = cba.load_model(KIOSK)
    a = cba.appraise(kiosk)
    rec = recommend(a)
    assert (rec.verdict, rec.label(), rec.label("en")) == ("support", "予以支持", "Support")
    assert rec.npv == a["kiosk", "npv"] and rec.bcr == a["kiosk", "bcr"]
    assert f"{num(rec.npv)} 万元" in rec.text() and f"效益费用比{num(rec.bcr, 'ratio')}" in rec.text()
    assert "建议**予以支持**" in rec.text()
    with pytest.warns(CBAWarning, match="kiosk_price"):     # 30 lies outside its range 3-20
        worse = recommend(cba.appraise(kiosk, scenario="pessimistic", kiosk_price=30))
    assert worse.verdict == "reject" and worse.npv < 0 and worse.bcr < 0.9 and "不予支持" in worse.text()
    # NPV < 0 but close to break-even: BCR >= 0.9
    af = 1 / 0.08 * (1 - 1.08 ** -5)
    near = cba.load_model(two_option_model(saving=95 / af))
    rec = recommend(cba.appraise(near))
    assert rec.npv < 0 and rec.bcr == pytest.approx(0.95) and rec.verdict == "adjust" and rec.reason == "near"
    assert "调整后支持" in rec.text() and "Support after adjustment" in rec.label("en")
    # NPV > 0 but a 30% chance of a loss
    risky = cba.load_model(two_option_model(saving=110 / af, dist=True))
    base = cba.appraise(risky)
    draws = cba.appraise(risky, **risky.sample(4000, seed=1))
    rec = recommend(base, draws=draws)
    assert rec.npv > 0 and rec.prob_loss > 0.10 and rec.verdict == "adjust" and rec.reason == "risky"
    assert f"{rec.prob_loss:.2%}" in rec.text() and "4,000" in rec.text()
    assert recommend(base, draws=draws, max_loss_probability=0.45).verdict == "support"
    with pytest.raises(InputError, match="max_loss_probability"):
        recommend(base, max_loss_probability=1.5)


def test_recommendation_text_in_english_and_dict():
    rec = recommend(cba.appraise(cba.load_model(KIOSK)), critical=("kiosk price", 10.0, 171.3, "万元/台", 16.13))
    text = rec.text("en")
    assert f"NPV against 人工执勤 of **{num(rec.npv)} 万元**" in text and "**support**" in text
    assert "closest to its switching value" in text and "1,613%" in text
    d = rec.to_dict()
    assert d["label_zh"] == "予以支持" and d["verdict"] == "support"
    json.dumps(d, ensure_ascii=False)


def test_option_choice_is_stated():
    data = two_option_model(saving=40)
    data["options"]["lease"] = {"label": "租赁", "flows": [{"name": "rent", "kind": "cost", "amount": "0.5 * saving"}]}
    m = cba.load_model(data)
    rec = recommend(cba.appraise(m))      # lease saves 20 a year for nothing; buy saves 40 for 100 up front
    assert rec.option == "lease" and rec.chosen_from == 2 and "在2个备选方案中增量净现值最高" in rec.text()
    assert recommend(cba.appraise(m), option="buy").option == "buy"
    with pytest.raises(InputError, match="unknown option 'leese'"):
        recommend(cba.appraise(m), option="leese")
    with pytest.raises(InputError):
        recommend(cba.appraise(m), option="keep")   # the baseline is not an alternative


# -- sections ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def kiosk_report():
    return AppraisalReport(KIOSK, n_draws=1000, seed=3, overrides={"kiosk_price": 25, "discount_rate": 0.06})


def test_overrides_are_shown_and_held_fixed(kiosk_report):
    r = kiosk_report
    assert r.model.parameters["kiosk_price"].value == 25 and r.model.parameters["kiosk_price"].high == 25
    assert "kiosk_price" not in r.sampled and "staff_cost" in r.sampled
    inputs = r.inputs()
    row = next(x for x in inputs.items[1]["rows"] if x[1] == "kiosk_price")
    assert row[2] == "25*"
    assert "岗亭单价：10 → 25" in inputs.items[2]["text"]
    assert r.recommendation.rate == "6%"
    risk = r.risk()
    assert any("岗亭单价" in i.get("text", "") for i in risk.items)    # held fixed, said so (by its label)
    title = r.title()
    assert ["参数调整", "岗亭单价 = 25、折现率 = 0.06"] in title.items[2]["rows"]


def test_every_section_and_its_numbers():
    blocks = AppraisalReport(KIOSK, n_draws=1000, seed=3).sections()   # sections are numbered as first shown
    kinds = [i["t"] for b in blocks for i in b.items]
    assert kinds.count("img") == 5 and "verdict" in kinds and "cards" in kinds
    results = {}
    for b in blocks:
        results.update(b.results)
    assert set(results) == {"conclusion", "inputs", "cash_flows", "metrics", "views", "optimism", "breakeven", "sensitivity",
                            "spider", "frontier", "risk"}
    json.dumps([b._repr_mimebundle_() for b in blocks])       # displayable: JSON all the way down
    heads = [i["text"] for b in blocks for i in b.items if i["t"] == "h" and i["level"] == 2]
    assert heads[0] == "一、评估结论" and heads[-1] == "十二、附录：可复现信息"


def test_cash_flow_table_signs():
    r = AppraisalReport(KIOSK, n_draws=0)
    tbl = next(i for i in r.cash_flows().items if i["t"] == "table")
    rows = {row[0]: row[1:] for row in tbl["rows"]}
    # the kiosks are an asset (data/minhang_kiosk.yaml): its line, purchase and replacements
    assert rows["岗亭：购置与更新"][0] == "-60.00" and rows["费用合计"][0] == "-60.00"   # costs negative throughout
    # economic view: staff saved 0.8 x 108 = 86.4, accidents 79.56, upkeep -4.8
    assert rows["净现金流"][1] == "161.16"
    assert not any(c == "-0.00" for row in tbl["rows"] for c in row)


def test_no_distributions_no_risk_section():
    m = cba.load_model(two_option_model(saving=40))
    r = AppraisalReport(m, lang="en", n_draws=1000)
    assert r.draws is None and not r.risk()
    lim = " ".join(r.limitations().items[1]["items"])
    assert "no probabilistic risk analysis" in lim and "price" in lim       # the 示例假设 source flagged
    assert r.recommendation.prob_loss is None
    assert "No probabilistic risk analysis was run" in r.recommendation.text("en")
    assert "未做概率风险分析" in r.recommendation.text("zh")


def test_bad_report_arguments():
    with pytest.raises(InputError, match="n_draws"):
        AppraisalReport(KIOSK, n_draws=-1)
    with pytest.raises(InputError, match="unknown parameter 'kiosk_prise'"):
        AppraisalReport(KIOSK, overrides={"kiosk_prise": 3})
    with pytest.raises(InputError, match="unknown scenario"):
        AppraisalReport(KIOSK, scenario="worst")
    with pytest.raises(InputError, match="lang"):
        AppraisalReport(KIOSK, lang="fr")


def test_effective_model_scenario_then_overrides():
    m, changed = effective_model(cba.load_model(KIOSK), scenario="pessimistic", overrides={"om_cost": 1.0})
    assert changed["kiosk_price"] == 20 and changed["om_cost"] == 1.0
    assert m.parameters["om_cost"].distribution is None and m.parameters["accidents"].distribution is not None
    assert cba.appraise(m)["kiosk", "npv"] == pytest.approx(
        cba.appraise(cba.load_model(KIOSK), scenario="pessimistic", om_cost=1.0)["kiosk", "npv"])


# -- items, notebook walk and page ---------------------------------------------------------------------
def test_numbers_and_escaping():
    # small amounts keep four significant digits; rounding noise below six decimals is zero
    assert num(-0.0001) == "-0.0001" and num(-1e-9) == "0.00" and num(1234567.891) == "1,234,567.89" and num(math.inf) == "∞"
    b = Block([heading("<x>"), para("a **b** <script>"), table(["k", "v"], [["<i>", 1]])], {"x": np.float64(np.nan)})
    html = b.to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<strong>b</strong>" in html
    assert b._repr_mimebundle_()["application/vnd.cba.results+json"] == {"x": None}


def test_notebook_items_filter_cells():
    nb = nbformat.v4.new_notebook()
    cells = [("markdown", "## 中文说明", ["lang-zh"]), ("markdown", "## English note", ["lang-en"]),
             ("markdown", "## Template help", ["remove"]), ("code", "x = 1", ["parameters"]),
             ("code", "print('hi')", [])]
    for kind, src, tags in cells:
        c = nbformat.v4.new_markdown_cell(src) if kind == "markdown" else nbformat.v4.new_code_cell(src)
        c.metadata["tags"] = tags
        nb.cells.append(c)
    nb.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n"),
                            nbformat.v4.new_output("stream", name="stderr", text="a warning\n"),
                            nbformat.v4.new_output("display_data", data={"text/plain": "<Figure size 640x480>"}),
                            nbformat.v4.new_output("display_data", data={
                                "text/html": "<b>ok</b><script src='https://cdn.example/x.js'></script>",
                                "text/plain": "ok"})]
    zh = notebook_items(nb, "zh")
    assert [i["t"] for i in zh] == ["h", "pre", "raw"]
    assert zh[0]["text"] == "中文说明" and zh[1]["text"] == "hi\n" and "script" not in zh[2]["html"]
    assert notebook_items(nb, "en")[0]["text"] == "English note"


def test_markdown_items():
    items = markdown_items("# 标题\n\n正文 **粗体** [链接](#a)\n\n- 一\n  - 一.一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                           "```\ncode\n```\n\n> 引用")
    assert [i["t"] for i in items] == ["h", "p", "ul", "table", "pre", "p"]
    assert items[1]["text"] == "正文 **粗体** 链接" and items[2]["items"] == ["一", "一.一", "二"]


def test_page_is_self_contained():
    page = page_html([heading("报告", 1), para("正文")], lang="zh", embed_font=False)
    assert f'content="{CSP}"' in page and "<script" not in page and 'lang="zh-CN"' in page
    page = page_html([heading("报告", 1)], lang="en")
    assert "url(data:font/woff;base64," in page and "http" not in page.lower().replace("http-equiv", "")


def test_interactive_run_shows_partial_provenance():
    """Run in JupyterLab without the runner, the appendix still names the model file and versions."""
    b = AppraisalReport(KIOSK, lang="en", n_draws=0).appendix()
    rows = dict(b.items[2]["rows"])
    assert rows["Model file SHA-256"] == cba.model.files.file_sha256(KIOSK)
    assert rows["Template"] == "(interactive run: template not recorded)"
    assert "papermill" in rows["Software versions"]


# -- review fixes -----------------------------------------------------------------------------------
def stand_alone_model(a: float, b: float, *, dist: bool = False) -> dict:
    """Two options without a baseline: each receives a benefit once, at t=0."""
    pa = {"value": a, "low": a * 0.9, "high": a * 1.1}
    if dist:
        pa["distribution"] = "triangular"
    return {"name": "独立方案", "currency": "万元", "base_year": 2025, "horizon": 3, "discount_rate": 0.08,
            "parameters": {"va": pa, "vb": {"value": b}, "cost": {"value": 1_000_000}},
            "options": {"a": {"label": "方案甲", "flows": [{"name": "gain", "kind": "benefit", "amount": "va",
                                                           "at": 0}]},
                        "b": {"label": "方案乙", "flows": [{"name": "gain", "kind": "benefit", "amount": "vb",
                                                           "at": 0}]}}}


def test_switching_value_inside_plausible_range_means_adjust():
    af = 1 / 0.08 * (1 - 1.08 ** -5)
    m = cba.load_model(two_option_model(saving=110 / af))   # NPV 10 > 0; switching saving 100/af, range 0.2-1.8x
    a = cba.appraise(m)
    assert recommend(a).verdict == "support"                # without the switching table: base case only
    sv = cba.switching_values(m, "buy")
    rec = recommend(a, switching=sv)
    assert rec.npv > 0 and rec.verdict == "adjust" and rec.reason == "fragile"
    assert rec.in_range[0] == "saving" and rec.in_range[2] <= rec.in_range[1] <= rec.in_range[3]
    zh, en = rec.text("zh"), rec.text("en")
    assert "“saving”的合理区间" in zh and "包含其临界点" in zh and "**调整后支持**" in zh
    assert "plausible range of saving" in en and "includes its switching value" in en
    # the report does the same, and states the rule
    r = AppraisalReport(m, n_draws=0)
    assert r.recommendation.verdict == "adjust"
    notes = " ".join(i.get("text", "") + " ".join(i["items"] if i["t"] == "ul" else []) for i in r.conclusion().items)
    assert "临界点落在其合理区间内" in notes
    # kiosk: no switching value in range, still supported
    assert AppraisalReport(KIOSK, n_draws=0).recommendation.verdict == "support"


def test_stand_alone_runner_up_is_named_when_close():
    close = recommend(cba.appraise(cba.load_model(stand_alone_model(100, 97))))
    assert close.option == "a" and close.baseline_label is None and close.runner_up == ("方案乙", 97.0)
    assert "次优方案“方案乙”" in close.text("zh") and "The runner-up, 方案乙" in close.text("en")
    assert "增量" not in close.text("zh")
    far = recommend(cba.appraise(cba.load_model(stand_alone_model(100, 80))))
    assert far.runner_up is None and "次优" not in far.text("zh")


def test_no_baseline_risk_says_npv_not_incremental():
    from cba.report.figures import npv_histogram

    r = AppraisalReport(cba.load_model(stand_alone_model(100, 50, dist=True)), n_draws=200, seed=1)
    text = json.dumps(r.risk().items, ensure_ascii=False)
    assert "每次抽样计算一次净现值" in text and "增量净现值" not in text
    fig = npv_histogram(np.array([1.0, 2.0, -1.0]), incremental=False)
    assert fig.axes[0].get_xlabel() == "净现值"
    assert npv_histogram(np.array([1.0]), lang="en").axes[0].get_xlabel() == "Incremental NPV"
    inputs = r.inputs()
    row = next(x for x in inputs.items[1]["rows"] if x[1] == "cost")
    assert row[2] == "1,000,000"


def test_generic_text_has_no_kiosk_wording():
    from cba.report.text import _T

    for key, pair in _T.items():
        for text in pair:
            for word in ("执勤", "岗亭", "kiosk", "duty officer"):
                assert word not in text, (key, text)
    assert "难以货币化" in _T["lim_unvalued"][0] and "could not be valued" in _T["lim_unvalued"][1]


def test_npv_histogram_of_a_constant_npv_is_one_bar_at_that_value():
    """A row whose scenario and overrides fix every uncertain input draws one NPV (up to rounding
    noise, 1e-13 here); numpy alone refuses 60 bins over such a range ("Too many bins for data
    range", found by a batch of the data/batch example). The chart must put all draws at the value."""
    import numpy as np

    from cba.report.figures import npv_histogram

    x = 500 + np.random.default_rng(1).normal(0, 1e-13, 1000)
    with pytest.raises(ValueError, match="Too many bins"):
        np.histogram(x, bins=60)
    bars = [p for p in npv_histogram(x).axes[0].patches if p.get_height() > 0]
    assert sum(p.get_height() for p in bars) == pytest.approx(1.0, abs=1e-12)     # shares of the draws
    for p in bars:                                 # within 0.1% of 500 (the widened range)
        assert abs(p.get_x() + p.get_width() / 2 - 500) <= 0.5


def test_a_failing_or_timed_out_section_of_the_packaged_template_is_named_in_both_languages():
    """cell_title once passed the section's names as placeholders called zh/en, which clash with
    Text's own arguments: `cba report --timeout 1` died with a TypeError (found by an independent
    check). The names are those of the template's sections (cba/i18n/messages/report.py)."""
    from cba.report.execute import cell_title
    from cba.report.params import load_template
    from cba.report.render import DEFAULT_TEMPLATE

    nb = load_template(DEFAULT_TEMPLATE)
    i = next(k for k, c in enumerate(nb.cells) if c.get("id") == "risk")
    t = cell_title(nb, i)
    assert t.render("zh") == f"“风险分析”部分（模板单元格 'risk'，第 {i} 个）"
    assert t.render("en").startswith("the ") and f"section (template cell 'risk', #{i})" in t.render("en")
