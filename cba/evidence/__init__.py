"""Evidence: estimating benefit parameters from accident data (statsmodels)."""
