"""Model files as Excel workbooks: reading (with the cell of every field), writing, the template.

Layout (one sheet each; the first row holds the column names, in English as below; a column
headed ``note`` or ``说明`` is ignored on every sheet, as are sheets with other names):

* ``settings``: ``key | value`` rows for name, description, currency, base_year,
  price_base_year, horizon, discount_rate (a number, a schedule name, or steps
  written ``0:0.035; 31:0.03``), discount_rate_low, discount_rate_high, discount_rate_source,
  timing, baseline, decision_<threshold>. A key with an empty value is not set. The sections of
  the appraisal method (:mod:`cba.method`) take rows too, gathered into their sections as the
  YAML file holds them: ``inflation``, ``price_index_file | _year | _value``,
  ``discount_rate_basis``, ``prices_source`` (``prices:``); ``financial_discount_rate``,
  ``main_view``, ``factor_<name>`` and ``factor_<name>_source`` (``economic:``);
  ``optimism_<field>`` (``optimism_bias:``; ``optimism_apply`` TRUE/FALSE); ``benchmark_<metric>``
  and ``benchmark_<metric>_source`` (``benchmarks:``). See :data:`SECTION_SETTINGS`.
* ``parameters``: ``name | value | low | high | unit | label | source | distribution | description``
  (``distribution`` written ``triangular`` or ``normal; sd=2``).
* ``options`` (optional): ``key | label | description``. When this sheet lists options, every
  ``option`` on the ``flows`` sheet must be one of its keys (a misspelt key is an error, not
  a new option); when it is absent or empty, the options are those named on ``flows``.
* ``flows``: ``option | name | kind | amount | values | from | to | at | label | description |
  economic | prices | capex`` (``values`` written ``1; 2; 3``; ``economic`` a number or a name;
  ``capex`` TRUE/FALSE, also the text ``TRUE``/``FALSE`` or ``是``/``否``, nothing else).
* ``assets`` (optional): ``option | name | label | cost | life | salvage | residual | growth |
  from | replace | economic | prices | description``; the rows of an option, in sheet order, are
  its ``assets:`` list. Options are checked as on ``flows``.
* ``scenarios`` (optional): ``scenario | parameter | value``; a scenario name is any text
  (``悲观`` included), and a row whose ``parameter`` is ``label`` (or ``description``) gives the
  scenario's display name (or description) instead of setting a parameter.
* ``price_index`` (optional): ``year | value``, the inline price index (``prices: {index: {year:
  value}}``); not together with the ``price_index_file`` rows.
* ``correlations`` (optional): ``first | second | r``, one row per correlated pair of parameters
  (the ``correlations:`` section as pairs).

Cells may hold formulas, but only their saved results are read: a formula cell without a
saved result (a file written by a program that does not calculate, such as openpyxl) is an
error naming the cell, never read as empty.

While reading, every field of the model is mapped to its cell (:class:`Cells`), so that an
error found later, when the model is validated, names the sheet, row and column.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..checks import show
from ..errors import InputError
from ..i18n import join, msg
from .decision import DecisionRule
from .model import SCENARIO_KEYS

#: settings rows of the appraisal method's sections (see :mod:`cba.method`): row key -> field
#: path in the model file. Besides these, ``factor_<name>`` and ``factor_<name>_source`` rows give
#: any conversion factor (the template lists the three below).
SECTION_SETTINGS: dict[str, str] = {
    "inflation": "prices.inflation",
    "price_index_file": "prices.index.file",
    "price_index_year": "prices.index.year",
    "price_index_value": "prices.index.value",
    "discount_rate_basis": "prices.discount_rate",
    "prices_source": "prices.source",
    "financial_discount_rate": "economic.financial_discount_rate",
    "main_view": "economic.main",
    **{f"factor_{k}{s}": f"economic.factors.{k}.{'source' if s else 'value'}"
       for k in ("standard", "unskilled_labour", "foreign_exchange") for s in ("", "_source")},
    **{f"optimism_{k}": f"optimism_bias.{k}" for k in ("project_type", "capital", "operating", "duration",
                                                        "works_duration", "source", "apply")},
    **{f"benchmark_{k}{s}": f"benchmarks.{k}.{'source' if s else 'value'}"
       for k in ("fnpv", "enpv", "firr", "eirr", "fbcr", "ebcr") for s in ("", "_source")},
}
SETTINGS = ("name", "description", "currency", "base_year", "price_base_year", "horizon",
            "discount_rate", "discount_rate_low", "discount_rate_high", "discount_rate_source",
            "timing", "baseline") + tuple(f"decision_{k}" for k in DecisionRule.names()) + tuple(SECTION_SETTINGS)
REQUIRED_SETTINGS = ("name", "horizon", "discount_rate")
PARAM_COLS = ("name", "value", "low", "high", "unit", "label", "source", "distribution", "description")
OPTION_COLS = ("key", "label", "description")
FLOW_COLS = ("option", "name", "kind", "amount", "values", "from", "to", "at", "label", "description",
             "economic", "prices", "capex", "unit")
ASSET_COLS = ("option", "name", "label", "cost", "life", "salvage", "residual", "growth", "from", "replace",
              "economic", "prices", "description")
SCEN_COLS = ("scenario", "parameter", "value")
PRICE_INDEX_COLS = ("year", "value")
CORR_COLS = ("first", "second", "r")
#: a ``factor_<name>`` or ``factor_<name>_source`` settings row (any conversion factor's name)
_FACTOR_ROW = re.compile(r"factor_(\w+?)(_source)?")
#: the text a TRUE/FALSE cell may also hold (a Chinese workbook writes 是/否)
_FLAGS = {"true": True, "false": False, "是": True, "否": False}
#: column headings the reader skips on every sheet (free notes beside the data)
NOTE_COLS = ("note", "说明")
_TEXT_TYPES = ("s", "str", "inlineStr")


def _letter(j: int) -> str:
    """Column letter of the 0-based column index ``j`` (0 -> A, 26 -> AA)."""
    out = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_where(sheet: str, row: int | None = None, col: str | None = None, name: str | None = None):
    """A cell, as a Text shown in the current language: ``sheet 'flows', row 3, column C ('kind')``."""
    if row is None:
        return msg("model.files.at_sheet", sheet=sheet)
    if col is None:
        return msg("model.files.at_row", sheet=sheet, row=row)
    if name is None:
        return msg("model.files.at_cell", sheet=sheet, row=row, col=col)
    return msg("model.files.at_named_cell", sheet=sheet, row=row, col=col, name=name)


def _hint(name: str, known: list[str]):
    close = difflib.get_close_matches(name, known, n=1)
    return msg("model.files.did_you_mean", name=close[0]) if close else ""


class Cells:
    """Where each field of a model read from a workbook was written.

    Maps a field path as :class:`~cba.Model` names it (``options.kiosk.flows[1].kind``) to
    ``(sheet, row, column letter, column name)``; row-level entries have no column.
    """

    def __init__(self) -> None:
        self.at: dict[str, tuple[str, int | None, str | None, str | None]] = {}

    def add(self, path: str, sheet: str, row: int | None, col: str | None = None,
            name: str | None = None, *, first: bool = False) -> None:
        if first and path in self.at:
            return
        self.at[path] = (sheet, row, col, name)

    def row(self, path: str, sheet: str, r: int, letters: dict[str, str], skip: tuple[str, ...] = ()) -> None:
        """Map ``path`` to row ``r`` and ``path.column`` to each column of the sheet."""
        self.add(path, sheet, r)
        for name, col in letters.items():
            if name not in skip:
                self.add(f"{path}.{name}", sheet, r, col, name)

    def where(self, path: str | None) -> str | None:
        """The cell of a field path, with what is left of the path after it (``item 2``).

        ``None`` when no part of the path was read from the workbook.
        """
        if not path:
            return None
        if path == "(top level)":
            return cell_where("settings")
        best = None
        for key in self.at:
            if path == key or (path.startswith(key) and path[len(key)] in ".["):
                if best is None or len(key) > len(best):
                    best = key
        if best is None:
            return None
        text = cell_where(*self.at[best])
        rest = path[len(best):].lstrip(".")
        if rest:
            import re

            rest = re.sub(r"^\[(\d+)\]", lambda m: str(msg("model.files.item", n=int(m.group(1)) + 1)), rest)
            text = join(text, rest, sep=("：", ": "))
        return text


# -- reading -------------------------------------------------------------------------
def _check_formulas(cells: tuple, formula_cells: tuple | None, sheet: str, r: int,
                    names: list[str] | None, shown: str) -> None:
    """Raise for a cell that holds a formula but no saved result.

    ``cells`` come from the workbook opened with ``data_only=True``, where such a cell reads
    as empty; ``formula_cells`` from the same file opened without it (data type ``'f'``). A
    formula whose saved result is empty text (Excel writes ``t="str"``) is a real, empty result.
    """
    if not formula_cells:
        return
    for j, fcell in enumerate(formula_cells):
        if getattr(fcell, "data_type", None) != "f":
            continue
        cell = cells[j] if j < len(cells) else None
        if cell is not None and (cell.value is not None or cell.data_type in _TEXT_TYPES):
            continue                     # a saved result: use it
        if names is not None and not (j < len(names) and names[j]):
            continue                     # a column without a header is not read
        where = cell_where(sheet, r, _letter(j), names[j] if names is not None else None)
        raise InputError(msg("model.files.no_result"), where=where, source=shown)


def _sheet_rows(wb, sheet: str, columns: tuple[str, ...], shown: str, *, required: bool = True,
                formulas=None):
    """Yield (row number, {column: value}, {column: letter}) for the non-empty rows of a sheet.

    ``wb`` is opened with ``data_only=True`` (saved results of formulas); ``formulas``, the
    same file opened without it, tells a formula without a saved result from an empty cell.
    """
    from itertools import zip_longest

    if sheet not in wb.sheetnames:
        if required:
            raise InputError(msg("model.files.missing_sheet", sheet=sheet, found=", ".join(wb.sheetnames)),
                             source=shown)
        return
    rows = wb[sheet].iter_rows()
    fcells = formulas[sheet].iter_rows() if formulas is not None and sheet in formulas.sheetnames else iter(())
    paired = zip_longest(rows, fcells)
    try:
        header_cells, header_fcells = next(paired, (None, None))
        header_cells = header_cells or ()
        _check_formulas(header_cells, header_fcells, sheet, 1, None, shown)
        names = [str(c.value).strip() if c.value is not None else "" for c in header_cells]
        names = ["" if h in NOTE_COLS else h for h in names]
        letters = {}
        for i, h in enumerate(names):
            if h and h not in columns:
                raise InputError(msg("model.files.unknown_column", name=h, hint=_hint(h, list(columns)),
                                     expected=", ".join(columns)),
                                 where=cell_where(sheet, 1, _letter(i)), source=shown)
            if h in letters:
                raise InputError(msg("model.files.duplicate_column", name=h),
                                 where=cell_where(sheet, 1, _letter(i)), source=shown)
            if h:
                letters[h] = _letter(i)
        for r, (row_cells, row_fcells) in enumerate(paired, start=2):
            row_cells = row_cells or ()
            _check_formulas(row_cells, row_fcells, sheet, r, names, shown)
            row = [c.value for c in row_cells]
            rec = {names[j]: val for j, val in enumerate(row) if j < len(names) and names[j]
                   and val is not None and not (isinstance(val, str) and not val.strip())}
            if rec:
                yield r, rec, letters
    finally:  # read-only sheets hold the zip member open until their row generators close
        for gen in (rows, fcells):
            close = getattr(gen, "close", None)
            if close is not None:
                close()


def split_list(text: Any) -> list[Any]:
    """``'1; 2；3'`` -> ``['1', '2', '3']`` (a number stays one item)."""
    if not isinstance(text, str):
        return [text]
    return [x.strip() for x in text.replace("；", ";").split(";") if x.strip()]


def num_or_text(x: Any) -> Any:
    if isinstance(x, str):
        try:
            return float(x) if any(c in x for c in ".eE") else int(x)
        except ValueError:
            return x.strip()
    return x


def _key(x: Any) -> str | None:
    """A key from a cell: text without the surrounding spaces Excel hides."""
    return None if x is None else str(x).strip()


def section_path(key: str | None) -> str | None:
    """The field path of a settings row of a method section (``None`` for other rows).

    >>> section_path("discount_rate_basis"), section_path("factor_skilled_labour_source")
    ('prices.discount_rate', 'economic.factors.skilled_labour.source')
    """
    if key is None:
        return None
    if key in SECTION_SETTINGS:
        return SECTION_SETTINGS[key]
    m = _FACTOR_ROW.fullmatch(key)
    return f"economic.factors.{m.group(1)}.{'source' if m.group(2) else 'value'}" if m else None


def flag(value: Any) -> bool | None:
    """A TRUE/FALSE cell as a bool: an Excel boolean, or the text ``TRUE``/``FALSE`` (any case)
    or ``是``/``否``; ``None`` for anything else (``1``/``0`` included: a number in a yes/no
    column is more likely a value typed in the wrong column than a yes).

    >>> flag(True), flag(" false "), flag("是"), flag(1)
    (True, False, True, None)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _FLAGS.get(value.strip().lower())
    return None


def _text_or_number(value: Any) -> Any:
    """A cell that holds a name or a number (``economic``): text stripped, ``'0.8'`` -> 0.8."""
    return num_or_text(value) if isinstance(value, str) else value


def _set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """``data['a']['b']['c'] = value`` for ``path`` ``'a.b.c'``, making the mappings on the way."""
    *heads, last = path.split(".")
    for head in heads:
        data = data.setdefault(head, {})
    data[last] = value


def read_excel(p: Path, shown: str) -> tuple[dict[str, Any], Cells]:
    """The model dict of a workbook and the cell of each of its fields."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a broken file
        raise InputError(msg("model.files.cannot_read", err=str(err)), source=shown) from None
    try:
        # The same file again, keeping formulas: with data_only a formula without a saved
        # result reads as an empty cell, which would silently drop or spread a flow.
        formulas = openpyxl.load_workbook(p, read_only=True, data_only=False)
    except Exception as err:
        wb.close()
        raise InputError(msg("model.files.cannot_read", err=str(err)), source=shown) from None
    try:
        return excel_data(wb, formulas, shown)
    finally:
        wb.close()
        formulas.close()


def excel_data(wb, formulas, shown: str) -> tuple[dict[str, Any], Cells]:
    """The model dict from the sheets of an open workbook (values and formulas views)."""
    def rows(sheet: str, columns: tuple[str, ...], *, required: bool = True):
        return _sheet_rows(wb, sheet, columns, shown, required=required, formulas=formulas)

    def fail(message, sheet, r=None, col=None, name=None):
        return InputError(message, where=cell_where(sheet, r, col, name), source=shown)

    cells = Cells()
    data: dict[str, Any] = {}
    key_rows: dict[str, tuple[int, str]] = {}
    for r, rec, cols in rows("settings", ("key", "value")):
        key = _key(rec.get("key"))
        if key not in SETTINGS and section_path(key) is None:
            raise fail(msg("model.files.unknown_setting", name=str(key), hint=_hint(str(key), list(SETTINGS)),
                           known=", ".join(SETTINGS)), "settings", r, cols.get("key"), "key")
        if key in key_rows:
            raise fail(msg("model.files.duplicate_setting", name=key, first=key_rows[key][0]),
                       "settings", r, cols.get("key"), "key")
        key_rows[key] = (r, cols.get("value", "B"))
        path = section_path(key) or (f"discount_rate.{key[14:]}" if key.startswith("discount_rate_") else key)
        cells.add(path, "settings", r, cols.get("value", "B"), "value")
        if path.endswith(".value") and path.startswith(("economic.factors.", "benchmarks.")):  # also the bare form
            cells.add(path[:-len(".value")], "settings", r, cols.get("value", "B"), "value")
        if "value" in rec:                   # a key without a value (as in the template) is not set
            data[key] = rec["value"]
    for key in REQUIRED_SETTINGS:
        if key not in data:
            if key in key_rows:
                raise fail(msg("model.files.empty_setting", name=key), "settings", key_rows[key][0],
                           key_rows[key][1], "value")
            raise fail(msg("model.files.missing_setting", name=key), "settings")
    rate = data.get("discount_rate")
    if isinstance(rate, str) and ":" in rate:
        steps = []
        for part in split_list(rate):
            first, _, val = part.partition(":")
            steps.append([num_or_text(first), num_or_text(val)])
        data["discount_rate"] = steps
    extra = {k: data.pop(f"discount_rate_{k}") for k in ("low", "high", "source")
             if f"discount_rate_{k}" in data}
    if extra:
        data["discount_rate"] = {"value": data.get("discount_rate"), **extra}
        cells.add("discount_rate.value", *cells.at["discount_rate"])
    decision = {k[len("decision_"):]: data.pop(k) for k in list(data) if k.startswith("decision_")}
    if decision:                       # decision_<threshold> rows -> the decision: section
        data["decision"] = decision
        for k in decision:
            cells.add(f"decision.{k}", *cells.at[f"decision_{k}"])
    _method_sections(data, cells, key_rows, fail)

    def keyed_row(sheet: str, column: str, rec: dict, r: int, cols: dict, seen: Mapping, duplicate: str) -> str:
        """The key of a row of a keyed sheet (parameters, options): present and new, with the
        cells of its fields recorded under ``<sheet>.<key>``."""
        key = _key(rec.pop(column, None))
        if key is None:
            raise fail(msg("model.files.missing_cell", name=column), sheet, r, cols.get(column), column)
        if key in seen:
            raise fail(msg(duplicate, name=key), sheet, r, cols[column], column)
        cells.row(f"{sheet}.{key}", sheet, r, cols, skip=(column,))
        cells.add(f"{sheet}.{key}", sheet, r, cols[column], column)
        return key

    params: dict[str, Any] = {}
    for r, rec, cols in rows("parameters", PARAM_COLS):
        name = keyed_row("parameters", "name", rec, r, cols, params, "model.files.duplicate_parameter")
        dist = rec.get("distribution")
        if isinstance(dist, str) and ";" in dist:
            kind, *pairs = split_list(dist)
            spec: dict[str, Any] = {"kind": kind}
            for pair in pairs:
                k, _, val = pair.partition("=")
                spec[k.strip()] = num_or_text(val)
            rec["distribution"] = spec
        params[name] = rec
    data["parameters"] = params

    options: dict[str, Any] = {}
    for r, rec, cols in rows("options", OPTION_COLS, required=False):
        key = keyed_row("options", "key", rec, r, cols, options, "model.files.duplicate_option")
        options[key] = {**rec, "flows": []}
    listed = bool(options)            # then the flows and assets sheets may only name these options

    def option_row(sheet: str, rec: dict, r: int, cols: dict) -> str:
        """The option of a flows or assets row: present, and listed when the options sheet lists
        options; also the text of the method columns (economic, prices, capex) made plain."""
        opt = _key(rec.pop("option", None))
        if opt is None:
            raise fail(msg("model.files.missing_cell", name="option"), sheet, r, cols.get("option"), "option")
        if listed and opt not in options:
            raise fail(msg("model.files.unlisted_option" if sheet == "flows" else "method_excel.unlisted_option",
                           name=opt, hint=_hint(opt, list(options)), known=", ".join(options) or "-"),
                       sheet, r, cols["option"], "option")
        if "economic" in rec:
            rec["economic"] = _text_or_number(rec["economic"])
        for col in ("prices", "residual", "replace"):
            if isinstance(rec.get(col), str):
                rec[col] = rec[col].strip()
        if "capex" in rec:
            value = flag(rec["capex"])
            if value is None:
                raise fail(msg("method_excel.flag", got=show(rec["capex"])), sheet, r, cols["capex"], "capex")
            rec["capex"] = value
        cells.add(f"options.{opt}", sheet, r, cols["option"], "option", first=True)
        return opt

    for r, rec, cols in rows("flows", FLOW_COLS):
        opt = option_row("flows", rec, r, cols)
        if "values" in rec:
            rec["values"] = [num_or_text(x) for x in split_list(rec["values"])]
        flows = options.setdefault(opt, {"flows": []})["flows"]
        cells.row(f"options.{opt}.flows[{len(flows)}]", "flows", r, cols, skip=("option",))
        flows.append(rec)
    for r, rec, cols in rows("assets", ASSET_COLS, required=False):
        opt = option_row("assets", rec, r, cols)
        assets = options.setdefault(opt, {"flows": []}).setdefault("assets", [])
        cells.row(f"options.{opt}.assets[{len(assets)}]", "assets", r, cols, skip=("option",))
        assets.append(rec)
    if not options:
        raise fail(msg("model.files.no_options"), "flows")
    data["options"] = options

    scenarios: dict[str, dict[str, Any]] = {}
    for r, rec, cols in rows("scenarios", SCEN_COLS, required=False):
        for col in SCEN_COLS:
            if col not in rec:
                raise fail(msg("model.files.missing_cell", name=col), "scenarios", r, cols.get(col), col)
        s, par = _key(rec["scenario"]), _key(rec["parameter"])
        over = scenarios.setdefault(s, {})
        if par in over:
            raise fail(msg("model.files.duplicate_override", scenario=s, name=par), "scenarios", r,
                       cols["parameter"], "parameter")
        cells.add(f"scenarios.{s}", "scenarios", r, cols["scenario"], "scenario", first=True)
        # an unknown parameter is the parameter cell's fault; a bad number the value cell's
        # (a label/description row: its text is in the value cell)
        col = "value" if par in params or par in ("discount_rate", *SCENARIO_KEYS) else "parameter"
        cells.add(f"scenarios.{s}.{par}", "scenarios", r, cols[col], col)
        over[par] = rec["value"]
    if scenarios:
        data["scenarios"] = scenarios

    index: dict[Any, Any] = {}
    for r, rec, cols in rows("price_index", PRICE_INDEX_COLS, required=False):
        for col in PRICE_INDEX_COLS:
            if col not in rec:
                raise fail(msg("model.files.missing_cell", name=col), "price_index", r, cols.get(col), col)
        year = num_or_text(rec["year"])
        if isinstance(year, float) and year.is_integer():
            year = int(year)
        if isinstance(year, bool) or not isinstance(year, int):
            raise fail(msg("method_excel.index_year", got=show(rec["year"])), "price_index", r, cols["year"], "year")
        if year in index:
            raise fail(msg("method_excel.index_year_twice", year=year), "price_index", r, cols["year"], "year")
        if isinstance(data.get("prices", {}).get("index"), Mapping):  # also given by price_index_file rows
            first = min(key_rows[k][0] for k in ("price_index_file", "price_index_year", "price_index_value")
                        if k in key_rows)
            raise fail(msg("method_excel.index_twice", row=first), "price_index", r, cols["year"], "year")
        index[year] = rec["value"]
        cells.add("prices.index", "price_index", None, first=True)
        for path in (f"prices.index.{year}", f"prices.index[{year}]"):
            cells.add(path, "price_index", r, cols["value"], "value")
    if index:
        data.setdefault("prices", {})["index"] = index

    pairs = []
    for r, rec, cols in rows("correlations", CORR_COLS, required=False):
        for col in CORR_COLS:
            if col not in rec:
                raise fail(msg("model.files.missing_cell", name=col), "correlations", r, cols.get(col), col)
        path = f"correlations[{len(pairs)}]"
        cells.add(path, "correlations", r)
        for j, col in enumerate(CORR_COLS):
            cells.add(f"{path}[{j}]", "correlations", r, cols[col], col)
        pairs.append([_key(rec["first"]), _key(rec["second"]), num_or_text(rec["r"])])
    if pairs:
        cells.add("correlations", "correlations", None, first=True)
        data["correlations"] = pairs
    return data, cells


def _method_sections(data: dict[str, Any], cells: Cells, key_rows: Mapping[str, tuple[int, str]], fail) -> None:
    """Move the settings rows of the method sections (prices, economic, optimism_bias,
    benchmarks) into their sections, as the YAML file holds them; record the sections' cells."""
    rows = [k for k in data if section_path(k)]          # in sheet order
    for key in [k for k in key_rows if section_path(k)]:  # a section starts at its first row, set or not
        path = section_path(key)
        r = key_rows[key][0]
        parts = path.split(".")
        for n in range(1, len(parts)):
            cells.add(".".join(parts[:n]), "settings", r, first=True)
    for key in rows:
        value = data.pop(key)
        if key == "optimism_apply":
            if flag(value) is None:
                raise fail(msg("method_excel.flag", got=show(value)), "settings", key_rows[key][0],
                           key_rows[key][1], "value")
            value = flag(value)
        _set_path(data, section_path(key), value)
    for section, field in (("economic", "factors"), ("benchmarks", None)):
        entries = data.get(section, {})
        entries = entries.get(field, {}) if field else entries
        for name, entry in entries.items():
            if not isinstance(entry, dict) or "source" not in entry or "value" in entry:
                continue
            row = f"factor_{name}" if section == "economic" else f"benchmark_{name}"
            raise fail(msg("method_excel.source_alone", name=f"{row}_source", of=row), "settings",
                       key_rows[f"{row}_source"][0], key_rows[f"{row}_source"][1], "value")
    factors = data.get("economic", {}).get("factors", {})
    for name, entry in factors.items():                 # a factor without a source: the bare number
        if set(entry) == {"value"}:
            factors[name] = entry["value"]


# -- writing -------------------------------------------------------------------------
def _cell_list(x: Any) -> Any:
    """A list field of a distribution (``values``, ``probabilities``) as the reader takes it: ``1,2,5``."""
    if isinstance(x, (list, tuple)):
        return ",".join(f"{float(v):g}" if isinstance(v, (int, float)) else str(v) for v in x)
    return x


#: the catalogue key of the help shown on each column heading (a cell comment)
_HELP = {"settings": {"key": "key", "value": "value"},
         "parameters": {c: c for c in PARAM_COLS},
         "options": {c: c for c in OPTION_COLS},
         "flows": {c: c for c in FLOW_COLS},
         "assets": {c: c for c in ASSET_COLS},
         "scenarios": {c: c for c in SCEN_COLS},
         "price_index": {c: c for c in PRICE_INDEX_COLS},
         "correlations": {c: c for c in CORR_COLS}}
#: drop-down choices of the template's text columns: sheet -> column -> choices
_CHOICES = {"flows": {"kind": "cost,benefit,effect", "prices": "real,nominal", "capex": "TRUE,FALSE"},
            "assets": {"residual": "straight_line,remaining_life", "replace": "ceil,floor,split",
                       "prices": "real,nominal"}}
GUIDE_SHEET = "说明"


def _both(key: str, **params: Any) -> str:
    """A catalogue sentence in Chinese, then English (for a workbook read in either language)."""
    text = msg(key, **params)
    return f"{text.render('zh')}\n{text.render('en')}"


def _new_sheet(wb, name: str, columns: tuple[str, ...]):
    """A sheet with its column headings (bold, frozen, with help as cell comments)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    ws = wb.create_sheet(name)
    ws.append(list(columns))
    for j, col in enumerate(columns):
        cell = ws.cell(row=1, column=j + 1)
        cell.font = Font(bold=True)
        help_key = _HELP[name].get(col)
        if help_key:
            comment = Comment(_both(f"model.files.help.{name}.{help_key}"), "cba")
            comment.width, comment.height = 320, 160
            cell.comment = comment
        ws.column_dimensions[_letter(j)].width = 14 if col not in ("amount", "cost", "label", "source", "description") else 28
    ws.freeze_panes = "A2"
    return ws


def _append(ws, row: list[Any]) -> None:
    """Append a row; text that starts with ``=`` stays text (not an Excel formula)."""
    ws.append(row)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _guide(wb) -> None:
    """The instructions sheet (ignored by the reader), first, in Chinese and English."""
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(GUIDE_SHEET, 0)
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 70
    ws.append(["说明", "Instructions"])
    ws["A1"].font = ws["B1"].font = Font(bold=True, size=13)
    for prefix in ("model.files.guide", "method_excel.guide"):   # the method's sheets and rows last
        n = 1
        while f"{prefix}.{n}" in _catalogue():
            text = msg(f"{prefix}.{n}")
            ws.append([text.render("zh"), text.render("en")])
            for cell in ws[ws.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            n += 1


def _catalogue():
    from ..i18n import MESSAGES

    return MESSAGES


def _setting_help(key: str) -> str:
    """The note beside a settings row (a ``factor_<name>`` row of any name has a generic one)."""
    if f"model.files.help.setting.{key}" in _catalogue():
        text = _both(f"model.files.help.setting.{key}")
    elif key.endswith("_source"):                  # factor_<name>_source, benchmark_<metric>_source
        text = _both("model.files.help.setting.source_of", name=key[:-len("_source")])
    else:                                          # factor_<name> of a factor the template does not list
        text = _both("model.files.help.setting.factor", name=key[len("factor_"):])
    return text.replace("\n", " / ")


def _cannot_write(path: str) -> InputError:
    return InputError(msg("method_excel.cannot_write", field=path))


def _section_rows(data: Mapping[str, Any]) -> dict[str, Any]:
    """The settings rows of the method sections of a model dict (what the reader turns back
    into the sections); an inline price index goes to the ``price_index`` sheet instead."""
    inverse = {path: key for key, path in SECTION_SETTINGS.items()}
    rows: dict[str, Any] = {}

    def put(path: str, value: Any) -> None:
        if isinstance(value, Mapping) and not (path == "prices.index" and "file" not in value):
            for k, x in value.items():
                put(f"{path}.{k}", x)
            return
        if path == "prices.index":                       # year: value pairs
            return
        key = inverse.get(path) or inverse.get(f"{path}.value")
        m = re.fullmatch(r"economic\.factors\.(\w+?)(?:\.(value|source))?", path)
        if key is None and m:
            key = f"factor_{m.group(1)}" + ("_source" if m.group(2) == "source" else "")
        if key is None or isinstance(value, (list, tuple, Mapping)):
            raise _cannot_write(path)
        rows[key] = value

    for section in ("prices", "economic", "optimism_bias", "benchmarks"):
        if data.get(section) is not None:
            put(section, data[section])
    return rows


def _settings_order(rows: Mapping[str, Any]) -> list[str]:
    """The settings keys in the template's order; factors the template does not list come after
    the ones it does."""
    order = list(SETTINGS)
    extra = [k for k in rows if k not in SETTINGS and _FACTOR_ROW.fullmatch(k)]
    at = order.index("optimism_project_type")
    return order[:at] + extra + order[at:]


def _choices(ws, sheet: str, columns: tuple[str, ...]) -> None:
    """Drop-down lists on the template's text columns with a fixed set of values."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for col, choices in _CHOICES.get(sheet, {}).items():
        dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        ws.add_data_validation(dv)
        letter = _letter(columns.index(col))
        dv.add(f"{letter}2:{letter}1000")


def build_workbook(data: dict[str, Any] | None):
    """An openpyxl workbook holding the model-file structure ``data`` (``None``: the blank template)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _guide(wb)
    ws = _new_sheet(wb, "settings", ("key", "value", "note"))
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 60
    if data is None:
        for key in SETTINGS:
            _append(ws, [key, None, _setting_help(key)])
    else:
        data = dict(data)
        rate = data.get("discount_rate")
        if isinstance(rate, dict):
            data["discount_rate"] = rate["value"]
            data.update({f"discount_rate_{k}": x for k, x in rate.items() if k != "value"})
        data.update({f"decision_{k}": x for k, x in data.pop("decision", {}).items()})
        rows = _section_rows(data)
        data.update(rows)
        for key in _settings_order(rows):
            if key in data:
                val = data[key]
                if isinstance(val, list):
                    val = "; ".join(f"{a}:{b}" for a, b in val)
                _append(ws, [key, val, _setting_help(key)])
    ws = _new_sheet(wb, "parameters", PARAM_COLS)
    for name, p in (data or {}).get("parameters", {}).items():
        dist = p.get("distribution")
        if isinstance(dist, dict):
            dist = "; ".join([dist["kind"]] + [f"{k}={_cell_list(x)}" for k, x in dist.items() if k != "kind"])
        _append(ws, [name] + [dist if c == "distribution" else p.get(c) for c in PARAM_COLS[1:]])
    ws = _new_sheet(wb, "options", OPTION_COLS)
    for key, o in (data or {}).get("options", {}).items():
        _append(ws, [key, o.get("label"), o.get("description")])
    ws = _new_sheet(wb, "flows", FLOW_COLS)
    if data is None:
        _choices(ws, "flows", FLOW_COLS)
    for key, o in (data or {}).get("options", {}).items():
        for f in o["flows"]:
            vals = "; ".join(repr(x) for x in f["values"]) if "values" in f else None
            _append(ws, [key] + [vals if c == "values" else f.get(c) for c in FLOW_COLS[1:]])
    options = (data or {}).get("options", {})
    if data is None or any(o.get("assets") for o in options.values()):
        ws = _new_sheet(wb, "assets", ASSET_COLS)
        if data is None:
            _choices(ws, "assets", ASSET_COLS)
        for key, o in options.items():
            for i, a in enumerate(o.get("assets") or ()):
                for k, x in a.items():
                    if k not in ASSET_COLS[1:] or isinstance(x, (list, tuple, Mapping)):
                        raise _cannot_write(f"options.{key}.assets[{i}].{k}")
                _append(ws, [key] + [a.get(c) for c in ASSET_COLS[1:]])
    if data is None or data.get("scenarios"):
        ws = _new_sheet(wb, "scenarios", SCEN_COLS)
        for s, over in (data or {}).get("scenarios", {}).items():
            for k, x in over.items():
                _append(ws, [s, k, x])
    index = ((data or {}).get("prices") or {}).get("index")
    if data is None or (isinstance(index, Mapping) and "file" not in index):
        ws = _new_sheet(wb, "price_index", PRICE_INDEX_COLS)
        for year, x in (index or {}).items():
            _append(ws, [year, x])
    corr = (data or {}).get("correlations")
    if data is None or corr:
        ws = _new_sheet(wb, "correlations", CORR_COLS)
        if corr:
            from ..uncertainty.correlation import Correlations

            for a, b, r in Correlations.from_entry(corr).pairs():
                _append(ws, [a, b, r])
    wb.active = 0 if data is None else 1
    return wb
