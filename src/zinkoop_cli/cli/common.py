"""What several commands do the same way: turn their options into the use cases' values."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from zinkoop_cli.errors import UsageError

if TYPE_CHECKING:
    from zinkoop_cli.app.tracking import Where


def parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise UsageError(f"YEAR {text!r} is not a year; write it as 2027") from None
    from zinkoop_cli.core.limits import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(f"YEAR {year} is out of range ({FIRST_YEAR}-{LAST_YEAR})")
    return year


def where(ledger: str | None, calendars: list[Path] | None) -> Where:
    """The ledger and calendar folders a command works on, from its options and the
    environment."""
    from zinkoop_cli.app.tracking import Where

    return Where(ledger, os.environ, list(calendars or []))


def write(text: str) -> None:
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")
