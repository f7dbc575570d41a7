"""matplotlib figures of results (Chinese labels by default). Figures draw results; they never
compute them. matplotlib is imported when a figure is drawn, not when cba is imported."""
from __future__ import annotations

from .charts import figure_bytes, plot_cash_flows, plot_frontier, plot_spider, plot_tornado, save_figure

__all__ = ["figure_bytes", "plot_cash_flows", "plot_frontier", "plot_spider", "plot_tornado", "save_figure"]
