"""Switching values: elasticity at a base metric of zero (hand-computed values)."""
from __future__ import annotations

import math

import pytest

import cba


def _model(a: float, b: float, c: float):
    # benefit a + b against cost c, both in period 0 (undiscounted): NPV = (a + b) - c exactly as
    # IEEE arithmetic computes it, and linear in a with slope 1
    return cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.05,
                           "parameters": {"a": {"value": a, "low": a / 2, "high": 1.5 * a}, "b": b, "c": c},
                           "options": {"p": {"flows": [
                               {"name": "gain", "kind": "benefit", "amount": "a + b", "at": 0},
                               {"name": "cost", "kind": "cost", "amount": "c", "at": 0}]}}})


def test_elasticity_undefined_when_base_npv_is_rounding_noise():
    # 0.1 + 0.2 = 0.30000000000000004 in binary floating point, so the base NPV is 5.55e-17
    # (the 5.6e-17) while the exact NPV is 0; the old formula gave an elasticity of ~1.8e15.
    m = _model(0.1, 0.2, 0.3)
    assert cba.appraise(m)["p", "npv"] == (0.1 + 0.2) - 0.3 != 0
    row = cba.switching_values(m).loc["a"]
    assert math.isnan(row["elasticity"])
    assert "elasticity undefined" in row["note"] and "within rounding" in row["note"]
    assert "敏感度系数无定义" in row["note_zh"] and "舍入" in row["note_zh"]
    assert row["switching_value"] == pytest.approx(0.1, abs=1e-12)


def test_elasticity_undefined_when_base_npv_is_exactly_zero():
    # 0.5 + 0.25 - 0.75 is exact in binary: NPV 0
    row = cba.switching_values(_model(0.5, 0.25, 0.75)).loc["a"]
    assert math.isnan(row["elasticity"])
    assert "elasticity undefined" in row["note"] and "within rounding" not in row["note"]
    assert "敏感度系数无定义" in row["note_zh"]


def test_small_but_real_base_npv_keeps_its_elasticity():
    # NPV = 1e-6 (far above rounding of PVs ~0.3); +1% of a = 0.001 more NPV, so
    # E = (0.001 / 1e-6) / 0.01 = 1e5
    row = cba.switching_values(_model(0.1, 0.2, 0.3 - 1e-6)).loc["a"]
    assert row["elasticity"] == pytest.approx(1e5, rel=1e-6)
    assert "elasticity" not in row["note"]
