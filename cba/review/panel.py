"""Expert panels: several assessors score the same proposal, indicator by indicator.

A panel table has one row per assessor and indicator (``assessor | indicator | score``, the score
in points of that indicator, 0 to its weight). :func:`aggregate_panel` aggregates each indicator's scores
(the mean, or the trimmed mean that drops the single highest and lowest score), measures how far
the assessors agree (Kendall's W and the intraclass correlation ICC(2,1)) and flags the
indicators on which they disagree.

>>> import pandas as pd
>>> table = pd.DataFrame({"assessor": ["A", "B", "C"] * 2,
...                       "indicator": ["plan"] * 3 + ["team"] * 3,
...                       "score": [8, 9, 6, 4, 5, 5]})
>>> p = aggregate_panel(table, weights={"plan": 10, "team": 5})
>>> p.score("plan"), p.score("team")        # trimmed mean of 3 = the middle score
(8.0, 5.0)
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Text, check_lang, get_lang, msg
from ..display import RichDisplay

__all__ = ["PanelResult", "KendallW", "aggregate_panel", "read_panel", "kendall_w", "icc_2_1", "AGGREGATES"]

#: aggregation methods of a panel's scores per indicator
AGGREGATES = ("trimmed_mean", "mean")

# header names accepted for the three columns (Chinese headers as a Chinese workbook has them)
_ALIASES = {
    "assessor": ("assessor", "expert", "专家", "评审专家", "评估专家", "评分人"),
    "indicator": ("indicator", "指标", "指标编号", "指标代码"),
    "score": ("score", "points", "得分", "分数", "评分"),
}


@dataclass(frozen=True)
class KendallW:
    """Kendall's coefficient of concordance W with its chi-square test.

    Attributes: ``w`` (0 = no agreement, 1 = identical rankings), ``chi2 = m (n - 1) W``, ``df = n - 1``,
    ``p_value`` (upper tail of chi-square), ``m`` assessors, ``n`` objects ranked, ``ties`` (the tie
    correction sum of (t^3 - t) over every group of tied ranks).
    """

    w: float
    chi2: float
    df: int
    p_value: float
    m: int
    n: int
    ties: float = 0.0


def kendall_w(matrix: Any) -> KendallW:
    """Kendall's W for ``matrix`` of shape (n objects, m assessors), ties corrected.

    Each assessor (column) ranks the n objects (rows) with mid-ranks for ties.

    Notes
    -----
    Kendall & Babington Smith (1939), "The problem of m rankings", *Ann. Math. Statist.* 10,
    275-287; with the tie correction as in Siegel & Castellan (1988), *Nonparametric Statistics*,
    section 9.4::

        S = sum_i (R_i - m (n + 1) / 2)^2          R_i: the sum of object i's ranks
        W = 12 S / (m^2 (n^3 - n) - m sum_j T_j),  T_j = sum over tied groups of (t^3 - t)
        chi2 = m (n - 1) W,  df = n - 1

    W is NaN when it is undefined (fewer than two objects or assessors, or every assessor ties
    every object).

    Examples
    --------
    >>> r = kendall_w([[1, 1], [2, 2], [3, 3]])     # two assessors, identical order
    >>> r.w, r.chi2, r.df
    (1.0, 4.0, 2)
    """
    from scipy.stats import chi2 as chi2_dist
    from scipy.stats import rankdata

    x = np.asarray(matrix, float)
    if x.ndim != 2:
        raise InputError(msg("review.panel.matrix", shape=str(x.shape)), where="matrix")
    n, m = x.shape
    if n < 2 or m < 2:
        return KendallW(float("nan"), float("nan"), max(n - 1, 0), float("nan"), m, n)
    ranks = rankdata(x, axis=0)                           # mid-ranks, per assessor
    ties = 0.0
    for j in range(m):                                    # a loop over assessors, not draws
        _, counts = np.unique(x[:, j], return_counts=True)
        ties += float(np.sum(counts ** 3 - counts))
    s = float(np.sum((ranks.sum(axis=1) - m * (n + 1) / 2.0) ** 2))
    denom = m ** 2 * (n ** 3 - n) - m * ties
    if denom <= 0:
        return KendallW(float("nan"), float("nan"), n - 1, float("nan"), m, n, ties)
    w = 12.0 * s / denom
    chi2 = m * (n - 1) * w
    return KendallW(w, chi2, n - 1, float(chi2_dist.sf(chi2, n - 1)), m, n, ties)


def icc_2_1(matrix: Any) -> float:
    """ICC(2,1): two-way random effects, absolute agreement, one assessor (Shrout & Fleiss 1979).

    ``matrix`` has shape (n targets, k assessors), complete.

    Notes
    -----
    Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability",
    *Psychological Bulletin* 86(2), 420-428, Table 1 and equation for Case 2::

        ICC(2,1) = (BMS - EMS) / (BMS + (k - 1) EMS + k (JMS - EMS) / n)

    with BMS the between-targets mean square, JMS the between-judges mean square and EMS the
    residual mean square of the two-way ANOVA. NaN when undefined (n < 2, k < 2, or no variance).

    Examples
    --------
    >>> x = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    >>> round(icc_2_1(x), 2)        # Shrout & Fleiss (1979), Table 4: ICC(2,1) = .29
    0.29
    """
    x = np.asarray(matrix, float)
    if x.ndim != 2:
        raise InputError(msg("review.panel.matrix", shape=str(x.shape)), where="matrix")
    n, k = x.shape
    if n < 2 or k < 2:
        return float("nan")
    g = x.mean()
    ssr = k * float(np.sum((x.mean(axis=1) - g) ** 2))
    ssc = n * float(np.sum((x.mean(axis=0) - g) ** 2))
    sse = float(np.sum((x - g) ** 2)) - ssr - ssc
    bms, jms, ems = ssr / (n - 1), ssc / (k - 1), sse / ((n - 1) * (k - 1))
    denom = bms + (k - 1) * ems + k * (jms - ems) / n
    return float((bms - ems) / denom) if denom > 0 else float("nan")


def read_panel(source: Any, *, sheet: str | int | None = None):
    """A panel table as a DataFrame with columns ``assessor``, ``indicator``, ``score``.

    ``source`` is a DataFrame or the path of a CSV or Excel file; Chinese headers (专家, 指标,
    得分) are accepted. Every score must be a number; a pair (assessor, indicator) appears once.
    """
    import pandas as pd

    if isinstance(source, (str, Path)):
        from ..evidence import read_table

        frame = read_table(source, sheet=sheet)
        where_file = str(source)
    elif isinstance(source, pd.DataFrame):
        frame, where_file = source, None
    else:
        raise InputError(msg("review.panel.source", got=type(source).__name__), where="panel")
    names = {str(c).strip(): c for c in frame.columns}
    cols = {}
    for key, aliases in _ALIASES.items():
        hit = next((names[a] for a in aliases if a in names), None)
        if hit is None:
            raise InputError(msg("review.panel.no_column", column=key, known=", ".join(names)),
                             where="panel", source=where_file)
        cols[key] = frame[hit]
    out = pd.DataFrame({"assessor": cols["assessor"].astype(str).str.strip(),
                        "indicator": cols["indicator"].astype(str).str.strip()})
    scores = pd.to_numeric(cols["score"], errors="coerce")
    bad = scores.isna()
    if bad.any():
        i = int(np.argmax(bad.to_numpy()))
        raise InputError(msg("review.panel.not_number", assessor=out["assessor"].iloc[i],
                             indicator=out["indicator"].iloc[i], got=repr(cols["score"].iloc[i])),
                         where="panel", source=where_file)
    out["score"] = scores.astype(float).to_numpy()
    dup = out.duplicated(["assessor", "indicator"])
    if dup.any():
        i = int(np.argmax(dup.to_numpy()))
        raise InputError(msg("review.panel.duplicate", assessor=out["assessor"].iloc[i],
                             indicator=out["indicator"].iloc[i]), where="panel", source=where_file)
    out.attrs["source"] = where_file
    return out.reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class PanelResult(RichDisplay):
    """An expert panel's scores, aggregated per indicator, with the assessors' agreement.

    Attributes
    ----------
    table : DataFrame
        The scores as given (``assessor``, ``indicator``, ``score``).
    indicators : DataFrame
        Per indicator: ``weight``, ``n`` (assessors), ``mean``, ``trimmed_mean``, ``min``, ``max``,
        ``range``, ``sd`` (sample), ``cv`` (sd / mean), ``score`` (the aggregate used),
        ``method`` (the aggregation actually applied) and ``flagged`` (assessors disagree).
    aggregate : {"trimmed_mean", "mean"}
        The aggregation asked for.
    kendall : KendallW or None
        Kendall's W of the assessors' rankings of the indicators (by score as a share of the weight
        when weights are known), over indicators every assessor scored.
    icc : float
        ICC(2,1) on the same matrix (NaN when undefined).
    flag_range, flag_cv : float or None
        The disagreement rules applied: range of scores above ``flag_range`` x weight; coefficient
        of variation above ``flag_cv``.
    flags : tuple of Text
        One sentence per flagged indicator, naming it and the rule.
    notes : tuple of Text
        Choices a reader must know (a trimmed mean that fell back to the mean, the agreement basis).
    """

    table: Any
    indicators: Any
    aggregate: str
    kendall: KendallW | None
    icc: float
    flag_range: float | None
    flag_cv: float | None
    flags: tuple[Text, ...] = field(default=())
    notes: tuple[Text, ...] = field(default=())

    @property
    def assessors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.table["assessor"]))

    @property
    def flagged(self) -> tuple[str, ...]:
        """The indicators on which the assessors disagree."""
        ind = self.indicators
        return tuple(ind.index[ind["flagged"].to_numpy(bool)])

    def score(self, indicator: str) -> float:
        """The aggregated score (points) of ``indicator``."""
        if indicator not in self.indicators.index:
            raise InputError(unknown_indicator(indicator, list(self.indicators.index)), where="indicator")
        return float(self.indicators.at[indicator, "score"])

    def to_frame(self, lang: str | None = None):
        """The per-indicator table with headers in ``lang`` (default the current language)."""
        lang = check_lang(lang or get_lang())
        frame = self.indicators.copy()
        frame["method"] = [msg(f"review.panel.short.{m}").render(lang) for m in frame["method"]]
        frame["flagged"] = [msg("review.panel.yes" if f else "review.panel.no").render(lang)
                            for f in frame["flagged"]]
        frame.columns = [msg(f"review.panel.col.{c}").render(lang) for c in frame.columns]
        frame.index.name = msg("review.panel.col.indicator").render(lang)
        return frame

    def agreement_text(self, lang: str | None = None) -> list[str]:
        """Lines stating Kendall's W (with chi-square and p) and ICC(2,1)."""
        lang = check_lang(lang or get_lang())
        out = []
        k = self.kendall
        if k is not None and np.isfinite(k.w):
            out.append(msg("review.panel.kendall", w=f"{k.w:.3f}", chi2=f"{k.chi2:.2f}", df=k.df,
                           p=f"{k.p_value:.3g}", m=k.m, n=k.n).render(lang))
        else:
            out.append(msg("review.panel.kendall_none").render(lang))
        out.append(msg("review.panel.icc", icc="—" if not np.isfinite(self.icc) else f"{self.icc:.3f}").render(lang))
        return out

    def summary(self, lang: str | None = None) -> str:
        """Plain text: the method, the table, agreement, flags and notes (Chinese by default)."""
        from ..formatting import frame_to_text

        lang = check_lang(lang or get_lang())
        lines = [msg("review.panel.title", m=len(self.assessors), n=len(self.indicators)).render(lang),
                 msg("review.panel.method_line", method=msg(f"review.panel.method.{self.aggregate}")).render(lang),
                 "", frame_to_text(self._display(lang)), ""]
        lines += self.agreement_text(lang)
        for t in self.flags + self.notes:
            lines.append(f"- {t.render(lang)}")
        return "\n".join(lines)

    def _display(self, lang: str):
        frame = self.to_frame(lang)
        for c in frame.columns:
            if frame[c].dtype.kind == "f":
                frame[c] = [("—" if not np.isfinite(v) else f"{v:.2f}") for v in frame[c]]
            elif frame[c].dtype.kind in "iu":
                frame[c] = [str(v) for v in frame[c]]
        return frame


    def _repr_html_(self) -> str:
        import html

        from ..formatting import frame_to_html

        lang = get_lang()
        extra = "".join(f"<li>{html.escape(s)}</li>" for s in
                        self.agreement_text(lang) + [t.render(lang) for t in self.flags + self.notes])
        return (frame_to_html(self._display(lang), caption=msg("review.panel.title", m=len(self.assessors),
                                                               n=len(self.indicators)).render(lang))
                + f"<ul>{extra}</ul>")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: per-indicator aggregates, agreement, flags and notes (both languages)."""
        def num(x: Any) -> Any:
            return None if x is None or not np.isfinite(x) else float(x)

        k = self.kendall
        return {
            "aggregate": self.aggregate,
            "assessors": list(self.assessors),
            "indicators": {i: {"weight": num(r["weight"]), "n": int(r["n"]), "mean": num(r["mean"]),
                               "trimmed_mean": num(r["trimmed_mean"]), "min": num(r["min"]),
                               "max": num(r["max"]), "sd": num(r["sd"]), "cv": num(r["cv"]),
                               "score": num(r["score"]), "method": r["method"], "flagged": bool(r["flagged"])}
                           for i, r in self.indicators.iterrows()},
            "kendall_w": None if k is None else {"w": num(k.w), "chi2": num(k.chi2), "df": k.df,
                                                  "p_value": num(k.p_value), "m": k.m, "n": k.n},
            "icc_2_1": num(self.icc),
            "flag_range": self.flag_range, "flag_cv": self.flag_cv,
            "flags": [{"zh": t.render("zh"), "en": t.render("en")} for t in self.flags],
            "notes": [{"zh": t.render("zh"), "en": t.render("en")} for t in self.notes],
        }

    def __repr__(self) -> str:
        return f"<PanelResult: {len(self.assessors)} assessors, {len(self.indicators)} indicators, {self.aggregate}>"


def unknown_indicator(name: str, known: list[str]) -> Text:
    """The message for an unknown indicator id, with a suggestion and the known ids."""
    import difflib

    from ..checks import did_you_mean, listing

    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1)
    return msg("checks.unknown_name", what=msg("review.panel.thing"), name=name,
               hint=did_you_mean(close[0] if close else None), known=listing(known))


def _trimmed(values: np.ndarray) -> float:
    """Mean without the single highest and single lowest value (n >= 3)."""
    s = np.sort(values)
    return float(s[1:-1].mean())


def aggregate_panel(scores: Any, *, weights: Mapping[str, float] | None = None, aggregate: str = "trimmed_mean",
          flag_range: float | None = 0.30, flag_cv: float | None = None) -> PanelResult:
    """Aggregate an expert panel's scores per indicator and measure the assessors' agreement.

    Parameters
    ----------
    scores : DataFrame or path
        ``assessor | indicator | score`` (see :func:`read_panel`), the score in points.
    weights : mapping, optional
        ``{indicator: weight}`` (the maximum points). When given, every indicator must be in it and
        each score must lie in [0, weight]; the disagreement range rule and the agreement measures
        then use scores as shares of the weight.
    aggregate : {"trimmed_mean", "mean"}
        ``trimmed_mean`` drops the single highest and the single lowest score of an indicator and
        averages the rest; with fewer than three assessors it falls back to the mean, and a note
        says so.
    flag_range : float or None
        Flag an indicator whose range of scores (max - min) exceeds ``flag_range`` x its weight
        (default 0.30; needs ``weights``). ``None``: off.
    flag_cv : float or None
        Flag an indicator whose coefficient of variation (sample sd / mean) exceeds ``flag_cv``
        (default off).

    Returns
    -------
    PanelResult

    Notes
    -----
    Agreement is measured on the matrix indicators x assessors of the indicators every assessor
    scored: Kendall's W of each assessor's ranking of the indicators (:func:`kendall_w`) and
    ICC(2,1) (:func:`icc_2_1`).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"assessor": list("ABCDE"), "indicator": ["plan"] * 5, "score": [6, 7, 8, 9, 3]})
    >>> p = aggregate_panel(t, weights={"plan": 10})
    >>> p.score("plan")                 # drop 9 and 3: (6 + 7 + 8) / 3
    7.0
    >>> p.flagged                       # range 9 - 3 = 6 > 0.30 x 10
    ('plan',)
    """
    if aggregate not in AGGREGATES:
        raise InputError(msg("review.panel.aggregate", got=repr(aggregate), known=", ".join(AGGREGATES)),
                         where="aggregate")
    for name, val in (("flag_range", flag_range), ("flag_cv", flag_cv)):
        if val is not None and not (isinstance(val, (int, float)) and val >= 0):
            raise InputError(msg("review.panel.threshold", got=repr(val)), where=name)
    import pandas as pd

    table = read_panel(scores)
    if table.empty:
        raise InputError(msg("review.panel.empty"), where="panel")
    if weights is not None:
        for _, r in table.iterrows():
            if r["indicator"] not in weights:
                raise InputError(unknown_indicator(r["indicator"], list(weights)),
                                 where=f"panel[{r['assessor']}].{r['indicator']}")
            w = float(weights[r["indicator"]])
            if not 0.0 <= r["score"] <= w:
                raise InputError(msg("review.panel.out_of_range", assessor=r["assessor"], indicator=r["indicator"],
                                     score=f"{r['score']:g}", weight=f"{w:g}"),
                                 where=f"panel[{r['assessor']}].{r['indicator']}")
    order = list(dict.fromkeys(table["indicator"]))
    rows, notes, flags = {}, [], []
    fell_back = []
    for ind in order:                               # a loop over indicators (tens), not draws
        v = table.loc[table["indicator"] == ind, "score"].to_numpy(float)
        n = v.size
        mean = float(v.mean())
        trimmed = _trimmed(v) if n >= 3 else mean
        method = aggregate if (aggregate == "mean" or n >= 3) else "mean"
        if aggregate == "trimmed_mean" and n < 3:
            fell_back.append(ind)
        sd = float(v.std(ddof=1)) if n >= 2 else float("nan")
        cv = sd / mean if mean > 0 and np.isfinite(sd) else float("nan")
        w = float(weights[ind]) if weights is not None else float("nan")
        rng = float(v.max() - v.min())
        reasons = []
        if flag_range is not None and weights is not None and rng > flag_range * w + 1e-12:
            reasons.append(msg("review.panel.flag_range", indicator=ind, range=f"{rng:g}",
                               share=f"{flag_range:.0%}", weight=f"{w:g}", limit=f"{flag_range * w:g}"))
        if flag_cv is not None and np.isfinite(cv) and cv > flag_cv:
            reasons.append(msg("review.panel.flag_cv", indicator=ind, cv=f"{cv:.3f}", limit=f"{flag_cv:g}"))
        flags.extend(reasons)
        rows[ind] = {"weight": w, "n": n, "mean": mean, "trimmed_mean": trimmed, "min": float(v.min()),
                     "max": float(v.max()), "range": rng, "sd": sd, "cv": cv,
                     "score": trimmed if method == "trimmed_mean" else mean, "method": method,
                     "flagged": bool(reasons)}
    if fell_back:
        notes.append(msg("review.panel.fallback", indicators="、".join(fell_back)))
    if flag_range is not None and weights is None:
        notes.append(msg("review.panel.no_weights_range"))
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "indicator"

    wide = table.pivot(index="indicator", columns="assessor", values="score").reindex(order)
    complete = wide.dropna(axis=0)
    if len(complete) < len(wide):
        notes.append(msg("review.panel.incomplete", n=len(wide) - len(complete)))
    mat = complete.to_numpy(float)
    if weights is not None and mat.size:
        mat = mat / np.array([float(weights[i]) for i in complete.index])[:, None]
        notes.append(msg("review.panel.agreement_share"))
    kendall = kendall_w(mat) if mat.size else None
    icc = icc_2_1(mat) if mat.size else float("nan")
    return PanelResult(table=table, indicators=frame, aggregate=aggregate, kendall=kendall, icc=icc,
                       flag_range=flag_range, flag_cv=flag_cv, flags=tuple(flags), notes=tuple(notes))

