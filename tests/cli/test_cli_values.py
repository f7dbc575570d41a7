"""The numbers the command line prints, against closed forms computed by hand in the test.

Model: an outlay of ``capex`` now and a saving of ``saving`` at the end of each of n years, at
rate r. With A(r, n) = (1 - (1 + r)^-n) / r (present value of an annuity; PVIFA(8%, 10) =
6.7101 in present-value tables):

    NPV = -capex + saving A,  BCR = saving A / capex,  break-even saving = capex / A,
    payback = capex / saving (whole years here), IRR: the rate at which A(r, n) = capex / saving.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cba.cli import main

MODEL = """\
name: annuity
horizon: {horizon}
discount_rate: {rate}
parameters:
  capex: {{value: 100, low: 50, high: 200}}
  saving: {{value: {saving}, low: 10, high: 80}}
options:
  p:
    label: Project
    flows:
      - {{name: invest, kind: cost, amount: capex, at: 0}}
      - {{name: save, kind: benefit, amount: saving}}
scenarios:
  lean: {{saving: 15}}
"""

BASELINE_MODEL = """\
name: replace
horizon: 10
discount_rate: 0.08
baseline: old
parameters:
  capex: 100
  old_cost: 30
  new_cost: 10
options:
  old:
    label: Old
    flows:
      - {name: running, kind: cost, amount: old_cost}
  new:
    label: New
    flows:
      - {name: invest, kind: cost, amount: capex, at: 0}
      - {name: running, kind: cost, amount: new_cost}
"""


def A(r: float, n: int) -> float:
    return (1 - (1 + r) ** -n) / r


def irr_by_roots(flows) -> float:
    """The one positive real root v of sum f_t v^t (v = 1 / (1 + r)), by numpy.roots."""
    v = np.roots(np.asarray(flows, float)[::-1])
    v = v[(np.abs(v.imag) < 1e-12) & (v.real > 0)].real
    assert v.size == 1
    return float(1 / v[0] - 1)


@pytest.fixture
def annuity(tmp_path) -> Path:
    p = tmp_path / "annuity.yaml"
    p.write_text(MODEL.format(horizon=10, rate=0.08, saving=20), encoding="utf-8")
    return p


def evaluate_json(capsys, *args: str) -> dict:
    assert main(["evaluate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def hand(capex=100.0, saving=20.0, r=0.08, n=10) -> dict:
    a = A(r, n)
    # discounted payback: the first year whose cumulative PV is >= 0, interpolated within it
    cum = -capex + saving * np.cumsum((1 + r) ** -np.arange(1, n + 1.0))
    k = int(np.argmax(cum >= 0))                   # 0-based index of year k + 1
    dpay = k + -cum[k - 1] / (saving * (1 + r) ** -(k + 1)) if cum[-1] >= 0 else math.nan
    return {"pv_costs": capex, "pv_benefits": saving * a, "npv": -capex + saving * a,
            "bcr": saving * a / capex, "irr": irr_by_roots([-capex] + [saving] * n),
            "payback": capex / saving, "discounted_payback": dpay, "breakeven_year": k + 1.0}


def test_evaluate_json_metrics_by_hand(annuity, capsys):
    out = evaluate_json(capsys, str(annuity))
    got = out["standalone"]["p"]
    want = hand()
    assert want["npv"] == pytest.approx(-100 + 20 * 6.7101, abs=20 * 5e-5)    # PV tables agree
    for k, v in want.items():
        assert got[k] == pytest.approx(v, rel=1e-12), k
    # discounted payback: PVIFA(8%, 6) = 4.6229, so 6 years and (100 - 92.46) / (20 x 1.08^-7)
    assert got["discounted_payback"] == pytest.approx(6 + (100 - 20 * A(0.08, 6)) / (20 * 1.08 ** -7), rel=1e-12)


@pytest.mark.parametrize("args,over", [
    (["--set", "saving=25"], {"saving": 25.0}),
    (["--set", "capex=160", "--set", "discount_rate=0.05"], {"capex": 160.0, "r": 0.05}),
    (["--scenario", "lean"], {"saving": 15.0}),
])
def test_evaluate_json_with_overrides_and_scenarios(annuity, capsys, args, over):
    got = evaluate_json(capsys, str(annuity), *args)["standalone"]["p"]
    want = hand(**over)
    for k in ("pv_costs", "pv_benefits", "npv", "bcr", "irr", "payback"):
        assert got[k] == pytest.approx(want[k], rel=1e-12), k


def _row(stdout: str, label: str) -> list[str]:
    rows = [line.split() for line in stdout.splitlines() if line.split()[:1] == [label]]
    assert len(rows) == 1, stdout
    return rows[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_evaluate_text_prints_the_hand_values(annuity, capsys, lang):
    assert main(["evaluate", str(annuity), "--lang", lang]) == 0
    row = _row(capsys.readouterr().out, "Project")
    w = hand()
    # columns: PV costs, PV benefits, NPV, BCR, IRR, ... (money and ratios: two decimals, or four
    # significant digits where two decimals show fewer; IRR as a percentage, four significant digits)
    assert row[1:6] == [f"{w['pv_costs']:,.2f}", f"{w['pv_benefits']:,.2f}", f"{w['npv']:,.2f}",
                        f"{w['bcr']:.3f}", f"{w['irr'] * 100:.1f}%"]
    assert row[1:6] == ["100.00", "134.20", "34.20", "1.342", "15.1%"]   # 20 x 6.7101 = 134.20


def test_evaluate_incremental_against_a_baseline(tmp_path, capsys):
    # the new option saves 30 - 10 = 20 a year of running cost for an outlay of 100: the same
    # increment as the annuity model
    p = tmp_path / "replace.yaml"
    p.write_text(BASELINE_MODEL, encoding="utf-8")
    out = evaluate_json(capsys, str(p))
    inc = out["incremental"]["new"]
    w = hand()
    for k in ("pv_costs", "pv_benefits", "npv", "bcr", "irr", "payback", "discounted_payback"):
        assert inc[k] == pytest.approx(w[k], rel=1e-12), k
    assert out["standalone"]["old"]["npv"] == pytest.approx(-30 * A(0.08, 10), rel=1e-12)
    assert out["standalone"]["new"]["npv"] == pytest.approx(-100 - 10 * A(0.08, 10), rel=1e-12)
    assert main(["evaluate", str(p), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    inc_row, alone_row = [line.split() for line in text.splitlines() if line.startswith("New ")]
    assert inc_row[1:4] == ["100.00", "134.20", "34.20"]                      # incremental first
    assert alone_row[1:4] == [f"{100 + 10 * A(0.08, 10):.2f}", "0.00", f"{-100 - 10 * A(0.08, 10):.2f}"]


def test_breakeven_json_and_text_closed_form(annuity, capsys):
    # saving at which NPV = 0: capex / A(8%, 10) = 100 / 6.7101 = 14.9029
    exact = 100 / A(0.08, 10)
    assert main(["breakeven", str(annuity), "--parameter", "saving", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["found"] and out["value"] == pytest.approx(exact, rel=1e-10)
    assert out["change"] == pytest.approx((exact - 20) / 20, rel=1e-9)
    assert out["base_metric"] == pytest.approx(hand()["npv"], rel=1e-12)
    for lang, words in (("en", "Break-even value: "), ("zh", "盈亏平衡值：")):
        assert main(["breakeven", str(annuity), "--parameter", "saving", "--lang", lang]) == 0
        text = capsys.readouterr().out
        assert f"{words}{exact:.2f}" in text and f"{(exact - 20) / 20:+.1%}" in text
        assert "14.90" in text and "-25.5%" in text


def test_breakeven_discount_rate_closed_form(tmp_path, capsys):
    # two years: -100 + 60 v + 60 v^2 = 0 with v = 1 / (1 + r), so
    # v = (-60 + sqrt(60^2 + 4 x 60 x 100)) / 120 and the break-even rate (the IRR) is 1 / v - 1
    p = tmp_path / "two.yaml"
    p.write_text(MODEL.format(horizon=2, rate=0.08, saving=60), encoding="utf-8")
    v = (-60 + math.sqrt(60 ** 2 + 4 * 60 * 100)) / 120
    exact = 1 / v - 1                                                 # 13.07%
    assert main(["breakeven", str(p), "--parameter", "discount_rate", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["value"] == pytest.approx(exact, rel=1e-10)
    assert main(["breakeven", str(p), "--parameter", "discount_rate", "--lang", "en"]) == 0
    assert f"Break-even value: {exact:.4%}" in capsys.readouterr().out
    assert evaluate_json(capsys, str(p))["standalone"]["p"]["irr"] == pytest.approx(exact, rel=1e-12)


def test_console_script_prints_the_same_npv(annuity):
    # the installed `cba` entry point, as a user runs it
    exe = Path(sys.executable).with_name("cba")
    r = subprocess.run([str(exe), "evaluate", str(annuity), "--json"], capture_output=True, text=True,
                       env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["standalone"]["p"]["npv"] == pytest.approx(-100 + 20 * A(0.08, 10), rel=1e-12)
