"""The outputs of a batch from the runner's result frame: a ranked table, a CSV file, an Excel
workbook and one offline HTML index page (:func:`summary_table`, :func:`summary_files`).

The result frame has one line per table row: ``id``, ``name`` (optional), ``row``, ``model``,
``scenario``, ``option``, ``status`` (``ok`` or ``failed``), ``error``, the metrics ``npv``,
``bcr``, ``irr``, ``pv_costs``, ``pv_benefits``, ``payback``, ``prob_negative`` (NaN when not
simulated), ``seconds``, ``reports`` (``{format: path relative to the output folder}``) and,
for reviewed rows, ``grade``, ``review_total``, ``review_conclusion`` (``support``, ``adjust``
or ``reject``), ``dimensions`` (``{dimension id: points}``) and optionally ``dimension_names``
and ``dimension_max`` (see :func:`cba.batch.review_rows.review_row`).

Ranking rules (rank 1 best; ties keep the table's order; failed rows last, unranked):

* ``npv``: NPV, highest first;
* ``bcr``: BCR, highest first, then NPV;
* ``grade``: 优 > 良 > 中 > 差 (rows without a grade after 差), then review total, then NPV.

Metrics without a value (NaN) rank after those with one.
"""
from __future__ import annotations

import math
from typing import Any

from ..errors import InputError
from ..i18n import check_lang, msg
from ..i18n.glossary import label, paren

__all__ = ["summary_table", "summary_files", "rank_rows", "BY"]

#: the ranking keys
BY = ("npv", "bcr", "grade")
_GRADES = ("优", "良", "中", "差")
_METRICS = ("npv", "bcr", "irr", "prob_negative", "pv_costs", "pv_benefits", "payback")
_REVIEW = ("grade", "review_total", "review_conclusion")
#: Excel number formats by column key
_FORMATS = {"rank": "0", "npv": "#,##0.00", "pv_costs": "#,##0.00", "pv_benefits": "#,##0.00", "bcr": "0.00",
            "irr": "0.00%", "prob_negative": "0.0%", "payback": "0.00", "review_total": "0.00", "row": "0",
            "seconds": "0.00"}


def _blank(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    try:
        import pandas as pd

        if x is pd.NA:
            return True
    except ImportError:                                        # pragma: no cover
        pass
    return isinstance(x, str) and not x.strip()


def _prepared(frame):
    """A copy with every optional column present and the positions of the table order."""
    import numpy as np

    for col in ("id", "status"):
        if col not in frame.columns:
            from ..checks import listing

            raise InputError(msg("batch.out.no_column", column=col, present=listing([str(c) for c in frame.columns])),
                             where="frame")
    f = frame.copy().reset_index(drop=True)
    for col in ("name", "scenario", "error", "grade", "review_conclusion"):
        if col not in f.columns:
            f[col] = ""
        f[col] = ["" if _blank(x) else str(x) for x in f[col]]
    for col in (*_METRICS, "review_total", "seconds", "row"):
        f[col] = np.nan if col not in f.columns else f[col].astype(float)
    for col in ("reports", "dimensions", "dimension_names", "dimension_max"):
        if col not in f.columns:
            f[col] = [{} for _ in range(len(f))]
        f[col] = [x if isinstance(x, dict) else {} for x in f[col]]
    f["_pos"] = range(len(f))
    return f


def _has_grades(f) -> bool:
    return any(g for g in f["grade"])


def rank_rows(frame, by: str = "npv") -> list[int]:
    """Positions (0-based, in the frame's order) of the ``ok`` rows, best first (see the module
    notes); failed rows are not included.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"id": list("abcd"), "status": ["ok", "ok", "failed", "ok"],
    ...                   "npv": [5.0, 9.0, float("nan"), 9.0], "bcr": [3.0, 1.5, float("nan"), 2.0]})
    >>> rank_rows(f), rank_rows(f, "bcr")            # b and d tie on NPV: the table's order
    ([1, 3, 0], [0, 3, 1])
    """
    if by not in BY:
        raise InputError(msg("batch.out.by", got=repr(by)), where="by")
    f = _prepared(frame)
    ok = f[f["status"] == "ok"].copy()
    if by == "grade":
        if not _has_grades(f):
            raise InputError(msg("batch.out.no_grades"), where="by")
        ok["_g"] = [_GRADES.index(g) if g in _GRADES else len(_GRADES) for g in ok["grade"]]
        keys, asc = ["_g", "review_total", "npv", "_pos"], [True, False, False, True]
    elif by == "bcr":
        keys, asc = ["bcr", "npv", "_pos"], [False, False, True]
    else:
        keys, asc = ["npv", "_pos"], [False, True]
    ok = ok.sort_values(keys, ascending=asc, na_position="last", kind="mergesort")
    return [int(p) for p in ok["_pos"]]


def _currency(f, currency: str | None) -> str | None:
    """The money unit of the metrics: given, else the models' ``currency`` when they agree."""
    if currency is not None:
        return currency or None
    from pathlib import Path

    files = sorted({str(m) for m in f.get("model", []) if isinstance(m, str) and m})
    if not files or len(files) > 10:
        return None
    found = set()
    try:
        from ..model.files import load_model

        for m in files:
            if not Path(m).is_file():
                return None
            found.add(getattr(load_model(m), "currency", None))
    except Exception:                     # noqa: BLE001 - a unit is a nicety; never fail the summary
        return None
    return found.pop() if len(found) == 1 and None not in found else None


def _headers(lang: str, currency: str | None) -> dict[str, str]:
    money = paren(currency, lang) if currency else ""
    h = {"rank": msg("batch.out.col.rank").render(lang), "id": msg("batch.col.id").render(lang),
         "name": msg("batch.out.col.name").render(lang), "row": msg("batch.col.row").render(lang),
         "scenario": label("scenario", lang), "npv": label("npv", lang) + money, "bcr": label("bcr", lang),
         "irr": label("irr", lang), "prob_negative": label("prob_negative", lang),
         "pv_costs": label("pv_costs", lang) + money, "pv_benefits": label("pv_benefits", lang) + money,
         "payback": label("payback", lang), "status": msg("batch.col.status").render(lang),
         "error": msg("batch.col.error").render(lang), "reports": msg("batch.out.col.reports").render(lang),
         "seconds": msg("batch.out.col.seconds").render(lang)}
    for k in _REVIEW:
        h[k] = msg(f"batch.out.col.{k}").render(lang)
    return h


def _conclusion(code: str, lang: str) -> str:
    return msg(f"review.decision.{code}").render(lang) if code in ("support", "adjust", "reject") else code


def _keyed(f, order: list[int], lang: str, grades: bool):
    """The ranked rows then the failed ones, columns named by key (values localized)."""
    import pandas as pd

    sep = "；" if lang == "zh" else "; "
    ok, failed = msg("batch.status.ok").render(lang), msg("batch.status.failed").render(lang)
    failed_pos = [int(p) for p in f.loc[f["status"] != "ok", "_pos"]]
    keys = ["rank", "id", "name", "scenario", "npv", "bcr", "irr", "prob_negative", "pv_costs", "pv_benefits",
            "payback", *(_REVIEW if grades else ()), "status", "error", "reports"]
    sel = f.iloc[list(order) + failed_pos]
    data = {"rank": [*range(1, len(order) + 1), *([None] * len(failed_pos))], "id": sel["id"].astype(str).tolist(),
            "name": sel["name"].tolist(), "scenario": sel["scenario"].tolist(),
            **{m: sel[m].tolist() for m in _METRICS}}
    if grades:
        data.update(grade=sel["grade"].tolist(), review_total=sel["review_total"].tolist(),
                    review_conclusion=[_conclusion(c, lang) for c in sel["review_conclusion"]])
    data.update(status=[ok if s == "ok" else failed for s in sel["status"]], error=sel["error"].tolist(),
                reports=[sep.join(str(v) for v in r.values()) for r in sel["reports"]])
    out = pd.DataFrame(data, columns=keys)
    out["rank"] = out["rank"].astype("Int64")
    return out


def summary_table(frame, *, lang: str = "zh", by: str = "npv", currency: str | None = None):
    """The batch's ranked table: ``ok`` rows ranked (rank 1 best), failed rows last with their
    reason; headers in ``lang``.

    Parameters
    ----------
    frame : DataFrame
        The runner's result frame (see the module notes).
    lang : {"zh", "en"}
    by : {"npv", "bcr", "grade"}
        The ranking (module notes); ``grade`` needs reviewed rows.
    currency : str, optional
        The money unit shown in the headers (``净现值（万元）``); default: the models'
        ``currency`` when every model file of the frame can be read and they agree; ``""``: none.

    Returns
    -------
    DataFrame
        Columns 排名, 编号, 项目名称, 情景, 净现值, 效益费用比, 内部收益率, 净现值<0的概率,
        费用现值, 效益现值, 投资回收期（年）, (评审等级, 评审总分, 评审结论 when any row has a
        grade), 状态, 错误原因, 报告. Rates stay fractions (IRR 0.12 is 12%).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"id": ["a", "b", "c"], "status": ["ok", "failed", "ok"],
    ...                   "error": ["", "第 3 行：找不到模型文件", ""], "npv": [1.0, float("nan"), 2.0]})
    >>> t = summary_table(f, currency="万元")
    >>> t[["排名", "编号", "净现值（万元）", "状态"]].values.tolist()
    [[1, 'c', 2.0, '成功'], [2, 'a', 1.0, '成功'], [<NA>, 'b', nan, '失败']]
    """
    lang = check_lang(lang)
    f = _prepared(frame)
    out = _keyed(f, rank_rows(f, by), lang, _has_grades(f))
    h = _headers(lang, _currency(f, currency))
    return out.rename(columns=h)


# -- files -------------------------------------------------------------------------------------------

def _counts(f) -> tuple[int, int, int]:
    n_ok = int((f["status"] == "ok").sum())
    return len(f), n_ok, len(f) - n_ok


def _meta_label(key: str, lang: str) -> str:
    from ..i18n.messages import MESSAGES

    k = f"batch.out.meta.{key}"
    return msg(k).render(lang) if k in MESSAGES else str(key)


def _sheets(f, lang: str, currency: str | None) -> list[tuple[str, Any, dict[str, str]]]:
    """``(sheet name, keyed frame, headers)`` of the workbook's sheets."""
    import pandas as pd

    grades = _has_grades(f)
    h = _headers(lang, currency)
    out = [(msg("batch.out.sheet.npv").render(lang), _keyed(f, rank_rows(f, "npv"), lang, grades), h),
           (msg("batch.out.sheet.bcr").render(lang), _keyed(f, rank_rows(f, "bcr"), lang, grades), h)]
    if grades:
        out.append((msg("batch.out.sheet.grade").render(lang), _keyed(f, rank_rows(f, "grade"), lang, grades), h))
    bad = f[f["status"] != "ok"]
    failures = pd.DataFrame({"row": bad["row"].tolist(), "id": bad["id"].astype(str).tolist(),
                             "name": bad["name"].tolist(), "scenario": bad["scenario"].tolist(),
                             "error": bad["error"].tolist()}, columns=["row", "id", "name", "scenario", "error"])
    out.append((msg("batch.out.sheet.failed").render(lang), failures,
                {**h, "error": msg("batch.out.col.reason").render(lang)}))
    return out


def _xlsx(f, lang: str, currency: str | None, meta: dict[str, Any]) -> bytes:
    """The workbook, written in openpyxl's streaming (write-only) mode: 10,000 rows in about a second."""
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ..formatting import width

    wb = Workbook(write_only=True)
    bold, red = Font(bold=True), PatternFill("solid", fgColor="FCE4E4")
    failed_text = msg("batch.status.failed").render(lang)
    for name, table, h in _sheets(f, lang, currency):
        ws = wb.create_sheet(name)
        keys = list(table.columns)
        rows = [[None if _blank(v) else (float(v) if isinstance(v, float) else v) for v in rec]
                for rec in table.itertuples(index=False)]
        for j, k in enumerate(keys):                      # widths before the rows: streamed sheets
            seen = {str(r[j]) for r in rows if r[j] is not None}
            shown = [width(str(h.get(k, k)))] + [min(width(t), 60) for t in seen]
            ws.column_dimensions[get_column_letter(j + 1)].width = max(8, min(max(shown) + 2, 62))
        ws.freeze_panes = "A2"
        header = []
        for k in keys:
            c = WriteOnlyCell(ws, value=h.get(k, k))
            c.font = bold
            header.append(c)
        ws.append(header)
        status = keys.index("status") if "status" in keys else None
        formats = [_FORMATS.get(k) for k in keys]
        for r in rows:
            failed = status is not None and r[status] == failed_text
            if not failed and not any(formats):
                ws.append(r)
                continue
            out = []
            for v, fmt in zip(r, formats):
                c = WriteOnlyCell(ws, value=v)
                if fmt:
                    c.number_format = fmt
                if failed:
                    c.fill = red
                out.append(c)
            ws.append(out)
    ws = wb.create_sheet(msg("batch.out.sheet.run").render(lang))
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 60
    n, n_ok, n_failed = _counts(f)
    for k, v in meta.items():
        ws.append([_meta_label(k, lang), str(v)])
    ws.append([msg("batch.out.counts", n=n, ok=n_ok, failed=n_failed).render(lang)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def summary_files(frame, *, lang: str = "zh", title: str | None = None, meta: dict[str, Any] | None = None,
                  currency: str | None = None) -> dict[str, bytes]:
    """The batch's summary files as bytes (the caller writes them, atomically).

    Parameters
    ----------
    frame : DataFrame
        The runner's result frame (see the module notes).
    lang : {"zh", "en"}
    title : str, optional
        The index page's title (default 批量评价汇总 / Batch evaluation summary).
    meta : dict, optional
        Run metadata shown on the page and the workbook's run sheet, in the given order: e.g.
        ``run_id``, ``seed``, ``cba_version``, ``started``, ``table`` (known keys get their
        Chinese label; others are shown as written).
    currency : str, optional
        The money unit of the headers (see :func:`summary_table`).

    Returns
    -------
    dict
        ``{"summary.csv": UTF-8 with a byte-order mark (Excel opens it right), "summary.xlsx":
        sheets 按净现值排序, 按效益费用比排序, 按评审等级排序 (when any row has a grade),
        失败项目 and 批次信息 (English names with ``lang="en"``), "index.html": one offline page}``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"id": ["a", "b"], "status": ["ok", "failed"], "error": ["", "找不到模型文件"],
    ...                   "npv": [1.0, float("nan")], "reports": [{"html": "reports/a.html"}, {}]})
    >>> files = summary_files(f, meta={"seed": 7})
    >>> sorted(files), files["summary.csv"][:3] == b"\\xef\\xbb\\xbf"
    (['index.html', 'summary.csv', 'summary.xlsx'], True)
    >>> b'href="reports/a.html"' in files["index.html"]
    True
    """
    from .summary_html import index_html

    lang = check_lang(lang)
    f = _prepared(frame)
    unit = _currency(f, currency)
    meta = dict(meta or {})
    csv = summary_table(frame, lang=lang, by="npv", currency=unit or "").to_csv(index=False)
    return {"summary.csv": csv.encode("utf-8-sig"),
            "summary.xlsx": _xlsx(f, lang, unit, meta),
            "index.html": index_html(f, lang=lang, title=title, meta=meta, currency=unit).encode("utf-8")}
