"""The effect of an intervention on accident counts from site-period data: Poisson and
negative-binomial regression (statsmodels) with an exposure offset, difference-in-differences on
the log-rate scale, site fixed effects and cluster-robust standard errors.

The steps of :func:`estimate_effect`, each reported in the result's notes:

1. a Poisson GLM (log link, offset ``log(exposure)``) of the formula;
2. an overdispersion test on it: the Cameron–Trivedi (1990) auxiliary regression for the NB2
   form, ``((y − μ)² − y) / μ = α·μ + e`` by OLS without intercept, one-sided t-test of
   ``α = 0`` against ``α > 0``; overdispersed when ``p < 0.05``
   (:data:`OVERDISPERSION_LEVEL`). Pearson χ²/df is reported beside it;
3. under ``family="auto"``, the negative binomial when overdispersed, else the Poisson GLM.
   The negative binomial is statsmodels' discrete ``NegativeBinomial`` model (NB2: variance
   ``μ + αμ²``), with α estimated jointly with the coefficients by maximum likelihood;
4. the effect term's coefficient β gives ``ratio = exp(β)``, with a Wald interval on the log
   scale from the (cluster-robust, when ``cluster=`` is given) standard error.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import msg
from .rate_ratio import _check_alpha, _fit_quietly, _RatioResult

__all__ = ["EffectEstimate", "Overdispersion", "estimate_effect", "overdispersion_test", "OVERDISPERSION_LEVEL"]

#: the significance level of the overdispersion test under ``family="auto"``
OVERDISPERSION_LEVEL = 0.05
FAMILIES = ("auto", "poisson", "nb")
#: the effect terms tried, in order, when ``term`` is not given
DEFAULT_TERMS = ("after:kiosk", "kiosk:after", "after")


@dataclass(frozen=True)
class Overdispersion:
    """The Cameron–Trivedi overdispersion test of a Poisson fit, and Pearson χ²/df.

    ``alpha`` is the auxiliary regression's estimate of the NB2 dispersion, ``t`` its t
    statistic, ``p_value`` one-sided (α > 0); ``overdispersed`` is ``p_value < level``.
    """

    alpha: float
    t: float
    p_value: float
    pearson_chi2: float
    df_resid: float
    level: float = OVERDISPERSION_LEVEL

    @property
    def dispersion(self) -> float:
        """Pearson χ² / residual degrees of freedom (about 1 for Poisson counts)."""
        return self.pearson_chi2 / self.df_resid if self.df_resid > 0 else math.nan

    @property
    def overdispersed(self) -> bool:
        return bool(self.p_value < self.level)

    def to_dict(self) -> dict[str, Any]:
        return {"test": "Cameron-Trivedi (NB2, one-sided)", "alpha": self.alpha, "t": self.t, "p_value": self.p_value,
                "pearson_chi2": self.pearson_chi2, "df_resid": self.df_resid, "dispersion": self.dispersion,
                "level": self.level, "overdispersed": self.overdispersed}


def overdispersion_test(y: Any, mu: Any, *, pearson_chi2: float | None = None, df_resid: float | None = None,
                        level: float = OVERDISPERSION_LEVEL) -> Overdispersion:
    """Cameron–Trivedi test of Poisson counts ``y`` with fitted means ``mu`` against NB2.

    The auxiliary OLS regression without intercept ``z_i = α·μ_i + e_i``, ``z_i = ((y_i −
    μ_i)² − y_i) / μ_i``, gives ``α̂ = Σ μ z / Σ μ²`` and its t statistic on ``n − 1`` degrees
    of freedom; ``p`` is one-sided (``α > 0``). Cameron, A.C. and Trivedi, P.K. (1990),
    "Regression-based tests for overdispersion in the Poisson model", *Journal of Econometrics*
    46, 347–364.

    >>> t = overdispersion_test([0, 2, 4, 10], [4, 4, 4, 4])
    >>> round(t.alpha, 4)   # z = (16-0, 4-2, 0-4, 36-10)/4 = (4, 0.5, -1, 6.5); α = 4·10/(4·16)
    0.625
    """
    from scipy import stats

    y, mu = np.asarray(y, float), np.asarray(mu, float)
    z = ((y - mu) ** 2 - y) / mu
    alpha = float(np.sum(mu * z) / np.sum(mu ** 2))
    resid = z - alpha * mu
    n = y.size
    s2 = float(np.sum(resid ** 2) / (n - 1))
    se = math.sqrt(s2 / float(np.sum(mu ** 2)))
    t = alpha / se if se > 0 else math.inf
    p = float(stats.t.sf(t, n - 1))
    if pearson_chi2 is None:
        pearson_chi2 = float(np.sum((y - mu) ** 2 / mu))
    return Overdispersion(alpha=alpha, t=float(t), p_value=p, pearson_chi2=float(pearson_chi2),
                          df_resid=float(df_resid if df_resid is not None else n - 1), level=level)


@dataclass(frozen=True, eq=False)
class EffectEstimate(_RatioResult):
    """The effect of an intervention as a rate ratio from a count regression
    (see :func:`estimate_effect`).

    ``ratio = exp(β)`` of the effect ``term``, ``se_log`` the standard error of β, the
    interval ``exp(β ± z·se)``; ``reduction = 1 - ratio`` with ``reduction_low = 1 - ci_high``
    and ``reduction_high = 1 - ci_low``. ``family`` is ``"poisson"`` or ``"nb"``; ``nb_alpha``
    the negative-binomial dispersion (None for Poisson); ``overdispersion`` the test;
    ``results`` the statsmodels results object, unchanged.
    """

    ratio: float
    se_log: float
    ci_low: float
    ci_high: float
    alpha: float
    term: str
    family: str
    method: str
    method_zh: str
    formula: str
    n_obs: int
    overdispersion: Overdispersion
    nb_alpha: float | None = None
    exposure: str | None = None
    cluster: str | None = None
    n_clusters: int | None = None
    data_path: str | None = None
    data_sha256: str | None = None
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()
    results: Any = field(default=None, repr=False)

    _FIELDS = ("ratio", "se_log", "ci_low", "ci_high", "reduction", "reduction_low", "reduction_high")

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON (the statsmodels results are left out)."""
        out = {k: float(getattr(self, k)) for k in self._FIELDS}
        out.update(alpha=self.alpha, term=self.term, family=self.family, method=self.method,
                   method_zh=self.method_zh, formula=self.formula, n_obs=self.n_obs, nb_alpha=self.nb_alpha,
                   exposure=self.exposure, cluster=self.cluster, n_clusters=self.n_clusters,
                   overdispersion=self.overdispersion.to_dict(), data_path=self.data_path,
                   data_sha256=self.data_sha256, notes=list(self.notes), notes_zh=list(self.notes_zh))
        return out

    def to_frame(self, lang: str | None = None):
        """One row (indexed by the effect term): the ratio, its interval and the reduction."""
        import pandas as pd

        from ..i18n.core import render

        row = {render(msg(f"evidence.core.{k}"), lang): float(getattr(self, k)) for k in self._FIELDS}
        row[render(msg("evidence.core.n_obs"), lang)] = self.n_obs
        return pd.DataFrame([row], index=pd.Index([self.term], name=render(msg("evidence.core.term"), lang)))

    def summary(self, lang: str | None = None) -> str:
        """Text in ``lang`` ("zh" or "en"; default the current language)."""
        from ..i18n.core import render

        title = render(msg("evidence.effect.title"), lang)
        return "\n".join([title, *self._head_lines(lang), *self._notes_lines(lang)])


def _response(formula: str) -> str | None:
    """The count column named on the left of ``formula`` (a name or ``Q("name")``), if plain."""
    left = formula.split("~", 1)[0].strip()
    m = re.fullmatch(r"Q\(\s*(['\"])(.+)\1\s*\)", left)
    if m:
        return m.group(2)
    return left if left.isidentifier() else None


def independent_columns(x: np.ndarray, tol: float = 1e-9) -> list[int]:
    """Indices of the columns of ``x`` kept, in order, when each column linearly dependent on
    those kept before it is dropped (Gram–Schmidt on unit-norm columns, relative tolerance).

    >>> independent_columns(np.array([[1., 1, 0, 1], [1, 1, 0, 2], [1, 0, 1, 3]]))
    [0, 1, 3]
    """
    basis: list[np.ndarray] = []
    keep = []
    for j in range(x.shape[1]):
        col = x[:, j].astype(float)
        norm = np.linalg.norm(col)
        if norm == 0:
            continue
        r = col / norm
        for _ in range(2):                    # twice, for numerical orthogonality
            for q in basis:
                r = r - (q @ r) * q
        rn = np.linalg.norm(r)
        if rn > tol:
            basis.append(r / rn)
            keep.append(j)
    return keep


#: names a formula may use that are not columns (patsy's and numpy's)
_FORMULA_NAMES = {"C", "Q", "I", "np", "center", "standardize", "scale", "log", "exp", "sqrt", "Treatment", "Sum"}


def formula_columns(formula: str, known) -> tuple[list[str], list[str]]:
    """The columns a formula's right-hand side uses: ``(numeric, categorical)``; a name inside
    ``C(...)`` is categorical, any other a number. Names that are not columns (and not patsy's or
    numpy's) are listed as numeric so the check names them as missing columns.

    >>> formula_columns("y ~ kiosk * after + C(site) + np.log(aadt) + Q('月 数')", ["y", "kiosk", "after", "site", "aadt", "月 数"])
    (['kiosk', 'after', 'aadt', '月 数'], ['site'])
    """
    import ast

    rhs = formula.split("~", 1)[1]
    numeric: list[str] = []
    categorical: list[str] = []

    def add(name: str, cat: bool) -> None:
        target = categorical if cat else numeric
        if name not in numeric and name not in categorical:
            target.append(name)

    def walk(node, cat: bool) -> None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Q":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                add(node.args[0].value, cat)
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "C":
            for a in node.args[:1]:
                walk(a, True)
            return
        if isinstance(node, ast.Name):
            if node.id not in _FORMULA_NAMES:
                add(node.id, cat)
            return
        if isinstance(node, ast.Attribute):      # np.log: the module is not a column
            return
        for child in ast.iter_child_nodes(node):
            walk(child, cat)

    try:
        tree = ast.parse(rhs.replace("\n", " ").strip() or "1", mode="eval")
    except SyntaxError:
        return [], []                             # patsy reports the formula error
    walk(tree, False)
    return numeric, categorical


def estimate_effect(data: Any, formula: str, *, exposure: str | None = None,
                    family: Literal["auto", "poisson", "nb"] = "auto", cluster: str | None = None,
                    alpha: float = 0.05, term: str | None = None) -> EffectEstimate:
    """Estimate the effect of an intervention on accident counts as a rate ratio.

    Parameters
    ----------
    data : pandas.DataFrame, str or Path
        Site-period data, one row per site and period; a path is read with
        :func:`~cba.evidence.read_table` (CSV in UTF-8, BOM or GBK, or Excel).
    formula : str
        A patsy formula (as in ``statsmodels.formula.api``) with the count column on the left,
        e.g. ``"accidents ~ after * kiosk + C(site)"``: ``after`` (1 in the period after), and
        ``kiosk`` (1 at treated sites) as 0/1 columns; ``C(site)`` adds site fixed effects.
        Chinese column names work as they are (``事故数 ~ 实施后``) or quoted (``Q("事故 数")``).
    exposure : str, optional
        Column of exposure (months observed, traffic volume); enters as the offset
        ``log(exposure)``. Without it counts are compared as they are (the notes say so).
    family : {"auto", "poisson", "nb"}
        ``"auto"`` chooses the negative binomial when the Poisson fit is overdispersed
        (Cameron–Trivedi test, p < 0.05), else the Poisson GLM.
    cluster : str, optional
        Column to cluster standard errors by (usually the site): ``cov_type="cluster"``.
    alpha : float
        ``1 - alpha`` is the confidence level (0.05: 95%).
    term : str, optional
        The effect term, as statsmodels names it. Default: the interaction ``after:kiosk``
        (difference-in-differences) when present, else ``after``.

    Returns
    -------
    EffectEstimate
        ``ratio = exp(β)``, ``se_log``, ``ci_low``, ``ci_high``, ``reduction``; ``results`` is
        the statsmodels results object; the notes state every choice made.

    Notes
    -----
    The model is ``log E[y] = log(exposure) + Xβ``. In ``y ~ after * kiosk + C(site)`` the
    coefficient of ``after:kiosk`` is the difference in differences of log rates:
    ``(log rate after − before at kiosk sites) − (the same at comparison sites)``, so
    ``exp(β)`` is the ratio by which the kiosk multiplies the accident rate, net of the trend
    at comparison sites.

    Examples
    --------
    >>> import pandas as pd, cba
    >>> d = pd.DataFrame({"accidents": [30, 18, 20, 19], "months": [24, 24, 24, 24],
    ...                   "after": [0, 1, 0, 1], "kiosk": [1, 1, 0, 0]})
    >>> e = cba.estimate_effect(d, "accidents ~ after * kiosk", exposure="months", family="poisson")
    >>> round(e.ratio, 4)    # (18/30) / (19/20): the difference in differences
    0.6316
    >>> e.term, e.family
    ('after:kiosk', 'poisson')
    """
    import pandas as pd

    from .data import check_counts, read_table

    alpha = _check_alpha(alpha)
    if family not in FAMILIES:
        raise InputError(msg("evidence.effect.family", got=v.show(family)), where="family")
    if isinstance(data, (str, Path)):
        frame = read_table(data)
    elif isinstance(data, pd.DataFrame):
        frame = data
    else:
        raise InputError(msg("evidence.data.data_type", got=v.show(type(data).__name__)), where="data")
    if not isinstance(formula, str) or formula.count("~") != 1 or not formula.split("~")[0].strip():
        raise InputError(msg("evidence.effect.formula", got=v.show(formula)), where="formula")
    response = _response(formula)
    numeric, categorical = formula_columns(formula, frame.columns)
    frame = check_counts(frame, [response] if response else [], exposure,
                         columns=[*([cluster] if cluster else []), *categorical], numeric=numeric)
    source = frame.attrs.get("path")
    notes = []

    import statsmodels.api as sm
    from patsy import PatsyError, dmatrices
    from statsmodels.discrete.discrete_model import NegativeBinomial

    offset = np.log(frame[exposure].to_numpy(float)) if exposure else None
    groups = None
    if cluster:
        col = frame[cluster]
        if col.isna().any():
            row = col.index[col.isna().to_numpy()][0]
            from .data import cell_where

            raise InputError(msg("evidence.data.empty_cell"), where=cell_where(frame, row, cluster), source=source)
        groups = pd.factorize(col)[0]
    fit_kw = {"cov_type": "cluster", "cov_kwds": {"groups": groups}} if cluster else {}

    try:
        endog, design = dmatrices(formula, frame, return_type="dataframe", NA_action="raise")
    except (PatsyError, KeyError, NameError, TypeError, ValueError, SyntaxError) as err:
        raise InputError(msg("evidence.effect.formula_error", error=str(err).splitlines()[0]),
                         where="formula", source=source) from None
    endog = endog.iloc[:, 0]
    names = list(design.columns)
    if term is None:
        term = next((t for t in DEFAULT_TERMS if t in names), None)
        if term is None:
            raise InputError(msg("evidence.effect.no_default_term", known=v.listing(names)), where="term")
        notes.append(msg("evidence.effect.note_term_default", term=term))
    else:
        if term not in names:
            raise InputError(msg("evidence.effect.no_term", term=term, known=v.listing(names)), where="term")
        notes.append(msg("evidence.effect.note_term_given", term=term))
    keep = independent_columns(design.to_numpy(float))
    dropped = [c for j, c in enumerate(names) if j not in keep]
    if term in dropped:
        raise InputError(msg("evidence.effect.term_collinear", term=term), where="term")
    if dropped:
        design = design.iloc[:, keep]
        notes.append(msg("evidence.effect.note_dropped", columns=v.listing(dropped)))

    poisson_model = sm.GLM(endog, design, family=sm.families.Poisson(), offset=offset)
    try:
        poisson = _fit_quietly(poisson_model, **fit_kw)
    except (ValueError, np.linalg.LinAlgError) as err:
        raise InputError(msg("evidence.effect.not_fitted", error=str(err)), source=source) from None
    if not poisson.converged:
        notes.append(msg("evidence.effect.not_converged", model=msg("evidence.effect.poisson")))
    if ":" in term and {"after", "kiosk"} == set(term.split(":")):
        notes.append(msg("evidence.effect.note_did"))
    if not exposure:
        notes.append(msg("evidence.effect.note_no_exposure"))

    test = overdispersion_test(poisson.model.endog, poisson.mu,
                               pearson_chi2=float(poisson.pearson_chi2), df_resid=float(poisson.df_resid))
    verdict = msg("evidence.effect.overdispersed" if test.overdispersed else "evidence.effect.not_overdispersed")
    notes.append(msg("evidence.effect.note_overdispersion", alpha=f"{test.alpha:.4g}", t=f"{test.t:.3f}",
                     p=f"{test.p_value:.3g}", dispersion=f"{test.dispersion:.3f}", level=test.level, verdict=verdict))
    if family == "auto":
        chosen = "nb" if test.overdispersed else "poisson"
        notes.append(msg("evidence.effect.note_auto_nb" if chosen == "nb" else "evidence.effect.note_auto_poisson"))
    else:
        chosen = family
        if chosen == "poisson" and test.overdispersed:
            notes.append(msg("evidence.effect.note_forced_poisson"))

    nb_alpha = None
    if chosen == "nb":
        nb_model = NegativeBinomial(endog, design, offset=offset, loglike_method="nb2")
        start = np.append(poisson.params.to_numpy(), max(test.alpha, 0.05))
        results = None
        for method, maxiter in (("newton", 100), ("bfgs", 2000)):
            try:
                results = _fit_quietly(nb_model, start_params=start, method=method, maxiter=maxiter, disp=False,
                                       **fit_kw)
            except (ValueError, np.linalg.LinAlgError):
                continue
            if results.mle_retvals.get("converged", True) and np.all(np.isfinite(results.bse)):
                break
        if results is None:
            raise InputError(msg("evidence.effect.not_fitted", error="negative binomial"), source=source)
        if not results.mle_retvals.get("converged", True):
            notes.append(msg("evidence.effect.not_converged", model=msg("evidence.effect.nb")))
        nb_alpha = float(results.params["alpha"])
        notes.append(msg("evidence.effect.note_nb_alpha", alpha=f"{nb_alpha:.4g}"))
    else:
        results = poisson
    if cluster:
        n_clusters = int(groups.max()) + 1
        notes.append(msg("evidence.effect.note_cluster", cluster=cluster, n=n_clusters))
        if n_clusters < 30:
            notes.append(msg("evidence.effect.note_few_clusters", n=n_clusters))
    else:
        n_clusters = None

    beta, se = float(results.params[term]), float(results.bse[term])
    low, high = (float(x) for x in results.conf_int(alpha=alpha).loc[term])
    offset_text = msg("evidence.effect.offset", exposure=exposure) if exposure else ""
    cov = msg("evidence.effect.cov_cluster", cluster=cluster) if cluster else msg("evidence.effect.cov_model")
    method = msg("evidence.effect.method", model=msg(f"evidence.effect.{chosen}"), offset=offset_text, term=term,
                 cov=cov)
    return EffectEstimate(ratio=math.exp(beta), se_log=se, ci_low=math.exp(low), ci_high=math.exp(high),
                          alpha=alpha, term=term, family=chosen, method=method.render("en"),
                          method_zh=method.render("zh"), formula=formula, n_obs=int(results.nobs),
                          overdispersion=test, nb_alpha=nb_alpha, exposure=exposure, cluster=cluster,
                          n_clusters=n_clusters, data_path=source, data_sha256=frame.attrs.get("sha256"),
                          notes=tuple(n.render("en") for n in notes), notes_zh=tuple(n.render("zh") for n in notes),
                          results=results)
