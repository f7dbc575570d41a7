"""Performance monitoring during implementation (绩效运行监控): spending and outputs against plan,
warnings, and a budget action per project.

A monitoring table has one row per project and period::

    project | period | planned_spend | actual_spend | planned_output | actual_output | self_reported

(``self_reported``: ``met`` / ``exceeded`` / ``not_met``, or 达标 / 超额完成 / 未达标; an optional
``grade`` column holds the project's performance grade 优/良/中/差). Amounts and outputs are per
period; :func:`monitor` sums them up to each project's latest period.

Warnings (codes in ``ProjectStatus.warnings``):

- ``spend_behind``: cumulative spending more than ``behind`` (default 20%) below plan, i.e.
  ``(planned - actual) / planned > behind``; exactly 20% behind is *not* warned (">", as
  Liaoning's rule "more than 20% behind schedule" reads);
- ``output_behind``: the same test on outputs;
- ``idle_funds``: disbursement ``actual / planned`` below ``idle`` (default 0.5);
- ``report_contradicts_idle``: idle funds while the unit self-reports the output target
  met or exceeded; the named cross-check of the audit finding that a western county's
  self-evaluation rated 96% of projects "exceeded target" while 32% of funds were idle;
- ``report_contradicts_output``: self-reported met/exceeded while measured output is behind.

Shares are compared after rounding to 12 decimals, so that 80 of 100 counts as exactly 20%.

The budget action follows :class:`BudgetRule` (cba's default, stated in every result; it is
not an official rule): **cut** ``cut_share`` (50%) of the planned budget when the grade is 差,
or when the output target is missed (output behind) and funds are idle (the cut follows
Liaoning's practice of cutting by half the budget of a project that missed its target);
**increase** by ``increase_share`` (10%) when the grade is 优 and disbursement is at least
``full`` (95%) with outputs not behind; **keep** otherwise.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import Text, check_lang, get_lang, msg
from ..display import RichDisplay

__all__ = ["monitor", "Monitoring", "ProjectStatus", "BudgetRule", "read_monitoring", "COLUMNS"]

COLUMNS = ("project", "period", "planned_spend", "actual_spend", "planned_output", "actual_output",
           "self_reported")
_NUMBERS = ("planned_spend", "actual_spend", "planned_output", "actual_output")
#: accepted spellings of ``self_reported`` -> canonical code
_REPORTS = {"met": "met", "exceeded": "exceeded", "not_met": "not_met", "not met": "not_met",
            "达标": "met", "完成": "met", "已完成": "met", "超额完成": "exceeded", "超额": "exceeded",
            "未达标": "not_met", "未完成": "not_met"}
_GRADES = ("优", "良", "中", "差")
WARNINGS = ("spend_behind", "output_behind", "idle_funds", "report_contradicts_idle", "report_contradicts_output")


@dataclass(frozen=True)
class BudgetRule:
    """The rule that turns monitoring into a budget action (cba's default, not an official rule).

    Parameters
    ----------
    cut_share : float
        Share of the planned budget cut (default 0.5, after Liaoning's 50% cut of a project
        that missed its target).
    cut_grades : tuple of str
        Grades that are cut whatever the monitoring shows (default ``("差",)``).
    increase_share : float
        Share added for a project that qualifies for an increase (default 0.1).
    increase_grades : tuple of str
        Grades that may be increased (default ``("优",)``).
    full : float
        Disbursement (actual / planned spending) that counts as full (default 0.95).

    >>> BudgetRule().cut_share, BudgetRule(cut_share=0.3).cut_share
    (0.5, 0.3)
    """

    cut_share: float = 0.5
    cut_grades: tuple[str, ...] = ("差",)
    increase_share: float = 0.1
    increase_grades: tuple[str, ...] = ("优",)
    full: float = 0.95

    def __post_init__(self) -> None:
        for name in ("cut_share", "increase_share", "full"):
            x = getattr(self, name)
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not 0 <= x <= 1:
                raise InputError(msg("review.monitor.share", got=repr(x)), where=f"rule.{name}")
        for name in ("cut_grades", "increase_grades"):
            grades = getattr(self, name)
            if isinstance(grades, str):
                grades = (grades,)
            grades = tuple(grades)
            for g in grades:
                if g not in _GRADES:
                    raise InputError(msg("review.monitor.grade", got=repr(g)), where=f"rule.{name}")
            object.__setattr__(self, name, grades)

    @classmethod
    def from_any(cls, rule: Any) -> "BudgetRule":
        """``None`` (the default rule), a BudgetRule, or a mapping of its fields."""
        if rule is None:
            return cls()
        if isinstance(rule, cls):
            return rule
        if isinstance(rule, Mapping):
            known = {f.name for f in fields(cls)}
            for key in rule:
                if key not in known:
                    raise InputError(msg("review.monitor.rule_key", got=repr(key), known=", ".join(sorted(known))),
                                     where="rule")
            return cls(**dict(rule))
        raise InputError(msg("review.monitor.rule_kind", got=type(rule).__name__), where="rule")

    def text(self) -> Text:
        """The rule in words."""
        return msg("review.monitor.rule_text", cut=_pct(self.cut_share), cut_grades="、".join(self.cut_grades),
                   increase=_pct(self.increase_share), increase_grades="、".join(self.increase_grades),
                   full=_pct(self.full))

    def to_dict(self) -> dict[str, Any]:
        return {"cut_share": self.cut_share, "cut_grades": list(self.cut_grades),
                "increase_share": self.increase_share, "increase_grades": list(self.increase_grades),
                "full": self.full}


def _pct(x: float) -> str:
    return f"{100 * x:.4g}%"


def _num(x: float) -> str:
    from ..formatting import fmt_value

    return fmt_value(x)


@dataclass(frozen=True)
class ProjectStatus:
    """One project's monitoring to its latest period (see :func:`monitor`)."""

    project: str
    period: str
    planned_spend: float
    actual_spend: float
    planned_output: float
    actual_output: float
    self_reported: str
    grade: str | None
    warnings: tuple[str, ...]
    action: str                     # cut / keep / increase
    change: float                   # signed change of the budget (same unit as spending)
    reason: Text

    @property
    def spend_rate(self) -> float:
        """Disbursement: cumulative actual / planned spending."""
        return self.actual_spend / self.planned_spend

    @property
    def output_rate(self) -> float:
        """Cumulative actual / planned output (NaN when no output was planned)."""
        return self.actual_output / self.planned_output if self.planned_output > 0 else math.nan

    @property
    def idle_amount(self) -> float:
        """Planned but unspent funds (0 when spending is at or above plan)."""
        return max(self.planned_spend - self.actual_spend, 0.0)


@dataclass(frozen=True)
class Monitoring(RichDisplay):
    """Result of :func:`monitor`: one :class:`ProjectStatus` per project, in table order."""

    projects: tuple[ProjectStatus, ...]
    behind: float
    idle: float
    rule: BudgetRule
    source: str | None = None
    notes: tuple[Text, ...] = field(default=())

    def project(self, name: str) -> ProjectStatus:
        """The status of one project."""
        for p in self.projects:
            if p.project == name:
                return p
        raise InputError(msg("review.monitor.no_project", got=repr(name)), where="project")

    @property
    def warned(self) -> tuple[ProjectStatus, ...]:
        """Projects with at least one warning."""
        return tuple(p for p in self.projects if p.warnings)

    def portfolio_check(self) -> dict[str, float]:
        """Share of projects self-reporting met/exceeded, share of planned funds unspent, the
        unspent share among the projects self-reporting met/exceeded, and ``contradiction``:
        that share is more than ``behind`` (the western-county cross-check: 96% "exceeded" with
        32% of funds idle)."""
        n = len(self.projects)
        planned = sum(p.planned_spend for p in self.projects)
        met = [p for p in self.projects if p.self_reported in ("met", "exceeded")]
        planned_met = sum(p.planned_spend for p in met)
        idle_met = sum(p.idle_amount for p in met) / planned_met if planned_met else 0.0
        return {"reported_met_share": len(met) / n if n else math.nan,
                "idle_share": sum(p.idle_amount for p in self.projects) / planned if planned else math.nan,
                "idle_share_reported_met": idle_met,
                "contradiction": bool(round(idle_met, 12) > self.behind)}

    def to_frame(self, lang: str | None = None):
        """A table, one row per project, headers in ``lang`` (default the current language)."""
        import pandas as pd

        lang = check_lang(lang or get_lang())
        rows = []
        for p in self.projects:
            rows.append({
                "project": p.project, "period": p.period, "planned_spend": p.planned_spend,
                "actual_spend": p.actual_spend, "spend_rate": p.spend_rate, "planned_output": p.planned_output,
                "actual_output": p.actual_output, "output_rate": p.output_rate,
                "self_reported": msg(f"review.monitor.report.{p.self_reported}").render(lang),
                "grade": p.grade or "", "warnings": "；".join(msg(f"review.monitor.warn.{w}").render(lang)
                                                             for w in p.warnings) if lang == "zh" else
                "; ".join(msg(f"review.monitor.warn.{w}").render(lang) for w in p.warnings),
                "action": msg(f"review.monitor.action.{p.action}").render(lang), "change": p.change,
            })
        frame = pd.DataFrame(rows, columns=["project", "period", "planned_spend", "actual_spend", "spend_rate",
                                            "planned_output", "actual_output", "output_rate", "self_reported",
                                            "grade", "warnings", "action", "change"])
        frame.columns = [msg(f"review.monitor.col.{c}").render(lang) for c in frame.columns]
        return frame

    def summary(self, lang: str | None = "zh") -> str:
        """Warnings and budget actions as text (Chinese by default)."""
        lang = check_lang(lang or get_lang())
        lines = [msg("review.monitor.title", n=len(self.projects), warned=len(self.warned),
                     behind=_pct(self.behind), idle=_pct(self.idle)).render(lang)]
        for p in self.projects:
            if not p.warnings:
                continue
            sep = "；" if lang == "zh" else "; "
            lines.append(msg("review.monitor.line", project=p.project, spend=_pct(p.spend_rate),
                             output=_pct(p.output_rate) if math.isfinite(p.output_rate) else "-",
                             warnings=sep.join(msg(f"review.monitor.warn.{w}").render(lang) for w in p.warnings)
                             ).render(lang))
        check = self.portfolio_check()
        lines.append(msg("review.monitor.crosscheck", reported=_pct(check["reported_met_share"]),
                         idle=_pct(check["idle_share"])).render(lang))
        if check["contradiction"]:
            lines.append(msg("review.monitor.portfolio_contradiction", idle=_pct(check["idle_share_reported_met"]),
                             behind=_pct(self.behind)).render(lang))
        lines.append(msg("review.monitor.actions_head").render(lang))
        for action in ("cut", "increase", "keep"):
            chosen = [p for p in self.projects if p.action == action]
            if not chosen:
                continue
            if action == "keep":
                lines.append(msg("review.monitor.keep_line", n=len(chosen)).render(lang))
                continue
            for p in chosen:
                lines.append(msg(f"review.monitor.{action}_line", project=p.project, change=_num(abs(p.change)),
                                 reason=p.reason).render(lang))
        lines.append(msg("review.monitor.rule_head", rule=self.rule.text()).render(lang))
        lines.extend(n.render(lang) for n in self.notes)
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        """HTML in the current language: the summary's lines, then one row per project (rates as
        percentages, amounts as money)."""
        from ..display import block_html
        from ..formatting import fmt_money, fmt_rate, fmt_value

        lang = get_lang()
        lines = self.summary(lang).split("\n")
        frame = self.to_frame(lang).astype(object)
        keys = ["project", "period", "planned_spend", "actual_spend", "spend_rate", "planned_output", "actual_output",
                "output_rate", "self_reported", "grade", "warnings", "action", "change"]
        for key, col in zip(keys, list(frame.columns)):
            f = (fmt_rate if key.endswith("_rate") else fmt_money if key.endswith("spend") or key == "change"
                 else fmt_value if key.endswith("_output") else str)
            frame[col] = [f(x) for x in frame[col]]
        frame = frame.set_index(frame.columns[0])
        return block_html(lines[0], [("", frame)], (), lines[1:], lang, css="cba-monitoring")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready; texts in English and Chinese)."""
        def clean(x: float) -> float | None:
            return None if isinstance(x, float) and not math.isfinite(x) else x

        return {
            "behind": self.behind, "idle": self.idle, "rule": self.rule.to_dict(),
            "rule_text": {"zh": self.rule.text().render("zh"), "en": self.rule.text().render("en")},
            "source": self.source,
            "portfolio_check": {k: v if isinstance(v, bool) else clean(v) for k, v in self.portfolio_check().items()},
            "projects": [{
                "project": p.project, "period": p.period, "planned_spend": p.planned_spend,
                "actual_spend": p.actual_spend, "spend_rate": clean(p.spend_rate),
                "planned_output": p.planned_output, "actual_output": p.actual_output,
                "output_rate": clean(p.output_rate), "self_reported": p.self_reported, "grade": p.grade,
                "warnings": list(p.warnings), "action": p.action, "change": p.change,
                "reason": {"zh": p.reason.render("zh"), "en": p.reason.render("en")},
            } for p in self.projects],
        }


def read_monitoring(table: Any):
    """A monitoring table as a DataFrame indexed by the file's row numbers (header = row 1).

    ``table`` is a path to a CSV (UTF-8, UTF-8 with BOM, GBK) or Excel file, read with
    :func:`cba.evidence.read_table`, or a DataFrame (errors then name its index).
    """
    import pandas as pd

    if isinstance(table, (str, Path)):
        from ..evidence.data import read_table

        frame = read_table(table, columns=COLUMNS)
    elif isinstance(table, pd.DataFrame):
        frame = table.copy()
        frame.attrs.update(table.attrs)
        missing = [c for c in COLUMNS if c not in frame.columns]
        if missing:
            from .. import checks as v

            raise InputError(msg("evidence.data.no_column", column=missing[0],
                                 known=v.listing([str(c) for c in frame.columns])), where="table")
    else:
        raise InputError(msg("review.monitor.table_kind", got=type(table).__name__), where="table")
    return frame


def _check(frame) -> tuple[dict[str, list], str | None]:
    """Validate every cell; return columns as lists of clean values."""
    from .. import checks as v
    from ..evidence.data import _as_number, _blank, _shown, cell_where

    source = frame.attrs.get("path")

    def bad(row: Any, column: str, problem: Text) -> InputError:
        return InputError(problem, where=cell_where(frame, row, column), source=source)

    out: dict[str, list] = {c: [] for c in (*COLUMNS, "grade", "row")}
    has_grade = "grade" in frame.columns
    seen: dict[tuple[str, str], Any] = {}
    for row, rec in zip(frame.index, frame.to_dict("records")):
        out["row"].append(row)
        for c in ("project", "period"):
            x = rec[c]
            if _blank(x):
                raise bad(row, c, msg("evidence.data.empty_cell"))
            out[c].append(_key(x))
        key = (out["project"][-1], out["period"][-1])
        if key in seen:
            raise bad(row, "period", msg("review.monitor.duplicate", project=key[0], period=key[1], first=seen[key]))
        seen[key] = row
        for c in _NUMBERS:
            x = rec[c]
            if _blank(x):
                raise bad(row, c, msg("evidence.data.empty_cell"))
            num = _as_number(x)
            if num is None or not math.isfinite(num):
                raise bad(row, c, msg("evidence.data.not_number", got=v.show(x)))
            if num < 0:
                raise bad(row, c, msg("review.monitor.negative", got=_shown(num)))
            out[c].append(num)
        x = rec["self_reported"]
        code = None if _blank(x) else _REPORTS.get(str(x).strip().lower())
        if code is None:
            raise bad(row, "self_reported", msg("review.monitor.bad_report", got=v.show(x)))
        out["self_reported"].append(code)
        g = rec.get("grade") if has_grade else None
        if _blank(g):
            g = None
        elif str(g).strip() not in _GRADES:
            raise bad(row, "grade", msg("review.monitor.grade", got=v.show(g)))
        else:
            g = str(g).strip()
        out["grade"].append(g)
    if not out["row"]:
        raise InputError(msg("evidence.data.empty_file", path=source or "table"), source=source)
    return out, source


def _key(x: Any) -> str:
    """A project or period cell as text (``2.0`` -> ``"2"``)."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x).strip()


def _share_behind(planned: float, actual: float) -> float:
    """``(planned - actual) / planned`` rounded to 12 decimals (0 when nothing was planned)."""
    return round((planned - actual) / planned, 12) if planned > 0 else 0.0


def monitor(table: Any, *, behind: float = 0.20, idle: float = 0.5, rule: Any = None) -> Monitoring:
    """Monitor spending and outputs against plan; warn; propose a budget action per project.

    Parameters
    ----------
    table : str, Path or pandas.DataFrame
        The monitoring table (columns :data:`COLUMNS`, optional ``grade``), a CSV or Excel file
        (errors name the file, row and column) or a DataFrame.
    behind : float
        Warn when cumulative spending or output is *more than* this share below plan
        (``>``: exactly 20% behind is not warned). Default 0.20.
    idle : float
        Flag idle funds when disbursement (actual / planned spending) is below this share.
        Default 0.5.
    rule : BudgetRule or mapping, optional
        The budget rule (default :class:`BudgetRule`, cba's default, stated in the result).

    Returns
    -------
    Monitoring

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"project": ["A", "A", "B"], "period": [1, 2, 1],
    ...                   "planned_spend": [50, 50, 100], "actual_spend": [40, 30, 80],
    ...                   "planned_output": [10, 10, 5], "actual_output": [10, 10, 5],
    ...                   "self_reported": ["met", "exceeded", "met"]})
    >>> m = monitor(t)
    >>> m.project("A").spend_rate, m.project("A").warnings   # (100 - 70) / 100 = 30% > 20%
    (0.7, ('spend_behind',))
    >>> m.project("B").warnings                               # exactly 20% behind: no warning
    ()
    """
    for name, x in (("behind", behind), ("idle", idle)):
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not 0 <= x <= 1:
            raise InputError(msg("review.monitor.share", got=repr(x)), where=name)
    budget_rule = BudgetRule.from_any(rule)
    frame = read_monitoring(table)
    cols, source = _check(frame)
    order: list[str] = []
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(cols["project"]):
        if p not in groups:
            order.append(p)
            groups[p] = []
        groups[p].append(i)
    statuses = []
    for p in order:
        idx = groups[p]
        sums = {c: math.fsum(cols[c][i] for i in idx) for c in _NUMBERS}
        last = idx[-1]
        grades = [cols["grade"][i] for i in idx if cols["grade"][i]]
        if len(set(grades)) > 1:
            bad_row = next(i for i in idx if cols["grade"][i] and cols["grade"][i] != grades[0])
            from ..evidence.data import cell_where

            raise InputError(msg("review.monitor.grade_changes", project=p, first=grades[0],
                                 got=cols["grade"][bad_row]),
                             where=cell_where(frame, cols["row"][bad_row], "grade"), source=source)
        if sums["planned_spend"] <= 0:
            from ..evidence.data import cell_where

            raise InputError(msg("review.monitor.no_plan", project=p),
                             where=cell_where(frame, cols["row"][last], "planned_spend"), source=source)
        statuses.append(_status(p, cols["period"][last], sums, cols["self_reported"][last],
                                grades[0] if grades else None, behind, idle, budget_rule))
    notes = (msg("review.monitor.note_rule"),)
    return Monitoring(projects=tuple(statuses), behind=float(behind), idle=float(idle), rule=budget_rule,
                      source=source, notes=notes)


def _status(project: str, period: str, s: dict[str, float], report: str, grade: str | None, behind: float,
            idle: float, rule: BudgetRule) -> ProjectStatus:
    warns = []
    spend_gap = _share_behind(s["planned_spend"], s["actual_spend"])
    output_gap = _share_behind(s["planned_output"], s["actual_output"])
    rate = s["actual_spend"] / s["planned_spend"]
    is_idle = round(rate, 12) < idle
    output_behind = output_gap > behind
    reported_met = report in ("met", "exceeded")
    if spend_gap > behind:
        warns.append("spend_behind")
    if output_behind:
        warns.append("output_behind")
    if is_idle:
        warns.append("idle_funds")
        if reported_met:
            warns.append("report_contradicts_idle")
    if reported_met and output_behind:
        warns.append("report_contradicts_output")
    planned = s["planned_spend"]
    if grade is not None and grade in rule.cut_grades:
        action, change = "cut", -rule.cut_share * planned
        reason = msg("review.monitor.why_cut_grade", grade=grade, share=_pct(rule.cut_share))
    elif output_behind and is_idle:
        action, change = "cut", -rule.cut_share * planned
        reason = msg("review.monitor.why_cut_idle", output=_pct(s["actual_output"] / s["planned_output"]),
                     spend=_pct(rate), share=_pct(rule.cut_share))
    elif grade is not None and grade in rule.increase_grades and round(rate, 12) >= rule.full and not output_behind:
        action, change = "increase", rule.increase_share * planned
        reason = msg("review.monitor.why_increase", grade=grade, spend=_pct(rate), share=_pct(rule.increase_share))
    else:
        action, change = "keep", 0.0
        reason = msg("review.monitor.why_keep")
    return ProjectStatus(project=project, period=period, planned_spend=s["planned_spend"],
                         actual_spend=s["actual_spend"], planned_output=s["planned_output"],
                         actual_output=s["actual_output"], self_reported=report, grade=grade,
                         warnings=tuple(warns), action=action, change=float(change) + 0.0, reason=reason)
