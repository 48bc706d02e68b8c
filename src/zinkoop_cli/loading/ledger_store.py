"""What both ledger stores do in the same SQL: the methods that differ only in dialect."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from zinkoop_cli.core.contracts import Contract
from zinkoop_cli.loading.ledger import (
    MAX_ID,
    AlreadyDone,
    Change,
    detail,
    ranges,
    split_marks,
    unknown_contract,
)
from zinkoop_cli.loading.ledger_rows import HISTORY_COLUMNS, read, read_history

# This module imports no database driver: each store brings its own connection, and
# psycopg must be imported only when a postgresql:// URL is used.


class Cursor(Protocol):
    """The rows of one statement, as sqlite3 and psycopg both give them."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection's one method the shared SQL needs."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...


C = TypeVar("C", bound=Connection)


class SqlStore(ABC, Generic[C]):
    """The Ledger methods whose SQL both stores share, written once with ``PARAM`` as the
    placeholder. A store brings its connection and transaction (``_session``), its locking
    and error mapping, and the few statements its dialect writes differently."""

    PARAM: str  # the driver's placeholder: "?" (sqlite3) or "%s" (psycopg)
    # How the day columns are selected as YYYY-MM-DD text (SQLite keeps them as text).
    DAY = "day"
    DONE_ON = "done_on"
    actor: str

    @property
    @abstractmethod
    def where(self) -> str:
        """The ledger as messages name it."""

    @abstractmethod
    def _session(self, *, write: bool) -> AbstractContextManager[C | None]:
        """One transaction, or None when reading a ledger that does not exist yet."""

    @abstractmethod
    def _stamp(self) -> object:
        """The time of a change, as the store keeps it."""

    @abstractmethod
    def _day_value(self, day: date) -> object:
        """A day, as the store keeps it."""

    @abstractmethod
    def _stored_day(self, value: Any) -> date:
        """A done mark's day as the store gives it back."""

    @abstractmethod
    def _executemany(self, connection: C, sql: str,
                     rows: Sequence[Sequence[object]]) -> None: ...

    @abstractmethod
    def _take_marks(self, connection: C, contract_id: int,
                    entries: Sequence[str]) -> dict[str, date]:
        """Delete the done marks of ``entries``: those deleted, with their days."""

    def _has_history(self, connection: C) -> bool:
        """Whether the history table is there (a version 1 SQLite ledger has none)."""
        return True

    def _params(self, count: int) -> str:
        return ", ".join([self.PARAM] * count)

    @property
    def _insert_history(self) -> str:
        return f"INSERT INTO history ({HISTORY_COLUMNS}) VALUES ({self._params(9)})"

    # -- writing ------------------------------------------------------------------------

    def mark_done(self, contract_id: int, entries: Sequence[str], day: date,
                  seen: Mapping[str, date]) -> list[AlreadyDone]:
        with self._session(write=True) as connection:
            assert connection is not None
            contract = self._require(connection, contract_id, whole=False)
            marks = {entry: (self._stored_day(on), by) for entry, on, by in connection.execute(
                f"SELECT entry, done_on, done_by FROM done WHERE contract_id = {self.PARAM}",
                (contract_id,))}
            marking, already = split_marks(entries, marks, seen)
            self._executemany(
                connection,
                "INSERT INTO done (contract_id, entry, done_on, done_by) "
                f"VALUES ({self._params(4)}) ON CONFLICT (contract_id, entry) DO UPDATE "
                "SET done_on = excluded.done_on, done_by = excluded.done_by",
                [(contract_id, entry, self._day_value(day), self.actor) for entry in marking])
            if marking:
                self._record(connection, contract, "done", detail(dict.fromkeys(marking, day)))
        return already

    def reopen(self, contract_id: int, entries: Sequence[str]) -> dict[str, date]:
        with self._session(write=True) as connection:
            assert connection is not None
            contract = self._require(connection, contract_id, whole=False)
            marks = self._take_marks(connection, contract_id, entries)
            if marks:
                self._record(connection, contract, "reopened", detail(marks))
        return marks

    def remove(self, contract_id: int) -> Contract:
        with self._session(write=True) as connection:
            assert connection is not None
            contract = self._require(connection, contract_id, whole=False)
            connection.execute(f"DELETE FROM contracts WHERE id = {self.PARAM}", (contract_id,))
            self._record(connection, contract, "removed", "")
        return contract

    def _record(self, connection: C, contract: Contract, action: str, text: str) -> None:
        connection.execute(
            self._insert_history,
            (contract.id, contract.provider, contract.agb, contract.care_type, contract.year,
             action, text, self.actor, self._stamp()))

    def _require(self, connection: C, contract_id: int, *, whole: bool = True) -> Contract:
        """The contract; without ``whole`` only its own row (so that a contract with a bad
        day in the ledger can still be removed)."""
        found: list[Contract] = []
        if 0 <= contract_id <= MAX_ID:
            found = self._read(connection, f"WHERE id = {self.PARAM}", (contract_id,),
                               whole=whole)
        if not found:
            ids = [row[0] for row in connection.execute("SELECT id FROM contracts ORDER BY id")]
            raise unknown_contract(self.where, contract_id, ranges(ids))
        return found[0]

    def _read(self, connection: C, where: str, args: tuple[object, ...], *,
              whole: bool = True) -> list[Contract]:
        return read(connection.execute, where, args, self.where, whole=whole, day=self.DAY,
                    done_on=self.DONE_ON)

    # -- reading ------------------------------------------------------------------------

    def contracts(self, care_type: str | None = None, year: int | None = None) -> list[Contract]:
        """Every contract (of one care type and year), oldest first, in three queries."""
        where = ""
        args: tuple[object, ...] = ()
        if care_type is not None and year is not None:
            where = f"WHERE care_type = {self.PARAM} AND year = {self.PARAM}"
            args = (care_type, year)
        with self._session(write=False) as connection:
            return [] if connection is None else self._read(connection, where, args)

    def contract(self, contract_id: int) -> Contract:
        with self._session(write=False) as connection:
            if connection is None:
                raise unknown_contract(self.where, contract_id, "")
            return self._require(connection, contract_id)

    def history(self, contract_id: int | None = None) -> list[Change]:
        with self._session(write=False) as connection:
            if connection is None or not self._has_history(connection):
                found: list[Change] = []
            elif contract_id is None:
                found = read_history(connection.execute, "", (), self.where)
            else:
                found = read_history(connection.execute, f"WHERE contract_id = {self.PARAM}",
                                     (contract_id,), self.where) if contract_id <= MAX_ID else []
            if contract_id is not None and not found:
                if connection is None:
                    raise unknown_contract(self.where, contract_id, "")
                self._require(connection, contract_id, whole=False)
            return found
