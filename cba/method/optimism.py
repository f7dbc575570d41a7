"""Optimism bias: uplifts of capital cost, operating cost and duration by project type, with
their source, as a documented, switchable step.  (Skeleton: filled in by the optimism work.)"""
from __future__ import annotations

from typing import Any

__all__ = ["apply_optimism", "check_optimism"]


def check_optimism(entry: Any, where: str = "optimism_bias") -> Any:
    """Validate the model file's ``optimism_bias:`` section (None when absent)."""
    return entry


def apply_optimism(model: Any, inputs: Any, lines: dict, optimism: bool | None) -> dict:
    """Capital and operating cost lines uplifted, benefits delayed by the duration uplift."""
    return lines
