"""Generate the SYNTHETIC batch example of ``data/batch/``: kiosk-style variants across Shanghai's districts.

SYNTHETIC (合成数据): every number here is made up by this script (seed 20261201); no district
published these plans, counts, costs or review evidence. The table exercises ``cba batch``
(:mod:`cba.batch`): 16 districts x 3 sites = 48 variants of ``data/minhang_kiosk.yaml``, each
overriding a few of its parameters plausibly by district type:

- ``n_posts`` (岗点数量): 3-10 posts per site;
- ``accidents`` (覆盖路口年事故数): busier central crossings see more (central 35-55, inner
  suburbs 22-40, outer districts 12-28 per crossing and year; the model's range is 10-60);
- ``staff_cost`` (执勤人员人均用人成本, 万元/人·年): central 13-16, inner suburbs 11-14, outer 8.5-12
  (the model's range 5-16);
- ``kiosk_price`` (岗亭单价, 万元/台): 6-16 (the purchase-report range 3-20);
- ``reduction`` (事故降幅): 0.04-0.20 (the meta-analysis range 0-0.40).

Five rows run a scenario of the model (three ``pessimistic``, two ``optimistic``); they set only
``n_posts``, ``accidents`` and ``staff_cost``, so the scenario's price, life, upkeep, staff freed
and accident reduction hold (a blank cell keeps the scenario's value). Every row is reviewed
against ``data/kiosk_review/indicators.yaml`` with its district's evidence file
``evidence/<district>.yaml`` (written here too; the four expert indicators as points, no panel),
so review grades differ by district and the pessimistic rows fail the BCR gate.

Run ``python data/batch/make_kiosk_districts.py [--out DIR]`` to write the files (the same bytes
every run), ``--check`` to exit 1 when the committed files differ from what the script writes.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import numpy as np

SEED = 20261201
HERE = Path(__file__).resolve().parent
TABLE = "kiosk_districts.csv"
#: (id, name, type): Shanghai's 16 districts; type c = central, s = inner suburb, o = outer
DISTRICTS = (("huangpu", "黄浦区", "c"), ("xuhui", "徐汇区", "c"), ("changning", "长宁区", "c"),
             ("jingan", "静安区", "c"), ("putuo", "普陀区", "c"), ("hongkou", "虹口区", "c"), ("yangpu", "杨浦区", "c"),
             ("minhang", "闵行区", "s"), ("baoshan", "宝山区", "s"), ("jiading", "嘉定区", "s"), ("pudong", "浦东新区", "s"),
             ("jinshan", "金山区", "o"), ("songjiang", "松江区", "o"), ("qingpu", "青浦区", "o"), ("fengxian", "奉贤区", "o"),
             ("chongming", "崇明区", "o"))
SITES = ("主干道路口", "学校周边", "商圈周边")
ACCIDENTS = {"c": (35, 55), "s": (22, 40), "o": (12, 28)}
STAFF_COST = {"c": (13.0, 16.0), "s": (11.0, 14.0), "o": (8.5, 12.0)}
#: rows (district id, site number) that run a scenario
SCENARIOS = {("jinshan", 3): "pessimistic", ("chongming", 2): "pessimistic", ("qingpu", 3): "pessimistic",
             ("xuhui", 1): "optimistic", ("pudong", 2): "optimistic"}
COLUMNS = ("id", "name", "model", "scenario", "indicators", "evidence", "n_posts", "accidents", "staff_cost",
           "kiosk_price", "reduction")
GRADE_WORDS = ("差", "中", "良", "优")


def _num(x: float) -> str:
    """A number as written in the table: no trailing zeros (12.0 -> 12)."""
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _evidence(rng: np.random.Generator, name: str, quality: float) -> bytes:
    """A district's review evidence (the rule and expert indicators of kiosk_review/indicators.yaml)."""
    def pts(weight: float) -> float:                      # expert points, in halves, 0..weight
        return float(np.clip(np.round(2 * weight * (quality + rng.normal(0, 0.06))) / 2, 0, weight))

    def grade() -> str:
        return GRADE_WORDS[int(np.clip(np.floor(4 * (quality + rng.normal(0, 0.08))), 0, 3))]

    lines = [f"# {name}移动岗亭项目：事前绩效评估证据（合成数据，SYNTHETIC，由 make_kiosk_districts.py 生成）",
             f"policy_fit: {grade()}",
             f"demand: {_num(pts(6))}",
             f"public_support: {_num(round(float(np.clip(0.35 + 0.6 * quality + rng.normal(0, 0.04), 0, 1)), 2))}",
             f"target_clarity: {_num(pts(8))}",
             f"quantified_share: {_num(round(float(np.clip(0.3 + 0.6 * quality + rng.normal(0, 0.05), 0, 1)), 2))}",
             f"accident_target: {'yes' if quality + rng.normal(0, 0.1) > 0.55 else 'no'}",
             f"plan_completeness: {_num(pts(8))}",
             f"schedule: {grade()}",
             f"response_hours: {_num(round(float(np.clip(2.6 - 2.4 * quality + rng.normal(0, 0.2), 0.2, 4)), 1))}",
             f"source_compliance: {'yes' if quality > 0.45 else 'no'}",
             f"budget_basis: {_num(pts(6))}",
             f"cost_share: {_num(round(float(10 ** rng.uniform(-3.6, -1.8)), 5))}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def make(seed: int = SEED) -> dict[str, bytes]:
    """Every file as bytes: ``{"kiosk_districts.csv": ..., "evidence/<district>.yaml": ...}``."""
    rng = np.random.default_rng(seed)
    files: dict[str, bytes] = {}
    rows = []
    for did, dname, kind in DISTRICTS:
        quality = float(rng.uniform(0.35, 0.98))             # the district's preparation (review evidence)
        files[f"evidence/{did}.yaml"] = _evidence(rng, dname, quality)
        for k, site in enumerate(SITES, start=1):
            scenario = SCENARIOS.get((did, k), "")
            n_posts = int(rng.integers(3, 11))
            accidents = int(rng.integers(*ACCIDENTS[kind], endpoint=True))
            staff_cost = round(float(rng.uniform(*STAFF_COST[kind])), 1)
            price = round(float(rng.uniform(6.0, 16.0)), 1)
            reduction = round(float(rng.uniform(0.04, 0.20)), 2)
            own = not scenario                                # scenario rows keep the scenario's values
            rows.append([f"{did}-{k}", f"{dname}{site}移动岗亭", "../minhang_kiosk.yaml", scenario,
                         "../kiosk_review/indicators.yaml", f"evidence/{did}.yaml", str(n_posts), str(accidents),
                         _num(staff_cost), _num(price) if own else "", _num(reduction) if own else ""])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(rows)
    files[TABLE] = buf.getvalue().encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the SYNTHETIC kiosk batch example (合成数据, not district data).")
    parser.add_argument("--out", default=str(HERE), help="the folder to write (default: this script's folder)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the files in --out differ from the script's")
    args = parser.parse_args(argv)
    out = Path(args.out)
    files = make()
    if args.check:
        differ = [name for name, data in files.items()
                  if not (out / name).is_file() or (out / name).read_bytes() != data]
        for name in differ:
            print(f"differs: {out / name}", file=sys.stderr)
        return 1 if differ else 0
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    print(f"wrote {len(files)} files to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
