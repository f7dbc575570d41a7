"""Figures: every chart draws its Chinese (and English) text without a missing glyph, returns a
Figure, and is written atomically."""
from __future__ import annotations

import warnings

import pytest

import cba
from cba.plots.charts import figure_bytes, plot_cash_flows, plot_frontier, plot_spider, plot_tornado, save_figure

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def results():
    from pathlib import Path

    m = cba.load_model(Path(__file__).resolve().parents[2] / "data" / "minhang_kiosk.yaml")
    return {"model": m, "sens": cba.sensitivity(m), "appraisal": cba.appraise(m),
            "grid": cba.two_way(m, "kiosk_price", "staff_cost", x_range=(0, 250), y_range=(0, 16), n=21),
            "flat": cba.two_way(m, "kiosk_price", "staff_cost", n=11)}


def _texts(fig) -> str:
    out = []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
        leg = ax.get_legend()
        if leg is not None:
            out += [t.get_text() for t in leg.get_texts()]
    return " ".join(out)


FIGURES = {
    "tornado": lambda r, lang: plot_tornado(r["sens"], lang=lang),
    "spider": lambda r, lang: plot_spider(r["sens"], lang=lang),
    "frontier": lambda r, lang: plot_frontier(r["grid"], lang=lang),
    "frontier_no_line": lambda r, lang: plot_frontier(r["flat"], lang=lang),
    "cash_flows": lambda r, lang: plot_cash_flows(r["appraisal"], lang=lang),
}
EXPECTED_ZH = {"tornado": "龙卷风图", "spider": "蜘蛛图", "frontier": "盈亏平衡线",
               "frontier_no_line": "所示范围内无盈亏平衡线", "cash_flows": "累计净现值"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_figures_render_every_glyph(results, name, lang):
    # Any warning (in particular matplotlib's "Glyph ... missing from font(s)") fails the test.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = FIGURES[name](results, lang)
        png = figure_bytes(fig)
        figure_bytes(fig, "svg")
    assert png[:4] == b"\x89PNG"
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure)
    text = _texts(fig)
    if lang == "zh":
        assert EXPECTED_ZH[name] in text
        assert "移动岗亭" in text or "岗亭" in text
    else:
        assert any(w in text for w in ("Tornado", "Spider", "frontier", "cumulative", "Cumulative"))


def test_tornado_bars_and_labels(results):
    fig = plot_tornado(results["sens"], top=3)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 3 and labels[0].startswith(results["sens"].labels[0])   # largest swing on top
    assert len(ax.patches) == 6                                             # low and high bar each


def test_draws_into_a_given_axes(results):
    from matplotlib.figure import Figure

    fig = Figure()
    ax1, ax2 = fig.subplots(1, 2)
    assert plot_spider(results["sens"], ax=ax1) is fig
    assert plot_cash_flows(results["appraisal"], ax=ax2) is fig


def test_cash_flows_without_a_baseline():
    m = cba.load_model({"name": "x", "horizon": 4, "discount_rate": 0.1, "currency": "万元", "parameters": {},
                        "options": {"o": {"label": "方案", "flows": [
                            {"name": "c", "label": "投资", "kind": "cost", "values": [100], "from": 0},
                            {"name": "b", "label": "收益", "kind": "benefit", "values": [39, 59, 55, 20],
                             "from": 1}]}}})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_cash_flows(cba.appraise(m))
        figure_bytes(fig)
    assert "盈亏平衡年份" in " ".join(t.get_text() for t in fig.axes[0].texts)


def test_save_figure_is_atomic(results, tmp_path, monkeypatch):
    path = tmp_path / "t.png"
    save_figure(plot_tornado(results["sens"]), path)
    good = path.read_bytes()
    assert good[:4] == b"\x89PNG"
    with pytest.raises(cba.InputError, match="expected a .png"):
        save_figure(plot_tornado(results["sens"]), tmp_path / "t.txt")
    assert not (tmp_path / "t.txt").exists()

    import cba.plots.charts as plots

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(plots, "figure_bytes", broken)
    with pytest.raises(RuntimeError):
        save_figure(plot_tornado(results["sens"]), path)
    assert path.read_bytes() == good                                   # the good file is kept
    assert [p.name for p in tmp_path.iterdir()] == ["t.png"]           # no temporary left behind


def test_tornado_with_undefined_values_still_draws(results):
    # a result whose metric is undefined everywhere (NaN) must not die on "Axis limits cannot be NaN"
    import dataclasses

    import numpy as np

    s = results["sens"]
    nan = np.full(len(s.parameters), np.nan)
    bad = dataclasses.replace(s, base_metric=float("nan"), metric_low=nan, metric_high=nan,
                              metric_min=nan, metric_max=nan)
    assert figure_bytes(plot_tornado(bad))[:4] == b"\x89PNG"


def test_tornado_shorter_bar_stays_visible():
    # both ends on the same side of the base: the shorter bar is drawn over the longer one
    m = cba.load_model({"name": "u", "horizon": 1, "discount_rate": 0.0,
                        "parameters": {"k": {"value": 0.5, "low": 0, "high": 8}},
                        "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "at": 1,
                                                     "amount": "(k - 3) ** 2"}]}}})
    fig = plot_tornado(cba.sensitivity(m, steps=()), lang="en")
    bars = [p for p in fig.axes[0].patches]
    widths = [abs(p.get_width()) for p in bars]
    assert widths == sorted(widths, reverse=True)            # longer first, shorter on top
