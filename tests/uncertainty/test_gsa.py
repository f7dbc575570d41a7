"""Sobol indices and rank correlations against closed forms and published values."""
from __future__ import annotations

import math

import numpy as np
import pytest

from cba.errors import InputError
from cba.i18n import use_lang
from cba.uncertainty.gsa import rank_importance, saltelli_design, sobol_indices


# ----------------------------------------------------------------------------- Ishigami
A_ISH, B_ISH = 7.0, 0.1


def ishigami(u: np.ndarray) -> np.ndarray:
    """Ishigami & Homma (1990): sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi)."""
    x = -math.pi + 2 * math.pi * u
    return np.sin(x[:, 0]) + A_ISH * np.sin(x[:, 1]) ** 2 + B_ISH * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_exact() -> tuple[np.ndarray, np.ndarray]:
    """Analytic indices (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, sec. 4.9;
    Sobol' & Levitan 1999):
    V  = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2
    V1 = (1 + b pi^4/5)^2 / 2,  V2 = a^2/8,  V3 = 0,  V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225
    ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V."""
    a, b, p = A_ISH, B_ISH, math.pi
    v = a ** 2 / 8 + b * p ** 4 / 5 + b ** 2 * p ** 8 / 18 + 0.5
    v1, v2, v13 = 0.5 * (1 + b * p ** 4 / 5) ** 2, a ** 2 / 8, 8 * b ** 2 * p ** 8 / 225
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_ishigami_closed_form_matches_the_published_values():
    # the values quoted by Saltelli et al. (2008) and SALib's documentation, to 4 decimals
    s1, st = ishigami_exact()
    assert np.round(s1, 4).tolist() == [0.3139, 0.4424, 0.0]
    assert np.round(st, 4).tolist() == [0.5576, 0.4424, 0.2437]


def test_ishigami_indices_against_analytic_values():
    # n = 2^14 scrambled Sobol base rows (81,920 runs). Over 20 seeds the estimates' standard
    # deviation at this n was at most 6e-4 (S1 of x1 and x3 the noisiest); plain Monte Carlo
    # at the same n would be ~8e-3. A tolerance of 3e-3 is five of those deviations.
    design = saltelli_design(2 ** 14, 3, seed=20240611)
    res = sobol_indices(*design.split(ishigami(design.stacked())), names=["x1", "x2", "x3"], n_boot=200, seed=1)
    s1, st = ishigami_exact()
    np.testing.assert_allclose(res.first, s1, atol=3e-3)
    np.testing.assert_allclose(res.total, st, atol=3e-3)
    assert res.ranking == ("x1", "x2", "x3")            # ST: 0.5576 > 0.4424 > 0.2437
    # each analytic value inside its (conservative, see docstring) bootstrap interval
    assert np.all((res.first_low <= s1) & (s1 <= res.first_high))
    assert np.all((res.total_low <= st) & (st <= res.total_high))


def test_linear_model_indices_closed_form():
    # y = 1 x0 + 2 x1 + 3 x2 with x_i ~ U(0, 1) independent: Var(a_i x_i) = a_i^2/12, no
    # interactions, so S_i = ST_i = a_i^2 / sum a^2 = 1/14, 4/14, 9/14 = 0.0714, 0.2857, 0.6429
    coef = np.array([1.0, 2.0, 3.0])
    design = saltelli_design(2 ** 12, 3, seed=5)
    res = sobol_indices(*design.split(design.stacked() @ coef), n_boot=0)
    exact = np.array([1, 4, 9]) / 14
    # additive model: the Jansen total estimator and the Saltelli first-order one converge at
    # the quasi-Monte Carlo rate; measured error at n = 2^12 is below 1e-3
    np.testing.assert_allclose(res.first, exact, atol=2e-3)
    np.testing.assert_allclose(res.total, exact, atol=2e-3)
    assert np.isnan(res.first_low).all()                 # n_boot=0: no intervals
    assert res.ranking == ("x2", "x1", "x0")


def test_product_model_interactions():
    # y = x0 x1, x_i ~ U(0, 1): E = 1/4, Var = 1/9 - 1/16 = 7/144; E[y|x0] = x0/2 so
    # V0 = Var(x0)/4 = 1/48 and S0 = (1/48)/(7/144) = 3/7; ST0 = 1 - S1 = 4/7
    design = saltelli_design(2 ** 13, 2, seed=11)
    x = design.stacked()
    res = sobol_indices(*design.split(x[:, 0] * x[:, 1]), n_boot=0)
    np.testing.assert_allclose(res.first, [3 / 7, 3 / 7], atol=3e-3)
    np.testing.assert_allclose(res.total, [4 / 7, 4 / 7], atol=3e-3)
    np.testing.assert_allclose(res.interactions, [1 / 7, 1 / 7], atol=5e-3)


def test_salib_gives_the_same_estimates():
    # SALib (Herman & Usher 2017) implements the same two estimators independently; on the same
    # outputs, laid out in its row order (A, AB_1..AB_d, B per base row), they must agree.
    salib = pytest.importorskip("SALib.analyze.sobol")
    design = saltelli_design(512, 3, seed=9)
    y = ishigami(design.stacked())
    y_A, y_B, y_AB = design.split(y)
    ordered = np.column_stack([y_A, *y_AB, y_B]).ravel()
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    ref = salib.analyze(problem, ordered, calc_second_order=False, num_resamples=10, seed=1)
    mine = sobol_indices(y_A, y_B, y_AB, n_boot=0)
    np.testing.assert_allclose(mine.first, ref["S1"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(mine.total, ref["ST"], rtol=1e-10, atol=1e-12)


def test_bootstrap_interval_coverage():
    # 200 independent experiments with plain random base samples (n = 256) of the linear model
    # above: the 95% percentile intervals should cover the true index ~95% of the time. 600
    # intervals of each kind: binomial sd ~0.9 points (more with correlation within a run), so
    # 90%..99% is the accepted band (measured: 94.2% and 94.0%).
    coef = np.array([1.0, 2.0, 3.0])
    exact = coef ** 2 / (coef ** 2).sum()
    hit_first = hit_total = 0
    for rep in range(200):
        design = saltelli_design(256, 3, seed=1000 + rep, base="random")
        res = sobol_indices(*design.split(design.stacked() @ coef), n_boot=300, seed=rep)
        hit_first += int(((res.first_low <= exact) & (exact <= res.first_high)).sum())
        hit_total += int(((res.total_low <= exact) & (exact <= res.total_high)).sum())
    assert 0.90 <= hit_first / 600 <= 0.99
    assert 0.90 <= hit_total / 600 <= 0.99


def test_design_layout_and_seed():
    d1 = saltelli_design(64, 4, seed=3)
    d2 = saltelli_design(64, 4, seed=3)
    np.testing.assert_array_equal(d1.stacked(), d2.stacked())
    rows = d1.stacked().reshape(6, 64, 4)
    np.testing.assert_array_equal(rows[0], d1.A)
    np.testing.assert_array_equal(rows[1], d1.B)
    for i in range(4):                       # AB_i: A with column i from B
        expect = d1.A.copy()
        expect[:, i] = d1.B[:, i]
        np.testing.assert_array_equal(rows[2 + i], expect)
    assert ((rows >= 0) & (rows < 1)).all()
    # Sobol points: each base column is stratified, one point in each of the 64 intervals [k/64, (k+1)/64)
    for col in np.hstack([d1.A, d1.B]).T:
        assert sorted(np.floor(col * 64).astype(int)) == list(range(64))
    assert not any("power of two" in n for n in d1.notes)
    assert any("power of two" in n for n in saltelli_design(100, 2, seed=0).notes)


def test_split_multiple_outputs():
    design = saltelli_design(8, 2, seed=0)
    y = np.arange(design.runs * 2, dtype=float).reshape(-1, 2)
    a, b, ab = design.split(y)
    assert a.shape == (8, 2) and ab.shape == (2, 8, 2)
    assert a[0, 0] == 0 and b[0, 0] == 16 and ab[1, 0, 1] == 3 * 16 + 1


def test_errors_name_the_argument():
    design = saltelli_design(8, 2, seed=0)
    a, b, ab = design.split(np.ones(design.runs))
    with pytest.raises(InputError, match="zero variance"):
        sobol_indices(a, b, ab)
    with pytest.raises(InputError, match="n should be a whole number >= 2"):
        saltelli_design(1, 2, seed=0)
    with pytest.raises(InputError, match="y_A holds 1 missing"):
        sobol_indices(np.r_[np.nan, np.ones(7)], b, ab)
    with pytest.raises(InputError, match="expected 2 distinct names"):
        sobol_indices(a + np.arange(8), b, ab, names=["p"])
    with pytest.raises(InputError, match="confidence level"):
        sobol_indices(a + np.arange(8), b, ab, conf=95)
    with use_lang("zh"):
        with pytest.raises(InputError, match="方差为 0"):
            sobol_indices(a, b, ab)


def test_display_translated():
    design = saltelli_design(256, 2, seed=0)
    x = design.stacked()
    res = sobol_indices(*design.split(x[:, 0] + 0.5 * x[:, 1]), names=["price", "life"], n_boot=50)
    assert list(res.to_frame().columns)[:4] == ["first", "first_low", "first_high", "total"]
    zh = res.summary("zh")
    assert "一阶指数" in zh and "总效应指数" in zh and "Saltelli 等（2010）" in zh
    assert "First-order index" in res.summary("en")
    with use_lang("zh"):
        assert "全局敏感性分析" in res._repr_html_()
    assert res.to_dict()["ranking"] == ["price", "life"]


# ----------------------------------------------------------------------------- rank correlation
def test_rank_correlation_closed_form_for_normal_inputs():
    # y = 3 a + b + 0 c with a, b, c ~ N(0, 1) independent: Pearson corr(a, y) = 3/sqrt(10),
    # corr(b, y) = 1/sqrt(10), and for a bivariate normal pair Spearman's rho is
    # (6/pi) arcsin(r/2) (Pearson 1907; Kruskal 1958): 0.9359 and 0.3031.
    rng = np.random.default_rng(42)
    n = 200_000
    x = {"a": rng.normal(size=n), "b": rng.normal(size=n), "c": rng.normal(size=n)}
    res = rank_importance(x, 3 * x["a"] + x["b"])
    r = np.array([3, 1]) / math.sqrt(10)
    expect = 6 / math.pi * np.arcsin(r / 2)
    assert res.names == ("a", "b", "c")
    # sd of a Spearman estimate ~ (1 - rho^2)/sqrt(n) < 2.3e-3 here; tolerance 1e-2 leaves room
    np.testing.assert_allclose(res.rho[:2], expect, atol=1e-2)
    assert abs(res.rho[2]) < 1e-2
    # contributions: rho^2 normalised: 0.9359^2 / (0.9359^2 + 0.3031^2 + ~0) = 0.905
    np.testing.assert_allclose(res.contribution[:2], expect ** 2 / (expect ** 2).sum(), atol=5e-3)
    assert math.isclose(res.contribution.sum(), 1.0)


def test_rank_correlation_monotone_and_ties():
    # y = exp(x) is monotone in x: Spearman's rho is exactly 1; a constant input gets 0 with a note
    x = np.linspace(-2, 2, 101)
    res = rank_importance({"x": x, "k": np.full(101, 3.0)}, np.exp(x))
    assert res.rho[0] == pytest.approx(1.0) and res.rho[1] == 0.0
    assert any("one value in every draw" in n for n in res.notes)
    # ties get average ranks: z = (0,0,1,1) vs y = (1,2,3,4): ranks (1.5,1.5,3.5,3.5) and (1..4):
    # rank covariance 4, sd's sqrt(4) and sqrt(5): rho = 4/sqrt(20) = 0.8944
    res = rank_importance({"z": [0, 0, 1, 1]}, [1, 2, 3, 4])
    assert res.rho[0] == pytest.approx(4 / math.sqrt(20))
    with pytest.raises(InputError, match="has 3 values, the output 4"):
        rank_importance({"z": [0, 0, 1]}, [1, 2, 3, 4])
    with use_lang("zh"):
        assert "方差贡献率" in res.summary()
