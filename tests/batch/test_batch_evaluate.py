from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import cba
from cba.batch import evaluate_rows, read_batch, row_seed
from cba.errors import InputError

from batch_fixtures import folder, write_csv  # noqa: F401 - fixtures

METRICS = ("npv", "bcr", "irr", "pv_costs", "pv_benefits", "payback")


def test_tiny_model_rows_match_a_hand_calculation(folder, write_csv):
    f = write_csv(folder / "b.csv", "id,model,price,saving,scenario\n"
                                    "a,tiny.yaml,100,121,\n"
                                    "b,tiny.yaml,50,,\n"
                                    "c,tiny.yaml,,220,dear\n")
    out = evaluate_rows(read_batch(f)).set_index("id")
    # NPV = saving / 1.1 - price; BCR = (saving / 1.1) / price
    assert out.loc["a", "npv"] == pytest.approx(121 / 1.1 - 100, abs=1e-12)          # 110 - 100 = 10
    assert out.loc["b", "npv"] == pytest.approx(121 / 1.1 - 50, abs=1e-12)           # 110 - 50 = 60
    assert out.loc["b", "bcr"] == pytest.approx(110 / 50, rel=1e-14)                 # 2.2
    assert out.loc["c", "npv"] == pytest.approx(220 / 1.1 - 110, abs=1e-12)          # dear: price 110 -> 90
    # IRR: -price + saving / (1 + r) = 0 -> r = saving / price - 1
    assert out.loc["a", "irr"] == pytest.approx(0.21, abs=1e-9)
    assert (out["status"] == "ok").all() and (out["option"] == "o").all()


def _kiosk_table(folder, write_csv, n=30):
    rng = np.random.default_rng(5)
    lines = ["id,model,kiosk_price,service_life,n_posts,staff_freed,scenario"]
    for i in range(n):
        scen = ["", "pessimistic", "optimistic"][i % 3]
        lines.append(f"r{i},kiosk.yaml,{rng.uniform(3, 20):.6f},{rng.integers(5, 11)},{rng.integers(2, 12)},"
                     f"{rng.uniform(0.5, 3):.6f},{scen}")
    lines.append("blank,kiosk.yaml,,,,,")                # every cell blank: the model's own values
    return write_csv(folder / "b.csv", "\n".join(lines) + "\n")


def test_every_row_equals_its_own_appraise_call(folder, write_csv):
    t = read_batch(_kiosk_table(folder, write_csv))
    out = evaluate_rows(t)
    model = cba.load_model(folder / "kiosk.yaml")          # a separate load: the independent path
    for r, rec in zip(t.rows, out.to_dict("records")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = cba.appraise(model, scenario=r.scenario, **r.overrides)
        for m in METRICS:
            want = a["kiosk", m]
            assert (math.isnan(want) and math.isnan(rec[m])) or rec[m] == pytest.approx(want, abs=1e-12, rel=1e-12), \
                (r.id, m)
    assert out.loc[out["id"] == "blank", "npv"].item() == pytest.approx(cba.appraise(model)["kiosk", "npv"],
                                                                        abs=1e-12)


def test_poisoned_rows_fail_alone(folder, write_csv):
    f = write_csv(folder / "b.csv", "id,model,kiosk_price\n"
                                    "good1,kiosk.yaml,10\n"
                                    "bad,kiosk.yaml,ten\n"
                                    "gone,missing.yaml,10\n"
                                    "good2,kiosk.yaml,12\n")
    out = evaluate_rows(read_batch(f)).set_index("id")
    assert out["status"].to_dict() == {"good1": "ok", "bad": "failed", "gone": "failed", "good2": "ok"}
    assert "expected a number, got 'ten'" in out.loc["bad", "error"]
    assert "missing.yaml does not exist" in out.loc["gone", "error"]
    assert math.isnan(out.loc["bad", "npv"]) and not math.isnan(out.loc["good2", "npv"])
    model = cba.load_model(folder / "kiosk.yaml")
    assert out.loc["good2", "npv"] == pytest.approx(cba.appraise(model, kiosk_price=12)["kiosk", "npv"], abs=1e-12)


def test_a_row_failing_inside_its_group_fails_alone(folder, write_csv, monkeypatch):
    from cba.batch import evaluate as ev

    real = ev._appraise_group

    def fussy(model, scenario, rows):                 # the group call fails whenever row "b" is in it
        if any(r.id == "b" for r in rows):
            raise InputError("boom")
        return real(model, scenario, rows)

    monkeypatch.setattr(ev, "_appraise_group", fussy)
    f = write_csv(folder / "b.csv", "id,model,price\na,tiny.yaml,100\nb,tiny.yaml,90\nc,tiny.yaml,80\n")
    out = evaluate_rows(read_batch(f)).set_index("id")
    assert out["status"].to_dict() == {"a": "ok", "b": "failed", "c": "ok"}
    assert "boom" in out.loc["b", "error"] and out.loc["c", "npv"] == pytest.approx(110 - 80, abs=1e-12)


def test_a_table_error_stops_before_anything_runs(folder, write_csv, monkeypatch):
    from cba.batch import evaluate as ev

    monkeypatch.setattr(ev, "_appraise_group", lambda *a: pytest.fail("ran"))
    f = write_csv(folder / "b.csv", "id,model,prices\na,tiny.yaml,100\n")
    with pytest.raises(InputError, match="'prices'.*did you mean 'price'"):
        evaluate_rows(read_batch(f))


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_gbk_and_bom_tables_evaluate(folder, write_csv, encoding):
    f = write_csv(folder / "b.csv", "id,model,price\n莘庄,tiny.yaml,100\n七宝,tiny.yaml,55\n", encoding)
    out = evaluate_rows(read_batch(f))
    assert out["id"].tolist() == ["莘庄", "七宝"]
    assert out["npv"].tolist() == pytest.approx([10.0, 55.0], abs=1e-12)     # 110 - 100, 110 - 55


def test_risk_summary_uses_each_rows_own_seed(folder, write_csv):
    f = write_csv(folder / "b.csv", "id,model,kiosk_price,scenario\na,kiosk.yaml,10,\nb,kiosk.yaml,18,pessimistic\n")
    t = read_batch(f)
    out = evaluate_rows(t, seed=11, n_draws=400).set_index("id")
    model = cba.load_model(folder / "kiosk.yaml")
    for r in t.rows:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sim = cba.simulate(model, 400, seed=row_seed(11, r.id), scenario=r.scenario, workers=1, **r.overrides)
        assert out.loc[r.id, "prob_negative"] == sim.prob_negative("kiosk")
    assert out.attrs == {"seed": 11, "n_draws": 400}
    # the same row alone in another table gets the same risk figure (its seed depends on its id only)
    g = write_csv(folder / "c.csv", "id,model,kiosk_price,scenario\nb,kiosk.yaml,18,pessimistic\n")
    assert evaluate_rows(read_batch(g), seed=11, n_draws=400)["prob_negative"].item() == out.loc["b", "prob_negative"]
