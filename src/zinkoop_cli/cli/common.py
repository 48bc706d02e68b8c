"""What several commands do the same way: load the catalog, pick a calendar, print."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zinkoop_cli.core.model import Calendar
from zinkoop_cli.errors import UsageError
from zinkoop_cli.loading.catalog import Catalog

if TYPE_CHECKING:
    from rich.console import Console


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
