"""Everything at once: one-way sensitivity, switching values, scenarios and a frontier."""
from __future__ import annotations

import math

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import check_lang, label, msg
from ..model.model import Model
from .display import _as_text, _num
from .scenarios import compare_scenarios
from .sensitivity import Sensitivity, sensitivity
from .two_way import TwoWay, two_way
from ..display import RichDisplay

__all__ = ["SensitivityAnalysis", "analyse"]


@dataclass(frozen=True)
class SensitivityAnalysis(RichDisplay):
    """Tornado/spider data, switching values, scenarios and a frontier (see :func:`analyse`)."""

    sensitivity: Sensitivity
    switching: Any          # DataFrame from switching_values()
    scenarios: Any          # DataFrame from compare_scenarios()
    frontier: TwoWay | None = None

    def _names(self) -> dict[str, dict[str, str]]:
        from .switching_table import parameter_names

        return parameter_names(self.sensitivity.model, self.switching.index)

    def summary(self, lang: str = "zh") -> str:
        from .switching_table import switching_text

        check_lang(lang)
        parts = [self.sensitivity.summary(lang), "", switching_text(self.switching, self._names(), lang)]
        if len(self.scenarios) > 1:
            sc = compare_scenarios(self.sensitivity.model, self.sensitivity.option, lang=lang,
                                   metrics=[m for m in self.scenarios.columns if m != "changes"])
            parts += ["", f"[{label('scenarios', lang)}]", _as_text(sc, lang=lang)]
        if self.frontier is not None:
            parts += ["", f"[{label('two_way', lang)}]", self.frontier.summary(lang)]
        return "\n".join(parts)


    def _repr_html_(self) -> str:
        """HTML in the current language: the sensitivity, the switching values (with units and
        notes), the scenarios and the two-way frontier."""
        from ..i18n import get_lang
        from .display import _html
        from .switching_table import switching_html

        lang = get_lang()
        model = self.sensitivity.model
        parts = [self.sensitivity._repr_html_(), switching_html(self.switching, self._names(), lang)]
        if len(self.scenarios) > 1:
            sc = compare_scenarios(model, self.sensitivity.option, lang=lang,
                                   metrics=[m for m in self.scenarios.columns if m != "changes"])
            parts.append(_html(label("scenarios", lang), sc, lang=lang))
        if self.frontier is not None:
            parts.append(self.frontier._repr_html_())
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        def records(frame) -> list[dict[str, Any]]:
            out = []
            for idx, row in frame.iterrows():
                rec = {frame.index.name or "index": idx}
                for k, v in row.items():
                    rec[k] = _num(v) if isinstance(v, float) else (bool(v) if isinstance(v, (bool, np.bool_)) else v)
                out.append(rec)
            return out

        return {"sensitivity": self.sensitivity.to_dict(), "switching_values": records(self.switching),
                "scenarios": records(self.scenarios),
                "frontier": None if self.frontier is None else self.frontier.to_dict()}

    def files(self, lang: str = "zh") -> dict[str, str | bytes]:
        """Every output as ``{file name: content}``: CSV tables (UTF-8 with BOM, for Excel),
        ``sensitivity.json`` and the tornado, spider and frontier PNGs."""
        import json

        from .switching import translate_switching
        from ..plots.charts import figure_bytes, plot_frontier, plot_spider, plot_tornado

        check_lang(lang)
        bom = "\ufeff"
        out: dict[str, str | bytes] = {
            "switching_values.csv": bom + translate_switching(self.switching, lang, full=True).to_csv(),
            "tornado.csv": bom + self.sensitivity.table(lang).to_csv(),
            "spider.csv": bom + self.sensitivity.spider_frame().to_csv(),
            "scenarios.csv": bom + compare_scenarios(self.sensitivity.model, self.sensitivity.option,
                                                     lang=lang).to_csv(),
            "sensitivity.json": json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n",
            "tornado.png": figure_bytes(plot_tornado(self.sensitivity, lang=lang)),
            "spider.png": figure_bytes(plot_spider(self.sensitivity, lang=lang)),
        }
        if self.frontier is not None:
            out["frontier.png"] = figure_bytes(plot_frontier(self.frontier, lang=lang))
        return out

    def write(self, out_dir: Any, lang: str = "zh") -> list[Any]:
        """Write :meth:`files` into ``out_dir``: all rendered first, then renamed into place
        together, so a failure leaves no partial output."""
        from ..atomic import write_files

        return write_files(out_dir, self.files(lang))


def frontier_pair(sens, switching) -> tuple[str, str] | None:
    """The two inputs a break-even frontier shows by default.

    The first is the input closest to flipping the decision: the one whose switching value is
    the smallest relative change from its base value (an input with no switching value in its
    search range cannot flip it); the second is the input with the largest tornado swing among
    the others. Without any switching value, the two largest swings. ``None`` with fewer than
    two inputs.

    Parameters
    ----------
    sens : Sensitivity
        The one-way sensitivity (tornado order: largest swing first).
    switching : pandas.DataFrame
        :func:`switching_values` of the same option and metric (``change`` column).
    """
    names = list(sens.parameters)
    if len(names) < 2:
        return None
    change = {}
    if len(switching):
        for name, c in switching["change"].items():
            c = float(c)
            if name in names and math.isfinite(c):
                change[name] = abs(c)
    if not change:
        return names[0], names[1]
    first = min(change, key=lambda k: (change[k], names.index(k)))
    second = next(k for k in names if k != first)
    return first, second


def analyse(model: Model, option: str | None = None, metric: str = "npv", *,
            frontier: tuple[str, str] | None = None, n: int = 41, scenario: str | None = None) -> SensitivityAnalysis:
    """One-way sensitivity, switching values, scenarios and a break-even frontier together.

    Parameters
    ----------
    model : Model
    option, metric, scenario
        As in :func:`sensitivity`.
    frontier : (str, str), optional
        The two inputs of the two-way grid. Default (:func:`frontier_pair`): the input whose
        switching value is nearest its base value, against the largest tornado swing of the others.
        Their axes are widened to take in their switching values (``two_way(..., extend=True)``)
        so the frontier shows; the plausible ranges stay marked on the plot.
    n : int
        Grid points per axis of the frontier.

    Returns
    -------
    SensitivityAnalysis
        ``summary()``, ``to_dict()``, ``files()`` and ``write(out_dir)`` (used by
        ``cba sensitivity``).
    """
    from .switching import switching_values

    s = sensitivity(model, option, metric, scenario=scenario)
    sv = switching_values(model, s.option, metric=metric, scenario=scenario)
    sc = compare_scenarios(model, s.option)
    pair = frontier
    if pair is None:
        pair = frontier_pair(s, sv)
    tw = None
    if pair is not None:
        if isinstance(pair, str) or len(pair) != 2:
            raise InputError(msg("analysis.two_inputs", got=repr(pair)), where="frontier")
        tw = two_way(model, pair[0], pair[1], option=s.option, metric=metric, n=n, extend=True,
                     scenario=scenario)
    return SensitivityAnalysis(sensitivity=s, switching=sv, scenarios=sc, frontier=tw)
