"""A portfolio of reviewed projects: ranking, grade counts, a heat map of dimension scores and a
budget reallocation from low-rated to 优 projects.

The table (CSV/Excel or DataFrame) has one row per project: ``project`` (an id), optionally
``name``, one numeric column per dimension (points), optionally ``total`` (default the sum of
the dimensions), ``grade`` (default from the total: 优 >= 90, 良 >= 80, 中 >= 60, 差 below; the
grades of 财预〔2020〕10号), ``bcr`` and ``budget`` (for the reallocation). Dimension columns are
the numeric columns other than these; the ids of the five ex-ante dimensions (``necessity``,
``economy``, ``goals``, ``feasibility``, ``financing``) are shown by their Chinese names.

The reallocation rule is cba's default, not an official one: 差 projects lose ``poor`` (50%) of
their budget, 中 projects lose ``fair`` (10%); the sum goes to the 优 projects in proportion to
their budgets; amounts are rounded to 0.01 and the rounding remainder goes to the largest 优
budget, so the changes sum to exactly zero.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import Text, check_lang, get_lang, msg
from ..display import RichDisplay

__all__ = ["portfolio", "Portfolio", "GRADES", "DIMENSIONS"]

GRADES = ("优", "良", "中", "差")
DIMENSIONS = ("necessity", "economy", "goals", "feasibility", "financing")
_KNOWN = ("project", "name", "total", "grade", "bcr", "budget")
_BOUNDS = ((90.0, "优"), (80.0, "良"), (60.0, "中"))


def _grade(total: float) -> str:
    for bound, g in _BOUNDS:
        if total >= bound:
            return g
    return "差"


def dimension_label(dim: str, lang: str | None = "zh") -> str:
    """The name of a dimension: the catalogue's for the five ex-ante ids, else the id itself."""
    return msg(f"review.portfolio.dim.{dim}").render(lang) if dim in DIMENSIONS else str(dim)


def _pct(x: float) -> str:
    return f"{100 * x:.4g}%"


def _money(x: float) -> str:
    return f"{x:,.2f}"


@dataclass(frozen=True)
class Portfolio(RichDisplay):
    """Result of :func:`portfolio`. ``frame`` is ranked (best first): columns ``rank``,
    ``project``, ``name``, the dimensions, ``total``, ``grade``, ``bcr``, ``budget``."""

    frame: Any
    dimensions: tuple[str, ...]
    unit: str = "万元"
    poor: float = 0.5
    fair: float = 0.1
    notes: tuple[Text, ...] = field(default=())

    @property
    def ranking(self) -> list[str]:
        """Project ids, best first."""
        return list(self.frame["project"])

    def grade_counts(self) -> dict[str, int]:
        """Projects per grade, 优 to 差 (zeros kept)."""
        counts = self.frame["grade"].value_counts()
        return {g: int(counts.get(g, 0)) for g in GRADES}

    def matrix(self):
        """The heat map's data: dimensions x projects (ranked), points as in the input."""
        return self.frame.set_index("project")[list(self.dimensions)].T.astype(float)

    def plot_heatmap(self, lang: str = "zh", *, ax: Any = None, figsize: tuple[float, float] | None = None):
        """Heat map of dimension scores (rows: dimensions; columns: projects, best first).

        Each cell shows the points of the input table; colours run from red (low) to green
        (high). Returns a :class:`matplotlib.figure.Figure`.
        """
        import numpy as np

        from ..plots.charts import _setup

        check_lang(lang)
        data = self.matrix()
        n_dim, n_proj = data.shape
        fig, ax = _setup(ax, figsize or (max(6.0, 1.0 + 0.55 * n_proj), 1.6 + 0.55 * n_dim))
        values = data.to_numpy()
        im = ax.imshow(values, cmap="RdYlGn", aspect="auto", vmin=0.0, vmax=float(np.nanmax(values)) or 1.0)
        names = [str(x) for x in (self.frame["name"] if "name" in self.frame else self.frame["project"])]
        ax.set_xticks(range(n_proj), names, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(n_dim), [dimension_label(d, lang) for d in self.dimensions], fontsize=9)
        if n_proj * n_dim <= 400:
            for i in range(n_dim):
                for j in range(n_proj):
                    ax.text(j, i, f"{values[i, j]:.4g}", ha="center", va="center", fontsize=7, color="#222222")
        bar = fig.colorbar(im, ax=ax, shrink=0.9)
        bar.set_label(msg("review.portfolio.heat_bar").render(lang))
        ax.set_xlabel(msg("review.portfolio.heat_x").render(lang))
        ax.set_ylabel(msg("review.portfolio.heat_y").render(lang))
        ax.set_title(msg("review.portfolio.heat_title").render(lang), fontsize=11)
        return fig

    def reallocation(self):
        """Budget changes by the rule (a DataFrame: project, grade, total, budget, change, new
        budget), only the projects that change; the changes sum to zero (or, with no 优 project,
        to minus the amount left to the budget office)."""
        import pandas as pd

        if "budget" not in self.frame.columns or self.frame["budget"].isna().all():
            raise InputError(msg("review.portfolio.no_budget"), where="budget")
        f = self.frame
        cents = {}
        for p, g, b in zip(f["project"], f["grade"], f["budget"]):
            share = self.poor if g == "差" else self.fair if g == "中" else 0.0
            if share and b > 0:
                cents[p] = -int(round(b * share * 100))
        pool = -sum(cents.values())
        gainers = [(p, b) for p, g, b in zip(f["project"], f["grade"], f["budget"]) if g == "优" and b > 0]
        if gainers and pool:
            total = math.fsum(b for _, b in gainers)
            given = {p: int(round(pool * b / total)) for p, b in gainers}
            biggest = max(gainers, key=lambda pb: pb[1])[0]
            given[biggest] += pool - sum(given.values())
            cents.update(given)
        rows = [r for r in f.itertuples(index=False) if r.project in cents]
        out = pd.DataFrame({"project": [r.project for r in rows], "grade": [r.grade for r in rows],
                            "total": [r.total for r in rows], "budget": [r.budget for r in rows],
                            "change": [cents[r.project] / 100 for r in rows]})
        out["new_budget"] = out["budget"] + out["change"]
        out.attrs["cents"] = {p: cents[p] for p in out["project"]}
        return out

    def reallocation_text(self, lang: str | None = "zh") -> str:
        """The reallocation as text a budget office can read, with the rule."""
        lang = check_lang(lang or get_lang())
        r = self.reallocation()
        lines = [msg("review.portfolio.realloc_title").render(lang)]
        taken = -sum(c for c in r.attrs["cents"].values() if c < 0) / 100
        if not len(r):
            lines.append(msg("review.portfolio.realloc_none").render(lang))
        for row in r.itertuples(index=False):
            if row.change < 0:
                lines.append(msg("review.portfolio.realloc_cut", project=self._name(row.project), grade=row.grade,
                                 total=f"{row.total:.4g}", amount=_money(-row.change), unit=self.unit,
                                 share=_pct(self.poor if row.grade == "差" else self.fair)).render(lang))
        for row in r.itertuples(index=False):
            if row.change > 0:
                lines.append(msg("review.portfolio.realloc_gain", project=self._name(row.project), grade=row.grade,
                                 total=f"{row.total:.4g}", amount=_money(row.change), unit=self.unit).render(lang))
        if len(r) and (r["change"] > 0).any():
            lines.append(msg("review.portfolio.realloc_total", amount=_money(taken), unit=self.unit).render(lang))
        elif taken:
            lines.append(msg("review.portfolio.realloc_no_gainer", amount=_money(taken), unit=self.unit).render(lang))
        lines.append(msg("review.portfolio.realloc_rule", poor=_pct(self.poor), fair=_pct(self.fair)).render(lang))
        return "\n".join(lines)

    def _name(self, project: str) -> str:
        if "name" in self.frame.columns:
            name = self.frame.loc[self.frame["project"] == project, "name"].iloc[0]
            if isinstance(name, str) and name:
                return f"{name}（{project}）"
        return str(project)

    def to_frame(self, lang: str | None = None):
        """The ranked table, headers in ``lang`` (dimension ids shown by name)."""
        lang = check_lang(lang or get_lang())
        out = self.frame.copy()
        out.columns = [dimension_label(c, lang) if c in self.dimensions else msg(f"review.portfolio.col.{c}").render(lang)
                       for c in out.columns]
        return out

    def summary(self, lang: str | None = "zh") -> str:
        """Ranking, grade counts and (with budgets) the reallocation, as text (Chinese by default)."""
        lang = check_lang(lang or get_lang())
        sep = "，" if lang == "zh" else ", "
        lines = [msg("review.portfolio.title", n=len(self.frame)).render(lang),
                 msg("review.portfolio.counts", counts=sep.join(f"{g} {n}" for g, n in self.grade_counts().items())
                     ).render(lang)]
        for row in self.frame.itertuples(index=False):
            bcr = "-" if not math.isfinite(row.bcr) else f"{row.bcr:.2f}"
            lines.append(msg("review.portfolio.rank_line", rank=row.rank, project=self._name(row.project),
                             total=f"{row.total:.4g}", grade=row.grade, bcr=bcr).render(lang))
        if "budget" in self.frame.columns and not self.frame["budget"].isna().all():
            lines.append(self.reallocation_text(lang))
        lines.extend(n.render(lang) for n in self.notes)
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        """HTML in the current language: the summary's lines, then the ranked table (scores and
        money with two decimals, the BCR as a ratio)."""
        from ..display import block_html
        from ..formatting import fmt_count, fmt_money, fmt_ratio

        lang = get_lang()
        lines = self.summary(lang).split("\n")
        frame = self.to_frame(lang).astype(object)
        for key, col in zip(list(self.frame.columns), list(frame.columns)):
            f = (fmt_count if key == "rank" else fmt_ratio if key == "bcr" else str if key in ("project", "name", "grade")
                 else fmt_money)
            frame[col] = [f(x) for x in frame[col]]
        frame = frame.set_index(frame.columns[0])
        return block_html(lines[0], [("", frame)], (), lines[1:], lang, css="cba-portfolio")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        def clean(x: Any) -> Any:
            if isinstance(x, float) and not math.isfinite(x):
                return None
            return x.item() if hasattr(x, "item") else x

        out: dict[str, Any] = {
            "dimensions": list(self.dimensions), "grade_counts": self.grade_counts(), "unit": self.unit,
            "rule": {"poor": self.poor, "fair": self.fair},
            "projects": [{k: clean(v) for k, v in rec.items()} for rec in self.frame.to_dict("records")],
        }
        if "budget" in self.frame.columns and not self.frame["budget"].isna().all():
            out["reallocation"] = [{k: clean(v) for k, v in rec.items()}
                                   for rec in self.reallocation().to_dict("records")]
        return out


def _from_reviews(reviews: Any):
    """A score table from review results (``.total``, ``.grade``, ``.dimensions``)."""
    import pandas as pd

    items = list(reviews.items()) if isinstance(reviews, Mapping) else \
        [(getattr(r, "name", None) or f"P{i + 1}", r) for i, r in enumerate(reviews)]
    rows = []
    for name, r in items:
        dims = r.dimensions
        score = dims["score"] if "score" in getattr(dims, "columns", ()) else dims.iloc[:, 0]
        row = {"project": str(name), **{str(k): float(v) for k, v in score.items()},
               "total": float(r.total), "grade": str(r.grade)}
        bcr = getattr(r, "bcr", None)
        row["bcr"] = float(bcr) if bcr is not None else math.nan
        rows.append(row)
    return pd.DataFrame(rows)


def portfolio(frame_or_reviews: Any, *, dimensions: Any = None, unit: str = "万元", poor: float = 0.5,
              fair: float = 0.1) -> Portfolio:
    """Rank reviewed projects and suggest a budget reallocation.

    Parameters
    ----------
    frame_or_reviews : DataFrame, str, Path, mapping or sequence of reviews
        A score table (see the module notes), a CSV/Excel path to one (errors name the file,
        row and column), or review results (mapping ``{project: review}``).
    dimensions : sequence of str, optional
        The dimension columns (default: numeric columns other than project, name, total,
        grade, bcr, budget).
    unit : str
        Unit of ``budget`` (default 万元).
    poor, fair : float
        Shares of the budget taken from 差 and 中 projects (defaults 0.5 and 0.1).

    Returns
    -------
    Portfolio

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"project": ["a", "b", "c"], "necessity": [18, 10, 19],
    ...                   "economy": [17, 8, 19], "total": [92, 55, 92], "bcr": [1.4, 0.8, 2.1],
    ...                   "budget": [100.0, 200.0, 300.0]})
    >>> p = portfolio(t)
    >>> p.ranking, p.grade_counts()         # a and c tie on 92; c has the higher BCR
    (['c', 'a', 'b'], {'优': 2, '良': 0, '中': 0, '差': 1})
    >>> p.reallocation()["change"].tolist()  # b loses 50% of 200 = 100; a gets 100 x 100/400, c 100 x 300/400
    [75.0, 25.0, -100.0]
    """
    import pandas as pd

    from .. import checks as v

    for name, x in (("poor", poor), ("fair", fair)):
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not 0 <= x <= 1:
            raise InputError(msg("review.monitor.share", got=repr(x)), where=name)
    source = None
    if isinstance(frame_or_reviews, (str, Path)):
        from ..evidence.data import read_table

        table = read_table(frame_or_reviews, columns=["project"])
        source = table.attrs.get("path")
    elif isinstance(frame_or_reviews, pd.DataFrame):
        table = frame_or_reviews.copy()
        if "project" not in table.columns:
            raise InputError(msg("evidence.data.no_column", column="project",
                                 known=v.listing([str(c) for c in table.columns])), where="table")
    elif isinstance(frame_or_reviews, (Mapping, list, tuple)):
        table = _from_reviews(frame_or_reviews)
    else:
        raise InputError(msg("review.portfolio.kind", got=type(frame_or_reviews).__name__), where="table")
    from ..evidence.data import _as_number, _blank, cell_where

    if dimensions is None:
        dims = [c for c in table.columns if c not in _KNOWN and pd.api.types.is_numeric_dtype(table[c])]
    else:
        dims = [dimensions] if isinstance(dimensions, str) else list(dimensions)
        for d in dims:
            if d not in table.columns:
                raise InputError(msg("evidence.data.no_column", column=d,
                                     known=v.listing([str(c) for c in table.columns])), where="dimensions",
                                 source=source)
    if not dims:
        raise InputError(msg("review.portfolio.no_dimensions"), source=source)
    seen: set[str] = set()
    projects = []
    for row, x in zip(table.index, table["project"]):
        if _blank(x):
            raise InputError(msg("evidence.data.empty_cell"), where=cell_where(table, row, "project"), source=source)
        key = str(int(x)) if isinstance(x, float) and x.is_integer() else str(x).strip()
        if key in seen:
            raise InputError(msg("review.portfolio.duplicate", project=key), where=cell_where(table, row, "project"),
                             source=source)
        seen.add(key)
        projects.append(key)
    numbers: dict[str, list[float]] = {}
    for col in [*dims, *(c for c in ("total", "bcr", "budget") if c in table.columns)]:
        vals = []
        for row, x in zip(table.index, table[col]):
            num = math.nan if _blank(x) else _as_number(x)
            if num is None or (col in dims or col == "total") and not math.isfinite(num):
                raise InputError(msg("evidence.data.not_number", got=v.show(x)), where=cell_where(table, row, col),
                                 source=source)
            if col == "budget" and num < 0:
                raise InputError(msg("review.monitor.negative", got=v.show(num)), where=cell_where(table, row, col),
                                 source=source)
            vals.append(num)
        numbers[col] = vals
    out = pd.DataFrame({"project": projects})
    if "name" in table.columns:
        out["name"] = ["" if _blank(x) else str(x) for x in table["name"]]
    for d in dims:
        out[d] = numbers[d]
    out["total"] = numbers["total"] if "total" in numbers else out[dims].sum(axis=1).astype(float)
    notes: list[Text] = []
    if "grade" in table.columns and not all(_blank(g) for g in table["grade"]):
        grades = []
        for row, g, t in zip(table.index, table["grade"], out["total"]):
            if _blank(g):
                grades.append(_grade(t))
                continue
            if str(g).strip() not in GRADES:
                raise InputError(msg("review.monitor.grade", got=v.show(g)), where=cell_where(table, row, "grade"),
                                 source=source)
            grades.append(str(g).strip())
        if any(_blank(g) for g in table["grade"]):
            notes.append(msg("review.portfolio.grade_rule"))
        out["grade"] = grades
    else:
        out["grade"] = [_grade(t) for t in out["total"]]
        notes.append(msg("review.portfolio.grade_rule"))
    out["bcr"] = numbers.get("bcr", [math.nan] * len(out))
    if "budget" in numbers:
        out["budget"] = numbers["budget"]
    # rank: total (desc), ties by BCR (desc; a missing BCR last), then table order
    out["_order"] = range(len(out))
    out = out.sort_values(["total", "bcr", "_order"], ascending=[False, False, True], na_position="last",
                          kind="mergesort").drop(columns="_order").reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    out.attrs = {"source": source}
    return Portfolio(frame=out, dimensions=tuple(dims), unit=unit, poor=float(poor), fair=float(fair),
                     notes=tuple(notes))
