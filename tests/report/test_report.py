"""The kiosk evaluation report end to end: HTML, PDF, Word, the executed notebook, provenance,
and `cba reproduce`. Each report is rendered once per module (a kernel run costs seconds)."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cba
from cba.cli import main
from cba.model.files import file_sha256

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"
TEMPLATE = ROOT / "notebooks" / "appraisal.ipynb"
TITLE = "闵行区移动岗亭购置项目事前绩效评估经济性分析报告"
ZH_SECTIONS = ["一、评估结论", "二、项目与方案", "三、主要参数、单位与来源", "四、逐年现金流量", "五、经济评价指标",
               "六、财务分析与经济分析", "七、乐观偏差调整", "八、盈亏平衡与临界点", "九、敏感性分析", "十、风险分析",
               "十一、局限性说明", "十二、附录：可复现信息"]
EN_SECTIONS = ["1. Conclusion", "2. Project and options", "3. Inputs, units and sources", "4. Cash flows by year",
               "5. NPV, BCR, IRR and payback", "6. Financial and economic analysis", "7. Optimism bias",
               "8. Break-even and switching values",
               "9. Sensitivity", "10. Risk", "11. Limitations", "12. Appendix: provenance"]
N_FIGURES = 5   # cash flows, tornado, spider, break-even frontier, NPV histogram

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zh(kiosk_report_zh):
    """The session's Chinese kiosk report (tests/conftest.py; rendered once for every report test)."""
    return kiosk_report_zh


@pytest.fixture(scope="module")
def en(tmp_path_factory):
    out = tmp_path_factory.mktemp("en")
    return cba.render_report(KIOSK, out, lang="en", formats="html,docx", parameters={"n_draws": 500})


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


# -- files and provenance ---------------------------------------------------------------------------
def test_all_outputs_written_side_by_side(zh):
    assert sorted(p.name for p in zh.out_dir.iterdir()) == sorted(
        f"minhang_kiosk{s}" for s in (".html", ".pdf", ".docx", ".ipynb", ".provenance.json"))
    for p in zh.files.values():
        assert p.stat().st_size > 1000


def test_provenance_records_everything(zh):
    prov = json.loads(zh["provenance"].read_text(encoding="utf-8"))
    assert prov["model"]["sha256"] == file_sha256(KIOSK)
    assert prov["template"]["sha256"] == file_sha256(TEMPLATE)
    assert (zh.out_dir / prov["model"]["path"]).resolve() == KIOSK        # relative to the provenance file
    assert prov["template"]["path"] == "cba:report/templates/appraisal.ipynb"
    assert prov["parameters"]["n_draws"] == 4000 and prov["parameters"]["seed"] == 2025
    assert prov["parameters"]["organisation"] == "某第三方评估机构" and prov["parameters"]["lang"] == "zh"
    assert prov["seed"] == 2025
    for pkg in ("cba", "python", "numpy", "pandas", "papermill", "nbclient", "weasyprint", "python-docx"):
        assert prov["versions"][pkg] and prov["versions"][pkg] != "not installed", pkg
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", prov["created"])
    for fmt in ("html", "pdf", "docx", "ipynb"):
        assert file_sha256(zh.files[fmt]) == prov["outputs"][fmt]["sha256"]
    r = prov["results"]
    assert r["conclusion"]["verdict"] == "support"
    assert r["conclusion"]["npv"] == pytest.approx(cba.appraise(cba.load_model(KIOSK))["kiosk", "npv"])
    assert set(r) >= {"conclusion", "inputs", "cash_flows", "metrics", "breakeven", "sensitivity", "spider",
                      "frontier", "risk"}
    assert 0 <= r["risk"]["prob_loss"] <= 1


def test_the_report_shows_its_provenance(zh):
    text = " ".join(parse(zh["html"].read_text(encoding="utf-8")).text)
    prov = zh.provenance
    for needle in (prov["model"]["sha256"], prov["template"]["sha256"], "随机种子", "2025", "papermill",
                   prov["created"], "cba reproduce minhang_kiosk.provenance.json"):
        assert needle in text, needle


def test_executed_notebook_kept_for_audit(zh):
    nb = json.loads(zh["ipynb"].read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code)
    injected = [c for c in code if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and "n_draws = 4000" in "".join(injected[0]["source"])
    assert not [o for c in code for o in c["outputs"] if o["output_type"] == "error"]


# -- HTML -------------------------------------------------------------------------------------------
def test_html_has_no_code_and_the_sections_in_order(zh):
    html = zh["html"].read_text(encoding="utf-8")
    p = parse(html)
    text = "\n".join(p.text)
    for code in ("AppraisalReport", "report.conclusion()", "import ", "model_path", "In [", "Out["):
        assert code not in text, code
    positions = [text.find(s) for s in ZH_SECTIONS]
    assert -1 not in positions and positions == sorted(positions), list(zip(ZH_SECTIONS, positions))
    assert f"<title>{TITLE}</title>" in html
    assert TITLE in text and "予以支持" in text and "某第三方评估机构" in text
    assert text.find("予以支持") < text.find("二、项目与方案")        # conclusion first
    for words in ("岗亭单价", "万元/台", "城市采购公告", "净现值", "效益费用比", "内部收益率", "投资回收期",
                  "临界点", "敏感度系数", "敏感因素", "净现值<0的概率", "悲观情景", "三角分布"):
        assert words in text, words


def test_html_is_self_contained(zh):
    html = zh["html"].read_text(encoding="utf-8")
    p = parse(html)
    assert not re.search(r"https?://", html, re.I), re.search(r".{60}https?://.{60}", html, re.I)
    assert not [t for t, _ in p.tags if t in ("script", "link", "iframe", "object", "embed", "base")]
    for tag, attrs in p.tags:
        for name in ("src", "href", "srcset", "poster", "data", "action"):
            if attrs.get(name):
                assert attrs[name].startswith(("data:", "#")), (tag, name, attrs[name][:80])
    for url in re.findall(r"url\(([^)]*)\)", html):
        assert url.strip("'\" ").startswith("data:"), url[:80]
    csp = [a for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    imgs = [a for t, a in p.tags if t == "img"]
    assert len(imgs) == N_FIGURES and all(a["src"].startswith("data:image/png;base64,") for a in imgs)
    assert all(a.get("alt") for a in imgs)
    assert re.search(r'@font-face\{font-family:"CBA Sans".*?src:url\(data:font/woff;base64,', html)


def test_english_report(en):
    html = en["html"].read_text(encoding="utf-8")
    text = "\n".join(parse(html).text)
    positions = [text.find(s) for s in EN_SECTIONS]
    assert -1 not in positions and positions == sorted(positions), list(zip(EN_SECTIONS, positions))
    for zh_only in ("评估结论", "经济性结论", "局限性说明", "临界点", "随机种子"):
        assert zh_only not in text, zh_only
    assert "Support" in text and "Economic conclusion" in text
    assert en.name == "minhang_kiosk.en" and en["html"].name == "minhang_kiosk.en.html"
    assert '<html lang="en">' in html
    assert "pdf" not in en.files


# -- PDF --------------------------------------------------------------------------------------------
def test_pdf_embeds_its_cjk_font(zh):
    from pypdf import PdfReader

    reader = PdfReader(str(zh["pdf"]))
    assert len(reader.pages) >= 5
    fonts = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            desc_font = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            desc = desc_font["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts          # every font embedded
    first = reader.pages[0].extract_text()
    assert TITLE in first.replace("\n", "") and "予以支持" in first
    assert reader.metadata.title == TITLE
    whole = "".join(p.extract_text() for p in reader.pages)
    assert "第 1 页 / 共" in whole                          # page numbers
    for s in ZH_SECTIONS:
        assert s in whole, s


def test_pdf_fonts_with_pdffonts_when_available(zh):
    """Cross-check with poppler's pdffonts where it is installed (it is not a project dependency)."""
    import subprocess

    exe = shutil.which("pdffonts")
    if exe is None:
        pytest.skip("poppler-utils (pdffonts) is not installed; the pypdf check above covers embedding")
    out = subprocess.run([exe, str(zh["pdf"])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), out    # the 'emb' column


# -- DOCX -------------------------------------------------------------------------------------------
def test_docx_has_headings_tables_and_figures(zh, en):
    from docx import Document

    doc = Document(str(zh["docx"]))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert heads[0] == TITLE
    assert heads[1:] == ZH_SECTIONS
    assert len(doc.tables) >= 10
    assert len(doc.inline_shapes) == N_FIGURES
    assert doc.core_properties.title == TITLE
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "岗亭单价" in cells and "予以支持" in "".join(cells)
    doc_en = Document(str(en["docx"]))
    heads_en = [p.text for p in doc_en.paragraphs if p.style.name.startswith("Heading")]
    assert heads_en == EN_SECTIONS


# -- reproduce --------------------------------------------------------------------------------------
def test_reproduce_round_trip(zh, capsys):
    assert main(["reproduce", str(zh["provenance"])]) == 0
    out = capsys.readouterr().out
    n = len(zh.provenance["results"]["cash_flows"]["net"])
    m = re.search(r"reproduced: all (\d+) numbers match", out)
    assert m and int(m.group(1)) > 50 + n, out


def test_reproduce_reports_changed_numbers_and_files_after_a_move(tmp_path, capsys):
    a = tmp_path / "a"
    a.mkdir()
    shutil.copy(KIOSK, a / "kiosk.yaml")
    shutil.copy(TEMPLATE, a / "appraisal.ipynb")
    cba.render_report(a / "kiosk.yaml", a / "out", template=a / "appraisal.ipynb", formats=(),
                      parameters={"n_draws": 200, "seed": 7})
    b = tmp_path / "b"
    a.rename(b)                                             # the recorded absolute paths are gone now
    model = b / "kiosk.yaml"
    model.write_text(model.read_text(encoding="utf-8") + "\n# a comment changes the file, not the numbers\n",
                     encoding="utf-8")
    prov_path = b / "out" / "kiosk.provenance.json"
    prov = json.loads(prov_path.read_text(encoding="utf-8"))
    prov["results"]["conclusion"]["npv"] += 1.0
    prov["results"]["risk"]["prob_loss"] = 0.5
    prov_path.write_text(json.dumps(prov, ensure_ascii=False), encoding="utf-8")
    assert main(["reproduce", str(prov_path)]) == 1
    out = capsys.readouterr().out
    assert "has changed since the report was made" in out and "kiosk.yaml" in out
    assert "NOT reproduced: 2 of" in out
    assert "conclusion.npv: recorded" in out and "risk.prob_loss: recorded 0.5" in out


def test_cli_report_end_to_end(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["report", str(KIOSK), "--out", str(out), "--format", "html", "-p", "n_draws=300",
                 "-p", "organisation=评估中心 \"甲\"", "-p", 'title="岗亭报告"', "--set", "kiosk_price=15",
                 "--name", "kiosk_15", "--lang", "zh"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "经济性结论：予以支持" in printed and str(out / "kiosk_15.html") in printed
    assert sorted(p.name for p in out.iterdir()) == ["kiosk_15.html", "kiosk_15.ipynb", "kiosk_15.provenance.json"]
    prov = json.loads((out / "kiosk_15.provenance.json").read_text(encoding="utf-8"))
    assert prov["parameters"]["overrides"] == {"kiosk_price": 15.0}
    assert prov["parameters"]["organisation"] == '评估中心 "甲"'       # plain text: taken literally
    assert prov["parameters"]["title"] == "岗亭报告"                   # a JSON string literal: unquoted
    html = (out / "kiosk_15.html").read_text(encoding="utf-8")
    assert "岗亭单价 = 15" in html and "评估中心 &quot;甲&quot;" in html
    assert "<title>岗亭报告</title>" in html
    assert oct((out / "kiosk_15.html").stat().st_mode & 0o777) != "0o600"   # readable like any other file


def test_a_model_built_in_python_is_kept_beside_the_report(tmp_path, capsys):
    import yaml

    data = yaml.safe_load(KIOSK.read_text(encoding="utf-8"))
    data["name"] = "内存中的模型"
    model = cba.load_model(data)                      # no file behind it
    out = cba.render_report(model, tmp_path / "out", formats=(), parameters={"n_draws": 100})
    snap = tmp_path / "out" / "report.model.yaml"
    assert out.name == "report" and out.files["model"] == snap
    assert cba.load_model(snap).to_dict() == model.to_dict()
    assert out.provenance["model"]["sha256"] == file_sha256(snap)
    assert main(["reproduce", str(out["provenance"])]) == 0
    assert "all" in capsys.readouterr().out
