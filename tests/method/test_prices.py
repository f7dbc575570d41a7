"""Price bases: deflation of nominal lines, index files, the Fisher relation and the nominal
discount-rate basis, checked against hand calculations."""
from __future__ import annotations

import numpy as np
import pytest
import yaml

import cba
from cba.i18n import use_lang


def _model(prices, flows, *, horizon=2, rate=0.0, base_year=2025, **extra):
    data = {"name": "m", "horizon": horizon, "base_year": base_year, "discount_rate": rate,
            "parameters": {}, "options": {"a": {"flows": flows}}, **extra}
    if prices is not None:
        data["prices"] = prices
    return data


def _lines(model):
    return cba.appraise(model).flows.lines["a"]


NOMINAL = {"name": "fees", "kind": "benefit", "values": [100.0, 102.0, 104.04], "from": 0, "prices": "nominal"}
REAL = {"name": "upkeep", "kind": "cost", "values": [10.0, 10.0, 10.0], "from": 0}


def test_constant_inflation_by_hand():
    # 2% a year from the price base 2025: 102 / 1.02 = 100; 104.04 / 1.02^2 = 104.04 / 1.0404 = 100
    m = cba.load_model(_model({"inflation": 0.02}, [NOMINAL, REAL]))
    lines = _lines(m)
    np.testing.assert_allclose(lines["fees"][0], [100.0, 100.0, 100.0], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(lines["upkeep"][0], [10.0, 10.0, 10.0])      # real lines untouched
    np.testing.assert_allclose(cba.price_index(m).to_numpy(), [1.0, 1.02, 1.0404], rtol=1e-15)


def test_price_base_other_than_base_year():
    # price base 2026: 2025 amounts are inflated by 1.02, 2027 deflated by 1.02:
    # 100 * 1.02 = 102; 102 / 1 = 102; 104.04 / 1.02 = 102
    m = cba.load_model(_model({"inflation": 0.02}, [NOMINAL], price_base_year=2026))
    np.testing.assert_allclose(_lines(m)["fees"][0], [102.0, 102.0, 102.0], rtol=1e-14)


def test_inline_index_series_by_hand():
    # index 100, 104, 110.24 (4%, then 6%): 52 / 1.04 = 50; 55.12 / 1.1024 = 50
    flows = [{"name": "fees", "kind": "benefit", "values": [50.0, 52.0, 55.12], "from": 0, "prices": "nominal"}]
    m = cba.load_model(_model({"index": {2025: 100, 2026: 104, 2027: 110.24}}, flows))
    np.testing.assert_allclose(_lines(m)["fees"][0], [50.0, 50.0, 50.0], rtol=1e-14)
    # rate 0: NPV is the plain sum 150
    assert float(cba.appraise(m).results()["a"]["npv"][0]) == pytest.approx(150.0, abs=1e-12)


def test_deflate_function_by_hand():
    # draws on the leading axis; never in place
    values = np.array([[100.0, 110.0, 121.0], [200.0, 220.0, 242.0]])
    out = cba.deflate(values, years=[2025, 2026, 2027], base_year=2025, inflation=0.10)
    np.testing.assert_allclose(out, [[100.0, 100.0, 100.0], [200.0, 200.0, 200.0]], rtol=1e-15)
    assert values[0, 2] == 121.0
    idx = {2024: 80.0, 2025: 100.0, 2026: 125.0}
    np.testing.assert_allclose(cba.deflate([80.0, 125.0], years=[2024, 2026], base_year=2025, index=idx),
                               [100.0, 100.0], rtol=1e-15)   # 80 / 0.8, 125 / 1.25


def _write_model(tmp_path, index_entry, flows=(NOMINAL,)):
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(_model({"index": index_entry, "source": "test"}, list(flows)),
                                   allow_unicode=True), encoding="utf-8")
    return path


def test_gbk_csv_with_chinese_headers(tmp_path):
    # index 100, 102, 104.04: the same as 2% a year, so every year deflates to 100
    (tmp_path / "cpi.csv").write_bytes("年份,居民消费价格指数\n2025,100\n2026,102\n2027,104.04\n".encode("gbk"))
    m = cba.load_model(_write_model(tmp_path, {"file": "cpi.csv", "year": "年份", "value": "居民消费价格指数"}))
    np.testing.assert_allclose(_lines(m)["fees"][0], [100.0, 100.0, 100.0], rtol=1e-14)


def test_utf8_bom_csv(tmp_path):
    # a BOM before the first header; index 50, 51, 52.02 (x 0.5 of the one above)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cpi.csv").write_bytes("\ufeffyear,cpi\r\n2025,50\r\n2026,51\r\n2027,52.02\r\n".encode("utf-8"))
    m = cba.load_model(_write_model(tmp_path, {"file": "data/cpi.csv", "year": "year", "value": "cpi"}))
    np.testing.assert_allclose(_lines(m)["fees"][0], [100.0, 100.0, 100.0], rtol=1e-14)


def test_excel_index(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["年份", "CPI（上年=100）", "定基指数"])
    for row in ([2025, 102.0, 200.0], [2026, 102.0, 204.0], [2027, 102.0, 208.08]):
        ws.append(row)
    wb.save(tmp_path / "cpi.xlsx")
    m = cba.load_model(_write_model(tmp_path, {"file": "cpi.xlsx", "year": "年份", "value": "定基指数"}))
    # 102 / (204/200) = 100; 104.04 / (208.08/200) = 100
    np.testing.assert_allclose(_lines(m)["fees"][0], [100.0, 100.0, 100.0], rtol=1e-14)


def test_fisher_round_trip():
    real = np.array([0.0, 0.03, 0.035, 0.08, -0.01])
    infl = np.array([0.02, -0.005, 0.1, 0.03, 0.25])
    back = cba.real_rate(cba.nominal_rate(real, infl), infl)
    np.testing.assert_allclose(back, real, rtol=0, atol=1e-12)
    # 1.03 * 1.02 = 1.0506 exactly (Fisher, not 0.03 + 0.02)
    assert cba.nominal_rate(0.03, 0.02) == pytest.approx(0.0506, abs=1e-15)


@pytest.mark.parametrize("rate", [0.08, [[0, 0.08], [2, 0.06]]])
def test_nominal_rate_npv_identity(rate):
    # NPV of the deflated flows at the real rates (Fisher, period by period) equals the NPV of
    # the nominal flows at the nominal rate, with an index whose inflation changes every year
    index = {2025: 100.0, 2026: 103.0, 2027: 104.03, 2028: 108.1912}     # +3%, +1%, +4%
    nominal = [-500.0, 180.0, 210.0, 260.0]
    flows = [{"name": "net", "kind": "benefit", "values": nominal, "from": 0, "prices": "nominal"}]
    m = cba.load_model(_model({"index": index, "discount_rate": "nominal"}, flows, horizon=3, rate=rate))
    steps = [0.08, 0.08, 0.06, 0.06] if isinstance(rate, list) else [0.08] * 4
    df_nominal = np.cumprod([1.0] + [1 / (1 + r) for r in steps[1:]])
    hand = float(np.dot(nominal, df_nominal))
    got = float(cba.appraise(m).results()["a"]["npv"][0])
    assert got == pytest.approx(hand, rel=1e-13)
    # and the real discount factors are the Fisher ones: DF_1 = 1.03 / 1.08
    df = cba.appraise(m).discount_factors
    assert df[1] == pytest.approx(1 / (1 + cba.real_rate(0.08, 0.03)), rel=1e-15)


def test_nominal_basis_vectorised_over_draws():
    flows = [{"name": "net", "kind": "benefit", "values": [0.0, 106.0], "from": 0, "prices": "nominal"}]
    m = cba.load_model(_model({"inflation": 0.06, "discount_rate": "nominal"}, flows, horizon=1))
    rates = np.array([0.0, 0.06, 0.1236])
    npv = cba.appraise(m, discount_rate=rates).results()["a"]["npv"]
    # 106 / (1 + n): 106, 100, 94.34...
    np.testing.assert_allclose(npv, 106.0 / (1 + rates), rtol=1e-14)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_missing_years_named(lang):
    data = _model({"index": {2025: 100, 2027: 104}}, [NOMINAL], horizon=4)
    with use_lang(lang), pytest.raises(cba.InputError) as err:
        cba.load_model(data)
    text = err.value.render(lang)
    assert "2026, 2028-2029" in text
    assert ("缺少以下年份" if lang == "zh" else "lacks the years") in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_cell_names_file_row_and_column(tmp_path, lang):
    (tmp_path / "cpi.csv").write_text("年份,CPI\n2025,100\n2026,n/a\n2027,104\n", encoding="utf-8")
    with use_lang(lang), pytest.raises(cba.InputError) as err:
        cba.load_model(_write_model(tmp_path, {"file": "cpi.csv", "year": "年份", "value": "CPI"}))
    text = err.value.render(lang)
    assert "cpi.csv" in text and "'CPI'" in text and "'n/a'" in text
    assert ("第 3 行" if lang == "zh" else "row 3") in text


def test_non_positive_index_and_missing_column(tmp_path):
    (tmp_path / "cpi.csv").write_text("year,cpi\n2025,100\n2026,0\n2027,104\n", encoding="utf-8")
    with use_lang("en"), pytest.raises(cba.InputError, match=r"row 3, column 'cpi': a price index must be positive"):
        cba.load_model(_write_model(tmp_path, {"file": "cpi.csv", "year": "year", "value": "cpi"}))
    with use_lang("en"), pytest.raises(cba.InputError, match=r"has no column 'CPI' \(columns: year, cpi\)"):
        cba.load_model(_write_model(tmp_path, {"file": "cpi.csv", "year": "year", "value": "CPI"}))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nominal_line_without_prices(lang):
    with use_lang(lang), pytest.raises(cba.InputError) as err:
        cba.load_model(_model(None, [REAL, NOMINAL]))
    text = err.value.render(lang)
    assert "options.a.flows[1].prices" in text
    assert ("没有 prices 部分" if lang == "zh" else "has no prices section") in text


def test_report_states_price_base():
    from cba.method.prices import price_basis_text

    m = cba.load_model(_model({"inflation": 0.02, "source": "假设", "discount_rate": "nominal"},
                              [NOMINAL], rate=0.05))
    zh = price_basis_text(m, "zh")
    assert zh[0].startswith("价格基准：2025年不变价；按现价填写的fees已用固定年通胀率 2%")
    assert any("费雪" in t for t in zh)
    assert price_basis_text(m, "en")[0].startswith("Price base: constant 2025 prices; fees, entered in nominal")
