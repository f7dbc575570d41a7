"""The batch summary: ranking (worked out by hand below), CSV, Excel workbook, offline index page."""
from __future__ import annotations

import io
import math
from html.parser import HTMLParser
from urllib.parse import unquote

import pandas as pd
import pytest

from cba.batch.summary import rank_rows, summary_files, summary_table
from cba.errors import InputError
from cba.i18n import use_lang

from batch_fixtures import KIOSK

NAN = math.nan
DIMS = {"necessity": "立项必要性", "economy": "投入经济性"}
MAX = {"necessity": 20.0, "economy": 20.0}


def _row(id, status="ok", npv=NAN, bcr=NAN, irr=NAN, grade="", total=NAN, concl="", reports=None, dims=None,
         name="", error="", row=0):
    return {"id": id, "name": name, "row": row, "model": str(KIOSK) if status == "ok" else "", "scenario": "",
            "option": "kiosk", "status": status, "error": error, "npv": npv, "bcr": bcr, "irr": irr,
            "pv_costs": NAN, "pv_benefits": NAN, "payback": NAN, "prob_negative": 0.25 if status == "ok" else NAN,
            "seconds": 0.01, "reports": reports or {}, "grade": grade, "review_total": total, "review_conclusion": concl,
            "dimensions": dims or {}, "dimension_names": DIMS if dims else {}, "dimension_max": MAX if dims else {}}


@pytest.fixture
def frame():
    rows = [
        _row("a", npv=100, bcr=1.5, irr=0.12, grade="良", total=85, concl="support", name="闵行",
             reports={"html": "reports/a.html", "pdf": "reports/a.pdf"}, dims={"necessity": 18, "economy": 20}, row=2),
        _row("b", "failed", error="第 3 行（id b），model 列：找不到模型文件 x.yaml", row=3),
        _row("c", npv=250, bcr=1.2, irr=0.2, grade="良", total=85, concl="support", reports={"html": "reports/c.html"},
             dims={"necessity": 15, "economy": 20}, row=4),
        _row("d", npv=100, bcr=2.0, irr=0.3, grade="优", total=95, concl="support", reports={"html": "reports/d.html"},
             dims={"necessity": 19, "economy": 20}, row=5),
        _row("e", npv=-20, bcr=0.9, grade="差", total=50, concl="reject", name="莘庄镇 <岗亭>",
             reports={"html": "reports/莘庄-e.html"}, dims={"necessity": 10, "economy": 4}, row=6),
        _row("f", npv=250, row=7),                                # no BCR, not reviewed
        _row("g", "failed", error="第 8 行（id g）的事前绩效评估失败：缺少 demand", row=8),
    ]
    return pd.DataFrame(rows)


# Worked out by hand from the frame above (module notes of cba.batch.summary):
# NPV: c 250 and f 250 tie -> table order c, f; a 100 and d 100 tie -> a, d; then e -20.
# BCR: d 2.0, a 1.5, c 1.2, e 0.9, f (none) last.
# grade: d 优; c and a both 良 85 -> NPV: c 250 before a 100; e 差; f (no grade) last.
BY_NPV, BY_BCR, BY_GRADE = list("cfade"), list("dacef"), list("dcaef")
FAILED = ["b", "g"]


def test_rankings_match_the_hand_worked_order(frame):
    ids = frame["id"].tolist()
    for by, want in (("npv", BY_NPV), ("bcr", BY_BCR), ("grade", BY_GRADE)):
        assert [ids[p] for p in rank_rows(frame, by)] == want, by
        t = summary_table(frame, by=by)
        assert t["编号"].tolist() == want + FAILED
        assert t["排名"].tolist()[:5] == [1, 2, 3, 4, 5] and t["排名"].isna().tolist()[5:] == [True, True]
        assert t["状态"].tolist() == ["成功"] * 5 + ["失败"] * 2
        assert t["错误原因"].tolist()[5:] == frame.loc[frame["status"] == "failed", "error"].tolist()


def test_headers_are_localized_with_the_models_currency(frame):
    t = summary_table(frame)
    assert list(t.columns) == ["排名", "编号", "项目名称", "情景", "净现值（万元）", "效益费用比", "内部收益率",
                               "净现值<0的概率", "费用现值（万元）", "效益现值（万元）", "投资回收期（年）",
                               "评审等级", "评审总分", "评审结论", "状态", "错误原因", "报告"]
    # c f a d e; f has no review: its conclusion is blank, not 予以支持
    assert t["评审结论"].tolist()[:5] == ["予以支持", "", "予以支持", "予以支持", "不予支持"]
    en = summary_table(frame, lang="en", by="bcr", currency="")
    assert list(en.columns)[:7] == ["Rank", "ID", "Project", "Scenario", "NPV", "BCR", "IRR"]
    assert en["Review conclusion"].tolist()[0] == "support" and en["Status"].tolist()[-1] == "Failed"


def test_bad_ranking_keys_are_input_errors(frame):
    with use_lang("zh"), pytest.raises(InputError, match="npv、bcr 或 grade"):
        summary_table(frame, by="irr")
    with pytest.raises(InputError, match="grade"):
        summary_table(frame.drop(columns=["grade"]), by="grade")


def test_csv_is_utf8_with_bom_and_ranked_by_npv(frame):
    raw = summary_files(frame)["summary.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.StringIO(raw.decode("utf-8-sig")))
    assert back["编号"].tolist() == BY_NPV + FAILED
    assert back["净现值（万元）"].tolist()[:5] == [250, 250, 100, 100, -20]
    assert back.loc[back["编号"] == "g", "错误原因"].item() == "第 8 行（id g）的事前绩效评估失败：缺少 demand"


def test_workbook_sheets_values_and_formats(frame):
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(summary_files(frame, meta={"run_id": "r1", "seed": 7})["summary.xlsx"]))
    assert wb.sheetnames == ["按净现值排序", "按效益费用比排序", "按评审等级排序", "失败项目", "批次信息"]
    for name, want in (("按净现值排序", BY_NPV), ("按效益费用比排序", BY_BCR), ("按评审等级排序", BY_GRADE)):
        ws = wb[name]
        head = [c.value for c in ws[1]]
        assert head[:5] == ["排名", "编号", "项目名称", "情景", "净现值（万元）"]
        assert [ws.cell(r, 2).value for r in range(2, 9)] == want + FAILED
        assert ws.freeze_panes == "A2"
        npv, irr, p = head.index("净现值（万元）") + 1, head.index("内部收益率") + 1, head.index("净现值<0的概率") + 1
        assert ws.cell(2, npv).number_format == "#,##0.00" and ws.cell(2, irr).number_format == "0.00%"
        assert ws.cell(2, p).number_format == "0.0%" and ws.cell(2, p).value == 0.25
        assert ws.cell(8, 1).value is None                       # a failed row has no rank
        assert ws.cell(8, 1).fill.fgColor.rgb.endswith("FCE4E4")   # and is shown in red
        assert ws.column_dimensions["E"].width >= 14
    assert wb["按净现值排序"].cell(2, 5).value == 250 and wb["按效益费用比排序"].cell(2, 6).value == 2.0
    fails = wb["失败项目"]
    assert [c.value for c in fails[1]] == ["行号", "编号", "项目名称", "情景", "失败原因"]
    assert [(fails.cell(r, 2).value, fails.cell(r, 5).value) for r in (2, 3)] == \
        [("b", "第 3 行（id b），model 列：找不到模型文件 x.yaml"), ("g", "第 8 行（id g）的事前绩效评估失败：缺少 demand")]
    run = wb["批次信息"]
    assert [run.cell(1, 1).value, run.cell(1, 2).value, run.cell(2, 1).value] == ["批次编号", "r1", "随机种子"]
    assert run.cell(3, 1).value == "共 7 个项目：5 个成功，2 个失败。"


def test_no_grades_no_grade_sheet(frame):
    import openpyxl

    plain = frame.drop(columns=["grade", "review_total", "review_conclusion", "dimensions"])
    files = summary_files(plain, lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(files["summary.xlsx"]))
    assert wb.sheetnames == ["By NPV", "By BCR", "Failures", "Run"]
    assert "heatmap" not in files["index.html"].decode()


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.resources, self.tables, self._table, self._cell, self._row = [], [], {}, None, None, None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a":
            self.hrefs.append(a.get("href"))
        for key in ("src", "href"):
            if tag != "a" and key in a:
                self.resources.append(a[key])
        if tag == "table":
            self._table = a.get("id")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "td" and self._row is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell += data


def test_index_page_is_offline_links_every_report_and_lists_failures(frame):
    meta = {"run_id": "20261201-1", "seed": 42, "cba_version": "0.9", "started": "2026-12-01 14:00",
            "table": "kiosk_districts.csv"}
    raw = summary_files(frame, title="闵行区岗亭批量评价", meta=meta)["index.html"].decode("utf-8")
    page = _Page()
    page.feed(raw)
    text = "".join(page.text)
    assert "http://" not in raw and "https://" not in raw and page.resources == []   # nothing fetched
    links = [unquote(h) for h in page.hrefs]
    want = [p for r in frame["reports"] for p in r.values()]
    assert sorted(links) == sorted(want) and all(not h.startswith(("/", "..")) and ":" not in h for h in links)
    assert "闵行区岗亭批量评价" in text and "20261201-1" in text and "kiosk_districts.csv" in text
    assert "随机种子" in text and "共 7 个项目：5 个成功，2 个失败。" in text
    assert [r[1] for r in page.tables["ranking"]] == BY_NPV
    assert page.tables["ranking"][4][2] == "莘庄镇 <岗亭>"            # escaped, shown as written
    assert [r[3] for r in page.tables["ranking"]][:2] == ["250.00", "250.00"]
    assert [(r[1], r[3]) for r in page.tables["failures"]] == [(i, e) for i, e in zip(
        FAILED, frame.loc[frame["status"] == "failed", "error"])]
    heat = page.tables["heatmap"]
    assert [r[0] for r in heat] == list("dcae")                         # the reviewed rows by grade
    assert heat[0][2:4] == ["19.00", "20.00"] and "立项必要性" in text
    # the colour of a cell follows its share of the dimension's maximum: e's economy 4/20 is red-ish
    assert "hsl(24,70%,78%)" in raw and "hsl(120,70%,78%)" in raw


def test_index_page_in_english(frame):
    raw = summary_files(frame, lang="en")["index.html"].decode("utf-8")
    assert '<html lang="en">' in raw and "7 projects: 5 ok, 2 failed." in raw and "Batch evaluation summary" in raw
    assert "Failures" in raw and "予以支持" not in raw and "support" in raw


def test_absolute_report_paths_are_refused(frame):
    frame.at[0, "reports"] = {"html": "/tmp/a.html"}
    with use_lang("zh"), pytest.raises(InputError, match="相对路径"):
        summary_files(frame)
