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


#: names of the flat API loaded on first use (their modules are not needed to build a model):
#: name -> module, relative to this package
_LAZY = {
    # reports (papermill, nbconvert and WeasyPrint are imported when a report is rendered)
    "render_report": ".report", "reproduce": ".report",
    # financial and economic views, benchmarks, cost-effectiveness
    "compare_views": ".analysis.views", "ViewComparison": ".analysis.views", "Sustainability": ".analysis.views",
    "cost_effectiveness": ".analysis.effectiveness",
    # appraisal method: assets, price bases, optimism bias
    "asset_schedule": ".method.assets", "equivalent_annual_cost": ".method.assets",
    "deflate": ".method.prices", "price_index": ".method.prices",
    "optimism_comparison": ".method.optimism", "optimism_uplift": ".method.optimism",
    "OptimismComparison": ".method.optimism", "OptimismUplift": ".method.optimism",
    # uncertainty: simulation, global sensitivity, value of information, cost-effectiveness
    "simulate": ".uncertainty", "Simulation": ".uncertainty", "global_sensitivity": ".uncertainty",
    "sobol_indices": ".uncertainty", "rank_importance": ".uncertainty", "evpi": ".uncertainty",
    "evppi": ".uncertainty", "icer": ".uncertainty", "ceac": ".uncertainty",
    # evidence: estimating benefit parameters from accident data (statsmodels loads when one runs),
    # Empirical Bayes before/after, and an estimate as a model parameter
    "rate_ratio": ".evidence", "estimate_effect": ".evidence", "read_table": ".evidence",
    "empirical_bayes": ".evidence", "to_parameter": ".evidence",
    # ex-ante performance review (事前绩效评估)
    "review": ".review",
    # the interactive explorer (ipywidgets)
    "explore": ".explore",
}

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
    # evidence
    "rate_ratio", "estimate_effect", "read_table", "empirical_bayes", "to_parameter",
]


def __getattr__(name: str):
    if name in ("review", "explore"):   # packages callable as their function (cba.review(...))
        import importlib

        value = importlib.import_module("." + name, __name__)
        globals()[name] = value
        return value
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value           # later look-ups are plain attribute reads
        return value
    raise AttributeError(f"module 'cba' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
