"""Rich table of the calendars zinkoop knows (`zinkoop list`)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table

from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.text import visible
from zinkoop_cli.render.words import CALENDAR_COLUMNS


def calendars_table(calendars: Iterable[Calendar]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in CALENDAR_COLUMNS:
        table.add_column(column, justify="right" if column in ("Jaar", "Regels") else "left")
    for calendar in calendars:
        table.add_row(*(visible(cell) for cell in (
            calendar.publisher, calendar.care_type, str(calendar.year), calendar.version,
            str(len(calendar.entries)), calendar.source)))
    return table
