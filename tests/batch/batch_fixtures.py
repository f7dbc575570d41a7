"""Fixtures of tests/batch (imported by its modules; not a conftest.py, whose basename the top-level
tests/conftest.py already takes): batch tables in a temporary folder beside a copy of the kiosk model and a tiny hand model."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"

# horizon 1 at 10%: a cost `price` in period 0 and a benefit `saving` in period 1, so
# NPV = saving / 1.1 - price and BCR = saving / 1.1 / price
TINY = """name: tiny
horizon: 1
discount_rate: 0.1
parameters:
  price: 100
  saving: 121
options:
  o:
    flows:
      - {name: buy, kind: cost, amount: price, at: 0}
      - {name: save, kind: benefit, amount: saving, at: 1}
scenarios:
  dear: {price: 110}
"""


@pytest.fixture
def folder(tmp_path):
    shutil.copy(KIOSK, tmp_path / "kiosk.yaml")
    (tmp_path / "tiny.yaml").write_text(TINY, encoding="utf-8")
    return tmp_path


def _write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def write_csv():
    """``write_csv(path, text, encoding="utf-8")``: write a table's bytes, return its path."""
    return _write_csv
