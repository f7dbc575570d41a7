"""Payback of outlays recovered within their period, negative-IRR notes, values set outside
their range, and the documented discount-rate search range (issue 9, section 3).

Every expected value is computed by hand in the comments.
"""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import cba
from cba.analysis.breakeven import breakeven
from cba.analysis.evaluator import RATE_MAX, search_bounds
from cba.errors import CBAWarning
from cba.i18n import use_lang

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"


def _model(flows, horizon=1, rate=0.08, parameters=None):
    return cba.load_model({"name": "x", "horizon": horizon, "base_year": 2025, "discount_rate": rate,
                           "parameters": parameters or {}, "options": {"p": {"flows": flows}}})


# -- payback ----------------------------------------------------------------------------------
def test_one_year_project_recovers_within_period_one():
    # cost 100 and benefit 150 both in period 1 (2026), nothing in period 0 (2025): the
    # cumulative net flow is 0, 50: never negative, so the outlay made in period 1 is recovered
    # within period 1: payback 1, discounted payback 1, break-even year 2025 + 1 = 2026
    # (before: 0.00 and 2025, a period in which nothing happens)
    m = _model([{"name": "build", "kind": "cost", "values": [100], "at": 1},
                {"name": "use", "kind": "benefit", "values": [150], "at": 1}])
    a = cba.appraise(m)
    assert a["p", "payback"] == 1.0
    assert a["p", "discounted_payback"] == 1.0
    assert a["p", "breakeven_year"] == 2026
    assert a["p", "npv"] == pytest.approx(50 / 1.08, rel=1e-12)


def test_delayed_outlay_counts_from_period_zero():
    # net 0, -100, 60, 60 at 10%: cumulative 0, -100, -40, 20 -> payback 2 + 40 / 60 = 2.6667
    # (counted from period 0); discounted: 0, -90.909, -41.322, +3.757 (60 / 1.1^2 = 49.587,
    # 60 / 1.1^3 = 45.079) -> 2 + 41.322 / 45.079 = 2.9167, break-even year 2025 + 3 = 2028
    m = _model([{"name": "build", "kind": "cost", "values": [100], "at": 1},
                {"name": "use", "kind": "benefit", "values": [60, 60], "from": 2}], horizon=3, rate=0.1)
    a = cba.appraise(m)
    assert a["p", "payback"] == pytest.approx(2 + 40 / 60, rel=1e-12)
    assert a["p", "discounted_payback"] == pytest.approx(2 + 41.3223 / 45.0789, abs=1e-4)
    assert a["p", "breakeven_year"] == 2028


def test_outlay_covered_by_earlier_benefits_and_no_outlay_at_all():
    # benefit 50 in period 1, cost 30 in period 2: cumulative 0, 50, 20 never negative; the
    # first outlay (period 2) is recovered when made: payback 2, break-even year 2027
    m = _model([{"name": "use", "kind": "benefit", "values": [50], "at": 1},
                {"name": "fee", "kind": "cost", "values": [30], "at": 2}], horizon=2)
    a = cba.appraise(m)
    assert (a["p", "payback"], a["p", "discounted_payback"], a["p", "breakeven_year"]) == (2.0, 2.0, 2027)
    # no cost at all: nothing to recover, payback 0 (period 0)
    b = cba.appraise(_model([{"name": "use", "kind": "benefit", "values": [50], "at": 1}]))
    assert (b["p", "payback"], b["p", "breakeven_year"]) == (0.0, 2025)


# -- negative IRR -------------------------------------------------------------------------------
def test_negative_irr_is_noted():
    # -100, 30, 30: with x = 1 / (1 + r), 30 x^2 + 30 x - 100 = 0 -> x = (-30 + sqrt(12,900)) / 60
    # = 1.392970, r = 1 / x - 1 = -28.211%; the flows sum to -40
    m = _model([{"name": "build", "kind": "cost", "values": [100], "at": 0},
                {"name": "use", "kind": "benefit", "values": [30, 30], "from": 1}], horizon=2)
    a = cba.appraise(m)
    assert a["p", "irr"] == pytest.approx(-0.282110, abs=1e-6)
    en = [n for n in a.notes_in("en") if "IRR is negative" in n]
    assert en == ["p: the IRR is negative (-28.21%): the undiscounted net flows sum to -40.00, so the option "
                  "does not recover its outlays even without discounting"]
    zh = [n for n in a.notes_in("zh") if "内部收益率为负" in n]
    assert zh == ["p：内部收益率为负（-28.21%），未折现的净现金流合计为 -40.00，即使不考虑折现也收不回投入。"]


def test_positive_irr_has_no_such_note():
    # -100, 60, 60: IRR 13.07% > 0
    m = _model([{"name": "build", "kind": "cost", "values": [100], "at": 0},
                {"name": "use", "kind": "benefit", "values": [60, 60], "from": 1}], horizon=2)
    a = cba.appraise(m)
    assert a["p", "irr"] > 0 and not [n for n in a.notes if "negative" in n]


# -- values outside the declared range -----------------------------------------------------------
def test_override_outside_range_is_noted_and_warned():
    m = cba.load_model(KIOSK)                            # kiosk_price: range 3-20, discount 6%-10%
    with pytest.warns(CBAWarning, match="kiosk_price") as caught:
        a = cba.appraise(m, kiosk_price=30)
    # 30 - 20 = 10 above the high end, 10 / 20 = 50% of it
    want = ("岗亭单价 (kiosk_price) is set to 30, outside its range 3–20: 10 above the high end (50% of that end). "
            "The model's range does not cover this value; check that it is intended")
    assert want in a.notes_in("en")
    assert any("比上限高 10（相当于该端值的 50%）" in n for n in a.notes_in("zh"))
    with use_lang("zh"):
        assert "超出其取值区间 3–20" in str(caught[0].message)
    # 1 is 2 below the low end 3 (2 / 3 = 66.67%); 1e9 is 1e9 / 20 = 50,000,000 times the high end
    with pytest.warns(CBAWarning):
        low = cba.appraise(m, kiosk_price=1)
    assert any("2 below the low end (66.67% of that end)" in n for n in low.notes_in("en"))
    with pytest.warns(CBAWarning):
        huge = cba.appraise(m, kiosk_price=1e9)
    assert any("1,000,000,000, outside its range 3–20: 999,999,980 above the high end (50,000,000 times that end)"
               in n for n in huge.notes_in("en"))
    # the discount rate: 20% is 10 percentage points above 10%
    with pytest.warns(CBAWarning, match="discount_rate"):
        r = cba.appraise(m, discount_rate=0.2)
    assert any("is set to 20%, outside its range 6%–10%: 10 percentage points above the high end" in n
               for n in r.notes_in("en"))


def test_override_inside_range_or_draws_say_nothing():
    m = cba.load_model(KIOSK)
    # pyproject turns any CBAWarning into an error: none may be raised here
    assert not [n for n in cba.appraise(m, kiosk_price=20, discount_rate=0.06).notes if "outside its range" in n]
    draws = m.sample(50, seed=1)               # draws are not single values set by the user
    assert not [n for n in cba.appraise(m, **draws).notes if "outside its range" in n]


def test_cli_warns_about_an_override_outside_its_range(capsys):
    from cba.cli.app import main

    assert main(["evaluate", str(KIOSK), "--set", "kiosk_price=1e9", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "kiosk_price" in err and "999,999,980" in err          # the warning on stderr
    assert "outside its range 3–20" in out                        # and the note in the table's notes


# -- the discount-rate search range ---------------------------------------------------------------
def test_search_range_is_documented_as_rate_max():
    # every mention says "0 to 10 (0-1000%": the number the code uses
    from cba.cli.app import build_parser

    assert search_bounds(cba.load_model(KIOSK), "discount_rate") == (0.0, RATE_MAX)
    bounds_help = next(a.help for p in build_parser()._subparsers._group_actions[0].choices.values()
                       if p.prog.endswith("breakeven") for a in p._actions if a.dest == "bounds")
    texts = {"breakeven": inspect.getdoc(breakeven), "search_bounds": inspect.getdoc(search_bounds),
             "README": (ROOT / "README.md").read_text(encoding="utf-8"), "--bounds": bounds_help % {}}
    for where, text in texts.items():
        found = re.findall(r"0 to (\d+(?:\.\d+)?),? (?:\(|i\.e\. )0-(\d+)%", " ".join(text.split()))
        assert found, where
        for top, pct in found:
            assert (float(top), float(pct)) == (RATE_MAX, RATE_MAX * 100), where
