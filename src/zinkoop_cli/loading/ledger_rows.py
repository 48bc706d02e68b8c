"""Reading a ledger's rows into contracts, cell by cell, naming any bad one (both stores)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from zinkoop_cli.core.contracts import Contract
from zinkoop_cli.core.limits import FIRST_DAY, LAST_DAY
from zinkoop_cli.errors import DataError
from zinkoop_cli.loading.ledger import Change

# A connection's execute (sqlite3's and psycopg's alike): SQL and its arguments to rows.
Query = Callable[[str, Sequence[Any]], Iterable[Sequence[Any]]]

# Days a ledger may hold; outside them a row was written by something other than zinkoop
# (and a term counted from 9999-12-31 would run off the calendar).
MIN_DAY, MAX_DAY = FIRST_DAY, LAST_DAY  # the one range (core.limits)


def read(query: Query, where: str, args: tuple[object, ...], ledger: str,
          *, whole: bool = True, day: str = "day", done_on: str = "done_on") -> list[Contract]:
    """Contracts, checked cell by cell: a row some other program wrote is named, not
    crashed on. Without ``whole``, only their own rows (no events, no done marks).

    ``day``, ``done_on``: how to select those columns as YYYY-MM-DD text (PostgreSQL keeps
    dates, SQLite text)."""
    # Three queries for any number of contracts: per-contract queries would cost more than
    # working out the deadlines.
    selected = f"SELECT id FROM contracts {where}"
    check = _Checker(ledger)
    given: dict[int, dict[str, date]] = {}
    done: dict[int, dict[str, date]] = {}
    if whole:
        for contract_id, name, value in query(
                f"SELECT contract_id, name, {day} FROM events "
                f"WHERE contract_id IN ({selected})", args):
            given.setdefault(contract_id, {})[check.text(contract_id, "events.name", name)] = \
                check.day(contract_id, "events.day", value)
        for contract_id, entry, value in query(
                f"SELECT contract_id, entry, {done_on} FROM done "
                f"WHERE contract_id IN ({selected})", args):
            done.setdefault(contract_id, {})[check.text(contract_id, "done.entry", entry)] = \
                check.day(contract_id, "done.done_on", value)
    empty: dict[str, date] = {}
    found: list[Contract] = []
    for key, provider, agb, care_type, year, calendar in query(
            "SELECT id, provider, agb, care_type, year, calendar FROM contracts "
            f"{where} ORDER BY id", args):
        if whole:
            found.append(Contract(
                key, check.text(key, "provider", provider),
                None if agb is None else check.text(key, "agb", agb),
                check.text(key, "care_type", care_type), check.year(key, year),
                check.text(key, "calendar", calendar),
                given.get(key, empty), done.get(key, empty)))
        else:
            found.append(Contract(key, str(provider), agb, str(care_type), year, str(calendar),
                                  empty, empty))
    return found


# The history's columns, in the order both stores write and read them.
HISTORY_COLUMNS = "contract_id, provider, agb, care_type, year, action, detail, by_name, at"
HISTORY = f"SELECT {HISTORY_COLUMNS} FROM history"


def read_history(query: Query, where: str, args: tuple[object, ...],
                 ledger: str) -> list[Change]:
    """The history rows, oldest first, as ``Change``s (a row another program wrote is
    named)."""
    check = _Checker(ledger)
    found: list[Change] = []
    for key, provider, agb, care_type, year, action, detail, by, at in query(
            f"{HISTORY} {where} ORDER BY seq", args):
        when = at
        if isinstance(at, str):
            try:
                when = datetime.fromisoformat(at)
            except ValueError:
                raise check.bad(key, "history.at", at, "a time") from None
        if not isinstance(when, datetime):
            raise check.bad(key, "history.at", at, "a time")
        found.append(Change(key, check.text(key, "history.provider", provider), agb,
                            check.text(key, "history.care_type", care_type), year,
                            check.text(key, "history.action", action), str(detail or ""),
                            check.text(key, "history.by", by), when.astimezone(UTC)))
    return found


class _Checker:
    """Turns a ledger's cells into values, or a DataError naming the contract and cell."""

    def __init__(self, ledger: str) -> None:
        self.ledger = ledger
        self.days: dict[str, date] = {}  # many contracts share a day: parse each text once

    def bad(self, contract_id: object, column: str, value: object, want: str) -> DataError:
        return DataError(
            f"ledger {self.ledger}: contract {contract_id}: {column} {value!r} is not {want}; "
            "the file was changed by something other than zinkoop: correct it with "
            f"'zinkoop track add' or 'zinkoop track remove {contract_id}'")

    def text(self, contract_id: int, column: str, value: object) -> str:
        if not isinstance(value, str):
            raise self.bad(contract_id, column, value, "a text")
        return value

    def year(self, contract_id: int, value: object) -> int:
        if not isinstance(value, int) or not MIN_DAY.year <= value <= MAX_DAY.year:
            raise self.bad(contract_id, "year", value, "a year")
        return value

    def day(self, contract_id: int, column: str, value: object) -> date:
        found = self.days.get(value) if isinstance(value, str) else None
        if found is not None:
            return found
        want = f"a day from {MIN_DAY} to {MAX_DAY} (YYYY-MM-DD)"
        if not isinstance(value, str):
            raise self.bad(contract_id, column, value, want)
        try:
            found = date.fromisoformat(value)
        except ValueError:
            raise self.bad(contract_id, column, value, want) from None
        if not MIN_DAY <= found <= MAX_DAY:
            raise self.bad(contract_id, column, value, want)
        self.days[value] = found
        return found
