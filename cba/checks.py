"""Small validation helpers that name the field in plain words.

Every check raises :class:`cba.errors.InputError` with ``where`` set to the
dotted field path, so a message reads
``parameters.kiosk_price.low: expected a number, got 'ten'``. The file name is
added by the caller (``InputError.located``).
"""
from __future__ import annotations

import keyword
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .errors import InputError
from .i18n import Text, msg

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def show(value: Any) -> str:
    """Short repr of a user value for messages."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def listing(items: Sequence[Any]) -> Text:
    """Items joined for a sentence: ``a、b`` in Chinese, ``a, b`` in English.

    >>> listing(["end", "mid"]).render("zh"), listing(["end", "mid"]).render("en")
    ('end、mid', 'end, mid')
    """
    items = [str(x) for x in items]
    return Text("{a}", "{b}", a="、".join(items), b=", ".join(items))


def did_you_mean(close: str | None) -> Text | str:
    """The hint `` (did you mean 'x'?)`` (empty when there is no close match)."""
    return msg("checks.did_you_mean", name=close) if close else ""


def _is_bool(value: Any) -> bool:
    """True for ``bool`` and numpy's ``bool_`` (both have ``__float__``)."""
    return isinstance(value, bool) or (type(value).__name__ in ("bool_", "bool") and hasattr(value, "dtype"))


def number(value: Any, where: str, *, finite: bool = True) -> float:
    """Return ``value`` as a float, or raise naming ``where``.

    Booleans are not numbers here (YAML ``yes`` and an Excel TRUE are mistakes, not 1):

    >>> try:
    ...     number(True, "p")
    ... except InputError as err:
    ...     print(err.render("en")); print(err.render("zh"))
    p: expected a number, got True
    p：应为数字，实际为 True
    """
    if _is_bool(value):
        raise InputError(msg("checks.number", got=show(bool(value))), where=where)
    if not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                parsed = float(value.strip().replace(",", ""))
            except ValueError:
                parsed = None
            if parsed is not None and value.strip():
                value = parsed
            else:
                raise InputError(msg("checks.number", got=show(value)), where=where)
        elif hasattr(value, "__float__") and not isinstance(value, (complex,)):
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise InputError(msg("checks.number", got=show(value)), where=where) from None
        else:
            raise InputError(msg("checks.number", got=show(value)), where=where)
    value = float(value)
    if finite and not math.isfinite(value):
        raise InputError(msg("checks.finite", got=show(value)), where=where)
    return value


def integer(value: Any, where: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int (whole floats allowed), or raise naming ``where``."""
    num = number(value, where)
    if num != int(num):
        raise InputError(msg("checks.whole", got=show(value)), where=where)
    num = int(num)
    if minimum is not None and num < minimum:
        raise InputError(msg("checks.whole_min", minimum=minimum, got=num), where=where)
    return num


def text(value: Any, where: str, *, allow_empty: bool = True) -> str:
    """Return ``value`` as a string (numbers are turned into text), or raise."""
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(msg("checks.text", got=show(value)), where=where)
    value = str(value).strip()
    if not allow_empty and not value:
        raise InputError(msg("checks.text_empty"), where=where)
    return value


def identifier(value: Any, where: str) -> str:
    """A name usable in formulas: letters, digits and underscores, starting with a letter."""
    if not isinstance(value, str) or not _IDENT.match(value) or keyword.iskeyword(value):
        raise InputError(msg("checks.identifier", got=show(value)), where=where)
    return value


def mapping(value: Any, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise InputError(msg("checks.mapping", got=show(value)), where=where)
    return value


def sequence(value: Any, where: str) -> Sequence:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InputError(msg("checks.list", got=show(value)), where=where)
    return value


def boolean(value: Any, where: str) -> bool:
    """``value`` as a bool: ``True``/``False`` (YAML ``true``/``false``, an Excel TRUE/FALSE).

    >>> boolean(True, "capex"), boolean(False, "capex")
    (True, False)
    """
    if not _is_bool(value):
        raise InputError(msg("checks.boolean", got=show(value)), where=where)
    return bool(value)


def choice(value: Any, where: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise InputError(msg("checks.choice", choices=listing(choices), got=show(value)), where=where)
    return value


def only_keys(data: Mapping, where: str, allowed: Sequence[str]) -> None:
    """Reject unknown keys, suggesting the closest allowed one."""
    import difflib

    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            raise InputError(msg("checks.unknown_field", got=show(key), hint=did_you_mean(close[0] if close else None),
                                 allowed=listing(allowed)), where=where)


def require(data: Mapping, where: str, keys: Sequence[str]) -> None:
    for key in keys:
        if key not in data:
            raise InputError(msg("checks.missing", field=key), where=where)


#: what ``unknown_name`` may be told it looks for, in both languages
_THINGS = {"parameter": ("参数", "parameter"), "option": ("方案", "option"), "scenario": ("情景", "scenario"),
           "setting": ("设置项", "setting"), "report parameter": ("报告参数", "report parameter")}


def unknown_name(name: str, known: Sequence[str], what: str = "parameter") -> Text:
    """Message for an unknown name, with a suggestion and the known names.

    >>> print(unknown_name("kiosk", ["kiosks", "none"], "option").render("en"))
    unknown option 'kiosk' (did you mean 'kiosks'?); known options: kiosks, none
    >>> print(unknown_name("kiosk", ["kiosks", "none"], "option").render("zh"))
    未知方案 'kiosk'（是否应为 'kiosks'？）；已有方案：kiosks、none
    """
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    thing = Text(*_THINGS.get(what, (what, what)))
    listed = listing(known) if known else msg("checks.none")
    return msg("checks.unknown_name", what=thing, name=name, hint=did_you_mean(close[0] if close else None),
               known=listed)
