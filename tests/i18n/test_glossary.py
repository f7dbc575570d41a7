"""The glossary: one term per concept, the terms of Chinese appraisal practice, Chinese punctuation."""
from __future__ import annotations

import re

import pytest

from cba.i18n import GLOSSARY, label, use_lang
from cba.i18n.glossary import colon, comma, distribution_label, name_in, paren

#: ASCII , ; : ( ) next to a CJK character: Chinese text takes ，；：（） instead
ASCII_NEXT_TO_CJK = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")


def test_terms_of_chinese_appraisal_practice():
    # 《建设项目经济评价方法与参数》(第三版, 发改投资〔2006〕1325号): 净现值, 效益费用比, 内部收益率,
    # 投资回收期, 动态投资回收期; its sensitivity analysis names 敏感度系数 (SAF), 临界点 (switching
    # value) and 敏感因素. These, not 转换值 / 弹性 / 关键, are the package's terms.
    expected = {"npv": "净现值", "bcr": "效益费用比", "irr": "内部收益率", "payback": "投资回收期（年）",
                "discounted_payback": "动态投资回收期（年）", "switching_value": "临界点",
                "elasticity": "敏感度系数", "critical": "敏感因素", "sensitivity": "敏感性分析",
                "static_payback": "投资回收期", "dynamic_payback": "动态投资回收期"}
    assert {k: label(k) for k in expected} == expected
    assert label("switching_value", "en") == "Switching value" and label("npv", "en") == "NPV"
    zh = " ".join(z for z, _ in GLOSSARY.values())
    assert not any(word in zh for word in ("转换值", "弹性", "关键"))


def test_glossary_uses_chinese_punctuation():
    bad = {k: z for k, (z, _) in GLOSSARY.items() if ASCII_NEXT_TO_CJK.search(z)}
    assert bad == {}
    assert label("baseline") == "基准方案（反事实）"


@pytest.mark.parametrize("kind, zh, en", [("triangular", "三角分布", "triangular"), ("uniform", "均匀分布", "uniform"),
                                          ("pert", "PERT分布", "PERT"), ("normal", "正态分布", "normal"),
                                          ("lognormal", "对数正态分布", "lognormal")])
def test_distribution_names(kind, zh, en):
    assert distribution_label(kind) == zh and distribution_label(kind, "en") == en


def test_every_distribution_kind_has_a_name():
    from cba.model.distributions import KINDS

    assert all(distribution_label(k) != k and distribution_label(k, "en") for k in KINDS)


def test_punctuation_helpers_follow_the_language():
    assert (colon(), comma(), paren("年")) == ("：", "，", "（年）")
    assert (colon("en"), comma("en"), paren("years", "en")) == (": ", ", ", " (years)")
    with use_lang("en"):
        assert colon(None) == ": "
    assert name_in("岗亭单价", "kiosk_price") == "岗亭单价"
    assert name_in("岗亭单价", "kiosk_price", "en") == "岗亭单价 (kiosk_price)"
    assert name_in("price", "price", "en") == "price"
