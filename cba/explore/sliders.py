"""The sliders' grid: a step of about a hundredth of the range on which the base value lies,
and the inputs the explorer shows (name, label, unit, range, base, step)."""
from __future__ import annotations

import dataclasses
import math

__all__ = ["_Input"]


def _nice_step(low: float, high: float) -> float:
    """About a hundredth of the range, rounded up to 1, 2 or 5 times a power of ten.

    >>> _nice_step(3, 20), _nice_step(0, 0.4), _nice_step(11274, 76000), _nice_step(0.06, 0.10)
    (0.2, 0.005, 1000.0, 0.0005)
    """
    raw = (high - low) / 100.0
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power * (1 + 1e-9):
            return float(f"{m * power:.12g}")
    return float(f"{10 * power:.12g}")          # pragma: no cover


def _fit_step(low: float, base: float, high: float) -> float:
    """:func:`_nice_step`, made finer (down to a hundred-thousandth of the range) until the base
    value lies on the slider's grid ``low + k * step`` (a slider snaps to its grid).

    >>> _fit_step(3, 10, 20), _fit_step(11274, 44200, 76000)
    (0.2, 2.0)
    """
    step = _nice_step(low, high)
    candidate = step
    while candidate >= (high - low) / 100000 * (1 - 1e-9):
        k = (base - low) / candidate
        if abs(k - round(k)) < 1e-9 * max(1.0, abs(k)):
            return candidate
        lead = f"{candidate:.1e}"[0]                       # 1 -> 0.5 -> 0.2 -> 0.1 ...
        candidate = float(f"{candidate * (0.4 if lead == '5' else 0.5):.12g}")
    return step


def _decimals(step: float) -> int:
    """Decimals needed to show multiples of ``step`` (0.005 -> 3, 500 -> 0)."""
    text = f"{step:.12g}"
    return len(text.split(".")[1]) if "." in text else 0


@dataclasses.dataclass
class _Input:
    name: str
    label: str
    unit: str
    low: float
    high: float
    base: float
    step: float
    rate: bool = False

