"""Write outputs so that a failure leaves no partial file and never replaces a good one.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_text(pathlib.Path(tmp) / "a.txt", "hello")
...     print((pathlib.Path(tmp) / "a.txt").read_text())
hello
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import InputError
from .i18n import msg

__all__ = ["atomic_path", "check_out_dir", "write_text", "write_files"]


def _umask_mode() -> int:
    """Mode a new file gets under the current umask (mkstemp's files are 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write UTF-8 text atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_files(out_dir: str | os.PathLike, files: Mapping[str, str | bytes]) -> list[Path]:
    """Write several files into ``out_dir``: all are written to temporary names first, then
    renamed into place, so a failure while writing leaves earlier outputs untouched."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            with os.fdopen(fd, "wb") as fh:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            staged.append((name, Path(tmp)))
        mode = _umask_mode()
        for name, tmp in staged:
            os.chmod(tmp, mode)
            os.replace(tmp, out / name)
        return [out / name for name, _ in staged]
    finally:
        for _, tmp in staged:
            if tmp.exists():
                tmp.unlink()


def check_out_dir(path: str, option: str = "--out") -> None:
    """Fail early (InputError naming ``option``) unless ``path`` is, or can become, a writable
    folder. Probes by creating and removing a temporary folder in the nearest existing
    ancestor, since permission bits do not tell (root, /proc, read-only mounts); leaves nothing."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise InputError(msg("analysis.out_not_folder", path=path), where=option)
    anc = target
    while not anc.exists() and anc != anc.parent:
        anc = anc.parent
    if not anc.is_dir():
        raise InputError(msg("analysis.out_parent_not_folder", path=path, anc=anc), where=option)
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".cba-probe-", dir=anc))
    except OSError as err:
        key = "analysis.out_cannot_write" if anc == target else "analysis.out_cannot_create"
        raise InputError(msg(key, path=path, why=err.strerror or err), where=option) from None
