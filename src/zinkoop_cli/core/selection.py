"""What the user asked to see: --atw, --condition, --unconditional, --upcoming, --insurer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from zinkoop_cli.core.model import Entry
from zinkoop_cli.errors import UsageError

if TYPE_CHECKING:
    from zinkoop_cli.core.contracts import ContractDeadline
    from zinkoop_cli.core.resolve import Row


class Selection(NamedTuple):
    """The options that choose and count rows, passed as one value through every layer."""

    atw: bool = False
    condition: str | None = None
    unconditional: bool = False
    upcoming: bool = False
    insurer: str | None = None

    @property
    def wanted(self) -> str | None:
        """``--condition`` as entries are compared with it (lower case)."""
        return None if self.condition is None else self.condition.strip().lower()


def check_condition(selection: Selection, entries: Iterable[Entry]) -> None:
    """A usage error when ``--condition`` names a condition no entry has."""
    if selection.condition is None:
        return
    known = {entry.condition.lower() for entry in entries if entry.condition}
    if selection.wanted not in known:
        listed = ", ".join(sorted(known)) or "none"
        raise UsageError(f"--condition {selection.condition!r}: no entry has that condition; "
                         f"conditions here: {listed}")


def keeps(selection: Selection, entry: Entry) -> bool:
    """Whether an entry passes --condition and --unconditional."""
    if entry.condition is None:
        return True
    if selection.unconditional:
        return False
    return selection.condition is None or entry.condition.lower() == selection.wanted


def select_rows(rows: Sequence[Row], selection: Selection) -> list[Row]:
    """The rows asked for: one condition, no conditional ones, no past ones (--upcoming)."""
    return [row for row in rows if keeps(selection, row.entry)
            and not (selection.upcoming and row.status == "past")]


def select_deadlines(deadlines: Iterable[ContractDeadline],
                     selection: Selection) -> list[ContractDeadline]:
    """Contracts' deadlines under the same --condition and --unconditional as the rows."""
    return [deadline for deadline in deadlines if keeps(selection, deadline.row.entry)]
