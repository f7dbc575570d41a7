"""The data the figures draw, against values worked by hand (not only that a figure exists).

Model (as in tests/analysis/test_sensitivity_values.py): an outlay ``capex`` at t = 0, then
``benefit`` and ``cost`` at the end of each of 5 years, so

    NPV = -capex + (benefit - cost) A(r),  A(r) = sum_{t=1..5} (1 + r)^-t

(present value of an annuity: PVIFA(10%, 5) = 3.7908 in present-value tables).
"""
from __future__ import annotations

import numpy as np
import pytest

import cba
from cba import plot_cash_flows, plot_frontier, plot_spider, plot_tornado

pytest.importorskip("matplotlib")

BASE = {"capex": 100.0, "benefit": 40.0, "cost": 10.0, "discount_rate": 0.10}
RANGES = {"capex": (80.0, 150.0), "benefit": (20.0, 60.0), "cost": (5.0, 20.0), "discount_rate": (0.05, 0.15)}
BLUE, ORANGE = (0x4C / 255, 0x72 / 255, 0xB0 / 255), (0xDD / 255, 0x84 / 255, 0x52 / 255)   # low, high


def A(r):
    r = np.asarray(r, dtype=float)
    return sum((1 + r) ** -t for t in range(1, 6))


def npv(**over):
    x = {**BASE, **over}
    return -np.asarray(x["capex"]) + (np.asarray(x["benefit"]) - x["cost"]) * A(x["discount_rate"])


@pytest.fixture(scope="module")
def lin() -> cba.Model:
    return cba.load_model({
        "name": "linear", "horizon": 5, "discount_rate": {"value": 0.10, "low": 0.05, "high": 0.15},
        "parameters": {k: {"value": BASE[k], "low": lo, "high": hi}
                       for k, (lo, hi) in RANGES.items() if k != "discount_rate"},
        "options": {"p": {"label": "P", "flows": [
            {"name": "invest", "kind": "cost", "amount": "capex", "at": 0},
            {"name": "gain", "kind": "benefit", "amount": "benefit"},
            {"name": "running", "kind": "cost", "amount": "cost"}]}}})


def test_tornado_bars_span_base_to_the_hand_values(lin):
    fig = plot_tornado(cba.sensitivity(lin), lang="en")
    ax = fig.axes[0]
    base = float(npv())
    order = ["benefit", "capex", "cost", "discount_rate"]      # swings 40 A, 70, 15 A, 29.3
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert [t.split("\n")[1] for t in ticks] == ["(20 ~ 60)", "(80 ~ 150)", "(5 ~ 20)", "(5% ~ 15%)"]   # the discount rate as a rate
    assert list(ax.get_yticks()) == [3, 2, 1, 0]                 # largest swing on top
    bars = {}
    for p in ax.patches:
        row = order[3 - round(p.get_y() + p.get_height() / 2)]
        colour = "low" if np.allclose(p.get_facecolor()[:3], BLUE) else "high"
        assert np.allclose(p.get_facecolor()[:3], BLUE if colour == "low" else ORANGE)
        assert p.get_x() == pytest.approx(base, rel=1e-12)        # every bar starts at the base case
        bars[row, colour] = p.get_x() + p.get_width()
    assert len(bars) == 8
    for k in order:
        lo, hi = RANGES[k]
        assert bars[k, "low"] == pytest.approx(float(npv(**{k: lo})), rel=1e-12)
        assert bars[k, "high"] == pytest.approx(float(npv(**{k: hi})), rel=1e-12)
    assert bars["capex", "low"] == pytest.approx(-80 + 30 * float(A(0.1)), rel=1e-12)   # 33.72
    # the break-even line at NPV = 0 and the base line at NPV = 13.72
    vlines = sorted(ln.get_xdata()[0] for ln in ax.get_lines())
    assert vlines == pytest.approx([0.0, base], abs=1e-12)


def test_spider_lines_are_the_hand_values(lin):
    s = cba.sensitivity(lin)
    ax = plot_spider(s, lang="en").axes[0]
    steps = np.round(np.arange(-0.30, 0.301, 0.05), 2)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    for name, lab in zip(s.parameters, s.labels_in("en")):
        ln = lines[lab]
        assert np.asarray(ln.get_xdata()) == pytest.approx(100 * steps, abs=1e-12)
        assert np.asarray(ln.get_ydata()) == pytest.approx(npv(**{name: BASE[name] * (1 + steps)}), rel=1e-12)
    target = [ln for ln in ax.get_lines() if ln.get_label().startswith("break-even")]
    assert len(target) == 1 and list(target[0].get_ydata()) == [0.0, 0.0]


def _stacks(ax):
    """Per x position: sum of the drawn bar heights above and below zero."""
    up, down = {}, {}
    for p in ax.patches:
        if p.get_height() == 0:
            continue
        x = round(p.get_x() + p.get_width() / 2, 6)
        side = up if p.get_height() > 0 else down
        side[x] = side.get(x, 0.0) + p.get_height()
    return up, down


def test_cash_flow_bars_are_the_flows_and_the_line_the_cumulative_pv(lin):
    ax = plot_cash_flows(cba.appraise(lin), lang="en").axes[0]
    up, down = _stacks(ax)
    # benefit 40 in years 1..5; capex 100 at 0 and cost 10 in years 1..5
    assert up == pytest.approx({1.0: 40.0, 2.0: 40.0, 3.0: 40.0, 4.0: 40.0, 5.0: 40.0}, rel=1e-15)
    assert down == pytest.approx({0.0: -100.0, 1.0: -10.0, 2.0: -10.0, 3.0: -10.0, 4.0: -10.0, 5.0: -10.0},
                                 rel=1e-15)
    (cum,) = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    hand = np.cumsum([-100.0] + [30 / 1.1 ** t for t in range(1, 6)])
    assert np.asarray(cum.get_ydata()) == pytest.approx(hand, rel=1e-12)
    assert hand[-1] == pytest.approx(float(npv()), rel=1e-12)
    # break-even year: the first year whose cumulative PV is >= 0 (hand: -4.90 after 4, +13.72 after 5)
    assert ax.texts and ax.texts[0].get_text().endswith(": 5")


def test_cash_flow_bars_show_the_increment_against_a_baseline():
    # the new option saves 30 - 10 = 20 a year of running cost for 100 now; years from 2025
    m = cba.load_model({"name": "replace", "horizon": 4, "discount_rate": 0.08, "base_year": 2025,
                        "baseline": "old", "parameters": {},
                        "options": {"old": {"flows": [{"name": "running", "kind": "cost", "amount": 30}]},
                                    "new": {"flows": [{"name": "invest", "kind": "cost", "amount": 100, "at": 0},
                                                      {"name": "running", "kind": "cost", "amount": 10}]}}})
    ax = plot_cash_flows(cba.appraise(m), lang="en").axes[0]
    up, down = _stacks(ax)
    # plot_cash_flows: the baseline's lines enter with the opposite sign (old running cost
    # avoided: +30), the option's own lines as they are (-100 now, -10 a year); each stack nets
    # to the increment -100, +20, +20, ...
    years = [2025.0, 2026.0, 2027.0, 2028.0, 2029.0]
    assert up == pytest.approx(dict.fromkeys(years[1:], 30.0), rel=1e-15)
    assert down == pytest.approx({2025.0: -100.0, **dict.fromkeys(years[1:], -10.0)}, rel=1e-15)
    assert [up.get(y, 0) + down.get(y, 0) for y in years] == pytest.approx([-100.0, 20, 20, 20, 20], rel=1e-15)
    (cum,) = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert list(cum.get_xdata()) == [2025, 2026, 2027, 2028, 2029]
    assert np.asarray(cum.get_ydata()) == pytest.approx(
        np.cumsum([-100.0] + [20 / 1.08 ** t for t in range(1, 5)]), rel=1e-12)


def test_frontier_line_points_satisfy_the_closed_form(lin):
    # NPV = 0 <=> benefit = cost + capex / A(10%) = cost + 26.38
    g = cba.two_way(lin, "cost", "benefit", x_range=(0.5, 30.5), y_range=(1, 61), n=(31, 25))
    ax = plot_frontier(g, lang="en").axes[0]
    (line,) = [c for c in ax.collections if list(getattr(c, "levels", [])) == [0.0]]
    pts = np.concatenate([p.vertices for p in line.get_paths()])
    assert len(pts) >= 31
    intercept = 100 / float(A(0.10))
    # marching squares interpolates linearly along grid edges: exact for a linear NPV
    assert pts[:, 1] == pytest.approx(pts[:, 0] + intercept, rel=1e-12)
    assert pts[:, 0].min() == pytest.approx(0.5) and pts[:, 0].max() == pytest.approx(30.5)
    # the plausible box: cost 5..20, benefit 20..60; the base case star at (10, 40)
    (box,) = ax.patches
    assert (box.get_x(), box.get_y(), box.get_width(), box.get_height()) == (5.0, 20.0, 15.0, 40.0)
    (star,) = [ln for ln in ax.get_lines() if ln.get_marker() == "*"]
    assert (list(star.get_xdata()), list(star.get_ydata())) == ([10.0], [40.0])


def test_english_tornado_names_the_discount_rate_in_english(lin):
    ax = plot_tornado(cba.sensitivity(lin), lang="en").axes[0]
    ticks = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
    assert ticks[-1] == lin.input_label("discount_rate", "en")[0] == "Discount rate"
