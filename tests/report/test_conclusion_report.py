"""The conclusion section prints its rule, its thresholds with their sources and the values that
decided, in Chinese and English, and names the scenario it rests on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import cba
from cba.report import AppraisalReport
from cba.report.errors import ParameterError

KIOSK = Path(__file__).resolve().parents[2] / "data" / "minhang_kiosk.yaml"


def section_text(block) -> str:
    out = []
    for item in block.items:
        if item["t"] == "ul":
            out.extend(item["items"])
        elif item["t"] == "table":
            out.append(item.get("caption", ""))
            out.extend(" | ".join(row) for row in item["rows"])
        elif "text" in item:
            out.append(item["text"])
    return "\n".join(out)


def test_rule_printed_in_chinese_with_every_threshold():
    r = AppraisalReport(KIOSK, n_draws=0, decision={"max_loss_probability": 0.05})
    text = section_text(r.conclusion())
    assert ("予以支持：净现值（有基准方案时为增量净现值）> 0，效益费用比 ≥ 1.00，净现值为负的概率 ≤ 5%，"
            "临界点落在其合理区间内的参数不超过0个，且敏感因素不超过有取值区间参数的50%；") in text
    assert "调整后支持：净现值 > 0 且效益费用比 ≥ 1.00，但未满足予以支持的其他条件；或净现值 ≤ 0（或效益费用比 < 1.00），" \
           "但效益费用比 ≥ 0.90；" in text
    assert "不予支持：净现值为负的概率 > 50%，或效益费用比 < 0.90（净现值 ≤ 0 时）。" in text
    assert "max_loss_probability | 5% | 本报告设定 |" in text
    assert "min_bcr | 1.00 | cba 默认值 | 予以支持所需的最低效益费用比（净现值 ≥ 0 即效益费用比 ≥ 1" in text
    for name in ("reject_loss_probability | 50%", "adjust_min_bcr | 0.90", "max_in_range | 0",
                 "max_critical_share | 50%"):
        assert name + " | cba 默认值 | " in text and "非官方规定" in text
    # the kiosk (ten inputs with a range, none critical): the values that decided
    assert ("本结论的依据：净现值 = 1,009.82 > 0；效益费用比 = 9.103 ≥ 1.00；临界点落在合理区间内的参数 = 0 ≤ 0；"
            "敏感因素占比 = 0/10 = 0% ≤ 50% → 予以支持") in text
    assert "经济性结论" in text and "本结论为经济性结论" in text          # still the economic part only


def test_rule_printed_in_english():
    r = AppraisalReport(KIOSK, lang="en", n_draws=0, scenario="pessimistic")
    text = section_text(r.conclusion())
    assert ("Support: the NPV (incremental, when there is a baseline) > 0, the benefit-cost ratio ≥ 1.00, "
            "P(NPV < 0) ≤ 10%, at most 0 inputs with their switching value inside their plausible range, and at "
            "most 50% of the inputs with a range critical;") in text
    assert "Do not support: P(NPV < 0) > 50%, or the benefit-cost ratio < 0.90 (when the NPV ≤ 0)." in text
    # economic view: ENPV -68.81, EBCR 0.7374 (staff saved at the shadow wage, no accident reduction)
    assert "What decided: NPV = -68.81 ≤ 0; BCR = 0.7374 < 0.90 → Do not support" in text
    assert "max_loss_probability | 10% | cba default | highest P(NPV < 0) for support (cba's default, not an " \
           "official rule)" in text
    assert "This is the economic conclusion only" in text


def test_no_risk_analysis_names_the_scenario():
    zh = AppraisalReport(KIOSK, n_draws=0, scenario="pessimistic").recommendation
    assert "未做概率风险分析，结论仅依据“悲观情景”。" in zh.text("zh")
    assert zh.text("zh").startswith("在“悲观情景”下，按8%折现率计算")
    # the kiosk labels the scenario 悲观情景: the model's own label, as written, in English too
    assert "the conclusion rests on scenario 悲观情景 alone" in zh.text("en")
    base = AppraisalReport(KIOSK, n_draws=0).recommendation
    assert "未做概率风险分析，结论仅依据基准情形。" in base.text("zh")
    assert "rests on the base case alone" in base.text("en")
    # a scenario key without a standard name is shown as written
    data = cba.load_model(KIOSK).to_dict()
    data["scenarios"]["rush_hour"] = {"accidents": 40}
    r = AppraisalReport(cba.Model.from_dict(data), n_draws=0, scenario="rush_hour").recommendation
    assert "结论仅依据“rush_hour”。" in r.text("zh")
    # without the model's label a common key takes the glossary's name in each language
    del data["scenarios"]["pessimistic"]["label"]
    r = AppraisalReport(cba.Model.from_dict(data), n_draws=0, scenario="pessimistic").recommendation
    assert "结论仅依据“悲观情景”。" in r.text("zh")
    assert "the conclusion rests on scenario pessimistic alone" in r.text("en")


def test_bad_decision_parameter_is_refused_before_the_kernel(tmp_path):
    with pytest.raises(ParameterError) as exc:
        cba.render_report(KIOSK, tmp_path, formats=(), parameters={"decision": {"max_loss_probability": 2}})
    assert "parameters.decision.max_loss_probability" in str(exc.value)
    assert not list(tmp_path.iterdir())


def test_cli_report_with_decision_and_scenario(tmp_path, capsys):
    """One real render: -p decision overrides the defaults, -p scenario is named in the text."""
    from cba.cli.app import main

    out = tmp_path / "out"
    code = main(["report", str(KIOSK), "--lang", "zh", "--out", str(out), "--format", "html", "-p", "n_draws=0",
                 "-p", "scenario=pessimistic", "-p", 'decision={"adjust_min_bcr": 0.95}'])
    assert code == 0, capsys.readouterr().err
    prov = json.loads(next(out.glob("*.provenance.json")).read_text(encoding="utf-8"))
    concl = prov["results"]["conclusion"]
    assert concl["verdict"] == "reject" and concl["rule"]["adjust_min_bcr"] == 0.95   # BCR 0.74 < 0.95
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "未做概率风险分析，结论仅依据“悲观情景”。" in html
    assert "效益费用比 = 0.7374 &lt; 0.95 → 不予支持" in html or "效益费用比 = 0.7374 < 0.95 → 不予支持" in html
    assert "本报告设定" in html
