"""``cba monitor``: warnings and budget actions of a monitoring table, JSON and --out files,
exit 2 with file/row/column and no traceback on bad input (nothing written)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from cba.cli import main

TABLE = Path(__file__).parents[2] / "data" / "portfolio" / "monitoring.csv"
HEADER = "project,period,planned_spend,actual_spend,planned_output,actual_output,self_reported,grade\n"


def test_prints_warnings_and_actions_in_chinese(capsys):
    assert main(["monitor", str(TABLE), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    # P02: 126 of 360 spent (35%), output 60%, self-reported "exceeded"; cut 50% x 360 = 180
    assert "- P02：支出执行率 35%，产出完成率 60%" in out
    assert "- 削减 P02：180（产出完成率 60%，未达目标，且支出执行率仅 35%，资金闲置；削减 50%）" in out
    assert "预警（自评与支出数据矛盾）" in out


def test_behind_and_idle_options(tmp_path, capsys):
    # 80 of 100 spent: 20% behind (not warned at 0.2, warned at 0.19); with --idle 0.9, 80% < 90%: idle
    f = tmp_path / "m.csv"
    f.write_text(HEADER + "A,1,100,80,10,10,met,良\n", encoding="utf-8")
    assert main(["monitor", str(f), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["projects"][0]["warnings"] == []
    assert main(["monitor", str(f), "--json", "--behind", "0.19", "--idle", "0.9"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["projects"][0]["warnings"] == ["spend_behind", "idle_funds", "report_contradicts_idle"]
    assert (got["behind"], got["idle"]) == (0.19, 0.9)


def test_out_writes_csv_and_json(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["monitor", str(TABLE), "--out", str(out), "--lang", "en"]) == 0
    assert "written" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["monitoring.csv", "monitoring.json"]
    frame = pd.read_csv(out / "monitoring.csv")
    assert len(frame) == 24 and frame.loc[frame["project"] == "P02", "budget action"].item() == "cut"
    assert json.loads((out / "monitoring.json").read_text(encoding="utf-8"))["projects"][1]["change"] == -180.0


def test_bad_input_exits_2_naming_file_row_column(tmp_path, capsys):
    f = tmp_path / "bad.csv"
    f.write_text(HEADER + "A,1,100,80,10,10,met,良\nA,2,100,abc,10,10,met,良\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["monitor", str(f), "--out", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{f}: row 3, column 'actual_spend': expected a number, got 'abc'" in err
    assert "Traceback" not in err and not out.exists()
    assert main(["monitor", str(tmp_path / "missing.csv")]) == 2
    assert main(["monitor", str(f), "--behind", "1.5", "--lang", "en"]) == 2
    assert "--behind: expected a share from 0 to 1, got 1.5" in capsys.readouterr().err
