"""The ledger of tracked contracts: one SQLite file that cron and a person share."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path

from zinkoop_cli.core.contracts import (
    Contract,
    ContractDeadline,
    DeadlinePlanner,
    NewContract,
    Tracked,
)
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.errors import DataError, FileAccessError, ZinkoopError
from zinkoop_cli.loading.catalog import Catalog
from zinkoop_cli.loading.paths import ENV_LEDGER, ledger_path

__all__ = ["ENV_LEDGER", "Ledger", "ledger_path", "tracked"]

SCHEMA_VERSION = 1
# Long enough to wait out another zinkoop's import of thousands of rows, short enough that
# a stuck process is reported instead of hanging cron.
BUSY_TIMEOUT_S = 10.0

# Provider names match case-insensitively (NOCASE), so that "Ziekenhuis A" re-imported as
# "ziekenhuis a" updates the contract instead of adding a second one.
SCHEMA = """
CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL COLLATE NOCASE,
    agb TEXT,
    care_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    calendar TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE UNIQUE INDEX contracts_agb ON contracts (agb, care_type, year) WHERE agb IS NOT NULL;
CREATE UNIQUE INDEX contracts_provider ON contracts (provider, care_type, year)
    WHERE agb IS NULL;
CREATE INDEX contracts_care_year ON contracts (care_type, year);
CREATE TABLE events (
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    day TEXT NOT NULL,
    PRIMARY KEY (contract_id, name)
) WITHOUT ROWID;
CREATE TABLE done (
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    entry TEXT NOT NULL,
    done_on TEXT NOT NULL,
    PRIMARY KEY (contract_id, entry)
) WITHOUT ROWID;
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    """The contracts in one ledger file; every method is one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path

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
        # isolation_level=None: we issue BEGIN ourselves, so that a write takes the lock
        # at its start (BEGIN IMMEDIATE) and waits for it rather than failing half-way.
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            # One snapshot, so that a schema another process commits in between does not
            # look like a foreign database.
            with _transaction(connection, write=False):
                version, tables = _version_and_tables(connection)
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
        except BaseException:
            connection.close()
            raise
        return connection

    def _foreign(self) -> DataError:
        return DataError(f"ledger {self.path}: not a zinkoop ledger (it has tables but no "
                         "zinkoop schema version); point --ledger at another file")

    def _create(self, connection: sqlite3.Connection) -> None:
        # WAL lets readers (cron's warn) go on while a person writes; it is a property of
        # the file, set once. It cannot change inside a transaction.
        connection.execute("PRAGMA journal_mode = WAL")
        with _transaction(connection, write=True):
            version, tables = _version_and_tables(connection)
            if version != 0:
                return  # another process created the schema while this one waited
            if tables:
                raise self._foreign()
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[sqlite3.Connection | None]:
        """One transaction; sqlite3 errors become one-line ZinkoopErrors."""
        try:
            connection = self._open(create=write)
            if connection is None:
                yield None
                return
            try:
                with _transaction(connection, write=write):
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
            for number, item in enumerate(items, start=1):
                found = _existing(connection, item)
                if found is None:
                    cursor = connection.execute(
                        "INSERT INTO contracts (provider, agb, care_type, year, calendar, "
                        "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (item.provider, item.agb, item.care_type, item.year, item.calendar,
                         stamp, stamp))
                    assert cursor.lastrowid is not None
                    ids.append(cursor.lastrowid)
                    added += 1
                else:
                    connection.execute(
                        "UPDATE contracts SET provider = ?, agb = ?, calendar = ?, updated = ? "
                        "WHERE id = ?", (item.provider, item.agb, item.calendar, stamp, found))
                    ids.append(found)
                    updated.append((found,))
                if progress is not None and number % 500 == 0:
                    progress(number)
            connection.executemany("DELETE FROM events WHERE contract_id = ?", updated)
            connection.executemany(
                "INSERT OR REPLACE INTO events (contract_id, name, day) VALUES (?, ?, ?)",
                ((key, name, day.isoformat())
                 for key, item in zip(ids, items, strict=True)
                 for name, day in item.events.items()))
        return ids, added

    def mark_done(self, contract_id: int, entries: Sequence[str], day: date) -> None:
        with self._session(write=True) as connection:
            assert connection is not None
            self._require(connection, contract_id)
            connection.executemany(
                "INSERT INTO done (contract_id, entry, done_on) VALUES (?, ?, ?) "
                "ON CONFLICT (contract_id, entry) DO UPDATE SET done_on = excluded.done_on",
                [(contract_id, entry, day.isoformat()) for entry in entries])

    def remove(self, contract_id: int) -> Contract:
        with self._session(write=True) as connection:
            assert connection is not None
            contract = self._require(connection, contract_id)
            connection.execute("DELETE FROM contracts WHERE id = ?", (contract_id,))
        return contract

    def _require(self, connection: sqlite3.Connection, contract_id: int) -> Contract:
        found = _read(connection, "WHERE id = ?", (contract_id,))
        if not found:
            raise self.unknown(contract_id, connection)
        return found[0]

    def unknown(self, contract_id: int, connection: sqlite3.Connection | None) -> DataError:
        """The error for a contract id the ledger does not hold, naming the ones it does."""
        ids = [] if connection is None else [
            row[0] for row in connection.execute("SELECT id FROM contracts ORDER BY id")]
        return DataError(f"ledger {self.path}: no contract {contract_id}; "
                         f"contracts: {_ranges(ids) or 'none'} (see 'zinkoop track list')")

    # -- reading ------------------------------------------------------------------------

    def contracts(self, care_type: str | None = None, year: int | None = None) -> list[Contract]:
        """Every contract (of one care type and year), oldest first, in three queries."""
        where = ""
        args: tuple[object, ...] = ()
        if care_type is not None and year is not None:
            where, args = "WHERE care_type = ? AND year = ?", (care_type, year)
        with self._session(write=False) as connection:
            return [] if connection is None else _read(connection, where, args)

    def contract(self, contract_id: int) -> Contract:
        with self._session(write=False) as connection:
            if connection is None:
                raise self.unknown(contract_id, None)
            return self._require(connection, contract_id)

    def tracked(
        self, catalog: Catalog, today: date, care_type: str | None = None,
        year: int | None = None, *, atw: bool = False,
    ) -> list[Tracked]:
        """Every contract with its own deadlines worked out against ``today``."""
        return tracked(self.contracts(care_type, year), catalog, today, atw=atw,
                       where=str(self.path))

    def contract_deadlines(
        self, catalog: Catalog, today: date, care_type: str | None = None,
        year: int | None = None, *, atw: bool = False,
    ) -> list[ContractDeadline]:
        """Every tracked contract's own deadlines, in contract order (for warn and export)."""
        return [deadline for item in self.tracked(catalog, today, care_type, year, atw=atw)
                for deadline in item.deadlines]


def tracked(
    contracts: Sequence[Contract], catalog: Catalog, today: date, *, atw: bool = False,
    where: str = "ledger",
) -> list[Tracked]:
    planner = DeadlinePlanner(today, atw=atw)
    parents: dict[str, list[Calendar]] = {}
    found: list[Tracked] = []
    for contract in contracts:
        calendar = catalog.calendars.get(contract.calendar)
        if calendar is None:
            raise DataError(
                f"ledger {where}: contract {contract.id} ({contract.provider}) is tracked "
                f"against calendar {contract.calendar!r}, which is not on the search path; "
                f"add the calendar back (--calendars) or 'zinkoop track remove {contract.id}'")
        inherited = parents.get(contract.calendar)
        if inherited is None:
            inherited = parents[contract.calendar] = catalog.parents(calendar)
        found.append(Tracked(contract, planner.deadlines(contract, calendar, inherited)))
    return found


@contextmanager
def _transaction(connection: sqlite3.Connection, *, write: bool) -> Iterator[None]:
    # IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so that two
    # writers never both read and then collide on upgrading to a write lock.
    connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        yield
    except BaseException:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _version_and_tables(connection: sqlite3.Connection) -> tuple[int, int]:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return int(version), int(tables)


def _existing(connection: sqlite3.Connection, item: NewContract) -> int | None:
    if item.agb is not None:
        row = connection.execute(
            "SELECT id FROM contracts WHERE agb = ? AND care_type = ? AND year = ?",
            (item.agb, item.care_type, item.year)).fetchone()
        if row is not None:
            return int(row[0])
    # A contract first tracked without its AGB code is the same one when the code comes.
    row = connection.execute(
        "SELECT id FROM contracts WHERE agb IS NULL AND provider = ? AND care_type = ? "
        "AND year = ?", (item.provider, item.care_type, item.year)).fetchone()
    return None if row is None else int(row[0])


def _read(connection: sqlite3.Connection, where: str, args: tuple[object, ...]) -> list[Contract]:
    # Three queries for any number of contracts: per-contract queries would cost more than
    # working out the deadlines.
    selected = f"SELECT id FROM contracts {where}"
    days: dict[str, date] = {}  # many contracts share a day: parse each text once

    def day_of(text: str) -> date:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        return found

    events: dict[int, dict[str, date]] = {}
    done: dict[int, dict[str, date]] = {}
    try:
        for contract_id, name, day in connection.execute(
                f"SELECT contract_id, name, day FROM events WHERE contract_id IN ({selected})",
                args):
            events.setdefault(contract_id, {})[name] = day_of(day)
        for contract_id, entry, day in connection.execute(
                f"SELECT contract_id, entry, done_on FROM done WHERE contract_id IN ({selected})",
                args):
            done.setdefault(contract_id, {})[entry] = day_of(day)
    except ValueError as exc:
        raise DataError(f"a date in the ledger is not a day ({exc}); the file was changed "
                        "by something other than zinkoop") from None
    empty: dict[str, date] = {}
    return [
        Contract(row[0], row[1], row[2], row[3], row[4], row[5],
                 events.get(row[0], empty), done.get(row[0], empty))
        for row in connection.execute(
            "SELECT id, provider, agb, care_type, year, calendar FROM contracts "
            f"{where} ORDER BY id", args)
    ]


def _ranges(ids: Sequence[int]) -> str:
    """``1-3, 7`` for 1, 2, 3, 7: a ledger of thousands must not print every id."""
    parts: list[str] = []
    start = prev = None
    for number in ids:
        if prev is not None and number == prev + 1:
            prev = number
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = number
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}-{prev}")
    return ", ".join(parts)
