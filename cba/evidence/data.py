"""Loading accident data: CSV (UTF-8, UTF-8 with BOM, GBK) and Excel tables, and the checks of
count and exposure columns, with errors that name the file, the row and the column.

Rows are numbered as a spreadsheet numbers them: the header is row 1, the first data row is
row 2. A frame read by :func:`read_table` keeps that number as its index (named ``row``), so
an error found later (by :func:`check_counts`, after filtering or sorting) still names the row
of the file.
"""
from __future__ import annotations

import hashlib
import math
import numbers
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import checks as v
from ..errors import InputError
from ..i18n import Text, msg

__all__ = ["read_table", "check_counts", "cell_where", "file_sha256"]


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _blank(x: Any) -> bool:
    return x is None or (isinstance(x, str) and not x.strip()) or (isinstance(x, float) and math.isnan(x))


def _as_number(x: Any) -> float | None:
    """A cell as a float, or None when it is not a number (text, a TRUE/FALSE cell)."""
    if isinstance(x, bool):
        return None
    if isinstance(x, numbers.Real):
        return float(x)
    if isinstance(x, str):
        s = x.strip().replace(",", "")
        try:
            return float(s)
        except ValueError:
            return None
    return None


def _shown(num: float) -> str:
    """A number for a message: ``-2`` for a whole number, ``2.5`` otherwise."""
    return v.show(int(num)) if float(num).is_integer() else v.show(num)


def read_table(path: str | Path, *, columns: Sequence[str] | Mapping[str, str] | None = None,
               sheet: str | int | None = None):
    """Read a data table from a CSV file or an Excel workbook into a DataFrame.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` file in UTF-8, UTF-8 with a byte-order mark (as Excel saves "CSV UTF-8") or
        GBK (as a Chinese Excel saves "CSV"), or an Excel workbook (``.xlsx``, ``.xlsm``). The
        first row holds the column names (Chinese names are fine).
    columns : sequence of str or mapping, optional
        Columns the table must have (an error names a missing one and lists those present). A
        mapping ``{name in the file: new name}`` also renames them, e.g. Chinese headers to
        names convenient in a formula.
    sheet : str or int, optional
        The worksheet of a workbook, by name or 0-based position (default the first).

    Returns
    -------
    pandas.DataFrame
        One row per non-blank row of the file, indexed by the row's number in the file
        (``row``; the header is row 1). A column whose cells are all numbers (or blank) is
        numeric (blank cells NaN; ``1,234`` is read as 1234); any other column keeps its cells
        as text, so that :func:`check_counts` can name a bad cell. ``frame.attrs`` holds
        ``path``, ``sha256`` (of the file's bytes), ``encoding`` (``"utf-8"``,
        ``"utf-8-sig"``, ``"gbk"``; ``None`` for a workbook) and ``sheet``.

    Examples
    --------
    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "accidents.csv")
    >>> _ = open(f, "w", encoding="gbk").write("路口,事故数,月数\\n莘庄,12,12\\n七宝,7,12\\n")
    >>> t = read_table(f)
    >>> t.attrs["encoding"], list(t.columns), t["事故数"].tolist(), list(t.index)
    ('gbk', ['路口', '事故数', '月数'], [12.0, 7.0], [2, 3])
    """
    import pandas as pd

    from ..method.prices import _excel_rows, decode_csv

    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise InputError(msg("evidence.data.file_missing", path=shown))
    suffix = path.suffix.lower()
    raw = path.read_bytes()
    encoding = None
    if suffix == ".csv":
        import csv
        import io

        decoded = decode_csv(raw)
        if decoded is None:                           # pragma: no cover - gb18030 decodes almost anything
            raise InputError(msg("prices.file_encoding", path=shown))
        text, encoding = decoded
        rows = [list(r) for r in csv.reader(io.StringIO(text))]
    elif suffix in (".xlsx", ".xlsm"):
        rows = _excel_rows(path, shown, sheet, "sheet")
    else:
        raise InputError(msg("evidence.data.file_kind", path=shown))
    if not rows or all(all(_blank(c) for c in r) for r in rows[1:]):
        raise InputError(msg("evidence.data.empty_file", path=shown))
    header = [("" if h is None else str(h)).strip() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    for j, name in enumerate(header):
        if not name:
            from ..model.excel_cells import _letter    # A, B, ... AA: one column-letter rule

            raise InputError(msg("evidence.data.blank_header", col=_letter(j)), source=shown)
        if name in header[:j]:
            raise InputError(msg("evidence.data.duplicate_header", column=name), source=shown)
    body, numbers_in_file = {}, []
    for r, row in enumerate(rows[1:], start=2):
        if all(_blank(c) for c in row):
            continue
        numbers_in_file.append(r)
        for j, name in enumerate(header):
            body.setdefault(name, []).append(row[j] if j < len(row) else None)
    data = {}
    for name in header:
        cells = body.get(name, [])
        parsed = [None if _blank(c) else _as_number(c) for c in cells]
        if all(p is not None or _blank(c) for p, c in zip(parsed, cells)):
            data[name] = [math.nan if p is None else p for p in parsed]
        else:
            data[name] = [None if _blank(c) else (c.strip() if isinstance(c, str) else c) for c in cells]
    frame = pd.DataFrame(data, index=pd.Index(numbers_in_file, name="row"), columns=header)
    if columns is not None:
        wanted = list(columns)
        for name in wanted:
            if name not in frame.columns:
                raise InputError(msg("evidence.data.no_column", column=name, known=v.listing(header)), source=shown)
        if isinstance(columns, Mapping):
            frame = frame.rename(columns=dict(columns))
    frame.attrs.update(path=shown, sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding,
                       sheet=sheet if suffix != ".csv" else None)
    return frame


def cell_where(frame, row: Any, column: str) -> Text:
    """Where a cell of ``frame`` is, as a Text: ``row 5, column '事故数'`` for a frame read by
    :func:`read_table` (its index is the row of the file), ``index 3, column 'x'`` otherwise."""
    if frame.attrs.get("path") and frame.index.name == "row":
        sheet = frame.attrs.get("sheet")
        if sheet is not None:
            return msg("evidence.data.at_sheet_cell", sheet=sheet, row=row, column=column)
        return msg("evidence.data.at_cell", row=row, column=column)
    return msg("evidence.data.at_index", row=row, column=column)


def check_counts(frame, count: str | Sequence[str] = (), exposure: str | Sequence[str] | None = None, *,
                 source: str | None = None, columns: Sequence[str] = (), numeric: Sequence[str] = ()):
    """Check count and exposure columns of a table; return the frame with them as floats.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table, usually from :func:`read_table` (then errors name the file's rows).
    count : str or sequence of str
        Columns of counts (accidents): every cell a whole number ≥ 0.
    exposure : str or sequence of str, optional
        Columns of exposure (months observed, vehicle-km): every cell a number > 0.
    source : str, optional
        The file to name in errors (default ``frame.attrs["path"]``).
    columns : sequence of str
        Other columns that must be present, every cell filled (e.g. ``site``).
    numeric : sequence of str
        Other columns whose every cell must be a number (e.g. ``after``, ``aadt``).

    Returns
    -------
    pandas.DataFrame
        A copy with the checked columns as floats (``attrs`` kept).

    Raises
    ------
    InputError
        A missing column; an empty or non-numeric cell; a negative or fractional count; a zero
        or negative exposure. The message names the file, the row and the column.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"accidents": [3, -1], "months": [12, 12]})
    >>> try:
    ...     check_counts(f, "accidents", "months", source="x.csv")
    ... except InputError as err:
    ...     print(err.render("en")); print(err.render("zh"))
    x.csv: index 1, column 'accidents': a count cannot be negative, got -1
    x.csv：索引 1，'accidents' 列：计数不能为负数，实际为 -1
    """
    source = source or frame.attrs.get("path")
    as_list = lambda x: [] if x is None else ([x] if isinstance(x, str) else list(x))  # noqa: E731
    counts, exposures = as_list(count), as_list(exposure)
    numeric = [c for c in numeric if c not in counts and c not in exposures]
    for name in [*counts, *exposures, *columns, *numeric]:
        if name not in frame.columns:
            raise InputError(msg("evidence.data.no_column", column=name,
                                 known=v.listing([str(c) for c in frame.columns])), source=source)
    for name in columns:
        blank = [row for row, x in zip(frame.index, frame[name]) if _blank(x)]
        if blank:
            raise InputError(msg("evidence.data.empty_cell"), where=cell_where(frame, blank[0], name), source=source)
    out = frame.copy()
    for name in [*counts, *exposures, *numeric]:
        is_count = name in counts
        is_exposure = name in exposures
        values = []
        for row, x in zip(frame.index, frame[name]):
            def bad(problem, row=row):
                return InputError(problem, where=cell_where(frame, row, name), source=source)

            if _blank(x):
                raise bad(msg("evidence.data.empty_cell"))
            num = _as_number(x)
            if num is None or not math.isfinite(num):
                raise bad(msg("evidence.data.not_number", got=v.show(x)))
            if is_count and num < 0:
                raise bad(msg("evidence.data.negative_count", got=_shown(num)))
            if is_count and num != int(num):
                raise bad(msg("evidence.data.whole_count", got=_shown(num)))
            if is_exposure and num <= 0:
                raise bad(msg("evidence.data.exposure", got=_shown(num)))
            values.append(num)
        out[name] = [float(x) for x in values]
    out.attrs.update(frame.attrs)
    return out
