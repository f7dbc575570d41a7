"""Step 1 of the Empirical Bayes method (:mod:`cba.evidence.empirical_bayes`): the site tables read
and checked (errors naming the file, row and column), and the safety performance function fitted
on the reference sites (a negative-binomial regression with its overdispersion ``k``)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError
from ..i18n import msg

__all__ = ["EBEstimate", "NaiveEstimate", "SPFFit", "eb_before_after", "empirical_bayes", "fit_spf"]

#: site table columns, in order (English names; :meth:`EBEstimate.site_table` translates them)

if TYPE_CHECKING:
    from .eb_results import SPFFit

__all__ = ["fit_spf"]

def _load(data: Any, which: Any) -> tuple[Any, str | None, str | None]:
    """A DataFrame (copied) and its path and SHA-256 when read from a file."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data.copy(), data.attrs.get("path"), data.attrs.get("sha256")
    from .data import read_table            # the shared loader (CSV in UTF-8/BOM/GBK, Excel)

    frame = read_table(data)
    return frame, frame.attrs.get("path", str(data)), frame.attrs.get("sha256")


def _columns(frame, names: Sequence[str], source: str | None) -> None:
    for c in names:
        if c not in frame.columns:
            raise InputError(msg("eb.column", column=repr(c), columns=", ".join(map(str, frame.columns))),
                             where=c, source=source)


def _row(frame, i: int, source: str | None) -> Any:
    """Row label for messages: the file row (header = row 1) when read from a file, else the index."""
    return msg("eb.row", row=i + 2 if source else frame.index[i])


def _check_frame(frame, *, count: str, exposure: str | None, after: str | None, source: str | None) -> None:
    import pandas as pd

    y = pd.to_numeric(frame[count], errors="coerce").to_numpy(dtype=float)
    bad = ~(np.isfinite(y) & (y >= 0) & (y == np.round(y)))
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(msg("eb.count", name=count, at=_row(frame, i, source), got=repr(frame[count].iloc[i])),
                         where=count, source=source)
    if exposure is not None:
        e = pd.to_numeric(frame[exposure], errors="coerce").to_numpy(dtype=float)
        bad = ~(np.isfinite(e) & (e > 0))
        if bad.any():
            i = int(np.argmax(bad))
            raise InputError(msg("eb.positive", name=exposure, at=_row(frame, i, source),
                                 got=repr(frame[exposure].iloc[i])), where=exposure, source=source)
    if after is not None:
        a = pd.to_numeric(frame[after], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isin(a, (0.0, 1.0))
        if bad.any():
            i = int(np.argmax(bad))
            raise InputError(msg("eb.after_values", column=after, at=_row(frame, i, source),
                                 got=repr(frame[after].iloc[i])), where=after, source=source)


def _formula(spf_formula: str | None, count: str, after: str) -> tuple[str, bool]:
    if spf_formula is None:
        return f"{count} ~ {after}", True
    f = spf_formula.strip()
    if "~" not in f:
        f = f"{count} ~ {f}"
    elif f.startswith("~"):
        f = f"{count} {f}"
    return f, False


def fit_spf(reference: Any, formula: str, *, exposure: str | None = "months", site: str | None = "site",
            source: str | None = None) -> SPFFit:
    """Fit a safety performance function: NB2 regression of counts on ``formula`` with offset
    ``log(exposure)`` (statsmodels ``negativebinomial``), on the rows of ``reference``.

    Parameters
    ----------
    reference : pandas.DataFrame
        Reference (untreated) site-period rows.
    formula : str
        Patsy formula, count on the left, e.g. ``"accidents ~ np.log(aadt) + after"``.
    exposure : str or None
        Column of exposure (months, vehicle-km); its log is the offset.
    site : str or None
        Site column (only to count sites).

    Returns
    -------
    SPFFit

    Notes
    -----
    Mean ``mu = exposure * exp(x'beta)`` and variance ``mu + k mu^2``. When a site's rate differs
    from the SPF by a factor that is the same in every period and gamma-distributed with mean 1 and
    variance ``k`` (the EB assumption), each row is NB2 with this ``k`` and so is the sum of a
    site's rows over a period, which is what the EB weight needs.
    """
    from .eb_results import SPFFit

    import warnings

    import statsmodels.formula.api as smf

    try:
        from patsy import PatsyError
    except ImportError:                         # pragma: no cover
        PatsyError = ValueError                 # noqa: N806
    offset = np.log(reference[exposure].to_numpy(dtype=float)) if exposure is not None else None
    try:
        model = smf.negativebinomial(formula, data=reference, offset=offset)
    except (PatsyError, NameError, KeyError, SyntaxError, TypeError, ValueError) as err:
        raise InputError(msg("eb.formula", formula=formula, error=str(err).splitlines()[0]), where="spf_formula",
                         source=source) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")         # convergence is checked and reported below
        try:
            res = model.fit(disp=0, maxiter=200)
        except (ValueError, np.linalg.LinAlgError) as err:
            raise InputError(msg("eb.fit_failed", error=str(err).splitlines()[0]), where="spf_formula",
                             source=source) from None
    params = {str(k_): float(v) for k_, v in res.params.items()}
    k = params.pop("alpha")
    bse = {str(k_): float(v) for k_, v in res.bse.items() if k_ != "alpha"}
    n_sites = int(reference[site].nunique()) if site is not None and site in reference.columns else 0
    return SPFFit(formula=formula, exposure=exposure, k=k, coefficients=params, se=bse, n_obs=int(res.nobs),
                  n_sites=n_sites, converged=bool(res.mle_retvals.get("converged", True)), results=res)
