"""The decision rule: the thresholds behind 予以支持 / 调整后支持 / 不予支持.

A model file may set any of them in a ``decision:`` section (an Excel workbook: one
``decision_<name>`` row per threshold on the ``settings`` sheet); a report may override them
(``cba report MODEL -p decision='{"max_loss_probability": 0.05}'``). Unset thresholds take
the defaults below. The rule itself is applied by :func:`cba.report.recommend`.

=========================== ======= ==========================================================
threshold                   default where the default comes from
=========================== ======= ==========================================================
``min_bcr``                 1.0     the standard economic criterion: a project is acceptable
                                    when its economic NPV >= 0, i.e. BCR >= 1 (《建设项目经济评价
                                    方法与参数》第三版, 发改投资〔2006〕1325号; HM Treasury Green Book)
``max_loss_probability``    0.10    cba's default, not an official rule
``reject_loss_probability`` 0.50    cba's default, not an official rule: a loss is more likely
                                    than not
``adjust_min_bcr``          0.9     cba's default, not an official rule: costs 10% lower (or
                                    benefits 11% higher) would make the project economical
``max_in_range``            0       cba's default, not an official rule: no input may have its
                                    switching value inside its plausible low-high range
``max_critical_share``      0.5     cba's default, not an official rule: at most half the inputs
                                    with a range may be critical (关键/敏感因素, by the EU Guide to
                                    Cost-Benefit Analysis of Investment Projects, 2014: |elasticity|
                                    >= 1, or a switching value in range or within 10% of the base)
=========================== ======= ==========================================================

The rule, in order:

1. P(NPV < 0) > ``reject_loss_probability`` (when a risk analysis was run): **不予支持**.
2. NPV > 0 and BCR >= ``min_bcr`` (the project is economical in the base case): **予以支持**
   when P(NPV < 0) <= ``max_loss_probability``, at most ``max_in_range`` inputs have their
   switching value inside their plausible range and at most ``max_critical_share`` of the
   inputs with a range are critical; otherwise **调整后支持**.
3. Not economical, but BCR >= ``adjust_min_bcr``: **调整后支持** (close to break-even).
4. Otherwise **不予支持**.

Examples
--------
>>> rule = DecisionRule.from_entry({"max_loss_probability": 0.05})
>>> rule.max_loss_probability, rule.min_bcr, rule.changed()
(0.05, 1.0, {'max_loss_probability': 0.05})
>>> DecisionRule.from_entry({"max_loss_probabilty": 0.05})
Traceback (most recent call last):
...
cba.errors.InputError: decision: unknown field 'max_loss_probabilty' (did you mean 'max_loss_probability'?); allowed: min_bcr, max_loss_probability, reject_loss_probability, adjust_min_bcr, max_in_range, max_critical_share
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .. import checks as v
from ..errors import InputError
from ..i18n import msg

__all__ = ["DecisionRule", "DECISION_DEFAULTS"]

#: threshold -> (default, kind): "prob" a fraction in [0, 1], "ratio" a BCR >= 0, "count" a whole number >= 0
_KINDS = {"min_bcr": "ratio", "max_loss_probability": "prob", "reject_loss_probability": "prob",
          "adjust_min_bcr": "ratio", "max_in_range": "count", "max_critical_share": "prob"}


@dataclass(frozen=True)
class DecisionRule:
    """The thresholds of the economic conclusion (see the module notes for their meaning)."""

    min_bcr: float = 1.0
    max_loss_probability: float = 0.10
    reject_loss_probability: float = 0.50
    adjust_min_bcr: float = 0.9
    max_in_range: int = 0
    max_critical_share: float = 0.5

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any] | None, *, where: str = "decision",
                   base: "DecisionRule | None" = None) -> "DecisionRule":
        """Validate ``{threshold: value}`` and return ``base`` (default: the defaults) with them.

        Errors name the field (``decision.max_loss_probability``) and what was expected.
        """
        rule = base or cls()
        if entry is None:
            return rule
        if isinstance(entry, DecisionRule):
            return entry
        v.mapping(entry, where)
        v.only_keys(entry, where, cls.names())
        changes = {k: _check(k, x, f"{where}.{k}") for k, x in entry.items()}
        rule = replace(rule, **changes)
        rule._check_order(where, set(changes))
        return rule

    def _check_order(self, where: str, given: set[str]) -> None:
        for low, high in (("adjust_min_bcr", "min_bcr"), ("max_loss_probability", "reject_loss_probability")):
            if getattr(self, low) > getattr(self, high):
                field = low if low in given else high
                raise InputError(msg("report.decision.order", low=low, high=high, lo=getattr(self, low),
                                     hi=getattr(self, high)), where=f"{where}.{field}")

    def changed(self) -> dict[str, float]:
        """The thresholds that differ from the defaults."""
        default = DecisionRule()
        return {k: getattr(self, k) for k in self.names() if getattr(self, k) != getattr(default, k)}

    def to_dict(self) -> dict[str, float]:
        return {k: getattr(self, k) for k in self.names()}


DECISION_DEFAULTS = DecisionRule()


def _check(name: str, value: Any, where: str) -> float | int:
    kind = _KINDS[name]
    if kind == "count":
        x = v.number(value, where)
        if x != int(x) or x < 0:
            raise InputError(msg("report.decision.count", got=v.show(value)), where=where)
        return int(x)
    x = v.number(value, where)
    if kind == "prob" and not 0 <= x <= 1:
        raise InputError(msg("report.decision.prob", got=v.show(value)), where=where)
    if kind == "ratio" and (x < 0 or not math.isfinite(x)):
        raise InputError(msg("report.decision.ratio", got=v.show(value)), where=where)
    return x
