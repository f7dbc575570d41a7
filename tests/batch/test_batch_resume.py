"""A batch killed with ``kill -9`` (the whole process group: the command, its workers) and resumed.

What must hold (issue 14): the resumed run ends with every report and a consistent database
(each row once, all done); rows finished before the kill are not run again; no partial file is
left under a report's name; no kernel or worker outlives the kill; and the numbers equal those
of an uninterrupted run (each row's seed derives from the batch seed and its id). The expected
numbers are the tiny model's closed form NPV = 110 - price and numpy's generator seeded by
``cba.batch.row_seed`` (see test_batch_runner.py).
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

from cba.batch import row_seed

from batch_fixtures import folder  # noqa: F401 - fixture
from batch_runs import mini_results, write_template

pytestmark = pytest.mark.slow
N = 10


def _cba(*args, **kw):
    return [sys.executable, "-m", "cba", *args]


def _cmdline(pid: int) -> list[str]:
    import psutil

    try:
        return psutil.Process(pid).cmdline()
    except psutil.Error:
        return []


def _alive(pids) -> list[int]:
    import psutil

    return [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


def test_kill_9_mid_batch_then_resume_ends_with_every_report_and_a_consistent_database(folder):
    import psutil

    table = folder / "t.csv"
    table.write_text("id,model,price\n" + "".join(f"r{i},tiny.yaml,{20 + i}\n" for i in range(N)), encoding="utf-8")
    tpl = write_template(folder)
    out = folder / "out"
    args = ["batch", str(table), "--out", str(out), "--template", str(tpl), "--seed", "21", "--workers", "2",
            "--quiet", "--lang", "en"]
    proc = subprocess.Popen(_cba(*args), start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while len(list((out / "reports").glob("r*.provenance.json"))) < 3:          # some rows done, not all
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended before it could be killed"
        time.sleep(0.05)
    family = [proc.pid] + [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    cmdlines = {p: _cmdline(p) for p in family}
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = sorted(p.name.split(".")[0] for p in (out / "reports").glob("r*.provenance.json"))
    assert 3 <= len(done_before) < N
    time.sleep(3)                                    # kernels notice their parent is gone within ~1 s
    kernels = [p for p in family if "ipykernel_launcher" in " ".join(cmdlines[p])]
    assert len(kernels) >= 2                               # the two workers' warm kernels were running
    assert _alive([p for p in family if p != proc.pid]) == []   # workers and kernels: all gone
    con = sqlite3.connect(out / "results.sqlite")         # readable after the kill: WAL recovery
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    recorded = {r for (r,) in con.execute("SELECT row_id FROM rows WHERE status = 'ok'")}
    con.close()

    resumed = subprocess.run(_cba(*args, "--resume"), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert f"{len(recorded)} rows done with unchanged inputs are skipped" in resumed.stdout
    con = sqlite3.connect(out / "results.sqlite")
    rows = con.execute("SELECT row_id, status, npv FROM rows").fetchall()
    assert sorted(r for r, _, _ in rows) == sorted(f"r{i}" for i in range(N))     # each row once
    assert {s for _, s, _ in rows} == {"ok"}
    assert con.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1            # the same run, continued
    for rid, _, npv in rows:
        price = 20 + int(rid[1:])
        assert npv == pytest.approx(110 - price, abs=1e-12)
        got = mini_results(out, rid)
        assert got["draw_mean"] == float(np.random.default_rng(row_seed(21, rid)).normal(size=1000).mean())
        for ext in ("html", "ipynb", "provenance.json"):
            assert (out / "reports" / f"{rid}.{ext}").stat().st_size > 0
    assert not [p.name for p in (out / "reports").iterdir() if p.name.startswith(".")]   # no partial files
    for rid in recorded:                                   # done before the kill: not rendered again
        assert f"{rid}.provenance.json" in {p.name for p in (out / "reports").iterdir()}
    assert (out / "index.html").is_file() and (out / "summary.xlsx").is_file()


def test_resume_runs_again_a_row_whose_inputs_changed_and_a_row_whose_report_is_gone(folder):
    table = folder / "t.csv"
    table.write_text("id,model,price\na,tiny.yaml,10\nb,tiny.yaml,20\nc,tiny.yaml,30\n", encoding="utf-8")
    tpl = write_template(folder)
    out = folder / "out"
    base = ["batch", str(table), "--out", str(out), "--template", str(tpl), "--seed", "4", "--workers", "1",
            "--quiet", "--lang", "en"]
    assert subprocess.run(_cba(*base), capture_output=True).returncode == 0
    stamp = {r: (out / "reports" / f"{r}.provenance.json").stat().st_mtime_ns for r in "abc"}
    table.write_text("id,model,price\na,tiny.yaml,10\nb,tiny.yaml,25\nc,tiny.yaml,30\n", encoding="utf-8")
    (out / "reports" / "c.html").unlink()
    run = subprocess.run(_cba(*base, "--resume"), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "1 rows done with unchanged inputs are skipped; 2 rows to run" in run.stdout
    assert "c.html is gone" in run.stdout
    assert (out / "reports" / "a.provenance.json").stat().st_mtime_ns == stamp["a"]
    assert (out / "reports" / "b.provenance.json").stat().st_mtime_ns != stamp["b"]
    assert mini_results(out, "b")["npv"] == pytest.approx(110 - 25, abs=1e-12)
    assert (out / "reports" / "c.html").is_file()


def test_ctrl_c_stops_the_batch_at_once_and_leaves_no_worker_or_kernel(folder):
    import psutil

    table = folder / "t.csv"
    table.write_text("id,model,price\n" + "".join(f"r{i},tiny.yaml,{20 + i}\n" for i in range(N)), encoding="utf-8")
    out = folder / "out"
    proc = subprocess.Popen(_cba("batch", str(table), "--out", str(out), "--template", str(write_template(folder)),
                                 "--seed", "2", "--workers", "2", "--quiet"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 240
    while not list((out / "reports").glob("r*.provenance.json")):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    family = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.wait(60)
    assert proc.returncode == 130 and time.monotonic() - t0 < 10
    assert "Traceback" not in proc.stderr.read()
    time.sleep(2)
    assert _alive(family) == []
