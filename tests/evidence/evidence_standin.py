"""A private stand-in for the estimate objects of cba.evidence (core and bayes helpers, issue 12),
used by the hand-off and ``cba estimate`` tests while those modules are written in parallel.

It has exactly the contract's fields (ratio, se_log, ci_low, ci_high, alpha, reduction...,
method, data_path, data_sha256, formula, n_obs, notes) and is fitted here with statsmodels: a
Poisson GLM with a log link and offset log(exposure), Wald interval on the log scale, optionally
cluster-robust. It is not cba code: the tests check it against the closed form before using it.
"""
from __future__ import annotations

import hashlib
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

Z95 = 1.959963984540054   # Phi^-1(0.975)


@dataclass(frozen=True)
class StandInEstimate:
    ratio: float
    se_log: float
    ci_low: float
    ci_high: float
    alpha: float
    method: str
    data_path: str | None
    data_sha256: str | None
    formula: str | None
    n_obs: int
    term: str | None = None
    exposure: str | None = None
    notes: tuple = ()
    notes_zh: tuple = ()

    @property
    def reduction(self) -> float:
        return 1 - self.ratio

    @property
    def reduction_low(self) -> float:
        return 1 - self.ci_high

    @property
    def reduction_high(self) -> float:
        return 1 - self.ci_low

    def to_dict(self) -> dict:
        out = asdict(self)
        out.update(reduction=self.reduction, reduction_low=self.reduction_low, reduction_high=self.reduction_high)
        return out

    def summary(self, lang=None) -> str:
        return f"stand-in {self.method}: ratio {self.ratio:.4f} [{self.ci_low:.4f}, {self.ci_high:.4f}]"

    def to_parameter(self, name, **kw):
        from cba.evidence.handoff import to_parameter

        return to_parameter(self, name, **kw)


def read_csv(path):
    """Read a UTF-8 CSV with its path and SHA-256 in ``attrs`` (an InputError when missing)."""
    import pandas as pd

    from cba.errors import InputError

    p = Path(path)
    if not p.is_file():
        raise InputError(f"file not found: {path}", source=str(path))
    frame = pd.read_csv(p)
    frame.attrs["path"] = str(p)
    frame.attrs["sha256"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return frame


def fit(frame, formula, *, exposure, family="auto", cluster=None, term=None, alpha=0.05) -> StandInEstimate:
    """Poisson GLM, log(exposure) offset, Wald interval of ``term`` (default: the last term)."""
    import numpy as np
    import statsmodels.api as sm
    import statsmodels.formula.api as smf
    from scipy.stats import norm

    from cba.errors import InputError

    if exposure not in frame.columns:
        raise InputError(f"no column '{exposure}'", where="exposure")
    count = formula.split("~")[0].strip()
    if count in frame.columns:
        bad = frame.index[frame[count] < 0]
        if len(bad):
            raise InputError(f"row {int(bad[0]) + 2}, column '{count}': a count must not be negative",
                             where="data", source=frame.attrs.get("path"))
    model = smf.glm(formula, frame, family=sm.families.Poisson(), offset=np.log(frame[exposure]))
    with warnings.catch_warnings():   # a saturated fit (two counts, two coefficients) is exact, not an error
        warnings.simplefilter("ignore")
        res = (model.fit(cov_type="cluster", cov_kwds={"groups": frame[cluster]}) if cluster else model.fit())
    term = term or res.params.index[-1]
    b, se = float(res.params[term]), float(res.bse[term])
    z = float(norm.ppf(1 - alpha / 2))
    return StandInEstimate(ratio=float(np.exp(b)), se_log=se, ci_low=float(np.exp(b - z * se)),
                           ci_high=float(np.exp(b + z * se)), alpha=alpha,
                           method="Poisson GLM (stand-in), log link, offset log(exposure)"
                                  + (f", cluster-robust by {cluster}" if cluster else ""),
                           data_path=frame.attrs.get("path"), data_sha256=frame.attrs.get("sha256"),
                           formula=formula, n_obs=int(res.nobs), term=term, exposure=exposure)


def two_period_csv(folder) -> Path:
    """40 accidents in 24 months before, 25 in 24 months after (one site)."""
    path = Path(folder) / "counts.csv"
    path.write_text("site,after,months,accidents\nA,0,24,40\nA,1,24,25\n", encoding="utf-8")
    return path
