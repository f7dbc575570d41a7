"""The batch runner with reports: warm workers, failure isolation, determinism, Dask.

Expected numbers are worked out by hand from the tiny model (batch_fixtures.TINY: NPV =
saving/1.1 - price, saving 121, so NPV = 110 - price) and from numpy's own generator seeded
with :func:`cba.batch.row_seed` (the seeds' derivation is checked against SHA-256 in
test_batch_seeds.py); the full report template is compared with ``cba.render_report`` run the
ordinary way (a fresh kernel per report).
"""
from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

from cba.batch import row_seed
from cba.batch.runner import run_batch

from batch_fixtures import folder, write_csv  # noqa: F401 - fixtures
from batch_runs import mini_results, write_template

pytestmark = pytest.mark.slow


def _expected_mean(batch_seed: int, row_id: str, n: int = 1000) -> float:
    return float(np.random.default_rng(row_seed(batch_seed, row_id)).normal(size=n).mean())


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """One batch (2 workers, 6 s timeout) with good rows among a bad value, a missing model, a
    failing cell, a killed worker and a timeout."""
    import shutil

    from batch_fixtures import KIOSK, TINY

    d = tmp_path_factory.mktemp("poisoned")
    (d / "tiny.yaml").write_text(TINY, encoding="utf-8")
    shutil.copy(KIOSK, d / "kiosk.yaml")
    table = d / "t.csv"
    table.write_text("id,model,price\n"
                     "g1,tiny.yaml,100\ng2,tiny.yaml,40\nnot_number,tiny.yaml,x\nno_model,gone.yaml,1\n"
                     "cell_fails,tiny.yaml,13\nkilled,tiny.yaml,666\ng3,tiny.yaml,50\nslow,tiny.yaml,777\n"
                     "g4,tiny.yaml,60\ng5,tiny.yaml,70\n", encoding="utf-8")
    out = d / "out"
    run = run_batch(table, out, template=write_template(d), workers=2, seed=11, timeout=6, lang="en",
                    progress=False)
    return run, out


def test_poisoned_rows_fail_alone_and_every_good_row_has_its_report(poisoned):
    run, out = poisoned
    f = run.frame.set_index("id")
    assert f["status"].to_dict() == {"g1": "ok", "g2": "ok", "not_number": "failed", "no_model": "failed",
                                     "cell_fails": "failed", "killed": "failed", "g3": "ok", "slow": "failed",
                                     "g4": "ok", "g5": "ok"}
    assert not run.ok
    assert "expected a number, got 'x'" in f.at["not_number", "error"]
    assert "does not exist" in f.at["no_model", "error"]
    assert "ValueError: poisoned row" in f.at["cell_fails", "error"]
    assert "signal SIGKILL" in f.at["killed", "error"]
    assert "6 s" in f.at["slow", "error"] or "longer than 6" in f.at["slow", "error"]
    for rid, price in {"g1": 100, "g2": 40, "g3": 50, "g4": 60, "g5": 70}.items():
        assert f.at[rid, "npv"] == pytest.approx(110 - price, abs=1e-12)          # summary metrics
        assert mini_results(out, rid)["npv"] == pytest.approx(110 - price, abs=1e-12)   # the report's own
        assert mini_results(out, rid)["draw_mean"] == _expected_mean(11, rid)
        assert (out / "reports" / f"{rid}.html").is_file()
    for rid in ("cell_fails", "killed", "slow", "not_number"):
        assert not list((out / "reports").glob(f"{rid}.*"))
    assert not list((out / "reports").glob(".*"))                                   # no temporary leftovers


def test_the_database_and_summary_list_every_row_with_its_reason(poisoned):
    run, out = poisoned
    con = sqlite3.connect(out / "results.sqlite")
    rows = {r: (s, e) for r, s, e in con.execute("SELECT row_id, status, error FROM rows")}
    assert set(rows) == set(run.frame["id"])
    assert rows["killed"][0] == "failed" and "SIGKILL" in rows["killed"][1]
    assert rows["g2"] == ("ok", None)
    outs = json.loads(con.execute("SELECT outputs FROM rows WHERE row_id = 'g2'").fetchone()[0])
    assert sorted(outs) == ["reports/g2.html", "reports/g2.ipynb", "reports/g2.provenance.json"]
    for name in ("summary.csv", "summary.xlsx", "index.html"):
        assert (out / name).is_file()
    assert "poisoned row" in run.summary("en") and "killed" in run.summary("en")


def _visible(page: str) -> list[str]:
    """The words a reader sees (no style, font, images or markup)."""
    import html
    import re

    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    words = html.unescape(page).split()
    return [w for w in words if not re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?|\d\d:\d\d:\d\d", w)]   # the time made


def _table(folder, n=6):
    lines = ["id,model,price"] + [f"p{i},tiny.yaml,{20 + 7 * i}" for i in range(n)]
    (folder / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "t.csv"


def test_the_same_numbers_with_one_and_two_workers_and_on_a_dask_localcluster(folder):
    from distributed import LocalCluster

    table, tpl = _table(folder), write_template(folder)
    runs = {}
    for label, kw in {"one": {"workers": 1}, "two": {"workers": 2}}.items():
        runs[label] = run_batch(table, folder / label, template=tpl, seed=3, progress=False, **kw)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        runs["dask"] = run_batch(table, folder / "dask", template=tpl, seed=3, progress=False, scheduler=cluster)
    for label, run in runs.items():
        assert run.ok, (label, run.failed)
        for i in range(6):
            got = mini_results(folder / label, f"p{i}")
            assert got["npv"] == pytest.approx(110 - (20 + 7 * i), abs=1e-12)
            assert got["draw_mean"] == _expected_mean(3, f"p{i}")                   # bit for bit
            assert got["seed"] == row_seed(3, f"p{i}")
        assert (folder / label / "reports" / "p5.html").is_file()
    # the cluster's workers render copies shipped to them; the provenance names the client's files
    prov = {k: json.loads((folder / k / "reports" / "p0.provenance.json").read_text(encoding="utf-8"))
            for k in runs}
    assert prov["dask"]["model"] == prov["one"]["model"] and prov["one"]["model"]["path"] == "../../tiny.yaml"
    assert prov["dask"]["template"] == prov["one"]["template"] and prov["one"]["template"]["path"] == "../../mini.ipynb"


def test_a_warm_kernel_report_equals_a_fresh_kernel_report(folder):
    """The full evaluation template: two rows rendered by a batch worker (the second after the
    first in the same kernel) against cba.render_report with a fresh kernel each."""
    import cba

    (folder / "t.csv").write_text("id,name,model,kiosk_price,staff_cost\nk1,徐汇区主干道路口移动岗亭,kiosk.yaml,11,9.5\n"
                                  "k2,,kiosk.yaml,14,8\n", encoding="utf-8")
    titles = {"k1": {"title": "徐汇区主干道路口移动岗亭事前绩效评估经济性分析报告"}, "k2": {}}   # a row's name titles its report
    run = run_batch(folder / "t.csv", folder / "b", workers=1, seed=9, n_draws=2000, progress=False, lang="zh")
    assert run.ok, run.failed
    for rid, over in {"k1": {"kiosk_price": 11, "staff_cost": 9.5}, "k2": {"kiosk_price": 14, "staff_cost": 8}}.items():
        fresh = cba.render_report(folder / "kiosk.yaml", folder / "fresh" / "reports", formats=["html"], name=rid,
                                  parameters={"overrides": over, "seed": row_seed(9, rid), "n_draws": 2000, **titles[rid]})
        warm = json.loads((folder / "b" / "reports" / f"{rid}.provenance.json").read_text(encoding="utf-8"))
        assert warm["results"] == fresh.provenance["results"]
        assert warm.get("stderr") == fresh.provenance.get("stderr")     # the same calculation notes
        a = _visible((folder / "b" / "reports" / f"{rid}.html").read_text(encoding="utf-8"))
        b = _visible(fresh.files["html"].read_text(encoding="utf-8"))
        assert a == b
    page = (folder / "b" / "reports" / "k1.html").read_text(encoding="utf-8")
    assert "<title>徐汇区主干道路口移动岗亭事前绩效评估经济性分析报告</title>" in page