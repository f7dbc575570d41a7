"""cba: ex-ante cost-benefit and break-even evaluation of public spending.

The flat public API. Importing cba loads numpy only; scipy, pandas, yaml,
openpyxl, matplotlib and papermill are imported where they are used.

>>> import cba
>>> round(cba.npv(0.08, [-100, 60, 60]), 4)
6.9959
"""
from __future__ import annotations

from .analysis import (
    Appraisal,
    BreakEven,
    Sensitivity,
    SensitivityAnalysis,
    TwoWay,
    analyse,
    appraise,
    breakeven,
    compare_scenarios,
    search_bounds,
    sensitivity,
    switching_values,
    two_way,
)
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
    discount_factors,
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
from .i18n import get_lang, set_lang, use_lang
from .model import Distribution, Flow, Model, ModelCheck, Option, Parameter, check_model, load_model, write_excel
from .plots import plot_cash_flows, plot_frontier, plot_spider, plot_tornado

# financial and economic views, benchmarks (cba.method.views, cba.method.benchmarks)
from .analysis.views import Sustainability, ViewComparison, compare_views
from .analysis.effectiveness import cost_effectiveness
# appraisal method: assets (purchases, replacements, residual values)
from .method.assets import asset_schedule, equivalent_annual_cost
# price bases and optimism bias (cba.method.prices, cba.method.optimism)
from .method.optimism import OptimismComparison, OptimismUplift, optimism_comparison, optimism_uplift
from .method.prices import deflate, price_index
# uncertainty: simulation, global sensitivity, value of information, cost-effectiveness
from .uncertainty import (
    Simulation,
    ceac,
    evpi,
    evppi,
    global_sensitivity,
    icer,
    rank_importance,
    simulate,
    sobol_indices,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # the language of messages (Chinese by default; CBA_LANG, set_lang, use_lang)
    "get_lang", "set_lang", "use_lang",
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
    "BreakEven", "breakeven", "search_bounds", "switching_values", "Sensitivity", "SensitivityAnalysis", "TwoWay",
    "analyse", "compare_scenarios", "sensitivity", "two_way",
    # price bases and optimism bias
    "deflate", "price_index", "optimism_uplift", "optimism_comparison", "OptimismUplift", "OptimismComparison",
    # figures (matplotlib is imported when one is drawn)
    "plot_cash_flows", "plot_frontier", "plot_spider", "plot_tornado",
    # financial and economic views
    "compare_views", "ViewComparison", "Sustainability",
    # reports (papermill, nbconvert and WeasyPrint are imported when a report is rendered)
    "render_report", "reproduce",
    # uncertainty
    "simulate", "Simulation", "global_sensitivity", "sobol_indices", "rank_importance", "evpi", "evppi",
    "icer", "ceac", "cost_effectiveness",
    # appraisal method: assets
    "asset_schedule", "equivalent_annual_cost",
]


def __getattr__(name: str):
    if name in ("render_report", "reproduce"):
        from . import report

        return getattr(report, name)
    raise AttributeError(f"module 'cba' has no attribute {name!r}")
