"""The ledger interface: what a store of tracked contracts does, and opening one.

SQLite is the first store (ledger_sqlite); a PostgreSQL store will sit behind the same
protocol. This module imports no database driver: warn opens it on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from zinkoop_cli.core.contracts import Contract, NewContract
from zinkoop_cli.errors import DataError, FileAccessError
from zinkoop_cli.loading.paths import ENV_LEDGER, ledger_location

__all__ = ["ENV_LEDGER", "EmptyLedger", "Ledger", "open_ledger"]

# SQLite keeps integers in 64 bits; a larger id cannot name a contract.
MAX_ID = 2**63 - 1


class Ledger(Protocol):
    """A store of tracked contracts; every method is one transaction. It only stores:
    deadlines are worked out by core.contracts.plan."""

    @property
    def where(self) -> str:
        """The ledger as messages name it (a path; never a password)."""
        ...

    def upsert(self, items: Sequence[NewContract],
               progress: Callable[[int], None] | None = None) -> tuple[list[int], int]: ...

    def mark_done(self, contract_id: int, entries: Sequence[str], day: date) -> None: ...

    def remove(self, contract_id: int) -> Contract: ...

    def contracts(self, care_type: str | None = None,
                  year: int | None = None) -> list[Contract]: ...

    def contract(self, contract_id: int) -> Contract: ...


def unknown_contract(where: str, contract_id: int, ids: str) -> DataError:
    """The error for a contract id the ledger does not hold, naming the ones it does."""
    return DataError(f"ledger {where}: no contract {contract_id}; contracts: {ids or 'none'} "
                     "(see 'zinkoop track list')")


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

    def mark_done(self, contract_id: int, entries: Sequence[str], day: date) -> None:
        raise unknown_contract(self._where, contract_id, "")

    def remove(self, contract_id: int) -> Contract:
        raise unknown_contract(self._where, contract_id, "")

    def contracts(self, care_type: str | None = None,
                  year: int | None = None) -> list[Contract]:
        return []

    def contract(self, contract_id: int) -> Contract:
        raise unknown_contract(self._where, contract_id, "")


def open_ledger(given: str | None, env: Mapping[str, str], *, write: bool) -> Ledger:
    """The ledger named by ``--ledger`` (a path or URL), ZINKOOP_LEDGER or the default.

    ``write``: the command changes it (and creates it when missing); otherwise it is opened
    read-only, so that a ledger the user may only read can still be listed and warned from.
    """
    origin, path = ledger_location(given, env)
    if not _exists(path, origin) and not write:
        return EmptyLedger(str(path))
    from zinkoop_cli.loading.ledger_sqlite import SqliteLedger

    return SqliteLedger(path, read_only=not write)


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
