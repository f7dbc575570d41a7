"""Generate the SYNTHETIC project portfolio and monitoring tables of ``data/portfolio/``.

SYNTHETIC: every number here is made up by this script (seed 20260113); no project, score,
amount or self-report is real. The tables exercise :func:`cba.review.portfolio` and
:func:`cba.review.monitor` and echo cases from practice (see /work/shared/CONTEXT.md):

- a river water-quality project graded 中 that misses its output target with funds idle (the
  Liaoning environmental project whose budget was cut by half);
- an 优 smart-water platform spending to plan (where the cut money went in Liaoning);
- a county-like portfolio in which 23 of 24 projects (96%) self-report the target met or
  exceeded while about a third of planned funds is unspent (the western county's audit: 96%
  "exceeded", 32% of funds idle).

Outputs (UTF-8, "\\n" line ends, fixed number formats, so the same seed gives the same bytes):

- ``projects.csv``: project, name, five dimension scores (20 points each: necessity, economy,
  goals, feasibility, financing), total, grade (优 >= 90, 良 >= 80, 中 >= 60, 差 below), bcr,
  budget (万元);
- ``monitoring.csv``: project, period (2025Q1-Q4), planned_spend, actual_spend (万元),
  planned_output, actual_output (units of the project's output), self_reported, grade.

Run ``python data/portfolio/make_portfolio.py [OUT_DIR]`` (default: this folder).
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import numpy as np

SEED = 20260113
DIMENSIONS = ("necessity", "economy", "goals", "feasibility", "financing")
PERIODS = ("2025Q1", "2025Q2", "2025Q3", "2025Q4")
NAMES = ("智慧水务平台", "河道水质提升工程", "移动岗亭购置", "社区养老服务中心", "老旧小区加装电梯", "农村公路养护",
         "中小学课后服务", "公共文化云平台", "垃圾分类收运体系", "城市排水管网改造", "基层医疗设备更新", "职业技能培训补贴",
         "智慧交通信号优化", "公园绿地提升", "社区食堂建设", "防汛应急物资储备", "政务服务一网通办", "农田水利设施维修",
         "公共自行车系统", "残疾人康复服务", "校园安全监控", "乡村污水处理站", "文旅消费券", "科技企业孵化补助")
#: projects given a fixed story (index -> (quality, disbursement, output rate, self-report))
STORIES = {0: (0.97, 1.00, 1.05, "exceeded"),   # 智慧水务平台: 优, spends to plan
           1: (0.68, 0.35, 0.60, "exceeded"),   # 河道水质提升工程: 中, target missed, funds idle
           8: (0.45, 0.55, 0.85, "met"),        # 垃圾分类收运体系: 差
           20: (0.70, 0.30, 1.00, "exceeded"),  # 校园安全监控: idle funds, reported exceeded
           17: (0.74, 0.62, 0.70, "not_met")}   # 农田水利设施维修: the one honest "not met"


def _grade(total: float) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def make(seed: int = SEED) -> dict[str, bytes]:
    """The two tables as bytes: ``{"projects.csv": ..., "monitoring.csv": ...}``."""
    rng = np.random.default_rng(seed)
    n = len(NAMES)
    quality = rng.uniform(0.55, 0.97, n)
    spend_rate = rng.uniform(0.45, 1.0, n)
    output_rate = rng.uniform(0.85, 1.15, n)
    reports = np.where(rng.uniform(size=n) < 0.7, "exceeded", "met").astype(object)
    for i, (q, s, o, r) in STORIES.items():
        quality[i], spend_rate[i], output_rate[i], reports[i] = q, s, o, r
    noise = rng.normal(0.0, 1.2, (n, len(DIMENSIONS)))
    scores = np.clip(np.round((20 * quality[:, None] + noise) * 2) / 2, 0, 20)
    bcr = np.round(0.4 + 1.8 * quality + rng.normal(0, 0.15, n), 2)
    budget = np.round(rng.lognormal(np.log(300), 0.6, n) / 10) * 10        # 万元, to tens
    units = rng.integers(4, 40, n)                                           # planned output per quarter
    # disbursement lags early in the year: quarter shares of the project's overall rate
    lag = np.array([0.8, 0.95, 1.05, 1.2])
    projects, monitoring = [], []
    for i in range(n):
        pid = f"P{i + 1:02d}"
        total = float(scores[i].sum())
        grade = _grade(total)
        projects.append([pid, NAMES[i], *(f"{x:.1f}" for x in scores[i]), f"{total:.1f}", grade, f"{bcr[i]:.2f}",
                         f"{budget[i]:.0f}"])
        planned = budget[i] / 4
        for k, period in enumerate(PERIODS):
            rate = min(spend_rate[i] * lag[k], 1.0) if spend_rate[i] < 1 else 1.0
            actual = planned * rate
            out = units[i] * output_rate[i] * (0.9 + 0.1 * k / 1.5)
            monitoring.append([pid, period, f"{planned:.2f}", f"{actual:.2f}", f"{units[i]}", f"{out:.1f}",
                               reports[i], grade])
    return {"projects.csv": _csv(["project", "name", *DIMENSIONS, "total", "grade", "bcr", "budget"], projects),
            "monitoring.csv": _csv(["project", "period", "planned_spend", "actual_spend", "planned_output",
                                    "actual_output", "self_reported", "grade"], monitoring)}


def main(out_dir: str | Path | None = None) -> list[Path]:
    out = Path(out_dir) if out_dir else Path(__file__).parent
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in make().items():
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in main(sys.argv[1] if len(sys.argv) > 1 else None):
        print(p)
