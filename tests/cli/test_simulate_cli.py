"""``cba simulate``: the kiosk files (YAML and Excel) give the same statistics as cba.simulate,
outputs are written atomically, bad input exits 2 without a traceback and writes nothing."""
from __future__ import annotations

import io
import json

import numpy as np
import pytest

import cba
from cba.cli import main
from cba.cli.simulate import Progress


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_kiosk_files_give_the_library_numbers(kiosk_path, suffix, capsys):
    path = kiosk_path.with_suffix(suffix)
    assert main(["simulate", str(path), "--draws", "3000", "--seed", "7", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    sim = cba.simulate(cba.load_model(kiosk_path), n=3000, seed=7)
    npv = sim.draws_of("npv", "kiosk")
    stats = out["statistics"]["kiosk"]["npv"]
    assert (out["n"], out["seed"], out["method"]) == (3000, 7, "mc")
    assert stats["mean"] == pytest.approx(float(npv.mean()), rel=1e-12)
    assert stats["sd"] == pytest.approx(float(npv.std(ddof=1)), rel=1e-9)
    assert stats["prob_below"] == float((npv < 0).mean())
    assert stats["quantiles"]["0.5"] == pytest.approx(float(np.quantile(npv, 0.5)), rel=1e-12)


def test_out_dir_holds_statistics_draws_and_figures(kiosk_path, tmp_path, capsys):
    out = tmp_path / "sim"
    assert main(["simulate", str(kiosk_path), "--draws", "500", "--seed", "1", "--method", "lhs",
                 "--out", str(out), "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "蒙特卡洛模拟：500 次抽样（拉丁超立方抽样，随机种子 1）" in text and "已写入" in text
    assert sorted(p.name for p in out.iterdir()) == ["simulation.csv", "simulation.json", "simulation_cdf.png",
                                                     "simulation_draws.csv", "simulation_histogram.png"]
    import pandas as pd

    draws = pd.read_csv(out / "simulation_draws.csv", index_col="draw")
    sim = cba.simulate(cba.load_model(kiosk_path), n=500, seed=1, method="lhs")
    np.testing.assert_allclose(draws["npv_kiosk"].to_numpy(), sim.draws_of("npv", "kiosk"), rtol=1e-12)
    np.testing.assert_allclose(draws["kiosk_price"].to_numpy(), sim.inputs["kiosk_price"].to_numpy(), rtol=1e-12)


@pytest.mark.parametrize("args, words", [
    (["--draws", "0"], "--draws: expected a whole number >= 1"),
    (["--seed", "-3"], "--seed: expected a non-negative whole number"),
    (["--set", "nope=1"], "--set nope: unknown parameter 'nope'"),
    (["--scenario", "worst"], "--scenario: unknown scenario 'worst'"),
])
def test_bad_input_exits_2_and_writes_nothing(kiosk_path, tmp_path, capsys, args, words):
    out = tmp_path / "sim"
    assert main(["simulate", str(kiosk_path), "--out", str(out), "--lang", "en", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not out.exists()


def test_progress_line_states_rate_and_time_left(monkeypatch):
    # 500 of 1,000 draws after 2 seconds: 250 draws a second, 2 seconds left
    clock = iter([100.0, 102.0, 104.0])
    monkeypatch.setattr("cba.cli.simulate.time.perf_counter", lambda: next(clock))
    stream = io.StringIO()
    p = Progress(stream, every=0.5)
    p(500, 1000)
    p(1000, 1000)
    assert stream.getvalue() == "\r50% (500/1,000 draws), 250 draws/s, 2 s left\r100% (1,000/1,000 draws), 250 draws/s, 0 s left\n"
    with cba.use_lang("zh"):
        clock = iter([0.0, 4.0])
        stream = io.StringIO()
        p = Progress(stream)
        p(100, 400)
    assert stream.getvalue() == "\r已完成 25%（100/400 次抽样），每秒 25 次，预计还需 12 秒"
