"""One formatting rule per kind of number (cba.formatting), checked against hand-written strings.

The rules (stated in the cba.formatting docstring):
* money and ratios: two decimals with thousands separators, more decimals where two would show
  fewer than four significant digits (zeros after the second decimal dropped), at most six;
* rates, shares, probabilities: percentages with four significant digits, zeros dropped;
* years (payback): two decimals; calendar years: no separator; counts: thousands separators;
* parameter values (inputs, ranges, switching values): six significant digits, separators,
  trailing zeros dropped; the discount rate as a rate;
* NaN and None: an em dash.
So 0.4995 (money) stays 0.4995: four significant digits, where two decimals would show 0.50.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cba.formatting import (fmt, fmt_change, fmt_count, fmt_metric, fmt_money, fmt_rate, fmt_ratio, fmt_value,
                            fmt_year, fmt_years, frame_to_html, frame_to_text)
from cba.report.blocks import num


@pytest.mark.parametrize("x, want", [
    (1154.7603, "1,154.76"), (0.156, "0.156"), (0.4995, "0.4995"), (0.5, "0.50"), (-0.0123, "-0.0123"),
    (12.3456, "12.35"), (2_500_000.0, "2,500,000.00"), (0.0, "0.00"), (-0.0, "0.00"),
    (-2.3e-13, "0.00"),                      # rounding noise is not shown as a number
    (float("nan"), "—"), (None, "—"), (math.inf, "∞"), (-math.inf, "-∞"), ("text", "text"),
])
def test_money(x, want):
    assert fmt_money(x) == want


@pytest.mark.parametrize("x, want", [
    (20.2461, "20.25"), (0.16624, "0.1662"), (1.0047, "1.005"), (0.9947, "0.9947"), (10.27, "10.27"),
])
def test_ratio(x, want):
    assert fmt_ratio(x) == want


@pytest.mark.parametrize("x, want", [
    (0.06, "6%"), (0.08, "8%"), (0.035, "3.5%"), (3.04596, "304.6%"), (-0.30841, "-30.84%"),
    (0.516, "51.6%"), (0.0123, "1.23%"), (0.0, "0%"), (16.13, "1,613%"), (float("nan"), "—"),
])
def test_rate(x, want):
    assert fmt_rate(x) == want


def test_change_years_counts_calendar_years():
    assert (fmt_change(0.1), fmt_change(-0.5), fmt_change(0.0)) == ("+10%", "-50%", "0%")
    assert (fmt_years(1), fmt_years(60 / 182.76), fmt_years(float("nan"))) == ("1.00", "0.33", "—")
    assert (fmt_count(10000), fmt_count(41)) == ("10,000", "41")
    assert fmt_year(2026.0) == "2026"


@pytest.mark.parametrize("x, kw, want", [
    (66666.7, {}, "66,666.7"), (66666.666667, {}, "66,666.7"), (0.16624, {}, "0.16624"), (44200, {}, "44,200"),
    (0.08, {}, "0.08"), (1e6, {}, "1,000,000"), (1234567.8, {}, "1,234,568"), (0.0, {}, "0"),
    (0.06, {"rate": True}, "6%"), (3.04596, {"rate": True}, "304.6%"), (12.5, {"unit": "万元"}, "12.5 万元"),
    (float("nan"), {}, "—"),
])
def test_value(x, kw, want):
    assert fmt_value(x, **kw) == want


def test_metric_kinds():
    assert fmt_metric(-0.30841, "irr") == "-30.84%"
    assert fmt_metric(1154.7603, "npv") == "1,154.76"
    assert fmt_metric(0.156, "bcr") == "0.156"
    assert fmt_metric(1.0, "payback") == "1.00"
    assert fmt_metric(2026.0, "breakeven_year") == "2026"


def test_report_num_uses_the_same_rules():
    # each report kind is one of the kinds above: the report and the CLI cannot drift apart
    for x in (1154.7603, 0.156, 0.4995, 66666.7, 0.06, 3.04596, float("nan")):
        assert num(x) == fmt_money(x)
        assert num(x, "ratio") == fmt_ratio(x)
        assert num(x, "pct") == num(x, "pct_short") == fmt_rate(x)
        assert num(x, "plain") == fmt_value(x)
        assert num(x, "change") == fmt_change(x)
        assert num(x, "years") == fmt_years(x)


def test_table_cells_by_column():
    frame = pd.DataFrame({"NPV": [0.156, 1154.7603], "IRR": [0.06, 3.04596], "Payback (years)": [1.0, np.nan],
                          "Break-even year": [2026.0, np.nan]}, index=["a", "b"])
    text = frame_to_text(frame)
    assert text.splitlines()[1].split() == ["a", "0.156", "6%", "1.00", "2026"]
    assert text.splitlines()[2].split() == ["b", "1,154.76", "304.6%", "—", "—"]
    assert ">304.6%<" in frame_to_html(frame) and ">0.156<" in frame_to_html(frame)
    assert fmt(0.4995, "净现值") == "0.4995"
