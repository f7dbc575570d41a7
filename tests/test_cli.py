"""The command line: exit codes, messages naming file and field, nothing written on failure."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cba.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script as a user would."""
    exe = Path(sys.executable).with_name("cba")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_validate_ok(kiosk_path):
    r = run("validate", str(kiosk_path))
    assert r.returncode == 0, r.stderr
    assert "OK" in r.stdout and "闵行区移动岗亭购置项目" in r.stdout


def test_evaluate_prints_chinese_table(kiosk_path):
    r = run("evaluate", str(kiosk_path))
    assert r.returncode == 0, r.stderr
    for words in ("净现值", "效益费用比", "内部收益率", "移动岗亭", "人工执勤"):
        assert words in r.stdout


def test_evaluate_json_and_english(kiosk_path, capsys):
    assert main(["evaluate", str(kiosk_path), "--json", "--set", "kiosk_price=15"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["inputs"]["kiosk_price"] == 15
    assert out["incremental"]["kiosk"]["vs"] == "manual"
    assert main(["evaluate", str(kiosk_path), "--lang", "en"]) == 0
    assert "NPV" in capsys.readouterr().out


def test_bad_field_exits_2_naming_file_and_field(tmp_path, kiosk_path):
    p = tmp_path / "x.yaml"
    p.write_text(kiosk_path.read_text(encoding="utf-8").replace("    low: 3\n", "    low: ten\n", 1),
                 encoding="utf-8")
    r = run("evaluate", str(p))
    assert r.returncode == 2
    assert f"{p}: parameters.kiosk_price.low: expected a number, got 'ten'" in r.stderr
    assert "Traceback" not in r.stderr
    r = run("evaluate", str(p), "--debug")
    assert "Traceback" in r.stderr


@pytest.mark.parametrize("args,words", [
    (["evaluate", "missing.yaml"], "missing.yaml: no such file"),
    (["evaluate", "{kiosk}", "--set", "kiosk_prise=3"], "unknown parameter 'kiosk_prise' (did you mean 'kiosk_price'?)"),
    (["evaluate", "{kiosk}", "--set", "kiosk_price=cheap"], "--set kiosk_price: expected a number, got 'cheap'"),
    (["evaluate", "{kiosk}", "--set", "kiosk_price"], "expected name=value"),
    (["evaluate", "{kiosk}", "--scenario", "worst"], "unknown scenario 'worst'"),
    (["evaluate", "{kiosk}", "--lang", "fr"], "invalid choice"),
    (["frobnicate"], "invalid choice"),
    ([], "a command is required"),
])
def test_usage_and_input_errors_exit_2(kiosk_path, capsys, args, words):
    args = [a.replace("{kiosk}", str(kiosk_path)) for a in args]
    try:
        code = main(args)
    except SystemExit as exc:          # argparse usage errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert words in err
    assert "Traceback" not in err


def test_evaluation_failure_exits_1_and_writes_nothing(tmp_path, capsys):
    p = tmp_path / "div.yaml"
    p.write_text("name: d\nhorizon: 2\ndiscount_rate: 0.08\nparameters: {a: 0}\n"
                 "options: {o: {flows: [{name: f, kind: cost, amount: '1 / a'}]}}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["evaluate", str(p), "--out", str(out)]) == 1
    assert f"evaluation failed: {p}: options.o.flows[0] (f): the formula gives inf" in capsys.readouterr().err
    assert not out.exists()


def test_out_writes_all_files_and_failure_keeps_good_output(tmp_path, kiosk_path, capsys):
    out = tmp_path / "out"
    assert main(["evaluate", str(kiosk_path), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["appraisal.json", "cashflows_kiosk.csv", "cashflows_manual.csv", "metrics.csv", "summary.txt"]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["evaluate", str(kiosk_path), "--out", str(out), "--set", "nope=1"]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "净现值" in (out / "metrics.csv").read_text(encoding="utf-8-sig")
