"""Local worker processes for a batch: warm, failure-isolated, one job at a time each.

Each worker is a process of this interpreter (``python -m cba.batch.pool``: a fresh process
that never re-runs the caller's script, unlike ``multiprocessing``'s spawn) that imports cba
and starts its warm report kernel before the first job, then takes jobs one at a time over a
socket pair (POSIX). The parent watches every worker's pipe and process at once:

* a result comes back: handed to the caller, the worker gets the next job;
* a worker dies (killed, out of memory, a crash): its job fails with the reason ("the worker
  process ended with signal 9 ..."), a new worker takes its place, the other jobs go on;
* a job runs past its deadline (the report's own timeout, which the worker enforces, plus a
  grace period): the worker and its kernel are killed, the job fails, a new worker starts.

Workers end when the parent does, even after ``kill -9``: each checks that its parent is
alive while it waits, and stops its kernel before it exits.
"""
from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["LocalPool"]

#: seconds a job may run past its own timeout before the pool kills its worker
GRACE = 60.0


def _worker_main(conn, parent: int) -> None:
    """A worker process: warm up, then run jobs until told to stop or the parent is gone."""
    os.setpgrp()                                            # Ctrl-C in the terminal reaches the parent only
    signal.signal(signal.SIGINT, signal.SIG_IGN)           # the parent decides when to stop
    from . import jobs

    try:
        pgid = jobs.warm_up()
        conn.send(("ready", pgid))
    except Exception as err:  # noqa: BLE001 - reported to the parent, which fails the jobs
        conn.send(("broken", f"{type(err).__name__}: {err}"))
        return
    try:
        while True:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    break
                continue
            job = conn.recv()
            if job is None:
                break
            result = jobs.render_row(job)
            conn.send(("done", result, jobs.kernel_group()))
    except (EOFError, BrokenPipeError, OSError):
        pass
    finally:
        jobs._shutdown_all()


class _Worker:
    def __init__(self):
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        mine, theirs = socket.socketpair()
        self.proc = subprocess.Popen([sys.executable, "-m", "cba.batch.pool", str(theirs.fileno()), str(os.getpid())],
                                     pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        theirs.close()
        self.conn = Connection(mine.detach())
        self.job: dict[str, Any] | None = None
        self.since = 0.0
        self.ready = False
        self.kernel_pgid: int | None = None
        self.broken: str | None = None
        self.closed = False

    def give(self, job: dict[str, Any]) -> None:
        self.job, self.since = job, time.monotonic()
        self.conn.send(job)

    def kill(self) -> None:
        from ..report.kernel import kill_group

        kill_group(self.kernel_pgid)
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except Exception:  # noqa: BLE001 - gone or stuck in the kernel: nothing more to do
            pass
        self.conn.close()


def _death(proc) -> str:
    from ..i18n import msg

    try:
        code = proc.wait(2)
    except Exception:  # noqa: BLE001 - still running but its pipe is closed
        code = None
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return str(msg("batch.worker.killed", signal=name))
    return str(msg("batch.worker.exited", code=code))


class LocalPool:
    """``workers`` warm worker processes on this machine.

    Use :meth:`run` to render jobs; :meth:`close` (or ``with``) stops the workers and kernels.
    """

    def __init__(self, workers: int):
        self.n = max(1, int(workers))
        self._workers = [_Worker() for _ in range(self.n)]
        self._early_deaths = 0
        self.restarts = 0

    def run(self, jobs: Iterable[dict[str, Any]], *, deadline: float | None = None) -> Iterator[dict[str, Any]]:
        """Render ``jobs``; yields each result as it comes (in order of completion).

        ``deadline``: seconds after which a job's worker is killed (default: the job's own
        timeout plus :data:`GRACE`; none if the job has no timeout).
        """
        from multiprocessing.connection import wait

        from .jobs import failed_result

        queue = deque(jobs)
        pending = len(queue)
        while pending:
            for w in self._workers:
                if w.ready and w.job is None and queue:
                    w.give(queue.popleft())
            handles = {w.conn: w for w in self._workers if not w.closed}
            for h in wait(list(handles), timeout=0.5):
                w = handles[h]
                try:
                    message = w.conn.recv()
                except (EOFError, OSError):
                    w.closed = True              # the worker is gone: handled below
                    continue
                if message[0] == "ready":
                    w.ready, w.kernel_pgid = True, message[1]
                elif message[0] == "broken":
                    w.broken = message[1]
                    for result in self._fail_all(queue, message[1]):
                        pending -= 1
                        yield result
                else:
                    _, result, w.kernel_pgid = message
                    w.job = None
                    pending -= 1
                    yield result
            for i, w in enumerate(self._workers):
                limit = deadline
                if limit is None and w.job is not None and w.job.get("timeout"):
                    limit = float(w.job["timeout"]) + GRACE
                overdue = w.job is not None and limit is not None and time.monotonic() - w.since > limit
                alive = not w.closed and w.proc.poll() is None
                if alive and not overdue:
                    continue
                if w.broken and not queue and w.job is None:
                    continue
                why = _overdue(limit) if overdue else _death(w.proc)
                job = w.job
                w.kill()
                if job is not None:
                    pending -= 1
                    yield failed_result(job, why, time.monotonic() - w.since)
                if not w.ready:                  # died while starting: do not retry for ever
                    self._early_deaths += 1
                    if self._early_deaths >= 3:
                        for result in self._fail_all(queue, why):
                            pending -= 1
                            yield result
                        w.broken = why
                        continue
                self._workers[i] = _Worker()
                self.restarts += 1

    def _fail_all(self, queue, why: str):
        from ..i18n import msg

        from .jobs import failed_result

        text = str(msg("batch.worker.broken", why=why))
        while queue:
            yield failed_result(queue.popleft(), text)

    def close(self) -> None:
        for w in self._workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self._workers:
            try:
                w.proc.wait(15)
            except Exception:  # noqa: BLE001 - did not stop in time
                w.kill()

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None:
            self.close()
        else:                                    # interrupted (Ctrl-C) or failed: stop everything now
            for w in self._workers:
                w.kill()


def _overdue(limit: float) -> str:
    from ..i18n import msg

    return str(msg("batch.worker.overdue", seconds=f"{limit:g}"))


def run_local(jobs: list[dict[str, Any]], workers: int, on_result: Callable[[dict[str, Any]], None]) -> int:
    """Render ``jobs`` on ``workers`` local processes, calling ``on_result`` for each; the number
    of workers restarted after a death or an overrun."""
    with LocalPool(min(workers, max(1, len(jobs)))) as pool:
        for result in pool.run(jobs):
            on_result(result)
        return pool.restarts


if __name__ == "__main__":                                   # a worker: python -m cba.batch.pool FD PARENT
    import sys
    from multiprocessing.connection import Connection

    _worker_main(Connection(int(sys.argv[1])), int(sys.argv[2]))
