"""Distributions and Model.sample checked against scipy.stats (an independent implementation of
each CDF) with one-sample Kolmogorov-Smirnov tests, and against textbook moments.

Every test draws with a fixed seed, so it is deterministic; the thresholds are the usual
significance levels. Each goodness-of-fit test is paired with a check that the same test, at
the same n, rejects a plausible wrong distribution (so it has the power to catch a mistake).
"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import stats         # a dependency of cba: a missing scipy fails, never skips

import cba

N = 20_000           # draws per KS test: rejects the wrong distributions below with p < 1e-6
ALPHA = 0.01         # a correct sampler passes at this level (fixed seed: no flakiness)
SEED = 20261201


def scipy_reference(kind: str, p: dict):
    """The frozen scipy.stats distribution that a cba Distribution is documented to be."""
    if kind == "uniform":
        return stats.uniform(loc=p["low"], scale=p["high"] - p["low"])
    if kind == "triangular":
        # scipy's triang: c = (mode - low) / (high - low), support [loc, loc + scale]
        width = p["high"] - p["low"]
        return stats.triang(c=(p["mode"] - p["low"]) / width, loc=p["low"], scale=width)
    if kind == "pert":
        # The PERT (beta-PERT) distribution with the usual shape lambda = 4 is a beta on
        # [low, high] with alpha = 1 + 4 (mode - low) / (high - low) and
        # beta = 1 + 4 (high - mode) / (high - low), so that its mean is (low + 4 mode + high) / 6.
        # Source: D. Vose, Risk Analysis: A Quantitative Guide, 3rd ed. (Wiley, 2008), the PERT
        # entry of its compendium of distributions; D. G. Malcolm, J. H. Roseboom, C. E. Clark and
        # W. Fazar, Operations Research 7(5), 646-669, 1959 (the PERT mean).
        width = p["high"] - p["low"]
        a = 1 + 4 * (p["mode"] - p["low"]) / width
        b = 1 + 4 * (p["high"] - p["mode"]) / width
        return stats.beta(a, b, loc=p["low"], scale=width)
    if kind == "normal":
        return stats.norm(loc=p["mean"], scale=p["sd"])
    if kind == "lognormal":
        # median = exp(mu), sigma the sd of log X: scipy's lognorm(s=sigma, scale=exp(mu))
        return stats.lognorm(s=p["sigma"], scale=p["median"])
    raise AssertionError(kind)


CASES = [
    ("uniform", {"low": 3.0, "high": 20.0}),
    ("uniform", {"low": -1.0, "high": 1.0}),
    ("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0}),
    ("triangular", {"low": 0.0, "mode": 0.0, "high": 0.4}),        # mode at the lower end
    ("triangular", {"low": 4.4, "mode": 5.5, "high": 5.5}),        # mode at the upper end
    ("pert", {"low": 3.0, "mode": 10.0, "high": 20.0}),
    ("pert", {"low": 0.0, "mode": 0.1, "high": 0.4}),
    ("pert", {"low": 11274.0, "mode": 44200.0, "high": 76000.0}),
    ("normal", {"mean": 12.0, "sd": 2.5}),
    ("normal", {"mean": -0.3, "sd": 0.01}),
    ("lognormal", {"median": 44200.0, "sigma": 0.5}),
    ("lognormal", {"median": 1.0, "sigma": 1.5}),
]


@pytest.mark.parametrize("kind,params", CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)])
def test_draws_follow_the_documented_distribution(kind, params):
    x = cba.Distribution(kind, params).sample(N, seed=SEED)
    assert x.shape == (N,)
    res = stats.kstest(x, scipy_reference(kind, params).cdf)
    assert res.pvalue > ALPHA, f"{kind} {params}: KS D = {res.statistic:.4f}, p = {res.pvalue:.2e}"


# Plausible mistakes an implementation could make; the KS test at n = N must reject each.
WRONG = [
    # a uniform instead of the triangular
    ("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0},
     lambda p: stats.uniform(loc=p["low"], scale=p["high"] - p["low"])),
    # numpy's triangular parameter order mixed up (mode and high swapped is invalid, so: a
    # triangle with its mode at the mirror image)
    ("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0},
     lambda p: stats.triang(c=1 - 7 / 17, loc=3.0, scale=17.0)),
    # a triangular with the same corners instead of the PERT
    ("pert", {"low": 3.0, "mode": 10.0, "high": 20.0},
     lambda p: stats.triang(c=7 / 17, loc=3.0, scale=17.0)),
    # the beta shapes swapped (the mirror image of the PERT)
    ("pert", {"low": 0.0, "mode": 0.1, "high": 0.4},
     lambda p: stats.beta(1 + 4 * 0.3 / 0.4, 1 + 4 * 0.1 / 0.4, loc=0.0, scale=0.4)),
    # sd taken as the variance
    ("normal", {"mean": 12.0, "sd": 2.5}, lambda p: stats.norm(loc=12.0, scale=2.5 ** 2)),
    # a standard deviation 10% off
    ("normal", {"mean": 12.0, "sd": 2.5}, lambda p: stats.norm(loc=12.0, scale=2.5 * 1.10)),
    # the median read as the mean: exp(mu + sigma^2 / 2) = median
    ("lognormal", {"median": 44200.0, "sigma": 0.5},
     lambda p: stats.lognorm(s=0.5, scale=44200.0 * math.exp(-0.5 ** 2 / 2))),
]


@pytest.mark.parametrize("kind,params,wrong", WRONG, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(WRONG)])
def test_the_ks_test_rejects_a_wrong_distribution(kind, params, wrong):
    x = cba.Distribution(kind, params).sample(N, seed=SEED)
    assert stats.kstest(x, wrong(params).cdf).pvalue < 1e-6


@pytest.mark.parametrize("kind,params", CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)])
def test_sample_means_match_textbook_means(kind, params):
    # Means in closed form: uniform (a + b) / 2; triangular (a + c + b) / 3; PERT
    # (a + 4 c + b) / 6 (Malcolm et al. 1959); normal mu; lognormal median * exp(sigma^2 / 2).
    # The sample mean of N draws is within 4 standard errors (sd / sqrt(N), sd from scipy).
    p = params
    mean = {"uniform": lambda: (p["low"] + p["high"]) / 2,
            "triangular": lambda: (p["low"] + p["mode"] + p["high"]) / 3,
            "pert": lambda: (p["low"] + 4 * p["mode"] + p["high"]) / 6,
            "normal": lambda: p["mean"],
            "lognormal": lambda: p["median"] * math.exp(p["sigma"] ** 2 / 2)}[kind]()
    assert scipy_reference(kind, p).mean() == pytest.approx(mean, rel=1e-12)   # the reference agrees
    x = cba.Distribution(kind, p).sample(N, seed=SEED + 1)
    se = scipy_reference(kind, p).std() / math.sqrt(N)
    assert abs(x.mean() - mean) < 4 * se


def test_draws_stay_in_the_support():
    for kind, params in CASES:
        if kind in ("uniform", "triangular", "pert"):
            x = cba.Distribution(kind, params).sample(N, seed=SEED)
            assert x.min() >= params["low"] and x.max() <= params["high"]
    assert cba.Distribution("lognormal", {"median": 1.0, "sigma": 1.5}).sample(N, seed=SEED).min() > 0


def test_same_seed_same_draws_and_generators_are_used_as_given():
    d = cba.Distribution("pert", {"low": 3.0, "mode": 10.0, "high": 20.0})
    np.testing.assert_array_equal(d.sample(100, seed=5), d.sample(100, seed=5))
    assert not np.array_equal(d.sample(100, seed=5), d.sample(100, seed=6))
    g = np.random.default_rng(5)
    first, second = d.sample(50, seed=g), d.sample(50, seed=g)       # the generator advances
    np.testing.assert_array_equal(np.concatenate([first, second]), d.sample(100, seed=5))


# ----------------------------------------------------------------------------- Model.sample
def _all_kinds_model() -> cba.Model:
    # One parameter of each kind; fields left out default from the parameter's value/low/high
    # (module docstring of cba/model/distributions.py): triangular/pert mode = value,
    # normal mean = value, lognormal median = value.
    return cba.load_model({
        "name": "kinds", "horizon": 2, "discount_rate": 0.05,
        "parameters": {
            "u": {"value": 5, "low": 2, "high": 9, "distribution": "uniform"},
            "fixed": 7,
            "tri": {"value": 10, "low": 3, "high": 20, "distribution": "triangular"},
            "p": {"value": 0.1, "low": 0.0, "high": 0.4, "distribution": {"kind": "pert"}},
            "n": {"value": 12, "low": 5, "high": 16, "distribution": {"kind": "normal", "sd": 2.5}},
            "ranged_only": {"value": 1, "low": 0, "high": 2},
            "l": {"value": 44200, "distribution": {"kind": "lognormal", "sigma": 0.5}},
        },
        "options": {"o": {"flows": [{"name": "b", "kind": "benefit",
                                     "amount": "u + fixed + tri + p + n + ranged_only + l / 10000"}]}}})


MODEL_MARGINALS = {
    "u": ("uniform", {"low": 2.0, "high": 9.0}),
    "tri": ("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0}),
    "p": ("pert", {"low": 0.0, "mode": 0.1, "high": 0.4}),
    "n": ("normal", {"mean": 12.0, "sd": 2.5}),
    "l": ("lognormal", {"median": 44200.0, "sigma": 0.5}),
}


def test_model_sample_draws_every_parameter_with_its_marginal():
    draws = _all_kinds_model().sample(N, seed=SEED)
    assert set(draws) == set(MODEL_MARGINALS)             # only parameters with a distribution
    for name, (kind, params) in MODEL_MARGINALS.items():
        assert draws[name].shape == (N,)
        res = stats.kstest(draws[name], scipy_reference(kind, params).cdf)
        assert res.pvalue > ALPHA, f"{name}: KS p = {res.pvalue:.2e}"


def test_model_sample_kiosk_marginals(kiosk_path):
    # data/minhang_kiosk.yaml: every uncertain input is "triangular" with corners low, value, high
    m = cba.load_model(kiosk_path)
    draws = m.sample(N, seed=SEED)
    expected = {k: p for k, p in m.parameters.items() if p.distribution is not None}
    assert set(draws) == set(expected) and len(draws) == 9 and "n_posts" not in draws
    for name, p in expected.items():
        ref = scipy_reference("triangular", {"low": p.low, "mode": p.value, "high": p.high})
        assert stats.kstest(draws[name], ref.cdf).pvalue > ALPHA, name
    # ... and not a uniform over the same range
    kp = m.parameters["kiosk_price"]
    assert stats.kstest(draws["kiosk_price"], stats.uniform(kp.low, kp.high - kp.low).cdf).pvalue < 1e-6


def test_model_sample_is_reproducible_with_the_seed():
    m = _all_kinds_model()
    a, b, c = m.sample(1000, seed=42), m.sample(1000, seed=42), m.sample(1000, seed=43)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
        assert not np.array_equal(a[k], c[k])


def test_model_sample_draws_are_independent():
    # Under independence Spearman's rank correlation has mean 0 and variance 1 / (n - 1)
    # (M. G. Kendall and J. D. Gibbons, Rank Correlation Methods, 5th ed., 1990):
    # every pair must lie within 4 standard errors of 0.
    draws = _all_kinds_model().sample(N, seed=SEED)
    se = 1 / math.sqrt(N - 1)
    for a, b in itertools.combinations(sorted(draws), 2):
        rho = stats.spearmanr(draws[a], draws[b]).statistic
        assert abs(rho) < 4 * se, f"{a} and {b}: rank correlation {rho:.4f} (se {se:.4f})"
    # the check has power: draws that reuse one seed per parameter (a classic mistake) are
    # strongly rank-correlated
    u = cba.Distribution("uniform", {"low": 2.0, "high": 9.0}).sample(N, seed=SEED)
    t = cba.Distribution("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0}).sample(N, seed=SEED)
    assert abs(stats.spearmanr(u, t).statistic) > 100 * se
