"""Sentences of the new distributions, correlations and samplers (:mod:`cba.model.distributions`,
:mod:`cba.uncertainty.correlation`, :mod:`cba.uncertainty.sampling`); see :mod:`cba.i18n.messages`.

The names of the new distribution kinds keep the ``model.dist.kind.`` prefix of the older ones.
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- distribution kinds --------------------------------------------------------------------
    "model.dist.kind.truncnormal": ("截断正态分布", "truncated normal"),
    "model.dist.kind.beta": ("贝塔分布", "beta"),
    "model.dist.kind.discrete": ("离散分布", "discrete"),
    "model.dist.kind.empirical": ("经验分布", "empirical"),
    # --- distribution fields -------------------------------------------------------------------
    "uncertainty.dist.needs": ("{kind}需要给出 '{field}'", "a {kind} distribution needs '{field}'"),
    "uncertainty.dist.positive": ("{field} 应大于 0，实际为 {got}", "expected {field} > 0, got {got}"),
    "uncertainty.dist.low_high": ("应满足 low < high，实际为 low={low}、high={high}",
                                  "expected low < high, got low={low} and high={high}"),
    "uncertainty.dist.one_pair": ("{kind}应给出 {a} 或 {b} 其中一组，不能两组都给",
                                  "a {kind} distribution takes either {a} or {b}, not both"),
    "uncertainty.dist.beta_mean": ("均值应在 low 与 high 之间（{low} < mean < {high}），实际为 {got}",
                                   "expected low < mean < high ({low} < mean < {high}), got {got}"),
    "uncertainty.dist.beta_sd": ("[{low}, {high}] 上均值为 {mean} 的贝塔分布要求 sd 小于 "
                                 "√((mean − low)(high − mean)) = {limit}，实际为 {got}",
                                 "a beta on [{low}, {high}] with mean {mean} needs sd below "
                                 "sqrt((mean - low)(high - mean)) = {limit}, got {got}"),
    "uncertainty.dist.list": ("应为一组数字（如 [1, 2, 3]），实际为 {got}", "expected a list of numbers such as [1, 2, 3], got {got}"),
    "uncertainty.dist.lengths": ("probabilities 应与 values 一样有 {n} 个，实际为 {m} 个",
                                 "expected {n} probabilities, one per value, got {m}"),
    "uncertainty.dist.prob_negative": ("概率不能为负，实际为 {got}", "a probability cannot be negative, got {got}"),
    "uncertainty.dist.prob_sum": ("概率之和应为 1（误差不超过 1e-9），实际为 {total}",
                                  "the probabilities should sum to 1 (within 1e-9), got {total}"),
    "uncertainty.dist.duplicate_value": ("取值 {value} 重复出现", "the value {value} is listed twice"),
    "uncertainty.dist.empirical_source": ("经验分布应给出 file（CSV 或 Excel 数据文件）或 values（数值列表）二者之一",
                                          "an empirical distribution needs either 'file' (a CSV or Excel file) or "
                                          "'values' (a list of numbers), not both"),
    "uncertainty.dist.too_few": ("至少需要 2 个数值，实际为 {n} 个", "expected at least 2 values, got {n}"),
    # --- data files of empirical distributions -------------------------------------------------
    "uncertainty.data.missing": ("找不到数据文件 {path}（相对于 {base}）", "no data file {path} (relative to {base})"),
    "uncertainty.data.suffix": ("数据文件应为 .csv、.xlsx 或 .xlsm，实际为 {got}",
                                "expected a .csv, .xlsx or .xlsm data file, got {got}"),
    "uncertainty.data.unreadable": ("无法读取数据文件 {path}：{problem}", "cannot read the data file {path}: {problem}"),
    "uncertainty.data.which_column": ("数据文件有多列（{columns}），请用 column 指明使用哪一列",
                                      "the data file has several columns ({columns}): name one with 'column'"),
    "uncertainty.data.no_column": ("数据文件中没有列 '{column}'{hint}；现有列：{columns}",
                                   "no column '{column}' in the data file{hint}; columns: {columns}"),
    "uncertainty.data.not_number": ("列 '{column}' 第 {row} 行的值 {got} 不是数字",
                                    "column '{column}', row {row}: {got} is not a number"),
    "uncertainty.data.sha_mismatch": ("数据文件 {path} 的 SHA-256 为 {got}，与模型记录的 {expected} 不符：文件已改动；"
                                      "确认新数据无误后删除 sha256 字段",
                                      "the data file {path} has SHA-256 {got}, not the {expected} the model records: "
                                      "the file has changed; remove 'sha256' to accept it"),
    # --- correlations --------------------------------------------------------------------------
    "uncertainty.corr.form": ("应为相关系数对的列表（[[a, b, 0.5], ...]）、映射（{{a: {{b: 0.5}}}}）或 "
                              "{{names: [...], matrix: [[...]]}}，实际为 {got}",
                              "expected a list of pairs ([[a, b, 0.5], ...]), a mapping ({{a: {{b: 0.5}}}}) or "
                              "{{names: [...], matrix: [[...]]}}, got {got}"),
    "uncertainty.corr.pair": ("应为由两个参数名和相关系数组成的列表（如 [a, b, 0.5]），实际为 {got}", "expected [parameter, parameter, r], got {got}"),
    "uncertainty.corr.no_distribution": ("参数 '{name}' 没有分布，不能设定相关系数（请先为它设定 distribution）",
                                         "parameter '{name}' has no distribution, so it cannot be correlated "
                                         "(give it a distribution first)"),
    "uncertainty.corr.range": ("相关系数应在 -1 与 1 之间，实际为 {got}", "expected a correlation between -1 and 1, got {got}"),
    "uncertainty.corr.self": ("参数 '{name}' 不能与自身设定相关系数", "parameter '{name}' cannot be correlated with itself"),
    "uncertainty.corr.duplicate": ("'{a}' 与 '{b}' 的相关系数给出了两次", "the pair '{a}' and '{b}' is given twice"),
    "uncertainty.corr.duplicate_name": ("参数 '{name}' 在 names 中出现了两次", "parameter '{name}' is listed twice in names"),
    "uncertainty.corr.shape": ("矩阵应为 {n}×{n}（与 names 个数相同），实际为 {got}",
                               "expected a {n}×{n} matrix (one row and column per name), got {got}"),
    "uncertainty.corr.diagonal": ("对角线元素应为 1，'{name}' 处为 {got}", "expected 1 on the diagonal, got {got} for '{name}'"),
    "uncertainty.corr.symmetric": ("矩阵应对称：'{a}' 与 '{b}' 处为 {x}，'{b}' 与 '{a}' 处为 {y}",
                                   "the matrix is not symmetric: {x} for '{a}' and '{b}' but {y} for '{b}' and '{a}'"),
    "uncertainty.corr.psd": ("相关矩阵不是半正定矩阵（最小特征值为 {eig}），任何一组变量都不可能有这样的相关系数；请调整相关系数",
                             "the correlation matrix is not positive semi-definite (smallest eigenvalue {eig}): "
                             "no set of variables can have these correlations; adjust them"),
    "uncertainty.corr.col.first": ("参数一", "Parameter 1"),
    "uncertainty.corr.col.second": ("参数二", "Parameter 2"),
    "uncertainty.corr.col.requested": ("设定的秩相关系数", "Requested rank correlation"),
    "uncertainty.corr.col.achieved": ("实现的秩相关系数（Spearman）", "Achieved rank correlation (Spearman)"),
    "uncertainty.corr.col.difference": ("差异", "Difference"),
    "uncertainty.corr.title": ("参数间秩相关系数（{n} 次抽样）", "Rank correlations between parameters ({n} draws)"),
    "uncertainty.corr.none": ("没有设定相关系数：各参数独立抽样", "no correlations given: parameters are drawn independently"),
    # --- samplers ------------------------------------------------------------------------------
    "uncertainty.sample.seed": ("应为整数种子（如 20260101）、numpy SeedSequence 或 Generator，实际为 {got}",
                                "expected an integer seed (such as 20260101), a numpy SeedSequence or a Generator, got {got}"),
    "uncertainty.sample.total": ("start + n（{end}）不应超过整次运行的抽样次数 total（{total}）",
                                 "start + n ({end}) exceeds the run's number of draws, total ({total})"),
    "uncertainty.sample.sobol_pow2": ("Sobol 序列的均衡性要求抽样次数为 2 的幂，本次为 {n}（相近的 2 的幂：{lower} 或 {upper}）",
                                      "the balance properties of Sobol' points require the number of draws to be a "
                                      "power of 2; this run has {n} (nearest: {lower} or {upper})"),
    "uncertainty.sample.sobol_corr": ("Sobol 抽样施加了相关性：各参数的一维分层保持不变，但多维低差异性质不再成立",
                                      "correlations are imposed on Sobol' points: each parameter keeps its "
                                      "one-dimensional stratification, but the joint low-discrepancy property is lost"),
    "uncertainty.sample.small_block": ("有一个抽样块只有 {m} 次抽样，不多于相关参数个数 {d}，无法施加相关性：该块各参数独立抽样",
                                       "a block has only {m} draws, not more than the {d} correlated parameters, so "
                                       "its draws stay independent"),
    "uncertainty.sample.fixed_in_corr": ("参数 '{name}' 不参与抽样：它的相关系数不再施加",
                                         "parameter '{name}' is not drawn, so its correlations are dropped"),
}
