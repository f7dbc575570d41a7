"""Optimism bias: uplifts of capital cost, operating cost and duration by project type, with
their source, as a documented, switchable step.

The model file's ``optimism_bias:`` section::

    optimism_bias:
      project_type: equipment_development   # a row of OPTIMISM_TABLE (below)
      bound: upper                 # upper (default: the guidance's starting point) | lower
      capital: 0.54                # optional overrides of the table (fractions)
      operating: 0.0
      duration: 0.10
      works_duration: 1            # years of works the duration uplift applies to (default 0)
      source: ...                  # default: the table's citation
      apply: true                  # the switch (default true)

Application (:func:`apply_optimism`), to every option except the baseline (the status quo has
no procurement to be optimistic about):

* cost lines with ``capex: true`` (and asset lines, which are capex) times ``1 + capital``;
* other cost lines times ``1 + operating``;
* benefit lines (other than capex lines such as an asset's residual value) delayed by
  ``d = duration * works_duration`` years: a fractional delay splits each amount between
  periods ``t + floor(d)`` and ``t + floor(d) + 1`` in proportion (linear), and whatever is
  pushed beyond the horizon is lost (:func:`optimism_comparison` states how much).

Fields not given take the table's value for the project type and bound; a field the table has
no value for (``operating`` for every type but outsourcing; capital and duration for
outsourcing) is 0 unless given. The basis of each value is reported.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import Bilingual, msg
from ..display import RichDisplay

__all__ = ["OPTIMISM_TABLE", "OPTIMISM_SOURCE", "OptimismBias", "OptimismUplift", "OptimismComparison",
           "check_optimism", "apply_optimism", "optimism_uplift", "optimism_comparison", "delay"]

#: Citation of :data:`OPTIMISM_TABLE`.
OPTIMISM_SOURCE = ("Mott MacDonald (2002), Review of Large Public Procurement in the UK, for HM Treasury, "
                   "Table 2 'Optimism Bias Guidelines' (HM Treasury Green Book supplementary guidance: "
                   "optimism bias)")

#: Recommended optimism-bias uplifts (fractions) by project type as ``(upper, lower)`` bounds.
#: Source: Mott MacDonald (2002), *Review of Large Public Procurement in the UK*, report for HM
#: Treasury, section 1, Table 2 "Optimism Bias Guidelines" (columns: works duration U, L;
#: capital expenditure U, L), the basis of HM Treasury's *Supplementary Green Book Guidance:
#: Optimism Bias* (2003). Verified against the report's text: Table 2 row by row; the column
#: order against its Tables 15 and 16 (upper bounds for buildings and civil engineering, with
#: named columns) and, for equipment/development, its Table 9 (recorded works-duration bias 54%)
#: and Transport Scotland STAG Table 13.4 (IT projects 200% / 10% capital, citing Mott MacDonald
#: 2002). Outsourcing: the report's 41% / 0% is operating expenditure (Table 2, footnote *); it
#: gives no works-duration or capital value (N/A). The report gives no operating-expenditure
#: value for the other types ("only ... capital expenditure (operating expenditure for
#: outsourcing projects) and works duration due to data availability"): None here.
OPTIMISM_TABLE: Mapping[str, Mapping[str, tuple[float, float] | None]] = {
    "standard_buildings": {"duration": (0.04, 0.01), "capital": (0.24, 0.02), "operating": None},
    "non_standard_buildings": {"duration": (0.39, 0.02), "capital": (0.51, 0.04), "operating": None},
    "standard_civil_engineering": {"duration": (0.20, 0.01), "capital": (0.44, 0.03), "operating": None},
    "non_standard_civil_engineering": {"duration": (0.25, 0.03), "capital": (0.66, 0.06), "operating": None},
    "equipment_development": {"duration": (0.54, 0.10), "capital": (2.00, 0.10), "operating": None},
    "outsourcing": {"duration": None, "capital": None, "operating": (0.41, 0.0)},
}
_UPLIFTS = ("capital", "operating", "duration")
_FIELDS = ("project_type", "bound", "capital", "operating", "duration", "works_duration", "source", "apply")
BOUNDS = ("upper", "lower")


def _type_label(project_type: str | None, lang: str | None = None) -> str:
    from ..i18n.core import render

    if project_type is None:
        return render(msg("optimism.no_type"), lang)
    return render(msg(f"optimism.type.{project_type}"), lang)


def _check_type(name: Any, where: str) -> str:
    if not isinstance(name, str) or name.strip().lower().replace("/", "_").replace("-", "_") not in OPTIMISM_TABLE:
        import difflib

        shown = str(name)
        close = difflib.get_close_matches(shown.strip().lower().replace("/", "_").replace(" ", "_"),
                                          list(OPTIMISM_TABLE), n=1)
        raise InputError(msg("optimism.unknown_type", name=shown, hint=v.did_you_mean(close[0] if close else None),
                             known=v.listing(list(OPTIMISM_TABLE))), where=where)
    return name.strip().lower().replace("/", "_").replace("-", "_")


@dataclass(frozen=True)
class OptimismUplift(RichDisplay):
    """One row of :data:`OPTIMISM_TABLE` at one bound, with its source (None: not in the table)."""

    project_type: str
    bound: str
    capital: float | None
    operating: float | None
    duration: float | None
    source: str = OPTIMISM_SOURCE

    def to_dict(self) -> dict[str, Any]:
        return {"project_type": self.project_type, "bound": self.bound, "capital": self.capital,
                "operating": self.operating, "duration": self.duration, "source": self.source}

    def to_frame(self, lang: str | None = None):
        """One row: the uplifts (NaN where the table has none) and the source."""
        import pandas as pd

        row = {k: (np.nan if getattr(self, k) is None else getattr(self, k)) for k in _UPLIFTS}
        row["source"] = self.source
        return pd.DataFrame([row], index=pd.Index([self.project_type], name="project_type"))

    def summary(self, lang: str | None = None) -> str:
        from ..formatting import fmt_rate
        from ..i18n.core import render

        rate = lambda x: "—" if x is None else fmt_rate(x)  # noqa: E731
        from ..i18n.glossary import colon, paren

        bound = render(msg(f"optimism.{self.bound}"), lang)
        parts = [f"{_type_label(self.project_type, lang)}{paren(bound, lang)}"]
        for k in _UPLIFTS:
            parts.append(f"{render(msg(f'optimism.what_{k}'), lang)}{colon(lang)}{rate(getattr(self, k))}")
        parts.append(self.source)
        return "\n".join(parts)

    def table(self, lang: str | None = None):
        """The uplifts for display, in ``lang`` (default: the current language): one row per
        item (capital, operating, duration), the uplift as a percentage ("—": not in the table).

        >>> import cba
        >>> t = cba.optimism_uplift("standard_buildings").table("en")
        >>> t.index.name, list(t.columns), t.iloc[:, 0].to_dict()
        ('Item', ['Uplift'], {'capital expenditure': '24%', 'operating expenditure': '—', 'works duration': '4%'})
        """
        import pandas as pd

        from ..formatting import fmt_rate
        from ..i18n.core import get_lang, render

        lang = lang or get_lang()
        rows = {render(msg(f"optimism.what_{k}"), lang): "—" if getattr(self, k) is None else fmt_rate(getattr(self, k))
                for k in _UPLIFTS}
        frame = pd.DataFrame({render(msg("optimism.col_rate"), lang): list(rows.values())},
                             index=pd.Index(list(rows), name=render(msg("optimism.col_item"), lang)))
        return frame

    def to_html(self, lang: str | None = None) -> str:
        """The HTML view in ``lang``: title (type and bound), the uplift table, the source."""
        from ..display import block_html
        from ..i18n import label
        from ..i18n.core import get_lang, render
        from ..i18n.glossary import colon, paren

        lang = lang or get_lang()
        title = (render(msg("optimism.rates_caption"), lang) + colon(lang) + _type_label(self.project_type, lang)
                 + paren(render(msg(f"optimism.{self.bound}"), lang), lang))
        return block_html(title, [("", self.table(lang))], head=[label("source", lang) + colon(lang) + self.source],
                          lang=lang, css="cba-optimism")

    def _repr_html_(self) -> str:
        return self.to_html()


def optimism_uplift(project_type: str, bound: str = "upper") -> OptimismUplift:
    """The optimism-bias uplifts of ``project_type`` at ``bound`` from the bundled table.

    Parameters
    ----------
    project_type : str
        ``standard_buildings``, ``non_standard_buildings``, ``standard_civil_engineering``,
        ``non_standard_civil_engineering``, ``equipment_development`` or ``outsourcing``.
    bound : {"upper", "lower"}
        The upper bound is the guidance's starting point at the outline stage; the lower bound
        what effective risk management may reach.

    Examples
    --------
    >>> import cba
    >>> u = cba.optimism_uplift("standard_buildings")
    >>> u.capital, u.duration, u.operating
    (0.24, 0.04, None)
    >>> cba.optimism_uplift("equipment/development", "lower").capital
    0.1
    """
    key = _check_type(project_type, "project_type")
    bound = v.choice(bound, "bound", BOUNDS)
    i = BOUNDS.index(bound)
    row = OPTIMISM_TABLE[key]
    get = lambda k: None if row[k] is None else row[k][i]  # noqa: E731
    return OptimismUplift(key, bound, get("capital"), get("operating"), get("duration"))


@dataclass(frozen=True)
class OptimismBias:
    """The validated ``optimism_bias:`` section: the uplifts used and where each came from."""

    project_type: str | None
    capital: float
    operating: float
    duration: float
    works_duration: float = 0.0
    source: str = ""
    apply: bool = True
    bound: str = "upper"
    #: fields given in the model file (the others come from the table, or are 0)
    given: tuple[str, ...] = field(default=(), compare=False)

    @property
    def delay(self) -> float:
        """Years by which benefits are delayed: ``duration * works_duration``."""
        return self.duration * self.works_duration

    def basis(self, name: str):
        """Where the value of ``name`` (capital, operating, duration) came from, as a Text."""
        if name in self.given:
            return msg("optimism.given")
        if self.project_type is not None and OPTIMISM_TABLE[self.project_type][name] is not None:
            return msg("optimism.from_table", bound=msg(f"optimism.{self.bound}"))
        return msg("optimism.default_zero")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.project_type is not None:
            out["project_type"] = self.project_type
        if self.bound != "upper":
            out["bound"] = self.bound
        for k in _UPLIFTS:
            if k in self.given:
                out[k] = getattr(self, k)
        if self.works_duration:
            out["works_duration"] = self.works_duration
        if "source" in self.given:
            out["source"] = self.source
        out["apply"] = self.apply
        return out


def _fraction(x: Any, where: str) -> float:
    value = v.number(x, where)
    if value < 0:
        raise InputError(msg("optimism.fraction", got=v.show(x)), where=where)
    return value


def check_optimism(entry: Any, where: str = "optimism_bias") -> OptimismBias:
    """Validate the model file's ``optimism_bias:`` section.

    >>> ob = check_optimism({"project_type": "standard_buildings", "works_duration": 2})
    >>> ob.capital, ob.operating, ob.duration, ob.delay
    (0.24, 0.0, 0.04, 0.08)
    """
    if isinstance(entry, OptimismBias):
        return entry
    entry = v.mapping(entry, where)
    v.only_keys(entry, where, _FIELDS)
    ptype = entry.get("project_type")
    if ptype is not None:
        ptype = _check_type(ptype, f"{where}.project_type")
    elif not all(k in entry for k in _UPLIFTS):
        raise InputError(msg("optimism.needs_type"), where=where)
    bound = entry.get("bound", "upper")
    if bound not in BOUNDS:
        raise InputError(msg("optimism.bound", got=v.show(bound)), where=f"{where}.bound")
    row = optimism_uplift(ptype, bound) if ptype is not None else None
    values = {}
    for k in _UPLIFTS:
        if k in entry:
            values[k] = _fraction(entry[k], f"{where}.{k}")
        else:
            table = getattr(row, k) if row is not None else None
            values[k] = 0.0 if table is None else table
    works = v.number(entry.get("works_duration", 0), f"{where}.works_duration")
    if works < 0:
        raise InputError(msg("optimism.works_duration", got=v.show(entry["works_duration"])),
                         where=f"{where}.works_duration")
    source = v.text(entry.get("source", ""), f"{where}.source") or (OPTIMISM_SOURCE if ptype else "")
    apply = v.boolean(entry.get("apply", True), f"{where}.apply")
    given = tuple(k for k in _FIELDS if k in entry)
    return OptimismBias(project_type=ptype, works_duration=works, source=source, apply=apply, bound=bound,
                        given=given, **values)


# -- application -----------------------------------------------------------------------------
def delay(values: np.ndarray, years: float) -> np.ndarray:
    """``values`` (..., T) moved ``years`` later along the last axis; a fractional delay splits
    each amount linearly between two periods; what moves beyond the last period is dropped.

    >>> delay(np.array([0.0, 10.0, 10.0, 10.0]), 0.25)
    array([ 0. ,  7.5, 10. , 10. ])
    >>> delay(np.array([[1.0, 2.0, 3.0]]), 1.5)
    array([[0. , 0.5, 1.5]])
    """
    arr = np.asarray(values, dtype=float)
    T = arr.shape[-1]
    k = int(np.floor(years))
    f = years - k

    def shifted(s: int) -> np.ndarray:
        out = np.zeros_like(arr)
        if s < T:
            out[..., s:] = arr[..., :T - s]
        return out

    return shifted(k) if f == 0 else (1.0 - f) * shifted(k) + f * shifted(k + 1)


def _switched_on(model: Any, optimism: bool | None) -> bool:
    ob = model.optimism_bias
    if ob is None:
        return False
    return ob.apply if optimism is None else bool(optimism)


def apply_optimism(model: Any, inputs: Any, lines: dict, optimism: bool | None) -> dict:
    """Capital and operating cost lines uplifted, benefits delayed by the duration uplift
    (options other than the baseline; new arrays, ``lines`` is not changed).

    The delay applies to benefits and effects, and to the change of an operating cost line
    against the baseline's line of the same name (a saving arrives later: until the works end the
    baseline's arrangement continues). The option's own operating costs are not deferred
    (conservative: a late project's running costs are not assumed to start later).

    ``optimism``: True applies the model's ``optimism_bias`` section, False does not, None
    follows its ``apply``.
    """
    if not _switched_on(model, optimism):
        return lines
    ob = model.optimism_bias
    out = {o: dict(ls) for o, ls in lines.items()}
    base = lines.get(model.baseline, {}) if model.baseline is not None else {}
    for okey, option in model.options.items():
        if okey == model.baseline:
            continue
        for line in option.lines:
            arr = lines[okey][line.name]
            if line.kind == "cost":
                rate = ob.capital if line.capex else ob.operating
                if rate:
                    arr = arr * (1.0 + rate)
                if not line.capex and ob.delay > 0 and line.name in base:
                    # a saving against the baseline's line of the same name (e.g. staff no longer
                    # needed) comes later too: until the works end the baseline's arrangement goes on
                    arr = base[line.name] + delay(arr - base[line.name], ob.delay)
                out[okey][line.name] = arr
            elif not line.capex and ob.delay > 0:      # benefits and effects come later
                out[okey][line.name] = delay(arr, ob.delay)
    return out


# -- results with and without ------------------------------------------------------------------
@dataclass(frozen=True)
class OptimismComparison(RichDisplay, Bilingual):
    """NPV and BCR of each option without and with the optimism-bias uplift.

    ``rows`` maps each option reported (the alternatives against the baseline, or every option
    when there is none) to ``{"npv": (unadjusted, adjusted), "bcr": (...), "pv_costs": (...),
    "pv_benefits": (...)}``; ``lost`` is the share of each option's undiscounted benefits pushed
    beyond the horizon by the delay.
    """

    model: Any
    uplift: OptimismBias
    basis: str
    rows: Mapping[str, Mapping[str, tuple[float, float]]]
    lost: Mapping[str, float]
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()

    def to_frame(self, lang: str | None = None):
        """One row per option: each metric unadjusted and adjusted, and the change."""
        import pandas as pd

        from ..i18n import label
        from ..i18n.core import get_lang, render

        lang = lang or get_lang()
        un, ad, ch = (render(msg(f"optimism.col_{k}"), lang) for k in ("unadjusted", "adjusted", "change"))
        data = {}
        for o, r in self.rows.items():
            row = {}
            for k in ("pv_costs", "pv_benefits", "npv", "bcr"):
                a, b = r[k]
                row[(label(k, lang), un)] = a
                row[(label(k, lang), ad)] = b
                row[(label(k, lang), ch)] = b - a
            data[self.model.option_label(o)] = row
        frame = pd.DataFrame.from_dict(data, orient="index")
        frame.columns = pd.MultiIndex.from_tuples(frame.columns)
        return frame

    def summary(self, lang: str | None = None) -> str:
        from ..formatting import frame_to_text
        from ..i18n.core import render

        from ..i18n.glossary import colon

        head = render(msg("optimism.sec"), lang) + colon(lang) + _type_label(self.uplift.project_type, lang)
        frame = self.to_frame(lang)
        frame.columns = [" ".join(c) for c in frame.columns]
        return "\n".join([head, frame_to_text(frame.round(4)), *self.notes_in(lang)])


    def to_html(self, lang: str | None = None) -> str:
        """The HTML view in ``lang`` (default: the current language): title (the project type),
        the table of unadjusted and adjusted results, the notes."""
        from ..display import block_html
        from ..i18n import label
        from ..i18n.core import get_lang, render
        from ..i18n.glossary import colon

        lang = lang or get_lang()
        frame = self.to_frame(lang)
        frame.columns = [" ".join(c) for c in frame.columns]
        frame.index.name = label("option", lang)
        title = render(msg("optimism.sec"), lang) + colon(lang) + _type_label(self.uplift.project_type, lang)
        currency = getattr(self.model, "currency", "")
        head = [label("currency", lang) + colon(lang) + currency] if currency else []
        return block_html(title, [("", frame.round(4))], self.notes_in(lang), head, lang, css="cba-optimism")

    def _repr_html_(self) -> str:
        return self.to_html()


def optimism_comparison(model: Any, *, optimism_bias: Any = None, scenario: str | None = None,
                        **overrides: Any) -> OptimismComparison:
    """NPV and BCR without and with the optimism-bias uplift, side by side.

    Parameters
    ----------
    model : Model
    optimism_bias : mapping, optional
        An ``optimism_bias`` section to use instead of the model's (e.g. to try a project type).
    scenario, **overrides
        As for :func:`cba.appraise`.

    Examples
    --------
    >>> import cba
    >>> m = cba.load_model({"name": "m", "horizon": 2, "discount_rate": 0.0,
    ...     "optimism_bias": {"project_type": "standard_buildings", "works_duration": 0},
    ...     "parameters": {}, "options": {"a": {"flows": [
    ...         {"name": "build", "kind": "cost", "amount": 100, "at": 0, "capex": True},
    ...         {"name": "use", "kind": "benefit", "amount": 80}]}}})
    >>> c = cba.optimism_comparison(m)
    >>> c.rows["a"]["npv"]       # 160 - 100 and 160 - 124 (capital x 1.24)
    (60.0, 36.0)
    """
    from ..analysis import appraise

    if optimism_bias is not None:
        model = model.replace(optimism_bias=check_optimism(optimism_bias))
    ob = model.optimism_bias
    if ob is None:
        raise InputError(msg("optimism.needs_type"), where="optimism_bias")
    results = [appraise(model, scenario=scenario, optimism=flag, **overrides) for flag in (False, True)]
    basis = results[0].basis
    rows: dict[str, dict[str, tuple[float, float]]] = {}
    for o in results[0].results(basis):
        rows[o] = {k: tuple(float(np.asarray(r.results(basis)[o][k], dtype=float).reshape(-1)[0])
                            for r in results) for k in ("pv_costs", "pv_benefits", "npv", "bcr")}
    lost: dict[str, float] = {}
    notes = []
    if ob.delay > 0:
        from ..formatting import fmt_rate
        from ..model.evaluate import flow_lines, resolve_inputs

        inputs = resolve_inputs(model, overrides, scenario=scenario)
        lines = flow_lines(model, inputs)
        for okey, option in model.options.items():
            if okey == model.baseline:
                continue
            ben = [lines[okey][ln.name][0] for ln in option.lines if ln.kind == "benefit" and not ln.capex]
            total = float(sum(b.sum() for b in ben)) if ben else 0.0
            kept = float(sum(delay(b, ob.delay).sum() for b in ben)) if ben else 0.0
            lost[okey] = (total - kept) / total if total else 0.0
        worst = max(lost.values(), default=0.0)
        if worst > 0:
            text = msg("optimism.lost", delay=f"{ob.delay:.4g}", share=fmt_rate(worst))
            notes.append(text)
    return OptimismComparison(model=model, uplift=ob, basis=basis, rows=rows, lost=lost,
                              notes=tuple(t.render("en") for t in notes),
                              notes_zh=tuple(t.render("zh") for t in notes))
