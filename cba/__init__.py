"""cba: ex-ante cost-benefit and break-even evaluation of public spending.

The flat public API. Importing cba loads numpy only; scipy, pandas, yaml,
openpyxl, matplotlib and papermill are imported where they are used.
"""
from __future__ import annotations

from .errors import (
    CBAError,
    CBAWarning,
    EvaluationError,
    InputError,
    MultipleSolutionsWarning,
    NoSolutionError,
    NoSolutionWarning,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "CBAError",
    "CBAWarning",
    "EvaluationError",
    "InputError",
    "MultipleSolutionsWarning",
    "NoSolutionError",
    "NoSolutionWarning",
]
