"""Shared fixtures: the example model and a small valid model dict to mutate."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def kiosk_path() -> Path:
    return DATA / "minhang_kiosk.yaml"


@pytest.fixture
def small() -> dict:
    """A minimal valid model as a dict (each test mutates its own deep copy)."""
    return copy.deepcopy({
        "name": "test",
        "horizon": 3,
        "discount_rate": 0.1,
        "baseline": "base",
        "parameters": {"price": {"value": 100, "low": 80, "high": 120}, "saving": 40},
        "options": {
            "base": {"flows": [{"name": "running", "kind": "cost", "amount": "saving"}]},
            "buy": {"label": "Buy", "flows": [{"name": "purchase", "kind": "cost", "amount": "price", "at": 0}]},
        },
    })
