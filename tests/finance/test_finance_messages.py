"""Errors and warnings of cba.finance in Chinese (the default) and in English (issue 9)."""
from __future__ import annotations

import math

import pytest

from cba.errors import InputError, NoSolutionError, NoSolutionWarning
from cba.finance import irr, parse_schedule, payback, xnpv
from cba.finance.schedules import describe_schedule
from cba.i18n import use_lang


def both(call, error=InputError) -> tuple[str, str]:
    with pytest.raises(error) as info:
        call()
    with use_lang("zh"):
        zh = str(info.value)
    with use_lang("en"):
        en = str(info.value)
    return zh, en


def test_a_percentage_typed_as_a_rate_in_both_languages():
    assert both(lambda: parse_schedule(8)) == (
        "discount_rate：折现率应以小数表示：8% 应写作 0.08，实际为 8（大于 1 即 100% 的折现率会被视为百分数）",
        "discount_rate: rates are fractions: write 0.08 for 8%; got 8 (a rate above 1, i.e. 100%, is taken to be "
        "a percentage)")


def test_a_schedule_of_the_wrong_kind_lists_the_names_in_both_languages():
    zh, en = both(lambda: parse_schedule("chinese"))
    assert zh.startswith("discount_rate：应为以小数表示的折现率（如 0.08）、一组折现率、Steps 分段方案，或以下名称之一："
                         "china、china_water、green_book")
    assert zh.endswith("；实际为 'chinese'")
    assert en.startswith("discount_rate: expected a rate as a fraction such as 0.08, an array of rates, a Steps "
                         "schedule, or one of the names china, china_water, green_book")


def test_no_solution_warnings_and_errors_in_both_languages():
    # all flows negative: no sign change, so no IRR
    with pytest.warns(NoSolutionWarning) as record:
        assert math.isnan(irr([-100, -10, -10]))
    warning = record[0].message
    with use_lang("zh"):
        assert str(warning) == "irr：现金流不变号，净现值不会为零；返回 NaN"
    with use_lang("en"):
        assert str(warning) == "irr: the cash flows do not change sign, so the NPV is never zero; NaN returned"
    # two rows, one never recovered: the row count is in the sentence
    with pytest.warns(NoSolutionWarning) as record:
        payback([[-100, 60, 60], [-100, 10, 10]])
    assert record[0].message.args[0].render("zh") == "payback：2 行中的 1 行：累计现金流在计算期内未能回收；返回 NaN"
    assert both(lambda: irr([-100, -10, -10], strict=True), NoSolutionError)[0] == (
        "irr：现金流不变号，净现值不会为零；返回 NaN")


def test_dated_flows_in_both_languages():
    assert both(lambda: xnpv(0.1, [-100, 60, 60], ["2024-01-01", "2023-06-01", "2024-12-31"])) == (
        "dates：序号为 1 的日期（2023-06-01，从 0 起计）早于第一个日期（2024-01-01）；第一个日期是起点（电子表格会给出 #NUM!）",
        "dates: date 1 (2023-06-01) is before the first date (2024-01-01); the first date is the start "
        "(spreadsheets give #NUM!)")


def test_describe_schedule_follows_the_language():
    rates = [0.01 * k for k in range(1, 9)]
    with use_lang("zh"):
        assert describe_schedule(rates) == "8 个折现率，从 1% 到 8%"
    with use_lang("en"):
        assert describe_schedule(rates) == "8 rates from 1% to 8%"
