"""The report's messages follow its language (issue 9, sections 1 and 5): errors raised while it
renders, inside its kernel too, and a failing section named as a section, not as a line of code."""
from __future__ import annotations

import json

import pytest

import cba
from cba.i18n import use_lang
from cba.report import CellError
from cba.report.render import DEFAULT_TEMPLATE


def _template_failing_in(tmp_path, cell_id: str, source: str):
    nb = json.loads(DEFAULT_TEMPLATE.read_text(encoding="utf-8"))
    [cell] = [c for c in nb["cells"] if c.get("id") == cell_id]
    cell["source"] = source
    path = tmp_path / "failing.ipynb"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_template_sets_the_kernel_language():
    nb = json.loads(DEFAULT_TEMPLATE.read_text(encoding="utf-8"))
    [setup] = [c for c in nb["cells"] if c.get("id") == "setup"]
    assert "set_lang(lang)" in "".join(setup["source"])


@pytest.mark.parametrize("lang, expected", [
    ("zh", "报告的“项目概况”部分（模板单元格 'project'，第 5 个）未能完成：模型或参数有误："
           "metric：应为 pv_costs, pv_benefits, npv, bcr"),
    ("en", "the report's project section (template cell 'project', #5) failed: bad model or parameter: "
           "metric: expected one of pv_costs, pv_benefits, npv, bcr"),
])
def test_a_failing_section_is_named_and_its_error_follows_the_report_language(tmp_path, kiosk_path, lang,
                                                                              expected):
    # the suite runs with CBA_LANG=en: a Chinese report must still raise in Chinese, in the kernel too
    bad = _template_failing_in(tmp_path, "project",
                               "from cba.analysis.evaluator import resolve_metric\nresolve_metric('bogus')")
    with pytest.raises(CellError) as exc:
        cba.render_report(kiosk_path, tmp_path / "out", template=bad, lang=lang, formats=("html",),
                          parameters={"n_draws": 0})
    with use_lang(lang):
        text = str(exc.value)
    assert text.startswith(expected), text
    assert text.endswith("minhang_kiosk.failed.json" if lang == "zh" else "minhang_kiosk.en.failed.json")
    assert "'bogus'" in text and "AppraisalReport" not in text and "import" not in text
    assert exc.value.ename == "InputError" and "resolve_metric" in exc.value.cell


def test_report_parameter_errors_follow_the_language(tmp_path, kiosk_path):
    # an error is a bilingual Text, shown in the language current where it is printed
    with pytest.raises(cba.InputError) as exc:
        cba.render_report(kiosk_path, tmp_path / "o", lang="zh", parameters={"n_draws": "many"})
    assert exc.value.render("zh") == "parameters.n_draws：应为整数（声明的默认值为 10000），实际为 文本 'many'"
    with pytest.raises(cba.InputError) as exc:
        cba.render_report(kiosk_path, tmp_path / "o", lang="en", parameters={"n_draws": "many"})
    assert str(exc.value) == "parameters.n_draws: expected int (declared default 10000), got str 'many'"
    with use_lang("zh"):
        with pytest.raises(cba.InputError) as exc:
            cba.render_report(kiosk_path, tmp_path / "o", formats="html,odt")
        assert str(exc.value) == "format：未知格式 'odt'；应为 html, pdf, docx 中的一个或几个"


def test_reproduce_summary_in_both_languages():
    from cba.report.provenance import Reproduction

    r = Reproduction(matches=False, compared=3, mismatches=("npv: recorded 1, now 2",), changed_files=(),
                     provenance="k.provenance.json", rendered=None)
    with use_lang("zh"):
        assert r.summary() == "未能复现：3 个数值中有 1 个不同（k.provenance.json）\n  npv: recorded 1, now 2"
    with use_lang("en"):
        assert r.summary().startswith("NOT reproduced: 1 of 3 numbers differ (k.provenance.json)")
    with use_lang("zh"):
        from cba.report.provenance import compare_results

        assert compare_results({"npv": 1.0}, {"npv": 2.5}) == (1, ["npv：记录为 1，本次为 2.5"])
