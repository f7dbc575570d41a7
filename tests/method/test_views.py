"""The financial and the economic view of one model (cba.method.views, cba.compare_views).

No published worked example with usable year-by-year numbers could be retrieved in the time
available (the EU DG REGIO 2014 case studies, ADB's guidelines and the Chinese guide's cases were
searched for; only their parameter tables were reachable), so the example below is worked out
by hand, every step written in the comments. Factor values come from cba's cited table
(cba/method/factors.py): foreign_exchange 1.08 and skilled_labour 1.0 from
《建设项目经济评价方法与参数》（第三版）, unskilled_labour 0.5 (the guide's middle case of 0.25-0.8).

The example (horizon 3, 10%, base year 2025, one option, no baseline):

    t = 0   materials 600 (standard factor, set to 0.9 by the model), imported equipment 300 at
            the official exchange rate (foreign_exchange), VAT 100 (transfer)
    t = 1-3 fees 700 (standard), unskilled wages 200 (unskilled_labour), skilled wages 100
            (skilled_labour), time savings of road users 150 (external)

    a(10%, 3) = (1 - 1.1**-3) / 0.1 = 2.4868519909...

    financial: t0 -(600 + 300 + 100) = -1000; t1-3 700 - 200 - 100 = 400 (external left out)
        FNPV = -1000 + 400 a = -5.25920...;  PV benefits 700 a, PV costs 1000 + 300 a
    economic:  t0 -(0.9 * 600 + 1.08 * 300 + 0 * 100) = -864
               t1-3 0.9 * 700 + 150 - 0.5 * 200 - 1.0 * 100 = 580
        ENPV = -864 + 580 a = 578.37415...;  PV benefits 780 a, PV costs 864 + 200 a
"""
from __future__ import annotations

import numpy as np
import pytest

import cba
from cba import InputError
from cba.i18n import use_lang
from cba.method.views import check_economic, convert_view, main_view

A3 = (1 - 1.1 ** -3) / 0.1          # annuity factor, 10%, 3 years


def worked(**economic) -> dict:
    section = {"factors": {"standard": {"value": 0.9, "source": "示例：标准换算系数"}}}
    section.update(economic)
    return {
        "name": "示例项目", "horizon": 3, "discount_rate": 0.1, "base_year": 2025, "currency": "万元",
        "parameters": {},
        "economic": section,
        "options": {"p": {"label": "方案", "flows": [
            {"name": "materials", "kind": "cost", "amount": "600", "at": 0},
            {"name": "equipment", "kind": "cost", "amount": "300", "at": 0, "economic": "foreign_exchange"},
            {"name": "vat", "kind": "cost", "amount": "100", "at": 0, "economic": "transfer"},
            {"name": "fees", "kind": "benefit", "amount": "700"},
            {"name": "unskilled", "kind": "cost", "amount": "200", "economic": "unskilled_labour"},
            {"name": "skilled", "kind": "cost", "amount": "100", "economic": "skilled_labour"},
            {"name": "time_saved", "kind": "benefit", "amount": "150", "economic": "external"},
        ]}},
    }


# -- the worked example ------------------------------------------------------------------------
def test_worked_example_fnpv_and_enpv():
    m = cba.load_model(worked())
    fin = cba.appraise(m, view="financial")
    eco = cba.appraise(m, view="economic")
    assert fin["p", "npv"] == pytest.approx(-1000 + 400 * A3, rel=1e-12)        # -5.2592
    assert eco["p", "npv"] == pytest.approx(-864 + 580 * A3, rel=1e-12)         # 578.3742
    assert round(fin["p", "npv"], 4) == -5.2592 and round(eco["p", "npv"], 4) == 578.3742
    assert fin["p", "bcr"] == pytest.approx(700 * A3 / (1000 + 300 * A3), rel=1e-12)
    assert eco["p", "bcr"] == pytest.approx(780 * A3 / (864 + 200 * A3), rel=1e-12)
    # IRRs: -1000 + 400 a(r, 3) = 0 and -864 + 580 a(r, 3) = 0
    for a, c0, c1 in ((fin, 1000, 400), (eco, 864, 580)):
        r = a["p", "irr"]
        assert c1 * (1 - (1 + r) ** -3) / r == pytest.approx(c0, rel=1e-9)
    # the default view is the main view, economic
    assert main_view(m) == "economic" and cba.appraise(m)["p", "npv"] == eco["p", "npv"]
    assert eco.view == "economic" and fin.view == "financial"


def test_worked_example_lines_by_view():
    m = cba.load_model(worked())
    fin = cba.appraise(m, view="financial").flows.lines["p"]
    eco = cba.appraise(m, view="economic").flows.lines["p"]
    # financial: as entered, the external line zero
    assert [fin[k][0, 0] for k in ("materials", "equipment", "vat")] == [600, 300, 100]
    assert [fin[k][0, 1] for k in ("fees", "unskilled", "skilled", "time_saved")] == [700, 200, 100, 0]
    # economic: 0.9 x 600 = 540, 1.08 x 300 = 324, VAT removed; 0.9 x 700 = 630, 0.5 x 200 = 100,
    # 1.0 x 100 = 100, the external 150 at factor 1
    assert eco["materials"][0, 0] == pytest.approx(540) and eco["equipment"][0, 0] == pytest.approx(324)
    assert eco["vat"][0, 0] == 0
    assert [eco[k][0, 1] for k in ("fees", "unskilled", "skilled", "time_saved")] == pytest.approx([630, 100, 100, 150])


def test_compare_views_frame_and_sustainability():
    m = cba.load_model(worked())
    c = cba.compare_views(m)
    f = c.to_frame()
    assert list(f.columns) == ["label", "fnpv", "firr", "fbcr", "enpv", "eirr", "ebcr"]
    assert f.loc["p", "fnpv"] == pytest.approx(-1000 + 400 * A3) and f.loc["p", "enpv"] == pytest.approx(-864 + 580 * A3)
    # financial view, undiscounted: -1000, +400, +400, +400 -> cumulative -1000, -600, -200, +200
    s = c.sustainability()
    np.testing.assert_allclose(s.net["p"], [-1000, 400, 400, 400])
    np.testing.assert_allclose(s.cumulative["p"], [-1000, -600, -200, 200])
    assert s.negative_years["p"] == (2025, 2026, 2027) and s.funding_need["p"] == 1000
    assert not s.passes("p") and s.no_revenue == ()        # fees are revenue: no funding-need note
    with use_lang("zh"):
        assert "方案：资金需求 1,000.00 万元；累计现金为负的年份：2025–2027" in s.summary()
        assert "财务净现值" in c.summary() and "经济净现值" in c._repr_html_()
    assert "years with negative cumulative cash: 2025–2027" in s.summary("en")
    assert list(c.table("en").columns) == ["FNPV", "FIRR", "FBCR", "ENPV", "EIRR", "EBCR"]


def test_sustainability_says_when_no_revenue_is_declared():
    # a cost-only option (a public service paid from the budget): cumulative cash -50, -60, -70
    m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": 0.05, "parameters": {},
                        "options": {"o": {"label": "服务", "flows": [
                            {"name": "build", "kind": "cost", "amount": "50", "at": 0},
                            {"name": "run", "kind": "cost", "amount": "10"}]}}})
    s = cba.compare_views(m).sustainability()
    assert s.funding_need["o"] == 70 and s.no_revenue == ("o",)
    assert "funding need: the cumulative cash reaches -70.00" in s.notes("en")[0]
    assert "可持续性检验因此显示其资金需求：累计现金最低为 -70.00" in s.notes("zh")[0]


def test_incremental_comparison_with_a_baseline():
    # baseline: unskilled staff 100 a year; option: buy 150 at t=0, staff 40 a year.
    # increment: -150, then staff saved 60 a year; economic view at 0.5: saved 30 a year.
    m = cba.load_model({"name": "x", "horizon": 3, "discount_rate": 0.1, "parameters": {}, "baseline": "b",
                        "options": {"b": {"flows": [{"name": "staff", "kind": "cost", "amount": "100",
                                                     "economic": "unskilled_labour"}]},
                                    "o": {"flows": [{"name": "buy", "kind": "cost", "amount": "150", "at": 0},
                                                    {"name": "staff", "kind": "cost", "amount": "40",
                                                     "economic": "unskilled_labour"}]}}})
    f = cba.compare_views(m).to_frame()
    assert list(f.index) == ["o"]
    assert f.loc["o", "fnpv"] == pytest.approx(-150 + 60 * A3) and f.loc["o", "enpv"] == pytest.approx(-150 + 30 * A3)


def test_financial_discount_rate():
    # financial view at 4%: -1000 + 400 a(4%, 3), a(4%, 3) = (1 - 1.04**-3) / 0.04 = 2.775091
    m = cba.load_model(worked(financial_discount_rate=0.04))
    fin = cba.appraise(m, view="financial")
    assert fin["p", "npv"] == pytest.approx(-1000 + 400 * (1 - 1.04 ** -3) / 0.04, rel=1e-12)
    assert fin.rate_text() == "4%" and "discount_rate" in fin.inputs.changed
    # the economic view keeps the model's 10%; a caller's discount_rate wins over both
    assert cba.appraise(m, view="economic")["p", "npv"] == pytest.approx(-864 + 580 * A3)
    assert cba.appraise(m, view="financial", discount_rate=0.1)["p", "npv"] == pytest.approx(-1000 + 400 * A3)
    with use_lang("en"):
        assert "Financial discount rate: 4%; economic discount rate: 10%." in cba.compare_views(m).summary()


def test_main_view_financial():
    m = cba.load_model(worked(main="financial"))
    a = cba.appraise(m)
    assert a.view == "financial" and a["p", "npv"] == pytest.approx(-1000 + 400 * A3)
    assert a.to_dict()["view"] == "financial"
    assert "分析视角：财务分析" in a.summary("zh") and "View: financial analysis" in a.summary("en")


def test_convert_view_never_in_place_and_number_factors():
    m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.1, "parameters": {},
                        "options": {"o": {"flows": [{"name": "a", "kind": "cost", "amount": "10", "economic": 0.25},
                                                    {"name": "b", "kind": "cost", "amount": "10"}]}}})
    lines = {"o": {"a": np.array([[10.0, 10.0]]), "b": np.array([[10.0, 10.0]])}}
    out = convert_view(m, None, lines, "economic")
    assert out["o"]["a"].tolist() == [[2.5, 2.5]] and lines["o"]["a"].tolist() == [[10.0, 10.0]]
    assert out is not lines and out["o"] is not lines["o"]
    with pytest.raises(InputError, match="expected financial or economic"):
        convert_view(m, None, lines, "social")
    with pytest.raises(InputError, match="^view: expected financial or economic"):
        cba.appraise(m, view="Economic")


def test_model_without_economic_section_views_coincide():
    m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": 0.1, "parameters": {},
                        "options": {"o": {"flows": [{"name": "c", "kind": "cost", "amount": "100", "at": 0},
                                                    {"name": "b", "kind": "benefit", "amount": "60"}]}}})
    f = cba.compare_views(m).to_frame()
    assert f.loc["o", "fnpv"] == f.loc["o", "enpv"] == pytest.approx(-100 + 60 * (1 - 1.1 ** -2) / 0.1)
    from cba.report import AppraisalReport

    text = " ".join(str(i.get("text", "")) for i in AppraisalReport(m, n_draws=0).views().items)
    assert "因此财务分析与经济分析结果相同" in text


def test_sections_round_trip_through_to_dict():
    m = cba.load_model(worked(financial_discount_rate=0.04, main="economic"))
    d = m.to_dict()
    assert d["economic"] == {"factors": {"standard": {"value": 0.9, "source": "示例：标准换算系数"}},
                             "financial_discount_rate": 0.04, "main": "economic"}
    assert cba.load_model(d) == m


def test_defaults_and_overrides():
    sec = check_economic({})
    assert {k: f.value for k, f in sec.factors.items()} == {"standard": 1.0, "foreign_exchange": 1.08,
                                                            "skilled_labour": 1.0, "unskilled_labour": 0.5}
    assert "1.08" in sec.factors["foreign_exchange"].source and "0.25–0.8" in sec.factors["unskilled_labour"].source
    sec = check_economic({"factors": {"unskilled_labour": 0.8, "land": {"value": 1.2, "source": "估计"}}})
    assert sec.value("unskilled_labour") == 0.8 and not sec.factors["unskilled_labour"].default
    assert sec.value("land") == 1.2 and sec.factors["foreign_exchange"].default


# -- errors --------------------------------------------------------------------------------------
def test_unknown_factor_name_names_the_flow():
    d = worked()
    d["options"]["p"]["flows"][4]["economic"] = "unskiled_labour"
    with pytest.raises(InputError) as err:
        cba.load_model(d)
    text = err.value.render("en")
    assert text.startswith("options.p.flows[4].economic: unknown conversion factor 'unskiled_labour' "
                           "(did you mean 'unskilled_labour'?)")
    assert "declare it under economic.factors" in text
    assert "未知的换算系数 'unskiled_labour'（是否应为 'unskilled_labour'？）" in err.value.render("zh")
    # a factor the model declares is known
    d["economic"]["factors"]["unskiled_labour"] = 0.6
    assert cba.load_model(d).options["p"].flows[4].economic == "unskiled_labour"


@pytest.mark.parametrize("factors,where,words", [
    ({"unskilled_labour": -0.5}, "economic.factors.unskilled_labour", "must be a number >= 0, got -0.5"),
    ({"standard": {"value": -1}}, "economic.factors.standard.value", "must be a number >= 0"),
    ({"standard": "high"}, "economic.factors.standard", "expected a number"),
    ({"transfer": 0.5}, "economic.factors.transfer", "reserved treatment"),
    ({"standard": {"value": 1, "sorce": "x"}}, "economic.factors.standard", "did you mean 'source'"),
])
def test_bad_factors(factors, where, words):
    d = worked()
    d["economic"]["factors"] = factors
    with pytest.raises(InputError) as err:
        cba.load_model(d)
    text = err.value.render("en")
    assert text.startswith(where + ":") and words in text


def test_bad_line_treatment_and_section_fields():
    d = worked()
    d["options"]["p"]["flows"][0]["economic"] = -2
    with pytest.raises(InputError, match=r"^options\.p\.flows\[0\]\.economic: a conversion factor must be"):
        cba.load_model(d)
    d["options"]["p"]["flows"][0]["economic"] = True
    with pytest.raises(InputError, match=r"^options\.p\.flows\[0\]\.economic: expected a conversion factor"):
        cba.load_model(d)
    d = worked(main="social")
    with pytest.raises(InputError, match=r"^economic\.main: expected one of financial, economic"):
        cba.load_model(d)
    d = worked(view="economic")
    with pytest.raises(InputError, match=r"^economic: unknown field 'view'"):
        cba.load_model(d)
