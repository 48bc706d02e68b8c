"""A throwaway PostgreSQL server for the tests and the benchmark: initdb, pg_ctl, loopback.

Debian's postgresql package puts initdb and pg_ctl in /usr/lib/postgresql/VERSION/bin.
PostgreSQL refuses to run as root, so as root they run as the `postgres` system user (they
are C programs: that user need not read Python under /root), with the data folder in a
temporary folder given to that user. The server listens on 127.0.0.1 only, on a free port,
and asks for a password there (scram-sha-256), so that a wrong password can be tested.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ADMIN_PASSWORD = "admin-Geheim-1"
USER, PASSWORD = "inkoop", "s3cret-Wachtwoord"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, the newest version first; None: none here."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True,
                         key=lambda name: int(Path(name).parent.name)
                         if Path(name).parent.name.isdigit() else 0):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def why_not() -> str | None:
    """Why no server can be started here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    if binaries() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgServer:
    """One server in a temporary folder; ``url(database)`` names a database on it."""

    def __init__(self) -> None:
        folder = binaries()
        assert folder is not None
        self.bin = folder
        self.root = Path(tempfile.mkdtemp(prefix="zinkoop-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.owner: dict[str, Any] = {}
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            self.owner = {"user": account.pw_uid, "group": account.pw_gid}
            os.chown(self.root, account.pw_uid, account.pw_gid)
        os.chmod(self.root, 0o700)
        password_file = self.root / "pw"
        password_file.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
        if self.owner:
            os.chown(password_file, self.owner["user"], self.owner["group"])
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "scram-sha-256",
                  "--pwfile", str(password_file), "-E", "UTF8", "--locale", "C")
        password_file.unlink()
        self.start()
        self.admin(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}'")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([str(self.bin / program), *args], check=True, capture_output=True,
                       cwd=self.root, **self.owner)

    def _options(self) -> str:
        # fsync off: a test server that is thrown away needs no durability, and is faster.
        return (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=60")

    def start(self) -> None:
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l",
                  str(self.root / "log"), "-o", self._options())

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-w", "-D", str(self.data), "-m", "immediate")

    def restart(self) -> None:
        self._run("pg_ctl", "restart", "-w", "-D", str(self.data), "-m", "fast", "-l",
                  str(self.root / "log"), "-o", self._options())

    def url(self, database: str, *, user: str = USER, password: str = PASSWORD) -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database, user="postgres", password=ADMIN_PASSWORD),
                             autocommit=True) as connection:
            connection.execute(sql.encode())

    def database(self) -> str:
        """A new empty database owned by the test role: its name."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f"CREATE DATABASE {name} OWNER {USER}")
        return name

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # a test stopped it
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def session_server() -> Iterator[PgServer]:
    server = PgServer()
    try:
        yield server
    finally:
        server.close()


try:
    import pytest
except ImportError:  # the benchmark, without the test extra
    pass
else:
    @pytest.fixture(scope="session")
    def pg_server() -> Iterator[PgServer]:
        """The session's PostgreSQL server; skips with the reason where none can run."""
        reason = why_not()
        if reason is not None:
            pytest.skip(f"PostgreSQL tests: {reason}")
        yield from session_server()
