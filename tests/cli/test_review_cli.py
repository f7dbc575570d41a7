"""``cba review``: the kiosk's review files print the scores per dimension, the total, the grade and
the conclusion (Chinese by default); bad input exits 2 naming the file and the field, no traceback.

The expected scores are worked out by hand from data/kiosk_review/ (indicators.yaml, evidence.yaml,
panel.csv) and the kiosk appraisal (BCR 9.103, incremental NPV 1,009.82 万元, IRR 268.6%):

* 立项必要性 = 政策相符性 8 x 1.0 (优) + 需求迫切性 trimmed mean of (5, 5.5, 4.5) = 5
  + 公众支持度 6 x 0.78 = 4.68                                                  = 17.68
* 投入经济性 = 8 (BCR 9.10 >= 2.0) + 6 (NPV >= 0) + 6 (IRR 268.6% >= 20%)        = 20
* 绩效目标合理性 = trimmed mean of (6.5, 7, 6) = 6.5 + 6 x min(0.75 / 0.8, 1) = 5.625
  + 6 (yes)                                                                    = 18.125
* 实施方案可行性 = trimmed mean of (7, 4, 7.5) = 7 + 6 x 0.8 (良) = 4.8
  + 6 (0.5 h <= 1 h anchor)                                                     = 17.8
* 筹资合规性 = 8 (yes) + trimmed mean of (5, 4.5, 5) = 5 + 6 (0.0004 <= 0.001)    = 19
* total = 17.68 + 20 + 18.125 + 17.8 + 19 = 92.605 -> 优 (>= 90); gates BCR >= 1 and total >= 60
  pass -> 予以支持.
With ``--aggregate mean`` the expert means are 5, 6.5, 6.1667 and 4.8333: total
92.605 - (7 - 6.1667) - (5 - 4.8333) = 91.605, still 优.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cba.cli import main
from cba.i18n import use_lang

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"
REVIEW = ROOT / "data" / "kiosk_review"
ARGS = [str(KIOSK), "--indicators", str(REVIEW / "indicators.yaml"), "--evidence", str(REVIEW / "evidence.yaml"),
        "--panel", str(REVIEW / "panel.csv")]






def test_kiosk_review_prints_scores_grade_and_conclusion_in_chinese(capsys):
    assert main(["review", *ARGS, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    for dim, score in (("立项必要性", "17.68"), ("投入经济性", "20.00"), ("绩效目标合理性", "18.12"),
                       ("实施方案可行性", "17.80"), ("筹资合规性", "19.00")):
        line = next(x for x in out.splitlines() if x.startswith(dim))
        assert score in line and "20.00" in line, line
    assert "总分：92.61（满分 100.00）" in out      # 92.605, hand calculation above
    assert "等级：优" in out
    assert "评估结论：予以支持" in out


def test_chinese_is_the_default_and_english_follows_lang(capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG", raising=False)
    with use_lang("zh"):
        assert main(["review", *ARGS]) == 0
    assert "总分" in capsys.readouterr().out
    assert main(["review", *ARGS, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Total: 92.61 (out of 100.00)" in out and "Grade: excellent (优)" in out
    assert "Conclusion: Support" in out


def test_mean_aggregation_keeps_the_highest_and_lowest_scores(capsys):
    assert main(["review", *ARGS, "--aggregate", "mean", "--lang", "zh"]) == 0
    assert "总分：91.61" in capsys.readouterr().out       # 91.605, see the module docstring


def test_json_has_total_grade_and_conclusion(capsys):
    assert main(["review", *ARGS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == pytest.approx(92.605, abs=1e-9)
    assert (data["grade"], data["conclusion"]) == ("优", "support")


def test_unknown_indicator_in_the_evidence_exits_2_naming_file_and_key(tmp_path, capsys):
    ev = tmp_path / "evidence.yaml"
    ev.write_text((REVIEW / "evidence.yaml").read_text(encoding="utf-8") + "policy_fitt: 优\n", encoding="utf-8")
    args = [a if a != str(REVIEW / "evidence.yaml") else str(ev) for a in ARGS]
    assert main(["review", *args, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{ev}: policy_fitt: unknown indicator 'policy_fitt'" in err
    assert "Traceback" not in err


def test_report_renders_beside_the_printed_result(tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["review", *ARGS, "--report", "--out", str(out), "--format", "html", "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "评估报告已生成" in text
    assert sorted(p.name for p in out.iterdir()) == ["minhang_kiosk_review.html", "minhang_kiosk_review.ipynb",
                                                     "minhang_kiosk_review.provenance.json"]


# -- bad input: these run before any scoring, so they need no cba.review ---------------------
@pytest.mark.parametrize("which", ["FILE", "--evidence", "--panel"])
def test_missing_file_exits_2_naming_the_file_and_option(which, tmp_path, capsys):
    gone = str(tmp_path / "gone.yaml")
    args = list(ARGS)
    if which == "FILE":
        args[0] = gone
    else:
        args[args.index(which) + 1] = gone
    assert main(["review", *args, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{gone}: {which}: file not found" in err
    assert "Traceback" not in err


def test_missing_indicator_file_exits_2(tmp_path, capsys):
    gone = str(tmp_path / "ind.yaml")
    args = list(ARGS)
    args[args.index("--indicators") + 1] = gone
    assert main(["review", *args, "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert f"{gone}：indicators：文件不存在" in err and "Traceback" not in err


@pytest.mark.parametrize("extra, where", [(["--out", "x"], "--out"), (["--format", "html"], "--format"),
                                          (["--draws", "-1"], "--draws")])
def test_options_that_need_report_or_a_valid_value_exit_2(extra, where, capsys):
    assert main(["review", *ARGS, *extra, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err


def test_required_options_are_named(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["review", str(KIOSK)])
    assert exc.value.code == 2
    assert "--indicators" in capsys.readouterr().err


def test_a_missing_evidence_value_names_the_evidence_file(tmp_path, capsys):
    # the kiosk evidence without its cost_share entry: the error names that file and the indicator
    text = (REVIEW / "evidence.yaml").read_text(encoding="utf-8")
    kept = "\n".join(line for line in text.splitlines() if not line.startswith("cost_share:"))
    ev = tmp_path / "evidence.yaml"
    ev.write_text(kept + "\n", encoding="utf-8")
    args = [str(KIOSK), "--indicators", str(REVIEW / "indicators.yaml"), "--evidence", str(ev),
            "--panel", str(REVIEW / "panel.csv"), "--lang", "en"]
    assert main(["review", *args]) == 2
    err = capsys.readouterr().err
    assert f"{ev}: evidence.cost_share: indicator 'cost_share'" in err and "Traceback" not in err
