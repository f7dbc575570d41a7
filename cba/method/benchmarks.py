"""Sector benchmark rates supplied by the user (e.g. EIRR against 8%), with their source.

cba bundles no sector rate (the guide's 行业基准收益率 are not reproduced without a source): a
model states each benchmark it is judged against, with where it comes from::

    benchmarks:
      eirr: {value: 0.08, source: 社会折现率8%（发改投资〔2006〕1325号）}
      enpv: {value: 0, source: 经济净现值不小于0（《建设项目经济评价方法与参数》第三版）}

Keys: ``fnpv``, ``enpv`` (amounts in the model's currency), ``firr``, ``eirr`` (rates),
``fbcr``, ``ebcr`` (ratios); ``f`` is the financial view, ``e`` the economic view. A metric
meets its benchmark when it is at least the benchmark. An IRR that does not exist or is not
unique is reported as such and not compared.

Examples
--------
>>> b = check_benchmarks({"eirr": {"value": 0.08, "source": "发改投资〔2006〕1325号"}})
>>> b["eirr"].value, b.to_dict()
(0.08, {'eirr': {'value': 0.08, 'source': '发改投资〔2006〕1325号'}})
>>> r = compare_benchmark(b["eirr"], 0.123, unit="")
>>> r.met, r.sentence.render("zh")
(True, 'EIRR 12.3% 高于基准收益率 8%（来源：发改投资〔2006〕1325号），达到基准')
>>> print(r.sentence.render("en"))
EIRR 12.3% is above the benchmark rate 8% (source: 发改投资〔2006〕1325号): benchmark met
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import checks as v
from ..errors import InputError
from ..i18n import Text, msg

__all__ = ["check_benchmarks", "Benchmark", "Benchmarks", "BenchmarkResult", "compare_benchmark",
           "BENCHMARK_KEYS"]

#: the metrics a benchmark may be set for: (view, metric)
BENCHMARK_KEYS = {"fnpv": ("financial", "npv"), "firr": ("financial", "irr"), "fbcr": ("financial", "bcr"),
                  "enpv": ("economic", "npv"), "eirr": ("economic", "irr"), "ebcr": ("economic", "bcr")}


@dataclass(frozen=True)
class Benchmark:
    """One benchmark: the metric key (``eirr``), its value and its source."""

    key: str
    value: float
    source: str

    @property
    def view(self) -> str:
        return BENCHMARK_KEYS[self.key][0]

    @property
    def metric(self) -> str:
        return BENCHMARK_KEYS[self.key][1]


class Benchmarks(Mapping):
    """The validated ``benchmarks:`` section: ``{key: Benchmark}`` in file order."""

    def __init__(self, items: Mapping[str, Benchmark]):
        self._items = dict(items)

    def __getitem__(self, key: str) -> Benchmark:
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Benchmarks) and self._items == other._items

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        return f"Benchmarks({self._items!r})"

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {k: {"value": b.value, "source": b.source} for k, b in self._items.items()}


def check_benchmarks(entry: Any, where: str = "benchmarks") -> Benchmarks:
    """Validate the model file's ``benchmarks:`` section: keys from :data:`BENCHMARK_KEYS`,
    each ``{value, source}`` with both given."""
    if isinstance(entry, Benchmarks):
        return entry
    entry = v.mapping(entry, where)
    v.only_keys(entry, where, tuple(BENCHMARK_KEYS))
    out = {}
    for key, x in entry.items():
        w = f"{where}.{key}"
        if not isinstance(x, Mapping):
            raise InputError(msg("method.benchmark_entry", got=v.show(x)), where=w)
        v.only_keys(x, w, ("value", "source"))
        v.require(x, w, ("value", "source"))
        value = v.number(x["value"], f"{w}.value")
        source = v.text(x["source"], f"{w}.source").strip()
        if not source:
            raise InputError(msg("method.benchmark_source"), where=f"{w}.source")
        metric = BENCHMARK_KEYS[key][1]
        if metric == "irr" and value <= -1:
            raise InputError(msg("method.benchmark_irr", got=v.show(x["value"])), where=f"{w}.value")
        if metric == "bcr" and value < 0:
            raise InputError(msg("method.benchmark_bcr", got=v.show(x["value"])), where=f"{w}.value")
        out[key] = Benchmark(key, value, source)
    return Benchmarks(out)


@dataclass(frozen=True)
class BenchmarkResult:
    """A metric against its benchmark.

    ``status`` is ``met``, ``not_met``, ``irr_absent``, ``irr_multiple`` or ``undefined``
    (then ``met`` is None: nothing was compared).
    """

    benchmark: Benchmark
    value: float
    met: bool | None
    status: str
    sentence: Text

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.benchmark.key, "value": None if not math.isfinite(self.value) else self.value,
                "benchmark": self.benchmark.value, "source": self.benchmark.source, "met": self.met,
                "status": self.status, "sentence": self.sentence.render("en"),
                "sentence_zh": self.sentence.render("zh")}


def _fmt(x: float, metric: str, unit: str) -> Text:
    from ..formatting import fmt_money, fmt_rate, fmt_ratio

    if metric == "irr":
        s = fmt_rate(x)
        return Text(s, s)
    if metric == "bcr":
        s = fmt_ratio(x)
        return Text(s, s)
    s = fmt_money(x)
    return Text(f"{s} {unit}".strip(), f"{s} {unit}".strip())


def compare_benchmark(bench: Benchmark, value: float, *, n_roots: int | None = None, unit: str = "",
                      label: Any = None) -> BenchmarkResult:
    """``value`` of ``bench``'s metric against it, with the sentence (``label`` names the
    metric in the sentence; default ``EIRR`` etc.).

    ``n_roots`` (for an IRR): 0 means the IRR does not exist, more than 1 that it is not
    unique; a NaN BCR (no costs) is undefined. None of those is compared.
    """
    metric = bench.metric
    name = label if label is not None else msg(f"method.metric.{bench.key}_short")
    b = _fmt(bench.value, metric, unit)
    src = bench.source
    if metric == "irr" and (n_roots == 0 or n_roots is not None and n_roots > 1 or not math.isfinite(value)):
        if n_roots is not None and n_roots > 1:
            return BenchmarkResult(bench, value, None, "irr_multiple",
                                   msg("method.bm.irr_multiple", metric=name, n=n_roots, bench=b, source=src))
        return BenchmarkResult(bench, value, None, "irr_absent",
                               msg("method.bm.irr_absent", metric=name, bench=b, source=src))
    if not math.isfinite(value):
        return BenchmarkResult(bench, value, None, "undefined",
                               msg("method.bm.undefined", metric=name, bench=b, source=src))
    shown = _fmt(value, metric, unit)
    if value == bench.value:
        cmp, met = "equal", True
    else:
        cmp, met = ("above", True) if value > bench.value else ("below", False)
        if shown.render("en") == b.render("en"):       # equal as shown: show the digits that differ
            x = f"{value * 100:.10g}%" if metric == "irr" else f"{value:,.10g}"
            shown = Text(f"{x} {unit}".strip() if metric == "npv" else x, f"{x} {unit}".strip() if metric == "npv" else x)
    what = msg("method.bm.rate") if metric == "irr" else msg("method.bm.value")
    sentence = msg("method.bm.sentence", metric=name, value=shown, cmp=msg(f"method.bm.{cmp}"),
                   what=what, bench=b, source=src, verdict=msg("method.bm.met" if met else "method.bm.not_met"))
    return BenchmarkResult(bench, value, met, "met" if met else "not_met", sentence)
