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

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def show(value: Any) -> str:
    """Short repr of a user value for messages."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_bool(value: Any) -> bool:
    """True for ``bool`` and numpy's ``bool_`` (both have ``__float__``)."""
    return isinstance(value, bool) or (type(value).__name__ in ("bool_", "bool") and hasattr(value, "dtype"))


def number(value: Any, where: str, *, finite: bool = True) -> float:
    """Return ``value`` as a float, or raise naming ``where``.

    Booleans are not numbers here (YAML ``yes`` and an Excel TRUE are mistakes, not 1):

    >>> number(True, "p")
    Traceback (most recent call last):
    ...
    cba.errors.InputError: p: expected a number, got True
    """
    if _is_bool(value):
        raise InputError(f"expected a number, got {show(bool(value))}", where=where)
    if not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                parsed = float(value.strip().replace(",", ""))
            except ValueError:
                parsed = None
            if parsed is not None and value.strip():
                value = parsed
            else:
                raise InputError(f"expected a number, got {show(value)}", where=where)
        elif hasattr(value, "__float__") and not isinstance(value, (complex,)):
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise InputError(f"expected a number, got {show(value)}", where=where) from None
        else:
            raise InputError(f"expected a number, got {show(value)}", where=where)
    value = float(value)
    if finite and not math.isfinite(value):
        raise InputError(f"expected a finite number, got {show(value)}", where=where)
    return value


def integer(value: Any, where: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int (whole floats allowed), or raise naming ``where``."""
    num = number(value, where)
    if num != int(num):
        raise InputError(f"expected a whole number, got {show(value)}", where=where)
    num = int(num)
    if minimum is not None and num < minimum:
        raise InputError(f"expected a whole number >= {minimum}, got {num}", where=where)
    return num


def text(value: Any, where: str, *, allow_empty: bool = True) -> str:
    """Return ``value`` as a string (numbers are turned into text), or raise."""
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"expected text, got {show(value)}", where=where)
    value = str(value).strip()
    if not allow_empty and not value:
        raise InputError("expected a non-empty text", where=where)
    return value


def identifier(value: Any, where: str) -> str:
    """A name usable in formulas: letters, digits and underscores, starting with a letter."""
    if not isinstance(value, str) or not _IDENT.match(value) or keyword.iskeyword(value):
        raise InputError(
            f"expected a name made of ASCII letters, digits and '_', starting with a letter "
            f"(e.g. kiosk_price), got {show(value)}",
            where=where,
        )
    return value


def mapping(value: Any, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise InputError(f"expected a mapping of names to values, got {show(value)}", where=where)
    return value


def sequence(value: Any, where: str) -> Sequence:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InputError(f"expected a list, got {show(value)}", where=where)
    return value


def choice(value: Any, where: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise InputError(f"expected one of {', '.join(choices)}; got {show(value)}", where=where)
    return value


def only_keys(data: Mapping, where: str, allowed: Sequence[str]) -> None:
    """Reject unknown keys, suggesting the closest allowed one."""
    import difflib

    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise InputError(
                f"unknown field {show(key)}{hint}; allowed: {', '.join(allowed)}",
                where=where,
            )


def require(data: Mapping, where: str, keys: Sequence[str]) -> None:
    for key in keys:
        if key not in data:
            raise InputError(f"missing required field '{key}'", where=where)


def unknown_name(name: str, known: Sequence[str], what: str = "parameter") -> str:
    """Message for an unknown name, with a suggestion and the known names."""
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    listed = ", ".join(known) if known else "none"
    return f"unknown {what} '{name}'{hint}; known {what}s: {listed}"
