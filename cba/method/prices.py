"""Price bases: nominal lines deflated to the model's price base year; the Fisher relation
between real and nominal discount rates.

The model file's ``prices:`` section::

    prices:
      inflation: 0.02                 # a constant annual rate, or
      index: {file: cpi.csv, year: 年份, value: CPI}   # a column of a CSV/Excel file, or
      # index: {2025: 100, 2026: 102.0}                 # inline year: value pairs
      discount_rate: real             # real (default) | nominal
      source: 国家统计局居民消费价格指数

Amounts are in constant prices of ``price_base_year`` (default ``base_year``) unless a line says
``prices: nominal``; such lines are divided by :math:`I(y_t) / I(y_{base})` (a constant rate
:math:`i`: by :math:`(1+i)^{y_t - y_{base}}`). An index file is read relative to the model file:
CSV in UTF-8, UTF-8 with BOM or GBK, or an Excel workbook (first sheet unless ``sheet:``), with
the header in the first row; it must cover the price base year and every year of the horizon.

``discount_rate: nominal`` declares the model's discount rate nominal: the appraisal then
discounts the constant-price flows at the real rate of each period from the exact Fisher relation
:math:`1 + r_t = (1 + n_t) / (1 + i_t)`, :math:`i_t = I(y_t)/I(y_{t-1}) - 1`, so that the NPV of the
deflated flows at the real rates equals the NPV of the nominal flows at the nominal rate (when
the price base year is the year of period 0; otherwise the two differ by the constant factor
:math:`I(y_{base}) / I(y_0)`, the change of price base).
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .. import checks as v
from ..errors import InputError
from ..i18n import msg

__all__ = ["Prices", "check_prices", "bind_prices", "deflate_lines", "deflate", "price_index",
           "index_factors", "period_inflation", "model_discount_factors", "read_index_file",
           "price_basis_text", "RATE_BASES"]

#: bases of the model's discount rate
RATE_BASES = ("real", "nominal")
_FIELDS = ("inflation", "index", "discount_rate", "source")
_FILE_FIELDS = ("file", "year", "value", "sheet")


@dataclass(frozen=True)
class Prices:
    """The validated ``prices:`` section.

    Attributes
    ----------
    inflation : float or None
        A constant annual inflation rate.
    index : mapping or None
        Inline index values ``{year: value}``.
    file, year_column, value_column, sheet :
        An index read from a column of a CSV or Excel file (path relative to the model file).
    discount_rate : {"real", "nominal"}
        The basis of the model's discount rate.
    source : str
        Where the inflation rate or the index comes from.
    values : mapping or None
        The index actually used ``{year: value}`` (inline, or read from the file when the model
        was built); None for a constant rate.
    """

    inflation: float | None = None
    index: Mapping[int, float] | None = None
    file: str | None = None
    year_column: str | None = None
    value_column: str | None = None
    sheet: str | int | None = None
    discount_rate: str = "real"
    source: str = ""
    values: Mapping[int, float] | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The model-file structure of the section."""
        out: dict[str, Any] = {}
        if self.inflation is not None:
            out["inflation"] = self.inflation
        elif self.file is not None:
            out["index"] = {"file": self.file, "year": self.year_column, "value": self.value_column}
            if self.sheet is not None:
                out["index"]["sheet"] = self.sheet
        else:
            out["index"] = {int(y): float(x) for y, x in (self.index or {}).items()}
        if self.discount_rate != "real":
            out["discount_rate"] = self.discount_rate
        if self.source:
            out["source"] = self.source
        return out


# -- validation ----------------------------------------------------------------------------
def _year(x: Any, where: str) -> int:
    """A calendar year from an int, an integral float, or text such as ``"2025"`` / ``"2025年"``."""
    if isinstance(x, str):
        s = x.strip().removesuffix("年").strip()
        try:
            x = float(s) if s else None
        except ValueError:
            x = None
    if (isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)
            and float(x) == int(x)):
        return int(x)
    raise InputError(msg("prices.year", got=v.show(x)), where=where)


def _positive(x: Any, where: str) -> float:
    value = v.number(x, where)
    if value <= 0:
        raise InputError(msg("prices.positive", got=v.show(x)), where=where)
    return value


def _inline_index(entry: Mapping, where: str) -> dict[int, float]:
    out: dict[int, float] = {}
    for k, x in entry.items():
        year = _year(k, where)
        if year in out:
            raise InputError(msg("prices.duplicate_year", year=year), where=where)
        out[year] = _positive(x, f"{where}.{year}")
    if not out:
        raise InputError(msg("prices.index_form", got=v.show(entry)), where=where)
    return out


def check_prices(entry: Any, where: str = "prices") -> Prices:
    """Validate the model file's ``prices:`` section (the form; the file is read by
    :func:`bind_prices` when the model is built).

    >>> check_prices({"inflation": 0.02, "source": "assumed"})
    Prices(inflation=0.02, index=None, file=None, year_column=None, value_column=None, sheet=None, discount_rate='real', source='assumed')
    >>> check_prices({"index": {2025: 100, 2026: 102}}).index
    {2025: 100.0, 2026: 102.0}
    """
    if isinstance(entry, Prices):
        return entry
    entry = v.mapping(entry, where)
    v.only_keys(entry, where, _FIELDS)
    if ("inflation" in entry) == ("index" in entry):
        raise InputError(msg("prices.one_of"), where=where)
    basis = v.choice(entry.get("discount_rate", "real"), f"{where}.discount_rate", RATE_BASES)
    source = v.text(entry.get("source", ""), f"{where}.source")
    if "inflation" in entry:
        rate = v.number(entry["inflation"], f"{where}.inflation")
        if rate <= -1:
            raise InputError(msg("prices.inflation", got=v.show(entry["inflation"])), where=f"{where}.inflation")
        return Prices(inflation=rate, discount_rate=basis, source=source)
    idx = entry["index"]
    w = f"{where}.index"
    if not isinstance(idx, Mapping):
        raise InputError(msg("prices.index_form", got=v.show(idx)), where=w)
    if "file" in idx:
        v.only_keys(idx, w, _FILE_FIELDS)
        v.require(idx, w, ("file", "year", "value"))
        sheet = idx.get("sheet")
        if sheet is not None and not isinstance(sheet, (str, int)) or isinstance(sheet, bool):
            raise InputError(msg("prices.index_form", got=v.show(idx)), where=f"{w}.sheet")
        return Prices(file=v.text(idx["file"], f"{w}.file", allow_empty=False),
                      year_column=str(v.text(str(idx["year"]), f"{w}.year", allow_empty=False)),
                      value_column=str(v.text(str(idx["value"]), f"{w}.value", allow_empty=False)),
                      sheet=sheet, discount_rate=basis, source=source)
    values = _inline_index(idx, w)
    return Prices(index=values, discount_rate=basis, source=source, values=values)


def _nominal_lines(model: Any):
    """``(option key, line, where)`` of every line entered in nominal prices."""
    for okey, opt in model.options.items():
        for i, f in enumerate(opt.flows):
            if f.prices == "nominal":
                yield okey, f, f"options.{okey}.flows[{i}].prices"
        for j, asset in enumerate(opt.assets):
            for line in asset.lines():
                if getattr(line, "prices", "real") == "nominal":
                    yield okey, line, f"options.{okey}.assets[{j}].prices"


def bind_prices(model: Any) -> Prices | None:
    """The model's ``prices`` with its index read and checked against the model's years.

    Called when the model is built: a line in nominal prices needs a ``prices`` section; an
    index file is read relative to the model file (``model.source``); the index must cover the
    price base year and every year of the horizon (the missing ones are named).
    """
    p = model.prices
    if p is None:
        for _, _, where in _nominal_lines(model):
            raise InputError(msg("prices.no_section"), where=where)
        return None
    if p.inflation is not None:
        return p
    if model.base_year is None:
        raise InputError(msg("prices.needs_years"), where="prices.index")
    values = p.values
    if values is None:
        path = Path(p.file)
        if not path.is_absolute() and model.source:
            path = Path(model.source).parent / path
        values = read_index_file(path, p.year_column, p.value_column, sheet=p.sheet, where="prices.index")
        p = replace(p, values=values)
    years = [int(y) for y in model.years]
    base = int(model.price_base_year)
    missing = sorted({base, *years} - set(values))
    if missing:
        raise InputError(msg("prices.missing_years", years=_year_ranges(missing), base=base,
                             first=min(years[0], base), last=max(years[-1], base)), where="prices.index")
    return p


def _year_ranges(years: list[int]) -> str:
    """``[2027, 2028, 2029, 2031]`` -> ``"2027-2029, 2031"``."""
    out, start = [], None
    for i, y in enumerate(years):
        if start is None:
            start = y
        if i + 1 == len(years) or years[i + 1] != y + 1:
            out.append(str(y) if start == y else f"{start}-{y}")
            start = None
    return ", ".join(out)


# -- the index file ------------------------------------------------------------------------
def read_index_file(path: str | Path, year: str, value: str, *, sheet: str | int | None = None,
                    where: str = "prices.index") -> dict[int, float]:
    """``{year: value}`` from two columns of a CSV file (UTF-8, UTF-8 with BOM or GBK) or an
    Excel workbook (``.xlsx``; ``sheet`` by name or 0-based position, default the first), with
    the column names in the first row. Blank rows are skipped; a bad cell is named by its row
    (as a spreadsheet numbers it: the header is row 1) and column.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); f = os.path.join(d, "cpi.csv")
    >>> _ = open(f, "w", encoding="gbk").write("年份,居民消费价格指数\\n2025,100\\n2026,102\\n")
    >>> read_index_file(f, "年份", "居民消费价格指数")
    {2025: 100.0, 2026: 102.0}
    """
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise InputError(msg("prices.file_missing", path=shown), where=where)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path, shown, where)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _excel_rows(path, shown, sheet, where)
    else:
        raise InputError(msg("prices.file_kind", path=shown), where=where)
    if not rows:
        raise InputError(msg("prices.empty_file", path=shown), where=where)
    header = [("" if h is None else str(h)).strip() for h in rows[0]]
    cols = []
    for name in (year, value):
        if name not in header:
            raise InputError(msg("prices.no_column", path=shown, column=name,
                                 known=v.listing([h for h in header if h])), where=where)
        cols.append(header.index(name))
    out: dict[int, float] = {}
    for r, row in enumerate(rows[1:], start=2):
        cells = [row[c] if c < len(row) else None for c in cols]
        if all(_blank(c) for c in row):
            continue

        def bad(column: str, problem) -> InputError:
            return InputError(msg("prices.cell", path=shown, row=r, column=column, problem=problem), where=where)

        try:
            y = _year(cells[0], where)
        except InputError as err:
            raise bad(year, err.message) from None
        x = cells[1]
        if isinstance(x, str):
            x = x.strip().replace(",", "")
            try:
                x = float(x) if x else None
            except ValueError:
                raise bad(value, msg("prices.not_number", got=v.show(cells[1]))) from None
        if not isinstance(x, numbers.Real) or isinstance(x, bool) or not math.isfinite(x):
            raise bad(value, msg("prices.not_number", got=v.show(cells[1])))
        if x <= 0:
            raise bad(value, msg("prices.positive", got=v.show(cells[1])))
        if y in out:
            raise bad(year, msg("prices.duplicate_year", year=y))
        out[y] = float(x)
    if not out:
        raise InputError(msg("prices.empty_file", path=shown), where=where)
    return out


def _blank(x: Any) -> bool:
    return x is None or (isinstance(x, str) and not x.strip())


def decode_csv(raw: bytes) -> tuple[str, str] | None:
    """The text of a CSV file's bytes and the encoding that read it: ``"utf-8-sig"`` (UTF-8
    with a byte-order mark), ``"utf-8"`` or ``"gbk"`` (read with the GB18030 codec, which reads
    every GBK file); None when none of them reads it.

    >>> decode_csv("年份".encode("gbk")), decode_csv(b"\\xef\\xbb\\xbfa")
    (('年份', 'gbk'), ('a', 'utf-8-sig'))
    """
    import codecs

    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030":
            return text, "gbk"
        return text, ("utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8")
    return None                                      # pragma: no cover - gb18030 decodes almost anything


def _csv_rows(path: Path, shown: str, where: str | None) -> list[list[Any]]:
    import csv
    import io

    decoded = decode_csv(path.read_bytes())
    if decoded is None:                              # pragma: no cover - gb18030 decodes almost anything
        raise InputError(msg("prices.file_encoding", path=shown), where=where)
    return [row for row in csv.reader(io.StringIO(decoded[0]))]


def _excel_rows(path: Path, shown: str, sheet: str | int | None, where: str | None) -> list[list[Any]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:   # a corrupt or non-Excel file  # noqa: BLE001
        raise InputError(msg("prices.file_unreadable", path=shown, error=str(err)), where=where) from None
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif isinstance(sheet, int):
            ws = wb.worksheets[sheet]
        else:
            ws = wb[sheet]
    except (IndexError, KeyError):
        wb.close()
        raise InputError(v.unknown_name(str(sheet), wb.sheetnames, "sheet"), where=f"{where}.sheet") from None
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


# -- the index and deflation ----------------------------------------------------------------
def _index_at(values: Mapping[int, float], years: np.ndarray, base: int) -> np.ndarray:
    missing = sorted({int(base), *map(int, years)} - set(values))
    if missing:
        raise InputError(msg("prices.missing_years", years=_year_ranges(missing), base=int(base),
                             first=int(min(years.min(), base)), last=int(max(years.max(), base))), where="index")
    return np.array([values[int(y)] for y in years], dtype=float) / float(values[int(base)])


def index_factors(model: Any) -> np.ndarray:
    """``I(y_t) / I(y_base)`` for each period (shape ``(horizon + 1,)``): 1 at the price base
    year; all ones when the model has no ``prices`` section."""
    p = model.prices
    years = np.asarray(model.years)
    if p is None:
        return np.ones(years.shape)
    base = model.price_base_year if model.price_base_year is not None else int(years[0])
    if p.inflation is not None:
        return (1.0 + p.inflation) ** (years - base).astype(float)
    return _index_at(p.values, years, base)


def price_index(model: Any):
    """The model's price index by year, rebased to 1 at the price base year (a pandas Series).

    Examples
    --------
    >>> import cba
    >>> m = cba.load_model({"name": "m", "horizon": 2, "base_year": 2025, "discount_rate": 0.05,
    ...     "prices": {"index": {2025: 100, 2026: 102, 2027: 105.06}},
    ...     "parameters": {}, "options": {"a": {"flows": [{"name": "f", "kind": "cost", "amount": 1}]}}})
    >>> cba.price_index(m).round(4).to_dict()
    {2025: 1.0, 2026: 1.02, 2027: 1.0506}
    """
    import pandas as pd

    years = [int(y) for y in model.years]
    return pd.Series(index_factors(model), index=pd.Index(years, name="year"), name="price_index")


def deflate(values: Any, *, years: Any, base_year: int, index: Any = None, inflation: float | None = None):
    """Amounts in nominal prices of ``years`` expressed in constant prices of ``base_year``.

    Parameters
    ----------
    values : array_like
        Amounts, the last axis running over ``years`` (any leading axes, e.g. draws).
    years : array_like of int
        The calendar year of each amount.
    base_year : int
        The price base year.
    index : mapping or pandas Series, optional
        A price index ``{year: value}`` (any reference level) covering ``years`` and
        ``base_year``.
    inflation : float, optional
        A constant annual inflation rate instead of ``index``.

    Returns
    -------
    numpy.ndarray
        A new array (``values`` is never changed).

    Notes
    -----
    .. math:: x^{real}_t = x^{nom}_t \\, I(y_{base}) / I(y_t), \\qquad
              I(y) = (1 + i)^{y - y_{base}} \\text{ for a constant rate.}

    Examples
    --------
    >>> deflate([102.0, 104.04], years=[2026, 2027], base_year=2025, inflation=0.02)
    array([100., 100.])
    >>> deflate([[110.0, 121.0]], years=[2026, 2027], base_year=2026, index={2026: 100, 2027: 110})
    array([[110., 110.]])
    """
    yrs = np.asarray(years, dtype=float)
    if (index is None) == (inflation is None):
        raise InputError(msg("prices.deflate_args"), where="index")
    arr = np.asarray(values, dtype=float)
    if arr.shape[-1:] != yrs.shape:
        raise InputError(msg("prices.deflate_shape", n=arr.shape[-1] if arr.ndim else 0, m=yrs.size), where="values")
    if inflation is not None:
        rate = v.number(inflation, "inflation")
        if rate <= -1:
            raise InputError(msg("prices.inflation", got=v.show(inflation)), where="inflation")
        factors = (1.0 + rate) ** (yrs - base_year)
    else:
        mapping = dict(index.items()) if hasattr(index, "items") else dict(index)
        factors = _index_at({int(k): _positive(x, f"index.{k}") for k, x in mapping.items()}, yrs, base_year)
    return arr / factors


def deflate_lines(model: Any, inputs: Any, lines: dict) -> dict:
    """Lines declared ``prices: nominal`` divided by the price index relative to the base year
    (new arrays; the others are passed through unchanged)."""
    if model.prices is None:
        return lines
    nominal = [(o, line.name) for o, line, _ in _nominal_lines(model)]
    if not nominal:
        return lines
    factors = index_factors(model)
    out = {o: dict(ls) for o, ls in lines.items()}
    for o, name in nominal:
        out[o][name] = lines[o][name] / factors
    return out


# -- the discount rate's basis ---------------------------------------------------------------
def period_inflation(model: Any) -> np.ndarray:
    """Inflation of each period, :math:`i_t = I(y_t)/I(y_{t-1}) - 1` (``i_0 = 0``)."""
    f = index_factors(model)
    out = np.zeros(f.shape)
    out[1:] = f[1:] / f[:-1] - 1.0
    return out


def _period_rates(rate: Any, n_periods: int) -> np.ndarray:
    """The rate of each period ``(..., T)`` of a schedule (constant, array of rates, or steps)."""
    from ..finance.schedules import Steps, parse_schedule

    s = parse_schedule(rate, where="discount_rate", percent_check=False)
    t = np.arange(n_periods)
    if isinstance(s, Steps):
        return s.rates[np.searchsorted(s.periods, t, side="right") - 1]
    return np.asarray(s, dtype=float)[..., None] * np.ones(n_periods)


def model_discount_factors(model: Any, rate: Any, offsets: np.ndarray) -> np.ndarray:
    """Discount factors of the model at ``offsets`` (the appraisal's discounting exponents).

    A real rate (the default basis) discounts as :func:`cba.discount_factors`. A nominal rate
    (``prices.discount_rate: nominal``) is turned period by period into the real rate of the
    exact Fisher relation (:func:`cba.real_rate`) with that period's inflation, and the
    factors compound those real rates: :math:`DF_t = DF_{t-1} / (1 + r_t)`; within a period
    (mid-year or beginning-of-year timing) the period's rate applies pro rata in logs.
    """
    from ..finance.metrics import real_rate
    from ..finance.schedules import discount_factors

    p = model.prices
    if p is None or p.discount_rate != "nominal":
        return np.asarray(discount_factors(rate, offsets), dtype=float)
    n = model.horizon + 1
    real = np.asarray(real_rate(_period_rates(rate, n), period_inflation(model)), dtype=float)
    g = np.log1p(real)
    g[..., 0] = 0.0
    cum = np.cumsum(g, axis=-1)                      # log growth from period 0 to the end of period k
    p_off = np.asarray(offsets, dtype=float)
    k = np.clip(np.ceil(p_off).astype(int), 1, n - 1) if n > 1 else np.zeros(p_off.shape, int)
    if n == 1:
        return np.ones(np.shape(real)[:-1] + p_off.shape)
    log_df = cum[..., k - 1] + (p_off - (k - 1)) * g[..., k]
    return np.exp(-log_df)


# -- words for notes and reports ----------------------------------------------------------
def price_basis_text(model: Any, lang: str | None = None) -> list[str]:
    """Sentences stating the price base, how nominal lines were deflated, the index's source
    and the discount rate's basis (for reports and summaries).

    >>> import cba
    >>> m = cba.load_model({"name": "m", "horizon": 1, "base_year": 2025, "discount_rate": 0.05,
    ...     "parameters": {}, "options": {"a": {"flows": [{"name": "f", "kind": "cost", "amount": 1}]}}})
    >>> price_basis_text(m, "zh")
    ['价格基准：2025年不变价；全部金额均按不变价填写，未作平减']
    """
    from ..formatting import fmt_rate
    from ..i18n.core import render

    year = model.price_base_year if model.price_base_year is not None else model.base_year
    year = "—" if year is None else int(year)
    p = model.prices
    from .assets import line_label

    lines = [line_label(line, lang) for _, line, _ in _nominal_lines(model)] if p is not None else []
    sep = "、" if lang == "zh" else ", "
    if not lines:
        out = [render(msg("prices.basis_constant", year=year), lang)]
    else:
        how = (msg("prices.by_inflation", rate=fmt_rate(p.inflation), year=year) if p.inflation is not None
               else msg("prices.by_index", year=year))
        out = [render(msg("prices.basis_deflated", year=year, lines=sep.join(dict.fromkeys(lines)), how=how), lang)]
    if p is not None:
        if p.source:
            out.append(render(msg("prices.index_source", source=p.source), lang))
        if p.discount_rate == "nominal":
            out.append(render(msg("prices.rate_nominal", rate=model.describe_rate()), lang))
    return out
