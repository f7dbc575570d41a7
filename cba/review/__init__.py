"""Ex-ante performance review (事前绩效评估) and monitoring: indicator systems, scoring rules,
expert panels, gates, decisions, monitoring warnings and the portfolio view.

Names load on first use (``import cba`` stays cheap): the indicator systems and scoring rules
(:mod:`.indicators`, :mod:`.scoring`), the panel (:mod:`.panel`), the review (:mod:`.assess`),
monitoring (:mod:`.monitoring`) and the portfolio (:mod:`.portfolios`). No module has the name
of a function the package offers (``review``, ``monitor``, ``portfolio``), so
``from cba.review import monitor`` is always the function.

The package itself is callable: ``cba.review(model, indicators, evidence, ...)`` is
:func:`cba.review.assess.review`, and ``cba.review.system(...)`` etc. reach the rest.

>>> from cba.review import system, score_rule
>>> system("unit_self").total, score_rule({"kind": "yes_no"}, "是")
(100.0, 1.0)
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any

#: name -> module (relative to this package); a module that is missing yet raises on use only
_LAZY = {
    # indicator systems and scoring rules (core)
    "Indicator": ".indicators", "IndicatorSystem": ".indicators", "load_indicators": ".indicators",
    "write_indicators": ".indicators", "system": ".indicators", "systems": ".indicators",
    "Rule": ".scoring", "parse_rule": ".scoring", "score_rule": ".scoring",
    # expert panel and the review (review helper; wired by the lead)
    "PanelResult": ".panel", "aggregate_panel": ".panel",
    "Review": ".assess", "GateResult": ".assess", "review": ".assess",
    # monitoring and portfolio (monitor helper; wired by the lead)
    "Monitoring": ".monitoring", "monitor": ".monitoring", "BudgetRule": ".monitoring",
    "Portfolio": ".portfolios", "portfolio": ".portfolios",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))



class _CallablePackage(types.ModuleType):
    """This package, callable as :func:`cba.review.assess.review` (so ``cba.review(...)`` runs a
    review while ``cba.review.system(...)`` and the other names stay reachable)."""

    def __call__(self, *args: Any, **kwargs: Any):
        from .assess import review

        return review(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
