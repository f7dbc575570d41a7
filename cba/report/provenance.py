"""Provenance of a report, and ``reproduce``: run it again and compare every number.

Every rendered report writes ``<name>.provenance.json`` beside itself: the model file (its
path relative to the provenance file) and the template (``cba:report/templates/appraisal.ipynb``
for the packaged one, else a relative path) with their SHA-256, no absolute path of the
machine that rendered it, every parameter injected (template defaults included), the
seed, the versions of cba, Python and the key packages, the time, the SHA-256 of each output,
and the numbers the report shows (collected from the executed notebook). :func:`reproduce`
re-runs the template with the same parameters and compares those numbers, not bytes of HTML.
"""
from __future__ import annotations

import json
import math
import os
import platform
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import msg

__all__ = ["SCHEMA", "KEY_PACKAGES", "versions", "extract_results", "compare_results", "Reproduction",
           "reproduce", "read_provenance"]

SCHEMA = "cba-report-provenance/2"
#: schemas :func:`read_provenance` accepts (1 recorded absolute paths besides relative ones)
SCHEMAS = ("cba-report-provenance/1", SCHEMA)
#: packages whose versions every provenance records (besides cba and Python)
KEY_PACKAGES = ("numpy", "scipy", "pandas", "matplotlib", "papermill", "nbclient", "nbformat", "ipykernel",
                "weasyprint", "python-docx", "fonttools", "pylopdf-fonts-zh-cn", "pyyaml", "openpyxl")


def versions() -> dict[str, str]:
    """Versions of cba, Python and :data:`KEY_PACKAGES` (``"not installed"`` when absent)."""
    from importlib import metadata

    from .. import __version__

    out = {"cba": __version__, "python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["platform"] = f"{platform.system()} {platform.machine()}"
    return out


def extract_results(nb) -> dict[str, Any]:
    """Merge the numbers every cell of an executed notebook recorded (``application/vnd.cba.results+json``)."""
    from .blocks import RESULTS_MIME

    out: dict[str, Any] = {}
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        for o in cell.get("outputs", []):
            data = o.get("data") or {}
            if RESULTS_MIME in data:
                out.update(json.loads(json.dumps(data[RESULTS_MIME])))
    return out


def _flatten(x: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(x, Mapping):
        out: dict[str, Any] = {}
        for k, v in x.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(x, list):
        out = {}
        for i, v in enumerate(x):
            out.update(_flatten(v, f"{prefix}[{i}]"))
        return out
    return {prefix: x}


def compare_results(recorded: Mapping[str, Any], new: Mapping[str, Any], *, rtol: float = 1e-9,
                    atol: float = 1e-12) -> tuple[int, list[str]]:
    """Compare two result trees number by number.

    Returns ``(count compared, mismatches)``; numbers match within ``rtol``/``atol``, other
    values exactly; a key present on one side only is a mismatch.

    >>> compare_results({"a": {"npv": 1.0, "v": "support"}}, {"a": {"npv": 1.0 + 1e-13, "v": "support"}})
    (2, [])
    >>> compare_results({"npv": [1.0, 2.0]}, {"npv": [1.0, 2.5]})
    (2, ['npv[1]: recorded 2, now 2.5'])
    """
    a, b = _flatten(recorded), _flatten(new)
    bad = []
    for key in sorted(set(a) | set(b)):
        if key not in b:
            bad.append(str(msg("report.recorded_missing", name=key, recorded=repr(a[key]))))
            continue
        if key not in a:
            bad.append(str(msg("report.not_recorded", name=key, now=repr(b[key]))))
            continue
        x, y = a[key], b[key]
        if isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool) \
                and not isinstance(y, bool):
            if not math.isclose(x, y, rel_tol=rtol, abs_tol=atol):
                bad.append(str(msg("report.differs", name=key, recorded=f"{x:.12g}", now=f"{y:.12g}")))
        elif x != y:
            bad.append(str(msg("report.differs", name=key, recorded=repr(x), now=repr(y))))
    return len(set(a) | set(b)), bad


def read_provenance(path: str | os.PathLike) -> dict[str, Any]:
    """Read and check a provenance file."""
    shown = str(path)
    p = Path(path)
    if not p.is_file():
        raise InputError(msg("report.no_file"), source=shown)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(msg("report.not_json", why=err), source=shown) from None
    if not isinstance(data, dict) or data.get("schema") not in SCHEMAS:
        raise InputError(msg("report.not_provenance", schema=repr(SCHEMA)), source=shown)
    for key in ("model", "template", "parameters", "lang", "results"):
        if key not in data:
            raise InputError(msg("report.missing_key", name=key), source=shown)
    return data


def _locate(entry: Mapping[str, Any], base: Path, what: str, shown: str) -> Path:
    """A recorded file: the packaged template by its ``cba:`` name, else a path relative to the
    provenance file (older provenance files: their ``relpath``, then their ``abspath``)."""
    path = str(entry.get("path") or "")
    if path.startswith("cba:"):
        from .render import DEFAULT_TEMPLATE, PACKAGED_TEMPLATE

        if path == PACKAGED_TEMPLATE:
            return DEFAULT_TEMPLATE
        shipped = DEFAULT_TEMPLATE.parent / path[len("cba:report/templates/"):]
        if not path.startswith("cba:report/templates/") or "/" in path[len("cba:report/templates/"):] \
                or not shipped.is_file():
            raise InputError(msg("report.unknown_packaged", path=repr(path), shipped=PACKAGED_TEMPLATE),
                             where=what, source=shown)
        return shipped
    cands = []
    if entry.get("relpath"):
        cands.append(base / entry["relpath"])
    elif path:
        cands.append(base / path)
    if entry.get("abspath"):
        cands.append(Path(entry["abspath"]))
    for cand in cands:
        if cand.is_file():
            return cand
    looked = ", ".join(str(c) for c in cands) or msg("report.nothing_recorded")
    raise InputError(msg("report.file_gone", what=msg(f"report.what_{what}"), looked=looked), where=what,
                     source=shown)


@dataclass(frozen=True)
class Reproduction:
    """Result of :func:`reproduce`: whether every number matches, and what differs."""

    matches: bool
    compared: int
    mismatches: tuple[str, ...]
    changed_files: tuple[str, ...]
    provenance: str
    rendered: Any = field(default=None, repr=False)

    def summary(self) -> str:
        lines = []
        for f in self.changed_files:
            lines.append(str(msg("report.note", text=f)))
        if self.matches:
            lines.append(str(msg("report.reproduced", n=self.compared, path=self.provenance)))
        else:
            lines.append(str(msg("report.not_reproduced", bad=len(self.mismatches), n=self.compared,
                                 path=self.provenance)))
            lines += [f"  {m}" for m in self.mismatches[:50]]
            if len(self.mismatches) > 50:
                lines.append("  " + str(msg("report.more", n=len(self.mismatches) - 50)))
        return "\n".join(lines)


def reproduce(provenance: str | os.PathLike, *, out_dir: str | os.PathLike | None = None,
              timeout: float | None = None, rtol: float = 1e-9) -> Reproduction:
    """Re-run the report a provenance file describes and compare every recorded number.

    The model file is looked up relative to the provenance file (so a report folder copied with
    its model to another folder or machine still works), the packaged template by its name
    (``cba:report/templates/appraisal.ipynb``) in this installation; a file whose
    SHA-256 differs from the recorded one is named in ``changed_files`` (the comparison still
    runs). Nothing is written unless ``out_dir`` is given (then the report is rendered there
    in the recorded formats).

    Returns
    -------
    Reproduction
        ``matches`` is True when every number agrees within ``rtol``.
    """
    import tempfile

    from ..model.files import file_sha256
    from .params import RESERVED
    from .render import render_report

    shown = str(provenance)
    data = read_provenance(provenance)
    base = Path(provenance).resolve().parent
    model = _locate(data["model"], base, "model", shown)
    template = _locate(data["template"], base, "template", shown)
    changed = []
    for what, path, entry in (("model_file", model, data["model"]), ("template", template, data["template"])):
        sha = file_sha256(path)
        if sha != entry.get("sha256"):
            changed.append(str(msg("report.file_changed", what=msg(f"report.what_{what}"), path=path,
                                   now=sha[:12], recorded=str(entry.get("sha256"))[:12])))
    inputs = {}     # further input files (the review report's indicators, evidence, panel)
    for key, entry in (data.get("inputs") or {}).items():
        path = _locate(entry, base, "model", shown)
        inputs[key] = path
        sha = file_sha256(path)
        if sha != entry.get("sha256"):
            changed.append(str(msg("report.file_changed", what=key, path=path, now=sha[:12],
                                   recorded=str(entry.get("sha256"))[:12])))
    params = {k: v for k, v in data["parameters"].items() if k not in RESERVED and k not in inputs}
    kw: dict[str, Any] = {"template": template, "lang": data["lang"], "parameters": params,
                          "name": data.get("name")}
    if inputs:
        kw["inputs"] = inputs
    if timeout is not None:
        kw["timeout"] = timeout
    if out_dir is not None:
        rendered = render_report(model, out_dir, formats=tuple(data.get("formats", ())), **kw)
    else:
        with tempfile.TemporaryDirectory(prefix="cba-reproduce-") as tmp:
            rendered = render_report(model, tmp, formats=(), **kw)
    n, bad = compare_results(data["results"], rendered.provenance["results"], rtol=rtol)
    return Reproduction(matches=not bad, compared=n, mismatches=tuple(bad), changed_files=tuple(changed),
                        provenance=shown, rendered=rendered)
