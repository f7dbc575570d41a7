"""cba.finance.schedules against published discount-factor values and the rules that define them.

Sources
-------
[CI]  Standard compound-interest factor tables, (P/F, i, n) = (1 + i)^-n and (P/A, i, n), to 4
      decimals, as printed in engineering-economics textbooks (e.g. C. S. Park, Contemporary
      Engineering Economics, Appendix: 3.5% and 8% tables; 《工程经济学》附录 复利系数表).
[GB]  HM Treasury, The Green Book (2022), Annex A6 discounting: 3.5% for years 0-30, 3.0% 31-75,
      2.5% 76-125, 2.0% 126-200, 1.5% 201-300, 1.0% 301+, compounded year by year. The
      greenbook R package (charlescoverdale/greenbook, tests/testthat/test-discounting.R) checks
      the same rule: DF(31) = DF(30) / 1.030 and DF(75) = 1 / (1.035^30 * 1.03^45).
[GBH] HM Treasury, The Green Book (2022), Annex A6, Table 8, discount rates for health
      outcomes: 1.50% years 0-30, 1.29% 31-75, 1.07% 76-125, 0.86% 126-200, 0.64% 201-300,
      0.43% 301+ (the published, rounded figures; not derived from the standard schedule).
[CN]  发改投资〔2006〕1325号《建设项目经济评价方法与参数》(第三版): social discount rate 8%.
[SL]  SL 72-2013 水利建设项目经济评价规范: 6%.
[EU]  European Commission, Guide to Cost-Benefit Analysis of Investment Projects (2014): 5% in
      Cohesion countries, 3% in other Member States.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cba.finance.schedules import (
    SCHEDULE_SOURCES,
    SCHEDULES,
    Steps,
    describe_schedule,
    discount_factors,
    parse_schedule,
    period_offsets,
)
from cba.errors import InputError


# ----------------------------------------------------------------------------- named schedules
def test_named_rates():
    assert parse_schedule("china") == 0.08            # [CN]
    assert parse_schedule("china_water") == 0.06      # [SL]
    assert parse_schedule("eu_cohesion") == 0.05      # [EU]
    assert parse_schedule("eu") == 0.03               # [EU]
    assert parse_schedule(" China ") == 0.08          # names are case- and space-tolerant


def test_green_book_steps():
    # [GB] breakpoints and rates
    gb = parse_schedule("green_book")
    assert gb.pairs() == [(0, 0.035), (31, 0.03), (76, 0.025), (126, 0.02), (201, 0.015),
                          (301, 0.01)]
    health = parse_schedule("green_book_health")
    assert list(health.periods) == [0, 31, 76, 126, 201, 301]
    assert health.rates[0] == 0.015
    assert SCHEDULES["green_book"] is gb


# ----------------------------------------------------------------------------- discount factors
@pytest.mark.parametrize("n, table", [(1, 0.9259), (5, 0.6806), (10, 0.4632), (20, 0.2145),
                                      (30, 0.0994)])
def test_china_8pct_single_payment_factors(n, table):
    # [CI] (P/F, 8%, n) at the Chinese social discount rate [CN]
    assert discount_factors("china", n) == pytest.approx(table, abs=5e-5)


def test_china_8pct_annuity_factor_from_factors():
    # [CI] (P/A, 8%, 10) = 6.7101 = sum of (P/F, 8%, t) for t = 1..10
    assert discount_factors(0.08, np.arange(1, 11)).sum() == pytest.approx(6.7101, abs=5e-5)


def test_green_book_year_30_is_plain_3_5pct():
    # [CI] (P/F, 3.5%, 30) = 0.3563; [GB] years 0-30 are all at 3.5%
    assert discount_factors("green_book", 30) == pytest.approx(0.3563, abs=5e-5)


def test_green_book_kinks_compound_year_by_year():
    # [GB] DF(31) = DF(30) / 1.030; DF(75) = 1 / (1.035^30 1.03^45); DF(76) = DF(75) / 1.025
    df = discount_factors("green_book", [30, 31, 75, 76])
    assert df[1] == pytest.approx(df[0] / 1.030, rel=1e-12)
    assert df[1] == pytest.approx(0.3459, abs=5e-5)
    assert df[2] == pytest.approx(1 / (1.035 ** 30 * 1.03 ** 45), rel=1e-12)
    assert df[3] == pytest.approx(df[2] / 1.025, rel=1e-12)


def test_green_book_long_horizon_matches_year_by_year_rule():
    # [GB] the rule written out as a loop, independent of the vectorised implementation
    rate_of = lambda t: 0.035 if t <= 30 else 0.03 if t <= 75 else 0.025 if t <= 125 else (  # noqa: E731
        0.02 if t <= 200 else 0.015 if t <= 300 else 0.01)
    expected = [1.0]
    for t in range(1, 401):
        expected.append(expected[-1] / (1 + rate_of(t)))
    np.testing.assert_allclose(discount_factors("green_book", np.arange(401)), expected, rtol=1e-12)


def test_fractional_and_negative_periods_of_steps():
    # Between whole periods k < p < k+1: DF_k / (1 + r_{k+1})^(p-k); before 0 the first rate.
    s = Steps.from_pairs([(0, 0.05), (2, 0.10)])
    df = discount_factors(s, [-1, 0.5, 1.5, 2.5])
    np.testing.assert_allclose(df, [1.05, 1.05 ** -0.5, 1.05 ** -1 / 1.10 ** 0.5,
                                    1.05 ** -1 / 1.10 ** 1.5], rtol=1e-14)


def test_constant_rate_fractional_period():
    # mid-year convention: (1 + r)^-(t - 0.5)
    assert discount_factors(0.08, 0.5) == pytest.approx(1.08 ** -0.5, rel=1e-15)


def test_shapes():
    assert isinstance(discount_factors(0.08, 3), float)
    assert discount_factors(0.08, [0, 1, 2]).shape == (3,)
    assert discount_factors([0.03, 0.05, 0.08], [0, 1]).shape == (3, 2)
    assert discount_factors(np.full((4, 2), 0.05), np.arange(7)).shape == (4, 2, 7)
    assert discount_factors("green_book", np.zeros((2, 3))).shape == (2, 3)


# ----------------------------------------------------------------------------- parsing
def test_parse_forms():
    assert parse_schedule(0.08) == 0.08
    assert parse_schedule(np.float32(0.5)) == 0.5
    assert parse_schedule("8%") == pytest.approx(0.08)
    assert parse_schedule("0.035") == 0.035
    arr = parse_schedule([0.03, 0.05])
    assert isinstance(arr, np.ndarray) and arr.tolist() == [0.03, 0.05]
    assert isinstance(parse_schedule(np.array([[0, 0.035], [31, 0.03]]) / 100), np.ndarray)
    steps = parse_schedule([(0, 0.035), [31, 0.03]], steps=True)    # the model-file form
    assert isinstance(steps, Steps) and steps == parse_schedule({0: 0.035, 31: 0.03})
    assert steps == Steps.from_pairs([(0, 0.035), [31, 0.03]])
    assert parse_schedule(steps) is steps
    assert parse_schedule(np.array(0.04)) == 0.04


def test_steps_object():
    s = parse_schedule([(0, 0.035), (31, 0.03)], steps=True)
    assert repr(s) == "Steps([(0, 0.035), (31, 0.03)])"
    assert hash(s) == hash(Steps([0, 31], [0.035, 0.03]))
    with pytest.raises(Exception):
        s.rates = np.array([0.1])
    with pytest.raises(ValueError):
        s.rates[0] = 0.5                               # arrays are read-only
    assert not s.rates.flags.writeable


@pytest.mark.parametrize("bad, fragment", [
    ("eight", "got 'eight'"),
    ("eight", "green_book"),
    (8, "write 0.08 for 8%"),
    ([0.05, 8], "write 0.08"),
    (-1, "greater than -1"),
    (float("nan"), "finite"),
    (None, "expected a rate"),
    (True, "expected a rate"),
    ([], "empty"),
    ([(0, 0.03), 0.05], "expected a rate"),
    ([0.05, True], "expected a rate"),
    ([(1, 0.03), (5, 0.02)], "start at period 0"),
    ([(0, 0.03), (5, 0.02), (5, 0.01)], "must increase"),
    ([(0, 0.03), (2.5, 0.02)], "whole number"),
    ([(0, 0.035), (31, 3)], "write 0.03"),
    (np.array(["a"]), "array of numbers"),
])
def test_parse_errors_name_the_field(bad, fragment):
    with pytest.raises(InputError) as info:
        parse_schedule(bad, where="discount_rate.value", source="data/x.yaml", steps=True)
    assert fragment in str(info.value)
    assert info.value.where.startswith("discount_rate.value")
    assert info.value.source == "data/x.yaml"
    assert str(info.value).startswith("data/x.yaml: discount_rate.value")


def test_percent_check_only_for_typed_rates():
    # a typed 8 is taken for 8% (model files, --set) ...
    with pytest.raises(InputError, match="write 0.08 for 8%"):
        parse_schedule(8)
    # ... but the finance functions and searches accept any rate above -1
    assert parse_schedule(3.046, percent_check=False) == 3.046
    assert parse_schedule([0.5, 4.0], percent_check=False).tolist() == [0.5, 4.0]
    assert parse_schedule(np.array([0.1, 9.0]), percent_check=False).max() == 9.0
    assert parse_schedule([(0, 2.0), (5, 0.1)], percent_check=False, steps=True) == Steps([0, 5], [2.0, 0.1])
    assert parse_schedule("300%", percent_check=False) == pytest.approx(3.0)
    with pytest.raises(InputError, match="greater than -1"):
        parse_schedule(-2.0, percent_check=False)
    with pytest.raises(InputError, match="finite"):
        parse_schedule(np.array([0.1, np.inf]), percent_check=False)
    assert discount_factors(3.0, [0, 1, 2]).tolist() == [1.0, 0.25, 0.0625]
    assert describe_schedule(3.046) == "304.6%"


def test_describe():
    assert describe_schedule(0.08) == "8%"
    assert describe_schedule("china") == "8%"
    assert describe_schedule(0.035) == "3.5%"
    assert describe_schedule("green_book").startswith("3.5% (0-30), 3.0% (31-75), 2.5% (76-125)")
    assert describe_schedule("green_book").endswith("1.0% (301+)")
    assert describe_schedule([0.06, 0.08, 0.1]) == "6%, 8%, 10%"
    assert describe_schedule(np.linspace(0.0, 0.1, 11)) == "11 rates from 0% to 10%"


# ----------------------------------------------------------------------------- timing offsets
def test_period_offsets():
    np.testing.assert_array_equal(period_offsets(3), [0, 1, 2])
    np.testing.assert_array_equal(period_offsets(3, start=1), [1, 2, 3])
    np.testing.assert_array_equal(period_offsets(3, start=1, timing="mid"), [0.5, 1.5, 2.5])
    np.testing.assert_array_equal(period_offsets(3, start=1, timing="begin"), [0, 1, 2])
    assert period_offsets(0).shape == (0,)


@pytest.mark.parametrize("kwargs, where", [
    ({"n": -1}, "n"), ({"n": 2.5}, "n"), ({"n": 3, "timing": "middle"}, "timing"),
    ({"n": 3, "start": "one"}, "start"), ({"n": 3, "start": float("inf")}, "start"),
])
def test_period_offsets_errors(kwargs, where):
    n = kwargs.pop("n")
    with pytest.raises(InputError) as info:
        period_offsets(n, **kwargs)
    assert info.value.where == where


def test_discount_factors_errors():
    with pytest.raises(InputError) as info:
        discount_factors("eight", [1])
    assert info.value.where == "schedule"
    with pytest.raises(InputError) as info:
        discount_factors(0.08, ["one"])
    assert info.value.where == "periods"


# ----------------------------------------------------------------------------- properties
rates = st.floats(-0.5, 1.0)
periods = st.floats(-50, 500)


@given(rates, st.lists(periods, min_size=1, max_size=20))
def test_one_step_equals_constant_rate(r, ps):
    np.testing.assert_allclose(discount_factors(Steps([0], [r]), ps), discount_factors(r, ps), rtol=1e-12)


@given(rates, periods, periods)
def test_constant_rate_factors_multiply(r, p, q):
    assert discount_factors(r, p + q) == pytest.approx(
        discount_factors(r, p) * discount_factors(r, q), rel=1e-9)


@settings(max_examples=50)
@given(st.lists(st.tuples(st.integers(1, 200), st.floats(0.0, 0.2)), min_size=1, max_size=5,
                unique_by=lambda x: x[0]), st.floats(0.0, 0.2))
def test_steps_positive_rates_decrease_and_chain(extra, r0):
    s = Steps.from_pairs([(0, r0)] + sorted(extra))
    df = discount_factors(s, np.arange(0, 260, 0.25))
    assert df[0] == 1.0
    assert np.all(np.diff(df) <= 0)
    steps = parse_schedule(s)
    assert steps is s
    whole = discount_factors(s, np.arange(1, 260))
    rate_t = steps.rates[np.searchsorted(steps.periods, np.arange(1, 260), side="right") - 1]
    np.testing.assert_allclose(whole[1:] / whole[:-1], 1 / (1 + rate_t[1:]), rtol=1e-12)


# ----------------------------------------------------------------------------- every named schedule
# Published rates, in percent, by the first year of each step ([GB], [GBH], [CN], [SL], [EU]).
PUBLISHED = {
    "green_book": {0: 3.5, 31: 3.0, 76: 2.5, 126: 2.0, 201: 1.5, 301: 1.0},
    "green_book_health": {0: 1.50, 31: 1.29, 76: 1.07, 126: 0.86, 201: 0.64, 301: 0.43},
    "china": {0: 8.0},
    "china_water": {0: 6.0},
    "eu_cohesion": {0: 5.0},
    "eu": {0: 3.0},
}
BREAKS = [31, 76, 126, 201, 301]       # the Green Book's steps; constant schedules checked there too


def _by_hand(table, t_max):
    """DF_0 = 1, DF_t = DF_{t-1} / (1 + r_t), r_t the published rate of year t's step."""
    firsts = sorted(table)
    df = [1.0]
    for t in range(1, t_max + 1):
        r = table[max(f for f in firsts if f <= t)] / 100
        df.append(df[-1] / (1 + r))
    return df


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_every_named_schedule_at_every_breakpoint(name):
    assert set(SCHEDULES) == set(PUBLISHED)
    hand = _by_hand(PUBLISHED[name], 400)
    at = sorted({1} | {b - 1 for b in BREAKS} | set(BREAKS) | {400})   # just before and after
    got = discount_factors(name, at)
    np.testing.assert_allclose(got, [hand[t] for t in at], rtol=1e-13)
    # the step itself: DF_b / DF_(b-1) = 1 / (1 + the published rate of year b)
    for b in BREAKS:
        first = max(f for f in PUBLISHED[name] if f <= b)
        ratio = discount_factors(name, b) / discount_factors(name, b - 1)
        assert ratio == pytest.approx(1 / (1 + PUBLISHED[name][first] / 100), rel=1e-14)


def test_green_book_health_uses_the_published_figures():
    # [GBH] the old derived 1.286% after year 30 is gone
    health = parse_schedule("green_book_health")
    np.testing.assert_array_equal(health.rates, [0.015, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043])
    assert describe_schedule("green_book_health") == (
        "1.5% (0-30), 1.29% (31-75), 1.07% (76-125), 0.86% (126-200), 0.64% (201-300), 0.43% (301+)")
    assert "Table 8" in SCHEDULE_SOURCES["green_book_health"]


def test_rates_from_any_array_like():
    pd = pytest.importorskip("pandas")
    np.testing.assert_array_equal(parse_schedule(pd.Series([0.03, 0.05])), [0.03, 0.05])
    np.testing.assert_array_equal(parse_schedule((0.03, 0.05)), [0.03, 0.05])
    # a list of pairs is a 2-D array of rates outside model files (numpy-financial convention)
    arr = parse_schedule([[0.05, 0.8], [0.3, 0.8]], percent_check=False)
    assert isinstance(arr, np.ndarray) and arr.shape == (2, 2)
    assert parse_schedule([[0, 0.035], [31, 0.03]], steps=True) == Steps([0, 31], [0.035, 0.03])
    with pytest.raises(InputError, match="array of numbers") as info:
        parse_schedule([[0.05], [0.1, 0.2]], where="rate")        # ragged
    assert info.value.where == "rate"
    with pytest.raises(InputError, match="array of numbers"):
        parse_schedule(pd.Series(["a", "b"]))


def test_describe_and_factors_for_every_form():
    pd = pytest.importorskip("pandas")
    forms = [0.05, "5%", "eu_cohesion", [0.05], (0.05,), np.array([0.05]), pd.Series([0.05]),
             Steps([0], [0.05]), {0: 0.05}]
    for form in forms:
        assert describe_schedule(form) in ("5%", "5.0% (0+)")
        np.testing.assert_allclose(np.ravel(discount_factors(form, [0, 1, 2])),
                                   [1, 1 / 1.05, 1 / 1.05 ** 2], rtol=1e-15)
    with pytest.raises(InputError) as info:
        Steps.from_pairs([0.05, 0.04])
    assert info.value.where == "schedule"
