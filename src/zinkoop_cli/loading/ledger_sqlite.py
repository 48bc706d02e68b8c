"""The SQLite store of the ledger: one file that cron and a person share."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from zinkoop_cli.core.contracts import NewContract
from zinkoop_cli.errors import DataError, FileAccessError, ZinkoopError
from zinkoop_cli.loading.ledger import BUSY_TIMEOUT_S, SCHEMA_VERSION, Dump, detail
from zinkoop_cli.loading.ledger_sqlite_schema import (
    SCHEMA,
    existing_id,
    statements,
    transaction,
    upgrade_from_1,
    version_and_tables,
)
from zinkoop_cli.loading.ledger_store import SqlStore

__all__ = ["SCHEMA_VERSION", "SqliteLedger"]


def _has(connection: sqlite3.Connection, table: str) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                              (table,)).fetchone() is not None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqliteLedger(SqlStore[sqlite3.Connection]):
    """The contracts in one SQLite file; every method is one transaction.

    ``read_only``: connections are opened read-only (``mode=ro``), so that a ledger the
    user may only read can still be read; the write methods are then not to be called.
    """

    PARAM = "?"

    def __init__(self, path: Path, *, read_only: bool = False, actor: str = "unknown") -> None:
        self.path = path
        self.read_only = read_only
        self.actor = actor

    @property
    def where(self) -> str:
        return str(self.path)

    # -- connecting ---------------------------------------------------------------------

    def _error(self, exc: sqlite3.Error) -> ZinkoopError:
        text = str(exc)
        where = f"ledger {self.path}"
        if isinstance(exc, sqlite3.OperationalError):
            if "locked" in text or "busy" in text:
                return FileAccessError(
                    f"{where}: busy for over {BUSY_TIMEOUT_S:.0f} s (another zinkoop is "
                    "writing to it); try again")
            if "no such table" in text or "no such column" in text:
                return DataError(f"{where}: not a zinkoop ledger ({text}); point --ledger "
                                 "at a zinkoop ledger or at a new file")
            return FileAccessError(f"{where}: cannot read or write it ({text}); check the "
                                   "folder and its permissions, or choose another --ledger")
        if isinstance(exc, sqlite3.DatabaseError):
            return DataError(f"{where}: not a zinkoop ledger ({text}); point --ledger at a "
                             "zinkoop ledger or at a new file")
        return DataError(f"{where}: {text}")

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        """A connection, or None when reading a ledger that does not exist yet."""
        try:
            return self._connect(create=create)
        except OSError as exc:  # a name too long, a folder we may not enter
            raise FileAccessError(f"ledger {self.path}: cannot open it "
                                  f"({exc.strerror or type(exc).__name__}); choose another "
                                  "--ledger") from None

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self.path.is_dir():
            raise FileAccessError(f"ledger {self.path}: is a folder; give --ledger a file "
                                  "path such as ledger.db")
        if not self.path.exists():
            if not create:
                return None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FileAccessError(
                    f"ledger {self.path}: cannot create its folder ({exc.strerror or exc}); "
                    "choose another --ledger") from None
        connection, version, tables = self._connection()
        try:
            if version > SCHEMA_VERSION:
                raise DataError(
                    f"ledger {self.path}: schema version {version} is newer than this zinkoop "
                    f"knows ({SCHEMA_VERSION}); upgrade zinkoop")
            if version == 0:
                if tables:
                    raise self._foreign()
                if not create:
                    # An empty file (touched, or a writer's that has not committed its
                    # schema yet) is an empty ledger to a reader.
                    connection.close()
                    return None
                self._create(connection)
            elif version < SCHEMA_VERSION and create:
                self._upgrade(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _connection(self, *, immutable: bool = False) -> tuple[sqlite3.Connection, int, int]:
        """A connection with the schema version and table count read in one snapshot, so
        that a schema another process commits in between does not look foreign."""
        # isolation_level=None: we issue BEGIN ourselves, so that a write takes the lock
        # at its start (BEGIN IMMEDIATE) and waits for it rather than failing half-way.
        if self.read_only:
            flags = "?mode=ro&immutable=1" if immutable else "?mode=ro"
            connection = sqlite3.connect(self.path.absolute().as_uri() + flags, uri=True,
                                         timeout=BUSY_TIMEOUT_S, isolation_level=None)
        else:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S,
                                         isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            with transaction(connection, write=False):
                version, tables = version_and_tables(connection)
        except sqlite3.OperationalError as exc:
            connection.close()
            # Reading a WAL ledger needs its -shm file, which a user who may only read the
            # file and its folder cannot create. With no -wal file every change is in the
            # ledger itself, so it can be read as it stands (immutable: no shared memory).
            wal = self.path.with_name(self.path.name + "-wal")
            if (self.read_only and not immutable and "readonly" in str(exc)
                    and not wal.exists()):
                return self._connection(immutable=True)
            raise
        except BaseException:
            connection.close()
            raise
        return connection, version, tables

    def _foreign(self) -> DataError:
        return DataError(f"ledger {self.path}: not a zinkoop ledger (it has tables but no "
                         "zinkoop schema version); point --ledger at another file")

    def _create(self, connection: sqlite3.Connection) -> None:
        # WAL lets readers (cron's warn) go on while a person writes; it is a property of
        # the file, set once. It cannot change inside a transaction.
        connection.execute("PRAGMA journal_mode = WAL")
        with transaction(connection, write=True):
            version, tables = version_and_tables(connection)
            if version != 0:
                return  # another process created the schema while this one waited
            if tables:
                raise self._foreign()
            for statement in statements(SCHEMA):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _upgrade(self, connection: sqlite3.Connection) -> None:
        """A version 1 ledger becomes version 2 in one transaction; readers of version 1
        (a user who may only read) need no upgrade: its tables read the same."""
        connection.execute("PRAGMA foreign_keys = OFF")  # not inside a transaction
        try:
            with transaction(connection, write=True):
                if version_and_tables(connection)[0] == 1:  # else another process did it
                    upgrade_from_1(connection, self.where)
        finally:
            connection.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[sqlite3.Connection | None]:
        """One transaction; sqlite3 errors become one-line ZinkoopErrors."""
        try:
            connection = self._open(create=write)
            if connection is None:
                yield None
                return
            try:
                with transaction(connection, write=write):
                    yield connection
            finally:
                connection.close()
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    # -- writing ------------------------------------------------------------------------

    def upsert(
        self, items: Sequence[NewContract], progress: Callable[[int], None] | None = None
    ) -> tuple[list[int], int]:
        """Add or update ``items`` in one transaction: their ids and how many were new.

        A contract is the same when its AGB code, care type and year are (or, without an
        AGB code, its provider, care type and year). Its events are replaced; its done
        marks stay, since a signature already given does not go away with a new date.
        """
        stamp = _now()
        ids: list[int] = []
        added = 0
        with self._session(write=True) as connection:
            assert connection is not None
            updated: list[tuple[int]] = []
            actions: list[str] = []
            for number, item in enumerate(items, start=1):
                found = existing_id(connection, item)
                if found is None:
                    cursor = connection.execute(
                        "INSERT INTO contracts (provider, agb, care_type, year, calendar, "
                        "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (item.provider, item.agb, item.care_type, item.year, item.calendar,
                         stamp, stamp))
                    assert cursor.lastrowid is not None
                    ids.append(cursor.lastrowid)
                    actions.append("added")
                    added += 1
                else:
                    connection.execute(
                        "UPDATE contracts SET provider = ?, agb = ?, calendar = ?, updated = ? "
                        "WHERE id = ?", (item.provider, item.agb, item.calendar, stamp, found))
                    ids.append(found)
                    actions.append("updated")
                    updated.append((found,))
                if progress is not None and number % 500 == 0:
                    progress(number)
            connection.executemany("DELETE FROM events WHERE contract_id = ?", updated)
            connection.executemany(
                "INSERT OR REPLACE INTO events (contract_id, name, day) VALUES (?, ?, ?)",
                ((key, name, day.isoformat())
                 for key, item in zip(ids, items, strict=True)
                 for name, day in item.given.items()))
            connection.executemany(
                self._insert_history,
                ((key, item.provider, item.agb, item.care_type, item.year, action,
                  detail(item.given), self.actor, stamp)
                 for key, item, action in zip(ids, items, actions, strict=True)))
        return ids, added

    # -- the dialect the shared statements (ledger_store) ask for -----------------------

    def _stamp(self) -> str:
        return _now()

    def _day_value(self, day: date) -> str:
        return day.isoformat()

    @staticmethod
    def _stored_day(value: Any) -> date:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):  # a cell another program wrote: never equal to a mark
            return date.min

    def _executemany(self, connection: sqlite3.Connection, sql: str,
                     rows: Sequence[Sequence[object]]) -> None:
        connection.executemany(sql, rows)

    def _take_marks(self, connection: sqlite3.Connection, contract_id: int,
                    entries: Sequence[str]) -> dict[str, date]:
        marks = {entry: self._stored_day(on) for entry, on in connection.execute(
            "SELECT entry, done_on FROM done WHERE contract_id = ?", (contract_id,))
            if entry in entries}
        connection.executemany("DELETE FROM done WHERE contract_id = ? AND entry = ?",
                               [(contract_id, entry) for entry in marks])
        return marks

    def _has_history(self, connection: sqlite3.Connection) -> bool:
        return _has(connection, "history")

    # -- reading ------------------------------------------------------------------------

    def dump(self) -> Dump:
        """Everything, in one snapshot, for `track migrate` (a version 1 ledger too)."""
        with self._session(write=False) as connection:
            if connection is None:
                return Dump([], {}, [], 0)
            contracts = self._read(connection, "", ())
            columns = [row[1] for row in connection.execute("PRAGMA table_info(done)")]
            done_by: dict[tuple[int, str], str | None] = {}
            if "done_by" in columns:
                done_by = {(key, entry): by for key, entry, by in connection.execute(
                    "SELECT contract_id, entry, done_by FROM done")}
            # AUTOINCREMENT's record of the highest number ever given (version 2 only)
            last = [row[0] for row in connection.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'contracts'")] if _has(
                connection, "sqlite_sequence") else []
        history = self.history()
        return Dump(contracts, done_by, history,
                    max([0, *last, *(c.id for c in contracts), *(c.contract_id for c in history)]))
