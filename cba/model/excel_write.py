"""Writing a model workbook: every sheet of :mod:`cba.model.excel`'s layout from the model-file
structure, with help on each column heading, drop-down choices and the guide sheet (also the
empty template users fill in)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from ..i18n import msg

from .excel import (ASSET_COLS, CORR_COLS, FLOW_COLS, OPTION_COLS, PARAM_COLS, PRICE_INDEX_COLS, SCEN_COLS,
                    SETTINGS)
from .excel_cells import _FACTOR_ROW, SECTION_SETTINGS, _letter
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
