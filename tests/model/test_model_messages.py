"""Errors of cba.model and cba.checks in Chinese (the default) and in English (issue 9: errors
follow --lang). The Chinese sentences are the ones an evaluator would read; keys and values
quoted from the file stay as written."""
from __future__ import annotations

import math

import pytest

import cba
from cba import checks
from cba.errors import EvaluationError, InputError
from cba.i18n import MESSAGES, use_lang
from cba.model import check_model
from cba.model.compiler import _BAD_OPERATORS, _CONSTRUCTS, _LOOKALIKES, normalise
from cba.model.distributions import KINDS, Distribution
from cba.model.elements import Parameter


def both(call) -> tuple[str, str]:
    """(Chinese, English) text of the InputError ``call`` raises; str() follows the language."""
    with pytest.raises(InputError) as info:
        call()
    with use_lang("zh"):
        zh = str(info.value)
    with use_lang("en"):
        en = str(info.value)
    assert (zh, en) == (info.value.render("zh"), info.value.render("en"))
    return zh, en


def test_checks_in_both_languages():
    assert both(lambda: checks.number("ten", "parameters.p.low")) == (
        "parameters.p.low：应为数字，实际为 'ten'", "parameters.p.low: expected a number, got 'ten'")
    assert both(lambda: checks.only_keys({"valeu": 1}, "parameters.p", ["value", "low"])) == (
        "parameters.p：未知字段 'valeu'（是否应为 'value'？）；允许的字段：value、low",
        "parameters.p: unknown field 'valeu' (did you mean 'value'?); allowed: value, low")
    assert both(lambda: checks.choice("middle", "timing", ("end", "mid", "begin"))) == (
        "timing：应为 end、mid、begin 之一，实际为 'middle'", "timing: expected one of end, mid, begin; got 'middle'")
    assert both(lambda: checks.require({}, "(top level)", ["name"])) == (
        "(top level)：缺少必填字段 'name'", "(top level): missing required field 'name'")


def test_unknown_names_say_what_they_are_in_chinese():
    text = checks.unknown_name("kiosk", ["kiosks", "none"], "option")
    assert text.render("zh") == "未知方案 'kiosk'（是否应为 'kiosks'？）；已有方案：kiosks、none"
    assert text.render("en") == "unknown option 'kiosk' (did you mean 'kiosks'?); known options: kiosks, none"
    assert checks.unknown_name("x", [], "scenario").render("zh") == "未知情景 'x'；已有情景：无"


def test_elements_and_distributions_in_both_languages():
    assert both(lambda: Parameter("price", 100, low=120)) == (
        "low：低值（120）高于取值（100）", "low: low (120) is above value (100)")
    assert both(lambda: Distribution.from_spec("triangular", value=5, low=None, high=9)) == (
        "distribution.low：三角分布需要给出 'low'（或参数的 low/high）",
        "distribution.low: a triangular distribution needs 'low' (or the parameter's low/high)")


def test_model_errors_name_the_file_in_both_languages(small):
    small["options"]["buy"]["flows"][0]["at"] = 9          # the horizon is 3
    zh, en = both(lambda: cba.load_model(small))
    assert zh == "options.buy.flows[0].at：第 9 期超出了计算期（3）"
    assert en == "options.buy.flows[0].at: period 9 is beyond the horizon (3)"
    m = cba.Model(name="x", horizon=2, discount_rate=0.1, parameters=[],
                  options=[cba.Option("a"), cba.Option("b")])
    assert both(lambda: m.resolve_option(None)) == (
        "option：模型有 2 个待评价的方案（a、b），请用 option= 指定其中一个（命令行用 --option）",
        "option: the model has 2 options to appraise (a, b); say which one with option= (--option on the command line)")


def _divides_by_zero(source=None):
    return cba.Model.from_dict({
        "name": "x", "horizon": 2, "discount_rate": 0.1, "parameters": {"n": {"value": 1, "low": 1, "high": 2}},
        "options": {"o": {"flows": [{"name": "unit", "kind": "cost", "amount": "10 / (n - t)"}]}}}, source=source)


def test_evaluation_errors_render_in_the_current_language():
    # 10 / (n - t) with n = 1 divides by zero in period 1
    with pytest.raises(EvaluationError) as info:
        cba.appraise(_divides_by_zero("m.yaml"))
    with use_lang("zh"):
        assert str(info.value) == "m.yaml：options.o.flows[0]（unit）：公式在第 1 期的值为 inf，此时 n=1"
    with use_lang("en"):
        assert str(info.value) == "m.yaml: options.o.flows[0] (unit): the formula gives inf in period 1 with n=1"


def test_check_model_problems_and_summary_in_both_languages():
    # cases: base (n=1: inf at t=1), n.high (n=2: inf at t=2); n.low equals the value, so not a case
    report = check_model(_divides_by_zero())
    first = report.problems[0]
    assert first.message.render("zh") == "options.o.flows[0]（unit）：公式在第 1 期的值为 inf，此时 n=1；出现于：基准情景"
    assert first.message.render("en") == ("options.o.flows[0] (unit): the formula gives inf in period 1 with n=1; "
                                          "case: base case")
    assert report.summary("zh").splitlines()[0] == "共计算 2 种情形：发现 2 个问题"
    assert report.summary("en").splitlines()[0] == "2 cases evaluated: 2 problems"
    with use_lang("zh"):
        assert str(first) == first.message.render("zh")
        assert report.cases[1] == "parameters.n.high（2）"
    assert math.isinf(first.value)


def test_every_message_key_held_in_a_table_exists():
    """Keys the compiler and distributions look up through tables (not literal msg() calls)."""
    keys = [hint for _, hint in _BAD_OPERATORS.values() if hint]
    keys += ["model.construct." + name for name in _CONSTRUCTS.values()]
    keys += ["model.dist.kind." + kind for kind in KINDS]
    missing = [k for k in keys if k not in MESSAGES]
    assert not missing, missing


def test_normalise_maps_full_width_forms_one_character_for_one():
    import unicodedata

    full = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
    assert normalise(full) == unicodedata.normalize("NFKC", full)    # exactly NFKC on these
    assert len(normalise(full)) == len(full)
    assert normalise("×÷") == "×÷"                                  # lookalikes are only hinted at
    assert set(_LOOKALIKES.values()) <= set(map(chr, range(0x21, 0x7F)))
