"""Excel workbooks carry the appraisal method's parts of the model file (issue 10): the flows
columns ``economic | prices | capex``, the ``assets`` sheet, the ``price_index`` sheet and the
settings rows of the ``prices``, ``economic``, ``optimism_bias`` and ``benchmarks`` sections.

They are read into exactly the dict a YAML file gives (checked against dicts written out here),
errors name the sheet, row and column, and write -> read gives the dict back. The workbooks are
built cell by cell with openpyxl (as a user types them, not with write_excel); every row and
column below was counted by hand from the rows written in :func:`_workbook`.

The end-to-end tests at the bottom (an xlsx model with assets gives the YAML model's NPV) need
the assets branch (``Asset.from_entry``); they skip, with that reason, until it is merged.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import cba
from cba import InputError
from cba.i18n import use_lang
from cba.model.excel import SECTION_SETTINGS, read_excel
from cba.model.excel_write import build_workbook
from cba.model.files import convert_model, read_model_data, write_template

ROOT = Path(__file__).resolve().parents[2]

#: sheet -> rows (row 1 = headings). Rows and columns, counted by hand:
#: settings   A key | B value; rows 2-5 name, horizon, discount_rate, base_year; 6 inflation,
#:            7 discount_rate_basis, 8 prices_source, 9 financial_discount_rate, 10 main_view,
#:            11 factor_unskilled_labour, 12 factor_unskilled_labour_source, 13 factor_foreign_exchange,
#:            14 optimism_project_type, 15 optimism_capital, 16 optimism_apply, 17 benchmark_eirr,
#:            18 benchmark_eirr_source, 19 benchmark_fbcr
#: flows      A option | B name | C kind | D amount | E economic | F prices | G capex
#:            row 2 manual/staffing, 3 kiosk/staffing, 4 kiosk/upkeep, 5 kiosk/works
#: assets     A option | B name | C label | D cost | E life | F salvage | G residual | H growth |
#:            I from | J replace | K economic | L prices | M description
#:            row 2 kiosk/kiosks, 3 kiosk/shelter, 4 manual/radios
SHEETS = {
    "settings": [["key", "value"], ["name", "岗亭"], ["horizon", 6], ["discount_rate", 0.1], ["base_year", 2025],
                 ["inflation", 0.02], ["discount_rate_basis", "real"], ["prices_source", "国家统计局居民消费价格指数"],
                 ["financial_discount_rate", 0.04], ["main_view", "financial"],
                 ["factor_unskilled_labour", 0.8], ["factor_unskilled_labour_source", "《方法与参数》第三版"],
                 ["factor_foreign_exchange", 1.08], ["optimism_project_type", "equipment_development"],
                 ["optimism_capital", 0.54], ["optimism_apply", True], ["benchmark_eirr", 0.08],
                 ["benchmark_eirr_source", "发改投资〔2006〕1325号"], ["benchmark_fbcr", 1]],
    "parameters": [["name", "value"], ["price", 10], ["life", 4]],
    "options": [["key", "label"], ["manual", "人工执勤"], ["kiosk", "移动岗亭"]],
    "flows": [["option", "name", "kind", "amount", "economic", "prices", "capex"],
              ["manual", "staffing", "cost", 12, "unskilled_labour", None, None],
              ["kiosk", "staffing", "cost", 6, 0.8, None, None],
              ["kiosk", "upkeep", "cost", 1, None, "nominal", False],
              ["kiosk", "works", "cost", 2, None, None, "是"]],
    "assets": [["option", "name", "label", "cost", "life", "salvage", "residual", "growth", "from", "replace",
                "economic", "prices", "description"],
               ["kiosk", "kiosks", "岗亭", "price", "life", 0, "straight_line", 0, 0, "ceil", "standard", "real",
                "每个岗点一台"],
               ["kiosk", "shelter", "遮阳棚", 3, 2.5, 0.5, "remaining_life", 0.01, 1, "split"],
               ["manual", "radios", "对讲机", "0.5 * 2", 5]],
}

#: the same model as a YAML file holds it (what the reader must give)
EXPECTED = {
    "name": "岗亭", "horizon": 6, "discount_rate": 0.1, "base_year": 2025,
    "prices": {"inflation": 0.02, "discount_rate": "real", "source": "国家统计局居民消费价格指数"},
    "economic": {"financial_discount_rate": 0.04, "main": "financial",
                 "factors": {"unskilled_labour": {"value": 0.8, "source": "《方法与参数》第三版"},
                             "foreign_exchange": 1.08}},
    "optimism_bias": {"project_type": "equipment_development", "capital": 0.54, "apply": True},
    "benchmarks": {"eirr": {"value": 0.08, "source": "发改投资〔2006〕1325号"}, "fbcr": {"value": 1}},
    "parameters": {"price": {"value": 10}, "life": {"value": 4}},
    "options": {
        "manual": {"label": "人工执勤",
                   "flows": [{"name": "staffing", "kind": "cost", "amount": 12, "economic": "unskilled_labour"}],
                   "assets": [{"name": "radios", "label": "对讲机", "cost": "0.5 * 2", "life": 5}]},
        "kiosk": {"label": "移动岗亭",
                  "flows": [{"name": "staffing", "kind": "cost", "amount": 6, "economic": 0.8},
                            {"name": "upkeep", "kind": "cost", "amount": 1, "prices": "nominal", "capex": False},
                            {"name": "works", "kind": "cost", "amount": 2, "capex": True}],
                  "assets": [{"name": "kiosks", "label": "岗亭", "cost": "price", "life": "life", "salvage": 0,
                              "residual": "straight_line", "growth": 0, "from": 0, "replace": "ceil",
                              "economic": "standard", "prices": "real", "description": "每个岗点一台"},
                             {"name": "shelter", "label": "遮阳棚", "cost": 3, "life": 2.5, "salvage": 0.5,
                              "residual": "remaining_life", "growth": 0.01, "from": 1, "replace": "split"}]},
    },
}


def _workbook(path: Path, edits: dict | None = None, sheets: dict | None = None) -> Path:
    """Write ``sheets`` (default :data:`SHEETS`) row by row; ``edits`` {(sheet, "C3"): value} after."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (SHEETS if sheets is None else sheets).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    for (sheet, coord), value in (edits or {}).items():
        wb[sheet][coord] = value
    wb.save(path)
    return path


def _read_error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_model_data(path)
    return str(info.value)


# -- reading: the dict a YAML file gives -------------------------------------------------------
def test_workbook_reads_into_the_yaml_structure(tmp_path):
    data, _ = read_model_data(_workbook(tmp_path / "m.xlsx"))
    assert data == EXPECTED
    # sheet order is list order; Excel's FALSE and the text 是 are booleans
    assert [a["name"] for a in data["options"]["kiosk"]["assets"]] == ["kiosks", "shelter"]
    assert data["options"]["kiosk"]["flows"][1]["capex"] is False
    assert data["options"]["kiosk"]["flows"][2]["capex"] is True


@pytest.mark.parametrize("text,value", [("TRUE", True), ("false", False), (" True ", True), ("否", False)])
def test_capex_text_true_false_and_shi_fou(tmp_path, text, value):
    data, _ = read_model_data(_workbook(tmp_path / "m.xlsx", {("flows", "G5"): text}))
    assert data["options"]["kiosk"]["flows"][2]["capex"] is value


def test_economic_typed_as_text_is_a_number_and_names_lose_their_spaces(tmp_path):
    data, _ = read_model_data(_workbook(tmp_path / "m.xlsx", {("flows", "E3"): "0.8", ("flows", "E2"): " transfer "}))
    assert data["options"]["kiosk"]["flows"][0]["economic"] == 0.8
    assert data["options"]["manual"]["flows"][0]["economic"] == "transfer"


def test_an_option_with_assets_only(tmp_path):
    sheets = {**SHEETS, "options": [["key"], ["manual"], ["kiosk"], ["rent"]],
              "assets": SHEETS["assets"] + [["rent", "van", None, 20, 7]]}
    data, _ = read_model_data(_workbook(tmp_path / "m.xlsx", sheets=sheets))
    assert data["options"]["rent"] == {"flows": [], "assets": [{"name": "van", "cost": 20, "life": 7}]}


def test_cells_of_the_new_fields(tmp_path):
    p = _workbook(tmp_path / "m.xlsx")
    _, cells = read_excel(p, str(p))

    def where(path):
        return str(cells.where(path))

    # an error the Model reports as options.kiosk.assets[0].life is the cell E2 of 'assets'
    assert where("options.kiosk.assets[0].life") == "sheet 'assets', row 2, column E ('life')"
    assert where("options.kiosk.assets[1].replace") == "sheet 'assets', row 3, column J ('replace')"
    assert where("options.manual.assets[0]") == "sheet 'assets', row 4"
    assert where("options.manual.assets[0].cost") == "sheet 'assets', row 4, column D ('cost')"
    assert where("options.kiosk.flows[1].capex") == "sheet 'flows', row 4, column G ('capex')"
    assert where("options.manual.flows[0].economic") == "sheet 'flows', row 2, column E ('economic')"
    # settings rows: the value cell of the row, the section at its first row
    assert where("prices.discount_rate") == "sheet 'settings', row 7, column B ('value')"
    assert where("discount_rate") == "sheet 'settings', row 4, column B ('value')"
    assert where("prices.source") == "sheet 'settings', row 8, column B ('value')"
    assert where("economic") == "sheet 'settings', row 9"
    assert where("economic.main") == "sheet 'settings', row 10, column B ('value')"
    assert where("economic.factors") == "sheet 'settings', row 11"
    assert where("economic.factors.unskilled_labour") == "sheet 'settings', row 11, column B ('value')"
    assert where("economic.factors.unskilled_labour.value") == "sheet 'settings', row 11, column B ('value')"
    assert where("economic.factors.unskilled_labour.source") == "sheet 'settings', row 12, column B ('value')"
    assert where("economic.factors.foreign_exchange") == "sheet 'settings', row 13, column B ('value')"
    assert where("optimism_bias") == "sheet 'settings', row 14"
    assert where("optimism_bias.apply") == "sheet 'settings', row 16, column B ('value')"
    assert where("benchmarks.eirr") == "sheet 'settings', row 17, column B ('value')"
    assert where("benchmarks.eirr.source") == "sheet 'settings', row 18, column B ('value')"
    assert where("benchmarks.fbcr.value") == "sheet 'settings', row 19, column B ('value')"


@pytest.mark.parametrize("edits,message", [
    ({("flows", "G4"): "yes"},
     "sheet 'flows', row 4, column G ('capex'): expected TRUE or FALSE (or 是 or 否), got 'yes'"),
    ({("flows", "G4"): 1}, "sheet 'flows', row 4, column G ('capex'): expected TRUE or FALSE (or 是 or 否), got 1"),
    ({("settings", "B16"): "maybe"},
     "sheet 'settings', row 16, column B ('value'): expected TRUE or FALSE (or 是 or 否), got 'maybe'"),
    ({("assets", "A3"): "kiosc"},
     "sheet 'assets', row 3, column A ('option'): unknown option 'kiosc' (did you mean 'kiosk'?); known options: "
     "manual, kiosk; options used on the 'assets' sheet must be listed on the 'options' sheet"),
    ({("assets", "A4"): None}, "sheet 'assets', row 4, column A ('option'): missing 'option'"),
    ({("assets", "N1"): "lifetime"}, "sheet 'assets', row 1, column N: unknown column 'lifetime'"),
    ({("settings", "A19"): "benchmark_xirr"},
     "sheet 'settings', row 19, column A ('key'): unknown setting 'benchmark_xirr' (did you mean 'benchmark_firr'?)"),
    ({("settings", "B17"): None},
     "sheet 'settings', row 18, column B ('value'): benchmark_eirr_source is given but benchmark_eirr is not: add a "
     "row with key benchmark_eirr and its value"),
    ({("settings", "A11"): "factor_skilled_labour"},
     "sheet 'settings', row 12, column B ('value'): factor_unskilled_labour_source is given but "
     "factor_unskilled_labour is not: add a row with key factor_unskilled_labour and its value"),
])
def test_errors_found_while_reading_name_the_cell(tmp_path, edits, message):
    p = _workbook(tmp_path / "m.xlsx", edits)
    assert _read_error(p).startswith(f"{p}: {message}")


def test_the_flag_error_in_chinese(tmp_path):
    p = _workbook(tmp_path / "m.xlsx", {("flows", "G4"): "yes"})
    with use_lang("zh"):
        assert _read_error(p) == f"{p}：工作表 'flows' 第 4 行 G 列（'capex'）：应为 TRUE 或 FALSE（也可写 是 或 否），实际为 'yes'"


def test_any_factor_name_is_a_settings_row(tmp_path):
    p = _workbook(tmp_path / "m.xlsx", {("settings", "A13"): "factor_skilled_labour"})
    data, _ = read_model_data(p)
    assert data["economic"]["factors"] == {"unskilled_labour": {"value": 0.8, "source": "《方法与参数》第三版"},
                                           "skilled_labour": 1.08}


def test_flow_fields_checked_by_the_model_name_the_cell(tmp_path):
    # without assets (the skeleton's Asset.from_entry is not implemented yet): Flow checks prices and capex
    sheets = {k: v for k, v in SHEETS.items() if k != "assets"}
    p = _workbook(tmp_path / "m.xlsx", {("flows", "F4"): "nominl"}, sheets=sheets)
    with pytest.raises(InputError) as info:
        cba.load_model(p)
    assert str(info.value) == f"{p}: sheet 'flows', row 4, column F ('prices'): expected one of real, nominal; got 'nominl'"


# -- the price index -------------------------------------------------------------------------
def _index_sheets(settings_rows: list, index_rows: list | None) -> dict:
    sheets = {"settings": [["key", "value"], ["name", "p"], ["horizon", 2], ["discount_rate", 0.08],
                           ["base_year", 2025], *settings_rows],
              "flows": [["option", "name", "kind", "amount", "prices"], ["o", "fee", "benefit", 1, "nominal"]],
              "parameters": [["name", "value"]]}
    if index_rows is not None:
        sheets["price_index"] = [["year", "value"], *index_rows]
    return sheets


def test_price_index_sheet_is_the_inline_index(tmp_path):
    p = _workbook(tmp_path / "m.xlsx", sheets=_index_sheets([["discount_rate_basis", "nominal"]],
                                                            [[2025, 100], [2026, 102.0], ["2027", 104.5]]))
    data, _ = read_model_data(p)
    assert data["prices"] == {"discount_rate": "nominal", "index": {2025: 100, 2026: 102.0, 2027: 104.5}}
    _, cells = read_excel(p, str(p))
    assert str(cells.where("prices.index.2026")) == "sheet 'price_index', row 3, column B ('value')"
    assert str(cells.where("prices.index[2026]")) == "sheet 'price_index', row 3, column B ('value')"
    assert str(cells.where("prices.index")) == "sheet 'price_index'"


def test_price_index_from_a_file_is_three_settings_rows(tmp_path):
    p = _workbook(tmp_path / "m.xlsx", sheets=_index_sheets(
        [["price_index_file", "cpi.csv"], ["price_index_year", "年份"], ["price_index_value", "CPI"]], None))
    data, cells = read_excel(p, str(p))
    assert data["prices"] == {"index": {"file": "cpi.csv", "year": "年份", "value": "CPI"}}
    assert str(cells.where("prices.index")) == "sheet 'settings', row 6"
    assert str(cells.where("prices.index.value")) == "sheet 'settings', row 8, column B ('value')"


@pytest.mark.parametrize("settings_rows,index_rows,message", [
    ([], [[2025, 100], ["二〇二六", 102]],
     "sheet 'price_index', row 3, column A ('year'): expected a year as a whole number, e.g. 2025, got '二〇二六'"),
    ([], [[2025, 100], [2025.5, 101]],
     "sheet 'price_index', row 3, column A ('year'): expected a year as a whole number, e.g. 2025, got 2025.5"),
    ([], [[2025, 100], [2025, 101]], "sheet 'price_index', row 3, column A ('year'): year 2025 appears twice"),
    ([], [[2025, 100], [2026, None]], "sheet 'price_index', row 3, column B ('value'): missing 'value'"),
    ([["price_index_file", "cpi.csv"]], [[2025, 100]],
     "sheet 'price_index', row 2, column A ('year'): the price index is also given by price_index_file (and the "
     "rows beside it) on the settings sheet, row 6 (read from a file); keep one"),
])
def test_price_index_errors(tmp_path, settings_rows, index_rows, message):
    p = _workbook(tmp_path / "m.xlsx", sheets=_index_sheets(settings_rows, index_rows))
    assert _read_error(p).startswith(f"{p}: {message}")


# -- writing: write -> read gives the dict back -------------------------------------------------
def _write_read(tmp_path: Path, data: dict) -> dict:
    p = tmp_path / "w.xlsx"
    build_workbook(data).save(p)
    return read_model_data(p)[0]


def test_dict_round_trip_through_a_workbook(tmp_path):
    assert _write_read(tmp_path, EXPECTED) == EXPECTED


@pytest.mark.parametrize("prices", [
    {"index": {2025: 100, 2026: 102.5}, "discount_rate": "nominal", "source": "CPI"},
    {"index": {"file": "cpi.csv", "year": "年份", "value": "CPI"}},
    {"inflation": 0.02},
])
def test_dict_round_trip_of_each_form_of_prices(tmp_path, prices):
    data = {"name": "p", "horizon": 2, "discount_rate": 0.08, "prices": prices, "parameters": {},
            "options": {"o": {"flows": [{"name": "f", "kind": "cost", "amount": 1, "prices": "nominal"}]}}}
    assert _write_read(tmp_path, data) == data


def test_written_settings_rows_in_the_template_order(tmp_path):
    import openpyxl

    data = {**EXPECTED, "economic": {"factors": {"skilled_labour": 1.0, "standard": {"value": 1.0, "source": "s"}}}}
    p = tmp_path / "w.xlsx"
    build_workbook(data).save(p)
    keys = [r[0].value for r in openpyxl.load_workbook(p)["settings"].iter_rows(min_row=2)]
    assert keys == ["name", "base_year", "horizon", "discount_rate", "inflation", "discount_rate_basis",
                    "prices_source", "factor_standard", "factor_standard_source", "factor_skilled_labour",
                    "optimism_project_type", "optimism_capital", "optimism_apply", "benchmark_eirr",
                    "benchmark_eirr_source", "benchmark_fbcr"]
    assert read_model_data(p)[0] == data


def test_a_field_without_a_place_in_the_workbook_is_an_error_not_dropped():
    data = {**EXPECTED, "options": {"kiosk": {"flows": [], "assets": [{"name": "k", "cost": 1, "life": 2,
                                                                       "depreciation": "sum_of_digits"}]}}}
    with pytest.raises(InputError, match=r"^the field 'options.kiosk.assets\[0\].depreciation' has no place in a "
                                         "workbook; save the model as YAML instead$"):
        build_workbook(data)
    with pytest.raises(InputError, match="'optimism_bias.table' has no place"):
        build_workbook({**EXPECTED, "optimism_bias": {"table": [1, 2]}})


_YAML = """name: 岗亭
horizon: 6
discount_rate: 0.1
base_year: 2025
prices:
  inflation: 0.02
  source: 国家统计局居民消费价格指数
economic:
  factors:
    unskilled_labour: {value: 0.8, source: 《方法与参数》第三版}
  main: financial
optimism_bias: {project_type: equipment_development, apply: false}
benchmarks:
  eirr: {value: 0.08, source: 发改投资〔2006〕1325号}
parameters: {price: 10}
options:
  manual:
    flows:
      - {name: staffing, kind: cost, amount: 12, economic: unskilled_labour}
  kiosk:
    flows:
      - {name: staffing, kind: cost, amount: 6, economic: 0.8}
      - {name: upkeep, kind: cost, amount: 1, prices: nominal}
      - {name: works, kind: cost, amount: price, at: 0, capex: true}
"""


def test_yaml_to_excel_to_yaml_keeps_the_method_sections_and_flow_fields(tmp_path):
    src = tmp_path / "m.yaml"
    src.write_text(_YAML, encoding="utf-8")
    original = cba.load_model(src).to_dict()
    xlsx = convert_model(src, "xlsx")
    assert cba.load_model(xlsx).to_dict() == original
    back = convert_model(xlsx, "yaml", tmp_path / "back.yaml")
    assert cba.load_model(back).to_dict() == original


# -- the template ----------------------------------------------------------------------------
def test_template_lists_the_method_rows_sheets_and_columns_with_help(tmp_path):
    import openpyxl

    write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    keys = [r[0].value for r in wb["settings"].iter_rows(min_row=2)]
    assert keys[keys.index("decision_max_critical_share") + 1:] == list(SECTION_SETTINGS)
    assert [c.value for c in wb["flows"][1]][-4:] == ["economic", "prices", "capex", "unit"]
    assert [c.value for c in wb["assets"][1]] == ["option", "name", "label", "cost", "life", "salvage", "residual",
                                                  "growth", "from", "replace", "economic", "prices", "description"]
    assert [c.value for c in wb["price_index"][1]] == ["year", "value"]
    # help: Chinese first, then English
    life = wb["assets"]["E1"].comment.text
    assert life.startswith("使用年限") and "Service life in years" in life
    assert wb["flows"]["M1"].comment.text.startswith("TRUE 表示资本性支出")
    notes = {r[0].value: r[2].value for r in wb["settings"].iter_rows(min_row=2)}
    assert notes["benchmark_eirr_source"] == "benchmark_eirr 的来源或依据（文件、文号） / Where benchmark_eirr comes from"
    assert notes["discount_rate_basis"].startswith("折现率的价格基础")
    guide = [r[0].value for r in wb["说明"].iter_rows(min_row=2)]
    assert any(g.startswith("assets（可选）") for g in guide)
    # the empty template still reads (method rows without a value are not set)
    with pytest.raises(InputError, match="the required setting 'name' has no value"):
        cba.load_model(tmp_path / "t.xlsx")


# -- end to end: need the assets branch ----------------------------------------------------------
def _assets_implemented() -> bool:
    from cba.method.assets import Asset

    try:
        Asset.from_entry({"name": "probe", "cost": 1, "life": 1})
    except NotImplementedError:
        return False
    except Exception:  # noqa: BLE001 - any other answer means the parser exists
        return True
    return True


needs_assets = pytest.mark.skipif(not _assets_implemented(),
                                  reason="needs Asset.from_entry from the assets branch (issue 10): un-skip after merging")

_ASSET_YAML = """name: 岗亭
horizon: 6
discount_rate: 0.1
economic: {main: financial}
parameters: {price: 10, life: 4}
options:
  kiosk:
    flows: []
    assets:
      - {name: kiosks, label: 岗亭, cost: price, life: life}
"""


@needs_assets
def test_xlsx_model_with_an_asset_gives_the_yaml_models_npv(tmp_path):
    # cost 10, life 4, horizon 6, r = 10%, end-of-year timing: bought in period 0, replaced in
    # period 4; at the horizon the second kiosk has (4 + 4 - 6) / 4 = 1/2 of its life left, so its
    # straight-line residual value is 10 * 1/2 = 5 in period 6:
    #   NPV = -10 - 10 / 1.1^4 + 5 / 1.1^6 = -10 - 6.830135 + 2.822370 = -14.007765
    src = tmp_path / "m.yaml"
    src.write_text(_ASSET_YAML, encoding="utf-8")
    xlsx = convert_model(src, "xlsx")
    data, _ = read_model_data(xlsx)
    assert data["options"]["kiosk"]["assets"][0]["name"] == "kiosks"
    yaml_model, xlsx_model = cba.load_model(src), cba.load_model(xlsx)
    assert xlsx_model.to_dict() == yaml_model.to_dict()
    assert cba.appraise(xlsx_model)["kiosk", "npv"] == pytest.approx(-14.007765, abs=1e-6)
    assert cba.appraise(yaml_model)["kiosk", "npv"] == pytest.approx(-14.007765, abs=1e-6)
    back = convert_model(xlsx, "yaml", tmp_path / "back.yaml")
    assert cba.load_model(back).to_dict() == yaml_model.to_dict()


@needs_assets
def test_model_error_in_an_asset_names_the_workbook_cell(tmp_path):
    # options.kiosk.assets[0].residual -> the first asset row (2), column G ('residual')
    p = _workbook(tmp_path / "m.xlsx", {("assets", "G2"): "declining"})
    with pytest.raises(InputError) as info:
        cba.load_model(p)
    assert str(info.value).startswith(f"{p}: sheet 'assets', row 2, column G ('residual'): ")



def test_correlations_sheet_round_trip_and_error_cells(tmp_path):
    # the kiosk model's two pairs (data/minhang_kiosk.yaml) written to a correlations sheet and read back
    import openpyxl

    from cba.model.files import write_excel

    m = cba.load_model(ROOT / "data" / "minhang_kiosk.yaml")
    p = tmp_path / "k.xlsx"
    write_excel(m, p)
    ws = openpyxl.load_workbook(p)["correlations"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["first", "second", "r"], ["kiosk_price", "om_cost", 0.5], ["accidents", "crash_cost", -0.3]]
    assert cba.load_model(p).correlations == m.correlations
    ws = openpyxl.load_workbook(p)
    ws["correlations"]["B2"] = "om_costs"          # a misspelt parameter: named at its row
    ws.save(p)
    with pytest.raises(cba.InputError) as err:
        cba.load_model(p)
    assert "sheet 'correlations', row 2" in err.value.render("en") and "om_cost" in err.value.render("en")


def test_discrete_and_empirical_lists_round_trip_through_excel(tmp_path):
    # values and probabilities are written as "1,2,5" (what the reader takes), not as "[1.0, 2.0, 5.0]"
    model = {"name": "d", "horizon": 1, "discount_rate": 0.05,
             "parameters": {"k": {"value": 2, "low": 1, "high": 5,
                                  "distribution": {"kind": "discrete", "values": [1, 2, 5],
                                                   "probabilities": [0.25, 0.5, 0.25]}},
                            "e": {"value": 3, "low": 1, "high": 9,
                                  "distribution": {"kind": "empirical", "values": [1, 2.5, 9]}}},
             "options": {"o": {"flows": [{"name": "f", "kind": "cost", "amount": "k + e"}]}}}
    m = cba.load_model(model)
    p = tmp_path / "d.xlsx"
    from cba.model.files import write_excel

    write_excel(m, p)
    back = cba.load_model(p)
    assert back.parameters["k"].distribution.to_dict() == m.parameters["k"].distribution.to_dict()
    assert back.parameters["e"].distribution.to_dict() == m.parameters["e"].distribution.to_dict()
