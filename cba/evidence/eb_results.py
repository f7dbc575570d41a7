"""The results of :func:`cba.empirical_bayes`: the Empirical Bayes estimate with its per-site table
(:class:`EBEstimate`), the fitted safety performance function (:class:`SPFFit`) and the naive
before/after estimate shown beside it (:class:`NaiveEstimate`)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..i18n import Bilingual, check_lang, get_lang, msg
from .rate_ratio import Reduction
from ..display import RichDisplay

__all__ = ["EBEstimate", "NaiveEstimate", "SPFFit", "eb_before_after", "empirical_bayes", "fit_spf"]

#: site table columns, in order (English names; :meth:`EBEstimate.site_table` translates them)
from .empirical_bayes import SITE_COLUMNS, _fmt, _level

__all__ = ["EBEstimate", "NaiveEstimate", "SPFFit"]

@dataclass(frozen=True)
class NaiveEstimate(Reduction):
    """Naive before/after rate ratio at the treated sites (no correction for regression to the
    mean, traffic or trend): ``(O_a / E_a) / (O_b / E_b)`` with exposures ``E``; Poisson standard
    error ``sqrt(1/O_a + 1/O_b)`` on the log scale."""

    ratio: float
    se_log: float
    ci_low: float
    ci_high: float
    alpha: float
    observed_before: float
    observed_after: float
    exposure_before: float
    exposure_after: float

    def to_dict(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in ("ratio", "se_log", "ci_low", "ci_high", "alpha", "observed_before",
                                                      "observed_after", "exposure_before", "exposure_after")}


@dataclass(frozen=True, eq=False)
class SPFFit:
    """A safety performance function: negative binomial (NB2) regression fitted on reference sites.

    Attributes
    ----------
    formula : str
        The patsy formula (count on the left).
    exposure : str or None
        Column whose log is the offset.
    k : float
        Overdispersion (statsmodels' NB2 ``alpha``): ``Var = mu + k mu^2``.
    coefficients, se : dict
        Coefficients and their standard errors (model-based; rows of one site are not independent,
        so treat them as rough).
    n_obs, n_sites : int
    converged : bool
    results : statsmodels results
        The fitted ``NegativeBinomialResults``, unchanged.
    """

    formula: str
    exposure: str | None
    k: float
    coefficients: dict[str, float]
    se: dict[str, float]
    n_obs: int
    n_sites: int
    converged: bool
    results: Any = field(repr=False)

    def predict(self, frame) -> np.ndarray:
        """Predicted counts for the rows of ``frame`` (offset by its exposure column)."""
        offset = np.log(np.asarray(frame[self.exposure], dtype=float)) if self.exposure is not None else None
        return np.asarray(self.results.predict(frame, offset=offset), dtype=float)

    def to_dict(self) -> dict[str, Any]:
        return {"formula": self.formula, "exposure": self.exposure, "k": self.k, "coefficients": dict(self.coefficients),
                "se": dict(self.se), "n_obs": self.n_obs, "n_sites": self.n_sites, "converged": self.converged}


@dataclass(frozen=True, eq=False)
class EBEstimate(RichDisplay, Reduction, Bilingual):
    """Empirical Bayes before/after estimate (see :func:`empirical_bayes`).

    Attributes
    ----------
    ratio : float
        Index of effectiveness ``theta = (lambda/pi) / (1 + V/pi^2)``: accidents with the treatment
        over accidents expected without it (HSM's unbiased odds ratio ``OR``, the CMF).
    se_log : float
        Standard error of ``log(theta)``: ``sqrt(1/lambda + V/pi^2)``.
    ci_low, ci_high : float
        ``exp(log(theta) -/+ z se_log)``.
    alpha : float
    ratio_unadjusted : float
        ``lambda / pi`` (HSM's ``OR'``).
    var_ratio : float
        ``Var(theta)`` by Hauer's formula (HSM eq. 9A.1-11), ``= (theta se_log)^2``.
    observed_after, expected_after, var_expected_after : float
        ``lambda``, ``pi`` and ``V``, summed over treated sites.
    observed_before, expected_before, predicted_before, predicted_after : float
        Totals over treated sites: ``O_b``, EB ``m_b``, SPF ``P_b`` and ``P_a``.
    n_sites, n_obs : int
        Treated sites; data rows used (reference and treated) or sites when predictions were given.
    sites : pandas.DataFrame
        One row per treated site (columns :data:`SITE_COLUMNS`).
    spf : SPFFit or None
        The fitted SPF (None when predictions were given).
    k : float or None
        The overdispersion used (None when it differs by site).
    naive : NaiveEstimate
    method, formula, data_path, data_sha256 : str or None
    notes, notes_zh : tuple of str
    """

    ratio: float
    se_log: float
    ci_low: float
    ci_high: float
    alpha: float
    ratio_unadjusted: float
    var_ratio: float
    observed_after: float
    expected_after: float
    var_expected_after: float
    observed_before: float
    expected_before: float
    predicted_before: float
    predicted_after: float
    n_sites: int
    n_obs: int
    sites: Any = field(repr=False)
    naive: NaiveEstimate = field(repr=False)
    spf: SPFFit | None = field(default=None, repr=False)
    k: float | None = None
    method: str = "empirical Bayes before/after (Hauer 1997; HSM 2010 appendix 9A.1)"

    @property
    def method_zh(self) -> str:
        """The method in Chinese (for a parameter's source, written in Chinese)."""
        return msg("eb.method_text").render("zh")
    formula: str | None = None
    data_path: str | None = None
    data_sha256: str | None = None
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()

    @property
    def se_reduction(self) -> float:
        """Standard error of the reduction, ``sqrt(var_ratio)`` (HSM eq. 9A.1-12)."""
        return math.sqrt(self.var_ratio)

    def to_frame(self):
        """One row per estimator (``empirical_bayes``, ``naive``): ratio, se_log, interval, reduction."""
        import pandas as pd

        rows = {}
        for name, e in (("empirical_bayes", self), ("naive", self.naive)):
            rows[name] = {"ratio": e.ratio, "se_log": e.se_log, "ci_low": e.ci_low, "ci_high": e.ci_high,
                          "reduction": e.reduction, "reduction_low": e.reduction_low,
                          "reduction_high": e.reduction_high}
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = "estimator"
        frame.attrs.update({"alpha": self.alpha, "method": self.method, "formula": self.formula,
                            "data_path": self.data_path, "data_sha256": self.data_sha256})
        return frame

    def table(self, lang: str | None = None):
        """:meth:`to_frame` as formatted text cells with translated headers."""
        import pandas as pd

        from ..formatting import fmt_rate

        lang = check_lang(lang or get_lang())
        level = _level(self.alpha)
        t = lambda key, **kw: msg(key, **kw).render(lang)  # noqa: E731
        rows = []
        for e in (self, self.naive):
            rows.append([_fmt(e.ratio), f"{_fmt(e.ci_low)} – {_fmt(e.ci_high)}", _fmt(e.se_log), fmt_rate(e.reduction),
                         f"{fmt_rate(e.reduction_low)} – {fmt_rate(e.reduction_high)}"])
        frame = pd.DataFrame(rows, columns=[t("eb.ratio"), t("eb.ci", level=level), t("eb.se_log"),
                                            t("eb.reduction"), t("eb.reduction_ci", level=level)],
                             index=pd.Index([t("eb.eb"), t("eb.naive")], name=t("eb.estimator")))
        return frame

    def site_table(self, lang: str | None = None):
        """The per-site table with translated headers."""
        lang = check_lang(lang or get_lang())
        frame = self.sites[[c for c in SITE_COLUMNS if c in self.sites.columns and not c.startswith("exposure")]].copy()
        frame.columns = [msg(f"eb.{c}").render(lang) for c in frame.columns]
        frame.index.name = msg("eb.site").render(lang)
        return frame

    def _head(self, lang: str) -> list[str]:
        from ..i18n.glossary import colon

        head = [f"{msg('eb.estimator').render(lang)}{colon(lang)}{msg('eb.method_text').render(lang)}",
                msg("eb.totals", observed=_fmt(self.observed_after), expected=_fmt(self.expected_after),
                    var=_fmt(self.var_expected_after)).render(lang)]
        if self.data_path:
            head.append(f"{self.data_path} (SHA-256 {self.data_sha256})")
        return head

    def summary(self, lang: str | None = None) -> str:
        """Title, method, totals, the EB and naive estimates, and the notes, in ``lang``."""
        from ..formatting import frame_to_text
        from ..i18n import label
        from ..i18n.glossary import colon

        lang = check_lang(lang or get_lang())
        lines = [msg("eb.title").render(lang), *self._head(lang), "", frame_to_text(self.table(lang))]
        notes = self.notes_in(lang)
        if notes:
            lines += ["", label("notes", lang) + colon(lang).strip()] + [f"- {n}" for n in notes]
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        import html

        from ..formatting import frame_to_html
        from ..i18n import label

        lang = get_lang()
        esc = html.escape
        parts = [f"<div class='cba-evidence'><p><b>{esc(msg('eb.title').render(lang))}</b></p>"]
        parts += [f"<p>{esc(h)}</p>" for h in self._head(lang)]
        parts.append(frame_to_html(self.table(lang)))
        notes = self.notes_in(lang)
        if notes:
            parts.append(f"<p><b>{esc(label('notes', lang))}</b></p><ul>"
                         + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self) -> str:
        return (f"<EBEstimate ratio {self.ratio:.4g} ({self.ci_low:.4g}-{self.ci_high:.4g}), "
                f"naive {self.naive.ratio:.4g}, {self.n_sites} sites>")

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("ratio", "se_log", "ci_low", "ci_high", "alpha", "reduction",
                                              "reduction_low", "reduction_high", "ratio_unadjusted", "var_ratio",
                                              "observed_after", "expected_after", "var_expected_after",
                                              "observed_before", "expected_before", "predicted_before",
                                              "predicted_after", "n_sites", "n_obs", "k", "method", "formula",
                                              "data_path", "data_sha256")}
        out["naive"] = self.naive.to_dict()
        out["spf"] = self.spf.to_dict() if self.spf is not None else None
        out["sites"] = self.sites.reset_index().to_dict(orient="records")
        out["notes"], out["notes_zh"] = list(self.notes), list(self.notes_zh)
        return out
