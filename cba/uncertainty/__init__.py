"""Risk analysis: sampling of uncertain inputs (Monte Carlo, Latin hypercube, Sobol'), rank
correlations between them (Iman-Conover), and the analyses built on the draws.

Every function takes an explicit ``seed``; the same seed gives the same draws whatever the
chunk size or the number of worker processes (see :mod:`cba.uncertainty.sampling`).
Importing this package loads numpy only (scipy and pandas load where they are used).
"""
from __future__ import annotations

from .correlation import (
    Correlations,
    RankCorrelationCheck,
    achieved_rank_correlation,
    check_correlations,
    impose_rank_correlation,
    spearman,
)
from .sampling import BLOCK, METHODS, data_files, sample_inputs, sample_uniforms

__all__ = [
    "BLOCK", "METHODS", "sample_inputs", "sample_uniforms", "data_files",
    "Correlations", "check_correlations", "impose_rank_correlation", "achieved_rank_correlation",
    "RankCorrelationCheck", "spearman",
]
