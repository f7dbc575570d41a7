"""Sentences of the batch runner (:mod:`cba.batch.runner`, :mod:`cba.batch.pool`, the progress
line and ``cba batch``; see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- workers ------------------------------------------------------------------------------------
    "batch.worker.killed": ("生成报告的工作进程被信号 {signal} 终止（可能内存不足或被人为结束）；本行未完成，其余各行照常运行",
                            "the worker process was ended by signal {signal} (out of memory, or killed); this row "
                            "did not finish, the other rows go on"),
    "batch.worker.exited": ("生成报告的工作进程意外退出（退出码 {code}）；本行未完成，其余各行照常运行",
                            "the worker process exited unexpectedly (exit code {code}); this row did not finish, "
                            "the other rows go on"),
    "batch.worker.overdue": ("超过 {seconds} 秒仍未完成，工作进程及其内核已被终止",
                             "not finished after {seconds} s: the worker process and its kernel were killed"),
    "batch.worker.broken": ("工作进程无法启动报告内核：{why}", "a worker could not start its report kernel: {why}"),
    "batch.worker.lost": ("集群工作进程在运行本行时失联或退出：{why}",
                          "the cluster worker running this row was lost or died: {why}"),
    "batch.worker.task_failed": ("集群任务失败：{why}", "the cluster task failed: {why}"),
    "batch.db.no_folder": ("文件夹 {folder} 不存在", "the folder {folder} does not exist"),
    # --- the run ------------------------------------------------------------------------------------
    "batch.run.scheduler": ("无法连接 Dask 调度器 {address}：{why}", "cannot reach the Dask scheduler {address}: {why}"),
    "batch.run.workers": ("工作进程数应为正整数，实际为 {got}", "the number of workers must be a positive whole number, got {got}"),
    "batch.run.both": ("--workers 与 --scheduler 只能选一个：本机进程或 Dask 集群",
                       "--workers and --scheduler exclude each other: local processes or a Dask cluster"),
    "batch.run.report_missing": ("上次记录为成功，但报告文件 {file} 已不在：本行重新生成",
                                 "recorded as done, but the report file {file} is gone: the row runs again"),
    "batch.run.seed": ("批量种子：{seed}（用 --seed {seed} 可重现同样的结果）",
                       "batch seed: {seed} (--seed {seed} reproduces the same numbers)"),
    "batch.run.resumed": ("续跑：{skipped} 行已完成且输入未变，跳过；{todo} 行需要运行",
                          "resume: {skipped} rows done with unchanged inputs are skipped; {todo} rows to run"),
    "batch.run.done": ("{n} 行：{ok} 行成功，{failed} 行失败（{skipped} 行沿用上次结果）；用时 {seconds} 秒",
                       "{n} rows: {ok} ok, {failed} failed ({skipped} kept from the last run); {seconds} s"),
    "batch.run.outputs": ("汇总：{files}；数据库：{db}", "summary: {files}; database: {db}"),
    "batch.run.local": ("本机 {n} 个工作进程", "{n} local worker processes"),
    "batch.run.failed_row": ("失败：{id}：{error}", "failed: {id}: {error}"),
    "batch.run.restarts": ("{n} 个工作进程因退出或超时而重启", "{n} worker processes were restarted after a death or an overrun"),
    # --- progress -----------------------------------------------------------------------------------
    "batch.progress": ("{bar} {done}/{total}（{pct}%）{rate} 行/秒，预计剩余 {eta}{failed}",
                       "{bar} {done}/{total} ({pct}%) {rate} rows/s, ETA {eta}{failed}"),
    "batch.progress.failed": ("，失败 {n}", ", {n} failed"),
}
