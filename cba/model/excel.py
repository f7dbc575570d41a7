"""Model files as Excel workbooks: reading (with the cell of every field), writing, the template.

Layout (one sheet each; the first row holds the column names, in English as below; a column
headed ``note`` or ``说明`` is ignored on every sheet, as are sheets with other names):

* ``settings``: ``key | value`` rows for name, description, currency, base_year,
  price_base_year, horizon, discount_rate (a number, a schedule name, or steps
  written ``0:0.035; 31:0.03``), discount_rate_low, discount_rate_high, discount_rate_source,
  timing, baseline. A key with an empty value is not set.
* ``parameters``: ``name | value | low | high | unit | label | source | distribution | description``
  (``distribution`` written ``triangular`` or ``normal; sd=2``).
* ``options`` (optional): ``key | label | description``. When this sheet lists options, every
  ``option`` on the ``flows`` sheet must be one of its keys (a misspelt key is an error, not
  a new option); when it is absent or empty, the options are those named on ``flows``.
* ``flows``: ``option | name | kind | amount | values | from | to | at | label | description``
  (``values`` written ``1; 2; 3``).
* ``scenarios`` (optional): ``scenario | parameter | value``; a scenario name is any text
  (``悲观`` included), and a row whose ``parameter`` is ``label`` (or ``description``) gives the
  scenario's display name (or description) instead of setting a parameter.

Cells may hold formulas, but only their saved results are read: a formula cell without a
saved result (a file written by a program that does not calculate, such as openpyxl) is an
error naming the cell, never read as empty.

While reading, every field of the model is mapped to its cell (:class:`Cells`), so that an
error found later, when the model is validated, names the sheet, row and column.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import join, msg
from .decision import DecisionRule
from .model import SCENARIO_KEYS

SETTINGS = ("name", "description", "currency", "base_year", "price_base_year", "horizon",
            "discount_rate", "discount_rate_low", "discount_rate_high", "discount_rate_source",
            "timing", "baseline") + tuple(f"decision_{k}" for k in DecisionRule.names())
REQUIRED_SETTINGS = ("name", "horizon", "discount_rate")
PARAM_COLS = ("name", "value", "low", "high", "unit", "label", "source", "distribution", "description")
OPTION_COLS = ("key", "label", "description")
FLOW_COLS = ("option", "name", "kind", "amount", "values", "from", "to", "at", "label", "description")
SCEN_COLS = ("scenario", "parameter", "value")
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
        if key not in SETTINGS:
            raise fail(msg("model.files.unknown_setting", name=str(key), hint=_hint(str(key), list(SETTINGS)),
                           known=", ".join(SETTINGS)), "settings", r, cols.get("key"), "key")
        if key in key_rows:
            raise fail(msg("model.files.duplicate_setting", name=key, first=key_rows[key][0]),
                       "settings", r, cols.get("key"), "key")
        key_rows[key] = (r, cols.get("value", "B"))
        path = f"discount_rate.{key[14:]}" if key.startswith("discount_rate_") else key
        cells.add(path, "settings", r, cols.get("value", "B"), "value")
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
    listed = bool(options)            # then the flows sheet may only name these options
    for r, rec, cols in rows("flows", FLOW_COLS):
        opt = _key(rec.pop("option", None))
        if opt is None:
            raise fail(msg("model.files.missing_cell", name="option"), "flows", r, cols.get("option"), "option")
        if listed and opt not in options:
            raise fail(msg("model.files.unlisted_option", name=opt, hint=_hint(opt, list(options)),
                           known=", ".join(options) or "-"), "flows", r, cols["option"], "option")
        if "values" in rec:
            rec["values"] = [num_or_text(x) for x in split_list(rec["values"])]
        flows = options.setdefault(opt, {"flows": []})["flows"]
        cells.add(f"options.{opt}", "flows", r, cols["option"], "option", first=True)
        cells.row(f"options.{opt}.flows[{len(flows)}]", "flows", r, cols, skip=("option",))
        flows.append(rec)
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
    return data, cells


# -- writing -------------------------------------------------------------------------
#: the catalogue key of the help shown on each column heading (a cell comment)
_HELP = {"settings": {"key": "key", "value": "value"},
         "parameters": {c: c for c in PARAM_COLS},
         "options": {c: c for c in OPTION_COLS},
         "flows": {c: c for c in FLOW_COLS},
         "scenarios": {c: c for c in SCEN_COLS}}
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
        ws.column_dimensions[_letter(j)].width = 14 if col not in ("amount", "label", "source", "description") else 28
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
    n = 1
    while f"model.files.guide.{n}" in _catalogue():
        text = msg(f"model.files.guide.{n}")
        ws.append([text.render("zh"), text.render("en")])
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        n += 1


def _catalogue():
    from ..i18n import MESSAGES

    return MESSAGES


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
            _append(ws, [key, None, _both(f"model.files.help.setting.{key}").replace("\n", " / ")])
    else:
        data = dict(data)
        rate = data.get("discount_rate")
        if isinstance(rate, dict):
            data["discount_rate"] = rate["value"]
            data.update({f"discount_rate_{k}": x for k, x in rate.items() if k != "value"})
        data.update({f"decision_{k}": x for k, x in data.pop("decision", {}).items()})
        for key in SETTINGS:
            if key in data:
                val = data[key]
                if isinstance(val, list):
                    val = "; ".join(f"{a}:{b}" for a, b in val)
                _append(ws, [key, val, _both(f"model.files.help.setting.{key}").replace("\n", " / ")])
    ws = _new_sheet(wb, "parameters", PARAM_COLS)
    for name, p in (data or {}).get("parameters", {}).items():
        dist = p.get("distribution")
        if isinstance(dist, dict):
            dist = "; ".join([dist["kind"]] + [f"{k}={x}" for k, x in dist.items() if k != "kind"])
        _append(ws, [name] + [dist if c == "distribution" else p.get(c) for c in PARAM_COLS[1:]])
    ws = _new_sheet(wb, "options", OPTION_COLS)
    for key, o in (data or {}).get("options", {}).items():
        _append(ws, [key, o.get("label"), o.get("description")])
    ws = _new_sheet(wb, "flows", FLOW_COLS)
    if data is None:
        from openpyxl.worksheet.datavalidation import DataValidation

        kinds = DataValidation(type="list", formula1='"cost,benefit"', allow_blank=True)
        ws.add_data_validation(kinds)
        kinds.add("C2:C1000")
    for key, o in (data or {}).get("options", {}).items():
        for f in o["flows"]:
            vals = "; ".join(repr(x) for x in f["values"]) if "values" in f else None
            _append(ws, [key] + [vals if c == "values" else f.get(c) for c in FLOW_COLS[1:]])
    if data is None or data.get("scenarios"):
        ws = _new_sheet(wb, "scenarios", SCEN_COLS)
        for s, over in (data or {}).get("scenarios", {}).items():
            for k, x in over.items():
                _append(ws, [s, k, x])
    wb.active = 0 if data is None else 1
    return wb
