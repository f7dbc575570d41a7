"""Issue 8, section 4: spider and frontier in the report, no absolute paths in the provenance, a
report folder that reproduces elsewhere, stale outputs removed, and a model that cannot be
evaluated reported as `cba evaluate` does.

The values are checked on a small linear model whose NPV has a closed form, worked by hand:

    NPV = (a - m) / (1 + r) - c,   r = 0.1   (benefit a and upkeep m in period 1, cost c at period 0)

One report of it is rendered per module (a kernel run costs seconds) and reused.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

import cba
import cba.report
from cba.cli import main

pytestmark = pytest.mark.slow

R = 0.1
A, A_LO, A_HI = 100.0, 50.0, 200.0          # benefit in period 1
C, C_LO, C_HI = 60.0, 40.0, 150.0           # cost at period 0
M, M_LO, M_HI = 5.0, 0.0, 10.0              # upkeep in period 1
LINEAR = f"""name: linear
currency: 元
horizon: 1
discount_rate: {R}
parameters:
  a: {{value: {A}, low: {A_LO}, high: {A_HI}, label: benefit, source: test}}
  c: {{value: {C}, low: {C_LO}, high: {C_HI}, label: cost, source: test}}
  m: {{value: {M}, low: {M_LO}, high: {M_HI}, label: upkeep, source: test}}
options:
  project:
    flows:
      - {{name: benefit, kind: benefit, amount: a}}
      - {{name: upkeep, kind: cost, amount: m}}
      - {{name: cost, kind: cost, amount: c, at: 0}}
"""


def npv(a=A, c=C, m=M):
    """The closed form above (not the engine)."""
    return (a - m) / (1 + R) - c


@pytest.fixture(scope="module")
def lin(tmp_path_factory):
    root = tmp_path_factory.mktemp("lin")
    folder = root / "a"
    folder.mkdir()
    (folder / "lin.yaml").write_text(LINEAR, encoding="utf-8")
    out = cba.render_report(folder / "lin.yaml", folder / "reports", parameters={"n_draws": 0})
    return out


# -- 1. spider and frontier ---------------------------------------------------------------------
def test_spider_numbers_match_the_closed_form(lin):
    sp = lin.results["spider"]
    steps = np.array(sp["steps"])
    assert steps == pytest.approx(np.arange(-0.30, 0.301, 0.05), abs=1e-12)
    expected = {"a": [npv(a=A * (1 + s)) for s in steps], "c": [npv(c=C * (1 + s)) for s in steps],
                "m": [npv(m=M * (1 + s)) for s in steps]}
    assert set(sp["npv"]) == set(expected)
    for name, values in expected.items():
        assert sp["npv"][name] == pytest.approx(values, rel=1e-12, abs=1e-9), name


def test_frontier_is_the_default_pair_and_its_line_the_closed_form(lin):
    fr = lin.results["frontier"]
    # by hand: switching values a* = 71 (change -29%), c* = 86.4 (+44%), m* = 34 (+580%): a is
    # nearest to flipping the decision; swings c 110, m 10/1.1 = 9.1 -> the pair (a, c)
    assert (fr["x"], fr["y"]) == ("a", "c")
    # both switching values lie inside the plausible ranges (a* = 5 + 60*1.1 = 71, c* = 95/1.1),
    # so extend=True keeps the axes at the plausible ranges
    assert fr["x_range"] == [A_LO, A_HI] and fr["y_range"] == [C_LO, C_HI]
    xs, ys = np.array(fr["line"]["x"]), np.array(fr["line"]["y"])
    assert ys == pytest.approx((xs - M) / (1 + R), rel=1e-12)          # NPV = 0  <=>  c = (a - m) / 1.1
    grid_x = np.linspace(A_LO, A_HI, 41)
    inside = grid_x[(grid_x - M) / (1 + R) < C_HI - 1e-9]              # columns where c* < top of the axis
    assert set(np.round(inside, 9)) <= set(np.round(xs, 9)) and len(inside) == 32
    gx, gy = np.meshgrid(grid_x, np.linspace(C_LO, C_HI, 41))
    assert fr["share_wins"] == pytest.approx(float((npv(a=gx, c=gy) >= 0).mean()), abs=1e-12)


def test_report_shows_spider_and_frontier_with_captions(lin, tmp_path):
    html = lin["html"].read_text(encoding="utf-8")
    assert html.count("<img") == 4      # cash flows, tornado, spider, frontier (no risk: n_draws 0)
    for text in ("净现值蜘蛛图", "benefit与cost的双因素盈亏平衡图", "蜘蛛图显示各参数", "盈亏平衡线"):
        assert text in html, text
    share = f"{lin.results['frontier']['share_wins']:.2%}"
    assert f"在{share}的参数组合上净现值不低于零" in html
    from docx import Document

    assert len(Document(str(lin["docx"])).inline_shapes) == 4
    en = cba.report.AppraisalReport(lin.out_dir.parent / "lin.yaml", lang="en", n_draws=0)
    text = repr(en.spider()) + repr(en.frontier())
    assert "Spider plot of NPV" in text and "Two-way break-even frontier of benefit and cost" in text
    assert "蜘蛛" not in text and "盈亏" not in text


# -- 5. no absolute paths; reproduce from a copy ------------------------------------------------
def _strings(x):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)
    elif isinstance(x, str):
        yield x


def test_provenance_has_no_absolute_path(lin):
    prov = json.loads(lin["provenance"].read_text(encoding="utf-8"))
    assert prov["template"]["path"] == "cba:report/templates/appraisal.ipynb"
    assert prov["template"]["sha256"] == cba.model.files.file_sha256(
        Path(cba.__file__).parent / "report" / "templates" / "appraisal.ipynb")
    assert prov["model"]["path"] == "../lin.yaml"
    assert not [s for s in _strings(prov) if os.path.isabs(s) or s.startswith("~")]
    nb = lin["ipynb"].read_text(encoding="utf-8")
    for local in (str(lin.out_dir.parent), sys.executable, str(Path.home()) + "/"):
        assert local not in nb, local
    assert "model_path = 'model/lin.yaml'" in nb


def test_reproduce_from_a_copy_in_another_folder(lin, tmp_path, monkeypatch, capsys):
    copy = tmp_path / "elsewhere" / "b"
    shutil.copytree(lin.out_dir.parent, copy)
    monkeypatch.chdir(tmp_path)                       # neither the original nor the copy
    assert main(["reproduce", str(copy / "reports" / "lin.provenance.json")]) == 0
    out = capsys.readouterr().out
    assert "reproduced: all" in out and "changed" not in out


# -- 3. fewer formats over an older full report ---------------------------------------------------
def test_fewer_formats_remove_the_older_ones(lin, tmp_path, capsys):
    folder = tmp_path / "c"
    shutil.copytree(lin.out_dir.parent, folder)
    reports = folder / "reports"
    assert {p.suffix for p in reports.iterdir()} >= {".pdf", ".docx", ".html"}
    (reports / "other.pdf").write_bytes(b"not ours")            # another report's file stays
    assert main(["report", str(folder / "lin.yaml"), "--out", str(reports), "--format", "html",
                 "-p", "n_draws=0", "--lang", "zh"]) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in reports.iterdir()) == ["lin.html", "lin.ipynb", "lin.provenance.json", "other.pdf"]
    assert "已删除同名旧报告中本次未生成的文件" in printed
    assert str(reports / "lin.pdf") in printed and str(reports / "lin.docx") in printed
    prov = json.loads((reports / "lin.provenance.json").read_text(encoding="utf-8"))
    assert prov["formats"] == ["html"] and set(prov["outputs"]) == {"html", "ipynb"}


# -- 6. a model that cannot be evaluated --------------------------------------------------------
def test_unevaluable_model_is_reported_like_evaluate_before_any_kernel(tmp_path, capsys, monkeypatch):
    import cba.report.execute as ex

    def no_kernel(*a, **k):
        raise AssertionError("a kernel was started for a model that cannot be evaluated")

    monkeypatch.setattr(ex, "execute_template", no_kernel)
    p = tmp_path / "div.yaml"
    p.write_text("name: d\nhorizon: 2\ndiscount_rate: 0.08\nparameters: {a: {value: 0, low: 0, high: 1}}\n"
                 "options: {o: {flows: [{name: f, kind: cost, amount: '1 / a'}]}}\n", encoding="utf-8")
    assert main(["evaluate", str(p)]) == 1
    evaluate_err = capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["report", str(p), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    # the message cba evaluate gives for this file (tests/cli/test_cli.py), word for word
    assert err == evaluate_err == (f"evaluation failed: {p}: options.o.flows[1] (f): the formula gives inf "
                                   "in period 1 with a=0\n")
    assert "cell" not in err and not (out.exists() and any(out.iterdir()))
