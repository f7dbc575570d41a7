"""The review report (事前绩效评估报告): rendered through the same papermill path as the appraisal
report, with the usual outline of an ex-ante evaluation report (nine sections), the appraisal's
numbers in 投入经济性, and a provenance that records the SHA-256 of all four input files."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

import cba
from cba.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"
REVIEW = ROOT / "data" / "kiosk_review"
INPUTS = {"indicators_path": REVIEW / "indicators.yaml", "evidence_path": REVIEW / "evidence.yaml",
          "panel_path": REVIEW / "panel.csv"}
#: the outline of an ex-ante evaluation report, in order
HEADINGS_ZH = ["一、项目概况", "二、评估结论", "三、立项必要性", "四、投入经济性", "五、绩效目标合理性",
               "六、实施方案可行性", "七、筹资合规性", "八、专家评分", "九、附录（可复现信息）"]






def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def review_zh(tmp_path_factory):
    from cba.report.review_blocks import REVIEW_TEMPLATE

    out = tmp_path_factory.mktemp("review-zh")
    return cba.render_report(KIOSK, out, template=REVIEW_TEMPLATE, formats=["html"], name="kiosk_review",
                             parameters={"n_draws": 1000, "seed": 7}, inputs=INPUTS)


def test_html_has_the_nine_sections_in_order(review_zh):
    html = review_zh["html"].read_text(encoding="utf-8")
    at = [html.index(f">{h}</h2>") for h in HEADINGS_ZH]
    assert at == sorted(at)
    assert "予以支持" in html and "事前绩效评估结论" in html


def test_provenance_records_all_four_input_files(review_zh):
    prov = json.loads(review_zh["provenance"].read_text(encoding="utf-8"))
    assert prov["model"]["sha256"] == _sha(KIOSK)
    assert {k: v["sha256"] for k, v in prov["inputs"].items()} == {k: _sha(p) for k, p in INPUTS.items()}
    assert prov["inputs"]["panel_path"]["path"].endswith("data/kiosk_review/panel.csv")
    assert prov["template"]["path"] == "cba:report/templates/review.ipynb"
    # no path of this machine; the input file names are not parameters of their own
    assert not any(e["path"].startswith("/") for e in [prov["model"], *prov["inputs"].values()])
    assert not set(INPUTS) & set(prov["parameters"])
    # every input file's hash is shown in the appendix as well
    html = review_zh["html"].read_text(encoding="utf-8")
    assert all(_sha(p) in html for p in [KIOSK, *INPUTS.values()])


def test_economy_section_shows_the_appraisal_numbers(review_zh):
    a = cba.appraise(cba.load_model(KIOSK))
    r = a.results("incremental")["kiosk"]
    eco = review_zh.results["economy"]
    assert eco["bcr"] == pytest.approx(float(r["bcr"].reshape(-1)[0]), rel=1e-12)     # 9.103 (cba evaluate)
    assert eco["npv"] == pytest.approx(float(r["npv"].reshape(-1)[0]), rel=1e-12)     # 1,009.82 万元
    assert eco["prob_loss"] is not None                                 # drawn: P(NPV<0) shown
    html = review_zh["html"].read_text(encoding="utf-8")
    part = html[html.index(">四、投入经济性</h2>"):html.index(">五、绩效目标合理性</h2>")]
    assert "9.103" in part and "1,009.82" in part and "268.6%" in part and "净现值&lt;0的概率" in part


def test_total_grade_and_panel_recorded(review_zh):
    rv = review_zh.results["review"]
    assert rv["total"] == pytest.approx(92.605, abs=1e-9)   # hand calculation in tests/cli/test_review_cli.py
    assert (rv["grade"], rv["conclusion"]) == ("优", "support")
    # the trimmed mean of three scores is the median: demand (5, 5.5, 4.5) -> 5; plan (7, 4, 7.5) -> 7
    assert review_zh.results["panel"]["aggregate"]["demand"] == pytest.approx(5.0)
    assert review_zh.results["panel"]["aggregate"]["plan_completeness"] == pytest.approx(7.0)
    # Kendall's W on score / weight (demand 6, target_clarity 8, plan_completeness 8, budget_basis 6),
    # ranked per assessor: A 2.5, 1, 4, 2.5; B 4, 3, 1, 2; C 1.5, 1.5, 4, 3 -> rank sums 8, 5.5, 9, 7.5
    # about the mean 7.5: S = 6.5; ties (A, C: one pair each) T = 6 + 6; W = 12 S / (m^2 (n^3 - n) - m T)
    # = 78 / (9 * 60 - 3 * 12) = 78 / 504 (Kendall & Babington Smith 1939, with the tie correction)
    assert review_zh.results["panel"]["kendall_w"] == pytest.approx(78 / 504, rel=1e-12)
    assert "W = 0.1548" in review_zh["html"].read_text(encoding="utf-8")


def test_reproduce_finds_the_inputs_and_matches(review_zh):
    from cba.report.provenance import reproduce

    res = reproduce(review_zh["provenance"])
    assert res.matches, res.summary()
    assert not res.changed_files


def test_english_report(tmp_path):
    from cba.report.review_blocks import REVIEW_TEMPLATE

    out = cba.render_report(KIOSK, tmp_path, template=REVIEW_TEMPLATE, lang="en", formats=["html"],
                            name="kiosk_review", parameters={"n_draws": 0}, inputs=INPUTS)
    html = out["html"].read_text(encoding="utf-8")
    for h in ["1. Project overview", "2. Conclusion", "3. Need for the project", "4. Economy of the inputs",
              "8. Expert panel", "9. Appendix: provenance"]:
        assert f">{h}</h2>" in html
    assert "No Monte Carlo draws" in html


# -- without cba.review: the template, the runner and the evidence check ---------------------------
def test_template_declares_the_review_parameters():
    from cba.report.params import template_parameters
    from cba.report.review_blocks import REVIEW_TEMPLATE

    declared = template_parameters(REVIEW_TEMPLATE)
    assert {"model_path", "indicators_path", "evidence_path", "panel_path", "lang", "aggregate", "n_draws", "seed",
            "provenance"} <= set(declared)
    assert declared["aggregate"].default_value == "trimmed_mean" and declared["n_draws"].default_value == 0
    # the source checkout's notebooks/review.ipynb is the packaged template
    assert (ROOT / "notebooks" / "review.ipynb").resolve() == REVIEW_TEMPLATE


def test_render_report_refuses_inputs_the_template_does_not_declare(tmp_path):
    from cba.report.errors import ParameterError

    with pytest.raises(ParameterError, match="inputs.indicators_path"):
        cba.render_report(KIOSK, tmp_path, formats=(), inputs={"indicators_path": INPUTS["indicators_path"]})
    assert not list(tmp_path.iterdir())


def test_render_report_names_a_missing_input_file(tmp_path):
    from cba.report.review_blocks import REVIEW_TEMPLATE

    gone = tmp_path / "gone.csv"
    with pytest.raises(InputError) as err:
        cba.render_report(KIOSK, tmp_path / "out", template=REVIEW_TEMPLATE, formats=(), lang="en",
                          inputs={"panel_path": gone})
    assert str(err.value) == f"{gone}: inputs.panel_path: no such file"


def test_unknown_evidence_key_names_the_file_and_the_key(tmp_path):
    from cba.i18n import use_lang
    from cba.report.review_blocks import load_evidence

    system = SimpleNamespace(leaves=[SimpleNamespace(id="policy_fit"), SimpleNamespace(id="demand")])
    ev = tmp_path / "ev.yaml"
    ev.write_text("policy_fit: 优\ndemandd: 3\n", encoding="utf-8")
    with use_lang("zh"), pytest.raises(InputError) as err:
        load_evidence(ev, system)
    assert err.value.render("zh") == f"{ev}：demandd：未知指标 'demandd'；指标体系中的指标：policy_fit, demand"
    assert load_evidence({"policy_fit": "优", "appraisal": {"bcr": 1.2}}, system) == {
        "policy_fit": "优", "appraisal": {"bcr": 1.2}}
    ev.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InputError, match="must map indicator ids to values, got list"):
        load_evidence(ev, system)


def test_kiosk_review_files_are_consistent_and_labelled_illustrative():
    """Every evidence key and panel indicator is a leaf of the kiosk's indicator system; the
    expert indicators are exactly those the panel scores; weights sum to 20 per dimension and
    100 in all; the panel's scores lie within each indicator's points; every file says 示例."""
    import pandas as pd
    import yaml

    system = yaml.safe_load(INPUTS["indicators_path"].read_text(encoding="utf-8"))
    leaves = {c["id"]: c for d in system["indicators"] for c in d["children"]}
    assert [d["weight"] for d in system["indicators"]] == [20] * 5
    assert all(sum(c["weight"] for c in d["children"]) == d["weight"] for d in system["indicators"])
    evidence = yaml.safe_load(INPUTS["evidence_path"].read_text(encoding="utf-8"))
    assert set(evidence) <= set(leaves)
    panel = pd.read_csv(INPUTS["panel_path"])
    expert = {k for k, c in leaves.items() if c["rule"]["kind"] == "expert"}
    assert set(panel["indicator"]) == expert and panel["assessor"].nunique() == 3
    assert all(0 <= s <= leaves[i]["weight"] for i, s in zip(panel["indicator"], panel["score"]))
    # every rule-scored indicator has evidence, or is fed by the appraisal
    assert {k for k, c in leaves.items() if c["rule"]["kind"] not in ("expert", "appraisal")} == set(evidence)
    for path in INPUTS.values():
        assert "示例" in path.read_text(encoding="utf-8")
