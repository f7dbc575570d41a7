"""The one evaluation path: chunks of draws bound the memory of a run, results do not change."""
from __future__ import annotations

import tracemalloc

import numpy as np

import cba
import cba.model.evaluate as evaluate
from cba.model import cash_flows, resolve_inputs

K = 64                        # arguments of max(): the cap (cba.model.expr.MAX_ARGS)
HORIZON = 1000                # the longest horizon a model may have


def _wide_model(k: int = K, horizon: int = HORIZON) -> cba.Model:
    """One benefit line ``max(p0*t, p1*t, ..., p{k-1}*t)`` over periods 1..horizon (3k + 1 terms)."""
    args = ", ".join(f"p{i}*t" for i in range(k))
    return cba.load_model({
        "name": "wide", "horizon": horizon, "discount_rate": 0.0,
        "parameters": {f"p{i}": float(i) for i in range(k)},
        "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": f"max({args})"}]}},
    })


def _draws(model: cba.Model, n: int) -> dict[str, np.ndarray]:
    d = np.linspace(0.5, 2.0, n)                      # draw j scales every p_i by d_j
    return {f"p{i}": i * d for i in range(len(model.parameters))}


def test_chunked_and_unchunked_cash_flows_are_equal_and_match_a_closed_form(monkeypatch):
    m = _wide_model(k=8, horizon=30)
    inputs = resolve_inputs(m, _draws(m, 37))
    monkeypatch.setattr(evaluate, "CHUNK_ELEMENTS", 10 ** 9)
    whole = cash_flows(m, inputs).lines["o"]["b"]
    monkeypatch.setattr(evaluate, "CHUNK_ELEMENTS", 30 * 25 * 5)   # 5 draws a chunk: 8 chunks, the last of 2
    assert evaluate.chunk_rows(37, 30, 25) == 5
    chunked = cash_flows(m, inputs).lines["o"]["b"]
    np.testing.assert_array_equal(chunked, whole)
    # closed form by hand: max_i (i * d * t) = 7 d t for t >= 1 (i = 0..7), nothing in period 0
    d = np.linspace(0.5, 2.0, 37)
    want = np.zeros((37, 31))
    want[:, 1:] = 7 * d[:, None] * np.arange(1, 31)
    np.testing.assert_allclose(chunked, want, rtol=1e-15)


def test_chunk_rows_keeps_each_chunk_within_the_budget():
    budget = evaluate.CHUNK_ELEMENTS
    assert evaluate.chunk_rows(10_000, 11, 5) == 10_000                 # a typical formula: one chunk
    rows = evaluate.chunk_rows(10_000, 1000, 193)
    assert rows * 1000 * 193 <= budget < (rows + 1) * 1000 * 193         # as many draws as fit
    assert evaluate.chunk_rows(3, 10 ** 9, 256) == 1                     # never fewer than one draw


def _peak(model: cba.Model, inputs) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        cash_flows(model, inputs)
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def test_memory_of_a_large_run_stays_bounded(monkeypatch):
    # The probe, at the argument cap: max(p_i * t) with 64 arguments over 1,001 periods.
    # Evaluated at once, max() holds its 64 evaluated arguments of n x 1000 values (8 bytes each);
    # in chunks of one draw, 64 x 1000. The output itself is 3 arrays of n x 1001 (line, costs, benefits).
    m = _wide_model()
    n = 100
    inputs = resolve_inputs(m, _draws(m, n))
    output = 3 * n * (HORIZON + 1) * 8
    all_at_once = K * n * HORIZON * 8                                   # 51 MB
    monkeypatch.setattr(evaluate, "CHUNK_ELEMENTS", 2 ** 16)            # one draw a chunk here
    chunked = _peak(m, inputs)
    assert chunked < output + 4 * K * HORIZON * 8                       # ~2.4 MB + 2 MB
    monkeypatch.setattr(evaluate, "CHUNK_ELEMENTS", 10 ** 12)           # the old behaviour
    unchunked = _peak(m, inputs)
    assert unchunked > all_at_once                                      # the measurement can tell
