"""The results database of batch runs: SQLite by default, or any SQLAlchemy URL.

A plain path (or ``sqlite:///path``) opens one SQLite file in WAL mode (checked: readers and
writers do not block each other) with a busy timeout, through the standard library; any other
URL (``postgresql://user@host/db``) goes through SQLAlchemy (PostgreSQL through psycopg 3 unless
the URL names another driver; see :func:`server_url`). Two tables:

``runs``
    ``run_id``, ``started`` (UTC, ISO 8601), ``cba_version``, ``batch_seed``, ``table_path``,
    ``table_sha256``.
``rows``
    ``run_id``, ``row_id``, ``inputs_hash`` (see :func:`inputs_hash`), ``status`` (``ok`` or
    ``failed``), ``error``, the metrics ``npv``, ``bcr``, ``irr``, ``pv_costs``,
    ``pv_benefits``, ``prob_negative``, ``seconds``, ``outputs`` (JSON list of file paths),
    ``recorded`` (UTC). One line per (run, row): recording a row again replaces it.

Every write is one transaction: a crash leaves either the whole row or none of it.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import msg

__all__ = ["open_db", "ResultsDB", "start_run", "record_row", "record_rows", "results", "done_rows", "inputs_hash",
           "ROW_METRICS"]

ROW_METRICS = ("npv", "bcr", "irr", "pv_costs", "pv_benefits", "prob_negative")
_ROW_COLUMNS = ("run_id", "row_id", "inputs_hash", "status", "error", *ROW_METRICS, "seconds", "outputs",
                "recorded")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS runs (run_id VARCHAR(64) PRIMARY KEY, started VARCHAR(40) NOT NULL, "
    "cba_version VARCHAR(40) NOT NULL, batch_seed BIGINT, table_path TEXT, table_sha256 VARCHAR(64))",
    "CREATE TABLE IF NOT EXISTS rows (run_id VARCHAR(64) NOT NULL, row_id VARCHAR(200) NOT NULL, "
    "inputs_hash VARCHAR(64) NOT NULL, status VARCHAR(10) NOT NULL, error TEXT, "
    + ", ".join(f"{m} DOUBLE PRECISION" for m in ROW_METRICS)
    + ", seconds DOUBLE PRECISION, outputs TEXT, recorded VARCHAR(40) NOT NULL, PRIMARY KEY (run_id, row_id))",
    "CREATE INDEX IF NOT EXISTS rows_inputs_hash ON rows (inputs_hash)",
)
TIMEOUT = 60.0        # seconds a writer waits for another's transaction
CONNECT_TIMEOUT = 15  # seconds to reach a database server
_SCHEMA_LOCK = 0x0CBA_0D8          # the advisory lock key openers of a PostgreSQL database take turns on


def _masked(url: str) -> str:
    """The URL with its password (if any) replaced by ``***``."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:                                 # noqa: BLE001 - not a URL SQLAlchemy reads
        import re

        return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)


def _reason(err: BaseException) -> str:
    """The driver's own words (first lines, no SQL echo) for a failed connection."""
    orig = getattr(err, "orig", None) or err
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip() and not ln.lstrip().startswith("[")]
    return " ".join(lines[:3]) or type(orig).__name__


def server_url(url: str):
    """An SQLAlchemy URL for ``url``, reaching PostgreSQL through an installed driver.

    ``postgresql://`` and ``postgres://`` (which SQLAlchemy maps to psycopg2) become
    ``postgresql+psycopg://`` (psycopg version 3, a dependency of cba) when psycopg2 is not
    installed; an explicit driver (``postgresql+pg8000://``) is kept as given.

    Examples
    --------
    >>> server_url("postgres://me@db.example/cba").drivername in ("postgresql+psycopg", "postgresql")
    True
    >>> server_url("postgresql+pg8000://me@db/cba").drivername
    'postgresql+pg8000'
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        import importlib.util

        parsed = parsed.set(drivername="postgresql" if importlib.util.find_spec("psycopg2") else "postgresql+psycopg")
    return parsed


def _engine(sqlalchemy, target: str):
    """An engine for a server URL (no connection yet); a URL SQLAlchemy cannot use is an InputError."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        url = server_url(target)
        connect_args = {"connect_timeout": CONNECT_TIMEOUT} if url.get_driver_name() in ("psycopg", "psycopg2") \
            and "connect_timeout" not in url.query else {}
        return sqlalchemy.create_engine(url, future=True, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as err:
        raise InputError(msg("batch.db.connect", url=_masked(target), reason=_reason(err)), where="db") from None


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


class ResultsDB:
    """An open results database (see :func:`open_db`); usable as a context manager."""

    def __init__(self, target: str | Path):
        target = str(target)
        self.url = target
        self._engine = None
        self._sqlite = None
        if "://" in target and not target.startswith("sqlite:///"):
            try:
                import sqlalchemy
            except ImportError:                          # pragma: no cover - a dependency of cba
                raise InputError(msg("batch.db.no_sqlalchemy", url=target), where="db") from None
            self._engine = _engine(sqlalchemy, target)
        else:
            import sqlite3

            path = Path(target[len("sqlite:///"):] if target.startswith("sqlite:///") else target)
            self.path = path
            try:
                if not path.parent.is_dir():
                    raise OSError(msg("batch.db.no_folder", folder=str(path.parent)).render())
                con = sqlite3.connect(str(path), timeout=TIMEOUT, isolation_level=None)
                con.execute(f"PRAGMA busy_timeout = {int(TIMEOUT * 1000)}")
                mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            except (sqlite3.Error, OSError) as err:
                raise InputError(msg("batch.db.connect", url=str(path), reason=_reason(err)), where="--db") from None
            if str(mode).lower() != "wal":                 # pragma: no cover - a file system without shared memory
                con.close()
                raise InputError(msg("batch.db.wal", path=str(path), mode=mode), where="db")
            con.execute("PRAGMA synchronous = NORMAL")   # safe with WAL: never corrupt, at worst the last commit lost
            self._sqlite = con
        if self._engine is None:
            self._write(list((s, {}) for s in _SCHEMA))
        else:
            self._create_schema_on_server()

    def _create_schema_on_server(self) -> None:
        """The tables, in the first transaction on the server: a connection error names the URL.

        On PostgreSQL, concurrent ``CREATE TABLE IF NOT EXISTS`` can collide (two new tables of the
        same name); a transaction-scoped advisory lock makes openers take turns.
        """
        from sqlalchemy.exc import SQLAlchemyError

        lock = [("SELECT pg_advisory_xact_lock(:key)", {"key": _SCHEMA_LOCK})] \
            if self._engine.dialect.name == "postgresql" else []
        try:
            self._write(lock + [(s, {}) for s in _SCHEMA])
        except (SQLAlchemyError, ImportError, OSError) as err:
            self._engine.dispose()
            raise InputError(msg("batch.db.connect", url=_masked(self.url), reason=_reason(err)),
                             where="db") from None

    # -- one transaction ----------------------------------------------------------------------
    def _write(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        if self._sqlite is not None:
            con = self._sqlite
            con.execute("BEGIN IMMEDIATE")               # take the write lock now: no upgrade deadlock
            try:
                for sql, params in statements:
                    con.execute(sql, dict(params))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        else:
            from sqlalchemy import text

            with self._engine.begin() as con:
                for sql, params in statements:
                    con.execute(text(sql), dict(params))

    def _read(self, sql: str, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[tuple]]:
        if self._sqlite is not None:
            cur = self._sqlite.execute(sql, dict(params or {}))
            return [d[0] for d in cur.description], cur.fetchall()
        from sqlalchemy import text

        with self._engine.connect() as con:
            res = con.execute(text(sql), dict(params or {}))
            return list(res.keys()), [tuple(r) for r in res]

    @property
    def journal_mode(self) -> str | None:
        """``wal`` for a SQLite database (None for a server)."""
        if self._sqlite is None:
            return None
        return self._sqlite.execute("PRAGMA journal_mode").fetchone()[0]

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> "ResultsDB":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ResultsDB({_masked(self.url)!r})"


def open_db(db: str | Path) -> ResultsDB:
    """Open (creating when needed) a results database.

    Parameters
    ----------
    db : str or Path
        A file path or ``sqlite:///path`` (SQLite, WAL mode), or an SQLAlchemy URL such as
        ``postgresql://user@host/cba``.

    Returns
    -------
    ResultsDB

    Examples
    --------
    >>> import os, tempfile
    >>> with open_db(os.path.join(tempfile.mkdtemp(), "results.sqlite")) as db:
    ...     db.journal_mode
    'wal'
    """
    return db if isinstance(db, ResultsDB) else ResultsDB(db)


class _Opened:
    """``with _Opened(db) as d``: the same ResultsDB, or one opened (and closed) for the call."""

    def __init__(self, db):
        self.db, self.own = (db, False) if isinstance(db, ResultsDB) else (ResultsDB(db), True)

    def __enter__(self) -> ResultsDB:
        return self.db

    def __exit__(self, *exc) -> None:
        if self.own:
            self.db.close()


def inputs_hash(model_path: str | Path, overrides: Mapping[str, float], *, scenario: str | None = None,
                template: str | Path | None = None, version: str | None = None, read=None) -> str:
    """SHA-256 of everything a row's results depend on.

    Hashed: the model file's bytes, the overrides (sorted by name, numbers as ``repr`` of the
    float), the scenario, the template (its bytes when it is a file, else its name; nothing for
    ``--no-report``) and the cba version. A row whose hash is unchanged need not run again.

    Examples
    --------
    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "m.yaml"); _ = open(f, "w").write("name: x")
    >>> inputs_hash(f, {"a": 1, "b": 2.0}) == inputs_hash(f, {"b": 2, "a": 1.0})
    True
    >>> inputs_hash(f, {"a": 1}) == inputs_hash(f, {"a": 1}, version="9.9")
    False
    """
    if version is None:
        from .. import __version__ as version
    h = hashlib.sha256()

    def part(tag: str, data: bytes) -> None:          # length-prefixed: no two inputs run together
        h.update(tag.encode() + len(data).to_bytes(8, "little") + data)

    read = read or (lambda p: Path(p).read_bytes())     # a batch passes a reader that reads each file once
    part("model", read(model_path))
    part("overrides", json.dumps({k: repr(float(x)) for k, x in sorted(overrides.items())}).encode())
    part("scenario", (scenario or "").encode())
    if template is not None and Path(template).is_file():
        part("template", read(template))
    else:
        part("template", ("" if template is None else str(template)).encode())
    part("version", str(version).encode())
    return h.hexdigest()


def start_run(db, *, table_path: str | Path | None = None, table_sha256: str | None = None,
              seed: int | None = None, run_id: str | None = None) -> str:
    """Record a new run and return its id (``<UTC time>-<random>``: later runs sort later)."""
    from .. import __version__

    started = _now()
    run_id = run_id or started.replace(":", "").replace("-", "").replace("+0000", "Z") + "-" + uuid.uuid4().hex[:8]
    with _Opened(db) as d:
        d._write([("INSERT INTO runs (run_id, started, cba_version, batch_seed, table_path, table_sha256) "
                   "VALUES (:run_id, :started, :v, :seed, :path, :sha)",
                   {"run_id": run_id, "started": started, "v": __version__,
                    "seed": None if seed is None else int(seed),
                    "path": None if table_path is None else str(table_path), "sha": table_sha256})])
    return run_id


def _num(x: Any) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def record_row(db, run_id: str, row_id: str, *, inputs_hash: str, status: str, error: str | None = None,
               metrics: Mapping[str, float] | None = None, seconds: float | None = None,
               outputs: Iterable[str | Path] = ()) -> None:
    """Record (or replace) one row's result, in one transaction.

    Parameters
    ----------
    db : ResultsDB, str or Path
    run_id : str
        From :func:`start_run`.
    row_id : str
    inputs_hash : str
        From :func:`inputs_hash`.
    status : {"ok", "failed"}
    error : str, optional
        The reason a row failed.
    metrics : mapping, optional
        Any of ``npv``, ``bcr``, ``irr``, ``pv_costs``, ``pv_benefits``, ``prob_negative``
        (NaN is stored as NULL).
    seconds : float, optional
    outputs : iterable of path
        The row's output files (stored as a JSON list).
    """
    record_rows(db, run_id, [dict(row_id=row_id, inputs_hash=inputs_hash, status=status, error=error,
                                  metrics=metrics, seconds=seconds, outputs=outputs)])


def record_rows(db, run_id: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Record (or replace) many rows in ONE transaction; each mapping holds the keyword
    arguments of :func:`record_row` (``row_id``, ``inputs_hash``, ``status``, ...).

    >>> import os, tempfile
    >>> f = os.path.join(tempfile.mkdtemp(), "results.sqlite")
    >>> run = start_run(f)
    >>> record_rows(f, run, [{"row_id": "a", "inputs_hash": "0" * 64, "status": "ok", "metrics": {"npv": 1.5}},
    ...                      {"row_id": "b", "inputs_hash": "1" * 64, "status": "failed", "error": "bad"}])
    >>> results(f)[["row_id", "status", "npv", "error"]].values.tolist()
    [['a', 'ok', 1.5, nan], ['b', 'failed', nan, 'bad']]
    """
    statements = []
    for r in rows:
        status = r["status"]
        if status not in ("ok", "failed"):
            raise InputError(msg("batch.db.status", got=repr(status)), where="status")
        metrics = dict(r.get("metrics") or {})
        values = {"run_id": run_id, "row_id": str(r["row_id"]), "inputs_hash": r["inputs_hash"], "status": status,
                  "error": r.get("error") or None, **{m: _num(metrics.get(m)) for m in ROW_METRICS},
                  "seconds": _num(r.get("seconds")),
                  "outputs": json.dumps([str(p) for p in r.get("outputs") or ()], ensure_ascii=False),
                  "recorded": _now()}
        statements += [("DELETE FROM rows WHERE run_id = :run_id AND row_id = :row_id",
                        {"run_id": run_id, "row_id": values["row_id"]}),
                       (f"INSERT INTO rows ({', '.join(_ROW_COLUMNS)}) VALUES "
                        f"({', '.join(':' + c for c in _ROW_COLUMNS)})", values)]
    if statements:
        with _Opened(db) as d:
            d._write(statements)


def results(db, *, run: str | None = None):
    """The rows of one run as a DataFrame (default: the latest run).

    Columns as in the ``rows`` table (``outputs`` decoded to a list), plus the run's
    ``started``, ``cba_version`` and ``batch_seed``; ordered as recorded. ``frame.attrs["run"]``
    names the run. An empty database gives an empty frame.

    Examples
    --------
    >>> import os, tempfile
    >>> f = os.path.join(tempfile.mkdtemp(), "results.sqlite")
    >>> run = start_run(f, seed=7)
    >>> record_row(f, run, "a", inputs_hash="0" * 64, status="ok", metrics={"npv": 12.5})
    >>> results(f)[["row_id", "status", "npv", "batch_seed"]].values.tolist()
    [['a', 'ok', 12.5, 7]]
    """
    import pandas as pd

    with _Opened(db) as d:
        if run is None:
            _, found = d._read("SELECT run_id FROM runs ORDER BY started DESC, run_id DESC LIMIT 1")
            if not found:
                frame = pd.DataFrame(columns=[*_ROW_COLUMNS, "started", "cba_version", "batch_seed"])
                frame.attrs["run"] = None
                return frame
            run = found[0][0]
        else:
            _, found = d._read("SELECT run_id FROM runs WHERE run_id = :r", {"r": run})
            if not found:
                raise InputError(msg("batch.db.no_run", run=repr(run)), where="run")
        names, data = d._read(
            f"SELECT {', '.join('r.' + c for c in _ROW_COLUMNS)}, u.started, u.cba_version, u.batch_seed "
            "FROM rows r JOIN runs u ON r.run_id = u.run_id WHERE r.run_id = :r ORDER BY r.recorded, r.row_id",
            {"r": run})
    frame = pd.DataFrame(data, columns=[n.split(".")[-1] for n in names])
    for m in (*ROW_METRICS, "seconds"):
        frame[m] = pd.to_numeric(frame[m]).astype(float)
    frame["outputs"] = [json.loads(x) if x else [] for x in frame["outputs"]]
    frame.attrs["run"] = run
    return frame


def done_rows(db, hashes: Iterable[str]) -> set[str]:
    """The inputs hashes among ``hashes`` that some run recorded with status ``ok`` (for a
    resume: those rows need not run again)."""
    wanted = set(hashes)
    if not wanted:
        return set()
    with _Opened(db) as d:
        _, data = d._read("SELECT DISTINCT inputs_hash FROM rows WHERE status = 'ok'")
    return wanted & {h for (h,) in data}
