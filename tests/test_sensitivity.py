"""One-way (tornado, spider), two-way and scenario analyses: each number is checked against a
separate appraisal of the same case, a closed form or a published example."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import cba
from cba.cli import main


@pytest.fixture
def kiosk(kiosk_path) -> cba.Model:
    return cba.load_model(kiosk_path)


def test_tornado_matches_separate_appraisals(kiosk):
    s = cba.sensitivity(kiosk)
    assert s.base_metric == pytest.approx(cba.appraise(kiosk)["kiosk", "npv"], rel=1e-12)
    for i, name in enumerate(s.parameters):
        p = kiosk.parameters.get(name)
        low, high = (p.low, p.high) if p else kiosk.discount_range
        assert (s.low[i], s.high[i]) == (low, high)
        a = cba.appraise(kiosk, **{name: [low, high]}).incremental["kiosk"]["npv"]
        assert (s.metric_low[i], s.metric_high[i]) == pytest.approx(tuple(a), rel=1e-12)


def test_tornado_is_sorted_by_swing_and_includes_the_discount_rate(kiosk):
    s = cba.sensitivity(kiosk)
    assert set(s.parameters) == set(kiosk.uncertain) | {"discount_rate"}
    assert np.all(np.diff(s.swing) <= 0)
    frame = s.to_frame()
    assert list(frame.index) == list(s.parameters)
    assert frame["swing"].to_numpy() == pytest.approx(np.abs(frame["metric_high"] - frame["metric_low"]))


def test_one_batched_evaluation(kiosk):
    s = cba.sensitivity(kiosk)
    p, k = len(s.parameters), len(s.steps)
    assert s.calls == 1 and s.draws == 1 + 2 * p + k * p


def test_spider_passes_through_the_base_and_is_linear_for_a_linear_input(kiosk):
    s = cba.sensitivity(kiosk)
    frame = s.spider_frame()
    assert frame.loc[0.0].to_numpy() == pytest.approx(np.full(len(s.parameters), s.base_metric))
    # NPV is linear in the kiosk price (see test_breakeven): equal steps, equal differences
    line = frame["kiosk_price"].to_numpy()
    assert np.diff(line) == pytest.approx(np.full(len(line) - 1, np.diff(line)[0]), rel=1e-9)
    # -30% .. +30% by 5%
    assert frame.index.to_numpy() == pytest.approx(np.round(np.arange(-0.3, 0.301, 0.05), 2))


def test_delta_mode_plus_minus_ten_percent(kiosk):
    s = cba.sensitivity(kiosk, parameters=["kiosk_price", "discount_rate"], delta=0.1)
    i = s.parameters.index("kiosk_price")
    assert (s.low[i], s.high[i]) == pytest.approx((9.0, 11.0))
    a = cba.appraise(kiosk, discount_rate=[0.072, 0.088]).incremental["kiosk"]["npv"]
    j = s.parameters.index("discount_rate")
    assert (s.metric_low[j], s.metric_high[j]) == pytest.approx(tuple(a), rel=1e-12)
    assert s.ranges == "±10%"


def test_sensitivity_errors(kiosk):
    with pytest.raises(cba.InputError, match="no low/high range"):
        cba.sensitivity(kiosk, parameters=["n_posts"])
    with pytest.raises(cba.InputError, match="unknown parameter 'price'"):
        cba.sensitivity(kiosk, parameters=["price"])
    with pytest.raises(cba.InputError, match="between 0 and 1"):
        cba.sensitivity(kiosk, delta=10)


def test_summary_html_and_json(kiosk):
    s = cba.sensitivity(kiosk)
    text = s.summary()
    assert "敏感性分析" in text and "岗亭单价" in text and "1,154.76" in text
    assert "Sensitivity analysis" in s.summary("en")
    assert "<table" in s._repr_html_()
    d = json.loads(json.dumps(s.to_dict()))
    assert d["tornado"][0]["parameter"] == s.parameters[0]


# ----------------------------------------------------------------------------- two-way
def test_two_way_grid_matches_appraisals(kiosk):
    g = cba.two_way(kiosk, "kiosk_price", "staff_cost", n=(4, 3))
    assert g.values.shape == (3, 4) and g.calls == 1
    gx, gy = np.meshgrid(g.x_values, g.y_values)
    a = cba.appraise(kiosk, kiosk_price=gx.ravel(), staff_cost=gy.ravel()).incremental["kiosk"]["npv"]
    assert g.values.ravel() == pytest.approx(a, rel=1e-12)
    assert (g.x_values[0], g.x_values[-1], g.y_values[0], g.y_values[-1]) == (3, 20, 5, 16)
    assert g.share_wins == 1.0 and g.frontier().empty       # kiosks win in the whole plausible box
    assert "所示范围内无盈亏平衡线" in g.summary()


def test_two_way_frontier_is_the_break_even_line(kiosk):
    # NPV is linear in price and in staff cost, so along each column the interpolated crossing is
    # exact: every frontier point has NPV = 0; and at staff cost 12 it is the one-way break-even.
    g = cba.two_way(kiosk, "kiosk_price", "staff_cost", x_range=(0, 250), y_range=(0, 24), n=(26, 25))
    fr = g.frontier()
    assert len(fr) > 5
    a = cba.appraise(kiosk, kiosk_price=fr["x"].to_numpy(), staff_cost=fr["y"].to_numpy())
    assert a.incremental["kiosk"]["npv"] == pytest.approx(np.zeros(len(fr)), abs=1e-8)
    assert 0 < g.share_wins < 1
    assert g.wins[g.y_values.searchsorted(12), 0]            # cheap kiosks win at the base staff cost


def test_two_way_extend_takes_in_the_switching_value(kiosk):
    g = cba.two_way(kiosk, "kiosk_price", "staff_cost", extend=True)
    sv = cba.breakeven(kiosk, "kiosk_price")
    assert g.x_values[0] == 3 and g.x_values[-1] > sv
    assert (g.y_values[0], g.y_values[-1]) == (5, 16)          # no switching staff cost >= 0
    assert any("widened" in n for n in g.notes) and not g.frontier().empty


def test_two_way_errors(kiosk):
    with pytest.raises(cba.InputError, match="two different inputs"):
        cba.two_way(kiosk, "kiosk_price", "kiosk_price")
    with pytest.raises(cba.InputError, match="no low/high range"):
        cba.two_way(kiosk, "n_posts", "kiosk_price")
    with pytest.raises(cba.InputError, match="low < high"):
        cba.two_way(kiosk, "kiosk_price", "staff_cost", x_range=(5, 1))


def test_two_way_over_the_discount_rate(kiosk):
    g = cba.two_way(kiosk, "discount_rate", "kiosk_price", n=3)
    # middle row: the price halfway through 3..20, i.e. 11.5
    a = cba.appraise(kiosk, kiosk_price=11.5, discount_rate=[0.06, 0.08, 0.10]).incremental["kiosk"]["npv"]
    assert g.values[1] == pytest.approx(a, rel=1e-12)
    assert g.x_values == pytest.approx([0.06, 0.08, 0.10])


# ----------------------------------------------------------------------------- scenarios
def test_compare_scenarios_matches_appraisals(kiosk):
    frame = cba.compare_scenarios(kiosk)
    assert list(frame.index) == ["base", "pessimistic", "optimistic"]
    for name in frame.index:
        a = cba.appraise(kiosk, scenario=None if name == "base" else name)
        for metric in ("npv", "bcr", "pv_costs", "payback"):
            expected = a["kiosk", metric]
            got = frame.loc[name, metric]
            assert (math.isnan(expected) and math.isnan(got)) or got == pytest.approx(expected, rel=1e-12)
    assert frame.loc["pessimistic", "changes"].startswith("kiosk_price=20, service_life=5")
    zh = cba.compare_scenarios(kiosk, lang="zh")
    assert "基准情景" in zh.index and "净现值" in zh.columns


def test_compare_scenarios_with_discount_rates():
    # Scenarios may set the rate: constant rates go into one batch, a schedule is evaluated apart.
    m = cba.load_model({"name": "x", "horizon": 40, "discount_rate": 0.08,
                        "parameters": {"s": {"value": 10, "low": 5, "high": 15}},
                        "options": {"o": {"flows": [{"name": "c", "kind": "cost", "amount": 100, "at": 0},
                                                    {"name": "b", "kind": "benefit", "amount": "s"}]}},
                        "scenarios": {"low_rate": {"discount_rate": 0.035},
                                      "uk": {"discount_rate": "green_book", "s": 12}}})
    frame = cba.compare_scenarios(m, metrics=["npv"])
    for name in ("low_rate", "uk"):
        assert frame.loc[name, "npv"] == pytest.approx(cba.appraise(m, scenario=name)["o", "npv"], rel=1e-12)
    assert frame.loc["base", "npv"] == pytest.approx(-100 + 10 * (1 - 1.08 ** -40) / 0.08, rel=1e-12)


# ----------------------------------------------------------------------------- everything, and the CLI
def test_analyse_and_write(kiosk, tmp_path):
    with pytest.warns(cba.NoSolutionWarning):
        res = cba.analyse(kiosk, frontier=("kiosk_price", "staff_cost"))
    written = res.write(tmp_path / "out")
    names = {p.name for p in written}
    assert {"switching_values.csv", "tornado.csv", "scenarios.csv", "tornado.png", "spider.png",
            "frontier.png", "sensitivity.json"} <= names
    assert (tmp_path / "out" / "tornado.png").read_bytes()[:4] == b"\x89PNG"
    csv = (tmp_path / "out" / "switching_values.csv").read_text(encoding="utf-8-sig")
    assert "临界点" in csv and "岗亭单价" in csv
    assert json.loads((tmp_path / "out" / "sensitivity.json").read_text())["frontier"]["x"] == "kiosk_price"


def run(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("cba")
    return subprocess.run([str(exe), *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_cli_sensitivity_text_plot_and_out(kiosk_path, tmp_path):
    r = run("sensitivity", str(kiosk_path), "--plot", str(tmp_path / "t.png"), "--out", str(tmp_path / "o"),
            "--frontier", "kiosk_price,staff_cost")
    assert r.returncode == 0, r.stderr
    for words in ("敏感性分析", "临界点分析", "情景分析", "岗亭单价"):
        assert words in r.stdout
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "o" / "frontier.png").exists()
    assert "warning: switching_values: no break-even" in r.stderr


def test_cli_sensitivity_json_english(kiosk_path, capsys):
    assert main(["sensitivity", str(kiosk_path), "--json", "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sensitivity"]["option"] == "kiosk"
    assert {r["parameter"] for r in out["switching_values"]} == set(cba.load_model(kiosk_path).uncertain) | {"discount_rate"}


@pytest.mark.parametrize("args,words", [
    (["--frontier", "kiosk_price,kiosk_prise"], "--frontier: unknown parameter 'kiosk_prise'"),
    (["--frontier", "kiosk_price"], "--frontier: expected two parameters"),
    (["--plot", "{tmp}/t.txt"], "--plot: expected a .png"),
    (["--option", "bus"], "--option: unknown option 'bus'"),
])
def test_cli_sensitivity_bad_input_writes_nothing(kiosk_path, tmp_path, capsys, args, words):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = tmp_path / "o"
    assert main(["sensitivity", str(kiosk_path), "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not out.exists() and not (tmp_path / "t.txt").exists()
