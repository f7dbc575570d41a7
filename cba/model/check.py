"""Check that a model can be evaluated: the base case, every scenario and both ends of every range.

Loading a model checks its structure; :func:`check_model` goes one step further and evaluates it
where an appraisal, a sensitivity analysis or a break-even search will: at the base values, in
every named scenario (applied on top of the base values) and at the low and the high end of every
parameter with a range (one end at a time, the others at base). All these cases are evaluated in
one vectorised run of the cash flows, and every formula that gives a non-finite value (a division
by zero, an overflow, the logarithm of a negative number) is reported with its file, option, flow
line, period and parameter values, as :func:`cba.appraise` would report the first of them.

Examples
--------
>>> import cba
>>> m = cba.load_model({"name": "x", "horizon": 2, "discount_rate": 0.1,
...     "parameters": {"price": 10, "n": {"value": 5, "low": 4, "high": 6}},
...     "options": {"o": {"flows": [{"name": "unit", "kind": "cost", "amount": "price / (n - 4)"}]}}})
>>> report = check_model(m)
>>> report.ok
False
>>> print(report.problems[0].message.render("en"))
options.o.flows[0] (unit): the formula gives inf in period 1 with price=10, n=4 (and in 1 more period); case: parameters.n.low (4)
>>> print(report.problems[0].message.render("zh"))
options.o.flows[0]（unit）：公式在第 1 期的值为 inf，此时 price=10、n=4（另有 1 期也是如此）；出现于：parameters.n.low（4）
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Text, join, msg
from .evaluate import _flow_where, _line, located, with_inputs
from .model import Model

__all__ = ["check_model", "ModelCheck", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One formula (or one option's total) that cannot be evaluated in some cases.

    Attributes
    ----------
    option, flow : str
        The option and the flow line (``flow`` is None when only the option's total fails).
    where : str
        The field, e.g. ``options.kiosk.flows[2]``.
    period : int or None
        The first period where the value is not finite.
    value : float or None
        That value (``inf``, ``-inf`` or ``nan``); None for an error raised by the formula.
    inputs : mapping
        Values of the parameters the formula uses, in the first failing case.
    cases : tuple of Text
        Every case where the formula fails with these same inputs (shown in the current language).
    message : Text
        The full message, naming the file (``str()`` gives it in the current language).
    """

    option: str
    flow: str | None
    where: str
    period: int | None
    value: float | None
    inputs: Mapping[str, float]
    cases: tuple[Text, ...]
    message: Text = field(repr=False)

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class ModelCheck:
    """What :func:`check_model` found: the cases evaluated and every problem."""

    source: str | None
    cases: tuple[Text, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when every case evaluates to finite cash flows."""
        return not self.problems

    def summary(self, lang: str | None = None) -> str:
        """One line when the model is fine; otherwise one line per problem (in ``lang``, default
        the current language)."""
        n = len(self.cases)
        what = msg("model.check.evaluated", n=n, s="s" if n != 1 else "")
        if self.ok:
            return msg("model.check.ok", what=what).render(lang)
        k = len(self.problems)
        lines = [msg("model.check.problems", what=what, n=k, s="s" if k != 1 else "").render(lang)]
        return "\n".join(lines + [f"  {p.message.render(lang)}" for p in self.problems])

    def __str__(self) -> str:
        return self.summary()


def _cases(model: Model) -> list[tuple[Text, dict[str, float]]]:
    """(label, parameter values on top of base) for the base, each scenario and each range end."""
    cases: list[tuple[Text, dict[str, float]]] = [(msg("model.check.base_case"), {})]
    for name, overrides in model.scenarios.items():
        cases.append((msg("model.check.scenario", name=name),
                      {k: x for k, x in overrides.items() if k != "discount_rate"}))
    for name, p in model.parameters.items():
        for end in ("low", "high"):
            x = getattr(p, end)
            if x is not None and x != p.value:
                cases.append((msg("model.check.range_end", where=f"parameters.{name}.{end}", value=f"{x:g}"),
                              {name: x}))
    return cases


def check_model(model: Model) -> ModelCheck:
    """Evaluate a model in every case an analysis will reach and report every non-finite value.

    Parameters
    ----------
    model : Model
        A loaded model.

    Returns
    -------
    ModelCheck
        ``ok``, ``cases`` (labels of the cases evaluated) and ``problems`` (one per formula and
        set of input values that fails, listing every case where it does).

    Notes
    -----
    The cases are the base values; every named scenario (its values on top of the base); and,
    for every parameter with ``low`` or ``high``, each end alone with every other parameter at
    base. They are evaluated as draws of one run of the cash flows (chunked like
    :func:`cba.model.cash_flows`). A formula's value depends only on the parameters it uses,
    so cases that give a formula the same inputs are one problem. Discount rates do not enter
    the cash flows and are checked when the model is loaded.

    Examples
    --------
    >>> import cba
    >>> m = cba.load_model({"name": "x", "horizon": 1, "discount_rate": 0.1,
    ...     "parameters": {"a": {"value": 2, "low": 1, "high": 3}},
    ...     "options": {"o": {"flows": [{"name": "b", "kind": "benefit", "amount": "a * t"}]}}})
    >>> report = check_model(m)
    >>> report.ok, [case.render("en") for case in report.cases]
    (True, ['base case', 'parameters.a.low (1)', 'parameters.a.high (3)'])
    >>> print(report.summary("zh"))
    共计算 3 种情形（基准情景、各情景、各参数的低值和高值）：现金流均为有限值
    """
    cases = _cases(model)
    labels = tuple(label for label, _ in cases)
    n = len(cases)
    values = {}
    for name, p in model.parameters.items():
        column = np.full(n, p.value)
        for i, (_, overrides) in enumerate(cases):
            if name in overrides:
                column[i] = overrides[name]
        values[name] = column
    env = {k: a.reshape(n, 1) for k, a in values.items()}
    problems: list[Problem] = []
    for okey, option in model.options.items():
        total = np.zeros((n, model.horizon + 1))
        failed = np.zeros(n, dtype=bool)
        for flow in option.flows:
            where = _flow_where(okey, option, flow, model)
            used = [k for k in values if flow.amount is not None and k in flow.amount.names]
            try:
                line = _line(model, flow, env, n)
            except InputError:      # an exponent beyond the bound: find the cases, one by one
                problems += _raising_cases(model, okey, flow, where, used, values, labels)
                failed |= True
                continue
            with np.errstate(all="ignore"):      # inf - inf: the lines are reported, not the total
                total += line
            bad = ~np.isfinite(line)
            rows = np.flatnonzero(bad.any(axis=1))
            failed[rows] = True
            groups: dict[tuple[float, ...], list[int]] = {}
            for i in rows:
                groups.setdefault(tuple(float(values[k][i]) for k in used), []).append(int(i))
            for key, members in groups.items():
                i = members[0]
                periods = np.flatnonzero(bad[i])
                shown = dict(zip(used, key))
                more = len(periods) - 1
                message = located(model.source, msg(
                    "model.eval.gives", where=where, flow=flow.name, value=line[i, periods[0]],
                    period=int(periods[0]), inputs=with_inputs(shown))
                    + (msg("model.check.more_periods", n=more, s="s" if more > 1 else "") if more else "")
                    + _in_cases([labels[j] for j in members]))
                problems.append(Problem(okey, flow.name, where, int(periods[0]), float(line[i, periods[0]]),
                                        shown, tuple(labels[j] for j in members), message))
        for ai, asset in enumerate(option.assets):
            lines, bad_cases = _asset_cases(model, okey, ai, asset, cases, problems)
            failed[bad_cases] = True
            with np.errstate(all="ignore"):
                for line in lines.values():
                    total += line
        # finite lines can still add up to an overflow
        for i in np.flatnonzero(~np.isfinite(total).all(axis=1) & ~failed):
            period = int(np.flatnonzero(~np.isfinite(total[i]))[0])
            message = located(model.source, msg("model.check.total", option=okey, value=total[i, period],
                                                period=period) + _in_cases([labels[i]]))
            problems.append(Problem(okey, None, f"options.{okey}", period, float(total[i, period]), {},
                                    (labels[i],), message))
    return ModelCheck(source=model.source, cases=labels, problems=tuple(problems))


def _asset_cases(model: Model, okey: str, ai: int, asset: Any, cases: list, problems: list) -> tuple[dict, list]:
    """Evaluate an asset case by case (cases are few): its lines (failed cases as zeros) and the
    failing cases, with one problem per distinct message appended to ``problems``."""
    from ..errors import CBAError
    from .evaluate import resolve_inputs

    n = len(cases)
    lines: dict[str, np.ndarray] = {line.name: np.zeros((n, model.horizon + 1)) for line in asset.lines()}
    groups: dict[str, tuple[list[int], Any]] = {}
    for i, (_, overrides) in enumerate(cases):
        inputs = resolve_inputs(model, overrides)
        env = {k: np.asarray(a, dtype=float).reshape(1, 1) for k, a in inputs.values.items()}
        try:
            got = asset.evaluate(model, env, inputs)
        except CBAError as err:
            text = err.args[0] if err.args else str(err)
            key = text.render("en") if isinstance(text, Text) else str(text)
            groups.setdefault(key, ([], text))[0].append(i)
            continue
        for name, arr in got.items():
            lines[name][i] = arr[0]
    where = f"options.{okey}.assets[{ai}]"
    for members, err in groups.values():
        message = msg("model.check.asset", error=err, cases=_in_cases([cases[j][0] for j in members]))
        problems.append(Problem(okey, asset.name, where, None, None, {}, tuple(cases[j][0] for j in members),
                                message))
    return lines, [j for members, _ in groups.values() for j in members]


def _in_cases(labels: list[Text]) -> Text:
    return msg("model.check.cases", s="s" if len(labels) > 1 else "", cases=join(*labels, sep=("、", ", ")))


def _raising_cases(model: Model, okey: str, flow: Any, where: str, used: list[str],
                   values: Mapping[str, np.ndarray], labels: tuple[Text, ...]) -> list[Problem]:
    """Cases where the formula raises (e.g. an exponent beyond the bound), grouped by inputs."""
    groups: dict[tuple[float, ...], tuple[list[int], str]] = {}
    for i in range(len(labels)):
        env = {k: a[i:i + 1].reshape(1, 1) for k, a in values.items()}
        try:
            _line(model, flow, env, 1)
        except InputError as err:
            key = tuple(float(values[k][i]) for k in used)
            groups.setdefault(key, ([], err.message))[0].append(i)
    out = []
    for key, (members, reason) in groups.items():
        shown = dict(zip(used, key))
        message = located(model.source, msg("model.check.raises", where=where, flow=flow.name, reason=reason)
                          + with_inputs(shown) + _in_cases([labels[j] for j in members]))
        out.append(Problem(okey, flow.name, where, None, None, shown, tuple(labels[j] for j in members), message))
    return out
