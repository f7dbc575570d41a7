"""read_table and check_counts: encodings, Excel, Chinese headers, and errors that name the file,
the row (as the file numbers it: the header is row 1) and the column, in English and Chinese."""
from __future__ import annotations

import hashlib

import pytest

from cba.errors import InputError
from cba.evidence import check_counts, read_table
from cba.i18n import use_lang

ROWS = "路口,时段,事故数,月数\n莘庄,前,12,12\n莘庄,后,7,12\n七宝,前,9,12\n七宝,后,-2,12\n"   # -2 on row 5


def _write(tmp_path, name, text, encoding):
    f = tmp_path / name
    f.write_bytes(text.encode(encoding))
    return f


@pytest.mark.parametrize("encoding, expected", [("gbk", "gbk"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")])
def test_encodings_with_chinese_headers(tmp_path, encoding, expected):
    f = _write(tmp_path, "accidents.csv", ROWS, encoding)
    t = read_table(f)
    assert t.attrs["encoding"] == expected
    assert list(t.columns) == ["路口", "时段", "事故数", "月数"]          # no BOM left on the first name
    assert t["事故数"].tolist() == [12.0, 7.0, 9.0, -2.0] and t["路口"].tolist() == ["莘庄", "莘庄", "七宝", "七宝"]
    assert list(t.index) == [2, 3, 4, 5]                                    # rows of the file
    assert t.attrs["path"] == str(f) and t.attrs["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()


def test_negative_count_at_row_5_named_in_both_languages(tmp_path):
    f = _write(tmp_path, "accidents.csv", ROWS, "gbk")
    t = read_table(f)
    with pytest.raises(InputError) as err:
        check_counts(t, "事故数", "月数")
    assert err.value.render("en") == f"{f}: row 5, column '事故数': a count cannot be negative, got -2"
    assert err.value.render("zh") == f"{f}：第 5 行，'事故数' 列：计数不能为负数，实际为 -2"


def test_row_numbers_survive_blank_rows_and_filtering(tmp_path):
    f = _write(tmp_path, "a.csv", "site,accidents,months\nA,3,12\n,,\nB,4,0\n", "utf-8")
    t = read_table(f)
    with pytest.raises(InputError) as err:
        check_counts(t[t["site"] == "B"], "accidents", "months")
    assert err.value.render("en") == f"{f}: row 4, column 'months': an exposure (months observed, traffic volume, ...) " \
                                     "must be positive, got 0"


@pytest.mark.parametrize("body, message", [
    ("A,3.5,12\n", "row 2, column 'accidents': a count must be a whole number, got 3.5"),
    ("A,3,12\nB,abc,12\n", "row 3, column 'accidents': expected a number, got 'abc'"),
    ("A,3,12\nB,,12\n", "row 3, column 'accidents': the cell is empty"),
    ("A,3,-1\n", "row 2, column 'months': an exposure (months observed, traffic volume, ...) must be positive, got -1"),
    ("A,3,十二\n", "row 2, column 'months': expected a number, got '十二'"),
])
def test_each_bad_cell(tmp_path, body, message):
    f = _write(tmp_path, "a.csv", "site,accidents,months\n" + body, "utf-8")
    with pytest.raises(InputError) as err:
        check_counts(read_table(f), "accidents", "months")
    assert err.value.render("en") == f"{f}: {message}"


def test_missing_column_lists_the_columns(tmp_path):
    f = _write(tmp_path, "a.csv", ROWS, "gbk")
    with pytest.raises(InputError) as err:
        check_counts(read_table(f), "accidents", "月数")
    assert err.value.render("en") == f"{f}: no column 'accidents' (columns: 路口, 时段, 事故数, 月数)"
    assert err.value.render("zh") == f"{f}：没有名为 'accidents' 的列（已有列：路口、时段、事故数、月数）"
    with pytest.raises(InputError, match="no column 'site'"):
        read_table(f, columns=["site"])


def test_columns_mapping_renames(tmp_path):
    f = _write(tmp_path, "a.csv", ROWS.replace("-2", "2"), "utf-8-sig")
    t = read_table(f, columns={"事故数": "accidents", "月数": "months"})
    checked = check_counts(t, "accidents", "months")
    assert checked["accidents"].sum() == 12 + 7 + 9 + 2 and checked.attrs["encoding"] == "utf-8-sig"


def test_excel_with_chinese_headers_names_the_sheet(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "事故"
    for row in [["路口", "事故数", "月数"], ["莘庄", 12, 12], ["七宝", 3, 12], ["虹桥", 4, "n/a"]]:
        ws.append(row)
    f = tmp_path / "accidents.xlsx"
    wb.save(f)
    t = read_table(f)
    assert t.attrs["encoding"] is None and t["事故数"].tolist() == [12.0, 3.0, 4.0]
    with use_lang("zh"):
        with pytest.raises(InputError) as err:
            check_counts(t, "事故数", "月数")
        assert str(err.value) == f"{f}：第 4 行，'月数' 列：应为数字，实际为 'n/a'"
    t = read_table(f, sheet="事故")
    with pytest.raises(InputError, match="sheet"):
        read_table(f, sheet="nope")


def test_file_errors(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_table(tmp_path / "nope.csv")
    f = tmp_path / "a.txt"
    f.write_text("x\n1\n")
    with pytest.raises(InputError, match=r"CSV \(.csv\) or Excel"):
        read_table(f)
    g = _write(tmp_path, "h.csv", "a,b\n", "utf-8")
    with pytest.raises(InputError, match="no data rows"):
        read_table(g)
    h = _write(tmp_path, "d.csv", "a,a\n1,2\n", "utf-8")
    with pytest.raises(InputError, match="column name 'a' appears twice"):
        read_table(h)
