"""Scoring rules of an indicator system: a value of evidence -> a fraction of the indicator's weight.

Every leaf of an indicator system has a rule; the leaf's score is ``weight x fraction`` with the
fraction in [0, 1]. Rules are data (a mapping with ``kind``), validated once by
:func:`parse_rule` into a frozen :class:`Rule`; :func:`score_rule` applies one.

Kinds
-----
``ratio``
    actual / target, linear, capped at 1 (``direction: lower`` for lower-is-better:
    target / actual, capped at 1; an actual of 0 or less scores 1). Never below 0.
``bands``
    thresholds -> fractions: ``bands: [[1.0, 0.6], [1.5, 0.8], [2.0, 1.0]]``; a value at or above a
    threshold (at or below with ``direction: lower``) earns its fraction, the best band reached
    counts; a value that reaches no band scores ``below`` (default 0).
``anchored``
    a behaviour-anchored scale, ``anchors: [[1, 5], [2, 3], [.inf, 0]]`` with ``scale: 5``
    (arrival within 1 h = 5 points, within 2 h = 3, later = 0): like ``bands``, but the anchors
    must cover every value (one not covered is an error, not 0) and the direction is read from the
    anchors (fractions falling as the condition value rises: lower is better).
``yes_no``
    yes -> ``yes`` (default 1), no -> ``no`` (default 0); accepts true/false, yes/no, 是/否, 1/0.
``survey``
    a share satisfied (0..1, full marks at ``target``, default 1) or a mean on a scale
    (``scale: [1, 5]``: (mean - 1) / (5 - 1)); with ``weight_in_indicator: 0.4`` the survey is 40% of
    the indicator and the value is ``{survey: ..., rest: ...}``, the rest a fraction from another
    source (e.g. the assessors): fraction = 0.4 x survey + 0.6 x rest.
``grade``
    a qualitative grade -> fraction: ``map: {优: 1.0, 良: 0.8, 中: 0.6, 差: 0.0}`` (that map when
    none is given).
``appraisal``
    ``bands`` on a metric of the model's appraisal: ``metric: npv | bcr | irr | prob_negative``;
    direction ``higher`` except for ``prob_negative`` (``lower``) unless written.
``expert``
    scored by the panel: the value is points given by assessors, 0..weight; fraction =
    points / weight.

Numeric kinds (ratio, bands, anchored, appraisal, survey, expert) take arrays of draws and return
an array of fractions; a scalar gives a float.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from ..checks import show
from ..errors import InputError
from ..i18n import msg

__all__ = ["KINDS", "METRICS", "DEFAULT_GRADE_MAP", "Rule", "parse_rule", "score_rule"]

#: the rule kinds, in the order of the docs
KINDS = ("ratio", "bands", "anchored", "yes_no", "survey", "grade", "appraisal", "expert")
#: metrics of the appraisal an ``appraisal`` rule may read, with their default direction
METRICS = {"npv": "higher", "bcr": "higher", "irr": "higher", "prob_negative": "lower"}
#: the grade map used when a ``grade`` rule gives none
DEFAULT_GRADE_MAP = MappingProxyType({"优": 1.0, "良": 0.8, "中": 0.6, "差": 0.0})

_KEYS = {
    "ratio": ("target", "direction"),
    "bands": ("bands", "direction", "below"),
    "anchored": ("anchors", "scale"),
    "yes_no": ("yes", "no"),
    "survey": ("scale", "target", "weight_in_indicator"),
    "grade": ("map",),
    "appraisal": ("metric", "bands", "direction", "below"),
    "expert": (),
}
_YES = {"yes", "y", "true", "是", "有", "符合", "1"}
_NO = {"no", "n", "false", "否", "无", "不符合", "0"}


@dataclass(frozen=True)
class Rule:
    """A validated scoring rule (see the module docs for the kinds).

    Attributes
    ----------
    kind : str
    params : mapping
        The rule's settings as validated (steps as tuples of (threshold, fraction), ascending
        thresholds for ``direction: higher``, descending for ``lower``).
    indicator : str or None
        The id of the indicator the rule belongs to (named in errors).
    """

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)
    indicator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The rule as written in a file (``{kind: ..., ...}``)."""
        out: dict[str, Any] = {"kind": self.kind}
        for key, value in self.params.items():
            if key == "steps":
                scale = self.params.get("scale", 1.0)
                key = "anchors" if self.kind == "anchored" else "bands"
                value = [[a, f * scale] for a, f in value]
            elif (key == "direction" and self.kind == "anchored") or (key == "target" and value is None):
                continue
            if isinstance(value, tuple):
                value = [list(v) if isinstance(v, tuple) else v for v in value]
            elif isinstance(value, Mapping):
                value = dict(value)
            out[key] = value
        return out

    def describe(self, lang: str | None = None) -> str:
        """One line saying how the rule scores, in ``lang``.

        >>> parse_rule({"kind": "ratio", "target": 100, "direction": "lower"}).describe("en")
        'ratio target/actual (lower is better), target 100, capped at 1'
        """
        p = self.params
        k = self.kind
        if k == "ratio":
            t = msg("review.core.describe.ratio_lower" if p["direction"] == "lower" else "review.core.describe.ratio",
                    target=_num(p["target"]) if p.get("target") is not None else "?")
        elif k in ("bands", "anchored", "appraisal"):
            steps = "; ".join(f"{'≤' if p['direction'] == 'lower' else '≥'}{_num(a)}: {_num(f)}" for a, f in p["steps"])
            key = {"bands": "review.core.describe.bands", "anchored": "review.core.describe.anchored",
                   "appraisal": "review.core.describe.appraisal"}[k]
            t = msg(key, steps=steps, metric=p.get("metric", ""), below=_num(p.get("below", 0.0)))
        elif k == "yes_no":
            t = msg("review.core.describe.yes_no", yes=_num(p["yes"]), no=_num(p["no"]))
        elif k == "survey":
            if p.get("scale"):
                part = msg("review.core.describe.survey_scale", lo=_num(p["scale"][0]), hi=_num(p["scale"][1]))
            else:
                part = msg("review.core.describe.survey_share", target=_num(p["target"]))
            t = msg("review.core.describe.survey", part=part, w=_num(p["weight_in_indicator"]))
        elif k == "grade":
            t = msg("review.core.describe.grade", map="; ".join(f"{g}: {_num(f)}" for g, f in p["map"].items()))
        else:
            t = msg("review.core.describe.expert")
        return t.render(lang)


def _num(x: Any) -> str:
    if isinstance(x, float) and math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if isinstance(x, float) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:g}" if isinstance(x, float) else str(x)


# -- parsing --------------------------------------------------------------------------------
def _err(key: str, where: str, **params: Any) -> InputError:
    return InputError(msg(key, **params), where=where)


def _number(value: Any, where: str, *, allow_inf: bool = False) -> float:
    if isinstance(value, str) and value.strip().lower() in ("inf", ".inf", "+inf", "infinity", "∞"):
        value = math.inf
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise _err("review.core.rule.number", where, got=show(value))
    value = float(value)
    if math.isnan(value) or (math.isinf(value) and not allow_inf):
        raise _err("review.core.rule.number", where, got=show(value))
    return value


def _fraction(value: Any, where: str) -> float:
    f = _number(value, where)
    if not 0.0 <= f <= 1.0:
        raise _err("review.core.rule.fraction", where, got=_num(f))
    return f


def _direction(value: Any, where: str) -> str:
    if value not in ("higher", "lower"):
        raise _err("review.core.rule.direction", where, got=show(value))
    return value


def _steps(raw: Any, where: str, direction: str, *, allow_inf: bool, scale: float = 1.0) -> tuple:
    """Validated (threshold, fraction) pairs, sorted from the easiest to the hardest to reach."""
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence) or not raw:
        raise _err("review.core.rule.steps", where, got=show(raw))
    pairs = []
    for i, item in enumerate(raw):
        w = f"{where}[{i}]"
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            raise _err("review.core.rule.pair", w, got=show(item))
        a = _number(item[0], f"{w}[0]", allow_inf=allow_inf)
        pts = _number(item[1], f"{w}[1]")
        if not 0.0 <= pts <= scale:
            raise _err("review.core.rule.points", f"{w}[1]", got=_num(pts), scale=_num(scale))
        pairs.append((a, pts / scale))
    thresholds = [a for a, _ in pairs]
    if len(set(thresholds)) != len(thresholds):
        dup = next(a for a in thresholds if thresholds.count(a) > 1)
        raise _err("review.core.rule.duplicate_threshold", where, got=_num(dup))
    # easiest first: ascending thresholds when higher is better, descending when lower is better
    pairs.sort(key=lambda p: p[0], reverse=(direction == "lower"))
    fr = [f for _, f in pairs]
    if any(b < a for a, b in zip(fr, fr[1:])):
        raise _err("review.core.rule.not_monotone", where, direction=msg(f"review.core.dir.{direction}"))
    return tuple(pairs)


def parse_rule(rule: Mapping[str, Any] | Rule, where: str = "rule", *, indicator: str | None = None) -> Rule:
    """Validate a rule mapping into a :class:`Rule`, naming ``where`` in errors.

    Parameters
    ----------
    rule : mapping or Rule
        ``{kind: ..., ...}`` (see the module docs).
    where : str
        The field path for messages, e.g. ``indicators[2].children[1] (id: demand).rule``.
    indicator : str, optional
        The id of the indicator (kept on the rule, named when a value cannot be scored).

    Examples
    --------
    >>> parse_rule({"kind": "bands", "bands": [[2.0, 1.0], [1.0, 0.6]]}).params["steps"]
    ((1.0, 0.6), (2.0, 1.0))
    """
    if isinstance(rule, Rule):
        return rule if indicator is None or rule.indicator == indicator else Rule(rule.kind, rule.params, indicator)
    if not isinstance(rule, Mapping):
        raise _err("review.core.rule.mapping", where, got=show(rule))
    kind = rule.get("kind")
    if kind not in KINDS:
        import difflib

        close = difflib.get_close_matches(str(kind), KINDS, n=1)
        raise _err("review.core.rule.kind", f"{where}.kind", got=show(kind), kinds=", ".join(KINDS),
                   hint=msg("checks.did_you_mean", name=close[0]) if close else "")
    allowed = _KEYS[kind]
    for key in rule:
        if key != "kind" and key not in allowed:
            raise _err("review.core.rule.unknown_key", f"{where}.{key}", kind=kind, got=show(key),
                       allowed=", ".join(allowed) or "-")
    p: dict[str, Any] = {}
    if kind == "ratio":
        p["direction"] = _direction(rule.get("direction", "higher"), f"{where}.direction")
        if rule.get("target") is not None:
            t = _number(rule["target"], f"{where}.target")
            if t <= 0:
                raise _err("review.core.rule.positive", f"{where}.target", got=_num(t))
            p["target"] = t
        else:
            p["target"] = None
    elif kind in ("bands", "appraisal"):
        if kind == "appraisal":
            metric = rule.get("metric")
            if metric not in METRICS:
                raise _err("review.core.rule.metric", f"{where}.metric", got=show(metric), metrics=", ".join(METRICS))
            p["metric"] = metric
            default = METRICS[metric]
        else:
            default = "higher"
        p["direction"] = _direction(rule.get("direction", default), f"{where}.direction")
        if "bands" not in rule:
            raise _err("review.core.rule.missing", f"{where}", field="bands", kind=kind)
        p["steps"] = _steps(rule["bands"], f"{where}.bands", p["direction"], allow_inf=True)
        p["below"] = _fraction(rule.get("below", 0.0), f"{where}.below")
        if p["below"] > p["steps"][0][1]:
            raise _err("review.core.rule.below", f"{where}.below", got=_num(p["below"]), first=_num(p["steps"][0][1]))
    elif kind == "anchored":
        if "anchors" not in rule:
            raise _err("review.core.rule.missing", f"{where}", field="anchors", kind=kind)
        scale = _number(rule.get("scale", 1.0), f"{where}.scale")
        if scale <= 0:
            raise _err("review.core.rule.positive", f"{where}.scale", got=_num(scale))
        raw = rule["anchors"]
        # direction read from the anchors: fractions falling as the condition value rises -> lower is better
        try:
            ordered = sorted(((float(a[0]) if not isinstance(a[0], str) else _number(a[0], where, allow_inf=True)),
                              float(a[1])) for a in raw)
        except (TypeError, ValueError, IndexError, InputError):
            ordered = None
        direction = "lower" if ordered and ordered[0][1] > ordered[-1][1] else "higher"
        p["direction"] = direction
        p["steps"] = _steps(raw, f"{where}.anchors", direction, allow_inf=True, scale=scale)
        p["scale"] = scale
    elif kind == "yes_no":
        p["yes"] = _fraction(rule.get("yes", 1.0), f"{where}.yes")
        p["no"] = _fraction(rule.get("no", 0.0), f"{where}.no")
    elif kind == "survey":
        w_in = _fraction(rule.get("weight_in_indicator", 1.0), f"{where}.weight_in_indicator")
        if w_in == 0:
            raise _err("review.core.rule.positive", f"{where}.weight_in_indicator", got="0")
        p["weight_in_indicator"] = w_in
        if rule.get("scale") is not None:
            sc = rule["scale"]
            if isinstance(sc, (str, bytes)) or not isinstance(sc, Sequence) or len(sc) != 2:
                raise _err("review.core.rule.scale", f"{where}.scale", got=show(sc))
            lo, hi = _number(sc[0], f"{where}.scale[0]"), _number(sc[1], f"{where}.scale[1]")
            if hi <= lo:
                raise _err("review.core.rule.scale", f"{where}.scale", got=show(sc))
            if rule.get("target") is not None:
                raise _err("review.core.rule.scale_target", f"{where}.target")
            p["scale"] = (lo, hi)
        else:
            p["target"] = _fraction(rule.get("target", 1.0), f"{where}.target")
            if p["target"] == 0:
                raise _err("review.core.rule.positive", f"{where}.target", got="0")
    elif kind == "grade":
        gmap = rule.get("map", DEFAULT_GRADE_MAP)
        if not isinstance(gmap, Mapping) or not gmap:
            raise _err("review.core.rule.grade_map", f"{where}.map", got=show(gmap))
        p["map"] = {str(g): _fraction(f, f"{where}.map.{g}") for g, f in gmap.items()}
    return Rule(kind, MappingProxyType(p), indicator)


# -- scoring --------------------------------------------------------------------------------
def _where(rule: Rule, indicator: str | None) -> str:
    return indicator or rule.indicator or "value"


def _numeric(value: Any, where: str, *, nonneg: bool = False):
    """``value`` as a float or a float array; errors name the indicator."""
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes, Mapping)) or value is None:
        raise _err("review.core.value.number", where, got=show(value))
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _err("review.core.value.number", where, got=show(value)) from None
    if np.isnan(arr).any():
        raise _err("review.core.value.missing", where)
    if nonneg and (arr < 0).any():
        bad = float(arr.min())
        raise _err("review.core.value.negative", where, got=_num(bad))
    return arr


def _out(arr):
    return float(arr) if np.ndim(arr) == 0 else arr


def _step(arr, steps: tuple, direction: str, below: float, where: str, *, exhaustive: bool):
    out = np.full(arr.shape, below, dtype=float)
    reached = np.zeros(arr.shape, dtype=bool)
    for threshold, frac in steps:                       # easiest first; a harder band overrides
        hit = arr >= threshold if direction == "higher" else arr <= threshold
        out = np.where(hit, frac, out)
        reached |= hit
    if exhaustive and not reached.all():
        bad = float(np.asarray(arr)[~reached].flat[0])
        raise _err("review.core.value.not_anchored", where, got=_num(bad),
                   lo=_num(steps[0][0]))
    return out


def score_rule(rule: Rule | Mapping[str, Any], value: Any, *, weight: float | None = None,
               indicator: str | None = None):
    """The fraction of the indicator's weight that ``value`` earns under ``rule``.

    Parameters
    ----------
    rule : Rule or mapping
        A rule (a mapping is validated first).
    value : number, array, str, bool or mapping
        The evidence: a number (or an array of draws) for the numeric kinds, yes/no for
        ``yes_no``, a grade for ``grade``, ``{actual, target}`` for a ``ratio`` without a target,
        ``{survey, rest}`` for a ``survey`` with ``weight_in_indicator`` below 1, points for
        ``expert``.
    weight : float, optional
        The indicator's weight (points); needed by ``expert`` (fraction = points / weight).
    indicator : str, optional
        The indicator's id, named in errors (default: the id the rule was parsed with).

    Returns
    -------
    float or numpy.ndarray
        Fraction(s) in [0, 1].

    Raises
    ------
    InputError
        A value the rule cannot score, naming the indicator (``demand: expected yes or no, got
        'maybe'``).

    Notes
    -----
    ratio: ``min(actual / target, 1)`` (``lower``: ``min(target / actual, 1)``, 1 when actual <= 0);
    bands / appraisal / anchored: the fraction of the hardest threshold reached (``>=`` for higher,
    ``<=`` for lower is better); survey: ``w x s + (1 - w) x rest`` with ``s = min(share / target, 1)``
    or ``(mean - lo) / (hi - lo)``.

    Examples
    --------
    >>> score_rule({"kind": "ratio", "target": 200}, 150)
    0.75
    >>> score_rule({"kind": "anchored", "anchors": [[1, 5], [2, 3], [".inf", 0]], "scale": 5}, 1.5)
    0.6
    >>> score_rule({"kind": "survey", "weight_in_indicator": 0.4}, {"survey": 0.9, "rest": 0.5})
    0.66
    """
    rule = parse_rule(rule, indicator=indicator) if not isinstance(rule, Rule) else rule
    where = _where(rule, indicator)
    p, k = rule.params, rule.kind
    if k == "ratio":
        target = p["target"]
        if target is None:
            if not isinstance(value, Mapping) or "actual" not in value or "target" not in value:
                raise _err("review.core.value.ratio_pair", where, got=show(value))
            target = _numeric(value["target"], where)
            if (target <= 0).any():
                raise _err("review.core.value.target_positive", where, got=_num(float(np.min(target))))
            value = value["actual"]
        actual = _numeric(value, where)
        with np.errstate(divide="ignore", invalid="ignore"):
            if p["direction"] == "higher":
                frac = np.clip(actual / target, 0.0, 1.0)
            else:
                frac = np.where(actual <= 0, 1.0, np.clip(target / np.where(actual <= 0, 1.0, actual), 0.0, 1.0))
        return _out(frac)
    if k in ("bands", "appraisal"):
        return _out(_step(_numeric(value, where), p["steps"], p["direction"], p["below"], where, exhaustive=False))
    if k == "anchored":
        return _out(_step(_numeric(value, where), p["steps"], p["direction"], 0.0, where, exhaustive=True))
    if k == "yes_no":
        return p["yes"] if _yes_no(value, where) else p["no"]
    if k == "grade":
        key = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
        if key not in p["map"]:
            raise _err("review.core.value.grade", where, got=show(value), grades="、".join(p["map"]))
        return p["map"][key]
    if k == "survey":
        w_in = p["weight_in_indicator"]
        rest = None
        if isinstance(value, Mapping):
            if "survey" not in value:
                raise _err("review.core.value.survey_pair", where, got=show(value))
            rest = value.get("rest")
            value = value["survey"]
        if w_in < 1 and rest is None:
            raise _err("review.core.value.survey_pair", where, got=show(value))
        s = _numeric(value, where)
        if p.get("scale"):
            lo, hi = p["scale"]
            if ((s < lo) | (s > hi)).any():
                raise _err("review.core.value.on_scale", where, got=_num(float(s.flat[0])), lo=_num(lo), hi=_num(hi))
            frac = (s - lo) / (hi - lo)
        else:
            if ((s < 0) | (s > 1)).any():
                raise _err("review.core.value.share", where, got=_num(float(s.flat[0])))
            frac = np.minimum(s / p["target"], 1.0)
        if w_in < 1:
            r = _numeric(rest, where)
            if ((r < 0) | (r > 1)).any():
                raise _err("review.core.value.share", where, got=_num(float(np.asarray(r).flat[0])))
            frac = w_in * frac + (1.0 - w_in) * r
        return _out(frac)
    # expert: points given by assessors
    if weight is None:
        raise _err("review.core.value.expert_weight", where)
    pts = _numeric(value, where, nonneg=True)
    if (pts > weight + 1e-9).any():
        raise _err("review.core.value.points", where, got=_num(float(np.max(pts))), weight=_num(float(weight)))
    return _out(np.minimum(pts / weight, 1.0))


def _yes_no(value: Any, where: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in _YES:
            return True
        if v in _NO:
            return False
    raise _err("review.core.value.yes_no", where, got=show(value))
