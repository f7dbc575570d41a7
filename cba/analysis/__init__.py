"""Analyses of a model through the one evaluation path: appraisal (NPV, BCR, IRR, paybacks),
break-even and switching values, one-way and two-way sensitivity, and named scenarios."""
from __future__ import annotations

from .appraise import Appraisal, appraise
from .breakeven import BreakEven, breakeven, search_bounds, switching_values
from .sensitivity import (Sensitivity, SensitivityAnalysis, TwoWay, analyse, compare_scenarios,
                          sensitivity, two_way)

__all__ = ["Appraisal", "BreakEven", "Sensitivity", "SensitivityAnalysis", "TwoWay", "analyse",
           "appraise", "breakeven", "compare_scenarios", "search_bounds", "sensitivity",
           "switching_values", "two_way"]
