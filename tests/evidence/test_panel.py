"""The SYNTHETIC accident panel (data/accident_panel.csv): reproducible, and the estimators recover
the effect built into it (rate ratio 0.85 at kiosk sites, data/make_accident_panel.py), while the
naive before/after comparison, misled by regression to the mean and the common trend, does not."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from cba.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
CSV = ROOT / "data" / "accident_panel.csv"
SPF = "accidents ~ np.log(aadt) + after"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("make_accident_panel", ROOT / "data" / "make_accident_panel.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def panel():
    import pandas as pd

    return pd.read_csv(CSV)


@pytest.fixture(scope="module")
def eb():
    from cba.evidence.empirical_bayes import empirical_bayes

    return empirical_bayes(CSV, treat="treated", spf_formula=SPF)


def test_generator_reproduces_the_committed_csv_byte_for_byte(gen, tmp_path):
    out = gen.main(["--out", str(tmp_path / "panel.csv")])
    assert out.read_bytes() == CSV.read_bytes()
    text = CSV.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(gen.COLUMNS)
    assert "SYNTHETIC" in (ROOT / "data" / "make_accident_panel.py").read_text(encoding="utf-8")[:200]


def test_panel_layout(panel, gen):
    assert len(panel) == (40 + 80) * 16
    by = panel.groupby("group")["site"].nunique()
    assert by["kiosk"] == 40 and by["comparison"] == 80
    assert (panel["months"] == 3).all() and set(panel["after"]) == {0, 1}
    assert (panel["kiosk"] == panel["treated"] * panel["after"]).all()
    assert panel.groupby("after")["period"].nunique().tolist() == [8, 8]          # 24 months each
    assert gen.TRUE_RATIO == 0.85


def test_regression_to_the_mean_is_there(gen, panel, eb):
    # the hidden truth: kiosk sites' observed before counts exceed their true expected counts, because
    # 24 of the 40 were chosen for having the most accidents; EB's before estimate is closer to the truth
    import pandas as pd

    sim = gen.simulate()
    rows = pd.DataFrame(sim["rows"]).assign(true_mean=[t["true_mean"] for t in sim["truth"]])
    assert rows[gen.COLUMNS].equals(panel[gen.COLUMNS])
    before = rows[(rows.treated == 1) & (rows.after == 0)]
    observed, truth = before.accidents.sum(), before.true_mean.sum()
    assert observed > 1.02 * truth                                               # 3369 vs 3253
    assert abs(eb.expected_before - truth) < abs(observed - truth)              # 3194 vs 3253
    assert eb.observed_before == observed


def test_naive_estimate_is_biased(eb):
    # regression to the mean and the common downward trend both flatter the naive comparison:
    # its interval lies wholly below the true 0.85, while EB's contains it
    assert eb.naive.ci_high < 0.85
    assert eb.naive.ratio < eb.ratio


def test_empirical_bayes_recovers_the_true_ratio(eb):
    assert eb.ci_low < 0.85 < eb.ci_high
    assert eb.n_sites == 40 and eb.spf.n_sites == 80 and eb.n_obs == 1920
    # the SPF recovers the generator's overdispersion (0.15) and traffic elasticity (0.8) roughly
    assert 0.08 < eb.spf.k < 0.25
    assert 0.4 < eb.spf.coefficients["np.log(aadt)"] < 1.2
    assert eb.data_path.endswith("accident_panel.csv") and len(eb.data_sha256) == 64


def test_difference_in_differences_recovers_the_true_ratio(panel):
    # Poisson GLM with site and period fixed effects, offset log(months), cluster-robust by site:
    # exp(coefficient of kiosk) is the rate ratio (statsmodels directly)
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    fit = smf.glm("accidents ~ C(site) + C(period) + kiosk", panel, family=sm.families.Poisson(),
                  offset=np.log(panel["months"])).fit(cov_type="cluster",
                                                     cov_kwds={"groups": panel["site"].factorize()[0]})
    low, high = np.exp(fit.conf_int().loc["kiosk"])
    assert low < 0.85 < high


def test_gbk_copy_with_chinese_columns(tmp_path, eb):
    # an evaluator's spreadsheet: GBK, Chinese column names; same data, same estimate
    from cba.evidence.empirical_bayes import empirical_bayes

    names = {"site": "地点", "treated": "设岗", "after": "后期", "months": "月数", "aadt": "日均交通量",
             "accidents": "事故数"}
    text = CSV.read_text(encoding="utf-8").splitlines()
    header = ",".join(names.get(c, c) for c in text[0].split(","))
    path = tmp_path / "事故面板_gbk.csv"
    path.write_bytes("\n".join([header, *text[1:]]).encode("gbk") + b"\n")
    est = empirical_bayes(path, treat="设岗", count="事故数", exposure="月数", site="地点", after="后期",
                          spf_formula="np.log(日均交通量) + 后期")
    assert est.ratio == pytest.approx(eb.ratio, rel=1e-9)
    assert est.spf.formula == "事故数 ~ np.log(日均交通量) + 后期"


def test_bad_data_name_the_file_row_and_column(tmp_path):
    from cba.evidence.empirical_bayes import empirical_bayes

    lines = CSV.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.csv"
    cells = lines[5].split(",")
    cells[-1] = "-2"
    bad.write_text("\n".join([*lines[:5], ",".join(cells), *lines[6:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        empirical_bayes(bad, treat="treated", spf_formula=SPF)
    text = str(err.value)
    assert "bad.csv" in text and "row 6" in text and "accidents" in text
    with pytest.raises(InputError, match="no column 'volume'"):
        empirical_bayes(CSV, treat="treated", exposure="volume")
    with pytest.raises(InputError, match="treat="):
        empirical_bayes(CSV)
