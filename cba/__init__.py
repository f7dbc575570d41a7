"""cba: ex-ante cost-benefit and break-even evaluation of public spending.

The flat public API. Importing cba loads numpy only; scipy, pandas, yaml,
openpyxl, matplotlib and papermill are imported where they are used.

>>> import cba
>>> round(cba.npv(0.08, [-100, 60, 60]), 4)
6.9959
"""
from __future__ import annotations

from .analysis.appraise import Appraisal, appraise
from .analysis import BreakEven, breakeven, switching_values
from .finance.schedules import discount_factors
from .model.distributions import Distribution
from .errors import (
    CBAError,
    CBAWarning,
    EvaluationError,
    InputError,
    MultipleSolutionsWarning,
    NoSolutionError,
    NoSolutionWarning,
)
from .finance.metrics import (
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
from .model.model import Flow, Model, Option, Parameter
from .model.files import load_model, write_excel
from .model.check import ModelCheck, check_model
from .plots.charts import plot_cash_flows, plot_frontier, plot_spider, plot_tornado
from .analysis import Sensitivity, SensitivityAnalysis, TwoWay, analyse, compare_scenarios, sensitivity, two_way

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
    "Distribution", "Flow", "Model", "ModelCheck", "Option", "Parameter", "check_model", "load_model",
    "write_excel",
    # appraisal
    "Appraisal", "appraise",
    # break-even and sensitivity
    "BreakEven", "breakeven", "switching_values", "Sensitivity", "SensitivityAnalysis", "TwoWay",
    "analyse", "compare_scenarios", "sensitivity", "two_way",
    # figures (matplotlib is imported when one is drawn)
    "plot_cash_flows", "plot_frontier", "plot_spider", "plot_tornado",
    # reports (papermill, nbconvert and WeasyPrint are imported when a report is rendered)
    "render_report", "reproduce",
]


def __getattr__(name: str):
    if name in ("render_report", "reproduce"):
        from . import report

        return getattr(report, name)
    raise AttributeError(f"module 'cba' has no attribute {name!r}")
