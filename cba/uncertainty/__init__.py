"""Risk analysis: sampling, correlation, simulation, global sensitivity, value of information and
cost-effectiveness (placeholder of the measures branch; the sampling branch writes the real one)."""
