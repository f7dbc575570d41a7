"""The method steps of the evaluation path, applied to evaluated lines in a fixed order.

``lines`` is ``{option: {line: (n, T) array}}`` as entered (flows and asset lines); the result
has the same keys: nominal lines deflated to the price base, then (when switched on) the
optimism-bias uplift, then the view's conversion (financial: external effects dropped;
economic: conversion factors applied, transfers dropped).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["adjust_lines", "VIEWS"]

#: the two views of one model: ``financial`` (the budget's cash) and ``economic`` (society's)
VIEWS = ("financial", "economic")


def adjust_lines(model: Any, inputs: Any, lines: Mapping[str, Mapping[str, np.ndarray]], *,
                 view: str | None = None, optimism: bool | None = None) -> dict[str, dict[str, np.ndarray]]:
    """Apply the method steps in order (see the module notes); arrays are never changed in place.

    ``view`` None is the model's main view (:func:`cba.method.views.main_view`); ``optimism``
    None follows the model's ``optimism_bias.apply``.
    """
    from .optimism import apply_optimism
    from .prices import deflate_lines
    from .views import convert_view, main_view

    out = {o: dict(ls) for o, ls in lines.items()}
    out = deflate_lines(model, inputs, out)
    out = apply_optimism(model, inputs, out, optimism)
    return convert_view(model, inputs, out, main_view(model) if view is None else view)
