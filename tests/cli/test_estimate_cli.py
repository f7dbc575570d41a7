"""``cba estimate``: summary with the reduction and its interval (zh/en), ``--json``, the parameter
entry (``--parameter``, ``--write`` atomic and never replacing a file without ``--force``), bad
input exits 2 without a traceback and writes nothing.

Two groups of tests:
* with a stand-in estimator (tests/evidence/evidence_standin.py: a statsmodels Poisson GLM with
  the contract's fields, checked there against the closed form) patched in for
  ``cba.evidence.estimate_effect``/``read_table``: the command's own behaviour, runnable now;
* with the real ``cba.evidence.estimate_effect``/``read_table`` and data/accident_panel.csv:
  skipped, naming what is missing, until the core (i12-evcore) and bayes (i12-evbayes) branches
  are merged.

Reference numbers: 40 accidents in 24 months before, 25 in 24 months after: rate ratio 0.625,
se(log) = sqrt(1/25 + 1/40), 95% interval 0.3792-1.0301 (see tests/evidence/test_handoff.py), so
the reduction is 1 - 0.625 = 37.5% with interval 1 - 1.0301 = -3.014% to 1 - 0.3792 = 62.08%.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest
import yaml

from cba.cli import main

ROOT = Path(__file__).resolve().parents[2]
if "evidence_standin" in sys.modules:      # already imported by tests/evidence
    standin = sys.modules["evidence_standin"]
else:
    _spec = importlib.util.spec_from_file_location("evidence_standin", ROOT / "tests/evidence/evidence_standin.py")
    standin = importlib.util.module_from_spec(_spec)
    sys.modules["evidence_standin"] = standin
    _spec.loader.exec_module(standin)

REDUCTION_ZH = "降幅 37.5%（95% 置信区间 -3.014% 至 62.08%）；比值 0.625（95% 置信区间 0.3792 至 1.03）"
REDUCTION_EN = ("Reduction 37.5% (95% confidence interval -3.014% to 62.08%); ratio 0.625 "
                "(95% confidence interval 0.3792 to 1.03)")


@pytest.fixture
def api(monkeypatch):
    """Patch the stand-in in for estimate_effect/read_table; count the estimator's calls."""
    calls = []

    def estimate_effect(frame, formula, **kw):
        calls.append(kw)
        return standin.fit(frame, formula, **kw)

    monkeypatch.setattr("cba.cli.estimate._api", lambda: (estimate_effect, standin.read_csv))
    return calls


@pytest.fixture
def data(tmp_path):
    return standin.two_period_csv(tmp_path)


def _run(*argv):
    return main(["estimate", *map(str, argv)])


def _base(data):
    return [data, "--formula", "accidents ~ after", "--exposure", "months"]


def test_summary_prints_the_reduction_in_chinese_and_english(api, data, capsys):
    assert _run(*_base(data), "--lang", "zh") == 0
    out = capsys.readouterr().out
    assert "stand-in Poisson GLM" in out and REDUCTION_ZH in out
    assert _run(*_base(data), "--lang", "en") == 0
    assert REDUCTION_EN in capsys.readouterr().out
    assert api == [{"exposure": "months", "family": "auto"}] * 2


def test_options_reach_the_estimator(api, tmp_path, capsys):
    two = tmp_path / "two_sites.csv"
    two.write_text("site,after,months,accidents\nA,0,24,40\nA,1,24,25\nB,0,24,30\nB,1,24,28\n", encoding="utf-8")
    assert _run(*_base(two), "--family", "poisson", "--cluster", "site", "--term", "after") == 0
    assert api == [{"exposure": "months", "family": "poisson", "cluster": "site", "term": "after"}]


def test_parameter_prints_the_model_entry(api, data, capsys):
    from cba.evidence.handoff import parameter_block

    assert _run(*_base(data), "--parameter", "crash_ratio", "--label", "事故比值", "--lang", "zh") == 0
    out = capsys.readouterr().out
    head, block = out.split("模型参数块（粘贴到模型文件的 parameters: 下）：\n")
    assert REDUCTION_ZH in head
    est = standin.fit(standin.read_csv(data), "accidents ~ after", exposure="months")
    command = (f"cba estimate {data} --formula 'accidents ~ after' --exposure months --parameter crash_ratio "
               "--label '事故比值'")      # shlex quoting
    assert block == parameter_block(est, "crash_ratio", label="事故比值",
                                    comment="由以下命令生成，请勿手改，需要时重新运行：\n" + command)
    entry = yaml.safe_load(block)["crash_ratio"]
    assert (entry["value"], entry["low"], entry["high"]) == (0.625, 0.379197, 1.03014)
    assert entry["distribution"] == {"kind": "lognormal", "median": 0.625, "sigma": 0.254951}


def test_json_carries_the_parameter(api, data, capsys):
    assert _run(*_base(data), "--parameter", "crash_ratio", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ratio"] == pytest.approx(0.625, rel=1e-10)
    assert out["parameter"]["crash_ratio"]["distribution"]["kind"] == "lognormal"
    assert out["parameter"]["crash_ratio"]["low"] == pytest.approx(0.3791974021855744, rel=1e-8)
    assert out["parameter_block"].startswith("  # ")


def test_write_is_atomic_and_refuses_to_overwrite(api, data, tmp_path, capsys):
    target = tmp_path / "block.yaml"
    assert _run(*_base(data), "--parameter", "crash_ratio", "--write", target, "--lang", "en") == 0
    out = capsys.readouterr().out
    assert REDUCTION_EN in out and f"written: {target}" in out and "crash_ratio:" not in out
    first = target.read_text(encoding="utf-8")
    assert "  crash_ratio:\n    value: 0.625\n" in first
    # again: refused before any estimation, the file untouched
    assert _run(*_base(data), "--parameter", "crash_ratio", "--label", "x", "--write", target, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert f"'{target}' exists; add --force to replace it" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == first and len(api) == 1
    # --force replaces it
    assert _run(*_base(data), "--parameter", "crash_ratio", "--label", "x", "--write", target, "--force") == 0
    assert "    label: x\n" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["block.yaml", "counts.csv"]   # no temporary files


def test_write_of_the_same_data_is_byte_identical(api, data, tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for target in (a, b):
        assert _run(*_base(data), "--parameter", "crash_ratio", "--write", target) == 0
    assert a.read_bytes() == b.read_bytes()        # no date or time in the entry


def test_write_failure_leaves_nothing(api, data, tmp_path, monkeypatch, capsys):
    def refuse(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "block.yaml"
    assert _run(*_base(data), "--parameter", "crash_ratio", "--write", target, "--lang", "en") == 1
    assert "cannot write" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counts.csv"]


@pytest.mark.parametrize("extra, where, text", [
    (["--write", "x.yaml"], "--write", "--write needs --parameter NAME"),
    (["--parameter", "crash ratio"], "--parameter", "expected a name"),
])
def test_usage_errors_exit_2_before_reading(api, data, extra, where, text, capsys):
    assert _run(*_base(data), *extra, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err and api == []


def test_write_target_problems_exit_2(api, data, tmp_path, capsys):
    assert _run(*_base(data), "--parameter", "p", "--write", tmp_path, "--lang", "en") == 2
    assert "is a folder" in capsys.readouterr().err
    assert _run(*_base(data), "--parameter", "p", "--write", tmp_path / "no" / "b.yaml", "--lang", "en") == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "no").exists() and api == []


def test_bad_formula_exits_2_naming_option_and_file(api, data, tmp_path, capsys):
    target = tmp_path / "b.yaml"
    assert _run(data, "--formula", "accidents ~ after +", "--exposure", "months", "--parameter", "p",
                "--write", target, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert f"error: {data}: --formula: the formula 'accidents ~ after +' cannot be parsed" in err
    assert "Traceback" not in err and not target.exists()
    with_zh = _run(data, "--formula", "accidents ~ nosuch", "--exposure", "months", "--lang", "zh")
    err = capsys.readouterr().err
    assert with_zh == 2 and "公式 'accidents ~ nosuch' 无法解析或无法在数据上求值" in err


def test_library_errors_name_the_option(api, data, capsys):
    assert _run(data, "--formula", "accidents ~ after", "--exposure", "month", "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "--exposure: no column 'month'" in err and "Traceback" not in err


def test_negative_count_and_missing_file_exit_2(api, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("site,after,months,accidents\nA,0,24,40\nA,1,24,-3\n", encoding="utf-8")
    assert _run(bad, "--formula", "accidents ~ after", "--exposure", "months", "--lang", "en") == 2
    assert "row 3, column 'accidents'" in capsys.readouterr().err
    assert _run(tmp_path / "none.csv", "--formula", "a ~ b", "--exposure", "m") == 2
    assert "none.csv" in capsys.readouterr().err


def test_missing_estimator_is_named(monkeypatch, data, capsys):
    import types

    monkeypatch.setitem(sys.modules, "cba.evidence", types.ModuleType("cba.evidence"))
    monkeypatch.setitem(sys.modules, "cba.evidence.effect", None)      # None: import fails
    monkeypatch.setitem(sys.modules, "cba.evidence.data", None)
    assert _run(*_base(data), "--lang", "en") == 1
    err = capsys.readouterr().err
    assert "cba.evidence.estimate_effect is missing from this version" in err and "Traceback" not in err


# -- with the real estimator and the shipped panel (pending the merge) ---------------------------
def _need(*names):
    """Skip unless cba.evidence has ``names`` (the core branch) and, for "panel", the shipped panel."""
    ev = importlib.import_module("cba.evidence")
    missing = [f"cba.evidence.{n}" for n in names if n != "panel" and not hasattr(ev, n)]
    if "panel" in names and not (ROOT / "data/accident_panel.csv").exists():
        missing.append("data/accident_panel.csv (branch i12-evbayes)")
    if missing:
        pytest.skip("pending the issue-12 merge: needs " + ", ".join(missing))


PANEL = ["data/accident_panel.csv", "--formula", "accidents ~ kiosk + after + C(site)", "--exposure", "months",
         "--cluster", "site", "--term", "kiosk"]


def test_real_estimator_matches_the_closed_form(data, capsys):
    _need("estimate_effect", "read_table")
    assert _run(*_base(data), "--family", "poisson", "--term", "after", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ratio"] == pytest.approx(0.625, rel=1e-8)
    assert out["ci_low"] == pytest.approx(0.3791974021855744, rel=1e-8)
    assert out["ci_high"] == pytest.approx(1.0301362766426154, rel=1e-8)
    assert _run(*_base(data), "--family", "poisson", "--term", "after", "--lang", "zh") == 0
    assert REDUCTION_ZH in capsys.readouterr().out


@pytest.mark.parametrize("content, argv, expect", [
    ("site,after,months,accidents\nA,0,24,40\nA,1,24,-3\n", ["--exposure", "months"], ["3", "accidents"]),
    ("site,after,months,accidents\nA,0,24,40\nA,1,24,many\n", ["--exposure", "months"], ["3", "accidents"]),
    ("site,after,months,accidents\nA,0,0,40\nA,1,24,25\n", ["--exposure", "months"], ["2", "months"]),
    ("site,after,months,accidents\nA,0,24,40\nA,1,24,25\n", ["--exposure", "month"], ["month"]),
])
def test_real_bad_data_exit_2_naming_file_row_column(tmp_path, content, argv, expect, capsys):
    _need("estimate_effect", "read_table")
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    target = tmp_path / "b.yaml"
    code = _run(bad, "--formula", "accidents ~ after", *argv, "--parameter", "p", "--write", target, "--lang", "en")
    err = capsys.readouterr().err
    assert code == 2 and "bad.csv" in err and "Traceback" not in err and not target.exists()
    for word in expect:
        assert word in err


def test_real_bad_formula_and_missing_file_exit_2(data, tmp_path, capsys):
    _need("estimate_effect", "read_table")
    assert _run(data, "--formula", "accidents ~ after +", "--exposure", "months") == 2
    assert "--formula" in capsys.readouterr().err
    assert _run(tmp_path / "none.csv", "--formula", "a ~ b", "--exposure", "m") == 2
    assert "none.csv" in capsys.readouterr().err


def test_shipped_panel_and_its_gbk_copy(tmp_path, monkeypatch, capsys):
    _need("estimate_effect", "read_table", "panel")
    monkeypatch.chdir(ROOT)
    assert _run(*PANEL, "--lang", "zh") == 0
    utf8 = capsys.readouterr().out
    assert "降幅" in utf8 and "置信区间" in utf8
    gbk = tmp_path / "accident_panel_gbk.csv"
    gbk.write_bytes((ROOT / "data/accident_panel.csv").read_text(encoding="utf-8-sig").encode("gbk"))
    assert _run(gbk, *PANEL[1:], "--lang", "zh") == 0
    line = [x for x in utf8.splitlines() if x.startswith("降幅")]
    assert line and line[0] in capsys.readouterr().out


def test_shipped_model_block_is_what_the_command_writes():
    """After the merge: fails until the lead runs ``python data/make_minhang_kiosk_estimated.py``."""
    _need("estimate_effect", "read_table", "panel")
    spec = importlib.util.spec_from_file_location("mk", ROOT / "data/make_minhang_kiosk_estimated.py")
    mk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mk)
    shipped = (ROOT / mk.TARGET).read_text(encoding="utf-8")
    fresh = mk.estimated_block()
    assert "PLACEHOLDER" not in fresh
    assert mk.block_of(shipped) == fresh, "regenerate: python data/make_minhang_kiosk_estimated.py"
    assert mk.build((ROOT / mk.BASE).read_text(encoding="utf-8"), fresh) == shipped
