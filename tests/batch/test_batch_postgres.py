"""The results database on a real PostgreSQL server (started by tests/batch/postgres_server.py;
skipped with the reason when this machine cannot run one).

Expected values are written here: the tiny model of batch_fixtures.py has NPV = 121 / (1 + r) - 100
and BCR = 121 / (1 + r) / 100 at discount rate r (one cost of 100 now, one benefit of 121 a year
later: hand discounting), and the PostgreSQL results must equal what the SQLite default records
for the same table.
"""
from __future__ import annotations

import importlib.util
import math
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

from cba.batch.db import ROW_METRICS, done_rows, open_db, record_row, results, server_url, start_run
from cba.errors import InputError

from batch_fixtures import folder, write_csv  # noqa: F401 - fixtures
from postgres_server import pg_url, postgres_server  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
# this worktree's cba; no CBA_LANG (the suite sets it to en), so the CLI speaks its default, Chinese
ENV = {**{k: v for k, v in os.environ.items() if k != "CBA_LANG"},
       "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cba(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cba", *args], capture_output=True, text=True, env=ENV,
                          timeout=timeout, cwd=ROOT)


def test_plain_postgresql_urls_reach_the_installed_driver():
    # SQLAlchemy maps postgresql:// to psycopg2; cba ships psycopg (version 3) instead
    want = "postgresql" if importlib.util.find_spec("psycopg2") else "postgresql+psycopg"
    assert server_url("postgresql://u@h/d").drivername == want
    assert server_url("postgres://u:pw@h:5433/d").drivername == want
    assert server_url("postgres://u:pw@h:5433/d").port == 5433
    assert server_url("postgresql+pg8000://u@h/d").drivername == "postgresql+pg8000"     # as given
    assert server_url("postgresql+psycopg2://u@h/d").drivername == "postgresql+psycopg2"


def test_round_trip_on_the_server(pg_url):
    old = start_run(pg_url, seed=1, table_path="t.csv", table_sha256="ab" * 32, run_id="2026-a")
    record_row(pg_url, old, "a", inputs_hash="1" * 64, status="ok", metrics={"npv": 1.0})
    new = start_run(pg_url, seed=2)                  # started later: the latest run
    record_row(pg_url, new, "甲", inputs_hash="2" * 64, status="ok",
               metrics={"npv": 10.5, "bcr": 1.25, "irr": float("nan"), "prob_negative": 0.125},
               seconds=0.5, outputs=["out/甲.html"])
    record_row(pg_url, new, "b", inputs_hash="3" * 64, status="failed", error="第 3 行：bad")
    r = results(pg_url)
    assert r.attrs["run"] == new and r["row_id"].tolist() == ["甲", "b"]
    assert r.loc[0, "npv"] == 10.5 and r.loc[0, "bcr"] == 1.25 and r.loc[0, "prob_negative"] == 0.125
    assert math.isnan(r.loc[0, "irr"]) and r.loc[0, "seconds"] == 0.5
    assert r.loc[0, "outputs"] == ["out/甲.html"] and r.loc[1, "outputs"] == []
    assert r.loc[1, "status"] == "failed" and r.loc[1, "error"] == "第 3 行：bad" and math.isnan(r.loc[1, "npv"])
    assert int(r.loc[0, "batch_seed"]) == 2
    assert results(pg_url, run=old)["npv"].tolist() == [1.0]
    # an independent reader (psycopg itself) sees the rows on the server, NaN stored as NULL
    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT irr IS NULL, npv FROM rows WHERE row_id = '甲'").fetchone() == (True, 10.5)
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (2,)
    # recording a row again replaces it (one line per run and row)
    record_row(pg_url, new, "b", inputs_hash="3" * 64, status="ok", metrics={"npv": -2.0})
    again = results(pg_url)
    assert again["status"].tolist() == ["ok", "ok"] and again.set_index("row_id").loc["b", "npv"] == -2.0
    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT count(*) FROM rows WHERE run_id = %s", (new,)).fetchone() == (2,)
    assert done_rows(pg_url, ["1" * 64, "2" * 64, "3" * 64, "4" * 64]) == {"1" * 64, "2" * 64, "3" * 64}
    with pytest.raises(InputError):
        results(pg_url, run="nope")


def test_postgres_scheme_alias_and_an_open_database_object(pg_url):
    alias = pg_url.replace("postgresql://", "postgres://", 1)
    with open_db(alias) as db:
        run = start_run(db, seed=3)
        record_row(db, run, "x", inputs_hash="5" * 64, status="ok", metrics={"bcr": 0.75})
        assert results(db)["bcr"].tolist() == [0.75]
        assert db.journal_mode is None               # a server: no SQLite journal


WRITER = textwrap.dedent("""
    import os, sys, time
    import psycopg, sqlalchemy                       # the slow imports first: then both start together
    from cba.batch.db import open_db, record_row
    url, run, tag, n, ready, go = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
    open(ready, "w").close()
    while not os.path.exists(go):
        time.sleep(0.001)
    with open_db(url) as db:                         # both create the tables of an empty database at once
        for i in range(n):
            record_row(db, run, f"{tag}{i}", inputs_hash=f"{tag}{i}".ljust(64, "0"), status="ok",
                       metrics={"npv": i + (0.5 if tag == "p" else 0.25)})
""")


def test_two_processes_writing_at_once_leave_every_row(pg_url, tmp_path):
    # without the schema lock in open_db, two CREATE TABLE IF NOT EXISTS at once on PostgreSQL fail one
    # opener with a duplicate key in pg_type (seen in 14 of 15 tries while writing this test)
    n = 60
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, pg_url, "run-1", tag, str(n), str(tmp_path / tag),
                               str(go)], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("p", "q")]
    for _ in range(6000):                            # both ready (or one dead): then go
        if all((tmp_path / t).exists() for t in "pq") or any(p.poll() is not None for p in procs):
            break
        time.sleep(0.01)
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    start_run(pg_url, run_id="run-1")
    r = results(pg_url).set_index("row_id")
    assert len(r) == 2 * n
    assert [r.loc[f"p{i}", "npv"] for i in range(n)] == [i + 0.5 for i in range(n)]
    assert [r.loc[f"q{i}", "npv"] for i in range(n)] == [i + 0.25 for i in range(n)]


TABLE = ("id,model,discount_rate,scenario\n"
         "t10,tiny.yaml,0.1,\n"
         "t21,tiny.yaml,0.21,\n"
         "dear,tiny.yaml,0.1,dear\n"
         "k,kiosk.yaml,,\n"
         "k6,kiosk.yaml,0.06,\n"
         "bad,tiny.yaml,x,\n")


def test_cli_records_every_row_on_the_server_as_sqlite_does(pg_url, folder, write_csv):
    table = write_csv(folder / "批量.csv", TABLE)
    on_server = _cba("batch", str(table), "--no-report", "--out", str(folder / "pg"), "--db", pg_url)
    assert on_server.returncode == 1, on_server.stderr[-2000:]         # the row `bad` failed
    on_file = _cba("batch", str(table), "--no-report", "--out", str(folder / "lite"))
    assert on_file.returncode == 1, on_file.stderr[-2000:]
    assert not (folder / "pg" / "results.sqlite").exists()
    pg = results(pg_url).set_index("row_id")
    lite = results(folder / "lite" / "results.sqlite").set_index("row_id")
    assert sorted(pg.index) == sorted(["t10", "t21", "dear", "k", "k6", "bad"])
    # by hand: NPV = 121 / (1 + r) - price, BCR = 121 / (1 + r) / price
    assert pg.loc["t10", "npv"] == pytest.approx(10.0, abs=1e-9)
    assert pg.loc["t10", "bcr"] == pytest.approx(1.1, abs=1e-12)
    assert pg.loc["t21", "npv"] == pytest.approx(0.0, abs=1e-9)
    assert pg.loc["dear", "npv"] == pytest.approx(0.0, abs=1e-9)                  # price 110 at 10%
    assert pg.loc["bad", "status"] == "failed" and "x" in pg.loc["bad", "error"]
    assert (pg.loc[["t10", "t21", "dear", "k", "k6"], "status"] == "ok").all()
    # the same numbers as the SQLite default, metric by metric
    lite = lite.loc[pg.index]
    assert pg["status"].tolist() == lite["status"].tolist()
    assert pg["inputs_hash"].tolist() == lite["inputs_hash"].tolist()
    for m in ROW_METRICS:
        for row in pg.index:
            a, b = pg.loc[row, m], lite.loc[row, m]
            assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-12), (row, m)
    assert pg.loc["k", "npv"] != pg.loc["k6", "npv"]     # the kiosk override took effect on both


def test_cli_unreachable_database_exits_2_naming_the_url(folder, write_csv):
    table = write_csv(folder / "b.csv", "id,model\na,tiny.yaml\n")
    url = f"postgresql://analyst:secret@127.0.0.1:{_free_port()}/cba"      # nothing listens there
    done = _cba("batch", str(table), "--no-report", "--out", str(folder / "o"), "--db", url)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "无法连接结果数据库" in done.stderr and "postgresql://analyst:***@127.0.0.1:" in done.stderr
    assert "secret" not in done.stderr + done.stdout
    with pytest.raises(InputError) as err:                              # the same from Python, in English
        open_db(url)
    assert err.value.render("en").startswith("db: cannot open the results database postgresql://analyst:***@")
    assert "Connection refused" in err.value.render("en") and "secret" not in err.value.render("en")
