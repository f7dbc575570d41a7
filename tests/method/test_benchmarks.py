"""Sector benchmarks (cba.method.benchmarks) and their sentences.

The example model has clean IRRs by construction: -1000 at t=0 and +1123 at t=1 is an IRR of
exactly 12.3% (1123 / 1000 - 1); a tax of 50 at t=1 (economic: transfer) is paid in the
financial view only, so the financial flow -1000, +1073 has an IRR of exactly 7.3%.
NPVs at 8%: ENPV = -1000 + 1123 / 1.08 = 39.8148..., FNPV = -1000 + 1073 / 1.08 = -6.4814...
"""
from __future__ import annotations

import pytest

import cba
from cba import InputError
from cba.method.benchmarks import Benchmark, check_benchmarks, compare_benchmark

SRC = "发改投资〔2006〕1325号"


def model(**benchmarks) -> cba.Model:
    return cba.load_model({
        "name": "x", "horizon": 1, "discount_rate": 0.08, "currency": "万元", "parameters": {},
        "benchmarks": benchmarks,
        "options": {"o": {"flows": [{"name": "build", "kind": "cost", "amount": "1000", "at": 0},
                                    {"name": "sales", "kind": "benefit", "amount": "1123", "at": 1},
                                    {"name": "tax", "kind": "cost", "amount": "50", "at": 1,
                                     "economic": "transfer"}]}}})


def test_sentences_zh_and_en():
    m = model(eirr={"value": 0.08, "source": SRC}, firr={"value": 0.08, "source": "行业基准（示例）"},
              enpv={"value": 0, "source": "ENPV ≥ 0"}, fnpv={"value": 0, "source": "FNPV ≥ 0"})
    c = cba.compare_views(m)
    eirr, firr, enpv, fnpv = c.benchmarks["o"]
    assert eirr.value == pytest.approx(0.123, rel=1e-9) and eirr.met and eirr.status == "met"
    assert eirr.sentence.render("zh") == f"EIRR 12.3% 高于基准收益率 8%（来源：{SRC}），达到基准"
    assert eirr.sentence.render("en") == f"EIRR 12.3% is above the benchmark rate 8% (source: {SRC}): benchmark met"
    assert firr.value == pytest.approx(0.073, rel=1e-9) and firr.met is False
    assert firr.sentence.render("zh") == "FIRR 7.3% 低于基准收益率 8%（来源：行业基准（示例）），未达到基准"
    assert firr.sentence.render("en") == ("FIRR 7.3% is below the benchmark rate 8% (source: 行业基准（示例）): "
                                          "benchmark not met")
    assert enpv.value == pytest.approx(-1000 + 1123 / 1.08) and enpv.met
    assert enpv.sentence.render("zh") == "ENPV 39.81 万元 高于基准值 0.00 万元（来源：ENPV ≥ 0），达到基准"
    assert fnpv.sentence.render("en") == ("FNPV -6.481 万元 is below the benchmark 0.00 万元 (source: FNPV ≥ 0): "
                                          "benchmark not met")
    assert f"- EIRR 12.3% 高于基准收益率 8%（来源：{SRC}），达到基准" in c.summary("zh")


def test_equal_and_close_values():
    b = Benchmark("ebcr", 1.0, "BCR ≥ 1")
    r = compare_benchmark(b, 1.0)
    assert r.met and r.sentence.render("zh") == "EBCR 1.00 等于基准值 1.00（来源：BCR ≥ 1），达到基准"
    # below by less than the shown precision: the digits that differ are shown
    r = compare_benchmark(Benchmark("eirr", 0.08, "s"), 0.0799999)
    assert r.met is False and r.sentence.render("en").startswith("EIRR 7.99999% is below the benchmark rate 8%")


def test_irr_absent_or_not_unique_is_not_compared():
    # all-positive net flow: no IRR
    r = compare_benchmark(Benchmark("eirr", 0.08, SRC), float("nan"), n_roots=0)
    assert r.met is None and r.status == "irr_absent"
    assert r.sentence.render("zh") == f"EIRR 不存在（净现金流量不改变符号），不与基准 8%（来源：{SRC}）比较"
    # Lorie-Savage pump: -1,600, +10,000, -10,000 has IRRs 25% and 400% (Brealey, Myers & Allen, ch. 5)
    m = cba.load_model({"name": "pump", "horizon": 2, "discount_rate": 0.1, "parameters": {},
                        "benchmarks": {"firr": {"value": 0.1, "source": "s"}},
                        "options": {"p": {"flows": [{"name": "a", "kind": "cost", "values": [1600], "from": 0},
                                                    {"name": "b", "kind": "benefit", "values": [10000], "from": 1},
                                                    {"name": "c", "kind": "cost", "values": [10000], "from": 2}]}}})
    (r,) = cba.compare_views(m).benchmarks["p"]
    assert r.status == "irr_multiple" and r.met is None
    assert r.sentence.render("en") == ("FIRR is not unique (2 rates), so it is not compared with the benchmark 10% "
                                       "(source: s); judge by the NPV")
    # no costs: BCR undefined
    r = compare_benchmark(Benchmark("fbcr", 1.0, "s"), float("nan"))
    assert r.status == "undefined" and "无定义" in r.sentence.render("zh")


def test_kiosk_benchmarks_in_the_report():
    from cba.report import AppraisalReport

    b = AppraisalReport("data/minhang_kiosk.yaml", n_draws=0).views()
    bullets = next(i for i in b.items if i["t"] == "ul")["items"]
    assert bullets[0].startswith("EIRR 268.6% 高于基准收益率 8%（来源：社会折现率8%") and bullets[0].endswith("达到基准")
    assert b.results["views"]["benchmarks"]["eirr"]["met"] is True
    # FNPV 620.91 and ENPV 1,009.82 side by side (tests/analysis/test_kiosk_reference.py)
    tbl = next(i for i in b.items if i["t"] == "table")
    assert tbl["rows"][0][1:] == ["620.91", "1,009.82"]


def test_round_trip_and_validation():
    b = check_benchmarks({"eirr": {"value": 0.08, "source": SRC}, "fbcr": {"value": 1, "source": "x"}})
    assert list(b) == ["eirr", "fbcr"] and b["fbcr"].view == "financial" and b["eirr"].metric == "irr"
    assert check_benchmarks(b.to_dict()) == b
    m = model(eirr={"value": 0.08, "source": SRC})
    assert cba.load_model(m.to_dict()).benchmarks == m.benchmarks


@pytest.mark.parametrize("entry,where,words", [
    ({"eir": {"value": 0.08, "source": "s"}}, "benchmarks", "unknown field 'eir' (did you mean 'eirr'?)"),
    ({"npv": {"value": 0, "source": "s"}}, "benchmarks", "unknown field 'npv'"),
    ({"eirr": 0.08}, "benchmarks.eirr", "a benchmark needs a value and its source"),
    ({"eirr": {"value": 0.08}}, "benchmarks.eirr", "source"),
    ({"eirr": {"value": 0.08, "source": "  "}}, "benchmarks.eirr.source", "cba bundles no sector rate"),
    ({"eirr": {"value": "8%", "source": "s"}}, "benchmarks.eirr.value", "expected a number"),
    ({"firr": {"value": -1.5, "source": "s"}}, "benchmarks.firr.value", "must exceed -1"),
    ({"ebcr": {"value": -1, "source": "s"}}, "benchmarks.ebcr.value", "must be >= 0"),
])
def test_benchmark_errors(entry, where, words):
    with pytest.raises(InputError) as err:
        model(**entry)
    text = err.value.render("en")
    assert text.startswith(where + ":") and words in text, text
