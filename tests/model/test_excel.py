"""Excel workbooks as an Excel user writes them: errors name the sheet, row and column; the
template; YAML <-> Excel round trips; YAML errors name flow lines; GBK-encoded YAML files.

The workbooks here are built cell by cell with openpyxl (not with write_excel), and every
expected row and column was counted by hand from the rows written below.
"""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

import cba
from cba import InputError
from cba.errors import CBAWarning
from cba.i18n import use_lang
from cba.model.files import convert_model, write_template

ROOT = Path(__file__).resolve().parents[2]



def _workbook(path: Path, edits: dict | None = None) -> Path:
    """A small model typed by hand. Sheets, rows (row 1 = headings) and columns:

    settings:   A key | B value;  row 2 name, 3 horizon, 4 discount_rate, 5 discount_rate_low,
                6 discount_rate_high, 7 baseline
    parameters: A name | B value | C low | D high | E unit | F label | G source | H distribution
                row 2 price, row 3 upkeep_cost
    options:    A key | B label;  row 2 none, row 3 open
    flows:      A option | B name | C kind | D amount | E values | F from | G to | H at
                row 2 open/build, row 3 open/upkeep, row 4 open/grants
    scenarios:  A scenario | B parameter | C value;  row 2 dear/price, row 3 dear/upkeep_cost
    ``edits``: {(sheet, "C3"): value} applied after.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "settings"
    for row in (["key", "value"], ["name", "图书馆"], ["horizon", 3], ["discount_rate", 0.08],
                ["discount_rate_low", 0.06], ["discount_rate_high", 0.1], ["baseline", "none"]):
        ws.append(row)
    ws = wb.create_sheet("parameters")
    for row in (["name", "value", "low", "high", "unit", "label", "source", "distribution"],
                ["price", 100, 80, 120, "万元", "造价", "估计", "triangular"],
                ["upkeep_cost", 5, 4, 6, "万元/年", "运维费", "估计", "normal; sd=0.5"]):
        ws.append(row)
    ws = wb.create_sheet("options")
    for row in (["key", "label"], ["none", "维持现状"], ["open", "新建"]):
        ws.append(row)
    ws = wb.create_sheet("flows")
    for row in (["option", "name", "kind", "amount", "values", "from", "to", "at"],
                ["open", "build", "cost", "price", None, None, None, 0],
                ["open", "upkeep", "cost", "upkeep_cost", None, 1, 3, None],
                ["open", "grants", "benefit", None, "10; 20; 30", 1, None, None]):
        ws.append(row)
    ws = wb.create_sheet("scenarios")
    for row in (["scenario", "parameter", "value"], ["dear", "price", 120], ["dear", "upkeep_cost", 6]):
        ws.append(row)
    for (sheet, coord), value in (edits or {}).items():
        wb[sheet][coord] = value
    wb.save(path)
    return path


def _error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        cba.load_model(path)
    return str(info.value)


def test_hand_written_workbook_loads(tmp_path):
    m = cba.load_model(_workbook(tmp_path / "m.xlsx"))
    assert m.name == "图书馆" and m.discount_range == (0.06, 0.1)
    assert [f.name for f in m.options["open"].flows] == ["build", "upkeep", "grants"]
    assert m.options["open"].flows[2].values == (10, 20, 30)
    assert m.parameters["upkeep_cost"].distribution.to_dict() == {"kind": "normal", "mean": 5.0, "sd": 0.5}
    assert dict(m.scenarios["dear"]) == {"price": 120.0, "upkeep_cost": 6.0}


@pytest.mark.parametrize("edits,where", [
    # flows: options.open.flows[1].kind -> the second flow line of 'open' is row 3; kind is column C
    ({("flows", "C3"): "expense"}, "sheet 'flows', row 3, column C ('kind')"),
    ({("flows", "D2"): "prise * 2"}, "sheet 'flows', row 2, column D ('amount')"),
    ({("flows", "G3"): 9}, "sheet 'flows', row 3, column G ('to')"),              # beyond the horizon
    ({("flows", "B4"): "build"}, "sheet 'flows', row 4, column B ('name')"),      # duplicate name
    ({("flows", "E4"): "10; x; 30"}, "sheet 'flows', row 4, column E ('values'): item 2"),
    # parameters: upkeep_cost is row 3
    ({("parameters", "C3"): "ten"}, "sheet 'parameters', row 3, column C ('low')"),
    ({("parameters", "D2"): 90}, "sheet 'parameters', row 2, column D ('high')"),  # high below value
    ({("parameters", "A3"): "upkeep cost"}, "sheet 'parameters', row 3, column A ('name')"),
    ({("parameters", "H3"): "weibull"}, "sheet 'parameters', row 3, column H ('distribution')"),
    # options: 'open' is row 3
    ({("options", "A3"): "open 2", ("flows", "A2"): "open 2", ("flows", "A3"): "open 2",
      ("flows", "A4"): "open 2"}, "sheet 'options', row 3, column A ('key')"),
    # settings: the row of the key, column B
    ({("settings", "B3"): "ten"}, "sheet 'settings', row 3, column B ('value')"),
    ({("settings", "B5"): "six"}, "sheet 'settings', row 5, column B ('value')"),
    ({("settings", "B4"): 0.2}, "sheet 'settings', row 4, column B ('value')"),   # above the high end
    ({("settings", "B7"): "nothing"}, "sheet 'settings', row 7, column B ('value')"),
    # scenarios: an unknown parameter is the parameter cell; a bad number the value cell
    ({("scenarios", "B3"): "upkeep"}, "sheet 'scenarios', row 3, column B ('parameter')"),
    ({("scenarios", "C2"): "dear"}, "sheet 'scenarios', row 2, column C ('value')"),
])
def test_workbook_errors_name_sheet_row_and_column(tmp_path, edits, where):
    p = _workbook(tmp_path / "m.xlsx", edits)
    text = _error(p)
    assert text.startswith(f"{p}: {where}: "), text
    assert "options." not in text and "parameters." not in text and "[" not in text.split(": ")[1]


def test_workbook_error_message_in_full_and_in_chinese(tmp_path):
    p = _workbook(tmp_path / "m.xlsx", {("flows", "C3"): "expense"})
    assert _error(p) == f"{p}: sheet 'flows', row 3, column C ('kind'): expected one of cost, benefit, effect; got 'expense'"
    with use_lang("zh"):
        assert _error(p).startswith(f"{p}：工作表 'flows' 第 3 行 C 列（'kind'）：")


def test_workbook_errors_found_while_reading(tmp_path):
    p = _workbook(tmp_path / "a.xlsx", {("settings", "A3"): None, ("settings", "B3"): None})
    assert _error(p) == (f"{p}: sheet 'settings': missing the required setting 'horizon': add a row with "
                         "key horizon and its value")
    p = _workbook(tmp_path / "b.xlsx", {("settings", "B2"): None})
    assert _error(p) == f"{p}: sheet 'settings', row 2, column B ('value'): the required setting 'name' has no value"
    p = _workbook(tmp_path / "c.xlsx", {("settings", "A7"): "baseline", ("settings", "A6"): "baseline"})
    assert _error(p).startswith(f"{p}: sheet 'settings', row 7, column A ('key'): setting 'baseline' appears "
                                "twice (first in row 6)")
    p = _workbook(tmp_path / "d.xlsx", {("scenarios", "B3"): "price"})
    assert _error(p) == f"{p}: sheet 'scenarios', row 3, column B ('parameter'): scenario 'dear' sets 'price' twice"
    p = _workbook(tmp_path / "e.xlsx", {("scenarios", "C3"): None})
    assert _error(p) == f"{p}: sheet 'scenarios', row 3, column C ('value'): missing 'value'"
    p = _workbook(tmp_path / "f.xlsx", {("settings", "A3"): "horizn"})
    assert _error(p).startswith(f"{p}: sheet 'settings', row 3, column A ('key'): unknown setting 'horizn' "
                                "(did you mean 'horizon'?)")


def test_note_columns_and_other_sheets_are_not_read(tmp_path):
    import openpyxl

    p = _workbook(tmp_path / "m.xlsx", {("flows", "I1"): "note", ("flows", "I2"): "见可研报告",
                                        ("parameters", "I1"): "说明", ("parameters", "I3"): "=1/0"})
    wb = openpyxl.load_workbook(p)
    wb.create_sheet("我的计算")["A1"] = "anything"
    wb.save(p)
    assert cba.load_model(p) == cba.load_model(_workbook(tmp_path / "plain.xlsx"))


# -- the template --------------------------------------------------------------------------
def _cells(path: Path) -> dict:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return {ws.title: [[(c.value, c.comment.text if c.comment else None) for c in row] for row in ws.iter_rows()]
            for ws in wb}


def test_committed_template_is_the_generated_one(tmp_path):
    write_template(tmp_path / "t.xlsx")
    assert _cells(ROOT / "data" / "template.xlsx") == _cells(tmp_path / "t.xlsx")


def test_template_gives_a_clear_message_then_a_model_once_filled_in(tmp_path):
    import openpyxl

    p = tmp_path / "t.xlsx"
    shutil.copy(ROOT / "data" / "template.xlsx", p)
    assert _error(p) == f"{p}: sheet 'settings', row 2, column B ('value'): the required setting 'name' has no value"
    with use_lang("zh"):
        assert _error(p) == f"{p}：工作表 'settings' 第 2 行 B 列（'value'）：必填设置项 'name' 未填写"
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["说明", "settings", "parameters", "options", "flows", "assets", "scenarios",
                             "price_index", "correlations"]
    keys = [r[0].value for r in wb["settings"].iter_rows(min_row=2)]
    assert keys[:18] == ["name", "description", "currency", "base_year", "price_base_year", "horizon",
                         "discount_rate", "discount_rate_low", "discount_rate_high", "discount_rate_source", "timing",
                         "baseline", "decision_min_bcr", "decision_max_loss_probability",
                         "decision_reject_loss_probability", "decision_adjust_min_bcr", "decision_max_in_range",
                         "decision_max_critical_share"]      # then the method's rows (tests/model/test_excel_method.py)
    assert "必填" in wb["settings"]["C2"].value                         # the note beside each key
    assert "cost" in wb["flows"]["C1"].comment.text and "成本" in wb["flows"]["C1"].comment.text
    ws = wb["settings"]
    ws["B2"], ws["B7"], ws["B8"] = "试填", 2, 0.08                     # name, horizon, discount_rate
    wb.save(p)
    assert _error(p) == (f"{p}: sheet 'flows': no options: fill in at least one flow line on the 'flows' "
                         "sheet (or list the options on the 'options' sheet)")
    wb["parameters"].append(["cost", 10])
    wb["flows"].append(["build", "works", "cost", "cost", None, None, None, 0])
    wb.save(p)
    m = cba.load_model(p)
    assert cba.appraise(m)["build", "npv"] == pytest.approx(-10.0)      # one cost of 10 in period 0


# -- round trips ---------------------------------------------------------------------------
def _rich(tmp_path: Path) -> Path:
    p = tmp_path / "rich.yaml"
    p.write_text(
        "name: 阶梯折现\nhorizon: 40\ncurrency: 万元\nbase_year: 2025\n"
        "discount_rate: [[0, 0.035], [31, 0.03]]\nbaseline: none\n"
        "parameters:\n"
        "  price: {value: 100, low: 80, high: 120, label: 单价, distribution: {kind: pert, low: 80, mode: 100, high: 120}}\n"
        "  demand: {value: 5, low: 2, high: 9, distribution: {kind: normal, sd: 1.5}}\n"
        "  fee: {value: 2.5, low: 1, high: 4, distribution: triangular, unit: 元, source: 估计}\n"
        "options:\n"
        "  none: {flows: []}\n"
        "  build:\n    label: 新建\n    description: 说明文字\n    flows:\n"
        "      - {name: works, kind: cost, amount: price, at: 0}\n"
        "      - {name: grants, kind: benefit, values: [1.5, 2, 3], from: 2}\n"
        "      - {name: fees, kind: benefit, amount: 'demand * fee * (t <= 30)', from: 1, to: 40, label: 收费}\n"
        "scenarios:\n  dear: {price: 120, discount_rate: 0.05}\n  cheap: {price: 80}\n",
        encoding="utf-8")
    return p


@pytest.mark.parametrize("which", ["kiosk", "rich"])
def test_yaml_to_excel_to_yaml_gives_the_same_model(tmp_path, kiosk_path, which):
    src = tmp_path / "m.yaml"
    shutil.copy(kiosk_path if which == "kiosk" else _rich(tmp_path), src)
    xlsx = convert_model(src, "xlsx")
    back = convert_model(xlsx, "yaml", tmp_path / "back.yaml")
    original = cba.load_model(src).to_dict()
    assert cba.load_model(xlsx).to_dict() == original
    assert cba.load_model(back).to_dict() == original
    assert convert_model(back, "xlsx", tmp_path / "again.xlsx") and \
        cba.load_model(tmp_path / "again.xlsx").to_dict() == original


def test_converted_yaml_keeps_chinese_and_key_order(tmp_path, kiosk_path):
    xlsx = convert_model(kiosk_path, "xlsx", tmp_path / "k.xlsx")
    text = convert_model(xlsx, "yaml", tmp_path / "k.yaml").read_text(encoding="utf-8")
    assert "name: 闵行区移动岗亭购置项目\n" in text and "\\u" not in text and "#" not in text
    top = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert top == list(cba.load_model(kiosk_path).to_dict())
    assert "  n_posts:\n    value: 6\n" in text                                # 6, not 6.0


def test_convert_refuses_to_overwrite(tmp_path, kiosk_path):
    target = tmp_path / "k.xlsx"
    target.write_bytes(b"keep me")
    with pytest.raises(InputError, match=r"^out: '.*k.xlsx' exists; add --force"):
        convert_model(kiosk_path, "xlsx", target)
    assert target.read_bytes() == b"keep me"
    convert_model(kiosk_path, "xlsx", target, force=True)
    assert cba.load_model(target) == cba.load_model(kiosk_path)
    with pytest.raises(InputError, match="already a yaml file"):
        convert_model(kiosk_path, "yaml")
    with pytest.raises(InputError, match=r"^out: a xlsx file should end in .xlsx, .xlsm, got"):
        convert_model(kiosk_path, "xlsx", tmp_path / "k.yaml")
    with pytest.raises(InputError, match="^to: expected yaml or xlsx, got 'csv'"):
        convert_model(kiosk_path, "csv")


# -- YAML: flow lines by position (from 1) and name ------------------------------------------
def test_yaml_errors_name_the_flow_line(tmp_path, kiosk_path):
    p = tmp_path / "k.yaml"
    text = kiosk_path.read_text(encoding="utf-8")
    # the kiosk option's flows: upkeep, staffing, fewer_accidents (the kiosks are an asset) -> upkeep is the 1st
    p.write_text(text.replace("      - name: upkeep\n        label: 运行维护\n        kind: cost\n",
                              "      - name: upkeep\n        label: 运行维护\n        kind: expense\n"), encoding="utf-8")
    assert _error(p) == (f"{p}: options.kiosk.flows[1] (name: upkeep).kind: expected one of cost, benefit, effect; "
                         "got 'expense'")
    p.write_text("name: v\nhorizon: 3\ndiscount_rate: 0.08\nparameters: {}\noptions:\n  o:\n    flows:\n"
                 "      - {name: a, kind: cost, amount: 1}\n      - {name: b, kind: cost, values: [1, x]}\n",
                 encoding="utf-8")
    assert _error(p) == f"{p}: options.o.flows[2] (name: b).values[2]: expected a number, got 'x'"


# -- YAML: encodings -----------------------------------------------------------------------
def test_gbk_yaml_is_read_with_a_warning_and_gives_the_same_npv(tmp_path, kiosk_path):
    p = tmp_path / "gbk.yaml"
    p.write_bytes(kiosk_path.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(UnicodeDecodeError):
        p.read_bytes().decode("utf-8")                                   # really not UTF-8
    with pytest.warns(CBAWarning, match="is not UTF-8 text; it was read as GBK/GB18030"):
        m = cba.load_model(p)
    assert m == cba.load_model(kiosk_path)
    assert cba.appraise(m)["kiosk", "npv"] == cba.appraise(cba.load_model(kiosk_path))["kiosk", "npv"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_utf8_with_bom_and_utf16_read_silently(tmp_path, kiosk_path, encoding):
    p = tmp_path / "bom.yaml"
    p.write_bytes(kiosk_path.read_text(encoding="utf-8").encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cba.load_model(p) == cba.load_model(kiosk_path)


def test_text_in_neither_encoding_says_how_to_save_as_utf8(tmp_path):
    p = tmp_path / "latin.yaml"
    p.write_bytes("name: café\nhorizon: 1\n".encode("latin-1"))          # é = 0xE9, then a newline
    with pytest.raises(InputError) as info:
        cba.load_model(p)
    assert str(info.value) == (f"{p}: not UTF-8 (nor GBK/GB18030) text (byte 9 cannot be read); save the file "
                               "as UTF-8 (Notepad: Save as, Encoding UTF-8; WPS, VS Code and other editors: "
                               "encoding UTF-8)")
    with use_lang("zh"):
        assert "请将文件另存为 UTF-8 编码" in str(info.value)


def test_evaluation_error_in_a_workbook_names_the_row_of_the_flow(tmp_path):
    # issue 9: no YAML path for an Excel error, also for errors found when the model is evaluated.
    # Typed by hand: flows sheet row 1 headings, row 2 'ok', row 3 'f' = 1 / a with a = 0.
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "settings"
    for row in (["key", "value"], ["name", "d"], ["horizon", 2], ["discount_rate", 0.08]):
        ws.append(row)
    ws = wb.create_sheet("parameters")
    ws.append(["name", "value", "low", "high"])
    ws.append(["a", 0, 0, 1])
    ws = wb.create_sheet("flows")
    ws.append(["option", "name", "kind", "amount"])
    ws.append(["o", "ok", "cost", "1"])
    ws.append(["o", "f", "cost", "1 / a"])
    p = tmp_path / "div.xlsx"
    wb.save(p)
    m = cba.load_model(p)
    with pytest.raises(cba.EvaluationError) as info:
        cba.appraise(m)
    assert str(info.value) == f"{p}: sheet 'flows', row 3 (f): the formula gives inf in period 1 with a=0"
    with use_lang("zh"):
        assert str(info.value) == f"{p}：工作表 'flows' 第 3 行（f）：公式在第 1 期的值为 inf，此时 a=0"
    problem, = cba.check_model(m).problems
    assert "sheet 'flows', row 3" in str(problem) and "flows[" not in str(problem)
    # a scenario applied through Model.replace keeps the places
    with pytest.raises(cba.EvaluationError, match=r"sheet 'flows', row 3 \(f\)"):
        cba.appraise(m.replace(horizon=3))
