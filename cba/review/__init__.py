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

from ..lazy import lazy_package

#: name -> module (relative to this package); a module that is missing yet raises on use only
_LAZY = {
    # indicator systems and scoring rules (core)
    "Indicator": ".indicators", "IndicatorSystem": ".indicators", "load_indicators": ".indicators",
    "write_indicators": ".indicators", "system": ".indicators", "systems": ".indicators",
    "Rule": ".scoring", "parse_rule": ".scoring", "score_rule": ".scoring",
    # expert panel and the review
    "PanelResult": ".panel", "aggregate_panel": ".panel",
    "Review": ".assess", "GateResult": ".assess", "review": ".assess",
    # monitoring and portfolio
    "Monitoring": ".monitoring", "monitor": ".monitoring", "BudgetRule": ".monitoring",
    "Portfolio": ".portfolios", "portfolio": ".portfolios",
}

lazy_package(__name__, _LAZY, call=(".assess", "review"))
