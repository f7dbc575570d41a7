"""The command line speaks one language (issue 9, section 1): Chinese by default, English with
``--lang en``, for errors, warnings, ``cba validate``'s verdict and every printed prefix.

The expected sentences are written out here as a Chinese / English reader expects them, not
taken from the catalogue."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cba.cli import main

LAMP = {  # a street-lamp LED replacement, as the new user of issue 9 wrote it
    "name": "路灯改造",
    "horizon": 10,
    "discount_rate": 0.08,
    "parameters": {
        "led_price": {"value": 3, "low": 2, "high": 4, "label": "灯具单价", "unit": "万元"},
        "saving": {"value": 1, "low": 0.8, "high": 1.2, "label": "年节电收益", "unit": "万元"},
    },
    "options": {"led": {"label": "节能灯改造", "flows": [
        {"name": "buy", "kind": "cost", "amount": "led_price", "at": 0},
        {"name": "save", "kind": "benefit", "amount": "saving", "from": 1}]}},
}


def write(tmp_path: Path, model: dict, name: str = "lamp.yaml") -> Path:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(model, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def keys_of(model: dict) -> set[str]:
    """Every key and text value written in a model file (they stay as written in messages)."""
    out: set[str] = set()

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                out.add(str(k))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            out.add(x)

    walk(model)
    return out


def english_runs(text: str, allowed=()) -> list[str]:
    """Runs of 3+ ASCII letters in ``text`` that are not quoted ('...'), not a file name or path,
    not a command-line option (``--frontier``) or Python argument (``target=``) and not one of
    ``allowed`` (keys and values written in the model file): in Chinese output, each is a piece
    of English.

    >>> english_runs("错误：lamp.yaml：--set led_pric：应为数字，实际为 'ten'", {"led_pric"})
    []
    >>> english_runs("警告：no break-even")
    ['break', 'even']
    """
    text = re.sub(r"'[^'\n]*'", " ", text)                       # quoted keys and values
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:yaml|yml|xlsx|json|png|svg|pdf|csv|html|docx)\b", " ", text)
    text = re.sub(r"\.(?:png|svg|pdf|jpe?g|csv|json|html|docx|yaml|yml|xlsx)\b", " ", text)  # suffixes
    text = re.sub(r"--[a-z][a-z-]*", " ", text)                  # command-line options
    for word in sorted(allowed, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", " ", text)
    text = re.sub(r"\b[a-z_]+=", " ", text)                       # a Python argument (target=)
    return re.findall(r"[A-Za-z]{3,}", text)


def test_english_runs_finds_english_and_spares_file_keys():
    assert english_runs("错误：--set led_pric：应为数字", {"led_pric"}) == []
    assert english_runs("warning: breakeven: no value", set()) == ["warning", "breakeven", "value"]
    assert english_runs("参数 led_price 与 'saving'，文件 a/b.yaml", {"led_price"}) == []
    assert english_runs("净现值 npv 为 5", set()) == ["npv"]


# -- the default is Chinese; --lang en is English -------------------------------------------------
def run(*args: str, env_lang: str | None = None) -> subprocess.CompletedProcess:
    """The installed console script, with CBA_LANG removed (or set to ``env_lang``)."""
    env = {k: v for k, v in os.environ.items() if k != "CBA_LANG"}
    env["PYTHONIOENCODING"] = "utf-8"
    if env_lang:
        env["CBA_LANG"] = env_lang
    exe = Path(sys.executable).with_name("cba")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env)


def test_installed_cba_speaks_chinese_by_default(tmp_path):
    p = write(tmp_path, LAMP)
    r = run("validate", str(p))
    assert r.returncode == 0, r.stderr
    # base case + low and high ends of the two ranged parameters = 5 cases
    assert r.stdout == (f"{p}：检查通过——路灯改造：2 个参数，1 个方案，2 行现金流量，计算期 10；"
                        "已评估 5 种情形（基准情形、各情景及参数区间两端）\n")
    r = run("evaluate", str(p), "--set", "led_price=ten")
    assert r.returncode == 2
    assert r.stderr == "错误：--set led_price：应为数字，实际为 'ten'\n"
    r = run("evaluate", str(p), "--set", "led_price=ten", "--lang", "en")
    assert r.stderr == "error: --set led_price: expected a number, got 'ten'\n"
    r = run("evaluate", str(p), "--set", "led_price=ten", env_lang="en")     # CBA_LANG is the default
    assert r.stderr == "error: --set led_price: expected a number, got 'ten'\n"
    r = run("evaluate", str(p), "--set", "led_price=ten", "--lang", "zh", env_lang="en")
    assert r.stderr.startswith("错误：")


def _main(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_in_both_languages(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG")
    p = write(tmp_path, LAMP)
    code, out, _ = _main(capsys, "validate", str(p))
    assert code == 0 and "检查通过" in out and "OK" not in out
    code, out, _ = _main(capsys, "validate", str(p), "--lang", "en")
    assert out == (f"{p}: OK - 路灯改造: 2 parameters, 1 options, 2 flow lines, horizon 10; "
                   "5 cases evaluated (base, scenarios, low and high ends)\n")


def test_evaluate_errors_and_written_prefix(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG")
    p = write(tmp_path, LAMP)
    code, _, err = _main(capsys, "evaluate", str(p), "--set", "led_price")
    assert code == 2 and err == "错误：--set：应为 名称=取值，实际为 'led_price'\n"
    taken = tmp_path / "taken"
    taken.write_text("x")
    code, _, err = _main(capsys, "evaluate", str(p), "--out", str(taken))
    assert code == 2 and err == f"错误：--out：'{taken}' 已存在且不是文件夹；请给出存放结果的文件夹\n"
    code, _, err = _main(capsys, "evaluate", str(p), "--out", str(taken), "--lang", "en")
    assert err == f"error: --out: '{taken}' exists and is not a folder; give a folder for the results\n"
    code, out, _ = _main(capsys, "evaluate", str(p), "--out", str(tmp_path / "o"))
    assert code == 0 and "\n已写入：" in out and "written" not in out
    code, out, _ = _main(capsys, "evaluate", str(p), "--out", str(tmp_path / "o"), "--lang", "en")
    assert code == 0 and "\nwritten: " in out


def test_breakeven_errors_and_warnings(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG")
    p = write(tmp_path, LAMP)
    code, _, err = _main(capsys, "breakeven", str(p), "--parameter", "led_price", "--metric", "payback")
    assert code == 2 and err == ("错误：--target：'payback' 没有默认的临界水平；请用 target= 指定"
                                 "（命令行用 --target）\n")
    code, _, err = _main(capsys, "breakeven", str(p), "--parameter", "led_price", "--metric", "payback",
                         "--lang", "en")
    assert err == ("error: --target: there is no natural break-even level for 'payback'; give one with "
                   "target= (--target on the command line)\n")
    # NPV = -3 + 1 x annuity(8%, 10) = 3.71 at led_price = 3: at most 4 within [0, 1], never 0
    code, _, err = _main(capsys, "breakeven", str(p), "--parameter", "led_price", "--bounds", "0", "1")
    assert code == 0 and err.startswith("警告：盈亏平衡值：灯具单价在 [0, 1] 内没有使节能灯改造的净现值等于 0 的取值")
    assert err.rstrip().endswith("返回缺失值") and "NaN" not in err
    code, _, err = _main(capsys, "breakeven", str(p), "--parameter", "led_price", "--bounds", "0", "1",
                         "--lang", "en")
    assert err.startswith("warning: breakeven: no value of 灯具单价 (led_price) in [0, 1] makes 节能灯改造 npv equal 0")
    assert err.rstrip().endswith("NaN returned")


def test_sensitivity_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG")
    p = write(tmp_path, LAMP)
    code, _, err = _main(capsys, "sensitivity", str(p), "--plot", str(tmp_path / "t.txt"))
    assert code == 2 and err == f"错误：--plot：文件名应以 .png、.svg 或 .pdf 结尾，实际为 '{tmp_path / 't.txt'}'\n"
    code, _, err = _main(capsys, "sensitivity", str(p), "--frontier", "led_price")
    assert code == 2 and err == "错误：--frontier：应为两个参数 X,Y，实际为 'led_price'\n"
    code, _, err = _main(capsys, "sensitivity", str(p), "--frontier", "led_price", "--lang", "en")
    assert err == "error: --frontier: expected two parameters X,Y, got 'led_price'\n"


def test_report_and_reproduce_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG")
    p = write(tmp_path, LAMP)
    code, _, err = _main(capsys, "report", str(p), "--timeout", "0", "--out", str(tmp_path / "r"))
    assert code == 2 and err == "错误：--timeout：应为大于 0 的秒数，实际为 0\n"
    code, _, err = _main(capsys, "report", str(p), "-p", "n_draws=many", "--out", str(tmp_path / "r"))
    assert code == 2 and err == ("错误：-p n_draws：应为以 JSON 书写的整数（声明的默认值为 10000），"
                                 "实际为 'many'\n")
    code, _, err = _main(capsys, "report", str(p), "-p", "n_draws=many", "--out", str(tmp_path / "r"),
                         "--lang", "en")
    assert err == "error: -p n_draws: expected int written as JSON (declared default 10000), got 'many'\n"
    missing = tmp_path / "gone.provenance.json"
    code, _, err = _main(capsys, "reproduce", str(missing))
    assert code == 2 and err == f"错误：{missing}：找不到该文件\n"
    code, _, err = _main(capsys, "reproduce", str(missing), "--lang", "en")
    assert err == f"error: {missing}: no such file\n"


def test_unevaluable_model_is_reported_in_chinese_by_cba_report(tmp_path, capsys, monkeypatch):
    # issue 9, section 5: the model's fault, in the model's terms (file, flow, period, values)
    monkeypatch.delenv("CBA_LANG")
    p = tmp_path / "div.yaml"
    p.write_text("name: d\nhorizon: 2\ndiscount_rate: 0.08\nparameters: {a: {value: 0, low: 0, high: 1}}\n"
                 "options: {o: {flows: [{name: f, kind: cost, amount: '1 / a'}]}}\n", encoding="utf-8")
    code, _, err = _main(capsys, "report", str(p), "--out", str(tmp_path / "out"))
    assert code == 1 and err.startswith(f"评估失败：{p}") and "options.o.flows[1]（f）" in err
    assert "a=0" in err and "cell" not in err and "AppraisalReport" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# -- the new user's pass: typical mistakes meet no English sentence in Chinese ---------------------
def _mistakes(tmp_path):
    lamp = write(tmp_path, LAMP)
    rate8 = write(tmp_path, {**LAMP, "discount_rate": 8}, "rate8.yaml")
    typo = {**LAMP, "options": {"led": {"label": "节能灯改造", "flows": [
        {"name": "buy", "kind": "cost", "amount": "led_pric", "at": 0},
        {"name": "save", "kind": "benefit", "amount": "saving", "from": 1}]}}}
    typo_file = write(tmp_path, typo, "typo.yaml")
    return lamp, rate8, typo_file


OWN = [  # messages of cba.analysis and cba.cli
    ("breakeven", "{lamp}", "--parameter", "led_price", "--bounds", "0", "1"),     # no break-even in range
    ("breakeven", "{lamp}", "--parameter", "led_price", "--metric", "payback"),    # no natural level
    ("sensitivity", "{lamp}", "--frontier", "led_price"),
    ("sensitivity", "{lamp}", "--plot", "tornado.txt"),
    ("evaluate", "{lamp}", "--set", "led_price=八"),
    ("validate", "{lamp}"),
]
OTHERS = [  # messages of cba.model and cba.checks (issue 9, translated in another part)
    ("validate", "{rate8}"),                                   # a rate of 8 instead of 0.08
    ("evaluate", "{typo}"),                                    # a typo in a parameter name
    ("breakeven", "{lamp}", "--parameter", "led_pric"),
    ("evaluate", "{lamp}", "--set", "led_pric=3"),
    ("sensitivity", "{rate8}"),
]


@pytest.mark.parametrize("args", OWN + OTHERS,
                         ids=lambda a: " ".join(a).replace("{", "").replace("}", ""))
def test_new_user_mistakes_meet_no_english_in_chinese(args, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG")
    monkeypatch.chdir(tmp_path)
    lamp, rate8, typo = _mistakes(tmp_path)
    argv = [a.format(lamp=lamp, rate8=rate8, typo=typo) for a in args]
    main(argv)
    out = capsys.readouterr()
    allowed = keys_of(LAMP) | {"led_pric"}
    # the printed tables are bilingual by lang already; here: every message line (stderr) and the
    # verdict of validate
    text = out.err + (out.out if args[0] == "validate" else "")
    assert text.strip()
    assert english_runs(text, allowed) == [], text
