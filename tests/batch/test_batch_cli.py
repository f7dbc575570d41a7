from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from cba.cli import main

from batch_fixtures import folder, write_csv  # noqa: F401 - fixtures


def test_cli_writes_a_ranked_summary_and_the_database_and_exits_1_on_a_failed_row(folder, write_csv, capsys):
    f = write_csv(folder / "b.csv", "id,model,price\nlow,tiny.yaml,100\nhigh,tiny.yaml,40\nbad,tiny.yaml,x\n", "gbk")
    out = folder / "out"
    assert main(["batch", str(f), "--no-report", "--out", str(out), "--lang", "en"]) == 1
    s = pd.read_csv(out / "summary.csv", encoding="utf-8-sig")
    # ranked by NPV: high 110 - 40 = 70 first, low 110 - 100 = 10 second, the failed row last
    assert s["ID"].tolist() == ["high", "low", "bad"] and s["Rank"].tolist()[:2] == [1, 2]
    assert s["NPV"].tolist()[:2] == pytest.approx([70.0, 10.0], abs=1e-12)
    assert "expected a number, got 'x'" in s.loc[2, "Error"]
    assert pd.read_excel(out / "summary.xlsx")["ID"].tolist() == ["high", "low", "bad"]
    con = sqlite3.connect(out / "results.sqlite")
    rows = dict(con.execute("SELECT row_id, status FROM rows").fetchall())
    assert rows == {"low": "ok", "high": "ok", "bad": "failed"}
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    printed = capsys.readouterr().out
    assert "failed: bad: row 4 (id bad), column price" in printed and "3 rows: 2 ok, 1 failed" in printed


def test_cli_exit_0_when_every_row_runs_and_2_on_a_table_error(folder, write_csv, capsys):
    good = write_csv(folder / "g.csv", "id,model,price\na,tiny.yaml,100\n")
    assert main(["batch", str(good), "--no-report", "--out", str(folder / "o1"), "--db",
                 str(folder / "elsewhere.sqlite")]) == 0
    assert (folder / "elsewhere.sqlite").is_file() and not (folder / "o1" / "results.sqlite").exists()
    bad = write_csv(folder / "t.csv", "id,model,prise\na,tiny.yaml,100\n")
    assert main(["batch", str(bad), "--no-report", "--out", str(folder / "o2"), "--lang", "en"]) == 2
    assert "did you mean 'price'" in capsys.readouterr().err
    assert not (folder / "o2" / "summary.csv").exists()
    assert main(["batch", str(good), "--out", str(folder / "o3"), "--workers", "0", "--lang", "en"]) == 2
    assert "positive whole number, got 0" in capsys.readouterr().err
    assert not (folder / "o3").exists()
    assert main(["batch", str(good), "--out", str(folder / "o4"), "--workers", "2", "--scheduler", "tcp://x:1"]) == 2
    assert not (folder / "o4").exists()
    assert main(["batch", str(good), "--out", str(folder / "o5"), "--template", str(folder / "none.ipynb")]) == 2
    assert not (folder / "o5").exists()
