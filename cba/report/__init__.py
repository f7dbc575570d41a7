"""Parameterized evaluation reports: a papermill template in, HTML, PDF and Word out.

``render_report(model, out_dir)`` runs the report template (``cba/report/templates/appraisal.ipynb``)
with papermill on one model and writes, side by side and only when everything succeeded,
``<name>.html`` (self-contained), ``<name>.pdf`` (fonts embedded), ``<name>.docx``, the
executed ``<name>.ipynb`` and ``<name>.provenance.json``. ``reproduce(provenance)`` runs it
again and compares every number.

The template draws everything it shows from :class:`AppraisalReport`, whose sections are
library calls the tests reach; :func:`recommend` derives the economic conclusion.

Heavy modules (papermill, nbformat, matplotlib, WeasyPrint, python-docx) load on first use.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "render_report", "reproduce", "RenderedReport", "Reproduction", "DEFAULT_TEMPLATE", "FORMATS",
    "AppraisalReport", "recommend", "Recommendation", "VERDICTS",
    "template_parameters", "parse_cli", "check_parameters",
    "ParameterError", "TemplateError", "ReportError", "CellError", "ReportTimeoutError",
]

_WHERE = {
    "render_report": "render", "RenderedReport": "render", "DEFAULT_TEMPLATE": "render", "FORMATS": "render",
    "reproduce": "provenance", "Reproduction": "provenance",
    "AppraisalReport": "sections",
    "recommend": "conclusion", "Recommendation": "conclusion", "VERDICTS": "conclusion",
    "template_parameters": "params", "parse_cli": "params", "check_parameters": "params",
    "ParameterError": "errors", "TemplateError": "errors", "ReportError": "errors", "CellError": "errors",
    "ReportTimeoutError": "errors",
}


def __getattr__(name: str) -> Any:
    mod = _WHERE.get(name)
    if mod is None:
        raise AttributeError(f"module 'cba.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{mod}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
