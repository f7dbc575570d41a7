"""Evidence: estimating benefit parameters (how far accidents fall) from data with statsmodels.

* :func:`read_table`, :func:`check_counts`: accident tables from CSV (UTF-8, BOM, GBK) or
  Excel, with errors naming the file, row and column;
* :func:`rate_ratio` -> :class:`RateRatio`: before/after rate ratio(s) from a Poisson GLM;
* :func:`estimate_effect` -> :class:`EffectEstimate`: Poisson or negative-binomial regression
  on site-period data (difference-in-differences, site fixed effects, cluster-robust SEs);
* :func:`empirical_bayes` -> :class:`EBEstimate`: Empirical Bayes before/after (Highway Safety
  Manual style) against regression to the mean, with the naive estimate beside it;
* :func:`to_parameter`, :func:`parameter_block`: an estimate as a model parameter (the rate
  ratio, lognormal from its log-scale estimate and standard error, the data file's SHA-256 and
  the formula in its source).

Importing this package loads numpy only; pandas and statsmodels load when a function runs.
"""
from __future__ import annotations

from .data import check_counts, read_table
from .effect import EffectEstimate, Overdispersion, estimate_effect
from .empirical_bayes import EBEstimate, NaiveEstimate, SPFFit, eb_before_after, empirical_bayes, fit_spf
from .handoff import parameter_block, to_parameter
from .rate_ratio import RateRatio, rate_ratio

__all__ = ["read_table", "check_counts", "rate_ratio", "RateRatio", "estimate_effect", "EffectEstimate",
           "Overdispersion", "empirical_bayes", "eb_before_after", "fit_spf", "EBEstimate", "NaiveEstimate",
           "SPFFit", "to_parameter", "parameter_block"]
