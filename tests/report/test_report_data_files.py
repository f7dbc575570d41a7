"""A model that reads data files (a price index CSV, an empirical distribution's column) renders
a report: the files are copied next to the kernel's copy of the model, and their SHA-256 is in
the provenance."""
from __future__ import annotations

import hashlib
import json

import pytest

import cba

pytestmark = pytest.mark.slow


def test_report_of_a_model_with_a_price_index_file_and_empirical_draws(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    cpi = data / "cpi.csv"
    cpi.write_bytes("年份,指数\n2025,100\n2026,102\n2027,104.04\n".encode("gbk"))
    costs = data / "costs.csv"
    costs.write_text("cost\n90\n100\n110\n120\n", encoding="utf-8")
    model = tmp_path / "m.yaml"
    model.write_text(
        "name: 数据文件\nhorizon: 2\nbase_year: 2025\ndiscount_rate: 0.05\n"
        "prices: {index: {file: data/cpi.csv, year: 年份, value: 指数}}\n"
        "parameters:\n"
        "  cost: {value: 100, low: 90, high: 120, distribution: {kind: empirical, file: data/costs.csv, column: cost}}\n"
        "  fee: {value: 60, low: 50, high: 70, distribution: uniform}\n"
        "options:\n  o:\n    flows:\n"
        "      - {name: buy, kind: cost, amount: cost, at: 0}\n"
        "      - {name: fees, kind: benefit, amount: fee, prices: nominal}\n",
        encoding="utf-8")
    m = cba.load_model(model)
    # the nominal fees deflated by the index: 60 / 1.02 in 2026 and 60 / 1.0404 in 2027
    assert cba.appraise(m)["o", "npv"] == pytest.approx(-100 + 60 / 1.02 / 1.05 + 60 / 1.0404 / 1.05 ** 2, rel=1e-12)
    result = cba.render_report(model, tmp_path / "out", formats=("html",), parameters={"n_draws": 200})
    prov = json.loads((tmp_path / "out" / f"{result.name}.provenance.json").read_text(encoding="utf-8"))
    got = {d["path"]: d["sha256"] for d in prov["data_files"]}
    assert got == {"data/cpi.csv": hashlib.sha256(cpi.read_bytes()).hexdigest(),
                   "data/costs.csv": hashlib.sha256(costs.read_bytes()).hexdigest()}
