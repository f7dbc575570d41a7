"""The explorer's live charts: updated in place, they show what the plotting functions draw.

The reference is the second implementation of the same picture: cba.plot_tornado and
cba.plot_cash_flows drawing the same result on a new figure of the same size and dpi. The two
PNGs must agree pixel for pixel.
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
import pytest

import cba
from cba.explore.charts import CASH_AXES, TORNADO_AXES, LiveCashFlows, LiveTornado, new_figure, render_png

KIOSK = Path(__file__).resolve().parents[2] / "data" / "minhang_kiosk.yaml"


def _pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _fresh_tornado(result, lang):
    fig, ax = new_figure(TORNADO_AXES)
    cba.plot_tornado(result, lang=lang, ax=ax)
    return render_png(fig)


def _fresh_cash(appraisal, option, lang):
    fig, ax = new_figure(CASH_AXES)
    cba.plot_cash_flows(appraisal, option, lang=lang, ax=ax)
    return render_png(fig)


@pytest.fixture(scope="module")
def kiosk():
    return cba.load_model(KIOSK)


# settings chosen to change the shape of the charts between moves: the order of the inputs,
# which end of a bar is longer, inputs without effect ("reduction": 0 leaves the accidents and
# their cost without effect: one "no effect" note instead of two values), the break-even year appearing
# (a cheap kiosk pays back) and disappearing (a dear one never does).
MOVES = [{}, {"kiosk_price": 12.0}, {"kiosk_price": 12.0, "staff_freed": 0.5},
         {"reduction": 0.0, "discount_rate": 0.1}, {"kiosk_price": 3.0, "om_cost": 0.5},
         {"kiosk_price": 20.0, "service_life": 5.0, "om_cost": 1.5, "staff_freed": 0.5, "reduction": 0.0}, {"kiosk_price": 4.0}]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_in_place_updates_draw_what_the_plotting_functions_draw(kiosk, lang):
    tornado, cash = LiveTornado(lang), LiveCashFlows(lang)
    marked, notes, builds = set(), set(), []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for settings in MOVES:
            ex = cba.explore(kiosk, charts=False)
            for k, x in settings.items():
                ex.set(k, x)
            sens = cba.sensitivity(ex.current_model, "kiosk", steps=())
            appraisal = cba.appraise(kiosk, **settings)
            assert np.array_equal(_pixels(tornado.draw(sens)), _pixels(_fresh_tornado(sens, lang))), settings
            assert np.array_equal(_pixels(cash.draw(appraisal, "kiosk")), _pixels(_fresh_cash(appraisal, "kiosk", lang))), settings
            marked.add(len(cash.ax.texts))                      # the break-even note shown or not
            notes.add(len(tornado.ax.texts))                    # 2 per input, 1 without effect
            builds.append(cash.rebuilds)
    assert marked == {0, 1} and {18, 20} <= notes      # the shapes of either chart met
    # built once: every tornado above was an in-place update (the shape of the tornado held)
    assert tornado.rebuilds == 1
    # the cash-flow chart is built again when its shape changes: "reduction": 0 takes the accident
    # savings line away (moves 3 and 5), the break-even year goes (move 5) and comes back (6);
    # moves 1 and 2 only change the numbers
    assert builds == [1, 1, 1, 2, 3, 4, 5]


def test_explorer_charts_are_the_plotting_functions_charts(kiosk):
    import base64

    ex = cba.explore(kiosk, chart_delay=0, lang="zh")
    ex.set("kiosk_price", 14)
    ex.set("staff_freed", 0.8)
    ex.wait()
    shown = base64.b64decode(ex.tornado_out.outputs[0]["data"]["image/png"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = cba.sensitivity(ex.current_model, "kiosk", steps=())
    assert np.array_equal(_pixels(shown), _pixels(_fresh_tornado(direct, "zh")))
    cash = base64.b64decode(ex.cash_out.outputs[0]["data"]["image/png"])
    assert np.array_equal(_pixels(cash), _pixels(_fresh_cash(cba.appraise(kiosk, kiosk_price=14, staff_freed=0.8), "kiosk", "zh")))


def test_tornado_kept_for_settings_seen_before(kiosk):
    ex = cba.explore(kiosk, chart_delay=0)
    first = ex.sensitivity
    ex.set("kiosk_price", 12)
    assert ex.sensitivity is not first and ex.sensitivity.base_metric == pytest.approx(ex.npv, rel=1e-12)
    ex.set("kiosk_price", ex.inputs["kiosk_price"].base)
    assert ex.sensitivity is first                                  # not computed again
    assert first.base_metric == pytest.approx(cba.appraise(kiosk)["kiosk", "npv"], rel=1e-12)


def test_layout_keeping_canvas_draws_what_the_plain_canvas_draws(kiosk):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from cba.explore.charts import live_canvas

    assert live_canvas() is not FigureCanvasAgg and issubclass(live_canvas(), FigureCanvasAgg)
    sens = cba.sensitivity(kiosk, "kiosk", steps=())
    fig, ax = new_figure(TORNADO_AXES, canvas=live_canvas())
    cba.plot_tornado(sens, lang="zh", ax=ax)
    first, again = render_png(fig), render_png(fig)          # the second draw from kept layouts
    assert np.array_equal(_pixels(first), _pixels(_fresh_tornado(sens, "zh")))
    assert np.array_equal(_pixels(again), _pixels(first))
