"""cba.estimate_effect: closed forms of saturated designs, seeded simulations with a known effect
(difference-in-differences, interval coverage of NB against Poisson), the overdispersion test
against an OLS fit of the Cameron–Trivedi auxiliary regression, and loading from files."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cba
from cba.errors import InputError
from cba.evidence.effect import overdispersion_test

Z95 = 1.959963984540054


def _nb(rng, mu, alpha):
    """NB2 draws with mean mu and variance mu + alpha·mu² (a gamma-Poisson mixture)."""
    return rng.poisson(rng.gamma(1 / alpha, alpha * mu))


def test_saturated_did_closed_form():
    # 2 x 2 table (group x period), 24 months each: the Poisson GLM y ~ after * kiosk is saturated, so
    # exp(β_after:kiosk) = (18/30) / (19/20) = 0.6 / 0.95 = 0.631579 and
    # se = sqrt(1/30 + 1/18 + 1/20 + 1/19) = sqrt(0.033333 + 0.055556 + 0.05 + 0.052632) = sqrt(0.191520)
    d = pd.DataFrame({"accidents": [30, 18, 20, 19], "months": [24, 24, 24, 24],
                      "after": [0, 1, 0, 1], "kiosk": [1, 1, 0, 0]})
    e = cba.estimate_effect(d, "accidents ~ after * kiosk", exposure="months", family="poisson")
    se = math.sqrt(1 / 30 + 1 / 18 + 1 / 20 + 1 / 19)
    assert e.ratio == pytest.approx(0.6 / 0.95, rel=1e-8)
    assert e.se_log == pytest.approx(se, rel=1e-6)
    assert (e.ci_low, e.ci_high) == pytest.approx((0.6 / 0.95 * math.exp(-Z95 * se), 0.6 / 0.95 * math.exp(Z95 * se)),
                                                  rel=1e-6)
    assert e.reduction_low == pytest.approx(1 - e.ci_high) and e.term == "after:kiosk" and e.n_obs == 4


def test_before_after_term_matches_rate_ratio():
    # without a comparison group the effect term is `after`: the same GLM as rate_ratio
    d = pd.DataFrame({"y": [41, 17], "pt": [28010.0, 19017.0], "after": [0, 1]})
    e = cba.estimate_effect(d, "y ~ after", exposure="pt", family="poisson")
    r = cba.rate_ratio(41, 28010, 17, 19017)
    assert (e.ratio, e.ci_low, e.ci_high) == pytest.approx((r.ratio, r.ci_low, r.ci_high), rel=1e-6)
    assert e.term == "after" and "default rule" in e.notes[0]


def _panel(rng, *, n_sites=60, ratio=0.7, trend=1.1, alpha=None):
    """Site-period panel: half the sites get a kiosk; site rates vary (gamma); exposure in months."""
    rows = []
    for s in range(n_sites):
        kiosk = int(s < n_sites // 2)
        rate = rng.gamma(5.0, 0.5)                    # accidents per month at the site, mean 2.5
        for after in (0, 1):
            months = 12.0 if after else 24.0
            mu = rate * months * (trend if after else 1.0) * (ratio if kiosk and after else 1.0)
            y = rng.poisson(mu) if alpha is None else _nb(rng, mu, alpha)
            rows.append({"site": f"S{s:02d}", "kiosk": kiosk, "after": after, "accidents": y, "months": months})
    return pd.DataFrame(rows)


def test_did_recovers_known_effect_with_site_fixed_effects():
    rng = np.random.default_rng(20240612)
    d = _panel(rng, n_sites=200, ratio=0.7)
    e = cba.estimate_effect(d, "accidents ~ after * kiosk + C(site)", exposure="months", cluster="site")
    # true log ratio log(0.7) = -0.356675; the estimate lies within 3 standard errors of it
    assert abs(math.log(e.ratio) - math.log(0.7)) < 3 * e.se_log
    assert e.ci_low < 0.7 < e.ci_high and e.se_log < 0.06
    assert e.family == "poisson" and not e.overdispersion.overdispersed
    assert e.cluster == "site" and e.n_clusters == 200 and e.results.cov_type == "cluster"
    assert any("dropped before fitting: kiosk" in n for n in e.notes)   # absorbed by C(site)


def test_nb_interval_covers_at_nominal_rate_poisson_undercovers():
    """200 seeded replications of overdispersed (NB2, α = 0.5) counts with a true ratio of 0.7:
    the NB interval covers at 95% within binomial error (sd = sqrt(.95·.05/200) = 0.0154, so
    3 sd: 0.904 to 0.996); the Poisson interval, which ignores the extra variance, under-covers."""
    rng = np.random.default_rng(12)
    true = 0.7
    n = 30
    after = np.repeat([0, 1], n)
    months = np.full(2 * n, 12.0)
    covered = {"nb": 0, "poisson": 0}
    reps = 200
    for _ in range(reps):
        mu = 2.0 * months * np.where(after == 1, true, 1.0)
        d = pd.DataFrame({"y": _nb(rng, mu, 0.5), "after": after, "months": months})
        for family in covered:
            e = cba.estimate_effect(d, "y ~ after", exposure="months", family=family)
            covered[family] += e.ci_low <= true <= e.ci_high
    nb, po = covered["nb"] / reps, covered["poisson"] / reps
    assert 0.904 <= nb <= 0.996, nb
    assert po < 0.75, po


def test_overdispersion_test_detects_nb_not_poisson():
    rng = np.random.default_rng(5)
    n, reps = 60, 100
    after = np.repeat([0, 1], n // 2)
    chose = {"poisson": 0, "nb": 0}
    for _ in range(reps):
        mu = 10.0 * np.where(after == 1, 0.8, 1.0)
        d = pd.DataFrame({"y": rng.poisson(mu), "after": after})
        chose["poisson"] += cba.estimate_effect(d, "y ~ after").overdispersion.overdispersed
        d = pd.DataFrame({"y": _nb(rng, mu, 0.3), "after": after})
        chose["nb"] += cba.estimate_effect(d, "y ~ after").overdispersion.overdispersed
    # Poisson data: rejected at about the test's 5% level (3 binomial sd: at most 0.115)
    assert chose["poisson"] / reps <= 0.115
    # NB data with α = 0.3 and μ ≈ 9 (variance ≈ 3.7 μ): detected nearly always
    assert chose["nb"] / reps >= 0.95


def test_overdispersion_test_equals_the_auxiliary_ols():
    import statsmodels.api as sm
    from scipy import stats

    rng = np.random.default_rng(3)
    mu = rng.uniform(2, 20, 50)
    y = _nb(rng, mu, 0.4)
    t = overdispersion_test(y, mu)
    ols = sm.OLS(((y - mu) ** 2 - y) / mu, mu).fit()          # no intercept
    assert t.alpha == pytest.approx(ols.params[0], rel=1e-10)
    assert t.t == pytest.approx(ols.tvalues[0], rel=1e-10)
    assert t.p_value == pytest.approx(stats.t.sf(ols.tvalues[0], 49), rel=1e-10)
    assert t.pearson_chi2 == pytest.approx(np.sum((y - mu) ** 2 / mu))


def test_auto_chooses_nb_and_says_so():
    rng = np.random.default_rng(8)
    d = _panel(rng, n_sites=60, alpha=0.6)
    e = cba.estimate_effect(d, "accidents ~ after * kiosk", exposure="months")
    assert e.family == "nb" and e.overdispersion.overdispersed and e.nb_alpha > 0
    assert "alpha" in e.results.params.index                       # statsmodels' NegativeBinomial, unchanged
    assert any("negative binomial chosen" in n for n in e.notes)
    assert any("选用负二项回归" in n for n in e.notes_zh)
    forced = cba.estimate_effect(d, "accidents ~ after * kiosk", exposure="months", family="poisson")
    assert forced.family == "poisson" and any("too narrow" in n for n in forced.notes)
    assert forced.se_log < e.se_log


def test_from_gbk_file_with_chinese_columns(tmp_path):
    rng = np.random.default_rng(2)
    d = _panel(rng, n_sites=40).rename(columns={"site": "路口", "accidents": "事故数", "months": "月数"})
    f = tmp_path / "事故面板.csv"
    f.write_bytes(d.to_csv(index=False).encode("gbk"))
    e = cba.estimate_effect(f, "事故数 ~ after * kiosk + C(路口)", exposure="月数", cluster="路口")
    same = cba.estimate_effect(d, "事故数 ~ after * kiosk + C(路口)", exposure="月数", cluster="路口")
    assert e.ratio == pytest.approx(same.ratio, rel=1e-9) and e.data_path == str(f)
    import hashlib

    assert e.data_sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    zh, en = e.summary("zh"), e.summary("en")
    assert zh.startswith("效果估计\n率比：") and "（95% 置信区间：" in zh and "公式：事故数 ~ after * kiosk + C(路口)" in zh
    assert "按 路口 聚类的稳健标准误" in zh and "SHA-256" in zh
    assert en.startswith("Effect estimate\nRate ratio: ") and "cluster-robust standard errors by 路口" in en
    assert e.to_dict()["overdispersion"]["test"].startswith("Cameron-Trivedi")
    assert list(e.to_frame("en").index) == ["after:kiosk"]


def test_bad_data_in_a_file_names_the_row(tmp_path):
    f = tmp_path / "p.csv"
    f.write_bytes("路口,after,kiosk,事故数,月数\nA,0,1,3,12\nA,1,1,2,12\nB,0,0,4,12\nB,1,0,-1,12\n".encode("gbk"))
    with pytest.raises(InputError) as err:
        cba.estimate_effect(f, "事故数 ~ after * kiosk", exposure="月数")
    assert err.value.render("en") == f"{f}: row 5, column '事故数': a count cannot be negative, got -1"


def test_argument_errors():
    d = pd.DataFrame({"y": [3, 4, 5, 6], "after": [0, 1, 0, 1], "g": [0, 0, 1, 1]})
    with pytest.raises(InputError, match="term"):
        cba.estimate_effect(d, "y ~ g")
    with pytest.raises(InputError, match="no effect term 'x'"):
        cba.estimate_effect(d, "y ~ after", term="x")
    with pytest.raises(InputError, match="family"):
        cba.estimate_effect(d, "y ~ after", family="gaussian")
    with pytest.raises(InputError, match="formula"):
        cba.estimate_effect(d, "y after")
    with pytest.raises(InputError, match="no column 'nothere'"):     # a right-hand column named like a left one
        cba.estimate_effect(d, "y ~ after + nothere")
    with pytest.raises(InputError, match="cannot build the model"):
        cba.estimate_effect(d, "y ~ after + (")
    with pytest.raises(InputError, match="no column 'months'"):
        cba.estimate_effect(d, "y ~ after", exposure="months")
    e = cba.estimate_effect(d, "y ~ after + g", term="g", family="poisson")
    assert e.term == "g" and any("given by term=" in n for n in e.notes)
    assert any("No exposure given" in n for n in e.notes)


def test_right_hand_cells_are_checked_by_row_and_column(tmp_path):
    # a text cell in a numeric column, an empty one in a category: named at their rows (the header is
    # row 1), not turned into categories or missing values by the formula
    import pandas as pd

    rows = [{"site": f"S{i % 4}", "after": i % 2, "aadt": 1000 + i, "accidents": 5 + i % 3, "months": 3}
            for i in range(12)]
    f = tmp_path / "p.csv"
    pd.DataFrame(rows).to_csv(f, index=False)
    text = f.read_text(encoding="utf-8").splitlines()
    text[5] = text[5].replace(",1,", ",是,", 1) if ",1," in text[5] else text[5].replace(",0,", ",是,", 1)
    f.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        cba.estimate_effect(f, "accidents ~ after + C(site)", exposure="months")
    assert "row 6" in err.value.render("en") and "'after'" in err.value.render("en")
    pd.DataFrame(rows).assign(site=[None] + [r["site"] for r in rows[1:]]).to_csv(f, index=False)
    with pytest.raises(InputError) as err:
        cba.estimate_effect(f, "accidents ~ after + C(site)", exposure="months")
    assert "row 2" in err.value.render("en") and "'site'" in err.value.render("en")
