"""A warm kernel: one Jupyter kernel started ahead and reused for many reports.

Starting a kernel and importing cba, numpy, pandas, matplotlib and the report machinery costs
about a second; a batch of reports pays it once per worker instead of once per report. Between
reports the kernel is put back to the state a fresh one has (:func:`reset_kernel`, run by the
first cell of every report): the user namespace is cleared (``%reset -f``), figures closed,
matplotlib's rc settings, the warning filters and their "already shown" registries and cba's
language restored, and the working folder set to the report's own. Modules stay imported:
that is the point. A report rendered in a warm kernel is the same, number for number and word
for word, as one rendered in a fresh kernel (tested).

A kernel that died (killed by the timeout watchdog, or crashed) is replaced by a new one before
the next report. All calls on a :class:`WarmKernel` must come from one thread (the thread's
event loop drives the kernel's sockets); a batch worker owns one kernel per thread.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

__all__ = ["WarmKernel", "reset_kernel", "kill_group", "WARM_UP"]

#: what a kernel imports when it starts, before its first report
WARM_UP = ("import cba, cba.report, cba.report.sections, cba.analysis, cba.uncertainty.simulate\n"
           "import numpy, pandas, matplotlib\nmatplotlib.use('agg')\nimport matplotlib.pyplot\n"
           "from cba.report.kernel import remember_state\nremember_state()\ndel remember_state")

_STATE: dict[str, Any] = {}


def remember_state() -> None:
    """In the kernel, once after the warm-up: the state each report starts from."""
    import warnings

    import matplotlib

    from ..fonts import use_cjk_font

    use_cjk_font()              # once per process (cached): the state kept must include it
    _STATE["filters"] = list(warnings.filters)
    _STATE["rc"] = dict(matplotlib.rcParams)
    from ..i18n import get_lang

    _STATE["lang"] = get_lang()


def reset_kernel(cwd: str) -> None:
    """In the kernel, before each report: a fresh kernel's state, in the report's folder."""
    import warnings

    os.chdir(cwd)                                # first: the last report's folder is gone
    ip = _ipython()
    if ip is not None:
        ip.reset(new_session=False)              # %reset -f: the user namespace and its history
    if not _STATE:
        return
    import matplotlib
    import matplotlib.pyplot as plt

    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_STATE["rc"])
    warnings.filters[:] = _STATE["filters"]
    warnings._filters_mutated()                  # forget which warnings were "already shown"
    from ..i18n import set_lang

    set_lang(_STATE["lang"])


def kill_group(pgid: int | None) -> None:
    """SIGKILL a kernel's process group (the kernel runs in its own session); nothing if it is gone."""
    if pgid and hasattr(os, "killpg"):
        import signal

        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:                          # pragma: no cover - a kernel always has IPython
        return None
    return get_ipython()


class WarmKernel:
    """A kernel of this interpreter, started once, reused for report after report.

    Parameters
    ----------
    start_timeout : float
        Seconds a (re)start and the warm-up may take.

    Examples
    --------
    >>> k = WarmKernel()
    >>> k.ensure(); k.alive(), k.started          # started once, cba imported in it
    (True, 1)
    >>> k.shutdown(); k.alive()
    False
    """

    def __init__(self, *, start_timeout: float = 60):
        self.start_timeout = start_timeout
        self.km: Any = None
        self.started = 0                         # kernels started (1 + restarts)
        self.reports = 0                         # reports run in the current kernel
        self._dir = tempfile.mkdtemp(prefix="cba-kernel-")

    # -- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Start (or restart) the kernel and run the warm-up."""
        from jupyter_core.utils import run_sync

        from .execute import _manager_class, _Watchdog

        self._stop_kernel()
        self._watch = _Watchdog(None)
        self.km = _manager_class(self._watch, self._dir, own=True, remember_client=True)(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=self._dir)
        self.started += 1
        self.reports = 0
        self._warm_up()

    def _warm_up(self) -> None:
        import nbformat

        from .errors import ReportError
        from ..i18n import msg

        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(WARM_UP)])
        try:
            self.run(nb)
        except Exception as err:  # noqa: BLE001 - a kernel that cannot warm up is a failed start
            self._stop_kernel()
            raise ReportError(msg("report.warm_failed", why=f"{type(err).__name__}: {err}")) from None

    def alive(self) -> bool:
        if self.km is None:
            return False
        from jupyter_core.utils import run_sync

        return bool(run_sync(self.km.is_alive)())

    @property
    def pid(self) -> int | None:
        return None if self.km is None else getattr(self.km.provisioner, "pid", None)

    def ensure(self) -> None:
        """A live kernel: restarted if it died."""
        if not self.alive():
            self.start()

    def run(self, nb, *, on_cell_start=None):
        """Execute ``nb`` (papermill, this kernel); the executed notebook. Errors as papermill's."""
        import papermill

        try:
            return papermill.execute_notebook(
                nb, None, parameters=None, kernel_name="python3", progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, start_timeout=self.start_timeout, km=self.km,
                **({"on_cell_start": on_cell_start} if on_cell_start else {}))
        finally:
            kc = getattr(self.km, "last_client", None)
            if kc is not None:                   # nbclient leaves a client it did not create the
                self.km.last_client = None       # manager for running: stop its channels here
                try:
                    kc.stop_channels()
                except Exception:  # noqa: BLE001 - the kernel may be dead already
                    pass
            self.reports += 1

    def _stop_kernel(self) -> None:
        km, self.km = self.km, None
        if km is None:
            return
        from jupyter_core.utils import run_sync

        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - dead already: kill what may be left
            kill_group(getattr(km.provisioner, "pgid", None) if km.provisioner else None)

    def shutdown(self) -> None:
        """Stop the kernel and remove its folder."""
        self._stop_kernel()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> WarmKernel:
        self.ensure()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()
