"""A real PostgreSQL server for the tests (imported by test modules like batch_fixtures; not a conftest).

``postgres_server`` (session scope) finds the server binaries (``initdb``, ``pg_ctl``,
``postgres``: on PATH or in ``/usr/lib/postgresql/<version>/bin``), installs the Debian package
``postgresql`` when they are missing and we are root on Debian/Ubuntu (``apt-get``, under a lock
file so parallel sessions do not collide), creates a cluster in a temporary folder (trust
authentication, listening on 127.0.0.1 on a free port, its unix socket in that folder), starts it
and yields ``postgresql://postgres@127.0.0.1:PORT/cba_test``. PostgreSQL refuses to run as root,
so as root the cluster belongs to the ``postgres`` system user (created with ``useradd`` when
missing). At the end the server stops and the folder goes.

``pg_url`` (function scope) is a fresh, empty database on that server for one test, dropped after.

When the server cannot be had, every test using it is skipped with the plain reason (what was
missing, which command failed, the tail of its error output); on CI (``CI`` set) they fail instead.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

BINARIES = ("initdb", "pg_ctl", "postgres")
LOCK = Path(tempfile.gettempdir()) / "cba-apt-postgresql.lock"
SUPERUSER = "postgres"
DATABASE = "cba_test"


class Unavailable(Exception):
    """Why the server could not be had (the skip reason)."""


def _tail(text: str | bytes | None, lines: int = 8) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    kept = [ln for ln in (text or "").strip().splitlines() if ln.strip()][-lines:]
    return " | ".join(kept) if kept else "(no output)"


def _run(cmd: list[str], *, what: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as err:
        raise Unavailable(f"{what} timed out after {timeout:.0f} s: {' '.join(cmd)}: "
                          f"{_tail(err.stderr or err.stdout)}") from None
    except OSError as err:
        raise Unavailable(f"{what} could not start: {' '.join(cmd)}: {err}") from None
    if done.returncode != 0:
        raise Unavailable(f"{what} failed (exit {done.returncode}): {' '.join(cmd)}: "
                          f"{_tail(done.stderr or done.stdout)}")
    return done


def find_binaries() -> Path | None:
    """The folder that holds initdb, pg_ctl and postgres (newest version first), or None."""
    found = [shutil.which(b) for b in BINARIES]
    if all(found):
        folders = {Path(os.path.realpath(f)).parent for f in found}
        if len(folders) == 1:                       # e.g. /usr/local/bin symlinks into one version
            return folders.pop()
    def version(folder: str) -> tuple:
        name = Path(folder).parent.name
        return tuple(int(p) if p.isdigit() else 0 for p in name.split("."))
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if all(os.access(Path(folder) / b, os.X_OK) for b in BINARIES):
            return Path(folder)
    return None


def _install_debian_package() -> None:
    """``apt-get install postgresql`` as root, one session at a time (a lock file)."""
    import fcntl

    if os.geteuid() != 0:
        raise Unavailable("the PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed and "
                          "we are not root, so the Debian package postgresql cannot be installed "
                          "(sudo apt-get install postgresql)")
    if shutil.which("apt-get") is None:
        raise Unavailable("the PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed and "
                          "this machine has no apt-get to install the Debian package postgresql")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)            # another session may be installing right now
        try:
            if find_binaries() is None:
                _run(["apt-get", "update", "-qq"], what="apt-get update", timeout=600, env=env)
                _run(["apt-get", "install", "-y", "-qq", "postgresql"], what="apt-get install postgresql",
                     timeout=900, env=env)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _owner() -> dict:
    """``subprocess`` keywords that run a command as the cluster's owner (``postgres`` when root)."""
    if os.geteuid() != 0:
        return {}
    import pwd

    try:
        pw = pwd.getpwnam(SUPERUSER)
    except KeyError:
        if shutil.which("useradd") is None:
            raise Unavailable("PostgreSQL refuses to run as root, there is no system user postgres and no "
                              "useradd to create one") from None
        _run(["useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
              SUPERUSER], what="useradd postgres")
        pw = pwd.getpwnam(SUPERUSER)
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": [],
            "env": dict(os.environ, HOME=tempfile.gettempdir(), USER=SUPERUSER, LOGNAME=SUPERUSER)}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One temporary PostgreSQL cluster: :meth:`start`, :attr:`url`, :meth:`stop`."""

    def __init__(self):
        self.bin = find_binaries()
        if self.bin is None:
            _install_debian_package()
            self.bin = find_binaries()
            if self.bin is None:
                raise Unavailable("apt-get install postgresql ran, yet initdb, pg_ctl and postgres are still "
                                  "neither on PATH nor in /usr/lib/postgresql/*/bin")
        self.as_owner = _owner()
        self.home = Path(tempfile.mkdtemp(prefix="cba-pg-"))
        self.data = self.home / "data"
        self.port = None
        self.started = False
        if "user" in self.as_owner:
            os.chown(self.home, self.as_owner["user"], self.as_owner["group"])
        os.chmod(self.home, 0o700)

    def _pg(self, name: str, *args: str, what: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return _run([str(self.bin / name), *args], what=what, timeout=timeout, cwd=self.home, **self.as_owner)

    def start(self) -> str:
        self._pg("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale",
                 "--no-sync", what="initdb")
        last = None
        for _ in range(3):                          # a free port can be taken between the probe and the start
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.home} -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
            try:
                self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.home / "server.log"), "-w", "-t", "60",
                         "-o", options, "start", what="pg_ctl start", timeout=90)
                self.started = True
                break
            except Unavailable as err:
                log = self.home / "server.log"
                last = f"{err}; server log: {_tail(log.read_text(errors='replace') if log.exists() else '')}"
        else:
            raise Unavailable(last)
        create_database(self.admin_url, DATABASE)
        return self.url

    @property
    def admin_url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def stop(self) -> None:
        try:
            if self.started:
                self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop",
                         what="pg_ctl stop", timeout=90)
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


def _connect(admin_url: str):
    try:
        import psycopg
    except ImportError as err:
        raise Unavailable(f"the PostgreSQL driver psycopg (version 3) is not installed: {err}") from None
    last = None
    for _ in range(20):                             # pg_ctl -w waited, but be lenient with a slow start
        try:
            return psycopg.connect(admin_url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as err:
            last = err
            time.sleep(0.25)
    raise Unavailable(f"cannot connect to the test server {admin_url}: {_tail(str(last))}")


def create_database(admin_url: str, name: str) -> None:
    with _connect(admin_url) as con:
        con.execute(f'CREATE DATABASE "{name}"')


def drop_database(admin_url: str, name: str) -> None:
    with _connect(admin_url) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server():
    """A running PostgreSQL server for the session: a :class:`Server` (``.url``, ``.admin_url``)."""
    began = time.perf_counter()
    server = None
    try:
        server = Server()
        server.start()
    except Unavailable as err:
        if server is not None:
            server.stop()
        why = f"no PostgreSQL server for this test: {err}"
        if os.environ.get("CI"):                    # CI runs as root and must run every test (as tests/conftest.py)
            pytest.fail(why)
        pytest.skip(why)
    server.seconds_to_start = time.perf_counter() - began
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgres_server):
    """A fresh, empty database on the session's server (one per test), dropped after the test."""
    name = "cba_" + uuid.uuid4().hex[:12]
    try:
        create_database(postgres_server.admin_url, name)
    except Exception as err:                        # noqa: BLE001 - the reason goes into the skip
        pytest.skip(f"the PostgreSQL test server cannot create a database: {_tail(str(err))}")
    yield postgres_server.admin_url.rsplit("/", 1)[0] + "/" + name
    drop_database(postgres_server.admin_url, name)
