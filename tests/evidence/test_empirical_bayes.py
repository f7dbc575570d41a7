"""Empirical Bayes before/after: a hand calculation and the Highway Safety Manual's sample problem.

HSM reference: AASHTO, *Highway Safety Manual*, 1st ed. (2010), Vol. 1, Part B, Section 9.10, sample
problem for the EB before/after safety effectiveness evaluation (p. 9-17), computed with
Appendix 9A.1, eqs. 9A.1-1 to 9A.1-13: 13 rural two-lane road segments, 5 years before and 2 after,
SPF ``N = AADT * L * 365 * 10^-6 * exp(-0.312)`` per year and ``k = 0.236 / L`` (HSM eq. 10-6 and
its overdispersion). The HSM pages themselves could not be read here; the site data (lengths,
AADTs, yearly counts) are as transcribed in the R package cn838/HSM (``data/X9_10_seg.RData``),
whose tests (``tests/testthat/test-X9_10_seg.R``, ``vignettes/HSM_9_35.Rmd``) state these checked
results of the sample problem: 122 crashes before, 30 after, sum of variances (9A.1-9) 11.161,
standard error of the safety effectiveness 13.882, test statistic 2.194.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from cba.errors import InputError
from cba.evidence.empirical_bayes import eb_before_after
from cba.i18n import use_lang


# ----------------------------------------------------------------------------- hand calculation
def test_two_sites_by_hand():
    # site a: P_b = 4, O_b = 10, P_a = 4, O_a = 3; site b: P_b = 6, O_b = 6, P_a = 9, O_a = 4; k = 0.5
    # w_a = 1/(1 + 0.5*4) = 1/3;   m_a = 4/3 + (2/3)*10 = 8;      r_a = 1;   pi_a = 8
    # w_b = 1/(1 + 0.5*6) = 1/4;   m_b = 0.25*6 + 0.75*6 = 6;     r_b = 1.5; pi_b = 9
    # Var_a = 1^2 * 8 * (2/3) = 16/3;  Var_b = 1.5^2 * 6 * 0.75 = 10.125
    # lambda = 7, pi = 17, V = 16/3 + 10.125 = 15.458333
    # theta' = 7/17 = 0.411765; c = V/pi^2 = 15.458333/289 = 0.0534891
    # theta = 0.411765/1.0534891 = 0.390858
    # se_log = sqrt(1/7 + 0.0534891) = sqrt(0.1963463) = 0.443110
    # 95% CI: 0.390858 * exp(-/+1.959964*0.443110) = 0.163999, 0.931530
    est = eb_before_after([10, 6], [4.0, 6.0], [3, 4], [4.0, 9.0], k=0.5, sites=["a", "b"])
    assert est.sites.loc["a", "weight"] == pytest.approx(1 / 3, abs=1e-12)
    assert est.sites.loc["b", "weight"] == pytest.approx(0.25, abs=1e-12)
    assert list(est.sites["expected_before"]) == pytest.approx([8.0, 6.0], abs=1e-12)
    assert list(est.sites["expected_after"]) == pytest.approx([8.0, 9.0], abs=1e-12)
    assert est.var_expected_after == pytest.approx(16 / 3 + 10.125, abs=1e-12)
    assert est.ratio_unadjusted == pytest.approx(7 / 17, abs=1e-12)
    assert est.ratio == pytest.approx(0.390858, abs=5e-7)
    assert est.se_log == pytest.approx(0.443110, abs=5e-7)
    assert (est.ci_low, est.ci_high) == pytest.approx((0.163999, 0.931530), abs=5e-6)
    assert est.reduction == pytest.approx(1 - 0.390858, abs=5e-7)
    assert (est.reduction_low, est.reduction_high) == pytest.approx((1 - 0.931530, 1 - 0.163999), abs=5e-6)
    # Var(theta) = theta'^2 (1/lambda + c)/(1 + c)^2 = 0.169550*0.1963463/1.1098391 = 0.0299955
    assert est.var_ratio == pytest.approx(0.0299955, abs=5e-7)
    # naive (equal durations): 7/16 = 0.4375, se sqrt(1/7 + 1/16) = 0.453163
    assert est.naive.ratio == pytest.approx(0.4375, abs=1e-12)
    assert est.naive.se_log == pytest.approx(0.453163, abs=5e-7)


def test_k_zero_takes_the_spf_and_large_k_the_count():
    # k = 0: w = 1, the before expectation is the SPF prediction alone; k huge: w -> 0, the count
    low = eb_before_after([10], [4.0], [4], [4.0], k=0.0)
    assert low.expected_before == 4.0 and low.var_expected_after == 0.0
    assert low.ratio == pytest.approx(1.0) and low.se_log == pytest.approx(math.sqrt(1 / 4))
    high = eb_before_after([10], [4.0], [4], [4.0], k=1e9)
    assert high.expected_before == pytest.approx(10.0, rel=1e-8)


# ----------------------------------------------------------------------------- HSM sample problem
# per site: length L (miles), AADT before (same each of 5 years), AADT after (same each of 2 years),
# crashes in before years 1-5, crashes in after years 1-2
HSM_SITES = [
    (1.114, 8858, 8832, (4, 4, 1, 5, 2), (1, 1)),
    (0.880, 11190, 11156, (2, 0, 0, 2, 2), (0, 2)),
    (0.479, 11190, 11156, (1, 0, 2, 1, 0), (1, 1)),
    (1.000, 6408, 6388, (2, 5, 4, 3, 2), (0, 1)),
    (0.459, 6402, 6382, (0, 0, 1, 0, 0), (0, 1)),
    (0.500, 6268, 6250, (1, 1, 0, 2, 1), (1, 0)),
    (0.987, 6268, 6250, (4, 3, 3, 4, 3), (6, 3)),
    (0.710, 5503, 5061, (4, 3, 1, 1, 3), (0, 0)),
    (0.880, 5523, 5024, (2, 0, 6, 0, 0), (0, 0)),
    (0.720, 5523, 5024, (1, 0, 1, 1, 0), (0, 0)),
    (0.780, 5523, 5024, (1, 4, 2, 1, 1), (3, 2)),
    (1.110, 5523, 5024, (1, 0, 2, 4, 2), (4, 2)),
    (0.920, 5523, 5024, (3, 2, 3, 3, 5), (0, 1)),
]


def _hsm():
    L = np.array([s[0] for s in HSM_SITES])
    spf = lambda aadt: aadt * L * 365e-6 * math.exp(-0.312)        # noqa: E731  HSM eq. 10-6, per year
    pb = 5 * spf(np.array([s[1] for s in HSM_SITES], dtype=float))
    pa = 2 * spf(np.array([s[2] for s in HSM_SITES], dtype=float))
    ob = np.array([sum(s[3]) for s in HSM_SITES])
    oa = np.array([sum(s[4]) for s in HSM_SITES])
    est = eb_before_after(ob, pb, oa, pa, k=0.236 / L, exposure_before=np.full(13, 5.0),
                          exposure_after=np.full(13, 2.0), sites=[str(i) for i in range(1, 14)])
    return est, L, pb, pa, ob, oa


def test_hsm_sample_problem_site_values():
    est, L, pb, pa, ob, oa = _hsm()
    assert ob.sum() == 122 and oa.sum() == 30                     # stated checks of the sample problem
    # site 1 by hand: exp(-0.312) = 0.7319815; 8858 * 1.114 = 9867.812 vehicle-miles a day;
    # per year 9867.812 * 365e-6 * 0.7319815 = 2.6364155, so P_b = 5 * 2.6364155 = 13.182077
    # k = 0.236/1.114 = 0.2118492; k P_b = 2.7926124; w = 1/3.7926124 = 0.2636705
    # m_b = 0.2636705*13.182077 + 0.7363295*16 = 15.256997; r = (2*8832)/(5*8858) = 0.3988259
    # pi_1 = 0.3988259 * 15.256997 = 6.084886; Var_1 = 0.3988259^2 * 15.256997 * 0.7363295 = 1.786932
    s1 = est.sites.loc["1"]
    assert s1["predicted_before"] == pytest.approx(13.182077, abs=5e-6)
    assert s1["weight"] == pytest.approx(0.2636705, abs=5e-7)
    assert s1["expected_before"] == pytest.approx(15.256997, abs=5e-6)
    assert s1["adjustment"] == pytest.approx(0.3988259, abs=5e-7)
    assert s1["expected_after"] == pytest.approx(6.084886, abs=5e-6)
    assert s1["var_expected_after"] == pytest.approx(1.786932, abs=5e-6)


def test_hsm_sample_problem_totals_and_effectiveness():
    est, *_ = _hsm()
    # sum of the site variances (eq. 9A.1-9): 11.161 as stated (the package sums values rounded to 3 d.p.)
    assert est.var_expected_after == pytest.approx(11.161, abs=1e-3)
    # effectiveness: 100 (1 - OR) with OR = OR'/(1 + V/pi^2); stated SE(SE) 13.882 and test statistic
    # 2.194 give 100 (1 - OR) = 13.882 * 2.194 = 30.457 (30.449 to 30.465 within their rounding)
    assert 100 * est.reduction == pytest.approx(30.457, abs=0.008)
    assert 100 * est.reduction == pytest.approx(30.461, abs=5e-4)
    assert est.ratio_unadjusted == pytest.approx(30 / est.expected_after)
    # standard error of the effectiveness, HSM eq. 9A.1-11 to 9A.1-13 as Hauer writes it:
    #   Var(OR) = OR'^2 (1/N_obs,A + V/N_exp,A^2) / (1 + V/N_exp,A^2)^2
    lam, pi, V = 30.0, est.expected_after, est.var_expected_after
    c = V / pi ** 2
    hauer = 100 * math.sqrt(est.ratio_unadjusted ** 2 * (1 / lam + c) / (1 + c) ** 2)
    assert 100 * est.se_reduction == pytest.approx(hauer, rel=1e-12)
    assert 100 * est.se_reduction == pytest.approx(13.804, abs=5e-4)
    # The stated 13.882 (and 2.194) come from reading eq. 9A.1-11 with the brackets as
    #   OR'^2 (1/N_obs,A + (V/N_exp,A^2)/(1 + V/N_exp,A^2)), as the package's code does; we keep
    # Hauer's form, which equals the delta-method variance theta^2 (1/lambda + V/pi^2):
    package = 100 * math.sqrt(est.ratio_unadjusted ** 2 * (1 / lam + c / (1 + c)))
    assert package == pytest.approx(13.882, abs=1.5e-3)      # the package rounds steps to 3 d.p.
    assert (100 * est.reduction) / package == pytest.approx(2.194, abs=1e-3)
    assert est.se_log == pytest.approx(math.sqrt(1 / lam + c), rel=1e-12)
    assert est.var_ratio == pytest.approx((est.ratio * est.se_log) ** 2, rel=1e-12)
    # naive rate ratio: (30 / (13*2)) / (122 / (13*5)) = 1.153846/1.876923 = 0.614754
    assert est.naive.ratio == pytest.approx(0.614754, abs=5e-7)
    assert est.k is None                                           # k differs by site (0.236/L)


# ----------------------------------------------------------------------------- checks and display
def test_bad_input_names_the_argument():
    with pytest.raises(InputError, match="observed_before"):
        eb_before_after([1.5], [2.0], [1], [2.0], k=0.1)
    with pytest.raises(InputError, match="predicted_after"):
        eb_before_after([1], [2.0], [1], [0.0], k=0.1)
    with pytest.raises(InputError, match="k"):
        eb_before_after([1], [2.0], [1], [2.0], k=-1)
    with pytest.raises(InputError, match="after period"):
        eb_before_after([3], [2.0], [0], [2.0], k=0.1)
    with pytest.raises(InputError, match="alpha"):
        eb_before_after([3], [2.0], [1], [2.0], k=0.1, alpha=5)


def test_summary_in_both_languages():
    est = eb_before_after([10, 6], [4.0, 6.0], [3, 4], [4.0, 9.0], k=0.5, sites=["a", "b"])
    en, zh = est.summary("en"), est.summary("zh")
    assert "Empirical Bayes (EB)" in en and "Naive before/after" in en and "0.3909" in en
    assert "经验贝叶斯（EB）" in zh and "简单前后对比" in zh and "趋均数回归" in zh
    with use_lang("zh"):
        assert "经验贝叶斯前后对比估计" in est._repr_html_()
    d = est.to_dict()
    assert d["ratio"] == est.ratio and d["naive"]["ratio"] == 0.4375 and len(d["sites"]) == 2
    frame = est.to_frame()
    assert list(frame.index) == ["empirical_bayes", "naive"]
    assert frame.loc["empirical_bayes", "reduction_high"] == pytest.approx(1 - est.ci_low)
