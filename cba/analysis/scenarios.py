"""Named scenarios of a model side by side (base case first), in batched evaluations."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..i18n import check_lang, label
from ..model.model import Model
from .evaluator import DISCOUNT_RATE, Evaluator, resolve_metric, resolve_option

__all__ = ["compare_scenarios"]


def _show(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def compare_scenarios(model: Model, option: str | None = None, *, metrics: Sequence[str] | None = None,
                      lang: str | None = None):
    """The base case and every named scenario of the model, side by side.

    Parameters
    ----------
    model : Model
    option : str, optional
        The option; may be left out when the model has one option to appraise.
    metrics : sequence of str, optional
        Appraisal columns to show (default: all of them).
    lang : {"zh", "en"}, optional
        For display: translated headers, scenario labels (:meth:`Model.scenario_label`) as
        the index and parameter labels in ``changes``.

    Returns
    -------
    pandas.DataFrame
        Index ``base`` then the scenarios in file order; one column per metric (incremental
        against the baseline where there is one) and ``changes`` (what the scenario sets).
        Scenarios that share a discount schedule are evaluated in one batched call.

    Examples
    --------
    >>> import cba
    >>> from pathlib import Path
    >>> m = cba.load_model(Path(cba.__file__).parents[1] / "data" / "minhang_kiosk.yaml")
    >>> compare_scenarios(m, metrics=["npv"]).round(2)
                     npv                                            changes
    scenario
    base         1009.82
    pessimistic   -68.81  kiosk_price=20, service_life=5, om_cost=1.5, s...
    optimistic   3264.84  kiosk_price=3, service_life=10, om_cost=0.3, s...
    """
    import pandas as pd

    from .appraise import METRICS

    option = resolve_option(model, option)
    metrics = list(METRICS) if metrics is None else [resolve_metric(m) for m in
                                                     ([metrics] if isinstance(metrics, str) else metrics)]
    rows = ["base"] + list(model.scenarios)
    sets = [{}] + [dict(model.scenarios[s]) for s in model.scenarios]
    ev = Evaluator(model, option)
    # group the rows by discount schedule: a float rate can vary within one batch, a schedule cannot
    groups: dict[str, list[int]] = {}
    for i, st in enumerate(sets):
        rate = st.get(DISCOUNT_RATE, model.discount_rate)
        key = "float" if isinstance(rate, float) else repr(rate)
        groups.setdefault(key, []).append(i)
    out = {m: np.full(len(rows), np.nan) for m in metrics}
    for key, idx in groups.items():
        names = sorted({k for i in idx for k in sets[i] if k != DISCOUNT_RATE})
        cols = {k: np.array([float(sets[i].get(k, model.parameters[k].value)) for i in idx]) for k in names}
        if key == "float":
            rates = [sets[i].get(DISCOUNT_RATE, model.discount_rate) for i in idx]
            if any(r != model.discount_rate for r in rates):
                cols[DISCOUNT_RATE] = np.array(rates, dtype=float)
            res = ev.metrics(cols, len(idx))
        else:
            res = ev.metrics(cols, len(idx), {DISCOUNT_RATE: sets[idx[0]].get(DISCOUNT_RATE, model.discount_rate)})
        if idx[0] == 0:      # the base case (NPV is NaN only where the model fails)
            ev.check_base(float(res["npv"][0]))
        for m in metrics:
            out[m][idx] = res[m]
    changes = ["" if not st else ", ".join(f"{k}={_show(v)}" for k, v in st.items()) for st in sets]
    frame = pd.DataFrame({**out, "changes": changes}, index=pd.Index(rows, name="scenario"))
    frame.attrs.update({"option": option})
    if lang is not None:
        check_lang(lang)
        frame["changes"] = ["" if not st else "、".join(f"{model.input_label(k, lang)[0]}={_show(v)}"
                                                       for k, v in st.items()) if lang == "zh" else
                            ", ".join(f"{model.input_label(k, lang)[0]}={_show(v)}" for k, v in st.items())
                            for st in sets]
        frame = frame.rename(index={k: model.scenario_label(k, lang) for k in rows},
                             columns={**{m: label(m, lang) for m in metrics}, "changes": label("changes", lang)})
        frame.index.name = label("scenario", lang)
    return frame
