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
from cba.analysis.sensitivity import INTERIOR


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
    # base; low and high ends; INTERIOR points inside each range; spider steps
    assert s.calls == 1 and s.draws == 1 + 2 * p + INTERIOR * p + k * p


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
    assert "敏感性分析" in text and "岗亭单价" in text and "1,009.82" in text
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
            "--frontier", "kiosk_price,staff_cost", "--lang", "zh")
    assert r.returncode == 0, r.stderr
    for words in ("敏感性分析", "临界点分析", "情景分析", "岗亭单价"):
        assert words in r.stdout
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "o" / "frontier.png").exists()
    assert "警告：临界点分析：在搜索范围内" in r.stderr and "warning" not in r.stderr


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


# ----------------------------------------------------------------------------- review fixes
def dip_model() -> cba.Model:
    # NPV = (k - 1.88)(k - 5.12) c: positive at both ends of k in [0, 8], negative in between
    return cba.load_model({"name": "dip", "horizon": 1, "discount_rate": 0.0,
                           "parameters": {"k": {"value": 0.5, "low": 0, "high": 8}, "c": 10},
                           "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "at": 1,
                                                        "amount": "(k - 1.88) * (k - 5.12) * c"}]}}})


def test_tornado_flags_a_dip_across_the_target_between_the_ends():
    m = dip_model()
    s = cba.sensitivity(m, steps=())
    assert s.calls == 1                                    # still one batched call
    assert s.metric_low[0] > 0 and s.metric_high[0] > 0   # both ends win ...
    assert bool(s.crosses[0])                              # ... but the NPV dips below 0 in between
    # the swing covers the lowest value seen inside the range, not only the ends
    assert s.metric_min[0] < 0 and s.metric_max[0] == pytest.approx(s.metric_high[0])
    assert s.swing[0] > abs(s.metric_high[0] - s.metric_low[0])
    # the switching values agree: two break-evens (1.88, 5.12), inside the range
    with pytest.warns(cba.MultipleSolutionsWarning):
        sv = cba.switching_values(m)
    assert sv.loc["k", "within_range"] and sv.loc["k", "n_solutions"] == 2
    frame = s.to_frame()
    assert frame.loc["k", "crosses_target"] and frame.loc["k", "metric_min"] < 0
    assert s.table("zh").iloc[0][label_of("crosses_target")]
    assert json.loads(json.dumps(s.to_dict()))["tornado"][0]["metric_min"] < 0
    # the tornado shows the range inside low..high (a line beyond the bars)
    fig = s.plot_tornado(lang="en")
    assert "Range inside low–high" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def label_of(key: str) -> str:
    from cba.i18n import label

    return label(key, "zh")


def test_monotonic_inputs_keep_the_end_to_end_swing(kiosk):
    s = cba.sensitivity(kiosk)
    assert s.swing == pytest.approx(np.abs(s.metric_high - s.metric_low), rel=1e-9)
    assert not s.crosses.any()


def test_switching_discount_rate_above_100_percent_is_the_irr(kiosk):
    # the kiosk increment pays back within months: incremental EIRR 268.6%
    irr = cba.appraise(kiosk)["kiosk", "irr"]
    assert irr > 2
    be = cba.breakeven(kiosk, "discount_rate", full_output=True)
    assert be.value == pytest.approx(irr, rel=1e-9) and be.bounds == (0.0, 10.0)
    assert cba.breakeven(kiosk, "discount_rate", bounds=(0, 5)) == pytest.approx(irr, rel=1e-9)
    with pytest.warns(cba.NoSolutionWarning):
        sv = cba.switching_values(kiosk)
    assert sv.loc["discount_rate", "switching_value"] == pytest.approx(irr, rel=1e-9)
    # and NPV at the IRR is 0 through the finance functions too
    f = cba.appraise(kiosk).flows
    net = ((f.benefits["kiosk"] - f.costs["kiosk"]) - (f.benefits["manual"] - f.costs["manual"]))[0]
    assert cba.irr(net) == pytest.approx(irr, rel=1e-9)
    assert cba.npv(cba.irr(net), net) == pytest.approx(0, abs=1e-8)


def test_typed_rates_above_one_are_still_percentages(kiosk):
    with pytest.raises(cba.InputError, match="write 0.08 for 8%"):
        cba.appraise(kiosk, discount_rate=8)


def test_cli_switching_discount_rate_above_100_percent(kiosk_path, capsys):
    assert main(["breakeven", str(kiosk_path), "--parameter", "discount_rate", "--bounds", "0", "5",
                 "--lang", "en"]) == 0
    assert "268.5920%" in capsys.readouterr().out
    assert main(["breakeven", str(kiosk_path), "--parameter", "discount_rate", "--bounds", "-1", "5"]) == 2
    assert "--bounds: discount rates must be greater than -1" in capsys.readouterr().err


def test_cli_set_rate_above_one_still_rejected(kiosk_path, capsys):
    assert main(["evaluate", str(kiosk_path), "--set", "discount_rate=8"]) == 2
    assert "write 0.08 for 8%" in capsys.readouterr().err


BROKEN = ("name: broken\nhorizon: 2\ndiscount_rate: 0.05\n"
          "parameters: {p: {value: 0, low: 0, high: 2}, q: {value: 1, low: 0.5, high: 2}}\n"
          "options: {o: {flows: [{name: c, kind: cost, amount: 1, at: 0},\n"
          "                      {name: inv, kind: benefit, amount: '1 / p + q'}]}}\n")


@pytest.mark.parametrize("command", [["sensitivity"], ["sensitivity", "--out", "{tmp}/o"],
                                     ["breakeven", "--parameter", "q"], ["breakeven", "--parameter", "p"]])
def test_cli_base_case_that_cannot_be_evaluated_exits_1(tmp_path, capsys, command):
    f = tmp_path / "broken.yaml"
    f.write_text(BROKEN, encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    assert main([args[0], str(f), *args[1:]]) == 1
    captured = capsys.readouterr()
    assert f"evaluation failed: {f}: options.o.flows[2] (inv): the formula gives inf" in captured.err
    assert "nan" not in captured.out.lower() and "internal error" not in captured.err
    assert not (tmp_path / "o").exists()
    assert main(["evaluate", str(f)]) == 1                 # the same as cba evaluate


def test_library_raises_when_the_base_case_fails(tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text(BROKEN, encoding="utf-8")
    m = cba.load_model(f)
    for call in (lambda: cba.sensitivity(m), lambda: cba.switching_values(m), lambda: cba.breakeven(m, "q"),
                 lambda: cba.two_way(m, "p", "q"), lambda: cba.compare_scenarios(m), lambda: cba.analyse(m)):
        with pytest.raises(cba.EvaluationError, match=r"options\.o\.flows\[2\] \(inv\)"):
            call()


def test_points_where_the_model_fails_away_from_the_base_are_still_skipped():
    m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.0,
                        "parameters": {"x": {"value": 3, "low": 1, "high": 6}},
                        "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": "log(x) - 1"}]}}})
    s = cba.sensitivity(m, parameters=["x"], delta=0.5)
    assert math.isfinite(s.base_metric)
    be = cba.breakeven(m, "x", full_output=True)           # log(0) at the scan's lower end
    assert be.value == pytest.approx(math.e) and be.notes and be.notes_zh


@pytest.mark.parametrize("extra,words", [
    (["--plot", "/proc/nope/t.png"], "--plot: cannot create folder '/proc/nope'"),
    (["--plot", "{tmp}"], "--plot: expected a .png"),
    (["--plot", "{tmp}/adir.png"], "--plot: '{tmp}/adir.png' is a folder"),
    (["--plot", "{tmp}/afile/t.png"], "--plot: '{tmp}/afile' exists and is not a folder"),
])
def test_cli_bad_plot_path_exits_2_and_leaves_out_untouched(kiosk_path, tmp_path, capsys, extra, words):
    out = tmp_path / "o"
    out.mkdir()
    (out / "tornado.csv").write_text("old", encoding="utf-8")
    (tmp_path / "adir.png").mkdir()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    assert main(["sensitivity", str(kiosk_path), "--out", str(out), *extra]) == 2
    assert words.replace("{tmp}", str(tmp_path)) in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["tornado.csv"]
    assert (out / "tornado.csv").read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize("target,words", [("afile", "--out: 'afile' exists and is not a folder"),
                                          ("afile/sub", "--out: cannot create folder 'afile/sub'")])
def test_cli_bad_out_path_exits_2(kiosk_path, tmp_path, capsys, monkeypatch, target, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["sensitivity", str(kiosk_path), "--out", target, "--plot", "t.png"]) == 2
    assert words in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_cli_plot_and_out_written_together(kiosk_path, tmp_path, capsys):
    assert main(["sensitivity", str(kiosk_path), "--out", str(tmp_path / "new" / "o"),
                 "--plot", str(tmp_path / "figs" / "t.svg")]) == 0
    assert (tmp_path / "figs" / "t.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (tmp_path / "new" / "o" / "tornado.png").exists()
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_notes_follow_the_language(kiosk):
    # default (Chinese) tables and summaries show Chinese notes; English on request
    with pytest.warns(cba.NoSolutionWarning):
        res = cba.analyse(kiosk, frontier=("reduction", "staff_freed"))
    zh, en = res.summary(), res.summary("en")
    # notes name parameters and options by their labels (issue 9), with the key in English
    assert "- 岗亭使用年限在 [0, 60] 内没有使移动岗亭的净现值等于 0 的取值" in zh
    assert "no value of" not in zh and "service_life" not in zh.split("说明：")[1].split("[情景分析]")[0]
    assert "- no value of 岗亭使用年限 (service_life) in [0, 60] makes 移动岗亭 npv equal 0" in en
    assert "坐标轴保持其取值区间" in zh and "keeps the plausible range" in en
    # the switching discount rate (the IRR) shows in the table, as a percentage
    assert "268.6%" in zh and "268.6%" in en
    csv_zh = res.files("zh")["switching_values.csv"]
    assert "内没有使" in csv_zh and "no value of" not in csv_zh
    assert "no value of" in res.files("en")["switching_values.csv"]
    sv = res.switching
    assert sv.loc["service_life", "note"].startswith("no value of 岗亭使用年限 (service_life)")
    assert sv.loc["service_life", "note_zh"].startswith("岗亭使用年限在 [0, 60]")
    assert res.frontier.notes_in("en") == res.frontier.notes and res.frontier.notes_in() == res.frontier.notes_zh
    # breakeven's notes and description: in the pessimistic scenario (economic view: 19.8 a year
    # net of upkeep, sets of 120) the NPV steps at a life of 6, where the replacement moves from
    # period 6 to 7: -120 - 120 x 1.08^-6 + 40 x 1.08^-10 + 19.8 a(8%, 10) = -44.23 before and
    # -38.63 after (1.08^-7): a target of -41 is jumped across
    be = cba.breakeven(kiosk, "service_life", scenario="pessimistic", target=-41, full_output=True)
    assert be.notes_in("zh") == be.notes_zh and any("跳跃越过" in n for n in be.notes_zh)
    assert any("jumps across" in n for n in be.notes_in("en"))
    from cba.analysis.breakeven import describe_breakeven

    assert "跳跃越过" in describe_breakeven(kiosk, be, "zh") and "jumps across" not in describe_breakeven(kiosk, be, "zh")
    assert "jumps across" in describe_breakeven(kiosk, be, "en")
    # the sensitivity's own notes
    m = cba.load_model({"name": "z", "horizon": 1, "discount_rate": 0.0,
                        "parameters": {"a": {"value": 0, "low": -1, "high": 1}},
                        "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": "a + 1"}]}}})
    s = cba.sensitivity(m)
    assert "蜘蛛图" in s.summary() and "no spider line" in s.summary("en") and "no spider line" not in s.summary()
    with cba.use_lang("zh"):         # the HTML view follows the current language
        assert "蜘蛛图" in s._repr_html_()
    assert "no spider line" in s._repr_html_()


def test_cli_breakeven_notes_in_chinese(kiosk_path, capsys):
    # a target the NPV jumps across at a life of 6 (see test_notes_follow_the_language)
    assert main(["breakeven", str(kiosk_path), "--parameter", "service_life", "--scenario", "pessimistic",
                 "--target", "-41", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "跳跃越过" in out and "jumps across" not in out


def test_cli_option_message_names_the_option(tmp_path, capsys):
    f = tmp_path / "two.yaml"
    f.write_text("name: two\nhorizon: 1\ndiscount_rate: 0\nparameters: {a: {value: 1, low: 0, high: 2}}\n"
                 "options: {p: {flows: [{name: b, kind: benefit, amount: a}]},\n"
                 "          q: {flows: [{name: b, kind: benefit, amount: a}]}}\n", encoding="utf-8")
    assert main(["breakeven", str(f), "--parameter", "a"]) == 2
    assert "--option: the model has 2 options" in capsys.readouterr().err
    assert main(["sensitivity", str(f)]) == 2
    assert "--option on the command line" in capsys.readouterr().err


def test_readme_break_even_section_runs(tmp_path, monkeypatch, kiosk_path):
    import re
    import shlex
    import warnings

    root = kiosk_path.parents[1]
    text = (root / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Break-even and sensitivity"):]
    section = section[:section.index("\n## ", 1)]
    python = re.findall(r"```python\n(.*?)```", section, re.S)
    bash = re.findall(r"```bash\n(.*?)```", section, re.S)
    assert python and bash
    monkeypatch.chdir(tmp_path)
    data = str(kiosk_path)
    ns: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cba.CBAWarning)
        for block in python:
            exec(compile(block.replace("data/minhang_kiosk.yaml", data), "README.md", "exec"), ns)
    assert ns["cba"].breakeven(ns["model"], "discount_rate") == pytest.approx(2.686, abs=5e-4)     # the kiosk EIRR
    for command in bash[0].replace("\\\n", " ").splitlines():
        command = re.sub(r"\[[^\]]*\]", "", command.split("#")[0]).replace("data/minhang_kiosk.yaml", data)
        args = shlex.split(command)
        assert args[0] == "cba"
        assert main(args[1:]) == 0, command
    assert (tmp_path / "tornado.png").exists() and (tmp_path / "reports" / "minhang_kiosk" / "tornado.csv").exists()
