from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from cba.batch.db import done_rows, inputs_hash, open_db, record_row, results, start_run
from cba.errors import InputError


def test_sqlite_file_is_in_wal_mode_with_both_tables(tmp_path):
    f = tmp_path / "r.sqlite"
    with open_db(f) as db:
        assert db.journal_mode == "wal"
    con = sqlite3.connect(f)                     # an independent reader: the mode is stored in the file
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "rows"} <= tables
    cols = [r[1] for r in con.execute("PRAGMA table_info(rows)")]
    assert cols == ["run_id", "row_id", "inputs_hash", "status", "error", "npv", "bcr", "irr", "pv_costs",
                    "pv_benefits", "prob_negative", "seconds", "outputs", "recorded"]


def test_record_and_read_back_latest_run_by_default(tmp_path):
    f = tmp_path / "r.sqlite"
    old = start_run(f, seed=1, table_path="t.csv", table_sha256="ab" * 32)
    record_row(f, old, "a", inputs_hash="1" * 64, status="ok", metrics={"npv": 1.0})
    new = start_run(f, seed=2)
    record_row(f, new, "a", inputs_hash="2" * 64, status="ok",
               metrics={"npv": 10.5, "bcr": 1.25, "irr": float("nan")}, seconds=0.5, outputs=["out/a.html"])
    record_row(f, new, "b", inputs_hash="3" * 64, status="failed", error="row 3: bad")
    r = results(f)
    assert r.attrs["run"] == new and r["row_id"].tolist() == ["a", "b"]
    assert r.loc[0, "npv"] == 10.5 and r.loc[0, "bcr"] == 1.25 and math.isnan(r.loc[0, "irr"])
    assert r.loc[0, "outputs"] == ["out/a.html"] and r.loc[1, "outputs"] == []
    assert r.loc[1, "status"] == "failed" and r.loc[1, "error"] == "row 3: bad" and math.isnan(r.loc[1, "npv"])
    assert int(r.loc[0, "batch_seed"]) == 2
    first = results(f, run=old)
    assert first["npv"].tolist() == [1.0]
    # recording a row again replaces it (one line per run and row)
    record_row(f, new, "b", inputs_hash="3" * 64, status="ok", metrics={"npv": -2.0})
    assert results(f)["status"].tolist() == ["ok", "ok"]
    with pytest.raises(InputError):
        results(f, run="nope")
    with pytest.raises(InputError):
        record_row(f, new, "c", inputs_hash="4" * 64, status="done")


def test_done_rows_are_ok_rows_of_any_run(tmp_path):
    f = tmp_path / "r.sqlite"
    run = start_run(f)
    record_row(f, run, "a", inputs_hash="a" * 64, status="ok")
    record_row(f, run, "b", inputs_hash="b" * 64, status="failed", error="x")
    assert done_rows(f, ["a" * 64, "b" * 64, "c" * 64]) == {"a" * 64}


def test_inputs_hash_is_sha256_of_the_documented_parts(tmp_path):
    m = tmp_path / "m.yaml"
    m.write_bytes(b"name: x\n")
    h = hashlib.sha256()
    for tag, data in (("model", b"name: x\n"), ("overrides", json.dumps({"a": "1.0", "b": "2.5"}).encode()),
                      ("scenario", b"dear"), ("template", b""), ("version", b"0.1.0")):
        h.update(tag.encode() + len(data).to_bytes(8, "little") + data)
    assert inputs_hash(m, {"b": 2.5, "a": 1}, scenario="dear", version="0.1.0") == h.hexdigest()
    base = inputs_hash(m, {"a": 1})
    m.write_bytes(b"name: y\n")                          # the model file changed
    assert inputs_hash(m, {"a": 1}) != base


def test_a_failed_transaction_leaves_no_partial_row(tmp_path):
    f = tmp_path / "r.sqlite"
    run = start_run(f)
    with open_db(f) as db:
        with pytest.raises(sqlite3.OperationalError):
            db._write([("DELETE FROM rows WHERE run_id = :r", {"r": run}),
                       ("INSERT INTO rows (run_id, row_id, inputs_hash, status, recorded) "
                        "VALUES (:r, 'a', 'h', 'ok', 't')", {"r": run}),
                       ("INSERT INTO no_such_table VALUES (1)", {})])
    assert results(f).empty


WRITER = textwrap.dedent("""
    import sys
    from cba.batch.db import open_db, record_row
    path, run, who = sys.argv[1:]
    with open_db(path) as db:
        for i in range(200):
            record_row(db, run, f"{who}-{i}", inputs_hash=f"{who}{i:063d}"[:64], status="ok",
                       metrics={"npv": float(i)})
""")


def test_two_writer_processes_and_a_reader_do_not_lose_rows(tmp_path):
    f = tmp_path / "r.sqlite"
    run = start_run(f)
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(f), run, who]) for who in ("p", "q")]
    seen = 0
    while any(p.poll() is None for p in procs):          # a reader meanwhile is never blocked
        seen = max(seen, len(results(f)))
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    r = results(f)
    assert len(r) == 400 and set(r["row_id"]) == {f"{w}-{i}" for w in "pq" for i in range(200)}
    assert r.groupby(r["row_id"].str[0])["npv"].sum().tolist() == [sum(range(200))] * 2   # 19900 each
    con = sqlite3.connect(f)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_sqlalchemy_url_takes_the_sqlalchemy_path(tmp_path):
    pytest.importorskip("sqlalchemy")
    # a sqlite+pysqlite URL is not 'sqlite:///': it goes through SQLAlchemy like postgresql:// would
    url = f"sqlite+pysqlite:///{tmp_path / 'sa.sqlite'}"
    with open_db(url) as db:
        assert db._engine is not None and db.journal_mode is None
        run = start_run(db, seed=3)
        record_row(db, run, "a", inputs_hash="a" * 64, status="ok", metrics={"npv": 4.5})
        r = results(db)
        assert r["npv"].tolist() == [4.5] and done_rows(db, ["a" * 64]) == {"a" * 64}
