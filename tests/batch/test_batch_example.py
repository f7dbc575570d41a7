"""The SYNTHETIC batch example data/batch/: reproduced by its script, readable, and evaluated like cba.appraise."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import numpy as np
import pytest

import cba
from cba.batch import evaluate_rows, read_batch
from cba.batch.review_rows import review_row

from batch_fixtures import KIOSK, ROOT

DATA = ROOT / "data" / "batch"
SCRIPT = DATA / "make_kiosk_districts.py"
TABLE = DATA / "kiosk_districts.csv"
PARAMS = ("n_posts", "accidents", "staff_cost", "kiosk_price", "reduction")


def _check(out) -> int:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", "--out", str(out)], capture_output=True).returncode


def test_the_committed_files_are_what_the_script_writes(tmp_path):
    assert _check(DATA) == 0
    shutil.copytree(DATA, tmp_path / "copy")
    text = (tmp_path / "copy" / "kiosk_districts.csv").read_text(encoding="utf-8")
    (tmp_path / "copy" / "kiosk_districts.csv").write_text(text.replace(",41,", ",42,", 1), encoding="utf-8")
    assert _check(tmp_path / "copy") == 1                     # --check notices a changed byte


@pytest.fixture(scope="module")
def table():
    return read_batch(TABLE)


def test_every_row_reads_without_error(table):
    assert len(table.rows) >= 40 and table.errors == ()
    ids = [r.id for r in table.rows]
    assert len(set(ids)) == len(ids)
    assert all(r.name and r.indicators is not None and r.evidence is not None for r in table.rows)
    assert len(table.models) == 1 and next(iter(table.models)) == KIOSK.resolve()
    assert set(table.columns) == set(PARAMS)


def _raw_rows():
    """The table read with the csv module: an independent path to each row's overrides."""
    with open(TABLE, encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def test_no_report_evaluation_equals_cba_appraise(table):
    out = evaluate_rows(table).set_index("id")
    assert (out["status"] == "ok").all()
    raw = _raw_rows()
    model = cba.load_model(KIOSK)
    for rid in ("huangpu-1", "xuhui-1", "chongming-2"):     # plain; optimistic; pessimistic
        r = raw[rid]
        overrides = {p: float(r[p]) for p in PARAMS if r[p]}
        a = cba.appraise(model, scenario=r["scenario"] or None, **overrides).results()["kiosk"]
        for m in ("npv", "bcr", "irr", "pv_costs", "pv_benefits"):
            assert out.loc[rid, m] == pytest.approx(float(np.asarray(a[m]).ravel()[0]), rel=1e-12), (rid, m)
    # the pessimistic rows are the ones the review's BCR >= 1 gate rejects
    assert out.loc["chongming-2", "bcr"] < 1 < out.loc["huangpu-1", "bcr"]


def test_review_grades_vary_across_districts(table):
    got = [review_row(r) for r in table.rows]
    grades = {g["grade"] for g in got}
    assert grades == {"优", "良", "中", "差"}
    assert {g["review_conclusion"] for g in got} == {"support", "adjust", "reject"}
    # a pessimistic row scores 0 on economy (BCR < 1, NPV < 0, IRR below 8%): the gate rejects it
    pess = next(g for r, g in zip(table.rows, got) if r.scenario == "pessimistic")
    assert pess["dimensions"]["economy"] == 0.0 and pess["review_conclusion"] == "reject"
