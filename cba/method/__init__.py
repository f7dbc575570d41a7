"""The appraisal method around the cash flows: assets (purchases, replacements, residual
values), price bases and deflation, optimism bias, the financial and the economic view of the
same model, and sector benchmarks.

Each is a section of the model file, validated when the model is built, and a step of the one
evaluation path (:func:`cba.model.cash_flows`)::

    flow lines + asset lines          (as entered; cba.method.assets)
      -> deflated to the price base   (lines declared ``prices: nominal``; cba.method.prices)
      -> optimism-bias uplift         (when declared and switched on; cba.method.optimism)
      -> financial or economic view   (conversion factors, transfers, externalities; cba.method.views)

so every analysis and report inherits them. See :func:`cba.method.adjust.adjust_lines`.
"""
from __future__ import annotations

__all__: list[str] = []
