"""Scoring rules against hand-worked values, at and around their boundaries."""
from __future__ import annotations

import math

import numpy as np
import pytest

from cba.errors import InputError
from cba.i18n import use_lang
from cba.review.scoring import parse_rule, score_rule


# -- ratio: min(actual / target, 1); lower is better: min(target / actual, 1) ------------------
@pytest.mark.parametrize("actual, expected", [
    (150, 0.75),      # 150 / 200
    (199.99, 0.99995),  # 199.99 / 200
    (200, 1.0),       # at the target
    (260, 1.0),       # capped at 1
    (0, 0.0),
])
def test_ratio_higher(actual, expected):
    assert score_rule({"kind": "ratio", "target": 200}, actual) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("actual, expected", [
    (80, 1.0),        # under the cost target: full marks
    (100, 1.0),       # at the target
    (125, 0.8),       # 100 / 125
    (200, 0.5),       # 100 / 200
])
def test_ratio_lower_is_better(actual, expected):
    assert score_rule({"kind": "ratio", "target": 100, "direction": "lower"}, actual) == pytest.approx(expected)


def test_ratio_target_from_the_evidence_and_arrays():
    assert score_rule({"kind": "ratio"}, {"actual": 45, "target": 50}) == pytest.approx(0.9)   # 45 / 50
    out = score_rule({"kind": "ratio", "target": 4}, np.array([1.0, 2.0, 4.0, 8.0]))
    np.testing.assert_allclose(out, [0.25, 0.5, 1.0, 1.0])


# -- bands: the hardest threshold reached (>= for higher, <= for lower) -------------------------
BCR = {"kind": "bands", "bands": [[1.0, 0.6], [1.5, 0.8], [2.0, 1.0]]}


@pytest.mark.parametrize("bcr, expected", [
    (0.999, 0.0), (1.0, 0.6), (1.499, 0.6), (1.5, 0.8), (1.999, 0.8), (2.0, 1.0), (5.0, 1.0)])
def test_bands_higher(bcr, expected):
    assert score_rule(BCR, bcr) == expected


RISK = {"kind": "appraisal", "metric": "prob_negative", "bands": [[0.5, 0.0], [0.2, 0.6], [0.05, 1.0]]}


@pytest.mark.parametrize("p, expected", [
    (0.6, 0.0), (0.5, 0.0), (0.2001, 0.0), (0.2, 0.6), (0.0501, 0.6), (0.05, 1.0), (0.0, 1.0)])
def test_appraisal_prob_negative_is_lower_is_better_by_default(p, expected):
    assert score_rule(RISK, p) == expected
    assert parse_rule(RISK).params["direction"] == "lower"


def test_bands_below_and_arrays():
    rule = {"kind": "appraisal", "metric": "npv", "bands": [[0, 0.5], [100, 1.0]], "below": 0.2}
    np.testing.assert_array_equal(score_rule(rule, np.array([-1.0, 0.0, 99.0, 100.0])), [0.2, 0.5, 0.5, 1.0])


def test_bands_that_fall_as_performance_improves_are_refused():
    with pytest.raises(InputError, match="direction: lower"):
        parse_rule({"kind": "bands", "bands": [[0.05, 1.0], [0.2, 0.6]]})


# -- anchored: arrival within 1 h = 5 points, within 2 h = 3, later = 0 (scale 5) ---------------
ARRIVAL = {"kind": "anchored", "anchors": [[1, 5], [2, 3], [".inf", 0]], "scale": 5}


@pytest.mark.parametrize("hours, expected", [
    (0.5, 1.0), (1.0, 1.0),        # 5 / 5
    (1.01, 0.6), (2.0, 0.6),       # 3 / 5
    (2.01, 0.0), (30.0, 0.0)])
def test_anchored_arrival(hours, expected):
    assert score_rule(ARRIVAL, hours) == pytest.approx(expected)


def test_anchored_value_outside_the_scale_is_an_error():
    rule = {"kind": "anchored", "anchors": [[1, 1.0], [2, 0.6]]}
    with pytest.raises(InputError, match="outside the anchored scale"):
        score_rule(rule, 3.0, indicator="arrival")


# -- yes/no, grade ------------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [(True, 1.0), ("是", 1.0), ("yes", 1.0), (1, 1.0),
                                             (False, 0.0), ("否", 0.0), ("No", 0.0), (0, 0.0)])
def test_yes_no(value, expected):
    assert score_rule({"kind": "yes_no"}, value) == expected


def test_grade_default_map_and_a_custom_one():
    assert [score_rule({"kind": "grade"}, g) for g in "优良中差"] == [1.0, 0.8, 0.6, 0.0]
    assert score_rule({"kind": "grade", "map": {"A": 1.0, "B": 0.7}}, "B") == 0.7


# -- survey: a share (target), a mean on a scale, a questionnaire at 40% of the indicator --------
def test_survey_share_with_target():
    rule = {"kind": "survey", "target": 0.9}
    assert score_rule(rule, 0.72) == pytest.approx(0.8)     # 0.72 / 0.9
    assert score_rule(rule, 0.9) == 1.0
    assert score_rule(rule, 0.95) == 1.0                     # capped


def test_survey_mean_on_a_five_point_scale():
    assert score_rule({"kind": "survey", "scale": [1, 5]}, 4.2) == pytest.approx(0.8)   # (4.2 - 1) / 4


def test_survey_weighted_inside_the_indicator():
    # Minhang's elderly-care evaluation weighted a public questionnaire at 40%:
    # 0.4 x 0.85 + 0.6 x 0.7 = 0.34 + 0.42 = 0.76
    rule = {"kind": "survey", "weight_in_indicator": 0.4}
    assert score_rule(rule, {"survey": 0.85, "rest": 0.7}) == pytest.approx(0.76)
    with pytest.raises(InputError, match="rest"):
        score_rule(rule, 0.85, indicator="care")


# -- expert ---------------------------------------------------------------------------------------
def test_expert_points_over_weight():
    assert score_rule({"kind": "expert"}, 7.5, weight=10) == 0.75      # 7.5 / 10
    with pytest.raises(InputError, match="exceed"):
        score_rule({"kind": "expert"}, 11, weight=10, indicator="plan")


# -- errors name the indicator, in both languages ---------------------------------------------------
def test_bad_values_name_the_indicator_in_zh_and_en():
    with pytest.raises(InputError) as err:
        score_rule({"kind": "yes_no"}, "maybe", indicator="demand")
    assert err.value.render("en") == "demand: expected yes or no (是/否, true/false, 1/0), got 'maybe'"
    assert err.value.render("zh") == "demand：应为 是/否（yes/no、true/false、1/0），实际为 'maybe'"
    with pytest.raises(InputError) as err:
        score_rule({"kind": "grade"}, "A", indicator="policy_fit")
    with use_lang("zh"):
        assert str(err.value) == "policy_fit：未知等级 'A'；可用等级：优、良、中、差"
    with pytest.raises(InputError, match="bcr: expected a number, got 'high'"):
        score_rule(BCR, "high", indicator="bcr")
    with pytest.raises(InputError, match="missing"):
        score_rule(BCR, math.nan, indicator="bcr")


def test_bad_rules_name_the_field():
    with pytest.raises(InputError) as err:
        parse_rule({"kind": "ratio", "target": 0}, "indicators[1].rule")
    assert err.value.render("en") == "indicators[1].rule.target: must be above 0, got 0"
    with pytest.raises(InputError, match="did you mean 'bands'"):
        parse_rule({"kind": "bandz"})
    with pytest.raises(InputError, match="unknown appraisal metric"):
        parse_rule({"kind": "appraisal", "metric": "roi", "bands": [[1, 1]]})
