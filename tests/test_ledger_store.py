"""The SQL both stores share: written once, with the store's placeholder, and no driver."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest

from zinkoop_cli.core.contracts import Contract
from zinkoop_cli.errors import DataError
from zinkoop_cli.loading.ledger_store import SqlStore

ROW = (7, "Ziekenhuis A", None, "msz", 2027, "zorg-en-zekerheid/msz-2027")


class Rows:
    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[Any]:
        return self.rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


class Recording:
    """A connection that holds contract 7 (no events, no done marks) and keeps every
    statement it is given."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, tuple[Any, ...]]] = []

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Rows:
        self.statements.append((sql, tuple(parameters)))
        if sql.startswith("SELECT id, provider") and 7 in parameters:
            return Rows([ROW])
        if sql == "SELECT id FROM contracts ORDER BY id":
            return Rows([(7,)])
        return Rows([])


class Store(SqlStore[Recording]):
    PARAM = ":p"  # neither store's, so that a statement not written with PARAM shows

    def __init__(self, *, history: bool = True) -> None:
        self.actor = "tester"
        self.connection = Recording()
        self.history_there = history

    @property
    def where(self) -> str:
        return "test.db"

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[Recording | None]:
        yield self.connection

    def _stamp(self) -> str:
        return "STAMP"

    def _day_value(self, day: date) -> str:
        return day.isoformat()

    def _stored_day(self, value: Any) -> date:
        return date.fromisoformat(value)

    def _executemany(self, connection: Recording, sql: str,
                     rows: Sequence[Sequence[object]]) -> None:
        for row in rows:
            connection.execute(sql, row)

    def _take_marks(self, connection: Recording, contract_id: int,
                    entries: Sequence[str]) -> dict[str, date]:
        return {}

    def _has_history(self, connection: Recording) -> bool:
        return self.history_there


def test_remove_records_the_contract_as_it_was_with_the_stores_placeholder() -> None:
    store = Store()
    removed = store.remove(7)
    assert removed == Contract(7, "Ziekenhuis A", None, "msz", 2027,
                               "zorg-en-zekerheid/msz-2027", {}, {})
    statements = store.connection.statements
    assert ("DELETE FROM contracts WHERE id = :p", (7,)) in statements
    sql, args = statements[-1]
    assert sql.startswith("INSERT INTO history (contract_id, provider, agb, care_type, year, "
                          "action, detail, by_name, at) VALUES (:p, :p, :p")
    assert args == (7, "Ziekenhuis A", None, "msz", 2027, "removed", "", "tester", "STAMP")
    assert not [sql for sql, _ in statements if "?" in sql or "%s" in sql]


def test_mark_done_writes_the_day_as_the_store_keeps_it() -> None:
    store = Store()
    assert store.mark_done(7, ["ontvangst"], date(2026, 9, 1), {}) == []
    done = [args for sql, args in store.connection.statements if sql.startswith("INSERT INTO done")]
    assert done == [(7, "ontvangst", "2026-09-01", "tester")]
    assert store.connection.statements[-1][1][5:7] == ("done", "ontvangst=2026-09-01")


def test_an_unknown_contract_names_the_ones_there() -> None:
    with pytest.raises(DataError, match=r"ledger test\.db: no contract 8; contracts: 7"):
        Store().remove(8)


def test_a_ledger_without_a_history_table_has_no_history() -> None:
    store = Store(history=False)
    assert store.history() == []
    assert store.history(7) == []  # the contract is there, its history is not
    with pytest.raises(DataError, match="no contract 8"):
        store.history(8)


def test_the_shared_module_imports_no_database_driver() -> None:
    code = ("import sys, zinkoop_cli.loading.ledger_store; "
            "print(sorted(m for m in ('sqlite3', 'psycopg') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
