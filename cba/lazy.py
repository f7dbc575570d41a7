"""Packages whose names load on first use, and packages callable as one of their functions.

``cba.review`` and ``cba.explore`` are both a package and a function (``cba.review(model, ...)``,
``cba.review.system(...)``): :func:`lazy_package` gives a package a lazy ``__getattr__`` over a
``{name: module}`` map and, with ``call=(module, function)``, makes the package itself callable
as that function. The function must live in a module with another name, so that importing the
module never shadows the function.

>>> import cba
>>> callable(cba.review), cba.review.system("unit_self").total
(True, 100.0)
"""
from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Mapping
from typing import Any

__all__ = ["lazy_package"]


def lazy_package(package: str, names: Mapping[str, str], *, call: tuple[str, str] | None = None) -> None:
    """Give the (already imported) package ``package`` lazily loaded ``names`` (name -> module,
    relative to the package), ``__all__`` and ``__dir__``; with ``call``, the package can be
    called as ``module.function``."""
    mod = sys.modules[package]

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(mod, name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(mod)) | set(names))

    mod.__getattr__ = __getattr__
    mod.__dir__ = __dir__
    mod.__all__ = sorted(names)
    if call is not None:
        module, function = call

        class _CallablePackage(types.ModuleType):
            __doc__ = f"The package {package}, callable as {module.lstrip('.')}.{function}."

            def __call__(self, *args: Any, **kwargs: Any):
                return getattr(importlib.import_module(module, package), function)(*args, **kwargs)

        mod.__class__ = _CallablePackage
