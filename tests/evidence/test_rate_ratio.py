"""cba.rate_ratio against the closed form, statsmodels' GLM and published worked examples."""
from __future__ import annotations

import math

import numpy as np
import pytest

import cba
from cba.errors import InputError
from cba.i18n import use_lang

Z95 = 1.959963984540054    # Φ⁻¹(0.975)


def test_closed_form_by_hand():
    # 30 accidents in 24 months before, 18 in 24 months after:
    # ratio = (18/24)/(30/24) = 0.6; se = sqrt(1/30 + 1/18) = sqrt(0.0333333 + 0.0555556) = 0.2981424
    # z·se = 1.959964 · 0.2981424 = 0.584348; ci = 0.6 · (exp(-0.584348), exp(0.584348))
    #      = 0.6 · (0.557469, 1.793822) = (0.334481, 1.076293)
    r = cba.rate_ratio(30, 24, 18, 24)
    assert r.ratio == pytest.approx(0.6, rel=1e-12)
    assert r.se_log == pytest.approx(math.sqrt(1 / 30 + 1 / 18), rel=1e-10)
    assert (r.ci_low, r.ci_high) == pytest.approx((0.334481, 1.076293), rel=1e-5)
    assert (r.reduction, r.reduction_low, r.reduction_high) == pytest.approx((0.4, 1 - r.ci_high, 1 - r.ci_low))
    assert r.n_obs == 2 and r.results is not None


@pytest.mark.parametrize("a, ea, b, eb", [(30, 24, 18, 24), (7, 3.5, 41, 12.25), (1, 100, 250, 80), (1000, 1, 999, 1.1)])
@pytest.mark.parametrize("alpha", [0.05, 0.10, 0.01])
def test_closed_form_equals_glm(a, ea, b, eb, alpha):
    """ratio = (b/eb)/(a/ea), se_log = sqrt(1/a + 1/b), Wald interval: the GLM fit to 1e-8."""
    from statistics import NormalDist

    z = NormalDist().inv_cdf(1 - alpha / 2)
    ratio = (b / eb) / (a / ea)
    se = math.sqrt(1 / a + 1 / b)
    r = cba.rate_ratio(a, ea, b, eb, alpha=alpha)          # statsmodels GLM (one site)
    assert r.ratio == pytest.approx(ratio, rel=1e-8)
    assert r.se_log == pytest.approx(se, rel=1e-8)
    assert r.ci_low == pytest.approx(ratio * math.exp(-z * se), rel=1e-8)
    assert r.ci_high == pytest.approx(ratio * math.exp(z * se), rel=1e-8)


@pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::statsmodels.tools.sm_exceptions.PerfectSeparationWarning")
def test_vector_closed_form_equals_glm_site_by_site():
    import statsmodels.api as sm

    rng = np.random.default_rng(7)
    a, b = rng.integers(1, 60, 25), rng.integers(1, 60, 25)
    ea, eb = rng.uniform(6, 36, 25), rng.uniform(6, 36, 25)
    r = cba.rate_ratio(a, ea, b, eb)
    assert r.ratio.shape == (25,) and r.results is None and "closed form" in r.method
    for i in range(25):
        fit = sm.GLM([a[i], b[i]], [[1, 0], [1, 1]], family=sm.families.Poisson(),
                     offset=np.log([ea[i], eb[i]])).fit(method="newton", tol=1e-14)
        low, high = np.exp(fit.conf_int(0.05)[1])
        assert r.ratio[i] == pytest.approx(math.exp(fit.params[1]), rel=1e-8)
        assert r.se_log[i] == pytest.approx(fit.bse[1], rel=1e-8)
        assert (r.ci_low[i], r.ci_high[i]) == pytest.approx((low, high), rel=1e-8)
    assert len(r.to_frame()) == 25 and r.n_obs == 50


# Published example: OpenEpi "Comparing 2 Person-Time Rates" (PersonTime2), K.M. Sullivan (Emory
# University), example output "Exact Rate Ratio Estimates and Confidence Limits", rows "RateRatio"
# (the Taylor-series/Wald interval exp(ln IRR ± 1.96·sqrt(1/a + 1/b)) of the document's formulae),
# OpenEpi documentation, epiinformatics.com/DownloadFiles/SessionI.zip; exposed cases a with
# person-time n1, unexposed b with n0. OpenEpi prints four significant digits.
OPENEPI = [
    # stratum, (a, n1), (b, n0), IRR, lower, upper
    ("stratum 1", (17, 100025), (3, 122268), 6.927, 2.03, 23.63),
    ("stratum 2", (8, 78531), (1, 77932), 7.939, 0.9931, 63.47),
    ("crude", (25, 178556), (4, 200200), 7.008, 2.439, 20.13),
]


@pytest.mark.parametrize("name, exposed, unexposed, irr, low, high", OPENEPI)
def test_openepi_person_time_examples(name, exposed, unexposed, irr, low, high):
    # the rate ratio exposed/unexposed is rate_ratio's after/before with after = exposed
    r = cba.rate_ratio(unexposed[0], unexposed[1], exposed[0], exposed[1])
    assert r.ratio == pytest.approx(irr, abs=5e-4 * 10 ** math.floor(math.log10(irr)))
    # The printed limits agree with the Wald formula to the fourth significant digit, not always
    # rounded (23.636 is printed 23.63, 0.99295 as 0.9931): relative 3e-4 is what they support.
    assert (r.ci_low, r.ci_high) == pytest.approx((low, high), rel=3e-4)


def test_openepi_vectorised_equals_one_by_one():
    b = np.array([e[1][0] for e in OPENEPI]); eb = np.array([e[1][1] for e in OPENEPI])
    a = np.array([e[2][0] for e in OPENEPI]); ea = np.array([e[2][1] for e in OPENEPI])
    r = cba.rate_ratio(a, ea, b, eb)
    for i in range(3):
        one = cba.rate_ratio(a[i], ea[i], b[i], eb[i])
        assert (r.ratio[i], r.ci_low[i], r.ci_high[i]) == pytest.approx((one.ratio, one.ci_low, one.ci_high),
                                                                        rel=1e-9)


def test_zero_count_is_an_error_naming_the_site():
    with pytest.raises(InputError) as err:
        cba.rate_ratio([5, 0, 4], 12, [3, 2, 4], 12)
    assert "before_count[1]" in str(err.value) and "undefined" in str(err.value)
    with use_lang("zh"):
        with pytest.raises(InputError) as err:
            cba.rate_ratio(5, 12, 0, 12)
        assert "after_count" in str(err.value) and "无定义" in str(err.value)


def test_zero_count_half_correction_is_stated():
    # site 2: 0 before, 2 after -> (2.5/12)/(0.5/12) = 5; se = sqrt(1/0.5 + 1/2.5) = sqrt(2.4)
    r = cba.rate_ratio([5, 0], 12, [3, 2], 12, zero="half")
    assert r.ratio[1] == pytest.approx(5.0) and r.se_log[1] == pytest.approx(math.sqrt(2.4))
    assert r.ratio[0] == pytest.approx(0.6)
    assert any("site 2" in n and "0.5" in n for n in r.notes)
    assert any("第 2 个地点" in n for n in r.notes_zh)


@pytest.mark.parametrize("args, where", [((-1, 12, 3, 12), "before_count"), ((2.5, 12, 3, 12), "before_count"),
                                         ((4, 0, 3, 12), "before_exposure"), ((4, 12, 3, [12, -1]), "after_exposure[1]"),
                                         ((4, 12, float("nan"), 12), "after_count")])
def test_bad_inputs_name_the_argument(args, where):
    with pytest.raises(InputError) as err:
        cba.rate_ratio(*args)
    assert str(err.value).startswith(where + ":")


def test_alpha_and_shapes():
    with pytest.raises(InputError, match="alpha"):
        cba.rate_ratio(4, 12, 3, 12, alpha=5)
    with pytest.raises(InputError, match="broadcast"):
        cba.rate_ratio([4, 5], 12, [3, 2, 1], 12)


def test_summary_both_languages_and_provenance(tmp_path):
    f = tmp_path / "counts.csv"
    f.write_text("a,b\n30,18\n", encoding="utf-8")
    r = cba.rate_ratio(30, 24, 18, 24, data_path=f)
    import hashlib

    assert r.data_sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    zh, en = r.summary("zh"), r.summary("en")
    assert "率比：0.6（95% 置信区间：0.3345–1.076）" in zh and "降幅：40%" in zh
    assert "Rate ratio: 0.6 (95% CI 0.3345–1.076)" in en and "Reduction: 40%" in en
    d = r.to_dict()
    assert d["ratio"] == pytest.approx(0.6) and d["reduction_high"] == pytest.approx(1 - r.ci_low)
    assert "<table" in r._repr_html_()
