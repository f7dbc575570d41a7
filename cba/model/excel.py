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

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..checks import show
from ..errors import InputError
from ..i18n import msg
from .decision import DecisionRule
from .model import SCENARIO_KEYS

from .excel_cells import (NOTE_COLS, SECTION_SETTINGS, Cells, _hint, _key, _letter, _set_path, _text_or_number, cell_where, flag,
                          num_or_text, section_path, split_list)

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
_TEXT_TYPES = ("s", "str", "inlineStr")


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
