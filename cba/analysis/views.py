"""The financial and the economic view of a model side by side: FNPV/FIRR/FBCR next to
ENPV/EIRR/EBCR, the financial sustainability test and the model's benchmarks.

Both China's 《建设项目经济评价方法与参数》 (3rd ed.) and the EU Guide to Cost-Benefit
Analysis of Investment Projects (2014) ask for both analyses of one project: the financial
analysis counts the budget's cash (external effects left out), the economic analysis society's
resources (conversion factors applied, transfers removed, external effects added; see
:mod:`cba.method.views`).

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": 0.1, "parameters": {},
...     "economic": {"factors": {"unskilled_labour": 0.8}},
...     "options": {"o": {"flows": [
...         {"name": "build", "kind": "cost", "amount": "100", "at": 0},
...         {"name": "wages", "kind": "cost", "amount": "20", "economic": "unskilled_labour"},
...         {"name": "fees", "kind": "benefit", "amount": "50"},
...         {"name": "safety", "kind": "benefit", "amount": "30", "economic": "external"}]}}})
>>> c = cba.compare_views(m)
>>> c.to_frame()[["fnpv", "enpv"]].round(4)     # -100 + 30 * 1.7355; -100 + (50 + 30 - 16) * 1.7355
      fnpv      enpv
o -47.9339  11.0744
>>> c.sustainability().funding_need["o"]       # cumulative cash -100, -70, -40
100.0
"""
from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..i18n import check_lang, get_lang, msg
from ..i18n.glossary import colon
from .appraise import Appraisal, _increments, appraise, irr_rows
from ..display import RichDisplay

__all__ = ["compare_views", "ViewComparison", "Sustainability", "VIEW_METRICS"]

#: columns of :meth:`ViewComparison.to_frame`
VIEW_METRICS = ("fnpv", "firr", "fbcr", "enpv", "eirr", "ebcr")


def _m(key: str, lang: str) -> str:
    return msg(key).render(lang)


@dataclass(frozen=True)
class Sustainability(RichDisplay):
    """The financial sustainability test (financial view, undiscounted, first draw).

    Attributes
    ----------
    years : ndarray
        Calendar years of the periods.
    net, cumulative : dict
        ``{option: (T,) array}``: the option's own net cash flow (benefits - costs in the
        financial view) and its running sum.
    negative_years : dict
        ``{option: years}`` in which the cumulative cash is negative.
    funding_need : dict
        ``{option: amount}``: minus the lowest cumulative cash (0 when it never falls below 0),
        the money the option needs from outside its own lines (the budget).
    no_revenue : tuple of str
        Options with no revenue or financing line before the horizon: the test then shows
        their funding need rather than a verdict on their finance.
    """

    model: Any
    years: np.ndarray
    net: Mapping[str, np.ndarray]
    cumulative: Mapping[str, np.ndarray]
    negative_years: Mapping[str, tuple[int, ...]]
    funding_need: Mapping[str, float]
    no_revenue: tuple[str, ...] = ()

    def passes(self, option: str) -> bool:
        """The EU guide's test: cumulative net cash flow >= 0 in every year."""
        return not self.negative_years[option]

    def to_frame(self, lang: str | None = None):
        """Years x (option, net / cumulative); translated headers when ``lang`` is given."""
        import pandas as pd

        cols = {}
        for o in self.net:
            name = self.model.option_label(o) if lang else o
            q = ((_m("method.sus.col_net", lang), _m("method.sus.col_cum", lang)) if lang else ("net", "cumulative"))
            cols[(name, q[0])] = self.net[o]
            cols[(name, q[1])] = self.cumulative[o]
        frame = pd.DataFrame(cols, index=pd.Index(self.years, name="year" if not lang else
                                                  ("年份" if lang == "zh" else "Year")))
        return frame

    def notes(self, lang: str | None = None) -> list[str]:
        lang = check_lang(lang or get_lang())
        cur = self.model.currency
        from ..formatting import fmt_money

        return [msg("method.sus.no_revenue", option=self.model.option_label(o), need=fmt_money(-self.funding_need[o]),
                    cur=cur).render(lang) for o in self.no_revenue]

    def rows(self, lang: str | None = None) -> list[str]:
        """One sentence per option: its funding need and the years of negative cumulative cash."""
        from ..formatting import fmt_money

        lang = check_lang(lang or get_lang())
        out = []
        for o in self.net:
            years = self.negative_years[o]
            out.append(msg("method.sus.row", option=self.model.option_label(o), need=fmt_money(self.funding_need[o]),
                           cur=self.model.currency, years=_years_text(years, lang)).render(lang))
        return out

    def summary(self, lang: str | None = None) -> str:
        lang = check_lang(lang or get_lang())
        return "\n".join([_m("method.sus.title", lang), _m("method.sus.rule", lang)] + self.rows(lang)
                         + self.notes(lang))


    def _repr_html_(self) -> str:
        from ..formatting import frame_to_html

        lang = get_lang()
        esc = html.escape
        items = "".join(f"<li>{esc(r)}</li>" for r in self.rows(lang) + self.notes(lang))
        return (f"<div class='cba-sustainability'><p><b>{esc(_m('method.sus.title', lang))}</b></p>"
                f"<p>{esc(_m('method.sus.rule', lang))}</p><ul>{items}</ul>"
                + frame_to_html(self.to_frame(lang)) + "</div>")


def _years_text(years: tuple[int, ...], lang: str) -> str:
    """Consecutive years as ranges: ``2025–2030、2033``."""
    if not years:
        return _m("method.sus.none", lang)
    runs, start, prev = [], years[0], years[0]
    for y in years[1:] + (None,):
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ("、" if lang == "zh" else ", ").join(runs)


@dataclass(frozen=True)
class ViewComparison(RichDisplay):
    """Results of :func:`compare_views`: the same model appraised in both views.

    Attributes
    ----------
    financial, economic : Appraisal
        The two appraisals (``appraise(model, view=...)``).
    benchmarks : dict
        ``{option: (BenchmarkResult, ...)}`` for the model's ``benchmarks:`` (empty without).
    """

    model: Any
    financial: Appraisal
    economic: Appraisal
    benchmarks: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    @property
    def basis(self) -> str:
        return self.economic.basis

    @property
    def main(self) -> str:
        from ..method.views import main_view

        return main_view(self.model)

    def metrics(self, option: str) -> dict[str, float]:
        """FNPV ... EBCR of ``option`` (incremental where the model has a baseline; first draw)."""
        out = {}
        for prefix, a in (("f", self.financial), ("e", self.economic)):
            res = a.results()[option]
            for k in ("npv", "irr", "bcr"):
                out[prefix + k] = float(np.asarray(res[k], dtype=float).reshape(-1)[0])
        return out

    def to_frame(self):
        """Options x ``label``, FNPV, FIRR, FBCR, ENPV, EIRR, EBCR (incremental against the
        baseline where there is one)."""
        import pandas as pd

        rows = {o: {"label": self.model.option_label(o), **self.metrics(o)} for o in self.financial.results()}
        return pd.DataFrame.from_dict(rows, orient="index")[["label", *VIEW_METRICS]]

    def table(self, lang: str | None = None):
        """:meth:`to_frame` with translated headers, indexed by option label."""
        lang = check_lang(lang or get_lang())
        frame = self.to_frame().set_index("label")
        frame.columns = [_m(f"method.metric.{k}", lang) for k in frame.columns]
        from ..i18n import label

        frame.index.name = label("option", lang)
        return frame

    def sustainability(self) -> Sustainability:
        """Financial sustainability of each option: its own undiscounted net cash flow in the
        financial view, year by year, and the cumulative cash (see :class:`Sustainability`). An
        asset's salvage and residual value are left out (not cash the budget receives; the EU
        guide's test is on the cash flows, residual value excluded)."""
        m = self.model
        a = self.financial
        years = m.years
        net, cum, neg, need, no_rev = {}, {}, {}, {}, []
        for o, opt in m.options.items():
            # an asset's residual value is not cash received: the sustainability test leaves it out
            residual = sum((a.flows.lines[o][line.name][0] for line in opt.lines
                            if getattr(line, "asset", None) is not None and line.kind == "benefit"), 0.0)
            n = np.asarray(a.flows.benefits[o][0] - residual - a.flows.costs[o][0], dtype=float) + 0.0
            c = np.cumsum(n)
            net[o], cum[o] = n, c
            neg[o] = tuple(int(y) for y, x in zip(years, c) if x < -1e-9)
            need[o] = float(max(0.0, -c.min()))
            revenue = any(line.kind == "benefit" and np.any(a.flows.lines[o][line.name][0][:-1] != 0)
                          for line in opt.lines)
            if not revenue and need[o] > 0:
                no_rev.append(o)
        return Sustainability(model=m, years=years, net=net, cumulative=cum, negative_years=neg,
                              funding_need=need, no_revenue=tuple(no_rev))

    def benchmark_lines(self, option: str, lang: str | None = None) -> list[str]:
        lang = check_lang(lang or get_lang())
        return [r.sentence.render(lang) for r in self.benchmarks.get(option, ())]

    def summary(self, lang: str | None = None) -> str:
        from ..formatting import frame_to_text

        lang = check_lang(lang or get_lang())
        c = colon(lang)
        lines = [_m("method.cmp.title", lang), f"{_m('method.view.label', lang)}{c}"
                 f"{_m('method.view.' + self.main, lang)}",
                 msg("method.cmp.rates", frate=self.financial.rate_text(), erate=self.economic.rate_text()).render(lang),
                 "", frame_to_text(self.table(lang)), "", self.sustainability().summary(lang)]
        if self.model.benchmarks:
            lines += ["", _m("method.bm.title", lang)]
            for o in self.benchmarks:
                lines += [f"- {s}" for s in self.benchmark_lines(o, lang)]
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        from ..formatting import frame_to_html
        from ..i18n import label

        lang = get_lang()
        esc = html.escape
        parts = [f"<div class='cba-views'><p><b>{esc(_m('method.cmp.title', lang))}</b></p>",
                 f"<p>{esc(msg('method.cmp.rates', frate=self.financial.rate_text(), erate=self.economic.rate_text()).render(lang))}</p>",
                 (f"<p>{esc(label('currency', lang))}{esc(colon(lang))}{esc(self.model.currency)}</p>"
                  if self.model.currency else ""),
                 frame_to_html(self.table(lang)), self.sustainability()._repr_html_()]
        if self.model.benchmarks:
            parts.append(f"<p><b>{esc(_m('method.bm.title', lang))}</b></p><ul>" + "".join(
                f"<li>{esc(s)}</li>" for o in self.benchmarks for s in self.benchmark_lines(o, lang)) + "</ul>")
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self) -> str:
        return f"<ViewComparison of {self.model.name!r}: {len(self.model.options)} options>"

    def to_dict(self) -> dict[str, Any]:
        def clean(x: float) -> float | None:
            return x if math.isfinite(x) else None

        s = self.sustainability()
        return {"main": self.main, "basis": self.basis,
                "metrics": {o: {k: clean(x) for k, x in self.metrics(o).items()} for o in self.financial.results()},
                "sustainability": {o: {"funding_need": s.funding_need[o], "negative_years": list(s.negative_years[o])}
                                   for o in s.net},
                "benchmarks": {o: [r.to_dict() for r in rs] for o, rs in self.benchmarks.items()}}


def irr_root_count(appraisal: Appraisal, option: str) -> int:
    """How many IRRs the (incremental, where there is a baseline) net flow of ``option`` has
    (first draw): 0 none, 1 unique, more: not unique."""
    from ..finance import irr_solve

    m = appraisal.model
    if appraisal.basis == "incremental":
        costs, benefits = _increments(m, appraisal.flows, option, m.baseline)
    else:
        costs, benefits = appraisal.flows.costs[option], appraisal.flows.benefits[option]
    _, n = irr_solve(irr_rows((benefits - costs)[:1], m.timing))
    return int(np.asarray(n).reshape(-1)[0])


def compare_views(model, *, scenario: str | None = None, optimism: bool | None = None,
                  **overrides: Any) -> ViewComparison:
    """Appraise ``model`` in the financial and the economic view and compare them.

    Parameters
    ----------
    model : Model
    scenario : str, optional
        A named scenario of the model, applied to both.
    optimism : bool, optional
        The optimism-bias switch, for both (default: as the model file says).
    **overrides
        Parameter values and ``discount_rate`` (the latter then applies to both views, replacing
        ``economic.financial_discount_rate`` too).

    Returns
    -------
    ViewComparison
    """
    from ..method.benchmarks import compare_benchmark

    fin = appraise(model, view="financial", optimism=optimism, scenario=scenario, **overrides)
    eco = appraise(model, view="economic", optimism=optimism, scenario=scenario, **overrides)
    results: dict[str, tuple[Any, ...]] = {}
    if model.benchmarks:
        for o in eco.results():
            rs = []
            for key, bench in model.benchmarks.items():
                a = fin if bench.view == "financial" else eco
                value = float(np.asarray(a.results()[o][bench.metric], dtype=float).reshape(-1)[0])
                n_roots = irr_root_count(a, o) if bench.metric == "irr" else None
                rs.append(compare_benchmark(bench, value, n_roots=n_roots, unit=model.currency))
            results[o] = tuple(rs)
    return ViewComparison(model=model, financial=fin, economic=eco, benchmarks=results)
