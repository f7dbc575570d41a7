"""Indicator systems as files: YAML or a dict (validated, errors naming the file and the
indicator), Excel with one row per indicator (read and written), and the systems shipped with cba
(:func:`system`)."""
from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any


from ..checks import show
from ..errors import InputError
from ..i18n import Text, msg
from .scoring import parse_rule

__all__ = ["load_indicators", "write_indicators", "system", "systems"]

#: deepest level of an indicator tree
from .indicators import (_COLUMN_ALIASES, _COLUMNS, _IND_KEYS, _SYSTEM_KEYS, DEFAULT_GRADES, MAX_LEVELS, TOLERANCE,
                         _fmt, _plain,
                         Indicator, IndicatorSystem)

# -- reading ----------------------------------------------------------------------------------
class _Where:
    """Field paths for messages: 1-based positions in files, 0-based for Python dicts; the deepest
    indicator named by its id; Excel rows by sheet and row."""

    def __init__(self, base: int):
        self.base = base

    def at(self, chain: Sequence[tuple[str, int, Any, Mapping | None]], fld: str | None = None):
        """``chain``: (list key, index, id, record) from the top down."""
        rec = chain[-1][3] if chain else None
        if isinstance(rec, Mapping) and "_row" in rec:
            col = rec.get("_cols", {}).get(fld or "") if fld else None
            if col:
                return msg("review.core.at_cell", row=rec["_row"], col=col, name=fld,
                           id=rec.get("id") if rec.get("id") is not None else "?")
            return msg("review.core.at_row", row=rec["_row"], id=rec.get("id") if rec.get("id") is not None else "?")
        parts = [f"{key}[{i + self.base}]" for key, i, _, _ in chain]
        if chain and isinstance(chain[-1][2], (str, int, float)) and not isinstance(chain[-1][2], bool):
            parts[-1] += f" (id: {chain[-1][2]})"
        path = ".".join(parts)
        return f"{path}.{fld}" if fld else path


def load_indicators(source: str | os.PathLike | Mapping[str, Any] | IndicatorSystem) -> IndicatorSystem:
    """Load and validate an indicator system from a YAML file, an Excel workbook or a dict.

    Parameters
    ----------
    source : path, mapping or IndicatorSystem
        ``.yaml``/``.yml``, ``.xlsx`` (layout in the module docs), or the same structure as a dict.

    Returns
    -------
    IndicatorSystem

    Raises
    ------
    InputError
        Naming the file and the indicator, e.g. ``ind.yaml: indicators[1].children[2] (id: demand).weight:
        expected a number, got 'ten'`` or ``indicators[1] (id: necessity).children: the weights sum to 15,
        expected 20 (the weight of necessity)``.

    Notes
    -----
    Checked: at most three levels; ids unique across the tree; weights > 0; the children's weights
    sum to the parent's and the level-1 weights to ``total`` (tolerance 1e-9, relative and
    absolute); every leaf has a valid rule and no parent has one; grade bounds strictly
    descending within [0, total]; ``applies_to`` types among ``project_types`` when it is given.

    Examples
    --------
    >>> s = load_indicators({"name": "x", "total": 10, "indicators": [
    ...     {"id": "a", "name": "A", "weight": 10, "children": [
    ...         {"id": "b", "name": "B", "weight": 4, "rule": {"kind": "yes_no"}},
    ...         {"id": "c", "name": "C", "weight": 4, "rule": {"kind": "yes_no"}}]}]})
    Traceback (most recent call last):
    ...
    cba.errors.InputError: indicators[0] (id: a).children: the weights sum to 8, expected 10 (the weight of a)
    """
    if isinstance(source, IndicatorSystem):
        return source
    if isinstance(source, Mapping):
        return _build(source, _Where(0))
    shown = str(source)
    p = Path(source)
    if not p.is_file():
        raise InputError(msg("model.files.no_such_file" if not p.exists() else "model.files.not_a_file"), source=shown)
    suffix = p.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            from ..model.files import _read_yaml

            return _build(_read_yaml(p, shown), _Where(1))
        if suffix in (".xlsx", ".xlsm"):
            return _build(_read_excel(p, shown), _Where(1))
    except InputError as err:
        raise err.located(source=shown) from None
    raise InputError(msg("review.core.bad_suffix", got=p.suffix or p.name), source=shown)


def _err(key: str, where, **params: Any) -> InputError:
    return InputError(msg(key, **params), where=where)


def _number(value: Any, where) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise _err("checks.number", where, got=show(value))
    return float(value)


def _text(value: Any, where, *, required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _err("checks.text_empty", where)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _err("checks.text", where, got=show(value))
    return str(value).strip()


def _types(value: Any, where) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace("；", ",").replace(";", ",").replace("、", ",").split(",")]
    if not isinstance(value, Sequence) or not value:
        raise _err("review.core.types", where, got=show(value))
    out = tuple(_text(v, where) for v in value)
    return out


def _close(close_to: bool, a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE) if close_to else a == b


def _build(data: Mapping[str, Any], W: _Where) -> IndicatorSystem:
    if not isinstance(data, Mapping):
        raise _err("checks.mapping", None, got=show(data))
    for key in data:
        if key not in _SYSTEM_KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), _SYSTEM_KEYS, n=1)
            raise _err("checks.unknown_field", str(key), got=show(key),
                       hint=msg("checks.did_you_mean", name=close[0]) if close else "", allowed=", ".join(_SYSTEM_KEYS))
    name = _text(data.get("name"), "name")
    total = _number(data.get("total", 100), "total")
    if total <= 0:
        raise _err("review.core.positive", "total", got=_fmt(total))
    ptypes = _types(data["project_types"], "project_types") if data.get("project_types") is not None else None
    # grades
    # without grades: 90/80/60 percent of the total (the usual 优/良/中 bounds out of 100)
    graw = data.get("grades") or {g: b * total / 100.0 for g, b in DEFAULT_GRADES.items()}
    if not isinstance(graw, Mapping) or not graw:
        raise _err("review.core.grades", "grades", got=show(graw))
    grades: dict[str, float] = {}
    prev = None
    for g, b in graw.items():
        bound = _number(b, f"grades.{g}")
        if not 0 <= bound <= total:
            raise _err("review.core.grade_range", f"grades.{g}", got=_fmt(bound), total=_fmt(total))
        if prev is not None and bound >= prev[1]:
            raise _err("review.core.grades_order", f"grades.{g}", grade=g, got=_fmt(bound), prev=prev[0],
                       bound=_fmt(prev[1]))
        grades[str(g)] = bound
        prev = (g, bound)
    bottom = _text(data.get("bottom", "差"), "bottom")
    if bottom in grades:
        raise _err("review.core.bottom", "bottom", got=bottom)
    gates = data.get("gates") or ()
    if not isinstance(gates, Sequence) or isinstance(gates, str) or not all(isinstance(g, Mapping) for g in gates):
        raise _err("review.core.gates", "gates", got=show(gates))
    seen: dict[str, Any] = {}

    def node(raw: Any, chain: list, level: int, parent: str | None, dim: str | None) -> Indicator:
        if not isinstance(raw, Mapping):
            raise _err("checks.mapping", W.at(chain), got=show(raw))
        chain[-1] = (chain[-1][0], chain[-1][1], raw.get("id"), raw)
        for key in raw:
            if key not in _IND_KEYS and not str(key).startswith("_"):
                import difflib

                close = difflib.get_close_matches(str(key), _IND_KEYS, n=1)
                raise _err("checks.unknown_field", W.at(chain, str(key)), got=show(key),
                           hint=msg("checks.did_you_mean", name=close[0]) if close else "",
                           allowed=", ".join(_IND_KEYS))
        if level > MAX_LEVELS:
            raise _err("review.core.too_deep", W.at(chain), max=MAX_LEVELS)
        iid = raw.get("id")
        if not isinstance(iid, str) or not iid.isidentifier():
            raise _err("review.core.id", W.at(chain, "id"), got=show(iid))
        if iid in seen:
            raise _err("review.core.duplicate_id", W.at(chain, "id"), id=iid, first=seen[iid])
        seen[iid] = W.at(chain)
        name_ = _text(raw.get("name"), W.at(chain, "name"))
        if "weight" not in raw:
            raise _err("checks.missing", W.at(chain), field="weight")
        weight = _number(raw["weight"], W.at(chain, "weight"))
        if weight <= 0:
            raise _err("review.core.positive", W.at(chain, "weight"), got=_fmt(weight))
        applies = _types(raw["applies_to"], W.at(chain, "applies_to")) if raw.get("applies_to") is not None else None
        if applies and ptypes is not None:
            for t in applies:
                if t not in ptypes:
                    raise _err("review.core.unknown_type", W.at(chain, "applies_to"), got=show(t), known="、".join(ptypes))
        kids_raw = raw.get("children") or ()
        if isinstance(kids_raw, (str, bytes, Mapping)) or not isinstance(kids_raw, Sequence):
            raise _err("checks.list", W.at(chain, "children"), got=show(kids_raw))
        dim = dim or iid
        children = tuple(node(c, chain + [("children", i, None, None)], level + 1, iid, dim)
                         for i, c in enumerate(kids_raw))
        rule = None
        if children:
            if raw.get("rule") is not None:
                raise _err("review.core.rule_on_parent", W.at(chain, "rule"), id=iid)
            s = sum(c.weight for c in children)
            if not _close(True, s, weight):
                raise _err("review.core.weights_sum", W.at(chain, "children"), sum=_fmt(s), weight=_fmt(weight), id=iid)
        else:
            if raw.get("rule") is None:
                raise _err("review.core.no_rule", W.at(chain), id=iid)
            rule = parse_rule(raw["rule"], W.at(chain, "rule") if not isinstance(W.at(chain, "rule"), Text)
                              else str(W.at(chain, "rule")), indicator=iid)
        return Indicator(iid, name_, weight, rule, children, applies,
                         _text(raw.get("description"), None, required=False),
                         _text(raw.get("name_en"), None, required=False), level, parent, dim)

    inds = data.get("indicators")
    if isinstance(inds, (str, bytes, Mapping)) or not isinstance(inds, Sequence) or not inds:
        raise _err("review.core.no_indicators", "indicators", got=show(inds))
    top = tuple(node(raw, [("indicators", i, None, None)], 1, None, None) for i, raw in enumerate(inds))
    s = sum(d.weight for d in top)
    if not _close(True, s, total):
        raise _err("review.core.total_sum", "indicators", sum=_fmt(s), total=_fmt(total))
    return IndicatorSystem(name=name, indicators=top, source=_text(data.get("source"), "source", required=False),
                           grades=MappingProxyType(grades), bottom=bottom, total=total,
                           description=_text(data.get("description"), "description", required=False),
                           name_en=_text(data.get("name_en"), "name_en", required=False), project_types=ptypes,
                           gates=tuple(MappingProxyType(dict(g)) for g in gates))


# -- Excel ------------------------------------------------------------------------------------
def _flow(text: Any, where) -> Any:
    """A YAML flow value from a cell (``a: 1, b: [1, 2]`` is read as a mapping)."""
    if not isinstance(text, str):
        return text
    import yaml

    s = text.strip()
    if ":" in s and not s.startswith(("{", "[")):
        s = "{" + s + "}"
    try:
        return yaml.safe_load(s)
    except yaml.YAMLError as err:
        raise _err("review.core.bad_cell", where, got=show(text), problem=getattr(err, "problem", "") or "") from None


def _read_excel(p: Path, shown: str) -> dict[str, Any]:
    from openpyxl import load_workbook

    from ..model.excel_cells import _letter

    wb = load_workbook(p, read_only=True, data_only=True)
    try:
        if "indicators" not in wb.sheetnames:
            raise InputError(msg("model.files.missing_sheet", sheet="indicators", found=", ".join(wb.sheetnames)))
        data: dict[str, Any] = {}
        if "system" in wb.sheetnames:
            for r, row in enumerate(wb["system"].iter_rows(values_only=True), start=1):
                if not row or row[0] is None or (r == 1 and str(row[0]).strip() == "key"):
                    continue
                key = str(row[0]).strip()
                val = row[1] if len(row) > 1 else None
                data[key] = _flow(val, msg("review.core.at_sheet_row", sheet="system", row=r)) \
                    if key in ("grades", "gates", "project_types") else val
        rows = list(wb["indicators"].iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        raise InputError(msg("review.core.empty_sheet", sheet="indicators"))
    header = [(_COLUMN_ALIASES.get(str(h).strip(), str(h).strip()) if h is not None else "") for h in rows[0]]
    cols = {}
    for j, h in enumerate(header):
        if h and h not in _COLUMNS:
            raise InputError(msg("review.core.unknown_column", name=h, expected=", ".join(_COLUMNS)),
                             where=msg("review.core.at_sheet_row", sheet="indicators", row=1))
        if h:
            cols[h] = _letter(j)
    recs: dict[str, dict] = {}
    order: list[dict] = []
    for r, row in enumerate(rows[1:], start=2):
        rec = {header[j]: v for j, v in enumerate(row) if j < len(header) and header[j] and v is not None
               and not (isinstance(v, str) and not v.strip())}
        if not rec:
            continue
        rec["_row"], rec["_cols"] = r, cols
        if isinstance(rec.get("id"), str):
            rec["id"] = rec["id"].strip()
        kind = rec.pop("rule", None)
        params = rec.pop("params", None)
        if kind is not None or params is not None:
            rule = _flow(params, msg("review.core.at_row", row=r, id=rec.get("id", "?"))) if params is not None else {}
            if not isinstance(rule, Mapping):
                raise InputError(msg("review.core.params", got=show(params)),
                                 where=msg("review.core.at_row", row=r, id=rec.get("id", "?")))
            rule = dict(rule)
            if kind is not None:
                rule["kind"] = str(kind).strip()
            rec["rule"] = rule
        parent = rec.pop("parent", None)
        if rec.get("id") in recs:
            raise InputError(msg("review.core.duplicate_id", id=rec["id"], first=recs[rec["id"]]["_row"]),
                             where=msg("review.core.at_row", row=r, id=rec["id"]))
        rec["_parent"] = str(parent).strip() if parent is not None else None
        if rec.get("id") is not None:
            recs[str(rec["id"])] = rec
        order.append(rec)
    top = []
    for rec in order:
        par = rec.pop("_parent")
        if par is None:
            top.append(rec)
        elif par in recs:
            recs[par].setdefault("children", []).append(rec)
        else:
            raise InputError(msg("review.core.unknown_parent", parent=par),
                             where=msg("review.core.at_row", row=rec["_row"], id=rec.get("id", "?")))
    data["indicators"] = top
    data.setdefault("name", p.stem)          # a workbook without a 'system' sheet is named by its file
    return data


def write_indicators(system: IndicatorSystem | Mapping[str, Any], path: str | os.PathLike) -> None:
    """Write a system to ``path``: ``.xlsx`` (layout in the module docs) or ``.yaml``.

    The file is written to a temporary name and renamed into place.
    """
    from ..atomic import atomic_path

    system = load_indicators(system)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".xlsx", ".yaml", ".yml"):
        raise InputError(msg("review.core.bad_suffix", got=p.suffix or p.name), source=str(path))
    with atomic_path(p) as tmp:
        if suffix == ".xlsx":
            _write_excel(system, tmp)
        else:
            import yaml

            Path(tmp).write_text(yaml.safe_dump(system.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _write_excel(system: IndicatorSystem, path) -> None:
    import yaml
    from openpyxl import Workbook

    def flow(x: Any) -> str:
        return yaml.safe_dump(x, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False).strip()

    wb = Workbook()
    ws = wb.active
    ws.title = "indicators"
    ws.append(["id", "parent", "name", "weight", "rule", "params", "applies_to", "description", "name_en"])
    for ind in system.walk():
        rule = ind.rule.to_dict() if ind.rule is not None else None
        kind = rule.pop("kind") if rule else None
        params = flow(rule)[1:-1] if rule else None
        ws.append([ind.id, ind.parent, ind.name, _plain(ind.weight), kind, params,
                   ", ".join(ind.applies_to) if ind.applies_to else None, ind.description or None, ind.name_en or None])
    meta = wb.create_sheet("system")
    meta.append(["key", "value"])
    d = system.to_dict()
    for key in ("name", "name_en", "source", "description", "total", "bottom"):
        if key in d:
            meta.append([key, d[key]])
    meta.append(["grades", flow(d["grades"])])
    if "project_types" in d:
        meta.append(["project_types", flow(d["project_types"])])
    if "gates" in d:
        meta.append(["gates", flow(d["gates"])])
    wb.save(path)


# -- shipped systems ----------------------------------------------------------------------------
def systems() -> tuple[str, ...]:
    """Names of the shipped indicator systems.

    >>> systems()
    ('ex_ante_five', 'mof_project', 'unit_self')
    """
    from importlib.resources import files

    return tuple(sorted(f.name[:-5] for f in files("cba.review").joinpath("systems").iterdir()
                        if f.name.endswith(".yaml")))


def system(name: str) -> IndicatorSystem:
    """A shipped indicator system by name (see :func:`systems`); each file cites its source.

    >>> s = system("ex_ante_five")
    >>> [d.name for d in s.dimensions]
    ['立项必要性', '投入经济性', '绩效目标合理性', '实施方案可行性', '筹资合规性']
    """
    from importlib.resources import as_file, files

    known = systems()
    if name not in known:
        import difflib

        close = difflib.get_close_matches(str(name), known, n=1)
        raise InputError(msg("review.core.unknown_system", got=show(name), known=", ".join(known),
                             hint=msg("checks.did_you_mean", name=close[0]) if close else ""), where="system")
    with as_file(files("cba.review").joinpath("systems", f"{name}.yaml")) as path:
        return load_indicators(path)
