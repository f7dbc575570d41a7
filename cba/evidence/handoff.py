"""Hand-off: a statistical estimate of an effect becomes a model parameter.

An estimate of a rate ratio (``cba.rate_ratio``, ``cba.estimate_effect``, the Empirical Bayes
estimate) turns into a :class:`cba.Parameter` for the RATIO: its value is the point estimate,
``low``/``high`` the confidence interval, and its distribution a lognormal with median = ratio
and sigma = the standard error of the log ratio, which is what ``appraise``, break-even,
sensitivity and Monte Carlo use. The model then writes the benefit with ``(1 - ratio)``.

How a model file gets the parameter (the route chosen): model files stay data and nothing runs
when a model is loaded. ``cba estimate DATA ... --parameter NAME [--write FILE]`` prints (or
writes) the YAML parameter entry, which is pasted under ``parameters:``; the entry records the
command's inputs, so re-running the command reproduces it byte for byte (no date or time is
written). From Python: ``est.to_parameter("crash_ratio")`` or :func:`to_parameter`.

The record in ``source``
------------------------
``source`` is one Chinese-first sentence that starts with :data:`EVIDENCE_MARK`, then
segments separated by ``；``, each ``key：value`` after the first::

    【数据测算】比值 0.625，95% 置信区间 0.3792–1.030，对数标准误 0.255；方法：...；公式：...；
    效果项：...；暴露量：...；数据：accident_panel.csv，480 条记录；SHA-256：...；
    分布：对数正态，中位数 = 比值，σ = 对数标准误

Keys (:data:`SOURCE_KEYS`): 方法 (the estimator), 公式 (the formula, when there is one), 效果项
(the model term, when the estimate names one), 暴露量 (the exposure, when named), 数据 (file
name, not its folder, and number of records), SHA-256 (of the data file's bytes), 分布 (how the
distribution is built). The report (:mod:`cba.report.evidence_blocks`) lists every parameter
whose source starts with the mark and shows these segments as rows; nothing else reads them, and
the numbers shown come from the parameter itself, not from the text.

Examples
--------
A before/after count at one site: 40 accidents in 24 months before, 25 in 24 months after.
The Poisson rate ratio is 25/40 = 0.625 with se(log) = sqrt(1/25 + 1/40) = sqrt(0.065).

>>> import math
>>> from types import SimpleNamespace
>>> se = math.sqrt(1 / 25 + 1 / 40)
>>> est = SimpleNamespace(ratio=0.625, se_log=se, alpha=0.05,
...                       ci_low=0.625 * math.exp(-1.959963984540054 * se),
...                       ci_high=0.625 * math.exp(1.959963984540054 * se),
...                       method="Poisson GLM, log link, offset log(months)", formula=None,
...                       data_path="counts.csv", data_sha256="0" * 64, n_obs=2)
>>> p = to_parameter(est, "crash_ratio", label="事故比值")
>>> round(p.value, 4), round(p.low, 4), round(p.high, 4)
(0.625, 0.3792, 1.0301)
>>> dict(p.distribution.params) == {"median": 0.625, "sigma": se}
True
>>> p.source.split("；")[0]
'【数据测算】比值 0.625，95% 置信区间 0.3792–1.03，对数标准误 0.255'
>>> print(parameter_block(est, "crash_ratio", label="事故比值").splitlines()[0])
  crash_ratio:
"""
from __future__ import annotations

import math
import os
from typing import Any

# absolute imports: the module also imports (for its doctests) before cba/evidence/__init__.py exists
from cba import checks as v
from cba.errors import InputError
from cba.i18n import msg

__all__ = ["to_parameter", "parameter_block", "source_text", "source_segments", "is_evidence",
           "EVIDENCE_MARK", "SOURCE_KEYS", "DEFAULT_LABEL"]

#: how the source of a parameter estimated from data starts (the report looks for it). It holds
#: neither 估计 nor "estimate", the words that mark a guessed value in reports.
EVIDENCE_MARK = "【数据测算】"
#: the keys of the source's segments: field -> the Chinese key written in the source
SOURCE_KEYS = {"method": "方法", "formula": "公式", "term": "效果项", "exposure": "暴露量", "data": "数据",
               "sha256": "SHA-256", "distribution": "分布"}
#: label of the parameter when none is given (model files are Chinese first)
DEFAULT_LABEL = "发生率比"
QUANTITIES = ("ratio",)
_REQUIRED = ("ratio", "se_log", "ci_low", "ci_high", "alpha", "method", "data_path", "data_sha256", "n_obs")


def _fields(estimate: Any) -> dict[str, Any]:
    """The contract fields of ``estimate`` (any object that has them), checked."""
    out: dict[str, Any] = {}
    for key in _REQUIRED:
        if not hasattr(estimate, key):
            raise InputError(msg("evidence.handoff.not_estimate", field=key, got=type(estimate).__name__),
                             where="estimate")
        out[key] = getattr(estimate, key)
    for key in ("formula", "term", "exposure"):
        out[key] = getattr(estimate, key, None)
    for key in ("ratio", "se_log", "ci_low", "ci_high", "alpha"):
        out[key] = v.number(out[key], key, finite=False)
    ratio, se, lo, hi = out["ratio"], out["se_log"], out["ci_low"], out["ci_high"]
    if not (math.isfinite(ratio) and ratio > 0):
        raise InputError(msg("evidence.handoff.bad_ratio", got=v.show(ratio)), where="ratio")
    if not (math.isfinite(se) and se > 0):
        raise InputError(msg("evidence.handoff.bad_se", got=v.show(se)), where="se_log")
    if not (math.isfinite(lo) and math.isfinite(hi) and 0 < lo <= ratio <= hi):
        raise InputError(msg("evidence.handoff.bad_ci", low=f"{lo:g}", high=f"{hi:g}", ratio=f"{ratio:g}"),
                         where="ci_low")
    return out


def _clean(text: Any) -> str:
    """A segment value on one line, without the segment separator."""
    return " ".join(str(text).replace("；", "，").split())


def _level(alpha: float) -> str:
    """95 for alpha = 0.05 (up to 4 significant digits)."""
    return f"{100 * (1 - alpha):.4g}"


def source_text(estimate: Any) -> str:
    """The ``source`` sentence recording ``estimate`` (see the module docstring for its form).

    The data file is named without its folder and no date or time is written, so the same data
    and command give the same text on any machine.
    """
    f = _fields(estimate)
    head = (f"{EVIDENCE_MARK}比值 {f['ratio']:.4g}，{_level(f['alpha'])}% 置信区间 "
            f"{f['ci_low']:.4g}–{f['ci_high']:.4g}，对数标准误 {f['se_log']:.4g}")
    method = getattr(estimate, "method_zh", None) or f["method"]       # the source is written in Chinese
    parts = [head, f"{SOURCE_KEYS['method']}：{_clean(method)}"]
    for key in ("formula", "term"):
        if f[key]:
            parts.append(f"{SOURCE_KEYS[key]}：{_clean(f[key])}")
    if f["exposure"]:
        parts.append(f"{SOURCE_KEYS['exposure']}：{_clean(f['exposure'])}（对数偏移）")
    name = os.path.basename(os.fspath(f["data_path"])) if f["data_path"] else "未记录文件"
    parts.append(f"{SOURCE_KEYS['data']}：{_clean(name)}，{int(f['n_obs'])} 条记录")
    parts.append(f"{SOURCE_KEYS['sha256']}：{_clean(f['data_sha256'] or '未记录')}")
    parts.append(f"{SOURCE_KEYS['distribution']}：对数正态，中位数 = 比值，σ = 对数标准误")
    return "；".join(parts)


def source_segments(source: str) -> list[tuple[str, str]]:
    """``[(key, value), ...]`` of a source written by :func:`source_text` (its first segment,
    the numbers, has the key ``""``); ``[]`` for any other source.

    >>> source_segments("【数据测算】比值 0.8；方法：泊松；SHA-256：ab")
    [('', '比值 0.8'), ('方法', '泊松'), ('SHA-256', 'ab')]
    """
    if not is_evidence(source):
        return []
    out = []
    for i, seg in enumerate(source[len(EVIDENCE_MARK):].split("；")):
        key, sep, value = seg.partition("：")
        out.append(("", seg.strip()) if i == 0 or not sep else (key.strip(), value.strip()))
    return out


def is_evidence(parameter: Any) -> bool:
    """True when a parameter (or a source text) was written by :func:`to_parameter`."""
    source = parameter if isinstance(parameter, str) else getattr(parameter, "source", "")
    return isinstance(source, str) and source.startswith(EVIDENCE_MARK)


def to_parameter(estimate: Any, name: str, *, label: str = "", unit: str = "比例", quantity: str = "ratio"):
    """A model parameter for the ratio of an estimate, with its interval and distribution.

    Parameters
    ----------
    estimate : RateRatio, EffectEstimate, EBEstimate or any object with their fields
        Needs ``ratio``, ``se_log`` (standard error of log ratio), ``ci_low``, ``ci_high``,
        ``alpha``, ``method``, ``data_path``, ``data_sha256``, ``n_obs``; ``formula``, ``term``
        and ``exposure`` are recorded when present.
    name : str
        The parameter's name in formulas (e.g. ``crash_ratio``).
    label, unit : str
        Shown in reports; ``label`` defaults to :data:`DEFAULT_LABEL` (发生率比).
    quantity : {"ratio"}
        Only the ratio: its distribution is lognormal; the model writes the reduction as
        ``(1 - name)``.

    Returns
    -------
    cba.Parameter
        ``value`` = ratio, ``low``/``high`` = the confidence interval, distribution lognormal with
        ``median`` = ratio and ``sigma`` = se_log, ``source`` = :func:`source_text`.

    Notes
    -----
    With a Wald interval on the log scale, ci = exp(log(ratio) -+ z se) with z = Phi^-1(1 - alpha/2),
    so the lognormal's alpha/2 and 1 - alpha/2 quantiles are the interval's ends: the Monte Carlo
    draws carry the same uncertainty as the interval. An interval of another kind (the estimate's
    ``ci_low``/``ci_high``) is kept as ``low``/``high`` as given.

    Examples
    --------
    See the module docstring.
    """
    from cba.model.distributions import Distribution
    from cba.model.elements import Parameter

    if quantity not in QUANTITIES:
        raise InputError(msg("evidence.handoff.quantity", got=v.show(quantity)), where="quantity")
    f = _fields(estimate)
    return Parameter(name=name, value=f["ratio"], low=f["ci_low"], high=f["ci_high"], unit=unit,
                     label=label or DEFAULT_LABEL, source=source_text(estimate),
                     distribution=Distribution("lognormal", {"median": f["ratio"], "sigma": f["se_log"]}))


def parameter_block(estimate: Any, name: str, *, label: str = "", unit: str = "比例", quantity: str = "ratio",
                    digits: int = 6, indent: int = 2, comment: str | None = None) -> str:
    """The YAML text of the parameter entry of :func:`to_parameter`, to paste under ``parameters:``.

    Numbers are written to ``digits`` significant digits (rounding keeps low <= value <= high);
    the entry is indented by ``indent`` spaces (the kiosk model's layout) and preceded by
    ``comment`` (one ``#`` line per line of text) when given. The text ends with a newline.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> est = SimpleNamespace(ratio=0.8, se_log=0.1, ci_low=0.6576, ci_high=0.9733, alpha=0.05,
    ...                       method="泊松回归", formula="y ~ x", data_path="/tmp/d.csv",
    ...                       data_sha256="ab" * 32, n_obs=40)
    >>> print(parameter_block(est, "r", label="比值"))    # doctest: +ELLIPSIS
      r:
        value: 0.8
        low: 0.6576
        high: 0.9733
        unit: 比例
        label: 比值
        source: 【数据测算】比值 0.8，95% 置信区间 0.6576–0.9733，对数标准误 0.1；方法：泊松回归；公式：y ~ x；数据：d.csv，40 条记录；SHA-256：abab...；分布：对数正态，中位数 = 比值，σ = 对数标准误
        distribution:
          kind: lognormal
          median: 0.8
          sigma: 0.1
    <BLANKLINE>
    """
    import yaml

    if isinstance(digits, bool) or not isinstance(digits, int) or not 4 <= digits <= 17:
        raise InputError(msg("evidence.handoff.digits", got=v.show(digits)), where="digits")
    p = to_parameter(estimate, name, label=label, unit=unit, quantity=quantity)
    r = lambda x: float(f"{x:.{digits}g}")  # noqa: E731
    sigma = float(p.distribution.params["sigma"])
    entry = {"value": r(p.value), "low": r(p.low), "high": r(p.high), "unit": p.unit, "label": p.label,
             "source": p.source,
             "distribution": {"kind": "lognormal", "median": r(p.value), "sigma": r(sigma)}}
    body = yaml.safe_dump({p.name: entry}, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=1_000_000, indent=2)
    pad = " " * int(indent)
    lines = [f"{pad}# {line}".rstrip() for line in (comment.splitlines() if comment else [])]
    lines += [pad + line for line in body.splitlines()]
    return "\n".join(lines) + "\n"
