"""The interactive explorer: :func:`explore` builds an :class:`Explorer` on a model.

Every change (a slider moved, a scenario or an option picked) runs one :func:`cba.appraise`
with the current settings as overrides (the vectorised path, one draw) and one
:func:`cba.sensitivity` around them (tornado only, seven draws per input in one batch), and
redraws the metrics and both charts. Switching values take a few hundred evaluations: they are
computed when the explorer opens and again on the "recompute" button, and the table says when the
settings have moved since.

Sliders fire on release (``continuous_update=False``): dragging does not queue redraws. The
metrics are redrawn at once (a few milliseconds). The two charts are built once and then updated
in place (:mod:`cba.explore.charts`; well under 0.1 s for both), in a background thread
``chart_delay`` seconds after the last change (debounced: quick successive moves draw once);
:meth:`Explorer.wait` waits for them.
"""
from __future__ import annotations

import dataclasses
import math
import os
import threading
import time
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import InputError
from ..formatting import fmt_metric, fmt_value, frame_to_html
from ..i18n import label, msg
from ..i18n.core import get_lang

from .sliders import _decimals, _fit_step, _Input

__all__ = ["Explorer", "explore"]

#: metrics shown live, in this order
LIVE_METRICS = ("npv", "bcr", "irr", "payback")
#: the base case's key in the scenario picker
BASE = "base"


class Explorer:
    """Sliders, pickers, live metrics and charts on one model (see :func:`explore`).

    Attributes
    ----------
    widget : ipywidgets.VBox
        The whole explorer (display it, or leave ``ex.widget`` as a cell's last line).
    sliders : dict of str -> ipywidgets.FloatSlider
        One per input with a range (CSS class ``cba-slider-<name>``).
    metrics : ipywidgets.HTML
        The live metrics (CSS class ``cba-metrics``).
    appraisal : Appraisal
        The appraisal at the current settings.
    last_update_ms : float
        How long the last update took (appraisal, tornado and charts), in milliseconds.
    """

    def __init__(self, model, *, option: str | None = None, scenario: str | None = None,
                 lang: str | None = None, charts: bool = True, chart_delay: float = 0.03, report_dir: str | os.PathLike = "reports/explore"):
        try:
            import ipywidgets as w
        except ImportError:                      # pragma: no cover
            raise InputError(msg("explore.no_widgets")) from None
        from ..i18n import check_lang
        from ..model import Model, load_model

        self.model = model if isinstance(model, Model) else load_model(model)
        self.lang = check_lang(lang) if lang is not None else get_lang()
        self.charts = charts
        self.chart_delay = float(chart_delay)
        self._timer = None
        self._draw_lock = threading.Lock()
        self._live = None                       # the two charts, built once, updated in place
        self._tornado_cache: dict[tuple, Any] = {}
        self.last_chart_ms = float("nan")
        m = self.model
        self.inputs = self._inputs()
        if not self.inputs:
            raise InputError(msg("explore.no_inputs"))
        self._busy = False
        self._scenario: str | None = None
        self._held: dict[str, float] = {}         # a scenario's values of inputs without a slider
        self.appraisal = None
        self.sensitivity = None
        self.switching = None
        self.last_update_ms = float("nan")
        L = self._t

        # -- widgets ------------------------------------------------------------------------
        self.sliders: dict[str, Any] = {}
        rows = []
        for inp in self.inputs.values():
            d = _decimals(inp.step)
            s = w.FloatSlider(value=inp.base, min=inp.low, max=inp.high, step=inp.step, description=inp.label,
                              continuous_update=False, readout_format=f".{d}f",
                              style={"description_width": "14em"}, layout=w.Layout(width="34em"))
            s.add_class(f"cba-slider-{inp.name}")
            s.observe(self._on_slider, names="value")
            self.sliders[inp.name] = s
            rng = f"{fmt_value(inp.low, rate=inp.rate)} – {fmt_value(inp.high, rate=inp.rate)}"
            unit = w.HTML(f"{inp.unit}　<span style='color:#777'>[{rng}]</span>" if inp.unit
                          else f"<span style='color:#777'>[{rng}]</span>")
            unit.add_class(f"cba-unit-{inp.name}")
            rows.append(w.HBox([s, unit]))
        scen = [(m.scenario_label(None, self.lang), BASE)] + [(m.scenario_label(k, self.lang), k) for k in m.scenarios]
        self.scenario_picker = w.Dropdown(options=scen, value=BASE, description=L("explore.scenario"))
        self.scenario_picker.add_class("cba-scenario")
        self.scenario_picker.observe(self._on_scenario, names="value")
        alts = m.alternatives
        self.option = m.resolve_option(option) if option is not None or len(alts) == 1 else alts[0]
        self.option_picker = w.Dropdown(options=[(m.option_label(o), o) for o in alts], value=self.option,
                                        description=L("explore.option"))
        self.option_picker.add_class("cba-option")
        self.option_picker.observe(self._on_option, names="value")
        self.metrics = w.HTML()
        self.metrics.add_class("cba-metrics")
        self.status = w.HTML()
        self.status.add_class("cba-status")
        self.tornado_out = w.Output()
        self.tornado_out.add_class("cba-tornado")
        self.cash_out = w.Output()
        self.cash_out.add_class("cba-cash-flows")
        self.recompute_button = w.Button(description=L("explore.recompute"), layout=w.Layout(width="auto"))
        self.recompute_button.add_class("cba-recompute")
        self.recompute_button.on_click(lambda _b: self.recompute_switching())
        self.switching_html = w.HTML()
        self.switching_html.add_class("cba-switching")
        self.name_box = w.Text(value="explored", description=L("explore.scenario_name"),
                               style={"description_width": "6em"})
        self.yaml_button = w.Button(description=L("explore.write_scenario"), layout=w.Layout(width="auto"))
        self.yaml_button.add_class("cba-write-scenario")
        self.yaml_box = w.Textarea(layout=w.Layout(width="48em", height="10em"))
        self.yaml_box.add_class("cba-scenario-yaml")
        self.yaml_button.on_click(lambda _b: self.scenario_yaml(self.name_box.value))
        self.dir_box = w.Text(value=str(report_dir), description=L("explore.report_dir"),
                              style={"description_width": "6em"})
        self.report_button = w.Button(description=L("explore.render"), layout=w.Layout(width="auto"))
        self.report_button.add_class("cba-render")
        self.report_html = w.HTML()
        self.report_html.add_class("cba-report-paths")
        self.report_button.on_click(lambda _b: self._render_clicked())

        head = w.HTML(f"<h3>{_esc(L('explore.title', model=m.name))}</h3>")
        left = w.VBox([w.HBox([self.scenario_picker, self.option_picker]), *rows, self.status])
        charts_box = w.HBox([self.tornado_out, self.cash_out])
        switching_box = w.VBox([self.recompute_button, self.switching_html])
        writer = w.VBox([w.HBox([self.name_box, self.yaml_button]), self.yaml_box,
                         w.HBox([self.dir_box, self.report_button]), self.report_html])
        self.widget = w.VBox([head, left, self.metrics, charts_box, switching_box, writer])
        self.widget.add_class("cba-explorer")

        if scenario is not None and scenario != BASE:
            self.scenario_picker.value = scenario if scenario in m.scenarios else self._unknown_scenario(scenario)
        else:
            self.update()
        self.recompute_switching()

    # -- texts ----------------------------------------------------------------------------------
    def _t(self, key: str, **params: Any) -> str:
        return msg(key, **params).render(self.lang)

    def _unknown_scenario(self, name: str):
        from ..checks import unknown_name

        raise InputError(unknown_name(str(name), list(self.model.scenarios), "scenario"), where="scenario")

    def _inputs(self) -> dict[str, _Input]:
        m = self.model
        out = {}
        for name in m.uncertain:
            p = m.parameters[name]
            out[name] = _Input(name, p.label or name, p.unit, float(p.low), float(p.high), float(p.value),
                               _fit_step(float(p.low), float(p.value), float(p.high)))
        rate = m.discount_rate
        if m.discount_range is not None and isinstance(rate, (int, float)):
            lo, hi = (float(x) for x in m.discount_range)
            if lo < hi:
                out["discount_rate"] = _Input("discount_rate", label("discount_rate", self.lang), "", lo, hi,
                                              float(rate), _fit_step(lo, float(rate), hi), rate=True)
        return out

    # -- state ----------------------------------------------------------------------------------
    @property
    def settings(self) -> dict[str, float]:
        """The value of every slider, and the picked scenario's values of inputs that have no
        slider, ``{name: value}`` (pass to :func:`cba.appraise`)."""
        out = dict(self._held)
        out.update({k: float(s.value) for k, s in self.sliders.items()})
        return out

    @property
    def changes(self) -> dict[str, float]:
        """The settings that differ from the model's base values."""
        return {k: x for k, x in self.settings.items() if k not in self.inputs or x != self.inputs[k].base}

    @property
    def current_model(self):
        """The model with the current settings as its base values (for the tornado, the switching
        values and the report snapshot)."""
        m = self.model
        params = dict(m.parameters)
        changes = {}
        for k, x in self.settings.items():
            if k == "discount_rate":
                changes["discount_rate"] = x
            else:
                params[k] = dataclasses.replace(params[k], value=x)
        return m.replace(parameters=params, **changes)

    def metric(self, name: str) -> float:
        """A metric of the chosen option at the current settings (incremental against the
        baseline when the model has one)."""
        return self.appraisal[self.option, name]

    @property
    def npv(self) -> float:
        return self.metric("npv")

    def set(self, name: str, value: float) -> None:
        """Move the slider of ``name`` to ``value`` (the explorer updates as when dragged)."""
        if name not in self.sliders:
            from ..checks import listing

            raise InputError(msg("explore.bad_name", name=name, known=listing(list(self.sliders))), where=name)
        inp = self.inputs[name]
        value = float(value)
        if not inp.low <= value <= inp.high:
            raise InputError(msg("explore.out_of_range", name=name, value=fmt_value(value),
                                 low=fmt_value(inp.low), high=fmt_value(inp.high)), where=name)
        self.sliders[name].value = value

    def pick_scenario(self, name: str | None) -> None:
        """Pick a scenario (None or ``"base"``: the base case): its values move the sliders."""
        name = BASE if name is None else name
        if name != BASE and name not in self.model.scenarios:
            self._unknown_scenario(name)
        if self.scenario_picker.value == name:
            self._apply_scenario(name)
        else:
            self.scenario_picker.value = name

    def pick_option(self, option: str) -> None:
        """Show the results of ``option`` (an alternative to the baseline)."""
        self.option_picker.value = self.model.resolve_option(option)

    # -- events ---------------------------------------------------------------------------------
    def _on_slider(self, change) -> None:
        if not self._busy:
            self.update()

    def _on_option(self, change) -> None:
        self.option = change["new"]
        self.update()
        self.recompute_switching()

    def _on_scenario(self, change) -> None:
        self._apply_scenario(change["new"])

    def _apply_scenario(self, name: str) -> None:
        """Every value of the scenario: on its slider (whose range widens to hold a value outside
        it), or held for an input without a slider (a fixed parameter)."""
        values = {k: i.base for k, i in self.inputs.items()}
        held: dict[str, float] = {}
        if name != BASE:
            for k, x in self.model.scenarios[name].items():
                if isinstance(x, bool) or not isinstance(x, (int, float)):
                    continue                    # a schedule (per period) or a label
                if k in values:
                    values[k] = float(x)
                else:
                    held[k] = float(x)
        self._busy = True                       # one update for all the sliders moved
        try:
            self._held = held
            for k, x in values.items():
                s = self.sliders[k]
                if x < s.min:
                    s.min = x
                if x > s.max:
                    s.max = x
                s.value = x
        finally:
            self._busy = False
        self._scenario = None if name == BASE else name
        self.update()

    # -- computing --------------------------------------------------------------------------------
    def update(self) -> None:
        """Appraise at the current settings and redraw the metrics and charts."""
        import cba

        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.appraisal = cba.appraise(self.model, **self.settings)
        self.metrics.value = self._metrics_html()
        self._mark_stale()
        if self.charts:
            self._schedule_charts()
        self.last_update_ms = (time.perf_counter() - t0) * 1000
        self.status.value = (f"<span style='color:#777'>{_esc(self._settings_text())}　"
                             f"{_esc(self._t('explore.update_time', ms=f'{self.last_update_ms:.0f}'))}</span>")

    def _settings_text(self) -> str:
        m = self.model
        scen = m.scenario_label(self._scenario, self.lang)
        expected = {k: i.base for k, i in self.inputs.items()}
        if self._scenario is not None:
            expected.update({k: float(x) for k, x in m.scenarios[self._scenario].items() if k in expected})
        moved = any(self.settings[k] != x for k, x in expected.items())
        return self._t("explore.settings_of", scenario=scen) + (self._t("explore.custom") if moved else "")

    def _metrics_html(self) -> str:
        m, a, o = self.model, self.appraisal, self.option
        basis = (self._t("explore.against", baseline=m.option_label(m.baseline)) if m.baseline is not None
                 else self._t("explore.alone"))
        view = self._t(f"explore.view.{a.view}") if a.view in ("economic", "financial") else str(a.view)
        head = self._t("explore.metrics_head", option=m.option_label(o), basis=basis, view=view,
                       currency=m.currency or "—")
        cells = []
        for k in LIVE_METRICS:
            x = self.metric(k)
            text = label("never", self.lang) if k == "payback" and x == math.inf else fmt_metric(x, k)
            colour = ""
            if k == "npv" and math.isfinite(x):
                colour = "color:#1a7f37;" if x >= 0 else "color:#c62828;"
            cells.append(f"<td style='padding:2px 14px'><div style='color:#666;font-size:90%'>{_esc(label(k, self.lang))}</div>"
                         f"<div class='cba-metric-{k}' style='font-size:140%;font-weight:600;{colour}'>{_esc(text)}</div></td>")
        changes = self.changes
        if changes:
            parts = [f"{self.inputs[k].label}={fmt_value(x, rate=self.inputs[k].rate)}" if k in self.inputs else
                     f"{self.model.input_label(k, self.lang)[0]}={fmt_value(x, rate=k == 'discount_rate')}"
                     for k, x in changes.items()]
            sep = "，" if self.lang == "zh" else ", "
            changed = self._t("explore.changed", changes=sep.join(parts))
        else:
            changed = self._t("explore.unchanged")
        return (f"<div><b>{_esc(head)}</b><table><tr>{''.join(cells)}</tr></table>"
                f"<div style='color:#555'>{_esc(changed)}</div></div>")

    def _schedule_charts(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self.chart_delay <= 0:
            self.draw_charts()
            return
        self._timer = threading.Timer(self.chart_delay, self.draw_charts)
        self._timer.daemon = True
        self._timer.start()

    def wait(self) -> None:
        """Wait until the charts are redrawn for the current settings."""
        timer = self._timer
        if timer is not None:
            timer.join()
        with self._draw_lock:
            pass

    def draw_charts(self) -> None:
        """Redraw the tornado (around the current settings) and the cash-flow chart now."""
        with self._draw_lock:
            t0 = time.perf_counter()
            try:
                self._draw_charts()
            except Exception as e:  # noqa: BLE001  (a thread: shown, not lost)
                self.status.value = f"<span style='color:#c62828'>{_esc(e)}</span>"
            self.last_chart_ms = (time.perf_counter() - t0) * 1000

    def _draw_charts(self) -> None:
        from .charts import LiveCashFlows, LiveTornado, png_output

        if self._live is None:
            self._live = (LiveTornado(self.lang), LiveCashFlows(self.lang))
        appraisal, option = self.appraisal, self.option
        self.sensitivity = self._tornado_result(option, self.settings)
        tornado, cash = self._live
        self.tornado_out.outputs = (png_output(tornado.draw(self.sensitivity)),)
        self.cash_out.outputs = (png_output(cash.draw(appraisal, option)),)

    def _tornado_result(self, option: str, settings: dict[str, float]):
        """The tornado's sensitivity around ``settings`` (kept for the last few settings seen:
        going back to a scenario or an option does not recompute it)."""
        import cba

        key = (option, tuple(settings.items()))
        cached = self._tornado_cache.pop(key, None)
        if cached is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cached = cba.sensitivity(self.current_model, option, steps=())
        self._tornado_cache[key] = cached            # most recent last
        while len(self._tornado_cache) > 32:
            del self._tornado_cache[next(iter(self._tornado_cache))]
        return cached

    def recompute_switching(self) -> None:
        """Switching values of every input at the current settings (the table under the charts)."""
        import cba

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = cba.switching_values(self.current_model, self.option)
        self.switching = table
        self._switching_at = self.settings
        self._switching_option = self.option
        self.switching_html.value = self._switching_html(stale=False)

    def _mark_stale(self) -> None:
        if self.switching is not None:
            stale = self._switching_at != self.settings or self._switching_option != self.option
            self.switching_html.value = self._switching_html(stale=stale)

    def _switching_html(self, *, stale: bool) -> str:
        import pandas as pd

        t, lang = self.switching, self.lang
        rows = {}
        for k, r in t.iterrows():
            rate = k == "discount_rate"
            rows[r["label"]] = {
                self._t("explore.sv_current"): fmt_value(r["base"], rate=rate),
                label("unit", lang): r["unit"] or "",
                label("switching_value", lang): fmt_value(r["switching_value"], rate=rate),
                label("change", lang): fmt_metric(r["change"], "irr") if np.isfinite(r["change"]) else "—",
                label("critical", lang): label("yes" if bool(r["critical"]) else "no", lang),
            }
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = label("parameter", lang)
        note = (f"<div style='color:#b26a00'>{_esc(self._t('explore.sv_stale'))}</div>" if stale else "")
        return f"<div><b>{_esc(self._t('explore.sv_title'))}</b>{note}{frame_to_html(frame)}</div>"

    # -- writing out --------------------------------------------------------------------------------
    def scenario_yaml(self, name: str, label_: str | None = None) -> str:
        """The current settings as a named scenario (a YAML snippet for the model file's
        ``scenarios:`` section; every setting that differs from the base value). Also shown in
        the explorer's text box."""
        import yaml

        name = str(name).strip()
        if not name:
            raise InputError(msg("explore.scenario_bad_name"), where="name")
        entry: dict[str, Any] = {"label": label_ or name}
        for k, x in self.changes.items():
            d = (_decimals(self.inputs[k].step) if k in self.inputs else 6) + 6
            entry[k] = float(f"{round(x, d):.12g}") if x != round(x) else (int(x) if abs(x) < 1e15 else x)
        text = yaml.safe_dump({"scenarios": {name: entry}}, allow_unicode=True, sort_keys=False)
        text = f"# {self._t('explore.yaml_head')}\n" + text
        self.yaml_box.value = text
        return text

    def render_report(self, out_dir: str | os.PathLike | None = None, *, formats="html", name: str | None = None,
                      n_draws: int = 1000, **kwargs: Any):
        """Render the evaluation report with the current settings (:func:`cba.render_report`
        with ``overrides``) into ``out_dir`` (default: the folder in the explorer's box)."""
        from ..report import render_report

        out_dir = self.dir_box.value if out_dir is None else out_dir
        params = {"overrides": self.changes, "option": self.option, "n_draws": n_draws}
        if self._scenario is not None:
            params["scenario"] = self._scenario
            params["overrides"] = self.settings
        model = self.model.source or self.model
        return render_report(model, out_dir, lang=self.lang, formats=formats, parameters=params, name=name, **kwargs)

    def _render_clicked(self) -> None:
        self.report_html.value = _esc(self._t("explore.rendering"))
        try:
            rendered = self.render_report()
        except Exception as e:  # noqa: BLE001  (shown in the explorer, not raised into the event loop)
            self.report_html.value = f"<span style='color:#c62828'>{_esc(self._t('explore.render_failed', error=e))}</span>"
            return
        paths = [str(p) for p in _paths(rendered)]
        self.report_html.value = (f"{_esc(self._t('explore.rendered'))}<ul>"
                                  + "".join(f"<li><code>{_esc(p)}</code></li>" for p in paths) + "</ul>")

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)


def _paths(rendered) -> list[Any]:
    for attr in ("paths", "outputs", "files"):
        x = getattr(rendered, attr, None)
        if x:
            return list(x.values()) if isinstance(x, Mapping) else list(x)
    return [rendered]


def _esc(text: Any) -> str:
    import html

    return html.escape(str(text), quote=False)


def explore(model, *, option: str | None = None, scenario: str | None = None, lang: str | None = None,
            **kwargs: Any) -> Explorer:
    """An interactive explorer of ``model`` for JupyterLab (ipywidgets).

    Parameters
    ----------
    model : path or Model
    option : str, optional
        The alternative shown first (default: the only or the first alternative).
    scenario : str, optional
        A named scenario to start from (default: the base case).
    lang : {"zh", "en"}, optional
        Language of the explorer (default: the session's, Chinese unless set).
    charts : bool, default True
        Draw the tornado and the cash-flow chart (False: metrics and tables only).
    report_dir : path, default "reports/explore"
        The folder the report button writes to (editable in the explorer).

    Returns
    -------
    Explorer
        Display ``ex.widget`` (or ``ex``); ``ex.set("kiosk_price", 15)`` moves a slider.

    Examples
    --------
    >>> import cba
    >>> ex = cba.explore({"name": "m", "horizon": 2, "discount_rate": 0.1, "parameters":
    ...     {"c": {"value": 100, "low": 80, "high": 120}, "b": 60},
    ...     "options": {"a": {"flows": [{"name": "k", "kind": "cost", "amount": "c", "at": 0},
    ...                                 {"name": "g", "kind": "benefit", "amount": "b"}]}}},
    ...     lang="en", charts=False)
    >>> ex.set("c", 90)
    >>> round(ex.npv, 4)    # -90 + 60/1.1 + 60/1.21
    14.1322
    """
    from ..model import Model, load_model

    if not isinstance(model, Model):
        model = load_model(model)
    return Explorer(model, option=option, scenario=scenario, lang=lang, **kwargs)
