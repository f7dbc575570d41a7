"""Read and write model files: YAML, and the same content as an Excel workbook.

Model files are data. YAML is read with a safe loader (no tags that build Python
objects) that also rejects duplicate keys; formulas are parsed by
:mod:`cba.expr`, never executed as Python. YAML files may be UTF-8 (with or without a BOM),
UTF-16 with a BOM, or GBK/GB18030 (read with a warning that says so).

The Excel layout is described in :mod:`cba.model.excel` and the README. Errors name the file
and the field: in a workbook the sheet, row and column (``sheet 'flows', row 3, column C
('kind')``); in a YAML file the field path, flow lines by position (counted from 1) and name
(``options.kiosk.flows[2] (name: upkeep).kind``). Models given as Python dicts keep Python's
0-based positions (``options.kiosk.flows[1].kind``).
"""
from __future__ import annotations

import hashlib
import os
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import CBAWarning, InputError
from ..i18n import msg
from .model import Model

__all__ = ["load_model", "read_model_data", "write_excel", "write_yaml", "convert_model", "file_sha256"]

def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def load_model(source: str | os.PathLike | Mapping[str, Any]) -> Model:
    """Load and validate a model from a YAML file, an Excel workbook or a dict.

    Parameters
    ----------
    source : path or mapping
        ``.yaml``/``.yml``, ``.xlsx``, or the same structure as a dict.

    Returns
    -------
    Model

    Raises
    ------
    InputError
        Naming the file and the field, e.g.
        ``data/x.yaml: parameters.kiosk_price.low: expected a number, got 'ten'``.

    Examples
    --------
    >>> m = load_model({"name": "x", "horizon": 1, "discount_rate": "china",
    ...                 "parameters": {}, "options": {"o": {"flows": []}}})
    >>> m.describe_rate()
    '8%'
    >>> load_model({"name": "x", "horizon": 1, "discount_rate": 0.08,
    ...             "parameters": {"p": {"value": 1, "low": "ten"}}, "options": {"o": None}})
    Traceback (most recent call last):
    ...
    cba.errors.InputError: parameters.p.low: expected a number, got 'ten'
    """
    if isinstance(source, Mapping):
        return Model.from_dict(source)
    data, shown, where = _read(source)
    try:
        model = Model.from_dict(data, source=shown)
    except InputError as err:
        raise InputError(err.message, where=where(err.where), source=err.source) from None
    # evaluation errors found later name each flow line as the file does (a workbook's row, a
    # YAML file's 1-based position and name), not by Python's 0-based field path
    places = {}
    for okey, option in model.options.items():
        for i in range(len(option.flows)):
            path = f"options.{okey}.flows[{i}]"
            # the messages that use a place name the line too: no "(name: ...)" twice
            place = where(path) or path
            places[path] = re.sub(r" \(name: .*\)$", "", place) if isinstance(place, str) else place
        for i in range(len(option.assets)):       # an asset's lines: its workbook row or YAML position
            path = f"options.{okey}.assets[{i}]"
            place = where(path) or path
            places[path] = re.sub(r" \(name: .*\)$", "", place) if isinstance(place, str) else place
            for key in ("cost", "life", "salvage", "growth"):     # its formulas: the cell, or the field
                field = where(f"{path}.{key}") or f"{path}.{key}"
                places[f"{path}.{key}"] = re.sub(r" \(name: [^)]*\)", "", field) if isinstance(field, str) else field
    object.__setattr__(model, "_places", places)
    return model


def read_model_data(path: str | os.PathLike) -> tuple[dict[str, Any], str]:
    """Read a model file into its dict structure (not yet validated). Returns (data, shown name)."""
    data, shown, _ = _read(path)
    return data, shown


def _read(path: str | os.PathLike):
    """(data, shown name, a function that turns a field path into the words for this file)."""
    shown = str(path)
    p = Path(path)
    if not p.is_file():
        raise InputError(msg("model.files.no_such_file" if not p.exists() else "model.files.not_a_file"),
                         source=shown)
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        data = _read_yaml(p, shown)
        return data, shown, lambda where: _yaml_where(where, data)
    if suffix in (".xlsx", ".xlsm"):
        from .excel import read_excel

        data, cells = read_excel(p, shown)
        return data, shown, lambda where: cells.where(where) or where
    raise InputError(msg("model.files.bad_suffix", got=p.suffix or p.name), source=shown)


_FLOW_AT = re.compile(r"^options\.([^.\[]+)\.(flows|assets)\[(\d+)\]")


def _yaml_where(where: str | None, data: Mapping[str, Any]) -> str | None:
    """A field path for a YAML file: positions counted from 1, a flow line (or an asset) named by
    its name.

    >>> data = {"options": {"o": {"flows": [{"name": "buy"}, {"name": "upkeep"}]}}}
    >>> _yaml_where("options.o.flows[1].values[0]", data)
    'options.o.flows[2] (name: upkeep).values[1]'
    """
    if not where:
        return where
    head = ""
    m = _FLOW_AT.match(where)
    if m:
        key, part, i = m.group(1), m.group(2), int(m.group(3))
        head = f"options.{key}.{part}[{i + 1}]"
        try:
            name = data["options"][key][part][i]["name"]
        except (KeyError, IndexError, TypeError):
            name = None
        if isinstance(name, (str, int, float)) and not isinstance(name, bool):
            head += f" (name: {name})"
        where = where[m.end():]
    return head + re.sub(r"\[(\d+)\]", lambda x: f"[{int(x.group(1)) + 1}]", where)


# -- YAML ----------------------------------------------------------------------------
def _yaml_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader that rejects duplicate keys instead of keeping the last one."""

    def construct_mapping(loader, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise InputError(msg("model.files.duplicate_key", name=repr(key), line=line, first=seen[key]),
                                 where=str(msg("model.files.at_line", line=line)))
            seen[key] = key_node.start_mark.line + 1
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return yaml, Loader


def _decode(raw: bytes, shown: str) -> str:
    """Text of a YAML file: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (GBK), with a warning."""
    import codecs

    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        first = err
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(msg("model.files.not_text", byte=first.start), source=shown) from None
    warnings.warn(CBAWarning(msg("model.files.read_as_gb18030", file=shown)), stacklevel=5)
    return text


def _read_yaml(p: Path, shown: str) -> dict[str, Any]:
    yaml, Loader = _yaml_loader()
    text = _decode(p.read_bytes(), shown)
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader subclass
    except InputError as err:
        raise err.located(source=shown) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = str(msg("model.files.at_line_col", line=mark.line + 1, col=mark.column + 1)) if mark else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(msg("model.files.invalid_yaml", problem=problem), where=where, source=shown) from None
    if not isinstance(data, dict):
        raise InputError(msg("model.files.not_mapping"), source=shown)
    return data


# -- writing -------------------------------------------------------------------------
def _model_data(model: Model | Mapping[str, Any]) -> dict[str, Any]:
    return model.to_dict() if isinstance(model, Model) else Model.from_dict(model).to_dict()


def write_excel(model: Model | Mapping[str, Any], path: str | os.PathLike) -> None:
    """Write a model as an Excel workbook in the layout :func:`load_model` reads.

    The workbook also holds an instructions sheet (``说明``, ignored when read) and the help of
    each column as a comment on its heading. The file is written to a temporary name and
    renamed into place.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> m = load_model({"name": "x", "horizon": 1, "discount_rate": 0.08, "parameters": {"p": 2},
    ...                 "options": {"o": {"flows": [{"name": "f", "kind": "cost", "amount": "p"}]}}})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_excel(m, pathlib.Path(tmp) / "x.xlsx")
    ...     load_model(pathlib.Path(tmp) / "x.xlsx") == m
    True
    """
    from ..atomic import atomic_path
    from .excel_write import build_workbook

    wb = build_workbook(_model_data(model))
    with atomic_path(path) as tmp:
        wb.save(tmp)


def write_template(path: str | os.PathLike) -> None:
    """Write the blank workbook a user fills in (``data/template.xlsx``): column headings with
    help, the settings keys with a note each, and an instructions sheet."""
    from ..atomic import atomic_path
    from .excel_write import build_workbook

    wb = build_workbook(None)
    with atomic_path(path) as tmp:
        wb.save(tmp)


def yaml_text(model: Model | Mapping[str, Any]) -> str:
    """A model as YAML text: the keys in the order of :meth:`Model.to_dict`, Chinese as written
    (not escaped), short lists on one line, whole numbers without ``.0``, no comments.

    >>> print(yaml_text({"name": "岗亭", "horizon": 2, "discount_rate": 0.08, "parameters": {},
    ...                  "options": {"o": {"flows": [{"name": "f", "kind": "cost", "values": [1, 2]}]}}}))
    name: 岗亭
    horizon: 2
    discount_rate: 0.08
    timing: end
    parameters: {}
    options:
      o:
        flows:
        - name: f
          kind: cost
          values: [1, 2]
          from: 1
    <BLANKLINE>
    """
    import yaml

    class Dumper(yaml.SafeDumper):
        """Lists of plain values on one line; everything else in block style."""

    def represent_list(dumper, items):
        flow = all(not isinstance(x, (dict, list)) for x in items) or all(
            isinstance(x, list) and all(not isinstance(y, (dict, list)) for y in x) for x in items)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)

    def represent_float(dumper, x):          # 6.0 is written 6 (read back as the same number)
        if x.is_integer() and abs(x) < 1e15:
            return dumper.represent_int(int(x))
        return yaml.SafeDumper.represent_float(dumper, x)

    Dumper.add_representer(list, represent_list)
    Dumper.add_representer(float, represent_float)
    return yaml.dump(_model_data(model), Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000)


def write_yaml(model: Model | Mapping[str, Any], path: str | os.PathLike) -> None:
    """Write a model as a UTF-8 YAML file (see :func:`yaml_text`), atomically."""
    from ..atomic import write_text

    write_text(path, yaml_text(model))


_FORMATS = {"yaml": (".yaml", ".yml"), "xlsx": (".xlsx", ".xlsm")}


def convert_model(source: str | os.PathLike, to: str, out: str | os.PathLike | None = None, *,
                  force: bool = False) -> Path:
    """Convert a model file between YAML and Excel; returns the path written.

    The model is read and validated first (an invalid model is not converted). ``out``
    defaults to the source's name with the new suffix, in the same folder. An existing file
    is replaced only with ``force=True``.

    Raises
    ------
    InputError
        An unknown format (field ``to``), a source already in that format, an ``out`` of the
        wrong kind or one that exists (field ``out``), or the model's own errors.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     src = pathlib.Path(tmp) / "m.yaml"
    ...     write_yaml({"name": "x", "horizon": 1, "discount_rate": 0.08, "parameters": {},
    ...                 "options": {"o": {"flows": []}}}, src)
    ...     print(convert_model(src, "xlsx").name)
    m.xlsx
    """
    if to not in _FORMATS:
        raise InputError(msg("model.files.convert_to", got=repr(to)), where="to")
    src = Path(source)
    if src.suffix.lower() in _FORMATS[to]:
        raise InputError(msg("model.files.convert_same", to=to), source=str(source))
    target = Path(out) if out is not None else src.with_suffix(_FORMATS[to][0])
    if target.suffix.lower() not in _FORMATS[to]:
        raise InputError(msg("model.files.convert_suffix", to=to, suffixes=", ".join(_FORMATS[to]),
                             got=str(target)), where="out")
    model = load_model(source)
    if target.is_dir():
        raise InputError(msg("model.files.convert_is_dir", path=str(target)), where="out")
    if target.exists() and not force:
        raise InputError(msg("model.files.convert_exists", path=str(target)), where="out")
    (write_yaml if to == "yaml" else write_excel)(model, target)
    return target
