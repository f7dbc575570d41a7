"""The ``correlations:`` section and Iman-Conover rank correlation (R. L. Iman and W. J. Conover,
Communications in Statistics - Simulation and Computation 11(3), 311-334, 1982).

Achieved Spearman correlations are compared with the target within the sampling error of a rank
correlation: its standard error is at most 1 / sqrt(n - 1) (its value under independence;
M. G. Kendall and J. D. Gibbons, Rank Correlation Methods, 5th ed., 1990), so 3 / sqrt(n - 1)
at n = 20,000 is 0.0212.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import cba
from cba.errors import InputError
from cba.i18n import use_lang
from cba.uncertainty import Correlations, achieved_rank_correlation, impose_rank_correlation, sample_inputs

N = 20_000
TOL = 3 / math.sqrt(N - 1)


def _model(correlations, **more):
    params = {
        "kiosk_price": {"value": 10, "low": 3, "high": 20, "distribution": "triangular"},
        "om_cost": {"value": 0.8, "low": 0.3, "high": 1.5, "distribution": "pert"},
        "staff_cost": {"value": 12, "low": 5, "high": 16, "distribution": {"kind": "truncnormal", "sd": 3}},
        "crash_cost": {"value": 44200, "distribution": {"kind": "lognormal", "mean": 44200, "sd": 20000}},
        "n_posts": 4,
    }
    return {"name": "m", "horizon": 2, "discount_rate": 0.08, "parameters": params,
            "options": {"o": {"flows": [{"name": "f", "kind": "cost",
                                         "amount": "kiosk_price + om_cost + staff_cost + crash_cost + n_posts"}]}},
            "correlations": correlations, **more}


def test_three_forms_give_one_matrix_and_write_back_as_given():
    pairs = cba.load_model(_model([["kiosk_price", "om_cost", 0.5], ["staff_cost", "kiosk_price", -0.2]]))
    mapping = cba.load_model(_model({"kiosk_price": {"om_cost": 0.5, "staff_cost": -0.2}}))
    matrix = cba.load_model(_model({"names": ["kiosk_price", "om_cost", "staff_cost"],
                                    "matrix": [[1, 0.5, -0.2], [0.5, 1, 0], [-0.2, 0, 1]]}))
    for m in (pairs, mapping, matrix):
        assert m.correlations.names == ("kiosk_price", "om_cost", "staff_cost")
        assert m.correlations.array.tolist() == [[1, 0.5, -0.2], [0.5, 1, 0], [-0.2, 0, 1]]
    assert pairs.to_dict()["correlations"] == [["kiosk_price", "om_cost", 0.5], ["kiosk_price", "staff_cost", -0.2]]
    assert matrix.to_dict()["correlations"]["matrix"][0] == [1, 0.5, -0.2]
    assert cba.Model.from_dict(matrix.to_dict()).correlations == matrix.correlations


BAD = [
    ([["kiosk_prise", "om_cost", 0.5]], "correlations[0]",
     "unknown parameter 'kiosk_prise' (did you mean 'kiosk_price'?); known parameters: kiosk_price, om_cost, "
     "staff_cost, crash_cost, n_posts",
     "未知参数 'kiosk_prise'（是否应为 'kiosk_price'？）；已有参数：kiosk_price、om_cost、staff_cost、crash_cost、n_posts"),
    ({"kiosk_price": {"n_posts": 0.5}}, "correlations.kiosk_price.n_posts",
     "parameter 'n_posts' has no distribution, so it cannot be correlated (give it a distribution first)",
     "参数 'n_posts' 没有分布，不能设定相关系数（请先为它设定 distribution）"),
    ([["kiosk_price", "om_cost", 1.2]], "correlations[0]",
     "expected a correlation between -1 and 1, got 1.2", "相关系数应在 -1 与 1 之间，实际为 1.2"),
    ([["kiosk_price", "kiosk_price", 0.3]], "correlations[0]",
     "parameter 'kiosk_price' cannot be correlated with itself", "参数 'kiosk_price' 不能与自身设定相关系数"),
    ([["kiosk_price", "om_cost", 0.3], ["om_cost", "kiosk_price", 0.3]], "correlations[1]",
     "the pair 'om_cost' and 'kiosk_price' is given twice", "'om_cost' 与 'kiosk_price' 的相关系数给出了两次"),
    ([["kiosk_price", "om_cost"]], "correlations[0]",
     "expected [parameter, parameter, r], got ['kiosk_price', 'om_cost']",
     "应为由两个参数名和相关系数组成的列表（如 [a, b, 0.5]），实际为 ['kiosk_price', 'om_cost']"),
    ({"names": ["kiosk_price", "om_cost"], "matrix": [[1, 0.5], [0.4, 1]]}, "correlations.matrix[1][0]",
     "the matrix is not symmetric: 0.5 for 'kiosk_price' and 'om_cost' but 0.4 for 'om_cost' and 'kiosk_price'",
     "矩阵应对称：'kiosk_price' 与 'om_cost' 处为 0.5，'om_cost' 与 'kiosk_price' 处为 0.4"),
    ({"names": ["kiosk_price", "om_cost"], "matrix": [[1, 0.5], [0.5, 0.9]]}, "correlations.matrix[1][1]",
     "expected 1 on the diagonal, got 0.9 for 'om_cost'", "对角线元素应为 1，'om_cost' 处为 0.9"),
    ({"names": ["kiosk_price", "om_cost"], "matrix": [[1, 0.5]]}, "correlations.matrix",
     "expected a 2×2 matrix (one row and column per name), got 1×2", "矩阵应为 2×2（与 names 个数相同），实际为 1×2"),
    ({"names": ["kiosk_price", "kiosk_price"], "matrix": [[1, 0], [0, 1]]}, "correlations.names[1]",
     "parameter 'kiosk_price' is listed twice in names", "参数 'kiosk_price' 在 names 中出现了两次"),
    ("strong", "correlations",
     "expected a list of pairs ([[a, b, 0.5], ...]), a mapping ({a: {b: 0.5}}) or {names: [...], matrix: [[...]]}, "
     "got 'strong'",
     "应为相关系数对的列表（[[a, b, 0.5], ...]）、映射（{a: {b: 0.5}}）或 {names: [...], matrix: [[...]]}，实际为 'strong'"),
]


@pytest.mark.parametrize("entry,where,en,zh", BAD)
def test_bad_sections_are_named_in_english_and_chinese(entry, where, en, zh):
    with pytest.raises(InputError) as err:
        cba.load_model(_model(entry))
    assert err.value.render("en") == f"{where}: {en}"
    assert err.value.render("zh") == f"{where}：{zh}"


def test_not_positive_semi_definite_states_the_smallest_eigenvalue():
    # [[1, a, -a], [a, 1, a], [-a, a, 1]] has the eigenvector (1, -1, 1): M v = (1 - 2a) v, so with
    # a = 0.9 its smallest eigenvalue is 1 - 1.8 = -0.8 (by hand). Each pair alone is valid.
    entry = [["kiosk_price", "om_cost", 0.9], ["kiosk_price", "staff_cost", -0.9], ["om_cost", "staff_cost", 0.9]]
    with pytest.raises(InputError) as err:
        cba.load_model(_model(entry))
    assert err.value.render("en") == ("correlations: the correlation matrix is not positive semi-definite (smallest "
                                      "eigenvalue -0.8): no set of variables can have these correlations; adjust them")
    with use_lang("zh"):
        assert str(err.value) == ("correlations：相关矩阵不是半正定矩阵（最小特征值为 -0.8），任何一组变量都不可能有这样的"
                                  "相关系数；请调整相关系数")
    # a singular but semi-definite matrix (r = 1) is accepted
    cba.load_model(_model([["kiosk_price", "om_cost", 1.0]]))


def test_dropping_a_correlated_distribution_is_refused_on_replace():
    m = cba.load_model(_model([["kiosk_price", "om_cost", 0.5]]))
    params = dict(m.parameters)
    params["om_cost"] = cba.Parameter("om_cost", 0.8)
    with pytest.raises(InputError, match="parameter 'om_cost' has no distribution"):
        m.replace(parameters=params)


TARGET = {"names": ["kiosk_price", "om_cost", "staff_cost", "crash_cost"],
          "matrix": [[1, 0.6, -0.3, 0.2], [0.6, 1, 0.0, 0.4], [-0.3, 0.0, 1, -0.5], [0.2, 0.4, -0.5, 1]]}


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
def test_achieved_rank_correlations_are_the_requested_ones(method, recwarn):
    m = cba.load_model(_model(TARGET))
    draws = sample_inputs(m, N, seed=11, method=method)
    check = achieved_rank_correlation(draws, m)
    want = np.array(TARGET["matrix"], dtype=float)
    # an independent Spearman (scipy) agrees with the check's own
    got = stats.spearmanr(np.column_stack([draws[k] for k in TARGET["names"]])).statistic
    np.testing.assert_allclose(np.array(check.achieved), got, atol=1e-12)
    assert np.abs(got - want).max() < TOL, np.round(got - want, 4)
    frame = check.to_frame("en")
    assert len(frame) == 6 and frame.iloc[0].tolist()[:3] == ["kiosk_price", "om_cost", 0.6]
    assert "Achieved rank correlation (Spearman)" in check.summary("en")
    assert check.summary("zh").startswith("参数间秩相关系数（20,000 次抽样）")
    assert "<table" in check._repr_html_()


def test_marginals_are_untouched_by_the_rearrangement():
    m = cba.load_model(_model(TARGET))
    draws = sample_inputs(m, N, seed=5, method="mc")
    # KS against scipy: triangular(3, 10, 20) and lognormal by mean 44200, sd 20000
    # (sigma^2 = ln(1 + (20000/44200)^2), median = 44200 / sqrt(1 + (20000/44200)^2))
    assert stats.kstest(draws["kiosk_price"], stats.triang(7 / 17, loc=3, scale=17).cdf).pvalue > 0.01
    r2 = 1 + (20000 / 44200) ** 2
    assert stats.kstest(draws["crash_cost"], stats.lognorm(s=math.sqrt(math.log(r2)),
                                                           scale=44200 / math.sqrt(r2)).cdf).pvalue > 0.01
    # the same values as the independent draws, only paired differently
    x = np.random.default_rng(2).random((5000, 3))
    y = impose_rank_correlation(x, np.array([[1, 0.5, 0], [0.5, 1, 0.3], [0, 0.3, 1]]))
    np.testing.assert_array_equal(np.sort(x, axis=0), np.sort(y, axis=0))


def test_identity_target_keeps_draws_uncorrelated_and_none_reports_zero():
    x = np.random.default_rng(4).random((N, 2))
    y = impose_rank_correlation(x, np.eye(2))
    assert abs(stats.spearmanr(y).statistic) < TOL
    check = achieved_rank_correlation({"a": y[:, 0], "b": y[:, 1]})
    assert check.requested == ((1.0, 0.0), (0.0, 1.0))


def test_correlations_object_in_python():
    c = Correlations.from_entry({"a": {"b": -0.4}})
    assert c.pairs() == [("a", "b", -0.4)] and c.sub(["b", "c"]).names == ("b",)
