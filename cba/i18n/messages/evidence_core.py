"""Sentences of cba.evidence's data loading, rate ratio and effect estimation (see
:mod:`cba.i18n.messages`): key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- data: the file ------------------------------------------------------------------------
    "evidence.data.file_missing": ("找不到数据文件 {path}", "data file {path} not found"),
    "evidence.data.file_kind": ("数据文件应为 CSV（.csv）或 Excel（.xlsx），实际为 {path}",
                                "a data file must be CSV (.csv) or Excel (.xlsx), got {path}"),
    "evidence.data.empty_file": ("{path} 中没有数据行", "{path} has no data rows"),
    "evidence.data.blank_header": ("第 1 行（表头）第 {col} 列没有列名", "row 1 (the header), column {col}, has no name"),
    "evidence.data.duplicate_header": ("列名 '{column}' 出现了两次", "column name '{column}' appears twice"),
    "evidence.data.no_column": ("没有名为 '{column}' 的列（已有列：{known}）", "no column '{column}' (columns: {known})"),
    "evidence.data.data_type": ("data 应为 pandas DataFrame 或数据文件的路径，实际为 {got}",
                                "data must be a pandas DataFrame or the path of a data file, got {got}"),
    # --- data: cells -----------------------------------------------------------------------------
    "evidence.data.at_cell": ("第 {row} 行，'{column}' 列", "row {row}, column '{column}'"),
    "evidence.data.at_sheet_cell": ("工作表 '{sheet}' 第 {row} 行，'{column}' 列",
                                    "sheet '{sheet}', row {row}, column '{column}'"),
    "evidence.data.at_index": ("索引 {row}，'{column}' 列", "index {row}, column '{column}'"),
    "evidence.data.empty_cell": ("单元格为空", "the cell is empty"),
    "evidence.data.not_number": ("应为数字，实际为 {got}", "expected a number, got {got}"),
    "evidence.data.negative_count": ("计数不能为负数，实际为 {got}", "a count cannot be negative, got {got}"),
    "evidence.data.whole_count": ("计数应为整数，实际为 {got}", "a count must be a whole number, got {got}"),
    "evidence.data.exposure": ("暴露量（观测时长、交通量等）应为正数，实际为 {got}",
                               "an exposure (months observed, traffic volume, ...) must be positive, got {got}"),
    # --- rate ratio ------------------------------------------------------------------------------
    "evidence.rr.shape": ("四个参数的形状无法对齐（广播）：{shapes}",
                          "the four arguments have shapes that do not broadcast together: {shapes}"),
    "evidence.rr.alpha": ("alpha 应在 0 与 1 之间（如 0.05 表示 95% 置信区间），实际为 {got}",
                          "alpha must lie between 0 and 1 (0.05 for a 95% interval), got {got}"),
    "evidence.rr.zero": ("计数为 0：此时泊松回归的对数率比无定义（最大似然估计为无穷大）。"
                         "可合并更长的观测期或更多地点，或设 zero=\"half\" 对该地点两期计数各加 0.5",
                         "a count is 0: the log rate ratio of the Poisson GLM is then undefined (its maximum "
                         "likelihood estimate is infinite). Pool a longer period or more sites, or pass "
                         "zero=\"half\" to add 0.5 to both counts of that site"),
    "evidence.rr.zero_choice": ("zero 应为 \"error\" 或 \"half\"，实际为 {got}",
                                "zero must be \"error\" or \"half\", got {got}"),
    "evidence.rr.method_glm": ("泊松广义线性模型（对数连接，偏移量为暴露量的对数，“实施后”指示变量），对数尺度 Wald 区间",
                               "Poisson GLM (log link, offset log(exposure), an indicator of 'after'), Wald interval "
                               "on the log scale"),
    "evidence.rr.method_closed": ("泊松广义线性模型的闭式解（逐地点：率比 = (b/eb)/(a/ea)，"
                                  "对数标准误 = √(1/a + 1/b)），对数尺度 Wald 区间",
                                  "closed form of the Poisson GLM, site by site (ratio = (b/eb)/(a/ea), "
                                  "SE of log = √(1/a + 1/b)), Wald interval on the log scale"),
    "evidence.rr.note_glm": ("由 statsmodels 拟合泊松广义线性模型（两期，对数连接，偏移量为暴露量的对数）；"
                             "该模型饱和，其估计与闭式解相同",
                             "Fitted as a Poisson GLM by statsmodels (two periods, log link, offset log exposure); "
                             "the model is saturated, so it equals the closed form"),
    "evidence.rr.note_closed": ("{n} 个地点逐一计算：采用泊松广义线性模型的闭式解（两期饱和模型的最大似然估计与之完全相同），"
                                "未逐一拟合回归",
                                "{n} sites, one ratio each: the closed form of the Poisson GLM is used (the maximum "
                                "likelihood estimate of the saturated two-period model equals it exactly); no "
                                "regression is fitted per site"),
    "evidence.rr.note_no_zero": ("无零计数，未作连续性校正", "No zero counts; no continuity correction"),
    "evidence.rr.note_half": ("连续性校正：{sites}有一期计数为 0，其两期计数各加 0.5 后计算（zero=\"half\"）",
                              "Continuity correction: {sites} had a zero count in a period; 0.5 was added to both "
                              "of its counts (zero=\"half\")"),
    "evidence.rr.site": ("第 {i} 个地点", "site {i}"),
    "evidence.rr.title": ("事故率比（实施后 / 实施前）", "Rate ratio (after / before)"),
    # --- effect estimation ------------------------------------------------------------------------
    "evidence.effect.formula": ("公式应形如 \"事故数 ~ after * kiosk + C(site)\"（左边为计数列），实际为 {got}",
                                "a formula reads like \"accidents ~ after * kiosk + C(site)\" (the count column on "
                                "the left), got {got}"),
    "evidence.effect.formula_error": ("无法按公式建立模型：{error}", "cannot build the model from the formula: {error}"),
    "evidence.effect.family": ("family 应为 \"auto\"、\"poisson\" 或 \"nb\"，实际为 {got}",
                               "family must be \"auto\", \"poisson\" or \"nb\", got {got}"),
    "evidence.effect.no_term": ("模型中没有效果项 '{term}'（已有项：{known}）；请用 term= 指定",
                                "the model has no effect term '{term}' (terms: {known}); name it with term="),
    "evidence.effect.no_default_term": ("模型中既没有交互项 after:kiosk，也没有 after；请用 term= 指定效果项（已有项：{known}）",
                                        "the model has neither the interaction after:kiosk nor after; name the effect "
                                        "term with term= (terms: {known})"),
    "evidence.effect.not_fitted": ("模型拟合失败：{error}", "the model could not be fitted: {error}"),
    "evidence.effect.not_converged": ("{model}的最大似然估计未收敛，结果不可靠", "the maximum likelihood fit of the {model} "
                                      "did not converge; the result is unreliable"),
    "evidence.effect.method": ("{model}（对数连接{offset}），效果项 {term} 的系数取指数为率比，{cov}，对数尺度 Wald 区间",
                               "{model} (log link{offset}), rate ratio = exp(coefficient of {term}), {cov}, Wald "
                               "interval on the log scale"),
    "evidence.effect.poisson": ("泊松广义线性模型", "Poisson GLM"),
    "evidence.effect.nb": ("负二项回归（NB2，离散参数 α 与系数一并由最大似然估计）",
                           "negative binomial regression (NB2, dispersion α estimated with the coefficients by "
                           "maximum likelihood)"),
    "evidence.effect.offset": ("，偏移量 log({exposure})", ", offset log({exposure})"),
    "evidence.effect.cov_cluster": ("按 {cluster} 聚类的稳健标准误", "cluster-robust standard errors by {cluster}"),
    "evidence.effect.cov_model": ("基于模型的标准误", "model-based standard errors"),
    "evidence.effect.note_term_default": ("效果项：{term}（默认规则：有 after 与 kiosk 的交互项时取交互项，即双重差分；"
                                          "否则取 after）",
                                          "Effect term: {term} (default rule: the interaction of after and kiosk when "
                                          "present, i.e. difference-in-differences; otherwise after)"),
    "evidence.effect.note_term_given": ("效果项：{term}（由 term= 指定）", "Effect term: {term} (given by term=)"),
    "evidence.effect.note_did": ("双重差分（对数率尺度）：率比 = 实施点位前后之比 ÷ 对照点位前后之比",
                                 "Difference-in-differences on the log-rate scale: ratio = (after/before at "
                                 "treated sites) ÷ (after/before at comparison sites)"),
    "evidence.effect.note_no_exposure": ("未给出暴露量：直接比较计数（各观测的观测时长、交通量视为相同）",
                                         "No exposure given: counts are compared as they are (each observation "
                                         "taken to have the same months observed and traffic)"),
    "evidence.effect.note_overdispersion": (
        "过度离散检验（Cameron–Trivedi 辅助回归，NB2 形式，单侧）：α = {alpha}，t = {t}，p = {p}；"
        "Pearson χ²/自由度 = {dispersion}；判断标准 p < {level}：{verdict}",
        "Overdispersion test (Cameron–Trivedi auxiliary regression, NB2 form, one-sided): α = {alpha}, t = {t}, "
        "p = {p}; Pearson χ²/df = {dispersion}; rule p < {level}: {verdict}"),
    "evidence.effect.overdispersed": ("存在过度离散", "overdispersed"),
    "evidence.effect.not_overdispersed": ("未见过度离散", "not overdispersed"),
    "evidence.effect.note_auto_nb": ("family=\"auto\"：因存在过度离散，选用负二项回归",
                                     "family=\"auto\": negative binomial chosen because the counts are overdispersed"),
    "evidence.effect.note_auto_poisson": ("family=\"auto\"：未见过度离散，选用泊松回归",
                                          "family=\"auto\": Poisson chosen because the counts are not overdispersed"),
    "evidence.effect.note_forced_poisson": ("family=\"poisson\"：按要求使用泊松回归，但计数存在过度离散，区间可能偏窄",
                                            "family=\"poisson\" as asked, but the counts are overdispersed: the "
                                            "interval is likely too narrow"),
    "evidence.effect.note_nb_alpha": ("负二项离散参数 α = {alpha}（方差 = μ + αμ²）", "Negative binomial dispersion "
                                      "α = {alpha} (variance = μ + αμ²)"),
    "evidence.effect.note_cluster": ("稳健标准误按 {cluster} 聚类（{n} 个聚类）", "Standard errors robust to clustering "
                                     "by {cluster} ({n} clusters)"),
    "evidence.effect.note_few_clusters": ("聚类仅 {n} 个（少于 30），聚类稳健标准误可能偏小",
                                          "Only {n} clusters (fewer than 30): cluster-robust standard errors may be "
                                          "too small"),
    "evidence.effect.note_dropped": ("以下列与前面的列线性相关（如 kiosk 主效应被地点固定效应吸收），拟合前已删去：{columns}",
                                     "Columns linearly dependent on earlier ones (e.g. the kiosk main effect, "
                                     "absorbed by the site fixed effects) were dropped before fitting: {columns}"),
    "evidence.effect.term_collinear": ("效果项 '{term}' 与其他项线性相关，无法识别", "the effect term '{term}' is "
                                       "linearly dependent on other terms and cannot be estimated"),
    "evidence.effect.title": ("效果估计", "Effect estimate"),
    # --- result labels (rate ratio and effect estimate) --------------------------------------------
    "evidence.core.ratio": ("率比", "Rate ratio"),
    "evidence.core.se_log": ("对数率比标准误", "SE of log ratio"),
    "evidence.core.ci_low": ("置信区间下限", "CI low"),
    "evidence.core.ci_high": ("置信区间上限", "CI high"),
    "evidence.core.reduction": ("降幅", "Reduction"),
    "evidence.core.reduction_low": ("降幅下限", "Reduction low"),
    "evidence.core.reduction_high": ("降幅上限", "Reduction high"),
    "evidence.core.before_count": ("实施前计数", "Count before"),
    "evidence.core.before_exposure": ("实施前暴露量", "Exposure before"),
    "evidence.core.after_count": ("实施后计数", "Count after"),
    "evidence.core.after_exposure": ("实施后暴露量", "Exposure after"),
    "evidence.core.site": ("地点", "Site"),
    "evidence.core.term": ("效果项", "Effect term"),
    "evidence.core.family": ("模型", "Model"),
    "evidence.core.n_obs": ("观测数", "Observations"),
    "evidence.core.interval": ("{level} 置信区间", "{level} CI"),
    "evidence.core.line_ratio": ("率比：{ratio}（{level} 置信区间：{low}–{high}）",
                                 "Rate ratio: {ratio} ({level} CI {low}–{high})"),
    "evidence.core.line_reduction": ("降幅：{reduction}（{level} 置信区间：{low}–{high}）",
                                     "Reduction: {reduction} ({level} CI {low}–{high})"),
    "evidence.core.line_method": ("方法：{method}", "Method: {method}"),
    "evidence.core.line_formula": ("公式：{formula}", "Formula: {formula}"),
    "evidence.core.line_n_obs": ("观测数：{n}", "Observations: {n}"),
    "evidence.core.line_data": ("数据：{path}（SHA-256：{sha}）", "Data: {path} (SHA-256 {sha})"),
    "evidence.core.notes": ("说明：", "Notes:"),
}
