"""The interactive explorer (ipywidgets): sliders for the uncertain inputs of a model, a scenario
and an option picker, live metrics, the tornado and cash-flow charts, switching values at the
current settings, and buttons that write the settings out as a scenario or render the report.

The package itself is callable: ``cba.explore(model)`` is :func:`cba.explore.explorer.explore`
(the module is not named ``explore``, so ``from cba.explore import explore`` is the function).

>>> import cba
>>> from cba.explore import explore
>>> callable(cba.explore), explore.__module__
(True, 'cba.explore.explorer')
"""
from __future__ import annotations

from ..lazy import lazy_package

_LAZY = {"Explorer": ".explorer", "explore": ".explorer"}

lazy_package(__name__, _LAZY, call=(".explorer", "explore"))
