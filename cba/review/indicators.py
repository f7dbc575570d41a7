"""Indicator systems (指标体系) as data: a validated tree of up to three levels, read from YAML or Excel.

A system has a name, a ``source`` (the document it follows), grade boundaries (``grades: {优: 90,
良: 80, 中: 60}``: lower bounds, below the last ``bottom``, default 差) and ``indicators``: a tree
in which the weights of the children sum to the parent's weight and the top level sums to
``total`` (default 100). Every leaf has a scoring rule (:mod:`cba.review.scoring`). An indicator
with ``applies_to: [construction, ...]`` applies to those project types only (core indicators,
without it, apply to all); :meth:`IndicatorSystem.for_type` keeps the ones that apply and
renormalises the weights (rule in its docstring).

Excel layout: sheet ``indicators`` with one row per indicator, columns ``id | parent | name |
weight | rule | params | applies_to | description`` (``rule`` the kind, ``params`` the rest of the
rule as a YAML flow mapping, e.g. ``metric: bcr, bands: [[1, 0.6], [2, 1]]``); sheet ``system``
with ``key | value`` rows (name, source, total, grades, bottom, ...).

>>> s = system("unit_self")
>>> [(d.name, d.weight) for d in s.dimensions]
[('预算执行率', 10.0), ('产出', 50.0), ('效益', 30.0), ('满意度', 10.0)]
>>> s.grade(89.99), s.grade(90)
('良', '优')
"""
from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from ..checks import show
from ..errors import InputError
from ..i18n import Text, get_lang, msg
from .scoring import Rule, parse_rule, score_rule

__all__ = ["Indicator", "IndicatorSystem", "load_indicators", "write_indicators", "system", "systems",
           "MAX_LEVELS", "TOLERANCE", "DEFAULT_GRADES"]

#: deepest level of an indicator tree
MAX_LEVELS = 3
#: weights of children must sum to the parent's within this (absolute and relative) tolerance;
#: a total within it below a grade boundary reaches the boundary
TOLERANCE = 1e-9
#: grade boundaries (lower bounds, points out of 100) when a system gives none (scaled to its total)
DEFAULT_GRADES = MappingProxyType({"优": 90.0, "良": 80.0, "中": 60.0})

_SYSTEM_KEYS = ("name", "name_en", "source", "description", "total", "grades", "bottom", "project_types",
                "gates", "indicators")
_IND_KEYS = ("id", "name", "name_en", "weight", "rule", "children", "applies_to", "description")
_COLUMNS = ("id", "parent", "name", "weight", "rule", "params", "applies_to", "description", "name_en")
_COLUMN_ALIASES = {"编号": "id", "上级": "parent", "名称": "name", "权重": "weight", "分值": "weight",
                   "评分规则": "rule", "参数": "params", "适用类型": "applies_to", "说明": "description"}


@dataclass(frozen=True)
class Indicator:
    """One indicator of a system: a dimension (level 1), a sub-indicator, or a scored leaf.

    Attributes
    ----------
    id, name : str
        Unique id (the key in evidence files) and the name shown (Chinese first).
    weight : float
        Points (the children's weights sum to it).
    rule : Rule or None
        The scoring rule (leaves only).
    children : tuple of Indicator
    applies_to : tuple of str or None
        Project types the indicator applies to (``None``: all, a core indicator).
    level : int
        1 for a dimension, up to 3.
    parent, dimension : str or None
        Id of the parent, and of the level-1 indicator above it (itself at level 1).
    """

    id: str
    name: str
    weight: float
    rule: Rule | None = None
    children: tuple["Indicator", ...] = ()
    applies_to: tuple[str, ...] | None = None
    description: str = ""
    name_en: str = ""
    level: int = 1
    parent: str | None = None
    dimension: str | None = None

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def leaves(self) -> tuple["Indicator", ...]:
        """The scored indicators under this one (itself when a leaf), depth first."""
        return (self,) if self.is_leaf else tuple(x for c in self.children for x in c.leaves)

    def walk(self):
        """This indicator and every indicator below it, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()

    def score(self, value: Any):
        """Points earned by ``value`` under this leaf's rule: ``weight x score_rule(rule, value)``.

        >>> Indicator("demand", "需求迫切性", 10.0, rule=parse_rule({"kind": "yes_no"})).score("是")
        10.0
        """
        if self.rule is None:
            raise InputError(msg("review.core.not_leaf", id=self.id), where=self.id)
        return self.weight * score_rule(self.rule, value, weight=self.weight, indicator=self.id)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "weight": _plain(self.weight)}
        if self.name_en:
            out["name_en"] = self.name_en
        if self.applies_to is not None:
            out["applies_to"] = list(self.applies_to)
        if self.description:
            out["description"] = self.description
        if self.rule is not None:
            out["rule"] = self.rule.to_dict()
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


@dataclass(frozen=True)
class IndicatorSystem:
    """A validated indicator system (frozen); build it with :func:`load_indicators` or :func:`system`.

    Attributes
    ----------
    name, source : str
        The system's name and the document(s) it follows.
    indicators : tuple of Indicator
        The level-1 indicators (dimensions) with their subtrees.
    grades : mapping
        Grade -> lower bound in points, highest first; below the last bound: ``bottom``.
    total : float
        Full marks (the level-1 weights sum to it).
    project_type : str or None
        Set by :meth:`for_type`.
    notes : tuple of Text
        What :meth:`for_type` dropped and how it renormalised the weights.
    gates : tuple of mapping
        The file's ``gates:`` entries as written (checked by :func:`cba.review`).
    """

    name: str
    indicators: tuple[Indicator, ...]
    source: str = ""
    grades: Mapping[str, float] = field(default_factory=lambda: DEFAULT_GRADES)
    bottom: str = "差"
    total: float = 100.0
    description: str = ""
    name_en: str = ""
    project_types: tuple[str, ...] | None = None
    gates: tuple[Mapping[str, Any], ...] = ()
    project_type: str | None = None
    notes: tuple[Text, ...] = ()

    # -- the tree ------------------------------------------------------------------------
    @property
    def dimensions(self) -> tuple[Indicator, ...]:
        """The level-1 indicators (dimensions, 一级指标)."""
        return self.indicators

    @property
    def leaves(self) -> tuple[Indicator, ...]:
        """The scored indicators, depth first; their weights sum to ``total``."""
        return tuple(x for d in self.indicators for x in d.leaves)

    def walk(self):
        """Every indicator, depth first."""
        for d in self.indicators:
            yield from d.walk()

    def __getitem__(self, id: str) -> Indicator:
        for ind in self.walk():
            if ind.id == id:
                return ind
        raise KeyError(id)

    def __contains__(self, id: object) -> bool:
        return any(ind.id == id for ind in self.walk())

    # -- grades --------------------------------------------------------------------------
    def grade(self, total):
        """The grade of a total score (points): the highest grade whose lower bound it reaches.

        A total within ``TOLERANCE`` (1e-9) below a bound reaches it (sums of floats such as
        89.99999999999999 for 90). Arrays of totals give an array of grades.

        >>> s = system("ex_ante_five")
        >>> s.grade(90), s.grade(89.99), s.grade(80), s.grade(79.999), s.grade(60), s.grade(59.99)
        ('优', '良', '良', '中', '中', '差')
        """
        arr = np.asarray(total, dtype=float) if not isinstance(total, (str, bytes, bool)) else None
        if arr is None or np.isnan(arr).any():
            raise InputError(msg("review.core.total_number", got=show(total)), where="total")
        out = np.full(arr.shape, self.bottom, dtype=object)
        for g, bound in reversed(list(self.grades.items())):     # lowest bound first, higher overrides
            out = np.where(arr >= bound - TOLERANCE, g, out)
        return str(out) if out.ndim == 0 else out

    # -- project types -------------------------------------------------------------------
    def for_type(self, ptype: str) -> "IndicatorSystem":
        """The indicators that apply to project type ``ptype``, weights renormalised.

        Rule: an indicator whose ``applies_to`` does not list ``ptype`` is dropped with its
        subtree; the remaining siblings' weights are multiplied by (parent's weight) / (sum of the
        remaining siblings' weights), so every parent keeps its weight and the system keeps its
        total (level 1: scaled to ``total``); a parent left without children is dropped in turn.
        Each step is written in ``notes``.

        >>> d = {"name": "x", "indicators": [
        ...   {"id": "a", "name": "A", "weight": 60, "rule": {"kind": "yes_no"}},
        ...   {"id": "b", "name": "B", "weight": 20, "rule": {"kind": "yes_no"}},
        ...   {"id": "c", "name": "C", "weight": 20, "rule": {"kind": "yes_no"}, "applies_to": ["it"]}]}
        >>> s = load_indicators(d).for_type("building")
        >>> [(i.id, i.weight) for i in s.leaves]
        [('a', 75.0), ('b', 25.0)]
        >>> print(s.notes[0].render("en"))
        for building: dropped c (applies to it); top level: a 60 -> 75, b 20 -> 25 (x 1.25)
        """
        ptype = str(ptype)
        if self.project_types is not None and ptype not in self.project_types:
            raise InputError(msg("review.core.unknown_type", got=show(ptype), known="、".join(self.project_types)),
                             where="project_type")
        notes: list[Text] = []

        def keep(ind: Indicator) -> bool:
            return ind.applies_to is None or ptype in ind.applies_to

        def prune(children: tuple[Indicator, ...], target: float, label: str) -> tuple[Indicator, ...]:
            kept, dropped = [], []
            for c in children:
                if not keep(c):
                    dropped.append(c)
                    continue
                if c.children:
                    sub = prune(c.children, c.weight, c.id)
                    if not sub:
                        dropped.append(c)
                        continue
                    c = replace(c, children=sub)
                kept.append(c)
            if not dropped or not kept:
                return tuple(kept)
            s = sum(c.weight for c in kept)
            factor = target / s
            scaled = tuple(_scale(c, factor) for c in kept)
            notes.append(msg("review.core.for_type_note", ptype=ptype,
                             dropped=", ".join(f"{c.id} ({msg('review.core.applies', types='、'.join(c.applies_to)) if c.applies_to else ''})".replace(" ()", "")
                                               for c in dropped),
                             where=label, changes=", ".join(f"{a.id} {_fmt(a.weight)} -> {_fmt(b.weight)}"
                                                            for a, b in zip(kept, scaled)),
                             factor=_fmt(factor)))
            return scaled

        top = prune(self.indicators, self.total, msg("review.core.top_level"))
        if not top:
            raise InputError(msg("review.core.none_apply", ptype=ptype), where="project_type")
        return replace(self, indicators=top, project_type=ptype, notes=self.notes + tuple(notes))

    # -- output --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The system as written in a YAML file."""
        out: dict[str, Any] = {"name": self.name}
        if self.name_en:
            out["name_en"] = self.name_en
        if self.source:
            out["source"] = self.source
        if self.description:
            out["description"] = self.description
        out["total"] = _plain(self.total)
        out["grades"] = {g: _plain(b) for g, b in self.grades.items()}
        out["bottom"] = self.bottom
        if self.project_types is not None:
            out["project_types"] = list(self.project_types)
        if self.gates:
            out["gates"] = [dict(g) for g in self.gates]
        out["indicators"] = [d.to_dict() for d in self.indicators]
        return out

    def to_frame(self, lang: str | None = None):
        """One row per indicator (all levels): id, parent, level, name, weight, rule, applies to."""
        import pandas as pd

        lang = lang or get_lang()
        rows = []
        for ind in self.walk():
            rows.append({
                "id": ind.id, "parent": ind.parent or "", "level": ind.level,
                "name": ind.name if lang == "zh" or not ind.name_en else ind.name_en,
                "weight": ind.weight,
                "rule": ind.rule.describe(lang) if ind.rule is not None else "",
                "applies_to": "、".join(ind.applies_to) if ind.applies_to else msg("review.core.all_types").render(lang),
            })
        frame = pd.DataFrame(rows, columns=["id", "parent", "level", "name", "weight", "rule", "applies_to"])
        frame.columns = [msg(f"review.core.col.{c}").render(lang) for c in frame.columns]
        return frame

    def summary(self, lang: str | None = None) -> str:
        """The system as indented text: name, source, grades, the tree with weights and rules."""
        lang = lang or get_lang()
        lines = [self.name if lang == "zh" or not self.name_en else self.name_en]
        if self.source:
            lines.append(msg("review.core.source_line", source=self.source).render(lang))
        grades = ", ".join(f"{g} ≥ {_fmt(b)}" for g, b in self.grades.items()) + f", {self.bottom} < {_fmt(list(self.grades.values())[-1])}"
        lines.append(msg("review.core.grades_line", grades=grades, total=_fmt(self.total)).render(lang))
        for ind in self.walk():
            name = ind.name if lang == "zh" or not ind.name_en else ind.name_en
            rule = f"  [{ind.rule.describe(lang)}]" if ind.rule is not None else ""
            lines.append(f"{'  ' * ind.level}{ind.id} {name} {_fmt(ind.weight)}{rule}")
        lines += [n.render(lang) for n in self.notes]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    from ..display import repr_markdown as _repr_markdown_     # Markdown from the HTML view

    def _repr_html_(self) -> str:
        import html

        frame = self.to_frame()
        return f"<p><b>{html.escape(self.name)}</b><br>{html.escape(self.source)}</p>" + frame.to_html(index=False)


def _fmt(x: float) -> str:
    return f"{x:.12g}" if not float(x).is_integer() else str(int(x))


def _scale(ind: Indicator, factor: float) -> Indicator:
    return replace(ind, weight=ind.weight * factor, children=tuple(_scale(c, factor) for c in ind.children))


# -- reading ----------------------------------------------------------------------------------
class _Where:
    """Field paths for messages: 1-based positions in files, 0-based for Python dicts; the deepest
    indicator named by its id; Excel rows by sheet and row."""

    def __init__(self, base: int):
        self.base = base

    def at(self, chain: Sequence[tuple[str, int, Any, Mapping | None]], fld: str | None = None):
        """``chain``: (list key, index, id, record) from the top down."""
        rec = chain[-1][3] if chain else None
        if isinstance(rec, Mapping) and "_row" in rec:
            col = rec.get("_cols", {}).get(fld or "") if fld else None
            if col:
                return msg("review.core.at_cell", row=rec["_row"], col=col, name=fld,
                           id=rec.get("id") if rec.get("id") is not None else "?")
            return msg("review.core.at_row", row=rec["_row"], id=rec.get("id") if rec.get("id") is not None else "?")
        parts = [f"{key}[{i + self.base}]" for key, i, _, _ in chain]
        if chain and isinstance(chain[-1][2], (str, int, float)) and not isinstance(chain[-1][2], bool):
            parts[-1] += f" (id: {chain[-1][2]})"
        path = ".".join(parts)
        return f"{path}.{fld}" if fld else path


def load_indicators(source: str | os.PathLike | Mapping[str, Any] | IndicatorSystem) -> IndicatorSystem:
    """Load and validate an indicator system from a YAML file, an Excel workbook or a dict.

    Parameters
    ----------
    source : path, mapping or IndicatorSystem
        ``.yaml``/``.yml``, ``.xlsx`` (layout in the module docs), or the same structure as a dict.

    Returns
    -------
    IndicatorSystem

    Raises
    ------
    InputError
        Naming the file and the indicator, e.g. ``ind.yaml: indicators[1].children[2] (id: demand).weight:
        expected a number, got 'ten'`` or ``indicators[1] (id: necessity).children: the weights sum to 15,
        expected 20 (the weight of necessity)``.

    Notes
    -----
    Checked: at most three levels; ids unique across the tree; weights > 0; the children's weights
    sum to the parent's and the level-1 weights to ``total`` (tolerance 1e-9, relative and
    absolute); every leaf has a valid rule and no parent has one; grade bounds strictly
    descending within [0, total]; ``applies_to`` types among ``project_types`` when it is given.

    Examples
    --------
    >>> s = load_indicators({"name": "x", "total": 10, "indicators": [
    ...     {"id": "a", "name": "A", "weight": 10, "children": [
    ...         {"id": "b", "name": "B", "weight": 4, "rule": {"kind": "yes_no"}},
    ...         {"id": "c", "name": "C", "weight": 4, "rule": {"kind": "yes_no"}}]}]})
    Traceback (most recent call last):
    ...
    cba.errors.InputError: indicators[0] (id: a).children: the weights sum to 8, expected 10 (the weight of a)
    """
    if isinstance(source, IndicatorSystem):
        return source
    if isinstance(source, Mapping):
        return _build(source, _Where(0))
    shown = str(source)
    p = Path(source)
    if not p.is_file():
        raise InputError(msg("model.files.no_such_file" if not p.exists() else "model.files.not_a_file"), source=shown)
    suffix = p.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            from ..model.files import _read_yaml

            return _build(_read_yaml(p, shown), _Where(1))
        if suffix in (".xlsx", ".xlsm"):
            return _build(_read_excel(p, shown), _Where(1))
    except InputError as err:
        raise err.located(source=shown) from None
    raise InputError(msg("review.core.bad_suffix", got=p.suffix or p.name), source=shown)


def _err(key: str, where, **params: Any) -> InputError:
    return InputError(msg(key, **params), where=where)


def _number(value: Any, where) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise _err("checks.number", where, got=show(value))
    return float(value)


def _text(value: Any, where, *, required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _err("checks.text_empty", where)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _err("checks.text", where, got=show(value))
    return str(value).strip()


def _types(value: Any, where) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace("；", ",").replace(";", ",").replace("、", ",").split(",")]
    if not isinstance(value, Sequence) or not value:
        raise _err("review.core.types", where, got=show(value))
    out = tuple(_text(v, where) for v in value)
    return out


def _close(close_to: bool, a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE) if close_to else a == b


def _build(data: Mapping[str, Any], W: _Where) -> IndicatorSystem:
    if not isinstance(data, Mapping):
        raise _err("checks.mapping", None, got=show(data))
    for key in data:
        if key not in _SYSTEM_KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), _SYSTEM_KEYS, n=1)
            raise _err("checks.unknown_field", str(key), got=show(key),
                       hint=msg("checks.did_you_mean", name=close[0]) if close else "", allowed=", ".join(_SYSTEM_KEYS))
    name = _text(data.get("name"), "name")
    total = _number(data.get("total", 100), "total")
    if total <= 0:
        raise _err("review.core.positive", "total", got=_fmt(total))
    ptypes = _types(data["project_types"], "project_types") if data.get("project_types") is not None else None
    # grades
    # without grades: 90/80/60 percent of the total (the usual 优/良/中 bounds out of 100)
    graw = data.get("grades") or {g: b * total / 100.0 for g, b in DEFAULT_GRADES.items()}
    if not isinstance(graw, Mapping) or not graw:
        raise _err("review.core.grades", "grades", got=show(graw))
    grades: dict[str, float] = {}
    prev = None
    for g, b in graw.items():
        bound = _number(b, f"grades.{g}")
        if not 0 <= bound <= total:
            raise _err("review.core.grade_range", f"grades.{g}", got=_fmt(bound), total=_fmt(total))
        if prev is not None and bound >= prev[1]:
            raise _err("review.core.grades_order", f"grades.{g}", grade=g, got=_fmt(bound), prev=prev[0],
                       bound=_fmt(prev[1]))
        grades[str(g)] = bound
        prev = (g, bound)
    bottom = _text(data.get("bottom", "差"), "bottom")
    if bottom in grades:
        raise _err("review.core.bottom", "bottom", got=bottom)
    gates = data.get("gates") or ()
    if not isinstance(gates, Sequence) or isinstance(gates, str) or not all(isinstance(g, Mapping) for g in gates):
        raise _err("review.core.gates", "gates", got=show(gates))
    seen: dict[str, Any] = {}

    def node(raw: Any, chain: list, level: int, parent: str | None, dim: str | None) -> Indicator:
        if not isinstance(raw, Mapping):
            raise _err("checks.mapping", W.at(chain), got=show(raw))
        chain[-1] = (chain[-1][0], chain[-1][1], raw.get("id"), raw)
        for key in raw:
            if key not in _IND_KEYS and not str(key).startswith("_"):
                import difflib

                close = difflib.get_close_matches(str(key), _IND_KEYS, n=1)
                raise _err("checks.unknown_field", W.at(chain, str(key)), got=show(key),
                           hint=msg("checks.did_you_mean", name=close[0]) if close else "",
                           allowed=", ".join(_IND_KEYS))
        if level > MAX_LEVELS:
            raise _err("review.core.too_deep", W.at(chain), max=MAX_LEVELS)
        iid = raw.get("id")
        if not isinstance(iid, str) or not iid.isidentifier():
            raise _err("review.core.id", W.at(chain, "id"), got=show(iid))
        if iid in seen:
            raise _err("review.core.duplicate_id", W.at(chain, "id"), id=iid, first=seen[iid])
        seen[iid] = W.at(chain)
        name_ = _text(raw.get("name"), W.at(chain, "name"))
        if "weight" not in raw:
            raise _err("checks.missing", W.at(chain), field="weight")
        weight = _number(raw["weight"], W.at(chain, "weight"))
        if weight <= 0:
            raise _err("review.core.positive", W.at(chain, "weight"), got=_fmt(weight))
        applies = _types(raw["applies_to"], W.at(chain, "applies_to")) if raw.get("applies_to") is not None else None
        if applies and ptypes is not None:
            for t in applies:
                if t not in ptypes:
                    raise _err("review.core.unknown_type", W.at(chain, "applies_to"), got=show(t), known="、".join(ptypes))
        kids_raw = raw.get("children") or ()
        if isinstance(kids_raw, (str, bytes, Mapping)) or not isinstance(kids_raw, Sequence):
            raise _err("checks.list", W.at(chain, "children"), got=show(kids_raw))
        dim = dim or iid
        children = tuple(node(c, chain + [("children", i, None, None)], level + 1, iid, dim)
                         for i, c in enumerate(kids_raw))
        rule = None
        if children:
            if raw.get("rule") is not None:
                raise _err("review.core.rule_on_parent", W.at(chain, "rule"), id=iid)
            s = sum(c.weight for c in children)
            if not _close(True, s, weight):
                raise _err("review.core.weights_sum", W.at(chain, "children"), sum=_fmt(s), weight=_fmt(weight), id=iid)
        else:
            if raw.get("rule") is None:
                raise _err("review.core.no_rule", W.at(chain), id=iid)
            rule = parse_rule(raw["rule"], W.at(chain, "rule") if not isinstance(W.at(chain, "rule"), Text)
                              else str(W.at(chain, "rule")), indicator=iid)
        return Indicator(iid, name_, weight, rule, children, applies,
                         _text(raw.get("description"), None, required=False),
                         _text(raw.get("name_en"), None, required=False), level, parent, dim)

    inds = data.get("indicators")
    if isinstance(inds, (str, bytes, Mapping)) or not isinstance(inds, Sequence) or not inds:
        raise _err("review.core.no_indicators", "indicators", got=show(inds))
    top = tuple(node(raw, [("indicators", i, None, None)], 1, None, None) for i, raw in enumerate(inds))
    s = sum(d.weight for d in top)
    if not _close(True, s, total):
        raise _err("review.core.total_sum", "indicators", sum=_fmt(s), total=_fmt(total))
    return IndicatorSystem(name=name, indicators=top, source=_text(data.get("source"), "source", required=False),
                           grades=MappingProxyType(grades), bottom=bottom, total=total,
                           description=_text(data.get("description"), "description", required=False),
                           name_en=_text(data.get("name_en"), "name_en", required=False), project_types=ptypes,
                           gates=tuple(MappingProxyType(dict(g)) for g in gates))


# -- Excel ------------------------------------------------------------------------------------
def _flow(text: Any, where) -> Any:
    """A YAML flow value from a cell (``a: 1, b: [1, 2]`` is read as a mapping)."""
    if not isinstance(text, str):
        return text
    import yaml

    s = text.strip()
    if ":" in s and not s.startswith(("{", "[")):
        s = "{" + s + "}"
    try:
        return yaml.safe_load(s)
    except yaml.YAMLError as err:
        raise _err("review.core.bad_cell", where, got=show(text), problem=getattr(err, "problem", "") or "") from None


def _read_excel(p: Path, shown: str) -> dict[str, Any]:
    from openpyxl import load_workbook

    from ..model.excel_cells import _letter

    wb = load_workbook(p, read_only=True, data_only=True)
    try:
        if "indicators" not in wb.sheetnames:
            raise InputError(msg("model.files.missing_sheet", sheet="indicators", found=", ".join(wb.sheetnames)))
        data: dict[str, Any] = {}
        if "system" in wb.sheetnames:
            for r, row in enumerate(wb["system"].iter_rows(values_only=True), start=1):
                if not row or row[0] is None or (r == 1 and str(row[0]).strip() == "key"):
                    continue
                key = str(row[0]).strip()
                val = row[1] if len(row) > 1 else None
                data[key] = _flow(val, msg("review.core.at_sheet_row", sheet="system", row=r)) \
                    if key in ("grades", "gates", "project_types") else val
        rows = list(wb["indicators"].iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        raise InputError(msg("review.core.empty_sheet", sheet="indicators"))
    header = [(_COLUMN_ALIASES.get(str(h).strip(), str(h).strip()) if h is not None else "") for h in rows[0]]
    cols = {}
    for j, h in enumerate(header):
        if h and h not in _COLUMNS:
            raise InputError(msg("review.core.unknown_column", name=h, expected=", ".join(_COLUMNS)),
                             where=msg("review.core.at_sheet_row", sheet="indicators", row=1))
        if h:
            cols[h] = _letter(j)
    recs: dict[str, dict] = {}
    order: list[dict] = []
    for r, row in enumerate(rows[1:], start=2):
        rec = {header[j]: v for j, v in enumerate(row) if j < len(header) and header[j] and v is not None
               and not (isinstance(v, str) and not v.strip())}
        if not rec:
            continue
        rec["_row"], rec["_cols"] = r, cols
        if isinstance(rec.get("id"), str):
            rec["id"] = rec["id"].strip()
        kind = rec.pop("rule", None)
        params = rec.pop("params", None)
        if kind is not None or params is not None:
            rule = _flow(params, msg("review.core.at_row", row=r, id=rec.get("id", "?"))) if params is not None else {}
            if not isinstance(rule, Mapping):
                raise InputError(msg("review.core.params", got=show(params)),
                                 where=msg("review.core.at_row", row=r, id=rec.get("id", "?")))
            rule = dict(rule)
            if kind is not None:
                rule["kind"] = str(kind).strip()
            rec["rule"] = rule
        parent = rec.pop("parent", None)
        if rec.get("id") in recs:
            raise InputError(msg("review.core.duplicate_id", id=rec["id"], first=recs[rec["id"]]["_row"]),
                             where=msg("review.core.at_row", row=r, id=rec["id"]))
        rec["_parent"] = str(parent).strip() if parent is not None else None
        if rec.get("id") is not None:
            recs[str(rec["id"])] = rec
        order.append(rec)
    top = []
    for rec in order:
        par = rec.pop("_parent")
        if par is None:
            top.append(rec)
        elif par in recs:
            recs[par].setdefault("children", []).append(rec)
        else:
            raise InputError(msg("review.core.unknown_parent", parent=par),
                             where=msg("review.core.at_row", row=rec["_row"], id=rec.get("id", "?")))
    data["indicators"] = top
    data.setdefault("name", p.stem)          # a workbook without a 'system' sheet is named by its file
    return data


def write_indicators(system: IndicatorSystem | Mapping[str, Any], path: str | os.PathLike) -> None:
    """Write a system to ``path``: ``.xlsx`` (layout in the module docs) or ``.yaml``.

    The file is written to a temporary name and renamed into place.
    """
    from ..atomic import atomic_path

    system = load_indicators(system)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".xlsx", ".yaml", ".yml"):
        raise InputError(msg("review.core.bad_suffix", got=p.suffix or p.name), source=str(path))
    with atomic_path(p) as tmp:
        if suffix == ".xlsx":
            _write_excel(system, tmp)
        else:
            import yaml

            Path(tmp).write_text(yaml.safe_dump(system.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _write_excel(system: IndicatorSystem, path) -> None:
    import yaml
    from openpyxl import Workbook

    def flow(x: Any) -> str:
        return yaml.safe_dump(x, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False).strip()

    wb = Workbook()
    ws = wb.active
    ws.title = "indicators"
    ws.append(["id", "parent", "name", "weight", "rule", "params", "applies_to", "description", "name_en"])
    for ind in system.walk():
        rule = ind.rule.to_dict() if ind.rule is not None else None
        kind = rule.pop("kind") if rule else None
        params = flow(rule)[1:-1] if rule else None
        ws.append([ind.id, ind.parent, ind.name, _plain(ind.weight), kind, params,
                   ", ".join(ind.applies_to) if ind.applies_to else None, ind.description or None, ind.name_en or None])
    meta = wb.create_sheet("system")
    meta.append(["key", "value"])
    d = system.to_dict()
    for key in ("name", "name_en", "source", "description", "total", "bottom"):
        if key in d:
            meta.append([key, d[key]])
    meta.append(["grades", flow(d["grades"])])
    if "project_types" in d:
        meta.append(["project_types", flow(d["project_types"])])
    if "gates" in d:
        meta.append(["gates", flow(d["gates"])])
    wb.save(path)


# -- shipped systems ----------------------------------------------------------------------------
def systems() -> tuple[str, ...]:
    """Names of the shipped indicator systems.

    >>> systems()
    ('ex_ante_five', 'mof_project', 'unit_self')
    """
    from importlib.resources import files

    return tuple(sorted(f.name[:-5] for f in files("cba.review").joinpath("systems").iterdir()
                        if f.name.endswith(".yaml")))


def system(name: str) -> IndicatorSystem:
    """A shipped indicator system by name (see :func:`systems`); each file cites its source.

    >>> s = system("ex_ante_five")
    >>> [d.name for d in s.dimensions]
    ['立项必要性', '投入经济性', '绩效目标合理性', '实施方案可行性', '筹资合规性']
    """
    from importlib.resources import as_file, files

    known = systems()
    if name not in known:
        import difflib

        close = difflib.get_close_matches(str(name), known, n=1)
        raise InputError(msg("review.core.unknown_system", got=show(name), known=", ".join(known),
                             hint=msg("checks.did_you_mean", name=close[0]) if close else ""), where="system")
    with as_file(files("cba.review").joinpath("systems", f"{name}.yaml")) as path:
        return load_indicators(path)
