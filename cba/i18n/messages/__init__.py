"""Every error, warning and note sentence of cba, in Chinese and English, by key.

Each area of the package keeps its sentences in one module here (``checks``, ``finance``,
``model``, ``analysis``, ``report``, ``cli``) as ``MESSAGES = {key: (zh, en)}``; keys start with
the area's name. Sentences take named ``{placeholders}``. Chinese sentences use Chinese
punctuation; quoted keys and values from files stay as written.

>>> msg("lang.expected", got="'fr'").render("zh")
"应为 zh 或 en，实际为 'fr'"
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..core import Text
from . import analysis, checks, cli, finance, method, model, report

__all__ = ["MESSAGES", "msg"]

_ALL: dict[str, tuple[str, str]] = {"lang.expected": ("应为 zh 或 en，实际为 {got}", "expected zh or en, got {got}")}
for _area in (checks, finance, model, analysis, report, cli, method):
    for _key, _pair in _area.MESSAGES.items():
        if _key in _ALL:
            raise RuntimeError(f"message key {_key!r} is defined twice")
        _ALL[_key] = _pair

MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType(_ALL)


def msg(key: str, /, **params: Any) -> Text:
    """The sentence ``key`` with its placeholders filled, as a :class:`~cba.i18n.Text`."""
    zh, en = MESSAGES[key]
    return Text(zh, en, **params)
