"""The new distributions (truncnormal, beta, lognormal by mean/sd, discrete, empirical) and
``Distribution.ppf`` for every kind, checked against scipy.stats (an independent
implementation of each CDF and quantile function: P. Virtanen et al., "SciPy 1.0", Nature
Methods 17, 261-272, 2020) with one-sample Kolmogorov-Smirnov tests, against closed-form
moments, and discrete frequencies by Pearson's chi-square test. Fixed seeds: deterministic.
"""
from __future__ import annotations

import hashlib
import math

import numpy as np
import pytest
from scipy import stats

import cba
from cba.errors import InputError
from cba.i18n import use_lang
from cba.model.distributions import Distribution, data_dir
from cba.uncertainty import data_files

N = 20_000
ALPHA = 0.01
SEED = 20261202
U = (np.arange(1, 2000) / 2000)          # a grid of probabilities for ppf comparisons


def _model(dist, value=5.0, low=None, high=None, **extra):
    p = {"value": value, "distribution": dist}
    if low is not None:
        p.update(low=low, high=high)
    return {"name": "m", "horizon": 1, "discount_rate": 0.08, "parameters": {"reduction": p},
            "options": {"o": {"flows": [{"name": "f", "kind": "benefit", "amount": "reduction"}]}}, **extra}


# ----------------------------------------------------------------------------- references
# Each case: the cba distribution and the scipy.stats distribution it is documented to be.
# beta by mean/sd on [0, 10], mean 3, sd 1.5 (by hand): m = 0.3, s = 0.15,
#   k = m (1 - m) / s^2 - 1 = 0.21 / 0.0225 - 1 = 8.3333..., a = m k = 2.5, b = (1 - m) k = 35/6.
# lognormal by mean 10, sd 5 (by hand): sigma^2 = ln(1 + 0.25) = 0.223144, mu = ln 10 - sigma^2 / 2,
#   so the median exp(mu) = 10 / sqrt(1.25) = 8.944272 (scipy: lognorm(s=sigma, scale=median)).
# truncnormal mean 12, sd 2.5 on [5, 16]: scipy truncnorm(a=(5-12)/2.5, b=(16-12)/2.5, loc=12, scale=2.5).
NEW = [
    ("truncnormal", {"mean": 12.0, "sd": 2.5, "low": 5.0, "high": 16.0},
     stats.truncnorm((5 - 12) / 2.5, (16 - 12) / 2.5, loc=12, scale=2.5)),
    ("truncnormal", {"mean": 0.0, "sd": 1.0, "low": 0.5, "high": 3.0}, stats.truncnorm(0.5, 3.0)),
    ("beta", {"low": 0.0, "high": 10.0, "mean": 3.0, "sd": 1.5}, stats.beta(2.5, 35 / 6, loc=0, scale=10)),
    ("beta", {"low": 0.0, "high": 0.4, "a": 2.0, "b": 5.0}, stats.beta(2, 5, loc=0, scale=0.4)),
    ("lognormal", {"mean": 10.0, "sd": 5.0}, stats.lognorm(s=math.sqrt(math.log(1.25)), scale=10 / math.sqrt(1.25))),
]
OLD = [
    ("uniform", {"low": 3.0, "high": 20.0}, stats.uniform(3, 17)),
    ("triangular", {"low": 3.0, "mode": 10.0, "high": 20.0}, stats.triang(7 / 17, loc=3, scale=17)),
    # PERT: beta with a = 1 + 4 (mode - low) / (high - low) = 1 + 28/17, b = 1 + 40/17 (Vose 2008)
    ("pert", {"low": 3.0, "mode": 10.0, "high": 20.0}, stats.beta(1 + 28 / 17, 1 + 40 / 17, loc=3, scale=17)),
    ("normal", {"mean": 12.0, "sd": 2.5}, stats.norm(12, 2.5)),
    ("lognormal", {"median": 44200.0, "sigma": 0.5}, stats.lognorm(s=0.5, scale=44200.0)),
]


@pytest.mark.parametrize("kind,params,ref", NEW, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(NEW)])
def test_new_kinds_sample_the_documented_distribution(kind, params, ref):
    d = Distribution(kind, params)
    x = d.sample(N, seed=SEED)
    assert stats.kstest(x, ref.cdf).pvalue > ALPHA
    y = d.ppf(np.random.default_rng(SEED).random(N))          # inverse-CDF draws
    assert stats.kstest(y, ref.cdf).pvalue > ALPHA


@pytest.mark.parametrize("kind,params,ref", NEW + OLD, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(NEW + OLD)])
def test_ppf_is_scipys_quantile_function(kind, params, ref):
    np.testing.assert_allclose(Distribution(kind, params).ppf(U), ref.ppf(U), rtol=1e-9, atol=1e-12)


def test_the_ks_test_has_power_against_a_wrong_beta_and_lognormal():
    # the beta's shapes swapped, and the lognormal's mean read as its median, are rejected
    x = Distribution("beta", {"low": 0.0, "high": 10.0, "mean": 3.0, "sd": 1.5}).sample(N, seed=SEED)
    assert stats.kstest(x, stats.beta(35 / 6, 2.5, loc=0, scale=10).cdf).pvalue < 1e-6
    y = Distribution("lognormal", {"mean": 10.0, "sd": 5.0}).sample(N, seed=SEED)
    assert stats.kstest(y, stats.lognorm(s=math.sqrt(math.log(1.25)), scale=10).cdf).pvalue < 1e-6


@pytest.mark.parametrize("kind,params", [("beta", {"low": 0.0, "high": 10.0, "mean": 3.0, "sd": 1.5}),
                                         ("beta", {"low": -2.0, "high": 4.0, "mean": 2.5, "sd": 0.4}),
                                         ("lognormal", {"mean": 10.0, "sd": 5.0}),
                                         ("lognormal", {"mean": 0.8, "sd": 0.1})])
def test_mean_and_sd_forms_have_the_requested_moments(kind, params):
    # E[X] = integral of the quantile function over (0, 1), E[X^2] likewise; a midpoint rule on
    # 2 million cells (a closed-form identity, not a sample).
    u = (np.arange(2_000_000) + 0.5) / 2_000_000
    q = Distribution(kind, params).ppf(u)
    mean, var = q.mean(), (q ** 2).mean() - q.mean() ** 2
    assert mean == pytest.approx(params["mean"], rel=2e-5)
    assert math.sqrt(var) == pytest.approx(params["sd"], rel=2e-3)
    # and the sample moments of 20,000 draws lie within 4 standard errors
    x = Distribution(kind, params).sample(N, seed=SEED)
    assert abs(x.mean() - params["mean"]) < 4 * params["sd"] / math.sqrt(N)


def test_lognormal_by_mean_and_sd_by_hand():
    # sigma^2 = ln(1 + (5/10)^2) = ln 1.25 = 0.22314355; median = 10 / sqrt(1.25) = 8.94427191
    d = Distribution("lognormal", {"mean": 10.0, "sd": 5.0})
    assert float(d.ppf(0.5)) == pytest.approx(8.94427191, rel=1e-8)
    # the 84.13% point is median * exp(sigma): 8.94427191 * exp(0.47238073) = 14.3475...
    assert float(d.ppf(stats.norm.cdf(1.0))) == pytest.approx(8.94427191 * math.exp(math.sqrt(0.22314355)), rel=1e-7)


# ----------------------------------------------------------------------------- discrete
def test_discrete_frequencies_by_chi_square():
    values, probs = [1.0, 2.0, 5.0, 10.0], [0.1, 0.2, 0.3, 0.4]
    d = Distribution("discrete", {"values": values, "probabilities": probs})
    for x in (d.sample(N, seed=SEED), d.ppf(np.random.default_rng(SEED).random(N))):
        counts = np.array([(x == v).sum() for v in values])
        assert counts.sum() == N
        assert stats.chisquare(counts, N * np.array(probs)).pvalue > ALPHA
    # power: the same counts reject equal probabilities
    assert stats.chisquare(counts, np.full(4, N / 4)).pvalue < 1e-6


def test_discrete_ppf_is_the_step_inverse():
    # F: 0.2 at 1, 0.7 at 2, 1 at 5 (values given out of order); F^-1(u) = min{x: F(x) >= u}
    d = Distribution("discrete", {"values": [5, 1, 2], "probabilities": [0.3, 0.2, 0.5]})
    np.testing.assert_array_equal(d.ppf([0.0, 0.19, 0.2, 0.2001, 0.7, 0.71, 1.0]), [1, 1, 1, 2, 2, 5, 5])


def test_discrete_from_an_excel_cell():
    # an Excel cell "discrete; values=1,2,3; probabilities=0.2、0.3、0.5" reaches the model as text
    d = Distribution.from_spec({"kind": "discrete", "values": "1,2,3", "probabilities": "0.2、0.3、0.5"},
                               value=2, low=None, high=None)
    assert d.to_dict() == {"kind": "discrete", "values": [1.0, 2.0, 3.0], "probabilities": [0.2, 0.3, 0.5]}


# ----------------------------------------------------------------------------- defaults
def test_defaults_come_from_the_parameter():
    m = cba.load_model(_model({"kind": "truncnormal", "sd": 0.1}, value=0.1, low=0.0, high=0.4))
    assert m.parameters["reduction"].distribution.to_dict() == {
        "kind": "truncnormal", "sd": 0.1, "mean": 0.1, "low": 0.0, "high": 0.4}
    m = cba.load_model(_model({"kind": "beta", "sd": 0.05}, value=0.1, low=0.0, high=0.4))
    assert m.parameters["reduction"].distribution.params == {"sd": 0.05, "mean": 0.1, "low": 0.0, "high": 0.4}
    m = cba.load_model(_model({"kind": "beta", "a": 2, "b": 3}, value=0.1, low=0.0, high=0.4))
    assert set(m.parameters["reduction"].distribution.params) == {"a", "b", "low", "high"}
    m = cba.load_model(_model({"kind": "lognormal", "sd": 2}, value=5))
    assert m.parameters["reduction"].distribution.params == {"sd": 2.0, "mean": 5.0}
    m2 = cba.Model.from_dict(m.to_dict())                                      # round trip
    assert m2.parameters["reduction"].distribution == m.parameters["reduction"].distribution


BAD = [
    ({"kind": "truncnormal"}, 0.1, 0.0, 0.4, "parameters.reduction.distribution.sd",
     "a truncated normal distribution needs 'sd'", "截断正态分布需要给出 'sd'"),
    ({"kind": "truncnormal", "sd": -1}, 0.1, 0.0, 0.4, "parameters.reduction.distribution.sd",
     "expected sd > 0, got -1", "sd 应大于 0，实际为 -1"),
    ({"kind": "truncnormal", "sd": 1, "low": 2}, 0.1, 0.0, 0.4, "parameters.reduction.distribution.high",
     "expected low < high, got low=2 and high=0.4", "应满足 low < high，实际为 low=2、high=0.4"),
    ({"kind": "beta", "sd": 0.3}, 0.1, 0.0, 0.4, "parameters.reduction.distribution.sd",
     "a beta on [0, 0.4] with mean 0.1 needs sd below sqrt((mean - low)(high - mean)) = 0.173205, got 0.3",
     "[0, 0.4] 上均值为 0.1 的贝塔分布要求 sd 小于 √((mean − low)(high − mean)) = 0.173205，实际为 0.3"),
    ({"kind": "beta", "sd": 0.1, "a": 2}, 0.1, 0.0, 0.4, "parameters.reduction.distribution",
     "a beta distribution takes either mean + sd or a + b, not both", "贝塔分布应给出 mean + sd 或 a + b 其中一组，不能两组都给"),
    ({"kind": "beta", "a": 2}, 0.1, 0.0, 0.4, "parameters.reduction.distribution.b",
     "a beta distribution needs 'b'", "贝塔分布需要给出 'b'"),
    ({"kind": "beta", "sd": 0.1, "mean": 0.5}, 0.1, 0.0, 0.4, "parameters.reduction.distribution.mean",
     "expected low < mean < high (0 < mean < 0.4), got 0.5", "均值应在 low 与 high 之间（0 < mean < 0.4），实际为 0.5"),
    ({"kind": "lognormal", "median": 3, "sd": 1}, 5, None, None, "parameters.reduction.distribution",
     "a lognormal distribution takes either median + sigma or mean + sd, not both",
     "对数正态分布应给出 median + sigma 或 mean + sd 其中一组，不能两组都给"),
    ({"kind": "lognormal", "sd": 1, "mean": -2}, 5, None, None, "parameters.reduction.distribution.mean",
     "expected mean > 0, got -2", "mean 应大于 0，实际为 -2"),
    ({"kind": "discrete", "values": [1, 2], "probabilities": [0.5, 0.6]}, 1, None, None,
     "parameters.reduction.distribution.probabilities",
     "the probabilities should sum to 1 (within 1e-9), got 1.1", "概率之和应为 1（误差不超过 1e-9），实际为 1.1"),
    ({"kind": "discrete", "values": [1, 2], "probabilities": [0.5 + 2e-9, 0.5]}, 1, None, None,
     "parameters.reduction.distribution.probabilities",
     "the probabilities should sum to 1 (within 1e-9), got 1.000000002", "概率之和应为 1（误差不超过 1e-9），实际为 1.000000002"),
    ({"kind": "discrete", "values": [1, 2, 3], "probabilities": [0.5, 0.5]}, 1, None, None,
     "parameters.reduction.distribution.probabilities",
     "expected 3 probabilities, one per value, got 2", "probabilities 应与 values 一样有 3 个，实际为 2 个"),
    ({"kind": "discrete", "values": [1, 2], "probabilities": [1.5, -0.5]}, 1, None, None,
     "parameters.reduction.distribution.probabilities[1]",
     "a probability cannot be negative, got -0.5", "概率不能为负，实际为 -0.5"),
    ({"kind": "discrete", "values": [1, 1], "probabilities": [0.5, 0.5]}, 1, None, None,
     "parameters.reduction.distribution.values", "the value 1 is listed twice", "取值 1 重复出现"),
    ({"kind": "discrete", "values": [1, "x"], "probabilities": [0.5, 0.5]}, 1, None, None,
     "parameters.reduction.distribution.values[1]", "expected a number, got 'x'", "应为数字，实际为 'x'"),
    ({"kind": "empirical"}, 1, None, None, "parameters.reduction.distribution",
     "an empirical distribution needs either 'file' (a CSV or Excel file) or 'values' (a list of numbers), not both",
     "经验分布应给出 file（CSV 或 Excel 数据文件）或 values（数值列表）二者之一"),
    ({"kind": "empirical", "values": [3]}, 1, None, None, "parameters.reduction.distribution",
     "expected at least 2 values, got 1", "至少需要 2 个数值，实际为 1 个"),
]


@pytest.mark.parametrize("spec,value,low,high,where,en,zh", BAD)
def test_bad_fields_are_named_in_english_and_chinese(spec, value, low, high, where, en, zh):
    with pytest.raises(InputError) as err:
        cba.load_model(_model(spec, value=value, low=low, high=high))
    assert err.value.render("en") == f"{where}: {en}"
    assert err.value.render("zh") == f"{where}：{zh}"
    with use_lang("zh"):
        assert str(err.value) == f"{where}：{zh}"


# ----------------------------------------------------------------------------- empirical
ACCIDENT_COSTS = [11274, 20223, 20223, 44200, 76000, 11274, 11274, 30500]   # 元, made up for the test


def _write_model(folder, dist):
    import yaml

    text = yaml.safe_dump(_model(dist, value=20000), allow_unicode=True)
    (folder / "model.yaml").write_text(text, encoding="utf-8")
    return folder / "model.yaml"


def test_empirical_gbk_csv_with_a_chinese_header_resamples_the_column(tmp_path):
    csv = "路口,事故成本（元）\n" + "".join(f"路口{i},{c}\n" for i, c in enumerate(ACCIDENT_COSTS))
    raw = csv.encode("gbk")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "costs.csv").write_bytes(raw)
    path = _write_model(tmp_path, {"kind": "empirical", "file": "data/costs.csv", "column": "事故成本（元）"})
    with pytest.warns(cba.CBAWarning, match="GBK"):
        m = cba.load_model(path)
    d = m.parameters["reduction"].distribution
    x = d.sample(N, seed=SEED)
    # resampling with replacement: each of the 8 rows has probability 1/8 (11274 three times)
    values, counts = np.unique(x, return_counts=True)
    expected = {v: ACCIDENT_COSTS.count(v) / 8 for v in set(ACCIDENT_COSTS)}
    assert values.tolist() == sorted(expected)
    assert stats.chisquare(counts, [N * expected[v] for v in values]).pvalue > ALPHA
    # ppf: the step inverse of the empirical CDF (sorted data, 1/8 each)
    np.testing.assert_array_equal(d.ppf([0.1, 0.375, 0.376, 0.99]), [11274, 11274, 20223, 76000])
    # provenance: the file's SHA-256, in to_dict and in data_files
    sha = hashlib.sha256(raw).hexdigest()
    assert m.to_dict()["parameters"]["reduction"]["distribution"] == {
        "kind": "empirical", "file": "data/costs.csv", "column": "事故成本（元）", "sha256": sha}
    assert data_files(m) == {"reduction": {"file": "data/costs.csv", "path": str((tmp_path / "data" / "costs.csv").resolve()),
                                           "column": "事故成本（元）", "sheet": None, "sha256": sha}}


def test_empirical_recorded_sha256_refuses_a_changed_file(tmp_path):
    (tmp_path / "c.csv").write_text("\ufeffcost\n1\n2\n", encoding="utf-8")          # UTF-8 with a BOM
    m = cba.load_model(_write_model(tmp_path, {"kind": "empirical", "file": "c.csv"}))
    spec = m.to_dict()["parameters"]["reduction"]["distribution"]
    assert spec["sha256"] == hashlib.sha256((tmp_path / "c.csv").read_bytes()).hexdigest()
    cba.load_model(_write_model(tmp_path, spec))                                       # same bytes: fine
    (tmp_path / "c.csv").write_text("cost\n1\n3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"parameters\.reduction\.distribution\.sha256: the data file c\.csv has "
                                         r"SHA-256 [0-9a-f]{64}, not the .* the model records"):
        cba.load_model(_write_model(tmp_path, spec))


def test_empirical_excel_sheet_and_a_dict_model_resolves_against_the_cwd(tmp_path, monkeypatch):
    import pandas as pd

    with pd.ExcelWriter(tmp_path / "obs.xlsx") as xw:
        pd.DataFrame({"x": [1, 2]}).to_excel(xw, sheet_name="first", index=False)
        pd.DataFrame({"降幅": [0.05, None, 0.1, 0.2]}).to_excel(xw, sheet_name="观测", index=False)
    monkeypatch.chdir(tmp_path)
    m = cba.load_model(_model({"kind": "empirical", "file": "obs.xlsx", "sheet": "观测", "column": "降幅"}))
    d = m.parameters["reduction"].distribution
    np.testing.assert_array_equal(d.ppf([0.2, 0.5, 0.9]), [0.05, 0.1, 0.2])          # the blank cell skipped


def test_empirical_file_errors(tmp_path):
    (tmp_path / "c.csv").write_text("a,b\n1,x\n2,3\n", encoding="utf-8")
    cases = [
        ({"file": "missing.csv"}, "parameters.reduction.distribution.file: no data file missing.csv (relative to "
                                  f"{tmp_path})"),
        ({"file": "c.csv"}, "parameters.reduction.distribution.column: the data file has several columns (a, b): "
                            "name one with 'column'"),
        ({"file": "c.csv", "column": "B"}, "parameters.reduction.distribution.column: no column 'B' in the data "
                                           "file; columns: a, b"),
        ({"file": "c.csv", "column": "b"}, "parameters.reduction.distribution.column: column 'b', row 2: 'x' is "
                                           "not a number"),
    ]
    for spec, text in cases:
        with pytest.raises(InputError) as err:
            cba.load_model(_write_model(tmp_path, {"kind": "empirical", **spec}))
        assert err.value.render("en") == f"{tmp_path / 'model.yaml'}: {text}"
    with pytest.raises(InputError) as err:
        cba.load_model(_write_model(tmp_path, {"kind": "empirical", "file": "c.csv", "column": "b"}))
    assert err.value.render("zh").endswith("列 'b' 第 2 行的值 'x' 不是数字")


def test_data_dir_context_for_python_models(tmp_path):
    (tmp_path / "v.csv").write_text("v\n4\n1\n", encoding="utf-8")
    with data_dir(tmp_path / "model.yaml"):                 # a file: its folder is used
        d = Distribution("empirical", {"file": "v.csv"})
    assert d.ppf(0.75) == 4.0 and d.ppf(0.25) == 1.0
