"""The before/after rate ratio of accident counts with exposure, from a Poisson GLM.

One site (or one pooled total): statsmodels fits the Poisson GLM ``count ~ 1 + after`` with a
log link and an offset of ``log(exposure)`` to the two counts; ``ratio = exp(coef of after)``
and its Wald interval on the log scale. The model is saturated, so its maximum likelihood
estimate is the closed form ``ratio = (b/eb) / (a/ea)``, ``se_log = √(1/a + 1/b)`` (a, b the
counts before and after, ea, eb the exposures). Arrays of sites give one ratio per site from
that closed form (vectorised; no regression is fitted per site); the tests check it against
the GLM.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import Bilingual, msg
from ..display import RichDisplay

__all__ = ["RateRatio", "rate_ratio", "z_value"]


def z_value(alpha: float) -> float:
    """The two-sided normal quantile ``z`` of a ``1 - alpha`` interval (1.959964 for 0.05)."""
    from statistics import NormalDist

    return NormalDist().inv_cdf(1 - alpha / 2)


def _fit_quietly(model: Any, **kw: Any):
    """``model.fit(**kw)`` without statsmodels' convergence, separation and numeric warnings
    (a saturated model fits its counts exactly; convergence is checked by the caller)."""
    import warnings

    from statsmodels.tools.sm_exceptions import (ConvergenceWarning, HessianInversionWarning,
                                                 PerfectSeparationWarning, SingularMatrixWarning)

    with warnings.catch_warnings():
        for category in (ConvergenceWarning, HessianInversionWarning, PerfectSeparationWarning, SingularMatrixWarning,
                         RuntimeWarning):
            warnings.simplefilter("ignore", category)
        return model.fit(**kw)


def _check_alpha(alpha: Any) -> float:
    a = v.number(alpha, "alpha")
    if not 0 < a < 1:
        raise InputError(msg("evidence.rr.alpha", got=v.show(alpha)), where="alpha")
    return a


def _level(alpha: float) -> str:
    from ..formatting import fmt_rate

    return fmt_rate(1 - alpha)


def _r(x: float) -> str:
    """A ratio for text: four significant digits."""
    return "—" if x is None or not np.isfinite(x) else f"{x:.4g}"


class Reduction:
    """What every ratio estimate has (``ratio``, ``ci_low``, ``ci_high``): the reduction with its
    interval, and the hand-off to a model parameter."""

    @property
    def reduction(self):
        """``1 - ratio``: the share of accidents avoided."""
        return 1 - self.ratio

    @property
    def reduction_low(self):
        """``1 - ci_high``."""
        return 1 - self.ci_high

    @property
    def reduction_high(self):
        """``1 - ci_low``."""
        return 1 - self.ci_low

    def to_parameter(self, name: str, **kw: Any):
        """This estimate as a model :class:`cba.Parameter` (see ``cba.evidence.handoff``)."""
        from .handoff import to_parameter

        return to_parameter(self, name, **kw)


class _RatioResult(RichDisplay, Reduction, Bilingual):
    """What the GLM ratio estimates share besides: their text lines."""

    def _head_lines(self, lang: str | None) -> list[str]:
        """The ratio, the reduction, the method, the formula, observations and data lines."""
        from ..formatting import fmt_rate
        from ..i18n.core import render

        level = _level(self.alpha)
        lines = [render(msg("evidence.core.line_ratio", ratio=_r(self.ratio), level=level, low=_r(self.ci_low),
                            high=_r(self.ci_high)), lang),
                 render(msg("evidence.core.line_reduction", reduction=fmt_rate(self.reduction), level=level,
                            low=fmt_rate(self.reduction_low), high=fmt_rate(self.reduction_high)), lang),
                 render(msg("evidence.core.line_method", method=self.method_in(lang)), lang)]
        if self.formula:
            lines.append(render(msg("evidence.core.line_formula", formula=self.formula), lang))
        lines.append(render(msg("evidence.core.line_n_obs", n=self.n_obs), lang))
        if self.data_path:
            lines.append(render(msg("evidence.core.line_data", path=self.data_path, sha=self.data_sha256), lang))
        return lines

    def method_in(self, lang: str | None = None) -> str:
        """``method`` in ``lang`` (``method`` itself is English, ``method_zh`` Chinese)."""
        from ..i18n.core import get_lang

        return self.method_zh if (lang or get_lang()) == "zh" else self.method

    def _notes_lines(self, lang: str | None) -> list[str]:
        from ..i18n.core import render

        notes = self.notes_in(lang)
        return [render(msg("evidence.core.notes"), lang), *(f"- {n}" for n in notes)] if notes else []


    def display_frame(self, lang: str | None = None):
        """``to_frame(lang)`` with its cells formatted as in the reports: ratios and standard
        errors by :func:`~cba.formatting.fmt_ratio`, reductions as rates, counts as counts,
        exposures as values."""
        from ..formatting import fmt_count, fmt_rate, fmt_ratio, fmt_value

        frame = self.to_frame(lang).astype(object)
        keys = list(self._FIELDS) + ["n_obs"] * (len(frame.columns) - len(self._FIELDS))
        for key, col in zip(keys, list(frame.columns)):
            f = (fmt_rate if key.startswith("reduction") else fmt_count if key in ("n_obs", "before_count", "after_count")
                 else fmt_value if key.endswith("exposure") else fmt_ratio)
            frame[col] = [f(x) for x in frame[col]]
        return frame

    def _repr_html_(self) -> str:
        """HTML in the current language: the summary's lines, the table and the notes."""
        from ..display import block_html
        from ..i18n.core import get_lang

        lang = get_lang()
        lines = self.summary(lang).split("\n")
        return block_html(lines[0], [("", self.display_frame(lang))], self.notes_in(lang), self._head_lines(lang),
                          lang, css="cba-evidence")


@dataclass(frozen=True, eq=False)
class RateRatio(_RatioResult):
    """Before/after rate ratio(s) of counts with exposure (see :func:`rate_ratio`).

    ``ratio``, ``se_log``, ``ci_low``, ``ci_high`` and the counts are floats for one site and
    arrays (one value per site) for several; ``reduction = 1 - ratio``, ``reduction_low = 1 -
    ci_high``, ``reduction_high = 1 - ci_low``. ``results`` is the statsmodels GLM results
    object (one site only; None for arrays, computed in closed form).
    """

    ratio: Any
    se_log: Any
    ci_low: Any
    ci_high: Any
    alpha: float
    before_count: Any
    before_exposure: Any
    after_count: Any
    after_exposure: Any
    method: str
    method_zh: str
    n_obs: int
    data_path: str | None = None
    data_sha256: str | None = None
    formula: str | None = None
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()
    results: Any = field(default=None, repr=False)

    _FIELDS = ("before_count", "before_exposure", "after_count", "after_exposure", "ratio", "se_log", "ci_low",
               "ci_high", "reduction", "reduction_low", "reduction_high")

    @property
    def n_sites(self) -> int:
        """Number of ratios (1 for scalar input)."""
        return int(np.size(self.ratio))

    def to_dict(self) -> dict[str, Any]:
        """Plain values (lists for several sites) for JSON."""
        conv = lambda x: x.tolist() if isinstance(x, np.ndarray) else x  # noqa: E731
        out = {k: conv(getattr(self, k)) for k in self._FIELDS}
        out.update(alpha=self.alpha, method=self.method, method_zh=self.method_zh, n_obs=self.n_obs,
                   data_path=self.data_path, data_sha256=self.data_sha256, formula=self.formula,
                   notes=list(self.notes), notes_zh=list(self.notes_zh))
        return out

    def to_frame(self, lang: str | None = None):
        """One row per site (sites numbered from 1): counts, exposures, ratio, interval, reduction."""
        import pandas as pd

        from ..i18n.core import render

        data = {render(msg(f"evidence.core.{k}"), lang): np.atleast_1d(np.asarray(getattr(self, k), float))
                for k in self._FIELDS}
        index = pd.Index(range(1, self.n_sites + 1), name=render(msg("evidence.core.site"), lang))
        return pd.DataFrame(data, index=index)

    def summary(self, lang: str | None = None) -> str:
        """Text in ``lang`` ("zh" or "en"; default the current language)."""
        from ..formatting import frame_to_text
        from ..i18n.core import render

        title = render(msg("evidence.rr.title"), lang)
        if np.ndim(self.ratio) == 0:
            return "\n".join([title, *self._head_lines(lang), *self._notes_lines(lang)])
        frame = self.to_frame(lang)
        shown = frame.copy().astype(object)
        for c in shown.columns:
            shown[c] = [f"{x:.4g}" for x in frame[c]]
        return "\n".join([title, render(msg("evidence.core.line_method", method=self.method_in(lang)), lang),
                          frame_to_text(shown), *self._notes_lines(lang)])


def _as_array(x: Any, where: str) -> np.ndarray:
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise InputError(msg("checks.number", got=v.show(x)), where=where) from None
    return arr


def _check_values(arr: np.ndarray, where: str, *, count: bool) -> None:
    """Raise naming the first bad element (``after_count[3]``)."""
    bad = ~np.isfinite(arr)
    if count:
        problems = [(bad, "evidence.data.not_number"), (arr < 0, "evidence.data.negative_count"),
                    (np.isfinite(arr) & (arr != np.round(arr)), "evidence.data.whole_count")]
    else:
        problems = [(bad, "evidence.data.not_number"), (np.isfinite(arr) & (arr <= 0), "evidence.data.exposure")]
    for mask, key in problems:
        if np.any(mask):
            idx = tuple(int(i) for i in np.argwhere(np.atleast_1d(mask))[0])
            at = where if arr.ndim == 0 else f"{where}[{', '.join(map(str, idx))}]"
            from .data import _shown

            raise InputError(msg(key, got=_shown(float(np.atleast_1d(arr)[idx]))), where=at)


def rate_ratio(before_count: Any, before_exposure: Any, after_count: Any, after_exposure: Any, *,
               alpha: float = 0.05, zero: Literal["error", "half"] = "error",
               data_path: str | Path | None = None) -> RateRatio:
    """Rate ratio after/before of accident counts, with its Wald interval on the log scale.

    Parameters
    ----------
    before_count, after_count : int or array_like
        Accidents in the period before and after (whole numbers ≥ 0). Arrays give one ratio per
        site (the four arguments broadcast together).
    before_exposure, after_exposure : float or array_like
        Exposure of each period (> 0): months observed, vehicle-km, ... in the same unit.
    alpha : float
        ``1 - alpha`` is the confidence level of the interval (0.05: 95%).
    zero : {"error", "half"}
        A zero count makes the Poisson estimate undefined (the log ratio's maximum likelihood
        estimate is ±∞). ``"error"`` (default) raises, naming the site; ``"half"`` adds 0.5 to
        both counts of each site with a zero (a continuity correction), and the notes say so.
    data_path : str or Path, optional
        The file the counts came from, recorded with its SHA-256 for provenance.

    Returns
    -------
    RateRatio
        ``ratio``, ``se_log``, ``ci_low``, ``ci_high``, ``reduction`` (``1 - ratio``) and its
        interval; ``results`` is the statsmodels GLM for a single site.

    Notes
    -----
    With counts ``a`` (before), ``b`` (after) and exposures ``ea``, ``eb``::

        ratio  = (b / eb) / (a / ea)
        se_log = sqrt(1/a + 1/b)
        ci     = exp(log(ratio) ± z · se_log),   z = Φ⁻¹(1 − alpha/2)

    which is the maximum likelihood fit of the Poisson GLM ``log E[count] = log(exposure) + β0
    + β1·after`` (ratio = exp(β1)) and its Wald interval. A single site is fitted by
    statsmodels (``results`` holds the fit); arrays use the closed form, vectorised.

    Examples
    --------
    Accidents at one crossing: 30 in 24 months before a kiosk, 18 in 24 months after:

    >>> import cba
    >>> r = cba.rate_ratio(30, 24, 18, 24)
    >>> round(r.ratio, 4), round(r.se_log, 4), round(r.ci_low, 4), round(r.ci_high, 4)
    (0.6, 0.2981, 0.3345, 1.0763)
    >>> round(r.reduction, 2)
    0.4
    >>> cba.rate_ratio([30, 12], 24, [18, 12], [24, 12]).ratio.round(4).tolist()
    [0.6, 2.0]
    """
    alpha = _check_alpha(alpha)
    if zero not in ("error", "half"):
        raise InputError(msg("evidence.rr.zero_choice", got=v.show(zero)), where="zero")
    names = ("before_count", "before_exposure", "after_count", "after_exposure")
    arrays = [_as_array(x, n) for x, n in zip((before_count, before_exposure, after_count, after_exposure), names)]
    for arr, n in zip(arrays, names):
        _check_values(arr, n, count=n.endswith("count"))
    try:
        a, ea, b, eb = np.broadcast_arrays(*arrays)
    except ValueError:
        raise InputError(msg("evidence.rr.shape", shapes=", ".join(f"{n} {x.shape}" for n, x in
                                                                   zip(names, arrays)))) from None
    scalar = a.ndim == 0
    zeros = (a == 0) | (b == 0)
    notes = []
    if np.any(zeros):
        if zero == "error":
            idx = tuple(int(i) for i in np.argwhere(np.atleast_1d(zeros))[0])
            which = "before_count" if np.atleast_1d(a)[idx] == 0 else "after_count"
            where = which if scalar else f"{which}[{', '.join(map(str, idx))}]"
            raise InputError(msg("evidence.rr.zero"), where=where)
        sites = [str(int(i) + 1) for i in np.flatnonzero(np.atleast_1d(zeros))]
        a = np.where(zeros, a + 0.5, a)
        b = np.where(zeros, b + 0.5, b)
        from ..checks import listing

        site_text = msg("evidence.rr.site", i=listing(sites))
        notes.append(msg("evidence.rr.note_half", sites=site_text))
    else:
        notes.append(msg("evidence.rr.note_no_zero"))
    z = z_value(alpha)
    results = None
    if scalar:
        import statsmodels.api as sm

        y = np.array([float(a), float(b)])
        x = np.array([[1.0, 0.0], [1.0, 1.0]])
        model = sm.GLM(y, x, family=sm.families.Poisson(), offset=np.log([float(ea), float(eb)]))
        results = _fit_quietly(model, method="newton", tol=1e-14, maxiter=100)
        log_ratio, se = float(results.params[1]), float(results.bse[1])
        low, high = (float(c) for c in results.conf_int(alpha=alpha)[1])
        ratio, ci_low, ci_high = math.exp(log_ratio), math.exp(low), math.exp(high)
        method, notes = msg("evidence.rr.method_glm"), [msg("evidence.rr.note_glm"), *notes]
        counts = (float(a), float(ea), float(b), float(eb))
    else:
        log_ratio = np.log(b / eb) - np.log(a / ea)
        se = np.sqrt(1 / a + 1 / b)
        ratio, ci_low, ci_high = np.exp(log_ratio), np.exp(log_ratio - z * se), np.exp(log_ratio + z * se)
        method = msg("evidence.rr.method_closed")
        notes = [msg("evidence.rr.note_closed", n=a.size), *notes]
        counts = (a.astype(float), ea.astype(float), b.astype(float), eb.astype(float))
    path = sha = None
    if data_path is not None:
        from .data import file_sha256

        if not Path(data_path).is_file():
            raise InputError(msg("evidence.data.file_missing", path=str(data_path)), where="data_path")
        path, sha = str(data_path), file_sha256(data_path)
    return RateRatio(ratio=ratio, se_log=se, ci_low=ci_low, ci_high=ci_high, alpha=alpha,
                     before_count=counts[0], before_exposure=counts[1], after_count=counts[2],
                     after_exposure=counts[3], method=method.render("en"), method_zh=method.render("zh"),
                     n_obs=2 * int(np.size(a)), data_path=path, data_sha256=sha,
                     notes=tuple(n.render("en") for n in notes), notes_zh=tuple(n.render("zh") for n in notes),
                     results=results)
