"""Run a parameterized template with papermill, with a wall-clock limit and no stray kernels.

* The kernel is shut down immediately after the last cell (nbclient ``shutdown_kernel=
  "immediate"``), not given time for a graceful exit.
* A per-report timeout counts from the start (kernel start-up included). When it passes, a
  watchdog thread kills the kernel's process group (SIGKILL; the kernel runs in its own
  session), papermill's client sees the dead kernel and stops, and :class:`ReportTimeoutError`
  names the cell that was running. No kernel process survives.
* By default the kernel is this very interpreter (``sys.executable -m ipykernel_launcher``),
  not whatever kernelspec called ``python3`` Jupyter finds first (a user-level one, or one on
  ``JUPYTER_PATH``, would win), so a report never runs another Python or another cba than the
  one that records its provenance. A first, hidden cell reports the kernel's interpreter and
  cba version; a different cba version stops the run (:class:`KernelMismatchError`).
* A cell that raises gives :class:`CellError` naming the section of the report (a cell of the
  shipped template) or the cell (its id, position and first line) and the exception; messages
  are bilingual (:class:`~cba.i18n.Text`) and shown in the current language.
* Interruptions (Ctrl-C, or SIGTERM turned into an exception by the caller, as ``cba report``
  does) leave no kernel either: papermill runs in a worker thread, so the calling thread keeps
  Python's own signal handling (nbclient would otherwise take SIGINT/SIGTERM over and carry
  on); on an interruption the kernel's process group is killed (also if it is still starting),
  the worker is given a moment to clean up, and the interruption is raised again.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from ..i18n import Text, msg
from ..i18n.messages.report import SECTIONS
from .errors import CellError, ReportError, ReportTimeoutError

__all__ = ["execute_template", "Execution", "describe_cell", "KernelMismatchError", "own_kernel_spec",
           "KERNEL_MIME"]

#: MIME type of the kernel check cell's output: the kernel's interpreter and cba version
KERNEL_MIME = "application/vnd.cba.kernel+json"
_CHECK_TAG = "cba-kernel-check"


class KernelMismatchError(ReportError):
    """The kernel runs another cba version than the caller."""


def own_kernel_spec():
    """A kernelspec running this interpreter: ``sys.executable -m ipykernel_launcher -f {connection_file}``."""
    from jupyter_client.kernelspec import KernelSpec

    return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                      display_name=f"Python {sys.version_info.major}.{sys.version_info.minor} (cba)",
                      language="python", metadata={}, env={}, interrupt_mode="signal", resource_dir="")


def _check_cell(expected: str, warm_cwd: str | None = None):
    import nbformat

    src = (f"__import__('cba.report.kernel', fromlist=['_']).reset_kernel({warm_cwd!r})\n"
           if warm_cwd is not None else "") + ("import sys as _s, platform as _p\n"
           "try:\n    import cba as _c\n    _v = _c.__version__\nexcept Exception:\n    _v = None\n"
           "from IPython.display import display as _d\n"
           "_i = {'python': _s.executable, 'python_version': _p.python_version(), 'cba': _v}\n"
           f"_d({{{KERNEL_MIME!r}: _i}}, raw=True)\n"
           f"if _v != {expected!r}:\n"
           "    import json as _j\n"
           "    raise RuntimeError('cba-kernel-mismatch ' + _j.dumps(_i))\n"
           "del _s, _p, _v, _d, _i")
    cell = nbformat.v4.new_code_cell(source=src)
    cell.metadata["tags"] = [_CHECK_TAG, "remove"]
    return cell


def _kernel_info(cell) -> dict:
    for o in cell.get("outputs", []):
        data = o.get("data") or {}
        if KERNEL_MIME in data:
            return json.loads(json.dumps(data[KERNEL_MIME]))
    return {}


def describe_cell(nb, index: int | None) -> str:
    """``cell 'conclusion' (#3): R.conclusion()`` for error messages."""
    if index is None or not (0 <= index < len(nb.cells)):
        return "an unknown cell"
    cell = nb.cells[index]
    first = next((ln.strip() for ln in str(cell.source).splitlines() if ln.strip()), "")
    if len(first) > 70:
        first = first[:67] + "..."
    cid = cell.get("id")
    return f"cell {cid!r} (#{index})" + (f": {first}" if first else "")


def cell_title(nb, index: int | None) -> Text:
    """The cell for a reader: a section of the shipped template by its name (``the risk section
    (cell 'risk', #12)``), any other cell by its id, position and first line."""
    if index is None or not (0 <= index < len(nb.cells)):
        return msg("report.unknown_cell")
    cid = nb.cells[index].get("id")
    if cid in SECTIONS:
        zh, en = SECTIONS[cid]
        return Text("“{zh_name}”部分（模板单元格 '{cid}'，第 {i} 个）", "the {en_name} section (template cell '{cid}', #{i})",
                    zh_name=zh, en_name=en, cid=cid, i=index)
    code = describe_cell(nb, index).partition(": ")[2]
    return Text("模板单元格 '{cid}'（第 {i} 个" + ("：{code}" if code else "") + "）",
                "template cell '{cid}' (#{i}" + (": {code}" if code else "") + ")", cid=cid, i=index, code=code)


#: exceptions of cba raised by a template cell: the model's fault, said so
_MODEL_ERRORS = {"EvaluationError": "report.model_failed", "NoSolutionError": "report.model_failed",
                 "InputError": "report.model_input", "ParameterError": "report.model_input"}


def cell_failure(nb, index: int | None, ename: str, evalue: str) -> Text:
    """Why a cell failed, for :class:`CellError`: which section (or cell) and the exception;
    cba's own errors (the model cannot be evaluated, a bad input) are said in words."""
    why: Any = msg(_MODEL_ERRORS[ename], why=evalue) if ename in _MODEL_ERRORS else f"{ename}: {evalue}"
    cid = nb.cells[index].get("id") if index is not None and 0 <= index < len(nb.cells) else None
    if cid in SECTIONS:
        zh, en = SECTIONS[cid]
        return msg("report.cell_failed", section=Text(zh, en), cell=Text("'{c}'，第 {i} 个", "'{c}', #{i}", c=cid, i=index),
                   why=why)
    return msg("report.template_cell_failed", cell=cell_title(nb, index), why=why)


class _Watchdog:
    """Kills the kernel's process group when the deadline passes."""

    def __init__(self, timeout: float | None):
        self.timeout = timeout
        self.pid: int | None = None
        self.pgid: int | None = None
        self.fired = False
        self.interrupted = False
        self.cell: int | None = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def start(self) -> None:
        if self.timeout is not None:
            self._timer = threading.Timer(self.timeout, self.fire)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def attach(self, km) -> None:
        prov = getattr(km, "provisioner", None)
        with self._lock:
            self.pid = getattr(prov, "pid", None)
            self.pgid = getattr(prov, "pgid", None)
            fired = self.fired or self.interrupted
        if fired:
            self._kill()

    def cell_started(self, cell=None, cell_index=None, **_: Any) -> None:
        self.cell = cell_index

    def fire(self) -> None:
        with self._lock:
            self.fired = True
        self._kill()

    def interrupt(self) -> None:
        """Kill the kernel now, or as soon as it has started."""
        with self._lock:
            self.interrupted = True
        self._kill()

    def _kill(self) -> None:
        with self._lock:
            pid, pgid = self.pid, self.pgid
        if pgid and hasattr(os, "killpg"):
            try:
                os.killpg(pgid, signal.SIGKILL)
                return
            except OSError:
                pass
        if pid:
            try:
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            except OSError:
                pass


def _manager_class(watch: _Watchdog, socket_dir: str | os.PathLike, own: bool = True,
                   remember_client: bool = False):
    from jupyter_client.manager import AsyncKernelManager

    ipc_prefix = os.path.join(os.fspath(socket_dir), "kernel")

    class WatchedKernelManager(AsyncKernelManager):
        """Tells the watchdog the kernel's process as soon as it has started.

        On POSIX the kernel talks over Unix sockets in the run's own temporary folder
        (``transport="ipc"``): no TCP port is opened and nothing else on the machine can connect.
        Where that path would be too long for a socket, TCP on localhost as usual.
        """

        def __init__(self, **kw: Any):
            if os.name == "posix" and len(ipc_prefix) < 90:
                kw.setdefault("transport", "ipc")
                kw.setdefault("ip", ipc_prefix)
            super().__init__(**kw)
            if own:
                self._kernel_spec = own_kernel_spec()

        @property
        def kernel_spec(self):
            if own and self._kernel_spec is None:
                self._kernel_spec = own_kernel_spec()
            return super().kernel_spec

        async def _async_post_start_kernel(self, **kw: Any) -> None:
            await super()._async_post_start_kernel(**kw)
            watch.attach(self)

        def client(self, **kw: Any):
            kc = super().client(**kw)
            if remember_client:          # a warm kernel's runner stops it after each report
                self.last_client = kc
            return kc

    return WatchedKernelManager


@dataclass
class Execution:
    """An executed notebook and how it went."""

    nb: Any
    seconds: float
    kernel_pid: int | None = None
    kernel: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def execute_template(nb, *, cwd: str | os.PathLike, timeout: float | None = 600, kernel_name: str | None = None,
                     start_timeout: float = 60, kernel=None) -> Execution:
    """Execute a parameterized notebook (already holding its ``injected-parameters`` cell).

    ``kernel`` (a :class:`~cba.report.kernel.WarmKernel`) runs the notebook in that already
    started kernel, reset to a fresh kernel's state and moved to ``cwd`` by the first cell
    (restarted first if it died); it must be called from the thread that owns the kernel.

    ``kernel_name=None`` (default) runs the kernel with this interpreter; a name runs that
    Jupyter kernelspec instead. Either way the kernel's cba version must be this one.
    The returned notebook does not hold the kernel check cell; ``Execution.kernel`` has what
    it reported (``python``, ``python_version``, ``cba``).

    Raises
    ------
    CellError
        A cell raised; names the cell and the exception.
    ReportTimeoutError
        The run took longer than ``timeout`` seconds; the kernel was killed.
    KernelMismatchError
        The kernel runs another cba version (or none).
    ReportError
        The kernel died or could not start.
    """
    import copy

    import papermill

    from .. import __version__

    template_nb = nb
    nb = copy.deepcopy(nb)
    nb.cells.insert(0, _check_cell(__version__, None if kernel is None else os.fspath(cwd)))

    def where_is(index: int | None) -> str:   # cell numbers as in the template (without the check cell)
        if index == 0:
            return "the kernel check cell"
        return describe_cell(template_nb, None if index is None else index - 1)

    def title(index: int | None) -> Text:       # the same, for a reader
        if index == 0:
            return msg("report.check_cell")
        return cell_title(template_nb, None if index is None else index - 1)

    own = kernel_name is None
    from papermill.exceptions import PapermillExecutionError

    log = logging.getLogger("papermill")
    level = log.level
    log.setLevel(logging.CRITICAL)  # failures are reported by the exceptions below, not logged twice
    watch = _Watchdog(timeout)
    t0 = time.perf_counter()
    if kernel is not None:
        kernel.ensure()
        watch.attach(kernel.km)
    watch.start()
    try:
        if kernel is not None:
            executed = kernel.run(nb, on_cell_start=watch.cell_started)
        else:
            executed = _in_worker(watch, lambda: papermill.execute_notebook(
                nb, None, parameters=None, kernel_name="python3" if own else kernel_name, progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False, start_timeout=start_timeout, cwd=str(cwd),
                shutdown_kernel="immediate", kernel_manager_class=_manager_class(watch, cwd, own),
                on_cell_start=watch.cell_started))
    except BaseException as err:  # noqa: BLE001 - every way out is mapped below, then re-raised
        watch.stop()
        log.setLevel(level)
        if isinstance(err, (KeyboardInterrupt, SystemExit)):
            raise
        elapsed = time.perf_counter() - t0
        if watch.fired:
            where = where_is(watch.cell)
            raise ReportTimeoutError(
                msg("report.timeout", timeout=f"{timeout:g}", where=title(watch.cell), elapsed=f"{elapsed:.1f}",
                    pid=watch.pid), timeout=float(timeout), cell=where, kernel_pid=watch.pid) from None
        if isinstance(err, PapermillExecutionError) and err.cell_index == 0:
            info: dict = {}
            if str(err.evalue).startswith("cba-kernel-mismatch "):
                try:
                    info = json.loads(str(err.evalue).split(" ", 1)[1])
                except ValueError:
                    pass
            elif err.ename in ("ModuleNotFoundError", "ImportError"):
                info = {}
            else:
                where = where_is(0)
                raise CellError(msg("report.kernel_check_failed", why=f"{err.ename}: {err.evalue}"), cell=where,
                                ename=err.ename, evalue=err.evalue, traceback="") from None
            raise _mismatch(info, __version__) from None
        if isinstance(err, PapermillExecutionError):
            where = where_is(err.cell_index)
            tb = "\n".join(err.traceback) if isinstance(err.traceback, list) else str(err.traceback)
            raise CellError(cell_failure(template_nb, err.cell_index - 1, err.ename, err.evalue), cell=where,
                            ename=err.ename, evalue=err.evalue, traceback=_strip_ansi(tb)) from None
        name = type(err).__name__
        if name == "DeadKernelError":
            raise ReportError(msg("report.kernel_died", where=title(watch.cell))) from None
        raise ReportError(msg("report.run_failed", where=title(watch.cell), why=f"{name}: {err}")) from err
    watch.stop()
    log.setLevel(level)
    info = _kernel_info(executed.cells[0]) if executed.cells else {}
    if _CHECK_TAG in executed.cells[0].get("metadata", {}).get("tags", []):
        del executed.cells[0]
    if info.get("cba") != __version__:
        raise _mismatch(info, __version__)
    return Execution(nb=executed, seconds=time.perf_counter() - t0, kernel_pid=watch.pid, kernel=info)


#: seconds the worker gets to stop its kernel client after an interruption killed the kernel
_CLEANUP_SECONDS = 20


def _in_worker(watch: _Watchdog, run):
    """``run()`` in a worker thread; its result, or its exception raised here.

    The calling thread waits (interruptibly). When it is interrupted (KeyboardInterrupt,
    SystemExit or another BaseException raised by a signal handler) the kernel is killed, the
    worker is given :data:`_CLEANUP_SECONDS` to notice and tidy up (connection file, sockets),
    and the interruption propagates.
    """
    box: dict[str, Any] = {}
    done = threading.Event()     # not Thread.join: before Python 3.13 a join interrupted by a
                                 # signal can mark a running thread as stopped (gh-90882)

    def target() -> None:
        import asyncio

        try:
            box["result"] = run()
        except BaseException as err:  # noqa: BLE001 - handed to the calling thread
            box["error"] = err
        finally:
            try:   # the event loop jupyter_core made for this thread dies with it: close it
                loop = asyncio.get_event_loop_policy().get_event_loop()
                if not loop.is_running():
                    loop.close()
            except Exception:  # noqa: BLE001 - nothing to close
                pass
            done.set()

    worker = threading.Thread(target=target, name="cba-report-kernel", daemon=True)
    worker.start()
    try:
        while not done.wait(0.2):
            pass
    except BaseException:
        watch.interrupt()
        _wait_quietly(done, _CLEANUP_SECONDS, watch)
        raise
    if "error" in box:
        raise box["error"]
    return box["result"]


def _wait_quietly(done: threading.Event, seconds: float, watch: _Watchdog) -> None:
    """Wait up to ``seconds`` for the worker to finish; a second interruption meanwhile is ignored."""
    deadline = time.monotonic() + seconds
    while not done.is_set() and time.monotonic() < deadline:
        try:
            done.wait(0.1)
        except BaseException:  # noqa: BLE001 - already stopping; kill again, keep cleaning up
            watch.interrupt()


def _mismatch(info: dict, expected: str) -> KernelMismatchError:
    python = info.get("python") or msg("report.unknown_python")
    found = f"cba {info['cba']}" if info.get("cba") else msg("report.no_cba")
    return KernelMismatchError(msg("report.kernel_mismatch", python=python, found=found, expected=expected,
                                   exe=sys.executable))


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
