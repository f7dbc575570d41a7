"""Running summaries of a simulation's draws: shifted power sums (mean, sd and their Monte Carlo
standard errors), counts below 0 and 1, and a 4,096-bin histogram for quantiles, merged chunk by
chunk so that a run larger than memory keeps only these (``cba.simulate(..., keep="summary")``)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


_BINS = 4096
_ADD_ROWS = 1 << 20


@dataclass
class _Running:
    """Moments (shifted power sums), counts and a fixed-bin histogram of one metric's draws."""

    n: int = 0                 # draws seen
    finite: int = 0            # finite draws among them
    shift: float = math.nan
    s: np.ndarray = field(default_factory=lambda: np.zeros(4))
    below_zero: int = 0
    below_one: int = 0
    lo: float = math.inf
    hi: float = -math.inf
    edges: np.ndarray | None = None
    counts: np.ndarray | None = None
    under: int = 0
    over: int = 0

    def add(self, x: np.ndarray) -> None:
        x = np.asarray(x, dtype=float)
        if x.size > _ADD_ROWS:            # bounded temporaries whatever the number of draws
            for i in range(0, x.size, _ADD_ROWS):
                self.add(x[i:i + _ADD_ROWS])
            return
        self.n += x.size
        x = x[np.isfinite(x)]
        if not x.size:
            return
        if math.isnan(self.shift):
            self.shift = float(x.mean())
            lo, hi = float(x.min()), float(x.max())
            pad = max(hi - lo, abs(self.shift) * 1e-6, 1e-12) * 0.5
            self.edges = np.linspace(lo - pad, hi + pad, _BINS + 1)
            self.counts = np.zeros(_BINS, dtype=np.int64)
        self.finite += x.size
        d = x - self.shift
        d2 = d * d
        self.s += (d.sum(), d2.sum(), (d2 * d).sum(), (d2 * d2).sum())
        self.below_zero += int((x < 0).sum())
        self.below_one += int((x < 1).sum())
        self.lo, self.hi = min(self.lo, float(x.min())), max(self.hi, float(x.max()))
        # uniform bins given by number and range: numpy's fast path (no sort)
        c, _ = np.histogram(x, bins=_BINS, range=(self.edges[0], self.edges[-1]))
        self.counts += c
        self.under += int((x < self.edges[0]).sum())
        self.over += int((x > self.edges[-1]).sum())

    def moments(self) -> tuple[float, float, float, float]:
        """Mean, standard deviation and their Monte Carlo standard errors (independent draws)."""
        k = self.finite
        if k == 0:
            return (math.nan,) * 4
        m1 = self.s[0] / k
        mean = self.shift + m1
        c2 = max(self.s[1] / k - m1 ** 2, 0.0)
        c4 = self.s[3] / k - 4 * m1 * self.s[2] / k + 6 * m1 ** 2 * self.s[1] / k - 3 * m1 ** 4
        var = c2 * k / (k - 1) if k > 1 else math.nan
        sd = math.sqrt(var) if k > 1 else math.nan
        se_mean = sd / math.sqrt(k) if k > 1 else math.nan
        # delta method: Var(s) ~ (mu4 - sigma^4) / (4 n sigma^2)
        se_sd = math.sqrt(max(c4 - c2 ** 2, 0.0) / (4 * k * c2)) if k > 1 and c2 > 0 else math.nan
        return mean, sd, se_mean, se_sd

    def quantile(self, q: float) -> float:
        """A quantile interpolated within the histogram's bins (exact to one bin width)."""
        if self.counts is None:
            return math.nan
        cum = np.concatenate([[self.under], self.under + np.cumsum(self.counts)])
        target = q * self.finite
        if target <= self.under:
            return self.lo
        if target >= cum[-1]:
            return self.hi
        j = int(np.searchsorted(cum, target, side="left"))
        j = min(max(j, 1), _BINS)
        c0, c1 = cum[j - 1], cum[j]
        frac = 0.0 if c1 == c0 else (target - c0) / (c1 - c0)
        return float(self.edges[j - 1] + frac * (self.edges[j] - self.edges[j - 1]))
