"""The elements of a model: parameters, cash-flow lines and options (see :class:`cba.Model`).

Each is a frozen dataclass validated when built; every check names the field, e.g.
``low: expected a number, got 'ten'`` (the model adds the ``parameters.kiosk_price.`` prefix).

Examples
--------
>>> p = Parameter("price", 100, low=80, high=120)
>>> p.has_range, p.label
(True, 'price')
>>> Flow("purchase", "cost", "price", at=0).start
0
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .. import checks as v
from ..errors import InputError
from ..i18n import msg
from .distributions import Distribution
from .expr import Expr, compile_expr

__all__ = ["Parameter", "Flow", "Option", "TIMINGS", "RESERVED_NAMES", "FLOW_KINDS"]

TIMINGS = ("end", "mid", "begin")
#: names every formula may use besides the parameters
RESERVED_NAMES = ("t", "year")
_PARAM_FIELDS = ("value", "low", "high", "unit", "label", "source", "distribution", "description")
_FLOW_FIELDS = ("name", "kind", "amount", "values", "from", "to", "at", "label", "description",
                "economic", "prices", "capex", "unit")
#: kinds of a flow line: money (costs, benefits) and a non-monetary effect (e.g. accidents avoided)
FLOW_KINDS = ("cost", "benefit", "effect")
_OPTION_FIELDS = ("label", "description", "flows", "assets")
#: price bases a flow line may be entered in (``nominal`` lines are deflated to the price base)
PRICE_BASES = ("real", "nominal")


def _prefix(err: InputError, prefix: str) -> InputError:
    return err.located(prefix=prefix)


@dataclass(frozen=True)
class Parameter:
    """A model input with its central value and, optionally, a range and distribution.

    Parameters
    ----------
    name : str
        Identifier used in formulas (ASCII letters, digits, ``_``).
    value : float
        Central (base-case) value.
    low, high : float, optional
        Plausible range used by sensitivity and break-even searches; ``low <= value <= high``.
    unit, label, source, description : str
        Shown in reports; ``label`` defaults to ``name``. ``source`` should say where the
        numbers come from, or ``estimate``.
    distribution : Distribution, str or mapping, optional
        E.g. ``"triangular"`` (uses low, value, high) or ``{"kind": "normal", "sd": 2}``.
    """

    name: str
    value: float
    low: float | None = None
    high: float | None = None
    unit: str = ""
    label: str = ""
    source: str = ""
    distribution: Distribution | None = None
    description: str = ""

    def __post_init__(self) -> None:
        v.identifier(self.name, "name")
        if self.name in RESERVED_NAMES:
            raise InputError(msg("model.reserved_name", name=self.name), where="name")
        set_ = lambda k, x: object.__setattr__(self, k, x)  # noqa: E731
        set_("value", v.number(self.value, "value"))
        for bound in ("low", "high"):
            x = getattr(self, bound)
            set_(bound, None if x is None else v.number(x, bound))
        if self.low is not None and self.low > self.value:
            raise InputError(msg("model.low_above_value", low=f"{self.low:g}", value=f"{self.value:g}"), where="low")
        if self.high is not None and self.high < self.value:
            raise InputError(msg("model.high_below_value", high=f"{self.high:g}", value=f"{self.value:g}"),
                             where="high")
        for key in ("unit", "label", "source", "description"):
            set_(key, v.text(getattr(self, key), key))
        if not self.label:
            set_("label", self.name)
        if self.distribution is not None and not isinstance(self.distribution, Distribution):
            set_("distribution", Distribution.from_spec(self.distribution, value=self.value,
                                                        low=self.low, high=self.high))

    @property
    def has_range(self) -> bool:
        """True when both low and high are given and differ."""
        return self.low is not None and self.high is not None and self.low < self.high

    @classmethod
    def from_entry(cls, name: str, entry: Any) -> "Parameter":
        """From a model-file entry: a bare number, or a mapping with ``value`` and more."""
        try:
            if isinstance(entry, Mapping):
                v.only_keys(entry, "", _PARAM_FIELDS)
                v.require(entry, "", ("value",))
                return cls(name=name, **dict(entry))
            return cls(name=name, value=entry)
        except InputError as err:
            raise _prefix(err, name) from None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value}
        for key in ("low", "high"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        for key in ("unit", "source", "description"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.label != self.name:
            out["label"] = self.label
        if self.distribution is not None:
            out["distribution"] = self.distribution.to_dict()
        return out


@dataclass(frozen=True)
class Flow:
    """One cash-flow line of an option.

    Parameters
    ----------
    name : str
        Identifier of the line.
    kind : {"cost", "benefit", "effect"}
        Costs are entered as positive amounts. An ``effect`` is a quantity that is not money (e.g.
        accidents avoided, in its ``unit``): it is left out of costs and benefits and used by
        cost-effectiveness analysis (:func:`cba.cost_effectiveness`).
    amount : str or float, optional
        Formula in cba's safe expression language (see :mod:`cba.expr`), evaluated for every
        period from ``start`` to ``end``; may use parameters, ``t`` (period) and ``year``.
    values : sequence of float, optional
        Explicit per-period amounts instead of ``amount``; ``values[i]`` belongs to period
        ``start + i``.
    start, end : int, optional
        First and last period (model files: ``from`` and ``to``). ``start`` defaults to 1
        (to 0 in a static model, ``horizon: 0``), ``end`` to the model horizon (or to the last
        period of ``values``).
    at : int, optional
        A one-period flow: sets ``start = end = at``.
    economic : str or float, optional
        Its treatment in the economic view (see :mod:`cba.method.views`): a conversion factor
        (a number, or the name of one such as ``unskilled_labour``), ``transfer`` (a tax or
        subsidy: dropped in the economic view) or ``external`` (an external effect: only in the
        economic view). Default: the standard conversion factor.
    prices : {"real", "nominal"}
        ``nominal`` amounts are deflated to the model's price base (see :mod:`cba.method.prices`).
    capex : bool
        A capital cost (optimism bias uplifts capital and operating costs differently).
    unit : str
        The unit of an ``effect`` line (e.g. ``起``); every effect line of a model has the same.
    """

    name: str
    kind: Literal["cost", "benefit", "effect"]
    amount: Expr | str | float | None = None
    values: tuple[float, ...] | None = None
    start: int | None = None
    end: int | None = None
    at: int | None = None
    label: str = ""
    description: str = ""
    economic: str | float | None = None
    prices: str = "real"
    capex: bool = False
    unit: str = ""
    #: True when ``values`` were placed from period 1 because no ``from`` was given
    #: (a static model, ``horizon: 0``, places them from period 0 instead)
    start_defaulted: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = lambda k, x: object.__setattr__(self, k, x)  # noqa: E731
        v.identifier(self.name, "name")
        v.choice(self.kind, "kind", FLOW_KINDS)
        if (self.amount is None) == (self.values is None):
            raise InputError(msg("model.amount_or_values"), where="amount")
        if self.at is not None:
            if self.start is not None or self.end is not None:
                raise InputError(msg("model.at_with_from_to"), where="at")
            at = v.integer(self.at, "at", minimum=0)
            set_("start", at)
            set_("end", at)
        if self.start is not None:
            set_("start", v.integer(self.start, "from", minimum=0))
        if self.end is not None:
            set_("end", v.integer(self.end, "to", minimum=0))
        if self.values is not None:
            vals = tuple(v.number(x, f"values[{i}]") for i, x in enumerate(v.sequence(self.values, "values")))
            if not vals:
                raise InputError(msg("model.no_values"), where="values")
            set_("values", vals)
            set_("start_defaulted", self.start is None)
            start = 1 if self.start is None else self.start
            if self.end is not None and self.end - start + 1 != len(vals):
                raise InputError(msg("model.values_misfit", n=len(vals), start=start, end=self.end,
                                     periods=self.end - start + 1), where="values")
            set_("start", start)
            set_("end", start + len(vals) - 1)
        elif not isinstance(self.amount, Expr):
            amt = self.amount
            if isinstance(amt, bool) or not isinstance(amt, (str, int, float)):
                raise InputError(msg("model.formula_or_number", got=v.show(amt)), where="amount")
            set_("amount", compile_expr(amt, where="amount"))
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InputError(msg("model.to_before_from", end=self.end, start=self.start), where="to")
        set_("label", v.text(self.label, "label") or self.name)
        set_("description", v.text(self.description, "description"))
        if self.economic is not None:
            from ..method.views import check_conversion

            set_("economic", check_conversion(self.economic, "economic"))
        set_("prices", v.choice(self.prices, "prices", PRICE_BASES))
        set_("capex", v.boolean(self.capex, "capex"))
        set_("unit", v.text(self.unit, "unit"))
        if self.kind == "effect":     # a quantity, not money: no prices, capital or conversion
            for key, default in (("economic", None), ("prices", "real"), ("capex", False)):
                if getattr(self, key) != default:
                    raise InputError(msg("model.effect_not_money", field=key), where=key)
        elif self.unit:
            raise InputError(msg("model.unit_for_effects"), where="unit")

    @classmethod
    def from_entry(cls, entry: Any) -> "Flow":
        v.mapping(entry, "")
        v.only_keys(entry, "", _FLOW_FIELDS)
        v.require(entry, "", ("name", "kind"))
        kw = dict(entry)
        if "from" in kw:
            kw["start"] = kw.pop("from")
        if "to" in kw:
            kw["end"] = kw.pop("to")
        if isinstance(kw.get("values"), list):
            kw["values"] = tuple(kw["values"])
        return cls(**kw)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.values is not None:
            out["values"] = list(self.values)
            out["from"] = self.start
        else:
            out["amount"] = self.amount.text
            if self.start is not None and self.start == self.end:
                out["at"] = self.start
            else:
                if self.start is not None:
                    out["from"] = self.start
                if self.end is not None:
                    out["to"] = self.end
        if self.label != self.name:
            out["label"] = self.label
        if self.description:
            out["description"] = self.description
        if self.economic is not None:
            out["economic"] = self.economic
        if self.prices != "real":
            out["prices"] = self.prices
        if self.capex:
            out["capex"] = True
        if self.unit:
            out["unit"] = self.unit
        return out


@dataclass(frozen=True)
class Option:
    """A course of action: a key, a label, its cash-flow lines and its assets.

    ``assets`` (see :class:`cba.method.assets.Asset`) each add lines of their own (purchases
    and replacements, residual value); :attr:`lines` lists every line, flows first.
    """

    key: str
    flows: tuple[Flow, ...] = ()
    label: str = ""
    description: str = ""
    assets: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        v.identifier(self.key, "key")
        flows = []
        seen: set[str] = set()
        for i, flow in enumerate(v.sequence(list(self.flows), "flows")):
            try:
                flow = flow if isinstance(flow, Flow) else Flow.from_entry(flow)
            except InputError as err:
                raise _prefix(err, f"flows[{i}]") from None
            if flow.name in seen:
                raise InputError(msg("model.duplicate_flow", name=flow.name), where=f"flows[{i}].name")
            seen.add(flow.name)
            flows.append(flow)
        object.__setattr__(self, "flows", tuple(flows))
        object.__setattr__(self, "label", v.text(self.label, "label") or self.key)
        object.__setattr__(self, "description", v.text(self.description, "description"))
        assets = []
        if self.assets:
            from ..method.assets import Asset

            for i, asset in enumerate(v.sequence(list(self.assets), "assets")):
                try:
                    asset = asset if isinstance(asset, Asset) else Asset.from_entry(asset)
                except InputError as err:
                    raise _prefix(err, f"assets[{i}]") from None
                assets.append(asset)
        object.__setattr__(self, "assets", tuple(assets))
        for i, asset in enumerate(self.assets):
            for line in asset.lines():
                if line.name in seen:
                    raise InputError(msg("model.duplicate_flow", name=line.name), where=f"assets[{i}].name")
                seen.add(line.name)

    @property
    def lines(self) -> tuple[Any, ...]:
        """Every cash-flow line of the option: its flows, then each asset's lines. Each has
        ``name``, ``label``, ``kind``, ``economic``, ``prices`` and ``capex``."""
        return self.flows + tuple(line for asset in self.assets for line in asset.lines())

    @classmethod
    def from_entry(cls, key: str, entry: Any) -> "Option":
        try:
            entry = {} if entry is None else v.mapping(entry, "")
            v.only_keys(entry, "", _OPTION_FIELDS)
            flows = v.sequence(entry.get("flows") or (), "flows")
            assets = v.sequence(entry.get("assets") or (), "assets")
            return cls(key=key, flows=tuple(flows), label=entry.get("label", ""),
                       description=entry.get("description", ""), assets=tuple(assets))
        except InputError as err:
            raise _prefix(err, key) from None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.label != self.key:
            out["label"] = self.label
        if self.description:
            out["description"] = self.description
        out["flows"] = [f.to_dict() for f in self.flows]
        if self.assets:
            out["assets"] = [a.to_dict() for a in self.assets]
        return out


def _in_period_0(option: Option) -> Option:
    """A static model's option: flow lines without ``from``/``at`` placed in period 0."""
    flows = []
    for f in option.flows:
        if f.values is None and f.start is None:
            f = replace(f, start=0)
        elif f.values is not None and f.start_defaulted:
            f = replace(f, start=0, end=None)
        flows.append(f)
    return replace(option, flows=tuple(flows))
