"""review_row: the ex-ante review of one batch row, on the row's model (scenario and overrides applied)."""
from __future__ import annotations

import shutil

import pytest
import yaml

import cba
from cba.batch import read_batch
from cba.batch.review_rows import review_row
from cba.errors import InputError
from cba.i18n import use_lang

from batch_fixtures import ROOT, folder, write_csv  # noqa: F401 - fixtures

# Two dimensions; the BCR leaf reads the row's appraisal. The tiny model (batch_fixtures.TINY,
# horizon 1 at 10%): BCR = saving / 1.1 / price, base price 100, saving 121, scenario dear: price 110.
SYSTEM = """name: small
grades: {优: 90, 良: 80, 中: 60}
gates:
  - {kind: metric, metric: bcr, min: 1.0}
indicators:
  - id: need
    name: 必要性
    weight: 60
    children:
      - {id: fit, name: 政策相符性, weight: 30, rule: {kind: yes_no}}
      - {id: demand, name: 需求迫切性, weight: 30, rule: {kind: expert}}
  - id: econ
    name: 经济性
    weight: 40
    children:
      - {id: b, name: 效益费用比, weight: 40, rule: {kind: appraisal, metric: bcr, bands: [[0.95, 0.5], [1.2, 1.0]]}}
"""


@pytest.fixture
def table(folder, write_csv):
    (folder / "sys.yaml").write_text(SYSTEM, encoding="utf-8")
    (folder / "e.yaml").write_text("fit: 是\ndemand: 21\n", encoding="utf-8")
    f = write_csv(folder / "b.csv", "id,model,scenario,indicators,evidence,price,saving\n"
                                    "a,tiny.yaml,,sys.yaml,e.yaml,,\n"
                                    "b,tiny.yaml,,sys.yaml,e.yaml,90,\n"
                                    "c,tiny.yaml,dear,sys.yaml,e.yaml,,140\n"
                                    "d,tiny.yaml,dear,sys.yaml,e.yaml,,100\n"
                                    "e,tiny.yaml,,,,,\n")
    return read_batch(f)


def test_review_of_rows_matches_the_hand_computed_scores(table):
    # need = fit 30 (是) + demand 21 (expert points in the evidence) = 51 for every row.
    # a: BCR 121/1.1/100 = 1.10 -> band 0.95: 0.5 x 40 = 20; total 71 -> 中; gate passes; 71 < 80 (良) -> adjust
    # b: price 90: BCR 110/90 = 1.222 -> band 1.2: 40; total 91 -> 优 -> support
    # c: dear (price 110) and saving 140: BCR 140/1.1/110 = 1.157 -> 20; total 71 -> 中 -> adjust
    #    (without the scenario it would be 140/1.1/100 = 1.27 -> 40, total 91)
    # d: dear and saving 100: BCR 100/1.1/110 = 0.826 -> below every band: 0; total 51 -> 差;
    #    the gate BCR >= 1 fails -> reject
    want = {"a": (71.0, "中", "adjust", 20.0), "b": (91.0, "优", "support", 40.0),
            "c": (71.0, "中", "adjust", 20.0), "d": (51.0, "差", "reject", 0.0)}
    for r in table.rows[:4]:
        out = review_row(r)
        total, grade, conclusion, econ = want[r.id]
        assert out["review_total"] == pytest.approx(total, abs=1e-9), r.id
        assert (out["grade"], out["review_conclusion"]) == (grade, conclusion), r.id
        assert out["dimensions"] == pytest.approx({"need": 51.0, "econ": econ}), r.id
        assert list(out["dimensions"]) == ["need", "econ"]
        assert out["dimension_names"] == {"need": "必要性", "econ": "经济性"}
        assert out["dimension_max"] == {"need": 60.0, "econ": 40.0}


def test_a_row_without_indicators_gives_nothing(table):
    assert review_row(table.rows[4]) == {}


def test_a_failed_review_is_an_input_error_naming_the_row(folder, write_csv):
    (folder / "sys.yaml").write_text(SYSTEM, encoding="utf-8")
    (folder / "e.yaml").write_text("fit: 是\n", encoding="utf-8")          # the expert leaf has no points
    t = read_batch(write_csv(folder / "b.csv", "id,model,indicators,evidence\nx,tiny.yaml,sys.yaml,e.yaml\n"))
    with use_lang("en"), pytest.raises(InputError) as e:
        review_row(t.rows[0])
    assert "the ex-ante review of row 2 (id x) failed" in str(e.value) and "demand" in str(e.value)


def test_kiosk_review_equals_cba_review_of_an_edited_model_file(tmp_path):
    """Against data/kiosk_review: the batch path (effective_model of the shared model) and an
    independent path (the model FILE edited to the row's values, then cba.review) agree."""
    ev = yaml.safe_load((ROOT / "data/kiosk_review/evidence.yaml").read_text(encoding="utf-8"))
    # the four expert indicators: points given directly (no panel), inside 0..weight
    ev.update(demand=5.0, target_clarity=6.5, plan_completeness=7.0, budget_basis=4.5)
    (tmp_path / "e.yaml").write_text(yaml.safe_dump(ev, allow_unicode=True), encoding="utf-8")
    shutil.copy(ROOT / "data/minhang_kiosk.yaml", tmp_path / "kiosk.yaml")
    ind = ROOT / "data/kiosk_review/indicators.yaml"
    (tmp_path / "b.csv").write_text(f"id,model,indicators,evidence,kiosk_price,reduction,staff_freed\n"
                                    f"k,kiosk.yaml,{ind},e.yaml,20,0,0.5\n", encoding="utf-8")
    out = review_row(read_batch(tmp_path / "b.csv").rows[0])
    text = (ROOT / "data/minhang_kiosk.yaml").read_text(encoding="utf-8")
    for old, new in (("kiosk_price:\n    value: 10\n", "kiosk_price:\n    value: 20\n"),
                     ("reduction:\n    value: 0.10\n", "reduction:\n    value: 0.0\n"),
                     ("staff_freed:\n    value: 1.5\n", "staff_freed:\n    value: 0.5\n")):
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "edited.yaml").write_text(text, encoding="utf-8")
    edited = cba.load_model(tmp_path / "edited.yaml")
    assert edited.parameters["kiosk_price"].value == 20 and edited.parameters["staff_freed"].value == 0.5
    ref = cba.review(edited, ind, ev)
    base = cba.review(cba.load_model(ROOT / "data/minhang_kiosk.yaml"), ind, ev)
    assert out["review_total"] == pytest.approx(ref.total, abs=1e-9)
    assert (out["grade"], out["review_conclusion"]) == (ref.grade, ref.conclusion)
    assert out["dimensions"] == pytest.approx(dict(ref.dimensions["score"]))
    # economy by hand from the edited model's appraisal (BCR 1.08, IRR 11.2%, NPV > 0; bands of indicators.yaml):
    # bcr >= 1.0 -> 0.6 x 8 = 4.8; irr >= 0.08 -> 0.6 x 6 = 3.6; npv >= 0 -> 6; 14.4 (the file's own model: 20)
    a = cba.appraise(edited)
    assert 1.0 <= a["kiosk", "bcr"] < 1.5 and 0.08 <= a["kiosk", "irr"] < 0.12 and a["kiosk", "npv"] > 0
    assert out["dimensions"]["economy"] == pytest.approx(14.4)
    assert float(base.dimensions.loc["economy", "score"]) == pytest.approx(20.0)
    # the non-economy dimensions come from the evidence alone, by hand (indicators.yaml rules):
    # necessity = policy_fit 优 -> 8 + demand 5 + public_support 0.78 x 6 = 17.68
    assert out["dimensions"]["necessity"] == pytest.approx(8 + 5 + 0.78 * 6)
