"""Report parameters: what a template declares, what may be injected, and how.

Only names declared in the template's cell tagged ``parameters`` may be set, and only to
JSON values (``None``, ``bool``, ``int``, finite ``float``, ``str``, lists, and dicts with
string keys), of a type compatible with the declared default. Anything else raises
:class:`~cba.report.errors.ParameterError` naming the parameter (the CLI exits 2).

Values are written into an ``injected-parameters`` cell as Python literals (``repr``, so
Chinese stays readable in the executed notebook) and read back with :func:`ast.literal_eval`
before anything runs: a value that would not come through intact is refused.

Examples
--------
>>> declared = {"title": Declared("title", "str", '""'), "seed": Declared("seed", "int", "2025")}
>>> check_parameters({"title": '引号"和\\\\反斜杠\\n换行'}, declared)
{'title': '引号"和\\\\反斜杠\\n换行'}
>>> check_parameters({"seed": "2025"}, declared)
Traceback (most recent call last):
...
cba.report.errors.ParameterError: parameters.seed: expected int (declared default 2025), got str '2025'
>>> parse_cli(["seed=7", "title=He said \\"hi\\""], declared)
{'seed': 7, 'title': 'He said "hi"'}
"""
from __future__ import annotations

import ast
import json
import keyword
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import msg
from .errors import ParameterError, TemplateError

__all__ = ["Declared", "RESERVED", "template_parameters", "check_parameters", "parse_cli",
           "inject_parameters", "load_template"]

#: parameters that render_report sets itself from its own arguments
RESERVED = ("model_path", "lang", "provenance")

_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict}
_MISSING = object()


@dataclass(frozen=True)
class Declared:
    """A parameter declared by a template: name, type name (or ``None`` for any JSON value),
    the default as written in the cell, and the comment after it."""

    name: str
    type: str | None
    default: str
    help: str = ""

    @property
    def default_value(self) -> Any:
        """The default as a value when it is a literal, else a sentinel."""
        try:
            return ast.literal_eval(self.default)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return _MISSING

    @property
    def has_literal_default(self) -> bool:
        return self.default_value is not _MISSING


def tagged_cell(nb, tag: str) -> int:
    """Index of the first cell tagged ``tag`` (-1 if none)."""
    for i, cell in enumerate(nb.cells):
        if tag in cell.get("metadata", {}).get("tags", []):
            return i
    return -1


def load_template(template: str | os.PathLike):
    """Read a template notebook; it must exist and have a cell tagged ``parameters``."""
    import nbformat

    shown = str(template)
    if not os.path.isfile(template):
        raise TemplateError(msg("report.no_template" if not os.path.exists(template) else "report.template_not_file"),
                            source=shown)
    try:
        nb = nbformat.read(template, as_version=4)
    except Exception as err:  # nbformat raises several kinds for a broken file
        raise TemplateError(msg("report.template_unreadable", why=err), source=shown) from None
    if tagged_cell(nb, "parameters") < 0:
        raise TemplateError(msg("report.no_parameters_cell"), source=shown)
    return nb


def template_parameters(template: str | os.PathLike) -> dict[str, Declared]:
    """The parameters a template declares, read by :func:`papermill.inspect_notebook`.

    Raises :class:`~cba.report.errors.TemplateError` when the file is missing or has no
    cell tagged ``parameters``.
    """
    import logging

    import papermill

    load_template(template)
    logging.getLogger("papermill").setLevel(logging.ERROR)
    found = papermill.inspect_notebook(str(template))
    out = {}
    for name, info in found.items():
        declared_type = info.get("inferred_type_name")
        declared_type = declared_type if declared_type in _TYPES else None
        d = Declared(name, declared_type, info.get("default") or "", (info.get("help") or "").strip())
        if d.type is None and d.has_literal_default and d.default_value is not None:
            kind = type(d.default_value).__name__
            d = Declared(name, kind if kind in _TYPES else None, d.default, d.help)
        out[name] = d
    return out


def _check_text(text: str, where: str) -> None:
    """Refuse control characters other than newline and tab (they cannot go into a Word file)."""
    import unicodedata

    for i, ch in enumerate(text):
        if ch not in "\n\t\r" and unicodedata.category(ch) == "Cc":
            raise ParameterError(msg("report.control_char", ch=repr(ch), pos=i), where=where)


def _json_value(x: Any, where: str) -> Any:
    """Check that ``x`` is a JSON value; return it unchanged."""
    if isinstance(x, str):
        _check_text(x, where)
        return x
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ParameterError(msg("report.finite", got=repr(x)), where=where)
        return x
    if isinstance(x, list):
        for i, item in enumerate(x):
            _json_value(item, f"{where}[{i}]")
        return x
    if isinstance(x, dict):
        for k, item in x.items():
            if not isinstance(k, str):
                raise ParameterError(msg("report.dict_keys", got=_shown(k)), where=where)
            _check_text(k, where)
            _json_value(item, f"{where}[{k!r}]")
        return x
    raise ParameterError(msg("report.json_value", got=type(x).__name__), where=where)


def _type_name(kind: str | None):
    """A declared type for a reader (整数 / int)."""
    return msg(f"report.type.{kind}") if kind in _TYPES else str(kind)


def _shown(value: Any):
    """A value and its type for an error message (``str '100'``, in Chinese ``文本 '100'``)."""
    if value is None:
        return "null"
    return msg("report.typed_value", type=_type_name(type(value).__name__), value=repr(value))


def _type_ok(value: Any, kind: str | None) -> bool:
    if kind is None:
        return True
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def _check_name(name: Any, declared: Mapping[str, Declared], reserved: Sequence[str]) -> str:
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise ParameterError(msg("report.not_identifier", name=repr(name)),
                             where=f"parameters.{name}")
    if name in reserved:
        raise ParameterError(msg("report.reserved", name=name), where=f"parameters.{name}")
    if name not in declared:
        from ..checks import unknown_name

        allowed = [n for n in declared if n not in reserved]
        raise ParameterError(unknown_name(name, allowed, "report parameter"), where=f"parameters.{name}")
    return name


def check_parameters(values: Mapping[str, Any] | None, declared: Mapping[str, Declared], *,
                     reserved: Sequence[str] = ()) -> dict[str, Any]:
    """Validate ``{name: value}``: declared identifier names, JSON values of the declared type.

    Returns a new dict; raises :class:`~cba.report.errors.ParameterError` naming the first
    bad parameter.
    """
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise ParameterError(msg("report.params_dict", got=type(values).__name__), where="parameters")
    out = {}
    for name, value in values.items():
        _check_name(name, declared, reserved)
        where = f"parameters.{name}"
        _json_value(value, where)
        d = declared[name]
        if not _type_ok(value, d.type):
            raise ParameterError(msg("report.param_type", type=_type_name(d.type), default=d.default,
                                     got=_shown(value)), where=where)
        out[name] = value
    return out


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def parse_cli(items: Sequence[str] | None, declared: Mapping[str, Declared], *,
              reserved: Sequence[str] = ()) -> dict[str, Any]:
    """Parse ``-p name=value`` pairs against the declared parameters.

    A parameter declared as a string takes the text after ``=``: written as a JSON string
    literal (``title="X"``, quotes included, as a shell passes ``-p 'title="X"'``) it is
    unquoted (``X``); any other text is taken literally (``title=He said "hi"``). Any other
    parameter takes a JSON value (``7``, ``0.1``, ``true``, ``null``, ``[1, 2]``, ``{"kiosk_price": 15}``); a
    parameter of unknown type takes JSON when the text parses as JSON, else the text.
    """
    out: dict[str, Any] = {}
    for item in items or ():
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(msg("report.name_value", got=repr(item)), where="-p")
        _check_name(name, declared, reserved)
        d = declared[name]
        if d.type == "str":
            value: Any = _text(raw)
        else:
            try:
                value = json.loads(raw, parse_constant=_no_constant)
            except ValueError:
                if d.type is not None:
                    raise ParameterError(msg("report.param_json", type=_type_name(d.type), default=d.default,
                                             got=repr(raw)), where=f"-p {name}") from None
                value = raw
        out[name] = value
    return check_parameters(out, declared, reserved=reserved)


def _text(raw: str) -> str:
    """The value of a text parameter: a JSON string literal unquoted, anything else as given.

    >>> _text('"闵行区报告"'), _text('He said "hi"'), _text('"unbalanced'), _text('""')
    ('闵行区报告', 'He said "hi"', '"unbalanced', '')
    """
    stripped = raw.strip()
    if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
        try:
            value = json.loads(stripped)
        except ValueError:
            return raw
        if isinstance(value, str):
            return value
    return raw


def _canonical(x: Any) -> str:
    return json.dumps(x, sort_keys=True, ensure_ascii=False)


def inject_parameters(nb, values: Mapping[str, Any]):
    """Insert an ``injected-parameters`` cell after the ``parameters`` cell (in place).

    Values must already be checked. Each becomes ``name = <Python literal>``; the cell is
    parsed back and every value compared with the original, so nothing can be injected that
    does not come through intact.
    """
    import nbformat

    lines = ["# Parameters (injected by cba.render_report)"]
    for name, value in values.items():
        lines.append(f"{name} = {value!r}")
    source = "\n".join(lines) + "\n"
    tree = ast.parse(source)
    seen = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise ParameterError(msg("report.not_assignment"), where="parameters")
        seen[node.targets[0].id] = ast.literal_eval(node.value)
    for name, value in values.items():
        if name not in seen or _canonical(seen[name]) != _canonical(value):
            raise ParameterError(msg("report.not_literal"), where=f"parameters.{name}")
    cell = nbformat.v4.new_code_cell(source=source)
    cell.metadata["tags"] = ["injected-parameters"]
    idx = tagged_cell(nb, "injected-parameters")
    if idx >= 0:
        nb.cells[idx] = cell
    else:
        nb.cells.insert(tagged_cell(nb, "parameters") + 1, cell)
    nb.metadata.setdefault("papermill", {})["parameters"] = dict(values)
    return nb
