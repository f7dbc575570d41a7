"""Sentences of cba.cli (see :mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # prefixes of what the command line prints on stderr / stdout
    "cli.error": ("错误：{text}", "error: {text}"),
    "cli.warning": ("警告：{text}", "warning: {text}"),
    "cli.evaluation_failed": ("评估失败：{text}", "evaluation failed: {text}"),
    "cli.internal_error": ("内部错误：{name}: {text}（加上 --debug 重新运行可查看调用栈）",
                           "internal error: {name}: {text} (run again with --debug for the traceback)"),
    "cli.written": ("已写入：{files}", "written: {files}"),
    "cli.simulate.progress": ("已完成 {pct}%（{done}/{total} 次抽样），每秒 {rate} 次，预计还需 {left} 秒",
                              "{pct}% ({done}/{total} draws), {rate} draws/s, {left} s left"),
    "cli.command_required": ("cba：错误：需要给出命令（{commands}）", "cba: error: a command is required ({commands})"),
    # arguments
    "cli.name_value": ("应为 名称=取值，实际为 {got}", "expected name=value, got {got}"),
    "cli.rate_steps": ("分段折现率应写成 [[起始期，折现率]，……]，例如 [[0,0.035],[31,0.03]]，实际为 {got}"
                       "（第 {pos} 个字符处：{why}）",
                       "expected steps written [[first_period, rate], ...] such as [[0,0.035],[31,0.03]], "
                       "got {got} ({why} at character {pos})"),
    "cli.number": ("应为数字，实际为 {got}", "expected a number, got {got}"),
    "cli.plot_suffix": ("文件名应以 .png、.svg 或 .pdf 结尾，实际为 {got}", "expected a .png, .svg or .pdf file name, got {got}"),
    "cli.plot_is_folder": ("'{path}' 是文件夹；请给出文件名，例如 tornado.png",
                           "'{path}' is a folder; give a file name such as tornado.png"),
    "cli.frontier_pair": ("应为两个参数 X,Y，实际为 {got}", "expected two parameters X,Y, got {got}"),
    "cli.cannot_write_out": ("--out：无法将结果写入 '{path}'：{why}", "--out: cannot write the results into '{path}': {why}"),
    "cli.cannot_write": ("无法写入结果：{why}", "cannot write the results: {why}"),
    "cli.timeout": ("应为大于 0 的秒数，实际为 {got}", "expected a number of seconds > 0, got {got}"),
    "cli.format": ("应至少给出 {allowed} 中的一种，实际为 {got}", "expected at least one of {allowed}, got {got}"),
    # cba validate
    "cli.validate_ok": ("{file}：检查通过——{name}：{n_parameters} 个参数，{n_options} 个方案，{n_flows} 行现金流量{assets}，"
                        "计算期 {horizon}；已评估 {n_cases} 种情形（基准情形、各情景及参数区间两端）",
                        "{file}: OK - {name}: {n_parameters} parameters, {n_options} options, {n_flows} flow lines{assets}, "
                        "horizon {horizon}; {n_cases} cases evaluated (base, scenarios, low and high ends)"),
    "cli.validate_assets": ("，{n} 项资产（购置、更新与残值）", ", {n} assets (purchases, replacements, residual values)"),
    "cli.failed_file": ("{file}：{summary}", "{file}: {summary}"),
    # cba report / reproduce
    "cli.report_written": ("报告已写入（用时 {seconds} 秒）：", "Report written ({seconds} s):"),
    "cli.report_removed": ("已删除同名旧报告中本次未生成的文件：{path}",
                           "Removed from the older report of this name (not written this time): {path}"),
    "cli.report_conclusion": ("经济性结论：{verdict}", "Economic conclusion: {verdict}"),
    "cli.interrupted": ("已中断（{signal}）：报告内核已停止，未写入不完整的报告",
                        "interrupted ({signal}): the report's kernel was stopped and no partial report was written"),
}
