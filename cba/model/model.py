"""The project model: a validated, frozen :class:`Model` of parameters, options and flow lines
(the elements themselves are in :mod:`cba.model.elements`).

A :class:`Model` is frozen and validated when built, whether from a model file
(:func:`cba.load_model`) or in Python. Every check names the field, e.g.
``parameters.kiosk_price.low: expected a number, got 'ten'``.

Examples
--------
>>> import cba
>>> m = cba.Model(
...     name="demo", horizon=3, discount_rate=0.08, baseline="none",
...     parameters=[cba.Parameter("price", 100, low=80, high=120), cba.Parameter("saving", 40)],
...     options=[cba.Option("none", flows=[]),
...              cba.Option("buy", flows=[cba.Flow("purchase", "cost", "price", at=0),
...                                       cba.Flow("savings", "benefit", "saving")])],
... )
>>> m.parameters["price"].low
80.0
>>> m.periods
array([0, 1, 2, 3])
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..finance.schedules import describe_schedule, parse_schedule
from ..i18n import Text, msg
from .elements import (
    RESERVED_NAMES,
    TIMINGS,
    Flow,
    Option,
    Parameter,
    _in_period_0,
    _prefix,
)

__all__ = ["Parameter", "Flow", "Option", "Model", "TIMINGS", "RESERVED_NAMES", "SCENARIO_KEYS"]

#: Keys of a scenario that describe it rather than set a parameter.
SCENARIO_KEYS = ("label", "description")


def _scenario_name(name: Any) -> str:
    """A scenario name: any non-empty text (Chinese included), without surrounding spaces."""
    if isinstance(name, bool) or not isinstance(name, (str, int)) or not str(name).strip():
        raise InputError(msg("model.scenario_name", got=v.show(name)), where=f"scenarios.{name}")
    return str(name).strip()


def _scenario_text(x: Any, key: str, sname: str, clash: bool) -> str:
    """The text of a scenario's ``label``/``description``; a number there is most likely meant
    for a parameter of that name, which a scenario cannot set: say so."""
    if clash and not isinstance(x, str):
        what = Text("显示名称", "display name") if key == "label" else Text("说明", "description")
        raise InputError(msg("model.scenario_reserved", field=key, what=what, got=v.show(x)),
                         where=f"scenarios.{sname}.{key}")
    return v.text(x, f"scenarios.{sname}.{key}")


_MODEL_FIELDS = (
    "name", "description", "currency", "base_year", "price_base_year", "horizon",
    "discount_rate", "timing", "baseline", "parameters", "options", "scenarios", "decision",
    "economic", "prices", "optimism_bias", "benchmarks",
    "correlations",
)
#: sections of the appraisal method (see :mod:`cba.method`): field -> validating function
_METHOD_SECTIONS = {
    "economic": ("views", "check_economic"),
    "prices": ("prices", "check_prices"),
    "optimism_bias": ("optimism", "check_optimism"),
    "benchmarks": ("benchmarks", "check_benchmarks"),
}


def _one_schedule(rate: Any, where: str) -> None:
    """Refuse a list (or array) of rates: a model has one discount schedule."""
    if isinstance(rate, np.ndarray) or (
            isinstance(rate, (list, tuple)) and any(not isinstance(x, (list, tuple)) for x in rate)):
        raise InputError(msg("model.one_schedule", got=v.show(rate)), where=where)


def _keyed(items: Any, cls: type, where: str, key_attr: str) -> dict[str, Any]:
    """Accept a mapping of key -> entry, or a sequence of already-built objects."""
    out: dict[str, Any] = {}
    if isinstance(items, Mapping):
        for key, entry in items.items():
            v.identifier(key, f"{where}.{key}")
            obj = entry if isinstance(entry, cls) else cls.from_entry(key, entry)
            out[key] = obj
    else:
        for i, obj in enumerate(v.sequence(items, where)):
            if not isinstance(obj, cls):
                raise InputError(msg("model.expected_class", cls=cls.__name__, got=v.show(obj)), where=f"{where}[{i}]")
            key = getattr(obj, key_attr)
            if key in out:
                raise InputError(msg("model.duplicate_name", name=key), where=f"{where}[{i}]")
            out[key] = obj
    return out


@dataclass(frozen=True)
class Model:
    """A validated, frozen cost-benefit model.

    Parameters
    ----------
    name : str
        Project name (may be Chinese).
    horizon : int
        Last period; periods run 0..horizon (at most 1000). ``horizon=0`` is a static model:
        one period, 0, never discounted (e.g. how many units cover this year's fixed cost).
        Flow lines start at period 1 unless they say ``from``/``at``; in a static model a line
        without ``from``/``at`` falls in period 0 (the only one), and ``values`` start there too.
    discount_rate : schedule
        One schedule: a rate (0.08), steps ``[[0, 0.035], [31, 0.03]]`` or a name (``"china"``,
        ``"green_book"``). A list of rates is refused: compare rates with scenarios, or pass an
        array of rates to :func:`cba.appraise` (one per draw).
    parameters : mapping or sequence of Parameter
    options : mapping or sequence of Option
    currency : str
        Unit of every amount, e.g. ``万元``.
    base_year : int, optional
        Calendar year of period 0 (default: 0, so ``year == t``).
    price_base_year : int, optional
        Year whose prices the amounts are in (default: base_year).
    timing : {"end", "mid", "begin"}
        Where in a period its flows fall (default end-of-period).
    baseline : str, optional
        The counterfactual option; without it each option stands alone against doing nothing.
    scenarios : mapping, optional
        ``{name: {parameter: value}}`` named sets of overrides, one number per parameter (and
        one schedule for ``discount_rate``), applied on top of the base values. A name is any
        non-empty text (``悲观`` as well as ``pessimistic``). The keys ``label`` (display name)
        and ``description`` are reserved in a scenario (:data:`SCENARIO_KEYS`): they describe the
        scenario and are never parameters, so a parameter named ``label`` or ``description``
        cannot be set by a scenario (rename it to vary it there).
    scenario_labels, scenario_descriptions : mapping, optional
        ``{name: text}``: display names and descriptions of scenarios (filled from the
        ``label``/``description`` keys of ``scenarios``; see :meth:`scenario_label`).
    decision : mapping, optional
        Thresholds of the economic conclusion replacing cba's defaults, e.g.
        ``{"max_loss_probability": 0.05}`` (see :mod:`cba.model.decision`).
    economic, prices, optimism_bias, benchmarks : mapping, optional
        The appraisal method's sections (see :mod:`cba.method`): conversion factors of the
        economic view, the price index that deflates nominal lines, optimism-bias uplifts and
        sector benchmark rates. Each is validated by its module and kept as its object.
    correlations : list, mapping or Correlations, optional
        Rank correlations between parameters that carry distributions: pairs
        ``[[a, b, 0.5], ...]``, ``{a: {b: 0.5}}`` or ``{names: [...], matrix: [[...]]}``
        (see :mod:`cba.uncertainty.correlation`); kept as a ``Correlations`` object.
    """

    name: str
    horizon: int
    discount_rate: Any
    parameters: Mapping[str, Parameter]
    options: Mapping[str, Option]
    currency: str = ""
    base_year: int | None = None
    price_base_year: int | None = None
    timing: str = "end"
    baseline: str | None = None
    scenarios: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    scenario_labels: Mapping[str, str] = field(default_factory=dict)
    scenario_descriptions: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    discount_range: tuple[float, float] | None = None
    discount_source: str = ""
    discount_name: str | None = None
    decision: Mapping[str, float] = field(default_factory=dict)
    economic: Any = None
    prices: Any = None
    optimism_bias: Any = None
    benchmarks: Any = None
    correlations: Any = None
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_ = lambda k, x: object.__setattr__(self, k, x)  # noqa: E731
        set_("name", v.text(self.name, "name", allow_empty=False))
        if isinstance(self.discount_rate, Mapping):
            self._split_discount_entry(dict(self.discount_rate))
        set_("description", v.text(self.description, "description"))
        set_("currency", v.text(self.currency, "currency"))
        set_("horizon", v.integer(self.horizon, "horizon", minimum=0))
        if self.horizon > 1000:
            raise InputError(msg("model.horizon_max", got=self.horizon), where="horizon")
        if isinstance(self.discount_rate, str):
            set_("discount_name", self.discount_rate.strip())
        _one_schedule(self.discount_rate, "discount_rate")
        set_("discount_rate", parse_schedule(self.discount_rate, where="discount_rate", steps=True))
        set_("discount_source", v.text(self.discount_source, "discount_rate.source"))
        if self.discount_range is not None:
            low, high = (v.number(x, f"discount_rate.{k}") for k, x in zip(("low", "high"), self.discount_range))
            if not isinstance(self.discount_rate, float):
                raise InputError(msg("model.range_needs_rate"), where="discount_rate")
            if not low <= self.discount_rate <= high or low == high:
                raise InputError(msg("model.rate_range_order", low=low, value=self.discount_rate, high=high),
                                 where="discount_rate")
            parse_schedule(low, where="discount_rate.low")
            parse_schedule(high, where="discount_rate.high")
            set_("discount_range", (low, high))
        set_("timing", v.choice(self.timing, "timing", TIMINGS))
        for key in ("base_year", "price_base_year"):
            if getattr(self, key) is not None:
                set_(key, v.integer(getattr(self, key), key))
        if self.price_base_year is None and self.base_year is not None:
            set_("price_base_year", self.base_year)
        params = _keyed(self.parameters if self.parameters is not None else {}, Parameter,
                        "parameters", "name")
        set_("parameters", MappingProxyType(params))
        options = _keyed(v.mapping(self.options, "options") if isinstance(self.options, Mapping)
                         else self.options, Option, "options", "key")
        if not options:
            raise InputError(msg("model.no_option"), where="options")
        if self.horizon == 0:
            options = {k: _in_period_0(o) for k, o in options.items()}
        set_("options", MappingProxyType(options))
        if self.baseline is not None:
            if self.baseline not in options:
                raise InputError(v.unknown_name(str(self.baseline), list(options), "option"), where="baseline")
            if len(options) < 2:
                raise InputError(msg("model.baseline_alone"), where="baseline")
        known = tuple(params) + RESERVED_NAMES
        first_effect = None            # every effect line has one unit: effects are added up
        for okey, opt in options.items():
            for i, flow in enumerate(opt.flows):
                if flow.kind == "effect":
                    here = f"options.{okey}.flows[{i}]"
                    if first_effect is None:
                        first_effect = (here, flow.unit)
                    elif flow.unit != first_effect[1]:
                        raise InputError(msg("model.effect_units", first=first_effect[0], u1=first_effect[1],
                                             u2=flow.unit), where=f"{here}.unit")
        for okey, opt in options.items():
            for i, flow in enumerate(opt.flows):
                where = f"options.{okey}.flows[{i}]"
                if flow.amount is not None:
                    unknown = sorted(flow.amount.names - set(known))
                    if unknown:
                        raise InputError(v.unknown_name(unknown[0], list(params)), where=f"{where}.amount")
                    if "year" in flow.amount.names and self.base_year is None:
                        raise InputError(msg("model.year_without_base_year"), where=f"{where}.amount")
                for attr, label in (("start", "from"), ("end", "to")):
                    p = getattr(flow, attr)
                    if p is not None and p > self.horizon:
                        static = msg("model.static_period_0") if self.horizon == 0 else ""
                        raise InputError(msg("model.beyond_horizon", period=p, horizon=self.horizon, static=static),
                                         where=f"{where}.{label if flow.at is None else 'at'}")
        # assets: formulas over known parameters only, first purchase within the horizon
        from ..method.assets import check_assets

        check_assets(options, params, self.horizon)
        scen = {}
        meta = {k: dict(v.mapping(getattr(self, f"scenario_{k}s") or {}, f"scenario_{k}s"))
                for k in SCENARIO_KEYS}
        for sname, overrides in v.mapping(self.scenarios or {}, "scenarios").items():
            sname = _scenario_name(sname)
            overrides = dict(v.mapping(overrides, f"scenarios.{sname}"))
            for k in SCENARIO_KEYS:
                if k in overrides:
                    meta[k][sname] = _scenario_text(overrides.pop(k), k, sname, k in self.parameters)
            for k, x in overrides.items():
                if k == "discount_rate":
                    _one_schedule(x, f"scenarios.{sname}.{k}")
                elif isinstance(x, (list, tuple, np.ndarray)):
                    raise InputError(msg("model.scenario_list", got=v.show(x)), where=f"scenarios.{sname}.{k}")
            scen[sname] = MappingProxyType(
                {k: self._check_override(k, x, f"scenarios.{sname}.{k}") for k, x in overrides.items()})
        set_("scenarios", MappingProxyType(scen))
        for k in SCENARIO_KEYS:
            for sname, x in meta[k].items():
                if sname not in scen:
                    raise InputError(msg("model.scenario_meta_unknown", name=repr(sname),
                                         known=", ".join(scen) or "-"), where=f"scenario_{k}s")
                meta[k][sname] = v.text(x, f"scenarios.{sname}.{k}")
            set_(f"scenario_{k}s", MappingProxyType({s: t for s, t in meta[k].items() if t}))
        from .decision import DecisionRule

        given = self.decision.changed() if isinstance(self.decision, DecisionRule) else (self.decision or {})
        rule = DecisionRule.from_entry(given)
        set_("decision", MappingProxyType({k: getattr(rule, k) for k in given}))
        import importlib

        for key, (module, fn) in _METHOD_SECTIONS.items():
            check = getattr(importlib.import_module(f"..method.{module}", __package__), fn)
            set_(key, check(getattr(self, key), key) if getattr(self, key) is not None else None)
        from ..method.prices import bind_prices   # reads an index file relative to the model file

        set_("prices", bind_prices(self))
        # -- correlations between sampled parameters (cba.uncertainty.correlation) --
        if self.correlations is not None:
            from ..uncertainty.correlation import check_correlations

            set_("correlations", check_correlations(self.correlations, params, "correlations"))
        # each line's economic: names a conversion factor in force (cba.method.views)
        from ..method.views import check_line_factors

        check_line_factors(self)

    def _split_discount_entry(self, entry: dict[str, Any]) -> None:
        """``discount_rate: {value: 0.08, low: 0.06, high: 0.10, source: ...}``."""
        v.only_keys(entry, "discount_rate", ("value", "low", "high", "source"))
        v.require(entry, "discount_rate", ("value",))
        object.__setattr__(self, "discount_rate", entry["value"])
        if "low" in entry or "high" in entry:
            v.require(entry, "discount_rate", ("low", "high"))
            object.__setattr__(self, "discount_range", (entry["low"], entry["high"]))
        object.__setattr__(self, "discount_source", entry.get("source", ""))

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> "Model":
        """Build from the model-file structure; errors name ``source`` and the field.

        Data files of ``empirical`` distributions resolve against ``source``'s directory
        (the current directory when there is no source).
        """
        from .distributions import _DATA_DIR, _base_of

        token = _DATA_DIR.set(_base_of(source)) if source is not None else None  # read by Distribution
        try:
            data = v.mapping(data, "(top level)")
            v.only_keys(data, "(top level)", _MODEL_FIELDS)
            v.require(data, "(top level)", ("name", "horizon", "discount_rate", "parameters", "options"))
            params = {}
            for name, entry in v.mapping(data["parameters"] or {}, "parameters").items():
                v.identifier(name, f"parameters.{name}")
                try:
                    params[name] = Parameter.from_entry(name, entry)
                except InputError as err:
                    raise _prefix(err, "parameters") from None
            options = {}
            for key, entry in v.mapping(data["options"] or {}, "options").items():
                v.identifier(key, f"options.{key}")
                try:
                    options[key] = Option.from_entry(key, entry)
                except InputError as err:
                    raise _prefix(err, "options") from None
            kw = {k: data[k] for k in _MODEL_FIELDS if k in data and k not in ("parameters", "options")}
            return cls(parameters=params, options=options, source=source, **kw)
        except InputError as err:
            raise err.located(source=source) from None
        finally:
            if token is not None:
                _DATA_DIR.reset(token)

    def to_dict(self) -> dict[str, Any]:
        """The model-file structure (round-trips through :meth:`from_dict`)."""
        out: dict[str, Any] = {"name": self.name}
        if self.description:
            out["description"] = self.description
        if self.currency:
            out["currency"] = self.currency
        if self.base_year is not None:
            out["base_year"] = self.base_year
        if self.price_base_year is not None and self.price_base_year != self.base_year:
            out["price_base_year"] = self.price_base_year
        out["horizon"] = self.horizon
        rate = self.discount_rate
        if self.discount_name is not None:
            rate = self.discount_name
        elif hasattr(rate, "pairs"):
            rate = [list(p) for p in rate.pairs()]
        if self.discount_range is not None or self.discount_source:
            rate = {"value": rate}
            if self.discount_range is not None:
                rate["low"], rate["high"] = self.discount_range
            if self.discount_source:
                rate["source"] = self.discount_source
        out["discount_rate"] = rate
        out["timing"] = self.timing
        if self.baseline is not None:
            out["baseline"] = self.baseline
        out["parameters"] = {k: p.to_dict() for k, p in self.parameters.items()}
        out["options"] = {k: o.to_dict() for k, o in self.options.items()}
        if self.scenarios:
            out["scenarios"] = {}
            for k, s in self.scenarios.items():
                info = {m: getattr(self, f"scenario_{m}s")[k] for m in SCENARIO_KEYS
                        if k in getattr(self, f"scenario_{m}s")}
                out["scenarios"][k] = {**info, **s}
        if self.decision:
            out["decision"] = dict(self.decision)
        for key in _METHOD_SECTIONS:
            section = getattr(self, key)
            if section is not None:
                out[key] = section.to_dict() if hasattr(section, "to_dict") else section
        if self.correlations is not None:
            out["correlations"] = self.correlations.to_dict()
        return out

    def replace(self, **changes: Any) -> "Model":
        """A copy with fields changed (validated again); flow lines keep the places their file
        gave them (workbook rows) unless the options change."""
        new = replace(self, **changes)
        places = getattr(self, "_places", None)
        if places and "options" not in changes:
            object.__setattr__(new, "_places", places)
        return new

    # -- derived ------------------------------------------------------------------
    @property
    def periods(self) -> np.ndarray:
        """Period numbers 0..horizon."""
        return np.arange(self.horizon + 1)

    @property
    def years(self) -> np.ndarray:
        """Calendar years of the periods (``base_year + t``; ``t`` when no base year)."""
        return self.periods + (self.base_year or 0)

    @property
    def uncertain(self) -> tuple[str, ...]:
        """Names of parameters with a range (low < high)."""
        return tuple(k for k, p in self.parameters.items() if p.has_range)

    @property
    def effect_unit(self) -> str | None:
        """The unit of the model's effect lines (``kind: effect``), None when it has none."""
        for o in self.options.values():
            for f in o.flows:
                if f.kind == "effect":
                    return f.unit
        return None

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Options compared against the baseline (all options when there is none)."""
        return tuple(k for k in self.options if k != self.baseline)

    def parameter_table(self, lang: str = "zh"):
        """Parameters as a DataFrame: label, value, low, high, unit, distribution, source
        (translated headers and distribution names).

        >>> import cba
        >>> m = cba.load_model({"name": "m", "horizon": 1, "discount_rate": 0.05,
        ...     "parameters": {"p": {"value": 2, "low": 1, "high": 4, "distribution": "triangular"}, "q": 1},
        ...     "options": {"a": {"flows": [{"name": "f", "kind": "cost", "amount": "p + q"}]}}})
        >>> m.parameter_table()["分布"].to_dict()
        {'p': '三角分布', 'q': '固定'}
        """
        import pandas as pd

        from ..i18n import label
        from ..i18n.glossary import distribution_label

        rows = {name: {label("label", lang): p.label, label("value", lang): p.value,
                       label("low", lang): p.low, label("high", lang): p.high,
                       label("unit", lang): p.unit,
                       label("distribution", lang): (distribution_label(p.distribution.kind, lang)
                                                     if p.distribution is not None else label("fixed", lang)),
                       label("source", lang): p.source}
                for name, p in self.parameters.items()}
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = label("parameters", lang)
        return frame

    def sample(self, n: int, seed: int | np.random.Generator | None = None) -> dict[str, np.ndarray]:
        """Independent draws of every parameter that has a distribution (``{name: (n,) array}``).

        Parameters are drawn in file order from one Generator, so the same seed gives the same
        numbers. Pass the result to :func:`cba.appraise` as overrides.
        """
        from .distributions import rng

        n = v.integer(n, "n", minimum=1)
        g = rng(seed)
        return {k: p.distribution.sample(n, g) for k, p in self.parameters.items()
                if p.distribution is not None}

    def describe_rate(self) -> str:
        return describe_schedule(self.discount_rate)

    def option_label(self, key: str) -> str:
        return self.options[key].label

    def scenario_label(self, name: str | None, lang: str | None = None) -> str:
        """Display name of a scenario (``None`` or ``"base"``: the base case).

        The scenario's own ``label`` wins; otherwise the glossary names the common keys
        (base, pessimistic, optimistic) in ``lang`` and any other name is shown as written.

        >>> import cba
        >>> m = cba.load_model({"name": "m", "horizon": 1, "discount_rate": 0.05,
        ...     "parameters": {"p": 1}, "options": {"a": {"flows": [{"name": "f", "kind": "cost", "amount": "p"}]}},
        ...     "scenarios": {"high": {"label": "高价情景", "p": 2}, "pessimistic": {"p": 3}, "低": {"p": 0.5}}})
        >>> m.scenario_label("high"), m.scenario_label("pessimistic", "zh"), m.scenario_label("低")
        ('高价情景', '悲观情景', '低')
        >>> m.scenario_label(None, "en")
        'Base case'
        """
        from ..i18n import GLOSSARY, label

        if name is None:
            name = "base"
        if name in self.scenario_labels:
            return self.scenario_labels[name]
        if name == "base":
            return label("base_case", lang)
        key = f"scenario.{name}"
        return label(key, lang) if key in GLOSSARY else name

    def input_label(self, name: str, lang: str = "zh") -> tuple[str, str]:
        """Label and unit of a parameter, or of ``discount_rate`` (translated), for tables and axes."""
        if name == "discount_rate":
            from ..i18n import label

            return label("discount_rate", lang), ""
        p = self.parameters[name]
        return p.label, p.unit

    def resolve_option(self, option: str | None) -> str:
        """The option whose results are reported: ``option``, or the only alternative.

        Raises InputError (field ``option``) when several alternatives exist and none is named,
        when ``option`` is the baseline, or when it is not an option of the model.
        """
        alts = self.alternatives
        if option is None:
            if len(alts) == 1:
                return alts[0]
            raise InputError(msg("model.which_option", n=len(alts), options=v.listing(alts)), where="option")
        if option not in alts:
            if option == self.baseline:
                raise InputError(msg("model.option_is_baseline", option=option, options=v.listing(alts)),
                                 where="option")
            raise InputError(v.unknown_name(str(option), alts, "option"), where="option")
        return option

    def _check_override(self, name: str, value: Any, where: str, percent_check: bool = True) -> Any:
        if name == "discount_rate":
            if percent_check:
                return parse_schedule(value, where=where, steps=True)
            return parse_schedule(value, where=where, percent_check=False, steps=True)
        if name not in self.parameters:
            raise InputError(v.unknown_name(name, list(self.parameters)), where=where)
        if isinstance(value, (list, tuple, np.ndarray)):
            try:
                arr = np.array(value, dtype=float)
            except (TypeError, ValueError):
                raise InputError(msg("model.override_array"), where=where) from None
            if arr.ndim == 2 and arr.shape[1] == 1:     # (n, 1) columns of draws are accepted
                arr = arr[:, 0]
            if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr)):
                raise InputError(msg("model.override_shape", shape=arr.shape), where=where)
            return arr
        return v.number(value, where)

    def check_overrides(self, overrides: Mapping[str, Any], *, where: str = "overrides",
                        percent_check: bool = True) -> dict[str, Any]:
        """Validate ``{parameter: value}`` overrides (values may be 1-D arrays of draws).

        ``percent_check=False`` lets discount rates above 100% through (internal searches for
        a switching discount rate); typed rates above 1 are otherwise taken for percentages.
        """
        return {k: self._check_override(k, x, f"{where}.{k}", percent_check) for k, x in overrides.items()}

