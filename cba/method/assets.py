"""Assets of an option: the first purchase, every replacement within the horizon and the
residual value at its end, for integer and fractional lives.

An option declares its assets in the model file::

    assets:
      - name: kiosks
        label: 岗亭
        cost: n_posts * kiosk_price   # one full purchase, at the price base
        life: service_life            # years > 0, may be fractional
        salvage: 0                    # value at the end of life (default 0)
        residual: straight_line       # straight_line (default) | remaining_life
        growth: 0                     # real cost growth per year (default 0)
        from: 0                       # period of the first purchase (default 0)
        replace: ceil                 # ceil (default) | floor | split

Each asset adds two lines to its option (both ``capex: true``): ``<name>`` (a cost: the purchase
and the replacements) and ``<name>_residual`` (a benefit: the salvage of each retiring asset and
the residual value of the one in service at the horizon).

Notes
-----
With first period :math:`F`, life :math:`L`, horizon :math:`H`, cost :math:`C`, salvage
:math:`S` and growth :math:`g`:

* purchase :math:`k = 0, 1, \\dots` is due at :math:`\\tau_k = F + kL`; the first is always made,
  later ones (replacements) when :math:`\\tau_k < H`. It costs :math:`C (1 + g)^{\\tau_k}`.
* ``replace`` places an event due at a fractional time: ``ceil`` in period
  :math:`\\lceil\\tau\\rceil` (12.5 -> 13: bought when the old one is worn out, as the flows of
  period 13 happen by its end), ``floor`` in :math:`\\lfloor\\tau\\rfloor`, ``split`` shares it
  between both periods in proportion (:math:`1 - f` and :math:`f`, :math:`f = \\tau -
  \\lfloor\\tau\\rfloor`): the present value is then continuous in the life.
* at each replacement the retiring asset yields its salvage :math:`S (1 + g)^{\\tau_k}`, placed
  like the replacement (a negative salvage is a net disposal cost).
* at the horizon the asset then in service (the last purchase, :math:`K`) has the unexpired share
  :math:`u = \\mathrm{clip}((\\tau_K + L - H) / L, 0, 1)`; its residual value, in period
  :math:`H`, is :math:`(1 + g)^H [S + (C - S)\\,s]` with :math:`s = u` (``straight_line``) or
  :math:`s = a(r, uL) / a(r, L)`, :math:`a(r, x) = (1 - (1 + r)^{-x}) / r` (``remaining_life``:
  the value of the remaining service at the discount rate; a stepped schedule uses the rate of
  the step that holds period :math:`H`).

Every amount is valued at the price level of its own time: the cost and the salvage grow with
``growth`` from the price base (period 0). As the life grows, replacements move later or leave
the horizon and the unexpired share grows, so with ``growth`` below the discount rate and a
salvage not above the cost the present cost falls with the life; at a replacement that leaves
the horizon the present value is continuous (the purchase at :math:`H` is matched by a residual
value equal to its cost). ``ceil`` and ``floor`` step where a due time crosses a whole period;
``split`` is continuous.

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "lamps", "horizon": 20, "discount_rate": 0.0,
...     "parameters": {"life": 12.5},
...     "options": {"led": {"assets": [{"name": "lamps", "cost": 100, "life": "life"}]}}})
>>> flows = cba.model.cash_flows(m, cba.model.resolve_inputs(m)).lines["led"]
>>> [(int(t), float(x)) for t, x in enumerate(flows["lamps"][0]) if x]
[(0, 100.0), (13, 100.0)]
>>> float(flows["lamps_residual"][0, 20])       # (25 - 20) / 12.5 = 0.4 of the cost
40.0
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import EvaluationError, InputError
from ..i18n import Text, msg

__all__ = ["Asset", "AssetLine", "equivalent_annual_cost", "asset_schedule", "asset_table", "check_assets", "line_label",
           "RESIDUAL_METHODS", "REPLACE_RULES", "MAX_PURCHASES"]

#: residual-value methods: the unexpired share of the cost, or of the value of the remaining service
RESIDUAL_METHODS = ("straight_line", "remaining_life")
#: where a purchase due at a fractional time falls: its period, the one before, or shared
REPLACE_RULES = ("ceil", "floor", "split")
#: purchases of one asset within the horizon, at most (a guard against lives near 0)
MAX_PURCHASES = 1000
_FIELDS = ("name", "label", "cost", "life", "salvage", "residual", "growth", "from", "replace", "economic",
           "prices", "description")
_FORMULAS = ("cost", "life", "salvage", "growth")
_EVENTS = ("purchase", "replacement", "salvage", "residual")


@dataclass(frozen=True)
class AssetLine:
    """One cash-flow line of an asset: ``<asset>`` (cost: purchase and replacements) or
    ``<asset>_residual`` (benefit: salvage and residual value).

    It has the attributes every line has (``name``, ``label``, ``kind``, ``economic``,
    ``prices``, ``capex``, ``description``) and ``asset``, the name of its asset. ``label`` is
    shown in the current language (``label_text`` holds both).
    """

    name: str
    kind: str
    label_text: Text
    asset: str
    economic: str | float | None = None
    prices: str = "real"
    capex: bool = True
    description: str = ""

    @property
    def label(self) -> str:
        return self.label_text.render()


def line_label(line: Any, lang: str | None = None) -> str:
    """The label of any cash-flow line in ``lang`` (an asset line's label has both languages;
    a flow's label is the user's text).

    >>> a = Asset.from_entry({"name": "kiosks", "label": "岗亭", "cost": 1, "life": 8})
    >>> line_label(a.lines()[1], "zh"), line_label(a.lines()[1], "en")
    ('岗亭：残值', '岗亭: salvage and residual value')
    """
    text = getattr(line, "label_text", None)
    return text.render(lang) if text is not None else line.label


def _formula(value: Any, key: str):
    """``value`` compiled as an asset formula: parameters only (no ``t``, no ``year``)."""
    from ..model.elements import RESERVED_NAMES
    from ..model.expr import Expr, compile_expr

    if not isinstance(value, Expr):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError(msg("model.formula_or_number", got=v.show(value)), where=key)
        value = compile_expr(value, where=key)
    reserved = sorted(value.names & set(RESERVED_NAMES))
    if reserved:
        raise InputError(msg("method.assets.no_t", name=reserved[0]), where=key)
    return value


def _choice(value: Any, key: str, choices: tuple[str, ...]) -> str:
    """One of ``choices``, else an error suggesting the closest (``straight-line`` -> ``straight_line``)."""
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    close = difflib.get_close_matches(str(value).strip().replace("-", "_").replace(" ", "_").lower(), choices, n=1)
    raise InputError(msg("method.assets.choice", choices=v.listing(choices), hint=v.did_you_mean(close[0] if close else None),
                         got=v.show(value)), where=key)


@dataclass(frozen=True)
class Asset:
    """An asset declared under an option's ``assets:`` (see the module notes for the rules).

    Parameters
    ----------
    name : str
        Identifier; the option gets the lines ``name`` and ``name_residual``.
    cost, life : str or float
        Formulas over parameters (not ``t`` or ``year``): one full purchase at the price base,
        and the service life in years (> 0, may be fractional).
    label : str
        Shown in tables (default: ``name``).
    salvage, growth : str or float
        Value at the end of life (default 0) and real cost growth per year (default 0).
    residual : {"straight_line", "remaining_life"}
    start : int
        Period of the first purchase (the model file's ``from``; default 0).
    replace : {"ceil", "floor", "split"}
    economic, prices, description
        As for flows (:class:`cba.Flow`).

    Examples
    --------
    >>> a = Asset.from_entry({"name": "kiosks", "label": "岗亭", "cost": "n * price", "life": "life"})
    >>> [(line.name, line.kind) for line in a.lines()]
    [('kiosks', 'cost'), ('kiosks_residual', 'benefit')]
    >>> a.to_dict()
    {'name': 'kiosks', 'label': '岗亭', 'cost': 'n * price', 'life': 'life'}
    """

    name: str
    cost: Any
    life: Any
    label: str = ""
    salvage: Any = 0
    residual: str = "straight_line"
    growth: Any = 0
    start: int = 0
    replace: str = "ceil"
    economic: str | float | None = None
    prices: str = "real"
    description: str = ""

    def __post_init__(self) -> None:
        from ..model.elements import PRICE_BASES

        set_ = lambda k, x: object.__setattr__(self, k, x)  # noqa: E731
        v.identifier(self.name, "name")
        set_("label", v.text(self.label, "label") or self.name)
        for key in _FORMULAS:
            set_(key, _formula(getattr(self, key), key))
        if self.life.is_constant and not float(self.life({})) > 0:      # a number: refused when read
            raise InputError(msg("method.assets.rule.life"), where="life")
        if self.cost.is_constant and not float(self.cost({})) >= 0:
            raise InputError(msg("method.assets.rule.cost"), where="cost")
        set_("residual", _choice(self.residual, "residual", RESIDUAL_METHODS))
        set_("replace", _choice(self.replace, "replace", REPLACE_RULES))
        set_("start", v.integer(self.start, "from", minimum=0))
        if self.economic is not None:
            from .views import check_conversion

            set_("economic", check_conversion(self.economic, "economic"))
        set_("prices", v.choice(self.prices, "prices", PRICE_BASES))
        set_("description", v.text(self.description, "description"))

    @classmethod
    def from_entry(cls, entry: Any) -> "Asset":
        """From a model-file entry (a mapping); ``from`` is the first purchase's period."""
        v.mapping(entry, "")
        v.only_keys(entry, "", _FIELDS)
        v.require(entry, "", ("name", "cost", "life"))
        kw = dict(entry)
        if "from" in kw:
            kw["start"] = kw.pop("from")
        return cls(**kw)

    def to_dict(self) -> dict[str, Any]:
        """The model-file entry (fields at their defaults left out): ``from_entry`` reads it back."""
        out: dict[str, Any] = {"name": self.name}
        if self.label != self.name:
            out["label"] = self.label
        out["cost"], out["life"] = self.cost.text, self.life.text
        for key, default in (("salvage", "0"), ("growth", "0")):
            if getattr(self, key).text != default:
                out[key] = getattr(self, key).text
        for key, attr, default in (("residual", "residual", "straight_line"), ("from", "start", 0),
                                   ("replace", "replace", "ceil"), ("economic", "economic", None),
                                   ("prices", "prices", "real"), ("description", "description", "")):
            if getattr(self, attr) != default:
                out[key] = getattr(self, attr)
        return out

    @property
    def names(self) -> frozenset[str]:
        """Parameters the asset's formulas use."""
        return frozenset().union(*(getattr(self, k).names for k in _FORMULAS))

    def lines(self) -> tuple[AssetLine, AssetLine]:
        """The asset's two lines: ``<name>`` (cost) and ``<name>_residual`` (benefit)."""
        common = {"asset": self.name, "economic": self.economic, "prices": self.prices,
                  "description": self.description}
        return (AssetLine(self.name, "cost", msg("method.assets.line_purchase", label=self.label), **common),
                AssetLine(f"{self.name}_residual", "benefit", msg("method.assets.line_residual", label=self.label),
                          **common))

    # -- evaluation -------------------------------------------------------------------------
    def _place_in(self, model: Any) -> str:
        """``options.<key>.assets[<i>]``: where the model holds this asset."""
        for okey, option in model.options.items():
            for i, asset in enumerate(option.assets):
                if asset is self:
                    return f"options.{okey}.assets[{i}]"
        return f"assets.{self.name}"    # pragma: no cover - an asset evaluated outside its model

    def _field_in(self, model: Any, key: str) -> Any:
        """A field of this asset as its file names it: the workbook cell, the YAML position counted
        from 1 (as flow lines are named), else ``options.<key>.assets[<i>].<field>``."""
        path = f"{self._place_in(model)}.{key}"
        places = getattr(model, "_places", None) or {}
        return places.get(path, path)

    def _values(self, model: Any, env_params: Mapping[str, np.ndarray], inputs: Any) -> dict[str, np.ndarray]:
        """The formulas on the draws, each of shape ``(n,)``, checked draw by draw."""
        from ..model.evaluate import located, with_inputs

        n = inputs.n
        out: dict[str, np.ndarray] = {}
        for key in _FORMULAS:
            expr = getattr(self, key)
            try:
                x = expr({k: env_params[k] for k in expr.names})
            except InputError as err:
                raise InputError(err.message, where=self._field_in(model, key), source=model.source) from None
            out[key] = np.broadcast_to(np.asarray(x, dtype=float).reshape(-1, 1) if np.ndim(x) else x,
                                       (n, 1))[:, 0]

        def fail(key: str, bad: np.ndarray, rule: Text) -> None:
            i = int(np.flatnonzero(bad)[0])
            names = getattr(self, key).names | (self.cost.names if key == "salvage" else frozenset())
            shown = {k: float(inputs.values[k][i]) for k in inputs.values if k in names}
            raise EvaluationError(located(model.source, msg(
                "method.assets.bad_value", where=self._field_in(model, key), asset=self.name, value=f"{out[key][i]:g}",
                inputs=with_inputs(shown), rule=rule)))

        cost, life, salvage, growth = (out[k] for k in _FORMULAS)
        with np.errstate(invalid="ignore"):
            bad = ~(np.isfinite(life) & (life > 0))
            if bad.any():
                fail("life", bad, msg("method.assets.rule.life"))
            span = max(model.horizon - self.start, 0)
            count = np.floor(span / life) + 1
            if (count > MAX_PURCHASES).any():
                k = int(count[np.flatnonzero(count > MAX_PURCHASES)[0]])
                fail("life", count > MAX_PURCHASES, msg("method.assets.rule.too_short", k=k, max=MAX_PURCHASES))
            bad = ~(np.isfinite(cost) & (cost >= 0))
            if bad.any():
                fail("cost", bad, msg("method.assets.rule.cost"))
            bad = ~(np.isfinite(salvage) & (salvage <= cost))
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                fail("salvage", bad, msg("method.assets.rule.salvage", cost=f"{cost[i]:g}"))
            bad = ~(np.isfinite(growth) & (growth > -1))
            if bad.any():
                fail("growth", bad, msg("method.assets.rule.growth"))
        return out

    def events(self, model: Any, env_params: Mapping[str, np.ndarray], inputs: Any) -> Iterator[tuple]:
        """The asset's events on the draws: ``(event, rows, due, amount)`` with ``event`` one of
        purchase, replacement, salvage, residual; ``rows`` the draws it happens in, ``due`` its
        time in years from period 0 (the residual value: the horizon) and ``amount`` its value."""
        vals = self._values(model, env_params, inputs)
        cost, life, salvage, growth = (vals[k] for k in _FORMULAS)
        horizon, start = model.horizon, float(self.start)
        grows = bool(np.any(growth != 0))

        def price(rows: np.ndarray, due: np.ndarray) -> np.ndarray | float:
            return (1 + growth[rows]) ** due if grows else 1.0

        rows = np.arange(inputs.n)
        last = np.full(inputs.n, start)
        yield "purchase", rows, last.copy(), cost * price(rows, last)
        tol = _tolerance(horizon)
        k = 1
        while rows.size:
            due = start + k * life[rows]
            keep = due < horizon - tol
            rows, due = rows[keep], due[keep]
            if not rows.size:
                break
            p = price(rows, due)
            yield "replacement", rows, due, cost[rows] * p
            yield "salvage", rows, due, salvage[rows] * p
            last[rows] = due
            k += 1
        u = np.clip((last + life - horizon) / life, 0.0, 1.0)
        if self.residual == "remaining_life":
            from ..finance.metrics import annuity_factor

            r = _horizon_rate(inputs.rate, inputs.n, horizon)
            with np.errstate(all="ignore"):
                share = np.asarray(annuity_factor(r, u * life), dtype=float) / np.asarray(annuity_factor(r, life))
        else:
            share = u
        every = np.arange(inputs.n)
        yield ("residual", every, np.full(inputs.n, float(horizon)),
               (salvage + (cost - salvage) * share) * price(every, np.full(inputs.n, float(horizon))))

    def evaluate(self, model: Any, env_params: Mapping[str, np.ndarray], inputs: Any) -> dict[str, np.ndarray]:
        """``{name: (n, T), name_residual: (n, T)}``: this asset's lines on the draws of ``inputs``.

        Raises
        ------
        EvaluationError
            When a draw's life is not above 0 (or so short that the horizon holds more than
            :data:`MAX_PURCHASES` purchases), its cost is negative, its salvage above its cost,
            its growth not above -1, or any of them not finite: naming the asset's field and
            the draw's parameter values.
        """
        shape = (inputs.n, model.horizon + 1)
        buy, back = np.zeros(shape), np.zeros(shape)
        with np.errstate(over="ignore", invalid="ignore"):     # an overflow is reported by cash_flows
            events = list(self.events(model, env_params, inputs))
        for event, rows, due, amount in events:
            out = buy if event in ("purchase", "replacement") else back
            if event == "residual":
                out[rows, model.horizon] += amount
                continue
            for period, share in _placed(due, self.replace, model.horizon):
                out[rows, period] += amount * share
        return {self.name: buy, f"{self.name}_residual": back}


def _tolerance(horizon: int) -> float:
    """Due times within this of a whole period count as that period (k * life in floating point)."""
    return 1e-9 * max(1.0, float(horizon))


def _placed(due: np.ndarray, rule: str, horizon: int) -> list[tuple[np.ndarray, np.ndarray | float]]:
    """``[(period, share), ...]`` of events due at ``due`` under ``rule`` (shares add up to 1)."""
    tol = _tolerance(horizon)
    if rule == "ceil":
        return [(np.ceil(due - tol).astype(np.int64), 1.0)]
    low = np.floor(due + tol).astype(np.int64)
    if rule == "floor":
        return [(low, 1.0)]
    frac = due - low
    frac = np.where(frac > tol, frac, 0.0)
    return [(low, 1.0 - frac), (np.minimum(low + 1, horizon), frac)]


def _horizon_rate(rate: Any, n: int, horizon: int) -> float | np.ndarray:
    """The discount rate of a remaining-life residual value: a number, one per draw, or for a
    stepped schedule the rate of the step that holds the horizon."""
    from ..finance.schedules import Steps, parse_schedule

    s = parse_schedule(rate, where="discount_rate", percent_check=False)
    if isinstance(s, Steps):
        return float(s.rates[np.searchsorted(s.periods, horizon, side="right") - 1])
    r = np.asarray(s, dtype=float)
    if r.size == 1:
        return float(r.reshape(-1)[0])
    if r.size == n:
        return r.reshape(n)
    raise InputError(msg("method.assets.rate_draws", k=r.size, n=n), where="discount_rate")


def check_assets(options: Mapping[str, Any], parameters: Mapping[str, Any], horizon: int) -> None:
    """The model's checks of its assets: formulas name known parameters; ``from`` lies within
    the horizon. Raises InputError naming ``options.<key>.assets[<i>].<field>``."""
    for okey, option in options.items():
        for i, asset in enumerate(option.assets):
            where = f"options.{okey}.assets[{i}]"
            for key in _FORMULAS:
                unknown = sorted(getattr(asset, key).names - set(parameters))
                if unknown:
                    raise InputError(v.unknown_name(unknown[0], list(parameters)), where=f"{where}.{key}")
            if asset.start > horizon:
                static = msg("model.static_period_0") if horizon == 0 else ""
                raise InputError(msg("model.beyond_horizon", period=asset.start, horizon=horizon, static=static),
                                 where=f"{where}.from")


# -- user functions -------------------------------------------------------------------------------
def equivalent_annual_cost(cost: Any, life: Any, rate: Any, *, salvage: Any = 0.0, opex: Any = 0.0):
    """Equivalent annual cost of an asset: the level annual amount over its life with the same
    present value as buying it (less its salvage at the end of life) plus its running cost.

    Compares options with unequal lives: the one with the lower EAC costs less per year of
    service when each is replaced like for like. Every argument broadcasts (numpy rules).

    Parameters
    ----------
    cost : array_like
        Purchase cost at the start (period 0).
    life : array_like
        Life in years, > 0; may be fractional (the annuity factor is then the continuous
        extension of the formula below).
    rate : float or array_like
        Discount rate(s), > -1; 0 is allowed (the annuity factor is then the life).
    salvage : array_like, default 0
        Value recovered at the end of life.
    opex : array_like, default 0
        Running cost per year (end of year), added to the annualised capital cost.

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    .. math:: EAC = \\frac{C - S (1 + r)^{-L}}{a(r, L)} + O, \\qquad a(r, L) = \\frac{1 - (1 + r)^{-L}}{r}
              \\quad (a = L \\text{ at } r = 0)

    Equivalently :math:`(C - S) / a(r, L) + S r + O`. End-of-year payments, as in the textbooks.

    Examples
    --------
    Brealey, Myers and Allen, *Principles of Corporate Finance*, "choosing between long- and
    short-lived equipment": machine A costs 15 and 5 a year for 3 years, machine B costs 10 and
    6 a year for 2 years, at 6%:

    >>> round(equivalent_annual_cost(15, 3, 0.06, opex=5), 2), round(equivalent_annual_cost(10, 2, 0.06, opex=6), 2)
    (10.61, 11.45)
    >>> equivalent_annual_cost(100, [4, 12.5], 0.0)
    array([25.,  8.])
    """
    from ..finance.metrics import _number_array, _out, _plain_rate

    r = np.asarray(_plain_rate(rate, "equivalent_annual_cost"), dtype=float)
    c, n = _number_array(cost, "cost"), _number_array(life, "life")
    s, o = _number_array(salvage, "salvage"), _number_array(opex, "opex")
    if not np.all(np.isfinite(n) & (n > 0)):
        bad = n[~(np.isfinite(n) & (n > 0))].reshape(-1)[0]
        raise InputError(msg("method.assets.rule.life") + f" ({bad:g})", where="life")
    with np.errstate(all="ignore"):
        v_n = np.exp(-n * np.log1p(r))
        a = np.where(r == 0, n, -np.expm1(-n * np.log1p(r)) / np.where(r == 0, 1.0, r))
        return _out((c - s * v_n) / a + o)


def _one_draw(model: Any, overrides: Mapping[str, Any]):
    """Inputs of one draw (the base values with ``overrides``) and the parameters as (1, 1) arrays."""
    from ..model.evaluate import resolve_inputs

    inputs = resolve_inputs(model, overrides)
    if inputs.n != 1:
        name = next(k for k, x in overrides.items() if np.size(x) == inputs.n)
        raise InputError(msg("method.assets.one_value", name=name, n=inputs.n), where=name)
    env = {k: np.asarray(a, dtype=float).reshape(1, 1) for k, a in inputs.values.items()}
    return inputs, env


def _event_rows(model: Any, asset: Asset, inputs: Any, env: Mapping[str, np.ndarray]) -> list[tuple]:
    """``(event, due, period, amount)`` of one draw, an event split over two periods as two rows."""
    rows = []
    for event, _, due, amount in asset.events(model, env, inputs):
        if event == "salvage" and asset.salvage.is_constant and not amount.any():
            continue        # no salvage declared: no rows of zeros
        if event == "residual":
            rows.append((event, float(due[0]), model.horizon, float(amount[0])))
            continue
        for period, share in _placed(due, asset.replace, model.horizon):
            share = float(np.broadcast_to(share, due.shape)[0])
            if share > 0:
                rows.append((event, float(due[0]), int(period[0]), float(amount[0]) * share))
    return rows


def asset_schedule(model: Any, option: str | None = None, *, lang: str | None = None, **overrides: Any):
    """Every event of each asset at the given values: purchase, replacements, salvage, residual value.

    Parameters
    ----------
    model : Model
    option : str, optional
        One option's assets (default: every option's).
    lang : {"zh", "en"}, optional
        Language of the headers and events (default: the current language).
    **overrides
        Parameter values (one number each) replacing the base values; ``discount_rate`` too
        (it matters for a ``remaining_life`` residual value).

    Returns
    -------
    pandas.DataFrame
        Columns option, asset, event, due (years from period 0), period, year and amount, with
        headers in ``lang``; an event split between two periods (``replace: split``) is two
        rows. ``attrs["notes"]`` states each asset's placement rule and residual method.

    Examples
    --------
    >>> import cba
    >>> m = cba.load_model({"name": "lamps", "horizon": 20, "discount_rate": 0.08, "base_year": 2025,
    ...     "parameters": {"life": 12.5},
    ...     "options": {"led": {"assets": [{"name": "lamps", "cost": 100, "life": "life", "salvage": 10}]}}})
    >>> print(asset_schedule(m, lang="en").to_string(index=False))
    Option Asset          Event  Due (years)  Period  Year  Amount
       led lamps       purchase          0.0       0  2025   100.0
       led lamps    replacement         12.5      13  2038   100.0
       led lamps        salvage         12.5      13  2038    10.0
       led lamps residual value         20.0      20  2045    46.0
    """
    import pandas as pd

    from ..i18n import check_lang, get_lang
    from ..i18n import label as glossary

    lang = check_lang(lang or get_lang())
    if option is not None and option not in model.options:
        raise InputError(v.unknown_name(str(option), list(model.options), "option"), where="option")
    inputs, env = _one_draw(model, overrides)
    records, notes = [], []
    for okey, opt in model.options.items():
        if option is not None and okey != option:
            continue
        for asset in opt.assets:
            notes.append(_rule_note(asset).render(lang))
            for event, due, period, amount in _event_rows(model, asset, inputs, env):
                records.append((okey, asset.name, msg(f"method.assets.event.{event}").render(lang), due, period,
                                int(model.years[period]), amount))
    cols = [glossary("option", lang), msg("method.assets.col.asset").render(lang),
            msg("method.assets.col.event").render(lang), msg("method.assets.col.due").render(lang),
            glossary("period", lang), glossary("year", lang), msg("method.assets.col.amount").render(lang)]
    frame = pd.DataFrame(records, columns=cols)
    frame.attrs["notes"] = notes
    return frame


def _rule_note(asset: Asset) -> Text:
    return msg("method.assets.rule_note", asset=asset.name, rule=asset.replace,
               method=msg(f"method.assets.residual.{asset.residual}"))


def asset_table(model: Any, lang: str = "zh") -> tuple[list[str], list[list[str]]]:
    """The report's table of assets: ``(columns, rows)``, one row per asset, in ``lang``.

    Each row: option, asset (label and name), cost and life formulas, residual method,
    replacement rule, and at the model's values the purchase periods and the residual value.
    No rows when the model has no assets.
    """
    from ..formatting import fmt_money
    from ..i18n import label as glossary

    rows: list[list[str]] = []
    sep = "、" if lang == "zh" else ", "
    inputs = env = None
    for okey, opt in model.options.items():
        for asset in opt.assets:
            if inputs is None:
                inputs, env = _one_draw(model, {})
            events = _event_rows(model, asset, inputs, env)
            periods: dict[int, float] = {}
            for event, _, period, amount in events:
                if event in ("purchase", "replacement"):
                    periods[period] = periods.get(period, 0.0) + amount
            bought = sep.join(str(p) for p in sorted(periods))
            residual = sum(amount for event, _, _, amount in events if event == "residual")
            name = asset.name if asset.label == asset.name else (
                f"{asset.label}（{asset.name}）" if lang == "zh" else f"{asset.label} ({asset.name})")
            rows.append([model.option_label(okey), name, asset.cost.text, asset.life.text,
                         msg(f"method.assets.residual.{asset.residual}").render(lang),
                         msg(f"method.assets.replace.{asset.replace}").render(lang), bought or "—",
                         fmt_money(residual)])
    cols = [glossary("option", lang)] + [msg(f"method.assets.col.{k}").render(lang) for k in
                                         ("asset", "cost", "life", "residual", "replace", "purchases",
                                          "residual_value")]
    return cols, rows
