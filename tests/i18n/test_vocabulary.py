"""One vocabulary and Chinese punctuation across the command line, tables, notes and the report
(issue 9, section 1): the same term for the same concept everywhere, labels instead of keys in
notes, distribution names in Chinese, and no ASCII , ; : ( ) next to Chinese characters."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import cba
from cba.cli.app import main
from cba.report import AppraisalReport
from cba.report.text import _T, tr

KIOSK = Path(__file__).resolve().parents[2] / "data" / "minhang_kiosk.yaml"
ASCII_NEXT_TO_CJK = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")


def _strings(items) -> list[str]:
    """Every string a report block shows: headings, paragraphs, captions, headers, cells, notes."""
    out = []
    for it in items:
        for key in ("text", "caption", "note", "title", "label"):
            if isinstance(it.get(key), str):
                out.append(it[key])
        out += it.get("columns", []) + it.get("items", []) if it["t"] != "cards" else []
        if it["t"] == "cards":
            out += [x for card in it["items"] for x in card]
        for row in it.get("rows", []):
            out += list(row)
    return [s for s in out if isinstance(s, str)]


def _model_texts(m: cba.Model) -> list[str]:
    """Text quoted from the model file, shown as written (its own punctuation is the author's)."""
    texts = [m.name, m.description, m.discount_source]
    for p in m.parameters.values():
        texts += [p.source, p.unit, p.label, p.description]
    for o in m.options.values():
        texts += [o.label, o.description] + [f.label for f in o.flows]
    return sorted({t for t in texts if t}, key=len, reverse=True)


def _bad_punctuation(texts, model) -> list[str]:
    quoted = _model_texts(model)
    bad = []
    for t in texts:
        for q in quoted:
            t = t.replace(q, "　")
        if ASCII_NEXT_TO_CJK.search(t):
            bad.append(t)
    return bad


def _report(model=KIOSK, **kw) -> AppraisalReport:
    kw.setdefault("n_draws", 300)
    return AppraisalReport(model, lang="zh", **kw)


# -- one term per concept ------------------------------------------------------------------------
def test_cli_and_report_use_the_same_terms(capsys):
    assert main(["sensitivity", str(KIOSK), "--lang", "zh"]) == 0
    cli = capsys.readouterr().out
    rep = _report(n_draws=0)
    report = "\n".join(_strings(rep.breakeven().items) + _strings(rep.sensitivity().items))
    for term in ("临界点", "敏感度系数", "敏感因素"):
        assert term in cli and term in report, term
    for old in ("转换值", "弹性", "关键"):
        assert old not in cli and old not in report, old
    # the report's text catalogue too: terms come from the glossary
    every = " ".join(tr(k, "zh") for k in _T if "{" not in _T[k][0].replace("{t_", ""))
    assert "转换值" not in every and "临界点" in every
    assert tr("sec_breakeven", "zh") == "盈亏平衡与临界点"


# -- Chinese punctuation ---------------------------------------------------------------------------
def test_chinese_text_for_the_kiosk_uses_chinese_punctuation():
    model = cba.load_model(KIOSK)
    texts = []
    for scenario in (None, "pessimistic", "optimistic"):
        texts += cba.appraise(model, scenario=scenario).summary("zh").splitlines()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cba.CBAWarning)
        for scenario in (None, "pessimistic"):
            sv = cba.switching_values(model, scenario=scenario)
            texts += [n for n in sv["note_zh"] if n]
            res = cba.analyse(model, frontier=("reduction", "staff_freed"), scenario=scenario)
            texts += res.summary("zh").splitlines()
        texts += cba.breakeven(model, "service_life", scenario="pessimistic", full_output=True).notes_zh
        rep = _report()
        for block in rep.sections():
            texts += _strings(block.items)
    texts += [tr(k, "zh", **{p: "X" for p in re.findall(r"{(\w+)}", _T[k][0]) if not p.startswith("t_")})
              for k in _T]
    assert len(texts) > 200
    assert _bad_punctuation(texts, model) == []


def test_appraisal_notes_use_chinese_punctuation():
    # net flow -100, +230, -132: IRRs of exactly 10% and 20% (100(1+r)^2 - 230(1+r) + 132 = 0 has
    # roots 1.1 and 1.2), so the IRR note fires
    m = cba.load_model({"name": "两个内部收益率", "horizon": 2, "discount_rate": 0.05, "parameters": {"k": 1},
                        "options": {"a": {"label": "方案甲", "flows": [
                            {"name": "outflow", "kind": "cost", "values": [100, 0, 132], "from": 0},
                            {"name": "inflow", "kind": "benefit", "values": [230], "at": 1}]}}})
    text = cba.appraise(m).summary("zh")
    assert "方案甲：内部收益率不唯一，净现金流有2个内部收益率（10.0000%、20.0000%），应以净现值判断" in text
    assert _bad_punctuation(text.splitlines(), m) == []


# -- labels in notes and tables ---------------------------------------------------------------------
def test_notes_name_parameters_and_options_by_label():
    model = cba.load_model(KIOSK)
    with pytest.warns(cba.NoSolutionWarning):
        sv = cba.switching_values(model)
    note = sv.loc["service_life", "note_zh"]
    assert note.startswith("岗亭使用年限在 [0, 60] 内没有使移动岗亭的净现值等于 0 的取值")
    assert "service_life" not in note and "kiosk" not in note
    # English keeps the key the user types next to the label
    assert sv.loc["service_life", "note"].startswith("no value of 岗亭使用年限 (service_life) in [0, 60] "
                                                     "makes 移动岗亭 npv equal 0")
    sc = cba.compare_scenarios(model, lang="zh")
    assert sc.loc["悲观情景", "参数变动"].startswith("岗亭单价=20、岗亭使用年限=5")


def test_distributions_are_named_in_chinese_in_the_report():
    rep = _report(n_draws=0)
    table = next(it for it in rep.inputs().items if it["t"] == "table")
    dists = {row[1]: row[5] for row in table["rows"]}
    assert dists["kiosk_price"] == "三角分布" and dists["n_posts"] == "固定"
    assert "triangular" not in str(table)
    en = AppraisalReport(KIOSK, lang="en", n_draws=0).inputs()
    assert any(row[5] == "triangular" for it in en.items if it["t"] == "table" for row in it["rows"])


def test_distributions_are_named_in_chinese_in_parameter_tables():
    m = cba.load_model(KIOSK)
    zh, en = m.parameter_table("zh"), m.parameter_table("en")
    assert zh.loc["kiosk_price", "分布"] == "三角分布" and zh.loc["n_posts", "分布"] == "固定"
    assert en.loc["kiosk_price", "Distribution"] == "triangular" and en.loc["n_posts", "Distribution"] == "fixed"
