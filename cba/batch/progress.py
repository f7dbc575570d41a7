"""The progress line of a batch: done/total, rate and time left, on standard error.

On a terminal the line is redrawn in place (``\\r``); otherwise (a log file, CI) a line is
printed at most every ``every`` seconds and at the end, so logs stay short.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress", "eta_text"]


def eta_text(seconds: float) -> str:
    """``0:42`` / ``1:02:03`` (h:mm:ss); ``--`` when unknown.

    >>> eta_text(42.4), eta_text(3723), eta_text(float("nan"))
    ('0:42', '1:02:03', '--')
    """
    if seconds != seconds or seconds in (float("inf"), float("-inf")) or seconds < 0:
        return "--"
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """``Progress(total)``; call :meth:`step` per finished row, :meth:`close` at the end.

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> p = Progress(4, stream=buf, every=0, lang="zh")   # every=0: a line per row
    >>> p.clock = iter([0.0, 1.0, 2.0]).__next__       # a fake clock: 1 s per row
    >>> p.start(); p.step(); p.step(failed=True)
    >>> print(buf.getvalue().splitlines()[-1])
    [##########..........] 2/4（50%）1.0 行/秒，预计剩余 0:02，失败 1
    """

    width = 20

    def __init__(self, total: int, *, stream: TextIO | None = None, every: float = 5.0, lang: str | None = None,
                 enabled: bool = True):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.every = every
        self.lang = lang
        self.enabled = enabled and total > 0
        self.done = 0
        self.failed = 0
        self.clock = time.monotonic
        self._t0 = 0.0
        self._last = float("-inf")
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def start(self) -> None:
        self._t0 = self._last = self.clock()      # the first line after `every` seconds (or at the end)

    def step(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += bool(failed)
        if not self.enabled:
            return
        now = self.clock()
        if self._tty or now - self._last >= self.every or self.done == self.total:
            self._last = now
            self._show(now)

    def line(self, now: float) -> str:
        from ..i18n import msg

        elapsed = max(now - self._t0, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate > 0 else float("nan")
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "[" + "#" * filled + "." * (self.width - filled) + "]"
        failed = msg("batch.progress.failed", n=self.failed).render(self.lang) if self.failed else ""
        return msg("batch.progress", bar=bar, done=self.done, total=self.total,
                   pct=int(100 * self.done / self.total) if self.total else 100, rate=f"{rate:.1f}",
                   eta=eta_text(eta), failed=failed).render(self.lang)

    def _show(self, now: float) -> None:
        text = self.line(now)
        if self._tty:
            self.stream.write("\r" + text + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._tty and self.done < self.total:
            self.stream.write("\n")
            self.stream.flush()
