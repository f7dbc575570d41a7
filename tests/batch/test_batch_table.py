from __future__ import annotations

import pytest

from cba.batch import read_batch
from cba.errors import InputError

from batch_fixtures import folder, write_csv  # noqa: F401 - fixtures
from cba.i18n import use_lang


def test_good_rows_share_one_model_object_and_keep_their_overrides(folder, write_csv):
    f = write_csv(folder / "b.csv", "id,model,kiosk_price,scenario\n莘庄,kiosk.yaml,12,\n七宝,kiosk.yaml,,pessimistic\n")
    t = read_batch(f)
    assert [r.id for r in t.good] == ["莘庄", "七宝"] and t.errors == ()
    assert t.rows[0].model is t.rows[1].model and len(t.models) == 1
    assert dict(t.rows[0].overrides) == {"kiosk_price": 12.0} and t.rows[0].scenario is None
    assert dict(t.rows[1].overrides) == {} and t.rows[1].scenario == "pessimistic"
    assert t.rows[0].row == 2 and t.rows[1].row == 3
    assert t.columns == ("kiosk_price",)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_gbk_bom_and_plain_utf8_tables_read_alike(folder, write_csv, encoding):
    f = write_csv(folder / "b.csv", "id,model,n_posts\n闵行一,kiosk.yaml,4\n", encoding)
    t = read_batch(f)
    assert t.encoding == encoding and t.rows[0].id == "闵行一" and dict(t.rows[0].overrides) == {"n_posts": 4.0}


def test_row_errors_fail_those_rows_only_and_name_row_and_column(folder, write_csv):
    f = write_csv(folder / "b.csv",
                  "id,model,kiosk_price,scenario,discount_rate\n"
                  "a,kiosk.yaml,10,,\n"            # row 2: good
                  "b,kiosk.yaml,ten,\n"           # row 3: not a number
                  "a,kiosk.yaml,11,\n"            # row 4: duplicate id
                  "c,nowhere.yaml,10,\n"          # row 5: missing model file
                  "d,kiosk.yaml,10,pessimstic\n"  # row 6: unknown scenario (a typo)
                  "../e,kiosk.yaml,10,\n"         # row 7: unsafe id
                  "f,kiosk.yaml,10,,8\n")         # row 8: a rate the model rejects (8 for 8%)
    t = read_batch(f)
    errs = {r.row: r.error for r in t.rows}
    with use_lang("en"):
        # an id names outputs and database records: the first row of a duplicated id fails too
        assert str(errs[2]) == ("row 2 (id a), column id: the id a appears again in row 4: no row with this id "
                                "runs (outputs and database records are named by the id)")
        assert str(errs[3]) == "row 3 (id b), column kiosk_price: expected a number, got 'ten'"
        assert str(errs[4]) == "row 4 (id a), column id: id a appears twice (first in row 2)"
        assert str(errs[5]) == "row 5 (id c), column model: the model file nowhere.yaml does not exist"
        assert "row 6 (id d), column scenario: the model has no scenario 'pessimstic'" in str(errs[6])
        assert "pessimistic" in str(errs[6])                 # did you mean
        assert "row 7 (id ../e), column id: the id '../e' cannot name a file" in str(errs[7])
        assert str(errs[8]).startswith("row 8 (id f), column discount_rate: the value cannot be used: rates are "
                                       "fractions: write 0.08 for 8%")
    with use_lang("zh"):
        assert str(errs[3]) == "第 3 行（id b），kiosk_price 列：应为数字，实际为 'ten'"
        assert str(errs[5]) == "第 5 行（id c），model 列：找不到模型文件 nowhere.yaml"
    assert len(t.good) == len(t.rows) - len(t.errors)
    frame = t.to_frame("zh")
    assert list(frame.columns) == ["行号", "编号", "模型文件", "情景", "参数取值", "状态", "错误原因"]
    assert frame["状态"].tolist()[:2] == ["失败", "失败"]


def test_a_column_naming_no_parameter_is_a_table_error_with_did_you_mean(folder, write_csv):
    f = write_csv(folder / "b.csv", "id,model,kiosk_prise\na,kiosk.yaml,10\n")
    with use_lang("en"), pytest.raises(InputError) as e:
        read_batch(f)
    text = str(e.value)
    assert str(f) in text and "'kiosk_prise'" in text and "kiosk_price" in text


def test_missing_id_or_model_column_is_a_table_error(folder, write_csv):
    f = write_csv(folder / "b.csv", "name,model\na,kiosk.yaml\n")
    with use_lang("en"), pytest.raises(InputError, match="no column id"):
        read_batch(f)


def test_excel_table(folder):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "model", "price"])
    ws.append([1, "tiny.yaml", 90])
    ws.append([2, str(folder / "tiny.yaml"), "x"])      # an absolute path; a bad value
    wb.save(folder / "b.xlsx")
    t = read_batch(folder / "b.xlsx")
    assert [r.id for r in t.rows] == ["1", "2"] and t.rows[0].model is t.rows[1].model
    assert dict(t.rows[0].overrides) == {"price": 90.0} and t.rows[1].error is not None


# --- the review columns: name, indicators, evidence -------------------------------------------------
SMALL_SYSTEM = """name: small
grades: {优: 90, 良: 80, 中: 60}
indicators:
  - {id: need, name: 必要性, weight: 60, children: [{id: fit, name: 相符, weight: 60, rule: {kind: yes_no}}]}
  - {id: econ, name: 经济性, weight: 40, children: [{id: b, name: 效益费用比, weight: 40,
      rule: {kind: appraisal, metric: bcr, bands: [[1.0, 0.5], [1.2, 1.0]]}}]}
"""


def test_review_columns_resolve_files_and_shipped_systems(folder, write_csv):
    (folder / "sys.yaml").write_text(SMALL_SYSTEM, encoding="utf-8")
    (folder / "ev").mkdir()
    (folder / "ev" / "a.yaml").write_text("fit: 是\n", encoding="utf-8")
    f = write_csv(folder / "b.csv", "id,name,model,indicators,evidence\n"
                                    "a,莘庄镇岗亭,tiny.yaml,sys.yaml,ev/a.yaml\n"
                                    "b,,tiny.yaml,ex_ante_five,\n"
                                    "c,七宝,tiny.yaml,,\n")
    t = read_batch(f)
    assert t.errors == () and t.columns == ()          # name, indicators, evidence are not parameters
    a, b, c = t.rows
    assert (a.name, a.indicators, a.evidence) == ("莘庄镇岗亭", (folder / "sys.yaml").resolve(),
                                                  (folder / "ev" / "a.yaml").resolve())
    assert (b.name, b.indicators, b.evidence) == (None, "ex_ante_five", None)
    assert (c.name, c.indicators, c.evidence) == ("七宝", None, None)


def test_review_column_errors_fail_their_rows_only(folder, write_csv):
    (folder / "sys.yaml").write_text(SMALL_SYSTEM, encoding="utf-8")
    (folder / "bad.yaml").write_text("name: bad\nindicators: 3\n", encoding="utf-8")
    (folder / "e.yaml").write_text("fit: 是\n", encoding="utf-8")
    f = write_csv(folder / "b.csv", "id,model,indicators,evidence\n"
                                    "a,tiny.yaml,sys.yaml,e.yaml\n"        # row 2: good
                                    "b,tiny.yaml,nowhere.yaml,\n"          # row 3: missing file
                                    "c,tiny.yaml,ex_ante_fiv,\n"           # row 4: unknown system (a typo)
                                    "d,tiny.yaml,sys.yaml,gone.yaml\n"     # row 5: missing evidence
                                    "e,tiny.yaml,,e.yaml\n"                # row 6: evidence without indicators
                                    "f,tiny.yaml,bad.yaml,\n")             # row 7: unreadable system
    t = read_batch(f)
    errs = {r.row: r.error for r in t.rows}
    assert errs[2] is None and [r.id for r in t.good] == ["a"]
    with use_lang("en"):
        assert str(errs[3]) == "row 3 (id b), column indicators: the indicator-system file nowhere.yaml does not exist"
        assert str(errs[4]).startswith("row 4 (id c), column indicators: 'ex_ante_fiv' is neither an "
                                       "indicator-system file nor the name of a shipped system")
        assert "ex_ante_five" in str(errs[4])             # did you mean / the list of shipped systems
        assert str(errs[5]) == "row 5 (id d), column evidence: the evidence file gone.yaml does not exist"
        assert str(errs[6]).startswith("row 6 (id e), column evidence: the evidence file e.yaml is given but the "
                                       "indicators column is blank")
        assert str(errs[7]).startswith("row 7 (id f), column indicators: the indicator-system file bad.yaml "
                                       "cannot be read")
    with use_lang("zh"):
        assert str(errs[3]) == "第 3 行（id b），indicators 列：找不到指标体系文件 nowhere.yaml"
        assert str(errs[5]) == "第 5 行（id d），evidence 列：找不到评审证据文件 gone.yaml"
