"""The financial and the economic view of one model: conversion factors (shadow wage, standard
conversion factor, shadow exchange rate), transfers removed and external effects added in the
economic view.

Each line may carry an ``economic:`` field: a factor name (``unskilled_labour``), a number
(0.9), ``transfer`` (a tax or subsidy) or ``external`` (an effect on people outside the budget,
such as fewer accidents). A line without it takes the ``standard`` factor. The model's
``economic:`` section may replace cba's cited defaults (:mod:`cba.method.factors`), add factors
of its own, give the financial view its own discount rate and choose the main view::

    economic:
      factors:
        unskilled_labour: {value: 0.8, source: 上海非技术劳动力不富余，取区间上限}
        standard: 1.0
      financial_discount_rate: 0.04
      main: economic            # the view of the appraisal and its conclusion (default)

Notes
-----
For a line amount ``x_t`` (as entered, after deflation and optimism bias):

* financial view: ``x_t``, except external lines: 0 (they are not budget cash);
* economic view: ``f * x_t`` with ``f`` the line's factor (``standard`` when none is given);
  transfer lines: 0; external lines: ``x_t`` (factor 1).

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.1, "parameters": {},
...     "economic": {"factors": {"unskilled_labour": 0.8}},
...     "options": {"o": {"flows": [
...         {"name": "wages", "kind": "cost", "amount": "100", "economic": "unskilled_labour"},
...         {"name": "vat", "kind": "cost", "amount": "13", "economic": "transfer"},
...         {"name": "safety", "kind": "benefit", "amount": "50", "economic": "external"}]}}})
>>> fin = cba.appraise(m, view="financial").flows.lines["o"]
>>> eco = cba.appraise(m, view="economic").flows.lines["o"]
>>> [float(fin[k][0, 1]) for k in ("wages", "vat", "safety")]
[100.0, 13.0, 0.0]
>>> [float(eco[k][0, 1]) for k in ("wages", "vat", "safety")]
[80.0, 0.0, 50.0]
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import msg
from .adjust import VIEWS
from .assets import line_label
from .factors import DEFAULT_FACTORS, RESERVED

__all__ = ["convert_view", "main_view", "check_economic", "check_conversion", "check_view",
           "check_line_factors", "Economic", "Factor", "economic_section", "line_factor", "factor_uses",
           "declares_conversion"]


@dataclass(frozen=True)
class Factor:
    """One conversion factor: its value and source (``default``: cba's cited table)."""

    name: str
    value: float
    source: str = ""
    source_en: str = ""
    default: bool = False

    def source_in(self, lang: str | None = None) -> str:
        from ..i18n import get_lang

        lang = lang or get_lang()
        return (self.source_en or self.source) if lang == "en" else self.source


@dataclass(frozen=True)
class Economic:
    """The validated ``economic:`` section: every factor in force (cba's defaults, then the
    model's), the financial view's discount rate (None: the model's) and the main view."""

    factors: Mapping[str, Factor]
    financial_discount_rate: Any = None
    main: str = "economic"
    #: what the model file gave (written back by :meth:`to_dict`)
    given: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def value(self, name: str) -> float:
        return self.factors[name].value

    def to_dict(self) -> dict[str, Any]:
        return dict(self.given)


def _defaults() -> dict[str, Factor]:
    return {k: Factor(k, val, zh, en, True) for k, (val, zh, en) in DEFAULT_FACTORS.items()}


#: the section of a model without ``economic:``
_DEFAULT_SECTION = None


def economic_section(model: Any) -> Economic:
    """The model's :class:`Economic` section, or cba's defaults when it declares none."""
    global _DEFAULT_SECTION
    sec = getattr(model, "economic", None)
    if sec is not None:
        return sec
    if _DEFAULT_SECTION is None:
        _DEFAULT_SECTION = Economic(factors=MappingProxyType(_defaults()))
    return _DEFAULT_SECTION


def _factor_value(x: Any, where: str) -> float:
    val = v.number(x, where)
    if val < 0:
        raise InputError(msg("method.factor_negative", got=v.show(x)), where=where)
    return val


def check_economic(entry: Any, where: str = "economic") -> Economic:
    """Validate the model file's ``economic:`` section.

    >>> sec = check_economic({"factors": {"unskilled_labour": {"value": 0.8, "source": "上海"}}})
    >>> sec.value("unskilled_labour"), sec.value("foreign_exchange"), sec.main
    (0.8, 1.08, 'economic')
    >>> sec.to_dict()
    {'factors': {'unskilled_labour': {'value': 0.8, 'source': '上海'}}}
    """
    if isinstance(entry, Economic):
        return entry
    entry = dict(v.mapping(entry if entry is not None else {}, where))
    v.only_keys(entry, where, ("factors", "financial_discount_rate", "main"))
    factors = _defaults()
    given: dict[str, Any] = {}
    raw = v.mapping(entry.get("factors") or {}, f"{where}.factors")
    given_factors: dict[str, Any] = {}
    for name, x in raw.items():
        fw = f"{where}.factors.{name}"
        v.identifier(name, fw)
        if name in RESERVED:
            raise InputError(msg("method.factor_reserved", name=name), where=fw)
        if isinstance(x, Mapping):
            v.only_keys(x, fw, ("value", "source"))
            v.require(x, fw, ("value",))
            val = _factor_value(x["value"], f"{fw}.value")
            source = v.text(x.get("source", ""), f"{fw}.source")
            given_factors[name] = {"value": val, "source": source} if source else val
        else:
            val, source = _factor_value(x, fw), ""
            given_factors[name] = val
        factors[name] = Factor(name, val, source, "", False)
    if given_factors:
        given["factors"] = given_factors
    rate = entry.get("financial_discount_rate")
    if rate is not None:
        from ..finance.schedules import parse_schedule

        rw = f"{where}.financial_discount_rate"
        if isinstance(rate, (list, tuple)) and any(not isinstance(x, (list, tuple)) for x in rate):
            raise InputError(msg("model.one_schedule", got=v.show(rate)), where=rw)
        given["financial_discount_rate"] = rate
        rate = parse_schedule(rate, where=rw, steps=True)
    main = v.choice(entry.get("main", "economic"), f"{where}.main", VIEWS)
    if "main" in entry:
        given["main"] = main
    return Economic(factors=MappingProxyType(factors), financial_discount_rate=rate, main=main,
                    given=MappingProxyType(given))


def check_conversion(value: Any, where: str = "economic") -> float | str:
    """Validate a line's ``economic:`` field: a factor name, a number >= 0, ``transfer`` or
    ``external``. Whether a name is a known factor is checked by the model
    (:func:`check_line_factors`).

    >>> check_conversion(0.8), check_conversion("unskilled_labour"), check_conversion("transfer")
    (0.8, 'unskilled_labour', 'transfer')
    """
    if isinstance(value, str):
        name = value.strip()
        if not v._IDENT.match(name):
            raise InputError(msg("method.conversion", names=v.listing(list(DEFAULT_FACTORS)), got=v.show(value)),
                             where=where)
        return name
    if v._is_bool(value) or not isinstance(value, (int, float, np.number)):
        raise InputError(msg("method.conversion", names=v.listing(list(DEFAULT_FACTORS)), got=v.show(value)),
                         where=where)
    return _factor_value(value, where)


def check_view(view: Any, where: str = "view") -> str:
    """``financial`` or ``economic``, else an InputError naming ``where``."""
    if view not in VIEWS:
        raise InputError(msg("method.view", got=v.show(view)), where=where)
    return view


def check_line_factors(model: Any) -> None:
    """Every line's ``economic:`` name is a known factor (cba's or the model's) or a reserved
    treatment; raises naming ``options.<o>.flows[i].economic`` with a did-you-mean hint."""
    known = list(economic_section(model).factors)
    for okey, opt in model.options.items():
        places = [(f"options.{okey}.flows[{i}].economic", getattr(f, "economic", None))
                  for i, f in enumerate(opt.flows)]
        places += [(f"options.{okey}.assets[{j}].economic", getattr(a, "economic", None))
                   for j, a in enumerate(getattr(opt, "assets", ()) or ())]
        for where, name in places:
            if isinstance(name, str) and name not in RESERVED and name not in known:
                import difflib

                close = difflib.get_close_matches(name, known + list(RESERVED), n=1)
                raise InputError(msg("method.unknown_factor", name=name,
                                     hint=v.did_you_mean(close[0] if close else None),
                                     known=v.listing(known + list(RESERVED))), where=where)


def main_view(model: Any) -> str:
    """The view the appraisal and its conclusion use by default: the section's ``main``
    (``economic`` when the model declares none)."""
    sec = getattr(model, "economic", None)
    return sec.main if sec is not None else "economic"


def line_factor(model: Any, line: Any, view: str) -> float:
    """The factor applied to ``line`` in ``view`` (1.0 leaves it as entered).

    >>> import cba
    >>> m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.1, "parameters": {},
    ...     "options": {"o": {"flows": [{"name": "fx", "kind": "cost", "amount": "1", "economic": "foreign_exchange"}]}}})
    >>> line_factor(m, m.options["o"].flows[0], "economic"), line_factor(m, m.options["o"].flows[0], "financial")
    (1.08, 1.0)
    """
    if getattr(line, "kind", None) == "effect":      # a quantity, the same in both views
        return 1.0
    tag = getattr(line, "economic", None)
    if view == "financial":
        return 0.0 if tag == "external" else 1.0
    if tag == "transfer":
        return 0.0
    if tag == "external":
        return 1.0
    if tag is None:
        return economic_section(model).value("standard")
    if isinstance(tag, str):
        return economic_section(model).value(tag)
    return float(tag)


def declares_conversion(model: Any) -> bool:
    """Whether the model converts anything: an ``economic:`` section or a line with ``economic:``."""
    if getattr(model, "economic", None) is not None:
        return True
    return any(getattr(line, "economic", None) is not None for o in model.options.values() for line in o.lines)


def factor_uses(model: Any, lang: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Which lines each treatment applies to: ``[(treatment, [(option, line label), ...])]``,
    treatments being factor names, ``transfer``, ``external`` or a number (as text), in the
    order factors are listed, then numbers, transfer and external."""
    uses: dict[str, list[tuple[str, str]]] = {}
    for okey, opt in model.options.items():
        for line in opt.lines:
            if getattr(line, "kind", None) == "effect":    # a quantity: never converted
                continue
            tag = getattr(line, "economic", None)
            key = "standard" if tag is None else (tag if isinstance(tag, str) else f"{float(tag):g}")
            uses.setdefault(key, []).append((okey, line_label(line, lang)))
    order = list(economic_section(model).factors)
    keys = ([k for k in order if k in uses] + [k for k in uses if k not in order and k not in RESERVED]
            + [k for k in RESERVED if k in uses])
    return [(k, uses[k]) for k in keys]


def convert_view(model: Any, inputs: Any, lines: dict, view: str) -> dict:
    """Lines in ``view``: financial drops external effects; economic converts and drops transfers.

    ``lines`` is ``{option: {line: (n, T) array}}``; a new mapping is returned and no array is
    changed in place (a line with factor 1 is passed through as it is).
    """
    check_view(view)
    out: dict[str, dict[str, np.ndarray]] = {}
    for okey, ls in lines.items():
        meta = {line.name: line for line in model.options[okey].lines} if okey in model.options else {}
        new = {}
        for name, arr in ls.items():
            line = meta.get(name)
            f = 1.0 if line is None else line_factor(model, line, view)
            if f == 1.0:
                new[name] = arr
            elif f == 0.0:
                new[name] = np.zeros_like(arr, dtype=float)
            else:
                new[name] = np.multiply(arr, f)
        out[okey] = new
    return out
