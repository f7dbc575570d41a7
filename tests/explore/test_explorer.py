"""The interactive explorer: sliders, pickers, live metrics, the scenario snippet, the notebook."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import cba
from cba.i18n import use_lang

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"


@pytest.fixture(scope="module")
def kiosk():
    return cba.load_model(KIOSK)


def test_explore_is_the_callable_package():
    import cba.explore as pkg
    from cba.explore import Explorer, explore

    assert cba.explore is pkg and callable(pkg) and explore.__module__ == "cba.explore.explorer"
    assert Explorer.__name__ == "Explorer"


def test_slider_move_gives_the_appraisal_at_the_settings(kiosk):
    ex = cba.explore(kiosk, charts=False)
    ex.set("kiosk_price", 15)
    ex.set("reduction", 0.25)
    assert ex.settings["kiosk_price"] == 15 and ex.settings["reduction"] == 0.25
    # an independent call with the same values, not through the explorer
    direct = cba.appraise(kiosk, kiosk_price=15, reduction=0.25)
    assert ex.npv == direct["kiosk", "npv"]
    for m in ("bcr", "irr", "payback"):
        assert ex.metric(m) == direct["kiosk", m]
    assert cba.formatting.fmt_money(ex.npv) in ex.metrics.value
    assert "cba-metrics" in ex.metrics._dom_classes
    assert "cba-slider-kiosk_price" in ex.sliders["kiosk_price"]._dom_classes


def test_staff_cost_slider_moves_npv_by_the_hand_calculation(kiosk):
    # Each kiosk frees 1.5 staff at each of 6 posts, valued at the shadow wage factor 0.8:
    # 6 * 1.5 * 0.8 = 7.2 staff-cost units a year saved, in periods 1..10 at 8%:
    # annuity factor (1 - 1.08**-10) / 0.08 = 6.7100814; +1 万元 of staff cost -> +7.2 * 6.7100814
    ex = cba.explore(kiosk, charts=False)
    before = ex.npv
    ex.set("staff_cost", 13)
    assert ex.npv - before == pytest.approx(7.2 * (1 - 1.08 ** -10) / 0.08, rel=1e-12)


def test_scenario_picker_moves_the_sliders(kiosk):
    ex = cba.explore(kiosk, charts=False)
    ex.pick_scenario("pessimistic")
    s = ex.settings
    # data/minhang_kiosk.yaml, scenarios.pessimistic; the other inputs keep their base values
    assert (s["kiosk_price"], s["service_life"], s["om_cost"], s["staff_freed"], s["reduction"]) == (20, 5, 1.5, 0.5, 0)
    assert s["staff_cost"] == 12 and s["discount_rate"] == 0.08
    assert ex.npv == cba.appraise(kiosk, scenario="pessimistic")["kiosk", "npv"]
    ex.pick_scenario(None)
    assert ex.settings == {k: i.base for k, i in ex.inputs.items()}
    started = cba.explore(kiosk, scenario="optimistic", charts=False)
    assert started.settings["kiosk_price"] == 3 and started.scenario_picker.value == "optimistic"


def test_scenario_yaml_loads_back_and_reproduces_the_npv(kiosk, tmp_path):
    ex = cba.explore(kiosk, charts=False)
    ex.set("kiosk_price", 14.2)
    ex.set("discount_rate", 0.065)
    text = ex.scenario_yaml("mine")
    assert ex.yaml_box.value == text
    snippet = yaml.safe_load(text)["scenarios"]["mine"]
    assert snippet == {"label": "mine", "kiosk_price": 14.2, "discount_rate": 0.065}
    data = yaml.safe_load(KIOSK.read_text(encoding="utf-8"))
    data["scenarios"].update(yaml.safe_load(text)["scenarios"])
    path = tmp_path / "with_scenario.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    back = cba.load_model(path)
    assert cba.appraise(back, scenario="mine")["kiosk", "npv"] == pytest.approx(ex.npv, rel=1e-14)


TWO = {"name": "two", "horizon": 2, "discount_rate": 0.1, "baseline": "none",
       "parameters": {"c": {"value": 100, "low": 80, "high": 120, "label": "造价", "unit": "万元"}},
       "options": {"none": {"flows": []},
                   "a": {"label": "甲", "flows": [{"name": "k", "kind": "cost", "amount": "c", "at": 0},
                                                  {"name": "g", "kind": "benefit", "amount": 60}]},
                   "b": {"label": "乙", "flows": [{"name": "k", "kind": "cost", "amount": "c", "at": 0},
                                                  {"name": "g", "kind": "benefit", "amount": 50}]}}}


def test_option_picker():
    ex = cba.explore(TWO, charts=False)
    assert ex.option == "a"
    assert ex.npv == pytest.approx(-100 + 60 / 1.1 + 60 / 1.21, abs=1e-12)   # 4.1322
    ex.pick_option("b")
    assert ex.option == "b" and ex.option_picker.value == "b"
    assert ex.npv == pytest.approx(-100 + 50 / 1.1 + 50 / 1.21, abs=1e-12)   # -13.2231
    ex.set("c", 90)
    assert ex.npv == pytest.approx(-90 + 50 / 1.1 + 50 / 1.21, abs=1e-12)
    assert "乙" in ex.metrics.value


def test_chinese_by_default_english_on_request():
    with use_lang("zh"):
        zh = cba.explore(TWO, charts=False)
    assert zh.sliders["c"].description == "造价" and "净现值" in zh.metrics.value
    assert zh.scenario_picker.description == "情景" and zh.recompute_button.description == "重新计算临界点"
    en = cba.explore(TWO, charts=False, lang="en")
    assert "NPV" in en.metrics.value and "净现值" not in en.metrics.value
    assert en.scenario_picker.description == "Scenario" and "Switching values" in en.switching_html.value


def test_set_refuses_unknown_and_out_of_range(kiosk):
    ex = cba.explore(kiosk, charts=False)
    with pytest.raises(cba.InputError):
        ex.set("n_posts", 7)
    with pytest.raises(cba.InputError):
        ex.set("kiosk_price", 25)


def test_charts_redrawn_after_a_move(kiosk):
    ex = cba.explore(kiosk, chart_delay=0)
    ex.set("kiosk_price", 12)
    ex.wait()
    assert ex.tornado_out.outputs[0]["data"]["image/png"] and ex.cash_out.outputs[0]["data"]["image/png"]
    # the tornado is around the current settings: its base case is the NPV shown
    assert ex.sensitivity.base_metric == pytest.approx(ex.npv, rel=1e-12)


def test_switching_values_at_current_settings(kiosk):
    import warnings

    ex = cba.explore(kiosk, charts=False)
    ex.set("staff_cost", 8)
    assert "点击" in ex.switching_html.value or "press" in ex.switching_html.value   # stale
    ex.recompute_switching()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = cba.switching_values(kiosk.replace(parameters={**kiosk.parameters,
                                                                "staff_cost": kiosk.parameters["staff_cost"].__class__(
                                                                    **{**kiosk.parameters["staff_cost"].__dict__, "value": 8.0})}),
                                      "kiosk")
    assert ex.switching.loc["kiosk_price", "switching_value"] == pytest.approx(
        direct.loc["kiosk_price", "switching_value"], rel=1e-12)


def test_explore_notebook_executes():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    assert nb.cells[0].source.strip() == 'model_path = "../data/minhang_kiosk.yaml"'
    assert nb.cells[1].source.strip() == "import cba; ex = cba.explore(model_path); ex.widget"
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    text = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"], ensure_ascii=False)
    assert "application/vnd.jupyter.widget-view+json" in text and "kiosk_price" in text


def test_report_button_renders_with_the_settings(kiosk, tmp_path):
    import nbformat

    ex = cba.explore(kiosk, charts=False, lang="zh")     # a Chinese report: minhang_kiosk.html
    ex.set("kiosk_price", 15)
    ex.dir_box.value = str(tmp_path)
    ex.report_button.click()
    html_path = tmp_path / "minhang_kiosk.html"
    assert str(html_path) in ex.report_html.value
    nb = nbformat.read(tmp_path / "minhang_kiosk.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["overrides"] == {"kiosk_price": 15.0}
    # the report's NPV is the explorer's, formatted alike
    assert cba.formatting.fmt_money(ex.npv) in html_path.read_text(encoding="utf-8")


TINY2 = """name: tiny2
horizon: 2
discount_rate: 0.1
parameters:
  capex: {value: 100, low: 80, high: 120}
  benefit: {value: 70, low: 50, high: 90}
  scale: 1
options:
  o:
    flows:
      - {name: buy, kind: cost, amount: capex * scale, at: 0}
      - {name: gain, kind: benefit, amount: benefit * scale, from: 1, to: 2}
scenarios:
  big: {scale: 2}
  extreme: {capex: 300, discount_rate: 0.15}
"""


def test_a_scenario_sets_inputs_without_a_slider_and_values_outside_a_slider_range(tmp_path):
    """Found by an independent check: a scenario's fixed parameter (no slider) was ignored and a
    value outside a slider's range was clipped. Closed form: NPV = scale*(benefit/1.1 + benefit/1.21)
    - capex*scale at 10%; 'big' doubles the base NPV 21.4876; 'extreme' at 15%: 70/1.15 + 70/1.3225 - 300."""
    path = tmp_path / "tiny2.yaml"
    path.write_text(TINY2, encoding="utf-8")
    ex = cba.explore(cba.load_model(path), charts=False)
    base = 70 / 1.1 + 70 / 1.21 - 100
    ex.pick_scenario("big")
    assert ex.npv == pytest.approx(2 * base, abs=1e-12)
    assert "scale: 2" in ex.scenario_yaml("again")
    ex.pick_scenario("extreme")
    assert ex.npv == pytest.approx(70 / 1.15 + 70 / 1.3225 - 300, abs=1e-12)
    assert ex.sliders["capex"].value == 300 and ex.sliders["capex"].max >= 300     # the range widened
    ex.pick_scenario(None)
    assert ex.npv == pytest.approx(base, abs=1e-12) and ex.settings == {"capex": 100, "benefit": 70}
    assert cba.explore(cba.load_model(path), scenario="big", charts=False).npv == pytest.approx(2 * base, abs=1e-12)
