"""Sector benchmark rates supplied by the user (e.g. EIRR against 8%), with their source.
(Skeleton: filled in by the views work.)"""
from __future__ import annotations

from typing import Any

__all__ = ["check_benchmarks"]


def check_benchmarks(entry: Any, where: str = "benchmarks") -> Any:
    """Validate the model file's ``benchmarks:`` section (None when absent)."""
    return entry
