"""``render_report``: one model, one template, one command -> the evaluation report.

Steps: check the template and parameters (nothing runs on bad input), execute the template
with papermill (immediate kernel shutdown, a wall-clock timeout), collect the numbers it
shows, convert to the requested formats, and only then write everything into ``out_dir`` in
one go (temporary names, then renames, with SIGINT/SIGTERM held back meanwhile), removing
the outputs of an earlier report of the same name that this one does not write. A failure
leaves earlier reports untouched and writes ``<name>.failed.json`` saying why; an
interruption (Ctrl-C) stops the kernel and leaves the folder as it was.

The provenance names files without this machine's paths: the model relative to the
provenance file, the packaged template as ``cba:report/templates/appraisal.ipynb``. The
kernel reads a copy of the model made in the run's temporary folder (the bytes hashed are the
bytes used). Before any kernel starts, the model's base case is appraised here, so a model
that cannot be evaluated fails as ``cba evaluate`` reports it.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import msg
from .errors import ReportError, TemplateError

__all__ = ["render_report", "RenderedReport", "DEFAULT_TEMPLATE", "FORMATS", "report_name"]

#: output formats besides the executed notebook and the provenance, which are always written
FORMATS = ("html", "pdf", "docx")
#: the evaluation report template shipped inside the package (notebooks/appraisal.ipynb in a source
#: checkout is a link to it)
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "appraisal.ipynb"


@dataclass(frozen=True)
class RenderedReport:
    """What :func:`render_report` wrote.

    Attributes
    ----------
    name : str
        File stem of every output (``<name>.html``, ...).
    files : dict
        ``{"html": Path, "pdf": Path, "docx": Path, "ipynb": Path, "provenance": Path}``
        (only the formats asked for, plus ipynb and provenance).
    provenance : dict
        What was written to ``<name>.provenance.json``.
    removed : tuple of Path
        Outputs of an earlier report of the same name that this one did not write (e.g. its
        PDF when only HTML was asked for now), removed so they do not pass for current.
    seconds : dict
        Time spent: ``check``, ``execute``, each format, ``write`` and ``total``.
    """

    name: str
    out_dir: Path
    files: Mapping[str, Path]
    provenance: Mapping[str, Any] = field(repr=False)
    seconds: Mapping[str, float] = field(repr=False)
    removed: tuple[Path, ...] = ()

    def __getitem__(self, fmt: str) -> Path:
        return self.files[fmt]

    @property
    def results(self) -> Mapping[str, Any]:
        """The numbers the report shows (as recorded in the provenance)."""
        return self.provenance["results"]

    def __str__(self) -> str:
        return "\n".join(f"{k}: {v}" for k, v in self.files.items())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def report_name(model, lang: str) -> str:
    """``<model file stem>`` (Chinese) or ``<stem>.en``; ``report`` for a model not from a file."""
    src = getattr(model, "source", None) if not isinstance(model, (str, os.PathLike)) else model
    stem = Path(src).stem if src else "report"
    return stem if lang == "zh" else f"{stem}.{lang}"


def _check_formats(formats: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    out = []
    for f in formats:
        f = str(f).lower().lstrip(".")
        if f == "ipynb":
            continue
        if f not in FORMATS:
            raise InputError(msg("report.format", got=repr(f), allowed=", ".join(FORMATS)), where="format")
        if f not in out:
            out.append(f)
    return tuple(out)


def _rel(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` with forward slashes (portable between machines); the file
    name alone where no relative path exists (another drive on Windows)."""
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:
        return path.name


def render_report(model, out_dir: str | os.PathLike = "reports", *, template: str | os.PathLike | None = None,
                  lang: str = "zh", formats: Sequence[str] | str = FORMATS,
                  parameters: Mapping[str, Any] | None = None, name: str | None = None,
                  timeout: float | None = 600, kernel_name: str | None = None,
                  inputs: Mapping[str, str | os.PathLike] | None = None):
    """Render the evaluation report of ``model`` into ``out_dir``.

    Parameters
    ----------
    model : path or Model
        The model file (``.yaml``/``.xlsx``), or a :class:`~cba.Model` (then a snapshot of it,
        ``<name>.model.yaml``, is written beside the report and used).
    out_dir : path
        Folder for the outputs (created if needed).
    template : path, optional
        A report template; default the one shipped in the package
        (``cba/report/templates/appraisal.ipynb``). It must have a cell tagged
        ``parameters`` that declares ``model_path``.
    lang : {"zh", "en"}
        Language of the narrative, tables and figures.
    formats : sequence of {"html", "pdf", "docx"} or a comma-separated string
        Besides these, the executed notebook (``.ipynb``, kept for audit) and the provenance
        (``.provenance.json``) are always written. Outputs of an earlier report of the same
        name that this run does not write (its ``.pdf`` when only HTML is asked for now, its
        ``.model.yaml`` snapshot) are removed in the same step that puts the new files in place
        (listed in ``RenderedReport.removed``; ``cba report`` prints them): the folder then
        holds one report, all of whose files the provenance describes.
    parameters : dict, optional
        Values for the template's declared parameters (JSON values only; ``model_path``,
        ``lang`` and ``provenance`` are set from the arguments above).
    name : str, optional
        File stem of the outputs; default the model file's stem, with ``.en`` for English.
    timeout : float or None
        Seconds the whole run may take (kernel start included); the kernel is killed then.
    kernel_name : str, optional
        Jupyter kernelspec to run the template in; default (``None``): this interpreter
        (``sys.executable -m ipykernel_launcher``), whatever kernelspecs Jupyter would find.
        The kernel's cba version must be this one either way.
    inputs : dict, optional
        Further input files the template reads, ``{parameter name: path}`` (e.g. the review
        report's ``indicators_path``, ``evidence_path`` and ``panel_path``): each must be a
        declared parameter; the kernel reads a copy (``inputs/<name>/<file>``) and the
        provenance records each file's path (relative to the provenance file) and SHA-256
        under ``inputs``, as it does for the model.

    Returns
    -------
    RenderedReport

    Raises
    ------
    InputError
        A bad model, template, format or parameter (the CLI exits 2); nothing runs.
    ReportError
        A cell failed (:class:`~cba.report.CellError`), the run timed out
        (:class:`~cba.report.ReportTimeoutError`) or a conversion failed; earlier reports are
        left as they were and ``<name>.failed.json`` records why.

    Examples
    --------
    >>> import cba, tempfile
    >>> out = cba.render_report("data/minhang_kiosk.yaml", tempfile.mkdtemp(), formats=["html"],
    ...                         parameters={"n_draws": 200})          # doctest: +SKIP
    >>> sorted(out.files)                                              # doctest: +SKIP
    ['html', 'ipynb', 'provenance']
    """
    from ..i18n import check_lang, use_lang

    with use_lang(check_lang(lang)):        # errors raised here follow the report's language
        return _render_report(model, out_dir, template=template, lang=lang, formats=formats,
                              parameters=parameters, name=name, timeout=timeout, kernel_name=kernel_name,
                              inputs=inputs)


def _check_inputs(inputs, declared) -> dict[str, Path]:
    """``{parameter: Path}`` for :func:`render_report`'s ``inputs``: declared names, existing files."""
    from .errors import ParameterError

    out: dict[str, Path] = {}
    for key, path in (inputs or {}).items():
        if key not in declared or key in ("model_path", "lang", "provenance"):
            from ..checks import unknown_name

            raise ParameterError(unknown_name(str(key), [n for n in declared if n.endswith("_path")
                                                         and n != "model_path"], "report parameter"),
                                 where=f"inputs.{key}")
        p = Path(path)
        if not p.is_file():
            raise InputError(msg("report.no_file"), where=f"inputs.{key}", source=str(path))
        out[key] = p
    return out


def model_data_files(model) -> list[tuple[str, Path]]:
    """Every data file a model reads, as ``(path as written, resolved path)``: a price index file
    (``prices.index.file``) and the files of ``empirical`` distributions. Relative paths are
    relative to the model file (the current folder for a model built in Python)."""
    from ..uncertainty.sampling import data_files

    out: list[tuple[str, Path]] = []
    p = getattr(model, "prices", None)
    if p is not None and getattr(p, "file", None):
        path = Path(p.file)
        if not path.is_absolute() and model.source:
            path = Path(model.source).parent / path
        out.append((p.file, path))
    for info in data_files(model).values():
        out.append((info["file"], Path(info["path"])))
    return out


def _copy_data_files(model, folder: Path) -> list[dict[str, str]]:
    """Copy the model's data files next to the kernel's copy of the model (same relative paths,
    so the copy reads the same bytes) and return their names and SHA-256 for the provenance."""
    import shutil

    from ..model.files import file_sha256

    out = []
    for written, path in model_data_files(model):
        if not Path(written).is_absolute():
            target = folder / written
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        out.append({"path": written, "sha256": file_sha256(path)})
    return out


def _render_report(model, out_dir, *, template, lang, formats, parameters, name, timeout, kernel_name,
                   inputs=None, kernel=None, write=True, recorded: Mapping[str, str] | None = None):
    """:func:`render_report`'s work. ``kernel``: a :class:`~cba.report.kernel.WarmKernel` to run
    in; ``write=False`` writes nothing and returns ``(name, {file name: bytes}, provenance,
    seconds)`` (a batch worker's result: the batch writes the files), raising a failure as is."""
    from ..i18n import check_lang
    from ..model.model import Model
    from ..model.files import file_sha256, load_model
    from .params import RESERVED, check_parameters, inject_parameters, load_template, template_parameters
    from .provenance import SCHEMA, versions

    t_start = time.perf_counter()
    seconds: dict[str, float] = {}
    lang = check_lang(lang)
    fmts = _check_formats(formats)
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                or not timeout > 0 or timeout == float("inf")):
        raise InputError(msg("report.timeout_value", got=repr(timeout)), where="timeout")
    from ..atomic import check_out_dir

    if write:
        check_out_dir(os.fspath(out_dir), "out_dir")    # before anything runs
    out = Path(out_dir)
    template_path = Path(template) if template is not None else DEFAULT_TEMPLATE
    if template is None and not template_path.is_file():
        raise TemplateError(msg("report.default_template_missing"), source=str(template_path))
    declared = template_parameters(template_path)
    if "model_path" not in declared:
        raise TemplateError(msg("report.no_model_path"), source=str(template_path))
    files_in = _check_inputs(inputs, declared)
    user = check_parameters({k: v for k, v in (parameters or {}).items() if k not in files_in} if isinstance(
        parameters, Mapping) else parameters, declared, reserved=RESERVED)

    snapshot: bytes | None = None
    if isinstance(model, Model):
        model_obj = model
    else:
        model_obj = load_model(model)
    name = name or report_name(model, lang)
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise InputError(msg("report.file_stem", got=repr(name)), where="name")
    effective: dict[str, Any] = {k: d.default_value for k, d in declared.items()
                                 if d.has_literal_default and k not in RESERVED and k not in files_in}
    effective.update(user)
    _check_model(model_obj, effective)
    seconds["check"] = time.perf_counter() - t_start

    with tempfile.TemporaryDirectory(prefix="cba-report-") as work:
        work_dir = Path(work)
        out_abs = out.resolve()
        # the kernel reads a copy of the model in the run's own folder: the bytes hashed are the
        # bytes used, and the executed notebook names the model without this machine's paths
        if isinstance(model, Model):
            import yaml

            snapshot = yaml.safe_dump(model.to_dict(), allow_unicode=True, sort_keys=False).encode("utf-8")
            model_bytes, model_name, recorded_model = snapshot, f"{name}.model.yaml", f"{name}.model.yaml"
        else:
            model_bytes, model_name = Path(model).read_bytes(), Path(model).name
            recorded_model = (recorded or {}).get("model") or _rel(Path(model).resolve(), out_abs)
        (work_dir / "model").mkdir()
        (work_dir / "model" / model_name).write_bytes(model_bytes)
        data = _copy_data_files(model_obj, work_dir / "model")
        copied: dict[str, str] = {}
        recorded_inputs: dict[str, dict[str, str]] = {}
        for key, path in files_in.items():     # the review report's indicator, evidence and panel files
            raw = path.read_bytes()
            target = work_dir / "inputs" / key / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
            copied[key] = f"inputs/{key}/{path.name}"
            recorded_inputs[key] = {"path": _rel(path.resolve(), out_abs), "sha256": _sha(raw)}
        created = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
        provenance: dict[str, Any] = {
            "schema": SCHEMA, "name": name, "created": created,
            "model": {"path": recorded_model, "sha256": _sha(model_bytes)},
            "data_files": data,
            **({"inputs": recorded_inputs} if recorded_inputs else {}),
            "template": {"path": (recorded or {}).get("template") or _template_name(template_path, out_abs),
                         "sha256": file_sha256(template_path)},
            "lang": lang, "formats": list(fmts),
            "parameters": {**effective, "lang": lang},
            "seed": effective.get("seed"),
            "versions": versions(),
            "provenance_file": f"{name}.provenance.json",
        }
        injected = {**effective, **copied, "model_path": f"model/{model_name}"}
        if "lang" in declared:
            injected["lang"] = lang
        if "provenance" in declared:
            injected["provenance"] = provenance
        nb = load_template(template_path)
        inject_parameters(nb, injected)

        try:
            files, provenance = _run_and_convert(nb, provenance, fmts, lang, name, work_dir, timeout,
                                                 kernel_name, seconds, snapshot, kernel)
        except ReportError as err:
            if not write:
                raise
            err.record = str(_write_failure(out, name, err, provenance, time.perf_counter() - t_start))
            err.args = (msg("report.failed_record", text=err.args[0] if err.args else str(err), path=err.record),)
            raise
        if not write:
            seconds["total"] = time.perf_counter() - t_start
            return name, files, provenance, seconds
        t = time.perf_counter()
        written, removed = _commit(out, name, files)
        seconds["write"] = time.perf_counter() - t
    seconds["total"] = time.perf_counter() - t_start
    paths = {k: out / f"{name}{ext}" for k, ext in _OUTPUTS.items() if out / f"{name}{ext}" in written}
    return RenderedReport(name=name, out_dir=out, files=paths, provenance=provenance, seconds=seconds,
                          removed=tuple(removed))


#: every file a report writes, by kind: ``<name><suffix>``
_OUTPUTS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "ipynb": ".ipynb", "provenance": ".provenance.json",
            "model": ".model.yaml"}
#: the packaged template as the provenance names it (no path of the machine that rendered it)
PACKAGED_TEMPLATE = "cba:report/templates/appraisal.ipynb"


def _template_name(template: Path, out_abs: Path) -> str:
    """``cba:report/templates/appraisal.ipynb`` for the packaged template (any template shipped
    in ``cba/report/templates/`` likewise), else its path relative to the output folder."""
    path = template.resolve()
    if path == DEFAULT_TEMPLATE.resolve():
        return PACKAGED_TEMPLATE
    if path.parent == DEFAULT_TEMPLATE.resolve().parent:
        return f"cba:report/templates/{path.name}"
    return _rel(path, out_abs)


def _commit(out: Path, name: str, files: Mapping[str, bytes]) -> tuple[list[Path], list[Path]]:
    """Write the report's files into ``out`` and remove what an earlier run of ``name`` left that
    this one does not write (a PDF beside a new HTML-only report would look current).

    Every file is written under a temporary name first; the renames and removals then run
    with SIGINT and SIGTERM held back (POSIX, main thread), so an interruption comes after the
    folder holds one complete report, never half of each. Returns ``(written, removed)``.
    """
    from ..atomic import write_files

    stale = [out / f"{name}{ext}" for ext in _OUTPUTS.values()
             if f"{name}{ext}" not in files and (out / f"{name}{ext}").is_file()]
    stale.append(out / f"{name}.failed.json")
    with _signals_held():
        written = write_files(out, files)
        removed = []
        for path in stale:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            if not path.name.endswith(".failed.json"):
                removed.append(path)
    _readable(written)
    return written, removed


class _signals_held:
    """Hold SIGINT/SIGTERM back while the block runs (delivered when it ends); a no-op where
    signal masks are not available (Windows, threads other than the main one)."""

    def __enter__(self):
        import signal
        import threading

        self.old = None
        if hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread():
            self.old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        return self

    def __exit__(self, *exc):
        import signal

        if self.old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.old)
        return False


def _check_model(model, values: Mapping[str, Any]) -> None:
    """Check the template parameters that refer to the model (option, scenario, overrides, decision), then
    appraise the base case here, before any kernel starts: a model that cannot be evaluated
    raises :class:`~cba.errors.EvaluationError` as ``cba evaluate`` reports it (file, option,
    flow, period, values), not as a failed notebook cell."""
    import warnings

    from ..analysis import appraise
    from ..errors import CBAWarning
    from .errors import ParameterError
    from .sections import effective_model

    try:
        overrides = values.get("overrides") or {}
        if not isinstance(overrides, Mapping):
            raise InputError(msg("report.overrides_dict", got=type(overrides).__name__),
                             where="overrides")
        m, _ = effective_model(model, scenario=values.get("scenario"), overrides=overrides)
        option = values.get("option")
        if option is not None and (option not in m.options or option == m.baseline):
            from ..checks import unknown_name

            raise InputError(unknown_name(str(option), list(m.alternatives), "option"), where="option")
        from .conclusion import decision_rule

        decision_rule(m, values.get("decision"))     # thresholds of the conclusion, named on error
        n = values.get("n_draws", 0)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InputError(msg("report.whole_number", got=repr(n)), where="n_draws")
    except ParameterError:
        raise
    except InputError as err:
        raise ParameterError(err.message, where=f"parameters.{err.where}" if err.where else "parameters") from None
    with warnings.catch_warnings():     # the report itself shows them as calculation notes
        warnings.simplefilter("ignore", CBAWarning)
        appraise(m)


def _run_and_convert(nb, provenance, fmts, lang, name, work_dir, timeout, kernel_name, seconds, snapshot,
                     kernel=None):
    import nbformat

    from .execute import execute_template
    from .export import html_to_pdf, notebook_items, page_html, stderr_of
    from .provenance import extract_results

    run = execute_template(nb, cwd=work_dir, timeout=timeout, kernel_name=kernel_name,
                           **({"kernel": kernel} if kernel is not None else {}))
    seconds["execute"] = run.seconds
    executed = run.nb
    provenance = dict(provenance)
    import sys

    kernel = {k: v for k, v in run.kernel.items() if k != "python"}   # no path of this machine
    kernel["same_interpreter"] = run.kernel.get("python") == sys.executable
    provenance["kernel"] = {"name": kernel_name or "(this interpreter)", **kernel}
    provenance["results"] = extract_results(executed)
    warnings_text = stderr_of(executed)
    if warnings_text:
        provenance["stderr"] = warnings_text
    files: dict[str, bytes] = {}
    ipynb = nbformat.writes(executed).encode("utf-8")
    files[f"{name}.ipynb"] = ipynb
    outputs = {"ipynb": {"file": f"{name}.ipynb", "sha256": _sha(ipynb)}}
    if snapshot is not None:
        files[f"{name}.model.yaml"] = snapshot
    if fmts:
        from .. import __version__

        t = time.perf_counter()
        items = notebook_items(executed, lang)
        title = next((i["text"] for i in items if i.get("t") == "h" and i.get("level") == 1), name)
        seconds["items"] = time.perf_counter() - t
        page: list[str] = []

        def html_page() -> str:   # built once, for HTML and PDF alike (the font subset takes a moment)
            if not page:
                t0 = time.perf_counter()
                page.append(page_html(items, lang=lang, title=title, generator=f"cba {__version__}"))
                seconds["page"] = time.perf_counter() - t0
            return page[0]

        converters = {
            "html": lambda: html_page().encode("utf-8"),
            "pdf": lambda: html_to_pdf(html_page(), title=title, author=f"cba {__version__}"),
            "docx": lambda: _docx(items, lang, title),
        }
        for fmt in fmts:
            t = time.perf_counter()
            try:
                data = converters[fmt]()
            except ReportError:
                raise
            except Exception as err:  # a converter failing is a report failure, not a crash
                raise ReportError(msg("report.convert_failed", fmt=fmt.upper(), why=f"{type(err).__name__}: {err}")) from err
            seconds[fmt] = time.perf_counter() - t
            files[f"{name}.{fmt}"] = data
            outputs[fmt] = {"file": f"{name}.{fmt}", "sha256": _sha(data)}
    provenance["outputs"] = outputs
    provenance["seconds"] = {k: round(v, 3) for k, v in seconds.items()}
    files[f"{name}.provenance.json"] = (json.dumps(provenance, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files, provenance


def _readable(paths) -> None:
    """Give the reports the usual file mode (temporary files are created owner-only)."""
    mask = os.umask(0)
    os.umask(mask)
    for p in paths:
        try:
            os.chmod(p, 0o666 & ~mask)
        except OSError:
            pass


def _docx(items, lang, title):
    from .docx import items_to_docx

    return items_to_docx(items, lang=lang, title=title)


def _write_failure(out: Path, name: str, err: ReportError, provenance: Mapping[str, Any], elapsed: float) -> Path:
    """Record why a run failed, beside (never over) the report."""
    from ..atomic import write_text

    record = {"error": type(err).__name__, "message": str(err), "failed_at":
              _dt.datetime.now().astimezone().isoformat(timespec="seconds"), "elapsed_seconds": round(elapsed, 3)}
    for attr in ("cell", "ename", "evalue", "timeout", "kernel_pid"):
        if getattr(err, attr, None) not in (None, ""):
            record[attr] = getattr(err, attr)
    if getattr(err, "traceback", ""):
        record["traceback"] = err.traceback[-4000:]
    record["provenance"] = {k: provenance[k] for k in ("model", "template", "lang", "parameters", "versions")
                            if k in provenance}
    path = out / f"{name}.failed.json"
    write_text(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return path
