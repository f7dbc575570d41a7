"""Sentences of cba.uncertainty's measures (see :mod:`cba.i18n.messages`): global sensitivity
(``gsa.``), value of information (``voi.``) and cost-effectiveness (``cea.``); key -> (Chinese,
English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # shared argument checks
    "gsa.shape": ("{name} 的形状应为 {expected}，实际为 {got}", "{name} should have shape {expected}, got {got}"),
    "gsa.not_finite": ("{name} 含 {count} 个缺失值或无穷值", "{name} holds {count} missing or infinite values"),
    "gsa.n_min": ("{name} 应为不小于 {minimum} 的整数，实际为 {got}",
                  "{name} should be a whole number >= {minimum}, got {got}"),
    "gsa.conf": ("置信水平应在 0 与 1 之间（如 0.95），实际为 {got}",
                 "the confidence level should be between 0 and 1 (e.g. 0.95), got {got}"),
    "gsa.names": ("名称个数（{got}）应与列数（{expected}）一致，且不重复",
                  "expected {expected} distinct names, got {got}"),
    "gsa.base": ("基础抽样方法应为 'sobol' 或 'random'，实际为 {got}",
                 "the base sample should be 'sobol' or 'random', got {got}"),
    # global sensitivity: Sobol indices
    "gsa.title": ("全局敏感性分析（Sobol 指数）", "Global sensitivity analysis (Sobol indices)"),
    "gsa.input": ("输入参数", "Input"),
    "gsa.s1": ("一阶指数", "First-order index"),
    "gsa.st": ("总效应指数", "Total-order index"),
    "gsa.low": ("{index}下限", "{index} low"),
    "gsa.high": ("{index}上限", "{index} high"),
    "gsa.interaction": ("交互作用（总效应−一阶）", "Interactions (total - first)"),
    "gsa.rank": ("按总效应排序", "Rank by total"),
    "gsa.zero_variance": ("输出在全部抽样中取值相同（方差为 0），无法计算方差份额",
                          "the output takes the same value in every draw (zero variance): no variance shares"),
    "gsa.estimators": ("一阶指数用 Saltelli 等（2010）估计量，总效应指数用 Jansen（1999）估计量，输出先减去其均值；"
                       "置信区间为 {n_boot} 次自助法（bootstrap）重抽样的 {conf} 百分位区间；基础样本 {n} 组，模型运行 {runs} 次",
                       "first-order indices by the Saltelli et al. (2010) estimator, total indices by Jansen's (1999), "
                       "on the output less its mean; intervals are {conf} percentile intervals from {n_boot} bootstrap "
                       "resamples; base sample {n}, {runs} model runs"),
    "gsa.negative": ("{names} 的指数估计值为负，属抽样误差（真实值不小于 0）；增加样本量可缩小误差",
                     "the estimates for {names} are negative: sampling error (true indices are >= 0); more draws narrow it"),
    "gsa.sum_s1": ("一阶指数之和为 {total}；其余 {rest} 的方差来自输入间的交互作用（及抽样误差）",
                   "the first-order indices add up to {total}; the remaining {rest} of the variance comes from "
                   "interactions between inputs (and sampling error)"),
    "gsa.not_pow2": ("基础样本数 {n} 不是 2 的幂，Sobol 序列的均衡性会减弱；建议取 {suggest}",
                     "the base sample {n} is not a power of two, which weakens the balance of the Sobol sequence; "
                     "{suggest} is suggested"),
    "gsa.design": ("Saltelli 设计：由 {base} 生成 2×{d} 维基础样本，拆为 A、B 两个矩阵，AB_i 为 A 的第 i 列换成 B 的第 i 列；"
                   "共 {runs} 组输入（{n}×（{d}+2））",
                   "Saltelli design: a {base} base sample of 2 x {d} dimensions split into matrices A and B; AB_i is A "
                   "with its column i taken from B; {runs} input rows in all ({n} x ({d} + 2))"),
    "gsa.base_sobol": ("加扰 Sobol 序列（scipy.stats.qmc，随机种子 {seed}）",
                       "a scrambled Sobol sequence (scipy.stats.qmc, seed {seed})"),
    "gsa.base_random": ("独立均匀随机数（随机种子 {seed}）", "independent uniform draws (seed {seed})"),
    # rank correlation
    "gsa.rank_title": ("秩相关与方差贡献", "Rank correlation and contribution to variance"),
    "gsa.spearman": ("Spearman 秩相关系数", "Spearman rank correlation"),
    "gsa.contribution": ("方差贡献率", "Contribution to variance"),
    "gsa.rank_note": ("方差贡献率为各输入秩相关系数平方占其总和的份额（合计 100%），是快速近似："
                      "输入之间相关或模型非单调时并非方差的精确分解（精确分解见 Sobol 指数）；共 {n} 次抽样",
                      "the contribution to variance is each input's squared rank correlation as a share of their sum "
                      "(100% in all), a quick view: with correlated inputs or a non-monotonic model it is not an exact "
                      "split of the variance (Sobol indices are); {n} draws"),
    "gsa.constant_input": ("{names} 在全部抽样中取值不变，秩相关系数记为 0",
                           "{names} take one value in every draw: rank correlation set to 0"),
    "gsa.lengths": ("{name} 的长度（{got}）应与输出的长度（{expected}）一致",
                    "{name} has {got} values, the output {expected}"),
    # value of information
    "voi.evpi_title": ("完全信息期望值（EVPI）", "Expected value of perfect information (EVPI)"),
    "voi.evppi_title": ("部分完全信息期望值（EVPPI）", "Expected value of partial perfect information (EVPPI)"),
    "voi.option": ("方案", "Option"),
    "voi.expected_nb": ("期望净效益", "Expected net benefit"),
    "voi.prob_best": ("最优的概率", "Probability best"),
    "voi.best": ("现有信息下的最优方案", "Best option on current information"),
    "voi.evpi": ("EVPI", "EVPI"),
    "voi.evppi": ("EVPPI", "EVPPI"),
    "voi.se": ("蒙特卡洛标准误", "Monte Carlo standard error"),
    "voi.parameters": ("参数", "Parameters"),
    "voi.estimator": ("估计方法", "Estimator"),
    "voi.evpi_note": ("EVPI = E[max_j 净效益_j] − max_j E[净效益_j]，由 {n} 次抽样估计；标准误为 max_j 净效益_j − 净效益_最优 "
                      "的样本标准差除以 √n（以现有信息下的最优方案为条件）",
                      "EVPI = E[max_j NB_j] - max_j E[NB_j] over {n} draws; its standard error is the sample standard "
                      "deviation of max_j NB_j - NB_best divided by sqrt(n) (given the option best on current information)"),
    "voi.one_option": ("只有一个方案时无需决策，EVPI 为 0", "with a single option there is no choice: EVPI is 0"),
    "voi.method": ("估计方法应为 'regression' 或 'binning'，实际为 {got}",
                   "the method should be 'regression' or 'binning', got {got}"),
    "voi.binning_one": ("分箱法只适用于单个参数，实际给出 {k} 个；参数组请用 method='regression'",
                        "binning takes a single parameter, got {k}; use method='regression' for a group"),
    "voi.too_few": ("抽样次数（{n}）太少，不足以拟合 {terms} 项的回归（至少需要 {need} 次）",
                    "{n} draws are too few to fit a regression with {terms} terms (at least {need} are needed)"),
    "voi.est_spline": ("回归法（Strong、Oakley 与 Brennan 2014）：对各方案的净效益以 {params} 的自然三次样条（{knots} 个节点，"
                       "按分位数放置，{terms} 项）做最小二乘回归；EVPPI 为各次抽样中最大拟合值的均值，减去各方案净效益均值中的最大者",
                       "regression (Strong, Oakley & Brennan 2014): each option's net benefit regressed by least squares "
                       "on a natural cubic spline of {params} ({knots} knots at quantiles, {terms} terms); "
                       "EVPPI = mean(max_j fitted_j) - max_j mean(NB_j)"),
    "voi.est_poly": ("回归法（Strong、Oakley 与 Brennan 2014）：对各方案的净效益以 {params} 的 {degree} 次多项式（含交互项，"
                     "{terms} 项）做最小二乘回归；EVPPI 为各次抽样中最大拟合值的均值，减去各方案净效益均值中的最大者",
                     "regression (Strong, Oakley & Brennan 2014): each option's net benefit regressed by least squares "
                     "on a degree-{degree} polynomial of {params} with interactions ({terms} terms); "
                     "EVPPI = mean(max_j fitted_j) - max_j mean(NB_j)"),
    "voi.est_bins": ("分箱法（Sadatsafavi 等 2013）：按 {params} 排序，分为 {bins} 个样本数相等的箱，箱内平均净效益代替条件期望；"
                     "EVPPI 为各箱中最大的箱内均值按样本份额加权之和，减去各方案净效益均值中的最大者",
                     "binning (Sadatsafavi et al. 2013): draws sorted by {params} into {bins} bins of equal size, the "
                     "bin means standing for the conditional expectations; "
                     "EVPPI = sum over bins of share x max_j bin mean_j - max_j mean(NB_j)"),
    "voi.bias": ("有限样本下该估计略偏高（拟合或分箱噪声），与决策无关的参数其 EVPPI 也不会恰为 0",
                 "with finite draws the estimate is biased slightly upward (fitting or binning noise): an input that "
                 "does not matter does not give exactly 0"),
    "voi.capped": ("估计值 {raw} 超过 EVPI，按 EVPPI ≤ EVPI 截为 {evpi}",
                   "the estimate {raw} exceeds the EVPI and is capped at {evpi} (EVPPI <= EVPI)"),
    # cost-effectiveness
    "cea.title": ("增量成本效果分析", "Incremental cost-effectiveness"),
    "cea.strategy": ("方案", "Strategy"),
    "cea.cost": ("费用", "Cost"),
    "cea.effect": ("效果", "Effect"),
    "cea.status": ("状态", "Status"),
    "cea.inc_cost": ("增量费用", "Incremental cost"),
    "cea.inc_effect": ("增量效果", "Incremental effect"),
    "cea.icer": ("增量成本效果比（ICER）", "ICER"),
    "cea.versus": ("比较对象", "Compared with"),
    "cea.ND": ("未被占优", "not dominated"),
    "cea.D": ("被绝对占优", "dominated"),
    "cea.ED": ("被扩展占优", "extendedly dominated"),
    "cea.rules": ("方案按费用从低到高排列（费用相同时效果高者在前）；费用不高于且效果不低于另一方案（至少一项严格）者为"
                  "被绝对占优（D）；其余方案中，ICER 高于下一个更贵方案 ICER 者为被扩展占优（ED），逐个剔除后重算；"
                  "ICER 相对下一个更便宜的未被占优方案计算",
                  "strategies sorted by cost (equal costs: higher effect first); one that costs no less and achieves "
                  "no more than another (one of them strictly) is dominated (D); of the rest, one whose ICER exceeds "
                  "the next costlier one's is extendedly dominated (ED), removed one at a time with ICERs recomputed; "
                  "ICERs are against the next cheaper non-dominated strategy"),
    "cea.ties": ("{names} 与 {first} 的费用和效果完全相同：保留先列出的 {first}，其余记为被绝对占优（D）",
                 "{names} have the same cost and effect as {first}: {first}, listed first, is kept and the others "
                 "are marked dominated (D)"),
    "cea.equal_icer": ("{names} 与其下一个方案的 ICER 相等（位于同一条边界线段上），保留为未被占优",
                       "{names} have the same ICER as the next strategy (on one segment of the frontier): kept as not dominated"),
    "cea.lengths": ("strategies、cost、effect 的长度应一致，实际为 {a}、{b}、{c}",
                    "strategies, cost and effect should have one length, got {a}, {b}, {c}"),
    "cea.empty": ("至少需要一个方案", "at least one strategy is needed"),
    "cea.unique": ("方案名称重复：{names}", "strategy names repeat: {names}"),
    "cea.ceac_title": ("成本效果可接受曲线", "Cost-effectiveness acceptability curve"),
    "cea.wtp": ("意愿支付（每单位效果）", "Willingness to pay (per unit of effect)"),
    "cea.prob_ce": ("具有成本效果的概率", "Probability cost-effective"),
    "cea.frontier": ("成本效果可接受边界", "Acceptability frontier"),
    "cea.optimal": ("期望净货币效益最高的方案", "Highest expected net monetary benefit"),
    "cea.evpi": ("完全信息期望值（EVPI）", "EVPI"),
    "cea.ceac_note": ("净货币效益 = 意愿支付 × 效果 − 费用；每个意愿支付下，各方案的概率为其在 {n} 次抽样中净货币效益最高的比例"
                      "（并列时取先列出的方案）；边界为期望净货币效益最高的方案（Fenwick 等 2001）",
                      "net monetary benefit = willingness to pay x effect - cost; at each willingness to pay a strategy's "
                      "probability is the share of the {n} draws in which its net monetary benefit is the highest "
                      "(ties go to the strategy listed first); the frontier is the strategy with the highest expected "
                      "net monetary benefit (Fenwick et al. 2001)"),
    "cea.wtp_values": ("意愿支付应为有限数字的一维序列", "willingness to pay should be a 1-D sequence of finite numbers"),
}
