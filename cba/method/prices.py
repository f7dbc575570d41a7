"""Price bases: nominal lines deflated to the model's price base year; the Fisher relation
between real and nominal discount rates.  (Skeleton: filled in by the prices work.)"""
from __future__ import annotations

from typing import Any

__all__ = ["deflate_lines", "check_prices"]


def check_prices(entry: Any, where: str = "prices") -> Any:
    """Validate the model file's ``prices:`` section (None when absent)."""
    return entry


def deflate_lines(model: Any, inputs: Any, lines: dict) -> dict:
    """Lines declared ``prices: nominal`` divided by the price index relative to the base year."""
    return lines
