"""cba.evidence.handoff: an estimate becomes a model parameter (value, interval, lognormal, source),
its YAML entry, the report's evidence block, and the second kiosk model.

Reference case (hand calculation): one site, 40 accidents in 24 months before, 25 in 24 months
after. The Poisson rate ratio is (25/24)/(40/24) = 0.625 and se(log ratio) = sqrt(1/25 + 1/40) =
sqrt(0.065) = 0.25495097567963926 (the closed form of the two-count Poisson GLM; e.g. Rothman,
Greenland & Lash, Modern Epidemiology, 3rd ed., ch. 14, Wald interval of a rate ratio).
z = Phi^-1(0.975) = 1.959963984540054, z*se = 0.4996947301554402,
low = 0.625 * exp(-0.4996947301554402) = 0.3791974021855744,
high = 0.625 * exp(+0.4996947301554402) = 1.0301362766426154.
"""
from __future__ import annotations

import hashlib
import importlib.util
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

import cba
from cba.errors import InputError
from cba.evidence.handoff import (EVIDENCE_MARK, is_evidence, parameter_block, source_segments, source_text,
                                  to_parameter)
from cba.i18n import use_lang

from evidence_standin import StandInEstimate, fit, read_csv, two_period_csv

ROOT = Path(__file__).resolve().parents[2]
SE = 0.25495097567963926
LOW, HIGH = 0.3791974021855744, 1.0301362766426154


def _one(x) -> float:
    return float(np.ravel(x)[0])


@pytest.fixture
def est(tmp_path):
    return fit(read_csv(two_period_csv(tmp_path)), "accidents ~ after", exposure="months")


def test_stand_in_matches_the_closed_form(est):
    # the stand-in is only trusted because it reproduces the hand calculation
    assert est.ratio == pytest.approx(0.625, rel=1e-10)
    assert est.se_log == pytest.approx(SE, rel=1e-8)
    assert est.ci_low == pytest.approx(LOW, rel=1e-8)
    assert est.ci_high == pytest.approx(HIGH, rel=1e-8)


def test_to_parameter_hand_values(est, tmp_path):
    p = to_parameter(est, "crash_ratio", label="事故比值")
    assert isinstance(p, cba.Parameter)
    assert (p.name, p.label, p.unit) == ("crash_ratio", "事故比值", "比例")
    assert p.value == est.ratio and p.low == est.ci_low and p.high == est.ci_high
    # low/high are exp(b -+ z se) with b = log(0.625)
    assert p.low == pytest.approx(math.exp(math.log(0.625) - 1.959963984540054 * SE), rel=1e-8)
    assert p.high == pytest.approx(math.exp(math.log(0.625) + 1.959963984540054 * SE), rel=1e-8)
    assert p.distribution.kind == "lognormal"
    assert dict(p.distribution.params) == {"median": est.ratio, "sigma": est.se_log}
    assert p.has_range
    # the method on the estimate object is the same function
    assert est.to_parameter("crash_ratio", label="事故比值") == p
    assert cba.to_parameter is to_parameter
    assert to_parameter(est, "r").label == "发生率比"


def test_lognormal_quantiles_are_the_interval(est):
    p = to_parameter(est, "crash_ratio")
    q = p.distribution.ppf([0.025, 0.5, 0.975])
    np.testing.assert_allclose(q, [LOW, 0.625, HIGH], rtol=1e-8)
    from scipy import stats

    ref = stats.lognorm(s=est.se_log, scale=est.ratio)     # scipy's lognormal: median = scale, sigma = s
    u = np.array([0.001, 0.1, 0.3, 0.7, 0.9, 0.999])
    np.testing.assert_allclose(p.distribution.ppf(u), ref.ppf(u), rtol=1e-12)
    draws = p.distribution.sample(50_000, seed=3)
    assert stats.kstest(draws, ref.cdf).pvalue > 0.001
    # the share of draws inside the interval is its level, 95% (binomial SE ~0.001)
    assert np.mean((draws > LOW) & (draws < HIGH)) == pytest.approx(0.95, abs=0.005)


def test_source_records_method_formula_file_and_hash(est, tmp_path):
    sha = hashlib.sha256((tmp_path / "counts.csv").read_bytes()).hexdigest()
    s = to_parameter(est, "crash_ratio").source
    assert s.startswith(EVIDENCE_MARK) and is_evidence(s)
    assert s == (f"【数据测算】比值 0.625，95% 置信区间 0.3792–1.03，对数标准误 0.255；方法：{est.method}；"
                 "公式：accidents ~ after；效果项：after；暴露量：months（对数偏移）；数据：counts.csv，2 条记录；"
                 f"SHA-256：{sha}；分布：对数正态，中位数 = 比值，σ = 对数标准误")
    assert str(tmp_path) not in s            # the file's name, not its folder: reproducible anywhere
    assert source_text(est) == s             # no date or time: the same text every time
    # words that mark a guessed value in reports are absent
    assert "估计" not in s and "estimate" not in s.lower()
    keys = [k for k, _ in source_segments(s)]
    assert keys == ["", "方法", "公式", "效果项", "暴露量", "数据", "SHA-256", "分布"]
    assert source_segments("估计(estimate)") == []


def test_semicolons_in_the_method_do_not_break_the_record(est):
    import dataclasses

    odd = dataclasses.replace(est, method="负二项；聚类稳健\n标准误", formula=None, term=None, exposure=None,
                              data_path=None, data_sha256=None)
    segs = dict(source_segments(source_text(odd)))
    assert segs["方法"] == "负二项，聚类稳健 标准误"
    assert "公式" not in segs and segs["数据"] == "未记录文件，2 条记录" and segs["SHA-256"] == "未记录"


def test_parameter_block_round_trips_through_load_model(est, tmp_path):
    block = parameter_block(est, "crash_ratio", label="事故比值", comment="由测试生成\ncba estimate counts.csv")
    assert block.startswith("  # 由测试生成\n  # cba estimate counts.csv\n  crash_ratio:\n    value: 0.625\n")
    text = ("name: t\nhorizon: 1\ndiscount_rate: 0\nparameters:\n" + block +
            "options:\n  a:\n    flows:\n      - {name: b, kind: benefit, amount: 100 * (1 - crash_ratio), at: 1}\n")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    m = cba.load_model(tmp_path / "m.yaml")
    p, q = m.parameters["crash_ratio"], to_parameter(est, "crash_ratio", label="事故比值")
    assert (p.label, p.unit, p.source) == (q.label, q.unit, q.source)
    assert p.value == 0.625 and p.low == 0.379197 and p.high == 1.03014      # 6 significant digits
    assert dict(p.distribution.params) == {"median": 0.625, "sigma": 0.254951}
    # the parameter written back by the model is the same entry
    assert m.to_dict()["parameters"]["crash_ratio"]["distribution"] == {"kind": "lognormal", "median": 0.625,
                                                                       "sigma": 0.254951}
    # base case: benefit 100 * (1 - 0.625) = 37.5 at a zero rate
    assert _one(cba.appraise(m).results()["a"]["npv"]) == pytest.approx(37.5, abs=1e-9)


def test_monte_carlo_draws_the_ratio_lognormally(est):
    p = to_parameter(est, "crash_ratio")
    m = cba.Model.from_dict({"name": "t", "horizon": 1, "discount_rate": 0,
                             "parameters": {"crash_ratio": p.to_dict()},
                             "options": {"a": {"flows": [{"name": "b", "kind": "benefit",
                                                          "amount": "100 * (1 - crash_ratio)", "at": 1}]}}})
    sim = cba.simulate(m, n=200_000, seed=1, workers=1)
    npv = sim.npv["a"].to_numpy()
    # E[ratio] = median * exp(sigma^2 / 2) = 0.625 * exp(0.0325) = 0.6456461832149829,
    # so E[NPV] = 100 * (1 - 0.64564618) = 35.4354; SE of the mean 100 * 0.167 / sqrt(2e5) = 0.037
    assert npv.mean() == pytest.approx(35.43538167850171, abs=0.2)
    # P(ratio > high) = 2.5%: NPV below 100 * (1 - 1.0301363) = -3.01363 (SE 0.00035)
    assert np.mean(npv < 100 * (1 - HIGH)) == pytest.approx(0.025, abs=0.002)


def test_bad_estimates_are_refused(est):
    import dataclasses

    with pytest.raises(InputError, match="quantity must be 'ratio'"):
        to_parameter(est, "r", quantity="reduction")
    with pytest.raises(InputError, match="with a field ratio"):
        to_parameter(object(), "r")
    with pytest.raises(InputError, match="with a field se_log"):
        to_parameter(type("Half", (), {"ratio": 0.5})(), "r")
    with pytest.raises(InputError, match="se_log.*positive finite"):
        to_parameter(dataclasses.replace(est, se_log=0.0), "r")
    with pytest.raises(InputError, match="ratio.*positive finite"):
        to_parameter(dataclasses.replace(est, ratio=float("nan")), "r")
    with pytest.raises(InputError, match=r"interval \[1.1, 1.2\] must be positive and contain"):
        to_parameter(dataclasses.replace(est, ci_low=1.1, ci_high=1.2), "r")
    with pytest.raises(InputError, match="name"):
        to_parameter(est, "crash ratio")
    with pytest.raises(InputError, match="digits must be"):
        parameter_block(est, "r", digits=2)


def test_messages_in_chinese(est):
    with use_lang("zh"), pytest.raises(InputError) as info:
        to_parameter(est, "r", quantity="reduction")
    assert info.value.render("zh") == ("quantity：quantity 只能为 'ratio'（比值参数，服从对数正态分布）；实际为 'reduction'。"
                               "降幅请在模型公式中写作 (1 - 比值参数)")


# -- the report ------------------------------------------------------------------------------
def _kiosk_with(p):
    """The kiosk model with ``reduction`` replaced by the ratio parameter ``p`` (as in the
    second kiosk model)."""
    data = cba.load_model(ROOT / "data/minhang_kiosk.yaml").to_dict()
    params = dict(data["parameters"])
    del params["reduction"]
    params[p.name] = p.to_dict()
    data["parameters"] = params
    for o in data["options"].values():
        for f in o.get("flows", []):
            if isinstance(f.get("amount"), str):
                f["amount"] = f["amount"].replace("reduction", f"(1 - {p.name})")
    for sc in data.get("scenarios", {}).values():
        if "reduction" in sc:
            sc[p.name] = 1 - sc.pop("reduction")
    return cba.Model.from_dict(data)


def _evidence_table(block):
    tables = [i for i in block.items if i["t"] == "kv" and "crash_ratio" in i["caption"]]
    assert len(tables) == 1
    return tables[0]


def test_report_block_shows_the_estimate(est, tmp_path):
    from cba.report import AppraisalReport

    sha = hashlib.sha256((tmp_path / "counts.csv").read_bytes()).hexdigest()
    m = _kiosk_with(to_parameter(est, "crash_ratio", label="事故比值"))
    r = AppraisalReport(m, n_draws=0)
    t = _evidence_table(r.inputs())
    assert t["caption"] == "由数据测算的参数：事故比值（crash_ratio）"
    assert t["rows"] == [
        ["测算值（比值）", "0.625"],
        ["95% 置信区间", "0.3792–1.03"],               # the level is P(low < X < high) of the lognormal
        ["对应降幅（1 − 比值）", "37.5%（-3.014% 至 62.08%）"],
        ["风险分析中的分布", "对数正态，中位数 0.625，σ（对数尺度）0.255"],
        ["使用该参数的现金流量", "移动岗亭：事故减少的社会效益、移动岗亭：避免的事故"],
        ["方法", est.method], ["公式", "accidents ~ after"], ["效果项", "after"], ["暴露量", "months（对数偏移）"],
        ["数据", "counts.csv，2 条记录"], ["SHA-256", sha]]
    html = r.inputs().to_html()
    assert sha in html and "accidents ~ after" in html
    lim = r.limitations().items[1]["items"]
    assert not any("事故比值" in x and "估计或示例" in x for x in lim)     # not listed as a guess
    assert ("以下参数由统计模型从数据测算：事故比值；其置信区间只反映抽样误差，不反映数据质量、样本选择或模型设定带来的偏差。"
            in lim)
    en = AppraisalReport(m, n_draws=0, lang="en")
    rows = dict(map(tuple, _evidence_table(en.inputs())["rows"]))
    assert rows["95% confidence interval"] == "0.3792–1.03"
    assert rows["Implied reduction (1 − ratio)"] == "37.5% (-3.014% to 62.08%)"
    assert rows["Formula"] == "accidents ~ after" and rows["SHA-256"] == sha


def test_report_without_evidence_is_unchanged():
    from cba.report import AppraisalReport

    r = AppraisalReport(ROOT / "data/minhang_kiosk.yaml", n_draws=0)
    assert not [i for i in r.inputs().items if i["t"] == "kv"]


# -- the second kiosk model -------------------------------------------------------------------
def _maker():
    spec = importlib.util.spec_from_file_location("make_minhang_kiosk_estimated",
                                                  ROOT / "data/make_minhang_kiosk_estimated.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_estimated_model_is_the_base_model_with_the_block():
    mk = _maker()
    shipped = (ROOT / mk.TARGET).read_text(encoding="utf-8")
    base = (ROOT / mk.BASE).read_text(encoding="utf-8")
    assert mk.build(base, mk.block_of(shipped)) == shipped


def test_estimated_model_equals_base_model_at_the_same_reduction():
    est_model = cba.load_model(ROOT / "data/minhang_kiosk_estimated.yaml")
    base = cba.load_model(ROOT / "data/minhang_kiosk.yaml")
    p = est_model.parameters["crash_ratio"]
    assert is_evidence(p) and p.distribution.kind == "lognormal"
    assert "reduction" not in est_model.parameters
    for scenario, ratio in ((None, p.value), ("pessimistic", p.high), ("optimistic", p.low)):
        if scenario is not None:
            assert est_model.scenarios[scenario]["crash_ratio"] == ratio
        a = cba.appraise(est_model, scenario=scenario).results()["kiosk"]
        with warnings.catch_warnings():    # the interval may leave the base model's guessed 0-40% range
            warnings.simplefilter("ignore", cba.CBAWarning)
            b = cba.appraise(base, scenario=scenario, reduction=1 - ratio).results()["kiosk"]
        for k in ("npv", "bcr", "pv_costs", "pv_benefits"):
            assert _one(a[k]) == pytest.approx(_one(b[k]), rel=1e-12), (scenario, k)


def test_estimated_model_report_shows_the_block():
    from cba.report import AppraisalReport

    r = AppraisalReport(ROOT / "data/minhang_kiosk_estimated.yaml", n_draws=0)
    t = _evidence_table(r.inputs())
    rows = dict(map(tuple, t["rows"]))
    assert rows["公式"] == "accidents ~ kiosk + after + C(site)" and rows["95% 置信区间"]
    assert "数据" in rows and "SHA-256" in rows
