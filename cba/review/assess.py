"""The ex-ante performance review (事前绩效评估) of one proposal: :func:`review`.

A proposal is scored against an indicator system (:mod:`cba.review.indicators`): each leaf by its
rule from the evidence (:mod:`cba.review.scoring`), the ``appraisal`` leaves from the model's own
appraisal (BCR, NPV, IRR, and P(NPV < 0) when simulated), the ``expert`` leaves by an expert panel
(:mod:`cba.review.panel`). Scores add up per dimension and in total; the total gives the grade
(优/良/中/差); gates (a minimum BCR, a benchmark on an indicator, fiscal affordability, a minimum
total) can veto the proposal. The conclusion follows a stated rule:

* any gate failed -> ``reject`` (不予支持), each failed gate listed;
* every gate passed and the grade at least ``support_grade`` (default 良) -> ``support`` (予以支持);
* otherwise -> ``adjust`` (调整后支持), the indicators scoring below 60% of their weight listed.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Text, check_lang, get_lang, msg
from ..i18n.glossary import colon
from .panel import PanelResult, unknown_indicator
from ..display import RichDisplay

__all__ = ["review", "Review", "GateResult", "CONCLUSIONS", "GATE_KINDS", "APPRAISAL_METRICS"]

#: the three conclusions of an ex-ante review
CONCLUSIONS = ("support", "adjust", "reject")
#: the kinds of gate
GATE_KINDS = ("metric", "value", "affordability", "total")
#: metrics an ``appraisal`` rule or a ``metric`` gate may use
APPRAISAL_METRICS = ("npv", "bcr", "irr", "prob_negative")
#: evidence keys that are not indicators
_RESERVED = ("appraisal", "affordability")
#: a leaf below this share of its weight is listed as a point to adjust
_WEAK = 0.6
#: the usual grades (lower bounds) when the indicator system does not give its own
_DEFAULT_GRADES = {"优": 90.0, "良": 80.0, "中": 60.0}


@dataclass(frozen=True)
class GateResult:
    """One gate: ``name``, ``kind``, ``passed``, ``value`` (what was measured), ``threshold``,
    ``op`` (">=" or "<="), ``text`` (the sentence, in both languages), ``source`` (the benchmark's
    source, if given)."""

    name: str
    kind: str
    passed: bool
    value: float
    threshold: float
    op: str
    text: Text
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "passed": self.passed, "value": _num(self.value),
                "threshold": self.threshold, "op": self.op, "source": self.source,
                "text": {"zh": self.text.render("zh"), "en": self.text.render("en")}}


def _num(x: Any) -> Any:
    return None if x is None or not math.isfinite(float(x)) else float(x)


@dataclass(frozen=True, eq=False)
class Review(RichDisplay):
    """The review of one proposal (see :func:`review`).

    Attributes
    ----------
    system : IndicatorSystem
    scores : DataFrame
        One row per leaf indicator (index: id): ``name``, ``dimension``, ``kind`` (of its rule),
        ``weight``, ``value`` (the evidence or metric scored), ``fraction`` (0-1), ``score``
        (weight x fraction) and ``source`` (``rule``, ``panel`` or ``evidence``).
    dimensions : DataFrame
        One row per dimension (index: id): ``name``, ``score``, ``max`` (its weight), ``share``.
    total, max_total : float
    grade : str
        From ``system.grade(total)``.
    conclusion : {"support", "adjust", "reject"}
    reasons : tuple of Text
        Why the conclusion (failed gates; the grade against ``support_grade``; weak indicators).
    gates : tuple of GateResult
    panel : PanelResult or None
    metrics : dict
        Appraisal metrics used, ``{metric: value}``, with ``metric_sources`` saying where each came
        from (``evidence``, ``appraisal``, ``simulation``).
    support_grade : str
        The lowest grade that supports the proposal when every gate passes.
    notes : tuple of Text
        Choices a reader must know (option and basis of the appraisal, panel notes and flags).
    """

    system: Any
    scores: Any
    dimensions: Any
    total: float
    max_total: float
    grade: str
    conclusion: str
    reasons: tuple[Text, ...]
    gates: tuple[GateResult, ...]
    panel: PanelResult | None
    metrics: Mapping[str, float]
    metric_sources: Mapping[str, str]
    support_grade: str
    notes: tuple[Text, ...] = field(default=())

    @property
    def name(self) -> str:
        return str(getattr(self.system, "name", "") or "")

    def conclusion_text(self, lang: str | None = None) -> str:
        """予以支持 / 调整后支持 / 不予支持 (support / support after adjustment / do not support)."""
        return msg(f"review.decision.{self.conclusion}").render(lang)

    def to_frame(self, lang: str | None = None):
        """The leaf scores with headers (and sources) in ``lang`` (default the current language)."""
        lang = check_lang(lang or get_lang())
        frame = self.scores.copy()
        frame["source"] = [msg(f"review.result.source.{s}").render(lang) for s in frame["source"]]
        frame.columns = [msg(f"review.result.col.{c}").render(lang) for c in frame.columns]
        frame.index.name = msg("review.result.col.indicator").render(lang)
        return frame

    def dimensions_frame(self, lang: str | None = None):
        """The dimension scores with headers in ``lang``."""
        lang = check_lang(lang or get_lang())
        frame = self.dimensions.copy()
        frame.columns = [msg(f"review.result.col.{c}").render(lang) for c in frame.columns]
        frame.index.name = msg("review.result.col.dimension").render(lang)
        return frame

    def _head(self, lang: str) -> list[tuple[str, str]]:
        return [(msg("review.result.total").render(lang), f"{self.total:.2f} / {self.max_total:g}"),
                (msg("review.result.grade").render(lang), self.grade),
                (msg("review.result.conclusion").render(lang), self.conclusion_text(lang))]

    def summary(self, lang: str | None = None) -> str:
        """Plain text (Chinese unless the current language is English): 总分、等级、结论, the
        reasons, dimension and indicator scores, the gates, the panel's agreement and the notes."""
        from ..formatting import frame_to_text

        lang = check_lang(lang or get_lang())
        c = colon(lang)
        lines = [msg("review.result.title", name=self.name).render(lang)]
        lines += [f"{k}{c}{v}" for k, v in self._head(lang)]
        lines.append(msg("review.result.reasons").render(lang) + c.strip())
        lines += [f"- {r.render(lang)}" for r in self.reasons]
        lines += ["", frame_to_text(_fmt(self.dimensions_frame(lang))), "", frame_to_text(_fmt(self.to_frame(lang)))]
        if self.gates:
            lines += ["", msg("review.result.gates").render(lang) + c.strip()]
            lines += [f"- {g.text.render(lang)}" for g in self.gates]
        if self.panel is not None:
            lines += [""] + self.panel.agreement_text(lang)
        if self.notes:
            lines += ["", msg("review.result.notes").render(lang) + c.strip()]
            lines += [f"- {n.render(lang)}" for n in self.notes]
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        import html

        from ..formatting import frame_to_html

        lang = get_lang()
        esc = html.escape
        head = "".join(f"<tr><th style='text-align:left'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in self._head(lang))
        items = lambda xs: "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in xs) + "</ul>"  # noqa: E731
        parts = [f"<h4>{esc(msg('review.result.title', name=self.name).render(lang))}</h4><table>{head}</table>",
                 f"<p>{esc(msg('review.result.reasons').render(lang))}</p>", items(r.render(lang) for r in self.reasons),
                 frame_to_html(_fmt(self.dimensions_frame(lang))), frame_to_html(_fmt(self.to_frame(lang)))]
        if self.gates:
            parts += [f"<p>{esc(msg('review.result.gates').render(lang))}</p>", items(g.text.render(lang) for g in self.gates)]
        if self.notes:
            parts += [f"<p>{esc(msg('review.result.notes').render(lang))}</p>", items(n.render(lang) for n in self.notes)]
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: scores, dimensions, total, grade, conclusion, reasons, gates, panel, notes."""
        both = lambda t: {"zh": t.render("zh"), "en": t.render("en")}  # noqa: E731
        return {
            "system": self.name,
            "total": self.total, "max_total": self.max_total, "grade": self.grade,
            "conclusion": self.conclusion, "conclusion_text": both(msg(f"review.decision.{self.conclusion}")),
            "support_grade": self.support_grade,
            "reasons": [both(r) for r in self.reasons],
            "scores": {i: {"name": r["name"], "dimension": r["dimension"], "kind": r["kind"],
                           "weight": float(r["weight"]), "value": _jsonable(r["value"]),
                           "fraction": float(r["fraction"]), "score": float(r["score"]), "source": r["source"]}
                       for i, r in self.scores.iterrows()},
            "dimensions": {i: {"name": r["name"], "score": float(r["score"]), "max": float(r["max"])}
                           for i, r in self.dimensions.iterrows()},
            "gates": [g.to_dict() for g in self.gates],
            "metrics": {k: _num(v) for k, v in self.metrics.items()},
            "metric_sources": dict(self.metric_sources),
            "panel": None if self.panel is None else self.panel.to_dict(),
            "notes": [both(n) for n in self.notes],
        }

    def __repr__(self) -> str:
        return f"<Review {self.name!r}: total {self.total:.2f}, grade {self.grade}, {self.conclusion}>"


def _jsonable(v: Any) -> Any:
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.number)):
        return _num(v)
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return None if v is None else str(v)


def _fmt(frame):
    """Numbers with two decimals for display (text columns unchanged)."""
    out = frame.copy()
    for c in out.columns:
        out[c] = [(f"{v:.2f}" if math.isfinite(v) else "—") if isinstance(v, (float, np.floating))
                  and not isinstance(v, bool) else ("" if v is None else str(v)) for v in out[c]]
    return out


# -- the indicator system, through its contract --------------------------------------------------

def _attr(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _rule_kind(rule: Any) -> str:
    return str(_attr(rule, "kind"))


def _rule_param(rule: Any, name: str) -> Any:
    params = _attr(rule, "params")
    if isinstance(params, Mapping) and name in params:
        return params[name]
    return _attr(rule, name)


def _leaf_dimensions(system: Any) -> dict[str, Any]:
    """``{leaf id: dimension node}`` from ``system.dimensions`` (walking ``children``)."""
    out: dict[str, Any] = {}

    def walk(node: Any, dim: Any) -> None:
        kids = _attr(node, "children") or ()
        if not kids:
            out[str(_attr(node, "id"))] = dim
        for k in kids:
            walk(k, dim)

    for d in system.dimensions:
        walk(d, d)
    return out


def _grades(system: Any) -> dict[str, float]:
    g = getattr(system, "grades", None)
    if isinstance(g, Mapping):
        return {str(k): float(v) for k, v in g.items()}
    if isinstance(g, Sequence) and g and not isinstance(g, str):
        return {str(k): float(v) for k, v in g}
    return dict(_DEFAULT_GRADES)


# -- metrics ---------------------------------------------------------------------------------------

class _Metrics:
    """Appraisal metrics on demand: from the evidence's ``appraisal:``, else the model."""

    def __init__(self, model, given: Mapping[str, Any], option, n_draws: int, seed):
        self.model, self.given, self.option, self.n_draws, self.seed = model, given, option, n_draws, seed
        self.values: dict[str, float] = {}
        self.sources: dict[str, str] = {}
        self._appraisal = None
        self._sim = None
        self.notes: list[Text] = []

    def get(self, metric: str, where: str, who: str) -> float:
        if metric in self.values:
            return self.values[metric]
        if metric not in APPRAISAL_METRICS:
            raise InputError(msg("review.gate.metric", got=repr(metric), known=", ".join(APPRAISAL_METRICS)), where=where)
        if metric in self.given:
            val, src = self.given[metric], "evidence"
            try:
                val = float(val)
            except (TypeError, ValueError):
                raise InputError(msg("review.review.metric_number", metric=metric, got=repr(val)),
                                 where=f"evidence.appraisal.{metric}") from None
        elif self.model is None:
            raise InputError(msg("review.review.need_model", who=who, metric=metric), where=where)
        elif metric == "prob_negative":
            if self.n_draws <= 0:
                raise InputError(msg("review.review.need_draws", who=who), where=where)
            if self._sim is None:
                from ..uncertainty import simulate

                self._sim = simulate(self.model, self.n_draws, seed=self.seed)
                self.notes.append(msg("review.review.simulated", n=self.n_draws, seed=str(self.seed)))
            val, src = float(self._sim.prob_negative(self._option())), "simulation"
        else:
            if self._appraisal is None:
                from ..analysis import appraise

                self._appraisal = appraise(self.model)
                self.notes.append(msg("review.review.appraised", option=self._option(),
                                      basis=msg(f"review.review.basis.{self._appraisal.basis}")))
            val, src = float(self._appraisal[self._option(), metric]), "appraisal"
        if not math.isfinite(val):
            raise InputError(msg("review.review.metric_missing", metric=metric, who=who), where=where)
        self.values[metric], self.sources[metric] = val, src
        return val

    def _option(self) -> str:
        return self.model.resolve_option(self.option)


# -- input ------------------------------------------------------------------------------------------

def _load_evidence(evidence: Any) -> tuple[dict[str, Any], str | None]:
    if evidence is None:
        return {}, None
    if isinstance(evidence, (str, Path)):
        import yaml

        path = Path(evidence)
        if not path.exists():
            raise InputError(msg("review.review.no_file", path=str(path)), where="evidence")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            raise InputError(msg("review.review.bad_yaml", error=str(e).splitlines()[0]), source=str(path)) from None
        if not isinstance(data, Mapping):
            raise InputError(msg("review.review.evidence_type", got=type(data).__name__), source=str(path))
        return {str(k): v for k, v in data.items()}, str(path)
    if isinstance(evidence, Mapping):
        return {str(k): v for k, v in evidence.items()}, None
    raise InputError(msg("review.review.evidence_type", got=type(evidence).__name__), where="evidence")


def _load_system(indicators: Any):
    if hasattr(indicators, "leaves") and hasattr(indicators, "dimensions"):
        return indicators
    from .indicators import load_indicators

    return load_indicators(indicators)


# -- gates -------------------------------------------------------------------------------------------

def _bound(gate: Mapping[str, Any], key: str, where: str) -> float | None:
    if key not in gate or gate[key] is None:
        return None
    v = gate[key]
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)):
        raise InputError(msg("review.gate.number", got=repr(v)), where=f"{where}.{key}")
    return float(v)


def _evidence_number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise InputError(msg("review.gate.number", got=repr(value)), where=where)
    return float(value)


def _run_gate(i: int, gate: Any, *, evidence, metrics: _Metrics, total: float) -> GateResult:
    where = f"gates[{i}]"
    if not isinstance(gate, Mapping):
        raise InputError(msg("review.gate.type", got=type(gate).__name__), where=where)
    kind = gate.get("kind")
    if kind not in GATE_KINDS:
        raise InputError(msg("review.gate.kind", got=repr(kind), known=", ".join(GATE_KINDS)), where=f"{where}.kind")
    lo, hi = _bound(gate, "min", where), _bound(gate, "max", where)
    source = gate.get("source")
    if kind == "metric":
        metric = gate.get("metric")
        if metric not in APPRAISAL_METRICS:
            raise InputError(msg("review.gate.metric", got=repr(metric), known=", ".join(APPRAISAL_METRICS)),
                             where=f"{where}.metric")
        value = metrics.get(metric, f"{where}.metric", msg("review.gate.who", i=i))
        what = msg(f"review.gate.what.{metric}")
        name = str(gate.get("name") or metric)
    elif kind == "value":
        ind = gate.get("indicator")
        if not isinstance(ind, str) or not ind:
            raise InputError(msg("review.gate.indicator"), where=f"{where}.indicator")
        if ind not in evidence:
            raise InputError(msg("review.gate.no_value", indicator=ind), where=f"evidence.{ind}")
        value = _evidence_number(evidence[ind], f"evidence.{ind}")
        what = msg("review.gate.what.value", indicator=str(gate.get("label") or ind))
        name = str(gate.get("name") or ind)
    elif kind == "affordability":
        hi = _bound(gate, "cost_share_max", where) if hi is None else hi
        if hi is None:
            raise InputError(msg("review.gate.need_bound", key="cost_share_max"), where=where)
        aff = evidence.get("affordability")
        if not isinstance(aff, Mapping):
            raise InputError(msg("review.gate.no_affordability"), where="evidence.affordability")
        if "share" in aff:
            value = _evidence_number(aff["share"], "evidence.affordability.share")
        else:
            for k in ("cost", "revenue"):
                if k not in aff:
                    raise InputError(msg("review.gate.no_affordability"), where=f"evidence.affordability.{k}")
            cost = _evidence_number(aff["cost"], "evidence.affordability.cost")
            revenue = _evidence_number(aff["revenue"], "evidence.affordability.revenue")
            if revenue <= 0:
                raise InputError(msg("review.gate.revenue", got=repr(aff["revenue"])), where="evidence.affordability.revenue")
            value = cost / revenue
        what = msg("review.gate.what.affordability")
        name = str(gate.get("name") or "affordability")
    else:
        value = total
        what = msg("review.gate.what.total")
        name = str(gate.get("name") or "total")
    if lo is None and hi is None:
        raise InputError(msg("review.gate.need_bound", key="min / max"), where=where)
    ok_lo = lo is None or value >= lo
    ok_hi = hi is None or value <= hi
    passed = bool(ok_lo and ok_hi)
    op, threshold = (">=", lo) if (lo is not None and (not ok_lo or hi is None)) else ("<=", hi)
    show = _show(value, kind, gate.get("metric"))
    limit = _show(threshold, kind, gate.get("metric"))
    key = ("review.gate.pass_" if passed else "review.gate.fail_") + ("min" if op == ">=" else "max")
    text = msg(key, what=what, value=show, limit=limit)
    if source:
        text = text + msg("review.gate.source", source=str(source))
    return GateResult(name, kind, passed, value, float(threshold), op, text, None if source is None else str(source))


def _show(x: float, kind: str, metric: Any) -> str:
    if kind == "affordability" or metric in ("irr", "prob_negative"):
        return f"{x:.2%}"
    return f"{x:,.2f}"


# -- the review ----------------------------------------------------------------------------------------

def review(model: Any, indicators: Any, evidence: Any = None, *, panel: Any = None, gates: Sequence[Any] | None = None,
           aggregate: str = "trimmed_mean", n_draws: int = 0, seed: int | None = None, option: str | None = None,
           support_grade: str = "良", flag_range: float | None = 0.30, flag_cv: float | None = None) -> Review:
    """Score a proposal against an indicator system, apply the gates and conclude.

    Parameters
    ----------
    model : Model or None
        The appraisal model (its BCR, NPV, IRR feed ``appraisal`` rules and ``metric`` gates).
        ``None``: a review without a model; appraisal metrics then come from the evidence's
        ``appraisal:`` mapping, else an error names the indicator that needs one.
    indicators : IndicatorSystem, path or mapping
        The indicator system (:func:`cba.review.indicators.load_indicators`).
    evidence : mapping or path (YAML), optional
        ``{indicator id: value}`` for the rule leaves, plus optionally ``appraisal: {metric: value}``
        (overrides the model's) and ``affordability: {cost, revenue}`` or ``{share}`` (annual project
        cost as a share of disposable fiscal revenue, for the affordability gate). Keys read by a
        ``value`` gate may be outside the system; any other unknown key is an error naming it.
    panel : PanelResult, DataFrame or path, optional
        Expert scores (``assessor | indicator | score``, points); they score the ``expert`` leaves.
    gates : list of mapping, optional
        Each ``{kind: metric, metric: bcr, min: 1.0}``, ``{kind: value, indicator: id, min: x,
        source: ...}``, ``{kind: affordability, cost_share_max: 0.05}`` or ``{kind: total, min: 60}``
        (``min`` and/or ``max``, inclusive). Default: the system's ``gates`` (none if it has none).
    aggregate : {"trimmed_mean", "mean"}
        How the panel's scores are aggregated per indicator (see :func:`cba.review.panel.aggregate_panel`).
    n_draws, seed : int
        With ``n_draws > 0``, ``prob_negative`` is computed by :func:`cba.simulate` with this seed.
    option : str, optional
        The model's option reviewed (default: its only alternative).
    support_grade : str
        The lowest grade that supports the proposal when every gate passes (default 良).
    flag_range, flag_cv : float or None
        The panel's disagreement rules (see :func:`cba.review.panel.aggregate_panel`).

    Returns
    -------
    Review

    Notes
    -----
    Leaf score = weight x fraction (the rule's fraction in [0, 1]; for an ``expert`` leaf the
    panel's aggregated points / weight). Dimension score = sum of its leaves; total = sum of all
    leaves, rounded to 9 decimals before grading so that float sums do not cross a boundary.
    Conclusion: any gate failed -> reject; all passed and total >= the lower bound of
    ``support_grade`` -> support; else adjust.

    Examples
    --------
    >>> class Leaf:
    ...     def __init__(self, id, weight, rule): self.id, self.name, self.weight, self.rule = id, id, weight, rule
    ...     children = ()
    >>> class System:
    ...     name, grades = "demo", {"优": 90, "良": 80, "中": 60}
    ...     leaves = (Leaf("plan", 60, {"kind": "expert"}), Leaf("team", 40, {"kind": "expert"}))
    ...     @property
    ...     def dimensions(self): return self.leaves
    ...     def grade(self, t): return next((g for g, b in self.grades.items() if t >= b), "差")
    >>> import pandas as pd
    >>> p = pd.DataFrame({"assessor": list("ABC") * 2, "indicator": ["plan"] * 3 + ["team"] * 3,
    ...                   "score": [50, 55, 60, 30, 35, 40]})
    >>> r = review(None, System(), panel=p, gates=[{"kind": "total", "min": 60}])
    >>> r.total, r.grade, r.conclusion          # 55 + 35
    (90.0, '优', 'support')
    """
    import pandas as pd

    from .panel import aggregate_panel as make_panel

    if not isinstance(n_draws, (int, np.integer)) or isinstance(n_draws, bool) or n_draws < 0:
        raise InputError(msg("review.review.n_draws", got=repr(n_draws)), where="n_draws")
    system = _load_system(indicators)
    ev, ev_source = _load_evidence(evidence)
    leaves = list(system.leaves)
    ids = [str(_attr(leaf, "id")) for leaf in leaves]
    weights = {i: float(_attr(leaf, "weight")) for i, leaf in zip(ids, leaves)}
    gates = list(gates) if gates is not None else list(getattr(system, "gates", None) or [])
    gate_keys = {g.get("indicator") for g in gates if isinstance(g, Mapping) and g.get("kind") == "value"}
    for key in ev:
        if key not in weights and key not in _RESERVED and key not in gate_keys:
            raise InputError(unknown_indicator(key, ids), where=f"evidence.{key}", source=ev_source)
    given = ev.get("appraisal") or {}
    if not isinstance(given, Mapping):
        raise InputError(msg("review.review.evidence_type", got=type(given).__name__), where="evidence.appraisal")
    if not isinstance(support_grade, str) or support_grade not in _grades(system):
        raise InputError(msg("review.review.support_grade", got=repr(support_grade),
                             known=", ".join(_grades(system))), where="support_grade")

    notes: list[Text] = []
    pres: PanelResult | None = None
    if panel is not None:
        pres = panel if isinstance(panel, PanelResult) else make_panel(
            panel, weights=weights, aggregate=aggregate, flag_range=flag_range, flag_cv=flag_cv)
    metrics = _Metrics(model, {str(k): v for k, v in given.items()}, option, int(n_draws), seed)
    dim_of = _leaf_dimensions(system)

    rows = {}
    for i, leaf in zip(ids, leaves):                   # a loop over indicators (tens)
        rule, w = _attr(leaf, "rule"), weights[i]
        kind = _rule_kind(rule)
        if kind == "expert":
            if pres is not None and i in pres.indicators.index:
                value, source = pres.score(i), "panel"
            elif i in ev:
                value, source = _evidence_number(ev[i], f"evidence.{i}"), "evidence"
                if not 0 <= value <= w:
                    raise InputError(msg("review.review.points", indicator=i, got=f"{value:g}", weight=f"{w:g}"),
                                     where=f"evidence.{i}")
            else:
                raise InputError(msg("review.review.no_panel", indicator=i), where=f"panel.{i}")
            fraction = value / w if w > 0 else 0.0
        else:
            if kind == "appraisal":
                metric = str(_rule_param(rule, "metric"))
                if i in ev:                    # the metric's value given for this indicator
                    value = _evidence_number(ev[i], f"evidence.{i}")
                else:
                    value = metrics.get(metric, f"indicators.{i}.rule.metric", msg("review.review.who", indicator=i))
            elif i in ev:
                value = ev[i]
            else:
                raise InputError(msg("review.review.missing", indicator=i, kind=kind), where=f"evidence.{i}",
                                 source=ev_source)
            from .scoring import score_rule

            fraction = float(score_rule(rule, value, weight=w, indicator=i))
            source = "rule"
        dim = dim_of.get(i)
        rows[i] = {"name": str(_attr(leaf, "name") or i),
                   "dimension": str(_attr(dim, "id")) if dim is not None else i,
                   "kind": kind, "weight": w, "value": value, "fraction": fraction,
                   "score": w * fraction, "source": source}
    if pres is not None:
        unused = [i for i in pres.indicators.index if rows.get(i, {}).get("source") != "panel"]
        if unused:
            notes.append(msg("review.review.panel_unused", indicators="、".join(unused)))
    scores = pd.DataFrame.from_dict(rows, orient="index")
    scores.index.name = "id"
    dims = {}
    for d in system.dimensions:
        did = str(_attr(d, "id"))
        mine = scores.loc[scores["dimension"] == did, "score"]
        dw = float(_attr(d, "weight"))
        dims[did] = {"name": str(_attr(d, "name") or did), "score": float(mine.sum()), "max": dw,
                     "share": float(mine.sum()) / dw if dw > 0 else float("nan")}
    dimensions = pd.DataFrame.from_dict(dims, orient="index")
    dimensions.index.name = "id"
    total = round(float(scores["score"].sum()), 9)
    max_total = float(sum(weights.values()))
    grade = str(system.grade(total))

    results = tuple(_run_gate(k, g, evidence=ev, metrics=metrics, total=total) for k, g in enumerate(gates))
    if not gates:
        notes.append(msg("review.review.no_gates"))
    bound = _grades(system)[support_grade]
    failed = [g for g in results if not g.passed]
    reasons: list[Text] = []
    if failed:
        conclusion = "reject"
        reasons += [g.text for g in failed]
    else:
        if results:
            reasons.append(msg("review.decision.all_passed", n=len(results)))
        if total >= bound:
            conclusion = "support"
            reasons.append(msg("review.decision.grade_ok", grade=grade, total=f"{total:.2f}", need=support_grade))
        else:
            conclusion = "adjust"
            reasons.append(msg("review.decision.grade_low", grade=grade, total=f"{total:.2f}", need=support_grade,
                               bound=f"{bound:g}"))
            weak = scores[scores["fraction"] < _WEAK]
            for i, r in weak.iterrows():
                reasons.append(msg("review.decision.weak", indicator=r["name"], score=f"{r['score']:.2f}",
                                   weight=f"{r['weight']:g}", share=f"{_WEAK:.0%}"))
    notes = metrics.notes + notes
    if pres is not None:
        notes += list(pres.flags) + list(pres.notes)
    return Review(system=system, scores=scores, dimensions=dimensions, total=total, max_total=max_total,
                  grade=grade, conclusion=conclusion, reasons=tuple(reasons), gates=results, panel=pres,
                  metrics=dict(metrics.values), metric_sources=dict(metrics.sources), support_grade=support_grade,
                  notes=tuple(notes))
