"""`cba convert`: YAML <-> Excel on the command line; nothing is overwritten without --force."""
from __future__ import annotations

import pytest

import cba
from cba.cli import main



def test_convert_yaml_to_xlsx_and_back(tmp_path, kiosk_path, capsys):
    src = tmp_path / "k.yaml"
    src.write_bytes(kiosk_path.read_bytes())
    assert main(["convert", str(src), "--to", "xlsx"]) == 0
    assert capsys.readouterr().out.strip() == f"written: {tmp_path / 'k.xlsx'}"
    assert main(["convert", str(tmp_path / "k.xlsx"), "--to", "yaml", "--out", str(tmp_path / "b.yaml")]) == 0
    assert cba.load_model(tmp_path / "b.yaml").to_dict() == cba.load_model(kiosk_path).to_dict()
    assert "闵行区移动岗亭购置项目" in (tmp_path / "b.yaml").read_text(encoding="utf-8")


def test_convert_refuses_an_existing_file_without_force(tmp_path, kiosk_path, capsys):
    out = tmp_path / "k.xlsx"
    out.write_bytes(b"keep me")
    assert main(["convert", str(kiosk_path), "--to", "xlsx", "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (f"error: --out: '{out}' exists; add --force to replace it, "
                                               "or choose another name with --out")
    assert out.read_bytes() == b"keep me"
    assert main(["convert", str(kiosk_path), "--to", "xlsx", "--out", str(out), "--force"]) == 0
    assert cba.load_model(out) == cba.load_model(kiosk_path)


@pytest.mark.parametrize("args,words", [
    (["--to", "yaml"], "the file is already a yaml file"),
    (["--to", "xlsx", "--out", "x.csv"], "--out: a xlsx file should end in .xlsx, .xlsm, got 'x.csv'"),
])
def test_convert_usage_errors_exit_2(kiosk_path, capsys, args, words):
    assert main(["convert", str(kiosk_path), *args]) == 2
    assert words in capsys.readouterr().err


def test_convert_an_invalid_model_names_the_cell_and_writes_nothing(tmp_path, capsys):
    import openpyxl

    p = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "settings"
    for row in (["key", "value"], ["name", "x"], ["horizon", 2], ["discount_rate", 0.08]):
        ws.append(row)
    wb.create_sheet("parameters").append(["name", "value"])
    ws = wb.create_sheet("flows")
    ws.append(["option", "name", "kind", "amount"])
    ws.append(["o", "f", "cost", "1"])
    ws.append(["o", "g", "expense", "1"])
    wb.save(p)
    assert main(["convert", str(p), "--to", "yaml"]) == 2
    assert capsys.readouterr().err.strip() == (f"error: {p}: sheet 'flows', row 3, column C ('kind'): expected "
                                               "one of cost, benefit, effect; got 'expense'")
    assert not (tmp_path / "m.yaml").exists()


def test_convert_in_chinese(tmp_path, kiosk_path, capsys, monkeypatch):
    monkeypatch.delenv("CBA_LANG")
    out = tmp_path / "k.xlsx"
    assert main(["convert", str(kiosk_path), "--to", "xlsx", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"已写入：{out}"
    assert main(["convert", str(kiosk_path), "--to", "xlsx", "--out", str(out)]) == 2
    assert "已存在；加 --force 覆盖" in capsys.readouterr().err
