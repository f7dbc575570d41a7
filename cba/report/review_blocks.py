"""The ex-ante performance review report (事前绩效评估报告), section by section.

:class:`ReviewReport` loads the model, the indicator system, the evidence and the expert
panel, runs :func:`cba.review` once and the economic appraisal once
(:class:`~cba.report.AppraisalReport`, whose numbers fill the 投入经济性 section), and hands
out each section as a :class:`~cba.report.blocks.Block` for the template
``cba/report/templates/review.ipynb``: 一、项目概况, 二、评估结论, 三 to 七 the five dimensions,
八、专家评分, 九、附录. The template holds no logic; :func:`review_summary` is what
``cba review`` prints.

Everything that reads a :class:`cba.review` result goes through the small adapters below
(``_leaf_rows``, ``_dim_score``, ``_panel_info``, ...), which follow the contract of issue 13
(``Review.scores`` per leaf with ``weight, value, fraction, score, source``; ``.dimensions``
with ``score, max``; ``.total``, ``.grade``, ``.conclusion``, ``.reasons``, ``.gates``,
``.panel``).
"""
from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import check_lang, msg
from .blocks import Block, bullets, cards, heading, kv, note, num, para, table, verdict
from .text import section_number

__all__ = ["ReviewReport", "REVIEW_TEMPLATE", "review_summary", "load_system", "load_evidence", "run_review",
           "INPUT_PARAMETERS"]

#: the review report template shipped in the package
REVIEW_TEMPLATE = Path(__file__).resolve().parent / "templates" / "review.ipynb"
#: the template parameters that name input files besides the model (hashed in the provenance)
INPUT_PARAMETERS = ("indicators_path", "evidence_path", "panel_path")
#: dimension ids of the five-dimension system with an English name in the catalogue
_KNOWN_DIMS = ("necessity", "economy", "targets", "feasibility", "funding")
_DIM_BY_NAME = {"立项必要性": "necessity", "投入经济性": "economy", "绩效目标合理性": "targets",
                "实施方案可行性": "feasibility", "筹资合规性": "funding"}


def _t(key: str, lang: str, **kw: Any) -> str:
    return msg(f"review_report.{key}", **kw).render(lang)


# -- loading ----------------------------------------------------------------------------------
def load_system(spec: Any):
    """An indicator system from a file (YAML/Excel), a dict, a loaded system, or the name of a
    shipped system (``"ex_ante_five"``). A path that does not exist raises
    :class:`~cba.errors.InputError` naming it (``where="indicators"``)."""
    if isinstance(spec, (str, os.PathLike)):
        text = os.fspath(spec)
        if Path(text).exists() or "/" in text or os.sep in text or text.lower().endswith((".yaml", ".yml", ".xlsx")):
            _check_file(text, "indicators")
        else:                       # a shipped system, by name
            from ..review.indicators import system

            return system(text)
    if not isinstance(spec, (str, os.PathLike, Mapping)):
        return spec                 # already loaded
    from ..review.indicators import load_indicators

    return load_indicators(spec)


def _check_file(path: Any, where: str) -> None:
    p = Path(path)
    if not p.exists():
        raise InputError(msg("review_report.no_file"), where=where, source=str(path))
    if not p.is_file():
        raise InputError(msg("review_report.not_file"), where=where, source=str(path))


def _leaf_ids(system) -> list[str]:
    return [str(getattr(x, "id", x)) for x in system.leaves]


def load_evidence(evidence: Any, system, *, where: str = "evidence") -> dict[str, Any]:
    """The evidence ``{indicator id: value}`` from a YAML file or a dict, every key a leaf of
    ``system`` (or ``appraisal``); an unknown key raises :class:`~cba.errors.InputError`
    naming the file and the key.

    Notes
    -----
    Checked here too (not only in :func:`cba.review`) so that the error names the evidence
    file, whatever the library says.
    """
    if evidence is None:
        return {}
    source = None
    if isinstance(evidence, (str, os.PathLike)):
        import yaml

        source = str(evidence)
        _check_file(evidence, where)
        try:
            data = yaml.safe_load(Path(evidence).read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, OSError) as err:
            raise InputError(msg("review_report.unreadable", why=err), where=where, source=source) from None
        evidence = {} if data is None else data
    if not isinstance(evidence, Mapping):
        raise InputError(msg("review_report.evidence_mapping", got=type(evidence).__name__), where=where,
                         source=source)
    known = _leaf_ids(system)
    for key in evidence:
        if str(key) != "appraisal" and str(key) not in known:
            raise InputError(msg("review_report.unknown_indicator", name=repr(str(key)),
                                 known=", ".join(known)), where=str(key), source=source)
    return {str(k): v for k, v in evidence.items()}


def run_review(model, system, evidence, *, panel=None, aggregate: str = "trimmed_mean", n_draws: int = 0,
               seed: int | None = None, evidence_path: Any = None):
    """:func:`cba.review` on loaded inputs; errors about the panel or the evidence name their file
    (``evidence_path``: the file ``evidence`` was read from)."""
    from ..review.assess import review
    if panel is not None and isinstance(panel, (str, os.PathLike)):
        _check_file(panel, "panel")
    try:
        return review(model, system, evidence, panel=panel, aggregate=aggregate, n_draws=n_draws, seed=seed)
    except InputError as err:
        if err.source is None and panel is not None and str(err.where or "").startswith("panel"):
            raise err.located(source=str(panel)) from None
        if err.source is None and evidence_path is not None and str(err.where or "").startswith("evidence"):
            raise err.located(source=str(evidence_path)) from None
        raise


# -- adapters to the Review result --------------------------------------------------------------
def _text(x: Any, lang: str) -> str:
    return x.render(lang) if hasattr(x, "render") else str(x)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _children(node) -> list:
    return list(_get(node, "children", None) or ())


def _leaves_under(node) -> list:
    kids = _children(node)
    if not kids:
        return [node]
    out = []
    for k in kids:
        out += _leaves_under(k)
    return out


def _dimensions(system) -> list:
    dims = getattr(system, "dimensions", None)
    if dims is None:
        dims = getattr(system, "indicators", ())
    if isinstance(dims, Mapping):
        dims = list(dims.values())
    return list(dims)


def _dim_key(node) -> str:
    nid = str(_get(node, "id", ""))
    return nid if nid in _KNOWN_DIMS else _DIM_BY_NAME.get(str(_get(node, "name", "")), nid)


def _dim_name(node, lang: str) -> str:
    if lang == "zh":
        return str(_get(node, "name", _get(node, "id", "")))
    en = _get(node, "name_en", None)
    if en:
        return str(en)
    key = _dim_key(node)
    return _t(f"dim_{key}", lang) if key in _KNOWN_DIMS else str(_get(node, "name", key))


def _leaf_name(node, lang: str) -> str:
    if lang != "zh" and _get(node, "name_en", None):
        return str(_get(node, "name_en"))
    return str(_get(node, "name", _get(node, "id", "")))


def _score_row(review, leaf_id: str) -> dict[str, Any]:
    """The row of ``review.scores`` for one leaf, as a dict (empty when absent)."""
    frame = review.scores
    if leaf_id in frame.index:
        row = frame.loc[leaf_id]
    else:
        col = next((c for c in ("id", "indicator") if c in frame.columns), None)
        if col is None or not (frame[col] == leaf_id).any():
            return {}
        row = frame[frame[col] == leaf_id].iloc[0]
    return {str(k): v for k, v in row.items()}


def _dim_score(review, node) -> tuple[float, float]:
    """``(score, max)`` of a dimension; the max falls back to the dimension's weight."""
    frame = review.dimensions
    weight = float(_get(node, "weight", float("nan")))
    for key in (_get(node, "id", None), _get(node, "name", None)):
        if key is not None and key in frame.index:
            row = frame.loc[key]
            return float(row["score"]), float(row["max"]) if "max" in row else weight
    score = sum(_num(_score_row(review, str(_get(leaf, "id"))).get("score")) for leaf in _leaves_under(node))
    return score, weight


def _num(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


def _rule(leaf) -> tuple[str, Mapping[str, Any]]:
    rule = _get(leaf, "rule", None)
    if rule is None:
        return "", {}
    if not isinstance(rule, Mapping):
        rule = rule.to_dict() if hasattr(rule, "to_dict") else vars(rule)
    return str(rule.get("kind", "")), rule


def _rule_text(leaf, lang: str) -> str:
    kind, rule = _rule(leaf)
    if kind == "ratio":
        return _t("rule_ratio_lower" if rule.get("direction") == "lower" else "rule_ratio", lang)
    if kind == "appraisal":
        from ..i18n import label

        metric = str(rule.get("metric", ""))
        try:
            shown = label(metric, lang)
        except Exception:        # a metric without a glossary entry is shown by its name
            shown = metric
        return _t("rule_appraisal", lang, metric=shown)
    if kind in ("bands", "anchored", "yes_no", "survey", "grade", "expert"):
        return _t(f"rule_{kind}", lang)
    return kind or "—"


#: how an appraisal metric's value is shown
_METRIC_KIND = {"npv": "money", "bcr": "ratio", "irr": "pct", "prob_negative": "pct"}


def _value_text(v: Any, lang: str, kind: str = "plain") -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return ("是" if v else "否") if lang == "zh" else ("yes" if v else "no")
    if isinstance(v, (int, float)) or hasattr(v, "dtype"):
        try:
            f = float(v)
        except (TypeError, ValueError):
            return str(v)
        return "—" if not math.isfinite(f) else num(f, kind)
    return str(v)


def _source_text(src: Any, kind: str, lang: str) -> str:
    s = str(src or "")
    if s == "panel" or kind == "expert":
        return _t("src_panel", lang)
    if kind == "appraisal":
        return _t("src_appraisal", lang)
    return _t("src_rule", lang)


def _panel_info(review) -> tuple[float | None, list[str]]:
    """``(Kendall's W or None, ids of indicators flagged for disagreement)`` of ``review.panel``."""
    p = getattr(review, "panel", None)
    if p is None:
        return None, []
    kendall = _get(p, "kendall", None)           # a KendallW (w, chi2, p_value, ...) or None
    v = _get(kendall, "w", None) if kendall is not None else None
    w = float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(float(v)) else None
    flagged: list[str] = []
    for name in ("disagreements", "flagged", "disagree", "flags"):
        v = _get(p, name, None)
        if v is None:
            continue
        if hasattr(v, "items") and not isinstance(v, (list, tuple)):   # a boolean Series or dict
            flagged = [str(k) for k, f in v.items() if bool(f)]
        else:
            flagged = [str(x) for x in v]
        break
    return w, flagged


def _panel_table(panel_path: Any):
    """The assessors' raw scores (indicator x assessor) from a long panel file, or None."""
    if panel_path is None or not isinstance(panel_path, (str, os.PathLike)):
        return None
    import pandas as pd

    try:
        p = Path(panel_path)
        frame = pd.read_excel(p) if p.suffix.lower() in (".xlsx", ".xls") else pd.read_csv(p)
        return frame.pivot_table(index="indicator", columns="assessor", values="score", aggfunc="first",
                                 sort=False)
    except Exception:            # another layout: the aggregate table still shows the panel's result
        return None


# -- what cba review prints ---------------------------------------------------------------------
def review_summary(review, system, *, name: str = "", lang: str = "zh") -> str:
    """The printed result of ``cba review``: scores per dimension, total, grade, conclusion and
    its reasons, in ``lang``."""
    from .blocks import items_to_text

    L = check_lang(lang)
    lines = [_t("head", L, name=name)] if name else []
    if getattr(system, "name", None):
        lines.append(_t("system", L, name=system.name))
    rows, total_max = [], 0.0
    for node in _dimensions(system):
        score, top = _dim_score(review, node)
        total_max += top
        rows.append([_dim_name(node, L), num(score), num(top)])
    lines += ["", items_to_text([table([_t("col_dimension", L), _t("col_score", L), _t("col_max", L)], rows)]), ""]
    lines.append(_t("total", L, total=num(float(review.total)), max=num(total_max)))
    lines.append(_t("grade", L, grade=_t(f"grade_{review.grade}", L)))
    lines.append(_t("conclusion", L, label=_t(f"verdict_{review.conclusion}", L)))
    reasons = [_text(r, L) for r in (getattr(review, "reasons", None) or ())]
    if reasons:
        lines.append(_t("reasons", L))
        lines += [f"  - {r}" for r in reasons]
    return "\n".join(lines)


# -- the report -----------------------------------------------------------------------------
class ReviewReport:
    """Everything the ex-ante review report shows, section by section.

    Parameters
    ----------
    model : path or Model
        The model file (its appraisal feeds the 投入经济性 indicators and section).
    indicators : path, dict, IndicatorSystem or str
        The indicator system (file, or the name of a shipped system such as ``"ex_ante_five"``).
    evidence : path or dict, optional
        ``{indicator id: value}`` for the rule-scored indicators.
    panel : path, optional
        The experts' scores (``assessor | indicator | score``).
    lang : {"zh", "en"}
    aggregate : {"trimmed_mean", "mean"}
        How the panel's scores are combined.
    n_draws, seed : int
        Monte Carlo draws for P(NPV < 0) (0: none) and their seed.
    title, organisation : str
        Shown in the title block; the title defaults to ``<project>事前绩效评估报告``.
    provenance : dict, optional
        Filled in by :func:`cba.render_report`; shown in the appendix.

    Examples
    --------
    >>> r = ReviewReport("data/minhang_kiosk.yaml", "data/kiosk_review/indicators.yaml",
    ...                  "data/kiosk_review/evidence.yaml", panel="data/kiosk_review/panel.csv")  # doctest: +SKIP
    >>> r.conclusion().items[0]["text"]                                                           # doctest: +SKIP
    '二、评估结论'
    """

    def __init__(self, model, indicators, evidence=None, *, panel=None, lang: str = "zh",
                 aggregate: str = "trimmed_mean", n_draws: int = 0, seed: int | None = 2025, title: str = "",
                 organisation: str = "", provenance: Mapping[str, Any] | None = None,
                 paths: Mapping[str, Any] | None = None):
        from .sections import AppraisalReport

        self.lang = check_lang(lang)
        self.economic = AppraisalReport(model, lang=self.lang, n_draws=n_draws, seed=seed, provenance=provenance)
        self.model = self.economic.source_model
        self.model_path = self.economic.model_path
        self.system = load_system(indicators)
        self.evidence = load_evidence(evidence, self.system)
        self.panel_path = panel
        self.aggregate = aggregate
        self.n_draws, self.seed = n_draws, seed
        self.title_text = title or _t("title", self.lang, name=self.model.name)
        self.organisation = organisation
        self.provenance = dict(provenance) if provenance else None
        self.paths = {"indicators_path": indicators if isinstance(indicators, (str, os.PathLike)) else None,
                      "evidence_path": evidence if isinstance(evidence, (str, os.PathLike)) else None,
                      "panel_path": panel if isinstance(panel, (str, os.PathLike)) else None, **(paths or {})}
        self._numbers: dict[str, int] = {}
        _ = self.review          # fail now on bad input, not in the middle of the report

    @cached_property
    def review(self):
        """The :func:`cba.review` result."""
        return run_review(self.model, self.system, self.evidence, panel=self.panel_path, aggregate=self.aggregate,
                          n_draws=self.n_draws, seed=self.seed, evidence_path=self.paths.get("evidence_path"))

    def _h(self, key: str, text: str) -> dict:
        n = self._numbers.setdefault(key, len(self._numbers) + 1)
        return heading(section_number(n, self.lang) + text, 2)

    @property
    def dims(self) -> list:
        return _dimensions(self.system)

    def _max_total(self) -> float:
        return sum(_dim_score(self.review, d)[1] for d in self.dims)

    def _agg(self) -> str:
        return _t(f"agg_{self.aggregate}", self.lang) if self.aggregate in ("mean", "trimmed_mean") else self.aggregate

    # -- sections ------------------------------------------------------------------------------
    def title(self) -> Block:
        L = self.lang
        rows = [(_t("meta_project", L), self.model.name)]
        if self.organisation:
            rows.append((_t("meta_org", L), self.organisation))
        created = (self.provenance or {}).get("created")
        if created:
            rows.append((_t("meta_date", L), created.replace("T", " ")[:19]))
        rows.append((_t("meta_system", L), str(getattr(self.system, "name", "") or "—")))
        return Block([heading(self.title_text, 1), para(_t("subtitle", L), "subtitle"), kv(rows)])

    def overview(self) -> Block:
        """一、项目概况: the project, the indicator system and how it is scored."""
        L = self.lang
        m = self.model
        items = [self._h("overview", _t("sec_overview", L))]
        if m.description:
            items.append(para(m.description))
        sep = "、" if L == "zh" else ", "
        dims = sep.join(_dim_name(d, L) for d in self.dims)
        n = self._n_assessors()
        items.append(para(_t("overview_scope", L, dims=dims, n=n, agg=self._agg()) if n else
                          _t("overview_no_panel", L, dims=dims)))
        rows = [(_t("meta_system", L), str(getattr(self.system, "name", "") or "—"))]
        src = getattr(self.system, "source", None)
        if src:
            rows.append((_t("meta_system_source", L), str(src)))
        files = [os.path.basename(str(p)) for p in [self.model_path, *self.paths.values()] if p]
        rows.append((_t("meta_files", L), sep.join(files)))
        items.append(kv(rows))
        if self._illustrative():
            items.append(note(_t("illustrative", L)))
        return Block(items)

    def _illustrative(self) -> bool:
        text = " ".join(str(x) for x in (getattr(self.system, "name", ""), getattr(self.system, "source", "")))
        return any(w in text for w in ("示例", "illustrative"))

    def _n_assessors(self) -> int:
        raw = _panel_table(self.panel_path)
        return 0 if raw is None else int(raw.shape[1])

    def conclusion(self) -> Block:
        """二、评估结论: total, grade, 予以支持/调整后支持/不予支持 and the reasons, the gates."""
        L = self.lang
        r = self.review
        top = self._max_total()
        label = _t(f"verdict_{r.conclusion}", L)
        grade = _t(f"grade_{r.grade}", L)
        items = [self._h("conclusion", _t("sec_conclusion", L)),
                 verdict(str(r.conclusion), label, _t("verdict_title", L),
                         _t("verdict_text", L, total=num(float(r.total)), max=num(top), grade=grade, label=label)),
                 cards([(_t("card_total", L), num(float(r.total)), f"/ {num(top)}"),
                        (_t("card_grade", L), grade, ""), (_t("card_conclusion", L), label, "")])]
        reasons = [_text(x, L) for x in (getattr(r, "reasons", None) or ())]
        if reasons:
            items += [para(_t("reasons", L)), bullets(reasons)]
        rows, dims = [], {}
        for d in self.dims:
            score, mx = _dim_score(r, d)
            dims[str(_get(d, "id", _dim_name(d, "zh")))] = score
            rows.append([_dim_name(d, L), num(score), num(mx), num(score / mx if mx else float("nan"), "pct")])
        items.append(table([_t("col_dimension", L), _t("col_score", L), _t("col_max", L), _t("col_share", L)], rows,
                           caption=_t("dims_caption", L)))
        gates = list(getattr(r, "gates", None) or ())
        if gates:
            grows = [[_text(_get(g, "text", None) or _get(g, "name", ""), L), _value_text(_get(g, "value"), L),
                      _value_text(_get(g, "threshold"), L), _t("passed" if _get(g, "passed") else "failed", L)]
                     for g in gates]
            items.append(table([_t("col_gate", L), _t("col_value", L), _t("col_threshold", L), _t("col_passed", L)],
                               grows, caption=_t("gates_caption", L), align=["l", "r", "r", "c"]))
        else:
            items.append(para(_t("no_gates", L)))
        grades = getattr(self.system, "grades", None)
        if isinstance(grades, Mapping) and grades:
            sep = "；" if L == "zh" else "; "
            bands = sep.join(_t("grade_band", L, grade=_t(f"grade_{g}", L) if f"review_report.grade_{g}" in
                                 _catalogue() else g, low=num(float(v), "plain")) for g, v in grades.items())
            items.append(note(_t("grade_rule", L, bands=bands, last=num(float(min(grades.values())), "plain"))))
        items.append(note(_t("conclusion_rule", L)))
        return Block(items, {"review": {"total": float(r.total), "grade": str(r.grade),
                                        "conclusion": str(r.conclusion), "dimensions": dims,
                                        "gates": {str(_get(g, "name", i)): bool(_get(g, "passed"))
                                                  for i, g in enumerate(gates)}}})

    def dimensions(self) -> Block:
        """三 to 七: one section per dimension with its indicator scores and evidence (the
        投入经济性 section also shows the appraisal's NPV, BCR, IRR and, when drawn, P(NPV < 0))."""
        items: list[dict] = []
        results: dict[str, Any] = {}
        for d in self.dims:
            block = self.dimension(d)
            items += block.items
            results.update(block.results)
        return Block(items, results)

    def dimension(self, node) -> Block:
        """The section of one dimension (a node of the system, or its id)."""
        L = self.lang
        if isinstance(node, str):
            node = next(d for d in self.dims if str(_get(d, "id")) == node)
        r = self.review
        key = str(_get(node, "id", _dim_name(node, "zh")))
        name = _dim_name(node, L)
        score, mx = _dim_score(r, node)
        items = [self._h(f"dim:{key}", name),
                 para(_t("dim_score", L, score=num(score), max=num(mx), share=num(score / mx if mx else
                                                                                   float("nan"), "pct")))]
        results: dict[str, Any] = {}
        if self._is_economy(node):
            items += self._economy_items()
            results["economy"] = self._economy_results()
        rows, leaf_scores = [], {}
        for leaf in _leaves_under(node):
            lid = str(_get(leaf, "id"))
            row = _score_row(r, lid)
            kind, _ = _rule(leaf)
            value = row.get("value", self.evidence.get(lid))
            metric = str(_rule(leaf)[1].get("metric", "")) if kind == "appraisal" else ""
            rows.append([_leaf_name(leaf, L), num(float(_get(leaf, "weight", row.get("weight", float("nan")))), "plain"),
                         _value_text(value, L, _METRIC_KIND.get(metric, "plain")), _rule_text(leaf, L),
                         num(row.get("fraction", float("nan")), "pct"), num(row.get("score", float("nan"))),
                         _source_text(row.get("source"), kind, L)])
            leaf_scores[lid] = _num(row.get("score"))
        items.append(table([_t("col_indicator", L), _t("col_weight", L), _t("col_evidence", L), _t("col_rule", L),
                            _t("col_fraction", L), _t("col_score", L), _t("col_source", L)], rows,
                           caption=_t("dim_caption", L, name=name), align=["l", "r", "r", "l", "r", "r", "c"],
                           small=True))
        results[f"dimension.{key}"] = {"score": score, "max": mx, "indicators": leaf_scores}
        return Block(items, results)

    def _is_economy(self, node) -> bool:
        if _dim_key(node) == "economy":
            return True
        return any(_rule(leaf)[0] == "appraisal" for leaf in _leaves_under(node))

    def _economy_items(self) -> list[dict]:
        from .text import tr

        L = self.lang
        e = self.economic
        rec = e.recommendation
        code = str(getattr(e.appraisal, "view", "") or "")
        key = f"method.view.{code}"
        view = msg(key).render(L) if key in _catalogue() else (code or "—")
        model = os.path.basename(self.model_path) if self.model_path else self.model.name
        inc = e.basis == "incremental"
        c = [(tr("headline_npv" if inc else "headline_npv_alone", L), num(rec.npv), self.model.currency),
             (tr("headline_bcr", L), num(rec.bcr, "ratio"), ""),
             (tr("headline_irr", L), e._irr(rec.irr), "")]
        if rec.prob_loss is not None:
            c.append((tr("headline_loss", L), num(rec.prob_loss, "pct"), f"n = {rec.n_draws:,}"))
        items = [para(_t("economy_intro", L, model=model, view=view)), cards(c),
                 para(_t("economy_verdict", L, label=rec.label(L), text=rec.text(L)))]
        if rec.prob_loss is None:
            items.append(note(_t("no_draws", L)))
        return items

    def _economy_results(self) -> dict[str, Any]:
        rec = self.economic.recommendation
        return {"verdict": rec.verdict, "npv": rec.npv, "bcr": rec.bcr, "irr": rec.irr, "prob_loss": rec.prob_loss}

    def panel(self) -> Block:
        """八、专家评分: each assessor's scores, the aggregate, agreement (Kendall's W) and the
        indicators where the assessors disagree."""
        L = self.lang
        items = [self._h("panel", _t("sec_panel", L))]
        raw = _panel_table(self.panel_path)
        if self.panel_path is None or getattr(self.review, "panel", None) is None and raw is None:
            items.append(para(_t("panel_none", L)))
            return Block(items)
        w, flagged = _panel_info(self.review)
        names = {str(_get(leaf, "id")): _leaf_name(leaf, L) for leaf in self.system.leaves
                 if not isinstance(leaf, str)}
        results: dict[str, Any] = {"kendall_w": w, "flagged": flagged}
        if raw is not None:
            items.append(para(_t("panel_intro", L, n=raw.shape[1], k=raw.shape[0], agg=self._agg())))
            rows, agg = [], {}
            for lid, scores in raw.iterrows():
                row = _score_row(self.review, str(lid))
                agg[str(lid)] = _num(row.get("score"))
                vals = [float(v) for v in scores.to_numpy(dtype=float) if math.isfinite(v)]
                rows.append([names.get(str(lid), str(lid))] + [num(v) for v in scores.to_numpy(dtype=float)]
                            + [num(row.get("score", float("nan"))), num(max(vals) - min(vals) if vals else float("nan")),
                               _t("flag_yes", L) if str(lid) in flagged else ""])
            cols = [_t("col_indicator", L)] + [str(c) for c in raw.columns] + [
                _t("col_aggregate", L), _t("col_range", L), _t("col_flag", L)]
            items.append(table(cols, rows, caption=_t("panel_caption", L),
                               align=["l"] + ["r"] * (len(cols) - 2) + ["c"]))
            results["aggregate"] = agg
        items.append(para(_t("kendall", L, w=num(w, "factor")) if w is not None else _t("kendall_none", L)))
        sep = "、" if L == "zh" else ", "
        items.append(para(_t("disagree", L, names=sep.join(names.get(i, i) for i in flagged)) if flagged
                          else _t("disagree_none", L)))
        return Block(items, {"panel": results})

    def appendix(self) -> Block:
        """九、附录（可复现信息）: the SHA-256 of the model, indicator, evidence and panel files and
        of the template, the parameters, seed, versions and time."""
        L = self.lang
        prov = self.provenance or self._interactive_provenance()
        rows = []
        model = prov.get("model", {})
        rows.append((_t("prov_file", L, what=_t("what_model", L)), f"{model.get('path', '—')}  {model.get('sha256', '—')}"))
        for key, entry in (prov.get("inputs") or {}).items():
            what = _t(f"what_{key}", L) if key in INPUT_PARAMETERS else key
            rows.append((_t("prov_file", L, what=what), f"{entry.get('path', '—')}  {entry.get('sha256', '—')}"))
        tpl = prov.get("template") or {}
        rows.append((_t("prov_file", L, what=_t("what_template", L)),
                     f"{tpl.get('path') or _t('prov_interactive', L)}  {tpl.get('sha256', '')}".strip()))
        rows += [(_t("prov_params", L), json.dumps(prov.get("parameters", {}), ensure_ascii=False, sort_keys=True)),
                 (_t("prov_seed", L), str(prov.get("seed"))),
                 (_t("prov_versions", L), ", ".join(f"{k} {v}" for k, v in prov.get("versions", {}).items())),
                 (_t("prov_time", L), str(prov.get("created", "—")))]
        cmd = f"cba reproduce {prov.get('provenance_file') or '<name>.provenance.json'}"
        return Block([self._h("appendix", _t("sec_appendix", L)), para(_t("prov_intro", L, cmd=cmd), "note"),
                      kv(rows)])

    def _interactive_provenance(self) -> dict[str, Any]:
        from ..model.files import file_sha256
        from .provenance import versions

        out: dict[str, Any] = {"parameters": {"lang": self.lang, "aggregate": self.aggregate,
                                              "n_draws": self.n_draws, "seed": self.seed},
                               "seed": self.seed, "versions": versions()}
        if self.model_path and Path(self.model_path).is_file():
            out["model"] = {"path": self.model_path, "sha256": file_sha256(self.model_path)}
        out["inputs"] = {k: {"path": str(p), "sha256": file_sha256(p)} for k, p in self.paths.items()
                         if p and Path(p).is_file()}
        return out

    def sections(self) -> list[Block]:
        """Every section in report order (what the template shows)."""
        return [self.title(), self.overview(), self.conclusion(), self.dimensions(), self.panel(), self.appendix()]


def _catalogue():
    from ..i18n import MESSAGES

    return MESSAGES
