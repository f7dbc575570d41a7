"""The cells of a model workbook: where a field lives (sheet, row, column letter and name, shown in
the current language) and how a cell's value is read (lists, numbers or text, keys, flags, the
settings rows that belong to a method section)."""
from __future__ import annotations

import difflib
import re
from typing import Any

from ..i18n import join, msg

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
#: a ``factor_<name>`` or ``factor_<name>_source`` settings row (any conversion factor's name)
_FACTOR_ROW = re.compile(r"factor_(\w+?)(_source)?")
#: the text a TRUE/FALSE cell may also hold (a Chinese workbook writes 是/否)
_FLAGS = {"true": True, "false": False, "是": True, "否": False}
#: column headings the reader skips on every sheet (free notes beside the data)
NOTE_COLS = ("note", "说明")
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
            rest = re.sub(r"^\[(\d+)\]", lambda m: str(msg("model.files.item", n=int(m.group(1)) + 1)), rest)
            text = join(text, rest, sep=("：", ": "))
        return text


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
