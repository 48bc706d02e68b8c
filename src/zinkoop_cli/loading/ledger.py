"""The ledger interface: what a store of tracked contracts does, and opening one.

Two stores sit behind the one protocol: SQLite for one person (ledger_sqlite) and
PostgreSQL for a team (ledger_pg). This module imports no database driver: warn opens it on
every run, and psycopg is imported only when a postgresql:// URL is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from zinkoop_cli.core.contracts import Contract, NewContract
from zinkoop_cli.errors import DataError, FileAccessError
from zinkoop_cli.loading.paths import ENV_LEDGER, ledger_location

__all__ = ["ENV_LEDGER", "AlreadyDone", "Change", "EmptyLedger", "Ledger", "open_ledger"]

# SQLite keeps integers in 64 bits (PostgreSQL's bigint too); a larger id names no contract.
MAX_ID = 2**63 - 1
SCHEMA_VERSION = 2
# Long enough to wait out another zinkoop's import of thousands of rows, short enough that
# a stuck process is reported instead of hanging cron. Both stores wait this long.
BUSY_TIMEOUT_S = 10.0
ACTIONS = ("added", "updated", "done", "reopened", "removed")
_POSTGRES = re.compile(r"^\s*postgres(?:ql)?://", re.IGNORECASE)


class Change(NamedTuple):
    """One line of a ledger's history: who changed which contract, how, and when."""

    contract_id: int
    provider: str
    agb: str | None
    care_type: str
    year: int
    action: str  # one of ACTIONS
    detail: str  # "name=YYYY-MM-DD, ...": the events given, the entries marked done, or
    # those reopened with the day they had been marked done
    by: str
    at: datetime  # UTC


class AlreadyDone(NamedTuple):
    """An entry someone else marked done while this command was working it out."""

    entry: str
    day: date
    by: str | None  # None: marked before the ledger recorded who


class Ledger(Protocol):
    """A store of tracked contracts; every method is one transaction. It only stores:
    deadlines are worked out by core.contracts.plan. A store opened for writing records
    its ``actor`` with every change."""

    @property
    def where(self) -> str:
        """The ledger as messages name it (a path, or a URL without its password)."""
        ...

    def upsert(self, items: Sequence[NewContract],
               progress: Callable[[int], None] | None = None) -> tuple[list[int], int]: ...

    def mark_done(self, contract_id: int, entries: Sequence[str], day: date,
                  seen: Mapping[str, date]) -> list[AlreadyDone]:
        """Mark ``entries`` done on ``day``, except those whose done mark is no longer
        what the caller ``seen``: someone else marked them meanwhile; those are returned."""
        ...

    def reopen(self, contract_id: int, entries: Sequence[str]) -> dict[str, date]:
        """Take the done marks of ``entries`` away (undo `track done`): those it took, with
        the day each had been marked done; an entry without a mark is left out."""
        ...

    def remove(self, contract_id: int) -> Contract: ...

    def contracts(self, care_type: str | None = None,
                  year: int | None = None) -> list[Contract]: ...

    def contract(self, contract_id: int) -> Contract: ...

    def history(self, contract_id: int | None = None) -> list[Change]:
        """Every change (to one contract), oldest first."""
        ...


def unknown_contract(where: str, contract_id: int, ids: str) -> DataError:
    """The error for a contract id the ledger does not hold, naming the ones it does."""
    return DataError(f"ledger {where}: no contract {contract_id}; contracts: {ids or 'none'} "
                     "(see 'zinkoop track list')")


def default_actor() -> str:
    """Who makes a change when ``--by`` is not given: the OS user."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no LOGNAME/USER and no passwd entry
        return "unknown"


def detail(days: Mapping[str, date]) -> str:
    return ", ".join(f"{name}={day.isoformat()}" for name, day in sorted(days.items()))


def split_marks(entries: Sequence[str], marks: Mapping[str, tuple[date, str | None]],
                seen: Mapping[str, date]) -> tuple[list[str], list[AlreadyDone]]:
    """Which ``entries`` to mark, and which someone else marked since the caller read the
    contract (its done mark is no longer the one the caller ``seen``)."""
    marking: list[str] = []
    already: list[AlreadyDone] = []
    for entry in entries:
        mark = marks.get(entry)
        if mark is not None and mark[0] != seen.get(entry):
            already.append(AlreadyDone(entry, *mark))
        else:
            marking.append(entry)
    return marking, already


class Dump(NamedTuple):
    """All a ledger holds, for `track migrate`."""

    contracts: list[Contract]
    done_by: Mapping[tuple[int, str], str | None]  # (contract, entry) -> who marked it
    history: list[Change]
    last_id: int  # the highest contract number ever given (removed ones too)


class EmptyLedger:
    """A ledger that does not exist yet, read without creating it (or importing sqlite3)."""

    def __init__(self, where: str) -> None:
        self._where = where

    @property
    def where(self) -> str:
        return self._where

    def upsert(self, items: Sequence[NewContract],
               progress: Callable[[int], None] | None = None) -> tuple[list[int], int]:
        raise TypeError("an EmptyLedger is only read")  # a bug, not a user's error

    def mark_done(self, contract_id: int, entries: Sequence[str], day: date,
                  seen: Mapping[str, date]) -> list[AlreadyDone]:
        raise unknown_contract(self._where, contract_id, "")

    def reopen(self, contract_id: int, entries: Sequence[str]) -> dict[str, date]:
        raise unknown_contract(self._where, contract_id, "")

    def remove(self, contract_id: int) -> Contract:
        raise unknown_contract(self._where, contract_id, "")

    def contracts(self, care_type: str | None = None,
                  year: int | None = None) -> list[Contract]:
        return []

    def contract(self, contract_id: int) -> Contract:
        raise unknown_contract(self._where, contract_id, "")

    def history(self, contract_id: int | None = None) -> list[Change]:
        if contract_id is not None:
            raise unknown_contract(self._where, contract_id, "")
        return []


def postgres_url(given: str | None, env: Mapping[str, str]) -> tuple[str, str] | None:
    """Where it came from and the URL, when the ledger named is a PostgreSQL server."""
    if given is not None:
        origin, text = "--ledger", given
    elif env.get(ENV_LEDGER):
        origin, text = ENV_LEDGER, env[ENV_LEDGER]
    else:
        return None
    return (origin, text.strip()) if _POSTGRES.match(text) else None


def open_ledger(given: str | None, env: Mapping[str, str], *, write: bool,
                actor: str | None = None) -> Ledger:
    """The ledger named by ``--ledger`` (a path or URL), ZINKOOP_LEDGER or the default.

    ``write``: the command changes it (and creates it when missing); otherwise it is opened
    read-only, so that a ledger the user may only read can still be listed and warned from.
    ``actor``: who the changes are recorded as made by (default: the OS user).
    """
    url = postgres_url(given, env)
    if url is not None:
        from zinkoop_cli.loading.ledger_pg import PgLedger

        return PgLedger(url[1], origin=url[0], read_only=not write,
                        actor=actor or default_actor())
    origin, path = ledger_location(given, env)
    if not _exists(path, origin) and not write:
        return EmptyLedger(str(path))
    from zinkoop_cli.loading.ledger_sqlite import SqliteLedger

    return SqliteLedger(path, read_only=not write, actor=actor or default_actor())


def _exists(path: Path, origin: str) -> bool:
    """Whether the file is there; an error when it never can be (a file where a folder
    should be, a name too long, a folder we may not enter)."""
    try:
        if path.exists():
            return True
        ancestor = path.parent
        while not ancestor.exists() and ancestor != ancestor.parent:
            ancestor = ancestor.parent
        if not ancestor.is_dir():
            raise FileAccessError(f"ledger {path} (from {origin}): {ancestor} is not a "
                                  "folder; choose another --ledger")
    except OSError as error:
        raise FileAccessError(f"ledger {path} (from {origin}): cannot look it up "
                              f"({error.strerror or type(error).__name__}); choose another "
                              "--ledger") from None
    return False


def ranges(ids: Sequence[int]) -> str:
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
