"""cba: ex-ante cost-benefit and break-even evaluation of public spending.

The flat public API. Importing cba loads numpy only; scipy, pandas, yaml,
openpyxl, matplotlib and papermill are imported where they are used.

>>> import cba
>>> round(cba.npv(0.08, [-100, 60, 60]), 4)
6.9959
"""
from __future__ import annotations

from .appraise import Appraisal, appraise
from .discount import discount_factors
from .distributions import Distribution
from .errors import (
    CBAError,
    CBAWarning,
    EvaluationError,
    InputError,
    MultipleSolutionsWarning,
    NoSolutionError,
    NoSolutionWarning,
)
from .finance import (
    annuity_factor,
    bcr,
    eac,
    irr,
    irr_roots,
    mirr,
    nominal_rate,
    npv,
    payback,
    pmt,
    real_rate,
    xirr,
    xnpv,
)
from .model import Flow, Model, Option, Parameter
from .modelfile import load_model, write_excel

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # errors and warnings
    "CBAError", "CBAWarning", "EvaluationError", "InputError", "MultipleSolutionsWarning",
    "NoSolutionError", "NoSolutionWarning",
    # finance functions
    "annuity_factor", "bcr", "discount_factors", "eac", "irr", "irr_roots", "mirr",
    "nominal_rate", "npv", "payback", "pmt", "real_rate", "xirr", "xnpv",
    # models
    "Distribution", "Flow", "Model", "Option", "Parameter", "load_model", "write_excel",
    # appraisal
    "Appraisal", "appraise",
]
