"""Model files: YAML and Excel give the same model; files are data, never code."""
from __future__ import annotations

import shutil

import pytest

import cba
from cba import InputError
from cba.modelfile import write_excel


def test_yaml_and_committed_excel_give_the_same_model(kiosk_path):
    from_yaml = cba.load_model(kiosk_path)
    from_xlsx = cba.load_model(kiosk_path.with_suffix(".xlsx"))
    assert from_xlsx == from_yaml
    assert from_xlsx.to_dict() == from_yaml.to_dict()
    assert cba.appraise(from_xlsx)["kiosk", "npv"] == cba.appraise(from_yaml)["kiosk", "npv"]


def test_excel_round_trip(tmp_path, small):
    small["discount_rate"] = [[0, 0.035], [31, 0.03]]
    small["parameters"]["price"]["distribution"] = {"kind": "pert", "low": 80, "mode": 100, "high": 120}
    small["options"]["buy"]["flows"].append({"name": "v", "kind": "benefit", "values": [1.5, 2, 3], "from": 1})
    small["scenarios"] = {"cheap": {"price": 80}}
    m = cba.load_model(small)
    write_excel(m, tmp_path / "m.xlsx")
    assert cba.load_model(tmp_path / "m.xlsx") == m


def test_yaml_python_tags_are_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    bad = tmp_path / "evil.yaml"
    bad.write_text(
        f"name: !!python/object/apply:os.system ['touch {marker}']\nhorizon: 1\n"
        "discount_rate: 0.08\nparameters: {}\noptions: {o: {flows: []}}\n", encoding="utf-8")
    with pytest.raises(InputError, match="evil.yaml: .*not valid YAML"):
        cba.load_model(bad)
    assert not marker.exists()


def test_yaml_duplicate_keys_are_an_error(tmp_path):
    p = tmp_path / "dup.yaml"
    p.write_text("name: a\nhorizon: 1\nhorizon: 2\ndiscount_rate: 0.08\nparameters: {}\n"
                 "options: {o: {flows: []}}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dup.yaml: line 3: duplicate key 'horizon'"):
        cba.load_model(p)


def test_yaml_syntax_error_gives_line(tmp_path):
    p = tmp_path / "broken.yaml"
    p.write_text("name: a\nhorizon: [1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.yaml: line \d+, column \d+: not valid YAML"):
        cba.load_model(p)


@pytest.mark.parametrize("content,words", [
    ("- a\n- b\n", "expected a mapping at the top level"),
    ("", "expected a mapping at the top level"),
])
def test_yaml_wrong_shape(tmp_path, content, words):
    p = tmp_path / "shape.yaml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=words):
        cba.load_model(p)


def test_missing_file_and_wrong_extension(tmp_path):
    with pytest.raises(InputError, match="nope.yaml: no such file"):
        cba.load_model(tmp_path / "nope.yaml")
    p = tmp_path / "model.txt"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"model.txt: expected a .yaml, .yml or .xlsx model file"):
        cba.load_model(p)


def test_not_utf8(tmp_path):
    p = tmp_path / "gbk.yaml"
    p.write_bytes("name: 闵行\n".encode("gbk"))
    with pytest.raises(InputError, match="gbk.yaml: not UTF-8"):
        cba.load_model(p)


def test_yaml_bad_field_names_file_and_field(tmp_path, kiosk_path):
    p = tmp_path / "x.yaml"
    text = kiosk_path.read_text(encoding="utf-8").replace("    low: 3\n", "    low: ten\n", 1)
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        cba.load_model(p)
    assert str(info.value) == f"{p}: parameters.kiosk_price.low: expected a number, got 'ten'"


def test_excel_bad_cell_names_file_and_field(tmp_path, kiosk_path):
    import openpyxl

    p = tmp_path / "x.xlsx"
    shutil.copy(kiosk_path.with_suffix(".xlsx"), p)
    wb = openpyxl.load_workbook(p)
    ws = wb["parameters"]
    cols = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "kiosk_price":
            row[cols.index("low")].value = "ten"
    wb.save(p)
    with pytest.raises(InputError) as info:
        cba.load_model(p)
    assert str(info.value) == f"{p}: parameters.kiosk_price.low: expected a number, got 'ten'"


def test_excel_missing_sheet_and_unknown_column(tmp_path, kiosk_path):
    import openpyxl

    p = tmp_path / "x.xlsx"
    shutil.copy(kiosk_path.with_suffix(".xlsx"), p)
    wb = openpyxl.load_workbook(p)
    wb["parameters"].cell(row=1, column=12, value="colour")
    wb.save(p)
    with pytest.raises(InputError, match=r"x.xlsx: sheet 'parameters', row 1, column 12: unknown column 'colour'"):
        cba.load_model(p)
    del wb["flows"]
    wb["parameters"].cell(row=1, column=12).value = None
    wb.save(p)
    with pytest.raises(InputError, match="x.xlsx: missing sheet 'flows'"):
        cba.load_model(p)


def test_broken_workbook(tmp_path):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"not a zip file")
    with pytest.raises(InputError, match="broken.xlsx: cannot read the workbook"):
        cba.load_model(p)
