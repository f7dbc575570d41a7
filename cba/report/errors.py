"""Errors raised while rendering a report.

Bad parameters and templates are :class:`~cba.errors.InputError` (the CLI exits 2);
a template that fails while it runs, or runs out of time, is a :class:`ReportError`
(a :class:`~cba.errors.CBAError`, exit 1). Both name what went wrong: the parameter,
or the cell and the exception.
"""
from __future__ import annotations

from ..errors import CBAError, InputError

__all__ = ["ParameterError", "TemplateError", "ReportError", "CellError", "ReportTimeoutError"]


class ParameterError(InputError):
    """A report parameter is not declared by the template, or its value is not allowed."""


class TemplateError(InputError):
    """The template cannot be used (missing file, no cell tagged ``parameters``, ...)."""


class ReportError(CBAError):
    """Rendering failed; nothing was written over an earlier report."""

    #: path of the JSON record of the failure written beside the report (if any)
    record: str | None = None


class CellError(ReportError):
    """A cell of the template raised an exception.

    Its message says which section of the report (or which cell of a custom template) failed and
    why, in words for cba's own errors (the model cannot be evaluated, a bad input); it is a
    :class:`~cba.i18n.Text`, shown in the current language.

    Attributes
    ----------
    cell : str
        The cell, as ``'<id>' (#<index>)`` with the first line of its source.
    ename, evalue : str
        The exception's name and message.
    """

    def __init__(self, message, *, cell: str = "", ename: str = "", evalue: str = "",
                 traceback: str = ""):
        super().__init__(message)
        self.cell, self.ename, self.evalue, self.traceback = cell, ename, evalue, traceback


class ReportTimeoutError(ReportError):
    """The report ran longer than its timeout; its kernel was killed."""

    def __init__(self, message: str, *, timeout: float, cell: str = "", kernel_pid: int | None = None):
        super().__init__(message)
        self.timeout, self.cell, self.kernel_pid = timeout, cell, kernel_pid
