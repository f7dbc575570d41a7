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

import importlib
import sys
import types
from typing import Any

_LAZY = {"Explorer": ".explorer", "explore": ".explorer"}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _CallablePackage(types.ModuleType):
    """This package, callable as :func:`cba.explore.explorer.explore`."""

    def __call__(self, *args: Any, **kwargs: Any):
        from .explorer import explore

        return explore(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
