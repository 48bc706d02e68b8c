"""The SQLite ledger's schema, its upgrade from version 1, and its queries outside the class."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from zinkoop_cli.core.contracts import NewContract
from zinkoop_cli.errors import DataError

# AUTOINCREMENT: a removed contract's number is never given to another one (people write
# numbers down). Provider names match case-insensitively (NOCASE), so that "Ziekenhuis A"
# re-imported as "ziekenhuis a" updates the contract instead of adding a second one.
CONTRACTS = """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL COLLATE NOCASE,
    agb TEXT,
    care_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    calendar TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
)"""
INDEXES = """
CREATE UNIQUE INDEX contracts_agb ON contracts (agb, care_type, year) WHERE agb IS NOT NULL;
CREATE UNIQUE INDEX contracts_provider ON contracts (provider, care_type, year)
    WHERE agb IS NULL;
CREATE INDEX contracts_care_year ON contracts (care_type, year)
"""
# The history keeps the contract's name as it was: it outlives a removed contract.
HISTORY = """
CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id INTEGER NOT NULL,
    provider TEXT NOT NULL,
    agb TEXT,
    care_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX history_contract ON history (contract_id)
"""
SCHEMA = f"""
{CONTRACTS.format(name="contracts")};
{INDEXES};
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
    done_by TEXT,
    PRIMARY KEY (contract_id, entry)
) WITHOUT ROWID;
{HISTORY}
"""


def statements(script: str) -> list[str]:
    return [part for part in script.split(";") if part.strip()]


def upgrade_from_1(connection: sqlite3.Connection, where: str) -> None:
    """Version 1 to 2 in the caller's write transaction: all of it or nothing.

    The contracts table is rebuilt (SQLite cannot add AUTOINCREMENT to a table) the way
    SQLite's documentation prescribes: the caller has turned foreign keys off, so that
    dropping the old table does not cascade to the events and done marks.
    """
    connection.execute(CONTRACTS.format(name="contracts_v2"))
    connection.execute("INSERT INTO contracts_v2 (id, provider, agb, care_type, year, "
                       "calendar, created, updated) SELECT id, provider, agb, care_type, "
                       "year, calendar, created, updated FROM contracts")
    connection.execute("DROP TABLE contracts")
    connection.execute("ALTER TABLE contracts_v2 RENAME TO contracts")
    for statement in statements(INDEXES):
        connection.execute(statement)
    connection.execute("ALTER TABLE done ADD COLUMN done_by TEXT")
    for statement in statements(HISTORY):
        connection.execute(statement)
    if connection.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise DataError(f"ledger {where}: an event or done mark names a contract that is not "
                        "there; it was changed by something other than zinkoop")
    connection.execute("PRAGMA user_version = 2")


@contextmanager
def transaction(connection: sqlite3.Connection, *, write: bool) -> Iterator[None]:
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


def version_and_tables(connection: sqlite3.Connection) -> tuple[int, int]:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return int(version), int(tables)


def existing_id(connection: sqlite3.Connection, item: NewContract) -> int | None:
    """The number of the contract ``item`` updates, or None when it is new."""
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

