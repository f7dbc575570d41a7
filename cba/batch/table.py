"""Batch tables: one row per project, read and checked before anything runs.

A batch table is a CSV file (UTF-8, UTF-8 with a byte-order mark, or GBK) or an Excel
workbook with a column ``id`` (names the row's outputs: a safe file stem), a column ``model``
(a model file, relative to the table's folder or absolute), optionally ``scenario`` (a named
scenario of the row's model), ``name`` (the project's display name, text), ``indicators`` (an
indicator-system file, relative to the table's folder or absolute, or the name of a shipped
system, see :func:`cba.review.systems`) and ``evidence`` (an evidence YAML file for the review,
relative or absolute; it needs ``indicators``), and any number of parameter columns: each names a parameter of
the model (or ``discount_rate``) and its cells override that parameter (a blank cell keeps the
model's value).

Two kinds of error:

* a **row error** (a value that is not a number or that the parameter rejects, a blank or
  duplicate id, an id that cannot name a file, a missing or unreadable model file, an unknown
  scenario, a missing or unreadable indicator-system or evidence file, an unknown shipped
  system, evidence without indicators) fails that row only; it is kept in ``row.error`` and the other rows run;
* a **table error** (no ``id`` or ``model`` column, a column that names no parameter of the
  model of a row that gives it a value) raises :class:`~cba.errors.InputError` naming the file
  and the column: nothing runs.
"""
from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CBAError, InputError
from ..i18n import Text, msg

__all__ = ["read_batch", "BatchTable", "BatchRow", "safe_id"]

RESERVED = ("id", "model", "scenario", "name", "indicators", "evidence")
_SAFE = re.compile(r"^(?!\.)[\w.\-]{1,100}$")
_WINDOWS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_id(row_id: str) -> bool:
    """Whether ``row_id`` can name an output file on every system.

    Letters (Chinese included), digits, ``.``, ``-`` and ``_``; not starting or ending with a
    dot; at most 100 characters; not a reserved Windows device name.

    >>> safe_id("闵行-莘庄_01"), safe_id("../etc"), safe_id("a b"), safe_id("NUL")
    (True, False, False, False)
    """
    s = str(row_id)
    return bool(_SAFE.match(s)) and not s.endswith(".") and s.split(".")[0].lower() not in _WINDOWS


@dataclass(frozen=True)
class BatchRow:
    """One row of a batch table.

    Attributes
    ----------
    row : int
        The row of the file (the header is row 1).
    id : str
    model_path : Path or None
        The model file, resolved against the table's folder.
    model : Model or None
        The loaded model (one object per distinct file, shared by its rows); None when it
        could not be loaded.
    overrides : Mapping[str, float]
        Parameter values of the row's non-blank cells.
    scenario : str or None
    error : Text or None
        Why the row cannot run (None when it can).
    name : str or None
        The project's display name (column ``name``).
    indicators : Path, str or None
        The indicator system of the row's review: a resolved file path, or the name (str) of a
        shipped system; None: no review.
    evidence : Path or None
        The evidence file of the row's review, resolved.
    """

    row: int
    id: str
    model_path: Path | None
    model: Any
    overrides: Mapping[str, float]
    scenario: str | None
    error: Text | None = None
    name: str | None = None
    indicators: Path | str | None = None
    evidence: Path | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class BatchTable:
    """A checked batch table (see :func:`read_batch`).

    Attributes
    ----------
    path : Path
    sha256 : str
        SHA-256 of the table file's bytes.
    encoding : str or None
        ``utf-8``, ``utf-8-sig`` or ``gbk`` for a CSV file; None for a workbook.
    columns : tuple of str
        The parameter columns, in the file's order.
    rows : tuple of BatchRow
    models : Mapping[Path, Model]
        Every model file that loaded, once each.
    """

    path: Path
    sha256: str
    encoding: str | None
    columns: tuple[str, ...]
    rows: tuple[BatchRow, ...]
    models: Mapping[Path, Any] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[tuple[str, Text], ...]:
        """``(id, reason)`` of every row that cannot run."""
        return tuple((r.id, r.error) for r in self.rows if r.error is not None)

    @property
    def good(self) -> tuple[BatchRow, ...]:
        """The rows that can run."""
        return tuple(r for r in self.rows if r.error is None)

    def to_frame(self, lang: str | None = None):
        """One line per row: row, id, model file, scenario, overrides, status and error, with
        headers and statuses in ``lang`` (default: the current language)."""
        import pandas as pd

        h = {k: msg(f"batch.col.{k}").render(lang) for k in ("row", "id", "model", "scenario", "overrides",
                                                               "status", "error")}
        ok, failed = msg("batch.status.ok").render(lang), msg("batch.status.failed").render(lang)
        data = [{h["row"]: r.row, h["id"]: r.id, h["model"]: "" if r.model_path is None else str(r.model_path),
                 h["scenario"]: r.scenario or "",
                 h["overrides"]: ", ".join(f"{k}={v:g}" for k, v in r.overrides.items()),
                 h["status"]: ok if r.ok else failed,
                 h["error"]: "" if r.error is None else r.error.render(lang)} for r in self.rows]
        return pd.DataFrame(data, columns=list(h.values()))

    def summary(self, lang: str | None = None) -> str:
        head = msg("batch.summary", path=str(self.path), n=len(self.rows), failed=len(self.errors),
                   models=len(self.models)).render(lang)
        return head + "\n" + self.to_frame(lang).to_string(index=False)

    def __repr__(self) -> str:
        return msg("batch.summary", path=str(self.path), n=len(self.rows), failed=len(self.errors),
                   models=len(self.models)).render()

    def _repr_html_(self) -> str:
        import html

        return f"<p>{html.escape(repr(self))}</p>" + self.to_frame().to_html(index=False)


def _cell_text(x: Any) -> str | None:
    """A cell as text (a whole number without ``.0``), None when blank."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    s = str(x).strip()
    return s or None


_INDICATOR_SUFFIXES = (".yaml", ".yml", ".xlsx", ".xlsm")


def _resolve(text: str, base: Path) -> Path:
    p = Path(text)
    return (p if p.is_absolute() else base / p).resolve()


def _indicator_source(text: str, base: Path) -> tuple[Path | str | None, Text | None]:
    """The indicator system a cell names: a file (loaded once to check it) or a shipped system's
    name; ``(None, reason)`` when it is neither."""
    from ..review.indicators import load_indicators, systems

    path = _resolve(text, base)
    if path.is_file():
        try:
            load_indicators(path)
        except CBAError as exc:
            return None, msg("batch.row.indicators_bad", path=text, error=str(exc))
        return path, None
    known = systems()
    if text in known:
        return text, None
    if Path(text).suffix.lower() in _INDICATOR_SUFFIXES or "/" in text or "\\" in text:
        return None, msg("batch.row.indicators_missing", path=text)
    from ..checks import did_you_mean, listing

    close = difflib.get_close_matches(text, known, n=1)
    return None, msg("batch.row.unknown_system", got=repr(text), hint=did_you_mean(close[0] if close else None),
                     known=listing(list(known)))


def _review_files(rec, present, base: Path, where, cache: dict) -> tuple[Path | str | None, Path | None, list[Text]]:
    """The ``indicators`` and ``evidence`` cells of a row, resolved and checked."""
    errors: list[Text] = []
    itext = _cell_text(rec["indicators"]) if "indicators" in present else None
    etext = _cell_text(rec["evidence"]) if "evidence" in present else None
    indicators = evidence = None
    if itext is not None:
        if itext not in cache:
            cache[itext] = _indicator_source(itext, base)
        indicators, err = cache[itext]
        if err is not None:
            errors.append(where("indicators") + err)
    if etext is not None:
        if itext is None:
            errors.append(where("evidence") + msg("batch.row.evidence_alone", path=etext))
        path = _resolve(etext, base)
        if path.is_file():
            evidence = path
        else:
            errors.append(where("evidence") + msg("batch.row.evidence_missing", path=etext))
    return indicators, evidence, errors


def _fail_first_of_duplicates(rows: list[BatchRow]) -> list[BatchRow]:
    """An id names a row's outputs and its database entry: when it appears twice, the first row
    fails as well as the later ones (which already say where it first appeared), so neither
    row's report or record passes for the other's."""
    import dataclasses

    later: dict[str, list[int]] = {}
    seen: dict[str, int] = {}
    for i, r in enumerate(rows):
        if r.id and r.id in seen:
            later.setdefault(r.id, []).append(r.row)
        elif r.id:
            seen[r.id] = i
    out = list(rows)
    for rid, again in later.items():
        i = seen[rid]
        r = out[i]
        e = msg("batch.row.where", row=r.row, id=rid, column="id") + msg(
            "batch.row.duplicate_later", id=rid, rows=", ".join(str(n) for n in again))
        out[i] = dataclasses.replace(r, error=e if r.error is None else r.error + Text("；", "; ") + e)
    return out


def read_batch(path: str | Path, *, sheet: str | int | None = None) -> BatchTable:
    """Read and check a batch table; load each distinct model file once.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` file (UTF-8, UTF-8 with BOM or GBK) or an Excel workbook (``.xlsx``,
        ``.xlsm``) with columns ``id`` and ``model``, optionally ``scenario``, and parameter
        columns.
    sheet : str or int, optional
        The worksheet of a workbook (default the first).

    Returns
    -------
    BatchTable
        Every row, each with its error (None when it can run).

    Raises
    ------
    InputError
        A table error: the file cannot be read, ``id`` or ``model`` is missing, or a column
        names no parameter of the model of a row that gives it a value (with a did-you-mean).

    Examples
    --------
    >>> import os, shutil, tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = shutil.copy("data/minhang_kiosk.yaml", d)
    >>> f = os.path.join(d, "batch.csv")
    >>> _ = open(f, "w", encoding="gbk").write(
    ...     "id,model,n_posts,kiosk_price\\n莘庄,minhang_kiosk.yaml,6,10\\n七宝,minhang_kiosk.yaml,八,12\\n")
    >>> t = read_batch(f)
    >>> [r.id for r in t.good], len(t.models), t.rows[0].model is t.rows[1].model
    (['莘庄'], 1, True)
    >>> print(t.errors[0][1].render("en"))
    row 3 (id 七宝), column n_posts: expected a number, got '八'
    """
    from ..evidence.data import _as_number, read_table
    from ..model.files import load_model

    path = Path(path)
    if not path.is_file():
        raise InputError(msg("batch.table.missing", path=str(path)))
    if path.suffix.lower() not in (".csv", ".xlsx", ".xlsm"):
        raise InputError(msg("batch.table.kind", got=repr(path.name)), source=str(path))
    frame = read_table(path, sheet=sheet)
    shown = str(path)
    for name in ("id", "model"):
        if name not in frame.columns:
            from ..checks import listing

            raise InputError(msg("batch.table.no_column", column=name, present=listing(list(frame.columns))),
                             source=shown)
    columns = tuple(c for c in frame.columns if c not in RESERVED)
    base = path.resolve().parent
    models: dict[Path, Any] = {}
    model_errors: dict[Path, Text] = {}
    first_row: dict[str, int] = {}
    rows: list[BatchRow] = []
    unknown: dict[str, tuple[Path, Any]] = {}
    review_cache: dict[str, tuple[Path | str | None, Text | None]] = {}
    for rownum, rec in frame.iterrows():
        rownum = int(rownum)
        rid = _cell_text(rec["id"]) or ""
        errors: list[Text] = []

        def where(column: str, _row=rownum, _id=rid) -> Text:
            return msg("batch.row.where", row=_row, id=_id or "-", column=column)

        if not rid:
            errors.append(where("id") + msg("batch.row.no_id"))
        elif rid in first_row:
            errors.append(where("id") + msg("batch.row.duplicate_id", id=rid, first=first_row[rid]))
        elif not safe_id(rid):
            errors.append(where("id") + msg("batch.row.unsafe_id", id=repr(rid)))
        if rid and rid not in first_row:
            first_row[rid] = rownum
        # the model file: loaded once per distinct resolved path
        mtext = _cell_text(rec["model"])
        model_path, model = None, None
        if mtext is None:
            errors.append(where("model") + msg("batch.row.no_model"))
        else:
            p = Path(mtext)
            model_path = (p if p.is_absolute() else base / p).resolve()
            if model_path not in models and model_path not in model_errors:
                if not model_path.is_file():
                    model_errors[model_path] = msg("batch.row.model_missing", path=mtext)
                else:
                    try:
                        models[model_path] = load_model(model_path)
                    except CBAError as exc:
                        model_errors[model_path] = msg("batch.row.model_bad", path=mtext, error=str(exc))
            if model_path in model_errors:
                errors.append(where("model") + model_errors[model_path])
            model = models.get(model_path)
        # the scenario
        scenario = _cell_text(rec["scenario"]) if "scenario" in frame.columns else None
        if scenario is not None and model is not None and scenario not in model.scenarios:
            from ..checks import did_you_mean, listing

            close = difflib.get_close_matches(scenario, list(model.scenarios), n=1)
            errors.append(where("scenario") + msg("batch.row.unknown_scenario", got=repr(scenario),
                                                  hint=did_you_mean(close[0] if close else None),
                                                  known=listing(list(model.scenarios) or ["-"])))
        name = _cell_text(rec["name"]) if "name" in frame.columns else None
        indicators, evidence, review_errors = _review_files(rec, frame.columns, base, where, review_cache)
        errors += review_errors
        # parameter cells
        overrides: dict[str, float] = {}
        for col in columns:
            cell = rec[col]
            if cell is None or (isinstance(cell, float) and math.isnan(cell)) or \
                    (isinstance(cell, str) and not cell.strip()):
                continue
            if model is not None and col not in model.parameters and col != "discount_rate":
                unknown.setdefault(col, (model_path, model))
                continue
            num = _as_number(cell)
            if num is None or not math.isfinite(num):
                errors.append(where(col) + msg("batch.row.not_number", got=repr(cell)))
                continue
            if model is not None:
                try:
                    model.check_overrides({col: num}, where=col)
                except InputError as exc:
                    errors.append(where(col) + msg("batch.row.bad_value", error=exc.message))
                    continue
            overrides[col] = num
        error = None
        if errors:
            error = errors[0]
            for e in errors[1:]:
                error = error + Text("；", "; ") + e
        rows.append(BatchRow(row=rownum, id=rid, model_path=model_path, model=model,
                             overrides=overrides, scenario=scenario, error=error, name=name,
                             indicators=indicators, evidence=evidence))
    rows = _fail_first_of_duplicates(rows)
    if unknown:
        from ..checks import did_you_mean

        col, (mpath, model) = next(iter(unknown.items()))
        known = list(model.parameters) + ["discount_rate"]
        close = difflib.get_close_matches(col, known, n=1)
        raise InputError(msg("batch.table.unknown_column", column=repr(col), model=str(mpath),
                             hint=did_you_mean(close[0] if close else None)), source=shown)
    return BatchTable(path=path, sha256=frame.attrs["sha256"], encoding=frame.attrs.get("encoding"),
                      columns=columns, rows=tuple(rows), models=models)

