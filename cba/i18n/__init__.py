"""Everything a user reads, in Chinese (the default) and English.

* :mod:`.core`: the current language (:func:`get_lang`, :func:`set_lang`, :func:`use_lang`,
  ``CBA_LANG``) and :class:`Text`, a sentence in both languages rendered when shown;
* :mod:`.glossary`: one term per concept (:func:`label`), shared by tables, notes, reports and CLI;
* :mod:`.messages`: every error, warning and note sentence, by key (:func:`msg`).

Chinese text uses Chinese punctuation (，。：；（）); keys and values quoted from a model file stay
as written.

>>> label("npv"), label("npv", "en")
('净现值', 'NPV')
>>> msg("lang.expected", got="'fr'").render("en")
"expected zh or en, got 'fr'"
"""
from __future__ import annotations

from .core import LANGS, Text, get_lang, join, render, set_lang, use_lang
from .glossary import GLOSSARY, label
from .messages import MESSAGES, msg

__all__ = ["LANGS", "GLOSSARY", "MESSAGES", "Bilingual", "Text", "check_lang", "get_lang", "join", "label",
           "msg", "render", "set_lang", "use_lang"]


def check_lang(lang: str) -> str:
    """Validate a language code ("zh" or "en")."""
    if lang not in LANGS:
        from ..errors import InputError

        raise InputError(msg("lang.expected", got=repr(lang)), where="lang")
    return lang


class Bilingual:
    """Mixin for results that carry ``notes`` (English) and ``notes_zh`` (Chinese)."""

    notes: tuple[str, ...]
    notes_zh: tuple[str, ...]

    def notes_in(self, lang: str | None = "zh") -> tuple[str, ...]:
        """The notes in ``lang`` ("zh" or "en"; ``None``: the current language)."""
        return self.notes_zh if check_lang(lang or get_lang()) == "zh" else self.notes
