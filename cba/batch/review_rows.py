"""The ex-ante review (事前绩效评估) of one batch row: :func:`review_row`.

A row with an ``indicators`` column is reviewed by :func:`cba.review` on the row's own model:
the model with the row's scenario and parameter overrides built into its base values
(:func:`cba.report.sections.effective_model`), so that the review's appraisal indicators (BCR,
NPV, IRR) are the row's, not the model file's. The option reviewed is the one the batch reports
(:func:`cba.batch.evaluate.main_option`).
"""
from __future__ import annotations

from typing import Any

from ..errors import CBAError, InputError
from ..i18n import msg

__all__ = ["review_row"]


def _system(indicators):
    """The indicator system of a row: a shipped system by name (str) or a file (Path)."""
    from ..review.indicators import load_indicators, system

    return system(indicators) if isinstance(indicators, str) else load_indicators(indicators)


def review_row(row, *, seed: int | None = None, n_draws: int = 0) -> dict[str, Any]:
    """Review one batch row against its indicator system.

    Parameters
    ----------
    row : BatchRow
        A row of :func:`cba.batch.read_batch` that can run (``row.error is None``).
    seed : int, optional
        The row's seed (:func:`cba.batch.row_seed`), for ``prob_negative`` indicators.
    n_draws : int
        Monte Carlo draws for ``prob_negative`` indicators (0: none; a system that needs them
        then fails the row with the review's message).

    Returns
    -------
    dict
        ``{}`` for a row without ``indicators``; else ``grade`` (优/良/中/差), ``review_total``
        (points), ``review_conclusion`` (``support``, ``adjust`` or ``reject``: the code, shown
        in either language with ``msg("review.decision." + code)``), ``dimensions``
        (``{dimension id: points}``, in the system's order), and, for the summary's heat map,
        ``dimension_names`` (``{id: name}``) and ``dimension_max`` (``{id: weight}``).

    Raises
    ------
    InputError
        The review failed (evidence missing or invalid, a metric undefined, ...): the message
        names the row, its id and the review's reason.

    Examples
    --------
    A one-leaf system scoring the BCR of the kiosk model with its price raised to 20 (万元/台;
    the BCR is then about 5.3, in the band [2, 6): 60% of 100 points):

    >>> import os, shutil, tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = shutil.copy("data/minhang_kiosk.yaml", d)
    >>> _ = open(os.path.join(d, "s.yaml"), "w", encoding="utf-8").write(
    ...     "name: s\\nindicators:\\n  - {id: econ, name: 经济性, weight: 100, children: [{id: b, name: 效益费用比,"
    ...     " weight: 100, rule: {kind: appraisal, metric: bcr, bands: [[2.0, 0.6], [6.0, 1.0]]}}]}\\n")
    >>> _ = open(os.path.join(d, "b.csv"), "w", encoding="utf-8").write(
    ...     "id,model,indicators,kiosk_price\\na,minhang_kiosk.yaml,s.yaml,20\\n")
    >>> from cba.batch import read_batch
    >>> out = review_row(read_batch(os.path.join(d, "b.csv")).rows[0])
    >>> out["grade"], out["review_total"], out["dimensions"]
    ('中', 60.0, {'econ': 60.0})
    """
    if row.indicators is None:
        return {}
    from ..report.sections import effective_model
    from ..review.assess import review
    from .evaluate import main_option

    try:
        model, _ = effective_model(row.model, scenario=row.scenario, overrides=row.overrides)
        result = review(model, _system(row.indicators), row.evidence, n_draws=n_draws, seed=seed,
                        option=main_option(row.model))
    except CBAError as exc:
        raise InputError(msg("batch.review.failed", row=row.row, id=row.id, error=str(exc)),
                         source=None if row.evidence is None else str(row.evidence)) from exc
    dims = result.dimensions
    return {"grade": str(result.grade), "review_total": float(result.total),
            "review_conclusion": str(result.conclusion),
            "dimensions": {str(k): float(v) for k, v in dims["score"].items()},
            "dimension_names": {str(k): str(v) for k, v in dims["name"].items()},
            "dimension_max": {str(k): float(v) for k, v in dims["max"].items()}}
