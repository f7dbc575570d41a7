"""The default frontier pair: the input nearest to flipping the decision, against the largest
swing of the others (cba.analysis.frontier_pair, used by `cba sensitivity` and the report)."""
from __future__ import annotations

import pytest

import cba
from cba.analysis import frontier_pair

# NPV = (a - m) / 1.1 - c, one period at 10%. By hand:
#   base NPV = (100 - 30) / 1.1 - 60 = 3.6364
#   swings: a (90..110) 20 / 1.1 = 18.2; c (40..150) 110; m (0..60) 60 / 1.1 = 54.5
#   switching values: a* = 30 + 1.1 * 60 = 96 (change -4%); c* = 70 / 1.1 = 63.64 (+6.1%);
#   m* = 100 - 66 = 34 (+13.3%)
# so the input nearest to flipping the decision is a (the smallest swing!), and the largest
# swing of the others is c: the pair (a, c), where the largest two swings would be (c, m).
MODEL = {"name": "pair", "horizon": 1, "discount_rate": 0.1,
         "parameters": {"a": {"value": 100, "low": 90, "high": 110},
                        "c": {"value": 60, "low": 40, "high": 150},
                        "m": {"value": 30, "low": 0, "high": 60}},
         "options": {"p": {"flows": [{"name": "benefit", "kind": "benefit", "amount": "a"},
                                     {"name": "upkeep", "kind": "cost", "amount": "m"},
                                     {"name": "cost", "kind": "cost", "amount": "c", "at": 0}]}}}


def test_nearest_switching_value_first_then_largest_swing():
    m = cba.load_model(MODEL)
    s = cba.sensitivity(m)
    assert s.parameters == ("c", "m", "a")                       # tornado order, by hand above
    sv = cba.switching_values(m)
    assert sv.loc["a", "change"] == pytest.approx(96 / 100 - 1, rel=1e-9)
    assert frontier_pair(s, sv) == ("a", "c")
    fr = cba.analyse(m).frontier
    assert (fr.x, fr.y) == ("a", "c")


def test_without_switching_values_the_two_largest_swings():
    # a = 1000 (990..1010), c = 60 (55..65), m = 30 (0..60): NPV = 970 / 1.1 - 60 = 821.8 > 0.
    # Switching values by hand: a* = 96, c* = 881.8, m* = 934 -- each outside its search range
    # (ten widths of its low-high beyond each end, not below 0): a 790..1210, c 0..165, m 0..660.
    # Swings: a 20 / 1.1 = 18.2, c 10, m 60 / 1.1 = 54.5 -> the two largest: (m, a).
    data = {**MODEL, "parameters": {"a": {"value": 1000, "low": 990, "high": 1010},
                                    "c": {"value": 60, "low": 55, "high": 65},
                                    "m": {"value": 30, "low": 0, "high": 60}}}
    m = cba.load_model(data)
    s = cba.sensitivity(m)
    with pytest.warns(cba.NoSolutionWarning):
        sv = cba.switching_values(m, parameters=["a", "c", "m"])
    assert sv["change"].isna().all()
    assert frontier_pair(s, sv) == ("m", "a")
