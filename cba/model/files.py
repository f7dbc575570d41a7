"""Read and write model files: YAML, and the same content as an Excel workbook.

Model files are data. YAML is read with a safe loader (no tags that build Python
objects) that also rejects duplicate keys; formulas are parsed by
:mod:`cba.expr`, never executed as Python.

Excel layout (one sheet each; the first row holds the column names):

* ``settings``: ``key | value`` rows for name, description, currency, base_year,
  price_base_year, horizon, discount_rate (a number, a schedule name, or steps
  written ``0:0.035; 31:0.03``), timing, baseline.
* ``parameters``: ``name | value | low | high | unit | label | source | distribution | description``.
* ``options`` (optional): ``key | label | description``. When this sheet is present, every
  ``option`` on the ``flows`` sheet must be one of its keys (a misspelt key is an error, not
  a new option).
* ``flows``: ``option | name | kind | amount | values | from | to | at | label | description``
  (``values`` written ``1; 2; 3``).
* ``scenarios`` (optional): ``scenario | parameter | value``; a scenario name is any text
  (``悲观`` included), and a row whose ``parameter`` is ``label`` (or ``description``) gives the
  scenario's display name (or description) instead of setting a parameter.

Cells may hold formulas, but only their saved results are read: a formula cell without a
saved result (a file written by a program that does not calculate, such as openpyxl) is an
error naming the cell, never read as empty.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import checks as v
from ..errors import InputError
from .model import Model

__all__ = ["load_model", "read_model_data", "write_excel", "file_sha256"]

_SETTINGS = ("name", "description", "currency", "base_year", "price_base_year", "horizon",
             "discount_rate", "discount_rate_low", "discount_rate_high", "discount_rate_source",
             "timing", "baseline")
_PARAM_COLS = ("name", "value", "low", "high", "unit", "label", "source", "distribution", "description")
_OPTION_COLS = ("key", "label", "description")
_FLOW_COLS = ("option", "name", "kind", "amount", "values", "from", "to", "at", "label", "description")
_SCEN_COLS = ("scenario", "parameter", "value")


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def load_model(source: str | os.PathLike | Mapping[str, Any]) -> Model:
    """Load and validate a model from a YAML file, an Excel workbook or a dict.

    Parameters
    ----------
    source : path or mapping
        ``.yaml``/``.yml``, ``.xlsx``, or the same structure as a dict.

    Returns
    -------
    Model

    Raises
    ------
    InputError
        Naming the file and the field, e.g.
        ``data/x.yaml: parameters.kiosk_price.low: expected a number, got 'ten'``.

    Examples
    --------
    >>> m = load_model({"name": "x", "horizon": 1, "discount_rate": "china",
    ...                 "parameters": {}, "options": {"o": {"flows": []}}})
    >>> m.describe_rate()
    '8%'
    >>> load_model({"name": "x", "horizon": 1, "discount_rate": 0.08,
    ...             "parameters": {"p": {"value": 1, "low": "ten"}}, "options": {"o": None}})
    Traceback (most recent call last):
    ...
    cba.errors.InputError: parameters.p.low: expected a number, got 'ten'
    """
    if isinstance(source, Mapping):
        return Model.from_dict(source)
    data, shown = read_model_data(source)
    return Model.from_dict(data, source=shown)


def read_model_data(path: str | os.PathLike) -> tuple[dict[str, Any], str]:
    """Read a model file into its dict structure (not yet validated). Returns (data, shown name)."""
    shown = str(path)
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file" if not p.exists() else "not a file", source=shown)
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(p, shown), shown
    if suffix in (".xlsx", ".xlsm"):
        return _read_excel(p, shown), shown
    raise InputError(f"expected a .yaml, .yml or .xlsx model file, got '{p.suffix or p.name}'", source=shown)


# -- YAML ----------------------------------------------------------------------------
def _yaml_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader that rejects duplicate keys instead of keeping the last one."""

    def construct_mapping(loader, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in seen:
                raise InputError(
                    f"duplicate key {key!r} (line {key_node.start_mark.line + 1}; first at line {seen[key]})",
                    where=f"line {key_node.start_mark.line + 1}")
            seen[key] = key_node.start_mark.line + 1
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return yaml, Loader


def _read_yaml(p: Path, shown: str) -> dict[str, Any]:
    yaml, Loader = _yaml_loader()
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text ({err.reason} at byte {err.start})", source=shown) from None
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader subclass
    except InputError as err:
        raise err.located(source=shown) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(f"not valid YAML: {problem}", where=where, source=shown) from None
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top level (name:, horizon:, ...)", source=shown)
    return data


# -- Excel ---------------------------------------------------------------------------
_NO_RESULT = ("cell holds a formula without a saved result; open and save the workbook in "
              "Excel/WPS, or type the number")
_TEXT_TYPES = ("s", "str", "inlineStr")


def _check_formulas(cells: tuple, formula_cells: tuple | None, sheet: str, r: int,
                    names: list[str] | None, shown: str) -> None:
    """Raise for a cell that holds a formula but no saved result.

    ``cells`` come from the workbook opened with ``data_only=True``, where such a cell reads
    as empty; ``formula_cells`` from the same file opened without it (data type ``'f'``). A
    formula whose saved result is empty text (Excel writes ``t="str"``) is a real, empty result.
    """
    if not formula_cells:
        return
    from openpyxl.utils import get_column_letter

    for j, fcell in enumerate(formula_cells):
        if getattr(fcell, "data_type", None) != "f":
            continue
        cell = cells[j] if j < len(cells) else None
        if cell is not None and (cell.value is not None or cell.data_type in _TEXT_TYPES):
            continue                     # a saved result: use it
        if names is not None and not (j < len(names) and names[j]):
            continue                     # a column without a header is not read
        col = get_column_letter(j + 1)
        named = f" ('{names[j]}')" if names is not None else ""
        raise InputError(_NO_RESULT, where=f"sheet '{sheet}', row {r}, column {col}{named}", source=shown)


def _sheet_rows(wb, sheet: str, columns: tuple[str, ...], shown: str, *, required: bool = True,
                formulas=None):
    """Yield (row number, {column: value}) for the non-empty rows of a sheet.

    ``wb`` is opened with ``data_only=True`` (saved results of formulas); ``formulas``, the
    same file opened without it, tells a formula without a saved result from an empty cell.
    """
    from itertools import zip_longest

    if sheet not in wb.sheetnames:
        if required:
            raise InputError(f"missing sheet '{sheet}' (sheets found: {', '.join(wb.sheetnames)})", source=shown)
        return
    rows = wb[sheet].iter_rows()
    fcells = formulas[sheet].iter_rows() if formulas is not None and sheet in formulas.sheetnames else iter(())
    paired = zip_longest(rows, fcells)
    try:
        header_cells, header_fcells = next(paired, (None, None))
        header_cells = header_cells or ()
        _check_formulas(header_cells, header_fcells, sheet, 1, None, shown)
        names = [str(c.value).strip() if c.value is not None else "" for c in header_cells]
        for i, h in enumerate(names):
            if h and h not in columns:
                raise InputError(f"unknown column '{h}'; expected columns: {', '.join(columns)}",
                                 where=f"sheet '{sheet}', row 1, column {i + 1}", source=shown)
        for r, (row_cells, row_fcells) in enumerate(paired, start=2):
            row_cells = row_cells or ()
            _check_formulas(row_cells, row_fcells, sheet, r, names, shown)
            row = [c.value for c in row_cells]
            rec = {names[j]: val for j, val in enumerate(row) if j < len(names) and names[j]
                   and val is not None and not (isinstance(val, str) and not val.strip())}
            if rec:
                yield r, rec
    finally:  # read-only sheets hold the zip member open until their row generators close
        for gen in (rows, fcells):
            close = getattr(gen, "close", None)
            if close is not None:
                close()


def _split_list(text: Any, where: str, shown: str) -> list[Any]:
    if not isinstance(text, str):
        return [text]
    return [x.strip() for x in text.replace("；", ";").split(";") if x.strip()]


def _read_excel(p: Path, shown: str) -> dict[str, Any]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a broken file
        raise InputError(f"cannot read the workbook: {err}", source=shown) from None
    try:
        # The same file again, keeping formulas: with data_only a formula without a saved
        # result reads as an empty cell, which would silently drop or spread a flow.
        formulas = openpyxl.load_workbook(p, read_only=True, data_only=False)
    except Exception as err:
        wb.close()
        raise InputError(f"cannot read the workbook: {err}", source=shown) from None
    try:
        return _excel_data(wb, formulas, shown)
    finally:
        wb.close()
        formulas.close()


def _excel_data(wb, formulas, shown: str) -> dict[str, Any]:
    """The model dict from the sheets of an open workbook (values and formulas views)."""
    def rows(sheet: str, columns: tuple[str, ...], *, required: bool = True):
        return _sheet_rows(wb, sheet, columns, shown, required=required, formulas=formulas)

    data: dict[str, Any] = {}
    for r, rec in rows("settings", ("key", "value")):
        key = rec.get("key")
        if key not in _SETTINGS:
            raise InputError(v.unknown_name(str(key), list(_SETTINGS), "setting"),
                             where=f"sheet 'settings', row {r}", source=shown)
        data[key] = rec.get("value")
    rate = data.get("discount_rate")
    if isinstance(rate, str) and ":" in rate:
        steps = []
        for part in _split_list(rate, "discount_rate", shown):
            first, _, val = part.partition(":")
            steps.append([_num_or_text(first), _num_or_text(val)])
        data["discount_rate"] = steps
    extra = {k: data.pop(f"discount_rate_{k}") for k in ("low", "high", "source")
             if f"discount_rate_{k}" in data}
    if extra:
        data["discount_rate"] = {"value": data.get("discount_rate"), **extra}
    params: dict[str, Any] = {}
    for r, rec in rows("parameters", _PARAM_COLS):
        name = rec.pop("name", None)
        if name is None:
            raise InputError("missing 'name'", where=f"sheet 'parameters', row {r}", source=shown)
        if name in params:
            raise InputError(f"duplicate parameter '{name}'", where=f"sheet 'parameters', row {r}",
                             source=shown)
        dist = rec.get("distribution")
        if isinstance(dist, str) and ";" in dist:
            kind, *pairs = _split_list(dist, "distribution", shown)
            spec: dict[str, Any] = {"kind": kind}
            for pair in pairs:
                k, _, val = pair.partition("=")
                spec[k.strip()] = _num_or_text(val)
            rec["distribution"] = spec
        params[str(name)] = rec
    data["parameters"] = params
    options: dict[str, Any] = {}
    listed = "options" in wb.sheetnames     # then the flows sheet may only name these options
    for r, rec in rows("options", _OPTION_COLS, required=False):
        key = _key(rec.pop("key", None))
        if key is None:
            raise InputError("missing 'key'", where=f"sheet 'options', row {r}", source=shown)
        if key in options:
            raise InputError(f"duplicate option '{key}'", where=f"sheet 'options', row {r}", source=shown)
        options[key] = {**rec, "flows": []}
    for r, rec in rows("flows", _FLOW_COLS):
        opt = _key(rec.pop("option", None))
        if opt is None:
            raise InputError("missing 'option'", where=f"sheet 'flows', row {r}", source=shown)
        if listed and opt not in options:
            raise InputError(v.unknown_name(opt, list(options), "option")
                             + "; options used on the 'flows' sheet must be listed on the 'options' sheet",
                             where=f"sheet 'flows', row {r}", source=shown)
        if "values" in rec:
            rec["values"] = [_num_or_text(x) for x in _split_list(rec["values"], "values", shown)]
        options.setdefault(opt, {"flows": []})["flows"].append(rec)
    data["options"] = options
    scenarios: dict[str, dict[str, Any]] = {}
    for r, rec in rows("scenarios", _SCEN_COLS, required=False):
        scenarios.setdefault(_key(rec.get("scenario")), {})[_key(rec.get("parameter"))] = rec.get("value")
    if scenarios:
        data["scenarios"] = scenarios
    return data


def _key(x: Any) -> str | None:
    """An option key from a cell: text without the surrounding spaces Excel hides."""
    return None if x is None else str(x).strip()


def _num_or_text(x: Any) -> Any:
    if isinstance(x, str):
        try:
            return float(x) if any(c in x for c in ".eE") else int(x)
        except ValueError:
            return x.strip()
    return x


def write_excel(model: Model | Mapping[str, Any], path: str | os.PathLike) -> None:
    """Write a model as an Excel workbook in the layout :func:`load_model` reads.

    The file is written to a temporary name and renamed into place.
    """
    import openpyxl

    data = model.to_dict() if isinstance(model, Model) else Model.from_dict(model).to_dict()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "settings"
    ws.append(["key", "value"])
    rate = data.get("discount_rate")
    if isinstance(rate, dict):
        data["discount_rate"] = rate["value"]
        data.update({f"discount_rate_{k}": x for k, x in rate.items() if k != "value"})
    for key in _SETTINGS:
        if key in data:
            val = data[key]
            if isinstance(val, list):
                val = "; ".join(f"{a}:{b}" for a, b in val)
            ws.append([key, val])
    ws = wb.create_sheet("parameters")
    ws.append(list(_PARAM_COLS))
    for name, p in data["parameters"].items():
        dist = p.get("distribution")
        if isinstance(dist, dict):
            dist = "; ".join([dist["kind"]] + [f"{k}={x}" for k, x in dist.items() if k != "kind"])
        ws.append([name] + [dist if c == "distribution" else p.get(c) for c in _PARAM_COLS[1:]])
    ws = wb.create_sheet("options")
    ws.append(list(_OPTION_COLS))
    for key, o in data["options"].items():
        ws.append([key, o.get("label"), o.get("description")])
    ws = wb.create_sheet("flows")
    ws.append(list(_FLOW_COLS))
    for key, o in data["options"].items():
        for f in o["flows"]:
            vals = "; ".join(repr(x) for x in f["values"]) if "values" in f else None
            ws.append([key] + [vals if c == "values" else f.get(c) for c in _FLOW_COLS[1:]])
    if data.get("scenarios"):
        ws = wb.create_sheet("scenarios")
        ws.append(list(_SCEN_COLS))
        for s, over in data["scenarios"].items():
            for k, x in over.items():
                ws.append([s, k, x])
    from ..atomic import atomic_path

    with atomic_path(path) as tmp:
        wb.save(tmp)
