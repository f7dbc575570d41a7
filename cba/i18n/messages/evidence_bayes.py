"""Sentences of cba.evidence.empirical_bayes (see :mod:`cba.i18n.messages`): the empirical Bayes
before/after estimate (``eb.``); key -> (Chinese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # argument and data checks
    "eb.shape": ("{name} 应为长度 {n} 的一维数组，实际形状为 {got}",
                 "{name} should be a one-dimensional array of length {n}, got shape {got}"),
    "eb.empty": ("{name} 没有数据", "{name} holds no data"),
    "eb.count": ("{name} 应为非负整数（事故数），{at}为 {got}",
                 "{name} should hold whole numbers >= 0 (accident counts); {at} holds {got}"),
    "eb.positive": ("{name} 应为有限正数，{at}为 {got}", "{name} should hold finite positive numbers; {at} holds {got}"),
    "eb.item": ("第 {i} 项", "item {i}"),
    "eb.row": ("第 {row} 行", "row {row}"),
    "eb.k": ("过度离散参数 k 应为非负有限数，实际为 {got}",
             "the overdispersion parameter k should be a finite number >= 0, got {got}"),
    "eb.alpha": ("alpha 应在 0 与 1 之间（如 0.05），实际为 {got}",
                 "alpha should be between 0 and 1 (e.g. 0.05), got {got}"),
    "eb.no_after": ("处理组后期观测事故数合计为 0，无法在对数尺度上估计效果比及其区间",
                    "no accidents were observed at the treated sites in the after period: the ratio and its "
                    "interval cannot be estimated on the log scale"),
    "eb.column": ("缺少列 {column}（现有列：{columns}）", "no column {column} (the columns are: {columns})"),
    "eb.after_values": ("列 {column} 应只含 0（前期）和 1（后期），{at}为 {got}",
                        "column {column} should hold only 0 (before) and 1 (after); {at} holds {got}"),
    "eb.site_periods": ("地点 {site} 缺少{period}数据：每个处理组地点都须有前期和后期数据",
                        "site {site} has no {period} rows: every treated site needs before and after rows"),
    "eb.before": ("前期", "before-period"),
    "eb.after": ("后期", "after-period"),
    "eb.treat_needed": ("未给出 treated 时，须用 treat= 指定区分处理组（1）与参照组（0）的列",
                        "without treated, treat= must name the column that marks treated (1) and reference (0) rows"),
    "eb.no_rows": ("{which}没有数据行", "the {which} data have no rows"),
    "eb.reference": ("参照组", "reference"),
    "eb.treated": ("处理组", "treated"),
    "eb.formula": ("安全性能函数公式 {formula} 无法用于数据：{error}",
                   "the safety performance function {formula} does not fit the data: {error}"),
    "eb.fit_failed": ("负二项回归（安全性能函数）拟合失败：{error}",
                      "the negative binomial regression (safety performance function) failed: {error}"),
    # notes
    "eb.note_spf": ("安全性能函数（SPF）：参照组 {n_sites} 个地点、{n_obs} 行数据的负二项（NB2）回归 {formula}"
                    "{offset}，过度离散参数 k = {k}（方差 = μ + kμ²）",
                    "safety performance function (SPF): negative binomial (NB2) regression {formula}{offset} on "
                    "{n_obs} rows of {n_sites} reference sites, overdispersion k = {k} (variance = mu + k mu^2)"),
    "eb.note_offset": ("，偏移量 log({exposure})", ", offset log({exposure})"),
    "eb.note_spf_given": ("安全性能函数预测值由调用方给定，k = {k}", "SPF predictions given by the caller, k = {k}"),
    "eb.note_method": ("经验贝叶斯（EB）前后对比（Hauer 1997；HSM 2010 第 9 章附录 9A.1）：处理组 {n_sites} 个地点前期期望事故数"
                       " = w·P_b +（1 − w）·O_b，其中 P_b 为 SPF 前期预测、O_b 为前期观测、w = 1/(1 + k·P_b)；"
                       "再乘以 SPF 后期/前期预测之比推至后期",
                       "empirical Bayes (EB) before/after (Hauer 1997; HSM 2010, chapter 9, appendix 9A.1): at "
                       "{n_sites} treated sites the expected before count = w * SPF prediction + (1 - w) * observed, "
                       "w = 1/(1 + k * SPF before prediction), carried to the after period by the ratio of SPF "
                       "predictions after/before"),
    "eb.note_ci": ("{level} 区间为对数尺度的 Wald 区间，标准误 sqrt(1/λ + Var(π)/π²) 由 Hauer 的方差公式（HSM 式 9A.1-11）"
                   "按 delta 法得出；未计入 SPF 系数本身的估计误差",
                   "the {level} interval is a Wald interval on the log scale with standard error "
                   "sqrt(1/lambda + Var(pi)/pi^2), from Hauer's variance (HSM eq. 9A.1-11) by the delta method; it "
                   "leaves out the estimation error of the SPF's own coefficients"),
    "eb.note_rtm": ("处理组前期观测事故 {observed} 起，EB 期望值为 {expected} 起（低 {share}）：地点因事故多而入选时，"
                    "简单前后对比会把趋均数回归误算为效果",
                    "the treated sites had {observed} accidents in the before period against an EB expectation of "
                    "{expected} ({share} lower): when sites are chosen for their many accidents, a naive before/after "
                    "comparison mistakes regression to the mean for an effect"),
    "eb.note_naive": ("简单前后对比（按暴露量调整的事故率之比）为 {naive}，未校正趋均数回归、交通量变化和时间趋势，仅供对照；"
                      "EB 估计为 {eb}",
                      "the naive before/after rate ratio (adjusted for exposure only) is {naive}; it corrects for "
                      "neither regression to the mean nor changes in traffic or the time trend and is shown for "
                      "comparison; the EB estimate is {eb}"),
    "eb.note_k_given": ("k 取调用方给定的 {k}，未用拟合值 {fitted}", "k = {k} as given, not the fitted {fitted}"),
    "eb.note_k_zero": ("k 近似为 0（无过度离散）：EB 权重 w≈1，期望值几乎全取 SPF 预测",
                       "k is about 0 (no overdispersion): the EB weights are about 1 and the expected counts come "
                       "almost wholly from the SPF"),
    "eb.note_not_converged": ("负二项回归未收敛，结果须谨慎使用", "the negative binomial regression did not converge: "
                              "use the result with care"),
    "eb.note_default_formula": ("未指定 SPF 公式，采用 {formula}（只含前后期效应）；宜加入交通量等变量",
                                "no SPF formula given: {formula} used (a before/after term only); add traffic "
                                "volume and other site variables where available"),
    "eb.note_files": ("参照组数据：{reference}；处理组数据：{treated}", "reference data: {reference}; treated data: {treated}"),
    # table and summary labels
    "eb.title": ("经验贝叶斯前后对比估计", "Empirical Bayes before/after estimate"),
    "eb.estimator": ("估计方法", "Estimator"),
    "eb.eb": ("经验贝叶斯（EB）", "Empirical Bayes (EB)"),
    "eb.naive": ("简单前后对比", "Naive before/after"),
    "eb.ratio": ("效果比", "Ratio"),
    "eb.ci": ("{level} 区间", "{level} interval"),
    "eb.reduction": ("事故减少率", "Reduction"),
    "eb.reduction_ci": ("减少率 {level} 区间", "Reduction {level} interval"),
    "eb.se_log": ("对数标准误", "SE (log)"),
    "eb.totals": ("处理组后期：观测 {observed} 起，无措施时期望 {expected} 起（方差 {var}）",
                  "treated sites, after period: {observed} observed, {expected} expected without the treatment "
                  "(variance {var})"),
    "eb.method_text": ("经验贝叶斯前后对比（Hauer 1997；HSM 2010 附录 9A.1）",
                       "empirical Bayes before/after (Hauer 1997; HSM 2010 appendix 9A.1)"),
    "eb.naive_text": ("简单前后对比（事故率之比）", "naive before/after (rate ratio)"),
    # per-site table headers
    "eb.site": ("地点", "Site"),
    "eb.observed_before": ("前期观测", "Observed before"),
    "eb.predicted_before": ("前期 SPF 预测", "SPF before"),
    "eb.weight": ("EB 权重 w", "EB weight w"),
    "eb.expected_before": ("前期 EB 期望", "EB expected before"),
    "eb.predicted_after": ("后期 SPF 预测", "SPF after"),
    "eb.adjustment": ("后/前调整系数 r", "Adjustment r"),
    "eb.expected_after": ("后期期望（无措施）", "Expected after (untreated)"),
    "eb.var_expected_after": ("后期期望方差", "Variance expected after"),
    "eb.observed_after": ("后期观测", "Observed after"),
    "eb.site_ratio": ("地点效果比", "Site ratio"),
}
