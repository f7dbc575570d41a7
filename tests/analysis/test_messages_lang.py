"""Errors and warnings of cba.analysis in Chinese and English (issue 9, section 1): a warning is
shown in the language current where it is printed; errors name the field in both."""
from __future__ import annotations

import string
import warnings

import pytest

import cba
from cba.i18n import MESSAGES, use_lang

MODEL = {  # NPV of "led" = -price + 1 x annuity factor(8%, 10) = -price + 6.710081
    "name": "路灯改造", "horizon": 10, "discount_rate": 0.08,
    "parameters": {"price": {"value": 3, "low": 2, "high": 4}, "saving": {"value": 1, "low": 0.8, "high": 1.2}},
    "options": {"led": {"flows": [{"name": "buy", "kind": "cost", "amount": "price", "at": 0},
                                  {"name": "save", "kind": "benefit", "amount": "saving", "from": 1}]}},
}


@pytest.fixture
def model():
    return cba.Model.from_dict(MODEL)


def test_no_breakeven_warning_in_both_languages(model):
    with pytest.warns(cba.NoSolutionWarning) as rec:
        cba.breakeven(model, "price", bounds=(0, 1))
    w = rec[0].message
    with use_lang("zh"):
        # 6.710081 - price stays between 5.71 and 6.71 on [0, 1]: never 0
        assert str(w).startswith("盈亏平衡值：price在 [0, 1] 内没有使led的净现值等于 0 的取值")
        assert str(w).endswith("返回缺失值")
    with use_lang("en"):
        assert str(w).startswith("breakeven: no value of price in [0, 1] makes led npv equal 0")
        assert str(w).endswith("NaN returned")


def test_switching_warning_in_both_languages(model):
    data = {**MODEL, "parameters": {**MODEL["parameters"], "spare": {"value": 1, "low": 0, "high": 2}}}
    m = cba.Model.from_dict(data)        # spare is in no formula: the NPV never changes with it
    with pytest.warns(cba.NoSolutionWarning) as rec:
        cba.switching_values(m, parameters=["spare"])
    w = rec[0].message
    with use_lang("zh"):
        assert "led 净现值 = 0" in str(w) and "临界点分析" in str(w) and "break" not in str(w)
    with use_lang("en"):
        assert str(w).startswith("switching_values: no break-even (led npv = 0) within the searched range")


@pytest.mark.parametrize("call, zh, en", [
    (lambda m: cba.breakeven(m, "price", metric="nope"), "metric：应为 pv_costs",
     "metric: expected one of pv_costs"),
    (lambda m: cba.breakeven(m, "price", bounds=(2, 1)), "bounds：下限应小于上限，实际为 (2, 1)",
     "bounds: expected low < high, got (2, 1)"),
    (lambda m: cba.sensitivity(m, delta=2), "delta：应为 0 到 1 之间的比例，例如 0.1，实际为 2",
     "delta: expected a fraction between 0 and 1 such as 0.1, got 2"),
    (lambda m: cba.two_way(m, "price", "price"), "y：x 与 y 必须是两个不同的输入参数，实际两次都是 'price'",
     "y: x and y must be two different inputs, got 'price' twice"),
])
def test_errors_in_both_languages(model, call, zh, en):
    with pytest.raises(cba.InputError) as exc:
        call(model)
    assert exc.value.render("zh").startswith(zh)
    assert exc.value.render("en").startswith(en)


def test_catalogue_of_analysis_report_cli_is_complete():
    fmt = string.Formatter()
    for key, (zh, en) in MESSAGES.items():
        if key.split(".")[0] not in ("analysis", "report", "cli"):
            continue
        names_zh = {f[1] for f in fmt.parse(zh) if f[1]}
        names_en = {f[1] for f in fmt.parse(en) if f[1]}
        # the Chinese side may name the glossary term of the analysis ({title}); nothing else differs
        assert names_zh - {"title"} == names_en, key
        assert ";" not in zh, key               # Chinese punctuation (；) in Chinese sentences
