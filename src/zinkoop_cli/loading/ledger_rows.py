"""Reading the SQLite ledger's rows into contracts, cell by cell, naming any bad one."""

from __future__ import annotations

import sqlite3
from datetime import date

from zinkoop_cli.core.contracts import Contract
from zinkoop_cli.core.limits import FIRST_DAY, LAST_DAY
from zinkoop_cli.errors import DataError

# Days a ledger may hold; outside them a row was written by something other than zinkoop
# (and a term counted from 9999-12-31 would run off the calendar).
MIN_DAY, MAX_DAY = FIRST_DAY, LAST_DAY  # the one range (core.limits)


def read(connection: sqlite3.Connection, where: str, args: tuple[object, ...], ledger: str,
          *, whole: bool = True) -> list[Contract]:
    """Contracts, checked cell by cell: a row some other program wrote is named, not
    crashed on. Without ``whole``, only their own rows (no events, no done marks)."""
    # Three queries for any number of contracts: per-contract queries would cost more than
    # working out the deadlines.
    selected = f"SELECT id FROM contracts {where}"
    check = _Checker(ledger)
    given: dict[int, dict[str, date]] = {}
    done: dict[int, dict[str, date]] = {}
    if whole:
        for contract_id, name, day in connection.execute(
                f"SELECT contract_id, name, day FROM events WHERE contract_id IN ({selected})",
                args):
            given.setdefault(contract_id, {})[check.text(contract_id, "events.name", name)] = \
                check.day(contract_id, "events.day", day)
        for contract_id, entry, day in connection.execute(
                f"SELECT contract_id, entry, done_on FROM done WHERE contract_id IN ({selected})",
                args):
            done.setdefault(contract_id, {})[check.text(contract_id, "done.entry", entry)] = \
                check.day(contract_id, "done.done_on", day)
    empty: dict[str, date] = {}
    found: list[Contract] = []
    for key, provider, agb, care_type, year, calendar in connection.execute(
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
