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
    # base case + 2 scenarios + low and high of the 9 ranged parameters in data/minhang_kiosk.yaml
    assert "21 cases evaluated" in r.stdout


def test_validate_fails_on_a_model_that_cannot_be_evaluated(tmp_path, capsys):
    # issue 8: price / (n - 4) with n = 4 divides by zero (inf) at the base values; a scenario with
    # n = 5 is fine, the high end of q (used by log(q - 3)) gives log(0) = -inf in one more line
    p = tmp_path / "bad.yaml"
    p.write_text("name: bad\nhorizon: 2\ndiscount_rate: 0.08\n"
                 "parameters: {price: 10, n: 4, q: {value: 1, low: 0, high: 3}}\n"
                 "options: {o: {flows: [{name: unit, kind: cost, amount: 'price / (n - 4)'},\n"
                 "                      {name: ln, kind: benefit, amount: 'log(3 - q)', at: 2}]}}\n"
                 "scenarios: {more: {n: 5}}\n", encoding="utf-8")
    assert main(["validate", str(p)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.splitlines() == [
        f"evaluation failed: {p}: 4 cases evaluated: 2 problems",
        f"  {p}: options.o.flows[1] (unit): the formula gives inf in period 1 with price=10, n=4 "
        "(and in 1 more period); cases: base case, parameters.q.low (0), parameters.q.high (3)",
        f"  {p}: options.o.flows[2] (ln): the formula gives -inf in period 2 with q=3; "
        "case: parameters.q.high (3)",
    ]
    # evaluate reports the first of them, with the same words
    assert main(["evaluate", str(p)]) == 1
    assert ("options.o.flows[1] (unit): the formula gives inf in period 1 with price=10, n=4"
            in capsys.readouterr().err)


@pytest.mark.parametrize("extra, where, words", [
    ("discount_rate: [0.05, 0.08]\n", "discount_rate", "expected one discount schedule"),
    ("discount_rate: 0.08\nscenarios: {s: {price: [1, 2]}}\n", "scenarios.s.price",
     "expected a number, got a list [1, 2]: a scenario sets one value per parameter"),
])
def test_validate_refuses_lists_of_values_at_load(tmp_path, capsys, extra, where, words):
    p = tmp_path / "lists.yaml"
    p.write_text("name: l\nhorizon: 2\nparameters: {price: 10}\n"
                 "options: {o: {flows: [{name: x, kind: cost, amount: price}]}}\n" + extra, encoding="utf-8")
    assert main(["validate", str(p)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {p}: {where}: {words}")


def test_evaluate_prints_chinese_table(kiosk_path):
    r = run("evaluate", str(kiosk_path), "--lang", "zh")
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
    (["evaluate", "{kiosk}", "--set", "discount_rate=[[0,0.03],[5"],
     "--set discount_rate: expected steps written [[first_period, rate], ...]"),
    (["evaluate", "{kiosk}", "--set", "discount_rate=[0.03, 0.04"], "--set discount_rate: expected steps"),
    (["evaluate", "{kiosk}", "--out", "{kiosk}"], "--out: '{kiosk}' exists and is not a folder"),
    (["evaluate", "{kiosk}", "--out", "{kiosk}/sub"], "--out: cannot create folder '{kiosk}/sub'"),
])
def test_usage_and_input_errors_exit_2(kiosk_path, capsys, args, words):
    args = [a.replace("{kiosk}", str(kiosk_path)) for a in args]
    words = words.replace("{kiosk}", str(kiosk_path))
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
    assert f"evaluation failed: {p}: options.o.flows[1] (f): the formula gives inf" in capsys.readouterr().err
    assert not out.exists()


def test_out_writes_all_files_and_failure_keeps_good_output(tmp_path, kiosk_path, capsys):
    out = tmp_path / "out"
    assert main(["evaluate", str(kiosk_path), "--out", str(out), "--lang", "zh"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["appraisal.json", "cashflows_kiosk.csv", "cashflows_manual.csv", "metrics.csv", "summary.txt"]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["evaluate", str(kiosk_path), "--out", str(out), "--set", "nope=1"]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "净现值" in (out / "metrics.csv").read_text(encoding="utf-8-sig")


def test_no_command_lists_every_command(capsys):
    from cba.cli import build_parser

    parser = build_parser()
    commands = [n for a in parser._actions if hasattr(a, "choices") and isinstance(a.choices, dict)
                for n in a.choices]
    assert {"validate", "evaluate", "breakeven", "sensitivity"} <= set(commands)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert f"a command is required ({', '.join(commands)})" in err


def test_out_is_checked_before_computing(tmp_path, capsys):
    """A bad --out is a usage error (exit 2) found before the model is evaluated."""
    p = tmp_path / "div.yaml"        # evaluating this fails (exit 1) - but --out is wrong first
    p.write_text("name: d\nhorizon: 2\ndiscount_rate: 0.08\nparameters: {a: 0}\n"
                 "options: {o: {flows: [{name: f, kind: cost, amount: '1 / a'}]}}\n", encoding="utf-8")
    taken = tmp_path / "results.txt"
    taken.write_text("keep me", encoding="utf-8")
    assert main(["evaluate", str(p), "--out", str(taken)]) == 2
    err = capsys.readouterr().err
    assert f"error: --out: '{taken}' exists and is not a folder" in err
    assert "internal error" not in err and "evaluation failed" not in err
    assert taken.read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_out_that_cannot_be_created_exits_2(kiosk_path):
    r = run("evaluate", str(kiosk_path), "--out", "/proc/nope")
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == ["error: --out: cannot create folder '/proc/nope': No such file or directory"]
    assert r.stdout == ""                          # nothing computed or printed


def test_out_probe_leaves_nothing_behind(tmp_path, kiosk_path, capsys):
    out = tmp_path / "new" / "deeper"
    assert main(["evaluate", str(kiosk_path), "--out", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["deeper"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_write_failure_is_one_clear_line(tmp_path, kiosk_path, capsys, monkeypatch):
    import errno

    import cba.atomic

    def full_disk(out_dir, files):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.path.join(out_dir, ".metrics.csv.x.tmp"))

    monkeypatch.setattr(cba.atomic, "write_files", full_disk)
    out = tmp_path / "out"
    assert main(["evaluate", str(kiosk_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"error: --out: cannot write the results into '{out}': {os.strerror(errno.ENOSPC)}"]
    with pytest.raises(OSError):
        main(["evaluate", str(kiosk_path), "--out", str(out), "--debug"])
