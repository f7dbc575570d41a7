"""Empirical Bayes (EB) before/after estimate of a treatment's effect on accident counts.

When sites are treated *because* they had many accidents, their before-period counts are high
partly by chance, and fall back next period whatever is done (regression to the mean). A naive
before/after comparison then credits the treatment with that fall. The EB method (Hauer 1997,
*Observational Before-After Studies in Road Safety*; AASHTO *Highway Safety Manual* 2010, Part B,
chapter 9 and appendix 9A.1) corrects it:

1. a safety performance function (SPF), a negative binomial regression of counts on exposure fitted
   on untreated *reference* sites, predicts each treated site's count ``P_b`` in the before period
   and ``P_a`` in the after period, with overdispersion ``k``;
2. the EB expected before count shrinks the observed count ``O_b`` towards the prediction:
   ``m_b = w P_b + (1 - w) O_b`` with ``w = 1 / (1 + k P_b)``;
3. it is carried to the after period by ``r = P_a / P_b``: ``pi_i = r m_b``, the count expected
   after without the treatment, with ``Var(pi_i) = r^2 m_b (1 - w)``;
4. summed over sites (``lambda`` = observed after, ``pi``, ``V = sum Var(pi_i)``), the index of
   effectiveness is ``theta = (lambda / pi) / (1 + V / pi^2)``.

:func:`empirical_bayes` does all four steps from data (frames or files); :func:`eb_before_after`
does steps 2-4 from SPF predictions made elsewhere (a published SPF, as in the HSM's examples);
:func:`fit_spf` does step 1. The result, :class:`EBEstimate`, carries the ratio ``theta`` with its
standard error on the log scale and interval, the per-site table, the SPF and, beside them, the
naive estimate.

Examples
--------
Two treated sites, SPF predictions given (k = 0.5): site a had 10 accidents against 4 predicted
before, 3 after against 4 predicted; site b 6 against 6, then 4 against 6. Weights 1/(1 + 0.5*4)
= 1/3 and 1/(1 + 0.5*6) = 1/4; expected 4/3 + (2/3)*10 = 8 and 6; pi = 14, V = 8*(2/3) + 6*(3/4)
= 9.8333; theta = (7/14) / (1 + 9.8333/196) = 0.4761, se_log = sqrt(1/7 + 9.8333/196) = 0.4393.

>>> from cba.evidence.empirical_bayes import eb_before_after
>>> est = eb_before_after([10, 6], [4.0, 6.0], [3, 4], [4.0, 6.0], k=0.5, sites=["a", "b"])
>>> round(est.ratio, 4), round(est.se_log, 4)
(0.4761, 0.4393)
>>> [round(x, 4) for x in est.sites["weight"]]
[0.3333, 0.25]
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import msg, render

__all__ = ["EBEstimate", "NaiveEstimate", "SPFFit", "eb_before_after", "empirical_bayes", "fit_spf"]

#: site table columns, in order (English names; :meth:`EBEstimate.site_table` translates them)
from .spf import _check_frame, _columns, _formula, _load, fit_spf

SITE_COLUMNS = ("observed_before", "predicted_before", "weight", "expected_before", "predicted_after",
                "adjustment", "expected_after", "var_expected_after", "observed_after", "site_ratio",
                "exposure_before", "exposure_after")


def _z(alpha: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(1 - alpha / 2)


def _level(alpha: float) -> str:
    from ..formatting import fmt_rate

    return fmt_rate(1 - alpha)


def _check_alpha(alpha: Any) -> float:
    try:
        a = float(alpha)
    except (TypeError, ValueError):
        a = float("nan")
    if not 0 < a < 1:
        raise InputError(msg("eb.alpha", got=repr(alpha)), where="alpha")
    return a


def _fmt(x: float) -> str:
    from ..formatting import fmt_count, fmt_ratio

    return fmt_count(x) if float(x).is_integer() else fmt_ratio(x)


# ----------------------------------------------------------------------------- core: steps 2-4
def _vector(x: Any, name: str, n: int | None) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    if a.ndim == 0 and n is not None:
        a = np.full(n, float(a))
    if a.ndim != 1 or (n is not None and a.size != n):
        raise InputError(msg("eb.shape", name=name, n=n if n is not None else "n", got=a.shape), where=name)
    if a.size == 0:
        raise InputError(msg("eb.empty", name=name), where=name)
    return a


def _check_counts(a: np.ndarray, name: str) -> None:
    bad = ~(np.isfinite(a) & (a >= 0) & (a == np.round(a)))
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(msg("eb.count", name=name, at=msg("eb.item", i=i + 1), got=a[i]), where=name)


def _check_positive(a: np.ndarray, name: str) -> None:
    bad = ~(np.isfinite(a) & (a > 0))
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(msg("eb.positive", name=name, at=msg("eb.item", i=i + 1), got=a[i]), where=name)


def eb_before_after(observed_before: Any, predicted_before: Any, observed_after: Any, predicted_after: Any,
                    k: Any, *, exposure_before: Any = None, exposure_after: Any = None,
                    sites: Sequence[str] | None = None, alpha: float = 0.05, spf: SPFFit | None = None,
                    n_obs: int | None = None, formula: str | None = None, data_path: str | None = None,
                    data_sha256: str | None = None, notes: Sequence[Any] = ()) -> EBEstimate:
    """EB before/after estimate from per-site counts and SPF predictions (steps 2-4).

    Parameters
    ----------
    observed_before, observed_after : array_like, shape (n_sites,)
        Accidents observed at each treated site, summed over the before and the after period.
    predicted_before, predicted_after : array_like, shape (n_sites,)
        SPF predictions for the same site and period (sums over the years or months of the period),
        without the treatment; positive.
    k : float or array_like
        Overdispersion of the SPF (``Var = mu + k mu^2``), one value or one per site (the HSM's rural
        two-lane SPF has ``k = 0.236 / L`` per mile of length L).
    exposure_before, exposure_after : array_like, optional
        Durations (or other exposure) of the periods, for the naive rate ratio (default 1 each).
    sites : sequence of str, optional
        Site names for the per-site table.
    alpha : float
        Interval ``1 - alpha`` (default 95%).
    spf, n_obs, formula, data_path, data_sha256, notes
        Provenance recorded in the result (filled by :func:`empirical_bayes`).

    Returns
    -------
    EBEstimate

    Notes
    -----
    Per site (HSM 2010, eqs. 9A.1-1 to 9A.1-4 and 9A.1-9):
    ``w = 1/(1 + k P_b)``, ``m_b = w P_b + (1 - w) O_b``, ``r = P_a / P_b``, ``pi_i = r m_b``,
    ``Var(pi_i) = r^2 m_b (1 - w)``. Over sites (eqs. 9A.1-7, 9A.1-8, 9A.1-11), with
    ``lambda = sum O_a``, ``pi = sum pi_i``, ``V = sum Var(pi_i)``:
    ``theta' = lambda / pi``, ``theta = theta' / (1 + V/pi^2)``,
    ``Var(theta) = theta'^2 (1/lambda + V/pi^2) / (1 + V/pi^2)^2 = theta^2 (1/lambda + V/pi^2)``,
    so by the delta method ``se_log = sqrt(Var(theta)) / theta = sqrt(1/lambda + V/pi^2)``, and the
    interval is ``theta exp(-/+ z se_log)``. ``lambda`` is treated as Poisson (its variance is
    itself); the SPF's coefficients are treated as known.

    Examples
    --------
    One site, k = 0.5: P_b = 4, O_b = 10, so w = 1/(1 + 0.5*4) = 1/3 and
    m_b = 4/3 + (2/3)*10 = 8; P_a = 4 so r = 1, pi = 8, Var(pi) = 8*(2/3) = 16/3;
    theta = (4/8) / (1 + (16/3)/64) = 0.5/1.08333 = 0.46154.

    >>> round(eb_before_after([10], [4.0], [4], [4.0], k=0.5).ratio, 5)
    0.46154
    """
    a = _check_alpha(alpha)
    ob = _vector(observed_before, "observed_before", None)
    n = ob.size
    pb = _vector(predicted_before, "predicted_before", n)
    oa = _vector(observed_after, "observed_after", n)
    pa = _vector(predicted_after, "predicted_after", n)
    _check_counts(ob, "observed_before")
    _check_counts(oa, "observed_after")
    _check_positive(pb, "predicted_before")
    _check_positive(pa, "predicted_after")
    kk = np.asarray(k, dtype=float)
    if kk.ndim > 1 or (kk.ndim == 1 and kk.size != n) or not np.all(np.isfinite(kk) & (kk >= 0)):
        raise InputError(msg("eb.k", got=k if kk.ndim == 0 else kk.tolist()), where="k")
    eb_ = _vector(1.0 if exposure_before is None else exposure_before, "exposure_before", n)
    ea = _vector(1.0 if exposure_after is None else exposure_after, "exposure_after", n)
    _check_positive(eb_, "exposure_before")
    _check_positive(ea, "exposure_after")

    w = 1.0 / (1.0 + kk * pb)                       # 9A.1-2
    mb = w * pb + (1.0 - w) * ob                    # 9A.1-1
    r = pa / pb                                     # 9A.1-3
    pi_i = r * mb                                   # 9A.1-4
    var_i = r ** 2 * mb * (1.0 - w)                 # 9A.1-9
    lam, pi, V = float(oa.sum()), float(pi_i.sum()), float(var_i.sum())
    if lam == 0:
        raise InputError(msg("eb.no_after"), where="observed_after")
    ratio_u = lam / pi                              # 9A.1-7
    c = V / pi ** 2
    theta = ratio_u / (1.0 + c)                     # 9A.1-8
    var_theta = ratio_u ** 2 * (1.0 / lam + c) / (1.0 + c) ** 2   # 9A.1-11
    se_log = math.sqrt(1.0 / lam + c)
    z = _z(a)

    # naive: exposure-adjusted rate ratio at the same sites
    obs_b = float(ob.sum())
    n_ratio = (lam / float(ea.sum())) / (obs_b / float(eb_.sum())) if obs_b > 0 else float("inf")
    n_se = math.sqrt(1.0 / lam + 1.0 / obs_b) if obs_b > 0 else float("inf")
    naive = NaiveEstimate(ratio=n_ratio, se_log=n_se, ci_low=n_ratio * math.exp(-z * n_se),
                          ci_high=n_ratio * math.exp(z * n_se), alpha=a, observed_before=obs_b, observed_after=lam,
                          exposure_before=float(eb_.sum()), exposure_after=float(ea.sum()))

    import pandas as pd

    names = [str(s) for s in sites] if sites is not None else [str(i + 1) for i in range(n)]
    table = pd.DataFrame({"observed_before": ob, "predicted_before": pb, "weight": w * np.ones(n),
                          "expected_before": mb, "predicted_after": pa, "adjustment": r, "expected_after": pi_i,
                          "var_expected_after": var_i, "observed_after": oa, "site_ratio": oa / pi_i,
                          "exposure_before": eb_, "exposure_after": ea}, index=pd.Index(names, name="site"))

    texts = list(notes)
    if spf is None:
        texts.append(msg("eb.note_spf_given", k=_fmt(float(kk)) if kk.ndim == 0 else "…"))
    texts.append(msg("eb.note_method", n_sites=n))
    texts.append(msg("eb.note_ci", level=_level(a)))
    if kk.ndim == 0 and float(kk) < 1e-6:
        texts.append(msg("eb.note_k_zero"))
    if obs_b > mb.sum():
        from ..formatting import fmt_rate

        texts.append(msg("eb.note_rtm", observed=_fmt(obs_b), expected=_fmt(float(mb.sum())),
                         share=fmt_rate(1 - float(mb.sum()) / obs_b)))
    texts.append(msg("eb.note_naive", naive=_fmt(n_ratio), eb=_fmt(theta)))
    return EBEstimate(
        ratio=theta, se_log=se_log, ci_low=theta * math.exp(-z * se_log), ci_high=theta * math.exp(z * se_log),
        alpha=a, ratio_unadjusted=ratio_u, var_ratio=var_theta, observed_after=lam, expected_after=pi,
        var_expected_after=V, observed_before=obs_b, expected_before=float(mb.sum()),
        predicted_before=float(pb.sum()), predicted_after=float(pa.sum()), n_sites=n,
        n_obs=int(n_obs) if n_obs is not None else n, sites=table, naive=naive, spf=spf,
        k=float(kk) if kk.ndim == 0 else None, formula=formula, data_path=data_path, data_sha256=data_sha256,
        notes=tuple(render(t, "en") for t in texts), notes_zh=tuple(render(t, "zh") for t in texts))


def empirical_bayes(reference: Any, treated: Any = None, *, treat: str | None = None, count: str = "accidents",
                    exposure: str | None = "months", spf_formula: str | None = None, site: str = "site",
                    after: str = "after", k: float | None = None, alpha: float = 0.05) -> EBEstimate:
    """Empirical Bayes before/after estimate of a treatment's effect, from site-period data.

    Parameters
    ----------
    reference : DataFrame or path
        Rows (one per site and period) of untreated reference sites; with ``treat``, the whole panel
        (reference and treated sites together).
    treated : DataFrame or path, optional
        Rows of the treated sites, before and after the treatment.
    treat : str, optional
        When ``treated`` is not given: the 0/1 column marking treated sites (1) in ``reference``.
    count : str
        Column of accident counts (whole numbers >= 0).
    exposure : str or None
        Column of exposure per row (months); its log is the SPF's offset, and the naive rate ratio
        divides by it. ``None``: no offset, each row counts 1.
    spf_formula : str, optional
        Patsy formula of the SPF, e.g. ``"accidents ~ np.log(aadt) + after"`` (a right-hand side
        alone is allowed). Default ``"<count> ~ <after>"`` (stated in the notes). Terms must not
        mark the treatment: the SPF describes untreated sites.
    site : str
        Column naming the site.
    after : str
        0/1 column: 0 before the treatment, 1 after (at reference sites: the same calendar periods).
    k : float, optional
        Overdispersion to use instead of the fitted one (e.g. a published SPF's).
    alpha : float
        Interval ``1 - alpha`` (default 95%).

    Returns
    -------
    EBEstimate
        ``ratio`` = theta (after over expected-without-treatment), interval, per-site table
        (``sites``), the SPF (``spf``) and the naive estimate (``naive``).

    Notes
    -----
    Steps: (1) :func:`fit_spf` on the reference rows; (2) for every treated row the SPF predicts the
    count without treatment, summed by site over the before rows (``P_b``) and the after rows
    (``P_a``); (3) :func:`eb_before_after` shrinks the observed before count towards ``P_b``, carries
    it to the after period by ``P_a / P_b`` and compares it with the observed after count.

    Assumptions, as in Hauer (1997) and the HSM: reference sites are like the treated ones but for
    the treatment and for the reason the treated sites were chosen; the SPF has the right form and
    covers the exposure and the time trend (put a period or ``after`` term in it so a common trend
    is not read as an effect); a site's true rate differs from the SPF by a gamma factor (mean 1,
    variance ``k``) that stays the same across periods; counts are Poisson given the rate; the
    treatment does not change traffic. The interval leaves out the error of the SPF's coefficients
    and of ``k`` (small when the reference group is large).

    Examples
    --------
    >>> from pathlib import Path
    >>> import cba
    >>> panel = Path(cba.__file__).parent.parent / "data" / "accident_panel.csv"
    >>> est = cba.empirical_bayes(panel, treat="treated", spf_formula="accidents ~ np.log(aadt) + after")
    >>> est.n_sites, round(est.ratio, 3), est.ci_low < 0.85 < est.ci_high
    (40, 0.871, True)
    """
    a = _check_alpha(alpha)
    ref, ref_path, ref_sha = _load(reference, "reference")
    if treated is None:
        if treat is None:
            raise InputError(msg("eb.treat_needed"), where="treat")
        _columns(ref, [treat], ref_path)
        flag = ref[treat].astype(float) == 1
        trt, trt_path, trt_sha = ref[flag].reset_index(drop=True), ref_path, ref_sha
        ref = ref[~flag].reset_index(drop=True)
    else:
        trt, trt_path, trt_sha = _load(treated, "treated")
    formula, default = _formula(spf_formula, count, after)
    need = [count, site, after] + ([exposure] if exposure is not None else [])
    for frame, path, which in ((ref, ref_path, "eb.reference"), (trt, trt_path, "eb.treated")):
        if len(frame) == 0:
            raise InputError(msg("eb.no_rows", which=msg(which)), where=which.split(".")[1], source=path)
        _columns(frame, need, path)
        _check_frame(frame, count=count, exposure=exposure, after=after, source=path)

    spf = fit_spf(ref, formula, exposure=exposure, site=site, source=ref_path)
    try:
        pred = spf.predict(trt)
    except Exception as err:                    # patsy errors on the treated rows
        raise InputError(msg("eb.formula", formula=formula, error=str(err).splitlines()[0]), where="spf_formula",
                         source=trt_path) from None
    import pandas as pd

    work = pd.DataFrame({"site": trt[site].astype(str).to_numpy(), "after": trt[after].astype(int).to_numpy(),
                         "observed": trt[count].astype(float).to_numpy(), "predicted": pred,
                         "exposure": trt[exposure].astype(float).to_numpy() if exposure is not None else 1.0})
    g = work.groupby(["site", "after"], sort=False)[["observed", "predicted", "exposure"]].sum().unstack("after")
    for period, key in ((0, "eb.before"), (1, "eb.after")):
        missing = g.index[g["observed"][period].isna()] if period in g["observed"].columns else g.index
        if len(missing):
            raise InputError(msg("eb.site_periods", site=missing[0], period=msg(key)), where=site, source=trt_path)

    notes: list[Any] = []
    offset = msg("eb.note_offset", exposure=exposure) if exposure is not None else ""
    notes.append(msg("eb.note_spf", n_sites=spf.n_sites, n_obs=spf.n_obs, formula=formula, offset=offset,
                     k=_fmt(spf.k)))
    if default:
        notes.append(msg("eb.note_default_formula", formula=formula))
    if not spf.converged:
        notes.append(msg("eb.note_not_converged"))
    k_used = spf.k
    if k is not None:
        notes.append(msg("eb.note_k_given", k=_fmt(float(k)), fitted=_fmt(spf.k)))
        k_used = k
    same_file = ref_path == trt_path
    if ref_path and trt_path and not same_file:
        notes.append(msg("eb.note_files", reference=f"{ref_path} ({ref_sha})", treated=f"{trt_path} ({trt_sha})"))
    return eb_before_after(
        g["observed"][0].to_numpy(), g["predicted"][0].to_numpy(), g["observed"][1].to_numpy(),
        g["predicted"][1].to_numpy(), k_used, exposure_before=g["exposure"][0].to_numpy(),
        exposure_after=g["exposure"][1].to_numpy(), sites=list(g.index), alpha=a, spf=spf,
        n_obs=len(ref) + len(trt), formula=formula, data_path=trt_path, data_sha256=trt_sha, notes=notes)


# the result classes (after the helpers they use)
from .eb_results import EBEstimate, NaiveEstimate, SPFFit  # noqa: E402,F401
