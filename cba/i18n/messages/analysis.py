"""Sentences of cba.analysis (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- analysis.numbers: negative IRR, parameters set outside their range (issue 9, section 3)
    "analysis.numbers.irr_negative": (
        "{who}：内部收益率为负（{irr}），未折现的净现金流合计为 {total}，即使不考虑折现也收不回投入。",
        "{who}: the IRR is negative ({irr}): the undiscounted net flows sum to {total}, so the option "
        "does not recover its outlays even without discounting"),
    "analysis.numbers.irr_negative_only": (
        "{who}：内部收益率为负（{irr}）。",
        "{who}: the IRR is negative ({irr})"),
    "analysis.numbers.irr_negative_draws": (
        "{who}：{n}次抽样中有{k}次内部收益率为负，这些抽样下即使不考虑折现也收不回投入。",
        "{who}: the IRR is negative in {k} of {n} draws: there the option does not recover its outlays "
        "even without discounting"),
    "analysis.numbers.above_range": (
        "{label}（{name}）取值 {value}，超出其取值区间 {low}–{high}：比上限高 {by}{rel}。模型的取值区间未覆盖这一取值，请核实。",
        "{label} ({name}) is set to {value}, outside its range {low}–{high}: {by} above the high end{rel}. "
        "The model's range does not cover this value; check that it is intended"),
    "analysis.numbers.below_range": (
        "{label}（{name}）取值 {value}，超出其取值区间 {low}–{high}：比下限低 {by}{rel}。模型的取值区间未覆盖这一取值，请核实。",
        "{label} ({name}) is set to {value}, outside its range {low}–{high}: {by} below the low end{rel}. "
        "The model's range does not cover this value; check that it is intended"),
    "analysis.numbers.relative": ("（相当于该端值的 {pct}）", " ({pct} of that end)"),
    "analysis.numbers.times": ("（为该端值的 {times} 倍）", " ({times} times that end)"),
    "analysis.numbers.points": ("{n} 个百分点", "{n} percentage points"),
}
