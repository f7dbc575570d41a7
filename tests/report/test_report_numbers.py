"""The report's switching-value table is formatted as the CLI's (one rule per kind of number)."""
from __future__ import annotations

import cba
from cba.analysis.analyse import analyse
from cba.report import AppraisalReport


def _hall():
    # one-year break-even: cost 200,000 and ticket income units x 3 both in period 1 (2026).
    # NPV = (3 units - 200,000) / 1.08, zero at units = 200,000 / 3 = 66,666.67 (shown 66,666.7),
    # a change of 66,666.67 / 80,000 - 1 = -16.67% from the base; elasticity
    # 3 x 80,000 / (3 x 80,000 - 200,000) = 6.00. The discount rate never makes the NPV zero.
    return cba.load_model({
        "name": "hall", "horizon": 1, "base_year": 2025, "currency": "元",
        "discount_rate": {"value": 0.08, "low": 0.06, "high": 0.10},
        "parameters": {"units": {"value": 80000, "low": 50000, "high": 100000, "label": "visits"},
                       "fee": 3, "price": 200000},
        "options": {"hall": {"flows": [{"name": "build", "kind": "cost", "amount": "price", "at": 1},
                                       {"name": "tickets", "kind": "benefit", "amount": "units * fee", "at": 1}]}}})


def test_switching_table_matches_the_cli():
    import warnings

    m = _hall()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")           # the discount rate has no switching value
        table = AppraisalReport(m, lang="en", n_draws=0).breakeven().items[2]["rows"]
        cli = analyse(m, "hall").summary("en")
    units, rate = table                             # rows: units, then the discount rate
    assert units[1:6] == ["80,000", "50,000–100,000", "66,666.7", "-16.67%", "6.00"]
    # the discount rate as a rate, as in the CLI; its search range 0 to 10 as 0%-1,000%
    assert rate[1:4] == ["8%", "6%–10%", "none in 0%-1,000%"]
    line = next(x for x in cli.split("[Switching values]")[1].splitlines() if x.startswith("units"))
    assert line.split()[2:7] == ["80,000", "50,000", "100,000", "66,666.7", "-16.67%"]
    assert line.split()[7] == "6.00"
    rate_line = next(x for x in cli.split("[Switching values]")[1].splitlines() if x.startswith("discount_rate"))
    assert rate_line.split()[2:5] == ["8%", "6%", "10%"]


def test_one_year_project_in_the_report():
    # payback 1.00 (the outlay and its return both in period 1), not 0.00
    cards = AppraisalReport(_hall(), lang="en", n_draws=0).conclusion().items[2]["items"]
    assert [c[1] for c in cards if c[0].startswith("Payback")] == ["1.00"]


def test_report_states_an_override_outside_the_range():
    # kiosk_price 30 against its range 3-20: 10 above the high end, 50% of it
    from pathlib import Path

    kiosk = Path(__file__).resolve().parents[2] / "data" / "minhang_kiosk.yaml"
    r = AppraisalReport(kiosk, lang="zh", n_draws=0, overrides={"kiosk_price": 30})
    text = r.limitations().to_html()
    assert "岗亭单价（kiosk_price）取值 30，超出其取值区间 3–20：比上限高 10（相当于该端值的 50%）" in text
