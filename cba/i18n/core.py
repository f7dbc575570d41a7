"""The current language and bilingual text (imports nothing else from cba).

Every sentence a user sees is a :class:`Text` holding Chinese and English; it is rendered in
the *current language* when it is shown (``str()``, an error message, a warning). The current
language is, in order: the innermost :func:`use_lang` block, :func:`set_lang`, the environment
variable ``CBA_LANG`` (``zh`` or ``en``), and otherwise Chinese.

>>> t = Text("应为数字，实际为 {got}", "expected a number, got {got}", got="'ten'")
>>> t.render("en")
"expected a number, got 'ten'"
>>> with use_lang("zh"):
...     print(t)
应为数字，实际为 'ten'
"""
from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from typing import Any

__all__ = ["LANGS", "Text", "get_lang", "set_lang", "use_lang", "render", "join"]

LANGS = ("zh", "en")

_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("cba_lang", default=None)
_global: list[str | None] = [None]


def get_lang() -> str:
    """The current language: ``use_lang`` block, then ``set_lang``, then ``CBA_LANG``, then zh."""
    lang = _override.get() or _global[0]
    if lang:
        return lang
    env = os.environ.get("CBA_LANG", "").strip().lower()
    return env if env in LANGS else "zh"


def _checked(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"expected one of {', '.join(LANGS)}, got {lang!r} / 应为 zh 或 en，实际为 {lang!r}")
    return lang


def set_lang(lang: str | None) -> None:
    """Set the language of messages for this process (``None``: back to ``CBA_LANG`` or zh)."""
    _global[0] = None if lang is None else _checked(lang)


@contextlib.contextmanager
def use_lang(lang: str | None) -> Iterator[str]:
    """Use ``lang`` for messages inside the block (``None`` keeps the current language)."""
    token = _override.set(_checked(lang) if lang is not None else _override.get())
    try:
        yield get_lang()
    finally:
        _override.reset(token)


class Text:
    """A sentence in Chinese and English with named ``{placeholders}``.

    Parameters may be plain values or other :class:`Text` (rendered in the same language).
    ``str(text)`` renders in the current language; ``render(lang)`` in a given one.
    """

    __slots__ = ("zh", "en", "params")

    def __init__(self, zh: str, en: str, **params: Any):
        self.zh, self.en, self.params = zh, en, params

    def render(self, lang: str | None = None) -> str:
        lang = lang or get_lang()
        template = self.zh if lang == "zh" else self.en
        if not self.params:
            return template
        return template.format(**{k: render(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Text({self.render('en')!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return self.render("zh") == other.render("zh") and self.render("en") == other.render("en")
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.render("zh"), self.render("en")))

    def __add__(self, other: object) -> "Text":
        return join(self, other)

    def __radd__(self, other: object) -> "Text":
        return join(other, self)

    # a Text is read like a str by code that inspects messages
    def __contains__(self, item: str) -> bool:
        return item in str(self)


def render(x: Any, lang: str | None = None) -> str:
    """``x`` as text in ``lang`` (a :class:`Text` is rendered; anything else is ``str(x)``)."""
    return x.render(lang) if isinstance(x, Text) else str(x)


def join(*parts: Any, sep: str | tuple[str, str] = "") -> Text:
    """Concatenate texts and plain strings into one :class:`Text` (``sep``: one, or (zh, en))."""
    zsep, esep = (sep, sep) if isinstance(sep, str) else sep
    return _Joined(parts, zsep, esep)


class _Joined(Text):
    __slots__ = ("parts", "seps")

    def __init__(self, parts: tuple, zsep: str, esep: str):
        super().__init__("", "")
        self.parts, self.seps = parts, (zsep, esep)

    def render(self, lang: str | None = None) -> str:
        lang = lang or get_lang()
        return self.seps[0 if lang == "zh" else 1].join(render(p, lang) for p in self.parts)
