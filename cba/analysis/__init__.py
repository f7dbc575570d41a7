"""Analyses of a model through the one evaluation path: appraisal (NPV, BCR, IRR, paybacks),
break-even and switching values, one-way and two-way sensitivity, and named scenarios.

Modules: ``appraise`` (Appraisal), ``evaluator`` (base values, search ranges and the batched
Evaluator every analysis uses), ``search`` (the batched root search), ``breakeven``
(BreakEven), ``switching`` (switching values), ``sensitivity`` (tornado and spider),
``two_way`` (grids and frontiers), ``scenarios`` (named scenarios), ``analyse`` (all at once),
``display`` (text and HTML tables), ``export`` (files of an appraisal).
"""
from __future__ import annotations

from .analyse import SensitivityAnalysis, analyse, frontier_pair
from .appraise import Appraisal, appraise
from .breakeven import BreakEven, breakeven
from .evaluator import search_bounds
from .scenarios import compare_scenarios
from .sensitivity import Sensitivity, sensitivity
from .switching import switching_values
from .two_way import TwoWay, two_way

__all__ = ["Appraisal", "BreakEven", "Sensitivity", "SensitivityAnalysis", "TwoWay", "analyse",
           "appraise", "breakeven", "compare_scenarios", "frontier_pair", "search_bounds", "sensitivity",
           "switching_values", "two_way"]
