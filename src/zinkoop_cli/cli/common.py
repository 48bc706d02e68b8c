"""What several commands do the same way: load the catalog, pick a calendar, print."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zinkoop_cli.core.model import Calendar, Entry
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.errors import UnknownCalendarError, UsageError
from zinkoop_cli.loading.catalog import Catalog

if TYPE_CHECKING:
    from rich.console import Console

    from zinkoop_cli.core.contracts import ContractDeadline


def load_catalog(dirs: Sequence[Path]) -> Catalog:
    catalog = Catalog.load(dirs)
    catalog.raise_problems()
    return catalog


def parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise UsageError(f"YEAR {text!r} is not a year; write it as 2027") from None
    if not 2000 <= year <= 2100:
        raise UsageError(f"YEAR {year} is out of range (2000-2100)")
    return year


def pick(catalog: Catalog, care: str, year: str, insurer: str | None) -> Calendar:
    return catalog.find(care, parse_year(year), insurer)


def console(width: int | None = None) -> Console:
    """A console that writes plain text when stdout is no terminal or NO_COLOR is set."""
    from rich.console import Console

    return Console(width=width, highlight=False, soft_wrap=False, emoji=False)


def write(text: str) -> None:
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")


def standalone(catalog: Catalog, insurer: str | None) -> list[Calendar]:
    """Every calendar that no other inherits (of one publisher, with ``--insurer``).

    A calendar that others inherit (a publisher's ``algemeen``) is reached through them:
    its entries are theirs too, and on its own they would show (or warn) twice.
    """
    inherited = {parent.id for calendar in catalog.calendars.values()
                 for parent in catalog.parents(calendar)}
    found = [catalog.calendars[key] for key in sorted(catalog.calendars) if key not in inherited]
    if insurer is not None:
        slug = insurer.strip().lower()
        found = [c for c in found if slug in (c.publisher_id, c.publisher.lower())]
        if not found:
            known = ", ".join(sorted({c.publisher_id for c in catalog.calendars.values()}))
            raise UnknownCalendarError(f"no calendar from {insurer!r}; --insurer can be: "
                                       f"{known}")
    return found


def check_condition(condition: str, entries: Iterable[Entry]) -> str:
    """``--condition`` in lower case, once some entry has it; else a usage error."""
    wanted = condition.strip().lower()
    known = {entry.condition.lower() for entry in entries if entry.condition}
    if wanted not in known:
        listed = ", ".join(sorted(known)) or "none"
        raise UsageError(f"--condition {condition!r}: no entry has that condition; "
                         f"conditions here: {listed}")
    return wanted


def select(rows: list[Row], condition: str | None, unconditional: bool,
           upcoming: bool = False, *, checked: bool = False) -> list[Row]:
    """The rows the user asked for: one condition, no conditional ones, no past ones.

    ``checked``: the condition was already checked against a wider set of entries.
    """
    if condition is not None:
        wanted = condition.strip().lower() if checked else \
            check_condition(condition, (row.entry for row in rows))
        rows = [r for r in rows if r.entry.condition is None
                or r.entry.condition.lower() == wanted]
    if unconditional:
        rows = [r for r in rows if r.entry.condition is None]
    if upcoming:
        rows = [r for r in rows if r.status != "past"]
    return rows


def select_tracked(deadlines: list[ContractDeadline], condition: str | None,
                   unconditional: bool) -> list[ContractDeadline]:
    """Contracts' deadlines under the same --condition and --unconditional as the rows."""
    if condition is not None:
        wanted = condition.strip().lower()
        deadlines = [d for d in deadlines if d.entry.condition is None
                     or d.entry.condition.lower() == wanted]
    if unconditional:
        deadlines = [d for d in deadlines if d.entry.condition is None]
    return deadlines
