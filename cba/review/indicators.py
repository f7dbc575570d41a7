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

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np

from ..checks import show
from ..errors import InputError
from ..i18n import Text, get_lang, msg
from .scoring import Rule, score_rule

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

        >>> from cba.review.scoring import parse_rule
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

    def to_html(self, lang: str | None = None) -> str:
        """The HTML view in ``lang`` (default: the current language): name, source, grades, one
        row per indicator (headers as in :meth:`to_frame`), and the notes."""
        from ..display import block_html

        lang = lang or get_lang()
        frame = self.to_frame(lang).astype(object)
        weight, level = (msg(f"review.core.col.{c}").render(lang) for c in ("weight", "level"))
        frame[weight] = [_fmt(x) for x in frame[weight]]
        frame[level] = [str(x) for x in frame[level]]
        frame = frame.set_index(frame.columns[0])
        head = self.summary(lang).split("\n")[1:2 + bool(self.source)]       # the source and grades lines
        return block_html(self.name if lang == "zh" or not self.name_en else self.name_en, [("", frame)],
                          [n.render(lang) for n in self.notes], head, lang, css="cba-indicators")

    def _repr_html_(self) -> str:
        return self.to_html()


def _fmt(x: float) -> str:
    return f"{x:.12g}" if not float(x).is_integer() else str(int(x))


def _scale(ind: Indicator, factor: float) -> Indicator:
    return replace(ind, weight=ind.weight * factor, children=tuple(_scale(c, factor) for c in ind.children))


# the files of an indicator system (YAML, Excel, the shipped ones): read into the classes above
from .indicator_files import load_indicators, system, systems, write_indicators  # noqa: E402,F401
