"""Sentences of :mod:`cba.batch` (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- table errors (nothing runs) --------------------------------------------------------------
    "batch.table.kind": ("批量表应为 CSV 或 Excel 文件（.csv、.xlsx、.xlsm），实际为 {got}",
                         "the batch table must be a CSV or Excel file (.csv, .xlsx, .xlsm), got {got}"),
    "batch.table.missing": ("找不到批量表 {path}", "the batch table {path} does not exist"),
    "batch.table.no_column": ("批量表缺少 {column} 列；现有列：{present}",
                              "the batch table has no column {column}; columns present: {present}"),
    "batch.table.unknown_column": ("列 {column} 不是模型 {model} 的参数，也不是 id、name、model、scenario、"
                                   "indicators 或 evidence{hint}",
                                   "column {column} names no parameter of the model {model}, and is not id, "
                                   "name, model, scenario, indicators or evidence{hint}"),
    # --- row errors (that row fails, the others run) ----------------------------------------------
    "batch.row.where": ("第 {row} 行（id {id}），{column} 列：", "row {row} (id {id}), column {column}: "),
    "batch.row.not_number": ("应为数字，实际为 {got}", "expected a number, got {got}"),
    "batch.row.duplicate_id": ("id {id} 重复（首次出现在第 {first} 行）", "id {id} appears twice (first in row {first})"),
    "batch.row.duplicate_later": ("id {id} 在第 {rows} 行再次出现：同一 id 的各行都不运行（输出文件和数据库记录按 id 命名）",
                                  "the id {id} appears again in row {rows}: no row with this id runs (outputs and "
                                  "database records are named by the id)"),
    "batch.row.no_id": ("id 为空", "the id is blank"),
    "batch.row.unsafe_id": ("id {id} 不能用作文件名：只允许字母、数字、汉字、点、连字符和下划线，不能以点开头，"
                            "最长 100 个字符",
                            "the id {id} cannot name a file: only letters, digits, Chinese characters, dots, "
                            "hyphens and underscores, not starting with a dot, at most 100 characters"),
    "batch.row.no_model": ("模型文件为空", "the model file is blank"),
    "batch.row.model_missing": ("找不到模型文件 {path}", "the model file {path} does not exist"),
    "batch.row.model_bad": ("模型文件 {path} 无法读取：{error}", "the model file {path} cannot be read: {error}"),
    "batch.row.unknown_scenario": ("模型中没有情景 {got}{hint}；可用的情景：{known}",
                                   "the model has no scenario {got}{hint}; scenarios: {known}"),
    "batch.row.bad_value": ("参数值不可用：{error}", "the value cannot be used: {error}"),
    "batch.row.failed": ("计算失败：{error}", "the evaluation failed: {error}"),
    # --- table headers ------------------------------------------------------------------------------
    "batch.col.id": ("编号", "ID"),
    "batch.col.row": ("行号", "Row"),
    "batch.col.model": ("模型文件", "Model file"),
    "batch.col.scenario": ("情景", "Scenario"),
    "batch.col.overrides": ("参数取值", "Overrides"),
    "batch.col.status": ("状态", "Status"),
    "batch.col.error": ("错误原因", "Error"),
    "batch.status.ok": ("成功", "OK"),
    "batch.status.failed": ("失败", "Failed"),
    "batch.summary": ("批量表 {path}：{n} 行，{failed} 行有错误，{models} 个模型文件",
                      "batch table {path}: {n} rows, {failed} with errors, {models} model files"),
    # --- database ---------------------------------------------------------------------------------
    "batch.db.no_sqlalchemy": ("数据库地址 {url} 需要 SQLAlchemy（pip install sqlalchemy）",
                               "the database URL {url} needs SQLAlchemy (pip install sqlalchemy)"),
    "batch.db.no_run": ("数据库中没有批次 {run}", "the database has no run {run}"),
    "batch.db.status": ("状态应为 ok 或 failed，实际为 {got}", "the status must be ok or failed, got {got}"),
    "batch.db.wal": ("SQLite 数据库 {path} 无法切换到 WAL 模式（实际为 {mode}）",
                     "the SQLite database {path} could not switch to WAL mode (got {mode})"),
}
MESSAGES.update({
    "batch.cli.reports_pending": ("按行生成报告尚未实现：请加 --no-report（只计算指标，写入汇总表和数据库）",
                                  "per-row reports are not available yet: add --no-report (metrics only, into "
                                  "the summary and the database)"),
    "batch.cli.done": ("{n} 行：{ok} 行成功，{failed} 行失败；汇总：{files}；数据库：{db}",
                       "{n} rows: {ok} ok, {failed} failed; summary: {files}; database: {db}"),
    "batch.cli.failed_row": ("失败：{id}：{error}", "failed: {id}: {error}"),
})
MESSAGES.update({
    "batch.db.connect": ("无法连接结果数据库 {url}：{reason}", "cannot open the results database {url}: {reason}"),
})
