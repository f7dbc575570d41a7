"""The financial and the economic view of one model: conversion factors (shadow wage, standard
conversion factor, shadow exchange rate), transfers removed and external effects added in the
economic view.  (Skeleton: filled in by the views work.)"""
from __future__ import annotations

from typing import Any

__all__ = ["convert_view", "main_view", "check_economic", "check_conversion"]


def check_economic(entry: Any, where: str = "economic") -> Any:
    """Validate the model file's ``economic:`` section (None when absent)."""
    return entry


def check_conversion(value: Any, where: str = "economic") -> Any:
    """Validate a flow's ``economic:`` field: a factor name, a number, ``transfer`` or ``external``."""
    return value


def main_view(model: Any) -> str:
    """The view the appraisal and its conclusion use by default."""
    return "economic"


def convert_view(model: Any, inputs: Any, lines: dict, view: str) -> dict:
    """Lines in ``view``: financial drops external effects; economic converts and drops transfers."""
    return lines
