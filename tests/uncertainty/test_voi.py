"""EVPI and EVPPI against closed forms (the unit normal loss integral) and hand cases."""
from __future__ import annotations

import math

import numpy as np
import pytest

from cba.errors import InputError
from cba.i18n import use_lang
from cba.uncertainty.voi import evpi, evppi


def phi(z: float) -> float:
    return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def Phi(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2))


def normal_loss(mu: float, sigma: float) -> float:
    """EVPI of two options whose net-benefit difference D ~ N(mu, sigma).

    EVPI = E[max(0, D)] - max(0, mu). With z = mu/sigma, E[max(0, D)] = mu Phi(z) + sigma phi(z)
    (the partial expectation of a normal). For mu >= 0: mu Phi(z) - mu = -mu Phi(-z); for mu < 0
    the max is 0 and mu Phi(z) = -|mu| Phi(-|mu|/sigma). Either way
    EVPI = sigma phi(mu/sigma) - |mu| Phi(-|mu|/sigma), sigma times the unit normal loss
    integral (Raiffa & Schlaifer 1961, Applied Statistical Decision Theory, Table A.IV; used for
    two-option EVPI by Wilson 2015, PharmacoEconomics 33:105-121)."""
    return sigma * phi(mu / sigma) - abs(mu) * Phi(-abs(mu) / sigma)


def quantile_draws(mu: float, sigma: float, n: int) -> np.ndarray:
    """Stratified 'draws': the normal quantiles at (i - 1/2)/n (no sampling noise)."""
    from scipy.stats import norm

    return mu + sigma * norm.ppf((np.arange(n) + 0.5) / n)


@pytest.mark.parametrize("mu, sigma, expected", [
    (0.0, 1.0, 0.398942),    # 1 * phi(0) - 0 = 1/sqrt(2 pi)
    (1.0, 2.0, 0.395593),    # 2 phi(0.5) - 1 Phi(-0.5) = 2 * 0.352065 - 0.308538
    (-3.0, 1.5, 0.012736),   # 1.5 phi(2) - 3 Phi(-2) = 1.5 * 0.053991 - 3 * 0.022750
])
def test_evpi_two_options_closed_form(mu, sigma, expected):
    assert normal_loss(mu, sigma) == pytest.approx(expected, abs=1e-6)
    d = quantile_draws(mu, sigma, 200_000)
    # option "keep" has net benefit 100 in every draw, "new" 100 + D
    res = evpi(np.column_stack([np.full_like(d, 100.0), 100.0 + d]), options=["keep", "new"])
    # the midpoint rule on 200,000 strata is accurate to well under 1e-4 here
    assert res.value == pytest.approx(expected, abs=1e-4)
    assert res.best == ("new" if mu > 0 else "keep")


def test_evpi_random_draws_within_its_standard_error():
    rng = np.random.default_rng(7)
    d = rng.normal(1.0, 2.0, size=50_000)
    res = evpi(np.column_stack([np.zeros_like(d), d]))
    # z = max(0, D) - D = max(0, -D). E[z] = normal_loss = 0.39559; E[z^2] = E[D^2; D < 0]
    # = (mu^2 + sigma^2) Phi(-mu/sigma) - mu sigma phi(mu/sigma) = 5 * 0.308538 - 2 * 0.352065 = 0.83856,
    # so sd(z) = sqrt(0.83856 - 0.39559^2) = 0.82588 and se = 0.82588 / sqrt(50,000) = 0.003693
    assert res.se == pytest.approx(0.003693, rel=0.03)
    assert abs(res.value - normal_loss(1.0, 2.0)) < 4 * res.se
    # P(option 1 best) = P(D > 0) = Phi(0.5) = 0.6915; binomial sd 0.0021
    assert res.prob_best[1] == pytest.approx(Phi(0.5), abs=0.01)


def test_evpi_hand_case_three_options():
    # draws (rows) x options a, b, c; means a 2, b 3, c 1 -> best b.
    #   draw 1: 1 5 0 -> max 5; draw 2: 3 1 2 -> max 3; draw 3: 2 3 1 -> max 3
    # E[max] = 11/3, max E = 3: EVPI = 2/3. z = max - b = 0, 2, 0: sd = 1.1547, se = 0.6667
    res = evpi([[1, 5, 0], [3, 1, 2], [2, 3, 1]], options=["a", "b", "c"])
    assert res.value == pytest.approx(2 / 3)
    assert res.se == pytest.approx(math.sqrt(4 / 3) / math.sqrt(3))
    assert res.prob_best.tolist() == pytest.approx([1 / 3, 2 / 3, 0])
    assert res.best == "b"


@pytest.mark.parametrize("method", ["regression", "binning"])
def test_evppi_of_the_only_driver_equals_evpi(method):
    rng = np.random.default_rng(3)
    theta = rng.normal(0.5, 1.0, size=40_000)
    nb = np.column_stack([np.zeros_like(theta), theta, 0.3 + 0.5 * theta])
    full = evpi(nb)
    part = evppi(nb, {"theta": theta}, method=method)
    # every option's net benefit is a function of theta alone: E(NB | theta) = NB. The spline's
    # linear term fits it exactly; bins lose only where the best option changes inside a bin
    assert part.value == pytest.approx(full.value, rel=1e-9 if method == "regression" else 5e-3)
    assert part.value <= full.value + 1e-12
    assert part.parameters == ("theta",)


def test_evppi_partial_closed_form_one_input_and_group():
    # D = mu + t1 + t2 + t3, independent N(0, s_i): E(D | t1) = mu + t1 ~ N(mu, s1), so
    # EVPPI(t1) = normal_loss(mu, s1); EVPPI(t1, t2) = normal_loss(mu, sqrt(s1^2 + s2^2))
    mu, s = 0.5, np.array([1.0, 2.0, 1.5])
    rng = np.random.default_rng(11)
    t = rng.normal(size=(100_000, 3)) * s
    nb = np.column_stack([np.zeros(len(t)), mu + t.sum(axis=1)])
    one = normal_loss(mu, 1.0)                          # 0.2500
    two = normal_loss(mu, math.sqrt(5.0))               # 0.6631
    # Monte Carlo error: the outer mean over 1e5 draws of max(0, g) has sd ~ 1e-3..3e-3
    assert evppi(nb, t[:, 0]).value == pytest.approx(one, abs=0.01)
    assert evppi(nb, t[:, 0], method="binning").value == pytest.approx(one, abs=0.01)
    group = evppi(nb, t[:, :2], names=["t1", "t2"])
    assert group.value == pytest.approx(two, abs=0.015)
    assert group.basis == "polynomial" and group.terms == 10    # 1 + 2 + 3 + 4 monomials of degree <= 3
    assert "degree-3 polynomial of t1, t2" in group.estimator


def test_evppi_nonlinear_single_input():
    # D = theta^2 - c + noise, theta ~ N(0, 1): E(D | theta) = theta^2 - c, E(D) = 1 - c < 0 for c = 1.5.
    # E[max(0, theta^2 - c)] = 2 * int_{a}^{inf} (x^2 - c) phi(x) dx with a = sqrt(c), and
    # int_a^inf x^2 phi = a phi(a) + 1 - Phi(a): = 2 [a phi(a) + (1 - c)(1 - Phi(a))]
    c = 1.5
    a = math.sqrt(c)
    exact = 2 * (a * phi(a) + (1 - c) * (1 - Phi(a)))   # 2 (1.224745 * 0.188446 - 0.5 * 0.110335) = 0.351263
    assert exact == pytest.approx(0.351263, abs=1e-5)
    rng = np.random.default_rng(5)
    theta = rng.normal(size=100_000)
    nb = np.column_stack([np.zeros_like(theta), theta ** 2 - c + rng.normal(0, 2.0, size=theta.size)])
    assert evppi(nb, theta).value == pytest.approx(exact, abs=0.015)
    assert evppi(nb, theta, method="binning").value == pytest.approx(exact, abs=0.02)


@pytest.mark.parametrize("method", ["regression", "binning"])
def test_evppi_of_an_irrelevant_input_is_near_zero(method):
    rng = np.random.default_rng(8)
    driver, noise = rng.normal(size=(2, 50_000))
    nb = np.column_stack([np.zeros_like(driver), driver])
    full = evpi(nb).value                                # ~0.399
    part = evppi(nb, noise, method=method)
    # only the upward bias of fitting noise remains. The fitted difference is then pure noise,
    # roughly N(0, sqrt(terms / n)) (sd 1 of D spread over `terms` fitted coefficients, or a bin
    # mean of n / bins draws), and E[max(0, noise)] = phi(0) sqrt(terms / n): 0.0050 for the
    # 8-term spline, 0.0109 for the 37 bins (measured over 5 seeds: 0.0020-0.0057, 0.0075-0.0117)
    bias = phi(0) * math.sqrt(part.terms / len(driver))
    assert 0.0 <= part.value < 2 * bias
    assert part.value < 0.06 * full
    assert part.value <= full


def test_evppi_never_exceeds_evpi():
    rng = np.random.default_rng(2)
    for _ in range(5):
        x = rng.normal(size=(2_000, 3))
        nb = np.column_stack([np.zeros(2_000), x @ rng.normal(size=3) + rng.normal(size=2_000),
                              x[:, 0] * x[:, 1]])
        total = evpi(nb).value
        for inputs in (x[:, 0], x[:, :2], x):
            assert evppi(nb, inputs).value <= total + 1e-12
        assert evppi(nb, x[:, 2], method="binning").value <= total + 1e-12


def test_evppi_errors_and_display():
    nb = np.column_stack([np.zeros(100), np.linspace(-1, 1, 100)])
    with pytest.raises(InputError, match="binning takes a single parameter, got 2"):
        evppi(nb, np.ones((100, 2)), method="binning")
    with pytest.raises(InputError, match="method should be 'regression' or 'binning'"):
        evppi(nb, np.ones(100), method="gp")
    with pytest.raises(InputError, match="too few"):
        evppi(nb[:50], np.linspace(0, 1, 50))
    with pytest.raises(InputError, match="inputs should have shape"):
        evppi(nb, np.ones(99))
    res = evppi(nb, {"price": np.linspace(-1, 1, 100)})
    zh = res.summary("zh")
    assert "部分完全信息期望值" in zh and "Strong、Oakley 与 Brennan 2014" in zh and "自然三次样条" in zh
    assert "natural cubic spline of price" in res.summary("en")
    with use_lang("zh"):
        assert "估计方法" in res._repr_html_()
        assert "现有信息下的最优方案" in evpi(nb).summary()
    assert res.to_frame().loc["price", "method"] == "regression"
