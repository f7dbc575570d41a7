"""Risk analysis: sampling of uncertain inputs (Monte Carlo, Latin hypercube, Sobol'), rank
correlations between them (Iman-Conover), and the analyses built on the draws: simulation of a
model (:func:`simulate`), global sensitivity (Sobol' indices, rank importance), the value of
information (EVPI, EVPPI) and cost-effectiveness (ICER, acceptability curves).

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
from .cea import CEAC, ceac, icer, icer_summary, icer_table, plot_ceac
from .gsa import RankImportance, SaltelliDesign, SobolIndices, rank_importance, saltelli_design, sobol_indices
from .sampling import BLOCK, METHODS, data_files, sample_inputs, sample_uniforms
from .sensitivity import global_sensitivity
from .simulate import Simulation, simulate
from .voi import EVPI, EVPPI, evpi, evppi

__all__ = [
    "BLOCK", "METHODS", "sample_inputs", "sample_uniforms", "data_files",
    "Correlations", "check_correlations", "impose_rank_correlation", "achieved_rank_correlation",
    "RankCorrelationCheck", "spearman",
    "simulate", "Simulation", "global_sensitivity",
    "saltelli_design", "SaltelliDesign", "sobol_indices", "SobolIndices", "rank_importance", "RankImportance",
    "evpi", "EVPI", "evppi", "EVPPI",
    "icer", "icer_table", "icer_summary", "ceac", "CEAC", "plot_ceac",
]
