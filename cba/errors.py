"""Exceptions and warnings raised by cba.

Every error cba raises derives from :class:`CBAError`; every warning from
:class:`CBAWarning`. Bad user input raises :class:`InputError`, which is also a
``ValueError`` so generic handlers still catch it. Messages name the file and
the field, e.g. ``data/x.yaml: parameters.kiosk_price.low: expected a number,
got 'ten'``.
"""
from __future__ import annotations

__all__ = [
    "CBAError",
    "InputError",
    "EvaluationError",
    "NoSolutionError",
    "CBAWarning",
    "NoSolutionWarning",
    "MultipleSolutionsWarning",
]


class CBAError(Exception):
    """Base class of every error raised by cba."""


class InputError(CBAError, ValueError):
    """Bad input: a model file, a parameter, an argument.

    Parameters
    ----------
    message : str or cba.i18n.Text
        What was expected and what was found; a :class:`~cba.i18n.Text` is shown in the current
        language (Chinese unless ``--lang en``, ``cba.set_lang("en")`` or ``CBA_LANG=en``).
    where : str or cba.i18n.Text, optional
        The field, as a dotted path (``parameters.kiosk_price.low``), or a located cell
        (``sheet 'flows', row 3, column C``) as a Text rendered in the current language.
    source : str, optional
        The file (or other source) the field came from.
    """

    def __init__(self, message, *, where: str | None = None, source: str | None = None):
        self.message = message
        self.where = where
        self.source = source
        super().__init__(self._text())

    def _text(self, lang: str | None = None) -> str:
        from .i18n.core import get_lang, render

        lang = lang or get_lang()
        parts = [render(p, lang) for p in (self.source, self.where) if p]
        return ("：" if lang == "zh" else ": ").join(parts + [render(self.message, lang)])

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` ("zh" or "en"; default the current language)."""
        return self._text(lang)

    def located(self, *, source: str | None = None, prefix: str | None = None) -> "InputError":
        """Return a copy with the file name and/or a field prefix filled in."""
        where = self.where
        if prefix:
            where = f"{prefix}.{where}" if where else prefix
        return type(self)(self.message, where=where, source=self.source or source)

    def __str__(self) -> str:
        return self._text()


class EvaluationError(CBAError):
    """A valid model could not be evaluated (e.g. a formula divides by zero everywhere)."""


class NoSolutionError(EvaluationError):
    """A requested quantity (IRR, break-even, payback) does not exist or is not unique."""


class CBAWarning(UserWarning):
    """Base class of every warning issued by cba."""


class NoSolutionWarning(CBAWarning):
    """A quantity does not exist; NaN was returned."""


class MultipleSolutionsWarning(CBAWarning):
    """Several solutions exist; what was returned (NaN or one of them) is stated."""
